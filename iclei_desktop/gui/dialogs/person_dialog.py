"""The person form: who they are, whom they work for, and their governance seats."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from ...core.dto import PersonDraft, SeatDraft
from ...core.vocabulary import SEAT_BODIES
from ..labels import label
from .form_support import (
    RecordBox,
    RecordForm,
    RowTable,
    parse_year,
    text_box,
    year_problem,
    year_text,
)

BODY, POSITION, PORTFOLIO, TERM_START, TERM_END = range(5)


class SeatTable(RowTable):
    """A person's seats, one row each: body, position, portfolio, term start and end."""

    edit_column = POSITION

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("Body"),
                self.tr("Position"),
                self.tr("Portfolio"),
                self.tr("Term from"),
                self.tr("Term to"),
            ],
            self.tr("Governance seats"),
            (self.tr("Add seat"), self.tr("Remove seat")),
            130,
            parent,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(POSITION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PORTFOLIO, QHeaderView.ResizeMode.Stretch)
        years = self.fontMetrics().horizontalAdvance(self.tr("Term from")) + 24
        self.table.setColumnWidth(
            BODY, self.fontMetrics().horizontalAdvance("East Asia RexCom") + 48
        )
        self.table.setColumnWidth(TERM_START, years)
        self.table.setColumnWidth(TERM_END, years)

    def set_seats(self, seats: tuple[SeatDraft, ...]) -> None:
        """Show these seats, one row each."""
        self._set_parts(seats)

    def seats(self) -> tuple[SeatDraft, ...]:
        """The seats as the rows say (a year that is no year is None)."""
        return tuple(
            SeatDraft(
                body=self._body(row).currentData(),
                position=self._text(row, POSITION),
                portfolio=self._text(row, PORTFOLIO),
                term_start=parse_year(self._text(row, TERM_START)),
                term_end=parse_year(self._text(row, TERM_END)),
                note=str(self._item(row, POSITION).data(Qt.ItemDataRole.UserRole) or ""),
            )
            for row in range(self.table.rowCount())
        )

    def year_problems(self) -> str:
        """The first term that is not a year, named by its seat, or ""."""
        for row in range(self.table.rowCount()):
            for column, message in (
                (TERM_START, self.tr("Seat %1: term start is not a year; write four digits")),
                (TERM_END, self.tr("Seat %1: term end is not a year; write four digits")),
            ):
                if year_problem(self._text(row, column)):
                    return message.replace("%1", str(row + 1))
        return ""

    def _add_row(self, seat: SeatDraft) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        body = QComboBox(self.table)
        body.setAccessibleName(self.tr("Body of seat %1").replace("%1", str(row + 1)))
        for value in SEAT_BODIES:
            body.addItem(label(value), value)
        found = body.findData(seat.body)
        if found < 0:
            body.addItem(label(seat.body), seat.body)
            found = body.count() - 1
        body.setCurrentIndex(found)
        body.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(row, BODY, body)
        # Tab goes from the table through the bodies to Add seat, not on past Save and Cancel.
        QWidget.setTabOrder(self.table if row == 0 else self._body(row - 1), body)
        for column, text in (
            (POSITION, seat.position),
            (PORTFOLIO, seat.portfolio),
            (TERM_START, year_text(seat.term_start)),
            (TERM_END, year_text(seat.term_end)),
        ):
            item = QTableWidgetItem(text)
            if column == POSITION:
                item.setData(Qt.ItemDataRole.UserRole, seat.note)  # carried, not shown
            self.table.setItem(row, column, item)
        return row

    def _body(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, BODY)
        assert isinstance(widget, QComboBox)
        return widget

    def _new_part(self) -> SeatDraft:
        return SeatDraft()


class PersonDialog(RecordForm):
    """Edits a PersonDraft with their governance seats."""

    kind = "person"

    def build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.honorific_edit = QLineEdit(self)
        self.honorific_edit.setPlaceholderText(self.tr("Mr, Ms, Dr, Mayor…"))
        self.native_edit = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.organization_box = RecordBox(
            self.choices.get("organizations", []), self.tr("organization"), self
        )
        self.local_government_box = RecordBox(
            self.choices.get("local_governments", []), self.tr("local government"), self
        )
        self.city_edit = QLineEdit(self)
        self.staff_check = QCheckBox(self.tr("Works at the secretariat (sta&ff)"), self)
        self.note_edit = text_box(self, 60)
        self.seats = SeatTable(self)
        self.row(self.tr("&Name"), self.name_edit, "name")
        self.row(self.tr("&Honorific"), self.honorific_edit, "honorific")
        self.row(self.tr("Nat&ive name"), self.native_edit, "native_name")
        self.row(self.tr("&Job title"), self.title_edit, "title")
        self.row(self.tr("O&rganization"), self.organization_box, "organization_id")
        self.row(self.tr("&Local government"), self.local_government_box, "local_government_id")
        self.row(self.tr("Cit&y"), self.city_edit, "city")
        self.left.addRow("", self.staff_check)
        self.row(self.tr("N&ote"), self.note_edit, "note")
        self.row(self.tr("Governance s&eats"), self.seats, "seats")
        self.watch(self.seats.changed)
        self.resize(720, 0)  # as tall as it needs

    def load(self, draft: PersonDraft) -> None:
        self._loading = True
        self.name_edit.setText(draft.name)
        self.honorific_edit.setText(draft.honorific)
        self.native_edit.setText(draft.native_name)
        self.title_edit.setText(draft.title)
        self.organization_box.set_record_id(draft.organization_id)
        self.local_government_box.set_record_id(draft.local_government_id)
        self.city_edit.setText(draft.city)
        self.staff_check.setChecked(draft.is_staff)
        self.note_edit.setPlainText(draft.note)
        self.seats.set_seats(draft.seats)
        self._loading = False

    def draft(self) -> PersonDraft:
        return PersonDraft(
            name=self.name_edit.text(),
            honorific=self.honorific_edit.text(),
            native_name=self.native_edit.text(),
            title=self.title_edit.text(),
            organization_id=self.organization_box.record_id(),
            local_government_id=self.local_government_box.record_id(),
            city=self.city_edit.text(),
            is_staff=self.staff_check.isChecked(),
            note=self.note_edit.toPlainText(),
            seats=self.seats.seats(),
        )

    def form_errors(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field, box in (
            ("organization_id", self.organization_box),
            ("local_government_id", self.local_government_box),
        ):
            problem = box.problem()
            if problem:
                found[field] = problem
        problem = self.seats.year_problems()
        if problem:
            found["seats"] = problem
        return found
