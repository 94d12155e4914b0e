"""The Events tab: calendar marks, agenda scopes, filters, honest imprecise dates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.models.record_model import Role
from iclei_desktop.gui.tabs.events import EventsTab
from tests.gui.helpers import click_link, click_row, record_rows


@pytest.fixture
def tab(qtbot: QtBot, catalogue: Catalogue) -> EventsTab:
    shown = EventsTab(catalogue, today=date(2021, 1, 1))
    qtbot.addWidget(shown)
    shown.reload()
    shown.resize(1200, 800)
    shown.show()
    return shown


def _marked(tab: EventsTab, day: date) -> bool:
    return (
        tab.calendar.dateTextFormat(QDate(day.year, day.month, day.day)).fontWeight()
        == QFont.Weight.Bold
    )


def test_what_is_on_in_october_2020_and_which_is_virtual(tab: EventsTab) -> None:
    tab.calendar.setCurrentPage(2020, 10)
    assert tab.scope_combo.currentText() == "Show: the month shown"
    october = record_rows(tab.view, 1)
    assert "Bold Circular Development as Daring Climate Action" in october
    assert any(t.startswith("15th meeting of the Conference of the Parties") for t in october)
    tab.mode_combo.setCurrentIndex(tab.mode_combo.findText("Virtual"))
    assert record_rows(tab.view, 1) == [
        "Bold Circular Development as Daring Climate Action",
        "Sustainable Urban Renewal through Nature-Based Solutions: Lessons learned from Chinese and German Cities",
    ]
    assert record_rows(tab.view, 0) == ["12 Oct 2020", "23 Oct 2020"]


def test_a_multi_day_event_marks_every_day(tab: EventsTab) -> None:
    tab.calendar.setCurrentPage(2020, 1)
    for day in range(21, 25):
        assert _marked(tab, date(2020, 1, day)), day
    assert not _marked(tab, date(2020, 1, 20))
    assert not _marked(tab, date(2020, 1, 25))


def test_an_imprecise_event_is_listed_under_its_period_not_on_a_day(tab: EventsTab) -> None:
    tab.calendar.setCurrentPage(2021, 10)
    rows = dict(zip(record_rows(tab.view, 1), record_rows(tab.view, 0), strict=True))
    assert (
        rows["2021 Beijing International Forum for Metropolitan Clean Air and Climate Actions"]
        == "Q3–Q4 2021"
    )
    assert not _marked(tab, date(2021, 8, 15))  # no day of the quarter is marked for it


def test_choosing_a_day_lists_that_day(qtbot: QtBot, tab: EventsTab) -> None:
    tab.calendar.setCurrentPage(2020, 9)
    tab.calendar.setSelectedDate(QDate(2020, 9, 7))
    grid = tab.calendar.findChild(QTableView)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert tab.scope_combo.currentText() == "Show: the day picked"
    assert sorted(record_rows(tab.view, 1)) == [
        "2020 Beijing International Forum for Metropolitan Clean Air and Climate Actions",
        "Capacity Building on Integrating Air Pollution & Climate Change Planning in Cities: Chengdu",
        "International Clean Air Day of blue skies: #CleanAirForAll campaign",
    ]


def test_a_day_inside_an_imprecise_period_does_not_list_it(qtbot: QtBot, tab: EventsTab) -> None:
    tab.calendar.setCurrentPage(2021, 8)
    tab.calendar.setSelectedDate(QDate(2021, 8, 16))
    grid = tab.calendar.findChild(QTableView)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert record_rows(tab.view, 1) == []
    assert tab.empty_label.text() == (
        "No events on Monday, 16 August 2021. Pick another day or month, or choose “Show: all dates”."
    )


def test_an_empty_month_says_so_and_what_to_do(tab: EventsTab) -> None:
    tab.calendar.setCurrentPage(2022, 5)
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.empty_label.text() == (
        "No events in May 2022. Pick another day or month, or choose “Show: all dates”."
    )
    tab.status_combo.setCurrentIndex(tab.status_combo.findText("Cancelled"))
    assert tab.empty_label.text() == (
        "No events in May 2022 match these filters. Choose “Show: all dates” or set the filters back to “All”."
    )


def test_upcoming_and_past_at_a_glance(tab: EventsTab) -> None:
    tab.timing_combo.setCurrentIndex(tab.timing_combo.findText("Upcoming"))
    upcoming = record_rows(tab.view, 0)
    assert upcoming and all("2021" in when for when in upcoming)
    tab.timing_combo.setCurrentIndex(tab.timing_combo.findText("Past"))
    past = tab.view.model().index(0, 1)
    muted = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert past.data(Qt.ItemDataRole.ForegroundRole) == muted


def test_filters_by_year_program_pathway_status_and_city(tab: EventsTab) -> None:
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2021"))
    tab.status_combo.setCurrentIndex(tab.status_combo.findText("Tentative"))
    tab.city_combo.setCurrentIndex(tab.city_combo.findText("Seoul"))
    assert sorted(record_rows(tab.view, 1)) == [
        "Capacity Building Training for Chinese Local Governments on Sustainable Development",
        "Seoul International Forum on Air Quality Improvement",
        "Seoul Mayor\u2019s Forum on Climate Change",
    ]
    tab.clear_filters()
    tab.program_combo.setCurrentIndex(tab.program_combo.findText("Green Circular Cities Coalition"))
    assert "Turku City Study Tour to Japan" in record_rows(tab.view, 1)
    tab.program_combo.setCurrentIndex(0)
    tab.pathway_combo.setCurrentIndex(tab.pathway_combo.findText("Resilient Development"))
    assert "ICLEI-UNDRR Resilient Cities Training for Chengdu" in record_rows(tab.view, 1)
    assert "Turku City Study Tour to Japan" not in record_rows(tab.view, 1)


def test_today_is_visible(tab: EventsTab) -> None:
    today = tab.calendar.dateTextFormat(QDate(2021, 1, 1))
    assert today.fontUnderline()
    tab.calendar.setCurrentPage(2019, 3)
    tab.today_button.click()
    assert (tab.calendar.yearShown(), tab.calendar.monthShown()) == (2021, 1)


def test_opening_an_event_from_elsewhere_shows_its_day(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.programs_tab)
    click_row(qtbot, window.programs_tab.view, "Green Circular Cities Coalition")
    click_link(
        qtbot, window.programs_tab.detail, "Bold Circular Development as Daring Climate Action"
    )
    tab = window.events_tab
    assert window.tabs.currentWidget() is tab
    assert tab.calendar.selectedDate() == QDate(2020, 10, 12)
    assert tab.view.currentIndex().data(Role.ID) is not None
    text = tab.detail.toPlainText()
    for expected in (
        "Daring Cities 2020",
        "12 Oct 2020",
        "Virtual",
        "Confirmed",
        "Green Circular Cities Coalition",
        "Essen",
        "over 60",
    ):
        assert expected in text, expected


def test_a_date_range_lists_what_overlaps_it(tab: EventsTab) -> None:
    tab.scope_combo.setCurrentIndex(tab.scope_combo.findText("Show: from … to …"))
    assert tab.range_from.isEnabled() and tab.range_to.isEnabled()
    tab.range_from.setDate(QDate(2020, 12, 5))
    tab.range_to.setDate(QDate(2020, 12, 10))
    # Events known only as "December 2020" may or may not fall in it: not listed.
    assert record_rows(tab.view, 0) == ["7–8 Dec 2020", "9 Dec 2020"]
    tab.range_from.setDate(QDate(2020, 11, 30))
    tab.range_to.setDate(QDate(2021, 1, 1))
    assert record_rows(tab.view, 0).count("Dec 2020") == 2


def test_a_range_that_ends_before_it_starts_is_turned_round(tab: EventsTab) -> None:
    tab.scope_combo.setCurrentIndex(tab.scope_combo.findText("Show: from … to …"))
    tab.range_from.setDate(QDate(2020, 9, 7))
    tab.range_to.setDate(QDate(2020, 1, 1))
    assert tab.range_to.date() == QDate(2020, 9, 7)
    assert len(record_rows(tab.view, 1)) == 3
