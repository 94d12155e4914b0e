"""What event text may hold, and that an iCalendar export and import keep it exactly.

Regressions found by ``tests/reliability/test_hostile_roundtrip.py``: a link holding a line
break passed validation and then crashed the export; a backslash followed by N came back as
a line break; the report's date words holding a line break crashed the export (and under
``python -O`` wrote a broken file), and their paragraphs were left in the description.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.ical.export import CalendarEvent, calendar_bytes
from iclei_desktop.core.validation import is_web_address, validate_event
from tests.ical_support import open_empty_catalogue, unfolded, vevents


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Catalogue]:
    opened = open_empty_catalogue(tmp_path / "empty")
    yield opened
    opened.close()


def day_event(**changes: object) -> EventDraft:
    values: dict[str, object] = {
        "title": "Text rules",
        "start_date": date(2021, 3, 1),
        "end_date": date(2021, 3, 1),
    }
    values.update(changes)
    return EventDraft(**values)  # type: ignore[arg-type]


def round_trip(first: Catalogue, folder: Path, draft: EventDraft) -> tuple[EventDraft, bytes]:
    """Save ``draft``, export it, import the file into a new catalogue; return that copy."""
    uid = first.create_event(draft)
    target = folder / "events.ics"
    first.export_calendar(target)
    second = open_empty_catalogue(folder / "second")
    try:
        assert second.import_calendar(target).added == 1
        return second.event_draft(uid), target.read_bytes()
    finally:
        second.close()


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("title", "Title"),
        ("series", "Series"),
        ("location", "Location"),
        ("description", "Description"),
        ("date_text", "The report's date"),
        ("note", "Note"),
        ("attendance_text", "The report's attendance"),
    ],
)
@pytest.mark.parametrize("character", ["\x00", "\r", "\x0b", "\x1b", "\x7f", "\x85"])
def test_a_control_character_is_refused_by_name(field: str, label: str, character: str) -> None:
    draft = day_event(**{field: f"before{character}after"})
    assert validate_event(draft)[field] == (
        f"{label} holds a control character (U+{ord(character):04X}), which cannot be saved"
    )


@pytest.mark.parametrize(
    "text",
    [
        "two\nlines",
        "a\ttab",
        "مرحبا \u202eevil\u202c",
        "a\u2028b",
        "👩\u200d👩\u200d👧",
        "a;b,c\\d",
    ],
)
def test_line_breaks_tabs_and_any_script_are_text(text: str) -> None:
    draft = day_event(title=text, location=text, description=text, note=text)
    assert validate_event(draft) == {}


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/\r\nBEGIN:VEVENT\r\nUID:x",
        "https://example.org/a\nb",
        "https://example.org/a\tb",
        "https://example.org/a b",
        "https://example.org/a\x00b",
        "https://example.org/a\\b",
    ],
)
def test_a_web_address_holds_no_white_space_control_or_backslash(url: str) -> None:
    # urlsplit drops tabs and line breaks, so the first three once passed.
    assert not is_web_address(url)
    assert validate_event(day_event(url=url)) == {"url": "Not a web address"}


def test_a_backslash_and_n_written_out_come_back_as_written(
    empty: Catalogue, tmp_path: Path
) -> None:
    text = r"C:\New folder\notes, \N and \n; \\"
    back, data = round_trip(empty, tmp_path, day_event(title=text, description=text))
    assert (back.title, back.description) == (text, text)
    assert r"SUMMARY:C:\\New folder\\notes\, \\N and \\n\; \\\\" in unfolded(data)


def test_the_report_s_date_words_with_paragraphs_come_back_whole(
    empty: Catalogue, tmp_path: Path
) -> None:
    words = "“Q3”\n\nor later; see p. 12, \\ note"
    draft = day_event(
        end_date=date(2021, 9, 30),
        date_precision="quarter",
        date_text=words,
        description="The real description.\n\nIts second paragraph.",
    )
    back, data = round_trip(empty, tmp_path, draft)
    assert (back.date_text, back.description) == (words, draft.description)
    assert [str(e["X-ICLEI-DATE-TEXT"]) for e in vevents(data).values()] == [words]


def test_an_older_export_s_date_words_are_still_read(empty: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "older.ics"
    source.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:old@x\r\n"
        "SUMMARY:Older\r\nDTSTART;VALUE=DATE:20210701\r\nDTEND;VALUE=DATE:20211001\r\n"
        "CATEGORIES:Date not fixed\r\nDESCRIPTION:Date not fixed: the report says “Q3\\, 2021”"
        "\r\nX-ICLEI-DATE-PRECISION:quarter\r\nX-ICLEI-DATE-TEXT:Q3, 2021\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    assert empty.import_calendar(source).added == 1
    draft = empty.event_draft("old@x")
    assert (draft.date_text, draft.description, draft.date_precision) == ("Q3, 2021", "", "quarter")


def test_a_calendar_name_holding_a_line_break_is_escaped() -> None:
    event = CalendarEvent(
        uid="u@x",
        title="T",
        start_date=date(2021, 3, 1),
        end_date=date(2021, 3, 1),
        all_day=True,
        start_time=None,
        end_time=None,
        timezone=None,
        date_precision="day",
        date_text=None,
        status="confirmed",
        mode=None,
        location=None,
        description=None,
        url=None,
        sequence=0,
        created_at=datetime(2021, 1, 1, tzinfo=UTC),
        updated_at=datetime(2021, 1, 1, tzinfo=UTC),
        program=None,
        pathways=(),
    )
    lines = unfolded(calendar_bytes([event], "Events\nBEGIN:VEVENT"))
    assert "X-WR-CALNAME:Events\\nBEGIN:VEVENT" in lines
    assert lines.count("BEGIN:VEVENT") == 1


@pytest.mark.parametrize(
    "url",
    ["https://<b>x</b>/", "http://iclei.org:eighty/", "https:///path", "https://a b.org/"],
)
def test_a_web_address_needs_a_real_host_and_port(url: str) -> None:
    assert not is_web_address(url)
    assert validate_event(day_event(url=url)) == {"url": "Not a web address"}


@pytest.mark.parametrize(
    "url", ["https://iclei.org:8443/x", "https://user@[2001:db8::1]:8080/", "http://x.cn/成都"]
)
def test_hosts_ports_and_paths_of_any_script_are_web_addresses(url: str) -> None:
    assert is_web_address(url)


def test_a_time_the_clocks_skip_is_refused_and_one_they_repeat_is_kept() -> None:
    gap = day_event(
        all_day=False,
        start_date=date(2021, 3, 14),
        end_date=date(2021, 3, 14),
        start_time=time(2, 30),
        end_time=time(4, 0),
        timezone="America/New_York",
    )
    assert validate_event(gap) == {
        "start_time": "There is no 02:30 on 2021-03-14 in America/New_York: the clocks go "
        "forward past it"
    }
    repeated = replace(
        gap, start_date=date(2021, 11, 7), end_date=date(2021, 11, 7), start_time=time(1, 30)
    )
    assert validate_event(repeated) == {}


def test_attendance_has_a_ceiling_a_database_can_hold() -> None:
    assert validate_event(day_event(attendance=1_000_000_000)) == {}
    assert validate_event(day_event(attendance=2**63)) == {
        "attendance": "Attendance must be at most 1,000,000,000"
    }


def test_a_new_city_names_the_part_holding_a_control_character() -> None:
    draft = day_event(new_cities=(("Ulaanbaatar", "Mongolia\x07"),))
    assert validate_event(draft) == {
        "cities": "A new city's country holds a control character (U+0007), which cannot be saved"
    }


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_time_at_the_ends_of_the_calendar_is_checked_without_overflowing(day: date) -> None:
    # Found by the fuzzing: converting such a time to UTC and back overflowed.
    draft = day_event(
        all_day=False,
        start_date=day,
        end_date=day,
        start_time=time(0, 30),
        end_time=time(23, 30),
        timezone="Pacific/Kiritimati" if day.year == 1 else "Pacific/Pago_Pago",
    )
    assert validate_event(draft) == {}
