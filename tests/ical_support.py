"""Helpers for the iCalendar tests: fixture files, an empty catalogue, two parsers, snapshots."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import icalendar
import vobject

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft

ICAL_DATA = Path(__file__).parent / "data" / "ical"
SEED_FILES = (
    "events",
    "figures",
    "local_governments",
    "organizations",
    "pathways",
    "people",
    "programs",
    "publications",
)


def open_empty_catalogue(folder: Path) -> Catalogue:
    """Open a new catalogue in ``folder`` seeded from empty lists: it holds no records."""
    seed = folder / "empty-seed"
    seed.mkdir(parents=True, exist_ok=True)
    for name in SEED_FILES:
        (seed / f"{name}.yaml").write_text("[]\n", encoding="utf-8")
    return Catalogue.open(folder / "empty.sqlite", seed_dir=seed)


def snapshot(catalogue: Catalogue) -> dict[str, Any]:
    """Return the whole catalogue as JSON data, without the moment it was exported."""
    document = json.loads(catalogue.export_json())
    document.pop("exported_at")
    return document


def parse_with_icalendar(data: bytes) -> icalendar.Calendar:
    """Parse with ``icalendar`` and insist that no property was broken."""
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    return calendar


def parse_with_vobject(data: bytes) -> Any:
    """Parse with ``vobject``, a second parser that shares no code with ``icalendar``."""
    return vobject.readOne(data.decode("utf-8"))


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    """Return the VEVENTs of a file by UID."""
    return {str(e["UID"]): e for e in parse_with_icalendar(data).walk("VEVENT")}


def unfolded(data: bytes) -> list[str]:
    """Return the content lines of a file, unfolded, as text."""
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def timed_draft(**changes: Any) -> EventDraft:
    """A timed event in Seoul, changed by ``changes``."""
    values: dict[str, Any] = {
        "title": "Seoul climate workshop",
        "all_day": False,
        "start_date": date(2021, 3, 12),
        "end_date": date(2021, 3, 12),
        "start_time": time(10, 0),
        "end_time": time(12, 30),
        "timezone": "Asia/Seoul",
        "location": "Seoul City Hall",
        "mode": "hybrid",
        "url": "https://iclei-eastasia.org/seoul-workshop",
        "description": "Half a day on the city's 2050 carbon-neutral plan.",
    }
    values.update(changes)
    return EventDraft(**values)
