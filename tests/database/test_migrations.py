"""Migrations: an empty file reaches head with no drift; an old file keeps every row."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from iclei_desktop.core.db import (
    BACKUPS_KEPT,
    HEAD_REVISION,
    alembic_config,
    backup_database,
    head_revision,
    include_name,
    list_backups,
    migration_transaction,
    open_database,
)
from iclei_desktop.core.errors import DatabaseError
from iclei_desktop.core.models import Base

ROWS_AT_0001 = {
    "pathway": "INSERT INTO pathway (id, uid, name, description, position, created_at, updated_at)"
    " VALUES (1, 'circular', 'Circular development', '', 0, '2020-01-01', '2020-01-01')",
    "program": "INSERT INTO program (id, uid, name, kind, summary, created_at, updated_at)"
    " VALUES (1, 'gccc', 'Green Circular Cities Coalition', 'network', 'Coalition.',"
    " '2020-01-01', '2020-01-01')",
    "program_pathway": "INSERT INTO program_pathway (program_id, pathway_id, position)"
    " VALUES (1, 1, 0)",
    "local_government": "INSERT INTO local_government"
    " (id, uid, name, native_name, kind, country, is_member, member_since, created_at, updated_at)"
    " VALUES (1, 'chengdu', 'Chengdu', '成都市', 'city', 'China', 1, 2020, '2020-01-01',"
    " '2020-01-01')",
    "event": "INSERT INTO event (id, uid, title, start_date, end_date, all_day, date_precision,"
    " status, program_id, created_at, updated_at) VALUES (1, 'tour@test', 'Study tour',"
    " '2020-01-21', '2020-01-24', 1, 'day', 'confirmed', 1, '2020-01-01', '2020-01-01')",
    "event_local_government": "INSERT INTO event_local_government"
    " (event_id, local_government_id, position) VALUES (1, 1, 0)",
}


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ROWS_AT_0001
        }
    finally:
        connection.close()


def _old_catalogue(path: Path) -> dict[str, list[tuple[object, ...]]]:
    database = open_database(path, revision="0001")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001.values():
            connection.exec_driver_sql(statement)
    database.engine.dispose()
    return _dump(path)


def test_an_empty_file_upgrades_to_head_with_no_drift_from_the_models(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.sqlite")
    with database.engine.connect() as connection:
        # The same filter as env.py, so this agrees with `alembic check`.
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    assert database.created and database.backup is None
    database.engine.dispose()


def test_a_first_revision_catalogue_keeps_every_row_and_gets_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    before = _old_catalogue(path)
    assert all(before.values())

    database = open_database(path)
    database.engine.dispose()

    after = _dump(path)
    assert after["event"] == [(*before["event"][0], 0)]  # the new sequence column starts at 0
    for table in ROWS_AT_0001.keys() - {"event"}:
        assert after[table] == before[table], table
    assert database.backup is not None and database.backup.exists()
    assert _dump(database.backup) == before
    backup = sqlite3.connect(database.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    backup.close()


def test_checks_survive_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _old_catalogue(path)
    database = open_database(path)
    with (
        pytest.raises(IntegrityError, match="ck_event_end_after_start"),
        database.engine.begin() as connection,
    ):
        connection.exec_driver_sql("UPDATE event SET end_date = '2019-01-01'")
    database.engine.dispose()


def test_opening_a_current_catalogue_takes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite"
    open_database(path).engine.dispose()
    again = open_database(path)
    again.engine.dispose()
    assert again.backup is None and list_backups(path) == []


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite"
    open_database(path).engine.dispose()
    made = [backup_database(path, datetime(2021, 1, day)) for day in range(1, BACKUPS_KEPT + 3)]
    assert list_backups(path) == sorted(made[-BACKUPS_KEPT:], reverse=True)


def test_a_catalogue_from_a_newer_app_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_database(path).engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    content = path.read_bytes()
    with pytest.raises(
        DatabaseError, match=r"written by a newer version of ICLEI Desktop \(schema 9999\)"
    ):
        open_database(path)
    assert path.read_bytes() == content
    assert list_backups(path) == []


def test_another_applications_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()
    content = path.read_bytes()
    with pytest.raises(
        DatabaseError, match="is an SQLite database but not an ICLEI Desktop catalogue"
    ):
        open_database(path)
    assert path.read_bytes() == content


def test_a_migration_that_fails_halfway_leaves_the_old_schema_and_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    before = _old_catalogue(path)
    real_upgrade = command.upgrade

    def upgrade_then_crash(config: object, revision: str) -> None:
        real_upgrade(config, revision)  # every statement of 0002 has run
        raise RuntimeError("power cut")

    monkeypatch.setattr(command, "upgrade", upgrade_then_crash)
    with pytest.raises(RuntimeError, match="power cut"):
        open_database(path)
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(event)")]
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    connection.close()
    assert "sequence" not in columns
    assert revision == [("0001",)]
    assert _dump(path) == before

    monkeypatch.setattr(command, "upgrade", real_upgrade)
    open_database(path).engine.dispose()  # the app starts again and finishes the upgrade
    assert _dump(path)["event"] == [(*before["event"][0], 0)]


def test_rebuilding_a_parent_table_does_not_cascade_into_its_links(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    before = _old_catalogue(path)
    database = open_database(path)
    config = alembic_config()
    with migration_transaction(database.engine, path) as connection:
        config.attributes["connection"] = connection
        # Downgrading 0002 rebuilds the event table in batch mode (copy, drop, rename): the
        # links that cascade from events must survive it.
        command.downgrade(config, "0001")
    database.engine.dispose()
    assert _dump(path) == before


def test_the_revision_the_app_opens_without_alembic_is_alembics_head() -> None:
    assert head_revision() == HEAD_REVISION
