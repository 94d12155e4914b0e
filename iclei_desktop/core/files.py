"""Writing files so that a failure never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ExportError

NEW_FILE_MODE = 0o644  # a file handed on to colleagues: readable by others, like any saved file


def check_target(target: Path) -> None:
    """Refuse a target that is a folder, in a missing folder, or a read-only file."""
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportError(f"cannot write {target}: the file is read-only")


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in its folder and a rename.

    A failed write leaves whatever was at ``target`` before, and no temporary file. A file
    that is replaced keeps its permissions.
    """
    check_target(target)
    mode = target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from error
