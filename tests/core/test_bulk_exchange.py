"""Exports and imports at scale: bulk writes equal the event services', progress and Cancel."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import Cancelled
from iclei_desktop.core.ical import ImportPreview
from iclei_desktop.core.ical import files as ical_files
from iclei_desktop.core.ical import import_ as ical_import
from iclei_desktop.core.ical import store as ical_store
from iclei_desktop.core.ical.import_ import Incoming
from iclei_desktop.core.services import events
from tests.ical_support import snapshot

# What two catalogues must agree on: every event, with its links, by UID.
EVENT_ROWS = """
SELECT e.uid, e.title, e.series, e.start_date, e.end_date, e.all_day, e.start_time, e.end_time,
       e.timezone, e.date_precision, e.date_text, e.mode, e.status, e.location, e.program_id,
       e.attendance, e.attendance_text, e.description, e.url, e.note, e.sequence
FROM event AS e ORDER BY e.uid
"""
LINK_ROWS = {
    "cities": "SELECT e.uid, l.local_government_id, l.position FROM event_local_government AS l"
    " JOIN event AS e ON e.id = l.event_id ORDER BY 1, 2",
    "organizations": "SELECT e.uid, l.organization_id, l.role FROM event_organization AS l"
    " JOIN event AS e ON e.id = l.event_id ORDER BY 1, 2, 3",
    "publications": "SELECT e.uid, l.publication_id FROM publication_event AS l"
    " JOIN event AS e ON e.id = l.event_id ORDER BY 1, 2",
    "index": "SELECT kind, record_id, title, body FROM search_index ORDER BY 1, 2",
    "pending": "SELECT key FROM search_index_pending",
}


@pytest.fixture
def twins(catalogue: Catalogue, tmp_path: Path) -> Iterator[tuple[Catalogue, Catalogue]]:
    """Two copies of the seeded catalogue: one to write event by event, one in bulk."""
    source = catalogue.path
    catalogue.close()
    opened = []
    for name in ("one-by-one", "bulk"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copyfile(source, folder / source.name)
        opened.append(Catalogue.open(folder / source.name))
    yield opened[0], opened[1]
    for copy in opened:
        copy.close()


def one_by_one(session: Session, incoming: Sequence[Incoming]) -> ImportPreview:
    """The import as it was written before it went bulk: the event services, event by event."""
    planned = ical_store.plan_import(session, incoming)
    for step in planned:
        if step.draft is None:
            continue
        if step.item.action == "add":
            events.create_event(session, step.draft, step.item.uid)
        else:
            events.update_event(session, step.item.uid, step.draft)
        if step.sequence is not None:
            events.raise_sequence(session, step.item.uid, step.sequence)
    return ImportPreview(tuple(step.item for step in planned))


def rows(path: Path) -> dict[str, list[Any]]:
    with sqlite3.connect(path) as connection:
        found = {"events": connection.execute(EVENT_ROWS).fetchall()}
        for name, query in LINK_ROWS.items():
            found[name] = connection.execute(query).fetchall()
    return found


def assert_same_events(first: Catalogue, second: Catalogue) -> None:
    uids = [row.uid for row in first.events()]
    assert uids == [row.uid for row in second.events()]
    for uid in uids:
        assert first.event_draft(uid) == second.event_draft(uid), uid
    assert rows(first.path) == rows(second.path)


def changed_calendar(catalogue: Catalogue, target: Path) -> Path:
    """Export the catalogue, then change the file: newer edits, new events, a bad one."""
    exported = target.with_suffix(".exported.ics")
    catalogue.export_calendar(exported)
    calendar = icalendar.Calendar.from_ical(exported.read_bytes())
    vevents = list(calendar.walk("VEVENT"))
    later = datetime.now(UTC) + timedelta(days=1)
    for number, component in enumerate(vevents):
        if number % 4 == 0:  # a newer SEQUENCE, kept by the catalogue
            component["SUMMARY"] = icalendar.vText(f"{component['SUMMARY']} (moved)")
            component["SEQUENCE"] = int(component["SEQUENCE"]) + 5
        elif number % 4 == 1:  # the same SEQUENCE, edited later: the catalogue's goes up one
            component["LOCATION"] = icalendar.vText("Online")
            del component["LAST-MODIFIED"]
            component.add("LAST-MODIFIED", later)
        elif number % 4 == 2:  # an older copy, skipped
            component["SUMMARY"] = icalendar.vText("An older title")
            component["SEQUENCE"] = 0
            del component["LAST-MODIFIED"]
            component.add("LAST-MODIFIED", datetime(2000, 1, 1, tzinfo=UTC))
    for number, component in enumerate(vevents[:12]):  # new events, one the form refuses
        copy = icalendar.Event.from_ical(component.to_ical())
        copy["UID"] = icalendar.vText(f"new-{number}@example.org")
        copy["SEQUENCE"] = number
        if number == 5:
            copy["SUMMARY"] = icalendar.vText("   ")
        calendar.add_component(copy)
    target.write_bytes(calendar.to_ical())
    return target


def test_a_bulk_import_writes_what_the_event_services_write(
    twins: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    slow, bulk = twins
    source = changed_calendar(slow, tmp_path / "changed.ics")
    incoming = ical_import.read_calendar(ical_files.read_source(source), str(source))
    expected = slow._write(lambda session: one_by_one(session, incoming))
    assert expected.added == 11 and expected.updated > 10 and expected.skipped > 5
    assert bulk.preview_calendar_import(source) == expected
    assert bulk.import_calendar(source) == expected
    assert_same_events(slow, bulk)
    # And again: now everything is there already.
    again = slow._write(lambda session: one_by_one(session, incoming))
    assert bulk.import_calendar(source) == again
    assert_same_events(slow, bulk)


def test_bulk_updates_change_links_as_update_event_does(
    twins: tuple[Catalogue, Catalogue],
) -> None:
    slow, bulk = twins
    drafts = {row.uid: slow.event_draft(row.uid) for row in slow.events()}
    linked = [uid for uid, draft in drafts.items() if draft.city_ids or draft.organizer_ids]
    cities = [choice.id for choice in slow.event_form_choices()["cities"]]
    organizations = [choice.id for choice in slow.event_form_choices()["organizations"]]
    publications = [row.id for row in slow.publications()]
    assert len(linked) >= 4 and len(cities) >= 3 and len(organizations) >= 3
    changes = {}
    for number, uid in enumerate(linked):
        draft = drafts[uid]
        if number % 4 == 0:  # the cities reversed, one more, organizers and reports changed
            draft = replace(
                draft,
                city_ids=(
                    *reversed(draft.city_ids),
                    *(c for c in cities[:2] if c not in draft.city_ids),
                ),
                organizer_ids=(organizations[number % len(organizations)],),
                publication_ids=tuple(publications[:2]),
            )
        elif number % 4 == 1:  # every link removed
            draft = replace(
                draft, city_ids=(), organizer_ids=(), other_organizations=(), publication_ids=()
            )
        elif number % 4 == 2:  # an organizer also given as another role, a city repeated
            org = organizations[0]
            draft = replace(
                draft,
                city_ids=(cities[0], cities[0], *draft.city_ids),
                organizer_ids=(org,),
                other_organizations=(*draft.other_organizations, (org, "host")),
            )
        else:  # only the title
            draft = replace(draft, title=f"{draft.title} (renamed)")
        changes[uid] = draft

    def each(session: Session) -> None:
        for uid, draft in changes.items():
            events.update_event(session, uid, draft)
            events.raise_sequence(session, uid, 7)

    def together(session: Session) -> None:
        stored = events.stored_events(session, changes)
        assert {uid: s.draft for uid, s in stored.items()} == {uid: drafts[uid] for uid in changes}
        writes = [events.EventWrite(uid, draft, 7) for uid, draft in changes.items()]
        events.update_events(session, writes, stored)

    slow._write(each)
    bulk._write(together)
    assert_same_events(slow, bulk)


def test_bulk_creates_link_as_create_event_does(twins: tuple[Catalogue, Catalogue]) -> None:
    slow, bulk = twins
    drafts = [slow.event_draft(row.uid) for row in slow.events()][:6]
    new = {f"copy-{n}@example.org": draft for n, draft in enumerate(drafts)}

    def each(session: Session) -> None:
        for uid, draft in new.items():
            events.create_event(session, draft, uid)

    slow._write(each)
    bulk._write(
        lambda session: events.create_events(
            session, [events.EventWrite(uid, draft) for uid, draft in new.items()]
        )
    )
    assert_same_events(slow, bulk)


def test_bulk_writes_refuse_what_the_event_services_refuse(catalogue: Catalogue) -> None:
    uid = catalogue.events()[0].uid
    draft = catalogue.event_draft(uid)
    with pytest.raises(events.InvalidEvent):
        catalogue._write(
            lambda s: events.create_events(s, [events.EventWrite("x@y", replace(draft, title=""))])
        )
    with pytest.raises(events.UserError, match="already in the catalogue"):
        catalogue._write(lambda s: events.create_events(s, [events.EventWrite(uid, draft)]))
    with pytest.raises(events.EventNotFound):
        catalogue._write(lambda s: events.update_events(s, [events.EventWrite("x@y", draft)], {}))


# --- progress, and Cancel writing nothing ---------------------------------------------------


class StopAt:
    """A progress callback that records its calls and raises Cancelled at call ``at``."""

    def __init__(self, at: int | None = None) -> None:
        self.at = at
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        if self.at is not None and len(self.calls) >= self.at:
            raise Cancelled


def test_a_calendar_export_reports_progress_and_cancel_writes_nothing(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "events.ics"
    progress = StopAt()
    count = catalogue.export_calendar(target, progress=progress)
    assert progress.calls[0] == (0, 0)
    assert progress.calls[-1] == (count, count)
    assert [done for done, _total in progress.calls[1:]] == list(range(count + 1))
    for at in (1, 2, count // 2, count + 2):
        stopped = folder / f"stopped-{at}.ics"
        with pytest.raises(Cancelled):
            catalogue.export_calendar(stopped, progress=StopAt(at))
        assert not stopped.exists()
    target.write_bytes(b"the old file")
    with pytest.raises(Cancelled):
        catalogue.export_calendar(target, progress=StopAt(count + 2))
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in folder.iterdir()) == ["events.ics"]


def test_a_json_export_reports_progress_and_cancel_writes_nothing(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "catalogue.json"
    progress = StopAt()
    catalogue.export_json_to(target, progress)
    counts = catalogue.counts()
    records = sum(len(v) for k, v in snapshot(catalogue).items() if isinstance(v, list))
    assert records > counts.events
    assert progress.calls[0] == (0, 0)
    assert (records, records) in progress.calls
    assert all(done <= total for done, total in progress.calls[1:])
    for at in (1, 2, len(progress.calls)):
        stopped = folder / f"stopped-{at}.json"
        with pytest.raises(Cancelled):
            catalogue.export_json_to(stopped, StopAt(at))
        assert not stopped.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["catalogue.json"]


def test_a_cancelled_import_changes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    source = changed_calendar(catalogue, tmp_path / "changed.ics")
    before = snapshot(catalogue)
    preview = catalogue.preview_calendar_import(source)
    for at in (1, 2, 3, 20):
        with pytest.raises(Cancelled):
            catalogue.import_calendar(source, StopAt(at))
        assert snapshot(catalogue) == before
    progress = StopAt()
    assert catalogue.import_calendar(source, progress) == preview
    total = len(preview.items)
    assert progress.calls == [(0, 0), (0, total), *((done, total) for done in range(total))]


def test_the_json_export_reads_each_table_once(catalogue: Catalogue) -> None:
    """The number of queries does not grow with the number of records (no query per row)."""
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    engine = catalogue._db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        catalogue.export_json()
        few = len(statements)
        draft = catalogue.event_draft(catalogue.events()[0].uid)
        for n in range(30):
            catalogue.create_event(replace(draft, title=f"More {n}"))
        statements.clear()
        catalogue.export_json()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == few


def test_odd_uids_are_found_again(catalogue: Catalogue) -> None:
    """UIDs are looked up as bound text: a NUL, quotes or a backslash in one do not matter."""
    draft = catalogue.event_draft(catalogue.events()[0].uid)
    uids = ["\x00", "a\x00b", '"quoted"', "back\\slash", "ü@例え.jp", "%_"]
    writes = [events.EventWrite(uid, draft, 3) for uid in uids]
    catalogue._write(lambda s: events.create_events(s, writes))
    stored = catalogue._read(lambda s: events.stored_events(s, [*uids, "not there"]))
    assert sorted(stored) == sorted(uids)
    assert {s.sequence for s in stored.values()} == {3}
    with pytest.raises(events.UserError, match="already in the catalogue"):
        catalogue._write(lambda s: events.create_events(s, writes[1:2]))
    catalogue._write(lambda s: events.update_events(s, writes, stored))
    assert {
        s.sequence for s in catalogue._read(lambda s: events.stored_events(s, uids)).values()
    } == {4}
