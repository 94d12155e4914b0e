"""The facade the GUI and the command line call: one session and transaction per call."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from . import db
from .dto import (
    Choice,
    Counts,
    EventDetail,
    EventDraft,
    EventRow,
    LocalGovernmentDetail,
    MemberRow,
    OrganizationDetail,
    OrganizationRow,
    PersonDetail,
    ProgramDetail,
    ProgramRow,
    PublicationDetail,
    PublicationRow,
    SeatRow,
)
from .errors import ExportError
from .exchange import json_catalogue
from .search import SearchHit
from .search import search as search_records
from .seed import apply_seed, load_seed
from .services import catalogue, details, events

log = logging.getLogger(__name__)
T = TypeVar("T")

Detail = (
    ProgramDetail
    | EventDetail
    | LocalGovernmentDetail
    | PersonDetail
    | OrganizationDetail
    | PublicationDetail
)
DETAILS: dict[str, Callable[[Session, int], Detail]] = {
    "program": details.program_detail,
    "event": details.event_detail,
    "local_government": details.local_government_detail,
    "person": details.person_detail,
    "organization": details.organization_detail,
    "publication": details.publication_detail,
}


class Catalogue:
    """An open catalogue file."""

    def __init__(self, database: db.Database) -> None:
        self._db = database

    @classmethod
    def open(cls, path: Path, *, explicit: bool = True, seed_dir: Path | None = None) -> Catalogue:
        """Open (creating, migrating and on first use seeding) the catalogue at ``path``.

        The seed is read before a new file is made, so a bad seed leaves no file behind.
        """
        data = load_seed(seed_dir) if db.check_database_file(path, explicit=explicit) else None
        database = db.open_database(path, explicit=explicit)
        instance = cls(database)
        if database.created and data is not None:
            try:
                instance._write(lambda session: apply_seed(session, data))
            except BaseException:
                # A new file that failed to seed would never be seeded again: remove it.
                instance.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                raise
            log.info("created and seeded a new catalogue at %s", path)
        return instance

    @property
    def path(self) -> Path:
        """The catalogue file."""
        return self._db.path

    @property
    def created(self) -> bool:
        """Whether this open created the file."""
        return self._db.created

    @property
    def backup(self) -> Path | None:
        """The backup taken before migrating on this open, if any."""
        return self._db.backup

    def close(self) -> None:
        """Release the database file."""
        self._db.engine.dispose()

    def counts(self) -> Counts:
        """Count the records of each type."""
        return self._read(catalogue.counts)

    def pathway_names(self) -> list[str]:
        """The five pathways' names, in order."""
        return self._read(catalogue.pathway_names)

    def programs(self) -> list[ProgramRow]:
        """List programs."""
        return self._read(catalogue.list_programs)

    def events(self) -> list[EventRow]:
        """List events."""
        return self._read(catalogue.list_events)

    def members(self) -> list[MemberRow]:
        """List local governments."""
        return self._read(catalogue.list_members)

    def publications(self) -> list[PublicationRow]:
        """List publications."""
        return self._read(catalogue.list_publications)

    def organizations(self) -> list[OrganizationRow]:
        """List organizations."""
        return self._read(catalogue.list_organizations)

    def seats(self) -> list[SeatRow]:
        """List governance seats by body and rank, then secretariat staff."""
        return self._read(catalogue.list_seats)

    def detail(self, kind: str, record_id: int) -> Detail:
        """Return one record of ``kind`` with everything it links to.

        Raises RecordNotFound (a UserError) when it is gone.
        """
        service = DETAILS[kind]
        return self._read(lambda session: service(session, record_id))

    def search(self, text: str, kinds: Iterable[str] | None = None) -> list[SearchHit]:
        """Find records of every type (or of ``kinds``) containing the words of ``text``.

        Grouped by type, best match first; see core/search.py for how text is matched.
        """
        # Re-indexing the records edited since the last search may write; one transaction.
        return self._read(lambda session: search_records(session, text, kinds))

    # --- events ---------------------------------------------------------------------

    def event_form_choices(self) -> dict[str, list[Choice]]:
        """Programs, local governments and organizations the event form offers."""
        return self._read(events.form_choices)

    def event_draft(self, uid: str) -> EventDraft:
        """An event as the form edits it."""
        return self._read(lambda session: events.event_draft(session, uid))

    def event_uid(self, event_id: int) -> str:
        """The UID of the event with this row id."""
        return self._read(lambda session: events.event_uid(session, event_id))

    def event_id(self, uid: str) -> int:
        """The row id of the event with this UID."""
        return self._read(lambda session: events.event_id(session, uid))

    def create_event(self, draft: EventDraft, uid: str | None = None) -> str:
        """Add an event; return its UID. Raises InvalidEvent for a draft with errors."""
        return self._write(lambda session: events.create_event(session, draft, uid))

    def update_event(self, uid: str, draft: EventDraft) -> None:
        """Change an event; its SEQUENCE goes up."""
        self._write(lambda session: events.update_event(session, uid, draft))

    def delete_event(self, uid: str) -> EventDraft:
        """Delete an event; return it so that it can be restored."""
        return self._write(lambda session: events.delete_event(session, uid))

    def export_json(self) -> str:
        """Return the whole catalogue as JSON text."""
        revision = db.current_revision(self._db.engine)
        return self._read(
            lambda session: json_catalogue.dumps(json_catalogue.export_catalogue(session, revision))
        )

    def export_json_to(self, target: Path) -> None:
        """Write the whole catalogue as JSON to ``target`` atomically."""
        write_atomically(target, self.export_json())

    # --- sessions -----------------------------------------------------------------------

    def _read(self, work: Callable[[Session], T]) -> T:
        with self._db.sessions() as session, session.begin():
            return work(session)

    def _write(self, work: Callable[[Session], T]) -> T:
        with self._db.sessions() as session, session.begin():
            return work(session)


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file and a rename.

    A failed write leaves whatever was at ``target`` before, never half a file.
    """
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror}") from error
