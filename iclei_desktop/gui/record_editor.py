"""Adding, editing and deleting programs, local governments, people, organizations and
publications through their forms, undoably.

Signals:
    record_changed(str, str): a record was added, changed or restored; its kind and UID.
    record_removed(str): a record of this kind was deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ..core.api import Catalogue
from ..core.dto import (
    Choice,
    LocalGovernmentDraft,
    OrganizationDraft,
    PersonDraft,
    ProgramDraft,
    PublicationDraft,
    RecordDraft,
)
from ..core.errors import UserError
from ..core.services.details import RecordNotFound
from .commands import AddRecordCommand, DeleteRecordCommand, EditRecordCommand
from .dialogs.delete_dialog import DeleteRecordDialog
from .dialogs.form_support import RecordForm
from .dialogs.member_dialog import MemberDialog
from .dialogs.organization_dialog import OrganizationDialog
from .dialogs.person_dialog import PersonDialog
from .dialogs.program_dialog import ProgramDialog
from .dialogs.publication_dialog import PublicationDialog
from .errors import show_error

FORMS: dict[str, type[RecordForm]] = {
    "program": ProgramDialog,
    "local_government": MemberDialog,
    "person": PersonDialog,
    "organization": OrganizationDialog,
    "publication": PublicationDialog,
}
EMPTY: dict[str, RecordDraft] = {
    "program": ProgramDraft(),
    "local_government": LocalGovernmentDraft(),
    "person": PersonDraft(),
    "organization": OrganizationDraft(),
    "publication": PublicationDraft(),
}
CONTEXT = "RecordEditor"
TITLES = {
    "program": (
        QT_TRANSLATE_NOOP("RecordEditor", "New program"),
        QT_TRANSLATE_NOOP("RecordEditor", "Edit program"),
    ),
    "local_government": (
        QT_TRANSLATE_NOOP("RecordEditor", "New local government"),
        QT_TRANSLATE_NOOP("RecordEditor", "Edit local government"),
    ),
    "person": (
        QT_TRANSLATE_NOOP("RecordEditor", "New person"),
        QT_TRANSLATE_NOOP("RecordEditor", "Edit person"),
    ),
    "organization": (
        QT_TRANSLATE_NOOP("RecordEditor", "New organization"),
        QT_TRANSLATE_NOOP("RecordEditor", "Edit organization"),
    ),
    "publication": (
        QT_TRANSLATE_NOOP("RecordEditor", "New publication"),
        QT_TRANSLATE_NOOP("RecordEditor", "Edit publication"),
    ),
}
# The same kind of record that can take over a deleted one's links (Replace with…).
SAME_KIND = {
    "program": "programs",
    "local_government": "local_governments",
    "organization": "organizations",
    "publication": "publications",
    "person": "people",
}


def draft_label(draft: RecordDraft) -> str:
    """A record's name as its draft has it."""
    return draft.title if isinstance(draft, PublicationDraft) else draft.name


class RecordEditor(QObject):
    """Runs a record's form and turns what it returns into undoable commands."""

    record_changed = Signal(str, str)
    record_removed = Signal(str)

    def __init__(self, catalogue: Catalogue, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._stack = undo_stack
        self._window = parent

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Edit another catalogue from now on."""
        self._catalogue = catalogue

    def new_record(self, kind: str, draft: RecordDraft | None = None) -> str | None:
        """Ask for a new record of ``kind`` and add it; return its UID, or None if cancelled."""
        draft = draft or EMPTY[kind]
        error: str | dict[str, str] | None = None
        while True:
            answer = self._ask(kind, draft, _tr(TITLES[kind][0]), error)
            if answer is None:
                return None
            draft = answer
            try:
                uid = self._catalogue.create_record(kind, draft)
                break
            except UserError as failure:
                error = _saved_errors(failure)  # back into the form, still holding the entries
        text = _tr("Add “%1”").replace("%1", draft_label(draft))
        self._stack.push(
            AddRecordCommand(self._catalogue, text, kind, uid, self._done_for(kind), self._failed)
        )
        self.record_changed.emit(kind, uid)
        return uid

    def edit_record(self, kind: str, record_id: int) -> bool:
        """Open a record in its form and save the changes; return whether it changed."""
        try:
            uid = self._catalogue.record_uid(kind, record_id)
            before = self._catalogue.record_draft(kind, uid)
        except UserError as failure:
            show_error(self._window, _tr("Could not open the record"), str(failure))
            return False
        draft: RecordDraft = before
        error: str | dict[str, str] | None = None
        while True:
            answer = self._ask(kind, draft, _tr(TITLES[kind][1]), error, record_id)
            if answer is None or answer == before:
                return False
            draft = answer
            try:
                self._catalogue.update_record(kind, uid, draft)
                break
            except RecordNotFound as gone:
                # Deleted elsewhere while its form was open: the form cannot fix that.
                show_error(self._window, _tr("Could not save the record"), _sentence(str(gone)))
                self.record_removed.emit(kind)
                return False
            except UserError as failure:
                error = _saved_errors(failure)
        if self._catalogue.record_draft(kind, uid) == before:
            return False  # only spaces at either end changed, which saving trims: no undo step
        text = _tr("Edit “%1”").replace("%1", draft_label(draft))
        self._stack.push(
            EditRecordCommand(
                self._catalogue,
                text,
                kind,
                uid,
                before,
                draft,
                self._done_for(kind),
                self._failed,
            )
        )
        self.record_changed.emit(kind, uid)
        return True

    def delete_record(self, kind: str, record_id: int) -> bool:
        """Delete a record after the user confirms; return whether it was deleted."""
        try:
            uid = self._catalogue.record_uid(kind, record_id)
            impact = self._catalogue.delete_impact(kind, uid)
            candidates = self._replacements(kind, record_id)
        except UserError as error:
            show_error(self._window, _tr("Could not delete the record"), str(error))
            return False
        answer = DeleteRecordDialog.ask(self._window, impact, candidates)
        if answer is None:
            return False
        try:
            replacement = (
                None
                if answer.replace_with is None
                else self._catalogue.record_uid(kind, answer.replace_with)
            )
            deleted = self._catalogue.delete_record(kind, uid, replacement)
        except UserError as error:
            show_error(self._window, _tr("Could not delete the record"), str(error))
            return False
        text = _tr("Delete “%1”").replace("%1", impact.label)
        self._stack.push(
            DeleteRecordCommand(self._catalogue, text, deleted, self._done_for(kind), self._failed)
        )
        if replacement is not None:
            self.record_changed.emit(kind, replacement)
        else:
            self.record_removed.emit(kind)
        return True

    def _ask(
        self,
        kind: str,
        draft: RecordDraft,
        title: str,
        error: str | dict[str, str] | None,
        record_id: int | None = None,
    ) -> RecordDraft | None:
        choices = self._catalogue.record_form_choices(kind)
        answer: RecordDraft | None = FORMS[kind].ask(
            self._window, choices, draft, title, error, record_id
        )
        return answer

    def _replacements(self, kind: str, record_id: int) -> list[Choice]:
        """The records of the same kind that could take over this one's links."""
        listed = self._catalogue.record_form_choices(kind).get(SAME_KIND[kind], [])
        return [choice for choice in listed if choice.id != record_id]

    def _done_for(self, kind: str):  # type: ignore[no-untyped-def]
        def done(uid: str | None) -> None:
            if uid is None:
                self.record_removed.emit(kind)
            else:
                self.record_changed.emit(kind, uid)

        return done

    def _failed(self, message: str) -> None:
        show_error(self._window, _tr("Could not undo or redo"), _sentence(message))


def _saved_errors(failure: UserError) -> str | dict[str, str]:
    """What saving refused: by field where the core says (an InvalidRecord), else in words."""
    errors = getattr(failure, "errors", None)
    return dict(errors) if isinstance(errors, dict) and errors else str(failure)


def _sentence(message: str) -> str:
    """A core message, which may start in lower case ("that program is …"), as a sentence."""
    return message[:1].upper() + message[1:]


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
