"""Saving: the search index and the -wal's checkpoints keep out of the saving thread's way."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import Checkpointer, open_database


def _checkpoint_threads(path: Path) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"checkpoint {path.name}"]


def test_the_apps_connections_never_checkpoint_as_they_commit(tmp_path: Path) -> None:
    Catalogue.open(tmp_path / "catalogue.sqlite").close()
    database = open_database(tmp_path / "catalogue.sqlite")
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        database.engine.dispose()


def test_saves_are_checkpointed_on_another_thread_and_closing_ends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Checkpointer, "DELAY", 0.01)
    ran: list[str] = []
    done = threading.Event()
    checkpoint = Checkpointer._checkpoint

    def recorded(self: Checkpointer) -> None:
        checkpoint(self)
        ran.append(threading.current_thread().name)
        done.set()

    monkeypatch.setattr(Checkpointer, "_checkpoint", recorded)
    path = tmp_path / "catalogue.sqlite"
    catalogue = Catalogue.open(path)
    assert len(_checkpoint_threads(path)) == 1
    assert done.wait(5)  # what opening left in the -wal
    done.clear()
    draft = catalogue.event_draft(catalogue.events()[0].uid)
    uid = catalogue.create_event(dataclasses.replace(draft, title="Kathmandu valley forum"))
    assert done.wait(5)
    assert set(ran) == {"checkpoint catalogue.sqlite"}
    assert [hit.uid for hit in catalogue.search("kathmandu")] == [uid]
    catalogue.close()
    assert _checkpoint_threads(path) == []
    assert not Path(f"{path}-wal").exists()  # the last connection folded it in
    reopened = Catalogue.open(path)
    try:
        assert [hit.uid for hit in reopened.search("kathmandu")] == [uid]
    finally:
        reopened.close()


def test_a_failed_checkpoint_is_logged_and_tried_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    checkpointer = Checkpointer(tmp_path / "gone.sqlite")  # no such file: never created
    try:
        checkpointer._checkpoint()
    finally:
        checkpointer.stop()
    assert not (tmp_path / "gone.sqlite").exists()
    assert "could not checkpoint" in caplog.text
