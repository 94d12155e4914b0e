"""Publication files: copied in whole, refused in plain words, missing ones reported and found."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from iclei_desktop.core import attachments
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.attachments import MAX_FILE_BYTES, safe_name
from iclei_desktop.core.dto import PublicationDetail
from iclei_desktop.core.errors import Cancelled, DatabaseError, UserError

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 300 + b"\n%%EOF\n"


@pytest.fixture
def catalogue(tmp_path: Path, seeded_bytes: bytes) -> Iterator[Catalogue]:
    """A seeded catalogue, copied from one seeded once (seeding each test is slow)."""
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    opened = Catalogue.open(path)
    yield opened
    opened.close()


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A folder of files to add, apart from the catalogue's."""
    folder = tmp_path / "from"
    folder.mkdir()
    return folder


@pytest.fixture
def publication(catalogue: Catalogue) -> int:
    """The id of a publication of the seed catalogue that has no translations.

    (Deleting one with translations from a plain sqlite3 connection trips the search
    triggers, which has nothing to do with its files.)
    """
    with closing(sqlite3.connect(catalogue.path)) as connection:
        found = connection.execute(
            "SELECT min(id) FROM publication WHERE id NOT IN"
            " (SELECT translation_of_id FROM publication WHERE translation_of_id IS NOT NULL)"
        ).fetchone()[0]
    return int(found)


def write(path: Path, data: bytes = PDF) -> Path:
    path.write_bytes(data)
    return path


def table(catalogue: Catalogue) -> list[tuple[object, ...]]:
    """The publication_file table as another program reads it."""
    with closing(sqlite3.connect(catalogue.path)) as connection:
        return connection.execute(
            "SELECT publication_id, position, name, stored_name, size, sha256"
            " FROM publication_file ORDER BY id"
        ).fetchall()


def stored_files(catalogue: Catalogue) -> list[str]:
    """Every file (temporary ones too) in the files folder, relative to it."""
    folder = catalogue.files_folder
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def uid_of(catalogue: Catalogue, publication_id: int) -> str:
    detail = catalogue.detail("publication", publication_id)
    assert isinstance(detail, PublicationDetail)
    return detail.uid


def test_a_file_is_copied_byte_for_byte_with_its_size_and_hash(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    source = write(sources / "In The Loop.pdf")
    row = catalogue.add_publication_file(publication, source)

    uid = uid_of(catalogue, publication)
    assert catalogue.files_folder == catalogue.path.parent / "catalogue.files"
    assert row.name == "In The Loop.pdf"
    assert row.size == len(PDF)
    assert row.status == "ok"
    assert row.path == catalogue.files_folder / uid / "In The Loop.pdf"
    assert row.path.is_absolute()
    assert row.path.read_bytes() == PDF
    assert source.read_bytes() == PDF  # copied, not moved
    assert table(catalogue) == [
        (publication, 0, "In The Loop.pdf", f"{uid}/In The Loop.pdf", len(PDF), _sha(PDF))
    ]
    assert stored_files(catalogue) == [f"{uid}/In The Loop.pdf"]  # no temporary file left
    assert catalogue.publication_files(publication) == [row]


def test_chinese_korean_and_spaces_in_names_are_kept(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    names = ["在循环中 第2期.pdf", "순환 도시 보고서.docx", "  spaced   out  .pdf"]
    for number, name in enumerate(names):
        catalogue.add_publication_file(publication, write(sources / name, PDF + bytes([number])))
    rows = catalogue.publication_files(publication)
    assert [r.name for r in rows] == names
    assert [r.path.name for r in rows] == [
        "在循环中 第2期.pdf",
        "순환 도시 보고서.docx",
        "spaced   out  .pdf",
    ]
    assert all(r.path.read_bytes() == PDF + bytes([n]) for n, r in enumerate(rows))


def test_two_files_of_one_name_are_both_kept(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    first = catalogue.add_publication_file(publication, write(sources / "report.pdf", b"first"))
    (sources / "later").mkdir()
    second = catalogue.add_publication_file(
        publication, write(sources / "later" / "REPORT.pdf", b"second")
    )
    uid = uid_of(catalogue, publication)
    assert [first.name, second.name] == ["report.pdf", "REPORT.pdf"]
    # Names differing only in case are one file on Windows and macOS.
    assert [r[3] for r in table(catalogue)] == [f"{uid}/report.pdf", f"{uid}/REPORT (2).pdf"]
    assert first.path.read_bytes() == b"first"
    assert second.path.read_bytes() == b"second"


def test_names_are_made_safe_for_every_system() -> None:
    assert safe_name('a:b?<c>|"d".pdf') == "a_b__c___d_.pdf"
    assert safe_name("CON.pdf") == "_CON.pdf"
    assert safe_name(".hidden.pdf") == "hidden.pdf"
    assert safe_name("trailing. . ") == "trailing"
    assert safe_name("...") == "file"
    assert safe_name("pub/uid@example.org", "publication") == "pub_uid@example.org"
    long = safe_name("长" * 300 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode("utf-8")) <= attachments.MAX_NAME_BYTES


def refused(catalogue: Catalogue, publication: int, source: Path, message: str) -> None:
    before = table(catalogue), stored_files(catalogue)
    with pytest.raises(UserError) as error:
        catalogue.add_publication_file(publication, source)
    assert str(error.value) == message
    assert (table(catalogue), stored_files(catalogue)) == before


def test_a_missing_source_is_refused(catalogue: Catalogue, publication: int, sources: Path) -> None:
    gone = sources / "gone.pdf"
    refused(catalogue, publication, gone, f"cannot add {gone}: there is no such file")


def test_a_folder_is_refused(catalogue: Catalogue, publication: int, sources: Path) -> None:
    refused(
        catalogue,
        publication,
        sources,
        f"cannot add {sources}: it is a folder; choose the files in it",
    )


def test_a_named_pipe_is_refused(catalogue: Catalogue, publication: int, sources: Path) -> None:
    pipe = sources / "pipe.pdf"
    os.mkfifo(pipe)
    refused(catalogue, publication, pipe, f"cannot add {pipe}: it is not a regular file")


def test_an_empty_file_is_refused(catalogue: Catalogue, publication: int, sources: Path) -> None:
    empty = write(sources / "empty.pdf", b"")
    refused(catalogue, publication, empty, f"cannot add {empty}: the file is empty")


def test_a_file_over_a_gigabyte_is_refused(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    huge = sources / "huge.pdf"
    with huge.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no room on disk
    refused(
        catalogue,
        publication,
        huge,
        f"cannot add {huge}: it is larger than 1 GB, the most a publication's file may be",
    )


def test_an_unreadable_file_is_refused(
    catalogue: Catalogue, publication: int, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(sources / "locked.pdf")
    real_open = os.open

    def deny(path: object, flags: int, *args: object, **kwargs: object) -> int:
        # Tests may run as root, who reads any file whatever its mode.
        if Path(str(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    refused(
        catalogue,
        publication,
        locked,
        f"cannot add {locked}: the file cannot be read (Permission denied)",
    )


def test_the_same_file_twice_is_refused_whatever_its_name(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    catalogue.add_publication_file(publication, write(sources / "playbook.pdf"))
    refused(
        catalogue,
        publication,
        sources / "playbook.pdf",
        "playbook.pdf is already attached to this publication",
    )
    refused(
        catalogue,
        publication,
        write(sources / "copy of playbook.pdf"),
        "copy of playbook.pdf is already attached to this publication, as playbook.pdf",
    )
    other = next(p.id for p in catalogue.publications() if p.id != publication)
    # Another publication may hold the same file.
    assert catalogue.add_publication_file(other, sources / "playbook.pdf").status == "ok"


def test_a_read_only_catalogue_refuses_files(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    source = write(sources / "report.pdf")
    catalogue.close()
    read_only = Catalogue.open_read_only(catalogue.path)
    try:
        refused(
            read_only,
            publication,
            source,
            f"{catalogue.path} is open read-only; nothing was saved",
        )
        assert not read_only.files_folder.exists()
    finally:
        read_only.close()


def test_a_publication_deleted_while_its_file_was_copied_keeps_no_copy(
    catalogue: Catalogue, publication: int, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_in = attachments.copy_in

    def copy_then_delete(*args: object) -> attachments.Copied:
        copied = copy_in(*args)  # type: ignore[arg-type]
        assert copied.temporary.exists()
        # Another copy of the app (or a script) deletes the publication meanwhile.
        with closing(sqlite3.connect(catalogue.path)) as other, other:
            other.execute("PRAGMA foreign_keys=ON")
            other.execute("DELETE FROM publication WHERE id = ?", (publication,))
        return copied

    monkeypatch.setattr(attachments, "copy_in", copy_then_delete)
    refused(
        catalogue,
        publication,
        write(sources / "report.pdf"),
        f"that publication is no longer in the catalogue ({publication})",
    )
    assert not catalogue.files_folder.exists() or not any(catalogue.files_folder.iterdir())


def test_a_save_failing_after_the_file_is_in_place_takes_it_out(
    catalogue: Catalogue, publication: int, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_in_place = attachments.put_in_place

    def placed_then_failed(copied: attachments.Copied, target: Path) -> None:
        put_in_place(copied, target)
        assert target.read_bytes() == PDF
        raise DatabaseError(f"cannot save to {catalogue.path}: the disk is full; nothing was saved")

    monkeypatch.setattr(attachments, "put_in_place", placed_then_failed)
    refused(
        catalogue,
        publication,
        write(sources / "report.pdf"),
        f"cannot save to {catalogue.path}: the disk is full; nothing was saved",
    )
    assert not catalogue.files_folder.exists() or not any(catalogue.files_folder.iterdir())


def test_cancelling_a_copy_leaves_nothing(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    big = write(sources / "big.pdf", PDF * 100)

    def cancel(done: int, _total: int) -> None:
        if done:
            raise Cancelled

    with pytest.raises(Cancelled):
        catalogue.add_publication_file(publication, big, cancel)
    assert table(catalogue) == []
    assert stored_files(catalogue) == []


def test_removing_a_file_deletes_its_row_and_its_copy(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    kept = catalogue.add_publication_file(publication, write(sources / "a.pdf", b"a"))
    removed = catalogue.add_publication_file(publication, write(sources / "b.pdf", b"b"))
    catalogue.remove_publication_file(removed.id)
    assert catalogue.publication_files(publication) == [kept]
    assert not removed.path.exists()
    assert (sources / "b.pdf").read_bytes() == b"b"  # the original is never touched

    kept.path.unlink()  # a file already missing is removed all the same
    catalogue.remove_publication_file(kept.id)
    assert catalogue.publication_files(publication) == []
    assert table(catalogue) == []
    assert not catalogue.files_folder.exists()  # its emptied folders went too
    with pytest.raises(UserError, match=rf"that file is no longer in the catalogue \({kept.id}\)"):
        catalogue.remove_publication_file(kept.id)


def test_a_deleted_or_truncated_copy_is_reported_missing_or_changed(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    gone = catalogue.add_publication_file(publication, write(sources / "gone.pdf", b"gone"))
    cut = catalogue.add_publication_file(publication, write(sources / "cut.pdf", b"cut short"))
    gone.path.unlink()
    with cut.path.open("r+b") as stream:
        stream.truncate(3)
    assert [(r.name, r.status) for r in catalogue.publication_files(publication)] == [
        ("gone.pdf", "missing"),
        ("cut.pdf", "changed"),
    ]
    shutil.rmtree(catalogue.files_folder)  # the whole folder moved away
    assert {r.status for r in catalogue.publication_files(publication)} == {"missing"}


def test_a_missing_file_is_found_again_only_with_its_own_content(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    row = catalogue.add_publication_file(publication, write(sources / "report.pdf"))
    shutil.rmtree(catalogue.files_folder)
    wrong = write(sources / "other.pdf", b"another report")
    with pytest.raises(UserError) as error:
        catalogue.relink_publication_file(row.id, wrong)
    assert str(error.value) == (
        f"{wrong} is not the file report.pdf that was added: its content differs, "
        "so it was not put back"
    )
    assert stored_files(catalogue) == []
    assert catalogue.publication_files(publication)[0].status == "missing"

    moved = sources / "moved" / "renamed.pdf"
    moved.parent.mkdir()
    shutil.move(sources / "report.pdf", moved)
    found = catalogue.relink_publication_file(row.id, moved)
    assert found == row  # back in its place, under its name
    assert row.path.read_bytes() == PDF
    assert catalogue.publication_files(publication)[0].status == "ok"


def test_the_detail_lists_the_files(catalogue: Catalogue, publication: int, sources: Path) -> None:
    assert catalogue.detail("publication", publication).files == ()  # type: ignore[union-attr]
    catalogue.add_publication_file(publication, write(sources / "a.pdf", b"a"))
    catalogue.add_publication_file(publication, write(sources / "b.docx", b"bb"))
    detail = catalogue.detail("publication", publication)
    assert isinstance(detail, PublicationDetail)
    assert [(f.name, f.size, f.status) for f in detail.files] == [
        ("a.pdf", 1, "ok"),
        ("b.docx", 2, "ok"),
    ]
    assert list(detail.files) == catalogue.publication_files(publication)


def test_deleting_a_publication_keeps_its_files_for_undo(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    row = catalogue.add_publication_file(publication, write(sources / "report.pdf"))
    with closing(sqlite3.connect(catalogue.path)) as other, other:
        other.execute("PRAGMA foreign_keys=ON")
        other.execute("DELETE FROM publication WHERE id = ?", (publication,))
    assert table(catalogue) == []  # the rows went with it
    assert row.path.read_bytes() == PDF


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(autouse=True)
def _no_stray_temporaries(catalogue: Catalogue) -> Iterator[None]:
    yield
    folder = catalogue.files_folder
    if folder.exists():
        assert not [p for p in folder.rglob(".adding-*")], "a temporary copy was left behind"


def test_a_stored_name_leaving_the_folder_is_never_followed(
    catalogue: Catalogue, publication: int, tmp_path: Path
) -> None:
    outside = write(tmp_path / "outside.pdf")
    with closing(sqlite3.connect(catalogue.path)) as other, other:
        other.execute(
            "INSERT INTO publication_file (uid, created_at, updated_at, publication_id, position,"
            " name, stored_name, size, sha256) VALUES ('forged', '2026-01-01', '2026-01-01', ?,"
            " 0, 'outside.pdf', '../outside.pdf', ?, ?)",
            (publication, len(PDF), _sha(PDF)),
        )
    (row,) = catalogue.publication_files(publication)
    assert (row.status, row.path) == ("missing", catalogue.files_folder)
    with pytest.raises(UserError) as error:
        catalogue.relink_publication_file(row.id, outside)
    assert str(error.value) == (
        "the stored file name '../outside.pdf' is not inside the files folder"
    )
    catalogue.remove_publication_file(row.id)
    assert catalogue.publication_files(publication) == []
    assert outside.read_bytes() == PDF  # what the name pointed at is left alone


def test_adding_and_removing_a_file_is_an_edit_of_its_publication(
    catalogue: Catalogue, publication: int, sources: Path
) -> None:
    # A bundle merge tells edited records by updated_at (core/exchange/bundle.py).
    def updated() -> str:
        with closing(sqlite3.connect(catalogue.path)) as connection:
            (stamp,) = connection.execute(
                "SELECT updated_at FROM publication WHERE id = ?", (publication,)
            ).fetchone()
        return str(stamp)

    before = updated()
    row = catalogue.add_publication_file(publication, write(sources / "a.pdf"))
    added = updated()
    catalogue.remove_publication_file(row.id)
    assert before < added < updated()
