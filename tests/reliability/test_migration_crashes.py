"""Migrations cannot half-apply: a failure at any statement leaves the file as it was.

Each migration step is run on a catalogue at the old revision, holding rows, with a
failure injected before its k-th SQL statement (a ``before_cursor_execute`` listener), for
k = 1, 2, … until the step completes without reaching k; then once more at the COMMIT.
After each failure the file must be at the old revision with exactly the old schema
(``sqlite_master``) and rows, pass ``PRAGMA integrity_check``, hold no ``_alembic_tmp_*``
table and keep every CHECK constraint; and opening it again as the app does on its next
start must complete the upgrade with every row kept.

Figures when this was written (Alembic 1.20, SQLAlchemy 2.1, SQLite 3.40), the run prints
its own under "reliability figures": no file -> 0001, 61 injection points;
0001 -> 0002, 7; 0002 -> 0003, 32; the table rebuild of 0002 -> 0001 (the batch copy,
drop and rename later migrations will use), 50. All 150 (100 %) left a consistent file.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, event

from iclei_desktop.core.db import (
    alembic_config,
    head_revision,
    make_engine,
    migration_transaction,
    open_database,
)
from tests.database.test_migrations import ROWS_AT_0001
from tests.database.test_search_migration import ROWS_AT_0002
from tests.reliability.conftest import Figures

Snapshot = dict[str, object]
CHECK = re.compile(r"CONSTRAINT (\w+) CHECK")


class InjectedFailure(Exception):
    """The failure injected into a migration, standing for a crash or a full disk."""


class FailAt:
    """Raise InjectedFailure before the ``fail_at``-th statement; count statements."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.count = 0

    def before_statement(self, *_args: object) -> None:
        self.count += 1
        if self.count == self.fail_at:
            raise InjectedFailure(f"statement {self.count}")

    def before_commit(self, *_args: object) -> None:
        if self.fail_at == 0:
            raise InjectedFailure("commit")


@contextmanager
def failing_at(fail_at: int) -> Iterator[FailAt]:
    """Fail every engine's ``fail_at``-th statement (0: its commit) while in the block."""
    injector = FailAt(fail_at)
    event.listen(Engine, "before_cursor_execute", injector.before_statement)
    event.listen(Engine, "commit", injector.before_commit)
    try:
        yield injector
    finally:
        event.remove(Engine, "before_cursor_execute", injector.before_statement)
        event.remove(Engine, "commit", injector.before_commit)


def snapshot(path: Path) -> Snapshot:
    """Return the revision, schema, rows and CHECK constraints of the file at ``path``."""
    connection = sqlite3.connect(path)
    try:
        schema = connection.execute(
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        tables = [name for kind, name, *_ in schema if kind == "table"]
        rows = {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
        checks = {name: set(CHECK.findall(sql or "")) for kind, name, _, _, sql in schema}
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    revision = rows.get("alembic_version", [(None,)])[0][0]
    return {
        "revision": revision,
        "schema": schema,
        "rows": rows,
        "checks": checks,
        "integrity": integrity,
    }


def catalogue_at(revision: str, rows: tuple[str, ...]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        database = open_database(path, revision=revision)
        with database.engine.begin() as connection:
            for statement in rows:
                connection.exec_driver_sql(statement)
        database.engine.dispose()

    return build


def upgrade_to(revision: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        open_database(path, revision=revision).engine.dispose()

    return run


def downgrade_to(revision: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        engine = make_engine(path)
        config = alembic_config()
        try:
            with migration_transaction(engine, path) as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, revision)
        finally:
            engine.dispose()

    return run


STEPS = {
    "no file -> 0001": (None, upgrade_to("0001")),
    "0001 -> 0002": (catalogue_at("0001", tuple(ROWS_AT_0001.values())), upgrade_to("0002")),
    "0002 -> 0003": (catalogue_at("0002", ROWS_AT_0002), upgrade_to("0003")),
    "0002 -> 0001 (table rebuild)": (catalogue_at("0002", ROWS_AT_0002), downgrade_to("0001")),
}


@pytest.fixture(scope="module")
def head_checks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The CHECK constraints of each table of a catalogue made at head."""
    path = tmp_path_factory.mktemp("head") / "head.sqlite"
    open_database(path).engine.dispose()
    checks = snapshot(path)["checks"]
    assert isinstance(checks, dict)
    return checks


@pytest.mark.parametrize("step", list(STEPS))
def test_a_failure_at_any_statement_leaves_the_old_file_and_the_next_start_upgrades_it(
    step: str, tmp_path: Path, figures: Figures, head_checks: dict[str, set[str]]
) -> None:
    build, run = STEPS[step]
    reference = tmp_path / "reference.sqlite"
    before: Snapshot | None = None
    if build is not None:
        build(reference)
        before = snapshot(reference)
        assert before["integrity"] == [("ok",)]
        assert any(before["rows"].values())  # type: ignore[attr-defined]

    # k = 1, 2, … fail before statement k; k = 0 fails at the commit, after every statement.
    fail_at, completed, points, consistent, leftover = 0, False, 0, 0, 0
    while not completed:
        folder = tmp_path / f"fail-{fail_at}"
        folder.mkdir()
        path = folder / "catalogue.sqlite"
        if build is not None:
            shutil.copyfile(reference, path)
        with failing_at(fail_at) as injector:
            try:
                run(path)
            except InjectedFailure:
                pass
            else:
                assert fail_at > injector.count, f"failure at {fail_at} was swallowed"
                completed = True
        if completed:
            break
        points += 1

        if before is None:
            assert sorted(p.name for p in folder.iterdir()) == [], f"failure at {fail_at}"
        else:
            after = snapshot(path)
            assert after == before, f"failure at statement {fail_at}"
            assert after["integrity"] == [("ok",)]
            leftover += sum(
                "_alembic_tmp_" in row[1]
                for row in after["schema"]  # type: ignore[attr-defined]
            )
            for table, names in before["checks"].items():  # type: ignore[attr-defined]
                assert names <= after["checks"][table], (fail_at, table)  # type: ignore[index]

        # The app starts again and finishes the upgrade.
        open_database(path).engine.dispose()
        upgraded = snapshot(path)
        assert upgraded["revision"] == head_revision()
        assert upgraded["integrity"] == [("ok",)]
        assert upgraded["checks"] == head_checks
        if before is not None:
            for table, rows in before["rows"].items():  # type: ignore[attr-defined]
                if table not in ("alembic_version", "event"):
                    assert upgraded["rows"][table] == rows, (fail_at, table)  # type: ignore[index]
            assert len(upgraded["rows"]["event"]) == len(before["rows"]["event"])  # type: ignore[index]
        consistent += 1
        fail_at += 1

    section = "a crash injected at every statement of every migration"
    figures.add(section, "injection points", points)
    figures.add(section, "restarts ending consistent and upgraded", consistent)
    figures.add(section, "leftover tables", leftover)
    assert points > 1 and consistent == points and leftover == 0
