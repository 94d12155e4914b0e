"""Drafts to {field: message}: what is wrong, in plain words, beside the field. Never raises.

Text fields hold any Unicode text, which an iCalendar export and import keep exactly (line
breaks, tabs, ``;``, ``,`` and ``\\`` included, and right-to-left text with its direction
marks; white space at either end is trimmed when saved), but for control characters other
than the line feed and the tab: NUL, the carriage return, escape and the rest of Unicode's
Cc. A calendar file cannot carry them (RFC 5545 allows none in text, and has only the line
feed for a line break), so a draft holding one is refused with the character named, rather
than saved and then changed or lost on the way out. A web address holds no white space,
control character or backslash at all.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, available_timezones

from .dto import EventDraft
from .vocabulary import DATE_PRECISIONS, EVENT_MODES, EVENT_STATUSES

TITLE_MAX = 300
TEXT_MAX = 20_000
ATTENDANCE_MAX = 1_000_000_000  # more than any event holds, far below SQLite's integers
# A host name, or an IP address (v6 in brackets); what browsers would open.
_HOST = re.compile(r"[\w.-]+|\[[0-9A-Fa-f:.]+\]")
# Unicode's control characters (Cc) but the line feed and the tab.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TEXT_FIELDS = {
    "title": "Title",
    "series": "Series",
    "location": "Location",
    "description": "Description",
    "date_text": "The report's date",
    "note": "Note",
    "attendance_text": "The report's attendance",
}
_ZONES: frozenset[str] | None = None


def known_time_zones() -> frozenset[str]:
    """The IANA time zones this machine knows (from tzdata where the system has none)."""
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return _ZONES


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an http(s) address with a host, and no space, control or backslash."""
    # urlsplit drops tabs and line breaks without a word, so they are looked for first; a
    # backslash, which browsers read as a slash, does not survive a calendar file either.
    if any(c.isspace() or c == "\\" for c in text) or CONTROL_CHARACTER.search(text):
        return False
    try:
        parts = urlsplit(text)
        port = parts.port  # ValueError for a port that is not a number
    except ValueError:
        return False
    host = parts.netloc.rpartition("@")[2]
    if port is not None:
        host = host.rsplit(":", 1)[0]
    return parts.scheme in {"http", "https"} and bool(host) and bool(_HOST.fullmatch(host))


def skipped_local_time(day: date, clock: time, zone: str) -> bool:
    """Whether ``clock`` on ``day`` never happens in ``zone`` (the clocks jump past it)."""
    local = datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
    try:
        back = local.astimezone(UTC).astimezone(ZoneInfo(zone))
    except OverflowError:  # within hours of 1 Jan 1 or 31 Dec 9999: no clocks changed then
        return False
    return back.replace(tzinfo=None) != local.replace(tzinfo=None)


def control_character(text: str) -> str | None:
    """Return the first character of ``text`` that cannot be saved, as "U+000D", or None."""
    found = CONTROL_CHARACTER.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def validate_event(draft: EventDraft) -> dict[str, str]:
    """Return a message per field that is wrong; an empty dict means the draft can be saved."""
    errors: dict[str, str] = {}
    title = draft.title.strip()
    if not title:
        errors["title"] = "Title is required"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Title is too long (at most {TITLE_MAX} characters)"
    if draft.start_date is None:
        errors["start_date"] = "Start date is required"
    if draft.end_date is None:
        errors["end_date"] = "End date is required"
    if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
        errors["end_date"] = "End is before start"
    if not draft.all_day:
        if draft.start_time is None:
            errors["start_time"] = "Start time is required for a timed event"
        if draft.end_time is None:
            errors["end_time"] = "End time is required for a timed event"
        if not draft.timezone:
            errors["timezone"] = "Time zone is required for a timed event"
        elif draft.timezone not in known_time_zones():
            errors["timezone"] = "Unknown time zone"
        if (
            "end_date" not in errors
            and draft.start_date == draft.end_date
            and draft.start_time is not None
            and draft.end_time is not None
            and draft.end_time < draft.start_time
        ):
            errors["end_time"] = "End is before start"
    if not errors.keys() & {"timezone", "end_time", "end_date"} and not draft.all_day:
        for field, day, clock in (
            ("start_time", draft.start_date, draft.start_time),
            ("end_time", draft.end_date, draft.end_time),
        ):
            if day and clock and draft.timezone and skipped_local_time(day, clock, draft.timezone):
                errors[field] = (
                    f"There is no {clock:%H:%M} on {day.isoformat()} in {draft.timezone}: "
                    "the clocks go forward past it"
                )
    if draft.url.strip() and not is_web_address(draft.url.strip()):
        errors["url"] = "Not a web address"
    if draft.attendance is not None and draft.attendance < 0:
        errors["attendance"] = "Attendance cannot be negative"
    elif draft.attendance is not None and draft.attendance > ATTENDANCE_MAX:
        errors["attendance"] = f"Attendance must be at most {ATTENDANCE_MAX:,}"
    if draft.mode is not None and draft.mode not in EVENT_MODES:
        errors["mode"] = "Unknown mode"
    if draft.status not in EVENT_STATUSES:
        errors["status"] = "Unknown status"
    if draft.date_precision not in DATE_PRECISIONS:
        errors["date_precision"] = "Unknown date precision"
    for name, country in draft.new_cities:
        if not name.strip() or not country.strip():
            errors["cities"] = "A new city needs a name and a country"
    if len(draft.description) > TEXT_MAX:
        errors["description"] = f"Description is too long (at most {TEXT_MAX} characters)"
    for name, label in TEXT_FIELDS.items():
        code = control_character(getattr(draft, name))
        if code:  # over any other message: an unseen character is the first thing to fix
            errors[name] = f"{label} holds a control character ({code}), which cannot be saved"
    for name, country in draft.new_cities:
        for part, text in (("name", name), ("country", country)):
            code = control_character(text)
            if code:
                errors["cities"] = (
                    f"A new city's {part} holds a control character ({code}), which cannot be saved"
                )
    return errors
