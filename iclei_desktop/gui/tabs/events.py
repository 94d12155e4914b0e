"""The Events tab: a month calendar marking event days, beside an agenda and the details."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, Qt, Slot
from PySide6.QtGui import QBrush, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.api import Catalogue
from ...core.dto import EventRow
from ...core.services.listing import Query
from ..labels import label
from ..models.record_model import Column
from .record_tab import RecordTab

COLUMNS: tuple[Column[EventRow], ...] = (
    Column(
        QT_TRANSLATE_NOOP("EventsTab", "When"),
        lambda r: r.when,
        sort=lambda r: f"{r.start_date.isoformat()} {r.end_date.isoformat()}",
    ),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Title"), lambda r: r.title),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Location"), lambda r: r.location or ""),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Mode"), lambda r: label(r.mode)),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Status"), lambda r: label(r.status)),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Program"), lambda r: r.program or ""),
    Column(QT_TRANSLATE_NOOP("EventsTab", "Series"), lambda r: r.series or ""),
)

# What the agenda lists: the day picked, the month or year shown, or every date.
SCOPE_DAY, SCOPE_MONTH, SCOPE_YEAR, SCOPE_RANGE, SCOPE_ALL = "day", "month", "year", "range", "all"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


class EventsTab(RecordTab[EventRow]):
    """The events calendar."""

    kind = "event"
    screen = "events"

    def __init__(
        self, catalogue: Catalogue, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        self.today = today or date.today()
        super().__init__(
            catalogue,
            COLUMNS,
            "EventsTab",
            self.tr("Filter events by title, place, series…"),
            self.tr("Select an event for its program, cities, organizers and publications."),
            self.tr("Events agenda"),
            parent,
            muted=lambda row: row.end_date < self.today,
        )
        self.scope = SCOPE_ALL
        self._marked: object = None  # the page and filters the calendar's marks are for
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setSelectedDate(_qdate(self.today))

        self.scope_combo = QComboBox(self)
        self.scope_combo.setAccessibleName(self.tr("Show"))
        for text, value in (
            (self.tr("Show: the day picked"), SCOPE_DAY),
            (self.tr("Show: the month shown"), SCOPE_MONTH),
            (self.tr("Show: the year shown"), SCOPE_YEAR),
            (self.tr("Show: from … to …"), SCOPE_RANGE),
            (self.tr("Show: all dates"), SCOPE_ALL),
        ):
            self.scope_combo.addItem(text, value)
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(SCOPE_ALL))
        self.range_from = QDateEdit(_qdate(date(self.today.year, 1, 1)), self)
        self.range_to = QDateEdit(_qdate(date(self.today.year, 12, 31)), self)
        for edit, name in ((self.range_from, self.tr("From")), (self.range_to, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setToolTip(name)
            edit.setEnabled(False)
        self.today_button = QPushButton(self.tr("&Today"), self)
        self.today_button.setToolTip(self.tr("Show this month on the calendar"))

        self.query = replace(self.query, today=self.today)
        choices = QGridLayout()
        self.timing_combo = self.add_choice(
            self.tr("Timing"),
            "timing",
            lambda _values: [(self.tr("Upcoming"), "upcoming"), (self.tr("Past"), "past")],
            choices,
        )
        self.year_combo = self.add_choice(
            self.tr("Year"), "year", lambda years: [(str(y), y) for y in years], choices
        )
        self.program_combo = self.add_choice(
            self.tr("Program"), "program", lambda names: [(p, p) for p in names], choices
        )
        self.pathway_combo = self.add_choice(
            self.tr("Pathway"), "pathway", lambda names: [(p, p) for p in names], choices
        )
        self.mode_combo = self.add_choice(
            self.tr("Mode"),
            "mode",
            lambda _values: [(label(m), m) for m in ("in_person", "virtual", "hybrid")],
            choices,
        )
        self.status_combo = self.add_choice(
            self.tr("Status"),
            "status",
            lambda _values: [
                (label(s), s) for s in ("confirmed", "tentative", "postponed", "cancelled")
            ],
            choices,
        )
        self.city_combo = self.add_choice(
            self.tr("City"), "city", lambda names: [(c, c) for c in names], choices
        )
        # Lay the filters out in two columns beside the calendar.
        widgets = [choices.itemAt(i).widget() for i in range(choices.count())]
        for i, widget in enumerate(widgets):
            choices.addWidget(widget, i // 2, i % 2)
        controls = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.scope_combo, 1)
        top.addWidget(self.today_button)
        controls.addLayout(top)
        dates = QHBoxLayout()
        dates.addWidget(self.range_from, 1)
        dates.addWidget(self.range_to, 1)
        controls.addLayout(dates)
        controls.addLayout(choices)
        controls.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.calendar)
        row.addLayout(controls, 1)
        self.list_side_layout.insertLayout(0, row)
        self._connect_signals()

    def focus_chain(self) -> list[QWidget]:
        chain = super().focus_chain()
        return [
            self.calendar,
            self.scope_combo,
            self.today_button,
            self.range_from,
            self.range_to,
            *chain,
        ]

    def showcase(self) -> None:
        """Show the busiest month, with its first event selected (for screenshots)."""
        rows = [r for r in self.catalogue.events() if r.precision == "day"]
        if not rows:
            return
        months = Counter((r.start_date.year, r.start_date.month) for r in rows)
        (year, month), _ = months.most_common(1)[0]
        self.calendar.setCurrentPage(year, month)
        first = next(r for r in rows if (r.start_date.year, r.start_date.month) == (year, month))
        self.show_record(first.id)

    def reload(self) -> None:
        self._marked = None  # the catalogue changed: mark the days again
        super().reload()

    def refresh(self) -> None:
        super().refresh()
        self._mark_days()

    def show_record(self, record_id: int, *, emit: bool = False) -> bool:
        row = self.catalogue.rows(self.kind, [record_id]).get(record_id)
        if row is not None and not self._in_scope(row):
            self._set_scope(SCOPE_ALL)
        if row is not None and row.precision == "day":
            self.calendar.blockSignals(True)
            self.calendar.setSelectedDate(_qdate(row.start_date))
            self.calendar.blockSignals(False)
        return super().show_record(record_id, emit=emit)

    def _cleared(self, query: Query) -> Query:
        # The scope is the calendar's choice, not a filter to clear.
        kept = super()._cleared(query)
        scope = query.value("scope")
        return kept.with_filter("scope", scope) if scope is not None else kept

    def empty_text(self) -> str:
        page = QDate(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        locale = QLocale()
        where = {
            SCOPE_DAY: self.tr("on %1").replace(
                "%1", locale.toString(self.calendar.selectedDate(), QLocale.FormatType.LongFormat)
            ),
            SCOPE_MONTH: self.tr("in %1").replace("%1", locale.toString(page, "MMMM yyyy")),
            SCOPE_YEAR: self.tr("in %1").replace("%1", str(page.year())),
            SCOPE_RANGE: self.tr("from %1 to %2")
            .replace("%1", locale.toString(self.range_from.date(), QLocale.FormatType.ShortFormat))
            .replace("%2", locale.toString(self.range_to.date(), QLocale.FormatType.ShortFormat)),
            SCOPE_ALL: "",
        }[self.scope]
        if self.query.is_filtered(ignore={"scope"}):
            text = self.tr("No events %1 match these filters.").replace("%1", where)
            return (
                text.replace("  ", " ")
                + " "
                + self.tr("Choose “Show: all dates” or set the filters back to “All”.")
            )
        return (
            self.tr("No events %1.").replace("%1", where).replace(" .", ".")
            + " "
            + self.tr("Pick another day or month, or choose “Show: all dates”.")
        )

    # --- internals ---

    def _connect_signals(self) -> None:
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        self.calendar.currentPageChanged.connect(self._on_calendar_current_page_changed)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_combo_changed)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.range_from.dateChanged.connect(self._on_range_changed)
        self.range_to.dateChanged.connect(self._on_range_changed)

    def _range(self) -> tuple[date, date] | None:
        if self.scope == SCOPE_DAY:
            day = _date(self.calendar.selectedDate())
            return day, day
        if self.scope == SCOPE_MONTH:
            return month_range(self.calendar.yearShown(), self.calendar.monthShown())
        if self.scope == SCOPE_YEAR:
            year = self.calendar.yearShown()
            return date(year, 1, 1), date(year, 12, 31)
        if self.scope == SCOPE_RANGE:
            return _date(self.range_from.date()), _date(self.range_to.date())
        return None

    def _in_scope(self, row: EventRow) -> bool:
        bounds = self._range()
        if bounds is None:
            return True
        first, last = bounds
        # An imprecise event has no day to be on: a day or a typed range lists it only when
        # its whole period lies inside; a month lists the quarter or half-year around it (the
        # When column says which), but not an event known only by its year.
        if row.precision != "day":
            if self.scope in (SCOPE_DAY, SCOPE_RANGE):
                return first <= row.start_date and row.end_date <= last
            if self.scope == SCOPE_MONTH and row.precision == "year":
                return False
        return row.start_date <= last and row.end_date >= first

    def _set_scope(self, scope: str) -> None:
        self.scope_combo.blockSignals(True)
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(scope))
        self.scope_combo.blockSignals(False)
        self.scope = scope
        self._apply_scope()

    def _apply_scope(self) -> None:
        self.range_from.setEnabled(self.scope == SCOPE_RANGE)
        self.range_to.setEnabled(self.scope == SCOPE_RANGE)
        bounds = self._range()
        self.set_filter("scope", None if bounds is None else (self.scope, *bounds))

    @Slot()
    def _mark_days(self) -> None:
        """Mark the page's days with an event passing the filters (the scope aside)."""
        # A day picked or a scope chosen changes the list, not the marks.
        marks_for = (
            self.calendar.yearShown(),
            self.calendar.monthShown(),
            self.query.text,
            tuple((name, value) for name, value in self.query.filters if name != "scope"),
        )
        if marks_for == self._marked:
            return
        self._marked = marks_for
        first, last = month_range(self.calendar.yearShown(), self.calendar.monthShown())
        # The page also shows the ends of the months around it.
        first, last = first - timedelta(days=7), last + timedelta(days=14)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        palette = QApplication.palette()
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        highlight.setAlpha(70)
        marked.setBackground(QBrush(highlight))
        for day in self.catalogue.event_days(self.query, first, last):
            self.calendar.setDateTextFormat(_qdate(day), marked)
        today = self.calendar.dateTextFormat(_qdate(self.today))
        today.setFontUnderline(True)
        today.setForeground(palette.color(QPalette.ColorRole.Link))
        self.calendar.setDateTextFormat(_qdate(self.today), today)

    @Slot(QDate)
    def _on_calendar_clicked(self, _day: QDate) -> None:
        self._set_scope(SCOPE_DAY)

    @Slot(int, int)
    def _on_calendar_current_page_changed(self, _year: int, _month: int) -> None:
        if self.scope == SCOPE_RANGE:
            return  # the range is typed, not paged
        self._set_scope(SCOPE_YEAR if self.scope == SCOPE_YEAR else SCOPE_MONTH)

    @Slot(int)
    def _on_scope_combo_changed(self, _index: int) -> None:
        self.scope = self.scope_combo.currentData()
        self._apply_scope()

    @Slot(QDate)
    def _on_range_changed(self, _day: QDate) -> None:
        if self.range_to.date() < self.range_from.date():
            # Keep the range the right way round rather than show nothing.
            self.range_to.setDate(self.range_from.date())
        self._apply_scope()

    @Slot()
    def _on_today_button_clicked(self) -> None:
        self.calendar.setSelectedDate(_qdate(self.today))
        self.calendar.setCurrentPage(self.today.year, self.today.month)
        self._set_scope(SCOPE_MONTH)
