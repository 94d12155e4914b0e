"""The last line of defence: a bug is logged with its traceback and shown with details to copy."""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

import platformdirs
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)
_fault_file: TextIO | None = None
_shown: list[QMessageBox] = []  # a parentless box lives only while Python holds it


def log_folder() -> Path:
    """The system's folder for the app's logs, created (private) on first use."""
    folder = platformdirs.user_log_path("ICLEI Desktop", "ICLEI")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def install() -> Path:
    """Log to a file, dump native crashes there too, and catch Python exceptions that escape."""
    global _fault_file
    folder = log_folder()
    log_file = folder / "iclei-desktop.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    _fault_file = (folder / "crash.log").open("a", encoding="utf-8")
    faulthandler.enable(_fault_file)
    sys.excepthook = excepthook
    return log_file


def excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log an unexpected exception and show it, with the details to copy for a bug report."""
    details = "".join(traceback.format_exception(kind, error, trace))
    log.critical("unexpected error\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, trace)
        return
    show_crash(details)


def show_crash(details: str) -> QMessageBox:
    """Open the crash dialog (not blocking) and return it."""
    tr = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        tr("Crash", "Something went wrong"),
        tr(
            "Crash",
            "ICLEI Desktop met an error it did not expect. What you saved "
            "before is safe; the change in progress was not saved.",
        ),
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        tr("Crash", "The details below are also in the log folder: %1").replace(
            "%1", str(log_folder())
        )
    )
    box.setDetailedText(f"{datetime.now().isoformat(timespec='seconds')}\n{details}")
    box.setObjectName("crash_box")
    _shown.append(box)
    box.finished.connect(lambda _result: _shown.remove(box) if box in _shown else None)
    box.open()
    return box
