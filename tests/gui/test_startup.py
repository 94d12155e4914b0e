"""A catalogue that cannot be opened at start-up is explained, with the ways on from there."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core import db
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
)
from iclei_desktop.gui.dialogs.open_problem_dialog import OpenProblemDialog, Way
from iclei_desktop.gui.dialogs.restore_dialog import RestoreDialog
from iclei_desktop.gui.main_window import MainWindow
from iclei_desktop.gui.single_instance import CatalogueInUse
from iclei_desktop.gui.startup import Opened, open_catalogue, ways_for
from tests.gui.helpers import click_row, record_rows, when_modal

Act = Callable[[QWidget], None]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A seeded catalogue, closed."""
    path = tmp_path / "good" / "catalogue.sqlite"
    path.parent.mkdir()
    Catalogue.open(path).close()
    return path


@pytest.fixture
def opened() -> Iterator[list[Opened]]:
    """Catalogues the tests open, closed (and unlocked) afterwards."""
    made: list[Opened] = []
    yield made
    for one in made:
        one.close()


def press(way: Way, seen: list[list[str]]) -> Act:
    """Note the dialog's message and buttons, then press the button for ``way``."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, OpenProblemDialog)
        seen.append([dialog.text(), *(b.text() for b in dialog.buttons_by_way.values())])
        dialog.buttons_by_way[way].click()

    return act


def test_each_problem_offers_the_ways_that_can_work() -> None:
    assert ways_for(DatabaseReadOnlyError("x"), False) == [Way.READ_ONLY, Way.OTHER, Way.QUIT]
    assert ways_for(DatabaseDamagedError("x"), True) == [Way.RESTORE, Way.OTHER, Way.QUIT]
    assert ways_for(DatabaseDamagedError("x"), False) == [Way.OTHER, Way.QUIT]
    assert ways_for(DatabaseLockedError("x"), False) == [
        Way.RETRY,
        Way.READ_ONLY,
        Way.OTHER,
        Way.QUIT,
    ]
    assert ways_for(CatalogueInUse("x"), True) == [Way.RETRY, Way.READ_ONLY, Way.OTHER, Way.QUIT]
    assert ways_for(DatabaseError("x"), True) == [Way.OTHER, Way.RESTORE, Way.QUIT]


def test_a_damaged_catalogue_is_restored_from_the_backup_the_user_picks(
    qtbot: QtBot, good: Path, opened: list[Opened]
) -> None:
    backup = db.backup_database(good)
    with good.open("r+b") as handle:  # scribble over the schema's page, past the header
        handle.seek(100)
        handle.write(b"\xff" * 300)
    damaged = sha256(good)
    seen: list[list[str]] = []

    def pick_backup(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        dialog.table.selectRow(0)
        dialog.restore_button.click()

    later: list[list[BaseException]] = []

    def restore(dialog: QWidget) -> None:
        press(Way.RESTORE, seen)(dialog)
        later.append(when_modal(qtbot, pick_backup))  # the list of backups comes next

    failures = when_modal(qtbot, restore)
    result = open_catalogue(good, True)
    assert not failures and not any(later), (failures, later)
    assert result is not None
    opened.append(result)
    message, *buttons = seen[0]
    assert message.startswith(f"{good} cannot be opened: it is damaged (")
    assert message.endswith("; restore it from a backup")
    assert buttons == ["Restore from &Backup…", "&Choose Another File…", "&Quit"]
    assert len(result.catalogue.events()) == 40
    kept = [p for p in good.parent.iterdir() if ".damaged-" in p.name and p.suffix == ".sqlite"]
    assert [sha256(p) for p in kept] == [damaged]  # the damaged file is kept, byte for byte
    assert backup.exists()


def test_quitting_leaves_the_refused_file_as_it_was(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Not a catalogue: shopping list", encoding="utf-8")
    before = sha256(path)
    seen: list[list[str]] = []
    failures = when_modal(qtbot, press(Way.QUIT, seen))
    assert open_catalogue(path, True) is None
    assert not failures, failures
    assert seen == [
        [
            f"{path} cannot be opened: it is not an SQLite database",
            "&Choose Another File…",
            "&Quit",
        ]
    ] or seen[0][1:] == ["&Choose Another File…", "&Quit"]
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_another_file_can_be_chosen_instead(
    qtbot: QtBot,
    tmp_path: Path,
    good: Path,
    opened: list[Opened],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(good), "Catalogues"))
    )
    failures = when_modal(qtbot, press(Way.OTHER, []))
    result = open_catalogue(path, True)
    assert not failures, failures
    assert result is not None
    opened.append(result)
    assert result.catalogue.path == good
    assert result.lock is not None and result.lock.isLocked()
    assert path.read_bytes() == b""


def test_a_catalogue_open_in_another_copy_can_be_tried_again_once_closed(
    qtbot: QtBot, good: Path, opened: list[Opened]
) -> None:
    other = QLockFile(str(good) + ".lock")
    assert other.tryLock(0)
    seen: list[list[str]] = []

    def retry_after_the_other_closes(dialog: QWidget) -> None:
        other.unlock()
        press(Way.RETRY, seen)(dialog)

    failures = when_modal(qtbot, retry_after_the_other_closes)
    result = open_catalogue(good, True)
    assert not failures, failures
    assert result is not None
    opened.append(result)
    assert seen[0][0].startswith(f"{good} is already open in another ICLEI Desktop (process")
    assert not result.catalogue.read_only


def _deny_writing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests run as root in CI, for whom every file is writable; so the permission
    # check is told the truth a staff member's laptop would tell it for a read-only file.
    real = os.access

    def access(target: object, mode: int, **kwargs: object) -> bool:
        if Path(str(target)) == path and mode & os.W_OK:
            return False
        return real(target, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def test_a_read_only_file_opens_read_only_with_saving_switched_off(
    qtbot: QtBot, good: Path, opened: list[Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sha256(good)
    _deny_writing(good, monkeypatch)
    seen: list[list[str]] = []
    failures = when_modal(qtbot, press(Way.READ_ONLY, seen))
    result = open_catalogue(good, True)
    assert not failures, failures
    assert result is not None
    opened.append(result)
    assert seen == [
        [
            f"{good} is read-only; make it writable, or copy it to a folder of your own and "
            "open the copy",
            "Open &Read-Only",
            "&Choose Another File…",
            "&Quit",
        ]
    ]
    window = MainWindow(result.catalogue)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "ICLEI Desktop (read-only)"
    label = window.findChild(QWidget, "read_only_label")
    assert label is not None and label.isVisible()
    assert label.text() == "Read-only: catalogue.sqlite cannot be changed"  # type: ignore[attr-defined]
    assert not window.actions.new_event.isEnabled()
    assert not window.actions.import_calendar.isEnabled()
    assert not window.actions.restore.isEnabled()
    window.tabs.setCurrentWidget(window.events_tab)
    titles = record_rows(window.events_tab.view, 1)
    assert len(titles) == 40
    click_row(qtbot, window.events_tab.view, titles[0], 1)
    assert window.actions.export_selected.isEnabled()
    assert not window.actions.edit_event.isEnabled()
    assert not window.actions.delete_event.isEnabled()
    window.events_tab.view.doubleClicked.emit(window.events_tab.view.currentIndex())
    assert QApplication.activeModalWidget() is None  # no event form opened
    assert [hit.title for hit in result.catalogue.search("gccc")]
    with pytest.raises(DatabaseReadOnlyError, match="is open read-only; nothing was saved"):
        result.catalogue.delete_event(result.catalogue.events()[0].uid)
    window.close()
    result.close()
    opened.clear()
    assert sha256(good) == before


def test_a_catalogue_made_by_an_earlier_version_cannot_be_read_only(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db.open_database(path, revision="0001").engine.dispose()
    before = sha256(path)
    with pytest.raises(DatabaseError) as refused:
        Catalogue.open_read_only(path)
    assert str(refused.value) == (
        f"{path} was made by an earlier version of ICLEI Desktop and must be upgraded before "
        "it can be read, which needs a copy you can write to"
    )
    assert sha256(path) == before


def test_a_new_catalogue_says_where_it_was_made(qtbot: QtBot, catalogue: Catalogue) -> None:
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage() == (f"Created a new catalogue at {catalogue.path}")
    assert window.windowTitle() == "ICLEI Desktop"


def test_cancelling_the_choice_of_another_file_asks_again_about_the_same_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: ("", "")))
    seen: list[list[str]] = []
    later: list[list[BaseException]] = []

    def other_then_quit(dialog: QWidget) -> None:
        press(Way.OTHER, seen)(dialog)
        later.append(when_modal(qtbot, press(Way.QUIT, seen)))

    failures = when_modal(qtbot, other_then_quit)
    assert open_catalogue(path, True) is None
    assert not failures and not any(later), (failures, later)
    assert len(seen) == 2 and seen[0] == seen[1]
    assert seen[0][0] == f"{path} is an empty file, not an ICLEI Desktop catalogue"
    assert path.read_bytes() == b""
