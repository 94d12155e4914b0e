"""The Programs tab: grouped by pathway, filtered, with a detail pane that answers questions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_link, click_row, heading_rows, record_rows


def test_programs_are_grouped_by_pathway_with_counts(window: MainWindow) -> None:
    tab = window.programs_tab
    headings = heading_rows(tab.view)
    assert [h.rsplit(" (", 1)[0] for h in headings] == [
        "Low Emission Development",
        "Circular Development",
        "Nature-based Development",
        "Resilient Development",
        "Equitable and People-centered Development",
    ]
    total = sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in headings)
    assert total == tab.total


def test_which_cities_who_funds_what_was_published_on_gccc(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.programs_tab
    qtbot.keyClicks(tab.filter_edit, "gccc")
    assert record_rows(tab.view) == ["Green Circular Cities Coalition"]
    click_row(qtbot, tab.view, "Green Circular Cities Coalition")
    text = tab.detail.toPlainText()
    for expected in (
        "Green Circular Cities Coalition (GCCC)",
        "Partners and implementers",
        "GIZ IWM NAMA Project (partner)",
        "Local governments",
        "Turku (participant)",
        "Yokohama 横浜市 (participant)",
        "Events",
        "Turku City Study Tour to Japan (21–24 Jan 2020)",
        "Publications",
        "Green Circular Cities Coalition Newsletter In The Loop Issue 2 (Apr 2020, en)",
    ):
        assert expected in text, expected


def test_the_funders_of_a_program_are_listed_apart(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.programs_tab
    qtbot.keyClicks(tab.filter_edit, "Cities SHIFT")
    click_row(
        qtbot,
        tab.view,
        "Cities SHIFT: Capacity Building and Networking for climate- and people-friendly mobility",
    )
    text = tab.detail.toPlainText()
    funders = text.split("Funders", 1)[1].split("Partners and implementers", 1)[0]
    assert "Hewlett Foundation" in funders


def test_filter_by_pathway_year_and_partner(window: MainWindow) -> None:
    tab = window.programs_tab
    tab.pathway_combo.setCurrentIndex(tab.pathway_combo.findText("Resilient Development"))
    shown = record_rows(tab.view)
    assert "Urban Resilience and Climate Change Adaptation Training Series" in shown
    assert "Green Circular Cities Coalition" not in shown
    tab.pathway_combo.setCurrentIndex(0)

    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2016"))
    in_2016 = record_rows(tab.view)
    assert "ICLEI-SHRDC Capacity Building Program" in in_2016
    assert "Green Circular Cities Coalition" not in in_2016  # launched in 2019
    tab.year_combo.setCurrentIndex(0)

    tab.partner_combo.setCurrentIndex(tab.partner_combo.findText("Asian Development Bank"))
    assert record_rows(tab.view) == [
        "Mainstreaming Urban Climate Change Adaptation in the People's Republic of China"
    ]
    assert tab.count_label.text() == f"Shown: 1 of {tab.total}"


def test_a_filter_matching_nothing_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.programs_tab
    qtbot.keyClicks(tab.filter_edit, "zzzz")
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.empty_label.text() == (
        "Nothing matches these filters. Clear the filter text or choose “All”."
    )
    tab.filter_edit.clear()
    assert tab.stack.currentWidget() is tab.view


def test_sorting_by_name_keeps_the_groups(window: MainWindow) -> None:
    tab = window.programs_tab
    tab.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert heading_rows(tab.view)[0].startswith("Low Emission Development")
    low_emission = record_rows(tab.view)[:13]
    assert low_emission == sorted(low_emission, key=str.casefold, reverse=True)


def test_keyboard_moves_through_the_list_and_the_detail_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.programs_tab
    click_row(qtbot, tab.view, "Asia LEDS Partnership")
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.detail.toPlainText().startswith("Beijing-Seoul Bilateral Research")


def test_the_detail_links_to_a_parent_program(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.programs_tab
    click_row(qtbot, tab.view, "Building Efficiency Accelerator Deep Dive Program")
    click_link(qtbot, tab.detail, "Building Efficiency Accelerator")
    assert tab.detail.toPlainText().startswith("Building Efficiency Accelerator (BEA)")
