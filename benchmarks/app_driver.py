"""Drive the real app: start it as the command line does, time its first paint, then interact.

The runner starts this in a process of its own, on the offscreen platform::

    python -m benchmarks.app_driver --database FILE --t0 MONOTONIC [--steps tabs,search …]

The app is started through ``iclei_desktop.gui.app.launch`` exactly as ``iclei-desktop
--database FILE`` starts it (lock, open, migrate, main window, show, event loop), with the
Events tab as the saved current tab. Wrappers around ``Catalogue.open``, ``MainWindow.__init__``
and each tab's ``reload`` and ``fetch`` note where the start-up time goes; nothing else in the
app is changed. Once the window and the first page of events have painted, the steps run
inside the event loop, each measured from the interaction to the next paint of what it
changes, and then the window is closed, as a person would close it.

Steps (see README.md): tabs, memory, scroll, search, sort, filter, calendar. Sorting and
filtering are the likeliest to be given up on (see ``measure.run_within``), so they come
late; the calendar comes last because it leaves the Events list showing one day.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .measure import TooSlow, clock, emit, note, peak_rss_bytes, run_within, runs, sample, step

STEPS = ("tabs", "memory", "scroll", "search", "sort", "filter", "calendar")
EVENTS_TAB = 1
# What each tab's filter gets typed, and the column its sort is timed on.
FILTER_WORDS = {
    "programs": "energy",
    "events": "climate",
    "members": "county",
    "publications": "handbook",
    "partners": "university",
}
SORT_COLUMNS = {"programs": 0, "events": 1, "members": 0, "publications": 0, "partners": 0}
# Typed a character at a time; each keystroke's text decides its group (see search_group).
SEARCH_QUERIES = ("ulaanbaatar", "улаанбаатар", "成都", "서울", "可持续发展", "지속가능")
SEARCH_GROUPS = ("alphabetic", "cjk_short", "cjk3")
SCROLL_STOPS = 11  # positions from top to bottom, each with a page step after it
CALENDAR_STEPS = 2  # month switches, then day selections, per run


def search_group(text: str) -> str:
    """Return the group a typed query belongs to: alphabetic, cjk_short (1–2) or cjk3 (3+)."""
    from iclei_desktop.core.search import index_text

    # The index spaces out each CJK character, its own idea of one.
    cjk = sum(1 for character in text if index_text(character) != character)
    if not cjk:
        return "alphabetic"
    return "cjk_short" if cjk < 3 else "cjk3"


class Probe:
    """Times the start through wrappers, then runs the steps once the window has painted."""

    def __init__(self, args: argparse.Namespace) -> None:
        from iclei_desktop.gui import main_window

        from .paint import PaintWatch

        self.args = args
        self.moments: dict[str, float] = {"imported": time.monotonic()}
        self.loads: dict[str, dict[str, float]] = {}
        self.watch = PaintWatch()
        self.watch.on_paint = self._on_paint
        self.window: Any = None
        self.started_steps = False
        # The app loads the catalogue's code after painting its frame: importing it here
        # would move that time before the window. Wrap each module once the app imports it.
        after_import("iclei_desktop.core.api", self._wrap_open)
        # attach() imports the tabs in order, the publications last.
        after_import("iclei_desktop.gui.tabs.publications", lambda _module: self._wrap_tabs())
        self._wrap_window(main_window)

    # --- wrappers that time the start ---

    def _wrap_open(self, api: Any) -> None:
        original = api.Catalogue.open.__func__
        moments = self.moments

        def open_(cls: Any, *args: Any, **kwargs: Any) -> Any:
            moments["open_started"] = time.monotonic()
            try:
                return original(cls, *args, **kwargs)
            finally:
                moments["open_done"] = time.monotonic()

        api.Catalogue.open = classmethod(open_)

    def _wrap_window(self, main_window: Any) -> None:
        original = main_window.MainWindow.__init__
        probe = self

        def init(window: Any, *args: Any, **kwargs: Any) -> None:
            probe.moments["window_started"] = time.monotonic()
            original(window, *args, **kwargs)
            probe.moments["window_built"] = time.monotonic()
            probe._on_window_built(window)

        main_window.MainWindow.__init__ = init
        original_attach = main_window.MainWindow.attach

        def attach(window: Any, *args: Any, **kwargs: Any) -> None:
            probe.moments["attach_started"] = time.monotonic()
            original_attach(window, *args, **kwargs)
            probe.moments["attached"] = time.monotonic()
            probe.watch.watch(window.events_tab.view.viewport())

        main_window.MainWindow.attach = attach

    def _wrap_tabs(self) -> None:
        from iclei_desktop.gui.tabs import events, members, partners, programs, publications
        from iclei_desktop.gui.tabs.record_tab import RecordTab

        classes = (
            programs.ProgramsTab,
            events.EventsTab,
            members.MembersTab,
            publications.PublicationsTab,
            partners.PartnersTab,
        )
        depth: dict[int, int] = {}
        for cls in (RecordTab, *classes):
            for name in ("reload", "fetch"):
                if name in vars(cls):
                    setattr(cls, name, self._timer(vars(cls)[name], name, depth))

    def _timer(
        self, method: Callable[..., Any], part: str, depth: dict[int, int]
    ) -> Callable[..., Any]:
        loads = self.loads

        def timed(tab: Any, *args: Any, **kwargs: Any) -> Any:
            # Only the outermost call counts: EventsTab.reload calls RecordTab.reload.
            key = id(tab) * 2 + (part == "fetch")
            depth[key] = depth.get(key, 0) + 1
            started = clock()
            try:
                return method(tab, *args, **kwargs)
            finally:
                depth[key] -= 1
                if depth[key] == 0:
                    seconds = loads.setdefault(tab.screen, {})
                    seconds.setdefault(part, clock() - started)

        return timed

    # --- the first paint ---

    def _on_window_built(self, window: Any) -> None:
        self.window = window
        self.watch.watch(window)
        self.watch.watch(window.tabs)  # the lists are watched once attach() made them

    def _on_paint(self, widget: Any) -> None:
        window = self.window
        if window is None:
            return
        now = time.monotonic()
        if "painted" not in self.moments and widget in (window, window.tabs):
            self.moments["painted"] = now
        events_view = window.events_tab.view if window.attached else None
        if (
            events_view is not None
            and "first_page" not in self.moments
            and widget is events_view.viewport()
            and events_view.model().rowCount() > 0
        ):
            self.moments["first_page"] = now
        if "painted" in self.moments and "first_page" in self.moments and not self.started_steps:
            from PySide6.QtCore import QTimer

            self.started_steps = True
            QTimer.singleShot(0, self._after_start)

    def _after_start(self) -> None:
        t0, moments = self.args.t0, self.moments
        run = self.args.run
        sample("startup.window", "app", run, [moments["painted"] - t0])
        sample("startup.first_page", "app", run, [moments["first_page"] - t0])
        parts = [
            ("to the driver", t0, "imported"),
            ("frame MainWindow()", "window_started", "window_built"),
            ("frame painted", t0, "painted"),
            ("Catalogue.open", "open_started", "open_done"),
            ("attach()", "attach_started", "attached"),
            ("to the first page", "attached", "first_page"),
        ]
        breakdown = []
        for label, start, end in parts:
            begin = start if isinstance(start, float) else moments.get(start)
            if begin is not None and end in moments:
                breakdown.append(f"{label} {moments[end] - begin:.2f} s")
        note("startup.window", "; ".join(breakdown))
        emit(first_page_at=moments["first_page"])
        if self.args.steps:  # the run that measures interactions also reports the tab loads
            for screen, parts_ in self.loads.items():
                sample(f"tab.{screen}.load", "app", run, [parts_.get("reload", float("nan"))])
                if "fetch" in parts_:
                    fetch = parts_["fetch"]
                    note(f"tab.{screen}.load", f"of which the core's list (fetch) {fetch:.2f} s")
        if self.args.steps:
            Steps(self.window, self.watch, self.args).run_all()
        emit(closing=time.monotonic())
        self.window.close()


class Steps:
    """The measured interactions, run inside the app's event loop.

    Each interaction is timed from its start to the next paint of what it changes, and
    stopped after ``--limit`` seconds (see ``measure.run_within``); a figure stopped so is
    reported as timed out and not run again. If Qt will not let go of it either, the process
    reports that and exits with GAVE_UP, and the runner starts a new one with ``--skip``
    naming every figure already reported.
    """

    def __init__(self, window: Any, watch: Any, args: argparse.Namespace) -> None:
        self.window = window
        self.watch = watch
        self.runs = args.runs
        self.budget = args.budget
        self.limit = args.limit
        self.steps = args.steps
        self.skip = set(args.skip)

    def run_all(self) -> None:
        for name in STEPS:
            if name in self.steps:
                step(name)
                getattr(self, name)()
        step("done")

    # --- helpers ---

    def wanted(self, figure: str) -> bool:
        """Whether ``figure`` is still to be measured (not reported by an earlier process)."""
        return figure not in self.skip

    def skipped(self, figure: str, reason: str) -> None:
        """Report that ``figure`` is not measured, and why."""
        self.skip.add(figure)
        emit(figure=figure, side="app", skipped=reason)

    def _paint(
        self,
        widget: Any,
        action: Callable[[], object],
        figure: str | None = None,
        then_skip: Sequence[str] = (),
    ) -> float:
        from .paint import time_to_paint

        def give_up() -> None:
            if figure is not None:
                emit(figure=figure, side="app", run=0, timed_out=self.limit)
                note(figure, f"stopped at {self.limit:.0f} s, but Qt did not let go")
            for other in then_skip:
                emit(figure=other, side="app", skipped=f"{figure} did not finish")

        return time_to_paint(self.watch, widget, action, self.limit, give_up)

    def _measure(
        self,
        figure: str,
        run: int,
        widget: Any,
        actions: Sequence[Callable[[], object]],
        then_skip: Sequence[str] = (),
    ) -> bool:
        """Time each action to the next paint and report them as one run; False if stopped."""
        seconds = []
        for action in actions:
            try:
                seconds.append(self._paint(widget, action, figure, then_skip))
            except TooSlow as error:
                emit(figure=figure, side="app", run=run, timed_out=error.limit)
                if error.returned is not None:
                    note(
                        figure, f"stopped at {error.limit:.0f} s; let go {error.returned:.0f} s in"
                    )
                self.skip.add(figure)
                return False
        sample(figure, "app", run, seconds)
        return True

    def _show_tab(self, index: int) -> Any:
        tab = self.window.record_tabs()[index]
        if self.window.tabs.currentIndex() != index:
            self._paint(tab.view.viewport(), lambda: self.window.tabs.setCurrentIndex(index))
        return tab

    @staticmethod
    def _list_of(tab: Any) -> Callable[[], Any]:
        """The list's viewport, or the label shown instead when nothing matches."""
        return lambda: (
            tab.view.viewport() if tab.stack.currentWidget() is tab.view else (tab.empty_label)
        )

    def _tabs_wanting(self, figures: Callable[[str], Sequence[str]]) -> list[tuple[int, Any]]:
        """The (index, tab) pairs with any of ``figures(screen)`` still to measure."""
        return [
            (index, tab)
            for index, tab in enumerate(self.window.record_tabs())
            if any(self.wanted(figure) for figure in figures(tab.screen))
        ]

    # --- steps ---

    def tabs(self) -> None:
        tabs = self.window.record_tabs()
        for run in runs(self.runs, self.budget):
            # From the Events tab (where the window opens) to each of the others and back.
            for index in (0, 2, 3, 4, 1):
                figure = f"tab.{tabs[index].screen}.open"
                if self.wanted(figure):
                    self._measure(
                        figure,
                        run,
                        tabs[index].view.viewport(),
                        [lambda i=index: self.window.tabs.setCurrentIndex(i)],
                    )

    def memory(self) -> None:
        if self.wanted("memory.peak_rss"):
            sample("memory.peak_rss", "app", 0, [peak_rss_bytes()], unit="B")

    def scroll(self) -> None:
        for index, tab in self._tabs_wanting(lambda screen: [f"scroll.{screen}"]):
            self._show_tab(index)
            self._scroll(tab)

    def _scroll(self, tab: Any) -> None:
        from PySide6.QtWidgets import QAbstractSlider

        page = QAbstractSlider.SliderAction.SliderPageStepAdd
        viewport, bar = tab.view.viewport(), tab.view.verticalScrollBar()
        for run in runs(self.runs, self.budget / 5):
            actions: list[Callable[[], object]] = []
            for stop in range(SCROLL_STOPS):
                actions.append(
                    lambda stop=stop: bar.setValue(round(stop * bar.maximum() / (SCROLL_STOPS - 1)))
                )
                actions.append(lambda: bar.triggerAction(page))
            if not self._measure(f"scroll.{tab.screen}", run, viewport, actions):
                break
        bar.setValue(0)

    def search(self) -> None:
        from PySide6.QtCore import QEvent, QObject

        from .paint import process_until, settle

        if not any(self.wanted(f"search.{group}") for group in SEARCH_GROUPS):
            return
        box = self.window.search_box
        popup = box.completer.popup().viewport()
        # An edit starts this zero-delay timer, and its timeout runs the search.
        search_timer = box.search_timer
        fired: list[float] = []  # the timer fired: the search starts
        searched: list[float] = []  # the search and the popup's new rows are done
        paints: list[float] = []  # the popup's paints, each when it starts

        class Watch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if watched is search_timer and event.type() == QEvent.Type.Timer:
                    fired.append(clock())
                elif watched is popup and event.type() == QEvent.Type.Paint:
                    paints.append(clock())
                return False

        watch = Watch()
        search_timer.installEventFilter(watch)
        popup.installEventFilter(watch)
        # Connected after the search box's own slot, so this runs once the search is done.
        search_timer.timeout.connect(lambda: searched.append(clock()))

        def first_paint() -> float | None:
            """When the popup first painted after the last search, if it has."""
            after = searched[-1] if searched else None
            return next((moment for moment in paints if after and moment > after), None)

        def keystroke(typed: str, character: str) -> tuple[float, float]:
            """Type ``character``; return (seconds to results painted, of which searching)."""
            # A typist leaves 100 ms or more between keys: the last results finish painting.
            settle(0.03)
            paints.clear()
            started = clock()
            _type(box, character)
            if box.text() != typed:
                raise RuntimeError(f"typing {typed!r} gave {box.text()!r}")

            def shown() -> bool:
                # The first paint after the search, not the last: one pass of the event
                # loop may paint the popup again (a scroll bar shown, a delayed relayout).
                return bool(searched) and searched[-1] > started and first_paint() is not None

            process_until(shown, self.limit)
            painted = first_paint()
            if not shown() or painted is None:
                raise TooSlow(self.limit)
            return painted - started, painted - fired[-1]

        def give_up() -> None:
            for group in SEARCH_GROUPS:
                emit(figure=f"search.{group}", side="app", run=0, timed_out=self.limit)

        for run in runs(self.runs, self.budget):
            totals: dict[str, list[float]] = {}
            works: dict[str, list[float]] = {}
            try:
                for query in SEARCH_QUERIES:
                    box.clear()
                    process_until(lambda: not search_timer.isActive(), 5)
                    for end in range(1, len(query) + 1):
                        result: list[tuple[float, float]] = []
                        run_within(
                            self.limit,
                            lambda q=query, e=end, r=result: r.append(keystroke(q[:e], q[e - 1])),
                            give_up,
                        )
                        group = search_group(query[:end])
                        totals.setdefault(group, []).append(result[0][0])
                        works.setdefault(group, []).append(result[0][1])
                    if run == 0 and search_group(query) == "cjk_short":
                        found = [text for _kind, _id, text in box.hits()]
                        right = [text for text in found if query in text]
                        note(
                            "search.cjk_short.p50",
                            f"{query}: {len(found)} results shown, {len(right)} containing it",
                        )
            except TooSlow as error:
                group = search_group(query[:end])
                emit(figure=f"search.{group}", side="app", run=run, timed_out=error.limit)
                break
            for group, values in totals.items():
                sample(f"search.{group}", "app", run, values)
                sample(f"search.{group}.work", "app", run, works[group])
        box.clear()
        process_until(lambda: not search_timer.isActive(), 5)

    def filter(self) -> None:
        def figures(screen: str) -> list[str]:
            return [f"filter.{screen}.apply", f"filter.{screen}.clear"]

        for index, tab in self._tabs_wanting(figures):
            self._show_tab(index)
            self._filter(tab, FILTER_WORDS[tab.screen])

    def _filter(self, tab: Any, word: str) -> None:
        shown = self._list_of(tab)
        apply, clear = f"filter.{tab.screen}.apply", f"filter.{tab.screen}.clear"
        for run in runs(self.runs, self.budget / 5):
            applied = self._measure(
                apply, run, shown, [lambda: tab.filter_edit.setText(word)], then_skip=[clear]
            )
            if not applied:
                self.skipped(clear, f"{apply} timed out")
                try:  # untimed, so that the steps after this one see the whole list
                    self._paint(shown, lambda: tab.filter_edit.setText(""))
                except TooSlow:
                    note(apply, "clearing the filter afterwards was stopped too")
                break
            if not self._measure(clear, run, shown, [lambda: tab.filter_edit.setText("")]):
                break

    def sort(self) -> None:
        for index, tab in self._tabs_wanting(lambda screen: [f"sort.{screen}"]):
            self._show_tab(index)
            self._sort(tab, SORT_COLUMNS[tab.screen])

    def _sort(self, tab: Any, column: int) -> None:
        from PySide6.QtCore import Qt

        orders = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
        viewport = tab.view.viewport()
        figure = f"sort.{tab.screen}"
        for run in runs(self.runs, self.budget / 5):
            order = orders[run % 2]
            sorted_ = self._measure(
                figure, run, viewport, [lambda o=order: tab.view.sortByColumn(column, o)]
            )
            # Back to the list's own order, untimed, so the next step starts as the user would.
            try:
                restored = self._paint(viewport, lambda: tab.view.sortByColumn(-1, orders[0]))
                if run == 0:
                    note(figure, f"back to the list's order: {restored:.2f} s")
            except TooSlow:
                note(figure, "going back to the list's order was stopped too")
                break
            if not sorted_:
                break

    def calendar(self) -> None:
        from PySide6.QtCore import QDate

        if not (self.wanted("calendar.month") or self.wanted("calendar.day")):
            return
        tab = self._show_tab(EVENTS_TAB)
        calendar, shown = tab.calendar, self._list_of(tab)
        # The calendar opens on this month; each run pages on from where the last stopped
        # (every month holds about as many events), and the floor queries the same months.
        for run in runs(self.runs, self.budget):
            if self.wanted("calendar.month"):
                self._measure(
                    "calendar.month", run, shown, [calendar.showNextMonth] * CALENDAR_STEPS
                )
            first = QDate(calendar.yearShown(), calendar.monthShown(), 1)
            picks: list[Callable[[], object]] = []
            for number in range(CALENDAR_STEPS):
                day = first.addDays(4 + 7 * number)

                def pick(day: QDate = day) -> None:
                    calendar.setSelectedDate(day)
                    calendar.clicked.emit(day)  # as a click on the day does

                picks.append(pick)
            if self.wanted("calendar.day"):
                self._measure("calendar.day", run, shown, picks)
            if not (self.wanted("calendar.month") or self.wanted("calendar.day")):
                break


def after_import(name: str, callback: Callable[[Any], None]) -> None:
    """Call ``callback(module)`` right after the app first imports module ``name``."""
    import importlib.abc
    import importlib.machinery

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is None or spec.loader is None:
                return spec
            loader = spec.loader
            execute = loader.exec_module

            def exec_module(module: Any) -> None:
                execute(module)
                callback(module)

            loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def _type(widget: Any, character: str) -> None:
    """Type one character as a person would: a key, or an input method's commit."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    if character.isascii():
        QTest.keyClick(widget, character)
        return
    event = QInputMethodEvent()
    event.setCommitString(character)
    QApplication.sendEvent(widget, event)


def main(argv: list[str] | None = None) -> int:
    """Start the app on ``--database``, measure, close it; return the app's exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app_driver")
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--t0", type=float, default=None, help="time.monotonic() at spawn")
    parser.add_argument("--run", type=int, default=0, help="which cold start this is")
    parser.add_argument("--steps", default="", help=f"comma-separated, of {', '.join(STEPS)}")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per figure's runs")
    parser.add_argument("--limit", type=float, default=30.0, help="seconds per interaction")
    parser.add_argument("--skip", default="", help="comma-separated figures already measured")
    args = parser.parse_args(argv)
    args.t0 = time.monotonic() if args.t0 is None else args.t0
    args.steps = [s for s in args.steps.split(",") if s]
    args.skip = [s for s in args.skip.split(",") if s]
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from iclei_desktop.gui.app import launch, name_application
    from iclei_desktop.gui.settings import Settings

    name_application(app)
    Settings().current_tab = EVENTS_TAB  # open on the Events tab: its first page is a figure
    probe = Probe(args)
    try:
        return launch(args.database, True)
    finally:
        del probe


if __name__ == "__main__":
    sys.exit(main())
