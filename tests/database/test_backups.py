"""Backups: checked before they count, never overwritten, rotated; restores that can be undone."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from iclei_desktop.core import db
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import (
    BACKUPS_KEPT,
    backup_alongside,
    backup_database,
    backup_if_due,
    backup_infos,
    list_backups,
    open_database,
    read_revision,
    restore_backup,
)
from iclei_desktop.core.errors import DatabaseError

ICAL_DATA = Path(__file__).parent.parent / "data" / "ical"
NOON = datetime(2021, 3, 4, 12, 0, 0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def titles(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT title FROM event ORDER BY title")]
    finally:
        connection.close()


def execute(path: Path, statement: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def damage(path: Path) -> None:
    """Flip the type byte of a leaf page of the event table: SQLite's quick check sees it.

    A table's leaf, not any page: damage to the schema or a free page shows differently.
    """
    connection = sqlite3.connect(path)
    (page,) = connection.execute(
        "SELECT max(pageno) FROM dbstat WHERE name = 'event' AND pagetype = 'leaf'"
    ).fetchone()
    (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    content = bytearray(path.read_bytes())
    content[(page - 1) * size] ^= 0xFF
    path.write_bytes(bytes(content))


@pytest.fixture
def catalogue_file(tmp_path: Path, seeded_bytes: bytes) -> Path:
    """A seeded catalogue file, closed."""
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    return path


# --- taking backups -----------------------------------------------------------------------


def test_a_backup_is_a_checked_self_contained_copy_named_by_the_time(catalogue_file: Path) -> None:
    backup = backup_database(catalogue_file, NOON)
    assert backup.name == "catalogue.backup-20210304-120000.sqlite"
    assert names(catalogue_file.parent) == [backup.name, "catalogue.sqlite"]  # no temporary file
    assert titles(backup) == titles(catalogue_file)
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # rollback mode: no -wal to go astray
    connection = sqlite3.connect(backup)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()


def test_backups_within_one_second_do_not_overwrite_each_other(catalogue_file: Path) -> None:
    made = [backup_database(catalogue_file, NOON) for _ in range(BACKUPS_KEPT + 7)]
    assert len(set(made)) == len(made)
    assert [p.name for p in made[:3]] == [
        "catalogue.backup-20210304-120000.sqlite",
        "catalogue.backup-20210304-120000-2.sqlite",
        "catalogue.backup-20210304-120000-3.sqlite",
    ]
    # Newest first, counting 10 after 9, and only the newest few kept.
    assert list_backups(catalogue_file) == made[::-1][:BACKUPS_KEPT]
    later = backup_database(catalogue_file, NOON + timedelta(seconds=1))
    assert list_backups(catalogue_file)[0] == later


def test_backup_infos_give_the_time_and_size_newest_first(catalogue_file: Path) -> None:
    backup_database(catalogue_file, NOON)
    backup_database(catalogue_file, NOON + timedelta(days=1))
    infos = backup_infos(catalogue_file)
    assert [info.taken_at for info in infos] == [NOON + timedelta(days=1), NOON]
    assert all(info.size == info.path.stat().st_size > 0 for info in infos)


def test_a_copy_that_fails_its_check_is_no_backup(catalogue_file: Path) -> None:
    damage(catalogue_file)  # the backup API copies pages as they are: the damage comes along
    before = names(catalogue_file.parent)
    with pytest.raises(
        DatabaseError, match=r"cannot back up .*catalogue\.sqlite: the copy failed its check \("
    ):
        backup_database(catalogue_file, NOON)
    assert names(catalogue_file.parent) == before


def test_a_copy_that_fails_is_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    with pytest.raises(DatabaseError, match=r"cannot back up .*catalogue\.sqlite: "):
        backup_database(path, NOON)
    assert names(tmp_path) == ["catalogue.sqlite"]


def test_no_migration_without_a_good_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    open_database(path, revision="0001").engine.dispose()
    content = sha256(path)

    def failing_backup(database: Path, now: datetime | None = None, **_: object) -> Path:
        raise DatabaseError(f"cannot back up {database}: No space left on device")

    monkeypatch.setattr(db, "backup_database", failing_backup)
    with pytest.raises(DatabaseError, match="No space left on device"):
        open_database(path)
    assert read_revision(path) == "0001"
    assert sha256(path) == content


def test_a_calendar_import_is_backed_up_first_and_a_preview_is_not(catalogue_file: Path) -> None:
    catalogue = Catalogue.open(catalogue_file)
    try:
        catalogue.preview_calendar_import(ICAL_DATA / "google.ics")
        assert catalogue.backups() == []
        before = titles(catalogue.path)
        catalogue.import_calendar(ICAL_DATA / "google.ics")
        (backup,) = catalogue.backups()
        assert titles(backup.path) == before != titles(catalogue.path)
    finally:
        catalogue.close()


def test_a_bad_calendar_file_takes_no_backup(catalogue_file: Path) -> None:
    catalogue = Catalogue.open(catalogue_file)
    try:
        with pytest.raises(Exception, match="not-icalendar"):
            catalogue.import_calendar(ICAL_DATA / "not-icalendar.ics")
        assert catalogue.backups() == []
    finally:
        catalogue.close()


def test_a_backup_is_due_once_a_day(catalogue_file: Path) -> None:
    first = backup_if_due(catalogue_file, NOON)
    assert first is not None
    assert backup_if_due(catalogue_file, NOON + timedelta(hours=23, minutes=59)) is None
    second = backup_if_due(catalogue_file, NOON + timedelta(hours=24))
    assert second is not None and list_backups(catalogue_file) == [second, first]
    # A clock put back makes the newest backup look like the future: take one anyway.
    assert backup_if_due(catalogue_file, NOON - timedelta(days=3)) is not None


def test_the_catalogue_backs_itself_up_when_due(catalogue_file: Path) -> None:
    catalogue = Catalogue.open(catalogue_file)
    try:
        taken = catalogue.backup_if_due(NOON)
        assert taken is not None and catalogue.backup_if_due(NOON + timedelta(hours=1)) is None
        assert [info.path for info in catalogue.backups()] == [taken]
    finally:
        catalogue.close()


# --- restoring ----------------------------------------------------------------------------


def test_a_restore_brings_the_backup_back_and_can_be_undone(catalogue_file: Path) -> None:
    backup = backup_database(catalogue_file, NOON)
    original = titles(catalogue_file)
    execute(catalogue_file, "DELETE FROM event WHERE id % 2 = 0")
    edited = titles(catalogue_file)
    assert edited != original

    kept = restore_backup(catalogue_file, backup, NOON + timedelta(hours=1))
    assert titles(catalogue_file) == original
    assert kept is not None and titles(kept) == edited
    assert backup.exists()

    restore_backup(catalogue_file, kept, NOON + timedelta(hours=2))  # undo
    assert titles(catalogue_file) == edited


def test_a_restore_never_pairs_the_backup_with_the_old_files_wal(
    tmp_path: Path, seeded_bytes: bytes
) -> None:
    # A crash image: the catalogue with a -wal holding a committed change not yet folded in.
    live = tmp_path / "live" / "catalogue.sqlite"
    live.parent.mkdir()
    live.write_bytes(seeded_bytes)
    backup = backup_database(live, NOON)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("DELETE FROM event")
    path = tmp_path / "catalogue.sqlite"
    for suffix in ("", "-wal"):
        Path(f"{path}{suffix}").write_bytes(Path(f"{live}{suffix}").read_bytes())
    writer.close()
    copied = tmp_path / backup.name
    copied.write_bytes(backup.read_bytes())
    assert Path(f"{path}-wal").stat().st_size > 32

    kept = restore_backup(path, copied, NOON + timedelta(hours=1))
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert titles(path) == titles(copied) != []
    assert kept is not None and titles(kept) == []  # the replaced file with its -wal's change


def test_a_damaged_catalogue_is_kept_byte_for_byte_when_restored_over(catalogue_file: Path) -> None:
    backup = backup_database(catalogue_file, NOON)
    damage(catalogue_file)
    damaged = sha256(catalogue_file)
    with pytest.raises(DatabaseError, match="is damaged"):
        Catalogue.open(catalogue_file)

    kept = restore_backup(catalogue_file, backup, NOON + timedelta(hours=1))
    assert kept is not None and kept.name == "catalogue.damaged-20210304-130000.sqlite"
    assert sha256(kept) == damaged
    assert kept not in list_backups(catalogue_file)
    Catalogue.open(catalogue_file).close()


def test_a_backup_can_be_restored_where_the_catalogue_was_deleted(catalogue_file: Path) -> None:
    backup = backup_database(catalogue_file, NOON)
    catalogue_file.unlink()
    assert restore_backup(catalogue_file, backup) is None
    assert titles(catalogue_file) == titles(backup)
    assert [p for p in catalogue_file.parent.iterdir() if p.name.startswith(".")] == []


def test_the_backup_being_restored_is_never_rotated_away(catalogue_file: Path) -> None:
    made = [backup_database(catalogue_file, NOON + timedelta(days=d)) for d in range(BACKUPS_KEPT)]
    oldest = made[0]
    restore_backup(catalogue_file, oldest, NOON + timedelta(days=30))
    assert oldest.exists()


def test_catalogue_restore_reopens_the_restored_file(catalogue_file: Path) -> None:
    catalogue = Catalogue.open(catalogue_file)
    backup = backup_database(catalogue_file, NOON)
    count = catalogue.counts().events
    execute(catalogue_file, "DELETE FROM event")
    catalogue.close()
    restored = Catalogue.restore(catalogue_file, backup)
    try:
        assert restored.counts().events == count
        assert len(restored.backups()) == 2  # the one restored and the one of the replaced file
    finally:
        restored.close()


def _another_files_backup(tmp_path: Path, catalogue_file: Path) -> Path:
    backup = backup_database(catalogue_file, NOON)
    return backup.rename(tmp_path / "other.backup-20210304-120000.sqlite")


def _missing(tmp_path: Path, catalogue_file: Path) -> Path:
    return tmp_path / "catalogue.backup-20200101-000000.sqlite"


def _damaged_backup(tmp_path: Path, catalogue_file: Path) -> Path:
    backup = backup_database(catalogue_file, NOON)
    damage(backup)
    return backup


def _newer_backup(tmp_path: Path, catalogue_file: Path) -> Path:
    backup = backup_database(catalogue_file, NOON)
    execute(backup, "UPDATE alembic_version SET version_num = '9999'")
    return backup


def _not_a_catalogue(tmp_path: Path, catalogue_file: Path) -> Path:
    backup = tmp_path / "catalogue.backup-20210304-120000.sqlite"
    execute(backup, "CREATE TABLE notes (body TEXT)")
    return backup


def _garbage(tmp_path: Path, catalogue_file: Path) -> Path:
    backup = tmp_path / "catalogue.backup-20210304-120000.sqlite"
    backup.write_bytes(b"not a database at all")
    return backup


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(_missing, "it does not exist", id="missing"),
        pytest.param(_another_files_backup, "it is not a backup of ", id="another file's"),
        pytest.param(_damaged_backup, r"it is damaged \(", id="damaged"),
        pytest.param(
            _newer_backup,
            r"it was written by a newer version of ICLEI Desktop \(schema 9999\)",
            id="newer",
        ),
        pytest.param(
            _not_a_catalogue, "it is not an ICLEI Desktop catalogue", id="not a catalogue"
        ),
        pytest.param(_garbage, "it is not an ICLEI Desktop catalogue", id="not SQLite"),
    ],
)
def test_a_backup_that_cannot_be_restored_is_refused_and_nothing_changes(
    tmp_path: Path, catalogue_file: Path, make: object, reason: str
) -> None:
    backup = make(tmp_path, catalogue_file)  # type: ignore[operator]
    before = {name: sha256(tmp_path / name) for name in names(tmp_path)}
    with pytest.raises(DatabaseError, match=rf"^{backup} cannot be restored: {reason}"):
        restore_backup(catalogue_file, backup)
    assert {name: sha256(tmp_path / name) for name in names(tmp_path)} == before


def test_a_catalogue_open_elsewhere_is_not_restored_over(catalogue_file: Path) -> None:
    backup = backup_database(catalogue_file, NOON)
    other = sqlite3.connect(catalogue_file)  # another window, say, still has it open
    try:
        other.execute("SELECT count(*) FROM event").fetchall()
        with pytest.raises(DatabaseError, match="is open in another program or window"):
            restore_backup(catalogue_file, backup)
        assert list_backups(catalogue_file) == [backup]
    finally:
        other.close()


def test_a_new_catalogue_that_fails_to_fill_leaves_nothing(tmp_path: Path) -> None:
    def fail(_session: object) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        open_database(tmp_path / "new.sqlite", initialize=fail)
    assert names(tmp_path) == []


def test_a_backup_copied_alongside_is_kept_only_when_asked(catalogue_file: Path) -> None:
    before = names(catalogue_file.parent)
    with backup_alongside(catalogue_file):
        pass  # an import refused or cancelled while the copy was made
    assert names(catalogue_file.parent) == before
    with backup_alongside(catalogue_file) as keep:
        kept = keep()
    assert list_backups(catalogue_file) == [kept]
    assert names(catalogue_file.parent) == sorted([*before, kept.name])
    assert titles(kept) == titles(catalogue_file)


def test_a_damaged_copy_alongside_is_refused_and_removed(catalogue_file: Path) -> None:
    damage(catalogue_file)
    before = names(catalogue_file.parent)
    with (
        pytest.raises(DatabaseError, match=r"cannot back up .*catalogue\.sqlite: "),
        backup_alongside(catalogue_file) as keep,
    ):
        keep()
    assert names(catalogue_file.parent) == before
