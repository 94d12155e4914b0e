"""Where the bundled resources (icons, translations) are."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def resource_path(*parts: str) -> Path:
    """Return a file under ``resources/`` wherever this install keeps it."""
    if getattr(sys, "frozen", False):
        base = Path(getattr(sys, "_MEIPASS", ".")) / "resources"
    else:
        package = Path(__file__).resolve().parent.parent
        installed = package / "_bundled" / "resources"
        base = installed if installed.is_dir() else package.parent / "resources"
    return base.joinpath(*parts)


def app_icon() -> QIcon:
    """Return the application icon."""
    return QIcon(str(resource_path("icons", "iclei-desktop.svg")))
