"""Long work off the GUI thread, with a progress dialog and a Cancel button."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]  # done, total


class Cancelled(Exception):
    """The user pressed Cancel; the work stopped and wrote nothing."""


class _Worker(QThread, Generic[T]):
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Progress, threading.Event], T]) -> None:
        super().__init__()
        self.cancel = threading.Event()
        self._work = work
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self.progressed.emit, self.cancel)
        except BaseException as error:
            self.error = error


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress, threading.Event], T],
    *,
    show_after_ms: int = 400,
) -> T:
    """Run ``work(progress, cancel)`` in a thread while the window stays responsive.

    A progress dialog appears if the work takes longer than ``show_after_ms``; its Cancel sets
    ``cancel``, which the work checks between steps. Returns the work's result, or raises what
    it raised (Cancelled when it stopped for the user).
    """
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

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(worker.cancel.set)
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
