"""Long work runs off the GUI thread, shows progress, and stops on Cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from iclei_desktop.gui.background import Cancelled, run_with_progress


def test_the_result_comes_back_and_the_gui_thread_stays_free(qtbot: QtBot) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)

    def work(progress) -> str:  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()
        for step in range(5):
            progress(step, 5)
            time.sleep(0.05)
        return "done"

    assert run_with_progress(None, "Working…", work) == "done"
    timer.stop()
    assert len(ticks) >= 5  # the event loop kept running while the work did


def test_an_error_in_the_work_reaches_the_caller(qtbot: QtBot) -> None:
    def work(progress):  # type: ignore[no-untyped-def]
        raise ValueError("bad data on line 3")

    with pytest.raises(ValueError, match="bad data on line 3"):
        run_with_progress(None, "Working…", work)


def test_cancel_stops_the_work(qtbot: QtBot) -> None:
    def press_cancel() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(20, press_cancel)
            return
        dialog.findChild(QPushButton).click()  # the dialog's Cancel button

    def work(progress) -> None:  # type: ignore[no-untyped-def]
        for step in range(500):
            progress(step, 500)  # raises Cancelled once Cancel is pressed
            time.sleep(0.01)
        raise AssertionError("never cancelled")

    QTimer.singleShot(0, press_cancel)
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_with_progress(None, "Importing…", work, show_after_ms=0)
    assert time.monotonic() - started < 4
