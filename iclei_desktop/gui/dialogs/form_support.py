"""What the record forms share: a validating dialog, link lists, record boxes, year fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dto import Choice
from ...core.validation import validate_record
from ..labels import label
from .event_dialog import error_label

CONTEXT = "RecordForm"  # the core's messages are translated in this context
# The core's fixed messages, marked for translation where they are shown; those that name a
# number or a record pass through in English.
MESSAGES = (
    QT_TRANSLATE_NOOP("RecordForm", "Name is required"),
    QT_TRANSLATE_NOOP("RecordForm", "Title is required"),
    QT_TRANSLATE_NOOP("RecordForm", "Country is required"),
    QT_TRANSLATE_NOOP("RecordForm", "Language is required"),
    QT_TRANSLATE_NOOP("RecordForm", "Unknown kind"),
    QT_TRANSLATE_NOOP("RecordForm", "Unknown status"),
    QT_TRANSLATE_NOOP("RecordForm", "Unknown date precision"),
    QT_TRANSLATE_NOOP("RecordForm", "End year is before start year"),
    QT_TRANSLATE_NOOP(
        "RecordForm", "Only a member has a year it joined: set it as a member or clear the year"
    ),
    QT_TRANSLATE_NOOP("RecordForm", "Not a language code (such as en or zh-Hans)"),
    QT_TRANSLATE_NOOP("RecordForm", "Not a web address"),
    QT_TRANSLATE_NOOP("RecordForm", "Date precision is required with a date"),
    QT_TRANSLATE_NOOP("RecordForm", "Date is required with a date precision"),
)
_INDEXED = re.compile(r"([a-z_]+)(?:\.|\[)(\d+)\]?(?:\.(\w+))?")  # "seats.1.term_end", "seats[1]"


def translated(message: str) -> str:
    """A core message in the user's language (the core writes plain English)."""
    return QCoreApplication.translate(CONTEXT, message)


def year_text(value: int | None) -> str:
    """A year as a year field shows it."""
    return "" if value is None else str(value)


def parse_year(text: str) -> int | None:
    """The year typed, or None when the field is empty or holds no year."""
    text = text.strip()
    if not text.isascii() or not text.isdecimal() or len(text) != 4:
        return None
    return int(text)


def year_problem(text: str) -> str:
    """Why a year field's text is no year, or "" when it is one or empty."""
    if text.strip() and parse_year(text) is None:
        return QCoreApplication.translate(CONTEXT, "Not a year: write four digits, like 2020")
    return ""


def year_edit(parent: QWidget) -> QLineEdit:
    """A short field for a four-digit year."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText(QCoreApplication.translate(CONTEXT, "Year, like 2020"))
    edit.setMaxLength(8)  # room for a typo the message can name
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0000000000000") + 20)
    return edit


def text_box(parent: QWidget, height: int = 80) -> QPlainTextEdit:
    """A multi-line text field that Tab leaves rather than fills."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    # A fixed height: the form's rows stay together and the dialog's spare room goes below.
    edit.setFixedHeight(height)
    return edit


def vocabulary_combo(parent: QWidget, values: Sequence[str], none: str | None = None) -> QComboBox:
    """A drop-down of vocabulary codes shown by their labels; ``none`` first if given."""
    combo = QComboBox(parent)
    if none is not None:
        combo.addItem(none, None)
    for value in values:
        combo.addItem(label(value), value)
    return combo


def set_data(combo: QComboBox, value: Any) -> None:
    """Choose the item holding ``value``, adding it (as its label) when the list lacks it."""
    found = combo.findData(value)
    if found < 0:
        combo.addItem(label(value), value)
        found = combo.count() - 1
    combo.setCurrentIndex(found)


class ValueCombo(QComboBox):
    """An editable drop-down of existing values (countries, languages) that takes new ones."""

    def __init__(self, values: Sequence[Choice | str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", "")
        for value in values:
            text = value.label if isinstance(value, Choice) else value  # Choice(0, "Korea")
            self.addItem(label(text), text)
        completer = self.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)

    def value(self) -> str:
        """The value chosen: a listed one by its label, or the text typed."""
        text = self.currentText().strip()
        found = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.itemData(found)) if found > 0 else text

    def set_value(self, value: str) -> None:
        """Show ``value`` (its label when it is listed)."""
        found = self.findData(value)
        self.setEditText(self.itemText(found) if found >= 0 else value)


class RecordBox(QComboBox):
    """One linked record, found by typing: "None" or a record from the list.

    Signals:
        changed(): the text or the record chosen changed.
    """

    changed = Signal()

    def __init__(self, choices: Sequence[Choice], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._none = QCoreApplication.translate(CONTEXT, "None")
        self._gone = QCoreApplication.translate(CONTEXT, "(no longer in the catalogue)")
        self.addItem(self._none, None)
        for choice in choices:
            self.addItem(choice.label, choice.id)
        completer = QCompleter(QStringListModel([c.label for c in choices], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.editTextChanged.connect(self.changed)
        self.currentIndexChanged.connect(self.changed)

    def record_id(self) -> int | None:
        """The id of the record named, or None (for "None", nothing or an unknown name)."""
        found = self._found()
        return None if found <= 0 else int(self.itemData(found))

    def set_record_id(self, record_id: int | None) -> None:
        """Show a record, or "None"; a record not in the list (deleted since) is marked so."""
        found = self.findData(record_id) if record_id is not None else 0
        self.setCurrentIndex(max(found, 0))
        if found < 0:
            self.setEditText(self._gone)

    def exclude(self, record_id: int | None) -> None:
        """Leave out a record (a record cannot be its own parent)."""
        found = self.findData(record_id) if record_id is not None else -1
        if found > 0:
            self.removeItem(found)

    def problem(self) -> str:
        """Why the text names no record, or ""."""
        text = self.currentText().strip()
        if not text or text.casefold() == self._none.casefold() or self._found() > 0:
            return ""
        if text == self._gone:
            return QCoreApplication.translate(
                CONTEXT, "That %1 is no longer in the catalogue; pick another or clear the box"
            ).replace("%1", self.name)
        return QCoreApplication.translate(
            CONTEXT, "No %1 is called that; pick one from the list or clear the box"
        ).replace("%1", self.name)

    def _found(self) -> int:
        text = self.currentText().strip()
        if self.currentIndex() > 0 and self.itemText(self.currentIndex()) == text:
            return self.currentIndex()
        return self.findText(text, Qt.MatchFlag.MatchFixedString)


class LinkList(QWidget):
    """Linked records in order, each perhaps with a role: find one, pick its role, Add.

    Up and Down (when ``ordered``) move the selected link; Remove or the Delete key drops it.

    Signals:
        changed(): the links, or the text in the find box, changed.
    """

    changed = Signal()

    def __init__(
        self,
        choices: Sequence[Choice],
        name: str,
        parent: QWidget | None = None,
        *,
        roles: Sequence[str] = (),
        ordered: bool = False,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._labels = {c.id: c.label for c in choices}
        self._by_label = {c.label.casefold(): c for c in choices}
        self.box = QComboBox(self)
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setMinimumContentsLength(16)
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.addItem("", None)
        for choice in choices:
            self.box.addItem(choice.label, choice.id)
        completer = QCompleter(QStringListModel([c.label for c in choices], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.box.setCompleter(completer)
        self.box.setAccessibleName(self.tr("Find %1").replace("%1", name))
        line = self.box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Type to find, then Add"))
            line.installEventFilter(self)
        self.role_combo: QComboBox | None = None
        if roles:
            self.role_combo = vocabulary_combo(self, roles)
            self.role_combo.setAccessibleName(self.tr("Role of the %1").replace("%1", name))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.setAccessibleName(self.tr("Add %1").replace("%1", name))
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setFixedHeight(84)
        self.up_button = QPushButton(self.tr("Up"), self)
        self.down_button = QPushButton(self.tr("Down"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        for button, what in (
            (self.up_button, self.tr("Move up in %1")),
            (self.down_button, self.tr("Move down in %1")),
            (self.remove_button, self.tr("Remove from %1")),
        ):
            button.setAutoDefault(False)
            button.setAccessibleName(what.replace("%1", name))
        self.up_button.setVisible(ordered)
        self.down_button.setVisible(ordered)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.box, 3)
        if self.role_combo is not None:
            top.addWidget(self.role_combo, 1)
        top.addWidget(self.add_button)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(2)
        for button in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.list, 1)
        bottom.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button.clicked.connect(self._on_down_button_clicked)
        self.box.editTextChanged.connect(self.changed)
        # Set apart: PySide6 takes a context given to the constructor with a callable as the
        # default, the window's, and a form's several lists then make Delete ambiguous.
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove_button_clicked)

    def set_links(self, links: Sequence[tuple[int, str | None]]) -> None:
        """Show these (id, role) links, in order; role None where there are no roles."""
        self.list.clear()
        for record_id, role in links:
            self._append(record_id, role)
        self.changed.emit()

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these records, in order, with no role."""
        self.set_links([(i, None) for i in ids])

    def links(self) -> tuple[tuple[int, str], ...]:
        """The (id, role) links in order."""
        return tuple((int(i), str(r or "")) for i, r in self._items())

    def ids(self) -> tuple[int, ...]:
        """The ids linked, in order."""
        return tuple(int(i) for i, _ in self._items())

    def problem(self) -> str:
        """What to do with text typed but not added (Save would drop it), or with a link to a
        record deleted since the form opened; else ""."""
        if any(record_id not in self._labels for record_id in self.ids()):
            return self.tr("One of these is no longer in the catalogue: select it and press Remove")
        text = self.box.currentText().strip()
        if not text:
            return ""
        if text.casefold() not in self._by_label:
            # The name is plural ("funders and partners"), hence "none of the".
            return self.tr(
                "None of the %1 is called that; pick one from the list or clear the box"
            ).replace("%1", self.name)
        return self.tr("Press Add to add it, or clear the box")

    def _items(self) -> list[tuple[Any, Any]]:
        return [
            (
                self.list.item(row).data(Qt.ItemDataRole.UserRole),
                self.list.item(row).data(Qt.ItemDataRole.UserRole + 1),
            )
            for row in range(self.list.count())
        ]

    def _append(self, record_id: int, role: str | None) -> None:
        text = self._labels.get(record_id) or self.tr("(no longer in the catalogue)")
        if role:
            text = f"{text} ({label(role)})"
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, role)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        choice = self._by_label.get(self.box.currentText().strip().casefold())
        if choice is None:
            return
        role = self.role_combo.currentData() if self.role_combo is not None else None
        if (choice.id, role) not in self._items():
            self._append(choice.id, role)
        self.box.setCurrentIndex(0)
        self.box.clearEditText()
        self.changed.emit()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    @Slot()
    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_button_clicked(self) -> None:
        self._move(1)

    # --- Qt overrides ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the find box means Add, not Save.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.box.currentText().strip()
        ):
            self.add_button.click()
            return True
        return super().eventFilter(watched, event)


class RowTable(QWidget):
    """A record's parts edited in place, one row each, with buttons to add and remove rows.

    Subclasses say how a part fills a row (``_add_row``), what a new part is (``_new_part``),
    and read the rows back; ``edit_column`` is the cell a new row starts editing in.

    Signals:
        changed(): a row was added, removed or edited.
    """

    changed = Signal()
    edit_column = 0

    def __init__(
        self,
        headers: Sequence[str],
        name: str,
        buttons: tuple[str, str],
        height: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setAccessibleName(name)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the table; the arrow keys move between its cells and F2 or typing edits.
        self.table.setTabKeyNavigation(False)
        self.table.setFixedHeight(height)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.add_button = QPushButton(buttons[0], self)
        self.remove_button = QPushButton(buttons[1], self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemChanged.connect(self.changed)

    def edit_cell(self, row: int, column: int, text: str) -> None:
        """Put text into a cell, as typing it would."""
        self._item(row, column).setText(text)

    def _set_parts(self, parts: Iterable[Any]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for part in parts:
            self._add_row(part)
        self.table.blockSignals(False)
        self.changed.emit()

    def _add_row(self, part: Any) -> int:
        raise NotImplementedError

    def _new_part(self) -> Any:
        raise NotImplementedError

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem("")
            self.table.setItem(row, column, item)
        return item

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.table.blockSignals(True)
        row = self._add_row(self._new_part())
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, self.edit_column)
        self.table.setFocus()
        self.changed.emit()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()


class RecordForm(QDialog):
    """A record's form: fields in one or two columns, each with its message beside it.

    Subclasses set ``kind``, build their fields in ``build()`` with ``row()``, and give
    ``load()``, ``draft()`` and, for what only the form can see, ``form_errors()``.
    """

    kind: ClassVar[str] = ""

    def __init__(
        self,
        choices: dict[str, list[Choice]],
        draft: Any,
        title: str,
        parent: QWidget | None = None,
        *,
        error: str | dict[str, str] | None = None,
        record_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.choices = choices
        self.record_id = record_id
        self._loading = False
        # What saving found (a parent inside the record itself, say): by field when the core
        # said which, until the person edits the form; else said below the fields.
        self._saved_errors = dict(error) if isinstance(error, dict) else {}
        self._error = error if isinstance(error, str) else ""
        self.error_labels: dict[str, QLabel] = {}
        self.left = self._form()
        self.right = self._form()
        self.build()
        columns = QHBoxLayout()
        for form in (self.left, self.right):
            if form.rowCount():
                column = QVBoxLayout()  # rows keep their height; the space goes below them
                column.addLayout(form)
                column.addStretch(1)
                columns.addLayout(column, 1)
        columns.setSpacing(18)
        self.form_error = error_label(self, "form_error", hidden=False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)  # Enter saves, when Save is allowed
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addStretch(1)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.load(draft)
        self._connect_fields()
        self.resize(self.width(), self.sizeHint().height())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.revalidate()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        choices: dict[str, list[Choice]],
        draft: Any,
        title: str,
        error: str | dict[str, str] | None = None,
        record_id: int | None = None,
    ) -> Any:
        """Show the form; return the edited draft, or None if the user cancelled."""
        dialog = cls(choices, draft, title, parent, error=error, record_id=record_id)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.draft()
            return None
        finally:
            dialog.deleteLater()

    # --- for subclasses ---

    def build(self) -> None:
        """Create the fields and place them with ``row()``."""
        raise NotImplementedError

    def load(self, draft: Any) -> None:
        """Fill the widgets from a draft."""
        raise NotImplementedError

    def draft(self) -> Any:
        """Read the widgets into a draft."""
        raise NotImplementedError

    def form_errors(self) -> dict[str, str]:
        """What the form sees that the draft cannot carry: text that is no year, say."""
        return {}

    def row(
        self,
        text: str,
        widget: QWidget | QHBoxLayout,
        *fields: str,
        form: QFormLayout | None = None,
    ) -> QLabel:
        """Place a field under its caption, with a message label per draft field it edits."""
        box = QVBoxLayout()
        box.setSpacing(2)
        caption = QLabel(text, self)
        if isinstance(widget, QHBoxLayout):
            box.addLayout(widget)
            item = widget.itemAt(0)
            first = item.widget() if item is not None else None
        else:
            box.addWidget(widget)
            first = widget
        if first is not None:
            if not self.error_labels and not self.left.rowCount():
                first.setFocus()  # the form opens on its first field
            if not first.accessibleName():
                first.setAccessibleName(text.replace("&", ""))
            buddy = first.box if isinstance(first, LinkList) else first
            caption.setBuddy(buddy)  # Alt plus the underlined letter moves to the field
        for field in fields:
            self.error_labels[field] = error_label(self, f"error_{field}")
            box.addWidget(self.error_labels[field])
        (form or self.left).addRow(caption, box)
        return caption

    def watch(self, *signals: Any) -> None:
        """Revalidate whenever one of these signals fires."""
        for signal in signals:
            signal.connect(self._on_edited)

    # --- validation ---

    def errors(self) -> dict[str, str]:
        """What is wrong now, by field, in the user's language."""
        found: dict[str, str] = {}
        for key, message in validate_record(self.kind, self.draft()).items():
            field, text = self._place(key, translated(message))
            found.setdefault(field, text)
        found.update(self.form_errors())
        for key, message in self._saved_errors.items():
            field, text = self._place(key, translated(message))
            found.setdefault(field, text)
        return found

    def revalidate(self) -> None:
        """Show each field's message beside it and allow Save only when there is none."""
        errors = self.errors()
        elsewhere = [text for field, text in errors.items() if field not in self.error_labels]
        below = "\n".join([*elsewhere, *([self._error] if self._error else [])])
        self.form_error.setText(below)
        self.form_error.setVisible(bool(below))
        for field, message in self.error_labels.items():
            message.setText(errors.get(field, ""))
            message.setVisible(field in errors)
        self.save_button.setEnabled(not errors)

    def _place(self, key: str, message: str) -> tuple[str, str]:
        """The label a core message goes beside: "seats.1.term_end" goes beside the seats."""
        if key in self.error_labels:
            return key, message
        indexed = _INDEXED.fullmatch(key)
        if indexed is not None and indexed.group(1) in self.error_labels:
            prefix = self.tr("Row %1: ").replace("%1", str(int(indexed.group(2)) + 1))
            return indexed.group(1), prefix + message
        base = re.split(r"[.\[]", key, maxsplit=1)[0]
        return (base if base in self.error_labels else key), message

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(8)  # the style's 18 spreads a long form past a laptop's screen
        return form

    def _connect_fields(self) -> None:
        """Revalidate on every edit of every field (subclasses' widgets included)."""
        for child in self.findChildren(QWidget):
            if isinstance(child, (LinkList, RecordBox)):
                child.changed.connect(self._on_edited)
            elif isinstance(child, QPlainTextEdit) or (
                isinstance(child, QLineEdit) and not isinstance(child.parent(), QComboBox)
            ):
                child.textChanged.connect(self._on_edited)
            elif isinstance(child, QComboBox) and not isinstance(child, RecordBox):
                child.currentIndexChanged.connect(self._on_edited)
                if child.isEditable():
                    child.editTextChanged.connect(self._on_edited)
            elif isinstance(child, QCheckBox):
                child.toggled.connect(self._on_edited)

    @Slot()
    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self._saved_errors.clear()
            self.revalidate()

    # --- Qt overrides ---

    def accept(self) -> None:
        if not self.errors():
            super().accept()
