"""Export and import of .ics files from the window: choices, preview, drop, and errors."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.dialogs.calendar_dialogs import (
    CalendarFiles,
    ExportCalendarDialog,
    ImportPreviewDialog,
)
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_row, record_rows, when_modal

INVITATION = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Planner//EN\r
BEGIN:VEVENT\r
UID:partner-workshop-2026@example.org\r
DTSTAMP:20261101T090000Z\r
DTSTART;VALUE=DATE:20261210\r
DTEND;VALUE=DATE:20261212\r
SUMMARY:Partner workshop on circular food systems 循环食物\r
LOCATION:Seoul\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _vevents(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


def _choose(scope: str):  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportCalendarDialog)
        {"all": dialog.all_radio, "shown": dialog.shown_radio, "selected": dialog.selected_radio}[
            scope
        ].click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    return act


def test_export_the_events_the_filters_show(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "october.ics"
    monkeypatch.setattr(CalendarFiles, "save_path", classmethod(lambda cls, parent, name: target))
    tab = window.events_tab
    window.tabs.setCurrentWidget(tab)
    tab.calendar.setCurrentPage(2020, 10)
    tab.mode_combo.setCurrentIndex(tab.mode_combo.findText("Virtual"))
    shown = record_rows(tab.view, 1)
    failures = when_modal(qtbot, _choose("shown"))
    window.actions.export_calendar.trigger()
    assert not failures, failures
    assert sorted(str(e["SUMMARY"]) for e in _vevents(target)) == sorted(shown)
    assert f"Exported {len(shown)} events to {target}" == window.statusBar().currentMessage()


def test_export_the_selected_event_from_its_context_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "tour.ics"
    monkeypatch.setattr(CalendarFiles, "save_path", classmethod(lambda cls, parent, name: target))
    window.tabs.setCurrentWidget(window.events_tab)
    click_row(qtbot, window.events_tab.view, "Turku City Study Tour to Japan", 1)
    assert window.actions.export_selected in window.events_tab.view.actions()

    def keep_selected(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportCalendarDialog)
        assert dialog.selected_radio.isChecked()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    failures = when_modal(qtbot, keep_selected)
    window.actions.export_selected.trigger()
    assert not failures, failures
    (event,) = _vevents(target)
    assert event["DTSTART"].to_ical() == b"20200121"
    assert event["DTEND"].to_ical() == b"20200125"


def test_an_export_that_cannot_be_written_says_why_and_leaves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing" / "events.ics"
    monkeypatch.setattr(CalendarFiles, "save_path", classmethod(lambda cls, parent, name: target))
    failures = when_modal(qtbot, _choose("all"))
    window.actions.export_calendar.trigger()
    assert not failures, failures
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "The calendar was not exported"
    assert str(target.parent) in box.text()
    assert not target.parent.exists()
    box.close()


def test_a_date_range_ending_before_it_starts_cannot_be_exported(
    qtbot: QtBot, window: MainWindow
) -> None:
    def bad_range(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportCalendarDialog)
        dialog.range_check.setChecked(True)
        dialog.end_edit.setDate(dialog.start_edit.date().addDays(-1))
        assert dialog.range_error.text() == "End is before start"
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    failures = when_modal(qtbot, bad_range)
    assert window.export_calendar() is None
    assert not failures, failures


def test_import_shows_a_preview_then_adds_the_event(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "invitation.ics"
    source.write_text(INVITATION, encoding="utf-8")
    monkeypatch.setattr(CalendarFiles, "open_path", classmethod(lambda cls, parent: source))
    seen: list[str] = []

    def preview(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreviewDialog)
        seen.append(dialog.summary.text())
        table = dialog.table
        seen.extend(table.item(0, c).text() for c in range(2))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    failures = when_modal(qtbot, preview)
    window.actions.import_calendar.trigger()
    assert not failures, failures
    assert seen == [
        "Adds 1, updates 0, leaves 0 unchanged and skips 0.",
        "Add",
        "Partner workshop on circular food systems 循环食物",
    ]
    uids = {e["uid"] for e in json.loads(catalogue.export_json())["events"]}
    assert "partner-workshop-2026@example.org" in uids
    window.tabs.setCurrentWidget(window.events_tab)
    assert "Partner workshop on circular food systems 循环食物" in record_rows(
        window.events_tab.view, 1
    )


def test_dropping_a_calendar_on_the_window_previews_it_and_cancel_imports_nothing(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, tmp_path: Path
) -> None:
    source = tmp_path / "dropped.ics"
    source.write_text(INVITATION, encoding="utf-8")
    before = catalogue.export_json()

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreviewDialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    failures = when_modal(qtbot, cancel)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(source))])
    drop = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    assert not failures, failures
    assert json.loads(catalogue.export_json())["events"] == json.loads(before)["events"]


def test_a_bad_file_is_refused_with_its_reason_and_nothing_changes(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "notes.ics"
    source.write_text("Shopping list: rice, kimchi\n", encoding="utf-8")
    monkeypatch.setattr(CalendarFiles, "open_path", classmethod(lambda cls, parent: source))
    before = catalogue.export_json()
    window.actions.import_calendar.trigger()
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.windowTitle() == "The calendar was not imported"
    assert box.text()
    assert json.loads(catalogue.export_json())["events"] == json.loads(before)["events"]
    box.close()


def _bulk_calendar(count: int) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Bulk//EN"]
    for i in range(count):
        lines += [
            "BEGIN:VEVENT",
            f"UID:bulk-{i}@example.org",
            "DTSTAMP:20261101T090000Z",
            f"DTSTART;VALUE=DATE:2027{1 + i % 12:02d}{1 + i % 28:02d}",
            f"SUMMARY:Bulk event {i}",
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def test_a_long_import_shows_progress_and_cancel_leaves_the_catalogue_as_it_was(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "partner-year.ics"
    source.write_text(_bulk_calendar(1500), encoding="utf-8")
    monkeypatch.setattr(CalendarFiles, "open_path", classmethod(lambda cls, parent: source))
    before = catalogue.export_json()
    seen: list[str] = []
    # The import is quicker than the dialog's delay: hold it after its first batch of events is
    # written, until Cancel is pressed (the progress report then raises Cancelled).
    importing = Catalogue.import_calendar

    def held(self: Catalogue, path: Path, progress: Callable[[int, int], None]) -> object:
        def report(done: int, total: int) -> None:
            progress(done, total)
            while done == 1200:
                time.sleep(0.01)
                progress(done, total)

        return importing(self, path, report)

    monkeypatch.setattr(Catalogue, "import_calendar", held)

    def act() -> None:
        # Agree to the preview, then press Cancel on the import's progress once it shows.
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportPreviewDialog):
            seen.append(dialog.summary.text())
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        elif isinstance(dialog, QProgressDialog) and dialog.labelText().startswith("Importing"):
            seen.append(dialog.labelText())
            dialog.findChild(QPushButton).click()
            return
        QTimer.singleShot(10, act)

    QTimer.singleShot(0, act)
    assert window.import_calendar(source) is False
    assert seen == [
        "Adds 1500, updates 0, leaves 0 unchanged and skips 0.",
        "Importing partner-year.ics…",
    ]
    assert window.statusBar().currentMessage() == (
        "Import of partner-year.ics cancelled; nothing was changed"
    )
    assert json.loads(catalogue.export_json())["events"] == json.loads(before)["events"]
    assert "Bulk event 0" not in record_rows(window.events_tab.view, 1)
