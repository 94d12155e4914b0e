"""File › Export Catalogue and Import Catalogue: the whole catalogue between laptops."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from ..core.errors import UserError
from .background import Cancelled, run_with_progress
from .dialogs.bundle_dialog import BundleDialog, BundleFiles
from .errors import show_error

if TYPE_CHECKING:
    from ..core.api import Catalogue
    from .main_window import MainWindow


class BundleExchange(QObject):
    """Exports and imports catalogue bundles for the main window, through its two actions."""

    def __init__(self, window: MainWindow, catalogue: Callable[[], Catalogue]) -> None:
        super().__init__(window)
        self.window = window
        self._catalogue = catalogue  # the window's current one (a restore replaces it)
        window.actions.export_catalogue.triggered.connect(self._on_export_triggered)
        window.actions.import_bundle.triggered.connect(self._on_import_triggered)

    def export_catalogue(self) -> Path | None:
        """Ask where, then write the catalogue (.json, or .zip with files); return the file."""
        target = BundleFiles.save_path(self.window, "iclei-east-asia-catalogue.zip")
        if target is None:
            return None
        catalogue = self._catalogue()
        if target.suffix.lower() == ".zip":
            work: Callable[..., object] = catalogue.export_bundle_to
        else:
            work = catalogue.export_json_to
        try:
            run_with_progress(
                self.window,
                self.tr("Writing %1…").replace("%1", target.name),
                lambda progress: work(target, progress),
            )
        except Cancelled:
            self._say(self.tr("Export to %1 cancelled; nothing was written"), target)
            return None
        except UserError as error:
            show_error(self.window, self.tr("The catalogue was not exported"), str(error))
            return None
        self._say(self.tr("Exported the catalogue to %1"), target)
        return target

    def import_bundle(self, source: Path) -> bool:
        """Preview a bundle, and merge it as the user chooses; return whether it was."""
        catalogue = self._catalogue()
        try:
            plan = run_with_progress(
                self.window,
                self.tr("Reading %1…").replace("%1", source.name),
                lambda progress: catalogue.preview_bundle(source, progress),
            )
            take_theirs = BundleDialog.ask(self.window, source, plan)
            if take_theirs is None:
                return False
            done = run_with_progress(
                self.window,
                self.tr("Importing %1…").replace("%1", source.name),
                lambda progress: catalogue.import_bundle(source, take_theirs, progress),
            )
        except Cancelled:
            self._say(self.tr("Import of %1 cancelled; nothing was changed"), source)
            return False
        except UserError as error:
            show_error(self.window, self.tr("The catalogue was not imported"), str(error))
            return False
        # Imported changes are not undoable: earlier steps may no longer apply.
        self.window.undo_stack.clear()
        self.window.reload()
        self.window.statusBar().showMessage(
            self.tr("Imported %1: new %2, changed %3, conflicts %4 (took theirs %5), kept %6")
            .replace("%1", source.name)
            .replace("%2", str(done.count("new")))
            .replace("%3", str(done.count("changed")))
            .replace("%4", str(done.count("conflict")))
            .replace("%5", str(len(take_theirs)))
            .replace("%6", str(done.count("kept"))),
            15000,
        )
        return True

    def _say(self, message: str, path: Path) -> None:
        self.window.statusBar().showMessage(message.replace("%1", path.name), 8000)

    @Slot()
    def _on_export_triggered(self) -> None:
        self.export_catalogue()

    @Slot()
    def _on_import_triggered(self) -> None:
        source = BundleFiles.open_path(self.window)
        if source is not None:
            self.import_bundle(source)
