"""Plain-words dates: "7 Sep 2020", "21–24 Jan 2020", "Q3–Q4 2021", "Dec 2020"."""

from __future__ import annotations

from datetime import date


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def describe_range(start: date, end: date, precision: str = "day") -> str:
    """Describe an inclusive date range honestly for its precision."""
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "month":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%b %Y}"
        return f"{start:%b %Y}–{end:%b %Y}"
    if precision == "quarter":
        first, last = (start.month - 1) // 3 + 1, (end.month - 1) // 3 + 1
        quarters = f"Q{first}" if first == last else f"Q{first}–Q{last}"
        return f"{quarters} {start.year}"
    if precision == "half":
        first, last = (start.month - 1) // 6 + 1, (end.month - 1) // 6 + 1
        halves = f"H{first}" if first == last else f"H{first}–H{last}"
        return f"{halves} {start.year}"
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%b}–{_day(end)}"
    return f"{_day(start)}–{_day(end)}"


def describe_partial(d: date | None, precision: str | None) -> str:
    """Describe a publication date of day, month or year precision."""
    if d is None:
        return ""
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{d:%b %Y}"
    return _day(d)
