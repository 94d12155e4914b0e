"""Showing errors: a UserError becomes a warning in plain words; the details go to the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)
_open_boxes: list[QMessageBox] = []


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """Open a warning beside ``parent`` without blocking, and return it."""
    log.warning("%s: %s", title, message)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("error_box")
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and imported text are never markup
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box) if box in _open_boxes else None)
    box.open()
    return box
