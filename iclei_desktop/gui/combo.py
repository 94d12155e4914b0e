"""A filter drop-down that reads its choices from the catalogue only when someone looks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QWidget

ALL = object()  # the "All …" choice


class ChoiceCombo(QComboBox):
    """ "Name: All" and then the choices ``options()`` gives as (text, value) pairs.

    Filling ten thousand city names costs time at every start and reload, so the choices
    are read when the list is opened, focused or searched, and again after ``stale()``.
    """

    def __init__(
        self, name: str, options: Callable[[], list[tuple[str, Any]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._options = options
        self._filled = False
        self.setAccessibleName(name)
        self.setToolTip(name)
        # Combos may shrink, so a narrow window still leaves room for the detail pane.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.addItem(self._all_text(), ALL)

    def value(self) -> Any:
        """The value chosen, or None for "All"."""
        value = self.currentData()
        return None if value is ALL or value is None else value

    def stale(self) -> None:
        """Read the choices again when next needed, keeping the one chosen."""
        self._filled = False

    def fill(self) -> None:
        """Read the choices now if they may be out of date."""
        if self._filled:
            return
        self._filled = True
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all_text(), ALL)
        for text, value in self._options():
            self.addItem(text, value)
        found = self.findData(current) if current is not ALL else 0
        self.setCurrentIndex(max(found, 0))
        self.blockSignals(False)
        if found < 0:  # what was chosen is gone: the filter goes back to "All"
            self.currentIndexChanged.emit(0)

    def findText(self, text: str, flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly) -> int:  # type: ignore[override]
        self.fill()
        return super().findText(text, flags)

    def findData(
        self,
        data: Any,
        role: int = Qt.ItemDataRole.UserRole,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly,
    ) -> int:  # type: ignore[override]
        if not self._filled and data is not ALL:
            self.fill()
        return super().findData(data, role, flags)

    def _all_text(self) -> str:
        return self.accessibleName() + ": " + self.tr("All")

    # --- Qt overrides ---

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.fill()
        super().focusInEvent(event)
