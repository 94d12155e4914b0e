"""Calendar export and import: what to export, which file, and what an import would do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

CONTEXT = "CalendarDialogs"
ICS_FILTER = QT_TRANSLATE_NOOP("CalendarDialogs", "iCalendar files (*.ics);;All files (*)")
ACTIONS = {
    "add": QT_TRANSLATE_NOOP("CalendarDialogs", "Add"),
    "update": QT_TRANSLATE_NOOP("CalendarDialogs", "Update"),
    "unchanged": QT_TRANSLATE_NOOP("CalendarDialogs", "Unchanged"),
    "skip": QT_TRANSLATE_NOOP("CalendarDialogs", "Skip"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose to export: ``scope`` is "all", "shown" or "selected"."""

    scope: str
    start: date | None
    end: date | None


class ExportCalendarDialog(QDialog):
    """All events, those the Events tab shows, or the selected one; optionally a date range."""

    def __init__(
        self,
        total: int,
        shown: int,
        selected: int,
        default_scope: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export calendar"))
        self.all_radio = QRadioButton(self.tr("&All events (%1)").replace("%1", str(total)), self)
        self.shown_radio = QRadioButton(
            self.tr("Events &shown in the Events tab (%1)").replace("%1", str(shown)), self
        )
        self.selected_radio = QRadioButton(
            self.tr("The s&elected event (%1)").replace("%1", str(selected)), self
        )
        self.selected_radio.setEnabled(selected > 0)
        self.scopes = QButtonGroup(self)
        for radio, scope in (
            (self.all_radio, "all"),
            (self.shown_radio, "shown"),
            (self.selected_radio, "selected"),
        ):
            self.scopes.addButton(radio)
            radio.setProperty("scope", scope)
        {"all": self.all_radio, "shown": self.shown_radio, "selected": self.selected_radio}.get(
            default_scope, self.all_radio
        ).setChecked(True)
        self.range_check = QCheckBox(self.tr("Only events &between"), self)
        self.start_edit = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.end_edit = QDateEdit(QDate.currentDate().addYears(1), self)
        for edit, name in ((self.start_edit, self.tr("From")), (self.end_edit, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        self.range_error = QLabel(self)
        self.range_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Export…"))
        dates = QHBoxLayout()
        dates.addWidget(self.range_check)
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("and"), self))
        dates.addWidget(self.end_edit)
        layout = QVBoxLayout(self)
        for radio in (self.all_radio, self.shown_radio, self.selected_radio):
            layout.addWidget(radio)
        layout.addLayout(dates)
        layout.addWidget(self.range_error)
        layout.addWidget(self.buttons)
        self.range_check.toggled.connect(self._revalidate)
        self.start_edit.dateChanged.connect(self._revalidate)
        self.end_edit.dateChanged.connect(self._revalidate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(
        cls, parent: QWidget | None, total: int, shown: int, selected: int, default_scope: str
    ) -> ExportChoice | None:
        """Return what to export, or None if the user cancelled."""
        dialog = cls(total, shown, selected, default_scope, parent)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def choice(self) -> ExportChoice:
        """What is chosen now."""
        checked = self.scopes.checkedButton()
        scope = str(checked.property("scope")) if checked else "all"
        if not self.range_check.isChecked():
            return ExportChoice(scope, None, None)
        start, end = self.start_edit.date(), self.end_edit.date()
        return ExportChoice(
            scope,
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def _revalidate(self) -> None:
        ranged = self.range_check.isChecked()
        self.start_edit.setEnabled(ranged)
        self.end_edit.setEnabled(ranged)
        bad = ranged and self.end_edit.date() < self.start_edit.date()
        self.range_error.setText(self.tr("End is before start") if bad else "")
        self.range_error.setVisible(bad)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not bad)


class ImportPreviewDialog(QDialog):
    """What an import would add, update, leave or skip (with why), before anything is written."""

    def __init__(self, source: Path, preview: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import %1").replace("%1", source.name))
        items = getattr(preview, "items", ())
        self.summary = QLabel(
            self.tr("Adds %1, updates %2, leaves %3 unchanged and skips %4.")
            .replace("%1", str(getattr(preview, "added", 0)))
            .replace("%2", str(getattr(preview, "updated", 0)))
            .replace("%3", str(getattr(preview, "unchanged", 0)))
            .replace("%4", str(getattr(preview, "skipped", 0))),
            self,
        )
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(items), 4, self)
        self.table.setAccessibleName(self.tr("What the import would do"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Event"), self.tr("When"), self.tr("Why")]
        )
        for row, item in enumerate(items):
            for column, text in enumerate(
                (
                    _tr(ACTIONS.get(item.action, item.action)),
                    item.title,
                    item.when,
                    item.reason,
                )
            ):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Import"))
        ok.setEnabled(bool(getattr(preview, "added", 0) or getattr(preview, "updated", 0)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(820, 460)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, parent: QWidget | None, source: Path, preview: object) -> bool:
        """Show the preview; return True if the user chose to import."""
        dialog = cls(source, preview, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class CalendarFiles:
    """The system's file dialogs for calendars (tests replace these)."""

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        """Ask where to save an .ics file."""
        name, _ = QFileDialog.getSaveFileName(
            parent, _tr("Export calendar"), suggested, _tr(ICS_FILTER)
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".ics")

    @classmethod
    def open_path(cls, parent: QWidget | None) -> Path | None:
        """Ask which .ics file to import."""
        name, _ = QFileDialog.getOpenFileName(parent, _tr("Import calendar"), "", _tr(ICS_FILTER))
        return Path(name) if name else None
