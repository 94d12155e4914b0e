"""Global search: Ctrl+K, results grouped by type as you type, Enter opens the record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.search import KINDS, SearchHit
from iclei_desktop.gui.main_window import MainWindow


def _wait_for_results(qtbot: QtBot, window: MainWindow) -> list[tuple[str, int, str]]:
    qtbot.waitUntil(lambda: window.search_box.results.rowCount() > 0, timeout=3000)
    return window.search_box.hits()


def _headings(window: MainWindow) -> list[str]:
    model = window.search_box.results
    return [
        model.item(r).text()
        for r in range(model.rowCount())
        if model.item(r).data(Qt.ItemDataRole.UserRole + 2) is None
    ]


def test_ctrl_k_and_ctrl_f_focus_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.programs_tab.filter_edit.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    window.programs_tab.filter_edit.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()


def test_results_come_as_you_type_grouped_by_type(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "chengdu")
    hits = _wait_for_results(qtbot, window)
    kinds = [kind for kind, _, _ in hits]
    assert kinds == sorted(
        kinds,
        key=["program", "event", "local_government", "person", "organization", "publication"].index,
    )
    assert {"Programs", "Events", "Local governments", "Publications"} <= set(_headings(window))
    assert any(
        text.startswith("Chengdu 成都市") for kind, _, text in hits if kind == "local_government"
    )
    assert window.search_box.completer.popup().isVisible()


class _CountingCatalogue:
    """A catalogue that counts the searches asked of it."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.searched: list[str] = []

    def search(self, text: str, kinds: object = None) -> list[SearchHit]:
        self.searched.append(text)
        return self.catalogue.search(text)


def test_edits_in_one_pass_of_the_event_loop_cost_one_search(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    counting = _CountingCatalogue(catalogue)
    window.search_box.set_catalogue(counting)  # type: ignore[arg-type]
    qtbot.keyClicks(window.search_box, "chengdu")  # seven keys, no events processed between
    hits = _wait_for_results(qtbot, window)
    assert counting.searched == ["chengdu"]
    assert any(text.startswith("Chengdu 成都市") for _, _, text in hits)


def test_each_keystroke_shows_its_own_results(qtbot: QtBot, window: MainWindow, type_text) -> None:  # type: ignore[no-untyped-def]
    box = window.search_box
    expected = {"成": "Chengdu 成都市", "成都": "Chengdu 成都市"}
    for typed, character in (("成", "成"), ("成都", "都")):
        type_text(box, character)
        assert box.text() == typed
        qtbot.waitUntil(lambda: not box.search_timer.isActive(), timeout=3000)
        hits = box.hits()
        assert any(
            kind == "local_government" and text.startswith(expected[typed])
            for kind, _, text in hits
        ), hits
    box.clear()
    type_text(box, "서울")
    qtbot.waitUntil(lambda: not box.search_timer.isActive(), timeout=3000)
    assert [text for _, _, text in box.hits()] == ["Seoul 서울특별시  —  South Korea"]


def test_one_letter_finds_records_of_every_kind_grouped(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "u")
    hits = _wait_for_results(qtbot, window)
    kinds = [kind for kind, _, _ in hits]
    assert kinds == sorted(kinds, key=KINDS.index)
    assert len(set(kinds)) >= 4
    assert all(kinds.count(kind) <= 50 for kind in KINDS)
    assert window.search_box.completer.popup().isVisible()


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("成都", "local_government", "Chengdu 成都市"),
        ("서울", "local_government", "Seoul 서울특별시"),
        ("京都", "local_government", "Kyoto 京都市"),
        ("Улаанбаатар", "local_government", "Ulaanbaatar Улаанбаатар"),
        ("улаан", "local_government", "Ulaanbaatar Улаанбаатар"),
        ("malmo", "local_government", "Malmö"),
        ("Kadokawa", "person", "Daisaku Kadokawa"),
        ("playbook chinese", "publication", "Building Efficiency Codes Playbook (Chinese)"),
    ],
)
def test_search_finds_every_script(
    qtbot: QtBot,
    window: MainWindow,
    type_text,  # type: ignore[no-untyped-def]
    query: str,
    kind: str,
    expected: str,
) -> None:
    type_text(window.search_box, query)
    hits = _wait_for_results(qtbot, window)
    assert any(k == kind and text.startswith(expected) for k, _, text in hits), hits


def test_enter_opens_the_first_result_in_its_tab(
    qtbot: QtBot, window: MainWindow, type_text
) -> None:  # type: ignore[no-untyped-def]
    type_text(window.search_box, "서울")
    _wait_for_results(qtbot, window)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.members_tab
    assert window.members_tab.detail.toPlainText().startswith("Seoul 서울특별시")


def test_arrow_keys_pick_a_result_and_enter_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "GCCC")
    hits = _wait_for_results(qtbot, window)
    assert hits[0][2].startswith("Green Circular Cities Coalition")
    popup = window.search_box.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.programs_tab
    assert window.programs_tab.detail.toPlainText().startswith("Green Circular Cities Coalition")


def test_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "zzzqqq")
    qtbot.waitUntil(lambda: window.search_box.results.rowCount() == 1, timeout=3000)
    assert window.search_box.results.item(0).text() == "No matches for “zzzqqq”"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.programs_tab  # nothing opened


@pytest.mark.parametrize("query", ['"', "(", "AND", "NEAR(", "*", "-", 'a"b', "   "])
def test_odd_input_never_breaks_the_search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    qtbot.keyClicks(window.search_box, query)
    window.search_box.search_now()
    assert window.search_box.hits() == [] or all(h[1] for h in window.search_box.hits())
