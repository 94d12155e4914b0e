"""Pick several records from a long list by typing: a searchable box, an Add button, a list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.dto import Choice
from ..labels import label


class RecordPicker(QWidget):
    """Chosen records in a list; a box to find more (and, if allowed, to name a new one).

    Signals:
        changed(): the chosen records changed.
    """

    changed = Signal()

    def __init__(
        self,
        choices: Sequence[Choice],
        name: str,
        parent: QWidget | None = None,
        *,
        allow_new: bool = False,
    ) -> None:
        super().__init__(parent)
        self._choices = {c.id: c for c in choices}
        self._by_label = {c.label.casefold(): c for c in choices}
        self._allow_new = allow_new
        self.box = QComboBox(self)
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.addItem("", None)
        for choice in choices:
            self.box.addItem(choice.label, choice.id)
        completer = QCompleter(QStringListModel([c.label for c in choices], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.box.setCompleter(completer)
        self.box.setAccessibleName(self.tr("Find %1").replace("%1", name))
        self.box.lineEdit().setPlaceholderText(
            self.tr("Type to find, then Add")
            if not allow_new
            else self.tr("Type to find or name a new one, then Add")
        )
        self.country = QLineEdit(self)
        self.country.setPlaceholderText(self.tr("Country of a new one"))
        self.country.setAccessibleName(self.tr("Country of a new %1").replace("%1", name))
        self.country.setVisible(allow_new)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAccessibleName(self.tr("Add %1").replace("%1", name))
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setMaximumHeight(90)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove %1").replace("%1", name))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 3)
        row.addWidget(self.country, 1)
        row.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.list, 1)
        bottom.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(bottom)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.box.lineEdit().returnPressed.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        # Only while the list has the focus: the event form has two pickers, and a shortcut
        # for the whole window in each would make Delete ambiguous, doing nothing.
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove_button_clicked)

    def set_chosen(self, ids: Sequence[int], roles: Sequence[tuple[int, str]] = ()) -> None:
        """Show these records as chosen; ``roles`` adds records in another role, labelled."""
        self.list.clear()
        for record_id in ids:
            if record_id in self._choices:
                self._append(self._choices[record_id].label, record_id)
        for record_id, role in roles:
            if record_id in self._choices:
                item_label = f"{self._choices[record_id].label} ({label(role)})"
                self._append(item_label, record_id, role=role)
        self.changed.emit()

    def chosen_ids(self) -> tuple[int, ...]:
        """The ids of the chosen existing records in the picker's own role, in order."""
        return tuple(
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) is not None
            and self.list.item(i).data(Qt.ItemDataRole.UserRole + 2) is None
        )

    def chosen_roles(self) -> tuple[tuple[int, str], ...]:
        """(id, role) of chosen records shown in another role."""
        return tuple(
            (
                self.list.item(i).data(Qt.ItemDataRole.UserRole),
                self.list.item(i).data(Qt.ItemDataRole.UserRole + 2),
            )
            for i in range(self.list.count())
            if self.list.item(i).data(Qt.ItemDataRole.UserRole + 2) is not None
        )

    def new_records(self) -> tuple[tuple[str, str], ...]:
        """(name, country) of records to create."""
        return tuple(
            tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole + 1))  # type: ignore[misc]
            for i in range(self.list.count())
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) is None
        )

    def _append(
        self,
        text: str,
        record_id: int | None,
        new: tuple[str, str] | None = None,
        role: str | None = None,
    ) -> None:
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        if new is not None:
            item.setData(Qt.ItemDataRole.UserRole + 1, list(new))
        if role is not None:
            item.setData(Qt.ItemDataRole.UserRole + 2, role)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        text = self.box.currentText().strip()
        if not text:
            return
        choice = self._by_label.get(text.casefold())
        if choice is not None:
            if choice.id not in self.chosen_ids():
                self._append(choice.label, choice.id)
        elif self._allow_new:
            country = self.country.text().strip()
            label = self.tr("%1, %2 (new)").replace("%1", text).replace("%2", country or "?")
            self._append(label, None, (text, country))
            self.country.clear()
        else:
            return
        self.box.setCurrentIndex(0)
        self.box.clearEditText()
        self.changed.emit()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()
