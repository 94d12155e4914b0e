"""The main window: tabs, status bar, menus, shortcuts, remembered state, Back and Forward."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from iclei_desktop import APP_ID, __version__
from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.dialogs.about_dialog import AboutDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_link, click_row


def test_the_tabs_list_every_record(window: MainWindow, catalogue: Catalogue) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["&Programs", "&Events", "&Members", "P&ublications", "P&artners"]
    counts = catalogue.counts()
    for tab in window.record_tabs():  # each list is read when its tab is first shown
        window.tabs.setCurrentWidget(tab)
    assert len(window.programs_tab.shown_ids()) == counts.programs
    assert window.events_tab.view.model().rowCount() == counts.events
    assert window.members_tab.view.model().rowCount() == counts.local_governments
    assert window.publications_tab.view.model().rowCount() == counts.publications
    assert window.partners_tab.view.model().rowCount() == counts.organizations
    assert window.programs_tab.count_label.text() == f"Records: {counts.programs}"


def test_the_status_bar_counts_the_catalogue(window: MainWindow, catalogue: Catalogue) -> None:
    c = catalogue.counts()
    assert window.counts_label.text() == (
        f"Programs: {c.programs} · Events: {c.events} · Local governments: "
        f"{c.local_governments} (ICLEI members: {c.members}) · Publications: {c.publications}"
        f" · People: {c.people} · Organizations: {c.organizations}"
    )


def test_every_model_and_proxy_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for tab in window.record_tabs():
        qtmodeltester.check(tab.view.model())
    qtmodeltester.check(window.programs_tab.tree)
    qtmodeltester.check(window.members_tab.governance.model_)
    qtmodeltester.check(window.members_tab.governance.proxy)


def test_ctrl_number_switches_tabs(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    for number, tab in enumerate(window.record_tabs(), start=1):
        qtbot.keyClick(window, str(number), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentWidget() is tab


def test_a_link_opens_the_record_in_its_own_tab_and_back_returns(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not window.actions.back.isEnabled()
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, "Green Circular Cities Coalition")
    assert "Green Circular Cities Coalition (GCCC)" in window.programs_tab.detail.toPlainText()

    click_link(qtbot, window.programs_tab.detail, "Tokyo 東京都")
    assert window.tabs.currentWidget() is window.members_tab
    assert window.members_tab.detail.toPlainText().startswith("Tokyo 東京都")
    assert window.actions.back.isEnabled()

    click_link(qtbot, window.members_tab.detail, "Turku City Study Tour to Japan")
    assert window.tabs.currentWidget() is window.events_tab
    assert window.events_tab.detail.toPlainText().startswith("Turku City Study Tour to Japan")

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.members_tab
    assert window.members_tab.detail.toPlainText().startswith("Tokyo")
    window.actions.back.trigger()
    assert window.tabs.currentWidget() is window.programs_tab
    assert window.programs_tab.detail.toPlainText().startswith("Green Circular Cities Coalition")
    assert not window.actions.back.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.members_tab
    window.actions.forward.trigger()
    assert window.tabs.currentWidget() is window.events_tab
    assert not window.actions.forward.isEnabled()


def test_a_person_opens_under_governance(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.members_tab)
    click_row(qtbot, window.members_tab.view, "Kyoto")
    click_link(qtbot, window.members_tab.detail, "Daisaku Kadokawa")
    assert window.members_tab.lists.currentWidget() is window.members_tab.governance
    text = window.members_tab.detail.toPlainText()
    assert text.startswith("Daisaku Kadokawa")
    assert (
        "Chair, East Asia RexCom 2021–2024 · Low Carbon Development and Climate Mitigation" in text
    )
    click_link(qtbot, window.members_tab.detail, "Kyoto 京都市")
    assert window.members_tab.lists.currentIndex() == 0


def test_an_organization_opens_in_partners(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    click_row(
        qtbot,
        window.publications_tab.view,
        "Resilient Cities, Thriving Cities: The Evolution of Urban Resilience",
    )
    click_link(qtbot, window.publications_tab.detail, "ICLEI World Secretariat")
    assert window.tabs.currentWidget() is window.partners_tab
    assert "Resilient Cities, Thriving Cities" in window.partners_tab.detail.toPlainText()


def test_help_about_shows_the_version_licence_source_file_and_versions(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.actions.about.trigger()
    box = window.about_box
    assert isinstance(box, AboutDialog)
    qtbot.waitExposed(box)
    assert box.windowTitle() == "About ICLEI Desktop"
    assert box.title_label.text() == f"<b>ICLEI Desktop</b> {__version__}"
    assert box.source_label.text() == (
        "The first catalogue is transcribed from the ICLEI East Asia Secretariat's "
        "2020 annual report."
    )
    assert box.licence_label.text() == "Licence: proprietary."
    assert box.file_label.text() == f"Catalogue: {catalogue.path}"
    assert box.versions_label.text() == (
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}, Python {platform.python_version()}"
    )
    assert {b.text() for b in box.buttons.buttons()} == {"&Copy Details", "Close"}
    box.close()


def test_about_copies_its_details_for_a_support_request(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    window.actions.about.trigger()
    box = window.about_box
    assert box is not None
    qtbot.mouseClick(box.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().splitlines() == [
        f"ICLEI Desktop {__version__}",
        "The ICLEI East Asia Secretariat's programs, events, members, partners and publications, offline.",
        "The first catalogue is transcribed from the ICLEI East Asia Secretariat's 2020 annual report.",
        "Licence: proprietary.",
        f"Catalogue: {catalogue.path}",
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}, Python {platform.python_version()}",
    ]
    assert box.copy_button.text() == "Copied"
    assert box.isVisible()  # copying does not close the box
    box.close()


def test_about_says_when_the_catalogue_is_read_only(qtbot: QtBot, catalogue: Catalogue) -> None:
    path = catalogue.path
    catalogue.close()
    read_only = Catalogue.open_read_only(path)
    try:
        window = MainWindow(read_only)
        qtbot.addWidget(window)
        window.actions.about.trigger()
        assert window.about_box is not None
        assert window.about_box.file_label.text() == f"Catalogue: {path} (read-only)"
        window.about_box.close()
    finally:
        read_only.close()


def test_the_window_carries_the_apps_name_icon_and_desktop_id(window: MainWindow) -> None:
    assert window.windowTitle() == "ICLEI Desktop"
    sizes = {s.width() for s in window.windowIcon().availableSizes()}
    assert sizes == {16, 24, 32, 48, 64, 128, 256, 512}
    assert not QGuiApplication.windowIcon().isNull()
    assert QGuiApplication.desktopFileName() == APP_ID
    assert QGuiApplication.applicationDisplayName() == "ICLEI Desktop"
    assert QGuiApplication.applicationVersion() == __version__


def test_file_quit_closes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    assert window.actions.quit.shortcut().toString() == "Ctrl+Q"
    window.actions.quit.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_the_window_remembers_tab_size_columns_and_splitter(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    first = MainWindow(catalogue)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 580)
    first.tabs.setCurrentIndex(2)
    first.members_tab.view.setColumnWidth(0, 333)
    first.members_tab.splitter.setSizes([500, 400])
    sizes = first.members_tab.splitter.sizes()
    first.close()

    second = MainWindow(catalogue)
    qtbot.addWidget(second)
    second.show()
    assert second.tabs.currentIndex() == 2
    assert (second.size().width(), second.size().height()) == (780, 580)
    assert second.members_tab.view.columnWidth(0) == 333
    assert second.members_tab.splitter.sizes() == sizes
    second.close()
    QApplication.processEvents()


def test_views_and_fields_have_accessible_names(window: MainWindow) -> None:
    for tab in window.record_tabs():
        assert tab.view.accessibleName()
        assert tab.filter_edit.accessibleName() == "Filter text"
        assert tab.detail.accessibleName() == "Details"
    assert window.search_box.accessibleName() == "Search the whole catalogue"
    assert window.events_tab.calendar.accessibleName() == "Calendar"


def test_tab_moves_from_the_filter_through_the_choices_to_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.programs_tab
    tab.filter_edit.setFocus()
    order = [tab.filter_edit]
    widget = tab.filter_edit
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [
        tab.filter_edit,
        tab.pathway_combo,
        tab.year_combo,
        tab.partner_combo,
        tab.view,
    ]
