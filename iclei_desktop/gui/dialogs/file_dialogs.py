"""Questions about a publication's files: which one to remove, what to do about a missing one."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...core.dto import PublicationFileRow
from ..detail_html import file_size, file_status


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileDialogs", text)


class RemoveFileDialog(QDialog):
    """Lists a publication's files; the one chosen is removed once the user presses Remove."""

    def __init__(
        self, title: str, files: list[PublicationFileRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Remove File"))
        self._files = files
        question = QLabel(
            self.tr("Which file should be removed from “%1”?").replace("%1", title), self
        )
        question.setTextFormat(Qt.TextFormat.PlainText)  # the title is the user's text
        question.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Files"))
        for file in files:
            status = file_status(file.status)
            shown = self.tr("%1 (%2) — %3") if status else self.tr("%1 (%2)")
            values = {"1": file.name, "2": file_size(file.size), "3": status}
            # In one pass, so that a "%2" in a file's name stays as it is.
            text = re.sub("%([123])", lambda found, v=values: v[found.group(1)], shown)
            QListWidgetItem(text, self.list)
        self.list.setCurrentRow(0)
        note = QLabel(
            self.tr(
                "Its copy in the catalogue's files folder is deleted; "
                "the file it was added from is not touched."
            ),
            self,
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.remove_button = self.buttons.addButton(
            self.tr("&Remove"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.list)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def chosen(self) -> PublicationFileRow | None:
        """The file selected in the list."""
        row = self.list.currentRow()
        return self._files[row] if 0 <= row < len(self._files) else None

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, files: list[PublicationFileRow]
    ) -> PublicationFileRow | None:
        """Return the file of publication ``title`` to remove, or None if the user cancels."""
        dialog = cls(title, files, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class MissingFile:
    """Says which file is missing and where it was expected; offers to locate it."""

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, expected: Path) -> bool:
        """Return True if the user wants to locate the missing file ``name``."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _tr("File missing"),
            _tr("“%1” is missing — moved or deleted.").replace("%1", name),
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setObjectName("missing_file_box")
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        box.setInformativeText(
            _tr(
                "It was expected at:\n%1\n\nLocate it to put a copy back in its place "
                "(it must be the same file as the one added)."
            ).replace("%1", str(expected))
        )
        locate = box.addButton(_tr("&Locate…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(locate)
        try:
            box.exec()
            return box.clickedButton() is locate
        finally:
            box.deleteLater()
