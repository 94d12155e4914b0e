"""Composition root: the QApplication, the main window, and the screenshot mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.api import Catalogue

ORGANIZATION = "ICLEI"
APPLICATION = "ICLEI Desktop"


def run(catalogue: Catalogue, screenshot_dir: Path | None = None) -> int:
    """Show the main window on ``catalogue`` until it closes; return the exit code.

    With ``screenshot_dir`` the window is drawn offscreen, each tab saved as a PNG, and the
    function returns at once.
    """
    if screenshot_dir is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    window = MainWindow(catalogue)
    try:
        if screenshot_dir is not None:
            save_screenshots(window, screenshot_dir)
            return 0
        window.show()
        return app.exec()
    finally:
        window.deleteLater()
        catalogue.close()


def save_screenshots(window, directory: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Save one PNG per tab of ``window`` into ``directory``; return the files."""
    from PySide6.QtWidgets import QApplication

    directory.mkdir(exist_ok=True)
    window.resize(1280, 800)
    window.show()
    saved = []
    names = ["programs", "events", "members", "publications"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        target = directory / f"{index + 1}-{name}.png"
        if not window.grab().save(str(target)):
            raise OSError(f"could not save {target}")
        saved.append(target)
    return saved
