"""Know when a widget has painted: the end of every measured interaction in the drivers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QWidget

from .measure import TooSlow, clock, run_within


class PaintWatch(QObject):
    """Counts the Paint events of the widgets it watches and when the last one came."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[int, int] = {}
        self.last: dict[int, float] = {}
        self.on_paint: Callable[[QWidget], None] | None = None

    def watch(self, widget: QWidget) -> QWidget:
        """Start counting ``widget``'s paints; return it."""
        if id(widget) not in self.counts:
            self.counts[id(widget)] = 0
            widget.installEventFilter(self)
        return widget

    def count(self, widget: QWidget) -> int:
        """How many times ``widget`` has painted since it was watched."""
        return self.counts.get(id(widget), 0)

    def painted_since(self, widget: QWidget, moment: float) -> bool:
        """Whether ``widget`` has painted after ``moment`` (a ``clock()`` reading)."""
        return self.last.get(id(widget), -1.0) > moment

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            key = id(watched)
            self.counts[key] = self.counts.get(key, 0) + 1
            self.last[key] = clock()
            if self.on_paint is not None and isinstance(watched, QWidget):
                self.on_paint(watched)
        return False


def process_until(done: Callable[[], bool], timeout: float) -> bool:
    """Process events until ``done()`` or ``timeout`` seconds pass; return whether done."""
    deadline = clock() + timeout
    while not done():
        if clock() > deadline:
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def settle(seconds: float) -> None:
    """Process events for ``seconds``, letting timers and deferred work run."""
    deadline = clock() + seconds
    while clock() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def time_to_paint(
    watch: PaintWatch,
    widget: QWidget | Callable[[], QWidget],
    action: Callable[[], object],
    limit: float = 300.0,
    give_up: Callable[[], None] | None = None,
) -> float:
    """Return the seconds from the start of ``action()`` until ``widget`` has painted again.

    ``widget`` may be a function naming it once the action is done (the list, or the label
    that replaces it when nothing matches). ``widget.update()`` is called after the action, so
    a paint always follows, even when the action changed nothing on screen. Raises TooSlow
    when the action and the paint take more than ``limit`` seconds, and calls ``give_up``
    before exiting the process if it cannot be stopped (see ``run_within``).
    """
    moments: dict[str, float] = {}

    def act_and_paint() -> None:
        moments["started"] = clock()
        action()
        acted = clock()  # a paint from inside the action would show a state not yet final
        target = widget if isinstance(widget, QWidget) else widget()
        watch.watch(target)
        target.update()
        left = limit - (clock() - moments["started"])  # none, once the action was stopped
        process_until(lambda: watch.painted_since(target, acted), max(left, 0.0))
        moments["painted"] = watch.last[id(target)] if watch.painted_since(target, acted) else 0

    run_within(limit, act_and_paint, give_up)
    if not moments.get("painted"):
        raise TooSlow(limit)
    return moments["painted"] - moments["started"]
