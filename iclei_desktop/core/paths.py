"""Where the catalogue and the app's own files are: light enough to import before anything.

The command line decides which file to open before it loads SQLAlchemy or Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "ICLEI Desktop"
APP_AUTHOR = "ICLEI"
DATABASE_ENV = "ICLEI_DESKTOP_DATABASE"
DATABASE_FILENAME = "catalogue.sqlite"


def bundled_path(name: str) -> Path:
    """Return the folder ``database`` or ``resources`` wherever this install keeps it.

    A PyInstaller bundle unpacks them under ``sys._MEIPASS``; a wheel carries them in
    ``iclei_desktop/_bundled``; a source checkout has them at the top of the repository.
    """
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", ".")) / name
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundled" / name
    return installed if installed.is_dir() else package.parent / name


def default_database_path() -> Path:
    """Return the catalogue in the user's data folder (e.g. ~/.local/share/ICLEI Desktop)."""
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR) / DATABASE_FILENAME


def choose_database_path(
    explicit: str | None, environ: Mapping[str, str] = os.environ
) -> tuple[Path, bool]:
    """Return the catalogue to open and whether the user named it.

    ``--database`` wins over ``ICLEI_DESKTOP_DATABASE``, which wins over the default.
    """
    chosen = explicit or environ.get(DATABASE_ENV) or None
    if chosen:
        return Path(chosen).expanduser(), True
    return default_database_path(), False


def files_folder(database: Path) -> Path:
    """The folder beside the catalogue ``database`` that holds its publications' files.

    ``catalogue.sqlite`` keeps them in ``catalogue.files``: beside the file, so that copying
    or backing up the folder takes both, and named after it, so two catalogues in one folder
    keep their files apart.
    """
    return database.with_name(f"{database.stem}.files")
