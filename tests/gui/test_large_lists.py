"""Lists far longer than the seed: read a page at a time, sorted and filtered in SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui import background
from iclei_desktop.gui.dialogs.calendar_dialogs import (
    CalendarFiles,
    ExportCalendarDialog,
    ExportChoice,
)
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.models.lazy_model import CACHED
from tests.gui.helpers import record_rows

EXTRA = 3_000


@pytest.fixture
def large(tmp_path: Path, seeded_bytes: bytes) -> Iterator[Catalogue]:
    """The seed plus 3,000 events written straight into the file, as another tool might."""
    yield from with_events(tmp_path, seeded_bytes, EXTRA)


def with_events(tmp_path: Path, seeded_bytes: bytes, extra: int) -> Iterator[Catalogue]:
    path = tmp_path / "large.sqlite"
    path.write_bytes(seeded_bytes)
    connection = sqlite3.connect(path)
    first = date(2000, 1, 1)
    connection.executemany(
        "INSERT INTO event (uid, title, start_date, end_date, all_day, date_precision, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'day', 'confirmed', ?, ?)",
        [
            (
                f"bulk-{n}@test",
                f"Bulk meeting {n:05d}",
                (first + timedelta(days=n)).isoformat(),
                (first + timedelta(days=n)).isoformat(),
                "2020-01-01 00:00:00",
                "2020-01-01 00:00:00",
            )
            for n in range(extra)
        ],
    )
    connection.commit()
    connection.close()
    catalogue = Catalogue.open(path)  # indexes the new rows for search and filters
    yield catalogue
    catalogue.close()


@pytest.fixture
def events(qtbot: QtBot, large: Catalogue) -> MainWindow:
    window = MainWindow(large)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.events_tab)
    return window


def test_the_list_counts_every_event_but_reads_only_what_is_shown(events: MainWindow) -> None:
    tab = events.events_tab
    total = large_total(tab)
    assert tab.view.model().rowCount() == total
    assert tab.count_label.text() == f"Records: {total}"
    assert len(tab.model._cache) < 300  # a page or two, not three thousand rows
    tab.view.scrollToBottom()
    latest = tab.catalogue.events()[-1].title
    assert tab.view.model().index(total - 1, 1).data() == latest  # read on demand
    assert len(tab.model._cache) < CACHED


def large_total(tab) -> int:  # type: ignore[no-untyped-def]
    return tab.catalogue.counts().events


def test_clicking_a_header_sorts_in_sql_and_again_reverses(
    qtbot: QtBot, events: MainWindow
) -> None:
    tab = events.events_tab
    header = tab.header
    title = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    first = [tab.view.model().index(r, 1).data() for r in range(3)]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    again = [tab.view.model().index(r, 1).data() for r in range(3)]
    # SQLite's NOCASE folds ASCII letters only, as bytes.lower() does.
    expected = sorted((e.title for e in tab.catalogue.events()), key=lambda t: t.encode().lower())
    assert sorted([first, again]) == sorted([expected[:3], expected[::-1][:3]])
    assert first != again


def test_typed_words_filter_thousands_and_clearing_brings_them_back(
    qtbot: QtBot, events: MainWindow
) -> None:
    tab = events.events_tab
    total = large_total(tab)
    qtbot.keyClicks(tab.filter_edit, "02999")
    assert record_rows(tab.view, 1) == ["Bulk meeting 02999"]
    assert tab.count_label.text() == f"Shown: 1 of {total}"
    tab.filter_edit.clear()
    assert tab.view.model().rowCount() == total


def test_filter_choices_are_read_when_the_list_is_opened(events: MainWindow) -> None:
    combo = events.events_tab.year_combo
    assert combo.count() == 1  # "Year: All": ten thousand names cost nothing until wanted
    combo.showPopup()
    assert combo.findText("2003") > 0
    combo.hidePopup()
    combo.setCurrentIndex(combo.findText("2003"))
    shown = record_rows(events.events_tab.view, 1)
    assert len(shown) == 365 and all(t.startswith("Bulk meeting") for t in shown)


def test_opening_a_record_far_down_the_list_selects_it(events: MainWindow) -> None:
    uid = "bulk-2500@test"
    record_id = events.events_tab.catalogue.event_id(uid)
    assert events.open_record("event", record_id)
    assert events.events_tab.current_id() == record_id
    assert events.events_tab.detail.toPlainText().startswith("Bulk meeting 02500")


def test_a_list_not_yet_shown_is_not_read(large: Catalogue, qtbot: QtBot) -> None:
    window = MainWindow(large)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.programs_tab)
    assert not window.publications_tab.loaded
    window.tabs.setCurrentWidget(window.publications_tab)
    assert window.publications_tab.loaded


def test_a_long_export_shows_progress_and_cancel_writes_nothing(
    qtbot: QtBot, tmp_path: Path, seeded_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = next(with_events(tmp_path, seeded_bytes, 8_000))  # a second or two
    events = MainWindow(catalogue)
    qtbot.addWidget(events)
    events.show()
    target = tmp_path / "everything.ics"
    monkeypatch.setattr(CalendarFiles, "save_path", classmethod(lambda cls, parent, name: target))
    monkeypatch.setattr(
        ExportCalendarDialog, "ask", classmethod(lambda cls, *args: ExportChoice("all", None, None))
    )
    # The dialog at once, so that Cancel always comes before the export's end.
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 0)
    seen: list[str] = []

    def act() -> None:
        # The window's own dialog (another test's leftover may be the active modal widget),
        # as soon as it exists: under load a poll may come late, after a fast export's end.
        dialog = events.findChild(QProgressDialog)
        if dialog is not None:
            seen.append(dialog.labelText())
            dialog.findChild(QPushButton).click()
            return
        QTimer.singleShot(10, act)

    QTimer.singleShot(0, act)
    assert events.export_calendar() is None
    assert seen == ["Writing everything.ics…"]
    assert events.statusBar().currentMessage() == (
        "Export to everything.ics cancelled; nothing was written"
    )
    assert not target.exists()
    assert list(tmp_path.glob("*everything*")) == []
    catalogue.close()
