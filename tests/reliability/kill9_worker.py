"""A process for test_kill9 that saves and imports through the Catalogue API until killed.

Run from the repository as ``python -m tests.reliability.kill9_worker DATABASE FOLDER SEED
FIRST``. It opens the catalogue as the app does and prints ``ready``; then, forever, it picks
an operation with the random generator seeded by SEED and numbers it from FIRST on:
``create_event``, ``update_event`` or ``delete_event`` of an event with several linked
cities, organizations and publications (sometimes adding a new city too), or
``import_calendar`` of a small .ics file written to FOLDER that adds and updates several
events. Before each call it prints ``start`` and the operation as JSON: what every event it
touches must be afterwards (its ``state``, or null once deleted) and the new cities it adds.
After the call returns, i.e. after the commit, it prints ``ack`` and the operation's number.
Every line is flushed at once, so what the parent reads after a kill is what was printed.

``python -m tests.reliability.kill9_worker serve`` starts the same workers faster: having
imported the app once, it reads ``run DATABASE FOLDER SEED FIRST OUTPUT`` lines on stdin and
for each forks a worker whose stdout (and stderr, to OUTPUT.err) is the file OUTPUT; it
prints ``pid`` and the worker's process id, then ``exit`` and its exit code once it has died.

The worker's events are those titled ``kill9 …`` and its cities ``Kill9 city …``;
``read_state`` reads them back with plain SQL, for the parent's checks and the worker's start.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from iclei_desktop.core import db
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.ical.export import CalendarEvent, calendar_bytes
from iclei_desktop.core.vocabulary import EVENT_ORGANIZATION_ROLES

TITLE = "kill9 "
SABOTAGE = "KILL9_WORKER_SABOTAGE"
CITY = "Kill9 city "
OTHER_ROLES = tuple(role for role in EVENT_ORGANIZATION_ROLES if role != "organizer")
STATUSES = ("confirmed", "tentative", "postponed", "cancelled")
# An imported update must be newer than any edit the form made since (each adds one).
IMPORT_SEQUENCE = 1_000_000

# An event's state: title, description, location, status, program id, linked cities' names
# in order, (organization id, role) pairs and publication ids, as JSON lists.
State = list[Any]


def read_state(connection: sqlite3.Connection) -> tuple[dict[str, State], set[str]]:
    """Return the worker's events by UID with their states, and the cities it added."""
    states: dict[str, State] = {}
    rows = connection.execute(
        "SELECT id, uid, title, description, location, status, program_id FROM event "
        "WHERE title LIKE ?",
        (f"{TITLE}%",),
    ).fetchall()
    for event_id, uid, *fields in rows:
        cities = [
            name
            for (name,) in connection.execute(
                "SELECT g.name FROM event_local_government AS l "
                "JOIN local_government AS g ON g.id = l.local_government_id "
                "WHERE l.event_id = ? ORDER BY l.position",
                (event_id,),
            )
        ]
        organizations = sorted(
            [org, role]
            for org, role in connection.execute(
                "SELECT organization_id, role FROM event_organization WHERE event_id = ?",
                (event_id,),
            )
        )
        publications = sorted(
            publication
            for (publication,) in connection.execute(
                "SELECT publication_id FROM publication_event WHERE event_id = ?", (event_id,)
            )
        )
        states[uid] = [*fields, cities, organizations, publications]
    added = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM local_government WHERE name LIKE ?", (f"{CITY}%",)
        )
    }
    return states, added


def calendar(events: Sequence[tuple[str, str, str, str, int, str | None]]) -> bytes:
    """Return an .ics file of all-day events: (uid, title, description, location, SEQUENCE,
    program name or None), dated in 2022, as the app's own export writes them."""
    now = datetime.now(UTC)
    day = date(2022, 5, 1)
    return calendar_bytes(
        [
            CalendarEvent(
                uid=uid,
                title=title,
                start_date=day + timedelta(days=index),
                end_date=day + timedelta(days=index + 1),
                all_day=True,
                start_time=None,
                end_time=None,
                timezone=None,
                date_precision="day",
                date_text=None,
                status="confirmed",
                mode=None,
                location=location,
                description=description,
                url=None,
                sequence=sequence,
                created_at=now,
                updated_at=now,
                program=program,
                pathways=(),
            )
            for index, (uid, title, description, location, sequence, program) in enumerate(events)
        ],
        "kill9",
    )


class Worker:
    """Picks operations, says what each must leave behind, runs it, acknowledges it."""

    def __init__(self, catalogue: Catalogue, folder: Path, rng: random.Random) -> None:
        self.catalogue = catalogue
        self.folder = folder
        self.rng = rng
        self.cities = {
            row.id: row.name for row in catalogue.members() if not row.name.startswith(CITY)
        }
        self.organizations = [row.id for row in catalogue.organizations()]
        self.publications = [row.id for row in catalogue.publications()]
        self.programs = {row.id: row.name for row in catalogue.programs()}
        uri = f"{catalogue.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            self.live, _added = read_state(connection)

    def run(self, first: int) -> None:
        number = first
        while True:
            self.step(number)
            number += 1

    def step(self, number: int) -> None:
        kind = self.pick()
        if kind == "import":
            self.import_calendar(number)
            return
        uid = f"kill9-{number}@reliability.test" if kind == "create" else self.any_uid()
        if kind == "delete":
            announce(number, kind, {uid: None}, [])
            self.catalogue.delete_event(uid)
            acknowledge(number)
            del self.live[uid]
            return
        draft, state, new_city = self.draft(number, kind)
        announce(number, kind, {uid: state}, [new_city] if new_city else [])
        if kind == "create":
            self.catalogue.create_event(draft, uid)
        else:
            self.catalogue.update_event(uid, draft)
        acknowledge(number)
        self.live[uid] = state

    def pick(self) -> str:
        if len(self.live) < 3:
            return "create"
        weights = {"create": 3, "update": 4, "delete": 2, "import": 2}
        if len(self.live) > 30:
            weights["delete"] = 5
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def any_uid(self) -> str:
        return self.rng.choice(sorted(self.live))

    def draft(self, number: int, kind: str) -> tuple[EventDraft, State, str | None]:
        """A draft with several links of each kind, the state it saves, and its new city."""
        rng = self.rng
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
        cities = rng.sample(sorted(self.cities), rng.randint(0, 4))
        new_city = f"{CITY}{number}" if rng.random() < 0.4 else None
        organizers = rng.sample(self.organizations, rng.randint(1, 3))
        others = sorted(
            {(org, rng.choice(OTHER_ROLES)) for org in rng.sample(self.organizations, 3)}
        )[: rng.randint(0, 3)]
        publications = rng.sample(self.publications, rng.randint(0, 4))
        program = rng.choice([None, *sorted(self.programs)])
        title = f"{TITLE}{number} {kind}"
        # From a line to several pages, so some saves spill onto overflow pages.
        description = f"Operation {number}. " * rng.choice([1, 20, 400, 1000])
        location = f"Hall {number}"
        status = rng.choice(STATUSES)
        draft = EventDraft(
            title=title,
            start_date=start,
            end_date=start + timedelta(days=rng.randint(0, 3)),
            location=location,
            city_ids=tuple(cities),
            new_cities=((new_city, "Republic of Korea"),) if new_city else (),
            status=status,
            program_id=program,
            organizer_ids=tuple(organizers),
            description=description,
            other_organizations=tuple(others),
            publication_ids=tuple(publications),
        )
        links = sorted([[org, "organizer"] for org in organizers] + [list(o) for o in others])
        state = [
            title,
            description.strip(),
            location,
            status,
            program,
            [self.cities[c] for c in cities] + ([new_city] if new_city else []),
            links,
            sorted(publications),
        ]
        return draft, state, new_city

    def import_calendar(self, number: int) -> None:
        """Import a file that adds a few events and updates a few, in one transaction."""
        rng = self.rng
        updated = rng.sample(sorted(self.live), min(len(self.live), rng.randint(0, 3)))
        added = [f"kill9-{number}-{i}@reliability.test" for i in range(rng.randint(2, 4))]
        entries = []
        expected: dict[str, State | None] = {}
        for index, uid in enumerate([*added, *updated]):
            program = rng.choice([None, *sorted(self.programs)])
            title = f"{TITLE}{number} import {index}"
            description = f"Imported by operation {number}. " * rng.choice([1, 50, 500])
            location = f"Room {number}-{index}"
            sequence = IMPORT_SEQUENCE + number * 10
            name = None if program is None else self.programs[program]
            entries.append((uid, title, description, location, sequence, name))
            before = self.live.get(uid)
            links = before[5:] if before is not None else [[], [], []]
            if program is None:  # a category naming no program keeps the event's
                program = before[4] if before is not None else None
            expected[uid] = [title, description.strip(), location, "confirmed", program, *links]
        source = self.folder / f"operation-{number}.ics"
        source.write_bytes(calendar(entries))
        announce(number, "import", expected, [])
        result = self.catalogue.import_calendar(source)
        acknowledge(number)
        actions = sorted(item.action for item in result.items)
        if actions != sorted(["add"] * len(added) + ["update"] * len(updated)):
            sys.exit(f"import {number} did not do what was planned: {result.items}")
        source.unlink()
        self.live.update({uid: state for uid, state in expected.items() if state is not None})


def announce(number: int, kind: str, expected: dict[str, State | None], cities: list[str]) -> None:
    line = json.dumps({"number": number, "kind": kind, "expected": expected, "cities": cities})
    print(f"start {line}", flush=True)


def acknowledge(number: int) -> None:
    print(f"ack {number}", flush=True)


def work(database: str, folder: str, seed: str, first: str) -> None:
    """Open the catalogue, say ``ready``, and save until killed."""
    catalogue = Catalogue.open(Path(database))
    if os.environ.get(SABOTAGE) == "no-transactions":
        # For the test of the test: without BEGIN, each statement commits on its own.
        event.remove(catalogue._db.engine, "begin", db._on_begin)
    worker = Worker(catalogue, Path(folder), random.Random(int(seed)))
    print("ready", flush=True)
    worker.run(int(first))


def serve() -> None:
    """Fork a worker for each ``run`` line on stdin; report its process id and exit code."""
    for line in sys.stdin:
        command, *arguments, output = line.split()
        assert command == "run", line
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                with open(output, "wb") as out, open(f"{output}.err", "wb") as err:
                    os.dup2(out.fileno(), 1)
                    os.dup2(err.fileno(), 2)
                work(*arguments)
            except SystemExit as stop:
                code = 1 if stop.code else 0
                print(stop.code, file=sys.stderr, flush=True)
            except BaseException:
                code = 1
                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _pid, status = os.waitpid(pid, 0)
        print(f"exit {os.waitstatus_to_exitcode(status)}", flush=True)


def main(argv: Sequence[str]) -> None:
    if list(argv) == ["serve"]:
        serve()
    else:
        work(*argv)


if __name__ == "__main__":
    main(sys.argv[1:])
