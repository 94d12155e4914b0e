"""Citing publications from the Publications tab: Export Citations… and Copy Citation."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.gui.dialogs.citation_dialogs import CitationFiles, ExportCitationsDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_row, record_rows, when_modal

CODES = "Building Efficiency Codes Playbook"
BEIJING = "Case Study: Beijing's Pilot Emission Trading System"


def ctrl_click_row(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Add the row showing ``text`` to the selection, as Ctrl+click does."""
    view = window.publications_tab.view
    model = view.model()
    (match,) = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, text, 1, Qt.MatchFlag.MatchExactly
    )
    view.scrollTo(match)
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        view.visualRect(match).center(),
    )


def select_two(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    click_row(qtbot, window.publications_tab.view, CODES)
    ctrl_click_row(qtbot, window, BEIJING)


def titles(fmt: str, text: str) -> list[str]:
    if fmt == "bibtex":
        parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
        return [e["title"] for e in bibtexparser.loads(text, parser).entries]
    if fmt == "ris":
        return [r["title"] for r in rispy.loads(text)]
    return [item["title"] for item in json.loads(text)]


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path, fmt: str) -> None:
    monkeypatch.setattr(
        CitationFiles, "save_path", classmethod(lambda cls, parent, name: (target, fmt))
    )


def press_save(choice: str):  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportCitationsDialog)
        {"selected": dialog.selected_radio, "shown": dialog.shown_radio}[choice].click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    return act


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_export_two_selected_publications(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    select_two(qtbot, window)
    tab = window.publications_tab
    assert len(tab.selected_ids()) == 2
    # The detail pane shows the row clicked last, the current one.
    assert BEIJING in tab.detail.toPlainText()
    target = tmp_path / f"two.{fmt}"
    save_to(monkeypatch, target, fmt)
    failures = when_modal(qtbot, press_save("selected"))
    window.actions.export_citations.trigger()
    assert not failures, failures
    assert titles(fmt, target.read_text(encoding="utf-8")) == record_rows_selected(window)
    assert window.statusBar().currentMessage() == f"Exported 2 citations to {target}"


def record_rows_selected(window: MainWindow) -> list[str]:
    """The selected rows' titles, top to bottom, as the list shows them."""
    view = window.publications_tab.view
    rows = sorted(index.row() for index in view.selectionModel().selectedRows())
    return [view.model().index(row, 0).data() for row in rows]


def test_all_shown_publications_when_the_person_chooses_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_two(qtbot, window)
    tab = window.publications_tab
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findText("Playbook"))
    shown = record_rows(tab.view)
    assert CODES in shown and BEIJING not in shown
    target = tmp_path / "playbooks.ris"
    save_to(monkeypatch, target, "ris")
    failures = when_modal(qtbot, press_save("shown"))
    window.actions.export_citations.trigger()
    assert not failures, failures
    assert titles("ris", target.read_text(encoding="utf-8")) == shown
    assert window.statusBar().currentMessage() == f"Exported {len(shown)} citations to {target}"


def test_with_nothing_selected_every_shown_publication_without_asking(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    tab = window.publications_tab
    tab.view.clearSelection()
    assert not window.actions.copy_citation.isEnabled()

    def never(*_args: object) -> str:
        raise AssertionError("nothing is selected: nothing to ask")

    monkeypatch.setattr(ExportCitationsDialog, "ask", classmethod(never))
    target = tmp_path / "all.json"
    save_to(monkeypatch, target, "csl-json")
    window.actions.export_citations.trigger()
    assert titles("csl-json", target.read_text(encoding="utf-8")) == record_rows(tab.view)
    assert window.statusBar().currentMessage() == f"Exported 33 citations to {target}"


def test_cancelling_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_two(qtbot, window)
    target = tmp_path / "never.bib"
    save_to(monkeypatch, target, "bibtex")

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportCitationsDialog)
        assert dialog.selected_radio.text() == "The selected publications (2)"
        assert dialog.shown_radio.text() == "All publications shown in the list (33)"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    failures = when_modal(qtbot, cancel)
    assert window.citations.export() is None
    assert not failures, failures
    assert not target.exists()


def test_an_export_that_cannot_be_written_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    click_row(qtbot, window.publications_tab.view, CODES)
    target = tmp_path / "missing" / "codes.bib"
    save_to(monkeypatch, target, "bibtex")
    failures = when_modal(qtbot, press_save("selected"))
    window.actions.export_citations.trigger()
    assert not failures, failures
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "The citations were not exported"
    assert box.text() == f"cannot write {target}: folder {target.parent} does not exist"
    assert not target.parent.exists()
    box.close()


def test_copy_citation_puts_bibtex_on_the_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    select_two(qtbot, window)
    assert window.actions.copy_citation.isEnabled()
    window.actions.copy_citation.trigger()
    text = QApplication.clipboard().text()
    assert sorted(titles("bibtex", text)) == sorted([CODES, BEIJING])
    assert window.statusBar().currentMessage() == "Copied 2 citations to the clipboard (BibTeX)"


def test_the_actions_are_in_the_menus_and_the_lists_context_menu(window: MainWindow) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert window.actions.export_citations in menus["&File"].actions()
    assert window.actions.copy_citation in menus["&Edit"].actions()
    view = window.publications_tab.view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert window.actions.copy_citation in view.actions()
    assert window.actions.export_citations in view.actions()
    assert window.actions.export_citations.text() == "Export Citation&s…"
    assert window.actions.copy_citation.text() == "Copy Ci&tation"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (("/tmp/x/refs", "RIS (*.ris)"), ("/tmp/x/refs.ris", "ris")),
        (("/tmp/x/refs", "CSL-JSON (*.json)"), ("/tmp/x/refs.json", "csl-json")),
        (("/tmp/x/refs.bib", "RIS (*.ris)"), ("/tmp/x/refs.bib", "bibtex")),
        (("/tmp/x/refs.JSON", "BibTeX (*.bib)"), ("/tmp/x/refs.JSON", "csl-json")),
        (("", ""), None),
    ],
)
def test_the_file_dialog_offers_the_three_formats(
    monkeypatch: pytest.MonkeyPatch,
    answer: tuple[str, str],
    expected: tuple[str, str] | None,
) -> None:
    asked: list[str] = []

    def fake(parent: object, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return answer

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    chosen = CitationFiles.save_path(None, "refs.bib")
    assert asked == ["BibTeX (*.bib);;RIS (*.ris);;CSL-JSON (*.json)"]
    assert chosen == (None if expected is None else (Path(expected[0]), expected[1]))


def test_ctrl_shift_c_in_the_list_copies(qtbot: QtBot, window: MainWindow) -> None:
    select_two(qtbot, window)
    QApplication.clipboard().clear()
    qtbot.keyClick(
        window.publications_tab.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sorted(titles("bibtex", QApplication.clipboard().text())) == sorted([CODES, BEIJING])
