"""Typed access to QSettings; no other module touches QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class Settings:
    """The user's preferences and window state, grouped by screen."""

    def __init__(self) -> None:
        self._settings = QSettings()

    def _bytes(self, key: str) -> QByteArray:
        return QByteArray(self._settings.value(key, QByteArray(), type=QByteArray))

    @property
    def main_window_geometry(self) -> QByteArray:
        """The main window's saved geometry (empty before the first close)."""
        return self._bytes("main_window/geometry")

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

    def header_state(self, screen: str) -> QByteArray:
        """A list's saved column widths, order and sort (empty before the first close)."""
        return self._bytes(f"{screen}/header_state")

    def set_header_state(self, screen: str, value: QByteArray) -> None:
        """Remember a list's columns."""
        self._settings.setValue(f"{screen}/header_state", value)

    def splitter_state(self, screen: str) -> QByteArray:
        """A screen's saved splitter positions."""
        return self._bytes(f"{screen}/splitter_state")

    def set_splitter_state(self, screen: str, value: QByteArray) -> None:
        """Remember a screen's splitter positions."""
        self._settings.setValue(f"{screen}/splitter_state", value)
