"""Open a catalogue file: locate it, check it, back it up, migrate it, hand out sessions."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from . import quick_check
from .errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
)
from .files import describe_os_error, file_size_limit, sync_folder
from .paths import APP_AUTHOR as APP_AUTHOR
from .paths import APP_NAME as APP_NAME
from .paths import DATABASE_ENV as DATABASE_ENV
from .paths import DATABASE_FILENAME as DATABASE_FILENAME
from .paths import bundled_path as bundled_path
from .paths import choose_database_path as choose_database_path
from .paths import default_database_path as default_database_path
from .search import INDEX_TEXT_FUNCTION, index_text

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest migration (tests/database/test_migrations.py holds it to Alembic's head): a
# catalogue already there opens without loading Alembic, a third of a second of start-up.
HEAD_REVISION = "0005"
BACKUPS_KEPT = 5
BACKUP_INTERVAL = timedelta(hours=24)
# A temporary copy this much older than any copy takes was left by a process that was killed.
STALE_TEMPORARY = timedelta(minutes=10)
# How long to wait for another program's lock before saying the file is in use.
BUSY_TIMEOUT = 2.0
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_HEADER_SIZE = 32
WAL_MAGIC = (0x377F0682, 0x377F0683)
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# Below this much free space a failed write is put down to a full disk.
FULL_DISK_BYTES = 1024 * 1024


def check_database_file(path: Path, *, explicit: bool) -> bool:
    """Refuse a path that is not a usable catalogue file; return True if it must be created.

    Nothing here writes to an existing file, so a file we refuse is left exactly as it was.
    Besides the kind of file, this reads its header (page size, format, length) and the
    journal files beside it, and checks that the file and its folder can be written.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a catalogue file")
    if not path.exists():
        if not path.parent.is_dir():
            if explicit:
                raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
            path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"cannot create {path}: folder {path.parent} is read-only")
        return True
    header = _read_header(path)
    problem = _header_problem(header, path.stat().st_size, journaled=_journaled(path))
    if problem is not None:
        raise DatabaseDamagedError(_damaged(path, problem))
    _check_journals(path, header)
    if not os.access(path, os.W_OK):
        raise DatabaseReadOnlyError(
            f"{path} is read-only; make it writable, or copy it to a folder of your own "
            "and open the copy"
        )
    if not os.access(path.parent, os.W_OK):
        raise DatabaseReadOnlyError(
            f"{path} is in the read-only folder {path.parent}, where SQLite cannot keep its "
            "journal; move it to a folder you can write to"
        )
    return False


def check_integrity(path: Path) -> None:
    """Raise DatabaseDamagedError if SQLite's quick check finds damage in ``path``.

    Reads only. SQLite opens a slightly damaged file without complaint and fails later, in
    the middle of some unrelated action; checking on open says so at once.
    """
    started = quick_check.outcome(path)  # begun at start-up, alongside the imports
    if started is None:
        with _reading(path) as connection:
            problem = _quick_check(connection)
    else:
        problem, error = started
        if error is not None:
            raise _database_error(path, error) from error
    if problem is not None:
        raise DatabaseDamagedError(_damaged(path, problem))


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


def _on_connect_without_checkpoints(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


def make_engine(path: Path, *, checkpoints: bool = True) -> Engine:
    """Return an engine on ``path``: foreign keys on, WAL, and real transactions for DDL too.

    Without ``checkpoints`` a commit never copies the -wal into the file (SQLite's automatic
    checkpoint, in the committing thread); a ``Checkpointer`` must then do it.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT})
    event.listen(engine, "connect", _on_connect)
    if not checkpoints:
        event.listen(engine, "connect", _on_connect_without_checkpoints)
    event.listen(engine, "begin", _on_begin)
    return engine


class Checkpointer:
    """Copies the -wal of a catalogue into its file on a thread of its own, after saves.

    SQLite's automatic checkpoint runs in whichever thread commits, the interface's: once
    the -wal holds a thousand pages (every hundred edits or so), one save would also copy
    them all into the file and sync it, some tens of milliseconds. Here a save only wakes
    this thread, which waits ``DELAY`` seconds, so that a burst of saves costs one
    checkpoint, and then runs a passive one: it never blocks a reader or a writer, and
    copies only what no reader still needs. Committed saves are in the synced -wal already,
    so a checkpoint, or a kill in the middle of one, changes nothing that a save promised.
    A checkpoint that fails (a full disk) is tried again after the next save, and closing
    the last connection checkpoints whatever is left.
    """

    DELAY = 0.5

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"checkpoint {path.name}", daemon=True
        )
        self._thread.start()
        self._wake.set()  # what opening (a migration, a new seed) left in the -wal

    def saved(self) -> None:
        """Say that a save has committed: checkpoint soon."""
        self._wake.set()

    def stop(self) -> None:
        """Finish any checkpoint under way and end the thread."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping.wait(self.DELAY):
                return
            self._wake.clear()
            # stop() may have set both flags just before the clear: it must not be lost.
            if self._stopping.is_set():
                return
            self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            # mode=rw: never create the file, should it have gone
            uri = f"{self.path.resolve().as_uri()}?mode=rw"
            connection = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)
            try:
                connection.execute("PRAGMA synchronous=FULL")
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                connection.close()
        except sqlite3.Error as error:
            log.warning(
                "could not checkpoint %s, will try after the next save: %s", self.path, error
            )


def alembic_config() -> Config:
    """Return the Alembic configuration, built in code so no alembic.ini is needed."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(bundled_path("database") / "migrations"))
    return config


def head_revision() -> str:
    """Return the newest migration this version of the app knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision an open catalogue is at, or None before the first migration."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def read_revision(path: Path) -> str | None:
    """Return the revision of the catalogue at ``path`` without writing to it.

    Opening read-only matters: an engine would switch the file to WAL, and a file we go on to
    refuse must stay byte for byte as it was. Raises DatabaseError for a file that is damaged
    or holds something other than a catalogue, or a catalogue from a newer app.
    """
    with _reading(path) as connection:
        revision, other_tables = _recorded_revision(connection)
    if revision is None and other_tables:
        raise DatabaseError(f"{path} is an SQLite database but not an ICLEI Desktop catalogue")
    if revision is not None and revision != HEAD_REVISION and revision not in _known_revisions():
        raise DatabaseError(
            f"{path} was written by a newer version of ICLEI Desktop (schema {revision})"
        )
    return revision


# --- backups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """A backup of a catalogue: its file, when it was taken and its size in bytes."""

    path: Path
    taken_at: datetime
    size: int


def backup_database(path: Path, now: datetime | None = None, *, keep: Path | None = None) -> Path:
    """Copy ``path`` beside itself, check the copy, keep the newest few copies; return it.

    The copy is made with SQLite's backup API in a temporary file beside ``path``, must pass
    ``PRAGMA quick_check``, and only then is renamed to
    ``<stem>.backup-YYYYMMDD-HHMMSS<suffix>`` (``…-HHMMSS-2<suffix>`` and on for a second
    backup within the same second). A failed copy or check raises DatabaseError and leaves
    no temporary file. Only the newest BACKUPS_KEPT backups are kept; neither this one (older
    than the rest if the clock was put back) nor ``keep`` (a backup being restored) is
    removed.
    """
    target = _free_name(path, "backup", now)
    temporary = _temporary_beside(target)
    try:
        _copy_database(path, temporary)
        problem = _check_copy(temporary)
        if problem is not None:
            raise DatabaseError(f"cannot back up {path}: the copy failed its check ({problem})")
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as error:
        raise DatabaseError(f"cannot back up {path}: {_reason(error)}") from error
    finally:
        _remove_with_journals(temporary)
    sync_folder(path.parent)
    spared = {target.resolve(), *([keep.resolve()] if keep is not None else [])}
    for old in list_backups(path)[BACKUPS_KEPT:]:
        if old.resolve() not in spared:
            old.unlink(missing_ok=True)
    log.info("backed up %s to %s", path, target)
    return target


@contextmanager
def backup_alongside(path: Path) -> Iterator[Callable[[], Path]]:
    """Copy and check ``path`` on a thread while the caller reads a file to import.

    Yields ``keep``: it waits for the copy (raising its DatabaseError, as ``backup_database``
    does) and only then puts it in place as the newest backup and removes the oldest. Leaving
    without calling it (a file refused, an import cancelled) removes the copy: a refused
    import takes no backup. The copy reads the catalogue in SQLite's C code, so it costs the
    import little more than the longer of the two.
    """
    target = _free_name(path, "backup", None)
    temporary = _temporary_beside(target)
    failure: list[BaseException] = []

    def copy() -> None:
        try:
            _copy_database(path, temporary)
            problem = _check_copy(temporary)
            if problem is not None:
                failure.append(
                    DatabaseError(f"cannot back up {path}: the copy failed its check ({problem})")
                )
        except (sqlite3.Error, OSError) as error:
            failure.append(DatabaseError(f"cannot back up {path}: {_reason(error)}"))

    thread = threading.Thread(target=copy, name=f"backup {path.name}", daemon=True)
    thread.start()

    def keep() -> Path:
        thread.join()
        if failure:
            raise failure[0]
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise DatabaseError(f"cannot back up {path}: {_reason(error)}") from error
        sync_folder(path.parent)
        for old in list_backups(path)[BACKUPS_KEPT:]:
            if old.resolve() != target.resolve():
                old.unlink(missing_ok=True)
        log.info("backed up %s to %s", path, target)
        return target

    try:
        yield keep
    finally:
        thread.join()
        _remove_with_journals(temporary)


def list_backups(path: Path) -> list[Path]:
    """Return the backups of ``path``, newest first."""
    return [info for _key, info in _backups(path)]


def backup_infos(path: Path) -> list[BackupInfo]:
    """Return the backups of ``path`` with when each was taken and its size, newest first."""
    infos = []
    for (stamp, _count), backup in _backups(path):
        with contextlib.suppress(OSError):  # removed meanwhile
            size = backup.stat().st_size
            infos.append(BackupInfo(backup, datetime.strptime(stamp, STAMP_FORMAT), size))
    return infos


def backup_if_due(path: Path, now: datetime | None = None) -> Path | None:
    """Back up ``path`` if its newest backup is BACKUP_INTERVAL old or more; return the copy.

    A newest backup stamped in the future (the clock was put back) does not count as recent.
    """
    now = now or datetime.now()
    infos = backup_infos(path)
    if infos and timedelta(0) <= now - infos[0].taken_at < BACKUP_INTERVAL:
        return None
    return backup_database(path, now)


def restore_backup(
    database_path: Path, backup_path: Path, now: datetime | None = None
) -> Path | None:
    """Put the backup ``backup_path`` in the place of the catalogue at ``database_path``.

    Call it with the catalogue closed. The backup is checked first and copied to a temporary
    file beside the catalogue; the current file is backed up (or, too damaged for that, kept
    byte for byte as ``<stem>.damaged-…``) so the restore can be undone; its ``-wal`` and
    ``-shm`` are folded in or removed, so the restored file is never read with another
    file's journal; and one rename puts the copy in place. Returns where the replaced file
    was kept, if there was one.

    Raises DatabaseError, having changed nothing, for a backup that is missing, not a backup
    of this catalogue, damaged, or from a newer app, and while another program has the
    catalogue open.
    """
    _check_backup(database_path, backup_path)
    temporary = _temporary_beside(database_path)
    try:
        try:
            _copy_database(backup_path, temporary)
        except (sqlite3.Error, OSError) as error:
            raise DatabaseError(f"{backup_path} cannot be restored: {_reason(error)}") from error
        problem = _check_copy(temporary)
        if problem is not None:
            raise DatabaseError(
                f"{backup_path} cannot be restored: its copy failed its check ({problem})"
            )
        kept = _set_aside(database_path, now, keep=backup_path)
        try:
            for suffix in JOURNAL_SUFFIXES:
                Path(f"{database_path}{suffix}").unlink(missing_ok=True)
            os.replace(temporary, database_path)
        except OSError as error:
            kept_as = f"; the catalogue it was to replace is kept as {kept}" if kept else ""
            raise DatabaseError(
                f"{backup_path} cannot be restored: {_reason(error)}{kept_as}"
            ) from error
    finally:
        _remove_with_journals(temporary)
    sync_folder(database_path.parent)
    log.info(
        "restored %s from %s, keeping the replaced file as %s", database_path, backup_path, kept
    )
    return kept


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary copies a killed backup, restore or first start left beside ``path``.

    They are hidden (``.catalogue.backup-20250101-120000.sqlite.1a2b3c4d5e6f.tmp``, with any
    ``-journal``) and each as large as the catalogue, so they would take that room for good.
    Only those older than STALE_TEMPORARY go: a younger one may be another process's copy in
    progress, such as a calendar import from the command line as the window starts. Returns
    what was removed.
    """
    pattern = re.compile(
        rf"\.(?:{re.escape(path.name)}|{_backup_pattern(path).pattern})"
        rf"\.[0-9a-f]{{12}}\.tmp(?:{'|'.join(JOURNAL_SUFFIXES)})?"
    )
    stale_before = datetime.now().timestamp() - STALE_TEMPORARY.total_seconds()
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            with contextlib.suppress(OSError):
                if pattern.fullmatch(entry.name) and entry.stat().st_mtime < stale_before:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    if removed:
        log.info("removed %d temporary files left beside %s", len(removed), path)
    return removed


# --- migrations ------------------------------------------------------------------------


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

    Nothing is migrated without a backup that passed its check. Returns the backup made, if
    any.
    """
    target = HEAD_REVISION if revision == "head" else revision
    if known == target:
        return None
    from alembic import command

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
    read_only: bool = False
    checkpointer: Checkpointer | None = None

    def saved(self) -> None:
        """Say that a save has committed, so that its pages reach the file soon."""
        if self.checkpointer is not None:
            self.checkpointer.saved()


def open_database(
    path: Path,
    *,
    explicit: bool = True,
    revision: str = "head",
    initialize: Callable[[Session], None] | None = None,
) -> Database:
    """Check, create if missing, back up and migrate the catalogue at ``path``.

    An existing file is checked (header, journals, SQLite's quick check, another program's
    lock) before anything writes to it. A new catalogue is built in a temporary file beside
    ``path`` (migrated, then filled by ``initialize`` in one transaction) and renamed into
    place only when complete, so neither a failure nor a crash leaves a half-made catalogue
    for the next start to find.
    """
    created = check_database_file(path, explicit=explicit)
    known = None
    if not created:
        known = read_revision(path)
        check_integrity(path)
        _check_not_locked(path)
        remove_leftovers(path)
    engine: Engine | None = None
    try:
        if created:
            _build(path, revision, initialize)
        engine = make_engine(path, checkpoints=False)
        backup = None if created else migrate(engine, path, known, revision)
    except Exception as error:
        if engine is not None:
            engine.dispose()
        # SQLAlchemy wraps the driver's error; unwrap it for a plain message.
        original = getattr(error, "orig", error)
        if isinstance(original, sqlite3.Error):
            raise _database_error(path, original) from error
        raise
    checkpointer = Checkpointer(path)
    # Disposing of the engine (closing the catalogue) ends the checkpoints, after any under way.
    event.listen(engine, "engine_disposed", lambda _engine: checkpointer.stop())
    return Database(
        path,
        engine,
        sessionmaker(engine, expire_on_commit=False),
        created,
        backup,
        checkpointer=checkpointer,
    )


# --- helpers ---------------------------------------------------------------------------


def _damaged(path: Path, problem: str) -> str:
    return f"{path} cannot be opened: it is damaged ({problem}); restore it from a backup"


def _database_error(path: Path, error: sqlite3.Error) -> DatabaseError:
    """Turn SQLite's error on ``path`` into a DatabaseError that names it."""
    code = _primary_code(error)
    if code == sqlite3.SQLITE_BUSY:
        return DatabaseLockedError(
            f"{path} is in use by another program, which has locked it; close that program "
            "or wait for it to finish, and try again"
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DatabaseDamagedError(_damaged(path, str(error)))
    return DatabaseError(f"{path} cannot be opened: {error}")


@contextmanager
def user_errors(path: Path, *, writing: bool) -> Iterator[None]:
    """Raise SQLite's errors in the block about ``path`` as ``use_error`` words them.

    Other errors, which are bugs, pass unchanged.
    """
    try:
        yield
    except (DBAPIError, sqlite3.Error) as error:
        original = error.orig if isinstance(error, DBAPIError) else error
        problem = use_error(path, original, writing=writing)
        if problem is None:
            raise
        log.warning("%s: %s", problem, original)
        raise problem from error


def use_error(path: Path, error: BaseException | None, *, writing: bool) -> DatabaseError | None:
    """Turn SQLite's error while reading or saving ``path`` into a DatabaseError, or None.

    The failures the user can do something about (a full disk, a file that cannot grow,
    another program's lock, a file made read-only, damaged or moved away) become messages
    that name the catalogue and say that nothing was saved: SQLite has rolled the
    transaction back. Any other error (None) is a bug.
    """
    if not isinstance(error, sqlite3.Error):
        return None
    code = _primary_code(error)
    verb = "save to" if writing else "read"
    unsaved = "; nothing was saved" if writing else ""
    no_room = _no_room(error, path.parent)
    if no_room is not None:
        return DatabaseError(f"cannot {verb} {path}: {no_room}{unsaved}; make room and try again")
    if code == sqlite3.SQLITE_IOERR:
        return DatabaseError(f"cannot {verb} {path}: the disk reported an error ({error}){unsaved}")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseLockedError(
            f"{path} is in use by another program, which has locked it{unsaved}; close that "
            "program or wait for it to finish, and try again"
        )
    if code == sqlite3.SQLITE_READONLY:
        return DatabaseReadOnlyError(
            f"cannot {verb} {path}: it has become read-only ({error}){unsaved}"
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DatabaseDamagedError(f"{path} is damaged ({error}); restore it from a backup")
    if code == sqlite3.SQLITE_CANTOPEN:
        return DatabaseError(
            f"cannot {verb} {path}: the file cannot be opened any more ({error}); "
            f"was it moved, or its folder removed?{unsaved}"
        )
    return None


def _primary_code(error: sqlite3.Error) -> int:
    return getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one


def _no_room(error: sqlite3.Error, folder: Path | None = None) -> str | None:
    """Say why SQLite could not write for want of room, or None if that was not the reason.

    A full disk is SQLITE_FULL. A file at the size limit of ``ulimit -f`` (EFBIG), or a disk
    full while a write was under way, is a plain write error (SQLITE_IOERR_WRITE), told apart
    by the limit and by the free space left in ``folder``.
    """
    code = getattr(error, "sqlite_errorcode", 0)
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return "the disk is full"
    if code not in (sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_TRUNCATE):
        return None
    limit = file_size_limit()
    if limit is not None:
        return f"the file cannot grow past {limit:,} bytes, the largest this system allows"
    with contextlib.suppress(OSError):
        if folder is not None and shutil.disk_usage(folder).free < FULL_DISK_BYTES:
            return "the disk is full"
    return None


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as error:
        raise DatabaseError(f"cannot read {path}: {error.strerror}") from error
    if not header:
        raise DatabaseError(f"{path} is an empty file, not an ICLEI Desktop catalogue")
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not an SQLite database")
    return header


def _number(header: bytes, start: int, size: int = 4) -> int:
    return int.from_bytes(header[start : start + size], "big")


def _page_size(header: bytes) -> int:
    raw = _number(header, 16, 2)
    return 65536 if raw == 1 else raw


def _header_problem(header: bytes, size: int, *, journaled: bool) -> str | None:
    """Return what is wrong with an SQLite file's 100-byte header and length, or None.

    These are the header fields (https://sqlite.org/fileformat.html) that SQLite either
    refuses or silently misreads; the rest (counters, cache size, user version) may hold
    anything. Lengths are only compared when no journal could still complete the file.
    """
    if len(header) < HEADER_SIZE:
        return f"it ends after {size} bytes, inside its header"
    page_size = _page_size(header)
    if not 512 <= page_size <= 65536 or page_size & (page_size - 1):
        return f"its header gives an impossible page size of {page_size} bytes"
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return "its header names an unknown file format version"
    if page_size - header[20] < 480:
        return f"its header reserves {header[20]} bytes of each page"
    if header[21:24] != b"\x40\x20\x20":
        return "its header gives the wrong payload fractions"
    if not 1 <= _number(header, 44) <= 4:
        return f"its header names an unknown schema format {_number(header, 44)}"
    if _number(header, 56) > 3:
        return f"its header names an unknown text encoding {_number(header, 56)}"
    if any(header[72:92]):
        return "its header's reserved bytes are not zero"
    if size % page_size:
        return f"its length, {size} bytes, is not a whole number of {page_size}-byte pages"
    pages = _number(header, 28)
    pages_valid = pages > 0 and header[24:28] == header[92:96]
    if pages_valid and not journaled and size < pages * page_size:
        return f"it ends after page {size // page_size} of {pages}"
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _journaled(path: Path) -> bool:
    """Whether a journal beside ``path`` may still hold part of it (after a crash)."""
    return _size(Path(f"{path}-wal")) > WAL_HEADER_SIZE or _size(Path(f"{path}-journal")) > 0


def _check_journals(path: Path, header: bytes) -> None:
    """Refuse a journal file beside ``path`` that cannot be its own.

    On opening, SQLite replays any ``-wal`` beside a file (and rolls back any hot
    ``-journal``) without asking whose it is; another file's journal would scramble this one.
    A ``-wal`` with frames belongs to a file in WAL mode with the same page size, and a
    ``-journal`` to a file in rollback mode. (A ``-wal`` left by another WAL file with the
    same page size cannot be told apart: SQLite's formats do not record whose it is.)
    """
    wal_mode = header[18] == 2 and header[19] == 2
    wal = Path(f"{path}-wal")
    if _size(wal) > WAL_HEADER_SIZE:
        try:
            with wal.open("rb") as handle:
                wal_header = handle.read(WAL_HEADER_SIZE)
        except OSError as error:
            raise DatabaseError(f"cannot read {wal}: {error.strerror}") from error
        foreign_size = _number(wal_header, 0) in WAL_MAGIC and _number(wal_header, 8) != _page_size(
            header
        )
        if not wal_mode or foreign_size:
            raise DatabaseError(_orphan(path, wal))
    journal = Path(f"{path}-journal")
    if wal_mode and _size(journal) > 0:
        raise DatabaseError(_orphan(path, journal))


def _orphan(path: Path, journal: Path) -> str:
    return (
        f"{path} has a leftover journal file {journal.name} that does not belong to it; "
        "restore from a backup or remove it"
    )


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """Yield a read-only connection to ``path``; SQLite's errors become DatabaseErrors."""
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT
        )
        try:
            yield connection
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise _database_error(path, error) from error


_quick_check = quick_check.quick_check


def _check_copy(path: Path) -> str | None:
    """Return what SQLite's quick check finds wrong with the file at ``path``, or None."""
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT
        )
        try:
            return _quick_check(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)


def _recorded_revision(connection: sqlite3.Connection) -> tuple[str | None, bool]:
    """Return the revision an open file records and whether it holds any other table."""
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    rows = []
    if "alembic_version" in tables:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    revision = str(rows[0][0]) if rows else None
    return revision, bool(tables - {"alembic_version"})


def known_revisions() -> set[str]:
    """Return every migration this version of the app knows (a newer file has others)."""
    return _known_revisions()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def _check_not_locked(path: Path) -> None:
    """Raise DatabaseLockedError, after BUSY_TIMEOUT, while another program writes ``path``.

    In WAL mode a writer does not stop readers, so only trying to write tells; the
    transaction is rolled back at once and writes nothing.
    """
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise _database_error(path, error) from error


def _build(path: Path, revision: str, initialize: Callable[[Session], None] | None) -> None:
    """Make a new catalogue at ``path`` in a temporary file, renamed there when complete."""
    temporary = _temporary_beside(path)
    engine = make_engine(temporary)
    try:
        migrate(engine, path, None, revision)
        if initialize is not None:
            with Session(engine) as session, session.begin():
                initialize(session)
        engine.dispose()
        _fold_journal(temporary)
        os.replace(temporary, path)
    except BaseException:
        engine.dispose()
        _remove_with_journals(temporary)
        raise
    sync_folder(path.parent)


def _fold_journal(path: Path) -> None:
    """Checkpoint ``path``'s -wal into it so that the file alone holds everything."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()  # the last connection to close removes the -wal
    if Path(f"{path}-wal").exists():
        raise DatabaseError(f"cannot create {path}: its journal could not be folded in")


def _copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite file ``source`` to the new file ``target`` with SQLite's backup API.

    The copy is in rollback-journal mode: one self-contained file, with no ``-wal`` to lose
    or mix up when it is copied about.
    """
    # Read-write, though it only reads: on a WAL file a read-only connection leaves an empty
    # -wal and -shm behind, which the last read-write connection to close removes.
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT)
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            reader.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    finally:
        reader.close()


def _backup_pattern(path: Path, kind: str = "backup") -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(path.stem)}\.{kind}-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<count>\d+))?"
        rf"{re.escape(path.suffix)}"
    )


def _backups(path: Path) -> list[tuple[tuple[str, int], Path]]:
    """Return the backups of ``path`` with their (stamp, count) keys, newest first."""
    pattern = _backup_pattern(path)
    try:
        names = [entry.name for entry in path.parent.iterdir()]
    except OSError:
        return []
    found = []
    for name in names:
        match = pattern.fullmatch(name)
        if match is not None:
            key = (match["stamp"], int(match["count"] or 1))
            found.append((key, path.with_name(name)))
    return sorted(found, reverse=True)


def _free_name(path: Path, kind: str, now: datetime | None) -> Path:
    """Return ``<stem>.<kind>-YYYYMMDD-HHMMSS[-n]<suffix>`` beside ``path``, newest of its second.

    A second copy within the same second gets ``-2``, and so on: always one more than the
    highest taken, so a name freed by rotation is never reused for a copy that would then
    sort as the oldest.
    """
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    pattern = _backup_pattern(path, kind)
    try:
        names = [entry.name for entry in path.parent.iterdir()]
    except OSError:
        names = []
    taken = [
        int(match["count"] or 1)
        for match in map(pattern.fullmatch, names)
        if match is not None and match["stamp"] == stamp
    ]
    count = max(taken, default=0) + 1
    tail = stamp if count == 1 else f"{stamp}-{count}"
    return path.with_name(f"{path.stem}.{kind}-{tail}{path.suffix}")


def _temporary_beside(path: Path) -> Path:
    """Return an unused hidden name beside ``path`` for a file to be renamed to ``path``."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", *JOURNAL_SUFFIXES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _reason(error: sqlite3.Error | OSError) -> str:
    """Say in plain words why a copy could not be written or read."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    return _no_room(error) or str(error)


def _check_backup(database_path: Path, backup_path: Path) -> None:
    """Refuse a backup that is missing, another file's, damaged or from a newer app."""

    def refuse(reason: str) -> DatabaseError:
        return DatabaseError(f"{backup_path} cannot be restored: {reason}")

    if not backup_path.exists():
        raise refuse("it does not exist")
    if not _backup_pattern(database_path).fullmatch(backup_path.name) or not backup_path.is_file():
        raise refuse(f"it is not a backup of {database_path}")
    try:
        header = _read_header(backup_path)
    except DatabaseError as error:
        raise refuse("it is not an ICLEI Desktop catalogue") from error
    problem = _header_problem(header, backup_path.stat().st_size, journaled=False)
    if problem is None:
        problem = _check_copy(backup_path)
    if problem is not None:
        raise refuse(f"it is damaged ({problem})")
    try:
        with _reading(backup_path) as connection:
            revision, _other_tables = _recorded_revision(connection)
    except DatabaseError as error:
        raise refuse("it cannot be read") from error
    if revision is None:
        raise refuse("it is not an ICLEI Desktop catalogue")
    if revision not in _known_revisions():
        raise refuse(f"it was written by a newer version of ICLEI Desktop (schema {revision})")


def _set_aside(path: Path, now: datetime | None, *, keep: Path) -> Path | None:
    """Keep the catalogue about to be replaced, so a restore can be undone; return where.

    A sound file gets a checked backup like any other. One too damaged for that (or with
    another file's journal beside it) is copied byte for byte, with its journals, to
    ``<stem>.damaged-YYYYMMDD-HHMMSS<suffix>``, which no rotation removes.
    """
    if not path.exists() or _size(path) == 0:
        return None
    try:
        header = _read_header(path)
        sound = _header_problem(header, _size(path), journaled=_journaled(path)) is None
        _check_journals(path, header)
    except DatabaseError:
        sound = False
    # Checked read-only first: folding a journal into a damaged file would change it.
    sound = sound and _check_copy(path) is None
    if sound:
        _release_journal(path)
        try:
            return backup_database(path, now, keep=keep)
        except DatabaseError as error:
            log.warning("keeping %s byte for byte instead: %s", path, error)
    target = _free_name(path, "damaged", now)
    try:
        for suffix in ("", "-wal", "-journal"):
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{target}{suffix}")
    except OSError as error:
        _remove_with_journals(target)
        raise DatabaseError(
            f"cannot keep a copy of {path} before replacing it: {_reason(error)}; "
            "nothing was restored"
        ) from error
    return target


def _release_journal(path: Path) -> None:
    """Fold ``path``'s -wal into it and leave WAL mode; refuse while another program has it.

    Leaving WAL mode needs the file to itself, so this is also the test that nobody else
    has it open. A file too damaged for it is kept byte for byte instead (see _set_aside).
    """
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY:
            raise DatabaseLockedError(
                f"{path} is open in another program or window; close it there and try again"
            ) from error
        log.warning("could not fold the journal of %s into it: %s", path, error)


# --- reading a file that cannot be written ------------------------------------------------


def open_read_only(path: Path) -> Database:
    """Open the catalogue at ``path`` for reading only, e.g. one on a read-only share.

    The same checks as ``open_database`` run first, and nothing is ever written to the file:
    a file at an older revision is refused, since upgrading it would need writing.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a catalogue file")
    if not path.exists():
        raise DatabaseError(f"{path} cannot be opened read-only: there is no such file")
    header = _read_header(path)
    problem = _header_problem(header, path.stat().st_size, journaled=_journaled(path))
    if problem is not None:
        raise DatabaseDamagedError(_damaged(path, problem))
    _check_journals(path, header)
    check_integrity(path)
    known = read_revision(path)
    if known != head_revision():
        raise DatabaseError(
            f"{path} was made by an earlier version of ICLEI Desktop and must be upgraded "
            "before it can be read, which needs a copy you can write to"
        )
    # Without a writable folder SQLite cannot keep the WAL index beside the file, so the file
    # is read as immutable: nobody else can be writing it there either.
    flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
    uri = f"{path.resolve().as_uri()}?{flags}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), False, None, True)


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    register_functions(dbapi_connection)
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA query_only=ON")
