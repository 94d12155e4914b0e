"""A full disk: saves, imports and exports fail whole, say so, and work once there is room.

Three ways to run out of room, each on a real catalogue file:

- ``ulimit -f`` (RLIMIT_FSIZE) in a child process that ignores SIGXFSZ, so writes past the
  limit fail with EFBIG, as on a disk that takes no more (``disk_full_worker.py``): a save,
  an edit and an import whose journal cannot grow, and an import with no room even for the
  backup it takes first; then exports over earlier exports.
- ``PRAGMA max_page_count`` held at the catalogue's size on every connection the catalogue
  takes from its pool: SQLite's own "database or disk is full" (SQLITE_FULL).
- Exports to a full device, ``/dev/full`` (ENOSPC): first to a node of our own made with
  ``mknod`` (1, 7), and only once that is left a device, to the real one.

Each failure must be a UserError whose message names the file and says it is full or cannot
grow; nothing of the failed work may be saved and no temporary file may be left; the
catalogue must pass ``PRAGMA integrity_check``; an earlier export must stay byte for byte;
and after room is made ("space freed") the same Catalogue object must save again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import DatabaseError, ExportError
from tests.reliability.conftest import Figures
from tests.reliability.disk_full_worker import (
    BACKUP_LIMIT,
    EXPORT_LIMIT,
    TITLE,
    draft,
    source,
    titles,
)

SECTION = "disk full"
ROOT = Path(__file__).resolve().parents[2]
WORKER = "tests.reliability.disk_full_worker"
PAGE = 4096
FULL = (1, 7)  # the major and minor numbers of /dev/full on Linux


@pytest.fixture
def database(tmp_path: Path, seeded_bytes: bytes) -> Path:
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    return path


def test_saves_and_imports_that_cannot_grow_the_file_fail_whole_and_say_so(
    database: Path, figures: Figures
) -> None:
    report = run_worker("saves", database)
    limit = report["limit"]
    cannot_grow = (
        f"cannot save to {database}: the file cannot grow past {limit:,} bytes, the largest "
        "this system allows; nothing was saved; make room and try again"
    )
    for case in ("create", "update", "import"):
        assert_refused(report[case], "DatabaseError", cannot_grow)
    assert_refused(
        report["import, no room for its backup"],
        "DatabaseError",
        f"cannot back up {database}: the file cannot grow past {BACKUP_LIMIT:,} bytes, the "
        "largest this system allows",
    )
    assert report["unchanged while full"]
    assert not [name for name in report["folder while full"] if name.endswith(".tmp")]
    for case in ("create after", "update after", "import after"):
        assert report[case] == {"ok": True}, case
    assert report["titles after"] == [
        f"{TITLE}saved after",
        f"{TITLE}updated after",
        *(f"{TITLE}while-full {i}" for i in range(3)),
    ]
    corrupted = not integrity_ok(database)
    figures.add(SECTION, "cases", 4)
    figures.add(SECTION, "databases corrupted", corrupted)
    figures.add(SECTION, "saves after space freed", 3)
    assert not corrupted


def test_a_catalogue_at_its_page_limit_refuses_saves_and_imports_whole(
    database: Path, tmp_path: Path, figures: Figures
) -> None:
    catalogue = Catalogue.open(database)
    try:
        uid = catalogue.create_event(draft("saved before"))
        before = titles(catalogue)
        pages, free_pages = pragmas(database, "page_count", "freelist_count")
        # Text larger than the free pages, so that saving it needs pages past the limit.
        note = "No room. " * ((free_pages + 4) * PAGE // 9)
        count = free_pages // 4 + 3  # events of about 5 pages each
        full_source = source(tmp_path, "while-full", count)
        with page_limit(pages) as limit:
            saves: dict[str, Callable[[], object]] = {
                "create": lambda: catalogue.create_event(draft("never saved", note)),
                "update": lambda: catalogue.update_event(uid, draft("never updated", note)),
                "import": lambda: catalogue.import_calendar(full_source),
            }
            for case, save in saves.items():
                with pytest.raises(DatabaseError) as refused:
                    save()
                assert str(refused.value) == (
                    f"cannot save to {database}: the disk is full; nothing was saved; "
                    "make room and try again"
                ), case
            assert titles(catalogue) == before
            limit[0] = 2**30  # space freed: the next connection taken from the pool may grow
            catalogue.create_event(draft("saved after", note))
            catalogue.update_event(uid, draft("updated after", note))
            catalogue.import_calendar(full_source)
        assert titles(catalogue) == [
            f"{TITLE}saved after",
            f"{TITLE}updated after",
            *(f"{TITLE}while-full {i}" for i in range(count)),
        ]
    finally:
        catalogue.close()
    corrupted = not integrity_ok(database)
    figures.add(SECTION, "cases", 3)
    figures.add(SECTION, "databases corrupted", corrupted)
    figures.add(SECTION, "saves after space freed", 3)
    assert not corrupted
    assert not list(tmp_path.glob(".*.tmp*"))


def test_exports_that_cannot_be_written_leave_the_earlier_export_whole(
    database: Path, tmp_path: Path, figures: Figures
) -> None:
    earlier = {
        "calendar": tmp_path / "events.ics",
        "json": tmp_path / "catalogue.json",
    }
    for name, target in earlier.items():
        target.write_bytes(f"the earlier {name} export, to be kept\n".encode() * 50)
    digests = {name: sha256(target) for name, target in earlier.items()}
    report = run_worker("exports", database)
    partial = 0
    for name, target in earlier.items():
        assert_refused(
            report[name],
            "ExportError",
            f"cannot write {target}: the file would grow past {EXPORT_LIMIT:,} bytes, the "
            "largest this system allows",
        )
        partial += report[f"{name} target"] != digests[name]
    leftovers = [n for n in report["folder while full"] if n.startswith(".")]
    partial += len(leftovers)
    assert report["calendar after"] == report["json after"] == {"ok": True}
    assert report["calendar size after"] > EXPORT_LIMIT < report["json size after"]
    figures.add(SECTION, "cases", 2)
    figures.add(SECTION, "partial export files", partial)
    figures.add(SECTION, "saves after space freed", 2)
    assert partial == 0, leftovers


def test_exports_to_a_full_device_fail_and_leave_the_device_alone(
    database: Path, tmp_path: Path, figures: Figures
) -> None:
    catalogue = Catalogue.open(database)
    try:
        # Our own /dev/full first: were it replaced by a file, the real one must not be tried.
        own = tmp_path / "devices" / "full"
        own.parent.mkdir()
        try:
            os.mknod(own, 0o666 | stat.S_IFCHR, os.makedev(*FULL))
        except PermissionError:
            pytest.skip("making a device node needs root (CAP_MKNOD)")
        partial = export_to_full_device(catalogue, own)
        assert partial == 0
        assert os.listdir(own.parent) == ["full"]
        real = Path("/dev/full")
        if not is_full_device(real):
            pytest.skip("this system has no /dev/full")
        partial += export_to_full_device(catalogue, real)
    finally:
        catalogue.close()
    figures.add(SECTION, "cases", 4)
    figures.add(SECTION, "partial export files", partial)
    assert partial == 0


def export_to_full_device(catalogue: Catalogue, device: Path) -> int:
    """Export both ways to ``device``; return how many files were left beside it or in its place.

    Only names holding the device's are compared: other programs may add to /dev meanwhile.
    """
    assert is_full_device(device)
    before = beside(device)
    for export in (catalogue.export_calendar, catalogue.export_json_to):
        with pytest.raises(ExportError) as refused:
            export(device)
        assert str(refused.value) == f"cannot write {device}: the disk is full"
    replaced = not is_full_device(device)
    return replaced + len(beside(device) - before)


def beside(device: Path) -> set[str]:
    return {name for name in os.listdir(device.parent) if device.name in name}


def is_full_device(path: Path) -> bool:
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    return stat.S_ISCHR(status.st_mode) and status.st_rdev == os.makedev(*FULL)


@contextmanager
def page_limit(pages: int) -> Iterator[list[int]]:
    """Hold every pooled connection to ``limit[0]`` pages while in the block.

    Set as a connection leaves the pool, so raising ``limit[0]`` frees space for the next
    call of the same Catalogue, as freeing disk space would.
    """
    limit = [pages]

    def on_checkout(dbapi_connection: Any, _record: object, _proxy: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit[0]}")

    event.listen(Pool, "checkout", on_checkout)
    try:
        yield limit
    finally:
        event.remove(Pool, "checkout", on_checkout)


def run_worker(scenario: str, database: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", WORKER, scenario, str(database), str(database.parent)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def assert_refused(outcome: dict[str, Any], error: str, message: str) -> None:
    assert outcome == {"ok": False, "error": error, "user_error": True, "message": message}


def integrity_ok(path: Path) -> bool:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def pragmas(path: Path, *names: str) -> list[int]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [int(connection.execute(f"PRAGMA {name}").fetchone()[0]) for name in names]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
