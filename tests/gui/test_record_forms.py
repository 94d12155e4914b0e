"""The forms of programs, members, people, partners and publications, through the real window."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import DeleteImpact, LinkCount
from iclei_desktop.gui.dialogs.delete_dialog import (
    DeleteChoice,
    DeleteRecordDialog,
    impact_text,
)
from iclei_desktop.gui.dialogs.form_support import LinkList, RecordForm
from iclei_desktop.gui.dialogs.member_dialog import MemberDialog
from iclei_desktop.gui.dialogs.organization_dialog import OrganizationDialog
from iclei_desktop.gui.dialogs.person_dialog import PersonDialog
from iclei_desktop.gui.dialogs.program_dialog import ProgramDialog
from iclei_desktop.gui.dialogs.publication_dialog import PublicationDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import back_to, click_row, record_rows, when_modal

CLEAN_AIR = "East Asia Clean Air Cities Network"  # a seeded program with three events


def _records(catalogue: Catalogue, key: str) -> dict[str, dict[str, Any]]:
    return {r["uid"]: r for r in json.loads(catalogue.export_json())[key]}


def _named(catalogue: Catalogue, key: str, name: str) -> dict[str, Any]:
    field = "title" if key in ("publications", "events") else "name"
    return next(r for r in _records(catalogue, key).values() if r[field] == name)


def _without_time(exported: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(exported)
    del data["exported_at"]
    return data


def _save(dialog: QWidget) -> None:
    assert isinstance(dialog, RecordForm)
    assert dialog.save_button.isEnabled(), dialog.errors()
    dialog.save_button.click()


def _cancel(dialog: QWidget) -> None:
    assert isinstance(dialog, RecordForm)
    dialog.buttons.rejected.emit()


def _link(links: LinkList, text: str, role: str | None = None) -> None:
    links.box.setCurrentText(text)
    if role is not None:
        assert links.role_combo is not None
        links.role_combo.setCurrentIndex(links.role_combo.findData(role))
    links.add_button.click()


def _run(qtbot: QtBot, act: Callable[[QWidget], None], trigger: Callable[[], object]) -> None:
    """Trigger what opens a form, and act on it; a form that opens again (a refused save)
    with no one to act on it is closed and reported rather than left waiting."""
    late: list[str] = []
    seen: list[QWidget | None] = [None, None]  # the form acted on; another seen open since

    def guard() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        if dialog is seen[0] or dialog is not seen[1]:
            seen[1] = None if dialog is seen[0] else dialog
            QTimer.singleShot(300, guard)  # still acting, or give a handler time to act
        elif isinstance(dialog, RecordForm):
            late.append(f"the form opened again: {dialog.form_error.text()} {dialog.errors()}")
            dialog.reject()

    def acting(dialog: QWidget) -> None:
        seen[0] = dialog
        QTimer.singleShot(300, guard)
        act(dialog)

    failures = when_modal(qtbot, acting)
    trigger()
    assert not failures, failures
    assert not late, late


def _message(dialog: RecordForm, field: str) -> str:
    label = dialog.error_labels[field]
    return label.text() if label.isVisible() else ""


# --- adding -----------------------------------------------------------------------------------


def test_file_new_program_saves_its_links_and_undo_and_redo_take_it_back_and_forth(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ProgramDialog)
        assert dialog.windowTitle() == "New program"
        assert _message(dialog, "name") == "Name is required"
        assert not dialog.save_button.isEnabled()
        qtbot.keyClicks(dialog.name_edit, "Seoul Heat Action")
        qtbot.keyClicks(dialog.acronym_edit, "SHA")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText("Project"))
        qtbot.keyClicks(dialog.start_edit, "2021")
        qtbot.keyClicks(dialog.end_edit, "2023")
        _link(dialog.pathways, "Nature-based Development")
        _link(dialog.pathways, "Resilient Development")
        dialog.pathways.list.setCurrentRow(1)
        dialog.pathways.up_button.click()  # Resilient first: the predominant pathway
        _link(dialog.organizations, "Asian Development Bank", "funder")
        _link(dialog.local_governments, "Chengdu 成都市, China", "pilot")
        dialog.parent_box.setCurrentText(CLEAN_AIR)
        dialog.figures.add_button.click()
        dialog.figures.edit_cell(0, 0, "Cities with heat plans")
        dialog.figures.edit_cell(0, 1, "12")
        _save(dialog)

    _run(qtbot, fill, window.actions.new_program.trigger)
    added = _named(catalogue, "programs", "Seoul Heat Action")
    assert added["acronym"] == "SHA" and added["kind"] == "project"
    assert (added["period_start"], added["period_end"]) == (2021, 2023)
    assert added["parent"] == _named(catalogue, "programs", CLEAN_AIR)["uid"]
    assert window.tabs.currentWidget() is window.programs_tab
    detail = window.programs_tab.detail.toPlainText()
    assert detail.startswith("Seoul Heat Action")
    assert "Asian Development Bank" in detail and "Chengdu" in detail
    assert "Cities with heat plans" in detail and "12" in detail
    assert "Seoul Heat Action" in record_rows(window.programs_tab.view)
    # Grouped under its predominant pathway, the one moved up.
    assert (
        window.programs_tab.view.currentIndex().parent().data().startswith("Resilient Development")
    )
    assert window.undo_action.text().replace("&", "") == "Undo Add “Seoul Heat Action”"

    window.undo_action.trigger()
    assert added["uid"] not in _records(catalogue, "programs")
    assert "Seoul Heat Action" not in record_rows(window.programs_tab.view)
    window.redo_action.trigger()
    again = _records(catalogue, "programs")[added["uid"]]  # back under the same UID
    assert again["organizations"] == added["organizations"]
    assert window.programs_tab.detail.toPlainText().startswith("Seoul Heat Action")


def test_file_new_member_person_partner_and_publication(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, type_text: Any
) -> None:
    def member(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        qtbot.keyClicks(dialog.name_edit, "Gangneung")
        type_text(dialog.native_edit, "강릉시")
        dialog.country_combo.setEditText("South Korea")
        dialog.membership_combo.setCurrentIndex(dialog.membership_combo.findText("ICLEI member"))
        qtbot.keyClicks(dialog.since_edit, "2012")
        _save(dialog)

    _run(qtbot, member, window.actions.new_member.trigger)
    assert window.tabs.currentWidget() is window.members_tab
    assert window.members_tab.detail.toPlainText().startswith("Gangneung 강릉시")
    assert "Gangneung" in record_rows(window.members_tab.view)
    suwon = _named(catalogue, "local_governments", "Gangneung")
    assert (suwon["country"], suwon["is_member"], suwon["member_since"]) == (
        "South Korea",
        True,
        2012,
    )

    def person(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.name_edit, "Ji-woo Park")
        qtbot.keyClicks(dialog.title_edit, "Mayor")
        dialog.local_government_box.setCurrentText("Gangneung 강릉시, South Korea")
        dialog.seats.add_button.click()
        table = dialog.seats.table
        dialog.seats.edit_cell(0, 1, "Regional Vice-Chair")
        dialog.seats.edit_cell(0, 2, "Resilience")
        dialog.seats.edit_cell(0, 3, "2021")
        dialog.seats.edit_cell(0, 4, "2024")
        assert table.rowCount() == 1
        _save(dialog)

    _run(qtbot, person, window.actions.new_person.trigger)
    park = _named(catalogue, "people", "Ji-woo Park")
    seats = [
        s for s in _records(catalogue, "governance_seats").values() if s["person"] == park["uid"]
    ]
    assert [(s["body"], s["position"], s["term_start"], s["term_end"]) for s in seats] == [
        ("rexcom_east_asia", "Regional Vice-Chair", 2021, 2024)
    ]
    assert window.members_tab.lists.currentIndex() == 1  # Governance, where seats are
    assert window.members_tab.detail.toPlainText().startswith("Ji-woo Park")
    assert "Ji-woo Park" in [
        window.members_tab.governance.model().index(r, 0, parent).data()
        for parent in [
            window.members_tab.governance.model().index(g, 0)
            for g in range(window.members_tab.governance.model().rowCount())
        ]
        for r in range(window.members_tab.governance.model().rowCount(parent))
    ]

    def partner(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        qtbot.keyClicks(dialog.name_edit, "Korea Environment Institute")
        qtbot.keyClicks(dialog.acronym_edit, "KEI")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText("Research institute"))
        _save(dialog)

    _run(qtbot, partner, window.actions.new_partner.trigger)
    assert window.tabs.currentWidget() is window.partners_tab
    assert window.partners_tab.detail.toPlainText().startswith("Korea Environment Institute")
    assert "Korea Environment Institute" in record_rows(window.partners_tab.view)

    def publication(dialog: QWidget) -> None:
        assert isinstance(dialog, PublicationDialog)
        qtbot.keyClicks(dialog.title_edit, "Heat Playbook")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText("Playbook"))
        dialog.language_combo.setEditText("Korean")
        _link(dialog.organizations, "Korea Environment Institute", "author")
        _link(dialog.programs, CLEAN_AIR)
        _save(dialog)

    _run(qtbot, publication, window.actions.new_publication.trigger)
    heat = _named(catalogue, "publications", "Heat Playbook")
    assert (heat["kind"], heat["language"]) == ("playbook", "ko")
    assert window.tabs.currentWidget() is window.publications_tab
    detail = window.publications_tab.detail.toPlainText()
    assert detail.startswith("Heat Playbook")
    assert "Korea Environment Institute" in detail and CLEAN_AIR in detail
    assert window.undo_stack.count() == 4


# --- editing ----------------------------------------------------------------------------------

EDITS = [
    ("programs_tab", CLEAN_AIR, 0, "programs", "name", "East Asia Clean Air Network"),
    ("members_tab", "Chengdu", 0, "local_governments", "name", "Chengdu City"),
    ("publications_tab", "Building Efficiency Codes Playbook", 0, "publications", "title",
     "Building Codes Playbook"),
    ("partners_tab", "Clean Air Asia", 0, "organizations", "name", "Clean Air Asia Center"),
]  # fmt: skip


@pytest.mark.parametrize(("tab_name", "row", "column", "key", "field", "new"), EDITS)
def test_enter_on_a_row_edits_it_and_undo_restores_it(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tab_name: str,
    row: str,
    column: int,
    key: str,
    field: str,
    new: str,
) -> None:
    tab = getattr(window, tab_name)
    window.tabs.setCurrentWidget(tab)
    click_row(qtbot, tab.view, row, column)
    uid = _named(catalogue, key, row)["uid"]
    before = _records(catalogue, key)[uid]
    word = {"programs": "Program", "local_governments": "Member"}.get(key) or (
        "Publication" if key == "publications" else "Partner"
    )
    assert window.actions.edit_record.text() == f"&Edit {word}…"
    assert window.actions.delete_record.text() == f"&Delete {word}…"

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordForm)
        edit_field = dialog.title_edit if field == "title" else dialog.name_edit  # type: ignore[attr-defined]
        assert edit_field.text() == row
        edit_field.selectAll()
        qtbot.keyClicks(edit_field, new)
        _save(dialog)

    _run(qtbot, edit, lambda: qtbot.keyClick(tab.view, Qt.Key.Key_Return))
    after = _records(catalogue, key)[uid]
    assert after[field] == new
    for other in before:  # what the form did not change is kept, links included
        if other not in (field, "updated_at"):
            assert after[other] == before[other], other
    assert new in record_rows(tab.view, column)
    assert tab.detail.toPlainText().startswith(new)
    window.undo_action.trigger()
    assert _records(catalogue, key)[uid][field] == row
    assert tab.detail.toPlainText().startswith(row)
    window.redo_action.trigger()
    assert _records(catalogue, key)[uid][field] == new


def test_a_person_is_edited_from_governance_with_their_seats(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.lists.setCurrentIndex(1)
    click_row(qtbot, window.members_tab.governance, "Frank Cownie")
    assert window.actions.edit_record.text() == "&Edit Person…"
    uid = _named(catalogue, "people", "Frank Cownie")["uid"]

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        assert dialog.windowTitle() == "Edit person"
        assert dialog.seats.table.rowCount() >= 1
        dialog.seats.edit_cell(0, 2, "Climate finance")
        _save(dialog)

    _run(qtbot, edit, window.actions.edit_record.trigger)
    seats = [s for s in _records(catalogue, "governance_seats").values() if s["person"] == uid]
    assert seats[0]["portfolio"] == "Climate finance"
    assert "Climate finance" in window.members_tab.detail.toPlainText()
    window.undo_action.trigger()
    seats = [s for s in _records(catalogue, "governance_seats").values() if s["person"] == uid]
    assert seats[0]["portfolio"] != "Climate finance"


def test_a_double_click_edits_and_cancel_saves_nothing(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.tabs.setCurrentWidget(window.partners_tab)
    click_row(qtbot, window.partners_tab.view, "Clean Air Asia")
    before = catalogue.export_json()

    def change_then_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        qtbot.keyClicks(dialog.name_edit, " and more")
        _cancel(dialog)

    view = window.partners_tab.view
    index = view.currentIndex()
    _run(
        qtbot,
        change_then_cancel,
        lambda: qtbot.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        ),
    )
    assert (
        json.loads(catalogue.export_json())["organizations"] == json.loads(before)["organizations"]
    )
    assert window.undo_stack.count() == 0


# --- bad input --------------------------------------------------------------------------------


def test_program_bad_input_is_named_beside_each_field(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    before = catalogue.export_json()

    def bad(dialog: QWidget) -> None:
        assert isinstance(dialog, ProgramDialog)
        save = dialog.save_button
        assert _message(dialog, "name") == "Name is required"
        qtbot.keyClicks(dialog.name_edit, "Heat")
        assert save.isEnabled()
        qtbot.keyClicks(dialog.start_edit, "20x1")
        assert _message(dialog, "period_start") == "Not a year: write four digits, like 2020"
        assert not save.isEnabled()
        dialog.start_edit.setText("1800")
        assert _message(dialog, "period_start") == ("Start year must be between 1990 and 2100")
        dialog.start_edit.setText("2022")
        qtbot.keyClicks(dialog.end_edit, "2020")
        assert _message(dialog, "period_end") == "End year is before start year"
        assert not save.isEnabled()
        dialog.end_edit.setText("2024")
        assert save.isEnabled()
        dialog.parent_box.setCurrentText("Atlantis Program")
        assert _message(dialog, "parent_id") == (
            "No program is called that; pick one from the list or clear the box"
        )
        dialog.parent_box.setCurrentText("")
        dialog.pathways.box.setCurrentText("Circular Development")
        assert _message(dialog, "pathway_ids") == "Press Add to add it, or clear the box"
        assert not save.isEnabled()
        dialog.pathways.add_button.click()
        dialog.figures.add_button.click()
        assert _message(dialog, "figures") == "Figure 1: label is required"
        dialog.figures.edit_cell(0, 0, "Cities")
        assert _message(dialog, "figures") == "Figure 1: value is required"
        assert not save.isEnabled()
        dialog.figures.edit_cell(0, 1, "12")
        assert save.isEnabled()
        dialog.name_edit.insert("\x1b")  # pasted: no key types it
        assert _message(dialog, "name") == (
            "Name holds a control character (U+001B), which cannot be saved"
        )
        assert not save.isEnabled()
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter does not save when invalid
        assert dialog.isVisible()
        _cancel(dialog)

    _run(qtbot, bad, window.actions.new_program.trigger)
    assert catalogue.export_json().split('"programs"')[1] == before.split('"programs"')[1]
    assert window.undo_stack.count() == 0


def test_member_person_partner_and_publication_bad_input(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    before = json.loads(catalogue.export_json())

    def member(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        qtbot.keyClicks(dialog.name_edit, "Gangneung")
        assert _message(dialog, "country") == "Country is required"
        dialog.country_combo.setEditText("South Korea")
        qtbot.keyClicks(dialog.since_edit, "2012")
        assert _message(dialog, "member_since") == (
            "Only a member has a year it joined: set it as a member or clear the year"
        )
        assert not dialog.save_button.isEnabled()
        dialog.membership_combo.setCurrentIndex(1)
        assert dialog.save_button.isEnabled()
        dialog.parent_box.setCurrentText("Gyeonggi")
        assert _message(dialog, "parent_id") == (
            "No local government is called that; pick one from the list or clear the box"
        )
        _cancel(dialog)

    def person(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.name_edit, "Ji-woo Park")
        dialog.seats.add_button.click()
        assert _message(dialog, "seats") == "Seat 1: position is required"
        dialog.seats.edit_cell(0, 1, "Advisor")
        assert _message(dialog, "seats") == "Seat 1: term start is required"
        dialog.seats.edit_cell(0, 3, "20ab")
        assert _message(dialog, "seats") == "Seat 1: term start is not a year; write four digits"
        dialog.seats.edit_cell(0, 3, "2024")
        dialog.seats.edit_cell(0, 4, "2021")
        assert _message(dialog, "seats") == "Seat 1: term end is before term start"
        assert not dialog.save_button.isEnabled()
        dialog.seats.table.setCurrentCell(0, 1)
        dialog.seats.remove_button.click()
        assert dialog.save_button.isEnabled()
        dialog.organization_box.setCurrentText("Nobody Inc")
        assert _message(dialog, "organization_id") == (
            "No organization is called that; pick one from the list or clear the box"
        )
        _cancel(dialog)

    def partner(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        assert _message(dialog, "name") == "Name is required"
        qtbot.keyClicks(dialog.name_edit, "x" * 301)
        assert _message(dialog, "name") == "Name is too long (at most 300 characters)"
        assert not dialog.save_button.isEnabled()
        _cancel(dialog)

    def publication(dialog: QWidget) -> None:
        assert isinstance(dialog, PublicationDialog)
        assert _message(dialog, "title") == "Title is required"
        qtbot.keyClicks(dialog.title_edit, "Heat Playbook")
        dialog.language_combo.setEditText("english!")
        assert _message(dialog, "language") == "Not a language code (such as en or zh-Hans)"
        dialog.language_combo.setEditText("")
        assert _message(dialog, "language") == "Language is required"
        dialog.language_combo.setEditText("English")
        qtbot.keyClicks(dialog.url_edit, "not a link")
        assert _message(dialog, "url") == "Not a web address"
        dialog.url_edit.clear()
        dialog.events.box.setCurrentText("No such event")
        assert _message(dialog, "event_ids") == (
            "None of the events is called that; pick one from the list or clear the box"
        )
        assert not dialog.save_button.isEnabled()
        dialog.events.box.setCurrentText("")
        assert dialog.save_button.isEnabled()
        _cancel(dialog)

    for act, action in (
        (member, window.actions.new_member),
        (person, window.actions.new_person),
        (partner, window.actions.new_partner),
        (publication, window.actions.new_publication),
    ):
        _run(qtbot, act, action.trigger)
    after = json.loads(catalogue.export_json())
    for key in ("local_governments", "people", "governance_seats", "organizations", "publications"):
        assert after[key] == before[key], key
    assert window.undo_stack.count() == 0


def test_a_refused_save_is_said_in_the_form_which_stays_open_with_the_entries(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    count = len(_records(catalogue, "organizations"))
    seen: list[str] = []

    def again(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        assert dialog.name_edit.text() == "CDP"  # what was typed is still there
        seen.append(_message(dialog, "name"))
        assert not dialog.save_button.isEnabled()
        dialog.name_edit.setText("CDP Korea")
        _save(dialog)

    def duplicate(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        qtbot.keyClicks(dialog.name_edit, "CDP")
        failures.extend(when_modal(qtbot, again))
        _save(dialog)

    failures: list[BaseException] = []
    _run(qtbot, duplicate, window.actions.new_partner.trigger)
    assert not failures, failures
    assert seen == ["CDP is already in the catalogue"]
    assert len(_records(catalogue, "organizations")) == count + 1
    assert _named(catalogue, "organizations", "CDP Korea")


def _refused_then(
    qtbot: QtBot,
    trigger: Callable[[], object],
    first: Callable[[Any], None],
    then: Callable[[Any], None],
) -> None:
    """Fill a form and save (``first``), then act on the same form reopened by the refusal."""
    failures: list[list[BaseException]] = []  # filled in by when_modal as it acts
    reached: list[bool] = []

    def filled(dialog: QWidget) -> None:
        failures.append(when_modal(qtbot, lambda again: (then(again), reached.append(True))))
        first(dialog)
        _save(dialog)

    _run(qtbot, filled, trigger)
    assert not any(failures), failures
    assert reached, "the form did not open again"


def test_a_link_to_a_record_deleted_while_the_form_is_open_is_named_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    programs = set(_records(catalogue, "programs")) - {
        _named(catalogue, "programs", CLEAN_AIR)["uid"]
    }

    def link_then_delete(dialog: ProgramDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Ghost Program")
        _link(dialog.organizations, "Asian Development Bank", "funder")
        dialog.parent_box.setCurrentText(CLEAN_AIR)
        # Elsewhere, while the form is open:
        catalogue.delete_record("organization", "adb")
        catalogue.delete_record("program", _named(catalogue, "programs", CLEAN_AIR)["uid"])

    def reopened(dialog: ProgramDialog) -> None:
        gone = "One of these is no longer in the catalogue: select it and press Remove"
        assert _message(dialog, "organizations") == gone
        assert dialog.parent_box.currentText() == "(no longer in the catalogue)"
        assert _message(dialog, "parent_id") == (
            "That program is no longer in the catalogue; pick another or clear the box"
        )
        assert not dialog.save_button.isEnabled()
        assert dialog.organizations.list.item(0).text() == "(no longer in the catalogue) (funder)"
        qtbot.keyClicks(dialog.acronym_edit, "GP")  # another edit does not make the link good
        assert _message(dialog, "organizations") == gone
        assert not dialog.save_button.isEnabled()
        dialog.activateWindow()  # as it is on screen: Delete is a shortcut of the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
        dialog.organizations.list.setFocus()
        dialog.organizations.list.setCurrentRow(0)
        qtbot.keyClick(dialog.organizations.list, Qt.Key.Key_Delete)
        assert dialog.organizations.links() == (), dialog.organizations.links()
        assert not dialog.save_button.isEnabled()
        dialog.parent_box.setCurrentIndex(0)  # None
        assert dialog.save_button.isEnabled(), dialog.errors()
        _cancel(dialog)

    _refused_then(qtbot, window.actions.new_program.trigger, link_then_delete, reopened)
    assert set(_records(catalogue, "programs")) == programs
    assert window.undo_stack.count() == 0


def test_an_edit_of_spaces_alone_saves_nothing_and_adds_no_undo_step(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    before = _without_time(catalogue.export_json())

    def spaces(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        dialog.name_edit.setText(f"  {dialog.name_edit.text()} ")
        _save(dialog)

    record_id = catalogue.record_id("organization", "adb")
    _run(qtbot, spaces, lambda: window.record_actions.editor.edit_record("organization", record_id))
    assert _without_time(catalogue.export_json()) == before
    assert window.undo_stack.count() == 0


def test_saving_a_record_deleted_while_its_form_was_open_says_so_once_and_closes(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iclei_desktop.gui import record_editor

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        record_editor, "show_error", lambda _w, title, text: said.append((title, text))
    )
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, CLEAN_AIR)
    uid = _named(catalogue, "programs", CLEAN_AIR)["uid"]

    def edit_then_gone(dialog: QWidget) -> None:
        assert isinstance(dialog, ProgramDialog)
        dialog.acronym_edit.setText("CLEAN")
        catalogue.delete_record("program", uid)  # elsewhere, while the form is open
        _save(dialog)

    _run(qtbot, edit_then_gone, window.actions.edit_record.trigger)  # fails if it reopens
    assert said == [("Could not save the record", "That program is no longer in the catalogue")]
    assert uid not in _records(catalogue, "programs")
    assert CLEAN_AIR not in record_rows(window.programs_tab.view)
    assert window.programs_tab.detail.toPlainText().startswith("Select a program")
    assert window.undo_stack.count() == 0


def test_undo_and_redo_of_a_record_changed_elsewhere_say_why_and_leave_the_rest(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iclei_desktop.core.dto import ProgramDraft
    from iclei_desktop.gui import record_editor

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        record_editor, "show_error", lambda _w, title, text: said.append((title, text))
    )
    answers = [ProgramDraft(name="Heat Watch"), ProgramDraft(name="Flood Watch")]
    monkeypatch.setattr(ProgramDialog, "ask", classmethod(lambda *_args: answers.pop(0)))
    editor = window.record_actions.editor
    heat = editor.new_record("program")
    flood = editor.new_record("program")
    assert heat is not None and flood is not None
    catalogue.delete_record("program", heat)  # elsewhere: an import, another tool
    window.undo_action.trigger()  # Add “Flood Watch”: still possible
    assert flood not in _records(catalogue, "programs")
    window.undo_action.trigger()  # Add “Heat Watch”: that program is gone already
    assert said == [("Could not undo or redo", "That program is no longer in the catalogue")]
    window.redo_action.trigger()  # the step that failed is dropped; the next one redoes
    assert flood in _records(catalogue, "programs")
    assert "Flood Watch" in record_rows(window.programs_tab.view)
    assert "Heat Watch" not in record_rows(window.programs_tab.view)


def test_a_parent_inside_the_record_a_twin_member_and_a_long_job_title_are_refused(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    before = _without_time(catalogue.export_json())
    editor = window.record_actions.editor

    def inside_its_child(dialog: ProgramDialog) -> None:
        dialog.parent_box.setCurrentText("Building Efficiency Accelerator Deep Dive Program")

    def circle(dialog: ProgramDialog) -> None:
        assert _message(dialog, "parent_id") == (
            "Building Efficiency Accelerator Deep Dive Program is inside this program,"
            " so this cannot be inside it"
        )
        assert not dialog.save_button.isEnabled()
        _cancel(dialog)

    _refused_then(
        qtbot,
        lambda: editor.edit_record("program", catalogue.record_id("program", "bea")),
        inside_its_child,
        circle,
    )

    def twin(dialog: MemberDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "seoul")
        dialog.country_combo.setEditText("South Korea")
        dialog.membership_combo.setCurrentIndex(1)
        qtbot.keyClicks(dialog.since_edit, "1985")
        assert _message(dialog, "member_since") == "Member since must be between 1990 and 2100"
        assert not dialog.save_button.isEnabled()
        dialog.since_edit.setText("2015")

    def named(dialog: MemberDialog) -> None:
        assert _message(dialog, "name") == "Seoul, South Korea is already in the catalogue"
        assert not dialog.save_button.isEnabled()
        _cancel(dialog)

    _refused_then(qtbot, window.actions.new_member.trigger, twin, named)

    def long_title(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.name_edit, "Ji-woo Park")
        dialog.title_edit.setText("x" * 301)
        # Said as the field is captioned, "Job title"; a person's "title" would be Dr or Mr.
        assert _message(dialog, "title") == "Job title is too long (at most 300 characters)"
        assert not dialog.save_button.isEnabled()
        _cancel(dialog)

    _run(qtbot, long_title, window.actions.new_person.trigger)
    assert _without_time(catalogue.export_json()) == before
    assert window.undo_stack.count() == 0


# --- deleting ---------------------------------------------------------------------------------


def test_impact_text_says_what_links_to_the_record_with_plurals() -> None:
    impact = DeleteImpact(
        "program",
        "x",
        "X",
        (
            LinkCount("event", 3, "unlinked"),
            LinkCount("publication", 2, "unlinked"),
            LinkCount("figure", 4, "deleted"),
        ),
    )
    assert impact_text(impact) == (
        "3 events and 2 publications are linked to this program; they will be kept, without "
        "the link. Its 4 key figures will be deleted with it."
    )
    one = DeleteImpact("organization", "y", "Y", (LinkCount("person", 1, "unlinked"),))
    assert impact_text(one) == (
        "1 person is linked to this organization; it will be kept, without the link."
    )
    assert impact_text(DeleteImpact("publication", "z", "Z", ())) == (
        "Nothing else in the catalogue is linked to it."
    )


def test_deleting_a_program_unlinks_its_events_and_undo_brings_every_link_back(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = _named(catalogue, "programs", CLEAN_AIR)
    events = [e for e in _records(catalogue, "events").values() if e["program"] == program["uid"]]
    assert len(events) == 3
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, CLEAN_AIR)
    asked: list[str] = []

    def ask(cls: type, parent: QWidget, impact: DeleteImpact, candidates: list[Any]) -> Any:
        asked.append(impact_text(impact))
        assert all(c.label != CLEAN_AIR for c in candidates)  # not replaced by itself
        return DeleteChoice()

    monkeypatch.setattr(DeleteRecordDialog, "ask", classmethod(ask))
    qtbot.keyClick(window.programs_tab.view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and asked[0].startswith("3 events")
    assert "are linked to this program; they will be kept, without the link." in asked[0]
    assert program["uid"] not in _records(catalogue, "programs")
    assert CLEAN_AIR not in record_rows(window.programs_tab.view)
    assert window.programs_tab.detail.toPlainText().startswith("Select a program")
    assert all(_records(catalogue, "events")[e["uid"]]["program"] is None for e in events)
    assert not window.actions.edit_record.isEnabled()

    window.undo_action.trigger()
    assert _records(catalogue, "programs")[program["uid"]]["pathways"] == program["pathways"]
    assert all(_records(catalogue, "events")[e["uid"]]["program"] == program["uid"] for e in events)
    assert window.programs_tab.detail.toPlainText().startswith(CLEAN_AIR)
    window.open_record("event", catalogue.event_id(events[0]["uid"]))
    assert CLEAN_AIR in window.events_tab.detail.toPlainText()
    window.redo_action.trigger()
    assert program["uid"] not in _records(catalogue, "programs")


def test_an_events_detail_no_longer_names_its_program_once_the_program_is_deleted(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = _named(catalogue, "programs", CLEAN_AIR)
    event = next(
        e for e in _records(catalogue, "events").values() if e["program"] == program["uid"]
    )
    window.open_record("event", catalogue.event_id(event["uid"]))
    assert f"Program  \n{CLEAN_AIR}" in window.events_tab.detail.toPlainText()
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, CLEAN_AIR)
    monkeypatch.setattr(DeleteRecordDialog, "ask", classmethod(lambda *_: DeleteChoice()))
    counts = window.counts_label.text()
    assert "Programs: 39 " in counts
    qtbot.keyClick(window.programs_tab.view, Qt.Key.Key_Delete)
    assert "Programs: 38 " in window.counts_label.text()

    window.tabs.setCurrentWidget(window.events_tab)
    shown = window.events_tab.detail.toPlainText()
    assert shown.startswith(event["title"]) and CLEAN_AIR not in shown
    window.undo_action.trigger()
    window.tabs.setCurrentWidget(window.events_tab)
    assert f"Program  \n{CLEAN_AIR}" in window.events_tab.detail.toPlainText()
    assert window.counts_label.text() == counts


def test_the_real_delete_question_offers_cancel_first(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, CLEAN_AIR)
    before = catalogue.export_json()

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, DeleteRecordDialog)
        assert dialog.windowTitle() == "Delete program"
        assert dialog.question.text() == f"Delete “{CLEAN_AIR}”?"
        assert dialog.impact_label.text().startswith("3 events")
        assert dialog.cancel_button.isDefault()
        assert dialog.replace_button.isVisible() and dialog.delete_button.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _run(qtbot, cancel, window.actions.delete_record.trigger)
    assert _without_time(catalogue.export_json()) == _without_time(before)
    assert window.undo_stack.count() == 0


def test_enter_after_picking_a_replacement_replaces_and_escape_still_cancels(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    uid = _named(catalogue, "programs", CLEAN_AIR)["uid"]
    candidates = catalogue.record_form_choices("program")["programs"]
    keeper = next(c for c in candidates if c.label == "Green Circular Cities Coalition")
    for key, expected in ((Qt.Key.Key_Return, DeleteChoice(keeper.id)), (Qt.Key.Key_Escape, None)):
        dialog = DeleteRecordDialog(catalogue.delete_impact("program", uid), candidates)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=2000)
        dialog.replace_button.click()
        assert dialog.replace_box.hasFocus()
        dialog.replace_box.setCurrentText(keeper.label)  # as typed and picked from the list
        qtbot.keyClick(dialog.replace_box, key)
        assert not dialog.isVisible()
        assert dialog.choice == expected
        assert dialog.result() == (key == Qt.Key.Key_Return)


def test_replace_with_moves_the_links_to_another_record_and_undo_moves_them_back(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    program = _named(catalogue, "programs", CLEAN_AIR)
    keeper = _named(catalogue, "programs", "Green Circular Cities Coalition")
    events = [
        e["uid"] for e in _records(catalogue, "events").values() if e["program"] == program["uid"]
    ]
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, CLEAN_AIR)

    def replace(dialog: QWidget) -> None:
        assert isinstance(dialog, DeleteRecordDialog)
        dialog.replace_button.click()
        assert dialog.replace_box.isVisible()
        assert dialog.replace_button.text() == "&Replace and Delete"
        assert not dialog.replace_button.isEnabled()
        dialog.replace_box.setCurrentText("Green Circular Cities Coalition")
        assert dialog.replace_button.isEnabled()
        dialog.replace_button.click()

    _run(qtbot, replace, window.actions.delete_record.trigger)
    assert program["uid"] not in _records(catalogue, "programs")
    assert all(_records(catalogue, "events")[u]["program"] == keeper["uid"] for u in events)
    assert window.programs_tab.detail.toPlainText().startswith("Green Circular Cities Coalition")
    window.undo_action.trigger()
    assert all(_records(catalogue, "events")[u]["program"] == program["uid"] for u in events)


@pytest.mark.parametrize(
    ("tab_name", "row", "key", "sub_list"),
    [
        ("members_tab", "Chengdu", "local_governments", 0),
        ("members_tab", "Frank Cownie", "people", 1),
        ("partners_tab", "Clean Air Asia", "organizations", None),
        ("publications_tab", "Building Efficiency Codes Playbook", "publications", None),
    ],
)
def test_delete_and_undo_for_each_other_kind(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    tab_name: str,
    row: str,
    key: str,
    sub_list: int | None,
) -> None:
    tab = getattr(window, tab_name)
    window.tabs.setCurrentWidget(tab)
    view = tab.view
    if sub_list is not None:
        tab.lists.setCurrentIndex(sub_list)
        view = tab.governance if sub_list == 1 else tab.view
    click_row(qtbot, view, row)
    before = json.loads(catalogue.export_json())
    uid = _named(catalogue, key, row)["uid"]
    texts: list[str] = []
    monkeypatch.setattr(
        DeleteRecordDialog,
        "ask",
        classmethod(
            lambda cls, parent, impact, cands: texts.append(impact_text(impact)) or DeleteChoice()
        ),
    )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(texts) == 1 and texts[0]
    assert uid not in _records(catalogue, key)
    window.undo_action.trigger()
    after = json.loads(catalogue.export_json())
    for part in ("programs", "events", "local_governments", "people", "governance_seats",
                 "organizations", "publications"):  # fmt: skip
        # An event's SEQUENCE counts its changes for calendars, and the unlink was one.
        changed = ("updated_at", "sequence")
        strip = [{k: v for k, v in r.items() if k not in changed} for r in after[part]]
        was = [{k: v for k, v in r.items() if k not in changed} for r in before[part]]
        assert sorted(map(json.dumps, strip)) == sorted(map(json.dumps, was)), part


# --- the window -------------------------------------------------------------------------------


def test_read_only_switches_every_record_change_off(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite"
    Catalogue.open(path).close()
    catalogue = Catalogue.open_read_only(path)
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    window.show()
    try:
        for action in (
            window.actions.new_program,
            window.actions.new_member,
            window.actions.new_person,
            window.actions.new_partner,
            window.actions.new_publication,
        ):
            assert not action.isEnabled(), action.text()
        window.tabs.setCurrentWidget(window.programs_tab)
        click_row(qtbot, window.programs_tab.view, CLEAN_AIR)
        assert not window.actions.edit_record.isEnabled()
        assert not window.actions.delete_record.isEnabled()
        window.programs_tab.view.doubleClicked.emit(window.programs_tab.view.currentIndex())
        assert QApplication.activeModalWidget() is None  # no form opened
    finally:
        window.close()
        catalogue.close()


def test_edit_and_delete_name_the_kind_and_need_a_selection(
    qtbot: QtBot, window: MainWindow
) -> None:
    for tab, word in (
        (window.programs_tab, "Program"),
        (window.events_tab, "Event"),
        (window.members_tab, "Member"),
        (window.publications_tab, "Publication"),
        (window.partners_tab, "Partner"),
    ):
        window.tabs.setCurrentWidget(tab)
        assert window.actions.edit_record.text() == f"&Edit {word}…"
        assert window.actions.delete_record.text() == f"&Delete {word}…"
    window.tabs.setCurrentWidget(window.partners_tab)
    assert not window.actions.edit_record.isEnabled()
    click_row(qtbot, window.partners_tab.view, "Clean Air Asia")
    assert window.actions.edit_record.isEnabled() and window.actions.delete_record.isEnabled()
    window.members_tab.lists.setCurrentIndex(1)
    window.tabs.setCurrentWidget(window.members_tab)
    assert window.actions.edit_record.text() == "&Edit Person…"
    new_menu = next(
        a.menu() for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&New"
    )
    assert [a.text() for a in new_menu.actions()] == [
        "&Event…",
        "&Program…",
        "&Member…",
        "Pe&rson…",
        "P&artner…",
        "P&ublication…",
    ]
    # The context menu of a list holds the same actions.
    assert window.actions.edit_record in window.partners_tab.view.actions()


def test_the_partner_form_works_from_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    def keys(dialog: QWidget) -> None:
        assert isinstance(dialog, OrganizationDialog)
        assert dialog.focusWidget() is dialog.name_edit
        qtbot.keyClicks(dialog.name_edit, "Seoul Green Trust")
        reached = set()
        widget = dialog.focusWidget()
        for _ in range(20):
            reached.add(widget)
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
            widget = dialog.focusWidget()
        for field in (
            dialog.name_edit,
            dialog.acronym_edit,
            dialog.native_edit,
            dialog.kind_combo,
            dialog.country_combo,
            dialog.parent_box,
            dialog.note_edit,
        ):
            assert field in reached, field.accessibleName()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kind
        assert dialog.focusWidget() is dialog.kind_combo
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_F)  # Foundation
        assert dialog.kind_combo.currentData() == "foundation"
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClicks(dialog.focusWidget(), "South Korea")
        assert dialog.focusWidget() is dialog.country_combo  # Co&untry
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        assert dialog.focusWidget() is dialog.name_edit  # &Name
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Enter saves

    window.activateWindow()
    _run(qtbot, keys, window.actions.new_partner.trigger)
    saved = _named(catalogue, "organizations", "Seoul Green Trust")
    assert (saved["kind"], saved["country"]) == ("foundation", "South Korea")
    back_to(qtbot, window)
    window.partners_tab.view.setFocus()
    qtbot.keyClick(window.partners_tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved["uid"] not in _records(catalogue, "organizations")


def test_tab_goes_from_the_seats_through_their_bodies_to_add_seat(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    uid = "tae-young-yeom"  # two seats
    dialog = PersonDialog(
        catalogue.record_form_choices("person"),
        catalogue.record_draft("person", uid),
        "Edit person",
        record_id=catalogue.record_id("person", uid),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    dialog.seats.add_button.click()  # a third, added in the form
    dialog.note_edit.setFocus()
    reached: list[str] = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        reached.append(widget.accessibleName() or getattr(widget, "text", str)())
    assert reached == [
        "Governance seats",
        "Body of seat 1",
        "Body of seat 2",
        "Body of seat 3",
        "Add seat",
        "Remove seat",
    ]


def test_delete_removes_the_selected_link_in_the_list_that_has_the_focus(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    uid = "bea-deep-dive-ulaanbaatar"
    dialog = ProgramDialog(
        catalogue.record_form_choices("program"),
        catalogue.record_draft("program", uid),
        "Edit program",
        record_id=catalogue.record_id("program", uid),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # a shortcut acts in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    for links in (dialog.pathways, dialog.organizations, dialog.local_governments):
        # Three lists in one form: Delete acts on the one with the focus, not ambiguously.
        if not links.ids():
            links.box.setCurrentIndex(1)
            links.add_button.click()
        count = len(links.ids())
        links.list.setFocus()
        links.list.setCurrentRow(0)
        qtbot.keyClick(links.list, Qt.Key.Key_Delete)
        assert len(links.ids()) == count - 1, links.name


@pytest.mark.parametrize(
    ("kind", "uid"),
    [
        ("program", "eacacn"),
        ("local_government", None),
        ("person", "frank-cownie"),
        ("organization", None),
        ("publication", "bea-codes-playbook"),
    ],
)
def test_each_form_fits_a_laptop_screen_and_enter_in_a_link_box_adds(
    qtbot: QtBot, catalogue: Catalogue, kind: str, uid: str | None
) -> None:
    from iclei_desktop.gui.record_editor import EMPTY, FORMS

    draft = catalogue.record_draft(kind, uid) if uid else EMPTY[kind]
    dialog = FORMS[kind](catalogue.record_form_choices(kind), draft, "Form")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1300 and dialog.height() <= 700, (dialog.width(), dialog.height())
    links = dialog.findChildren(LinkList)
    if links:
        box = links[0].box
        box.setCurrentText(box.itemText(box.count() - 1))  # one not linked yet
        before = links[0].list.count()
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)  # Add, not Save
        assert dialog.isVisible()
        assert links[0].list.count() == before + 1


def test_a_person_without_a_seat_is_listed_and_can_take_over_a_deleted_persons_links(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    from iclei_desktop.core.dto import PersonDraft

    catalogue.create_record("person", PersonDraft(name="Mina Cho", title="Adviser"))
    window.reload()
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.lists.setCurrentIndex(1)
    model = window.members_tab.governance.model()
    groups = {model.index(g, 0).data(): model.index(g, 0) for g in range(model.rowCount())}
    assert list(groups)[-1] == "Other people (1)"
    other = groups["Other people (1)"]
    assert [model.index(r, 0, other).data() for r in range(model.rowCount(other))] == ["Mina Cho"]
    click_row(qtbot, window.members_tab.governance, "Frank Cownie")

    def replace(dialog: QWidget) -> None:
        assert isinstance(dialog, DeleteRecordDialog)
        dialog.replace_button.click()
        offered = [dialog.replace_box.itemText(i) for i in range(dialog.replace_box.count())]
        assert "Mina Cho" in offered
        assert "Frank Cownie" not in offered
        dialog.reject()

    _run(qtbot, replace, window.actions.delete_record.trigger)
    assert "Frank Cownie" in [p["name"] for p in _records(catalogue, "people").values()]


def test_the_governance_model_passes_the_model_tester_with_other_people_and_after_a_delete(
    qtmodeltester: Any, qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    from iclei_desktop.core.dto import PersonDraft

    catalogue.create_record("person", PersonDraft(name="Mina Cho"))
    window.reload()
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.lists.setCurrentIndex(1)
    governance = window.members_tab.governance
    qtmodeltester.check(governance.model_)
    qtmodeltester.check(governance.proxy)
    click_row(qtbot, governance, "Frank Cownie")
    failures = when_modal(qtbot, lambda dialog: dialog.delete_button.click())
    window.actions.delete_record.trigger()
    assert not failures, failures
    assert "Frank Cownie" not in record_rows(governance)
    qtmodeltester.check(governance.model_)
    qtmodeltester.check(governance.proxy)
