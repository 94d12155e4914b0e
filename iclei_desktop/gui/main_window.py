"""The main window: a tab per record type, links between them, history and global search.

The window is built in two steps so that it can be painted before the catalogue is open:
the frame (menus, toolbar, empty tabs) needs Qt only; ``attach`` then imports the catalogue's
code (SQLAlchemy and the rest, most of a cold start) and fills the tabs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ..core.errors import UserError
from ..core.storage import storage_warning
from .actions import build_actions
from .background import Cancelled, run_with_progress
from .dialogs.calendar_dialogs import CalendarFiles, ExportCalendarDialog, ImportPreviewDialog
from .dialogs.restore_dialog import RestoreDialog
from .errors import show_error
from .navigation import History, Place
from .plain_text import tooltip
from .resources import app_icon
from .settings import Settings

if TYPE_CHECKING:
    from ..core.api import Catalogue
    from .dialogs.about_dialog import AboutDialog
    from .event_editor import EventEditor
    from .record_actions import RecordActions
    from .search_box import SearchBox
    from .tabs.record_tab import RecordTab

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The catalogue's window."""

    def __init__(self, catalogue: Catalogue | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = Settings()
        self.history = History()
        self.setWindowTitle(self.tr("ICLEI Desktop"))
        self.setWindowIcon(app_icon())
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tab_titles = [
            self.tr("&Programs"),
            self.tr("&Events"),
            self.tr("&Members"),
            self.tr("P&ublications"),
            self.tr("P&artners"),
        ]
        for title in self.tab_titles:  # stand-ins until attach() puts the lists in
            self.tabs.addTab(QWidget(self), title)
        self.setCentralWidget(self.tabs)

        self.actions = build_actions(self, self.tab_titles)
        self.toolbar = QToolBar(self.tr("Navigation"), self)
        self.toolbar.setObjectName("navigation")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.actions.back)
        self.toolbar.addAction(self.actions.forward)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actions.new_event)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.addToolBar(self.toolbar)

        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Undo) or [QKeySequence("Ctrl+Z")]
        )
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(
            [
                QKeySequence("Ctrl+Shift+Z"),
                *(
                    k
                    for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                    if k != QKeySequence("Ctrl+Shift+Z")
                ),
            ]
        )
        self._build_menus()
        self.counts_label = QLabel(self)
        self.read_only_label = QLabel(self)
        self.read_only_label.setObjectName("read_only_label")
        bold = self.read_only_label.font()
        bold.setBold(True)
        self.read_only_label.setFont(bold)
        self.read_only_label.setContentsMargins(0, 0, 16, 0)
        self.read_only_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.about_box: AboutDialog | None = None
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60 * 1000)  # hourly look; a backup is taken daily
        for action in vars(self.actions).values():
            if isinstance(action, QAction) and action is not self.actions.quit:
                action.setEnabled(False)  # until attach()
        self.actions.quit.triggered.connect(self.close)
        self.actions.about.triggered.connect(self._on_about_triggered)
        self._restore_state()
        self.storage_warning: str | None = None
        self.attached = False
        if catalogue is not None:
            self.attach(catalogue)

    def attach(self, catalogue: Catalogue) -> None:
        """Show ``catalogue``: put the lists into the tabs and switch everything on."""
        from .citations import CitationCommands
        from .event_editor import EventEditor
        from .record_actions import RecordActions
        from .search_box import SearchBox
        from .tabs.events import EventsTab
        from .tabs.members import MembersTab
        from .tabs.partners import PartnersTab
        from .tabs.programs import ProgramsTab
        from .tabs.publications import PublicationsTab

        self._catalogue = catalogue
        self.attached = True
        self.programs_tab = ProgramsTab(catalogue, self)
        self.events_tab = EventsTab(catalogue, self)
        self.members_tab = MembersTab(catalogue, self)
        self.publications_tab = PublicationsTab(catalogue, self)
        self.partners_tab = PartnersTab(catalogue, self)
        current = self.tabs.currentIndex()
        for index, tab in enumerate(self.record_tabs()):
            # In before its stand-in and current in its place, so that no other list is
            # shown (and read) on the way.
            stand_in = self.tabs.widget(index)
            self.tabs.insertTab(index, tab, self.tab_titles[index])
            if index == current:
                self.tabs.setCurrentIndex(index)
            self.tabs.removeTab(index + 1)
            stand_in.deleteLater()
        self._tab_for: dict[str, RecordTab] = {  # type: ignore[type-arg]
            "program": self.programs_tab,
            "event": self.events_tab,
            "local_government": self.members_tab,
            "person": self.members_tab,
            "organization": self.partners_tab,
            "publication": self.publications_tab,
        }
        self.search_box: SearchBox = SearchBox(catalogue, self)
        self.toolbar.addWidget(self.search_box)
        self.event_editor: EventEditor = EventEditor(catalogue, self.undo_stack, self)
        self.record_actions: RecordActions = RecordActions(self, catalogue)
        # Edit, Duplicate and Delete act on the Events tab's selection, so only there.
        for action in (
            self.actions.edit_event,
            self.actions.duplicate_event,
            self.actions.delete_event,
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.events_tab.addAction(action)
        self.events_tab.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (
            self.actions.edit_event,
            self.actions.duplicate_event,
            self.actions.delete_event,
            self.actions.export_selected,
        ):
            self.events_tab.view.addAction(action)
        self._add_export_table_to_lists()
        for action in vars(self.actions).values():
            if isinstance(action, QAction):
                action.setEnabled(True)
        from .publication_files import PublicationFiles

        self.publication_files = PublicationFiles(self.publications_tab, self.actions, self)
        self.setAcceptDrops(True)
        self._connect_signals()
        self.citations = CitationCommands(
            self, self.publications_tab, self.actions.export_citations, self.actions.copy_citation
        )
        self.tabs.currentWidget().ensure_loaded()  # the others are read when first shown
        self._show_counts()
        self._update_history_actions()
        self._update_event_actions()
        self._show_catalogue_state()
        self.storage_warning = storage_warning(catalogue.path)
        if self.storage_warning:
            log.warning("%s", self.storage_warning)
            self.statusBar().showMessage(self.storage_warning)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new_menu = file_menu.addMenu(self.tr("&New"))
        for action in (
            self.actions.new_event,
            self.actions.new_program,
            self.actions.new_member,
            self.actions.new_person,
            self.actions.new_partner,
            self.actions.new_publication,
        ):
            new_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.import_calendar)
        file_menu.addAction(self.actions.export_calendar)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.import_bundle)
        file_menu.addAction(self.actions.export_catalogue)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.export_table)
        file_menu.addAction(self.actions.export_citations)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.print_report)
        file_menu.addAction(self.actions.export_pdf)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.reload)
        file_menu.addAction(self.actions.restore)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.quit)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.actions.edit_record)  # the current tab's record, events too
        edit_menu.addAction(self.actions.duplicate_event)
        edit_menu.addAction(self.actions.delete_record)
        edit_menu.addSeparator()
        edit_menu.addAction(self.actions.add_file)
        edit_menu.addAction(self.actions.remove_file)
        edit_menu.addSeparator()
        edit_menu.addAction(self.actions.copy_citation)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(self.actions.back)
        go_menu.addAction(self.actions.forward)
        go_menu.addSeparator()
        go_menu.addAction(self.actions.search)
        go_menu.addSeparator()
        for action in self.actions.tabs:
            go_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions.about)

    def record_tabs(self) -> list[RecordTab]:  # type: ignore[type-arg]
        """The tabs in order."""
        return [
            self.programs_tab,
            self.events_tab,
            self.members_tab,
            self.publications_tab,
            self.partners_tab,
        ]

    def reload(self) -> None:
        """Read the lists (the one shown now, the others when shown) and the counts again."""
        for tab in self.record_tabs():
            tab.stale()
        self._show_counts()

    def _show_counts(self) -> None:
        c = self._catalogue.counts()
        self.counts_label.setText(
            self.tr(
                "Programs: %1 · Events: %2 · Local governments: %3 (ICLEI members: %4) · "
                "Publications: %5 · People: %6 · Organizations: %7"
            )
            .replace("%1", str(c.programs))
            .replace("%2", str(c.events))
            .replace("%3", str(c.local_governments))
            .replace("%4", str(c.members))
            .replace("%5", str(c.publications))
            .replace("%6", str(c.people))
            .replace("%7", str(c.organizations))
        )

    def open_record(self, kind: str, record_id: int, *, remember: bool = True) -> bool:
        """Show a record in its own tab; remember it for Back unless told not to."""
        tab = self._tab_for[kind]
        self.tabs.setCurrentWidget(tab)
        if kind == "person":
            shown = self.members_tab.show_person(record_id)
        else:
            shown = tab.show_record(record_id)
        if shown and remember:
            self.history.visit(Place(kind, record_id))
            self._update_history_actions()
        if not shown:
            self.statusBar().showMessage(
                self.tr("That record is no longer in the catalogue."), 5000
            )
        return shown

    def _connect_signals(self) -> None:
        self.actions.back.triggered.connect(self._on_back_triggered)
        self.actions.forward.triggered.connect(self._on_forward_triggered)
        self.actions.search.triggered.connect(self._on_search_triggered)
        self.actions.reload.triggered.connect(self.reload)
        for index, action in enumerate(self.actions.tabs):
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
        self.search_box.record_chosen.connect(self._on_link)
        for tab in self.record_tabs():
            tab.link_activated.connect(self._on_link)
            tab.record_selected.connect(self._on_record_selected)
        self.actions.new_event.triggered.connect(self._on_new_event_triggered)
        self.actions.edit_event.triggered.connect(self._on_edit_event_triggered)
        self.actions.duplicate_event.triggered.connect(self._on_duplicate_event_triggered)
        self.actions.delete_event.triggered.connect(self._on_delete_event_triggered)
        self.actions.export_calendar.triggered.connect(self._on_export_calendar_triggered)
        self.actions.export_selected.triggered.connect(
            lambda: self.export_calendar(default_scope="selected")
        )
        self.actions.import_calendar.triggered.connect(self._on_import_calendar_triggered)
        self.actions.restore.triggered.connect(self._on_restore_triggered)
        self.actions.print_report.triggered.connect(lambda: self.print_report("print"))
        self.actions.export_pdf.triggered.connect(lambda: self.print_report("pdf"))
        self.actions.export_table.triggered.connect(self._on_export_table_triggered)
        from .bundle_exchange import BundleExchange

        self.bundle_exchange = BundleExchange(self, lambda: self._catalogue)
        self.backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self.events_tab.view.doubleClicked.connect(self._on_edit_event_triggered)
        self.events_tab.record_selected.connect(self._update_event_actions)
        self.event_editor.event_changed.connect(self._on_event_changed)
        self.event_editor.event_removed.connect(self._on_event_removed)

    def export_calendar(self, default_scope: str = "all") -> int | None:
        """Ask what to export and where, then write it; return how many events were written."""
        tab = self.events_tab
        shown_ids = tab.shown_ids()
        selected = tab.current_id()
        choice = ExportCalendarDialog.ask(
            self,
            tab.total,
            len(shown_ids),
            1 if selected else 0,
            default_scope,
        )
        if choice is None:
            return None
        target = CalendarFiles.save_path(self, "iclei-east-asia-events.ics")
        if target is None:
            return None
        ids = {"all": None, "shown": shown_ids, "selected": [selected] if selected else []}
        catalogue = self._catalogue
        try:
            written = run_with_progress(
                self,
                self.tr("Writing %1…").replace("%1", target.name),
                lambda progress: catalogue.export_calendar(
                    target,
                    event_ids=ids[choice.scope],
                    start=choice.start,
                    end=choice.end,
                    progress=progress,
                ),
            )
        except Cancelled:
            self.statusBar().showMessage(
                self.tr("Export to %1 cancelled; nothing was written").replace("%1", target.name),
                8000,
            )
            return None
        except UserError as error:
            show_error(self, self.tr("The calendar was not exported"), str(error))
            return None
        self.statusBar().showMessage(
            self.tr("Exported %1 events to %2")
            .replace("%1", str(written))
            .replace("%2", str(target)),
            8000,
        )
        return written

    def export_table(self) -> int | None:
        """Export the current tab's list as filtered and sorted; return how many rows."""
        from .table_export import export_table

        return export_table(self, self._catalogue)

    def _add_export_table_to_lists(self) -> None:
        """Offer Export Table… on every list's context menu too."""
        views = [tab.view for tab in self.record_tabs()] + [self.members_tab.governance]
        for view in views:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            if view.actions():  # the Events list's event actions come first
                separator = QAction(view)
                separator.setSeparator(True)
                view.addAction(separator)
            view.addAction(self.actions.export_table)

    def import_calendar(self, source: Path) -> bool:
        """Preview an .ics file, and import it if the user agrees; return whether it was."""
        catalogue = self._catalogue
        try:
            preview = run_with_progress(
                self,
                self.tr("Reading %1…").replace("%1", source.name),
                lambda progress: catalogue.preview_calendar_import(source, progress),
            )
            if not ImportPreviewDialog.ask(self, source, preview):
                return False
            done = run_with_progress(
                self,
                self.tr("Importing %1…").replace("%1", source.name),
                lambda progress: catalogue.import_calendar(source, progress),
            )
        except Cancelled:
            self.statusBar().showMessage(
                self.tr("Import of %1 cancelled; nothing was changed").replace("%1", source.name),
                8000,
            )
            return False
        except UserError as error:
            show_error(self, self.tr("The calendar was not imported"), str(error))
            return False
        # Imported changes are not undoable: earlier steps may no longer apply.
        self.undo_stack.clear()
        self.reload()
        self.statusBar().showMessage(
            self.tr("Imported %1: %2 added, %3 updated, %4 skipped")
            .replace("%1", source.name)
            .replace("%2", str(done.added))
            .replace("%3", str(done.updated))
            .replace("%4", str(done.skipped)),
            8000,
        )
        return True

    def print_report(self, primary: str = "print") -> str | None:
        """Print or save a report, offering the current tab's selection; return what was done."""
        from .dialogs.report_dialog import ReportDialog

        tab = self.tabs.currentWidget()
        kind, selected = getattr(tab, "kind", ""), getattr(tab, "current_id", lambda: None)()
        year = None
        if kind in ("event", "publication") and selected is not None:
            row = self._catalogue.rows(kind, [selected]).get(selected)
            when = getattr(row, "start_date", None) or getattr(row, "published_on", None)
            year = when.year if when else None
        done = ReportDialog.ask(
            self,
            self._catalogue,
            program_id=self.programs_tab.current_id(),
            member_id=self.members_tab.current_id(),
            year=year,
            default=kind,
            primary=primary,
        )
        if done:
            self.statusBar().showMessage(done, 8000)
        return done

    def restore_from_backup(self) -> bool:
        """Let the user pick a backup and put it in place of the catalogue."""
        backup = RestoreDialog.ask(self, self._catalogue.backups())
        if backup is None:
            return False
        from ..core.api import Catalogue

        path = self._catalogue.path
        self._catalogue.close()
        try:
            restored = Catalogue.restore(path, backup)
        except UserError as error:
            show_error(self, self.tr("The backup was not restored"), str(error))
            restored = Catalogue.open(path)
        self.set_catalogue(restored)
        self.statusBar().showMessage(
            self.tr("Restored the catalogue from %1").replace("%1", backup.name), 8000
        )
        return True

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Show another open catalogue (after a restore); undo history does not carry over."""
        self._catalogue = catalogue
        for tab in self.record_tabs():
            tab.catalogue = catalogue
            tab.forget_selection()
        self.search_box.set_catalogue(catalogue)
        self.event_editor.set_catalogue(catalogue)
        self.record_actions.set_catalogue(catalogue)
        self.undo_stack.clear()
        self.history = History()
        self._update_history_actions()
        self.reload()
        self._update_event_actions()
        self.publication_files.update_actions()
        self._show_catalogue_state()

    def _update_event_actions(self, *_args: object) -> None:
        selected = self.events_tab.current_id() is not None
        writable = not self._catalogue.read_only
        self.actions.export_selected.setEnabled(selected)
        for action in (
            self.actions.edit_event,
            self.actions.duplicate_event,
            self.actions.delete_event,
        ):
            action.setEnabled(selected and writable)
        for action in (
            self.actions.new_event,
            self.actions.import_calendar,
            self.actions.restore,
            self.actions.import_bundle,
        ):
            action.setEnabled(writable)
        self.record_actions.update_actions()

    def _show_catalogue_state(self) -> None:
        """Say in the title and status bar whether this catalogue can be changed."""
        catalogue = self._catalogue
        if catalogue.read_only:
            self.setWindowTitle(self.tr("ICLEI Desktop (read-only)"))
            self.read_only_label.setText(
                self.tr("Read-only: %1 cannot be changed").replace("%1", catalogue.path.name)
            )
            self.read_only_label.setToolTip(tooltip(str(catalogue.path)))
        else:
            self.setWindowTitle(self.tr("ICLEI Desktop"))
        self.read_only_label.setVisible(catalogue.read_only)
        if catalogue.created:
            self.statusBar().showMessage(
                self.tr("Created a new catalogue at %1").replace("%1", str(catalogue.path)), 15000
            )

    def _update_history_actions(self) -> None:
        self.actions.back.setEnabled(self.history.can_go_back())
        self.actions.forward.setEnabled(self.history.can_go_forward())

    def _restore_state(self) -> None:
        geometry = self._settings.main_window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self.tabs.setCurrentIndex(self._settings.current_tab)

    @Slot(str, int)
    def _on_link(self, kind: str, record_id: int) -> None:
        self.open_record(kind, record_id)

    @Slot(str, int)
    def _on_record_selected(self, kind: str, record_id: int) -> None:
        self.history.visit(Place(kind, record_id))
        self._update_history_actions()

    @Slot()
    def _on_back_triggered(self) -> None:
        place = self.history.back()
        if place is not None:
            self.open_record(place.kind, place.id, remember=False)
        self._update_history_actions()

    @Slot()
    def _on_forward_triggered(self) -> None:
        place = self.history.forward()
        if place is not None:
            self.open_record(place.kind, place.id, remember=False)
        self._update_history_actions()

    @Slot()
    def _on_search_triggered(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    @Slot()
    def _on_new_event_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.events_tab)
        self.event_editor.new_event()

    @Slot()
    def _on_edit_event_triggered(self, *_args: object) -> None:
        record_id = self.events_tab.current_id()
        if record_id is not None and not self._catalogue.read_only:  # a double-click too
            self.event_editor.edit_event(record_id)

    @Slot()
    def _on_duplicate_event_triggered(self) -> None:
        record_id = self.events_tab.current_id()
        if record_id is not None:
            self.event_editor.duplicate_event(record_id)

    @Slot()
    def _on_delete_event_triggered(self) -> None:
        record_id = self.events_tab.current_id()
        if record_id is not None:
            self.event_editor.delete_event(record_id)

    @Slot(str)
    def _on_event_changed(self, uid: str) -> None:
        self.reload()
        try:
            record_id = self._catalogue.event_id(uid)
        except UserError:
            return
        self.open_record("event", record_id)
        self._update_event_actions()

    @Slot()
    def _on_event_removed(self) -> None:
        self.events_tab.forget_selection()
        self.reload()
        self._update_event_actions()

    @Slot()
    def _on_export_calendar_triggered(self) -> None:
        self.export_calendar()

    @Slot()
    def _on_export_table_triggered(self) -> None:
        self.export_table()

    @Slot()
    def _on_import_calendar_triggered(self) -> None:
        source = CalendarFiles.open_path(self)
        if source is not None:
            self.import_calendar(source)

    @Slot()
    def _on_restore_triggered(self) -> None:
        self.restore_from_backup()

    @Slot()
    def _on_backup_timer_timeout(self) -> None:
        try:
            self._catalogue.backup_if_due()
        except UserError as error:
            log.warning("daily backup not taken: %s", error)

    @Slot()
    def _on_about_triggered(self) -> None:
        from .dialogs.about_dialog import AboutDialog

        catalogue = self._catalogue
        if self.about_box is not None:  # the one shown before, closed or not
            self.about_box.deleteLater()
        box = AboutDialog(catalogue.path, catalogue.read_only, self)
        self.about_box = box
        box.open()

    # --- Qt overrides ---

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(".ics") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls()]
        calendars = [Path(f) for f in files if f.lower().endswith(".ics")]
        if calendars and self._catalogue.read_only:
            show_error(
                self,
                self.tr("The calendar was not imported"),
                self.tr("This catalogue is open read-only, so nothing can be imported into it."),
            )
        elif calendars:
            event.acceptProposedAction()
            for source in calendars:
                self.import_calendar(source)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.main_window_geometry = self.saveGeometry()
        self._settings.current_tab = self.tabs.currentIndex()
        if self.attached:
            for tab in self.record_tabs():
                tab.save_state(self._settings)
        super().closeEvent(event)
