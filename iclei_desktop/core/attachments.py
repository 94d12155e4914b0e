"""Publication files: copies of PDFs, DOCX … kept in the folder beside the catalogue.

Where a file goes: ``<files folder>/<publication uid, sanitised>/<file name, sanitised>``, and
``publication_file.stored_name`` holds that path relative to the folder, with forward slashes
(``in-the-loop-issue-2/In The Loop 第2期.pdf``), never an absolute path, so the folder can be
moved or bundled with the catalogue. ``name`` keeps the file's own name for showing. A second
file whose stored name is taken (by a row, or by a file on disk) gets `` (2)``, `` (3)`` …
before its extension; names are compared ignoring case, as Windows and macOS do.

A file is copied into a hidden temporary file (``.adding-*.part``) in its final folder while
its SHA-256 is computed, flushed to disk, and renamed into place inside the transaction that
writes its row, before the commit; if the transaction fails the copy is removed. A crash
between rename and commit leaves at worst an unlisted file in the folder, never a row
without its file. Readers of the folder (bundles) go by the table, not by what is on disk.

Deleting a publication deletes its rows (ON DELETE CASCADE) but leaves its files on disk,
so that undoing the delete finds them again. Removing one file deletes its row, then its file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import models as m
from .dto import PublicationFileRow
from .errors import UserError
from .files import describe_os_error, sync_folder
from .models.base import utcnow

log = logging.getLogger(__name__)
MAX_FILE_BYTES = 1024**3  # 1 GB: a report's PDF is megabytes; more is surely the wrong file
CHUNK = 1024 * 1024
Progress = Callable[[int, int], None]  # bytes copied, bytes in all

# Characters Windows refuses in names (and the slash everywhere), and names it reserves.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
MAX_NAME_BYTES = 200  # below the 255 bytes most file systems allow, leaving room for " (99)"


class FileNotAttached(UserError):
    """A file cannot be added to, or put back into, a publication; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Copied:
    """A source file copied into a temporary file beside where it will be kept."""

    temporary: Path
    size: int
    sha256: str


# --- names ------------------------------------------------------------------------------


def safe_name(name: str, fallback: str = "file") -> str:
    """Return ``name`` as a file name every system accepts, as close to the original as can be.

    Letters of every script and spaces stay; characters Windows forbids become ``_``; a
    leading dot (a hidden file) and trailing dots and spaces (which Windows drops) go.
    """
    name = unicodedata.normalize("NFC", name)
    name = _FORBIDDEN.sub("_", name).strip().lstrip(".").rstrip(". ")
    if not name:
        return fallback
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    if stem.split(".")[0].casefold() in _RESERVED:
        name = "_" + name
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        tail = dot + suffix if len(suffix) <= 16 else ""
        room = MAX_NAME_BYTES - len(tail.encode("utf-8"))
        head = (name[: -len(tail)] if tail else name).encode("utf-8")[:room]
        name = head.decode("utf-8", errors="ignore").rstrip(". ") + tail
    return name


def numbered(name: str, number: int) -> str:
    """``report.pdf`` as the ``number``-th of that name: ``report (2).pdf``."""
    if number < 2:
        return name
    path = PurePosixPath(name)
    return f"{path.stem} ({number}){path.suffix}" if path.stem else f"{name} ({number})"


def choose_stored_name(folder: Path, publication_uid: str, name: str, taken: set[str]) -> str:
    """A stored name for ``name`` of this publication that neither a row nor a file holds.

    ``taken`` are the stored names already in the catalogue, casefolded.
    """
    directory = safe_name(publication_uid, "publication")
    base = safe_name(name)
    for number in range(1, 10_000):
        stored = f"{directory}/{numbered(base, number)}"
        if stored.casefold() not in taken and not os.path.lexists(folder / stored):
            return stored
    raise FileNotAttached(f"cannot add {name}: this publication has too many files of that name")


def stored_path(folder: Path, stored_name: str) -> Path:
    """The file ``stored_name`` names inside ``folder``; refuses a name that leaves it."""
    relative = PurePosixPath(stored_name)
    if (
        relative.is_absolute()
        or ".." in relative.parts
        or "\\" in stored_name
        or ":" in stored_name  # a Windows drive ("C:x") would leave the folder there
        or not relative.parts
    ):
        raise UserError(f"the stored file name {stored_name!r} is not inside the files folder")
    return folder.joinpath(*relative.parts)


# --- rows -------------------------------------------------------------------------------


def file_row(file: m.PublicationFile, folder: Path) -> PublicationFileRow:
    """A file as the detail pane lists it; its status from the file's size, never its hash.

    A stored name that would leave the folder (only a damaged or forged catalogue has one)
    is listed as missing, at the folder itself, and never opened.
    """
    try:
        path = stored_path(folder, file.stored_name)
        found = path.stat()
    except UserError:
        path, found = folder, None
    except OSError:
        found = None
    if found is None:
        status = "missing"
    else:
        status = "ok" if stat.S_ISREG(found.st_mode) and found.st_size == file.size else "changed"
    return PublicationFileRow(file.id, file.uid, file.name, file.size, path, status)


def file_rows(files: Iterable[m.PublicationFile], folder: Path) -> tuple[PublicationFileRow, ...]:
    """The rows of ``files``, in order."""
    return tuple(file_row(f, folder) for f in sorted(files, key=lambda f: (f.position, f.id)))


def publication_files(
    session: Session, publication_id: int, folder: Path
) -> list[PublicationFileRow]:
    """The files of a publication, in the order they were added."""
    publication = _publication(session, publication_id)
    return list(file_rows(publication.files, folder))


# --- copying ----------------------------------------------------------------------------


def check_source(source: Path) -> int:
    """Refuse a source that is missing, a folder, empty or too large; return its size."""
    try:
        found = os.stat(source)
    except FileNotFoundError:
        raise FileNotAttached(f"cannot add {source}: there is no such file") from None
    except OSError as error:
        raise FileNotAttached(
            f"cannot add {source}: the file cannot be read ({describe_os_error(error)})"
        ) from error
    if stat.S_ISDIR(found.st_mode):
        raise FileNotAttached(f"cannot add {source}: it is a folder; choose the files in it")
    if not stat.S_ISREG(found.st_mode):
        raise FileNotAttached(f"cannot add {source}: it is not a regular file")
    if found.st_size == 0:
        raise FileNotAttached(f"cannot add {source}: the file is empty")
    if found.st_size > MAX_FILE_BYTES:
        raise FileNotAttached(_too_large(source))
    return found.st_size


def copy_in(source: Path, directory: Path, progress: Progress) -> Copied:
    """Copy ``source`` into a hidden temporary file in ``directory`` (made if missing).

    The copy is flushed to disk; its SHA-256 is computed from the bytes as they are read.
    On any failure, or Cancelled from ``progress``, no temporary file is left.
    """
    total = check_source(source)
    try:
        handle = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise FileNotAttached(
            f"cannot add {source}: the file cannot be read ({describe_os_error(error)})"
        ) from error
    digest = hashlib.sha256()
    size = 0
    temporary: Path | None = None
    try:
        with os.fdopen(handle, "rb") as reader:
            try:
                directory.mkdir(parents=True, exist_ok=True)
                out, name = tempfile.mkstemp(dir=directory, prefix=".adding-", suffix=".part")
            except OSError as error:
                raise FileNotAttached(
                    f"cannot add {source}: cannot write in {directory} ({describe_os_error(error)})"
                ) from error
            temporary = Path(name)
            with os.fdopen(out, "wb") as writer:
                progress(0, total)
                while chunk := _read(reader, source):
                    size += len(chunk)
                    if size > MAX_FILE_BYTES:  # it grew while being read
                        raise FileNotAttached(_too_large(source))
                    digest.update(chunk)
                    _write(writer, chunk, source, directory)
                    progress(min(size, total), total)
                try:
                    writer.flush()
                    os.fsync(writer.fileno())
                except OSError as error:
                    raise _cannot_write(source, directory, error) from error
        if size == 0:
            raise FileNotAttached(f"cannot add {source}: the file is empty")
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
    return Copied(temporary, size, digest.hexdigest())


def put_in_place(copied: Copied, target: Path) -> None:
    """Rename a finished copy to ``target`` and make the rename durable."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(copied.temporary, target)
    except OSError as error:
        copied.temporary.unlink(missing_ok=True)
        raise FileNotAttached(
            f"cannot put {target.name} into {target.parent}: {describe_os_error(error)}"
        ) from error
    sync_folder(target.parent)


def discard(path: Path, folder: Path) -> None:
    """Delete a stored file (gone already is fine), then its folders up to ``folder`` if empty.

    A file that cannot be deleted is logged and left: its row is gone, so it is only clutter.
    """
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("cannot delete %s: %s", path, error)
    remove_empty(path.parent, folder)


def remove_empty(directory: Path, folder: Path) -> None:
    """Remove ``directory`` and its parents up to ``folder`` itself while they are empty."""
    for candidate in (directory, *directory.parents):
        if candidate != folder and folder not in candidate.parents:
            break
        try:
            candidate.rmdir()
        except FileNotFoundError:
            continue
        except OSError:  # not empty: keep it and what holds it
            break
    sync_folder(folder.parent)


# --- database ---------------------------------------------------------------------------


def publication_uid(session: Session, publication_id: int) -> str:
    """The uid of a publication; RecordNotFound when it is gone."""
    return _publication(session, publication_id).uid


def record_file(
    session: Session, publication_id: int, name: str, copied: Copied, folder: Path
) -> m.PublicationFile:
    """Add the row of a copied file under a stored name no other file holds; return it.

    Refuses (FileNotAttached) a file whose content the publication already holds.
    """
    publication = _publication(session, publication_id)
    name = unicodedata.normalize("NFC", name)
    same = next((f for f in publication.files if f.sha256 == copied.sha256), None)
    if same is not None:
        raise FileNotAttached(already_attached(name, same.name))
    taken = {s.casefold() for s in session.scalars(select(m.PublicationFile.stored_name))}
    position = session.scalar(
        select(func.coalesce(func.max(m.PublicationFile.position) + 1, 0)).where(
            m.PublicationFile.publication_id == publication_id
        )
    )
    row = m.PublicationFile(
        uid=str(uuid.uuid4()),
        publication_id=publication_id,
        position=int(position or 0),
        name=name,
        stored_name=choose_stored_name(folder, publication.uid, name, taken),
        size=copied.size,
        sha256=copied.sha256,
    )
    session.add(row)
    # A file is part of its publication: a bundle merge counts this as an edit of it.
    publication.updated_at = utcnow()
    session.flush()
    return row


def already_attached(name: str, existing: str) -> str:
    """The message for a file whose content the publication holds already."""
    if name == existing:
        return f"{name} is already attached to this publication"
    return f"{name} is already attached to this publication, as {existing}"


def stored_file(session: Session, file_id: int) -> m.PublicationFile:
    """One file's row; RecordNotFound when it is gone."""
    from .services.details import RecordNotFound

    found = session.get(m.PublicationFile, file_id)
    if found is None:
        raise RecordNotFound(f"that file is no longer in the catalogue ({file_id})")
    return found


def delete_file(session: Session, file_id: int) -> str:
    """Delete a file's row; return its stored name, whose file the caller deletes after."""
    found = stored_file(session, file_id)
    stored = found.stored_name
    found.publication.updated_at = utcnow()
    session.delete(found)
    return stored


# --- internals --------------------------------------------------------------------------


def _publication(session: Session, publication_id: int) -> m.Publication:
    from .services.details import RecordNotFound

    found = session.get(m.Publication, publication_id)
    if found is None:
        raise RecordNotFound(f"that publication is no longer in the catalogue ({publication_id})")
    return found


def _too_large(source: Path) -> str:
    return (
        f"cannot add {source}: it is larger than {MAX_FILE_BYTES / 1024**3:g} GB, "
        "the most a publication's file may be"
    )


def _read(reader: BinaryIO, source: Path) -> bytes:
    try:
        return reader.read(CHUNK)
    except OSError as error:
        raise FileNotAttached(
            f"cannot add {source}: the file cannot be read ({describe_os_error(error)})"
        ) from error


def _write(writer: BinaryIO, chunk: bytes, source: Path, directory: Path) -> None:
    try:
        writer.write(chunk)
    except OSError as error:
        raise _cannot_write(source, directory, error) from error


def _cannot_write(source: Path, directory: Path, error: OSError) -> FileNotAttached:
    return FileNotAttached(
        f"cannot add {source}: cannot copy it into {directory} ({describe_os_error(error)})"
    )
