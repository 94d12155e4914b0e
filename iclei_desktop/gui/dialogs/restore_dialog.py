"""Choose a backup to restore the catalogue from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..plain_text import tooltip


class RestoreDialog(QDialog):
    """Lists the backups, newest first; Restore is enabled once one is chosen."""

    def __init__(self, backups: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self._backups = list(backups)
        explanation = QLabel(
            self.tr(
                "The catalogue will be replaced by the backup you choose. The catalogue as "
                "it is now is backed up first, so this can be undone the same way."
            )
            if self._backups
            else self.tr(
                "There are no backups yet. One is taken before each upgrade and import, "
                "and once a day while ICLEI Desktop is open."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.table = QTableWidget(len(self._backups), 2, self)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        locale = QLocale()
        for row, backup in enumerate(self._backups):
            taken = QTableWidgetItem(backup.taken_at.strftime("%Y-%m-%d %H:%M:%S"))
            taken.setToolTip(tooltip(str(backup.path)))
            size = QTableWidgetItem(locale.formattedDataSize(backup.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, taken)
            self.table.setItem(row, 1, size)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText(self.tr("&Restore"))
        self.restore_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(520, 360)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.table.selectedItems()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, parent: QWidget | None, backups: Sequence[Any]) -> Path | None:
        """Return the backup chosen, or None."""
        dialog = cls(backups, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            dialog.deleteLater()

    def chosen(self) -> Path | None:
        """The selected backup's file."""
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self._backups[min(rows)].path if rows else None
