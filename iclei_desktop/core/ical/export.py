"""Write events as an iCalendar (RFC 5545) file that Outlook, Google, Apple and Thunderbird accept.

Everything is written through the ``icalendar`` library, which escapes and folds the text
(75 octets a line, never inside a UTF-8 character), so a title in any script, or one holding a
line break or the words "END:VEVENT", stays one property of one event.

The calendar has VERSION:2.0, a PRODID, CALSCALE:GREGORIAN and X-WR-CALNAME, and no METHOD
(a METHOD would make it an RFC 5546 scheduling message). Each event is one VEVENT with:

- its stable ``uid`` as UID, ``sequence`` as SEQUENCE, DTSTAMP (now), CREATED and
  LAST-MODIFIED (the record's times), all in UTC;
- SUMMARY (the title), DESCRIPTION (the description), LOCATION and URL; a property whose value
  would be empty is left out;
- an all-day event as DTSTART;VALUE=DATE and the day after its last day as DTEND (21–24 Jan
  2020 is DTSTART 20200121, DTEND 20200125); a timed event as DTSTART and DTEND with the TZID
  of its IANA zone and a VTIMEZONE for that zone (an event in UTC is written with "Z");
- STATUS: confirmed → CONFIRMED, tentative → TENTATIVE, cancelled → CANCELLED;
- CATEGORIES: the pathways of its program, the program's name and the mode ("In person",
  "Virtual", "Hybrid").

Two kinds of event have no exact iCalendar form:

- **Postponed** has no RFC 5545 status. It is written as STATUS:TENTATIVE with "Postponed." as
  the first paragraph of the DESCRIPTION and a CATEGORIES entry "Postponed".
- **An event the report dates imprecisely** ("Q3-4", "December 2020": precision month,
  quarter, half or year) is written as an all-day event spanning its whole period, with
  STATUS:TENTATIVE (CANCELLED stays CANCELLED), the SUMMARY unchanged, the report's words at
  the start of the DESCRIPTION ("Date not fixed: the report says “Q3-4”") and a CATEGORIES
  entry "Date not fixed".

Where STATUS cannot say the catalogue's status, X-ICLEI-STATUS carries it; an imprecise event
also carries X-ICLEI-DATE-PRECISION and X-ICLEI-DATE-TEXT (the latter, and X-WR-CALNAME,
escaped as TEXT, as every text value is). Calendar programs ignore these extension
properties; the catalogue's own import reads them back, so an export imports again
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from ... import __version__
from ..dates import describe_range

PRODID = f"-//ICLEI East Asia Secretariat//ICLEI Desktop {__version__}//EN"
MODE_LABELS = {"in_person": "In person", "virtual": "Virtual", "hybrid": "Hybrid"}
STATUSES = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}
POSTPONED = "Postponed"
POSTPONED_NOTE = "Postponed."
DATE_NOT_FIXED = "Date not fixed"
X_STATUS = "X-ICLEI-STATUS"
X_DATE_PRECISION = "X-ICLEI-DATE-PRECISION"
X_DATE_TEXT = "X-ICLEI-DATE-TEXT"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """An event as the export needs it: plain values, times of records in UTC."""

    uid: str
    title: str
    start_date: date
    end_date: date
    all_day: bool
    start_time: time | None
    end_time: time | None
    timezone: str | None
    date_precision: str
    date_text: str | None
    status: str
    mode: str | None
    location: str | None
    description: str | None
    url: str | None
    sequence: int
    created_at: datetime
    updated_at: datetime
    program: str | None
    pathways: tuple[str, ...]


class _Text(vText):
    """A TEXT value escaped as RFC 5545 says and only so, whatever the text holds.

    The library's own escaping first turns a backslash followed by N into a line break, as if
    the text were escaped already, so a title holding those two characters would come back
    changed. A carriage return, which the catalogue does not save, is a line break here.
    """

    def to_ical(self) -> bytes:
        text = str(self).replace("\r\n", "\n").replace("\r", "\n")
        escaped = (
            text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
        )
        return escaped.encode("utf-8")


def calendar_bytes(
    events: Sequence[CalendarEvent],
    name: str,
    now: datetime | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Return ``events`` as one iCalendar file named ``name``, UTF-8 with CRLF line ends.

    ``progress(done, total)`` is called before each event; what it raises stops the work.
    """
    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    if name.strip():
        # As text, so that it is escaped: the library writes an X- property's str as it is.
        calendar.add("X-WR-CALNAME", _Text(name.strip()))
    for done, event in enumerate(events):
        if progress is not None:
            progress(done, len(events))
        calendar.add_component(vevent(event, stamp))
    # A VTIMEZONE for each zone used, with its rules over the years the events span.
    years = [e.start_date.year for e in events] + [e.end_date.year for e in events]
    if years:
        calendar.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    data: bytes = calendar.to_ical()
    return data


def is_imprecise(event: CalendarEvent) -> bool:
    """Whether the report dates the event only to a month, quarter, half or year."""
    return event.date_precision != "day"


def exported_status(status: str, imprecise: bool) -> str:
    """Return the STATUS an event with ``status`` is written with."""
    if status == "cancelled":
        return "CANCELLED"
    if imprecise or status == "postponed":
        return "TENTATIVE"
    return STATUSES[status]


def vevent(event: CalendarEvent, stamp: datetime) -> Event:
    """Return one event as a VEVENT."""
    imprecise = is_imprecise(event)
    component = Event()
    component.add("UID", event.uid)
    component.add("DTSTAMP", stamp.astimezone(UTC))
    component.add("SEQUENCE", event.sequence)
    component.add("CREATED", _utc(event.created_at))
    component.add("LAST-MODIFIED", _utc(event.updated_at))
    component.add("SUMMARY", _Text(event.title))
    if event.all_day or imprecise:
        component.add("DTSTART", event.start_date)
        component.add("DTEND", event.end_date + timedelta(days=1))
    else:
        assert event.start_time and event.end_time and event.timezone
        zone = ZoneInfo(event.timezone)
        component.add("DTSTART", datetime.combine(event.start_date, event.start_time, zone))
        component.add("DTEND", datetime.combine(event.end_date, event.end_time, zone))
    _add_text(component, "DESCRIPTION", _description(event, imprecise))
    _add_text(component, "LOCATION", event.location)
    if event.url and event.url.strip():  # a URI, which has no escapes
        component.add("URL", event.url.strip())
    status = exported_status(event.status, imprecise)
    component.add("STATUS", status)
    if STATUSES.get(event.status) != status:
        component.add(X_STATUS, event.status)
    categories = _categories(event, imprecise)
    if categories:
        component.add("CATEGORIES", categories)
    if imprecise:
        component.add(X_DATE_PRECISION, event.date_precision)
        # VALUE=TEXT: escaped on the way out and read back as text (an X- property's value
        # is otherwise written and read as it is, and a line break in it ends the line).
        _add_text(component, X_DATE_TEXT, event.date_text, {"VALUE": "TEXT"})
    return component


def date_not_fixed_note(event: CalendarEvent) -> str:
    """Return the words that open an imprecise event's DESCRIPTION."""
    if event.date_text and event.date_text.strip():
        return f"{DATE_NOT_FIXED}: the report says “{event.date_text.strip()}”"
    period = describe_range(event.start_date, event.end_date, event.date_precision)
    return f"{DATE_NOT_FIXED}: {period}"


def _description(event: CalendarEvent, imprecise: bool) -> str:
    paragraphs = []
    if imprecise:
        paragraphs.append(date_not_fixed_note(event))
    if event.status == "postponed":
        paragraphs.append(POSTPONED_NOTE)
    if event.description and event.description.strip():
        paragraphs.append(event.description.strip())
    return "\n\n".join(paragraphs)


def _categories(event: CalendarEvent, imprecise: bool) -> list[str]:
    names: Iterable[str | None] = (
        *event.pathways,
        event.program,
        MODE_LABELS.get(event.mode or ""),
        DATE_NOT_FIXED if imprecise else None,
        POSTPONED if event.status == "postponed" else None,
    )
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _add_text(
    component: Event, name: str, value: str | None, parameters: dict[str, str] | None = None
) -> None:
    # RFC 5545 has no empty properties worth writing; some clients show them as blanks.
    if value and value.strip():
        component.add(name, _Text(value.strip()), parameters=parameters or {})


def _utc(moment: datetime) -> datetime:
    """Return a stored time (naive UTC, as SQLite keeps it) as an aware UTC time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
