"""The floors: what the same work costs with nothing but PySide6, SQLite and plain rows.

The runner starts this in a process of its own, on the offscreen platform::

    python -m benchmarks.floor_driver window --t0 MONOTONIC
    python -m benchmarks.floor_driver page --t0 MONOTONIC --database FILE
    python -m benchmarks.floor_driver gui --database FILE [--steps …] [--runs 5]

``window`` starts a bare QMainWindow with a QTabWidget and a QTableView and reports when it
painted; ``page`` also imports SQLAlchemy, counts the events and shows the first 200 of them.
``gui`` builds the same five tabs over plain tuples read with one query each (no ORM, no
joins) and times what the app driver times, each against its floor: switching to a tab and
scrolling its table (the same stops), sorting (``ORDER BY`` the column, first 200 rows,
painted), filtering (the FTS5 index for that kind of record, count and first 200 rows,
painted), the calendar (the raw date-range query for each month and day the app shows) and
search (the raw FTS5 query of each keystroke). See README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from .measure import clock, emit, peak_rss_bytes, runs, sample, step

# (screen, table, columns shown, ORDER BY of the list, column sorted on, FTS5 kind)
TABS = (
    (
        "programs",
        "program",
        "name, acronym, kind, period_start, period_end, status",
        "lower(name)",
        "name",
        "program",
    ),
    (
        "events",
        "event",
        "start_date, title, location, mode, status, program_id, series",
        "start_date, end_date, title",
        "title",
        "event",
    ),
    (
        "members",
        "local_government",
        "name, native_name, country, kind, is_member, member_since",
        "country, name",
        "name",
        "local_government",
    ),
    (
        "publications",
        "publication",
        "title, kind, published_on, language, status",
        "published_on DESC, title",
        "title",
        "publication",
    ),
    (
        "partners",
        "organization",
        "name, acronym, kind, country",
        "lower(name)",
        "name",
        "organization",
    ),
)
PAGE = 200
EVENTS_TAB = 1
SEARCH_SQL = (
    "SELECT kind, record_id FROM search_index WHERE search_index MATCH ?"
    " ORDER BY bm25(search_index, 0, 0, 10.0, 1.0) LIMIT 50"
)
RANGE_SQL = (
    "SELECT id, title, start_date, end_date, date_precision FROM event"
    " WHERE start_date <= ? AND end_date >= ? ORDER BY start_date, end_date, title"
)


def plain_model_class() -> Any:
    """Return a minimal table model over a list of tuples (defined once Qt is imported)."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class PlainModel(QAbstractTableModel):
        """Rows of plain tuples, shown as text."""

        def __init__(self, headers: list[str]) -> None:
            super().__init__()
            self.headers = headers
            self.rows: list[tuple[Any, ...]] = []

        def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.headers)

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
                return None
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)

        def headerData(
            self, section: int, orientation: Any, role: int = Qt.ItemDataRole.DisplayRole
        ) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.headers[section]
            return None

    return PlainModel


def bare_window(tabs: int = 5) -> tuple[Any, Any, list[Any]]:
    """Return (window, tab widget, table views): the app's shape with nothing in it."""
    from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

    window = QMainWindow()
    window.setWindowTitle("floor")
    tab_widget = QTabWidget(window)
    tab_widget.setDocumentMode(True)
    views = []
    for index in range(tabs):
        view = QTableView(tab_widget)
        tab_widget.addTab(view, f"Tab {index + 1}")
        views.append(view)
    window.setCentralWidget(tab_widget)
    window.resize(1280, 800)
    return window, tab_widget, views


# --- cold start ---------------------------------------------------------------------------


def start(args: argparse.Namespace) -> int:
    """Start a bare window (and for ``page``, SQLAlchemy and a page of events); time its paint."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .paint import PaintWatch

    app = QApplication(sys.argv[:1])
    window, tab_widget, views = bare_window()
    model = plain_model_class()(
        ["When", "Title", "Location", "Mode", "Status", "Program", "Series"]
    )
    views[EVENTS_TAB].setModel(model)
    tab_widget.setCurrentIndex(EVENTS_TAB)
    if args.mode == "page":
        from sqlalchemy import create_engine, text

        engine = create_engine(f"sqlite:///{args.database}")
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM event")).scalar_one()
            rows = connection.execute(
                text(
                    f"SELECT {TABS[EVENTS_TAB][2]} FROM event"
                    f" ORDER BY {TABS[EVENTS_TAB][3]} LIMIT {PAGE}"
                )
            ).all()
        model.set_rows([tuple(row) for row in rows])
        window.statusBar().showMessage(f"Events: {count}")
    moments: dict[str, float] = {}
    watch = PaintWatch()
    viewport = views[EVENTS_TAB].viewport()

    def on_paint(widget: Any) -> None:
        now = time.monotonic()
        if widget in (window, tab_widget):
            moments.setdefault("painted", now)
        if widget is viewport and model.rowCount() > 0:
            moments.setdefault("first_page", now)
        if "painted" in moments and ("first_page" in moments or args.mode == "window"):
            QTimer.singleShot(0, window.close)

    watch.on_paint = on_paint
    for widget in (window, tab_widget, viewport):
        watch.watch(widget)
    window.show()
    app.exec()
    if args.mode == "window":
        sample("startup.window", "floor", args.run, [moments["painted"] - args.t0])
    else:
        sample("startup.first_page", "floor", args.run, [moments["first_page"] - args.t0])
    emit(first_page_at=moments.get("first_page", moments["painted"]))
    return 0


# --- interactions -------------------------------------------------------------------------


class Floors:
    """The same interactions as the app driver's steps, over plain rows and raw queries."""

    def __init__(self, args: argparse.Namespace) -> None:
        import sqlite3

        from PySide6.QtWidgets import QApplication

        from .paint import PaintWatch

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.args = args
        self.db = sqlite3.connect(args.database)
        self.watch = PaintWatch()
        self.window, self.tabs, self.views = bare_window(len(TABS))
        model_class = plain_model_class()
        self.models = []
        for view, (screen, _table, columns, *_rest) in zip(self.views, TABS, strict=True):
            model = model_class([c.strip() for c in columns.split(",")])
            view.setModel(model)
            view.setObjectName(screen)
            self.models.append(model)
        self.window.show()
        from .paint import settle

        settle(0.2)

    def _paint(self, widget: Any, action: Any) -> float:
        from .paint import time_to_paint

        return time_to_paint(self.watch, widget, action, self.args.limit)

    def _rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, parameters).fetchall()

    def tabs_(self) -> None:
        # Loading each tab: one query for every row as plain tuples, shown.
        for index, (screen, table, columns, order, *_rest) in enumerate(TABS):
            self.tabs.setCurrentIndex(index)
            model = self.models[index]
            seconds = self._paint(
                self.views[index].viewport(),
                lambda m=model, t=table, c=columns, o=order: m.set_rows(
                    self._rows(f"SELECT {c} FROM {t} ORDER BY {o}")
                ),
            )
            sample(f"tab.{screen}.load", "floor", 0, [seconds])
        for run in runs(self.args.runs, self.args.budget):
            for index in (0, 2, 3, 4, 1):
                seconds = self._paint(
                    self.views[index].viewport(), lambda i=index: self.tabs.setCurrentIndex(i)
                )
                sample(f"tab.{TABS[index][0]}.open", "floor", run, [seconds])

    def memory(self) -> None:
        sample("memory.peak_rss", "floor", 0, [peak_rss_bytes()], unit="B")

    def scroll(self) -> None:
        from PySide6.QtWidgets import QAbstractSlider

        from .app_driver import SCROLL_STOPS

        page = QAbstractSlider.SliderAction.SliderPageStepAdd
        for index, view in enumerate(self.views):
            self.tabs.setCurrentIndex(index)
            viewport, bar = view.viewport(), view.verticalScrollBar()
            for run in runs(self.args.runs, self.args.budget / 5):
                seconds = []
                for stop in range(SCROLL_STOPS):
                    value = round(stop * bar.maximum() / (SCROLL_STOPS - 1))
                    seconds.append(self._paint(viewport, lambda v=value, b=bar: b.setValue(v)))
                    seconds.append(self._paint(viewport, lambda b=bar: b.triggerAction(page)))
                sample(f"scroll.{TABS[index][0]}", "floor", run, seconds)
            bar.setValue(0)

    def _page_of(self, index: int, sql: str, *parameters: Any) -> float:
        """Time a query for a page of rows, shown in the tab's table, then put all rows back."""
        model = self.models[index]
        everything = model.rows
        seconds = self._paint(
            self.views[index].viewport(), lambda: model.set_rows(self._rows(sql, *parameters))
        )
        model.set_rows(everything)
        return seconds

    def sort(self) -> None:
        for index, (screen, table, columns, _order, column, _kind) in enumerate(TABS):
            self.tabs.setCurrentIndex(index)
            for run in runs(self.args.runs, self.args.budget / 5):
                direction = "DESC" if run % 2 else "ASC"
                seconds = self._page_of(
                    index,
                    f"SELECT {columns} FROM {table} ORDER BY {column} {direction} LIMIT {PAGE}",
                )
                sample(f"sort.{screen}", "floor", run, [seconds])

    def filter(self) -> None:
        from iclei_desktop.core.search import fts_query

        from .app_driver import FILTER_WORDS

        for index, (screen, table, columns, order, _column, kind) in enumerate(TABS):
            self.tabs.setCurrentIndex(index)
            match = fts_query(FILTER_WORDS[screen])
            matching = (
                f"SELECT {columns} FROM {table} WHERE id IN (SELECT record_id FROM search_index"
                f" WHERE search_index MATCH ? AND kind = ?) ORDER BY {order} LIMIT {PAGE}"
            )
            counted = "SELECT count(*) FROM search_index WHERE search_index MATCH ? AND kind = ?"
            everything = f"SELECT {columns} FROM {table} ORDER BY {order} LIMIT {PAGE}"
            for run in runs(self.args.runs, self.args.budget / 5):
                started = clock()
                self._rows(counted, match, kind)
                applied = clock() - started + self._page_of(index, matching, match, kind)
                sample(f"filter.{screen}.apply", "floor", run, [applied])
                started = clock()
                self._rows(f"SELECT count(*) FROM {table}")
                cleared = clock() - started + self._page_of(index, everything)
                sample(f"filter.{screen}.clear", "floor", run, [cleared])

    def calendar(self) -> None:
        from datetime import date, timedelta

        from iclei_desktop.gui.tabs.events import month_range

        from .app_driver import CALENDAR_STEPS

        # The months the app driver pages through: from this month on, CALENDAR_STEPS a run,
        # then days of the last month shown.
        today = date.today()
        year, month = today.year, today.month
        for run in runs(self.args.runs, self.args.budget):
            seconds = []
            for _ in range(CALENDAR_STEPS):
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
                start, end = month_range(year, month)
                started = clock()
                self._rows(RANGE_SQL, end.isoformat(), start.isoformat())
                seconds.append(clock() - started)
            sample("calendar.month", "floor", run, seconds)
            seconds = []
            for number in range(CALENDAR_STEPS):
                day = (date(year, month, 1) + timedelta(days=4 + 7 * number)).isoformat()
                started = clock()
                self._rows(RANGE_SQL, day, day)
                seconds.append(clock() - started)
            sample("calendar.day", "floor", run, seconds)

    def search(self) -> None:
        from iclei_desktop.core.search import fts_query

        from .app_driver import SEARCH_QUERIES, search_group

        for run in runs(self.args.runs, self.args.budget):
            groups: dict[str, list[float]] = {}
            for query in SEARCH_QUERIES:
                for end in range(1, len(query) + 1):
                    started = clock()
                    self._rows(SEARCH_SQL, fts_query(query[:end]))
                    groups.setdefault(search_group(query[:end]), []).append(clock() - started)
            for group, values in groups.items():
                sample(f"search.{group}", "floor", run, values)
                sample(f"search.{group}.work", "floor", run, values)


def interactions(args: argparse.Namespace) -> int:
    """Measure every floor the app driver's steps are compared with."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from iclei_desktop.gui.app import keep_none_alive

    keep_none_alive()  # PySide6 6.12 on Python 3.11 wears None out in long event loops
    floors = Floors(args)
    order = ("tabs", "memory", "scroll", "search", "sort", "filter", "calendar")
    for name in order:
        if name in args.steps:
            step(name)
            getattr(floors, "tabs_" if name == "tabs" else name)()
    step("done")
    floors.window.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one of the floors."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.floor_driver")
    parser.add_argument("mode", choices=["window", "page", "gui"])
    parser.add_argument("--database", type=Path)
    parser.add_argument("--t0", type=float, default=None, help="time.monotonic() at spawn")
    parser.add_argument("--run", type=int, default=0)
    parser.add_argument(
        "--steps", default="tabs,memory,scroll,search,filter,sort,calendar", help="for gui"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--limit", type=float, default=30.0)
    args = parser.parse_args(argv)
    args.t0 = time.monotonic() if args.t0 is None else args.t0
    args.steps = [s for s in args.steps.split(",") if s]
    if args.mode != "window" and args.database is None:
        parser.error(f"{args.mode} needs --database")
    if args.mode == "gui":
        return interactions(args)
    return start(args)


if __name__ == "__main__":
    sys.exit(main())
