"""Fuzzed and oversized .ics files: each is imported, or refused whole with a message, quickly.

**Fuzzing.** ``--long`` runs 100,000 inputs (1,500 by default) made by ``ics_inputs``, from
the sample files in ``tests/data/ical`` and the export of the seeded catalogue (with a few
timed events added, so that it carries VTIMEZONEs), mutated deterministically: bytes
flipped, the file cut short, lines dropped, duplicated, shuffled, unfolded or folded badly,
random properties and parameters, impossible dates and times (30 February, 24:00, year 0,
99999), unknown TZIDs and broken VTIMEZONEs, huge SEQUENCEs, RRULE, RDATE and EXDATE
nonsense, control characters, NUL, bidi overrides and emoji, Latin-1 and UTF-16, nested
and mismatched components, and fixed oddities such as an empty file or one holding only
BEGIN:VCALENDAR. ``ics_runner`` imports them in worker processes, one per core, each into
its own copy of the seeded catalogue, restored every 500 inputs.

A backup per input would make 100,000 inputs take hours, so only every hundredth input
(every fifteenth in the quick run) goes through the complete ``Catalogue.import_calendar``,
which writes the file, reads it within the size cap, backs the catalogue up and imports it.
The rest go through the same read and import transaction without the backup step:
``read_calendar`` and then ``import_events`` inside ``session.begin()``, committed when it
returns. Every input must either import or raise a UserError (CalendarImportError) with a
message; any other exception is a failure, shown with its input, and so is a refusal caused
by an exception raised in the app's own code (the import turns every exception into a
refusal, so a bug of its own would pass unseen). An input that raised must leave the
catalogue exactly as it was: ``PRAGMA data_version`` on a second connection (it changes
whenever another connection commits) and counts and sums over the event tables (rows,
SEQUENCEs, last edit, lengths of UID, title and description) are compared. No input may
take over 2 s. Every 500 inputs the copy is checked (``PRAGMA
quick_check``, foreign keys, and every event added or changed passes the form's validation)
before it is replaced.

**Size bombs.** Files at and past each of the import's caps, and ones built to be slow:
each is refused with its own message, or imported as it should be, within 5 s.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as clock
from multiprocessing import get_context
from pathlib import Path

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.errors import CalendarImportError
from iclei_desktop.core.ical import ImportPreview
from iclei_desktop.core.ical import import_ as ical_import
from tests.ical_support import ICAL_DATA, open_empty_catalogue
from tests.reliability.conftest import Figures
from tests.reliability.ics_inputs import slices
from tests.reliability.ics_runner import Tally, run_range

FUZZ = ".ics fuzzing"
BOMBS_SECTION = "size bombs"
BOMB_SECONDS = 5.0
Bases = list[tuple[str, bytes]]

TIMED = (
    ("Seoul workshop", "Asia/Seoul", date(2021, 3, 12), clock(10), clock(12, 30)),
    ("Beijing forum", "Asia/Shanghai", date(2021, 6, 1), clock(9), clock(17)),
    ("Tokyo briefing", "Asia/Tokyo", date(2020, 11, 30), clock(23), clock(23, 45)),
    ("Online call", "UTC", date(2022, 1, 5), clock(8), clock(9)),
    ("Berlin side event", "Europe/Berlin", date(2021, 3, 28), clock(1, 30), clock(3, 30)),
    ("New York panel", "America/New_York", date(2021, 11, 7), clock(1), clock(2)),
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Bases]:
    """The seeded catalogue with timed events added, and the calendars to mutate."""
    folder = tmp_path_factory.mktemp("pristine")
    catalogue = Catalogue.open(folder / "catalogue.sqlite")
    for title, zone, day, start, end in TIMED:
        catalogue.create_event(
            EventDraft(
                title=title,
                all_day=False,
                start_date=day,
                end_date=day,
                start_time=start,
                end_time=end,
                timezone=zone,
                location="Room 1",
                status="postponed" if "Berlin" in title else "confirmed",
                description="Line one\nLine two; with a comma, and a \\ backslash",
                url="https://example.org/event",
            )
        )
    export = folder / "export.ics"
    catalogue.export_calendar(export)
    catalogue.close()
    data = export.read_bytes()
    samples = [(p.name, p.read_bytes()) for p in sorted(ICAL_DATA.glob("*.ics"))]
    bases = [("seeded export", data), *samples, *slices(data, random.Random(1), 40)]
    return folder / "catalogue.sqlite", bases


def test_fuzzed_calendars_import_or_are_refused_whole(
    pristine: tuple[Path, Bases],
    tmp_path: Path,
    figures: Figures,
    scale: Callable[[int, int], int],
) -> None:
    path, bases = pristine
    total = scale(1_500, 100_000)
    complete_every = total // scale(100, 1_000)
    chunk = scale(250, 1_000)
    chunks = [list(range(start, min(start + chunk, total))) for start in range(0, total, chunk)]
    workers = max(1, min(os.cpu_count() or 1, 4))
    tally = Tally()
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(
                run_range, str(tmp_path / f"chunk{n}"), str(path), bases, chunk, complete_every
            )
            for n, chunk in enumerate(chunks)
        ]
        for future in futures:
            tally.merge(future.result())
    figures.add(FUZZ, "inputs", tally.inputs)
    figures.add(FUZZ, "through the complete import with backup", tally.complete)
    figures.add(FUZZ, "imported", tally.imported)
    figures.add(FUZZ, "imported, writing events", tally.changed)
    figures.add(FUZZ, "refused with a message", tally.refused)
    figures.add(FUZZ, "uncaught exceptions", tally.uncaught)
    figures.add(FUZZ, "partial imports", tally.partial)
    figures.add(FUZZ, "inputs over 2 s", tally.slow)
    figures.most(FUZZ, "slowest input (s)", tally.slowest)
    print(f"\nslowest: {tally.slowest:.3f} s, {tally.slowest_recipe}")
    for kind, count in sorted(tally.messages.items(), key=lambda item: -item[1]):
        print(f"{count:7} {kind}")
    assert tally.inputs == total
    assert tally.complete >= scale(100, 1_000)
    assert not tally.failures, "\n\n".join(f.show() for f in tally.failures[:8])


# --- size bombs ----------------------------------------------------------------------------

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ICLEI Desktop tests//bombs//EN\r\n"
FOOT = "END:VCALENDAR\r\n"
TAIL = ". Only the first occurrence is in this catalogue."


def vevent(uid: str, lines: str = "", start: str = ";VALUE=DATE:20210301") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20210101T000000Z\r\nDTSTART{start}\r\n"
        f"SUMMARY:Bomb {uid}\r\n{lines}END:VEVENT\r\n"
    )


def line_of(text: str, marker: str) -> int:
    """The number of the line on which ``marker`` first appears in ``text``."""
    return text[: text.index(marker)].count("\r\n") + 1


def vtimezone(tzid: str, offset: int, rule: str = "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") -> str:
    """A zone like Outlook's: standard time from 1601, an hour more from March each year."""
    standard, summer = f"{offset:+03d}00", f"{offset + 1:+03d}00"
    return (
        f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n"
        f"BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        f"TZOFFSETFROM:{summer}\r\nTZOFFSETTO:{standard}\r\nEND:STANDARD\r\n"
        f"BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:{rule}\r\n"
        f"TZOFFSETFROM:{standard}\r\nTZOFFSETTO:{summer}\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )


@dataclass(frozen=True)
class Bomb:
    """A file built to be large or slow, and what importing it must do.

    ``refused`` is the message after "cannot import FILE: ", or None when the file is to be
    imported; then ``check`` looks at what was done.
    """

    name: str
    text: Callable[[], str | bytes]
    refused: Callable[[str], str] | None = None
    check: Callable[[Catalogue, ImportPreview], None] | None = None


def over_the_size_cap() -> bytes:
    event = vevent("{}", "DESCRIPTION:" + "x" * 900 + "\r\n")
    body = "".join(event.replace("{}", str(n)) for n in range(ical_import.MAX_BYTES // len(event)))
    return (HEAD + body + FOOT).encode("utf-8")[: ical_import.MAX_BYTES + 1]


def one_long_line() -> str:
    return HEAD + vevent("long", "DESCRIPTION:" + "a" * 100_001 + "\r\n") + FOOT


def deep(levels: int) -> str:
    opening = "".join(f"BEGIN:X-LEVEL{n}\r\n" for n in range(levels))
    closing = "".join(f"END:X-LEVEL{n}\r\n" for n in reversed(range(levels)))
    return HEAD + opening + closing + FOOT


def folded(pieces: int) -> str:
    """A DESCRIPTION of ``pieces`` folded lines of 74 characters."""
    return (
        HEAD + vevent("folded", "DESCRIPTION:" + "\r\n ".join(["b" * 74] * pieces) + "\r\n") + FOOT
    )


def tiny_properties(count: int) -> str:
    return HEAD + vevent("tiny", "X-A:1\r\n" * count) + FOOT


def many_zones(count: int, every: int = 1) -> str:
    """``count`` VTIMEZONEs, and an event in every ``every``-th of them."""
    zones = "".join(vtimezone(f"Zone {n}", n % 25 - 12) for n in range(count))
    events = "".join(
        vevent(
            f"zone-{n}",
            f"DTEND;TZID=Zone {n}:20210701T110000\r\n",
            f";TZID=Zone {n}:20210701T100000",
        )
        for n in range(0, count, every)
    )
    return HEAD + zones + events + FOOT


def one_zone(rule: str, lines: str = "") -> str:
    return (
        HEAD
        + vtimezone("Odd zone", 9, rule)
        + vevent("odd", lines, ";TZID=Odd zone:20210701T100000")
        + FOOT
    )


def exdates(count: int) -> str:
    days = [f"{date(2021, 3, 1) + timedelta(days=n):%Y%m%d}" for n in range(1, count + 1)]
    lines = "".join(
        "EXDATE;VALUE=DATE:" + ",".join(days[n : n + 1_000]) + "\r\n"
        for n in range(0, count, 1_000)
    )
    return HEAD + vevent("exdates", "RRULE:FREQ=DAILY\r\n" + lines) + FOOT


def described(catalogue: Catalogue, uid: str, ending: str) -> None:
    description = catalogue.event_draft(uid).description
    assert description.endswith(ending), description[-300:]


def added(count: int) -> Callable[[Catalogue, ImportPreview], None]:
    def check(_catalogue: Catalogue, done: ImportPreview) -> None:
        assert done.summary == f"added {count}, updated 0, unchanged 0, skipped 0", done

    return check


def skipped(reason: str) -> Callable[[Catalogue, ImportPreview], None]:
    def check(_catalogue: Catalogue, done: ImportPreview) -> None:
        assert [(item.action, item.reason) for item in done.items] == [("skip", reason)]

    return check


def held(uid: str, **fields: object) -> Callable[[Catalogue, ImportPreview], None]:
    def check(catalogue: Catalogue, done: ImportPreview) -> None:
        assert done.added == 1, done
        draft = catalogue.event_draft(uid)
        assert {name: getattr(draft, name) for name in fields} == fields

    return check


BOMBS = (
    Bomb(
        "a file just over 20 MB",
        over_the_size_cap,
        lambda _: "the file is 20.0 MB; at most 20 MB can be imported",
    ),
    Bomb(
        "50,001 events",
        lambda: HEAD + "".join(vevent(f"e{n}") for n in range(50_001)) + FOOT,
        lambda _: "it holds more than 50,000 events, the most one import takes",
    ),
    Bomb(
        "one line of 100,001 characters",
        one_long_line,
        lambda text: (
            f"line {line_of(text, 'DESCRIPTION')} is 100,013 characters long; "
            "at most 100,000 are read"
        ),
    ),
    Bomb(
        "components nested 7 deep",
        lambda: deep(7),
        lambda text: f"line {line_of(text, 'X-LEVEL5')}: components are nested more than 6 deep",
    ),
    Bomb(
        "components nested 100,000 deep",
        lambda: deep(100_000),
        lambda text: f"line {line_of(text, 'X-LEVEL5')}: components are nested more than 6 deep",
    ),
    Bomb(
        "a line folded 250,000 times (19 MB)",
        lambda: folded(250_000),
        lambda text: (
            f"line {line_of(text, 'DESCRIPTION')} is {12 + 74 * 250_000:,} characters "
            "long; at most 100,000 are read"
        ),
    ),
    Bomb(
        "a description of 19,980 characters folded 270 times",
        lambda: folded(270),
        check=held("folded", description="b" * 74 * 270),
    ),
    Bomb(
        "a million tiny properties",
        lambda: tiny_properties(1_000_000),
        lambda _: "it has more than 1,000,000 lines, the most one import reads",
    ),
    Bomb(
        "10,001 properties in one event",
        lambda: tiny_properties(10_001),
        # UID, DTSTAMP, DTSTART and SUMMARY come first, so the 10,001st property is there:
        lambda text: (
            f"line {line_of(text, 'BEGIN:VEVENT') + 10_001}: the VEVENT begun on line 4 has "
            "more than 10,000 properties"
        ),
    ),
    Bomb(
        "RRULE COUNT=10^9",
        lambda: HEAD + vevent("count", "RRULE:FREQ=DAILY;COUNT=1000000000\r\n") + FOOT,
        check=lambda catalogue, _: described(
            catalogue, "count", f"Repeats daily, 1000000000 times{TAIL}"
        ),
    ),
    Bomb(
        "RRULE every second, COUNT=10^9",
        lambda: HEAD + vevent("second", "RRULE:FREQ=SECONDLY;COUNT=1000000000\r\n") + FOOT,
        check=lambda catalogue, _: described(
            catalogue, "second", f"Repeats by the rule FREQ=SECONDLY;COUNT=1000000000{TAIL}"
        ),
    ),
    Bomb(
        "50,000 EXDATEs",
        lambda: exdates(50_000),
        check=lambda catalogue, _: described(
            catalogue, "exdates", f", 21 Mar 2021 and 49,980 more dates{TAIL}"
        ),
    ),
    Bomb(
        "501 VTIMEZONEs",
        lambda: many_zones(501),
        lambda text: (
            f"line {line_of(text, 'TZID:Zone 500')}: it defines more than 500 time "
            "zones (VTIMEZONE), the most one import reads"
        ),
    ),
    # Saving an event takes some milliseconds, so only every fifth zone has one.
    Bomb("500 VTIMEZONEs, 100 in use", lambda: many_zones(500, every=5), check=added(100)),
    Bomb(
        "a VTIMEZONE changing every second",
        lambda: one_zone("FREQ=SECONDLY"),
        check=skipped(
            "the VTIMEZONE “Odd zone” cannot be read (its rule “FREQ=SECONDLY” is not a "
            "yearly change on a day of a month)"
        ),
    ),
    Bomb(
        "a VTIMEZONE rule that never matches (30 February)",
        lambda: one_zone("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        check=held("odd", timezone="Etc/GMT-9", start_time=clock(10)),
    ),
    Bomb(
        "a VTIMEZONE rule with COUNT=10^9 from 1601",
        lambda: one_zone("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;COUNT=1000000000"),
        check=held("odd", timezone="Etc/GMT-10", start_time=clock(10)),
    ),
)


@pytest.mark.parametrize("bomb", BOMBS, ids=[b.name for b in BOMBS])
def test_a_size_bomb_is_refused_or_imported_within_5_s(
    bomb: Bomb, tmp_path: Path, figures: Figures
) -> None:
    text = bomb.text()
    source = tmp_path / "bomb.ics"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    catalogue = open_empty_catalogue(tmp_path)
    try:
        started = time.perf_counter()
        try:
            done = catalogue.import_calendar(source)
            refusal = None
        except CalendarImportError as error:
            refusal = str(error)
        seconds = time.perf_counter() - started
        figures.add(BOMBS_SECTION, "cases")
        figures.most(BOMBS_SECTION, "slowest (s)", seconds)
        if bomb.refused is not None:
            assert refusal == f"cannot import {source}: {bomb.refused(str(text))}"
            assert catalogue.events() == []
            figures.add(BOMBS_SECTION, "rejected within 5 s", seconds <= BOMB_SECONDS)
        else:
            assert refusal is None, refusal
            assert bomb.check is not None
            bomb.check(catalogue, done)
            figures.add(BOMBS_SECTION, "imported safely within 5 s", seconds <= BOMB_SECONDS)
        assert seconds <= BOMB_SECONDS, f"{bomb.name} took {seconds:.1f} s"
    finally:
        catalogue.close()
