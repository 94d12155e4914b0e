"""Export Citations… and Copy Citation: the Publications tab's selection for reference managers."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from ..core.errors import UserError
from .dialogs.citation_dialogs import CitationFiles, ExportCitationsDialog
from .errors import show_error
from .tabs.publications import PublicationsTab


class CitationCommands(QObject):
    """Carries out the two citation actions for ``window``, on the Publications tab."""

    def __init__(
        self,
        window: QMainWindow,
        tab: PublicationsTab,
        export_action: QAction,
        copy_action: QAction,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.tab = tab
        self.export_action = export_action
        self.copy_action = copy_action
        # Ctrl+Shift+C copies only where the publications are; the Edit menu works anywhere.
        copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tab.addAction(copy_action)
        tab.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        tab.view.addAction(copy_action)
        tab.view.addAction(export_action)
        self._connect_signals()
        self._update_copy_action()

    def export(self) -> int | None:
        """Ask which publications and where, write them; return how many were written."""
        selected = self.tab.selected_ids()
        scope = "shown"
        if selected:
            chosen = ExportCitationsDialog.ask(
                self.window, len(selected), len(self.tab.shown_ids())
            )
            if chosen is None:
                return None
            scope = chosen
        answer = CitationFiles.save_path(self.window, "iclei-east-asia-publications.bib")
        if answer is None:
            return None
        target, fmt = answer
        ids = selected if scope == "selected" else self.tab.shown_ids()
        try:
            written = self.tab.catalogue.export_citations(target, fmt, ids)
        except UserError as error:
            show_error(self.window, self.tr("The citations were not exported"), str(error))
            return None
        self.window.statusBar().showMessage(
            self.tr("Exported %1 citations to %2")
            .replace("%1", str(written))
            .replace("%2", str(target)),
            8000,
        )
        return written

    def copy(self) -> int:
        """Put the selected publications' BibTeX on the clipboard; return how many."""
        selected = self.tab.selected_ids()
        if not selected:
            return 0
        try:
            text = self.tab.catalogue.citations("bibtex", selected)
        except UserError as error:
            show_error(self.window, self.tr("The citation was not copied"), str(error))
            return 0
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(
            self.tr("Copied %1 citations to the clipboard (BibTeX)").replace(
                "%1", str(len(selected))
            ),
            8000,
        )
        return len(selected)

    def _connect_signals(self) -> None:
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.copy_action.triggered.connect(self._on_copy_action_triggered)
        self.tab.view.selectionModel().selectionChanged.connect(
            self._on_selection_model_selection_changed
        )

    def _update_copy_action(self) -> None:
        self.copy_action.setEnabled(bool(self.tab.view.selectionModel().hasSelection()))

    @Slot()
    def _on_export_action_triggered(self) -> None:
        self.export()

    @Slot()
    def _on_copy_action_triggered(self) -> None:
        self.copy()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_model_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self._update_copy_action()
