"""iCalendar import: files from real calendar programs, merging by UID, and refusing bad files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import CalendarImportError
from iclei_desktop.core.ical import ImportItem, ImportPreview
from iclei_desktop.core.ical import import_ as ical_import
from iclei_desktop.core.ical import store as ical_store
from iclei_desktop.core.services import events as event_services
from tests.ical_support import ICAL_DATA, open_empty_catalogue, snapshot, timed_draft

TURKU = "turku-city-study-tour-japan-2020@iclei-eastasia.desktop"
REQUEST_UID = "6kq2m4o8s0u2w4y6a8c0e2g4i6@google.com"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Catalogue]:
    """A catalogue with no records at all."""
    opened = open_empty_catalogue(tmp_path / "empty")
    yield opened
    opened.close()


def by_uid(catalogue: Catalogue) -> dict[str, object]:
    return {row.uid: row for row in catalogue.events()}


def items(preview: ImportPreview) -> list[tuple[str, str, str]]:
    return [(i.action, i.title, i.reason) for i in preview.items]


def imported(catalogue: Catalogue, name: str) -> ImportPreview:
    return catalogue.import_calendar(ICAL_DATA / name)


# --- round trip ---------------------------------------------------------------------------


def test_export_then_import_into_an_empty_catalogue_gives_the_same_events(
    catalogue: Catalogue, empty: Catalogue, tmp_path: Path
) -> None:
    catalogue.create_event(timed_draft())
    catalogue.create_event(timed_draft(title="Night call", timezone="America/New_York"))
    catalogue.create_event(
        timed_draft(
            title="Two days, late start",
            end_date=date(2021, 3, 13),
            start_time=time(18, 0),
            end_time=time(9, 15),
            timezone="Europe/Berlin",
            status="postponed",
            mode="virtual",
        )
    )
    catalogue.create_event(timed_draft(title="In UTC", timezone="UTC", status="cancelled"))
    source = tmp_path / "all.ics"
    assert catalogue.export_calendar(source) == 44
    done = empty.import_calendar(source)
    assert (done.added, done.updated, done.unchanged, done.skipped) == (44, 0, 0, 0)
    assert done.summary == "added 44, updated 0, unchanged 0, skipped 0"
    fields = (
        "title",
        "all_day",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "timezone",
        "status",
        "mode",
        "location",
        "url",
        "description",
        "date_precision",
        "date_text",
    )
    for uid in by_uid(catalogue):
        original, copy = catalogue.event_draft(uid), empty.event_draft(uid)
        for name in fields:
            assert getattr(copy, name) == getattr(original, name), (uid, name)
    # And the copy exports as the original did, so the two calendars agree.
    again = tmp_path / "again.ics"
    empty.export_calendar(again)
    assert empty.preview_calendar_import(source).unchanged == 44
    assert catalogue.preview_calendar_import(again).unchanged == 44


def test_importing_its_own_export_changes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "all.ics"
    catalogue.export_calendar(source)
    before = snapshot(catalogue)
    done = catalogue.import_calendar(source)
    assert (done.added, done.updated, done.unchanged, done.skipped) == (0, 0, 40, 0)
    assert snapshot(catalogue) == before


def test_the_sequence_in_the_file_is_kept(empty: Catalogue, tmp_path: Path) -> None:
    imported(empty, "google.ics")
    uid = "7rb3c2d1e0f9g8h7i6j5k4l3m2@google.com"
    out = tmp_path / "out.ics"
    empty.export_calendar(out)
    event = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    assert int(event[uid]["SEQUENCE"]) == 2
    assert int(event["5c3b7n8hq0rkb4ojmdmqa0v2ta@google.com"]["SEQUENCE"]) == 0


# --- files from calendar programs ----------------------------------------------------


def test_a_google_calendar_export(empty: Catalogue) -> None:
    done = imported(empty, "google.ics")
    assert done.summary == "added 4, updated 0, unchanged 0, skipped 0"
    exchange = empty.event_draft("5c3b7n8hq0rkb4ojmdmqa0v2ta@google.com")
    # Google writes UTC; the calendar's X-WR-TIMEZONE gives the wall-clock time.
    assert (exchange.start_date, exchange.start_time, exchange.end_time, exchange.timezone) == (
        date(2021, 3, 12),
        time(10, 0),
        time(12, 0),
        "Asia/Seoul",
    )
    assert exchange.title == "서울 탄소중립 도시 교류회 (Seoul carbon-neutral city exchange)"
    assert exchange.location == "Seoul Global Center, 38 Jong-ro, Jongno-gu, Seoul, South Korea"
    assert exchange.description == (
        "Kick-off of the 2021 exchange between Seoul and its partner cities.\n\n"
        "Agenda and papers: https://iclei-eastasia.org/exchange-2021"
    )
    seminar = empty.event_draft("0p9k1vu2n6c8h1f2ldq3r7m5s4@google.com")
    assert (seminar.all_day, seminar.start_date, seminar.end_date) == (
        True,
        date(2021, 4, 5),
        date(2021, 4, 6),
    )
    assert (seminar.status, seminar.location) == ("tentative", "Улаанбаатар, Монгол Улс")
    chengdu = empty.event_draft("7rb3c2d1e0f9g8h7i6j5k4l3m2@google.com")
    assert (chengdu.timezone, chengdu.start_time, chengdu.location) == (
        "Asia/Shanghai",
        time(14, 0),
        "",
    )
    # A floating time takes the calendar's X-WR-TIMEZONE.
    call = empty.event_draft("3q2w1e0r9t8y7u6i5o4p3a2s1d@google.com")
    assert (call.timezone, call.start_time, call.end_time) == ("Asia/Seoul", time(9), time(10))


def test_an_outlook_export_with_windows_zone_names_and_a_custom_zone(empty: Catalogue) -> None:
    done = imported(empty, "outlook.ics")
    assert done.summary == "added 4, updated 0, unchanged 0, skipped 0"
    drafts = {row.title: empty.event_draft(row.uid) for row in empty.events()}
    seoul = drafts["수원-서울 기후 실무회의"]
    assert (seoul.timezone, seoul.start_time, seoul.end_time) == ("Asia/Seoul", time(10), time(12))
    assert seoul.description == "Working meeting of the Seoul and Suwon climate teams."
    beijing = drafts["北京清洁空气线上研讨会"]
    assert (beijing.timezone, beijing.start_time, beijing.mode) == (
        "Asia/Shanghai",
        time(9, 30),
        "virtual",
    )
    assert drafts["Yokohama and Turku video competition jury"].timezone == "Asia/Tokyo"
    # "Customized Time Zone" is read with its own VTIMEZONE: US Eastern, in summer UTC-4.
    usa = drafts["Call with the ICLEI USA office"]
    assert (usa.timezone, usa.start_date, usa.start_time, usa.end_time) == (
        "Etc/GMT+4",
        date(2021, 7, 1),
        time(9),
        time(10),
    )


def test_an_apple_calendar_export(empty: Catalogue) -> None:
    done = imported(empty, "apple.ics")
    assert done.summary == "added 2, updated 0, unchanged 0, skipped 0"
    visit = empty.event_draft("8B0C4D2E-7F3A-4B7C-9C51-2E5A1F0D6C3B")
    assert (visit.title, visit.timezone, visit.start_time, visit.end_time) == (
        "横浜 サーキュラーエコノミー 視察",
        "Asia/Tokyo",
        time(13, 30),
        time(17, 0),
    )
    assert visit.location == "Yokohama Minato Mirai\nYokohama, Kanagawa, Japan"
    assert visit.url == "https://japan.iclei.org/"
    forum = empty.event_draft("1D2E3F40-5A6B-4C7D-8E9F-0A1B2C3D4E5F")
    assert (forum.all_day, forum.start_date, forum.end_date, forum.status, forum.mode) == (
        True,
        date(2021, 7, 1),
        date(2021, 7, 1),
        "tentative",
        "in_person",
    )


def test_an_invitation_then_its_cancellation(empty: Catalogue) -> None:
    assert imported(empty, "invitation-request.ics").added == 1
    meeting = empty.event_draft(REQUEST_UID)
    assert (meeting.title, meeting.timezone, meeting.start_time, meeting.status) == (
        "Улаанбаатар хотын агаарын чанарын уулзалт",
        "Asia/Ulaanbaatar",
        time(10),
        "confirmed",
    )
    done = imported(empty, "invitation-cancel.ics")
    assert items(done) == [("update", "Canceled: Улаанбаатар хотын агаарын чанарын уулзалт", "")]
    cancelled = empty.event_draft(REQUEST_UID)
    assert cancelled.status == "cancelled"
    assert cancelled.title == meeting.title  # only the status changes
    assert imported(empty, "invitation-cancel.ics").unchanged == 1


def test_a_cancellation_for_an_event_not_in_the_catalogue_is_skipped(empty: Catalogue) -> None:
    done = imported(empty, "invitation-cancel.ics")
    assert items(done) == [
        (
            "skip",
            "Canceled: Улаанбаатар хотын агаарын чанарын уулзалт",
            "cancelled invitation for an event not in the catalogue",
        )
    ]
    assert empty.events() == []


def test_floating_times_with_no_zone_are_skipped_and_utc_stays_utc(empty: Catalogue) -> None:
    done = imported(empty, "floating.ics")
    assert items(done) == [
        (
            "skip",
            "Morning briefing (local time wherever you are)",
            "a floating time with no time zone, and the calendar names none",
        ),
        ("add", "Global partners call", ""),
        ("add", "Office closed", ""),
    ]
    call = empty.event_draft("utc-1@planner.example.org")
    # No DTEND: DURATION gives the end.
    assert (call.timezone, call.start_time, call.end_time) == ("UTC", time(1), time(2, 30))
    closed = empty.event_draft("allday-1@planner.example.org")
    # No DTEND nor DURATION: an all-day event lasts one day.
    assert (closed.start_date, closed.end_date) == (date(2021, 7, 20), date(2021, 7, 20))


def test_a_repeating_event_imports_its_first_occurrence_and_says_how_it_repeats(
    empty: Catalogue,
) -> None:
    done = imported(empty, "recurring.ics")
    assert items(done) == [
        ("add", "GCCC weekly coordination", ""),
        (
            "skip",
            "GCCC weekly coordination (moved to the afternoon)",
            "changes one occurrence (30 Mar 2021) of a repeating event; "
            "only the first occurrence is imported",
        ),
        ("skip", "Send the GCCC minutes", "a VTODO, not an event"),
    ]
    (row,) = empty.events()
    meeting = empty.event_draft(row.uid)
    assert (meeting.start_date, meeting.start_time, meeting.end_time) == (
        date(2021, 3, 16),
        time(10),
        time(11),
    )
    assert meeting.description == (
        "Coordination of the Green Circular Cities Coalition.\n\n"
        "Repeats weekly on Tuesday, 6 times, except 23 Mar 2021. "
        "Only the first occurrence is in this catalogue."
    )
    # The note is rebuilt the same way, so importing the file again changes nothing.
    assert imported(empty, "recurring.ics").unchanged == 1


def test_a_file_with_a_byte_order_mark_and_crlf_line_ends(empty: Catalogue) -> None:
    raw = (ICAL_DATA / "bom-crlf.ics").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n")
    done = imported(empty, "bom-crlf.ics")
    assert items(done) == [("add", "Study visit to Malmö", "")]
    visit = empty.event_draft("malmo-visit-2021@events.example.se")
    assert (visit.start_date, visit.end_date, visit.location, visit.mode) == (
        date(2021, 10, 4),
        date(2021, 10, 5),
        "Malmö, Sweden",
        "in_person",
    )


def test_line_ends_do_not_matter(empty: Catalogue, tmp_path: Path) -> None:
    text = (ICAL_DATA / "apple.ics").read_bytes().replace(b"\r\n", b"\n")
    for name, data in (("lf.ics", text), ("crlf.ics", text.replace(b"\n", b"\r\n"))):
        (tmp_path / name).write_bytes(data)
    assert empty.preview_calendar_import(tmp_path / "lf.ics") == empty.preview_calendar_import(
        tmp_path / "crlf.ics"
    )


def test_a_program_named_in_the_categories_links_the_event(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", "-//Test//EN")
    event = icalendar.Event()
    event.add("UID", "linked@example.org")
    event.add("DTSTAMP", datetime(2021, 1, 1, tzinfo=UTC))
    event.add("DTSTART", date(2021, 5, 3))
    event.add("SUMMARY", "GCCC members' call")
    event.add("CATEGORIES", ["Circular Development", "Green Circular Cities Coalition"])
    calendar.add_component(event)
    source = tmp_path / "linked.ics"
    source.write_bytes(calendar.to_ical())
    catalogue.import_calendar(source)
    (row,) = [r for r in catalogue.events() if r.uid == "linked@example.org"]
    assert row.program == "Green Circular Cities Coalition"


# --- merging ------------------------------------------------------------------------------


def edit_exported(source: Path, uid: str, **changes: object) -> None:
    """Change one event of an exported file, as another calendar program would."""
    calendar = icalendar.Calendar.from_ical(source.read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
    for name, value in changes.items():
        key = name.replace("_", "-").upper()
        event.pop(key, None)
        if value is not None:
            event.add(key, value)
    source.write_bytes(calendar.to_ical())


def test_a_newer_edit_in_the_file_wins(catalogue: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "all.ics"
    catalogue.export_calendar(source)
    edit_exported(
        source,
        TURKU,
        summary="Turku City Study Tour to Japan (report)",
        sequence=1,
        last_modified=datetime.now(UTC),
    )
    done = catalogue.import_calendar(source)
    assert (done.updated, done.unchanged) == (1, 39)
    assert catalogue.event_draft(TURKU).title == "Turku City Study Tour to Japan (report)"
    # What iCalendar cannot carry stays: cities, organizers, series, notes.
    (row,) = [r for r in catalogue.events() if r.uid == TURKU]
    assert row.cities == ("Turku", "Tokyo", "Yokohama")
    assert row.series == "Green Circular Cities Coalition"


def test_a_later_last_modified_wins_when_the_sequence_is_the_same(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    source = tmp_path / "all.ics"
    catalogue.export_calendar(source)
    edit_exported(source, TURKU, location="Tokyo", last_modified=datetime.now(UTC) + timedelta(1))
    (turku,) = [i for i in catalogue.preview_calendar_import(source).items if i.uid == TURKU]
    assert (turku.action, turku.reason) == ("update", "")
    catalogue.import_calendar(source)
    assert catalogue.event_draft(TURKU).location == "Tokyo"


def test_a_newer_edit_in_the_catalogue_wins(catalogue: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "all.ics"
    catalogue.export_calendar(source)
    edit_exported(source, TURKU, summary="An older title")
    catalogue.update_event(TURKU, replace(catalogue.event_draft(TURKU), title="Kept"))
    before = snapshot(catalogue)
    done = catalogue.import_calendar(source)
    (turku,) = [i for i in done.items if i.uid == TURKU]
    assert turku == ImportItem(
        "skip", TURKU, "An older title", "21–24 Jan 2020", "older than the catalogue's copy"
    )
    assert catalogue.event_draft(TURKU).title == "Kept"
    assert snapshot(catalogue) == before


def test_the_same_sequence_and_an_older_last_modified_keeps_the_catalogue(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    source = tmp_path / "all.ics"
    catalogue.export_calendar(source)
    edit_exported(source, TURKU, summary="Stale", last_modified=datetime(2020, 1, 1, tzinfo=UTC))
    (turku,) = [i for i in catalogue.preview_calendar_import(source).items if i.uid == TURKU]
    assert (turku.action, turku.reason) == ("skip", "older than the catalogue's copy")


def test_an_event_the_catalogue_would_refuse_is_skipped_with_the_reason(
    empty: Catalogue, tmp_path: Path
) -> None:
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", "-//Test//EN")
    for uid, summary, url in (("a@x", "", ""), ("b@x", "Bad link", "not a web address")):
        event = icalendar.Event()
        event.add("UID", uid)
        event.add("DTSTAMP", datetime(2021, 1, 1, tzinfo=UTC))
        event.add("DTSTART", date(2021, 5, 3))
        if summary:
            event.add("SUMMARY", summary)
        if url:
            event.add("URL", url)
        calendar.add_component(event)
    source = tmp_path / "invalid.ics"
    source.write_bytes(calendar.to_ical())
    assert items(empty.import_calendar(source)) == [
        ("skip", "", "Title is required"),
        ("skip", "Bad link", "Not a web address"),
    ]
    assert empty.events() == []


def test_a_repeated_uid_uses_the_first(empty: Catalogue, tmp_path: Path) -> None:
    text = (ICAL_DATA / "bom-crlf.ics").read_text(encoding="utf-8-sig")
    block = text[text.index("BEGIN:VEVENT") : text.index("END:VCALENDAR")]
    source = tmp_path / "twice.ics"
    source.write_text(text.replace(block, block + block.replace("Study visit", "Second visit")))
    assert items(empty.import_calendar(source)) == [
        ("add", "Study visit to Malmö", ""),
        ("skip", "Second visit to Malmö", "the file has another event with this UID before it"),
    ]


def test_the_preview_writes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    before = snapshot(catalogue)
    preview = catalogue.preview_calendar_import(ICAL_DATA / "google.ics")
    assert preview.added == 4
    assert snapshot(catalogue) == before
    assert catalogue.import_calendar(ICAL_DATA / "google.ics") == preview


def test_an_import_is_one_transaction(empty: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    created = event_services.create_events
    calls = []

    def fail_on_the_third(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        created(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ical_store, "BATCH", 1)  # an event per batch: two are written first
    monkeypatch.setattr(event_services, "create_events", fail_on_the_third)
    with pytest.raises(RuntimeError):
        imported(empty, "google.ics")
    assert len(calls) == 3
    assert empty.events() == []


# --- files that are refused ---------------------------------------------------------------


def refused(catalogue: Catalogue, source: Path) -> str:
    """Import and preview ``source``: both must refuse it, leaving the catalogue as it was."""
    before = snapshot(catalogue)
    with pytest.raises(CalendarImportError) as preview_error:
        catalogue.preview_calendar_import(source)
    with pytest.raises(CalendarImportError) as import_error:
        catalogue.import_calendar(source)
    assert str(preview_error.value) == str(import_error.value)
    assert snapshot(catalogue) == before
    return str(import_error.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "not-icalendar.ics",
            "it is not an iCalendar file (it begins “<!DOCTYPE html>”, not BEGIN:VCALENDAR)",
        ),
        (
            "truncated.ics",
            "the file is incomplete: it ends without END:VCALENDAR "
            "(the VEVENT begun on line 4 is never closed)",
        ),
        (
            "latin1.ics",
            "line 9 is not UTF-8 text (byte 0xF6); save the file as UTF-8 and try again",
        ),
        ("utf16.ics", "it is UTF-16 text; save it as UTF-8 and try again"),
        ("invalid-date.ics", "line 13: DTSTART is not a valid date or time: “20201332”"),
    ],
)
def test_a_bad_file_is_refused_with_what_is_wrong_and_where(
    catalogue: Catalogue, name: str, message: str
) -> None:
    source = ICAL_DATA / name
    assert refused(catalogue, source) == f"cannot import {source}: {message}"


def test_an_unknown_time_zone_is_reported_not_taken_as_local_time(catalogue: Catalogue) -> None:
    before = snapshot(catalogue)
    done = catalogue.import_calendar(ICAL_DATA / "unknown-tzid.ics")
    assert items(done) == [
        ("skip", "Briefing at base camp", "unknown time zone “Mars/Olympus_Mons”")
    ]
    assert snapshot(catalogue) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        (
            "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nthis line has no colon\n"
            "END:VEVENT\nEND:VCALENDAR\n",
            "line 5 is not an iCalendar line: “this line has no colon”",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n",
            "line 4: END:VCALENDAR does not close the VEVENT begun on line 2",
        ),
        (
            "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\nSUMMARY:stray\n",
            "line 4 is outside the calendar (after its END:VCALENDAR): “SUMMARY:stray”",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20210101\nSEQUENCE:two\n"
            "END:VEVENT\nEND:VCALENDAR\n",
            "line 5: SEQUENCE cannot be read: Expected int, got: two",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20210101\n"
            "EXDATE:20210108,20210230\nEND:VEVENT\nEND:VCALENDAR\n",
            "line 5: EXDATE is not a valid date or time: “20210108,20210230”",
        ),
    ],
)
def test_other_malformed_files(empty: Catalogue, tmp_path: Path, text: str, message: str) -> None:
    source = tmp_path / "bad.ics"
    source.write_text(text, encoding="utf-8")
    assert refused(empty, source) == f"cannot import {source}: {message}"


def test_a_file_over_the_size_cap_is_refused_unread(empty: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "huge.ics"
    with source.open("wb") as stream:
        stream.truncate(ical_import.MAX_BYTES + 1)
    assert refused(empty, source) == (
        f"cannot import {source}: the file is 20.0 MB; at most 20 MB can be imported"
    )


def test_a_file_with_too_many_events_is_refused(empty: Catalogue, tmp_path: Path) -> None:
    event = "BEGIN:VEVENT\nUID:{0}\nDTSTART:20210101\nEND:VEVENT\n"
    body = "".join(event.format(n) for n in range(ical_import.MAX_EVENTS + 1))
    source = tmp_path / "many.ics"
    source.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\n{body}END:VCALENDAR\n", encoding="utf-8")
    assert refused(empty, source) == (
        f"cannot import {source}: it holds more than 50,000 events, the most one import takes"
    )


def test_any_failure_of_the_parser_becomes_a_calendar_import_error(
    empty: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(icalendar.Calendar, "from_ical", broken)
    source = ICAL_DATA / "apple.ics"
    assert refused(empty, source) == (f"cannot import {source}: maximum recursion depth exceeded")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "there is no such file"),
        (lambda p: p.mkdir() or p, "it is a folder"),
    ],
)
def test_a_missing_file_or_a_folder_is_refused(
    empty: Catalogue, tmp_path: Path, make: object, message: str
) -> None:
    source = make(tmp_path / "calendar.ics")  # type: ignore[operator]
    assert refused(empty, source) == f"cannot import {source}: {message}"


# --- how times and dates are read ---------------------------------------------------------


def one_event(tmp_path: Path, lines: str, header: str = "") -> Path:
    source = tmp_path / "one.ics"
    source.write_text(
        f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//T//EN\n{header}BEGIN:VEVENT\nUID:one@x\n"
        f"DTSTAMP:20210101T000000Z\nSUMMARY:One\n{lines}END:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    return source


@pytest.mark.parametrize(
    ("lines", "header", "expected"),
    [
        # Some programs write DTEND equal to DTSTART for a one-day event.
        (
            "DTSTART;VALUE=DATE:20210301\nDTEND;VALUE=DATE:20210301\n",
            "",
            (date(2021, 3, 1), date(2021, 3, 1), None, None, ""),
        ),
        (
            "DTSTART;VALUE=DATE:20210301\nDURATION:P3D\n",
            "",
            (date(2021, 3, 1), date(2021, 3, 3), None, None, ""),
        ),
        # An end in another zone is read in the start's zone.
        (
            "DTSTART;TZID=Asia/Seoul:20210301T230000\nDTEND;TZID=Europe/Berlin:20210301T160000\n",
            "",
            (date(2021, 3, 1), date(2021, 3, 2), time(23), time(0), "Asia/Seoul"),
        ),
        # Exchange may name a Windows zone without defining it.
        (
            'DTSTART;TZID="China Standard Time":20210301T090000\n',
            "",
            (date(2021, 3, 1), date(2021, 3, 1), time(9), time(9), "Asia/Shanghai"),
        ),
        # libical and Lightning prefix IANA names with a vendor path.
        (
            "DTSTART;TZID=/mozilla.org/20050126_1/Asia/Tokyo:20210301T090000\n"
            "DTEND;TZID=/mozilla.org/20050126_1/Asia/Tokyo:20210301T100000\n",
            "",
            (date(2021, 3, 1), date(2021, 3, 1), time(9), time(10), "Asia/Tokyo"),
        ),
        # A custom TZID whose VTIMEZONE names its IANA zone.
        (
            "DTSTART;TZID=Seoul custom:20210301T090000\nDURATION:PT2H\n",
            "BEGIN:VTIMEZONE\nTZID:Seoul custom\nX-LIC-LOCATION:Asia/Seoul\nBEGIN:STANDARD\n"
            "DTSTART:19700101T000000\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nEND:STANDARD\n"
            "END:VTIMEZONE\n",
            (date(2021, 3, 1), date(2021, 3, 1), time(9), time(11), "Asia/Seoul"),
        ),
        # A floating time takes the calendar's X-WR-TIMEZONE.
        (
            "DTSTART:20210301T090000\nDTEND:20210301T093000\n",
            "X-WR-TIMEZONE:Asia/Ulaanbaatar\n",
            (date(2021, 3, 1), date(2021, 3, 1), time(9), time(9, 30), "Asia/Ulaanbaatar"),
        ),
    ],
)
def test_times_and_dates(
    empty: Catalogue,
    tmp_path: Path,
    lines: str,
    header: str,
    expected: tuple[object, ...],
) -> None:
    done = empty.import_calendar(one_event(tmp_path, lines, header))
    assert done.added == 1, done
    draft = empty.event_draft("one@x")
    got = (draft.start_date, draft.end_date, draft.start_time, draft.end_time, draft.timezone)
    assert got == expected


@pytest.mark.parametrize(
    ("lines", "header", "reason"),
    [
        ("", "", "no DTSTART"),
        (
            "DTSTART:20210301T090000\n",
            "X-WR-TIMEZONE:Europe/Atlantis\n",
            "a floating time, and the calendar's time zone “Europe/Atlantis” is unknown",
        ),
        (
            "DTSTART;VALUE=DATE:20210301\nDTEND:20210302T100000Z\n",
            "",
            "DTSTART is a date but DTEND a date and time",
        ),
        (
            "DTSTART;VALUE=DATE:20210305\nDTEND;VALUE=DATE:20210301\n",
            "",
            "End is before start",
        ),
        (
            "DTSTART;VALUE=DATE:20210301\n",
            "METHOD:REPLY\n",
            "part of a METHOD:REPLY message, not an event to import",
        ),
    ],
)
def test_events_that_are_skipped(
    empty: Catalogue, tmp_path: Path, lines: str, header: str, reason: str
) -> None:
    done = empty.import_calendar(one_event(tmp_path, lines, header))
    assert items(done) == [("skip", "One", reason)]
    assert empty.events() == []


def test_a_line_too_long_is_refused_and_nothing_written(empty: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "long.ics"
    source.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        "UID:long@x\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:"
        + "a" * 100_001
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    with pytest.raises(CalendarImportError) as error:
        empty.preview_calendar_import(source)
    assert str(error.value) == (
        f"cannot import {source}: line 7 is 100,009 characters long; at most 100,000 are read"
    )


def test_components_nested_too_deep_are_refused(empty: Catalogue, tmp_path: Path) -> None:
    source = tmp_path / "deep.ics"
    opening = "".join(f"BEGIN:X-LEVEL{i}\r\n" for i in range(6))
    closing = "".join(f"END:X-LEVEL{i}\r\n" for i in reversed(range(6)))
    source.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{opening}{closing}END:VCALENDAR\r\n", encoding="utf-8"
    )
    with pytest.raises(CalendarImportError) as error:
        empty.preview_calendar_import(source)
    assert str(error.value) == (
        f"cannot import {source}: line 8: components are nested more than 6 deep"
    )
