"""SQLite's failures while saving reach the user as DatabaseErrors; bugs stay bugs."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from iclei_desktop.core import db
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.errors import DatabaseLockedError

DRAFT = EventDraft(
    title="Saved once the lock is gone", start_date=date(2022, 3, 1), end_date=date(2022, 3, 1)
)


def test_a_save_while_another_program_writes_says_so_and_saves_nothing(
    catalogue: Catalogue,
) -> None:
    with closing(sqlite3.connect(catalogue.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
        with pytest.raises(DatabaseLockedError) as refused:
            catalogue.create_event(DRAFT)
        other.execute("ROLLBACK")
    assert str(refused.value) == (
        f"{catalogue.path} is in use by another program, which has locked it; nothing was "
        "saved; close that program or wait for it to finish, and try again"
    )
    assert DRAFT.title not in {row.title for row in catalogue.events()}
    catalogue.create_event(DRAFT)  # the same Catalogue saves once the other lets go
    assert DRAFT.title in {row.title for row in catalogue.events()}


def test_an_error_that_is_a_bug_passes_unchanged(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "scratch.sqlite")) as connection:
        connection.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        with pytest.raises(sqlite3.IntegrityError), db.user_errors(tmp_path, writing=True):
            connection.execute("INSERT INTO t VALUES (NULL)")
