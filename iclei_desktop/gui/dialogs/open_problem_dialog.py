"""Why the catalogue cannot be opened at start-up, and the ways on from there."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


class Way(Enum):
    """What the user can do about a catalogue that cannot be opened."""

    RETRY = "retry"
    READ_ONLY = "read_only"
    RESTORE = "restore"
    OTHER = "other"
    QUIT = "quit"


class OpenProblemDialog(QMessageBox):
    """Says what is wrong with the file in plain words and offers only the ways that apply."""

    def __init__(
        self, path: Path, message: str, ways: Sequence[Way], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("The catalogue cannot be opened"))
        self.setTextFormat(Qt.TextFormat.PlainText)  # paths and SQLite's words are not markup
        self.setText(message)
        self.setInformativeText(self.tr("Nothing has been changed in %1.").replace("%1", path.name))
        labels = {
            Way.RETRY: (self.tr("&Try Again"), QMessageBox.ButtonRole.AcceptRole),
            Way.READ_ONLY: (self.tr("Open &Read-Only"), QMessageBox.ButtonRole.AcceptRole),
            Way.RESTORE: (self.tr("Restore from &Backup…"), QMessageBox.ButtonRole.AcceptRole),
            Way.OTHER: (self.tr("&Choose Another File…"), QMessageBox.ButtonRole.AcceptRole),
            Way.QUIT: (self.tr("&Quit"), QMessageBox.ButtonRole.RejectRole),
        }
        self.buttons_by_way: dict[Way, QAbstractButton] = {}
        for way in ways:
            text, role = labels[way]
            self.buttons_by_way[way] = self.addButton(text, role)
        self.setDefaultButton(self.buttons_by_way[ways[0]])  # type: ignore[arg-type]
        self.setEscapeButton(self.buttons_by_way[Way.QUIT])

    def chosen(self) -> Way:
        """The way whose button was pressed; closing the dialog means Quit."""
        pressed = self.clickedButton()
        for way, button in self.buttons_by_way.items():
            if button is pressed:
                return way
        return Way.QUIT

    @classmethod
    def ask(cls, path: Path, message: str, ways: Sequence[Way]) -> Way:
        dialog = cls(path, message, ways)
        try:
            dialog.exec()
            return dialog.chosen()
        finally:
            dialog.deleteLater()
