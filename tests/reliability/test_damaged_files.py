"""Damaged and odd catalogue files are refused with a message naming them, and left alone.

Every case opens a file as the app does (``Catalogue.open``) and expects a DatabaseError
(never another exception, never a hang) whose message names the file and says what is
wrong, with the file's bytes unchanged. The damage is made from a real seeded catalogue:
cut short at many lengths, a byte flipped at every header field SQLite relies on and in
pages spread through the file, whole pages zeroed, random garbage; then files that are
sound but cannot be used: read-only, in a read-only folder, locked by another process,
beside a journal that belongs to another file, and the rest.

Header fields SQLite rewrites or never reads for structure (change counter, schema cookie,
cache size, user version, application id, version numbers: bytes 24-27, 40-43, 48-51,
60-63, 68-71, 92-99) are left out: flipping one damages nothing. So is user data inside a
record: SQLite keeps no checksums, so no check can tell a changed letter from an edit.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import DatabaseError
from tests.reliability.conftest import Figures

PAGE = 4096
DAMAGED = "is damaged ("
AS_ROOT = getattr(os, "geteuid", lambda: -1)() == 0


@dataclass
class Scene:
    """Where a case builds its file, from what, and what it must undo afterwards."""

    folder: Path
    good: bytes
    stack: ExitStack
    monkeypatch: pytest.MonkeyPatch

    def write(self, content: bytes, name: str = "catalogue.sqlite") -> Path:
        path = self.folder / name
        path.write_bytes(content)
        return path


Make = Callable[[Scene], Path]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a sound catalogue, created and seeded as on first start."""
    path = tmp_path_factory.mktemp("good") / "catalogue.sqlite"
    Catalogue.open(path).close()
    content = path.read_bytes()
    assert len(content) % PAGE == 0 and len(content) // PAGE > 50
    return content


# --- ways to damage a sound file ------------------------------------------------------------


def cut(length: int | Callable[[int], int]) -> Make:
    def make(scene: Scene) -> Path:
        at = length(len(scene.good)) if callable(length) else length
        assert 0 < at < len(scene.good)
        return scene.write(scene.good[:at])

    return make


def flipped(position: int | Callable[[int], int]) -> Make:
    def make(scene: Scene) -> Path:
        at = position(len(scene.good)) if callable(position) else position
        content = bytearray(scene.good)
        content[at] ^= 0xFF
        return scene.write(bytes(content))

    return make


def in_page(share: float, offset: int = 0) -> Callable[[int], int]:
    """The byte ``offset`` into the page found ``share`` of the way through the file."""

    def position(size: int) -> int:
        page = 1 + round(share * (size // PAGE - 2))  # 0-based, never page 1 (the header)
        return page * PAGE + offset

    return position


def zeroed_page(share: float) -> Make:
    def make(scene: Scene) -> Path:
        start = in_page(share)(len(scene.good))
        content = scene.good[:start] + bytes(PAGE) + scene.good[start + PAGE :]
        return scene.write(content)

    return make


def garbage(size: int, keep_header: bool = False) -> Make:
    def make(scene: Scene) -> Path:
        noise = random.Random(size).randbytes(size)
        return scene.write(scene.good[:100] + noise if keep_header else noise)

    return make


def page_size_of(size: int) -> Make:
    def make(scene: Scene) -> Path:
        content = bytearray(scene.good)
        content[16:18] = (1 if size == 65536 else size).to_bytes(2, "big")
        return scene.write(bytes(content))

    return make


def empty(scene: Scene) -> Path:
    return scene.write(b"")


def folder(scene: Scene) -> Path:
    path = scene.folder / "catalogue.sqlite"
    path.mkdir()
    (path / "inside.txt").write_text("keep")
    return path


def missing_folder(scene: Scene) -> Path:
    return scene.folder / "missing" / "catalogue.sqlite"


def other_application(scene: Scene) -> Path:
    path = scene.folder / "notes.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()
    return path


def newer_catalogue(scene: Scene) -> Path:
    path = scene.write(scene.good)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return path


def _deny_writing(scene: Scene, denied: Path) -> None:
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(path)).resolve() == denied.resolve():
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    scene.monkeypatch.setattr(os, "access", access)


def read_only_file(scene: Scene) -> Path:
    """A read-only file as the OS reports it (patched: as root every file is writable)."""
    path = scene.write(scene.good)
    _deny_writing(scene, path)
    return path


def read_only_folder(scene: Scene) -> Path:
    """A writable file in a folder where SQLite could not create its -wal and -shm."""
    path = scene.write(scene.good)
    _deny_writing(scene, scene.folder)
    return path


def chmod_read_only_file(scene: Scene) -> Path:
    path = scene.write(scene.good)
    path.chmod(0o444)
    scene.stack.callback(path.chmod, 0o644)
    return path


def chmod_read_only_folder(scene: Scene) -> Path:
    path = scene.write(scene.good)
    scene.folder.chmod(0o555)
    scene.stack.callback(scene.folder.chmod, 0o755)
    return path


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
connection.close()
"""


def locked(journal_mode: str) -> Make:
    """A catalogue another process holds in BEGIN EXCLUSIVE for as long as the case runs."""

    def make(scene: Scene) -> Path:
        path = scene.write(scene.good)
        if journal_mode != "wal":
            connection = sqlite3.connect(path)
            connection.execute(f"PRAGMA journal_mode={journal_mode}")
            connection.close()
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

        def release() -> None:
            assert locker.stdin is not None and locker.stdout is not None
            locker.stdin.close()
            locker.wait(10)
            locker.stdout.close()

        scene.stack.callback(release)
        assert locker.stdout is not None and locker.stdout.readline() == "locked\n"
        return path

    return make


def _foreign_wal(folder: Path, page_size: int) -> bytes:
    """Return the -wal, holding committed frames, of another WAL database."""
    other = folder / "other.sqlite"
    connection = sqlite3.connect(other, isolation_level=None)
    connection.execute(f"PRAGMA page_size={page_size}")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('not yours')")
    wal = Path(f"{other}-wal").read_bytes()  # copied while open, as after a crash
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{other}{suffix}").unlink(missing_ok=True)
    assert len(wal) > 32
    return wal


def orphan_wal_beside_rollback_file(scene: Scene) -> Path:
    """Another file's -wal beside a catalogue in rollback mode (as a restored backup is)."""
    path = scene.write(scene.good)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    Path(f"{path}-wal").write_bytes(_foreign_wal(scene.folder, PAGE))
    return path


def foreign_wal_of_another_page_size(scene: Scene) -> Path:
    path = scene.write(scene.good)
    Path(f"{path}-wal").write_bytes(_foreign_wal(scene.folder, 1024))
    return path


def orphan_rollback_journal(scene: Scene) -> Path:
    """A hot -journal (magic and garbage) beside a catalogue in WAL mode."""
    path = scene.write(scene.good)
    journal = bytes.fromhex("d9d505f920a163d7") + random.Random(1).randbytes(PAGE)
    Path(f"{path}-journal").write_bytes(journal)
    return path


# --- the cases ------------------------------------------------------------------------------

HEADER_FIELDS = [
    *range(0, 24),  # magic, page size, format versions, reserved space, payload fractions
    *range(28, 40),  # size in pages, freelist
    *range(44, 48),  # schema format
    *range(52, 60),  # auto-vacuum root, text encoding
    *range(64, 68),  # incremental vacuum
    *range(72, 92),  # reserved, must be zero
    *range(100, 108),  # the first page's b-tree header
]
CUTS = [1, 8, 15, 16, 17, 50, 99, 100, 101, 512, 1000, 1024, 2048, 4095, 4096, 4097, 8192]
SHARES = [i / 20 for i in range(1, 20)]

CASES: list[object] = [
    pytest.param(empty, "is an empty file", id="zero bytes"),
    *(pytest.param(cut(at), "", id=f"cut at {at}") for at in CUTS),
    *(
        pytest.param(
            cut(lambda size, s=s: round(s * size / PAGE) * PAGE), DAMAGED, id=f"cut at page {s:.0%}"
        )
        for s in SHARES
    ),
    *(
        pytest.param(
            cut(lambda size, s=s: round(s * size) + 123), DAMAGED, id=f"cut mid-page {s:.0%}"
        )
        for s in SHARES[::2]
    ),
    pytest.param(cut(lambda size: size - 1), DAMAGED, id="cut 1 byte short"),
    pytest.param(cut(lambda size: size - PAGE), DAMAGED, id="cut 1 page short"),
    *(pytest.param(flipped(at), "", id=f"header byte {at} flipped") for at in HEADER_FIELDS),
    *(
        pytest.param(flipped(in_page(s)), DAMAGED, id=f"page type flipped {s:.0%} in")
        for s in SHARES
    ),
    *(
        pytest.param(flipped(in_page(s, 4)), DAMAGED, id=f"cell count flipped {s:.0%} in")
        for s in SHARES[::2]
    ),
    *(pytest.param(zeroed_page(s), DAMAGED, id=f"page zeroed {s:.0%} in") for s in SHARES[::2]),
    pytest.param(garbage(1), "is not an SQLite database", id="1 byte of garbage"),
    pytest.param(garbage(100), "is not an SQLite database", id="100 bytes of garbage"),
    pytest.param(garbage(100_000), "is not an SQLite database", id="100 kB of garbage"),
    pytest.param(garbage(8 * PAGE, keep_header=True), DAMAGED, id="a header then garbage"),
    pytest.param(page_size_of(1024), DAMAGED, id="header says 1024-byte pages"),
    pytest.param(page_size_of(8192), DAMAGED, id="header says 8192-byte pages"),
    pytest.param(page_size_of(65536), DAMAGED, id="header says 65536-byte pages"),
    pytest.param(page_size_of(1000), DAMAGED, id="header says 1000-byte pages"),
    pytest.param(folder, "is a folder, not a catalogue file", id="a folder"),
    pytest.param(missing_folder, "does not exist", id="in a missing folder"),
    pytest.param(
        other_application,
        "is an SQLite database but not an ICLEI Desktop catalogue",
        id="another app's file",
    ),
    pytest.param(newer_catalogue, "written by a newer version", id="from a newer app"),
    pytest.param(read_only_file, "is read-only;", id="read-only file"),
    pytest.param(read_only_folder, "is in the read-only folder", id="read-only folder"),
    pytest.param(
        chmod_read_only_file,
        "is read-only;",
        id="read-only file (chmod)",
        marks=pytest.mark.skipif(AS_ROOT, reason="root may write any file"),
    ),
    pytest.param(
        chmod_read_only_folder,
        "is in the read-only folder",
        id="read-only folder (chmod)",
        marks=pytest.mark.skipif(AS_ROOT, reason="root may write in any folder"),
    ),
    pytest.param(locked("wal"), "is in use by another program", id="locked, WAL mode"),
    pytest.param(locked("delete"), "is in use by another program", id="locked, rollback mode"),
    pytest.param(
        orphan_wal_beside_rollback_file,
        "has a leftover journal file catalogue.sqlite-wal that does not belong to it",
        id="another file's -wal",
    ),
    pytest.param(
        foreign_wal_of_another_page_size,
        "has a leftover journal file catalogue.sqlite-wal that does not belong to it",
        id="a -wal of another page size",
    ),
    pytest.param(
        orphan_rollback_journal,
        "has a leftover journal file catalogue.sqlite-journal that does not belong to it",
        id="a -journal beside a WAL file",
    ),
]


def fingerprint(path: Path) -> object:
    """The sha256 of the file and of any journal beside it, or a folder's listing."""
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return {
        suffix: hashlib.sha256(Path(f"{path}{suffix}").read_bytes()).hexdigest()
        for suffix in ("", "-wal", "-journal")
        if Path(f"{path}{suffix}").is_file()
        and (suffix == "" or Path(f"{path}{suffix}").stat().st_size)
    }


def open_within(path: Path, seconds: float) -> BaseException | None:
    """Open ``path`` as the app does; return what it raised, failing if it takes too long."""
    raised: list[BaseException] = []

    def attempt() -> None:
        try:
            Catalogue.open(path).close()
        except BaseException as error:  # handed to the test, which judges it
            raised.append(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"opening {path} hung"
    return raised[0] if raised else None


@pytest.fixture
def scene(tmp_path: Path, good: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[Scene]:
    with ExitStack() as stack:
        yield Scene(tmp_path, good, stack, monkeypatch)


def test_there_are_over_a_hundred_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize(("make", "expected"), CASES)
def test_a_damaged_or_odd_file_is_refused_by_name_and_left_alone(
    scene: Scene, make: Make, expected: str, figures: Figures
) -> None:
    section = "damaged or odd database files"
    figures.add(section, "cases")
    path = make(scene)
    before = fingerprint(path) if path.exists() else None
    started = time.monotonic()
    error = open_within(path, seconds=15)
    elapsed = time.monotonic() - started
    assert isinstance(error, DatabaseError), f"expected a DatabaseError, got {error!r}"
    message = str(error)
    assert str(path) in message
    assert expected in message
    if DAMAGED in message:
        assert message.endswith("; restore it from a backup")
    assert elapsed < 5, f"took {elapsed:.1f} s"
    if before is None:
        assert not path.exists() and not path.parent.exists()
    else:
        assert fingerprint(path) == before
    figures.add(section, "refused with their specific message")
    figures.add(section, "original bytes unchanged (sha256) or nothing made")


def test_plain_sqlite_would_read_another_files_wal_into_the_catalogue(scene: Scene) -> None:
    """Why the journal check matters: SQLite replays a -wal without asking whose it is."""
    path = orphan_wal_beside_rollback_file(scene)
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert "notes" in tables and "event" not in tables
