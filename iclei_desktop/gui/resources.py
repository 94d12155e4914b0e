"""Where the bundled resources (icons, translations) are."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from .. import APP_ID

# The sizes rendered from the SVG by packaging/render-icons.py, in the hicolor theme's layout.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


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
    """Return the application icon, at every size the desktop asks for.

    Built from the PNGs rather than the SVG, so it shows even where Qt's SVG icon plugin
    was left out of a bundle.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
        icon.addFile(str(path), QSize(size, size))
    return icon
