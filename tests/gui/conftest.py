"""GUI fixtures: a main window on a fresh catalogue, and ways to act on it as a person."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.main_window import MainWindow

TypeText = Callable[[QWidget, str], None]


@pytest.fixture
def window(qtbot: QtBot, catalogue: Catalogue) -> MainWindow:
    """The main window, shown, on a freshly seeded catalogue."""
    shown = MainWindow(catalogue)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def type_text(qtbot: QtBot) -> TypeText:
    """Type text into a widget as a person would.

    ASCII goes key by key; other scripts arrive as an input method commits them (QTest can
    only press keys that exist on a US keyboard).
    """

    def type_into(widget: QWidget, text: str) -> None:
        if text.isascii():
            qtbot.keyClicks(widget, text)
            return
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return type_into
