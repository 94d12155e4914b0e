"""Helpers for the bundle tests: two laptops' catalogues from one seed, edits made as a person
would make them on another laptop (straight into the catalogue file), snapshots."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.paths import files_folder

TABLES = (
    "pathway",
    "program",
    "event",
    "local_government",
    "person",
    "governance_seat",
    "organization",
    "publication",
    "figure",
    "publication_file",
)


def laptop(seeded: bytes, path: Path) -> Catalogue:
    """A catalogue at ``path`` seeded a day ago, as a colleague's laptop was."""
    path.write_bytes(seeded)
    with connect(path) as connection:
        for table in TABLES:
            rows = connection.execute(f"SELECT id, created_at, updated_at FROM {table}").fetchall()
            connection.executemany(
                f"UPDATE {table} SET created_at = ?, updated_at = ? WHERE id = ?",
                [(_day_before(c), _day_before(u), row_id) for row_id, c, u in rows],
            )
    return Catalogue.open(path)


def _day_before(stamp: str) -> str:
    return (datetime.fromisoformat(stamp) - timedelta(days=1)).isoformat(sep=" ")


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def now() -> str:
    return datetime.now().isoformat(sep=" ")


def edit(catalogue: Catalogue, table: str, uid: str, **values: Any) -> None:
    """Change a record as a form would: its fields, and ``updated_at`` to now."""
    values.setdefault("updated_at", now())
    columns = ", ".join(f"{name} = ?" for name in values)
    with connect(catalogue.path) as connection:
        changed = connection.execute(
            f"UPDATE {table} SET {columns} WHERE uid = ?", [*values.values(), uid]
        ).rowcount
    assert changed == 1, (table, uid)


def add(catalogue: Catalogue, table: str, **values: Any) -> int:
    """Add a record as a form would; return its id."""
    values.setdefault("created_at", now())
    values.setdefault("updated_at", values["created_at"])
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    with connect(catalogue.path) as connection:
        cursor = connection.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def remove(catalogue: Catalogue, table: str, uid: str) -> None:
    with connect(catalogue.path) as connection:
        assert connection.execute(f"DELETE FROM {table} WHERE uid = ?", [uid]).rowcount == 1


def record_id(catalogue: Catalogue, table: str, uid: str) -> int:
    with connect(catalogue.path) as connection:
        (found,) = connection.execute(f"SELECT id FROM {table} WHERE uid = ?", [uid]).fetchone()
    return int(found)


def attach_file(catalogue: Catalogue, publication: str, name: str, data: bytes) -> dict[str, Any]:
    """Give a publication a file, as the publication form does: a row and the stored file."""
    stored = f"{publication}/{name}"
    target = files_folder(catalogue.path) / stored
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    entry = {
        "uid": f"file-{publication}-{name}",
        "name": name,
        "stored_name": stored,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    add(
        catalogue,
        "publication_file",
        publication_id=record_id(catalogue, "publication", publication),
        position=0,
        **entry,
    )
    edit(catalogue, "publication", publication)  # saving the form marks the publication edited
    return entry


def snapshot(catalogue: Catalogue) -> dict[str, Any]:
    """The whole catalogue as JSON data, without the moment it was exported."""
    document = json.loads(catalogue.export_json())
    document.pop("exported_at")
    return document


def records(catalogue: Catalogue, section: str) -> dict[str, dict[str, Any]]:
    return {record["uid"]: record for record in snapshot(catalogue)[section]}


def bases(catalogue: Catalogue) -> dict[str, str]:
    """Each record's newest version agreed (merge_base keeps every version seen)."""
    with connect(catalogue.path) as connection:
        return dict(
            connection.execute(
                "SELECT uid, digest FROM merge_base WHERE agreed ORDER BY rowid"
            ).fetchall()
        )


def later() -> str:
    """A moment well after any seed made in a test: an edit, for the first-exchange rule."""
    return (datetime.now() + timedelta(days=1)).isoformat(sep=" ")
