"""A publication's files in the window: add (by dialog or drop), open, remove, locate.

The files are copied into the folder beside the catalogue by ``Catalogue.add_publication_file``
(see core/attachments.py); this module only asks, shows and reports.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow

from ..core.dto import PublicationDetail, PublicationFileRow
from ..core.errors import UserError
from .actions import Actions
from .background import Cancelled, run_with_progress
from .dialogs.file_dialogs import MissingFile, RemoveFileDialog
from .errors import show_error
from .models.record_model import Role

if TYPE_CHECKING:
    from ..core.api import Catalogue
    from .tabs.publications import PublicationsTab

CALENDAR_SUFFIX = ".ics"  # dropped anywhere, even on the Publications tab, these import


class PublicationFiles(QObject):
    """Wires Add File…, Remove File…, file links and drops of the Publications tab."""

    def __init__(self, tab: PublicationsTab, actions: Actions, window: QMainWindow) -> None:
        super().__init__(window)
        self._tab = tab
        self._actions = actions
        self._window = window
        for widget in (tab.view.viewport(), tab.detail.viewport()):
            widget.setAcceptDrops(True)
            widget.installEventFilter(self)
        for action in (actions.add_file, actions.remove_file):
            tab.view.addAction(action)  # its context menu
        self._connect_signals()
        self.update_actions()

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the tab shows (it changes after a restore)."""
        return self._tab.catalogue

    def shown(self) -> PublicationDetail | None:
        """The publication the detail pane shows, which the actions act on."""
        detail = self._tab.detail.shown
        return detail if isinstance(detail, PublicationDetail) else None

    def update_actions(self) -> None:
        """Allow adding files with a publication shown, removing them when it has some."""
        shown = self.shown()
        writable = not self.catalogue.read_only
        self._actions.add_file.setEnabled(shown is not None and writable)
        self._actions.remove_file.setEnabled(shown is not None and bool(shown.files) and writable)

    def add_files(self, publication_id: int, sources: list[Path]) -> int:
        """Copy ``sources`` into the publication; say what failed; return how many were added."""
        if self.catalogue.read_only:
            show_error(
                self._window,
                self.tr("The files were not added"),
                self.tr("This catalogue is open read-only, so no file can be added to it."),
            )
            return 0
        catalogue = self.catalogue
        added: list[PublicationFileRow] = []
        failures: list[str] = []
        for source in sources:
            try:
                added.append(
                    run_with_progress(
                        self._window,
                        self.tr("Copying %1…").replace("%1", source.name),
                        partial(catalogue.add_publication_file, publication_id, source),
                    )
                )
            except Cancelled:
                failures.append(
                    self.tr("%1: cancelled; nothing was copied").replace("%1", source.name)
                )
                break
            except UserError as error:
                failures.append(str(error))
        self._show_again(publication_id)
        if added:
            self._window.statusBar().showMessage(
                self.tr("Added %1 to the publication")
                .replace("%1", ", ".join(f.name for f in added))
                .replace("\n", " "),
                8000,
            )
        if failures:
            show_error(
                self._window,
                self.tr("The file was not added")
                if len(sources) == 1
                else self.tr("Some files were not added"),
                "\n\n".join(failures),
            )
        return len(added)

    def open_file(self, file_id: int) -> bool:
        """Open a file of the shown publication with the system's viewer; a missing one asks."""
        shown = self.shown()
        file = next((f for f in shown.files if f.id == file_id), None) if shown else None
        if shown is None or file is None:
            return False
        if file.status == "missing" or not file.path.is_file():  # gone since it was listed?
            if not MissingFile.ask(self._window, file.name, file.path):
                self._show_again(shown.id)  # marked missing now, if it was not yet
            else:
                self.locate(shown.id, file)
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(file.path))):
            show_error(
                self._window,
                self.tr("The file was not opened"),
                self.tr("No program on this computer opens %1.").replace("%1", file.name),
            )
            return False
        return True

    def locate(self, publication_id: int, file: PublicationFileRow) -> bool:
        """Let the user find a missing file; put a copy of it back in its place."""
        if self.catalogue.read_only:
            show_error(
                self._window,
                self.tr("The file was not put back"),
                self.tr("This catalogue is open read-only, so its files cannot be changed."),
            )
            return False
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Locate %1").replace("%1", file.name),
            str(Path.home()),
        )
        if not chosen:
            return False
        catalogue = self.catalogue
        try:
            run_with_progress(
                self._window,
                self.tr("Copying %1…").replace("%1", Path(chosen).name),
                partial(catalogue.relink_publication_file, file.id, Path(chosen)),
            )
        except Cancelled:
            return False
        except UserError as error:
            show_error(self._window, self.tr("The file was not put back"), str(error))
            return False
        self._show_again(publication_id)
        self._window.statusBar().showMessage(
            self.tr("%1 is back in its place").replace("%1", file.name), 8000
        )
        return True

    def remove_file(self) -> bool:
        """Ask which file of the shown publication to remove, then remove it."""
        shown = self.shown()
        if shown is None or not shown.files or self.catalogue.read_only:
            return False
        chosen = RemoveFileDialog.ask(self._window, shown.title, list(shown.files))
        if chosen is None:
            return False
        try:
            self.catalogue.remove_publication_file(chosen.id)
        except UserError as error:
            show_error(self._window, self.tr("The file was not removed"), str(error))
            return False
        self._show_again(shown.id)
        self._window.statusBar().showMessage(
            self.tr("Removed %1 from the publication").replace("%1", chosen.name), 8000
        )
        return True

    # --- internals ---

    def _connect_signals(self) -> None:
        self._actions.add_file.triggered.connect(self._on_add_file_triggered)
        self._actions.remove_file.triggered.connect(self._on_remove_file_triggered)
        self._tab.detail.file_activated.connect(self._on_detail_file_activated)
        self._tab.detail.detail_shown.connect(self.update_actions)

    def _show_again(self, publication_id: int) -> None:
        """Read the publication again, its files' statuses with it."""
        if not self._tab.show_record(publication_id):
            self._tab.show_detail_of("publication", publication_id)

    def _attachable(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
        """The local files a drag carries, unless it carries a calendar (the window's)."""
        if not event.mimeData().hasUrls():
            return []
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not files or any(f.lower().endswith(CALENDAR_SUFFIX) for f in files):
            return []
        return [Path(f) for f in files]

    def _drop_target(self, watched: QObject, event: QDropEvent) -> int | None:
        """The publication a drop adds to: the row dropped on, else the one shown."""
        if watched is self._tab.view.viewport():
            index = self._tab.view.indexAt(event.position().toPoint())
            value = index.data(Role.ID) if index.isValid() else None
            if value is not None:
                self._tab.show_record(int(value), emit=True)
                return int(value)
        shown = self.shown()
        return shown.id if shown is not None else None

    @Slot()
    def _on_add_file_triggered(self) -> None:
        shown = self.shown()
        if shown is None:
            return
        chosen, _filter = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Add Files to “%1”").replace("%1", shown.title),
            str(Path.home()),
            self.tr("Documents (*.pdf *.docx *.doc *.odt *.pptx *.xlsx *.txt);;All files (*)"),
        )
        if chosen:
            self.add_files(shown.id, [Path(c) for c in chosen])

    @Slot()
    def _on_remove_file_triggered(self) -> None:
        self.remove_file()

    @Slot(int)
    def _on_detail_file_activated(self, file_id: int) -> None:
        self.open_file(file_id)

    # --- Qt overrides ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            wanted = self._attachable(event)
            on_row = (
                watched is self._tab.view.viewport()
                and self._tab.view.indexAt(event.position().toPoint()).isValid()
            )
            if wanted and (on_row or self.shown() is not None):
                event.acceptProposedAction()
            else:
                event.ignore()  # the window takes calendars; nothing else is dropped here
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            wanted = self._attachable(event)
            target = self._drop_target(watched, event) if wanted else None
            if target is None:
                event.ignore()
                return True
            event.acceptProposedAction()
            # After the drop returns: the program the files came from waits for it.
            QTimer.singleShot(0, lambda: self.add_files(target, wanted))
            return True
        return super().eventFilter(watched, event)
