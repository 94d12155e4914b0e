"""The core's figures, each beside its floor: calendar export and import, JSON export, one
edit, and the file's size.

The runner starts this in a process of its own for each task::

    python -m benchmarks.core_tasks TASK --database FILE --scratch DIR [--runs 5]

``--database`` is the generated catalogue, which is only ever copied here: every task works on
copies in ``--scratch``. Each run times the floor, then the app, so that drift on a busy
machine touches both alike. An app call past ``--limit`` seconds is stopped and reported as
timed out (see ``measure.run_within``). Tasks:

- ``ics_export``: ``Catalogue.export_calendar(event_ids=…)`` of 10,000 events, against building
  the same events, with the same properties and VTIMEZONEs, with the ``icalendar`` library
  alone from one query's plain rows, and writing them;
- ``ics_import``: ``Catalogue.import_calendar`` of 10,000 new events into a copy, against
  parsing the file with ``icalendar`` and inserting the rows with one ``executemany``, search
  index included, in one transaction;
- ``ics_reimport``: importing the catalogue's own export again (every event already there),
  against parsing plus one query for the UIDs;
- ``json_export``: ``Catalogue.export_json()``, against every table's rows as JSON;
- ``edit``: ``Catalogue.update_event`` of one event's title, against one ``UPDATE`` and the
  re-indexing of that row, committed with the app's journal settings;
- ``db_size``: the file, against the same rows in a plain schema (see README.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from .measure import TooSlow, clock, emit, note, run_within, runs, sample, timed

TASKS = ("ics_export", "ics_import", "ics_reimport", "json_export", "edit", "db_size")
CALENDAR_EVENTS = 10_000
EDITS = 20
# The search index's text of an event, as migration 0003 and core/search.py write it.
INDEXED_EVENT = (
    "INSERT INTO search_index (rowid, kind, record_id, title, body)"
    " SELECT id * 8 + 2, 'event', id,"
    " iclei_index_text(coalesce(title, '')) || ' ' || iclei_index_text(coalesce(series, '')),"
    " iclei_index_text(coalesce(location, '')) || ' ' || iclei_index_text(coalesce(date_text, ''))"
    " || ' ' || iclei_index_text(coalesce(description, ''))"
    " || ' ' || iclei_index_text(coalesce(attendance_text, ''))"
    " || ' ' || iclei_index_text(coalesce(note, ''))"
    " FROM event WHERE id IN (SELECT key >> 3 FROM search_index_pending WHERE key & 7 = 2)"
)


class Task:
    """One task's runs: copies to work on, and the app's calls stopped past the limit."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.source: Path = args.database
        self.scratch: Path = args.scratch
        self.scratch.mkdir(parents=True, exist_ok=True)

    def copy(self, name: str) -> Path:
        """Return a fresh copy of the catalogue in the scratch folder."""
        target = self.scratch / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.source, target)
        return target

    def connect(self, path: Path) -> sqlite3.Connection:
        """Open ``path`` as the app does: WAL, full sync, foreign keys, the index function."""
        from iclei_desktop.core.db import register_functions

        connection = sqlite3.connect(path, isolation_level=None)
        register_functions(connection)
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        return connection

    def app(self, figure: str, run: int, work: Callable[[], object]) -> bool:
        """Time ``work()`` as the app's sample of ``figure``; False if it was stopped."""
        seconds: list[float] = []
        try:
            run_within(self.args.limit, lambda: seconds.append(timed(work)))
        except TooSlow as error:
            emit(figure=figure, side="app", run=run, timed_out=error.limit)
            if error.returned is not None:
                note(figure, f"stopped at {error.limit:.0f} s; let go {error.returned:.0f} s in")
            return False
        sample(figure, "app", run, seconds)
        return True

    def event_ids(self) -> list[int]:
        """Every n-th event, 10,000 of them, spread over the whole catalogue."""
        connection = sqlite3.connect(self.source)
        try:
            ids = [row[0] for row in connection.execute("SELECT id FROM event ORDER BY id")]
        finally:
            connection.close()
        step = max(1, len(ids) // CALENDAR_EVENTS)
        return ids[::step][:CALENDAR_EVENTS]


# --- iCalendar ----------------------------------------------------------------------------


CALENDAR_SQL = """
SELECT e.uid, e.title, e.start_date, e.end_date, e.all_day, e.start_time, e.end_time,
       e.timezone, e.date_precision, e.date_text, e.status, e.mode, e.location, e.description,
       e.url, e.sequence, e.created_at, e.updated_at, p.name,
       (SELECT group_concat(name, '|') FROM (
            SELECT w.name FROM program_pathway AS pp JOIN pathway AS w ON w.id = pp.pathway_id
            WHERE pp.program_id = e.program_id ORDER BY pp.position))
FROM event AS e LEFT JOIN program AS p ON p.id = e.program_id
WHERE e.id IN (SELECT value FROM json_each(?))
ORDER BY e.start_date, e.end_date, e.title, e.uid
"""
MODES = {"in_person": "In person", "virtual": "Virtual", "hybrid": "Hybrid"}


def floor_calendar(connection: sqlite3.Connection, ids: Sequence[int], target: Path) -> int:
    """Build and write the events ``ids`` with the icalendar library alone; return how many.

    The same properties as the app's export (see core/ical/export.py), read with one query
    as plain rows.
    """
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    rows = connection.execute(CALENDAR_SQL, (json.dumps(list(ids)),)).fetchall()
    stamp = datetime.now(UTC)
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", "-//benchmarks//floor//EN")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("X-WR-CALNAME", "ICLEI East Asia events")
    years = []
    for row in rows:
        (uid, title, start, end, all_day, start_time, end_time, zone, precision, date_text) = row[
            :10
        ]
        (status, mode, location, description, url, sequence, created, updated) = row[10:18]
        program, pathways = row[18], row[19]
        first, last = date.fromisoformat(start), date.fromisoformat(end)
        years += [first.year, last.year]
        imprecise = precision != "day"
        event = Event()
        event.add("UID", uid)
        event.add("DTSTAMP", stamp)
        event.add("SEQUENCE", sequence)
        event.add("CREATED", datetime.fromisoformat(created).replace(tzinfo=UTC))
        event.add("LAST-MODIFIED", datetime.fromisoformat(updated).replace(tzinfo=UTC))
        event.add("SUMMARY", title)
        if all_day or imprecise:
            event.add("DTSTART", first)
            event.add("DTEND", last + timedelta(days=1))
        else:
            tz = ZoneInfo(zone)
            event.add("DTSTART", datetime.combine(first, _time(start_time), tz))
            event.add("DTEND", datetime.combine(last, _time(end_time), tz))
        words = [f"Date not fixed: {date_text}"] if imprecise else []
        words += ["Postponed."] if status == "postponed" else []
        words += [description] if description else []
        if words:
            event.add("DESCRIPTION", "\n\n".join(words))
        if location:
            event.add("LOCATION", location)
        if url:
            event.add("URL", url)
        written = "CANCELLED" if status == "cancelled" else "TENTATIVE"
        if status == "confirmed" and not imprecise:
            written = "CONFIRMED"
        event.add("STATUS", written)
        if written.lower() != status:
            event.add("X-ICLEI-STATUS", status)
        categories = [*(pathways.split("|") if pathways else []), program, MODES.get(mode or "")]
        categories += ["Date not fixed"] if imprecise else []
        categories += ["Postponed"] if status == "postponed" else []
        if any(categories):
            event.add("CATEGORIES", [c for c in categories if c])
        if imprecise:
            event.add("X-ICLEI-DATE-PRECISION", precision)
            if date_text:
                event.add("X-ICLEI-DATE-TEXT", date_text, parameters={"VALUE": "TEXT"})
        calendar.add_component(event)
    if years:
        calendar.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    target.write_bytes(calendar.to_ical())
    return len(rows)


def _time(text: str) -> Any:
    from datetime import time

    return time.fromisoformat(text[:8])


def floor_parse(data: bytes) -> list[tuple[Any, ...]]:
    """Parse an iCalendar file with the icalendar library into event rows."""
    from icalendar import Calendar

    rows = []
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    for component in Calendar.from_ical(data).walk("VEVENT"):
        start, end = component.decoded("DTSTART"), component.decoded("DTEND")
        timed_event = isinstance(start, datetime)
        if timed_event:
            zone = str(getattr(start.tzinfo, "key", "UTC"))
            first, last = start.date(), end.date()
            times = (start.time().isoformat(), end.time().isoformat())
        else:
            zone, first, last, times = None, start, end - timedelta(days=1), (None, None)
        status = str(component.get("STATUS", "CONFIRMED")).lower()
        rows.append(
            (
                str(component["UID"]),
                str(component.get("SUMMARY", "")),
                first.isoformat(),
                last.isoformat(),
                0 if timed_event else 1,
                times[0],
                times[1],
                zone,
                status if status in ("confirmed", "tentative", "cancelled") else "confirmed",
                str(component.get("LOCATION", "")) or None,
                str(component.get("DESCRIPTION", "")) or None,
                int(component.get("SEQUENCE", 0)),
                now,
                now,
            )
        )
    return rows


def floor_insert(connection: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    """Insert event rows in one transaction and index them for search, as the app would."""
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO event (uid, title, start_date, end_date, all_day, start_time, end_time,"
        " timezone, status, location, description, sequence, created_at, updated_at,"
        " date_precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'day')",
        rows,
    )
    connection.execute(INDEXED_EVENT)
    connection.execute("DELETE FROM search_index_pending")
    connection.execute("COMMIT")


def ics_export(task: Task) -> None:
    from iclei_desktop.core.api import Catalogue

    ids = task.event_ids()
    target = task.scratch / "app.ics"
    catalogue = Catalogue.open(task.copy("export.sqlite"))
    floor_db = sqlite3.connect(task.scratch / "export.sqlite")
    try:
        for run in runs(task.args.runs, task.args.budget):
            sample(
                "ics.export",
                "floor",
                run,
                [timed(lambda: floor_calendar(floor_db, ids, task.scratch / "floor.ics"))],
            )
            if not task.app(
                "ics.export", run, lambda: catalogue.export_calendar(target, event_ids=ids)
            ):
                break
            if run == 0:
                size = target.stat().st_size / 1e6
                floor_size = (task.scratch / "floor.ics").stat().st_size / 1e6
                note(
                    "ics.export",
                    f"{len(ids):,} events: {size:.1f} MB (floor's file {floor_size:.1f} MB)",
                )
    finally:
        floor_db.close()
        catalogue.close()


def _calendar_files(task: Task) -> tuple[Path, Path]:
    """Return (the app's export of 10,000 events, the same with new UIDs), made once."""
    from iclei_desktop.core.api import Catalogue

    exported = task.scratch / "existing.ics"
    fresh = task.scratch / "new.ics"
    if not (exported.exists() and fresh.exists()):
        catalogue = Catalogue.open(task.copy("prepare.sqlite"))
        try:
            catalogue.export_calendar(exported, event_ids=task.event_ids())
        finally:
            catalogue.close()
        fresh.write_bytes(exported.read_bytes().replace(b"\r\nUID:", b"\r\nUID:import-"))
    return exported, fresh


def _import(task: Task, figure: str, source: Path, floor_lookup_only: bool) -> None:
    from iclei_desktop.core.api import Catalogue

    data = source.read_bytes()
    for run in runs(task.args.runs, task.args.budget):
        connection = task.connect(task.copy("floor.sqlite"))
        started = clock()
        rows = floor_parse(data)
        if floor_lookup_only:
            connection.execute(
                "SELECT uid, sequence, updated_at FROM event"
                " WHERE uid IN (SELECT value FROM json_each(?))",
                (json.dumps([row[0] for row in rows]),),
            ).fetchall()
        else:
            floor_insert(connection, rows)
        sample(figure, "floor", run, [clock() - started])
        connection.close()
        catalogue = Catalogue.open(task.copy("app.sqlite"))
        result: list[Any] = []
        try:
            done = task.app(
                figure, run, lambda c=catalogue, r=result: r.append(c.import_calendar(source))
            )
        finally:
            catalogue.close()
        for backup in task.scratch.glob("app.backup-*.sqlite"):
            backup.unlink()  # import_calendar backs the catalogue up first; that is timed
        if result and run == 0:
            note(figure, f"{result[0].summary}; includes the backup import_calendar takes first")
        if not done:
            break


def ics_import(task: Task) -> None:
    _import(task, "ics.import", _calendar_files(task)[1], floor_lookup_only=False)


def ics_reimport(task: Task) -> None:
    _import(task, "ics.reimport", _calendar_files(task)[0], floor_lookup_only=True)


# --- JSON, edits, size --------------------------------------------------------------------


def floor_json(connection: sqlite3.Connection) -> str:
    """Every table's rows as JSON."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'search_index%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    document: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        cursor = connection.execute(f"SELECT * FROM {table}")
        names = [column[0] for column in cursor.description]
        document[table] = [dict(zip(names, row, strict=True)) for row in cursor]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def json_export(task: Task) -> None:
    from iclei_desktop.core.api import Catalogue

    catalogue = Catalogue.open(task.copy("json.sqlite"))
    connection = sqlite3.connect(task.scratch / "json.sqlite")
    text: list[str] = []
    try:
        for run in runs(task.args.runs, task.args.budget):
            sample("json.export", "floor", run, [timed(lambda: floor_json(connection))])
            if not task.app("json.export", run, lambda: text.append(catalogue.export_json())):
                break
            if run == 0:
                note("json.export", f"{len(text[0].encode()) / 1e6:.0f} MB of JSON")
    finally:
        connection.close()
        catalogue.close()


def edit(task: Task) -> None:
    from iclei_desktop.core.api import Catalogue

    path = task.copy("edit.sqlite")
    catalogue = Catalogue.open(path)
    connection = task.connect(path)
    uids = [
        row[0]
        for row in connection.execute(
            "SELECT uid FROM event WHERE id % 4999 = 7 ORDER BY id LIMIT ?", (EDITS,)
        )
    ]
    try:
        for run in runs(task.args.runs, task.args.budget):
            floor, app = [], []
            for number, uid in enumerate(uids):
                started = clock()
                connection.execute("BEGIN")
                connection.execute(
                    "UPDATE event SET title = title || ?, updated_at = ?, sequence = sequence + 1"
                    " WHERE uid = ?",
                    (f" ({run}.{number})", datetime.now(UTC).isoformat(sep=" ")[:26], uid),
                )
                connection.execute(
                    "DELETE FROM search_index WHERE rowid IN (SELECT key FROM search_index_pending)"
                )
                connection.execute(INDEXED_EVENT)
                connection.execute("DELETE FROM search_index_pending")
                connection.execute("COMMIT")
                floor.append(clock() - started)
                draft = catalogue.event_draft(uid)
                changed = dataclasses.replace(draft, title=f"{draft.title} [{run}.{number}]")
                try:
                    run_within(
                        task.args.limit,
                        lambda c=changed, u=uid, a=app: a.append(
                            timed(lambda: catalogue.update_event(u, c))
                        ),
                    )
                except TooSlow as error:
                    emit(figure="edit.save", side="app", run=run, timed_out=error.limit)
                    return
            sample("edit.save", "floor", run, floor)
            sample("edit.save", "app", run, app)
    finally:
        connection.close()
        catalogue.close()


def db_size(task: Task) -> None:
    """The file against the same rows in a plain schema: no secondary indexes, vacuumed."""
    full = task.scratch / "vacuumed.sqlite"
    plain = task.scratch / "plain.sqlite"
    for path in (full, plain):
        path.unlink(missing_ok=True)
    connection = sqlite3.connect(task.source)
    try:
        connection.execute(f"VACUUM INTO '{full}'")
        connection.execute(f"VACUUM INTO '{plain}'")
    finally:
        connection.close()
    connection = sqlite3.connect(plain, isolation_level=None)
    dropped = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
        )
    ]
    for name in dropped:
        connection.execute(f'DROP INDEX "{name}"')
    connection.execute("VACUUM")
    connection.close()
    size = task.source.stat().st_size
    sample("db.size", "app", 0, [size], unit="B")
    sample("db.size", "floor", 0, [plain.stat().st_size], unit="B")
    note(
        "db.size",
        f"the file vacuumed with every index: {full.stat().st_size / 1e6:.1f} MB; "
        f"{len(dropped)} secondary indexes (ix_*) dropped for the plain schema",
    )
    fts = sqlite3.connect(plain)
    try:
        pages = fts.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%'"
        ).fetchone()[0]
        note("db.size", f"of the plain file, the search index takes {pages / 1e6:.1f} MB")
    except sqlite3.Error:
        pass  # dbstat is not compiled into every SQLite
    finally:
        fts.close()
    full.unlink()
    plain.unlink()


def main(argv: list[str] | None = None) -> int:
    """Run one task's floors and app calls, reporting each run."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.core_tasks")
    parser.add_argument("task", choices=TASKS)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--scratch", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--limit", type=float, default=120.0)
    args = parser.parse_args(argv)
    task = Task(args)
    globals()[args.task](task)
    return 0


if __name__ == "__main__":
    sys.exit(main())
