"""``--profile-startup``: when the window and the first page of its list were painted."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def since_process_start() -> float:
    """Seconds since this process started (from /proc on Linux, else since Python started)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: ticks since boot
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _PYTHON_STARTED


_PYTHON_STARTED = time.perf_counter()


class StartupProfile(QObject):
    """Watches paints; prints the two moments and quits once the first page is painted."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.moments: dict[str, float] = {}
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and len(self.moments) < 2:
            self._painted(watched)
        return False

    def _painted(self, watched: QObject) -> None:
        window = self.window
        if "window" not in self.moments and watched is window:
            self.moments["window"] = since_process_start()
        if "window" in self.moments and "first page" not in self.moments:
            tab = window.tabs.currentWidget() if getattr(window, "attached", False) else None  # type: ignore[attr-defined]
            view = getattr(tab, "view", None)
            if view is None:
                return
            listed = watched is view.viewport() and view.model().rowCount() > 0
            if listed or watched is getattr(tab, "empty_label", None):
                self.moments["first page"] = since_process_start()
                QTimer.singleShot(0, self._report)

    def _report(self) -> None:
        for name, seconds in self.moments.items():
            print(f"{name} painted: {seconds:.3f} s after the process started", file=sys.stderr)
        self.window.close()
