"""Typed access to QSettings; no other module touches QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class Settings:
    """The user's preferences and window state."""

    def __init__(self) -> None:
        self._settings = QSettings()

    @property
    def main_window_geometry(self) -> QByteArray:
        """The main window's saved geometry (empty before the first close)."""
        return QByteArray(
            self._settings.value("main_window/geometry", QByteArray(), type=QByteArray)
        )

    @main_window_geometry.setter
    def main_window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("main_window/geometry", value)

    @property
    def current_tab(self) -> int:
        """The tab shown when the window was last closed."""
        return int(self._settings.value("main_window/current_tab", 0, type=int))

    @current_tab.setter
    def current_tab(self, value: int) -> None:
        self._settings.setValue("main_window/current_tab", value)
