"""One window per catalogue file: a second copy on the same file is refused at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from ..core.errors import UserError

WAIT_MS = 1500  # a copy that is just closing gets this long to let go


class CatalogueInUse(UserError):
    """Another ICLEI Desktop already has this catalogue open."""


def lock_catalogue(path: Path) -> QLockFile:
    """Take the lock beside ``path``, or raise CatalogueInUse naming the other process.

    The lock file holds the owner's process id and host, so one left by a killed app is
    recognised as stale and taken over.
    """
    lock = QLockFile(str(path.with_name(path.name + ".lock")))
    if lock.tryLock(WAIT_MS):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, host, _app = lock.getLockInfo()
        where = f"process {pid}" + (f" on {host}" if host else "")
        raise CatalogueInUse(
            f"{path} is already open in another ICLEI Desktop ({where}); "
            "switch to that window, or close it first"
        )
    raise CatalogueInUse(f"cannot lock {path}: its folder cannot be written to")
