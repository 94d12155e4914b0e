"""SQLite's quick check of a catalogue, which can start before the rest of the app is loaded.

The check reads the whole file (0.6 s at 150 MB) in SQLite's C code, which lets other
threads run; the start-up imports (SQLAlchemy, Alembic, the window's code: most of a cold
start) hold the interpreter. Started first and waited for where the check is needed, the
two take the time of the longer instead of their sum. Imports nothing but the standard
library, so that it can start before them.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

BUSY_TIMEOUT = 2.0  # as db.BUSY_TIMEOUT


def quick_check(connection: sqlite3.Connection) -> str | None:
    """Return the first problem ``PRAGMA quick_check`` reports, or None if all is well."""
    rows = connection.execute("PRAGMA quick_check").fetchall()
    if rows == [("ok",)]:
        return None
    lines = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    first = lines[0] if lines else "quick_check failed"
    return first if len(first) <= 120 else f"{first[:117]}..."


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)


def _signature(path: Path) -> tuple[int, ...] | None:
    """What would change if anyone wrote to ``path`` or its -wal meanwhile."""
    try:
        main = path.stat()
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal").st_size
    except OSError:
        wal = -1
    return (main.st_ino, main.st_size, main.st_mtime_ns, wal)


@dataclass
class _Check:
    signature: tuple[int, ...]
    thread: threading.Thread | None = None
    problem: str | None = None
    error: sqlite3.Error | None = None
    done: bool = field(default=False)


_started: dict[Path, _Check] = {}


def start(path: Path) -> None:
    """Begin checking ``path`` in a thread; ``outcome`` waits for the verdict."""
    signature = _signature(path)
    if signature is None:
        return
    check = _Check(signature)

    def run() -> None:
        try:
            connection = connect_read_only(path)
            try:
                check.problem = quick_check(connection)
            finally:
                connection.close()
        except sqlite3.Error as error:
            check.error = error
        check.done = True

    check.thread = threading.Thread(target=run, name=f"quick check {path.name}", daemon=True)
    _started[path.resolve()] = check
    check.thread.start()


def outcome(path: Path) -> tuple[str | None, sqlite3.Error | None] | None:
    """The (problem, error) of the check ``start`` began on ``path``, waiting for it.

    None when no check was started, or when the file changed since it began (its verdict
    may then be stale): the caller checks again itself.
    """
    check = _started.pop(path.resolve(), None)
    if check is None or check.thread is None:
        return None
    check.thread.join()
    if not check.done or _signature(path) != check.signature:
        return None
    return check.problem, check.error
