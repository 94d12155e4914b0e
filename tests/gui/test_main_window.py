"""The main window, driven as a person would: tabs, rows, filter, status bar, menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from iclei_desktop import __version__
from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.models.table_model import Role


@pytest.fixture
def window(qtbot: QtBot, catalogue: Catalogue) -> MainWindow:
    shown = MainWindow(catalogue)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _column(proxy: QSortFilterProxyModel, column: int) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_the_four_tabs_list_every_record(window: MainWindow, catalogue: Catalogue) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["&Programs", "&Events", "&Members", "P&ublications"]
    counts = catalogue.counts()
    assert window.programs_tab.view.model().rowCount() == counts.programs
    assert window.events_tab.view.model().rowCount() == counts.events
    assert window.members_tab.view.model().rowCount() == counts.local_governments
    assert window.publications_tab.view.model().rowCount() == counts.publications
    assert window.programs_tab.count_label.text() == f"Records: {counts.programs}"


def test_rows_show_what_the_report_says(window: MainWindow) -> None:
    members = window.members_tab.proxy
    row = _column(members, 0).index("Chengdu")
    assert [members.index(row, c).data() for c in range(6)] == [
        "Chengdu",
        "成都市",
        "China",
        "City",
        "Member",
        "2020",
    ]
    events = window.events_tab.proxy
    titles = _column(events, 1)
    assert "Green Circular Cities Coalition Turku City Study Tour to Japan" in titles or any(
        "Turku" in t for t in titles
    )
    turku = next(i for i, t in enumerate(titles) if "Turku City Study Tour" in t)
    assert events.index(turku, 0).data() == "21–24 Jan 2020"
    assert "Q3–Q4 2021" in _column(events, 0)


def test_typing_in_the_filter_narrows_the_rows(window: MainWindow, type_text) -> None:  # type: ignore[no-untyped-def]
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    total = tab.proxy.rowCount()
    type_text(tab.filter_edit, "成都")
    assert _column(tab.proxy, 0) == ["Chengdu"]
    assert tab.count_label.text() == f"Shown: 1 of {total}"
    tab.filter_edit.clear()
    assert tab.proxy.rowCount() == total


def test_a_filter_that_matches_nothing_shows_no_rows(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.programs_tab
    qtbot.keyClicks(tab.filter_edit, "zzzz-no-such-program")
    assert tab.proxy.rowCount() == 0
    assert tab.count_label.text().startswith("Shown: 0 of ")


def test_sorting_by_date_uses_the_dates_not_the_text(window: MainWindow) -> None:
    view = window.events_tab.view
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    proxy = window.events_tab.proxy
    model = window.events_tab.model
    starts = [
        model.row(proxy.mapToSource(proxy.index(r, 0))).start_date for r in range(proxy.rowCount())
    ]
    assert starts == sorted(starts, reverse=True)


def test_rows_carry_their_ids_behind_the_proxy(window: MainWindow, catalogue: Catalogue) -> None:
    proxy = window.programs_tab.proxy
    ids = {proxy.index(r, 0).data(Role.ID) for r in range(proxy.rowCount())}
    assert ids == {row.id for row in catalogue.programs()}


def test_every_table_model_and_proxy_passes_the_model_tester(
    qtmodeltester,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    for tab in window.list_tabs():
        qtmodeltester.check(tab.model)
        qtmodeltester.check(tab.proxy)


def test_the_status_bar_counts_the_catalogue(window: MainWindow, catalogue: Catalogue) -> None:
    c = catalogue.counts()
    assert window.counts_label.text() == (
        f"Programs: {c.programs} · Events: {c.events} · Local governments: "
        f"{c.local_governments} (ICLEI members: {c.members}) · Publications: {c.publications}"
        f" · People: {c.people} · Organizations: {c.organizations}"
    )


def test_help_about_shows_the_version_and_the_file(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.actions.about.trigger()
    box = window.about_box
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    assert __version__ in box.text()
    assert str(catalogue.path) in box.informativeText()
    box.close()


def test_file_quit_closes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    assert window.actions.quit.shortcut().toString() == "Ctrl+Q"
    window.actions.quit.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_the_window_remembers_its_tab(qtbot: QtBot, catalogue: Catalogue) -> None:
    first = MainWindow(catalogue)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(catalogue)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2
    second.tabs.setCurrentIndex(0)
    second.close()
    QApplication.processEvents()
