"""The main window's New, Edit and Delete for every record type, acting on the current tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import QAbstractItemView

from ..core.errors import UserError
from ..gui.models.record_model import Role
from .record_editor import RecordEditor

if TYPE_CHECKING:
    from ..core.api import Catalogue
    from .main_window import MainWindow

CONTEXT = "RecordActions"
# The kind as the Edit menu names it: "Edit Program…".
KIND_WORDS = {
    "program": QT_TRANSLATE_NOOP("RecordActions", "Program"),
    "event": QT_TRANSLATE_NOOP("RecordActions", "Event"),
    "local_government": QT_TRANSLATE_NOOP("RecordActions", "Member"),
    "person": QT_TRANSLATE_NOOP("RecordActions", "Person"),
    "organization": QT_TRANSLATE_NOOP("RecordActions", "Partner"),
    "publication": QT_TRANSLATE_NOOP("RecordActions", "Publication"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class RecordActions(QObject):
    """Wires File › New ▸, Edit › Edit… and Delete…, double-clicks and list menus to the forms.

    Events keep their own editor (``window.event_editor``); the generic Edit and Delete pass
    an event on to it.
    """

    def __init__(self, window: MainWindow, catalogue: Catalogue) -> None:
        super().__init__(window)
        self._window = window
        self._catalogue = catalogue
        self.editor = RecordEditor(catalogue, window.undo_stack, window)
        actions = window.actions
        self._views: list[QAbstractItemView] = [
            window.programs_tab.view,
            window.members_tab.view,
            window.members_tab.governance,
            window.publications_tab.view,
            window.partners_tab.view,
        ]
        for view in self._views:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            for action in (actions.edit_record, actions.delete_record):
                view.addAction(action)
            view.doubleClicked.connect(self._on_edit_triggered)
        for action in (actions.edit_record, actions.delete_record):
            # Enter and Delete act on the list that has the focus, not on a text field.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._connect_signals()

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Edit another catalogue from now on."""
        self._catalogue = catalogue
        self.editor.set_catalogue(catalogue)

    def current(self) -> tuple[str, int | None]:
        """The kind of record the current tab lists, and the id of the one selected."""
        window = self._window
        tab = window.tabs.currentWidget()
        if tab is window.members_tab and window.members_tab.lists.currentIndex() == 1:
            seat = window.members_tab.governance.currentIndex().data(Role.ROW)
            return "person", (seat.person.id if seat is not None else None)
        for candidate in window.record_tabs():
            if tab is candidate:
                return candidate.kind, candidate.current_id()
        return "event", None

    def update_actions(self) -> None:
        """Name the current tab's kind in Edit and Delete; allow them only when they can act."""
        kind, record_id = self.current()
        writable = not self._catalogue.read_only
        actions = self._window.actions
        word = _tr(KIND_WORDS[kind])
        actions.edit_record.setText(_tr("&Edit %1…").replace("%1", word))
        actions.delete_record.setText(_tr("&Delete %1…").replace("%1", word))
        for action in (actions.edit_record, actions.delete_record):
            action.setEnabled(record_id is not None and writable)
        for action in (
            actions.new_program,
            actions.new_member,
            actions.new_person,
            actions.new_partner,
            actions.new_publication,
        ):
            action.setEnabled(writable)

    def _connect_signals(self) -> None:
        window, actions = self._window, self._window.actions
        for action, kind in (
            (actions.new_program, "program"),
            (actions.new_member, "local_government"),
            (actions.new_person, "person"),
            (actions.new_partner, "organization"),
            (actions.new_publication, "publication"),
        ):
            action.triggered.connect(lambda _=False, k=kind: self._new(k))
        actions.edit_record.triggered.connect(self._on_edit_triggered)
        actions.delete_record.triggered.connect(self._on_delete_triggered)
        window.tabs.currentChanged.connect(self._on_selection_changed)
        window.members_tab.lists.currentChanged.connect(self._on_selection_changed)
        for tab in window.record_tabs():
            tab.record_selected.connect(self._on_selection_changed)
        self.editor.record_changed.connect(self._on_record_changed)
        self.editor.record_removed.connect(self._on_record_removed)

    def _new(self, kind: str) -> None:
        if self._catalogue.read_only:
            return
        window = self._window
        window.tabs.setCurrentWidget(window._tab_for[kind])
        self.editor.new_record(kind)

    @Slot()
    def _on_edit_triggered(self, *_args: object) -> None:
        kind, record_id = self.current()
        if record_id is None or self._catalogue.read_only:  # a double-click too
            return
        if kind == "event":
            self._window.event_editor.edit_event(record_id)
        else:
            self.editor.edit_record(kind, record_id)

    @Slot()
    def _on_delete_triggered(self) -> None:
        kind, record_id = self.current()
        if record_id is None or self._catalogue.read_only:
            return
        if kind == "event":
            self._window.event_editor.delete_event(record_id)
        else:
            self.editor.delete_record(kind, record_id)

    @Slot()
    def _on_selection_changed(self, *_args: object) -> None:
        self.update_actions()

    @Slot(str, str)
    def _on_record_changed(self, kind: str, uid: str) -> None:
        window = self._window
        window.reload()
        try:
            record_id = self._catalogue.record_id(kind, uid)
        except UserError:
            return
        window.open_record(kind, record_id)
        self.update_actions()

    @Slot(str)
    def _on_record_removed(self, kind: str) -> None:
        window = self._window
        window._tab_for[kind].forget_selection()
        if kind == "person":
            window.members_tab.governance.clearSelection()
            window.members_tab.governance.setCurrentIndex(
                window.members_tab.governance.model().index(-1, -1)
            )
        window.reload()
        self.update_actions()
