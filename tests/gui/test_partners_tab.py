"""The Partners tab: organizations and their part in programs, events and publications."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_link, click_row, record_rows


def test_a_funder_lists_what_it_funds_and_links_there(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.partners_tab
    window.tabs.setCurrentWidget(tab)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findText("Development bank"))
    assert record_rows(tab.view) == ["Asian Development Bank"]
    click_row(qtbot, tab.view, "Asian Development Bank")
    assert (
        "Mainstreaming Urban Climate Change Adaptation in the People's Republic of China (funder)"
        in tab.detail.toPlainText()
    )
    click_link(
        qtbot,
        tab.detail,
        "Mainstreaming Urban Climate Change Adaptation in the People's Republic of China",
    )
    assert window.tabs.currentWidget() is window.programs_tab


def test_filter_by_country(window: MainWindow) -> None:
    tab = window.partners_tab
    window.tabs.setCurrentWidget(tab)
    tab.country_combo.setCurrentIndex(tab.country_combo.findText("Mongolia"))
    shown = record_rows(tab.view)
    assert "Healthy City Network of Mongolia" in shown
    assert all("Germany" not in t for t in shown)
