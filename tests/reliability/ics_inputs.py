"""Make fuzzed iCalendar inputs, deterministically, from real calendars and their mutations.

``fuzzed(bases, index)`` returns the same bytes for the same index on any machine: its
random generator is seeded with the index alone. Most inputs are a base calendar (a sample
file from ``tests/data/ical``, the export of the seeded catalogue, or a few of its events)
changed by one to four mutations; one in twenty is a whole calendar written from scratch
with edge values, and the first inputs are the fixed ``SPECIALS`` (empty file, only
BEGIN:VCALENDAR, …). Each input has a ``recipe`` saying what was done, to find it again.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SEED = "iclei-ics-fuzz-1"
CRLF = "\r\n"

SPECIALS: tuple[bytes, ...] = (
    b"",
    b"\xef\xbb\xbf",
    b"\r\n\r\n",
    b" \t \r\n",
    b"\x00" * 64,
    b"BEGIN:VCALENDAR",
    b"BEGIN:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    b"END:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20210101\r\nEND:VEVENT\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    b"begin:vcalendar\nbegin:vevent\nuid:a\ndtstart:20210101\nend:vevent\nend:vcalendar\n",
    b"BEGIN:VCALENDAR\rBEGIN:VEVENT\rUID:a\rDTSTART:20210101\rEND:VEVENT\rEND:VCALENDAR\r",
    b"BEGIN:VCALENDAR\r\n :folded onto nothing\r\nEND:VCALENDAR\r\n",
    b"BEGIN:\r\nEND:\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:\r\nEND:\r\nEND:VCALENDAR\r\n",
    b":\r\n",
    b";;;:::\r\n",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    b"<!DOCTYPE html><html><body>BEGIN:VCALENDAR</body></html>",
    b'{"BEGIN": "VCALENDAR"}',
    b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n",
    b"\xff\xfeB\x00E\x00G\x00I\x00N\x00",
    b"\xfe\xff\x00B\x00E\x00G\x00I\x00N",
    b"\x00\x00\xfe\xff",
    b"\xef\xbb\xbf\xef\xbb\xbfBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".encode("utf-16"),
    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".encode("utf-16-le"),
    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".encode("utf-32"),
    bytes(range(256)),
)

EDGE_DATES = (
    "20210230",
    "20210229",
    "20200229",
    "20211301",
    "20210001",
    "20210100",
    "20210132",
    "00000101",
    "00010101",
    "99991231",
    "999990101",
    "2021-01-01",
    "2021010",
    "202101011",
    "2O210101",
    "-20210101",
    "+20210101",
    "",
    "T",
    "20210101T",
    "20210101T240000",
    "20210101T235960",
    "20210101T236000",
    "20210101T250000Z",
    "20210101T000000ZZ",
    "20210101T000000+0900",
    "20210101T000000.5Z",
    "20210101T000000Z/PT1H",
    "20210101T000000Z/20200101T000000Z",
    "19691231T235959Z",
    "00010101T000000",
    "00010101T000000Z",
    "16010101T000000",
    "99991231T235959",
    "99991231T235959Z",
    "20380119T031408Z",
    "21060207T062816Z",
    "20210101T090000,20210102T090000",
    "20210101,20210230",
    "\u0662\u0660\u0662\u0661\u0660\u0661\u0660\u0661",  # Arabic-Indic digits
    "\uff12\uff10\uff12\uff11\uff10\uff11\uff10\uff11",  # full-width digits
)
EDGE_DURATIONS = (
    "P",
    "PT",
    "P1D",
    "-P1D",
    "+PT1H",
    "P0D",
    "PT0S",
    "P1W2D",
    "P1Y",
    "P1M",
    "P99999999W",
    "P999999999D",
    "PT99999999999S",
    "PT1H1H",
    "P1DT",
    "1D",
    "PT-1H",
    "P2147483648D",
)
RRULES = (
    "FREQ=DAILY;COUNT=1000000000",
    "FREQ=SECONDLY;COUNT=1000000000",
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;INTERVAL=1",
    "FREQ=YEARLY;COUNT=99999999999999999999",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;COUNT=-1",
    "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=100000",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYMONTH=13",
    "FREQ=YEARLY;BYMONTH=0",
    "FREQ=WEEKLY;BYDAY=9MO",
    "FREQ=MONTHLY;BYDAY=-99FR",
    "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=WEEKLY;BYDAY=",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=DAILY;INTERVAL=-3",
    "FREQ=DAILY;INTERVAL=99999999999",
    "FREQ=DAILY;UNTIL=20210230",
    "FREQ=DAILY;UNTIL=00000101T000000Z",
    "FREQ=DAILY;COUNT=3;UNTIL=20211231",
    "FREQ=FORTNIGHTLY",
    "FREQ=",
    "",
    "COUNT=5",
    "FREQ=YEARLY;BYSETPOS=400;BYMONTH=3",
    "FREQ=YEARLY;BYWEEKNO=60",
    "FREQ=YEARLY;BYYEARDAY=367",
    "FREQ=HOURLY;BYHOUR=25",
    "FREQ=WEEKLY;WKST=XX;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=TU;COUNT=6",
    "FREQ=WEEKLY;FREQ=DAILY",
    "FREQ=DAILY;;;COUNT=2",
    "FREQ=DAILY;X-NAME=1",
    "freq=daily;count=2",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;BYHOUR=1,2,3;BYMINUTE=0,30;BYSECOND=0,1",
)
TZIDS = (
    "Mars/Olympus_Mons",
    "",
    " ",
    "Asia/Seoul",
    "asia/seoul",
    "Korea Standard Time",
    "China Standard Time",
    "/mozilla.org/20050126_1/Asia/Tokyo",
    "/",
    "//",
    "/a/b/c/d/e/f/g/h",
    "Etc/GMT+14",
    "Etc/GMT-14",
    "UTC",
    "Z",
    "Customized Time Zone",
    "Custom",
    '"quoted"',
    "x" * 300,
    "Asia/Seoul\x00",
    "東京",
    "🕒",
    "..",
    "../../etc/passwd",
    "Asia/../Asia/Seoul",
)
NAMES = (
    "X-A",
    "X-",
    "X-ICLEI-STATUS",
    "X-ICLEI-DATE-PRECISION",
    "X-ICLEI-DATE-TEXT",
    "X-WR-TIMEZONE",
    "X-WR-CALNAME",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "URL",
    "UID",
    "STATUS",
    "CATEGORIES",
    "SEQUENCE",
    "METHOD",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "RDATE",
    "EXDATE",
    "EXRULE",
    "RECURRENCE-ID",
    "TZID",
    "TZOFFSETFROM",
    "TZOFFSETTO",
    "LAST-MODIFIED",
    "DTSTAMP",
    "CREATED",
    "GEO",
    "ATTACH",
    "ATTENDEE",
    "ORGANIZER",
    "PRIORITY",
    "TRIGGER",
    "FREEBUSY",
    "REQUEST-STATUS",
    "CLASS",
    "VERSION",
    "COMMENT",
    "RELATED-TO",
    "BEGIN",
    "END",
    "NONSTANDARD",
    "A" * 200,
    "x-lower",
    "1NUMBER",
    "NAME WITH SPACE",
    "NAME_UNDERSCORE",
    "ÄÖÜ",
    "",
)
PARAMS = (
    ";VALUE=DATE",
    ";VALUE=DATE-TIME",
    ";VALUE=PERIOD",
    ";VALUE=DURATION",
    ";VALUE=TEXT",
    ";VALUE=BINARY;ENCODING=BASE64",
    ";VALUE=BOGUS",
    ";ENCODING=BASE64",
    ";ENCODING=QUOTED-PRINTABLE",
    ";TZID=Mars/Olympus_Mons",
    ";TZID=",
    ";TZID=Asia/Seoul",
    ';TZID="Korea Standard Time"',
    ";LANGUAGE=ko",
    ";LANGUAGE=",
    ';X-P="unbalanced',
    ';X-P="a:b;c,d"',
    ";X-P=a,b,c",
    ";=",
    ";;",
    ";X-P",
    ";RANGE=THISANDFUTURE",
    ";RELATED=END",
    ";CN=Ünïcödé",
    ";X-P=" + "p" * 500,
    ';ALTREP="cid:x"',
)
UNICODE = (
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\xa0",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2028",
    "\u2029",
    "\u2066",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\U0001f600",
    "👩\u200d👩\u200d👧\u200d👦",
    "🏳️\u200d🌈",
    "e\u0301\u0301\u0301",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eevil.exe\u202c",
    "서울특별시",
    "北京市朝阳区",
    "東京都",
    "Улаанбаатар",
    "Z̴̡̢̛̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇̉̊̋̌̍̎̏̐̑̒̓̔̕̚ͅalgo",
    "\\",
    "\\n",
    "\\N",
    "\\,",
    "\\;",
    "\\x",
    ";",
    ",",
    ":",
    '"',
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\r\nBEGIN:VEVENT\r\nUID:injected\r\n",
    "\udc80",
    "\udcff",
)
TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "UID", "CATEGORIES", "COMMENT")
DATE_PROPERTIES = (
    "DTSTART",
    "DTEND",
    "DUE",
    "RECURRENCE-ID",
    "EXDATE",
    "RDATE",
    "DTSTAMP",
    "CREATED",
    "LAST-MODIFIED",
)
COMPONENTS = (
    "VEVENT",
    "VTODO",
    "VJOURNAL",
    "VFREEBUSY",
    "VTIMEZONE",
    "VALARM",
    "STANDARD",
    "DAYLIGHT",
    "VCALENDAR",
    "VAVAILABILITY",
    "X-THING",
    "",
    "vevent",
    "VEVENT ",
)
ENCODINGS = (
    "latin-1",
    "cp1252",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "gb18030",
    "shift_jis",
    "euc-kr",
    "big5",
    "utf-7",
    "koi8-r",
    "utf-8-sig",
)
_DATE_LINE = re.compile(rf"^({'|'.join(DATE_PROPERTIES)})([;:])", re.IGNORECASE)
_TZID_PARAM = re.compile(r";TZID=(\"[^\"]*\"|[^;:]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Fuzzed:
    """One input: its bytes and what was done to make it."""

    data: bytes
    recipe: str


class Text:
    """A calendar being mutated: its lines without line ends (split on LF, CR kept)."""

    def __init__(self, data: bytes) -> None:
        self.lines = data.decode("utf-8", "surrogateescape").split("\n")

    def encode(self) -> bytes:
        return "\n".join(self.lines).encode("utf-8", "surrogateescape")

    def pick(self, rng: random.Random, pattern: re.Pattern[str] | None = None) -> int | None:
        """Return the index of a random line (matching ``pattern``), or None."""
        if pattern is None:
            return rng.randrange(len(self.lines)) if self.lines else None
        found = [i for i, line in enumerate(self.lines) if pattern.search(line)]
        return rng.choice(found) if found else None


def _value_index(line: str) -> int:
    """Return where a content line's value starts (after the first unquoted colon)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index + 1
    return len(line)


def _ending(rng: random.Random) -> str:
    return rng.choice(("\r", "\r", "\r", ""))


# --- mutations on lines --------------------------------------------------------------------


def drop_lines(rng: random.Random, text: Text) -> None:
    for _ in range(rng.randint(1, 5)):
        if text.lines:
            del text.lines[rng.randrange(len(text.lines))]


def duplicate_lines(rng: random.Random, text: Text) -> None:
    for _ in range(rng.randint(1, 5)):
        if text.lines:
            line = text.lines[rng.randrange(len(text.lines))]
            text.lines.insert(rng.randrange(len(text.lines) + 1), line)


def duplicate_block(rng: random.Random, text: Text) -> None:
    """Copy a run of lines (often a whole component) somewhere else."""
    if len(text.lines) < 2:
        return
    start = rng.randrange(len(text.lines))
    block = text.lines[start : start + rng.randint(2, 30)]
    at = rng.randrange(len(text.lines) + 1)
    text.lines[at:at] = block * rng.randint(1, 3)


def shuffle_lines(rng: random.Random, text: Text) -> None:
    if len(text.lines) < 2:
        return
    if rng.random() < 0.1:
        rng.shuffle(text.lines)
        return
    start = rng.randrange(len(text.lines))
    window = text.lines[start : start + rng.randint(2, 10)]
    rng.shuffle(window)
    text.lines[start : start + len(window)] = window


def unfold(rng: random.Random, text: Text) -> None:
    """Join folded lines, or fold badly: without the leading space, or mid-line."""
    choice = rng.random()
    if choice < 0.3:
        joined = "\n".join(text.lines).replace("\r\n ", "").replace("\n ", "")
        text.lines = joined.split("\n")
        return
    index = text.pick(rng)
    if index is None:
        return
    line = text.lines[index]
    cut = rng.randint(0, len(line))
    if choice < 0.6:  # folded with no leading white space: a new, broken line
        text.lines[index : index + 1] = [line[:cut] + _ending(rng), line[cut:]]
    elif choice < 0.8:  # folded properly but in odd places, many times
        pieces = [line[i : i + rng.randint(1, 5)] for i in range(0, len(line), 3)]
        fold = rng.choice(("\r\n ", "\r\n\t", "\n ", "\r\n  "))
        text.lines[index] = fold.join(pieces) if pieces else fold
    else:  # a continuation line with nothing before it
        text.lines.insert(index, rng.choice((" ", "\t", "  continued")) + line)


def random_property(rng: random.Random, text: Text) -> None:
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(NAMES)
        params = "".join(rng.choice(PARAMS) for _ in range(rng.choice((0, 0, 1, 2))))
        value = rng.choice(
            (
                rng.choice(EDGE_DATES),
                rng.choice(UNICODE),
                rng.choice(RRULES),
                str(rng.randint(-(2**70), 2**70)),
                "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(0, 40))),
                "",
            )
        )
        separator = rng.choice((":", ":", ":", ";", "", "::"))
        at = rng.randrange(len(text.lines) + 1)
        text.lines.insert(at, f"{name}{params}{separator}{value}{_ending(rng)}")


def random_parameters(rng: random.Random, text: Text) -> None:
    for _ in range(rng.randint(1, 3)):
        index = text.pick(rng)
        if index is None:
            return
        line = text.lines[index]
        split = line.find(":")
        if split < 0:
            split = len(line)
        head, tail = line[:split], line[split:]
        text.lines[index] = head + rng.choice(PARAMS) + tail


def bad_date(rng: random.Random, text: Text) -> None:
    index = text.pick(rng, _DATE_LINE)
    if index is None:
        index = rng.randrange(len(text.lines) + 1)
        text.lines.insert(index, f"{rng.choice(DATE_PROPERTIES)}:20210101\r")
    line = text.lines[index]
    head = line[: _value_index(line)]
    if rng.random() < 0.3:
        head = rng.choice(("DTSTART", "DTEND", "EXDATE")) + rng.choice(PARAMS) + ":"
    text.lines[index] = head + rng.choice(EDGE_DATES) + _ending(rng)


def bad_duration(rng: random.Random, text: Text) -> None:
    index = text.pick(rng, re.compile(r"^(DTEND|DURATION)[;:]", re.IGNORECASE))
    line = f"DURATION:{rng.choice(EDGE_DURATIONS)}\r"
    if index is None or rng.random() < 0.5:
        at = text.pick(rng, re.compile(r"^DTSTART", re.IGNORECASE))
        text.lines.insert(at + 1 if at is not None else 0, line)
    else:
        text.lines[index] = line


def odd_time_zone(rng: random.Random, text: Text) -> None:
    """Change TZID parameters, or the calendar's X-WR-TIMEZONE, to unknown or odd names."""
    tzid = rng.choice(TZIDS)
    quoted = f'"{tzid}"' if rng.random() < 0.3 else tzid
    indices = [i for i, line in enumerate(text.lines) if _TZID_PARAM.search(line)]
    if indices and rng.random() < 0.7:
        for index in rng.sample(indices, rng.randint(1, len(indices))):
            text.lines[index] = _TZID_PARAM.sub(f";TZID={quoted}", text.lines[index], count=1)
    else:
        text.lines.insert(min(len(text.lines), 2), f"X-WR-TIMEZONE:{tzid}\r")
        floating = text.pick(rng, re.compile(r"^(DTSTART|DTEND):\d{8}T\d{6}Z?\r?$"))
        if floating is not None:
            text.lines[floating] = text.lines[floating].replace("Z", "")


def broken_vtimezone(rng: random.Random, text: Text) -> None:
    """Add a VTIMEZONE, often broken or hard to evaluate, and point events at it."""
    tzid = rng.choice(("Custom", "Customized Time Zone", "Asia/Seoul", rng.choice(TZIDS)))
    offset_from = rng.choice(("+0900", "-0500", "+0000", "+9999", "-2400", "+05", "abc", ""))
    offset_to = rng.choice(("+0800", "-0400", "+1400", "-1200", "+0530", "+2359", "x", ""))
    start = rng.choice(("16010101T020000", "19700308T020000", "00010101T000000", "20210101"))
    rule = rng.choice(
        (
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU",
            *RRULES,
        )
    )
    observance = [
        f"BEGIN:{rng.choice(('STANDARD', 'DAYLIGHT'))}",
        f"DTSTART:{start}",
        f"TZOFFSETFROM:{offset_from}",
        f"TZOFFSETTO:{offset_to}",
        f"RRULE:{rule}",
        f"RDATE:{rng.choice(EDGE_DATES)}",
        "TZNAME:" + rng.choice(UNICODE),
        "END:STANDARD",
    ]
    observance[-1] = "END:" + observance[0][6:]
    kept = [line for line in observance if rng.random() < 0.85]
    block = ["BEGIN:VTIMEZONE", f"TZID:{tzid}", *kept * rng.randint(1, 2), "END:VTIMEZONE"]
    if rng.random() < 0.2:
        block.insert(rng.randrange(1, len(block)), f"X-LIC-LOCATION:{rng.choice(TZIDS)}")
    at = text.pick(rng, re.compile(r"^BEGIN:(VEVENT|VTIMEZONE)", re.IGNORECASE)) or 1
    text.lines[at:at] = [line + "\r" for line in block]
    quoted = f'"{tzid}"' if any(c in tzid for c in ":;,") else tzid
    for index, line in enumerate(text.lines):
        if re.match(r"^(DTSTART|DTEND|DTSTAMP|LAST-MODIFIED)[;:]", line) and rng.random() < 0.6:
            value = re.sub(r"Z?\r?$", "", line[_value_index(line) :])
            if "T" not in value:
                value += "T090000"
            name = line.split(";", 1)[0].split(":", 1)[0]
            text.lines[index] = f"{name};TZID={quoted}:{value}\r"


def edit_event(rng: random.Random, text: Text) -> None:
    """Edit an event as a calendar program would, keeping the file sound: a new UID (an
    addition), a higher SEQUENCE (an update), another title, other dates or times."""
    begins = [i for i, line in enumerate(text.lines) if line.rstrip("\r") == "BEGIN:VEVENT"]
    if not begins:
        return
    start = rng.choice(begins)
    end = next(
        (i for i in range(start, len(text.lines)) if text.lines[i].rstrip("\r") == "END:VEVENT"),
        len(text.lines),
    )
    year, month, day = rng.randint(1990, 2040), rng.randint(1, 12), rng.randint(1, 28)
    hour = rng.randint(0, 22)
    for i in range(start + 1, end):
        line = text.lines[i]
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name == "UID" and rng.random() < 0.5:
            text.lines[i] = f"UID:edited-{rng.getrandbits(40):x}@fuzz\r"
        elif name == "SEQUENCE" and rng.random() < 0.7:
            text.lines[i] = f"SEQUENCE:{rng.choice((1, 2, 5, 100, 2**31 - 1, 2**31))}\r"
        elif name == "SUMMARY" and rng.random() < 0.5:
            words = "".join(rng.choice(UNICODE[25:]) for _ in range(rng.randint(1, 4)))
            text.lines[i] = f"SUMMARY:Edited {words}".replace("\r\n", " ") + "\r"
        elif name in ("DTSTART", "DTEND") and rng.random() < 0.5:
            head = line[: _value_index(line)]
            value = line[len(head) :].rstrip("\r")
            stamp = f"{year:04d}{month:02d}{day + (name == 'DTEND'):02d}"
            if "T" in value:
                stamp += f"T{hour + (name == 'DTEND'):02d}0000" + (
                    "Z" if value.endswith("Z") else ""
                )
            text.lines[i] = head + stamp + "\r"
        elif name == "LAST-MODIFIED" and rng.random() < 0.5:
            text.lines[i] = f"LAST-MODIFIED:{rng.randint(2000, 2099)}0101T000000Z\r"


def odd_sequence(rng: random.Random, text: Text) -> None:
    value = rng.choice(
        ("0", "-5", "2147483648", "9223372036854775808", str(10**30), "1e9", "", "two", "1.5")
    )
    index = text.pick(rng, re.compile(r"^SEQUENCE", re.IGNORECASE))
    line = f"SEQUENCE:{value}\r"
    if index is None:
        at = text.pick(rng, re.compile(r"^UID", re.IGNORECASE))
        text.lines.insert(at + 1 if at is not None else 1, line)
    else:
        text.lines[index] = line


def odd_repeats(rng: random.Random, text: Text) -> None:
    """RRULE, RDATE and EXDATE nonsense on an event."""
    at = text.pick(rng, re.compile(r"^DTSTART", re.IGNORECASE))
    if at is None:
        at = rng.randrange(len(text.lines) + 1)
    kind = rng.random()
    if kind < 0.5:
        line = f"RRULE:{rng.choice(RRULES)}"
    elif kind < 0.75:
        dates = ",".join(rng.choice(EDGE_DATES[:12]) for _ in range(rng.randint(1, 50)))
        line = f"{rng.choice(('RDATE', 'EXDATE'))}{rng.choice(('', ';VALUE=DATE'))}:{dates}"
    elif kind < 0.9:
        count = rng.choice((2, 100, 3000))
        dates = ",".join(f"2021{m:02d}{d:02d}" for m in range(1, 13) for d in range(1, 29))
        line = f"EXDATE;VALUE=DATE:{dates}" if count > 2 else "EXDATE:20210101T000000Z"
        text.lines[at + 1 : at + 1] = [line + "\r"] * (count // 100 + 1)
        return
    else:
        line = "RDATE;VALUE=PERIOD:" + rng.choice(
            ("20210101T000000Z/PT1H", "20210101T000000Z/20200101T000000Z", "20210101/P1D", "x/y")
        )
    text.lines.insert(at + 1, line + _ending(rng))


def odd_text(rng: random.Random, text: Text) -> None:
    """Put odd characters (control, bidi, emoji, escapes) into text values."""
    pattern = re.compile(rf"^({'|'.join(TEXT_PROPERTIES)})[;:]", re.IGNORECASE)
    for _ in range(rng.randint(1, 4)):
        index = text.pick(rng, pattern if rng.random() < 0.8 else None)
        if index is None:
            return
        line = text.lines[index].rstrip("\r")
        start = _value_index(line)
        at = rng.randint(start, len(line))
        insert = "".join(rng.choice(UNICODE) for _ in range(rng.randint(1, 6)))
        text.lines[index] = line[:at] + insert + line[at:] + _ending(rng)


def long_text(rng: random.Random, text: Text) -> None:
    """Make a text value long: past the title or description limits, or past a fold."""
    index = text.pick(rng, re.compile(r"^(SUMMARY|DESCRIPTION|LOCATION|UID)[;:]"))
    if index is None:
        return
    line = text.lines[index].rstrip("\r")
    size = rng.choice((76, 301, 5000, 20_001, 60_000))
    filler = rng.choice(("a", "한", "😀", "\\n", "x\\, "))
    text.lines[index] = line + filler * (size // len(filler)) + "\r"


def odd_url(rng: random.Random, text: Text) -> None:
    value = rng.choice(
        (
            "javascript:alert(1)",
            "http://",
            "https://exa mple.org",
            "https://[::1",
            "http://[invalid]",
            "ftp://example.org",
            "https://example.org/" + "a" * 3000,
            "https://例え.テスト/パス",
            "https://example.org/\x00",
            "mailto:someone@example.org",
            "",
        )
    )
    index = text.pick(rng, re.compile(r"^URL", re.IGNORECASE))
    if index is None:
        index = text.pick(rng, re.compile(r"^SUMMARY", re.IGNORECASE))
        if index is None:
            return
        text.lines.insert(index, "")
    text.lines[index] = f"URL{rng.choice(('', ';VALUE=URI'))}:{value}\r"


def odd_uid(rng: random.Random, text: Text) -> None:
    index = text.pick(rng, re.compile(r"^UID", re.IGNORECASE))
    if index is None:
        return
    value = rng.choice(("", " ", "\x00", "same", "x" * 5000, "a\\,b", "a,b", "🙂", "\u202e"))
    if rng.random() < 0.2:
        del text.lines[index]
    else:
        text.lines[index] = f"UID:{value}\r"


def odd_vocabulary(rng: random.Random, text: Text) -> None:
    """STATUS, CATEGORIES, METHOD and the export's X-ICLEI- notes with odd values."""
    choice = rng.randrange(5)
    if choice == 0:
        line = "STATUS:" + rng.choice(
            ("CONFIRMED", "TENTATIVE", "CANCELLED", "NEEDS-ACTION", "", "postponed")
        )
    elif choice == 1:
        line = "CATEGORIES:" + ",".join(
            rng.choice(("Date not fixed", "Postponed", "In person", "Virtual", "", "Hybrid", ","))
            for _ in range(rng.randint(1, 5))
        )
    elif choice == 2:
        text.lines.insert(1, "METHOD:" + rng.choice(("CANCEL", "REQUEST", "REPLY", "", "X")))
        return
    elif choice == 3:
        line = "X-ICLEI-DATE-PRECISION:" + rng.choice(
            ("month", "quarter", "half", "year", "day", "", "week")
        )
    else:
        line = "X-ICLEI-" + rng.choice(("STATUS:postponed", "STATUS:x", "DATE-TEXT:Q3-4"))
    at = text.pick(rng, re.compile(r"^UID", re.IGNORECASE))
    text.lines.insert(at + 1 if at is not None else rng.randrange(len(text.lines) + 1), line)


def nesting(rng: random.Random, text: Text) -> None:
    """Nest components oddly: deep, unclosed, mismatched, or a calendar in an event."""
    at = text.pick(rng, re.compile(r"^(BEGIN|END):", re.IGNORECASE))
    if at is None:
        at = rng.randrange(len(text.lines) + 1)
    choice = rng.randrange(5)
    if choice == 0:
        depth = rng.randint(2, 9)
        names = [rng.choice(COMPONENTS) for _ in range(depth)]
        block = [f"BEGIN:{n}" for n in names] + [f"END:{n}" for n in reversed(names)]
    elif choice == 1:
        block = [f"BEGIN:{rng.choice(COMPONENTS)}"]
    elif choice == 2:
        block = [f"END:{rng.choice(COMPONENTS)}"]
    elif choice == 3:
        block = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:inner", "END:VEVENT", "END:VCALENDAR"]
    else:
        block = ["BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "END:VALARM"]
    text.lines[at:at] = [line + _ending(rng) for line in block]


def rename_component(rng: random.Random, text: Text) -> None:
    index = text.pick(rng, re.compile(r"^(BEGIN|END):V", re.IGNORECASE))
    if index is None:
        return
    old = text.lines[index].rstrip("\r").split(":", 1)[1]
    new = rng.choice(COMPONENTS)
    both = rng.random() < 0.7
    for i, line in enumerate(text.lines):
        if line.rstrip("\r") in (f"BEGIN:{old}", f"END:{old}") and (both or i == index):
            text.lines[i] = line.split(":", 1)[0] + ":" + new + "\r"


def line_ends(rng: random.Random, text: Text) -> None:
    """Mix line ends: CR alone, LF alone, CR CR LF, blank lines, trailing white space."""
    end = rng.choice(("\r", "", "\r\r", "\r\n", " \r", "\t"))
    for index in rng.sample(range(len(text.lines)), min(len(text.lines), rng.randint(1, 20))):
        text.lines[index] = text.lines[index].rstrip("\r") + end
    if rng.random() < 0.3:
        text.lines.insert(rng.randrange(len(text.lines) + 1), rng.choice(("", "\r", " ", "\t")))


def garbage_around(rng: random.Random, text: Text) -> None:
    junk = rng.choice(("garbage", "\x00", "BEGIN:VCALENDAR", "END:VCALENDAR", "X-COMMENT:ok"))
    if rng.random() < 0.5:
        text.lines.insert(0, junk)
    else:
        text.lines.append(junk)


# --- mutations on bytes --------------------------------------------------------------------


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    changed = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        changed[rng.randrange(len(changed))] ^= 1 << rng.randrange(8)
    return bytes(changed)


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at:]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def fold_bytes(rng: random.Random, data: bytes) -> bytes:
    """Fold inside a UTF-8 character, as a careless exporter might."""
    multibyte = [i for i, byte in enumerate(data) if byte >= 0xC0]
    at = rng.choice(multibyte) + 1 if multibyte else rng.randint(0, len(data))
    return data[:at] + b"\r\n " + data[at:]


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(ENCODINGS), "replace")


def byte_order_marks(rng: random.Random, data: bytes) -> bytes:
    mark = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf" * 2))
    at = 0 if rng.random() < 0.6 else rng.randint(0, len(data))
    return data[:at] + mark + data[at:]


LINE_MUTATIONS: tuple[Callable[[random.Random, Text], None], ...] = (
    edit_event,
    edit_event,
    edit_event,
    edit_event,
    drop_lines,
    duplicate_lines,
    duplicate_block,
    shuffle_lines,
    unfold,
    random_property,
    random_parameters,
    bad_date,
    bad_date,
    bad_duration,
    odd_time_zone,
    broken_vtimezone,
    broken_vtimezone,
    odd_sequence,
    odd_repeats,
    odd_repeats,
    odd_text,
    odd_text,
    long_text,
    odd_url,
    odd_uid,
    odd_vocabulary,
    nesting,
    rename_component,
    line_ends,
    garbage_around,
)
BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    flip_bits,
    flip_bits,
    random_bytes,
    truncate,
    truncate,
    fold_bytes,
    reencode,
    byte_order_marks,
)


# --- whole inputs --------------------------------------------------------------------------


def from_scratch(rng: random.Random) -> bytes:
    """A calendar of a few events written from scratch, every value drawn from the edges."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN"]
    if rng.random() < 0.5:
        lines.append(f"X-WR-TIMEZONE:{rng.choice(TZIDS)}")
    for n in range(rng.randint(0, 4)):
        lines.append("BEGIN:VEVENT")
        lines.append(f"UID:scratch-{n}@fuzz")
        lines.append(f"DTSTAMP:{rng.choice(EDGE_DATES)}")
        start_params = rng.choice(("", ";VALUE=DATE", f";TZID={rng.choice(TZIDS)}"))
        lines.append(f"DTSTART{start_params}:{rng.choice(EDGE_DATES)}")
        if rng.random() < 0.6:
            lines.append(f"DTEND{start_params}:{rng.choice(EDGE_DATES)}")
        if rng.random() < 0.3:
            lines.append(f"DURATION:{rng.choice(EDGE_DURATIONS)}")
        if rng.random() < 0.4:
            lines.append(f"RRULE:{rng.choice(RRULES)}")
        lines.append("SUMMARY:" + "".join(rng.choice(UNICODE) for _ in range(3)))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return (CRLF.join(lines) + CRLF).encode("utf-8", "surrogateescape")


def fuzzed(bases: Sequence[tuple[str, bytes]], index: int) -> Fuzzed:
    """Return input number ``index``: a special, a calendar from scratch, or a mutated base.

    ``bases`` are (name, bytes) pairs; the first names the seeded catalogue's whole export,
    which is slow to import and so drawn rarely.
    """
    if index < len(SPECIALS):
        return Fuzzed(SPECIALS[index], f"special {index}")
    rng = random.Random(f"{SEED}:{index}")
    if rng.random() < 0.05:
        return Fuzzed(from_scratch(rng), "from scratch")
    name, data = bases[0] if rng.random() < 0.01 else rng.choice(bases[1:])
    steps = [name]
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
        if rng.random() < 0.8:
            mutate = rng.choice(LINE_MUTATIONS)
            text = Text(data)
            mutate(rng, text)
            data = text.encode()
        else:
            change = rng.choice(BYTE_MUTATIONS)
            data = change(rng, data)
            mutate = change  # type: ignore[assignment]
        steps.append(mutate.__name__)
    return Fuzzed(data, " + ".join(steps))


def slices(export: bytes, rng: random.Random, count: int) -> list[tuple[str, bytes]]:
    """Return ``count`` calendars holding a few events each of ``export``, with its header."""
    text = export.decode("utf-8")
    head, _, rest = text.partition("BEGIN:VEVENT\r\n")
    events = ["BEGIN:VEVENT\r\n" + block for block in rest.split("BEGIN:VEVENT\r\n")]
    last = events[-1]
    cut = last.find("END:VEVENT\r\n") + len("END:VEVENT\r\n")
    events[-1], tail = last[:cut], last[cut:]
    out = []
    for n in range(count):
        chosen = rng.sample(events, rng.randint(1, min(4, len(events))))
        out.append((f"export slice {n}", (head + "".join(chosen) + tail).encode("utf-8")))
    return out
