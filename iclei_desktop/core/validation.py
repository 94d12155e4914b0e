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

from .dto import (
    EventDraft,
    FigureDraft,
    LocalGovernmentDraft,
    OrganizationDraft,
    PersonDraft,
    ProgramDraft,
    PublicationDraft,
    RecordDraft,
    SeatDraft,
)
from .vocabulary import (
    DATE_PRECISIONS,
    EVENT_MODES,
    EVENT_STATUSES,
    LOCAL_GOVERNMENT_KINDS,
    ORGANIZATION_KINDS,
    PROGRAM_KINDS,
    PROGRAM_LOCAL_GOVERNMENT_ROLES,
    PROGRAM_ORGANIZATION_ROLES,
    PROGRAM_STATUSES,
    PUBLICATION_KINDS,
    PUBLICATION_ORGANIZATION_ROLES,
    PUBLICATION_STATUSES,
    SEAT_BODIES,
)

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


# --- the other record types (issue 7) -------------------------------------------------------
# The same rules as events' for text; a record's links to other records (that they still
# exist, that a parent is not inside the record itself, duplicates) need the catalogue and
# are checked by services/records.py.

NAME_MAX = TITLE_MAX  # a name, title or any other one-line field
YEAR_MIN = 1990  # ICLEI's founding; the schema's CHECK on member_since says the same
YEAR_MAX = 2100
# A language code as BCP 47 writes one: en, zh-Hans, zh-Hant-TW.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")

# Each draft's text fields: label, and whether it is long text (a note) or one line.
RECORD_TEXT_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "program": {
        "name": ("Name", False),
        "acronym": ("Acronym", False),
        "period_text": ("The report's period", False),
        "summary": ("Summary", True),
        "note": ("Note", True),
    },
    "local_government": {
        "name": ("Name", False),
        "native_name": ("Native name", False),
        "country": ("Country", False),
        "membership_note": ("Membership note", True),
        "note": ("Note", True),
    },
    "person": {
        "name": ("Name", False),
        "honorific": ("Honorific", False),
        "native_name": ("Native name", False),
        "title": ("Job title", False),  # as its field is captioned; "Title" reads as Dr, Mr
        "city": ("City", False),
        "note": ("Note", True),
    },
    "organization": {
        "name": ("Name", False),
        "acronym": ("Acronym", False),
        "native_name": ("Native name", False),
        "country": ("Country", False),
        "note": ("Note", True),
    },
    "publication": {
        "title": ("Title", False),
        "date_text": ("The report's date", False),
        "language": ("Language", False),
        "note": ("Note", True),
    },
}
_SEAT_TEXT = {"position": ("position", False), "portfolio": ("portfolio", False)}
_FIGURE_TEXT = {"label": ("label", False), "value": ("value", False), "as_of": ("as of", False)}


def validate_record(kind: str, draft: RecordDraft) -> dict[str, str]:
    """Return a message per field of ``draft`` (a record of ``kind``) that is wrong.

    Seats are reported under "seats" and figures under "figures", naming the first one
    that is wrong ("Seat 2: term end is before term start"). An empty dict means the draft
    can be saved, as far as can be told without the catalogue.
    """
    errors: dict[str, str] = {}
    for name, (label, long) in RECORD_TEXT_FIELDS[kind].items():
        message = _text_error(label, getattr(draft, name), long)
        if message:
            errors[name] = message
    if isinstance(draft, ProgramDraft):
        _program(draft, errors)
    elif isinstance(draft, LocalGovernmentDraft):
        _local_government(draft, errors)
    elif isinstance(draft, PersonDraft):
        _person(draft, errors)
    elif isinstance(draft, OrganizationDraft):
        _organization(draft, errors)
    else:
        _publication(draft, errors)
    return errors


def _text_error(label: str, text: str, long: bool) -> str | None:
    code = control_character(text)
    if code:  # over any other message: an unseen character is the first thing to fix
        return f"{label} holds a control character ({code}), which cannot be saved"
    most = TEXT_MAX if long else NAME_MAX
    if len(text.strip()) > most:
        return f"{label} is too long (at most {most} characters)"
    return None


def _required(errors: dict[str, str], field: str, label: str, text: str) -> None:
    if field not in errors and not text.strip():
        errors[field] = f"{label} is required"


def _year(label: str, year: int | None) -> str | None:
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return f"{label} must be between {YEAR_MIN} and {YEAR_MAX}"
    return None


def _pairs(
    errors: dict[str, str],
    field: str,
    pairs: tuple[tuple[int, str], ...],
    roles: tuple[str, ...],
    noun: str,
) -> None:
    """Check (id, role) links: known roles, none listed twice."""
    for _record_id, role in pairs:
        if role not in roles:
            errors[field] = f"Unknown role: {role}"
            return
    if len(set(pairs)) < len(pairs):
        errors[field] = f"{noun} is listed twice with the same role"


def _listed_twice(errors: dict[str, str], field: str, ids: tuple[int, ...], noun: str) -> None:
    if len(set(ids)) < len(ids):
        errors[field] = f"{noun} is listed twice"


def _program(draft: ProgramDraft, errors: dict[str, str]) -> None:
    _required(errors, "name", "Name", draft.name)
    if draft.kind not in PROGRAM_KINDS:
        errors["kind"] = "Unknown kind"
    if draft.status is not None and draft.status not in PROGRAM_STATUSES:
        errors["status"] = "Unknown status"
    for field, label, year in (
        ("period_start", "Start year", draft.period_start),
        ("period_end", "End year", draft.period_end),
    ):
        message = _year(label, year)
        if message:
            errors[field] = message
    if (
        not errors.keys() & {"period_start", "period_end"}
        and draft.period_start is not None
        and draft.period_end is not None
        and draft.period_end < draft.period_start
    ):
        errors["period_end"] = "End year is before start year"
    _listed_twice(errors, "pathway_ids", draft.pathway_ids, "A pathway")
    _pairs(
        errors, "organizations", draft.organizations, PROGRAM_ORGANIZATION_ROLES, "An organization"
    )
    _pairs(
        errors,
        "local_governments",
        draft.local_governments,
        PROGRAM_LOCAL_GOVERNMENT_ROLES,
        "A local government",
    )
    for number, figure in enumerate(draft.figures, start=1):
        message = _figure_error(figure)
        if message:
            errors["figures"] = f"Figure {number}: {message}"
            break


def _figure_error(figure: FigureDraft) -> str | None:
    for name, (label, long) in (*_FIGURE_TEXT.items(), ("note", ("note", True))):
        message = _text_error(label, getattr(figure, name), long)
        if message:
            return message
    if not figure.label.strip():
        return "label is required"
    if not figure.value.strip():
        return "value is required"
    return None


def _local_government(draft: LocalGovernmentDraft, errors: dict[str, str]) -> None:
    _required(errors, "name", "Name", draft.name)
    _required(errors, "country", "Country", draft.country)
    if draft.kind not in LOCAL_GOVERNMENT_KINDS:
        errors["kind"] = "Unknown kind"
    if draft.member_since is not None:
        if draft.is_member is not True:
            errors["member_since"] = (
                "Only a member has a year it joined: set it as a member or clear the year"
            )
        else:
            message = _year("Member since", draft.member_since)
            if message:
                errors["member_since"] = message


def _person(draft: PersonDraft, errors: dict[str, str]) -> None:
    _required(errors, "name", "Name", draft.name)
    for number, seat in enumerate(draft.seats, start=1):
        message = _seat_error(seat)
        if message:
            errors["seats"] = f"Seat {number}: {message}"
            break


def _seat_error(seat: SeatDraft) -> str | None:
    for name, (label, long) in (*_SEAT_TEXT.items(), ("note", ("note", True))):
        message = _text_error(label, getattr(seat, name), long)
        if message:
            return message
    if seat.body not in SEAT_BODIES:
        return "unknown body"
    if not seat.position.strip():
        return "position is required"
    if seat.term_start is None:
        return "term start is required"
    if seat.term_end is None:
        return "term end is required"
    for label, year in (("term start", seat.term_start), ("term end", seat.term_end)):
        message = _year(label, year)
        if message:
            return message
    if seat.term_end < seat.term_start:
        return "term end is before term start"
    return None


def _organization(draft: OrganizationDraft, errors: dict[str, str]) -> None:
    _required(errors, "name", "Name", draft.name)
    if draft.kind not in ORGANIZATION_KINDS:
        errors["kind"] = "Unknown kind"


def _publication(draft: PublicationDraft, errors: dict[str, str]) -> None:
    _required(errors, "title", "Title", draft.title)
    _required(errors, "language", "Language", draft.language)
    if "language" not in errors and not _LANGUAGE.fullmatch(draft.language.strip()):
        errors["language"] = "Not a language code (such as en or zh-Hans)"
    if draft.kind not in PUBLICATION_KINDS:
        errors["kind"] = "Unknown kind"
    if draft.status not in PUBLICATION_STATUSES:
        errors["status"] = "Unknown status"
    if draft.date_precision is not None and draft.date_precision not in DATE_PRECISIONS:
        errors["date_precision"] = "Unknown date precision"
    elif draft.published_on is not None and draft.date_precision is None:
        errors["date_precision"] = "Date precision is required with a date"
    elif draft.published_on is None and draft.date_precision is not None:
        errors["published_on"] = "Date is required with a date precision"
    if draft.url.strip() and not is_web_address(draft.url.strip()):
        errors["url"] = "Not a web address"
    _pairs(
        errors,
        "organizations",
        draft.organizations,
        PUBLICATION_ORGANIZATION_ROLES,
        "An organization",
    )
    _listed_twice(errors, "program_ids", draft.program_ids, "A program")
    _listed_twice(errors, "event_ids", draft.event_ids, "An event")
