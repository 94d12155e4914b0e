"""Opening the catalogue when the window starts: a file that cannot be opened is explained,
and the user chooses what to do instead of reading an error on a terminal they never see."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QFileDialog

from ..core.api import Catalogue
from ..core.db import BackupInfo, backup_infos
from ..core.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    UserError,
)
from .dialogs.open_problem_dialog import OpenProblemDialog, Way
from .dialogs.restore_dialog import RestoreDialog
from .single_instance import CatalogueInUse, lock_catalogue


@dataclass
class Opened:
    """The catalogue the window shows, and the lock that keeps other copies off it."""

    catalogue: Catalogue
    lock: QLockFile | None

    def close(self) -> None:
        self.catalogue.close()
        if self.lock is not None:
            self.lock.unlock()


def ways_for(error: UserError, has_backups: bool) -> list[Way]:
    """The ways on from ``error``, the likeliest first; Quit is always last."""
    if isinstance(error, (CatalogueInUse, DatabaseLockedError)):
        ways = [Way.RETRY, Way.READ_ONLY, Way.OTHER]
    elif isinstance(error, DatabaseReadOnlyError):
        ways = [Way.READ_ONLY, Way.OTHER]
    elif isinstance(error, DatabaseDamagedError):
        ways = [Way.RESTORE, Way.OTHER] if has_backups else [Way.OTHER]
    else:
        ways = [Way.OTHER]
    if has_backups and Way.RESTORE not in ways and not isinstance(error, CatalogueInUse):
        ways.append(Way.RESTORE)
    return [*ways, Way.QUIT]


def open_catalogue(path: Path, explicit: bool) -> Opened | None:
    """Lock and open the catalogue at ``path``, asking the user what to do while it cannot be.

    Returns None when the user quits. Every way out leaves a refused file as it was: only
    Restore from Backup replaces it, and that backs it up first.
    """
    while True:
        lock: QLockFile | None = None
        try:
            if path.parent.is_dir():
                lock = lock_catalogue(path)
            return Opened(Catalogue.open(path, explicit=explicit), lock)
        except UserError as error:
            problem = error
        way = OpenProblemDialog.ask(path, str(problem), ways_for(problem, bool(_backups(path))))
        try:
            if way is Way.READ_ONLY:
                if lock is not None:
                    lock.unlock()
                return Opened(Catalogue.open_read_only(path), None)
            if way is Way.RESTORE:
                backup = RestoreDialog.ask(None, _backups(path))
                if backup is not None:
                    return Opened(Catalogue.restore(path, backup), lock)
            if lock is not None:
                lock.unlock()
            if way is Way.OTHER:
                chosen = _choose_file(path)
                if chosen is not None:  # cancelled: ask about the same file again
                    path, explicit = chosen, True
            elif way is Way.QUIT:
                return None
        except UserError as error:  # the way chosen failed too: say so, and ask again
            if lock is not None:
                lock.unlock()
            OpenProblemDialog.ask(path, str(error), [Way.RETRY])


def _backups(path: Path) -> list[BackupInfo]:
    try:
        return backup_infos(path)
    except OSError:
        return []


def _choose_file(current: Path) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        None,
        QCoreApplication.translate("startup", "Choose a catalogue file"),
        str(current.parent if current.parent.is_dir() else Path.home()),
        QCoreApplication.translate("startup", "Catalogues (*.sqlite *.db);;All files (*)"),
    )
    return Path(chosen) if chosen else None
