"""Undoable changes to records: each command calls the core in redo() and undo()."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..core.api import Catalogue
from ..core.dto import DeletedRecord, EventDraft, RecordDraft
from ..core.errors import UserError

Done = Callable[[str | None], None]  # told the UID to show afterwards, or None
Failed = Callable[[str], None]


class EventCommand(QUndoCommand):
    """A change already made once by the caller; the stack's first redo() only records it."""

    def __init__(
        self, catalogue: Catalogue, text: str, uid: str, done: Done, failed: Failed
    ) -> None:
        super().__init__(text)
        self._catalogue = catalogue
        self._done = done
        self._failed = failed
        self.uid = uid
        self._first = True

    def _run(self, action: Callable[[], str | None]) -> None:
        try:
            shown = action()
        except UserError as error:
            # Changed behind our back (an import, another tool): this step cannot be replayed.
            self.setObsolete(True)
            self._failed(str(error))
            return
        self._done(shown)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _redo(self) -> str | None:
        raise NotImplementedError

    def _undo(self) -> str | None:
        raise NotImplementedError


class AddEventCommand(EventCommand):
    """An event added (or duplicated): undo deletes it, redo adds it back with its UID."""

    def __init__(
        self,
        catalogue: Catalogue,
        text: str,
        uid: str,
        draft: EventDraft,
        done: Done,
        failed: Failed,
    ) -> None:
        super().__init__(catalogue, text, uid, done, failed)
        self._draft = draft

    def _redo(self) -> str | None:
        self._catalogue.create_event(self._draft, self.uid)
        return self.uid

    def _undo(self) -> str | None:
        self._draft = self._catalogue.delete_event(self.uid)
        return None


class EditEventCommand(EventCommand):
    """An event changed from ``before`` to ``after``."""

    def __init__(
        self,
        catalogue: Catalogue,
        text: str,
        uid: str,
        before: EventDraft,
        after: EventDraft,
        done: Done,
        failed: Failed,
    ) -> None:
        super().__init__(catalogue, text, uid, done, failed)
        self._before, self._after = before, after

    def _redo(self) -> str | None:
        self._catalogue.update_event(self.uid, self._after)
        return self.uid

    def _undo(self) -> str | None:
        self._catalogue.update_event(self.uid, self._before)
        return self.uid


class DeleteEventCommand(AddEventCommand):
    """An event deleted: the inverse of adding it, so undo restores it under the same UID."""

    _redo = AddEventCommand._undo
    _undo = AddEventCommand._redo


# --- the other record types: programs, local governments, people, organizations, publications


class AddRecordCommand(EventCommand):
    """A record added: undo deletes it, redo puts it back under its UID with what links to it."""

    def __init__(
        self,
        catalogue: Catalogue,
        text: str,
        kind: str,
        uid: str,
        done: Done,
        failed: Failed,
    ) -> None:
        super().__init__(catalogue, text, uid, done, failed)
        self.kind = kind
        self._deleted: DeletedRecord | None = None

    def _redo(self) -> str | None:
        assert self._deleted is not None  # undo ran first
        return self._catalogue.restore_record(self._deleted)

    def _undo(self) -> str | None:
        self._deleted = self._catalogue.delete_record(self.kind, self.uid)
        return None


class EditRecordCommand(EventCommand):
    """A record changed from ``before`` to ``after``."""

    def __init__(
        self,
        catalogue: Catalogue,
        text: str,
        kind: str,
        uid: str,
        before: RecordDraft,
        after: RecordDraft,
        done: Done,
        failed: Failed,
    ) -> None:
        super().__init__(catalogue, text, uid, done, failed)
        self.kind = kind
        self._before, self._after = before, after

    def _redo(self) -> str | None:
        self._catalogue.update_record(self.kind, self.uid, self._after)
        return self.uid

    def _undo(self) -> str | None:
        self._catalogue.update_record(self.kind, self.uid, self._before)
        return self.uid


class DeleteRecordCommand(EventCommand):
    """A record deleted (its links perhaps moved to ``replace_with``); undo restores it all."""

    def __init__(
        self,
        catalogue: Catalogue,
        text: str,
        deleted: DeletedRecord,
        done: Done,
        failed: Failed,
    ) -> None:
        super().__init__(catalogue, text, deleted.uid, done, failed)
        self.kind = deleted.kind
        self._deleted = deleted

    def _redo(self) -> str | None:
        self._deleted = self._catalogue.delete_record(
            self.kind, self.uid, self._deleted.replaced_by
        )
        return self._deleted.replaced_by

    def _undo(self) -> str | None:
        return self._catalogue.restore_record(self._deleted)
