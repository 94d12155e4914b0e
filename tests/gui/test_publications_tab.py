"""The Publications tab: translations under their originals, filters, details."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_link, click_row, record_rows


def test_do_we_have_the_chinese_building_efficiency_playbooks(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.publications_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.filter_edit, "playbook")
    tab.language_combo.setCurrentIndex(tab.language_combo.findText("Chinese (Simplified)"))
    model = tab.view.model()
    shown = [
        (model.index(r, 0).data(), model.index(r, 3).data(), model.index(r, 2).data())
        for r in range(model.rowCount())
    ]
    assert ("Building Efficiency Codes Playbook (Chinese)", "Chinese (Simplified)", "Jun 2020") in (
        shown
    )
    assert all(language == "Chinese (Simplified)" for _title, language, _when in shown)


def test_each_translation_is_listed_right_after_its_original(window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    titles = record_rows(window.publications_tab.view)
    codes = titles.index("Building Efficiency Codes Playbook")
    assert titles[codes + 1] == "Building Efficiency Codes Playbook (Chinese)"


def test_a_translation_links_to_its_original_and_back(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.publications_tab
    window.tabs.setCurrentWidget(tab)
    click_row(qtbot, tab.view, "Building Efficiency Renovation Playbook (Korean)")
    click_link(qtbot, tab.detail, "Building Efficiency Renovation Playbook")
    text = tab.detail.toPlainText()
    assert text.startswith("Building Efficiency Renovation Playbook\nPlaybook")
    for expected in (
        "Building Efficiency Renovation Playbook (Chinese)",
        "Building Efficiency Renovation Playbook (Korean)",
        "Building Efficiency Renovation Playbook (Traditional Chinese)",
    ):
        assert expected in text


def test_filter_by_kind_year_and_program(window: MainWindow) -> None:
    tab = window.publications_tab
    window.tabs.setCurrentWidget(tab)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findText("Event report"))
    assert record_rows(tab.view) == [
        "Event Report: Chinese - German Knowledge Exchange on Sustainable Development and Urban Renewal"
    ]
    tab.kind_combo.setCurrentIndex(0)
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2019"))
    assert sorted(record_rows(tab.view)) == [
        "Resilient Cities, Thriving Cities: The Evolution of Urban Resilience",
        "Study on International Experiences in Pursuing Zero Waste",
    ]
    tab.year_combo.setCurrentIndex(0)
    tab.program_combo.setCurrentIndex(
        tab.program_combo.findText(
            "Cities SHIFT: Capacity Building and Networking for climate- and people-friendly mobility"
        )
    )
    assert len(record_rows(tab.view)) == 2
