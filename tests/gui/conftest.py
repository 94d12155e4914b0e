"""GUI fixtures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

TypeText = Callable[[QWidget, str], None]


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
