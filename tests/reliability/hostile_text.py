"""Hostile text through save, iCalendar export and import, as plain data ``python -O`` can give.

``round_trip(folder)`` saves one event per (field, text) case in a new catalogue with
``create_event`` (or records the refusal), exports them with ``export_calendar``, parses the
file with ``icalendar`` and with ``vobject``, counts what a VEVENT holds beyond what the
exporter writes, imports the file into a second new catalogue and reads every field back.
Everything it finds is returned as JSON-ready data, so that the test can run it in this
process and again under ``python -O`` (where ``assert`` statements vanish) and compare.
It checks nothing itself with ``assert``.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.services.events import InvalidEvent
from tests.ical_support import open_empty_catalogue, parse_with_icalendar, parse_with_vobject

LONG = "".join("長い🙂 text; with, punctuation\\ and\nlines " for _ in range(300))[:10_000]
CASES: tuple[tuple[str, str], ...] = (
    ("CR", "before\rafter"),
    ("LF", "before\nafter"),
    ("CRLF", "before\r\nafter"),
    ("blank lines", "one\n\ntwo\n\n\nthree"),
    ("semicolons", "a;b;;c;"),
    ("commas", "a,b,,c,"),
    ("backslashes", "a\\b\\\\c\\"),
    ("escapes written out", "line\\nnot a break \\N \\, \\; \\\\n"),
    ("tab", "a\tb"),
    ("NUL", "a\x00b"),
    ("bell", "ring\x07"),
    ("escape", "esc\x1b[31mred"),
    ("delete", "del\x7fete"),
    ("vertical tab and form feed", "a\x0bb\x0cc"),
    ("C1 next line", "a\x85b"),
    ("line and paragraph separators", "a\u2028b\u2029c"),
    ("emoji", "👩\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 😀 🇰🇷 e\u0301"),
    ("Arabic and Hebrew", "مرحبا بالعالم שלום עולם"),
    ("right-to-left override", "invoice\u202egnp.exe\u202c and \u2067isolate\u2069"),
    ("CJK", "北京市朝阳区 서울특별시 東京都 Улаанбаатар"),
    ("looks like iCalendar, LF", "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected\nSUMMARY:pwned"),
    ("looks like iCalendar, CRLF", "x\r\nBEGIN:VEVENT\r\nUID:x"),
    ("looks like iCalendar, separators", "x\u2028BEGIN:VEVENT\u2028UID:injected"),
    ("looks like a parameter", ';X-INJECTED=1:"quoted":value'),
    ("multi-byte at every fold", "é" * 37 + "x" + "한" * 30 + "😀" * 20),
    ("white space at the ends", "  \t padded \n "),
    ("10,000 characters", LONG),
)
# Fields an iCalendar file carries, and the property each is written as.
EXPORTED = {
    "title": "SUMMARY",
    "location": "LOCATION",
    "description": "DESCRIPTION",
    "url": "URL",
    "date_text": "X-ICLEI-DATE-TEXT",
}
# Fields kept in the catalogue only: saved and read back, never written to the file.
KEPT = ("series", "note", "attendance_text")
FIELDS = (*EXPORTED, *KEPT)
# Every property the exporter writes in a VEVENT.
EXPORTER_PROPERTIES = frozenset(
    {
        "UID",
        "DTSTAMP",
        "SEQUENCE",
        "CREATED",
        "LAST-MODIFIED",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DESCRIPTION",
        "LOCATION",
        "URL",
        "STATUS",
        "X-ICLEI-STATUS",
        "CATEGORIES",
        "X-ICLEI-DATE-PRECISION",
        "X-ICLEI-DATE-TEXT",
    }
)


def key(field: str, case: str) -> str:
    return f"{field}: {case}"


def draft_for(field: str, text: str) -> EventDraft:
    """An event whose ``field`` holds ``text``; a URL's text goes into its path."""
    values: dict[str, Any] = {
        "title": f"Hostile {field}",
        "start_date": date(2021, 3, 1),
        "end_date": date(2021, 3, 1),
    }
    if field == "date_text":  # carried only by an event the report dates imprecisely
        values.update(end_date=date(2021, 3, 31), date_precision="month")
    values[field] = f"https://example.org/{text}" if field == "url" else text
    return EventDraft(**values)


def raw_lines(data: bytes) -> list[str]:
    """The content lines of a file as RFC 5545 defines them: CRLF ends, unfolded."""
    text = data.decode("utf-8")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def injected(data: bytes, saved: int, events: list[Any], vobject_events: list[Any]) -> list[str]:
    """What the exported file holds beyond the VEVENTs and properties the exporter writes."""
    found = []
    if len(events) != saved:
        found.append(f"icalendar reads {len(events)} VEVENTs, not {saved}")
    for event in events:
        names = set(event.keys())
        if names - EXPORTER_PROPERTIES:
            found.append(f"{event['UID']}: extra properties {sorted(names - EXPORTER_PROPERTIES)}")
        repeated = [name for name, value in event.items() if isinstance(value, list)]
        if repeated:
            found.append(f"{event['UID']}: properties given twice {repeated}")
        if event.subcomponents:
            found.append(f"{event['UID']}: components inside it")
    if len(vobject_events) != saved:
        found.append(f"vobject reads {len(vobject_events)} VEVENTs, not {saved}")
    lines = raw_lines(data)
    for marker in ("BEGIN:VEVENT", "END:VEVENT"):
        count = sum(1 for line in lines if line == marker)
        if count != saved:
            found.append(f"{count} lines are {marker}, not {saved}")
    uids = sum(1 for line in lines if line.startswith("UID"))
    if uids != saved:
        found.append(f"{uids} lines begin UID, not {saved}")
    inside = False
    for line in lines:
        inside = (inside or line == "BEGIN:VEVENT") and line != "END:VEVENT"
        name = line.split(":", 1)[0].split(";", 1)[0]
        if inside and line != "BEGIN:VEVENT" and name not in EXPORTER_PROPERTIES:
            found.append(f"a line inside a VEVENT is not the exporter's: {line[:80]!r}")
    return found


def round_trip(folder: Path) -> dict[str, Any]:
    """Save, export, parse and import every case; return what each step gave."""
    folder.mkdir(parents=True, exist_ok=True)
    first = open_empty_catalogue(folder / "first")
    results: dict[str, dict[str, Any]] = {}
    uids: dict[str, str] = {}
    for field in FIELDS:
        for case, text in CASES:
            before = len(first.events())
            try:
                uids[key(field, case)] = first.create_event(draft_for(field, text))
                refused = None
            except InvalidEvent as error:
                refused = error.errors
            results[key(field, case)] = {
                "refused": refused,
                "saved_nothing": refused is None or len(first.events()) == before,
            }
    for name, uid in uids.items():
        field = name.split(": ", 1)[0]
        results[name]["saved"] = getattr(first.event_draft(uid), field)
    target = folder / "events.ics"
    exported = first.export_calendar(target)
    data = target.read_bytes()
    unreadable = []
    try:
        events = parse_with_icalendar(data).walk("VEVENT")
    except Exception as error:  # reported, as a file other programs could not read
        events, unreadable = [], [f"icalendar cannot read the file: {error!r}"[:300]]
    try:
        vobject_events = list(parse_with_vobject(data).vevent_list)
    except Exception as error:
        vobject_events, unreadable = [], [*unreadable, f"vobject cannot: {error!r}"[:300]]
    parsed = {str(e["UID"]): e for e in events}
    by_vobject = {e.uid.value: e for e in vobject_events}
    second = open_empty_catalogue(folder / "second")
    done = second.import_calendar(target)
    for name, uid in uids.items():
        field = name.split(": ", 1)[0]
        result = results[name]
        prop = EXPORTED.get(field)
        event: Any = parsed.get(uid, {})
        if prop is not None:
            result["icalendar"] = str(event[prop]) if prop in event else None
            child = by_vobject[uid].contents.get(prop.lower()) if uid in by_vobject else None
            result["vobject"] = child[0].value if child else None
            result["imported"] = getattr(second.event_draft(uid), field)
        else:
            result["in the file"] = any(str(value) == result["saved"] for value in event.values())
    first.close()
    second.close()
    return {
        "debug": __debug__,
        "exported": exported,
        "import": done.summary,
        "injected": unreadable + injected(data, len(uids), events, vobject_events),
        "cases": results,
    }


if __name__ == "__main__":  # python -O -m tests.reliability.hostile_text FOLDER
    print(json.dumps(round_trip(Path(sys.argv[1]))))
