"""Open a catalogue file: locate it, check it, back it up, migrate it, hand out sessions."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .errors import DatabaseError
from .search import INDEX_TEXT_FUNCTION, index_text

log = logging.getLogger(__name__)

APP_NAME = "ICLEI Desktop"
APP_AUTHOR = "ICLEI"
DATABASE_ENV = "ICLEI_DESKTOP_DATABASE"
DATABASE_FILENAME = "catalogue.sqlite"
BACKUPS_KEPT = 5
SQLITE_HEADER = b"SQLite format 3\x00"


def bundled_path(name: str) -> Path:
    """Return the folder ``database`` or ``resources`` wherever this install keeps it.

    A PyInstaller bundle unpacks them under ``sys._MEIPASS``; a wheel carries them in
    ``iclei_desktop/_bundled``; a source checkout has them at the top of the repository.
    """
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", ".")) / name
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundled" / name
    return installed if installed.is_dir() else package.parent / name


def default_database_path() -> Path:
    """Return the catalogue in the user's data folder (e.g. ~/.local/share/ICLEI Desktop)."""
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR) / DATABASE_FILENAME


def choose_database_path(
    explicit: str | None, environ: Mapping[str, str] = os.environ
) -> tuple[Path, bool]:
    """Return the catalogue to open and whether the user named it.

    ``--database`` wins over ``ICLEI_DESKTOP_DATABASE``, which wins over the default.
    """
    chosen = explicit or environ.get(DATABASE_ENV) or None
    if chosen:
        return Path(chosen).expanduser(), True
    return default_database_path(), False


def check_database_file(path: Path, *, explicit: bool) -> bool:
    """Refuse a path that is not a usable catalogue file; return True if it must be created.

    Nothing here writes to an existing file, so a file we refuse is left exactly as it was.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a catalogue file")
    if not path.exists():
        if not path.parent.is_dir():
            if explicit:
                raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
            path.parent.mkdir(parents=True, exist_ok=True)
        return True
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"cannot read {path}: {error.strerror}") from error
    if not header:
        raise DatabaseError(f"{path} is an empty file, not an ICLEI Desktop catalogue")
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not an SQLite database")
    return False


def register_functions(dbapi_connection: sqlite3.Connection) -> None:
    """Add the SQL functions the catalogue's search index is written with."""
    dbapi_connection.create_function(INDEX_TEXT_FUNCTION, 1, index_text, deterministic=True)


def include_name(name: str | None, type_: str, _parent_names: Mapping[str, str | None]) -> bool:
    """Tell Alembic's model comparison to skip the search index, which no model declares.

    FTS5 makes the ``search_index`` table and its shadow tables ``search_index_*``.
    """
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    register_functions(dbapi_connection)
    # Python's sqlite3 opens no transaction before DDL, so a migration would commit statement
    # by statement; take over transaction control and emit BEGIN ourselves (see _on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """Return an engine on ``path``: foreign keys on, WAL, and real transactions for DDL too."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def alembic_config() -> Config:
    """Return the Alembic configuration, built in code so no alembic.ini is needed."""
    config = Config()
    config.set_main_option("script_location", str(bundled_path("database") / "migrations"))
    return config


def head_revision() -> str:
    """Return the newest migration this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision an open catalogue is at, or None before the first migration."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def read_revision(path: Path) -> str | None:
    """Return the revision of the catalogue at ``path`` without writing to it.

    Opening read-only matters: an engine would switch the file to WAL, and a file we go on to
    refuse must stay byte for byte as it was. Raises DatabaseError for a file that is damaged
    or holds something other than a catalogue, or a catalogue from a newer app.
    """
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" in tables:
                rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            else:
                rows = []
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} cannot be opened: {error}") from error
    revision = rows[0][0] if rows else None
    if revision is None and tables - {"alembic_version"}:
        raise DatabaseError(f"{path} is an SQLite database but not an ICLEI Desktop catalogue")
    known = {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }
    if revision is not None and revision not in known:
        raise DatabaseError(
            f"{path} was written by a newer version of ICLEI Desktop (schema {revision})"
        )
    return revision


def backup_database(path: Path, now: datetime | None = None) -> Path:
    """Copy ``path`` beside itself with SQLite's backup API and keep the newest few copies."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    for old in list_backups(path)[BACKUPS_KEPT:]:
        old.unlink()
    log.info("backed up %s to %s", path, target)
    return target


def list_backups(path: Path) -> list[Path]:
    """Return the backups of ``path``, newest first."""
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"), reverse=True)


@contextmanager
def migration_transaction(engine: Engine, path: Path) -> Iterator[Connection]:
    """Yield a connection in one transaction, with foreign keys off until links are checked.

    A batch migration rebuilds a table by dropping it, which with foreign keys on would
    cascade into the rows that point at it. The pragma only takes effect outside a
    transaction, so it is set on the raw connection; the links are checked before commit.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise DatabaseError(
                        f"{path} could not be upgraded: {len(broken)} links would point at "
                        "missing records; nothing was changed"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def migrate(engine: Engine, path: Path, known: str | None, revision: str = "head") -> Path | None:
    """Upgrade the catalogue from ``known`` to ``revision``, backing up a non-empty file first.

    Returns the backup made, if any.
    """
    scripts = ScriptDirectory.from_config(alembic_config())
    target = scripts.get_current_head() if revision == "head" else revision
    if known == target:
        return None
    backup = backup_database(path) if known is not None else None
    config = alembic_config()
    with migration_transaction(engine, path) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return backup


@dataclass(frozen=True)
class Database:
    """An open catalogue: its file, engine and the one session factory of the process."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    created: bool
    backup: Path | None


def open_database(path: Path, *, explicit: bool = True, revision: str = "head") -> Database:
    """Check, create if missing, back up and migrate the catalogue at ``path``."""
    created = check_database_file(path, explicit=explicit)
    known = None if created else read_revision(path)
    engine = make_engine(path)
    try:
        backup = migrate(engine, path, known, revision)
    except Exception as error:
        engine.dispose()
        # SQLAlchemy wraps the driver's error; unwrap it for a plain message.
        original = getattr(error, "orig", error)
        if isinstance(original, sqlite3.OperationalError | sqlite3.DatabaseError):
            raise DatabaseError(f"{path} cannot be opened: {original}") from error
        raise
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), created, backup)
