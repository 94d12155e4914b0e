"""Writing files so that a failure never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

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
    that is replaced keeps its permissions. A symbolic link is followed: the file it points
    at is replaced and the link stays a link. A target that exists and is not a regular file
    (a device such as /dev/stdout or /dev/full, or a named pipe) is written straight to, as
    any Unix program does, since renaming over it would replace the device or pipe itself.
    Raises ExportError saying why, in plain words, when the file cannot be written.
    """
    check_target(target)
    try:
        try:
            mode: int | None = os.stat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            _write_directly(target, data)
        else:
            _replace(Path(os.path.realpath(target)), data, NEW_FILE_MODE if mode is None else mode)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {describe_os_error(error)}") from error


@contextlib.contextmanager
def writing_atomically(target: Path) -> Iterator[BinaryIO]:
    """Give a stream whose bytes become ``target`` only when the block ends without error.

    ``write_atomically`` for output made a piece at a time (a table of 100,000 rows), so it
    is never held whole in memory: the same temporary file, rename and permissions, and the
    same ExportError. Whatever the block raises (Cancelled) leaves ``target`` as it was.
    A device or named pipe gets the bytes at the end, in one go, as ``write_atomically``.
    """
    check_target(target)
    try:
        try:
            mode: int | None = os.stat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            buffer = io.BytesIO()
            yield buffer
            _write_directly(target, buffer.getvalue())
            return
        real = Path(os.path.realpath(target))
        handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, stat.S_IMODE(NEW_FILE_MODE if mode is None else mode) & 0o777)
            os.replace(temporary, real)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        sync_folder(real.parent)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {describe_os_error(error)}") from error


def describe_os_error(error: OSError) -> str:
    """Say in plain words why a file could not be written (the disk is full, …)."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == getattr(errno, "EDQUOT", None):
        return "your share of the disk (quota) is used up"
    if error.errno == errno.EFBIG:
        limit = file_size_limit()
        if limit is None:
            return "the file would be larger than this system allows"
        return f"the file would grow past {limit:,} bytes, the largest this system allows"
    if error.errno == errno.ENXIO:
        return "nothing is reading from it"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return error.strerror or str(error)


def file_size_limit() -> int | None:
    """The largest file this process may write (``ulimit -f``), or None when unlimited."""
    if sys.platform == "win32":
        return None
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handle to sync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _replace(target: Path, data: bytes, mode: int) -> None:
    """Write a new regular file beside ``target``, flush it to disk and rename it over."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) & 0o777)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(target.parent)


def _write_directly(target: Path, data: bytes) -> None:
    """Write to a device or named pipe in place: never create, truncate or rename it.

    A pipe is opened without waiting, so one that nobody reads is refused (ENXIO) rather
    than hanging the program; writes then wait as usual.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    handle = os.open(target, os.O_WRONLY | nonblocking | getattr(os, "O_NOCTTY", 0))
    try:
        if nonblocking:
            os.set_blocking(handle, True)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)
