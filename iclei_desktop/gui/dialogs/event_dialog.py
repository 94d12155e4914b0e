"""The event form: every field of an event, validated as you type, Save only when valid."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QPalette, QValidator
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
    QT_TRANSLATE_NOOP("EventDialog", "Title is too long (at most 300 characters)"),
    QT_TRANSLATE_NOOP("EventDialog", "Description is too long (at most 20000 characters)"),
    QT_TRANSLATE_NOOP("EventDialog", "Unknown mode"),
    QT_TRANSLATE_NOOP("EventDialog", "Unknown status"),
)
# More than any event holds, and far below what SQLite can store.
ATTENDANCE_MAX = 1_000_000_000
# What validation lets through but the form cannot show as it is stored: a line break in a
# one-line field, and the controls that make text read otherwise than it is stored (the
# "Trojan Source" trick); and the control characters validation names in other fields.
_LINE_BREAK = re.compile("[\n\u2028\u2029]")
_DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode's Cc
_WHOLE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # as the date fields show dates
_TYPED_DATE = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,3})")  # on the way there
_HOST = re.compile(r"[\w.-]+|\[[0-9A-Fa-f:.]+\]")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DateEdit(QDateEdit):
    """A date field that takes a date as written, and refuses one that does not exist.

    Qt's own field turns a pasted 2021-03-05 into 2021-03-15 when it showed a 15th before
    (it keeps the day it had), turns a pasted 2021-02-30 into 2021-02-28 and ignores the 0
    of a typed one. This field takes a whole date as written, and keeps its date, saying
    so, rather than make up another. Typing a month still moves a 31st to the month's end.

    Signals:
        refused(str): a typed or pasted date that does not exist, as yyyy-MM-dd.
        edited(): the person changed the date in another way since.
    """

    refused = Signal(str)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")  # what _WHOLE_DATE and _TYPED_DATE read
        self.setCalendarPopup(True)
        calendar = self.calendarWidget()
        assert calendar is not None  # there is one once the popup is on
        calendar.clicked.connect(self.edited)
        calendar.activated.connect(self.edited)

    def written(self, text: str) -> QDate | None:
        """The date ``text`` spells out in full, if it is a real one this field can hold."""
        parts = _WHOLE_DATE.fullmatch(text)
        if parts is None:
            return None
        year, month, day = (int(part) for part in parts.groups())
        if not QDate.isValid(year, month, day):
            return None
        written = QDate(year, month, day)
        return written if self.minimumDate() <= written <= self.maximumDate() else None

    def _validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if self.written(text) is not None:
            return QValidator.State.Acceptable, text, pos
        state, fixed, fixed_pos = super().validate(text, pos)
        parts = _TYPED_DATE.fullmatch(text)
        # Only what Qt would refuse or change: "2021-01-0" on the way to "2021-01-05" is fine.
        if parts is None or (state != QValidator.State.Invalid and fixed == text):
            return state, fixed, fixed_pos
        year, month, day = (int(part) for part in parts.groups())
        if QDate.isValid(year, month, day):
            return state, fixed, fixed_pos
        carried = parts.group(3) == self.text().rpartition("-")[2]
        if state != QValidator.State.Invalid and carried and 1 <= month <= 12 and year:
            return state, fixed, fixed_pos  # a new month for the day it had: Qt fits the day
        self.refused.emit(f"{year:04}-{month:02}-{day:02}")
        return QValidator.State.Invalid, text, pos

    # --- Qt overrides ---

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        result = self._validate(text, pos)
        # A keystroke or paste the field takes; not Qt writing "2021-04-3" as "2021-04-03".
        if result[0] != QValidator.State.Invalid and _spelled(text) != _spelled(self.text()):
            self.edited.emit()
        return result

    def stepBy(self, steps: int) -> None:
        self.edited.emit()  # arrow keys, Page Up and Down, the mouse wheel
        super().stepBy(steps)

    def dateTimeFromText(self, text: str) -> QDateTime:
        moment = super().dateTimeFromText(text)
        written = self.written(text)
        if written is not None:
            moment.setDate(written)
        return moment


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
        # Dates the fields refused, by field, until the person changes that date otherwise.
        self._refused: dict[str, str] = {}
        self._error = error or ""

        self.title_edit = QLineEdit(self)
        self.series_edit = QLineEdit(self)
        self.all_day_check = QCheckBox(self.tr("&All day"), self)
        self.start_date = DateEdit(self)
        self.end_date = DateEdit(self)
        self.start_time = QTimeEdit(self)
        self.end_time = QTimeEdit(self)
        for clock in (self.start_time, self.end_time):
            clock.setDisplayFormat("HH:mm")
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
                # A row's layout starts with its first field.
                first: QWidget = widget.itemAt(0).widget()  # type: ignore[union-attr,assignment]
            else:
                box.addWidget(widget)
                widget.setAccessibleName(text.replace("&", ""))
                first = widget
            # Alt plus the underlined letter moves to the field.
            caption.setBuddy(first.box if isinstance(first, RecordPicker) else first)
            for field in fields:
                self.error_labels[field] = error_label(self, f"error_{field}")
                box.addWidget(self.error_labels[field])
            form.addRow(caption, box)

        row(self.tr("&Title"), self.title_edit, "title")
        row(self.tr("&Series"), self.series_edit, "series")
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
        row(self.tr("&Location"), self.location_edit, "location")
        row(self.tr("&Cities"), self.cities, "cities")
        row(self.tr("&Mode"), self.mode_combo, "mode")
        row(self.tr("Stat&us"), self.status_combo, "status")
        row(self.tr("&Program"), self.program_combo)
        row(self.tr("&Organizers"), self.organizers, "organizers")
        row(self.tr("Atte&ndance"), self.attendance_edit, "attendance")
        row(self.tr("&Description"), self.description_edit, "description")
        row(self.tr("Lin&k"), self.url_edit, "url")

        self.form_error = error_label(self, "form_error", hidden=False)
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
        self._refused.clear()
        self._loading = False
        self._update_enabled()

    def draft(self) -> EventDraft:
        """Read the widgets into a draft."""
        attendance = self._attendance()
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
            attendance=attendance,
            description=self.description_edit.toPlainText(),
            url=self.url_edit.text(),
            date_precision=self._precision,
            date_text=self._date_text,
            note=self._carried.note,
            # The report's words about attendance no longer hold once the number changes.
            attendance_text=self._carried.attendance_text
            if attendance == self._carried.attendance
            else "",
            other_organizations=self.organizers.chosen_roles(),
            publication_ids=self._carried.publication_ids,
        )

    def errors(self) -> dict[str, str]:
        """What is wrong now, by field, in the user's language."""
        draft = self.draft()
        errors = {field: self.tr(message) for field, message in validate_event(draft).items()}
        url = draft.url.strip()
        if "url" in errors:
            errors["url"] = self._url_message(url)
        elif url and not _has_host(url):
            errors["url"] = self.tr("Not a web address")
        names = "".join(name for name, _country in draft.new_cities)
        countries = "".join(country for _name, country in draft.new_cities)
        control = _CONTROL.search(countries)
        if control and not _CONTROL.search(names):
            errors["cities"] = self.tr(
                "A new city's country holds a control character (%1), which cannot be saved"
            ).replace("%1", _code(control.group()))
        # Named first: whatever else is wrong, the person cannot see these to put them right.
        for field, text, one_line in (
            ("title", draft.title, True),
            ("series", draft.series, True),
            ("location", draft.location, True),
            ("description", draft.description, False),
            ("url", draft.url, True),
            ("cities", names + countries, True),
        ):
            problem = self._unseen(text, one_line=one_line)
            if problem:
                errors[field] = problem
        attendance = self.attendance_edit.text().strip()
        if attendance and not attendance.isdecimal():
            errors["attendance"] = self.tr("Attendance must be a whole number, like 120")
        elif attendance and self._attendance() is None:
            errors["attendance"] = self.tr("Attendance must be at most %1").replace(
                "%1", QLocale().toString(ATTENDANCE_MAX)
            )
        if not draft.all_day and "timezone" not in errors:
            for field, day, clock in (
                ("start_time", draft.start_date, draft.start_time),
                ("end_time", draft.end_date, draft.end_time),
            ):
                if (
                    day
                    and clock
                    and field not in errors
                    and _clock(day, clock, draft.timezone) == "gap"
                ):
                    errors[field] = (
                        self.tr("There is no %1 on %2 in %3: the clocks go forward past it")
                        .replace("%1", f"{clock:%H:%M}")
                        .replace("%2", day.isoformat())
                        .replace("%3", draft.timezone)
                    )
        for field, picker in (("cities", self.cities), ("organizers", self.organizers)):
            if field not in errors and picker.box.currentText().strip():
                errors[field] = self._pending_message(picker)
        return errors

    def notes(self) -> dict[str, str]:
        """What is worth knowing but not wrong, by field.

        That is a date the field refused (it shows, and would save, the one it has) and a
        time the clocks pass twice.
        """
        draft = self.draft()
        found = {
            field: self.tr("%1 is not a date").replace("%1", text)
            for field, text in self._refused.items()
        }
        if draft.all_day or draft.timezone not in known_time_zones():
            return found
        for field, day, clock in (
            ("start_time", draft.start_date, draft.start_time),
            ("end_time", draft.end_date, draft.end_time),
        ):
            if day and clock and _clock(day, clock, draft.timezone) == "twice":
                found[field] = (
                    self.tr("%1 comes twice on %2 in %3 as the clocks go back; the first is meant")
                    .replace("%1", f"{clock:%H:%M}")
                    .replace("%2", day.isoformat())
                    .replace("%3", draft.timezone)
                )
        return found

    def revalidate(self) -> None:
        """Show each field's message beside it and allow Save only when there is none."""
        errors = self.errors()
        notes = self.notes()
        # Said below the form: what the caller found on saving, and what is wrong with a
        # field the form does not show (a note carried through, say).
        elsewhere = [message for field, message in errors.items() if field not in self.error_labels]
        below = "\n".join([*elsewhere, *([self._error] if self._error else [])])
        self.form_error.setText(below)
        self.form_error.setVisible(bool(below))
        for field, error_label in self.error_labels.items():
            error_label.setText(errors.get(field) or notes.get(field, ""))
            style = error_style() if field in errors else note_style()
            if error_label.styleSheet() != style:  # restyling is slow, and this runs per key
                error_label.setStyleSheet(style)
            error_label.setVisible(field in errors or field in notes)
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
            self.organizers.changed,
            self.cities.box.editTextChanged,
            self.organizers.box.editTextChanged,
        ):
            signal.connect(self._on_edited)
        self.start_date.refused.connect(self._on_start_date_refused)
        self.end_date.refused.connect(self._on_end_date_refused)
        self.start_date.edited.connect(self._on_start_date_edited)
        self.end_date.edited.connect(self._on_end_date_edited)
        for signal in (
            self.start_date.dateChanged,
            self.end_date.dateChanged,
            self.start_time.timeChanged,
            self.end_time.timeChanged,
        ):
            signal.connect(self._on_dates_edited)
        self.all_day_check.toggled.connect(self._on_dates_edited)
        for picker in (self.cities, self.organizers):
            for box in (picker.box, picker.box.lineEdit()):
                if box is not None:
                    box.installEventFilter(self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _attendance(self) -> int | None:
        """The attendance typed, if it is a whole number the catalogue can hold."""
        text = self.attendance_edit.text().strip()
        # isdecimal, not isdigit: int() refuses "²" and "①", which isdigit accepts.
        if not text.isdecimal() or len(text.lstrip("0")) > len(str(ATTENDANCE_MAX)):
            return None
        number = int(text)
        return number if number <= ATTENDANCE_MAX else None

    def _unseen(self, text: str, *, one_line: bool) -> str:
        """Say what validation lets through that the field cannot show as it is, or ""."""
        direction = _DIRECTION_CONTROL.search(text)
        if direction:
            return self.tr(
                "Contains a hidden text-direction control (%1) that makes it read "
                "otherwise than it is saved; delete it"
            ).replace("%1", _code(direction.group()))
        if one_line and _LINE_BREAK.search(text):
            return self.tr("Contains a line break; this field holds one line")
        return ""

    def _url_message(self, url: str) -> str:
        """Say what is wrong with a link validation refused, as precisely as the text allows."""
        control = _CONTROL.search(url)
        if control:
            return self.tr("Link holds a control character (%1), which cannot be saved").replace(
                "%1", _code(control.group())
            )
        scheme = urlsplit(url).scheme if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
        if not scheme:
            return self.tr("Not a web address: start it with https://")
        if scheme.lower() not in {"http", "https"}:
            return self.tr("Only http:// and https:// addresses can be linked")
        if any(character.isspace() for character in url):
            return self.tr("Not a web address: it contains a space")
        return self.tr("Not a web address")

    def _pending_message(self, picker: RecordPicker) -> str:
        """What to do with text typed into a picker but not added (Save would drop it)."""
        text = picker.box.currentText().strip()
        # Add takes a name from the list whatever its case (and only such a name here).
        if (
            picker is self.organizers
            and picker.box.findText(text, Qt.MatchFlag.MatchFixedString) < 1
        ):
            return self.tr(
                "No organization is called that; pick one from the list or clear the box"
            )
        return self.tr("Press Add to add it, or clear the box")

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

    @Slot(str)
    def _on_start_date_refused(self, text: str) -> None:
        self._refused["start_date"] = text
        self.revalidate()

    @Slot(str)
    def _on_end_date_refused(self, text: str) -> None:
        self._refused["end_date"] = text
        self.revalidate()

    @Slot()
    def _on_start_date_edited(self) -> None:
        if self._refused.pop("start_date", None) is not None:
            self.revalidate()

    @Slot()
    def _on_end_date_edited(self) -> None:
        if self._refused.pop("end_date", None) is not None:
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in a picker's box means its Add, not Save.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            for picker in (self.cities, self.organizers):
                if watched in (picker.box, picker.box.lineEdit()):
                    picker.add_button.click()
                    return True
        return super().eventFilter(watched, event)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> time:
    return time(q.hour(), q.minute())


def _code(character: str) -> str:
    """A character as Unicode names it: "U+202E"."""
    return f"U+{ord(character):04X}"


def _spelled(text: str) -> tuple[int, ...] | str:
    """The year, month and day a date field's text spells, or the text if it spells none."""
    parts = _TYPED_DATE.fullmatch(text)
    return text if parts is None else tuple(int(part) for part in parts.groups())


def _clock(day: date, clock: time, zone_name: str) -> str:
    """Whether a wall-clock time exists once ("once"), never ("gap") or twice ("twice")."""
    if zone_name not in known_time_zones():
        return "once"
    zone = ZoneInfo(zone_name)
    first = datetime.combine(day, clock, zone)
    if first.utcoffset() == first.replace(fold=1).utcoffset():
        return "once"
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return "twice" if back == first.replace(tzinfo=None) else "gap"


def _has_host(url: str) -> bool:
    """Whether a link's host is a name or an address (not, say, "<b>x<")."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return bool(_HOST.fullmatch(host))


def note_style() -> str:
    """Plain and italic: worth knowing, not wrong."""
    return "font-style: italic;"


def error_label(parent: QWidget, name: str, *, hidden: bool = True) -> QLabel:
    """A label for a form's error message, plain text since it may quote what was typed."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(error_style())
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setHidden(hidden)
    return label


def error_style() -> str:
    """Bold red that reads on light and dark backgrounds."""
    dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return f"color: {'#ff8a80' if dark else '#c62828'}; font-weight: bold;"
