"""An upgrade keeps the data: a catalogue from the previous release opens in this one intact."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import list_backups, open_database
from iclei_desktop.core.seed import apply_seed, load_seed

PREVIOUS = "0004"  # the schema of the release before migration 0005


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order; not Alembic's nor the search index's.

    The search index is derived from the records and refilled by the app on open.
    """
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
                " AND name NOT LIKE 'search_index%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def _revision(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        ((revision,),) = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        return str(revision)
    finally:
        connection.close()


def _previous_release_catalogue(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """A catalogue as the previous release made it on first start: at 0004, seeded."""
    database = open_database(
        path, revision=PREVIOUS, initialize=partial(apply_seed, data=load_seed())
    )
    database.engine.dispose()
    return _rows(path)


def test_a_previous_release_catalogue_is_backed_up_then_upgraded_keeping_every_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "catalogue.sqlite"
    before = _previous_release_catalogue(path)
    assert _revision(path) == PREVIOUS
    assert len(before["event"]) == 40 and len(before["program"]) > 20

    catalogue = Catalogue.open(path)
    try:
        current, head = catalogue.schema_revisions()
        found = catalogue.search("Chengdu")
        counts = catalogue.counts()
        backup = catalogue.backup
    finally:
        catalogue.close()

    assert current == head == "0005"
    assert not catalogue.created
    # The backup was taken before the upgrade: it is the old schema with the old rows.
    assert backup is not None and list_backups(path) == [backup]
    assert _revision(backup) == PREVIOUS
    assert _rows(backup) == before
    after = _rows(path)
    for table, rows in before.items():
        assert after[table] == rows, table
    assert set(after) - set(before) == {"merge_base", "publication_file"}
    assert after["merge_base"] == after["publication_file"] == []
    assert (counts.events, counts.programs) == (40, len(before["program"]))
    assert any("Chengdu" in hit.title for hit in found)  # the search index was filled


def test_opening_the_upgraded_catalogue_again_takes_no_second_backup(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite"
    _previous_release_catalogue(path)
    Catalogue.open(path).close()
    upgraded = _rows(path)

    again = Catalogue.open(path)
    again.close()

    assert again.backup is None
    assert len(list_backups(path)) == 1
    assert _rows(path) == upgraded
