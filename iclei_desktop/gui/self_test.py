"""``--self-test``: exercise the installed app offscreen on a throwaway catalogue.

It proves that a build found its Qt plugins, migrations, seed and icons: the window opens on a
new catalogue (or a copy of the one named with ``--database``) in a temporary folder, every tab
lists its records, the event form opens and is cancelled, and a calendar export is read back.
Nothing of the user's is written: not their catalogue, not their settings.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog

if TYPE_CHECKING:
    from ..core.api import Catalogue
    from .main_window import MainWindow

LOAD_TIMEOUT = 20.0  # seconds a list may take to fill on a slow laptop before it counts as failed
FORM_TIMEOUT = 10.0


class SelfTestFailed(Exception):
    """A step of the self-test went wrong; the message says which and how."""


def run_self_test(source: Path | None = None, color_scheme: str = "system") -> int:
    """Run every step, print one line saying how it went, and return the exit code (0 or 1).

    ``source`` is a catalogue to test a copy of (it is upgraded, if old, as the app would
    upgrade it); without it a new catalogue is made from the bundled seed.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="iclei-desktop-self-test-") as name:
        try:
            summary = _run(Path(name), source, color_scheme)
        except Exception as error:  # whatever broke, bug or not, is the result
            print(f"self-test failed: {error}", file=sys.stderr)
            return 1
    print(f"self-test passed: {summary} ({time.perf_counter() - started:.1f} s)")
    return 0


@contextmanager
def step(name: str) -> Iterator[None]:
    """Report an error in the block as the failure of step ``name``."""
    try:
        yield
    except SelfTestFailed as failure:
        raise SelfTestFailed(f"{name}: {failure}") from failure
    except Exception as error:
        raise SelfTestFailed(f"{name}: {type(error).__name__}: {error}") from error


def _run(folder: Path, source: Path | None, color_scheme: str) -> str:
    from ..core.api import Catalogue

    app = _application(folder, color_scheme)
    with step("catalogue"):
        path, before = _catalogue_file(folder, source)
        catalogue = Catalogue.open(path)
    try:
        with step("migrations"):
            schema = _check_schema(catalogue, before)
        window = None
        try:
            with step("window"):
                window = _open_window(catalogue)
            with step("tabs"):
                tabs = _visit_tabs(window, app, require_records=source is None)
            with step("event form"):
                _open_and_cancel_event_form(window, app)
            with step("calendar export"):
                events = _export_and_read_back(catalogue, folder)
        finally:
            if window is not None:
                # Hidden, not closed: closing saves the window's state, which is not ours to.
                window.hide()
                window.deleteLater()
                app.processEvents()
    finally:
        catalogue.close()
    return f"{tabs} tabs, event form, {events} exported and read back, {schema}"


def _application(folder: Path, color_scheme: str) -> QApplication:
    """The running QApplication, or a new offscreen one whose settings live in ``folder``."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    from .app import _quiet_offscreen, apply_color_scheme, keep_none_alive, name_application

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Before any QSettings exists: the window reads and may write its state there.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    keep_none_alive()
    app = QApplication(sys.argv[:1])
    qInstallMessageHandler(_quiet_offscreen)
    name_application(app)
    if color_scheme != "system":
        apply_color_scheme(app, color_scheme)
    return app


def _catalogue_file(folder: Path, source: Path | None) -> tuple[Path, str | None]:
    """The catalogue to open in ``folder`` (a copy of ``source``), and its revision first."""
    from ..core.api import Catalogue

    if source is None:
        return folder / "catalogue.sqlite", None
    if not source.is_file():
        raise SelfTestFailed(f"{source} is not a catalogue file")
    copy = folder / source.name
    shutil.copyfile(source, copy)
    # Saves not yet folded into the file are in its write-ahead log.
    wal = Path(f"{source}-wal")
    if wal.is_file():
        shutil.copyfile(wal, Path(f"{copy}-wal"))
    return copy, Catalogue.file_revision(copy)


def _check_schema(catalogue: Catalogue, before: str | None) -> str:
    """Check the catalogue reached the newest migration, with a backup first if it was older."""
    from ..core.api import Catalogue

    current, head = catalogue.schema_revisions()
    if current != head:
        raise SelfTestFailed(f"the catalogue is at schema {current}, not {head}")
    if before is None or before == head:
        return f"schema {head}"
    backup = catalogue.backup
    if backup is None or not backup.is_file():
        raise SelfTestFailed(f"schema {before} was upgraded to {head} without a backup")
    backed_up = Catalogue.file_revision(backup)
    if backed_up != before:
        raise SelfTestFailed(f"the backup {backup.name} is at schema {backed_up}, not {before}")
    return f"schema {before} upgraded to {head} after a backup"


def _open_window(catalogue: Catalogue) -> MainWindow:
    from .main_window import MainWindow
    from .resources import app_icon, resource_path

    if app_icon().pixmap(64, 64).isNull():  # the file found and its image plugin loaded
        raise SelfTestFailed(f"the icon {resource_path('icons', 'iclei-desktop.svg')} did not load")
    window = MainWindow(catalogue)
    window.resize(1280, 800)
    window.show()
    return window


def _visit_tabs(window: MainWindow, app: QApplication, *, require_records: bool) -> int:
    """Show each tab, wait for its list to fill and paint it; return how many tabs."""
    tabs = window.record_tabs()
    for index, tab in enumerate(tabs):
        title = window.tabs.tabText(index).replace("&", "")
        window.tabs.setCurrentIndex(index)
        _wait(app, lambda tab=tab: tab.loaded, f"the {title} list did not load")  # type: ignore[misc]
        if require_records and tab.total == 0:
            raise SelfTestFailed(f"the {title} list is empty: the seed was not found")
        if tab.total and not tab.view.model().rowCount():
            raise SelfTestFailed(f"the {title} list shows none of its {tab.total} records")
        if window.grab().isNull():
            raise SelfTestFailed(f"the {title} tab could not be painted")
    return len(tabs)


def _open_and_cancel_event_form(window: MainWindow, app: QApplication) -> None:
    """Open the New event form as a person would, and cancel it once it is shown."""
    from .dialogs.event_dialog import EventDialog

    shown: list[str] = []
    deadline = time.monotonic() + FORM_TIMEOUT

    def cancel() -> None:
        dialog = app.activeModalWidget()
        if isinstance(dialog, EventDialog) and dialog.isVisible():
            shown.append(dialog.windowTitle())
            dialog.reject()
        elif isinstance(dialog, QDialog):
            dialog.reject()  # something else came up (an error): end it, and fail below
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, cancel)

    before = window.undo_stack.count()
    QTimer.singleShot(0, cancel)
    window.actions.new_event.trigger()
    if not shown:
        raise SelfTestFailed("the New event form did not open")
    if window.undo_stack.count() != before:
        raise SelfTestFailed("cancelling the New event form changed the catalogue")


def _export_and_read_back(catalogue: Catalogue, folder: Path) -> str:
    """Export every event to an .ics file and read it back; return how many, in words."""
    count = catalogue.counts().events
    if count == 0:
        return "0 events"
    target = folder / "self-test.ics"
    written = catalogue.export_calendar(target)
    if written != count:
        raise SelfTestFailed(f"{written} of {count} events were written to {target.name}")
    preview = catalogue.preview_calendar_import(target)
    if len(preview.items) != count or preview.unchanged != count:
        raise SelfTestFailed(
            f"reading {target.name} back found {len(preview.items)} events, "
            f"{preview.unchanged} of them as exported; expected {count}"
        )
    return f"{count} event{'' if count == 1 else 's'}"


def _wait(app: QApplication, done: Callable[[], bool], failure: str) -> None:
    """Process events until ``done()``, or fail with ``failure`` after LOAD_TIMEOUT."""
    deadline = time.monotonic() + LOAD_TIMEOUT
    app.processEvents()
    while not done():
        if time.monotonic() > deadline:
            raise SelfTestFailed(failure)
        app.processEvents()
        time.sleep(0.01)
