"""The event form through the real dialog: add, edit, duplicate, delete, undo, bad input."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.dialogs.confirm import ConfirmDelete
from iclei_desktop.gui.dialogs.event_dialog import EventDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import back_to, click_row, record_rows, when_modal


def _events(catalogue: Catalogue) -> dict[str, dict]:  # type: ignore[type-arg]
    return {e["uid"]: e for e in json.loads(catalogue.export_json())["events"]}


def _save(dialog: QWidget) -> None:
    assert isinstance(dialog, EventDialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled(), dialog.errors()
    save.click()


def _fill_planning_meeting(qtbot: QtBot, dialog: QWidget) -> None:
    assert isinstance(dialog, EventDialog)
    assert dialog.windowTitle() == "New event"
    qtbot.keyClicks(dialog.title_edit, "Planning meeting")
    dialog.all_day_check.setChecked(False)
    dialog.start_date.setDate(QDate(2026, 12, 3))
    dialog.end_date.setDate(QDate(2026, 12, 3))
    dialog.start_time.setTime(QTime(10, 0))
    dialog.end_time.setTime(QTime(11, 30))
    dialog.timezone_combo.setCurrentText("Asia/Seoul")
    dialog.cities.box.setCurrentText("Seoul 서울특별시, South Korea")
    dialog.cities.add_button.click()
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findText("Hybrid"))
    qtbot.keyClicks(dialog.url_edit, "https://iclei.org/meeting")
    _save(dialog)


def test_ctrl_n_adds_an_event_through_the_form_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    before = _events(catalogue)
    failures = when_modal(qtbot, lambda d: _fill_planning_meeting(qtbot, d))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not failures, failures
    after = _events(catalogue)
    (uid,) = after.keys() - before.keys()
    added = after[uid]
    assert (
        added["title"],
        added["start_date"],
        added["start_time"],
        added["end_time"],
        added["timezone"],
        added["mode"],
        added["url"],
    ) == (
        "Planning meeting",
        "2026-12-03",
        "10:00:00",
        "11:30:00",
        "Asia/Seoul",
        "hybrid",
        "https://iclei.org/meeting",
    )
    assert window.tabs.currentWidget() is window.events_tab
    assert window.events_tab.detail.toPlainText().startswith("Planning meeting")
    assert "10:00–11:30 (Asia/Seoul)" in window.events_tab.detail.toPlainText()
    assert window.undo_action.text().replace("&", "") == "Undo Add “Planning meeting”"

    # In a text field Ctrl+Z undoes typing; from the list it undoes the change to the catalogue.
    back_to(qtbot, window)
    window.events_tab.view.setFocus()
    qtbot.keyClick(window.events_tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert uid not in _events(catalogue)
    assert "Planning meeting" not in record_rows(window.events_tab.view, 1)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _events(catalogue)[uid]["title"] == "Planning meeting"  # the same UID comes back


def _bad_input(qtbot: QtBot, dialog: QWidget) -> None:
    assert isinstance(dialog, EventDialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    errors = dialog.error_labels
    assert errors["title"].isVisible() and errors["title"].text() == "Title is required"
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "Workshop")
    dialog.start_date.setDate(QDate(2026, 5, 10))
    dialog.end_date.setDate(QDate(2026, 5, 9))
    assert errors["end_date"].text() == "End is before start"
    dialog.end_date.setDate(QDate(2026, 5, 10))
    assert not errors["end_date"].isVisible()
    dialog.all_day_check.setChecked(False)
    dialog.start_time.setTime(QTime(15, 0))
    dialog.end_time.setTime(QTime(14, 0))
    assert errors["end_time"].text() == "End is before start"
    dialog.end_time.setTime(QTime(16, 0))
    dialog.timezone_combo.setCurrentText("Mars/Olympus_Mons")
    assert errors["timezone"].text() == "Unknown time zone"
    dialog.timezone_combo.setCurrentText("")
    assert errors["timezone"].text() == "Time zone is required for a timed event"
    dialog.timezone_combo.setCurrentText("Asia/Ulaanbaatar")
    qtbot.keyClicks(dialog.url_edit, "not a link")
    assert errors["url"].text() == "Not a web address: start it with https://"
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.attendance_edit, "about 50")
    assert errors["attendance"].text() == "Attendance must be a whole number, like 120"
    dialog.attendance_edit.clear()
    dialog.cities.box.setCurrentText("Atlantis")
    dialog.cities.add_button.click()  # a new city with no country
    assert errors["cities"].text() == "A new city needs a name and a country"
    assert not save.isEnabled()
    dialog.cities.list.setCurrentRow(0)
    dialog.cities.remove_button.click()
    assert save.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_bad_input_is_named_beside_its_field_and_cancel_saves_nothing(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    before = catalogue.export_json()
    failures = when_modal(qtbot, lambda d: _bad_input(qtbot, d))
    window.actions.new_event.trigger()
    assert not failures, failures
    after = catalogue.export_json()
    assert json.loads(after)["events"] == json.loads(before)["events"]
    assert json.loads(after)["local_governments"] == json.loads(before)["local_governments"]
    assert window.undo_stack.count() == 0


def test_enter_edits_the_selected_event_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.tabs.setCurrentWidget(window.events_tab)
    click_row(qtbot, window.events_tab.view, "Turku City Study Tour to Japan", 1)
    uid = next(
        u for u, e in _events(catalogue).items() if e["title"] == "Turku City Study Tour to Japan"
    )
    original = _events(catalogue)[uid]

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        assert dialog.title_edit.text() == "Turku City Study Tour to Japan"
        assert dialog.start_date.date() == QDate(2020, 1, 21)
        assert dialog.cities.list.count() == 3
        dialog.title_edit.selectAll()
        qtbot.keyClicks(dialog.title_edit, "Turku delegation in Tokyo and Yokohama")
        _save(dialog)

    failures = when_modal(qtbot, edit)
    qtbot.keyClick(window.events_tab.view, Qt.Key.Key_Return)
    assert not failures, failures
    edited = _events(catalogue)[uid]
    assert edited["title"] == "Turku delegation in Tokyo and Yokohama"
    assert edited["sequence"] == original["sequence"] + 1
    assert edited["note"] == original["note"]  # what the form does not show is kept
    assert "Turku delegation in Tokyo and Yokohama" in record_rows(window.events_tab.view, 1)
    assert (
        window.undo_action.text().replace("&", "")
        == "Undo Edit “Turku delegation in Tokyo and Yokohama”"
    )
    window.undo_action.trigger()
    assert _events(catalogue)[uid]["title"] == "Turku City Study Tour to Japan"


def test_duplicate_adds_a_copy_with_a_new_uid(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.tabs.setCurrentWidget(window.events_tab)
    click_row(qtbot, window.events_tab.view, "Turku City Study Tour to Japan", 1)
    before = _events(catalogue)
    qtbot.keyClick(window.events_tab.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    after = _events(catalogue)
    (uid,) = after.keys() - before.keys()
    assert after[uid]["title"] == "Turku City Study Tour to Japan"
    assert (
        after[uid]["local_governments"]
        == next(e for e in before.values() if e["title"] == "Turku City Study Tour to Japan")[
            "local_governments"
        ]
    )
    window.undo_action.trigger()
    assert _events(catalogue).keys() == before.keys()


def test_delete_asks_first_and_undo_brings_back_everything(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "Sustainable Urban Renewal through Nature-Based Solutions: Lessons learned from Chinese and German Cities"
    window.tabs.setCurrentWidget(window.events_tab)
    click_row(qtbot, window.events_tab.view, title, 1)
    before = _events(catalogue)
    uid = next(u for u, e in before.items() if e["title"] == title)
    asked: list[str] = []
    monkeypatch.setattr(
        ConfirmDelete, "ask", classmethod(lambda cls, parent, t: asked.append(t) or True)
    )
    qtbot.keyClick(window.events_tab.view, Qt.Key.Key_Delete)
    assert asked == [title]
    assert uid not in _events(catalogue)
    assert window.events_tab.detail.toPlainText().startswith("Select an event")
    window.undo_action.trigger()
    restored = _events(catalogue)[uid]
    for field in (
        "title",
        "start_date",
        "note",
        "attendance",
        "attendance_text",
        "organizations",
        "local_governments",
        "mode",
        "status",
        "program",
        "description",
    ):
        assert restored[field] == before[uid][field], field
    publications = json.loads(catalogue.export_json())["publications"]
    assert any(uid in p["events"] for p in publications)  # the event report still points at it


def test_cancelling_the_real_delete_question_keeps_the_event(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.tabs.setCurrentWidget(window.events_tab)
    click_row(qtbot, window.events_tab.view, "Turku City Study Tour to Japan", 1)
    before = _events(catalogue)

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.text() == "Delete “Turku City Study Tour to Japan”?"
        box.button(QMessageBox.StandardButton.Cancel).click()

    failures = when_modal(qtbot, cancel)
    window.actions.delete_event.trigger()
    assert not failures, failures
    assert _events(catalogue).keys() == before.keys()
    assert window.undo_stack.count() == 0


def test_the_form_works_from_the_keyboard(qtbot: QtBot, catalogue: Catalogue) -> None:
    dialog = EventDialog(catalogue.event_form_choices(), EventDialog_draft(), "New event")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setFocus()
    reached = set()
    widget = dialog.focusWidget()
    for _ in range(60):
        reached.add(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = dialog.focusWidget()
    for field in (
        dialog.title_edit,
        dialog.series_edit,
        dialog.location_edit,
        dialog.mode_combo,
        dialog.status_combo,
        dialog.program_combo,
        dialog.attendance_edit,
        dialog.description_edit,
        dialog.url_edit,
        dialog.all_day_check,
    ):
        assert field in reached, field.accessibleName()
    qtbot.keyClicks(dialog.title_edit, "Typed")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Save is the default button
    assert dialog.result() == EventDialog.DialogCode.Accepted


def EventDialog_draft():  # type: ignore[no-untyped-def]
    from iclei_desktop.core.dto import EventDraft

    return EventDraft(start_date=date(2026, 1, 5), end_date=date(2026, 1, 5), start_time=time(9))


def test_event_actions_need_a_selected_event(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.events_tab)
    for action in (
        window.actions.edit_event,
        window.actions.duplicate_event,
        window.actions.delete_event,
        window.actions.export_selected,
    ):
        assert not action.isEnabled()
    click_row(qtbot, window.events_tab.view, "Turku City Study Tour to Japan", 1)
    for action in (
        window.actions.edit_event,
        window.actions.duplicate_event,
        window.actions.delete_event,
        window.actions.export_selected,
    ):
        assert action.isEnabled()
    assert window.actions.new_event.isEnabled()


def test_delete_removes_the_selected_city_or_organizer_in_the_list_that_has_the_focus(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    dialog = EventDialog(catalogue.event_form_choices(), EventDialog_draft(), "New event")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # a shortcut acts in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    for picker, text in (
        (dialog.cities, "Seoul 서울특별시, South Korea"),
        (dialog.organizers, "Asian Development Bank"),
    ):
        picker.box.setCurrentText(text)
        picker.add_button.click()
    for picker in (dialog.cities, dialog.organizers):
        assert picker.list.count() == 1
        picker.list.setFocus()
        picker.list.setCurrentRow(0)
        qtbot.keyClick(picker.list, Qt.Key.Key_Delete)
        assert picker.list.count() == 0
