"""Migration 0003: the search index, its triggers, and filling it from an older catalogue."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from alembic import command

from iclei_desktop.core.db import alembic_config, migration_transaction, open_database
from iclei_desktop.core.search import KINDS, rebuild_index, search
from iclei_desktop.core.seed import apply_seed, load_seed

ROWS_AT_0002 = (
    "INSERT INTO program (id, uid, name, acronym, kind, summary, created_at, updated_at)"
    " VALUES (1, 'gccc', 'Green Circular Cities Coalition', 'GCCC', 'network', 'Coalition.',"
    " '2020-01-01', '2020-01-01')",
    "INSERT INTO local_government (id, uid, name, native_name, kind, country, created_at,"
    " updated_at) VALUES (7, 'chengdu', 'Chengdu', '成都市', 'city', 'China', '2020-01-01',"
    " '2020-01-01')",
    "INSERT INTO local_government (id, uid, name, native_name, kind, country, created_at,"
    " updated_at) VALUES (8, 'ulaanbaatar', 'Ulaanbaatar', 'Улаанбаатар', 'city', 'Mongolia',"
    " '2020-01-01', '2020-01-01')",
    "INSERT INTO event (id, uid, title, start_date, end_date, all_day, date_precision, status,"
    " location, sequence, created_at, updated_at) VALUES (3, 'tour@test', 'Study tour',"
    " '2020-01-21', '2020-01-24', 1, 'day', 'confirmed', 'Malmö, Sweden', 0, '2020-01-01',"
    " '2020-01-01')",
    "INSERT INTO person (id, uid, name, title, is_staff, created_at, updated_at)"
    " VALUES (2, 'frank-cownie', 'Frank Cownie', 'Mayor', 0, '2020-01-01', '2020-01-01')",
    "INSERT INTO organization (id, uid, name, kind, created_at, updated_at)"
    " VALUES (5, 'undrr', 'UN Office for Disaster Risk Reduction', 'un_body', '2020-01-01',"
    " '2020-01-01')",
    "INSERT INTO publication (id, uid, title, kind, status, language, created_at, updated_at)"
    " VALUES (4, 'loop-2', 'In The Loop Issue 2', 'newsletter', 'published', 'en',"
    " '2020-01-01', '2020-01-01')",
)


def _catalogue_at_0002(path: Path) -> None:
    database = open_database(path, revision="0002")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0002:
            connection.exec_driver_sql(statement)
    database.engine.dispose()


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def _index(path: Path) -> list[tuple[object, ...]]:
    return _rows(path, "SELECT rowid, kind, record_id, title, body FROM search_index ORDER BY 1")


def test_upgrading_a_0002_catalogue_fills_the_index(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _catalogue_at_0002(path)
    database = open_database(path)

    assert [row[:3] for row in _index(path)] == [
        (1 * 8 + 1, "program", 1),
        (2 * 8 + 4, "person", 2),
        (3 * 8 + 2, "event", 3),
        (4 * 8 + 6, "publication", 4),
        (5 * 8 + 5, "organization", 5),
        (7 * 8 + 3, "local_government", 7),
        (8 * 8 + 3, "local_government", 8),
    ]
    assert _rows(path, "SELECT count(*) FROM search_index_pending") == [(0,)]
    with database.sessions() as session:
        found = {
            text: [(hit.kind, hit.uid) for hit in search(session, text)]
            for text in ("成都", "улаан", "malmo", "circ", "cownie", "disaster", "loop")
        }
    database.engine.dispose()
    assert found == {
        "成都": [("local_government", "chengdu")],
        "улаан": [("local_government", "ulaanbaatar")],
        "malmo": [("event", "tour@test")],
        "circ": [("program", "gccc")],
        "cownie": [("person", "frank-cownie")],
        "disaster": [("organization", "undrr")],
        "loop": [("publication", "loop-2")],
    }


def test_the_migration_indexes_records_as_the_app_does(tmp_path: Path, seed_dir: Path) -> None:
    path = tmp_path / "seeded.sqlite"
    old = open_database(path, revision="0002")
    with old.sessions() as session, session.begin():
        apply_seed(session, load_seed(seed_dir))
    old.engine.dispose()
    database = open_database(path)
    by_migration = _index(path)
    assert len(by_migration) > 200
    with database.sessions() as session, session.begin():
        rebuild_index(session)
    database.engine.dispose()
    assert _index(path) == by_migration


def test_every_record_table_has_its_three_triggers_at_head(tmp_path: Path) -> None:
    # A batch migration that rebuilds one of these tables drops its triggers with it.
    path = tmp_path / "new.sqlite"
    open_database(path).engine.dispose()
    triggers = _rows(path, "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
    assert sorted(triggers) == sorted(
        (kind, f"search_{kind}_{change}")
        for kind in KINDS
        for change in ("insert", "update", "delete")
    )


def test_downgrading_removes_the_index_and_upgrading_again_refills_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _catalogue_at_0002(path)
    database = open_database(path)
    config = alembic_config()
    with migration_transaction(database.engine, path) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert (
        _rows(
            path,
            "SELECT name FROM sqlite_master WHERE name LIKE 'search%' AND name NOT LIKE 'sqlite%'",
        )
        == []
    )
    database.engine.dispose()
    open_database(path).engine.dispose()
    assert len(_index(path)) == len(ROWS_AT_0002)


def test_the_plain_alembic_command_upgrades_and_finds_no_drift(tmp_path: Path) -> None:
    # env.py's own engine must register iclei_index_text and skip the index's tables.
    path = tmp_path / "dev.sqlite"
    _catalogue_at_0002(path)
    config = alembic_config()
    config.cmd_opts = argparse.Namespace(x=[f"url=sqlite:///{path}"])
    command.upgrade(config, "head")
    command.check(config)
    assert len(_index(path)) == len(ROWS_AT_0002)


def test_another_program_deleting_a_publication_with_translations_keeps_the_index(
    tmp_path: Path, seed_dir: Path
) -> None:
    # Revision 0003's triggers failed under foreign-key actions (0005 makes them safe): the
    # translations' ON DELETE SET NULL queued the same key twice and aborted the delete.
    path = tmp_path / "c.sqlite"
    database = open_database(
        path, initialize=lambda session: apply_seed(session, load_seed(seed_dir))
    )
    with database.sessions() as session, session.begin():
        rebuild_index(session)
    database.engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    (original, title), *_ = connection.execute(
        "SELECT p.id, p.title FROM publication p WHERE EXISTS"
        " (SELECT 1 FROM publication t WHERE t.translation_of_id = p.id)"
    )
    connection.execute("UPDATE publication SET note = 'queued first' WHERE id = ?", (original,))
    with connection:
        connection.execute("DELETE FROM publication WHERE id = ?", (original,))
    connection.close()
    assert _rows(
        path, f"SELECT count(*) FROM publication WHERE translation_of_id = {original}"
    ) == [(0,)]
    database = open_database(path)
    with database.sessions() as session, session.begin():
        hits = search(session, title, ["publication"])
    database.engine.dispose()
    assert original not in [hit.id for hit in hits]
