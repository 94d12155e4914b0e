"""File › Restore from Backup: pick a backup, and the window shows the catalogue it held."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.gui.dialogs.restore_dialog import RestoreDialog
from iclei_desktop.gui.main_window import MainWindow
from tests.gui.helpers import record_rows, when_modal


def test_restoring_a_backup_brings_back_what_it_held(
    qtbot: QtBot, window: MainWindow, catalogue: Catalogue
) -> None:
    assert catalogue.backup_if_due() is not None  # the first daily backup
    uid = next(e.uid for e in catalogue.events() if e.title == "Turku City Study Tour to Japan")
    catalogue.delete_event(uid)
    window.reload()
    assert "Turku City Study Tour to Japan" not in record_rows(window.events_tab.view, 1)

    def choose_newest(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        assert not dialog.restore_button.isEnabled()
        assert dialog.table.rowCount() == 1
        dialog.table.selectRow(0)
        dialog.restore_button.click()

    failures = when_modal(qtbot, choose_newest)
    window.actions.restore.trigger()
    assert not failures, failures
    window.tabs.setCurrentWidget(window.events_tab)
    assert "Turku City Study Tour to Japan" in record_rows(window.events_tab.view, 1)
    assert window.statusBar().currentMessage().startswith("Restored the catalogue from ")
    assert len(window._catalogue.backups()) == 2  # the replaced catalogue was kept too
    assert window.undo_stack.count() == 0


def test_with_no_backups_the_dialog_says_when_they_are_taken(
    qtbot: QtBot, window: MainWindow
) -> None:
    def read_and_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        labels = [w.text() for w in dialog.findChildren(QLabel)]
        assert "There are no backups yet." in labels[0]
        dialog.reject()

    failures = when_modal(qtbot, read_and_cancel)
    assert window.restore_from_backup() is False
    assert not failures, failures
