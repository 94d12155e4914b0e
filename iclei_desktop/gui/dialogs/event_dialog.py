"""The event form: every field of an event, validated as you type, Save only when valid."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTime, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.dto import Choice, EventDraft
from ...core.validation import known_time_zones, validate_event
from ..labels import label
from .record_picker import RecordPicker

# The region's zones first, then every other one.
REGION_ZONES = (
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Taipei",
    "Asia/Ulaanbaatar",
    "Asia/Hong_Kong",
)
# The core's validation messages, marked for translation where they are shown.
MESSAGES = (
    QT_TRANSLATE_NOOP("EventDialog", "Title is required"),
    QT_TRANSLATE_NOOP("EventDialog", "Start date is required"),
    QT_TRANSLATE_NOOP("EventDialog", "End date is required"),
    QT_TRANSLATE_NOOP("EventDialog", "End is before start"),
    QT_TRANSLATE_NOOP("EventDialog", "Start time is required for a timed event"),
    QT_TRANSLATE_NOOP("EventDialog", "End time is required for a timed event"),
    QT_TRANSLATE_NOOP("EventDialog", "Time zone is required for a timed event"),
    QT_TRANSLATE_NOOP("EventDialog", "Unknown time zone"),
    QT_TRANSLATE_NOOP("EventDialog", "Not a web address"),
    QT_TRANSLATE_NOOP("EventDialog", "Attendance cannot be negative"),
    QT_TRANSLATE_NOOP("EventDialog", "A new city needs a name and a country"),
)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class EventDialog(QDialog):
    """Edits an EventDraft. The caller saves it: ``ask`` returns the draft or None."""

    def __init__(
        self,
        choices: dict[str, list[Choice]],
        draft: EventDraft,
        title: str,
        parent: QWidget | None = None,
        *,
        error: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._precision = draft.date_precision
        self._date_text = draft.date_text
        self._carried = draft
        self._loading = False

        self.title_edit = QLineEdit(self)
        self.series_edit = QLineEdit(self)
        self.all_day_check = QCheckBox(self.tr("&All day"), self)
        self.start_date = QDateEdit(self)
        self.end_date = QDateEdit(self)
        self.start_time = QTimeEdit(self)
        self.end_time = QTimeEdit(self)
        for edit in (self.start_date, self.end_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        for edit in (self.start_time, self.end_time):
            edit.setDisplayFormat("HH:mm")
        self.timezone_combo = QComboBox(self)
        self.timezone_combo.setEditable(True)
        self.timezone_combo.addItems(
            [*REGION_ZONES, *sorted(known_time_zones() - set(REGION_ZONES))]
        )
        self.timezone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.imprecise_label = QLabel(self)
        self.imprecise_label.setWordWrap(True)
        self.imprecise_label.setTextFormat(Qt.TextFormat.PlainText)
        self.location_edit = QLineEdit(self)
        self.cities = RecordPicker(choices["cities"], self.tr("cities"), self, allow_new=True)
        self.organizers = RecordPicker(choices["organizations"], self.tr("organizers"), self)
        self.mode_combo = QComboBox(self)
        self.mode_combo.addItem(self.tr("Not stated"), None)
        for mode in ("in_person", "virtual", "hybrid"):
            self.mode_combo.addItem(label(mode), mode)
        self.status_combo = QComboBox(self)
        for status in ("confirmed", "tentative", "postponed", "cancelled"):
            self.status_combo.addItem(label(status), status)
        self.program_combo = QComboBox(self)
        self.program_combo.addItem(self.tr("None"), None)
        for program in choices["programs"]:
            self.program_combo.addItem(program.label, program.id)
        self.attendance_edit = QLineEdit(self)
        self.attendance_edit.setPlaceholderText(self.tr("Number of people, if known"))
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(110)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://")

        self.error_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(text: str, widget: QWidget | QHBoxLayout, *fields: str) -> None:
            box = QVBoxLayout()
            box.setSpacing(2)
            caption = QLabel(text, self)
            if isinstance(widget, QHBoxLayout):
                box.addLayout(widget)
                first = widget.itemAt(0).widget()
            else:
                box.addWidget(widget)
                widget.setAccessibleName(text.replace("&", ""))
                first = widget
            # Alt plus the underlined letter moves to the field.
            caption.setBuddy(first.box if isinstance(first, RecordPicker) else first)
            for field in fields:
                error = QLabel(self)
                error.setObjectName(f"error_{field}")
                error.setStyleSheet(error_style())
                error.setWordWrap(True)
                error.hide()
                self.error_labels[field] = error
                box.addWidget(error)
            form.addRow(caption, box)

        row(self.tr("&Title"), self.title_edit, "title")
        row(self.tr("&Series"), self.series_edit)
        starts = QHBoxLayout()
        starts.addWidget(self.start_date)
        starts.addWidget(self.start_time)
        starts.addWidget(self.all_day_check)
        starts.addStretch(1)
        ends = QHBoxLayout()
        ends.addWidget(self.end_date)
        ends.addWidget(self.end_time)
        ends.addStretch(1)
        self.start_date.setAccessibleName(self.tr("Start date"))
        self.start_time.setAccessibleName(self.tr("Start time"))
        self.end_date.setAccessibleName(self.tr("End date"))
        self.end_time.setAccessibleName(self.tr("End time"))
        row(self.tr("S&tarts"), starts, "start_date", "start_time")
        row(self.tr("&Ends"), ends, "end_date", "end_time")
        row(self.tr("Time &zone"), self.timezone_combo, "timezone")
        form.addRow("", self.imprecise_label)
        row(self.tr("&Location"), self.location_edit)
        row(self.tr("&Cities"), self.cities, "cities")
        row(self.tr("&Mode"), self.mode_combo, "mode")
        row(self.tr("Stat&us"), self.status_combo, "status")
        row(self.tr("&Program"), self.program_combo)
        row(self.tr("&Organizers"), self.organizers)
        row(self.tr("Atte&ndance"), self.attendance_edit, "attendance")
        row(self.tr("&Description"), self.description_edit, "description")
        row(self.tr("Lin&k"), self.url_edit, "url")

        self.form_error = QLabel(error or "", self)
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(error_style())
        self.form_error.setVisible(bool(error))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(640, 720)

        self.load(draft)
        self._connect_signals()
        self.revalidate()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        choices: dict[str, list[Choice]],
        draft: EventDraft,
        title: str,
        error: str | None = None,
    ) -> EventDraft | None:
        """Show the form; return the edited draft, or None if the user cancelled."""
        dialog = cls(choices, draft, title, parent, error=error)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.draft()
            return None
        finally:
            dialog.deleteLater()

    def load(self, draft: EventDraft) -> None:
        """Fill the widgets from a draft."""
        self._loading = True
        self.title_edit.setText(draft.title)
        self.series_edit.setText(draft.series)
        self.all_day_check.setChecked(draft.all_day)
        today = date.today()
        self.start_date.setDate(_qdate(draft.start_date or today))
        self.end_date.setDate(_qdate(draft.end_date or draft.start_date or today))
        self.start_time.setTime(_qtime(draft.start_time or time(9)))
        self.end_time.setTime(_qtime(draft.end_time or time(10)))
        self.timezone_combo.setCurrentText(draft.timezone or REGION_ZONES[0])
        self.location_edit.setText(draft.location)
        self.cities.set_chosen(draft.city_ids)
        self.organizers.set_chosen(draft.organizer_ids, draft.other_organizations)
        self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(draft.mode), 0))
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(draft.status), 0))
        self.program_combo.setCurrentIndex(max(self.program_combo.findData(draft.program_id), 0))
        self.attendance_edit.setText("" if draft.attendance is None else str(draft.attendance))
        self.description_edit.setPlainText(draft.description)
        self.url_edit.setText(draft.url)
        self._precision, self._date_text = draft.date_precision, draft.date_text
        self._carried = draft  # what the form does not show, passed through unchanged
        self._loading = False
        self._update_enabled()

    def draft(self) -> EventDraft:
        """Read the widgets into a draft."""
        attendance = self.attendance_edit.text().strip()
        return EventDraft(
            title=self.title_edit.text(),
            series=self.series_edit.text(),
            all_day=self.all_day_check.isChecked(),
            start_date=_date(self.start_date.date()),
            end_date=_date(self.end_date.date()),
            start_time=None if self.all_day_check.isChecked() else _time(self.start_time.time()),
            end_time=None if self.all_day_check.isChecked() else _time(self.end_time.time()),
            timezone=""
            if self.all_day_check.isChecked()
            else self.timezone_combo.currentText().strip(),
            location=self.location_edit.text(),
            city_ids=self.cities.chosen_ids(),
            new_cities=self.cities.new_records(),
            mode=self.mode_combo.currentData(),
            status=self.status_combo.currentData(),
            program_id=self.program_combo.currentData(),
            organizer_ids=self.organizers.chosen_ids(),
            attendance=int(attendance) if attendance.isdigit() else None,
            description=self.description_edit.toPlainText(),
            url=self.url_edit.text(),
            date_precision=self._precision,
            date_text=self._date_text,
            note=self._carried.note,
            # The report's words about attendance no longer hold once the number changes.
            attendance_text=self._carried.attendance_text
            if (int(attendance) if attendance.isdigit() else None) == self._carried.attendance
            else "",
            other_organizations=self.organizers.chosen_roles(),
            publication_ids=self._carried.publication_ids,
        )

    def errors(self) -> dict[str, str]:
        """What is wrong now, by field, in the user's language."""
        errors = {
            field: self.tr(message) for field, message in validate_event(self.draft()).items()
        }
        attendance = self.attendance_edit.text().strip()
        if attendance and not attendance.isdigit():
            errors["attendance"] = self.tr("Attendance must be a whole number, like 120")
        return errors

    def revalidate(self) -> None:
        """Show each field's message beside it and allow Save only when there is none."""
        errors = self.errors()
        for field, error_label in self.error_labels.items():
            error_label.setText(errors.get(field, ""))
            error_label.setVisible(field in errors)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not errors)

    def _connect_signals(self) -> None:
        for signal in (
            self.title_edit.textChanged,
            self.series_edit.textChanged,
            self.location_edit.textChanged,
            self.attendance_edit.textChanged,
            self.url_edit.textChanged,
            self.description_edit.textChanged,
            self.timezone_combo.currentTextChanged,
            self.cities.changed,
            self.mode_combo.currentIndexChanged,
            self.status_combo.currentIndexChanged,
        ):
            signal.connect(self._on_edited)
        for signal in (
            self.start_date.dateChanged,
            self.end_date.dateChanged,
            self.start_time.timeChanged,
            self.end_time.timeChanged,
        ):
            signal.connect(self._on_dates_edited)
        self.all_day_check.toggled.connect(self._on_dates_edited)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _update_enabled(self) -> None:
        timed = not self.all_day_check.isChecked()
        for widget in (self.start_time, self.end_time, self.timezone_combo):
            widget.setEnabled(timed)
        imprecise = self._precision != "day"
        self.imprecise_label.setVisible(imprecise)
        if imprecise:
            self.imprecise_label.setText(
                self.tr(
                    "The date is not fixed: the report says “%1”. Changing the dates makes "
                    "them exact."
                ).replace("%1", self._date_text)
            )

    @Slot()
    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.revalidate()

    @Slot()
    def _on_dates_edited(self, *_args: object) -> None:
        if self._loading:
            return
        # Dates the user sets are exact ones, whatever the report said.
        self._precision, self._date_text = "day", ""
        self._update_enabled()
        self.revalidate()

    # --- Qt overrides ---

    def accept(self) -> None:
        if not self.errors():
            super().accept()


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> time:
    return time(q.hour(), q.minute())


def error_style() -> str:
    """Bold red that reads on light and dark backgrounds."""
    dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return f"color: {'#ff8a80' if dark else '#c62828'}; font-weight: bold;"
