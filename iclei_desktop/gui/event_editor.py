"""Adding, editing, duplicating and deleting events through the form, undoably.

Signals:
    event_changed(str): an event was added, changed or restored; its UID, to show it.
    event_removed(): an event was deleted.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ..core.api import Catalogue
from ..core.dto import EventDraft
from ..core.errors import UserError
from .commands import AddEventCommand, DeleteEventCommand, EditEventCommand
from .dialogs.confirm import ConfirmDelete
from .dialogs.event_dialog import EventDialog
from .errors import show_error


class EventEditor(QObject):
    """Runs the event form and turns what it returns into undoable commands."""

    event_changed = Signal(str)
    event_removed = Signal()

    def __init__(self, catalogue: Catalogue, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._stack = undo_stack
        self._window = parent

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Edit another catalogue from now on."""
        self._catalogue = catalogue

    def new_event(self, draft: EventDraft | None = None) -> str | None:
        """Ask for a new event and add it; return its UID, or None if cancelled."""
        return self._add(draft or EventDraft(), self.tr("New event"), self.tr("Add “%1”"))

    def duplicate_event(self, event_id: int) -> str | None:
        """Add a copy of an event under a new UID, without asking."""
        try:
            draft = self._catalogue.event_draft(self._catalogue.event_uid(event_id))
            uid = self._catalogue.create_event(replace(draft, publication_ids=()))
        except UserError as error:
            show_error(self._window, self.tr("Could not duplicate the event"), str(error))
            return None
        text = self.tr("Duplicate “%1”").replace("%1", draft.title)
        self._stack.push(
            AddEventCommand(self._catalogue, text, uid, draft, self._done, self._failed)
        )
        self.event_changed.emit(uid)
        return uid

    def edit_event(self, event_id: int) -> bool:
        """Open an event in the form and save the changes; return whether it changed."""
        try:
            uid = self._catalogue.event_uid(event_id)
            before = self._catalogue.event_draft(uid)
        except UserError as failure:
            show_error(self._window, self.tr("Could not open the event"), str(failure))
            return False
        draft, error = before, None
        while True:
            draft_or_none = EventDialog.ask(
                self._window,
                self._catalogue.event_form_choices(),
                draft,
                self.tr("Edit event"),
                error,
            )
            if draft_or_none is None or draft_or_none == before:
                return False
            draft = draft_or_none
            try:
                self._catalogue.update_event(uid, draft)
                break
            except UserError as failure:
                error = str(failure)  # back into the form, which stays open with the edits
        text = self.tr("Edit “%1”").replace("%1", draft.title)
        self._stack.push(
            EditEventCommand(self._catalogue, text, uid, before, draft, self._done, self._failed)
        )
        self.event_changed.emit(uid)
        return True

    def delete_event(self, event_id: int) -> bool:
        """Delete an event after the user confirms; return whether it was deleted."""
        try:
            uid = self._catalogue.event_uid(event_id)
            title = self._catalogue.event_draft(uid).title
        except UserError as error:
            show_error(self._window, self.tr("Could not delete the event"), str(error))
            return False
        if not ConfirmDelete.ask(self._window, title):
            return False
        try:
            draft = self._catalogue.delete_event(uid)
        except UserError as error:
            show_error(self._window, self.tr("Could not delete the event"), str(error))
            return False
        text = self.tr("Delete “%1”").replace("%1", title)
        self._stack.push(
            DeleteEventCommand(self._catalogue, text, uid, draft, self._done, self._failed)
        )
        self.event_removed.emit()
        return True

    def _add(self, draft: EventDraft, title: str, undo_text: str) -> str | None:
        error = None
        while True:
            answer = EventDialog.ask(
                self._window, self._catalogue.event_form_choices(), draft, title, error
            )
            if answer is None:
                return None
            draft = answer
            try:
                uid = self._catalogue.create_event(draft)
                break
            except UserError as failure:
                error = str(failure)
        self._stack.push(
            AddEventCommand(
                self._catalogue,
                undo_text.replace("%1", draft.title),
                uid,
                draft,
                self._done,
                self._failed,
            )
        )
        self.event_changed.emit(uid)
        return uid

    def _done(self, uid: str | None) -> None:
        if uid is None:
            self.event_removed.emit()
        else:
            self.event_changed.emit(uid)

    def _failed(self, message: str) -> None:
        show_error(self._window, self.tr("Could not undo or redo"), message)
