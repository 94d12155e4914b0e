"""One copy per catalogue, a crash dialog with details, and text shown as text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui import crash
from iclei_desktop.gui.errors import show_error
from iclei_desktop.gui.single_instance import CatalogueInUse, lock_catalogue

HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_copy_is_refused_within_two_seconds(tmp_path: Path) -> None:
    database = tmp_path / "catalogue.sqlite"
    first = lock_catalogue(database)
    try:
        started = time.monotonic()
        with pytest.raises(CatalogueInUse) as refused:
            lock_catalogue(database)
        assert time.monotonic() - started < 2
        assert str(refused.value).startswith(
            f"{database} is already open in another ICLEI Desktop (process {os.getpid()}"
        )
    finally:
        first.unlock()
    lock_catalogue(database).unlock()  # free again once the first copy closes


def test_a_lock_left_by_a_killed_copy_is_taken_over(tmp_path: Path) -> None:
    database = tmp_path / "catalogue.sqlite"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(database) + ".lock"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(CatalogueInUse):
            lock_catalogue(database)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        lock_catalogue(database).unlock()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
        assert holder.stdout is not None
        holder.stdout.close()


def test_the_command_line_refuses_a_catalogue_open_elsewhere(tmp_path: Path) -> None:
    database = tmp_path / "catalogue.sqlite"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(database) + ".lock"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "iclei_desktop",
                "--database",
                str(database),
                "--screenshot",
                str(tmp_path / "shots"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert result.stderr.startswith(
            f"iclei-desktop: error: {database} is already open in another ICLEI Desktop "
            f"(process {holder.pid}"
        )
        assert not database.exists()
    finally:
        holder.kill()
        holder.wait(10)
        assert holder.stdout is not None
        holder.stdout.close()


def test_an_unexpected_error_is_logged_and_shown_with_details(qtbot: QtBot) -> None:
    log_file = crash.install()
    try:
        raise RuntimeError("the unexpected")
    except RuntimeError as error:
        crash.excepthook(type(error), error, error.__traceback__)
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "crash_box")
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Something went wrong"
    assert "RuntimeError: the unexpected" in box.detailedText()
    qtbot.waitUntil(lambda: "RuntimeError: the unexpected" in log_file.read_text(encoding="utf-8"))
    box.close()
    sys.excepthook = sys.__excepthook__


def test_messages_show_markup_as_plain_text(qtbot: QtBot, catalogue: Catalogue) -> None:
    box = show_error(None, "Title", "<b>not bold</b> <img src=x>")
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_a_catalogue_in_a_synced_folder_is_warned_about(qtbot: QtBot, tmp_path: Path) -> None:
    from iclei_desktop.gui.main_window import MainWindow

    folder = tmp_path / "Dropbox"
    folder.mkdir()
    catalogue = Catalogue.open(folder / "catalogue.sqlite")
    try:
        window = MainWindow(catalogue)
        qtbot.addWidget(window)
        assert (
            window.statusBar()
            .currentMessage()
            .startswith(
                f"{folder / 'catalogue.sqlite'} is in a folder that a sync service copies (Dropbox)"
            )
        )
    finally:
        catalogue.close()
