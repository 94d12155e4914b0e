"""File › Import Catalogue: the preview of a colleague's catalogue, a choice per conflict."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.gui.dialogs.bundle_dialog import BundleDialog, BundleFiles
from iclei_desktop.gui.main_window import MainWindow
from tests.bundle_support import edit, later, snapshot
from tests.gui.helpers import record_rows

FIRST = "adb-technical-exchange-ucca-2020@iclei-eastasia.desktop"
SECOND = "adb-ucca-training-workshop-pilot-cities-2020@iclei-eastasia.desktop"


@pytest.fixture
def theirs(tmp_path: Path, catalogue: Catalogue) -> Iterator[Path]:
    """A colleague's catalogue, edited apart from the window's; its bundle."""
    (tmp_path / "b").mkdir()
    other = Catalogue.open(tmp_path / "b" / "catalogue.sqlite")
    edit(other, "event", FIRST, title="First, as they wrote it", updated_at=later())
    edit(catalogue, "event", FIRST, title="First, as I wrote it", updated_at=later())
    edit(other, "event", SECOND, title="Second, as they wrote it", updated_at=later())
    edit(catalogue, "event", SECOND, title="Second, as I wrote it", updated_at=later())
    edit(other, "program", "bea", summary="Their summary.", updated_at=later())
    edit(catalogue, "organization", "adb", note="My note.", updated_at=later())
    other.create_event(
        EventDraft(
            title="Their new workshop", start_date=date(2021, 6, 1), end_date=date(2021, 6, 1)
        )
    )
    source = tmp_path / "theirs.json"
    other.export_json_to(source)
    other.close()
    yield source


def on_dialog(qtbot: QtBot, act: Callable[[BundleDialog], None]) -> list[BaseException]:
    """Act on the preview once it is open (a progress dialog may come first)."""
    failures: list[BaseException] = []

    def handler() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BundleDialog):
            QTimer.singleShot(10, handler)
            return
        try:
            act(dialog)
        except BaseException as error:
            failures.append(error)
            dialog.reject()

    QTimer.singleShot(0, handler)
    return failures


def test_the_preview_groups_and_counts_and_take_theirs_for_one_conflict(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    theirs: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(BundleFiles, "open_path", classmethod(lambda cls, parent: theirs))
    seen: dict[str, object] = {}

    def choose(dialog: BundleDialog) -> None:
        seen["summary"] = dialog.summary.text()
        tree = dialog.tree
        seen["groups"] = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        conflicts = dialog.groups["conflict"]
        rows = [conflicts.child(i) for i in range(conflicts.childCount())]
        seen["conflicts"] = [
            [row.text(0)] + [row.child(0).text(c) for c in range(4)] for row in rows
        ]
        seen["boxes"] = {uid: box.currentText() for uid, box in dialog.choices.items()}
        assert dialog.take_all.isEnabled() and dialog.keep_all.isEnabled()
        dialog.take_all.click()
        assert dialog.take_theirs() == {FIRST, SECOND}
        dialog.keep_all.click()
        dialog.choices[FIRST].setCurrentIndex(1)  # Take theirs
        dialog.grab().save(str(theirs.with_suffix(".png")))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    failures = on_dialog(qtbot, choose)
    window.actions.import_bundle.trigger()
    assert not failures, failures
    assert seen["summary"] == (
        "New 1, changed 1, conflicts 2, kept 1 (yours is newer), unchanged 323. "
        "Each conflict keeps yours unless you choose Take theirs."
    )
    assert seen["groups"] == [
        "New (1)",
        "Changed (1)",
        "Conflicts (2)",
        "Kept (yours is newer) (1)",
    ]
    assert seen["conflicts"] == [
        ["First, as they wrote it", "Title", "", "First, as I wrote it", "First, as they wrote it"],
        [
            "Second, as they wrote it",
            "Title",
            "",
            "Second, as I wrote it",
            "Second, as they wrote it",
        ],
    ]
    assert seen["boxes"] == {FIRST: "Keep mine", SECOND: "Keep mine"}
    # The lists show the result.
    window.tabs.setCurrentWidget(window.events_tab)
    titles = record_rows(window.events_tab.view, 1)
    assert "First, as they wrote it" in titles
    assert "Second, as I wrote it" in titles
    assert "Their new workshop" in titles
    assert window.statusBar().currentMessage() == (
        "Imported theirs.json: new 1, changed 1, conflicts 2 (took theirs 1), kept 1"
    )
    events = {e["uid"]: e for e in snapshot(catalogue)["events"]}
    assert events[FIRST]["title"] == "First, as they wrote it"
    assert events[SECOND]["title"] == "Second, as I wrote it"


def test_cancel_imports_nothing(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    theirs: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(BundleFiles, "open_path", classmethod(lambda cls, parent: theirs))
    before = snapshot(catalogue)
    failures = on_dialog(
        qtbot,
        lambda dialog: dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click(),
    )
    window.actions.import_bundle.trigger()
    assert not failures, failures
    assert snapshot(catalogue) == before
    assert catalogue.backups() == []


def test_a_bad_file_is_refused_with_its_reason(
    qtbot: QtBot,
    window: MainWindow,
    catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "notes.json"
    source.write_text(json.dumps({"shopping": ["rice", "kimchi"]}), encoding="utf-8")
    monkeypatch.setattr(BundleFiles, "open_path", classmethod(lambda cls, parent: source))
    before = snapshot(catalogue)
    window.actions.import_bundle.trigger()
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.windowTitle() == "The catalogue was not imported"
    assert box.text() == f"cannot import {source}: it is not an ICLEI Desktop catalogue"
    assert snapshot(catalogue) == before
    box.close()


def test_export_catalogue_writes_a_zip_or_json(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("out.zip", "out.json"):
        target = tmp_path / name
        monkeypatch.setattr(
            BundleFiles,
            "save_path",
            classmethod(lambda cls, parent, suggested, target=target: target),
        )
        window.actions.export_catalogue.trigger()
        assert target.exists()
        assert window.statusBar().currentMessage() == f"Exported the catalogue to {name}"


def test_a_read_only_catalogue_cannot_import(qtbot: QtBot, catalogue: Catalogue) -> None:
    path = catalogue.path
    catalogue.close()
    reader = Catalogue.open_read_only(path)
    window = MainWindow(reader)
    qtbot.addWidget(window)
    try:
        assert not window.actions.import_bundle.isEnabled()
        assert window.actions.export_catalogue.isEnabled()
    finally:
        window.close()
        reader.close()


@pytest.mark.parametrize(
    ("typed", "zipped", "saved"),
    [
        ("catalogue", True, "catalogue.zip"),
        ("catalogue.2020", True, "catalogue.2020.zip"),
        ("catalogue.2020", False, "catalogue.2020.json"),
        ("catalogue.ZIP", False, "catalogue.ZIP"),
    ],
)
def test_the_bundle_name_gets_the_chosen_type_added_unless_it_has_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typed: str, zipped: bool, saved: str
) -> None:
    def answer(parent: object, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        json_filter, zip_filter = filters.split(";;")
        return str(tmp_path / typed), zip_filter if zipped else json_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    assert BundleFiles.save_path(None, "catalogue.zip") == tmp_path / saved
