"""iCalendar export: RFC 5545 shape, two independent parsers, text in any script, safe writing."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

import pytest

from iclei_desktop import __version__
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import ExportError
from iclei_desktop.core.ical import export as ical_export
from tests.ical_support import (
    parse_with_icalendar,
    parse_with_vobject,
    timed_draft,
    unfolded,
    vevents,
)

TURKU = "turku-city-study-tour-japan-2020@iclei-eastasia.desktop"
BEIJING_2021 = "beijing-clean-air-forum-2021@iclei-eastasia.desktop"
COP15 = "cbd-cop15-2020-postponed@iclei-eastasia.desktop"
SHRDC = "iclei-shrdc-training-2020-cancelled@iclei-eastasia.desktop"
MULTILINGUAL = (
    "서울특별시 기후변화 대응 워크숍 — 成都市公园城市建设经验分享会 — "
    "Улаанбаатар хотын агаарын чанарын семинар"
)


def export(catalogue: Catalogue, tmp_path: Path, **options: object) -> bytes:
    target = tmp_path / "events.ics"
    catalogue.export_calendar(target, **options)  # type: ignore[arg-type]
    return target.read_bytes()


def test_the_whole_catalogue_parses_in_icalendar_and_in_vobject(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    catalogue.create_event(timed_draft())
    catalogue.create_event(timed_draft(title="A call in UTC", timezone="UTC"))
    catalogue.create_event(timed_draft(title="A fixed-offset zone", timezone="Etc/GMT-8"))
    target = tmp_path / "events.ics"
    count = catalogue.export_calendar(target)
    data = target.read_bytes()
    assert count == len(catalogue.events()) == 43
    from_icalendar = {str(e["UID"]) for e in parse_with_icalendar(data).walk("VEVENT")}
    from_vobject = {e.uid.value for e in parse_with_vobject(data).vevent_list}
    assert from_icalendar == from_vobject == {e.uid for e in catalogue.events()}
    assert list(tmp_path.glob(".events.ics.*")) == []  # no temporary file left behind


def test_the_calendar_has_its_header_and_no_method(catalogue: Catalogue, tmp_path: Path) -> None:
    data = export(catalogue, tmp_path, name="ICLEI 동아시아 일정")
    lines = unfolded(data)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert f"PRODID:-//ICLEI East Asia Secretariat//ICLEI Desktop {__version__}//EN" in lines
    assert "CALSCALE:GREGORIAN" in lines
    assert "X-WR-CALNAME:ICLEI 동아시아 일정" in lines
    assert not [line for line in lines if line.upper().startswith("METHOD")]
    assert data.endswith(b"END:VCALENDAR\r\n")


def test_an_all_day_event_ends_the_day_after_its_last_day(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    turku = _block(unfolded(export(catalogue, tmp_path)), TURKU)
    assert "DTSTART;VALUE=DATE:20200121" in turku
    assert "DTEND;VALUE=DATE:20200125" in turku
    assert "SUMMARY:Turku City Study Tour to Japan" in turku


def _block(lines: list[str], uid: str) -> list[str]:
    """The lines of the VEVENT with ``uid``."""
    at = lines.index(f"UID:{uid}")
    begin = max(i for i in range(at) if lines[i] == "BEGIN:VEVENT")
    return lines[begin : lines.index("END:VEVENT", at) + 1]


def test_a_timed_event_carries_its_zone_and_a_matching_vtimezone(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    uid = catalogue.create_event(timed_draft())
    data = export(catalogue, tmp_path)
    lines = unfolded(data)
    event = _block(lines, uid)
    assert "DTSTART;TZID=Asia/Seoul:20210312T100000" in event
    assert "DTEND;TZID=Asia/Seoul:20210312T123000" in event
    assert "TZID:Asia/Seoul" in lines[: lines.index("BEGIN:VEVENT")]
    (timezone,) = parse_with_icalendar(data).walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Asia/Seoul"
    start = parse_with_vobject(data).vevent_list
    (seoul,) = [e for e in start if e.uid.value == uid]
    assert seoul.dtstart.value.utcoffset().total_seconds() == 9 * 3600


def test_an_event_in_utc_is_written_with_z(catalogue: Catalogue, tmp_path: Path) -> None:
    uid = catalogue.create_event(timed_draft(timezone="UTC"))
    data = export(catalogue, tmp_path)
    assert "DTSTART:20210312T100000Z" in _block(unfolded(data), uid)
    assert b"BEGIN:VTIMEZONE" not in data


def test_uid_sequence_and_record_times(catalogue: Catalogue, tmp_path: Path) -> None:
    draft = catalogue.event_draft(TURKU)
    catalogue.update_event(TURKU, draft)
    catalogue.update_event(TURKU, draft)
    event = vevents(export(catalogue, tmp_path))[TURKU]
    assert int(event["SEQUENCE"]) == 2
    for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED"):
        assert event[name].to_ical().endswith(b"Z"), name
    assert event["LAST-MODIFIED"].dt >= event["CREATED"].dt


def test_statuses_map_to_rfc_5545(catalogue: Catalogue, tmp_path: Path) -> None:
    confirmed = catalogue.create_event(timed_draft(status="confirmed"))
    tentative = catalogue.create_event(timed_draft(status="tentative"))
    cancelled = catalogue.create_event(timed_draft(status="cancelled"))
    postponed = catalogue.create_event(timed_draft(status="postponed", description="Moved."))
    events = vevents(export(catalogue, tmp_path))
    assert str(events[confirmed]["STATUS"]) == "CONFIRMED"
    assert str(events[tentative]["STATUS"]) == "TENTATIVE"
    assert str(events[cancelled]["STATUS"]) == "CANCELLED"
    assert str(events[postponed]["STATUS"]) == "TENTATIVE"
    assert str(events[postponed]["DESCRIPTION"]) == "Postponed.\n\nMoved."
    assert "Postponed" in [str(c) for c in events[postponed]["CATEGORIES"].cats]


def test_an_imprecise_event_spans_its_period_and_says_the_date_is_not_fixed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    events = vevents(export(catalogue, tmp_path))
    forum = events[BEIJING_2021]
    assert forum["DTSTART"].to_ical() == b"20210701"
    assert forum["DTEND"].to_ical() == b"20220101"
    assert str(forum["STATUS"]) == "TENTATIVE"
    assert str(forum["SUMMARY"]) == (
        "2021 Beijing International Forum for Metropolitan Clean Air and Climate Actions"
    )
    assert str(forum["DESCRIPTION"]) == "Date not fixed: the report says “Q3-4”"
    assert [str(c) for c in forum["CATEGORIES"].cats] == [
        "Low Emission Development",
        "East Asia Clean Air Cities Network",
        "Hybrid",
        "Date not fixed",
    ]
    # A cancelled imprecise event stays cancelled; a postponed one says so after the date.
    assert str(events[SHRDC]["STATUS"]) == "CANCELLED"
    assert str(events[COP15]["DESCRIPTION"]).startswith(
        "Date not fixed: the report says “Originally scheduled for October 2020”\n\n"
        "Postponed.\n\nAimed to review"
    )


def test_categories_name_pathways_program_and_mode(catalogue: Catalogue, tmp_path: Path) -> None:
    turku = vevents(export(catalogue, tmp_path))[TURKU]
    assert [str(c) for c in turku["CATEGORIES"].cats] == [
        "Circular Development",
        "Low Emission Development",
        "Green Circular Cities Coalition",
        "In person",
    ]


def test_no_line_is_longer_than_75_octets_and_no_property_is_empty(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    catalogue.create_event(
        timed_draft(title=MULTILINGUAL * 3, description=MULTILINGUAL * 20, location="", url="")
    )
    data = export(catalogue, tmp_path)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
    for component in parse_with_icalendar(data).walk():
        for name, value in component.property_items(recursive=False):
            if name not in {"BEGIN", "END"}:
                assert value.to_ical() not in (b"", ""), (component.name, name)


def test_text_in_any_script_survives_folding_in_both_parsers(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    description = f"{MULTILINGUAL}\n\n{MULTILINGUAL * 5}; commas, semicolons; \\ backslash"
    uid = catalogue.create_event(
        timed_draft(title=MULTILINGUAL, description=description, location="서울, 成都; Улаанбаатар")
    )
    data = export(catalogue, tmp_path)
    event = vevents(data)[uid]
    assert str(event["SUMMARY"]) == MULTILINGUAL
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == "서울, 成都; Улаанбаатар"
    (other,) = [e for e in parse_with_vobject(data).vevent_list if e.uid.value == uid]
    assert other.summary.value == MULTILINGUAL
    assert other.description.value == description
    assert other.location.value == "서울, 成都; Улаанбаатар"


def test_a_title_holding_a_line_break_and_end_vevent_stays_one_event(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    title = "Part one\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected"
    uid = catalogue.create_event(timed_draft(title=title))
    data = export(catalogue, tmp_path)
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 41
    assert len(catalogue.events()) == 41
    assert str(vevents(data)[uid]["SUMMARY"]) == title
    (other,) = [e for e in parse_with_vobject(data).vevent_list if e.uid.value == uid]
    assert other.summary.value == title
    assert "injected" not in {e.uid.value for e in parse_with_vobject(data).vevent_list}


# --- what is exported ------------------------------------------------------------------


def test_only_the_events_asked_for(catalogue: Catalogue, tmp_path: Path) -> None:
    rows = {row.uid: row.id for row in catalogue.events()}
    data = export(catalogue, tmp_path, event_ids=[rows[TURKU], rows[COP15]])
    assert set(vevents(data)) == {TURKU, COP15}


def test_a_date_range_keeps_the_events_that_overlap_it(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    # The tour runs 21-24 Jan 2020; the ranges touch it at one end or the other.
    for start, end in [
        (date(2020, 1, 24), date(2020, 1, 30)),
        (date(2020, 1, 10), date(2020, 1, 21)),
    ]:
        assert TURKU in vevents(export(catalogue, tmp_path, start=start, end=end))
    data = export(catalogue, tmp_path, start=date(2020, 1, 25), end=date(2020, 1, 31))
    assert TURKU not in vevents(data)
    assert all(
        e.end_date >= date(2020, 1, 25) and e.start_date <= date(2020, 1, 31)
        for e in catalogue.events()
        if e.uid in vevents(data)
    )


def test_a_program_by_name_or_acronym_and_a_status(catalogue: Catalogue, tmp_path: Path) -> None:
    gccc = {e.uid for e in catalogue.events() if e.program == "Green Circular Cities Coalition"}
    assert (
        set(vevents(export(catalogue, tmp_path, program="Green Circular Cities Coalition"))) == gccc
    )
    assert set(vevents(export(catalogue, tmp_path, program="gccc"))) == gccc
    tentative = {e.uid for e in catalogue.events() if e.status == "tentative"}
    assert set(vevents(export(catalogue, tmp_path, status="tentative"))) == tentative
    count = catalogue.export_calendar(tmp_path / "both.ics", program="GCCC", status="confirmed")
    assert count == len(
        [e for e in catalogue.events() if e.uid in gccc and e.status == "confirmed"]
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"program": "Nowhere Network"}, "there is no program named “Nowhere Network”"),
        (
            {"status": "maybe"},
            "there is no event status “maybe”: use confirmed, tentative, postponed, cancelled",
        ),
        (
            {"start": date(2021, 2, 1), "end": date(2021, 1, 1)},
            "the end date 2021-01-01 is before the start date 2021-02-01",
        ),
    ],
)
def test_bad_filters_are_refused_and_nothing_is_written(
    catalogue: Catalogue, tmp_path: Path, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(tmp_path / "events.ics", **options)  # type: ignore[arg-type]
    assert str(error.value) == message
    assert not list(tmp_path.glob("*.ics"))


def test_nothing_matching_writes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "events.ics"
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(target, start=date(1990, 1, 1), end=date(1990, 12, 31))
    assert str(error.value) == f"no event matches, so {target} was not written"
    assert not target.exists()


# --- where it is written ------------------------------------------------------------------


def test_a_missing_folder_or_a_folder_as_target_is_refused(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "events.ics"
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(missing)
    assert str(error.value) == f"cannot write {missing}: folder {missing.parent} does not exist"
    assert not missing.parent.exists()
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(tmp_path)
    assert str(error.value) == f"cannot write {tmp_path}: it is a folder"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "events.ics"
    target.write_bytes(b"the previous export")

    def refuse(source: str, destination: object) -> None:
        raise PermissionError(13, "Permission denied", destination)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(target)
    assert str(error.value) == f"cannot write {target}: Permission denied"
    assert target.read_bytes() == b"the previous export"
    assert not list(tmp_path.glob(".events.ics.*"))


def test_a_read_only_target_is_refused(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "events.ics"
    target.write_bytes(b"keep me")
    # Tests may run as root, for whom every file is writable; ask as a user would be answered.
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != target)
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(target)
    assert str(error.value) == f"cannot write {target}: the file is read-only"
    assert target.read_bytes() == b"keep me"


def test_an_unwritable_folder_is_refused(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(**_options: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "events.ics"
    with pytest.raises(ExportError) as error:
        catalogue.export_calendar(target)
    assert str(error.value) == f"cannot write {target}: Permission denied"
    assert not target.exists()


def test_the_same_events_export_to_the_same_bytes_but_for_dtstamp() -> None:
    from datetime import UTC, datetime

    event = ical_export.CalendarEvent(
        uid="x@example.org",
        title="T",
        start_date=date(2021, 1, 1),
        end_date=date(2021, 1, 1),
        all_day=False,
        start_time=time(9),
        end_time=time(10),
        timezone="Asia/Shanghai",
        date_precision="day",
        date_text=None,
        status="confirmed",
        mode=None,
        location=None,
        description="",
        url=None,
        sequence=0,
        created_at=datetime(2020, 12, 1),
        updated_at=datetime(2020, 12, 2),
        program=None,
        pathways=(),
    )
    now = datetime(2021, 1, 1, tzinfo=UTC)
    first = ical_export.calendar_bytes([event], "N", now)
    assert first == ical_export.calendar_bytes([event], "N", now)
    lines = unfolded(first)
    assert "DTSTAMP:20210101T000000Z" in lines
    assert not [line for line in lines if line.startswith(("DESCRIPTION", "LOCATION", "URL"))]


def test_an_empty_choice_of_events_writes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        catalogue.export_calendar(tmp_path / "events.ics", event_ids=[])
    assert not (tmp_path / "events.ics").exists()
