"""Long work off the GUI thread, with a progress dialog and a Cancel button."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import Cancelled

T = TypeVar("T")
Progress = Callable[[int, int], None]  # done, total (0 while unknown)

REPORT_EVERY = 0.05  # seconds: more often only floods the event loop with signals

__all__ = ["Cancelled", "Progress", "run_with_progress"]
SHOW_AFTER_MS = 400  # work done sooner shows no dialog


class _Worker(QThread, Generic[T]):
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
        self.cancel = threading.Event()
        self._work = work
        self._reported = 0.0
        self.result: T | None = None
        self.error: BaseException | None = None

    def report(self, done: int, total: int) -> None:
        """The work's progress callback: passes the figures on, and stops it on Cancel."""
        if self.cancel.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._reported >= REPORT_EVERY or done == total:
            self._reported = now
            self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            self.result = self._work(self.report)
        except BaseException as error:
            self.error = error


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress], T],
    *,
    show_after_ms: int | None = None,
) -> T:
    """Run ``work(progress)`` in a thread while the window stays responsive.

    A progress dialog appears if the work takes longer than ``show_after_ms``. The work calls
    ``progress(done, total)`` between steps; after the user presses Cancel that call raises
    Cancelled. Returns the work's result, or raises what it raised.
    """
    if show_after_ms is None:
        show_after_ms = SHOW_AFTER_MS
    worker: _Worker[T] = _Worker(work)
    dialog = QProgressDialog(label, QObject.tr("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def on_cancel() -> None:
        worker.cancel.set()
        dialog.setLabelText(QObject.tr("Stopping…"))

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    worker.finished.connect(loop.quit)
    # QProgressDialog shows itself only from setValue(); work that reports nothing for a
    # while (parsing a whole file) must still show its Cancel button.
    shower = QTimer(dialog)
    shower.setSingleShot(True)
    shower.timeout.connect(dialog.show)
    shower.start(show_after_ms)
    worker.start()
    loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
