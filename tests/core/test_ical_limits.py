"""The import's bounds: caps on the file's shape, time zones read with bounded work, odd values.

Each test here stands for a fault the fuzzing in ``tests/reliability/test_ics_fuzz.py``
found: a folded line unfolded in quadratic time, a VTIMEZONE whose rule repeats every second
(followed for hours), a property given twice or as a PERIOD making the whole file fail, a
date reckoned past 9999, and a repeating event whose many EXDATEs made its description too
long to import; and the caps that bound the parser's time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from icalendar import Calendar, Component
from icalendar.timezone import tzp

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import CalendarImportError
from iclei_desktop.core.ical import ImportPreview
from iclei_desktop.core.ical import import_ as ical_import
from tests.ical_support import open_empty_catalogue

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ICLEI Desktop tests//limits//EN\r\n"
FOOT = "END:VCALENDAR\r\n"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Catalogue]:
    opened = open_empty_catalogue(tmp_path / "empty")
    yield opened
    opened.close()


def write(tmp_path: Path, text: str, name: str = "calendar.ics") -> Path:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return source


def vevent(lines: str, uid: str = "one@x", start: str = ";VALUE=DATE:20210301") -> str:
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:One\r\nDTSTART{start}\r\n{lines}END:VEVENT\r\n"


def refusal(catalogue: Catalogue, source: Path) -> str:
    before = catalogue.events()
    with pytest.raises(CalendarImportError) as error:
        catalogue.import_calendar(source)
    assert catalogue.events() == before
    return str(error.value).removeprefix(f"cannot import {source}: ")


def reasons(done: ImportPreview) -> list[tuple[str, str]]:
    return [(item.action, item.reason) for item in done.items]


# --- caps on the file's shape --------------------------------------------------------------


def test_a_line_folded_100_000_times_is_refused_in_linear_time(
    empty: Catalogue, tmp_path: Path
) -> None:
    folded = "\r\n ".join(["x" * 74] * 100_000)
    source = write(tmp_path, HEAD + vevent(f"DESCRIPTION:{folded}\r\n") + FOOT)
    started = time.perf_counter()
    message = refusal(empty, source)
    # Joined piece by piece, as before, this took over half a minute.
    assert time.perf_counter() - started < 3
    assert message == "line 8 is 7,400,012 characters long; at most 100,000 are read"


def test_more_lines_than_the_cap_are_refused(
    empty: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ical_import, "MAX_LINES", 12)
    fits = write(tmp_path, HEAD + vevent("X-A:1\r\n" * 3) + FOOT, "fits.ics")
    assert empty.import_calendar(fits).added == 1
    over = write(tmp_path, HEAD + vevent("X-A:1\r\n" * 4, uid="two@x") + FOOT, "over.ics")
    assert refusal(empty, over) == "it has more than 12 lines, the most one import reads"


def test_more_properties_in_a_component_than_the_cap_are_refused(
    empty: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ical_import, "MAX_PROPERTIES", 5)
    source = write(tmp_path, HEAD + vevent("X-A:1\r\nX-B:2\r\nX-C:3\r\n") + FOOT)
    assert refusal(empty, source) == (
        "line 10: the VEVENT begun on line 4 has more than 5 properties"
    )


def test_more_time_zones_than_the_cap_are_refused(
    empty: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ical_import, "MAX_TIMEZONES", 2)
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:{}\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    # The same TZID twice counts once.
    zones = "".join(zone.format(name) for name in ("A", "B", "A", "C"))
    source = write(tmp_path, HEAD + zones + FOOT)
    assert refusal(empty, source) == (
        "line 29: it defines more than 2 time zones (VTIMEZONE), the most one import reads"
    )


# --- time zones the file defines -----------------------------------------------------------

ZONES = {
    "Outlook, from 1601": (
        "BEGIN:STANDARD\r\nDTSTART:16011104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"
        "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"
        "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\n"
    ),
    "rules that changed, with UNTIL": (
        "BEGIN:DAYLIGHT\r\nDTSTART:19870405T020000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z\r\n"
        "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19671029T020000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z\r\n"
        "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
        "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
        "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
    ),
    "southern hemisphere": (
        "BEGIN:STANDARD\r\nDTSTART:20080406T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\n"
        "TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:20081005T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n"
        "TZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100\r\nEND:DAYLIGHT\r\n"
    ),
    "month days and a weekday": (
        "BEGIN:DAYLIGHT\r\nDTSTART:19700405T020000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=SU\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nEND:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=-7,-6,-5,-4,-3,-2,-1;BYDAY=SU\r\n"
        "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\n"
    ),
    "every other year, and COUNT": (
        "BEGIN:DAYLIGHT\r\nDTSTART:19800301T020000\r\nRRULE:FREQ=YEARLY;INTERVAL=2;COUNT=15\r\n"
        "TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0900\r\nEND:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19801001T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10\r\n"
        "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0800\r\nEND:STANDARD\r\n"
    ),
    "changes on listed dates": (
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "RDATE:19950101T000000,20100601T120000,20210301\r\n"
        "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19900101T000000\r\nRDATE:20000101T000000,20150101T000000\r\n"
        "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0630\r\nEND:DAYLIGHT\r\n"
    ),
}


def definition(parts: str, tzid: str = "Custom") -> Component:
    text = f"{HEAD}BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n{parts}END:VTIMEZONE\r\n{FOOT}"
    return Calendar.from_ical(text).walk("VTIMEZONE")[0]


@pytest.mark.parametrize("name", list(ZONES))
def test_a_defined_zone_gives_the_offsets_the_library_gives(name: str) -> None:
    """The bounded reader agrees with the library's (dateutil) on the rules real zones have."""
    zone = definition(ZONES[name])
    bounded = ical_import._FileZone("Custom", zone)
    library: tzinfo = tzp.create_timezone(zone)
    rng = random.Random(name)
    moments = [datetime(1965, 1, 1) + timedelta(hours=rng.randrange(80 * 8766)) for _ in range(400)]
    # Every hour of every March, April, October and November 2001-2012: the changes.
    moments += [
        datetime(year, month, 1) + timedelta(hours=hour)
        for year in range(2001, 2013)
        for month in (3, 4, 10, 11)
        for hour in range(0, 30 * 24)
    ]
    differ = [m for m in moments if bounded.utcoffset(m) != library.utcoffset(m)]
    assert differ == []


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=SECONDLY", "its rule “FREQ=SECONDLY” is not a yearly change on a day of a month"),
        ("FREQ=DAILY", "its rule “FREQ=DAILY” is not a yearly change on a day of a month"),
        (
            "FREQ=YEARLY;BYMONTH=3;BYHOUR=1,2,3",
            "its rule “FREQ=YEARLY;BYHOUR=1,2,3;BYMONTH=3” is not a yearly change on a day "
            "of a month",
        ),
        ("FREQ=YEARLY;BYDAY=20MO", "its rule “FREQ=YEARLY;BYDAY=20MO” has a part out of range"),
        (
            "FREQ=YEARLY;BYMONTH=3;COUNT=5000",
            "its rule with COUNT runs over 1,000 years to reach 2021",
        ),
    ],
)
def test_a_zone_whose_rule_cannot_be_followed_quickly_skips_its_event(
    empty: Catalogue, tmp_path: Path, rule: str, why: str
) -> None:
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Odd\r\nBEGIN:DAYLIGHT\r\nDTSTART:00010301T020000\r\n"
        f"RRULE:{rule}\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+1000\r\nEND:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\nDTSTART:00011001T020000\r\nTZOFFSETFROM:+1000\r\n"
        "TZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    source = write(tmp_path, HEAD + zone + vevent("", start=";TZID=Odd:20210701T100000") + FOOT)
    started = time.perf_counter()
    done = empty.import_calendar(source)
    assert time.perf_counter() - started < 3
    assert reasons(done) == [("skip", f"the VTIMEZONE “Odd” cannot be read ({why})")]


# --- odd values that once refused the whole file -------------------------------------------


@pytest.mark.parametrize(
    ("lines", "start", "reason"),
    [
        ("DTSTART;VALUE=DATE:20210302\r\n", ";VALUE=DATE:20210301", "DTSTART is given 2 times"),
        (
            "DTEND;VALUE=PERIOD:20210301T100000Z/PT1H\r\n",
            ":20210301T090000Z",
            "DTEND is not a date or a date and time",
        ),
        ("DURATION:P999999D\r\n", ";VALUE=DATE:99990101", "its dates run past the years 1 to 9999"),
        (
            "DURATION:PT1H\r\nDURATION:PT2H\r\n",
            ":20210301T090000Z",
            "DURATION is given 2 times",
        ),
    ],
)
def test_an_odd_timing_skips_the_event_not_the_file(
    empty: Catalogue, tmp_path: Path, lines: str, start: str, reason: str
) -> None:
    source = write(tmp_path, HEAD + vevent(lines, start=start) + vevent("", uid="two@x") + FOOT)
    done = empty.import_calendar(source)
    assert reasons(done) == [("skip", reason), ("add", "")]


@pytest.mark.parametrize(
    ("lines", "start", "outcome"),
    [
        ("", ";VALUE=BINARY;ENCODING=BASE64:aGVsbG8=", "DTSTART is not a date or a date and time"),
        (
            "DTEND;VALUE=TEXT:20210302\r\n",
            ";VALUE=DATE:20210301",
            "DTEND is not a date or a date and time",
        ),
        ("DURATION;VALUE=TEXT:P3D\r\n", ";VALUE=DATE:20210301", "1 Mar 2021"),
        (
            "CATEGORIES;VALUE=BINARY;ENCODING=BASE64:aGVsbG8=\r\n",
            ";VALUE=DATE:20210301",
            "1 Mar 2021",
        ),
        ("SEQUENCE;VALUE=TEXT:two\r\n", ";VALUE=DATE:20210301", "1 Mar 2021"),
        (
            "RRULE;VALUE=TEXT:FREQ=DAILY\r\nEXDATE;VALUE=TEXT:20210302\r\n",
            ";VALUE=DATE:20210301",
            "Repeats by the rule FREQ=DAILY, except 2 Mar 2021. Only the first occurrence is in "
            "this catalogue.",
        ),
    ],
)
def test_a_property_of_another_value_type_is_passed_over_or_skips_its_event(
    empty: Catalogue, tmp_path: Path, lines: str, start: str, outcome: str
) -> None:
    """VALUE=TEXT or VALUE=BINARY makes a date, a rule or a list plain text or bytes."""
    source = write(tmp_path, HEAD + vevent(lines, start=start) + FOOT)
    done = empty.import_calendar(source)
    if done.skipped:
        assert reasons(done) == [("skip", outcome)]
    else:
        draft = empty.event_draft("one@x")
        assert outcome in (draft.description if "Repeats" in outcome else done.items[0].when)


def test_odd_stamps_and_sequences_are_read_as_well_as_they_can_be(
    empty: Catalogue, tmp_path: Path
) -> None:
    lines = (
        "DTSTAMP;VALUE=PERIOD:20210101T000000Z/PT1H\r\n"
        "LAST-MODIFIED:20210105T000000Z\r\nLAST-MODIFIED:20210106T000000Z\r\n"
        "SEQUENCE:3\r\nSEQUENCE:7\r\n"
    )
    done = empty.import_calendar(write(tmp_path, HEAD + vevent(lines) + FOOT))
    assert reasons(done) == [("add", "")]
    incoming = ical_import.read_calendar((tmp_path / "calendar.ics").read_bytes(), "x")
    assert (incoming[0].sequence, incoming[0].modified) == (
        7,
        datetime.fromisoformat("2021-01-05T00:00:00+00:00"),
    )


def test_a_repeating_event_names_at_most_20_of_its_exceptions(
    empty: Catalogue, tmp_path: Path
) -> None:
    days = ",".join(f"202103{day:02d}" for day in range(2, 27))
    lines = f"RRULE:FREQ=DAILY\r\nEXDATE;VALUE=DATE:{days}\r\n"
    assert empty.import_calendar(write(tmp_path, HEAD + vevent(lines) + FOOT)).added == 1
    assert empty.event_draft("one@x").description == (
        "Repeats daily, except "
        + ", ".join(f"{day} Mar 2021" for day in range(2, 22))
        + " and 5 more dates. Only the first occurrence is in this catalogue."
    )
