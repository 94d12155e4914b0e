"""The Members tab: local governments with filters and details, and the governance view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import click_row, heading_rows, record_rows


def test_columns_show_names_in_their_own_script(window: MainWindow) -> None:
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    row = record_rows(tab.view, 0).index("Chengdu")
    index = tab.view.model().index(row, 0)
    assert [index.siblingAtColumn(c).data() for c in range(6)] == [
        "Chengdu",
        "成都市",
        "China",
        "City",
        "Member",
        "2020",
    ]


def test_filter_by_country_and_membership(window: MainWindow) -> None:
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    tab.country_combo.setCurrentIndex(tab.country_combo.findText("South Korea"))
    assert sorted(record_rows(tab.view)) == ["Seoul", "Suwon"]
    tab.country_combo.setCurrentIndex(tab.country_combo.findText("China"))
    tab.membership_combo.setCurrentIndex(tab.membership_combo.findText("ICLEI members"))
    assert sorted(record_rows(tab.view)) == ["Changchun", "Chengdu"]


def test_typing_a_native_name_finds_the_city(type_text, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    type_text(tab.filter_edit, "Улаанбаатар")
    assert record_rows(tab.view) == ["Ulaanbaatar"]
    tab.filter_edit.clear()
    type_text(tab.filter_edit, "서울")
    assert record_rows(tab.view) == ["Seoul"]


def test_a_city_shows_its_representatives_seats_programs_and_events(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    click_row(qtbot, tab.view, "Suwon")
    text = tab.detail.toPlainText()
    for expected in (
        "Suwon 수원시",
        "Representatives",
        "Tae-Young Yeom (Mayor)",
        "Governance seats",
        "GexCom East Asia Seat, East Asia RexCom 2021–2024 · Sustainable Urban Mobility",
        "Programs",
        "East Asia Clean Air Cities Network (member)",
        "Events",
    ):
        assert expected in text, expected


def test_who_holds_the_rexcom_seat_for_resilience(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    tab.lists.setCurrentWidget(tab.governance)
    assert [h.split(" (")[0] for h in heading_rows(tab.governance)] == [
        "GexCom 2021–2024",
        "East Asia RexCom 2021–2024",
        "ICLEI East Asia Secretariat",
    ]
    qtbot.keyClicks(tab.filter_edit, "resilience")
    assert record_rows(tab.governance) == ["Cheng-Ta Hsieh"]
    click_row(qtbot, tab.governance, "Cheng-Ta Hsieh")
    text = tab.detail.toPlainText()
    assert text.startswith("Cheng-Ta Hsieh")
    assert "Member, East Asia RexCom 2021–2024 · Resilience and Climate Change Adaptation" in text
    assert "New Taipei 新北市" in text


def test_the_governance_view_lists_positions_portfolios_and_terms(window: MainWindow) -> None:
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    tab.lists.setCurrentWidget(tab.governance)  # read when first shown
    view = tab.governance
    rows = [
        [view.model().index(r, c, view.model().index(1, 0)).data() for c in range(5)]
        for r in range(view.model().rowCount(view.model().index(1, 0)))
    ]
    assert rows[0] == [
        "Daisaku Kadokawa",
        "Chair",
        "Low Carbon Development and Climate Mitigation",
        "Kyoto",
        "2021–2024",
    ]
    assert [
        "Jeong Hyup Seo",
        "Vice Chair",
        "Air Quality Improvement and Regional Cooperation",
        "Seoul",
        "2021–2024",
    ] in rows


def test_sorting_by_member_since_puts_members_first(window: MainWindow) -> None:
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    tab.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert record_rows(tab.view)[0] == "Chengdu"
