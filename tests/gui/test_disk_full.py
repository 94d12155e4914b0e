"""Saving from the window while the disk is full: told why, nothing saved, and the form keeps
what was typed; once space is freed the same form saves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.dialogs.event_dialog import EventDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import when_modal


@pytest.fixture
def page_limit(catalogue: Catalogue) -> Iterator[list[int | None]]:
    """Hold the catalogue's connections to ``limit[0]`` pages (None: no limit), as a full
    disk would; set as each connection leaves the pool, so changing it acts at once."""
    limit: list[int | None] = [None]
    pool = catalogue._db.engine.pool

    def on_checkout(connection: Any, _record: object, _proxy: object) -> None:
        pages = limit[0] if limit[0] is not None else 1_073_741_823
        connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(pool, "checkout", on_checkout)
    yield limit
    event.remove(pool, "checkout", on_checkout)


def _titles(catalogue: Catalogue) -> list[str]:
    return sorted(e["title"] for e in json.loads(catalogue.export_json())["events"])


def test_a_save_that_cannot_be_written_says_so_and_succeeds_once_space_is_freed(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, page_limit: list[int | None]
) -> None:
    before = _titles(catalogue)
    with catalogue._db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    seen: list[str] = []
    description = (
        "Field notes from the workshop. " * 600
    )  # needs new pages, within the form's limit

    def fill_and_save(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        qtbot.keyClicks(dialog.title_edit, "Workshop on a full disk")
        dialog.description_edit.setPlainText(description)
        page_limit[0] = pages  # the disk fills up while the form is open
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        first.append(dialog)
        later.append(when_modal(qtbot, free_space_and_save_again))

    def free_space_and_save_again(dialog: QWidget) -> None:
        if dialog in first or not dialog.isVisible():  # the form closing; its reopening next
            QTimer.singleShot(10, lambda: free_space_and_save_again(active()))
            return
        assert isinstance(dialog, EventDialog)
        seen.append(dialog.form_error.text())
        seen.append(dialog.title_edit.text())
        assert _titles(catalogue) == before  # nothing of the failed save is there
        page_limit[0] = None
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def active() -> QWidget:
        return QApplication.activeModalWidget() or first[0]

    first: list[QWidget] = []
    later: list[list[BaseException]] = []
    failures = when_modal(qtbot, fill_and_save)
    uid = window.event_editor.new_event()
    assert not failures and not any(later), (failures, later)
    assert seen[0] == (
        f"cannot save to {catalogue.path}: the disk is full; nothing was saved; make room "
        "and try again"
    )
    assert seen[1] == "Workshop on a full disk"
    assert uid is not None
    assert _titles(catalogue) == sorted([*before, "Workshop on a full disk"])
    assert catalogue.event_draft(uid).description == description.strip()
