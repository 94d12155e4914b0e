"""Read an .ics file within the size cap."""

from __future__ import annotations

from pathlib import Path

from ..errors import CalendarImportError
from .import_ import MAX_BYTES


def check_source(source: Path) -> None:
    """Refuse a source that is missing, a folder, or over ``MAX_BYTES``, before any work."""
    if source.is_dir():
        raise CalendarImportError(f"cannot import {source}: it is a folder")
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise CalendarImportError(f"cannot import {source}: there is no such file") from None
    except OSError as error:
        raise CalendarImportError(f"cannot import {source}: {error.strerror}") from error
    if size > MAX_BYTES:
        raise CalendarImportError(
            f"cannot import {source}: the file is {size / 1024 / 1024:.1f} MB; "
            f"at most {MAX_BYTES // 1024 // 1024} MB can be imported"
        )


def read_source(source: Path) -> bytes:
    """Return the bytes of an .ics file; raise CalendarImportError for one that cannot be read."""
    check_source(source)
    try:
        with source.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise CalendarImportError(f"cannot import {source}: {error.strerror}") from error
    if len(data) > MAX_BYTES:  # it grew after the check
        raise CalendarImportError(
            f"cannot import {source}: the file is larger than "
            f"{MAX_BYTES // 1024 // 1024} MB, the most that can be imported"
        )
    return data
