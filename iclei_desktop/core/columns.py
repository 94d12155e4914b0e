"""The columns of each record list, Qt-free: what a table export writes, typed.

Each list's columns are those its tab shows, in the same order and with the same English
headers (``tests/gui/test_table_export.py`` holds the tabs to this). A column gives a typed
value, not display text: dates stay ``date``, counts stay ``int``, and several names become
one "; "-joined text. Vocabulary values become the English words the tabs show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dto import EventRow, MemberRow, PublicationRow

Cell = str | int | bool | date | None


@dataclass(frozen=True)
class TableColumn:
    """A column of an exported table: a stable key, its English header, its typed value."""

    key: str
    header: str
    value: Callable[[Any], Cell]


# The English words the GUI's labels (gui/labels.py) translate; a test keeps the two equal.
WORDS = {
    "in_person": "In person",
    "virtual": "Virtual",
    "hybrid": "Hybrid",
    "confirmed": "Confirmed",
    "tentative": "Tentative",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
    "program": "Program",
    "network": "Network",
    "project": "Project",
    "partnership": "Partnership",
    "initiative": "Initiative",
    "ongoing": "Ongoing",
    "completed": "Completed",
    "planned": "Planned",
    "report": "Report",
    "case_study": "Case study",
    "newsletter": "Newsletter",
    "playbook": "Playbook",
    "event_report": "Event report",
    "handbook": "Handbook",
    "guidelines": "Guidelines",
    "summary": "Summary",
    "periodical": "Periodical",
    "article_series": "Article series",
    "city": "City",
    "district": "District",
    "county": "County",
    "province": "Province",
    "state": "State",
    "region": "Region",
    "special_administrative_region": "Special administrative region",
    "capital_territory": "Capital territory",
    "funder": "funder",
    "partner": "partner",
    "implementer": "implementer",
    "coordinator": "coordinator",
    "host": "host",
    "secretariat": "secretariat",
    "knowledge_partner": "knowledge partner",
    "supporter": "supporter",
    "lead": "lead",
    "member": "member",
    "participant": "participant",
    "pilot": "pilot city",
    "focus": "focus",
    "showcased": "showcased",
    "organizer": "organizer",
    "co_organizer": "co-organizer",
    "publisher": "publisher",
    "translator": "translator",
    "author": "author",
    "published": "Published",
    "day": "Day",
    "month": "Month",
    "quarter": "Quarter",
    "half": "Half year",
    "year": "Year",
    "iclei": "ICLEI office",
    "un_body": "UN body",
    "intergovernmental": "Intergovernmental organization",
    "national_government": "National government",
    "local_agency": "Local government agency",
    "development_bank": "Development bank",
    "development_agency": "Development agency",
    "university": "University",
    "research_institute": "Research institute",
    "ngo": "NGO",
    "foundation": "Foundation",
    "company": "Company",
    "other": "Other",
    "gexcom": "GexCom",
    "rexcom_east_asia": "East Asia RexCom",
    "staff": "Secretariat staff",
    "en": "English",
    "zh-Hans": "Chinese (Simplified)",
    "zh-Hant": "Chinese (Traditional)",
    "zh": "Chinese",
    "ko": "Korean",
    "ja": "Japanese",
    "mn": "Mongolian",
}


def word(value: str | None) -> str | None:
    """The English word for a vocabulary value; unknown values pass through."""
    return None if value is None else WORDS.get(value, value)


def joined(values: tuple[str, ...]) -> str:
    """Several names as one cell."""
    return "; ".join(values)


def membership(row: MemberRow) -> str:
    """ICLEI membership in the Members tab's words (the report often does not say)."""
    if row.is_member is None:
        return "Not stated"
    return "Member" if row.is_member else "No"


def event_when(row: EventRow) -> Cell:
    """An event's date: a real date for one known day, else the period in words.

    A range or an imprecise date ("Q3–Q4 2021") has no single day a spreadsheet could hold,
    and inventing one would misstate it.
    """
    if row.precision == "day" and row.start_date == row.end_date:
        return row.start_date
    return row.when


def publication_date(row: PublicationRow) -> Cell:
    """A publication's date: a real date when known to the day, else as the report has it."""
    if row.published_on is not None and row.precision == "day":
        return row.published_on
    return row.when or None


def _text(value: str | None) -> str | None:
    return value or None


PROGRAM_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("name", "Name", lambda r: r.name),
    TableColumn("acronym", "Acronym", lambda r: _text(r.acronym)),
    TableColumn("kind", "Kind", lambda r: word(r.kind)),
    TableColumn("period", "Period", lambda r: _text(r.period)),
    TableColumn("status", "Status", lambda r: word(r.status)),
    TableColumn("also_on", "Also on", lambda r: _text(joined(r.pathways[1:]))),
)

EVENT_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("when", "When", event_when),
    TableColumn("title", "Title", lambda r: r.title),
    TableColumn("location", "Location", lambda r: _text(r.location)),
    TableColumn("mode", "Mode", lambda r: word(r.mode)),
    TableColumn("status", "Status", lambda r: word(r.status)),
    TableColumn("program", "Program", lambda r: _text(r.program)),
    TableColumn("series", "Series", lambda r: _text(r.series)),
)

LOCAL_GOVERNMENT_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("name", "Name", lambda r: r.name),
    TableColumn("native_name", "Native name", lambda r: _text(r.native_name)),
    TableColumn("country", "Country", lambda r: r.country),
    TableColumn("kind", "Kind", lambda r: word(r.kind)),
    TableColumn("iclei_member", "ICLEI member", membership),
    TableColumn("member_since", "Member since", lambda r: r.member_since),
    TableColumn("programs", "Programs", lambda r: r.programs),
    TableColumn("events", "Events", lambda r: r.events),
)

PUBLICATION_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("title", "Title", lambda r: r.title),
    TableColumn("kind", "Kind", lambda r: word(r.kind)),
    TableColumn("date", "Date", publication_date),
    TableColumn("language", "Language", lambda r: word(r.language)),
    TableColumn("publishers", "Publisher or translator", lambda r: _text(r.publishers)),
    TableColumn("status", "Status", lambda r: word(r.status)),
)

ORGANIZATION_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("name", "Name", lambda r: r.name),
    TableColumn("acronym", "Acronym", lambda r: _text(r.acronym)),
    TableColumn("kind", "Kind", lambda r: word(r.kind)),
    TableColumn("country", "Country", lambda r: _text(r.country)),
    TableColumn("programs", "Programs", lambda r: r.programs),
    TableColumn("events", "Events", lambda r: r.events),
    TableColumn("publications", "Publications", lambda r: r.publications),
)

PERSON_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("name", "Name", lambda r: r.name),
    TableColumn("native_name", "Native name", lambda r: _text(r.native_name)),
    TableColumn("honorific", "Honorific", lambda r: _text(r.honorific)),
    TableColumn("title", "Title", lambda r: _text(r.title)),
    TableColumn("organization", "Organization", lambda r: _text(r.organization)),
    TableColumn("local_government", "Local government", lambda r: _text(r.local_government)),
    TableColumn("city", "City", lambda r: _text(r.city)),
    TableColumn("staff", "Secretariat staff", lambda r: r.is_staff),
    TableColumn("seats", "Seats", lambda r: _text(joined(r.seats))),
)

# By the listing kinds of services/listing.py (and "person", which has no tab list).
COLUMNS: dict[str, tuple[TableColumn, ...]] = {
    "program": PROGRAM_COLUMNS,
    "event": EVENT_COLUMNS,
    "local_government": LOCAL_GOVERNMENT_COLUMNS,
    "publication": PUBLICATION_COLUMNS,
    "organization": ORGANIZATION_COLUMNS,
    "person": PERSON_COLUMNS,
}

# The table types the command line names, with the kind each lists; also the sheet titles.
TABLE_TYPES: dict[str, str] = {
    "events": "event",
    "programs": "program",
    "local-governments": "local_government",
    "people": "person",
    "organizations": "organization",
    "publications": "publication",
}
TYPE_OF_KIND = {kind: name for name, kind in TABLE_TYPES.items()}


def row_values(columns: tuple[TableColumn, ...], row: Any) -> list[Cell]:
    """A row's typed cells, column by column."""
    return [column.value(row) for column in columns]
