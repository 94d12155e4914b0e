"""Read an iCalendar file into incoming events, refusing a bad file with a message that says where.

The file is parsed by the ``icalendar`` library. Before that, a quick pass over its lines
checks what the library would pass over silently, so the message can name a line: that the
file is UTF-8 text (a UTF-8 byte-order mark is dropped; LF and CRLF line ends both do), that
it begins with BEGIN:VCALENDAR, that every BEGIN has its END (a file cut short has no
END:VCALENDAR) and that it holds at most ``MAX_EVENTS`` events (``files`` caps the size at
``MAX_BYTES``). The library takes about 50 µs a line and 3 ms for each new VTIMEZONE, so
the pass also bounds its time, refusing more than ``MAX_LINES`` lines, a line longer than
``MAX_LINE`` characters (unfolded in linear time, however many times it is folded), more than
``MAX_PROPERTIES`` properties in one component, components nested more than ``MAX_DEPTH``
deep and VTIMEZONEs for more than ``MAX_TIMEZONES`` zones. Any property the library cannot
read (an invalid date such as 20201332) or any line that is not an iCalendar line refuses the
whole file; so does any exception the library raises. A refused file writes nothing.

Each VEVENT becomes one event, or a skipped item with its reason:

- **Times.** A TZID naming an IANA zone is used as it is; a Windows name ("Korea Standard
  Time", as Outlook and Exchange write) is mapped to its IANA zone with the CLDR table that
  ``icalendar`` ships; a libical-style "/vendor/…/Asia/Seoul" gives its IANA tail; a
  VTIMEZONE with X-LIC-LOCATION names its zone. Any other TZID defined by a VTIMEZONE in the
  file ("Customized Time Zone") is read with that VTIMEZONE's own rules and stored in the
  fixed-offset IANA zone in force when the event starts (Etc/GMT-8 for UTC+8), or in UTC when
  that offset is not whole hours. Those rules are read here, with bounded work: DTSTART,
  RDATE and a yearly RRULE by month, month day and weekday, as real zones have; a VTIMEZONE
  with another rule (one changing every second would take hours to follow), or an offset
  of a day or more, skips its events with the reason. A TZID that is none of these is skipped
  as an unknown time zone, never taken as local time.
- **UTC and floating times.** A time in UTC ("…Z") is stored in the calendar's X-WR-TIMEZONE
  (as Google Calendar writes) when it names a zone, else in UTC. A floating time (no TZID, no
  "Z") takes the calendar's X-WR-TIMEZONE; with none it is skipped, since any zone would be a
  guess.
- **Dates.** An all-day DTEND is exclusive, so the event ends the day before. Without DTEND,
  DURATION gives the end; without either, an all-day event lasts one day and a timed one has
  no length. DTSTART, DTEND or DURATION given twice, or a date reckoned past the year 9999,
  skips the event; of SEQUENCE given twice the highest counts.
- **Repeating events.** The first occurrence (DTSTART) becomes the event, and its description
  ends with the rule in words ("Repeats weekly on Tuesday, 6 times, except 23 Mar 2021. Only
  the first occurrence is in this catalogue."), naming at most ``MAX_LISTED_DATES`` of its
  EXDATE or RDATE dates and counting the rest. A changed occurrence (RECURRENCE-ID) is
  skipped with its reason.
- **Invitations.** METHOD:REQUEST imports as any event; METHOD:CANCEL marks the catalogue's
  event with that UID cancelled (or is skipped when the catalogue has none); replies and other
  scheduling messages are skipped.
- **Mapped back.** STATUS (TENTATIVE with a "Postponed" category is postponed), the mode from
  CATEGORIES "In person", "Virtual" or "Hybrid", a program whose name is among the
  CATEGORIES, SUMMARY, LOCATION, URL and DESCRIPTION; what the export added to a description
  ("Date not fixed: …", "Postponed.") is taken off again, and its X-ICLEI- properties restore
  the status and the imprecise date.
- **Skipped.** No UID, no DTSTART, a component that is not a VEVENT ("a VTODO, not an
  event"), a UID the file already used, and later, in ``merge``, an event that fails the
  catalogue's validation or is older than the catalogue's copy.
"""

from __future__ import annotations

import logging
import re
import warnings
from bisect import bisect_right
from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, vRecur
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..dates import describe_range
from ..dto import EventDraft
from ..errors import CalendarImportError
from ..validation import known_time_zones
from ..vocabulary import DATE_PRECISIONS, EVENT_STATUSES
from .export import (
    DATE_NOT_FIXED,
    MODE_LABELS,
    POSTPONED,
    POSTPONED_NOTE,
    X_DATE_PRECISION,
    X_DATE_TEXT,
    X_STATUS,
    exported_status,
)

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_EVENTS = 50_000
MAX_LINE = 100_000  # characters in one unfolded line: far beyond any real description
MAX_DEPTH = 6  # VCALENDAR > VEVENT > VALARM is three; VTIMEZONE > STANDARD is three
# The parser takes about 50 µs a line and 3 ms a new VTIMEZONE, so these bound its time.
MAX_LINES = 1_000_000  # unfolded lines: 50,000 events of 20 lines
MAX_PROPERTIES = 10_000  # in one component: real ones have tens
MAX_TIMEZONES = 500  # distinct TZIDs defined by VTIMEZONEs: real files have a few
YEARLY_RULE_PARTS = frozenset(
    {"FREQ", "INTERVAL", "UNTIL", "COUNT", "BYMONTH", "BYMONTHDAY", "BYDAY", "WKST"}
)
COUNTED_YEARS = 1_000  # years a VTIMEZONE rule with COUNT is followed
MAX_LISTED_DATES = 20  # EXDATE or RDATE dates named in a repeating event's description
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"
STATUSES = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
MODES = {label.casefold(): mode for mode, label in MODE_LABELS.items()}
METHODS_IMPORTED = ("", "PUBLISH", "REQUEST")
DATE_PROPERTIES = frozenset(
    {"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"}
    | {"DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED"}
)
FREQUENCIES = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_QUOTE = re.compile(r"“(.*)”$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class CalendarFields:
    """What one VEVENT says about an event, in the catalogue's terms.

    ``mode`` and ``date_text`` are None when the file says nothing of them, so that an update
    keeps the catalogue's; ``categories`` are those left once mode and notes are taken out.
    """

    title: str
    all_day: bool
    start_date: date
    end_date: date
    start_time: time | None
    end_time: time | None
    timezone: str
    location: str
    description: str
    url: str
    status: str
    mode: str | None
    date_precision: str
    date_text: str | None
    categories: tuple[str, ...]

    def draft(self, base: EventDraft, programs: Mapping[str, int]) -> EventDraft:
        """Return ``base`` (the catalogue's copy, or a new draft) changed to these fields.

        ``programs`` maps case-folded program names to ids: a category naming one sets it.
        """
        program_id = next(
            (programs[c.casefold()] for c in self.categories if c.casefold() in programs),
            base.program_id,
        )
        return replace(
            base,
            title=self.title,
            all_day=self.all_day,
            start_date=self.start_date,
            end_date=self.end_date,
            start_time=self.start_time,
            end_time=self.end_time,
            timezone=self.timezone,
            location=self.location,
            description=self.description,
            url=self.url,
            status=self.status,
            mode=self.mode if self.mode is not None else base.mode,
            date_precision=self.date_precision,
            date_text=self.date_text if self.date_text is not None else base.date_text,
            program_id=program_id,
        )


@dataclass(frozen=True, slots=True)
class Incoming:
    """One component of the file: an event, a cancellation, or an item skipped for ``reason``.

    ``modified`` is LAST-MODIFIED, else DTSTAMP, in UTC; ``sequence`` is SEQUENCE if given.
    """

    uid: str
    title: str
    when: str = ""
    fields: CalendarFields | None = None
    cancel: bool = False
    sequence: int | None = None
    modified: datetime | None = None
    reason: str = ""


def read_calendar(data: bytes, source: str) -> list[Incoming]:
    """Return the components of an iCalendar file, in its order.

    Raises CalendarImportError, naming ``source`` and the line where it can, for a file that
    is not UTF-8 iCalendar text, is incomplete, holds too many events or cannot be parsed.
    """
    text = _decode(data, source)
    outline = _outline(text, source)
    try:
        with warnings.catch_warnings():
            # The library warns about guesses it makes; what it guesses is checked below.
            warnings.simplefilter("ignore")
            calendars = Calendar.from_ical(text, multiple=True)
            _check_errors(calendars, outline, source)
            items = [item for calendar in calendars for item in _Reader(calendar).items()]
    except CalendarImportError:
        raise
    except Exception as error:  # The parser's failures are many kinds; each means a bad file.
        log.warning("cannot import %s", source, exc_info=True)
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CalendarImportError(f"cannot import {source}: {detail}") from error
    return _skip_repeated_uids(items)


# --- the quick pass over the lines -------------------------------------------------------


def _decode(data: bytes, source: str) -> str:
    if data.startswith(UTF16_BOMS):
        raise CalendarImportError(
            f"cannot import {source}: it is UTF-16 text; save it as UTF-8 and try again"
        )
    data = data.removeprefix(UTF8_BOM)
    if not data.strip():
        raise CalendarImportError(f"cannot import {source}: the file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise CalendarImportError(
            f"cannot import {source}: line {line} is not UTF-8 text (byte 0x{byte:02X}); "
            "save the file as UTF-8 and try again"
        ) from None


@dataclass
class _Outline:
    """Where each component's properties are, by (component name, ordinal in the file)."""

    lines: list[tuple[int, str]]
    properties: dict[tuple[str, int], dict[str, list[tuple[int, str]]]] = field(
        default_factory=dict
    )


def _logical_lines(text: str, source: str) -> list[tuple[int, str]]:
    """Return the unfolded lines with the number of the line each starts on.

    A folded line is joined once it is complete, so a line folded a million times takes
    linear time; one longer than ``MAX_LINE`` is refused once its length is known, and a
    file of more than ``MAX_LINES`` lines as soon as it has that many.
    """
    lines: list[tuple[int, str]] = []
    number, parts, length = 0, [""], 0

    def finish() -> None:
        if length > MAX_LINE:
            raise CalendarImportError(
                f"cannot import {source}: line {number} is {length:,} characters long; "
                f"at most {MAX_LINE:,} are read"
            )
        if len(lines) == MAX_LINES:
            raise CalendarImportError(
                f"cannot import {source}: it has more than {MAX_LINES:,} lines, "
                "the most one import reads"
            )
        lines.append((number, parts[0] if len(parts) == 1 else "".join(parts)))

    for index, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if line[:1] in (" ", "\t") and number:
            length += len(line) - 1
            if length <= MAX_LINE:
                parts.append(line[1:])
        elif line.strip():
            if number:
                finish()
            number, parts, length = index, [line], len(line)
    if number:
        finish()
    return lines


def _split(line: str) -> tuple[str, str]:
    """Return a content line's upper-case name and its value (after the first unquoted colon)."""
    colon = line.find(":")
    if colon >= 0 and line.find('"', 0, colon) < 0:  # the usual line: no quoted parameter
        return line[:colon].split(";", 1)[0].strip().upper(), line[colon + 1 :]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1 :]
            return head.split(";", 1)[0].strip().upper(), value
    return line.split(";", 1)[0].strip().upper(), ""


def _outline(text: str, source: str) -> _Outline:
    lines = _logical_lines(text, source)
    outline = _Outline(lines)
    stack: list[tuple[str, int, tuple[str, int]]] = []
    counts: list[int] = []  # properties of each component on the stack
    ordinals: Counter[str] = Counter()
    zones: set[str] = set()
    for number, line in lines:
        name, value = _split(line)
        component = value.strip().upper() if name in {"BEGIN", "END"} else ""
        if not stack and not (name == "BEGIN" and component == "VCALENDAR"):
            if not ordinals:
                raise CalendarImportError(
                    f"cannot import {source}: it is not an iCalendar file "
                    f"(it begins “{_short(line)}”, not BEGIN:VCALENDAR)"
                )
            raise CalendarImportError(
                f"cannot import {source}: line {number} is outside the calendar "
                f"(after its END:VCALENDAR): “{_short(line)}”"
            )
        if name == "BEGIN":
            key = (component, ordinals[component])
            ordinals[component] += 1
            stack.append((component, number, key))
            counts.append(0)
            if len(stack) > MAX_DEPTH:
                raise CalendarImportError(
                    f"cannot import {source}: line {number}: components are nested more than "
                    f"{MAX_DEPTH} deep"
                )
            outline.properties[key] = {}
            if component == "VEVENT" and ordinals[component] > MAX_EVENTS:
                raise CalendarImportError(
                    f"cannot import {source}: it holds more than {MAX_EVENTS:,} events, "
                    "the most one import takes"
                )
        elif name == "END":
            if stack[-1][0] != component:
                raise CalendarImportError(
                    f"cannot import {source}: line {number}: END:{component} does not close "
                    f"the {stack[-1][0]} begun on line {stack[-1][1]}"
                )
            stack.pop()
            counts.pop()
        else:
            outline.properties[stack[-1][2]].setdefault(name, []).append((number, value))
            counts[-1] += 1
            if counts[-1] > MAX_PROPERTIES:
                raise CalendarImportError(
                    f"cannot import {source}: line {number}: the {stack[-1][0]} begun on line "
                    f"{stack[-1][1]} has more than {MAX_PROPERTIES:,} properties"
                )
            if name == "TZID" and stack[-1][0] == "VTIMEZONE":
                zones.add(value.strip())
                if len(zones) > MAX_TIMEZONES:
                    raise CalendarImportError(
                        f"cannot import {source}: line {number}: it defines more than "
                        f"{MAX_TIMEZONES:,} time zones (VTIMEZONE), the most one import reads"
                    )
    if stack:
        raise CalendarImportError(
            f"cannot import {source}: the file is incomplete: it ends without END:VCALENDAR "
            f"(the {stack[-1][0]} begun on line {stack[-1][1]} is never closed)"
        )
    return outline


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_errors(calendars: Sequence[Component], outline: _Outline, source: str) -> None:
    """Refuse the file if the library could not read a line or a property's value."""
    ordinals: Counter[str] = Counter()
    for calendar in calendars:
        for component in calendar.walk():
            kind = str(component.name)
            where = outline.properties.get((kind, ordinals[kind]), {})
            ordinals[kind] += 1
            for name, message in getattr(component, "errors", ()):
                raise CalendarImportError(
                    f"cannot import {source}: {_describe_error(name, message, where, outline)}"
                )


def _describe_error(
    name: str | None,
    message: str,
    where: Mapping[str, list[tuple[int, str]]],
    outline: _Outline,
) -> str:
    if name is None:
        for number, line in outline.lines:
            if repr(line) in message:
                return f"line {number} is not an iCalendar line: “{_short(line)}”"
        return f"a line is not an iCalendar line ({message})"
    occurrences = where.get(name.upper(), [])
    number, value = next(
        ((n, v) for n, v in occurrences if v and v in message),
        occurrences[0] if occurrences else (0, ""),
    )
    at = f"line {number}: " if number else ""
    if name.upper() in DATE_PROPERTIES:
        return f"{at}{name.upper()} is not a valid date or time: “{_short(value)}”"
    return f"{at}{name.upper()} cannot be read: {message}"


def _skip_repeated_uids(items: list[Incoming]) -> list[Incoming]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.reason or not item.uid:
            out.append(item)
        elif item.uid in seen:
            out.append(replace(item, reason="the file has another event with this UID before it"))
        else:
            seen.add(item.uid)
            out.append(item)
    return out


# --- reading the components ---------------------------------------------------------------


class _Skip(Exception):
    """An event that cannot be imported, and why."""


class _Reader:
    """Turns the components of one VCALENDAR into incoming items."""

    def __init__(self, calendar: Component) -> None:
        self.method = _text(calendar, "METHOD").upper()
        self.timezones = {_text(c, "TZID"): c for c in calendar.walk("VTIMEZONE")}
        self.calendar_zone = _text(calendar, "X-WR-TIMEZONE")
        self.default_zone = iana_zone(self.calendar_zone) if self.calendar_zone else None
        self.components = calendar.subcomponents
        self._zones: dict[str, tuple[str | None, tzinfo] | None] = {}

    def items(self) -> Iterator[Incoming]:
        """Yield one item per component other than VTIMEZONE."""
        for component in self.components:
            if component.name == "VTIMEZONE":
                continue
            uid, title = _text(component, "UID"), _text(component, "SUMMARY")
            if component.name != "VEVENT":
                yield Incoming(uid, title, reason=f"a {component.name}, not an event")
            else:
                yield self.event(component, uid, title)

    def event(self, component: Component, uid: str, title: str) -> Incoming:
        """Return a VEVENT as an incoming event, cancellation or skip."""
        when, fields, problem = "", None, "no DTSTART"
        if "DTSTART" in component:
            try:
                (when, fields), problem = self._fields(component, title), ""
            except _Skip as skip:
                problem = str(skip)
            except OverflowError:  # reckoning a day past 9999 or before year 1
                problem = "its dates run past the years 1 to 9999"
        base = Incoming(
            uid, title, when, sequence=_sequence(component), modified=_modified(component)
        )
        cancel = self.method == "CANCEL"
        if not uid:
            return replace(base, reason="no UID")
        if self.method not in (*METHODS_IMPORTED, "CANCEL"):
            return replace(
                base, reason=f"part of a METHOD:{self.method} message, not an event to import"
            )
        if "RECURRENCE-ID" in component:
            what = "cancels" if cancel else "changes"
            occurrence = _day(getattr(_first(component, "RECURRENCE-ID"), "dt", ""))
            return replace(
                base,
                reason=f"{what} one occurrence ({occurrence}) of a repeating event; "
                "only the first occurrence is imported",
            )
        if cancel:  # needs only the UID: the catalogue's event is marked cancelled
            return replace(base, cancel=True)
        if problem:
            return replace(base, reason=problem)
        return replace(base, fields=fields)

    def _fields(self, component: Component, title: str) -> tuple[str, CalendarFields]:
        all_day, start, end, zone = self._timing(component)
        categories = _categories(component)
        folded = {c.casefold() for c in categories}
        imprecise_note = DATE_NOT_FIXED.casefold() in folded
        precision = _text(component, X_DATE_PRECISION).lower()
        if precision not in DATE_PRECISIONS or precision == "day":
            precision = _infer_precision(start, end) if imprecise_note and all_day else "day"
        imprecise = precision != "day"
        status = _status(component, imprecise, folded)
        description, note_text = _description(component, imprecise, status)
        description = _with_repeats(component, description)
        date_text = _text(component, X_DATE_TEXT) or note_text
        mode = next((MODES[c.casefold()] for c in categories if c.casefold() in MODES), None)
        taken = {*MODES, DATE_NOT_FIXED.casefold(), POSTPONED.casefold()}
        start_date, end_date = _dates(start), _dates(end)
        fields = CalendarFields(
            title=title.strip(),
            all_day=all_day,
            start_date=start_date,
            end_date=end_date,
            start_time=None if all_day else _clock(start),
            end_time=None if all_day else _clock(end),
            timezone=zone,
            location=_text(component, "LOCATION"),
            description=description,
            url=_text(component, "URL"),
            status=status,
            mode=mode,
            date_precision=precision,
            date_text=date_text or None,
            categories=tuple(c for c in categories if c.casefold() not in taken),
        )
        return _when(fields), fields

    def _timing(self, component: Component) -> tuple[bool, date, date, str]:
        """Return (all day, start, end, zone); end is inclusive for an all-day event."""
        # A VALUE parameter can make any of them text or binary, which have no ``dt``.
        start_property = _single(component, "DTSTART")
        start = getattr(start_property, "dt", None)
        end_property = _single(component, "DTEND")
        duration = getattr(_single(component, "DURATION"), "dt", None)
        if end_property is not None and not isinstance(getattr(end_property, "dt", None), date):
            raise _Skip("DTEND is not a date or a date and time")
        if not isinstance(start, datetime):
            if not isinstance(start, date):
                raise _Skip("DTSTART is not a date or a date and time")
            if end_property is not None:
                end = end_property.dt
                if isinstance(end, datetime):
                    raise _Skip("DTSTART is a date but DTEND a date and time")
            elif isinstance(duration, timedelta):
                end = start + timedelta(days=max(duration.days, 1))
            else:
                end = start + timedelta(days=1)
            # DTEND is exclusive; some programs write DTEND = DTSTART for a one-day event.
            last = start if end == start else end - timedelta(days=1)
            return True, start, last, ""
        zone, local_start = self._localize(start_property)
        if end_property is not None:
            if not isinstance(end_property.dt, datetime):
                raise _Skip("DTSTART is a date and time but DTEND a date")
            local_end = self._localize(end_property)[1].astimezone(ZoneInfo(zone))
        elif isinstance(duration, timedelta):
            local_end = (local_start.astimezone(UTC) + duration).astimezone(ZoneInfo(zone))
        else:
            local_end = local_start
        return False, local_start, local_end, zone

    def _localize(self, prop: Any) -> tuple[str, datetime]:
        """Return a date-time property's zone and its time in that zone.

        The zone the library attached to a TZID is not used: it is the first VTIMEZONE the
        library saw with that TZID, in any file, and it is read without bounds.
        """
        moment: datetime = prop.dt
        wall = moment.replace(tzinfo=None)
        tzid = str(prop.params.get("TZID", "")).strip()
        if tzid:
            resolved = self._zone(tzid)
            if resolved is None:
                raise _Skip(f"unknown time zone “{tzid}”")
            name, reader = resolved
            aware = wall.replace(tzinfo=reader)
            zone = name or fixed_offset_zone(aware.utcoffset() or timedelta())
            return zone, aware.astimezone(ZoneInfo(zone))
        if moment.tzinfo is not None:
            zone = self.default_zone or "UTC"
            return zone, moment.astimezone(ZoneInfo(zone))
        if self.default_zone:
            return self.default_zone, wall.replace(tzinfo=ZoneInfo(self.default_zone))
        if self.calendar_zone:
            raise _Skip(
                f"a floating time, and the calendar's time zone “{self.calendar_zone}” is unknown"
            )
        raise _Skip("a floating time with no time zone, and the calendar names none")

    def _zone(self, tzid: str) -> tuple[str | None, tzinfo] | None:
        """Return the IANA zone for a TZID (None: read with the file's VTIMEZONE) and a reader."""
        if tzid not in self._zones:
            self._zones[tzid] = self._resolve(tzid)
        return self._zones[tzid]

    def _resolve(self, tzid: str) -> tuple[str | None, tzinfo] | None:
        name = iana_zone(tzid)
        if name:
            return name, ZoneInfo(name)
        definition = self.timezones.get(tzid)
        if definition is None:
            return None
        name = iana_zone(_text(definition, "X-LIC-LOCATION"))
        if name:
            return name, ZoneInfo(name)
        # Read here, not by the library, so one file's custom zone never leaks into the next.
        return None, _FileZone(tzid, definition)


# --- time zones a file defines --------------------------------------------------------------


class _FileZone(tzinfo):
    """A VTIMEZONE the file defines, read with bounded work whatever its rules say.

    The library's reader (dateutil) walks every onset of a rule from its DTSTART, so a rule
    repeating each second, or one that never matches, takes minutes. This one reads a
    STANDARD or DAYLIGHT part's DTSTART, RDATEs and a yearly RRULE by month, month day and
    weekday (the rules real zones have) and finds the onset in force in a few steps; any
    other rule, an offset of a day or more, or no part at all skips the event with why. As
    in dateutil, the part whose latest onset is at or before a time gives its offset, and
    before the first onset the first STANDARD part does.
    """

    def __init__(self, tzid: str, definition: Component) -> None:
        super().__init__()
        self.tzid = tzid
        self._offsets: dict[datetime, timedelta] = {}
        self._observances: list[_Observance] | None = None
        self._definition: Component | None = definition

    def utcoffset(self, dt: datetime | None) -> timedelta:
        wall = (dt or datetime.min).replace(tzinfo=None, fold=0)
        if wall not in self._offsets:
            self._offsets[wall] = self._offset(wall)
        return self._offsets[wall]

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta()

    def tzname(self, dt: datetime | None) -> str:
        return self.tzid

    def _offset(self, wall: datetime) -> timedelta:
        observances = self._read()
        if len(observances) == 1:
            return observances[0].offset_to
        latest: tuple[datetime, _Observance] | None = None
        for observance in observances:
            onset = observance.onset(wall, self.tzid)
            if onset is not None and (latest is None or latest[0] < onset):
                latest = (onset, observance)
        if latest is None:
            return next((o for o in observances if not o.dst), observances[0]).offset_to
        return latest[1].offset_to

    def _read(self) -> list[_Observance]:
        if self._observances is None:
            assert self._definition is not None
            parts = [
                c for c in self._definition.subcomponents if c.name in ("STANDARD", "DAYLIGHT")
            ]
            if not parts:
                raise _Skip(f"the VTIMEZONE “{self.tzid}” has no STANDARD or DAYLIGHT part")
            self._observances = [_Observance.read(part, self.tzid) for part in parts]
            self._definition = None
        return self._observances


@dataclass(frozen=True, slots=True)
class _Observance:
    """A STANDARD or DAYLIGHT part of a VTIMEZONE; times are wall-clock, naive."""

    dst: bool
    start: datetime
    offset_to: timedelta
    dates: tuple[datetime, ...]  # RDATE onsets, sorted
    rule: _YearlyRule | None

    @classmethod
    def read(cls, part: Component, tzid: str) -> _Observance:
        """Read a part, or skip the event if it cannot be read within bounds."""

        def cannot(why: str) -> _Skip:
            return _Skip(f"the VTIMEZONE “{tzid}” cannot be read ({why})")

        start = _wall(getattr(_single(part, "DTSTART"), "dt", None))
        offset = getattr(_single(part, "TZOFFSETTO"), "td", None)
        if start is None:
            raise cannot(f"its {part.name} has no DTSTART")
        if not isinstance(offset, timedelta) or abs(offset) >= timedelta(days=1):
            raise cannot(f"its {part.name} has no TZOFFSETTO of less than a day")
        found = _property(part, "RDATE")
        listed = found if isinstance(found, list) else [found] if found is not None else []
        values = [v for p in listed for v in getattr(p, "dts", ())]
        dates = [_wall(getattr(value, "dt", None)) for value in values]
        rule = _single(part, "RRULE")
        return cls(
            dst=part.name == "DAYLIGHT",
            start=start,
            offset_to=offset,
            dates=tuple(sorted(d for d in dates if d is not None)),
            rule=None if rule is None else _YearlyRule.read(rule, start, cannot),
        )

    def onset(self, wall: datetime, tzid: str) -> datetime | None:
        """Return the latest onset at or before ``wall``, or None."""
        found = [self.start] if self.start <= wall else []
        listed = bisect_right(self.dates, wall)
        if listed:
            found.append(self.dates[listed - 1])
        if self.rule is not None and self.start <= wall:
            ruled = self.rule.latest(self.start, wall, tzid)
            if ruled is not None:
                found.append(ruled)
        return max(found, default=None)


@dataclass(frozen=True, slots=True)
class _YearlyRule:
    """A yearly RRULE by month, month day and weekday: the onsets of a zone's change."""

    interval: int
    months: tuple[int, ...]
    month_days: tuple[int, ...]
    weekdays: tuple[tuple[int, int], ...]  # (n-th in the month, or 0 for every; Monday 0)
    until: datetime | None
    count: int | None

    @classmethod
    def read(cls, rule: Any, start: datetime, cannot: Callable[[str], _Skip]) -> _YearlyRule:
        text = rule.to_ical().decode("utf-8", "replace")
        if not isinstance(rule, vRecur):  # given VALUE=TEXT, say
            raise cannot(f"its rule “{_short(text)}” is not a recurrence rule")
        keys = {str(k).upper() for k in rule}
        if not keys <= YEARLY_RULE_PARTS or str(rule.get("FREQ", [""])[0]).upper() != "YEARLY":
            raise cannot(f"its rule “{_short(text)}” is not a yearly change on a day of a month")
        try:
            months = tuple(int(str(m)) for m in rule.get("BYMONTH", []))
            month_days = tuple(int(d) for d in rule.get("BYMONTHDAY", []))
            weekdays = tuple(_weekday(str(d)) for d in rule.get("BYDAY", []))
            interval = int(rule.get("INTERVAL", [1])[0])
            count = int(rule["COUNT"][0]) if "COUNT" in keys else None
        except (ValueError, KeyError) as error:
            raise cannot(f"its rule “{_short(text)}” has a part out of range") from error
        if (
            not all(1 <= m <= 12 for m in months)
            or not all(1 <= abs(d) <= 31 for d in month_days)
            or not all(abs(n) <= 5 for n, _ in weekdays)
            or (weekdays and not months)
            or interval < 1
        ):
            raise cannot(f"its rule “{_short(text)}” has a part out of range")
        if not months:
            months = tuple(range(1, 13)) if month_days else (start.month,)
        until = _wall(rule["UNTIL"][0]) if "UNTIL" in keys else None
        return cls(interval, months, month_days, weekdays, until, count)

    def latest(self, start: datetime, wall: datetime, tzid: str) -> datetime | None:
        """Return the latest onset after ``start`` and at or before ``wall``, or None."""
        end = wall if self.until is None else min(wall, self.until)
        if end < start:
            return None
        years = range(start.year, end.year + 1, self.interval)
        # A COUNT that outlasts every day of every year up to ``end`` changes nothing.
        if self.count is None or self.count >= len(years) * len(self.months) * 31:
            # The calendar repeats every 400 years, so a year with no onset before that
            # means there is none; normally the year of ``end`` or the one before has one.
            first = max(start.year, end.year - 400 * self.interval)
            for year in range(end.year, first - 1, -1):
                if (year - start.year) % self.interval == 0:
                    onsets = [o for o in self._onsets(year, start) if start <= o <= end]
                    if onsets:
                        return onsets[-1]
            return None
        latest, left = None, self.count
        for counted, year in enumerate(years):
            if counted == COUNTED_YEARS:
                raise _Skip(
                    f"the VTIMEZONE “{tzid}” cannot be read (its rule with COUNT runs over "
                    f"{COUNTED_YEARS:,} years to reach {wall.year})"
                )
            for onset in self._onsets(year, start):
                if onset < start:
                    continue
                if onset > end or left == 0:
                    return latest
                latest, left = onset, left - 1
        return latest

    def _onsets(self, year: int, start: datetime) -> list[datetime]:
        """Return the rule's onsets in ``year``, earliest first."""
        onsets = []
        for month in self.months:
            last = monthrange(year, month)[1]
            days = set(range(1, last + 1))
            if self.month_days:
                days &= {d if d > 0 else last + 1 + d for d in self.month_days}
            if self.weekdays:
                days &= _weekdays_in(year, month, last, self.weekdays)
            if not self.month_days and not self.weekdays:
                days &= {start.day}
            onsets += [datetime.combine(date(year, month, d), start.time()) for d in days]
        return sorted(onsets)


def _weekday(text: str) -> tuple[int, int]:
    """Return a BYDAY entry ("-1SU", "2SU", "SU") as (n-th, weekday), Monday 0."""
    found = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", text.strip().upper())
    if found is None:
        raise ValueError(text)
    return int(found.group(1) or 0), list(WEEKDAYS).index(found.group(2))


def _weekdays_in(year: int, month: int, last: int, weekdays: Sequence[tuple[int, int]]) -> set[int]:
    """Return the days of a month that BYDAY entries name."""
    days: set[int] = set()
    first = date(year, month, 1).weekday()
    for nth, weekday in weekdays:
        matching = list(range(1 + (weekday - first) % 7, last + 1, 7))
        if nth == 0:
            days.update(matching)
        elif nth <= len(matching) and -nth <= len(matching):
            days.add(matching[nth - 1 if nth > 0 else nth])
    return days


def _wall(value: Any) -> datetime | None:
    """Return a date, a date and time, or a period's start as a naive wall-clock time."""
    if isinstance(value, tuple) and value:  # a PERIOD: (start, end or duration)
        value = value[0]
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    return None


def iana_zone(name: str) -> str | None:
    """Return the IANA zone a TZID names: itself, its Windows mapping or a /vendor/ path's tail."""
    known = known_time_zones()
    name = name.strip()
    if name in known:
        return name
    mapped = WINDOWS_TO_OLSON.get(name)
    if mapped in known:
        return mapped
    if name.startswith("/"):
        parts = name.strip("/").split("/")
        for start in range(1, len(parts)):
            candidate = "/".join(parts[start:])
            if candidate in known:
                return candidate
    return None


def fixed_offset_zone(offset: timedelta) -> str:
    """Return the IANA fixed-offset zone for a UTC offset (Etc/GMT-8 is UTC+8), else UTC."""
    seconds = int(offset.total_seconds())
    hours, rest = divmod(abs(seconds), 3600)
    if seconds == 0 or rest:
        return "UTC"
    name = f"Etc/GMT{'-' if seconds > 0 else '+'}{hours}"
    return name if name in known_time_zones() else "UTC"


def _property(component: Component, name: str) -> Any:
    """Return a property as the library parsed it (its types are a wide union), or None.

    A property given more than once is a list of them.
    """
    return component.get(name)


def _first(component: Component, name: str) -> Any:
    """Return the first of a property given once or more, or None."""
    found = _property(component, name)
    return found[0] if isinstance(found, list) else found


def _single(component: Component, name: str) -> Any:
    """Return a property that may be given once, or None; skip the event if given twice."""
    found = _property(component, name)
    if isinstance(found, list):
        raise _Skip(f"{name} is given {len(found)} times")
    return found


def _text(component: Component, name: str) -> str:
    value = _property(component, name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _sequence(component: Component) -> int | None:
    found = _property(component, "SEQUENCE")
    if found is None:
        return None
    values = []
    for value in found if isinstance(found, list) else [found]:
        try:
            values.append(int(value))
        except (TypeError, ValueError):  # SEQUENCE;VALUE=TEXT:two reaches here as text
            continue
    # The highest, kept within what SQLite's INTEGER and every calendar program can hold.
    return min(max(*values, 0), 2**31 - 1) if values else None


def _modified(component: Component) -> datetime | None:
    """Return LAST-MODIFIED, else DTSTAMP (the first, if given twice), in UTC, or None.

    Both are in UTC, as RFC 5545 has them; one read otherwise (the library gives a floating
    time for a TZID) is taken as UTC, and one that is not a date or a time is passed over.
    """
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        value = getattr(_first(component, name), "dt", None)
        if isinstance(value, datetime):
            if isinstance(value.tzinfo, ZoneInfo | timezone):
                return value.astimezone(UTC)
            return value.replace(tzinfo=UTC)
        if isinstance(value, date):
            return datetime.combine(value, time(), UTC)
    return None


def _categories(component: Component) -> list[str]:
    found = _property(component, "CATEGORIES")
    properties = found if isinstance(found, list) else [found] if found is not None else []
    names = (str(c).strip() for p in properties for c in getattr(p, "cats", ()))
    return list(dict.fromkeys(n for n in names if n))


def _status(component: Component, imprecise: bool, categories: set[str]) -> str:
    written = _text(component, "STATUS").upper()
    status = STATUSES.get(written, "confirmed")
    carried = _text(component, X_STATUS).lower()
    # Trust the export's own note only while STATUS still says what the export wrote.
    if carried in EVENT_STATUSES and exported_status(carried, imprecise) == written:
        return carried
    if written == "TENTATIVE" and POSTPONED.casefold() in categories:
        return "postponed"
    return status


def _description(component: Component, imprecise: bool, status: str) -> tuple[str, str]:
    """Return the description without the export's notes, and the report's words if noted.

    The "Date not fixed" note is the first paragraph, unless X-ICLEI-DATE-TEXT says what it
    quotes: then it is exactly that, however many paragraphs the report's words run to.
    """
    text = _text(component, "DESCRIPTION")
    said = ""
    if imprecise and text.startswith(f"{DATE_NOT_FIXED}:"):
        carried = _text(component, X_DATE_TEXT)
        exact = f"{DATE_NOT_FIXED}: the report says “{carried}”"
        if carried and (text == exact or text.startswith(f"{exact}\n\n")):
            note, text = exact, text[len(exact) + 2 :]
        else:
            note, _, text = text.partition("\n\n")
        quoted = _QUOTE.search(note)
        said = quoted.group(1) if quoted else ""
    if status == "postponed":
        first, _, rest = text.partition("\n\n")
        if first.strip() == POSTPONED_NOTE:
            text = rest
    return text.strip(), said


def _with_repeats(component: Component, description: str) -> str:
    if "RRULE" not in component and "RDATE" not in component:
        return description
    words = "on more dates"
    if "RRULE" in component:
        rule = _property(component, "RRULE")
        rule = rule[0] if isinstance(rule, list) else rule
        words = _rule_words(rule) if isinstance(rule, vRecur) else f"by the rule {rule}"
    excepted, added = _listed_days(component, "EXDATE"), _listed_days(component, "RDATE")
    extra = (f", except {excepted}" if excepted else "") + (f", and on {added}" if added else "")
    note = f"Repeats {words}{extra}. Only the first occurrence is in this catalogue."
    return f"{description}\n\n{note}" if description else note


def _rule_words(rule: Any) -> str:
    """Put a common RRULE in words ("weekly on Tuesday, 6 times"), else quote it."""
    keys = {str(k).upper() for k in rule}
    frequency = str(rule.get("FREQ", [""])[0]).upper()
    days = [str(d).upper() for d in rule.get("BYDAY", [])]
    plain = keys <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"}
    if not plain or frequency not in FREQUENCIES or (days and frequency != "WEEKLY"):
        return "by the rule " + str(rule.to_ical().decode("utf-8"))
    if any(d not in WEEKDAYS for d in days):
        return "by the rule " + str(rule.to_ical().decode("utf-8"))
    interval = int(rule.get("INTERVAL", [1])[0])
    unit = FREQUENCIES[frequency]
    words = f"{frequency.lower()}" if interval == 1 else f"every {interval} {unit}s"
    if days:
        names = [WEEKDAYS[d] for d in days]
        words += " on " + (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        )
    if "COUNT" in keys:
        words += f", {int(rule['COUNT'][0])} times"
    if "UNTIL" in keys:
        words += f", until {_day(rule['UNTIL'][0])}"
    return words


def _listed_days(component: Component, name: str) -> str:
    """Return the dates of EXDATE or RDATE in words, the first ``MAX_LISTED_DATES`` of them.

    A description naming every one of thousands of dates would be too long to import. The
    text is empty when there are none, or none is a date (given as VALUE=TEXT, say).
    """
    found = _property(component, name)
    properties = found if isinstance(found, list) else [found] if found is not None else []
    values = [value.dt for p in properties for value in getattr(p, "dts", ())]
    days = ", ".join(_day(value) for value in values[:MAX_LISTED_DATES])
    more = len(values) - MAX_LISTED_DATES
    return f"{days} and {more:,} more dates" if more > 0 else days


def _day(value: Any) -> str:
    if isinstance(value, tuple):  # a PERIOD: (start, end or duration)
        value = value[0]
    if isinstance(value, datetime):
        value = value.date()
    return describe_range(value, value) if isinstance(value, date) else str(value)


def _infer_precision(start: date, end: date) -> str:
    """Guess how precise a "Date not fixed" span is from its bounds (whole months or not)."""
    if start.day != 1 or (end + timedelta(days=1)).day != 1:
        return "day"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.month == 1 and months % 12 == 0:
        return "year"
    if (start.month - 1) % 3 == 0 and months % 3 == 0:
        return "quarter"
    return "month"


def _dates(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _clock(value: date) -> time:
    assert isinstance(value, datetime)
    return value.time().replace(microsecond=0)


def _when(fields: CalendarFields) -> str:
    period = describe_range(fields.start_date, fields.end_date, fields.date_precision)
    if fields.all_day or fields.start_time is None or fields.end_time is None:
        return period
    return f"{period}, {fields.start_time:%H:%M}–{fields.end_time:%H:%M} ({fields.timezone})"
