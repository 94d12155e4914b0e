"""Ways for GUI tests to read and act on widgets as a person would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.gui.models.record_model import Role


def visible_rows(view: QAbstractItemView, column: int = 0) -> list[str]:
    """The texts of a column as the view shows them, groups and their rows, top to bottom."""
    model = view.model()
    texts: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, column, parent)
            texts.append(index.data())
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return texts


def record_rows(view: QAbstractItemView, column: int = 0) -> list[str]:
    """The texts of a column for record rows only (no group headings)."""
    model = view.model()
    texts: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, column, parent)
            if index.siblingAtColumn(0).data(Role.ROW) is not None:
                texts.append(index.data())
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return texts


def click_row(qtbot: QtBot, view: QAbstractItemView, text: str, column: int = 0) -> None:
    """Click the row whose column shows ``text``; the view must be on screen."""
    assert view.isVisible(), "switch to the view's tab first, as a person would"
    model = view.model()
    matches = model.match(
        model.index(0, column),
        Qt.ItemDataRole.DisplayRole,
        text,
        1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )
    assert matches, f"no row shows {text!r}"
    view.scrollTo(matches[0])
    rect = view.visualRect(matches[0])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_link(qtbot: QtBot, browser: QTextBrowser, text: str) -> None:
    """Click the link in a detail pane whose text is ``text``."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor() and fragment.text() == text:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + len(text) // 2)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                point = QPoint(rect.x(), rect.center().y())
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link {text!r} in {browser.toPlainText()[:300]!r}")


def heading_rows(view: QAbstractItemView) -> list[str]:
    """The group headings a view shows, top to bottom."""
    model = view.model()
    return [
        model.index(row, 0).data()
        for row in range(model.rowCount())
        if model.index(row, 0).data(Role.ROW) is None
    ]


_test = [0]  # which test is running, so that a handler outliving its test stops


def next_test() -> None:
    """Called after each test: handlers still waiting for a dialog give up."""
    _test[0] += 1


def when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> list[BaseException]:
    """Act on the next modal dialog once it opens (as a person would), closing it on failure.

    Returns a list that holds any exception raised while acting, for the test to re-raise.
    """
    failures: list[BaseException] = []
    test = _test[0]

    def handler() -> None:
        if _test[0] != test:
            return  # that test ended with no dialog; never act on a later test's
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handler)
            return
        try:
            act(dialog)
        except BaseException as error:
            failures.append(error)
            dialog.close()

    QTimer.singleShot(0, handler)
    return failures


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` active again after a dialog closed, as a window manager would."""
    QApplication.processEvents()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
