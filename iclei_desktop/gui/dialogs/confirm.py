"""Yes/No questions before something that cannot be taken back silently."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class ConfirmDelete:
    """Asks before deleting an event (undo can still bring it back)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> bool:
        """Return True if the user confirms deleting the event called ``title``."""
        tr = QCoreApplication.translate
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("ConfirmDelete", "Delete event"),
            tr("ConfirmDelete", "Delete “%1”?").replace("%1", title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the user's text
        box.setInformativeText(tr("ConfirmDelete", "Edit › Undo brings it back."))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()
