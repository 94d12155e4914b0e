"""A publication's files in the window: added, listed, opened, reported missing, removed, dropped."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import PublicationFileRow
from iclei_desktop.gui.dialogs.file_dialogs import RemoveFileDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import back_to, click_link, click_row, when_modal

TITLE = "Building Efficiency Codes Playbook"
PDF = b"%PDF-1.7\n" + b"playbook " * 2000 + b"\n%%EOF\n"  # 18,016 bytes: "17.6 kB"


@pytest.fixture
def catalogue(tmp_path: Path, seeded_bytes: bytes):  # type: ignore[no-untyped-def]
    """A seeded catalogue, copied from one seeded once (seeding each test is slow)."""
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    opened = Catalogue.open(path)
    yield opened
    opened.close()


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "playbook 建筑.pdf").write_bytes(PDF)
    (folder / "notes.docx").write_bytes(b"PK notes")
    return folder


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What the system's viewer was asked to open (nothing opens for real)."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> list[str]:
    """Make the Add File dialog return ``paths``; return the titles it was opened with."""
    titles: list[str] = []

    def get_open_file_names(
        _parent: QWidget, caption: str, *_args: object, **_kwargs: object
    ) -> tuple[list[str], str]:
        titles.append(caption)
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", get_open_file_names)
    return titles


def show_playbook(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.publications_tab)
    click_row(qtbot, window.publications_tab.view, TITLE)


def files_of(window: MainWindow, catalogue: Catalogue) -> list[PublicationFileRow]:
    shown = window.publication_files.shown()
    assert shown is not None
    return catalogue.publication_files(shown.id)


def add_playbook_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, *paths: Path
) -> None:
    show_playbook(qtbot, window)
    choose_files(monkeypatch, *paths)
    window.actions.add_file.trigger()


def test_add_file_copies_it_and_the_detail_lists_it(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not window.actions.add_file.isEnabled()  # no publication shown yet
    show_playbook(qtbot, window)
    assert window.actions.add_file.isEnabled()
    assert not window.actions.remove_file.isEnabled()  # it has no file to remove
    titles = choose_files(monkeypatch, sources / "playbook 建筑.pdf", sources / "notes.docx")
    window.actions.add_file.trigger()

    assert titles == [f"Add Files to “{TITLE}”"]
    text = window.publications_tab.detail.toPlainText()
    assert "Files\nplaybook 建筑.pdf (17.6 kB)\nnotes.docx (8 bytes)\n" in text
    assert "missing" not in text
    rows = files_of(window, catalogue)
    assert [(r.name, r.status) for r in rows] == [("playbook 建筑.pdf", "ok"), ("notes.docx", "ok")]
    assert hashlib.sha256(rows[0].path.read_bytes()).digest() == hashlib.sha256(PDF).digest()
    assert rows[0].path.is_relative_to(catalogue.files_folder)
    assert window.actions.remove_file.isEnabled()
    assert window.statusBar().currentMessage() == (
        "Added playbook 建筑.pdf, notes.docx to the publication"
    )
    menu_texts = [a.text() for a in window.publications_tab.view.actions()]
    assert {"Add &File…", "Remo&ve File…"} <= set(menu_texts)  # the list's context menu


def test_a_refused_file_says_why_and_adds_nothing(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = sources / "empty.pdf"
    empty.write_bytes(b"")
    seen: list[tuple[str, str]] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.windowTitle(), box.text()))
        box.close()

    add_playbook_file(qtbot, window, monkeypatch, empty)
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None
    read_and_close(box)
    assert seen == [("The file was not added", f"cannot add {empty}: the file is empty")]
    assert files_of(window, catalogue) == []
    assert "Files" not in window.publications_tab.detail.toPlainText()


def test_clicking_a_file_opens_it_with_the_systems_viewer(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
) -> None:
    add_playbook_file(qtbot, window, monkeypatch, sources / "playbook 建筑.pdf")
    click_link(qtbot, window.publications_tab.detail, "playbook 建筑.pdf")
    stored = files_of(window, catalogue)[0].path
    assert opened_urls == [QUrl.fromLocalFile(str(stored))]
    assert opened_urls[0].toLocalFile() == str(stored)


def test_a_missing_file_is_marked_and_a_click_says_where_it_was_expected(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
) -> None:
    add_playbook_file(
        qtbot, window, monkeypatch, sources / "playbook 建筑.pdf", sources / "notes.docx"
    )
    stored = files_of(window, catalogue)[0].path
    stored.unlink()
    click_row(qtbot, window.publications_tab.view, "Building Efficiency Codes Playbook (Chinese)")
    show_playbook(qtbot, window)  # read again
    text = window.publications_tab.detail.toPlainText()
    assert (
        "Files\nplaybook 建筑.pdf (17.6 kB) — missing — moved or deleted\nnotes.docx (8 bytes)\n"
    ) in text

    seen: list[list[str]] = []

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append([box.text(), box.informativeText(), *(b.text() for b in box.buttons())])
        box.button(QMessageBox.StandardButton.Cancel).click()

    failures = when_modal(qtbot, cancel)
    click_link(qtbot, window.publications_tab.detail, "playbook 建筑.pdf")
    assert not failures, failures
    assert seen == [
        [
            "“playbook 建筑.pdf” is missing — moved or deleted.",
            f"It was expected at:\n{stored}\n\nLocate it to put a copy back in its place "
            "(it must be the same file as the one added).",
            "&Locate…",
            "Cancel",
        ]
    ]
    assert opened_urls == []
    assert not stored.exists()


def test_locate_puts_a_missing_file_back(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
) -> None:
    add_playbook_file(qtbot, window, monkeypatch, sources / "playbook 建筑.pdf")
    stored = files_of(window, catalogue)[0].path
    moved = sources / "elsewhere.pdf"
    stored.rename(moved)
    show_playbook(qtbot, window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(moved), ""))

    def locate(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == "&Locate…").click()

    failures = when_modal(qtbot, locate)
    click_link(qtbot, window.publications_tab.detail, "playbook 建筑.pdf")
    assert not failures, failures
    assert stored.read_bytes() == PDF
    assert "missing" not in window.publications_tab.detail.toPlainText()
    assert window.statusBar().currentMessage() == "playbook 建筑.pdf is back in its place"
    back_to(qtbot, window)
    click_link(qtbot, window.publications_tab.detail, "playbook 建筑.pdf")
    assert opened_urls == [QUrl.fromLocalFile(str(stored))]


def test_remove_file_asks_which_and_removes_only_that_one(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_playbook_file(
        qtbot, window, monkeypatch, sources / "playbook 建筑.pdf", sources / "notes.docx"
    )
    first, second = files_of(window, catalogue)
    seen: list[list[str]] = []

    def choose_second(dialog: QWidget) -> None:
        assert isinstance(dialog, RemoveFileDialog)
        items = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        seen.append(items)
        dialog.list.setCurrentRow(1)
        dialog.remove_button.click()

    failures = when_modal(qtbot, choose_second)
    window.actions.remove_file.trigger()
    assert not failures, failures
    assert seen == [["playbook 建筑.pdf (17.6 kB)", "notes.docx (8 bytes)"]]
    assert files_of(window, catalogue) == [first]
    assert not second.path.exists()
    assert (sources / "notes.docx").exists()  # what it was added from stays
    text = window.publications_tab.detail.toPlainText()
    assert "notes.docx" not in text and "playbook 建筑.pdf" in text

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, RemoveFileDialog)
        dialog.buttons.rejected.emit()

    back_to(qtbot, window)
    failures = when_modal(qtbot, cancel)
    window.actions.remove_file.trigger()
    assert not failures, failures
    assert files_of(window, catalogue) == [first]


def drag_and_drop(target: QWidget, point: QPoint, *paths: Path) -> bool:
    """Drag ``paths`` over ``target`` and drop them there; return whether it took the drag."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def test_files_dropped_on_a_row_are_added_to_that_publication(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue, sources: Path
) -> None:
    tab = window.publications_tab
    window.tabs.setCurrentWidget(tab)
    model = tab.view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == TITLE)
    point = tab.view.visualRect(model.index(row, 0)).center()
    assert drag_and_drop(tab.view.viewport(), point, sources / "playbook 建筑.pdf")
    qtbot.waitUntil(lambda: "playbook 建筑.pdf" in tab.detail.toPlainText(), timeout=5000)
    assert tab.detail.toPlainText().startswith(TITLE + "\n")
    assert [r.name for r in files_of(window, catalogue)] == ["playbook 建筑.pdf"]

    # On the detail pane, to the publication it shows.
    assert drag_and_drop(tab.detail.viewport(), QPoint(20, 20), sources / "notes.docx")
    qtbot.waitUntil(lambda: "notes.docx" in tab.detail.toPlainText(), timeout=5000)
    assert [r.name for r in files_of(window, catalogue)] == ["playbook 建筑.pdf", "notes.docx"]


def test_a_calendar_dropped_on_the_publications_list_is_left_to_the_window(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    show_playbook(qtbot, window)
    calendar = sources / "events.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    imported: list[Path] = []
    monkeypatch.setattr(window, "import_calendar", imported.append)
    assert drag_and_drop(window.publications_tab.view.viewport(), QPoint(20, 20), calendar)
    assert imported == [calendar]  # the window took it, as anywhere else
    assert files_of(window, catalogue) == []


def test_a_read_only_catalogue_offers_no_file_changes(
    qtbot: QtBot, catalogue: Catalogue, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = catalogue.publications()[0]
    catalogue.add_publication_file(row.id, sources / "notes.docx")
    catalogue.close()
    read_only = Catalogue.open_read_only(catalogue.path)
    try:
        window = MainWindow(read_only)
        qtbot.addWidget(window)
        window.show()
        window.tabs.setCurrentWidget(window.publications_tab)
        click_row(qtbot, window.publications_tab.view, row.title)
        assert "notes.docx (8 bytes)" in window.publications_tab.detail.toPlainText()
        assert not window.actions.add_file.isEnabled()
        assert not window.actions.remove_file.isEnabled()
        window.close()
    finally:
        read_only.close()
