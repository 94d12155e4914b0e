"""File › Export Table…: the current tab's list, as filtered and sorted, read back from the file."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.columns import COLUMNS, WORDS
from iclei_desktop.gui import labels
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.table_export import PERSON_HEADERS, TableFiles, chosen_target
from iclei_desktop.gui.tabs import events, members, partners, programs, publications

from .conftest import TypeText
from .helpers import record_rows, when_modal

TAB_COLUMNS = {
    "program": programs.COLUMNS,
    "event": events.COLUMNS,
    "local_government": members.COLUMNS,
    "publication": publications.COLUMNS,
    "organization": partners.COLUMNS,
}


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def answer(monkeypatch: pytest.MonkeyPatch, target: Path, fmt: str) -> list[str]:
    """Make the file dialog answer ``target``; return the names it suggested."""
    suggested: list[str] = []

    def ask(cls: type, parent: QWidget, name: str) -> tuple[Path, str]:
        suggested.append(name)
        return target, fmt

    monkeypatch.setattr(TableFiles, "ask", classmethod(ask))
    return suggested


def headers(view_model: object, count: int) -> list[str]:
    return [
        view_model.headerData(c, Qt.Orientation.Horizontal)  # type: ignore[attr-defined]
        for c in range(count)
    ]


@pytest.mark.parametrize("kind", list(TAB_COLUMNS))
def test_each_tab_shows_the_columns_the_core_exports(kind: str) -> None:
    assert [c.header for c in TAB_COLUMNS[kind]] == [c.header for c in COLUMNS[kind]]


def test_the_core_words_are_the_labels_the_tabs_translate() -> None:
    assert labels._LABELS == WORDS
    assert list(PERSON_HEADERS) == [c.header for c in COLUMNS["person"]]


def test_export_the_filtered_sorted_events_as_csv(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    type_text: TypeText,
) -> None:
    target = tmp_path / "events.csv"
    suggested = answer(monkeypatch, target, "csv")
    tab = window.events_tab
    window.tabs.setCurrentWidget(tab)
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2020"))
    type_text(tab.filter_edit, "webinar")
    tab.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # a click on Title, twice
    shown = [record_rows(tab.view, column) for column in range(7)]
    assert 1 < len(shown[1]) < tab.total
    window.actions.export_table.trigger()
    assert suggested == ["iclei-east-asia-events.csv"]
    rows = read_csv(target)
    assert rows[0] == headers(tab.view.model(), 7)
    assert [row[1] for row in rows[1:]] == shown[1]
    assert shown[1] == sorted(shown[1], key=str.casefold, reverse=True)
    for column in range(1, 7):  # When is a date in the file and words on screen
        assert [row[column] for row in rows[1:]] == shown[column]
    assert window.statusBar().currentMessage() == (f"Exported {len(rows) - 1} events to {target}")


def test_a_list_of_one_says_one_event(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    type_text: TypeText,
) -> None:
    target = tmp_path / "one.csv"
    answer(monkeypatch, target, "csv")
    tab = window.events_tab
    window.tabs.setCurrentWidget(tab)
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2020"))
    type_text(tab.filter_edit, "SHRDC")
    qtbot.waitUntil(lambda: len(record_rows(tab.view, 1)) == 1)
    window.actions.export_table.trigger()
    assert [row[1] for row in read_csv(target)[1:]] == record_rows(tab.view, 1)
    assert window.statusBar().currentMessage() == f"Exported 1 event to {target}"


def test_export_the_grouped_programs_as_xlsx_in_the_order_shown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "programs.xlsx"
    answer(monkeypatch, target, "xlsx")
    tab = window.programs_tab
    window.tabs.setCurrentWidget(tab)
    tab.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2020"))
    shown = [record_rows(tab.view, column) for column in range(6)]
    assert window.export_table() == len(shown[0])
    sheet = openpyxl.load_workbook(target)["programs"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == headers(tab.view.model(), 6)
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    for column in range(6):
        assert [v[column] or "" for v in values] == shown[column]


def test_members_and_partners_export_their_counts_as_numbers(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "members.xlsx"
    answer(monkeypatch, target, "xlsx")
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    tab.country_combo.setCurrentIndex(tab.country_combo.findText("China"))
    tab.view.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # Programs, most first
    names = record_rows(tab.view, 0)
    window.actions.export_table.trigger()
    values = list(openpyxl.load_workbook(target)["local-governments"].iter_rows(min_row=2))
    assert [row[0].value for row in values] == names
    assert [row[6].value for row in values] == [int(n) for n in record_rows(tab.view, 6)]
    assert all(row[6].data_type == "n" for row in values)


def test_the_governance_list_exports_the_people(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "people.csv"
    suggested = answer(monkeypatch, target, "csv")
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.lists.setCurrentIndex(1)
    assert window.actions.export_table in window.members_tab.governance.actions()
    window.actions.export_table.trigger()
    assert suggested == ["iclei-east-asia-people.csv"]
    rows = read_csv(target)
    assert rows[0] == list(PERSON_HEADERS)
    people = window._catalogue.counts().people
    assert len(rows) - 1 == people
    assert window.statusBar().currentMessage() == f"Exported {people} people to {target}"


def test_every_list_offers_export_on_its_context_menu(window: MainWindow) -> None:
    for tab in window.record_tabs():
        assert tab.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
        assert window.actions.export_table in tab.view.actions()
    assert window.actions.export_table in window.menuBar().actions()[0].menu().actions()
    assert window.actions.export_table.text() == "Export &Table…"


def test_a_missing_folder_is_reported_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing" / "partners.csv"
    answer(monkeypatch, target, "csv")
    window.tabs.setCurrentWidget(window.partners_tab)
    assert window.export_table() is None
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "The table was not exported"
    assert box.text() == f"cannot write {target}: folder {target.parent} does not exist"
    assert not target.parent.exists()
    assert list(tmp_path.glob("*.csv")) == []
    box.close()


def test_a_cancelled_dialog_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TableFiles, "ask", classmethod(lambda cls, parent, name: None))
    before = window.statusBar().currentMessage()
    assert window.export_table() is None
    assert window.statusBar().currentMessage() == before
    assert list(tmp_path.glob("*.csv")) == []


def test_the_file_dialog_gives_a_name_without_extension_the_chosen_type(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(TableFiles, "native", False)
    window.tabs.setCurrentWidget(window.publications_tab)

    def save_as_workbook(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        assert dialog.nameFilters() == ["CSV (UTF-8) (*.csv)", "Excel workbook (*.xlsx)"]
        dialog.setDirectory(str(tmp_path))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name.text() == "iclei-east-asia-publications.csv"
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        types.setCurrentIndex(types.findText("Excel workbook (*.xlsx)"))
        types.activated.emit(types.currentIndex())  # as a person's pick does
        assert name.text() == "iclei-east-asia-publications.xlsx"
        name.setText("publications 2020")
        dialog.accept()

    failures = when_modal(qtbot, save_as_workbook)
    written = window.export_table()
    assert not failures, failures
    target = tmp_path / "publications 2020.xlsx"
    assert written == window._catalogue.counts().publications
    assert openpyxl.load_workbook(target).sheetnames == ["publications"]
    assert sorted(p.name for p in tmp_path.glob("publications*")) == [target.name]


@pytest.mark.parametrize(
    ("name", "name_filter", "expected"),
    [
        ("/x/list", "Excel workbook (*.xlsx)", ("/x/list.xlsx", "xlsx")),
        ("/x/list", "CSV (UTF-8) (*.csv)", ("/x/list.csv", "csv")),
        ("/x/list.CSV", "Excel workbook (*.xlsx)", ("/x/list.CSV", "csv")),
        ("/x/list.xlsx", "CSV (UTF-8) (*.csv)", ("/x/list.xlsx", "xlsx")),
        ("/x/list.2020", "CSV (UTF-8) (*.csv)", ("/x/list.2020.csv", "csv")),
    ],
)
def test_the_format_follows_the_extension_else_the_type_picked(
    name: str, name_filter: str, expected: tuple[str, str]
) -> None:
    path, fmt = chosen_target(name, name_filter)
    assert (str(path), fmt) == expected


def test_dates_in_the_events_workbook_are_dates(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "events.xlsx"
    answer(monkeypatch, target, "xlsx")
    window.tabs.setCurrentWidget(window.events_tab)
    window.actions.export_table.trigger()
    cells = [row[0] for row in openpyxl.load_workbook(target)["events"].iter_rows(min_row=2)]
    days = [cell.value.date() for cell in cells if cell.is_date]
    assert days and all(isinstance(day, date) for day in days)
