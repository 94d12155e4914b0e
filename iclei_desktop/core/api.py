"""The facade the GUI and the command line call: one session and transaction per call."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from . import attachments, db
from .dto import (
    BundlePlan,
    Choice,
    Counts,
    DeletedRecord,
    DeleteImpact,
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
    PublicationFileRow,
    PublicationRow,
    RecordDraft,
    SeatRow,
)
from .errors import DatabaseReadOnlyError, ExportError, UserError
from .exchange import json_catalogue
from .files import check_target, write_atomically, writing_atomically
from .ical import ImportPreview
from .paths import files_folder
from .search import SearchHit, refresh_index
from .search import search as search_records
from .services import catalogue, details, events, listing, records
from .services.listing import Query

if TYPE_CHECKING:
    from .exchange.citations import Citable
    from .seed import SeedData

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total); total 0 while unknown


def no_progress(_done: int, _total: int) -> None:
    """The progress report of work nobody watches."""


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


TABLE_PAGE = 1000  # rows read from the catalogue at a time for a table export


def _paged_rows(
    session: Session, listing_: listing.Listing, record_ids: Sequence[int]
) -> Iterable[list[Any]]:
    """The rows of ``record_ids``, in that order, a page at a time (ids gone are left out)."""
    for start in range(0, len(record_ids), TABLE_PAGE):
        page = record_ids[start : start + TABLE_PAGE]
        found = listing.rows(session, listing_, page)
        yield [found[i] for i in page if i in found]


def _as_programs_tab_groups(session: Session, record_ids: Sequence[int]) -> list[int]:
    """``record_ids`` in the order the Programs tab lists them: under their first pathway."""
    groups = listing.program_groups(session)
    pathways = catalogue.pathway_names(session)
    under: dict[str, list[int]] = {name: [] for name in [*pathways, ""]}
    for record_id in record_ids:
        under.setdefault(groups.get(record_id, ""), []).append(record_id)
    return [record_id for name in [*pathways, ""] for record_id in under[name]]


def _seed(session: Session, data: SeedData) -> None:
    """Fill a new catalogue with the seed, and record it as agreed for merging bundles."""
    from .exchange.bundle import agree_on_everything
    from .seed import apply_seed

    apply_seed(session, data)
    agree_on_everything(session)


class Catalogue:
    """An open catalogue file."""

    def __init__(self, database: db.Database) -> None:
        self._db = database
        self._span: tuple[tuple[int, int], int] | None = None

    @classmethod
    def open(cls, path: Path, *, explicit: bool = True, seed_dir: Path | None = None) -> Catalogue:
        """Open (creating, migrating and on first use seeding) the catalogue at ``path``.

        The seed is read before a new file is made, so a bad seed leaves no file behind.
        """
        seed = None
        if db.check_database_file(path, explicit=explicit):
            from .seed import load_seed  # pydantic, YAML: for a new file only

            # A new file is seeded before it is renamed into place, so a catalogue that
            # failed to seed (which would never be seeded again) is never left behind.
            seed = partial(_seed, data=load_seed(seed_dir))
        database = db.open_database(path, explicit=explicit, initialize=seed)
        if database.created:
            log.info("created and seeded a new catalogue at %s", path)
        opened = cls(database)
        try:
            opened._write(refresh_index)  # changes a new seed or a killed app left unindexed
        except BaseException:
            opened.close()
            raise
        return opened

    @classmethod
    def restore(cls, path: Path, backup: Path) -> Catalogue:
        """Put ``backup`` in the place of the catalogue at ``path`` and open it.

        Close any Catalogue open on ``path`` first. The replaced file is backed up first
        (see ``db.restore_backup``), so this can be undone from ``backups()``. Raises
        DatabaseError, having changed nothing, for a backup that cannot be restored.
        """
        db.restore_backup(path, backup)
        return cls.open(path)

    @classmethod
    def open_read_only(cls, path: Path) -> Catalogue:
        """Open the catalogue at ``path`` to read only; saving raises DatabaseReadOnlyError."""
        return cls(db.open_read_only(path))

    @property
    def read_only(self) -> bool:
        """Whether this catalogue was opened to read only."""
        return self._db.read_only

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

    def schema_revisions(self) -> tuple[str | None, str]:
        """The migration this catalogue is at, and the newest among the app's migration files."""
        return db.current_revision(self._db.engine), db.head_revision()

    @staticmethod
    def file_revision(path: Path) -> str | None:
        """The migration the catalogue file at ``path`` is at, read without writing to it."""
        return db.read_revision(path)

    def close(self) -> None:
        """Release the database file."""
        self._db.engine.dispose()

    def backups(self) -> list[db.BackupInfo]:
        """Return this catalogue's backups, newest first."""
        return db.backup_infos(self.path)

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Take a checked backup if the newest is a day old or more; return it, if taken."""
        if self.read_only:  # nothing changes, and the folder may not be writable
            return None
        return db.backup_if_due(self.path, now)

    def counts(self) -> Counts:
        """Count the records of each type."""
        return self._read(catalogue.counts)

    def pathway_names(self) -> list[str]:
        """The five pathways' names, in order."""
        return self._read(catalogue.pathway_names)

    def program_groups(self) -> dict[int, str]:
        """Each program's id with the name of its first pathway (programs without one left out)."""
        return self._read(listing.program_groups)

    def programs(self) -> list[ProgramRow]:
        """List programs, by name."""
        return self.all_rows("program")

    def events(self) -> list[EventRow]:
        """List events, earliest first."""
        return self.all_rows("event")

    def members(self) -> list[MemberRow]:
        """List local governments, by country and name."""
        return self.all_rows("local_government")

    def publications(self) -> list[PublicationRow]:
        """List publications, newest first, each translation after its original."""
        return self.all_rows("publication")

    def organizations(self) -> list[OrganizationRow]:
        """List organizations, by name."""
        return self.all_rows("organization")

    def all_rows(self, kind: str) -> list[Any]:
        """Every row of a list in its own order (for scripts; views page with ``rows``)."""
        record_ids = self.ids(kind, Query())
        found = self.rows(kind, record_ids)
        return [found[i] for i in record_ids if i in found]

    def ids(self, kind: str, query: Query, limit: int | None = None) -> list[int]:
        """The ids of the records of ``kind`` passing ``query``, in order (the first ``limit``)."""
        query = self._with_span(query)
        return self._read(lambda s: listing.ids(s, listing.LISTINGS[kind], query, limit))

    def count(self, kind: str, query: Query) -> int:
        """How many records of ``kind`` pass ``query``."""
        query = self._with_span(query)
        return self._read(lambda s: listing.count(s, listing.LISTINGS[kind], query))

    def rows(self, kind: str, record_ids: Sequence[int]) -> dict[int, Any]:
        """The list rows of ``record_ids`` by id; ids no longer there are left out."""
        return self._read(lambda s: listing.rows(s, listing.LISTINGS[kind], record_ids))

    def options(self, kind: str, name: str) -> list[Any]:
        """The values filter ``name`` of the ``kind`` list can take, in order."""
        return self._read(lambda s: listing.options(s, kind, name))

    def event_days(self, query: Query, first: date, last: date) -> set[date]:
        """The days from ``first`` to ``last`` with an event dated to the day passing ``query``."""
        query = self._with_span(query)
        return self._read(lambda s: listing.event_days(s, query, first, last))

    def _with_span(self, query: Query) -> Query:
        """``query`` knowing the longest event, read again only after a change to the file."""

        def read(session: Session) -> tuple[tuple[int, int], int]:
            # data_version moves with other connections' commits, total_changes with ours.
            version = session.execute(sql_text("PRAGMA data_version")).scalar_one()
            changes = session.execute(sql_text("SELECT total_changes()")).scalar_one()
            key = (int(version), int(changes))
            if self._span is not None and self._span[0] == key:
                return self._span
            return key, listing.longest_event_days(session)

        self._span = self._read(read)
        return replace(query, span_days=self._span[1])

    def seats(self) -> list[SeatRow]:
        """List governance seats by body and rank, then secretariat staff."""
        return self._read(catalogue.list_seats)

    def detail(self, kind: str, record_id: int) -> Detail:
        """Return one record of ``kind`` with everything it links to.

        Raises RecordNotFound (a UserError) when it is gone.
        """
        service = DETAILS[kind]
        if kind == "publication":  # with its files, which the catalogue's folder holds
            service = partial(details.publication_detail, files_folder=self.files_folder)
        return self._read(lambda session: service(session, record_id))

    def search(self, text: str, kinds: Iterable[str] | None = None) -> list[SearchHit]:
        """Find records of every type (or of ``kinds``) containing the words of ``text``.

        Grouped by type, best match first; see core/search.py for how text is matched.
        """
        # Every save brings the index up to date (see _write); this catches edits made by
        # other programs, and so may write, unless the file is open read-only.
        return self._read(
            lambda session: search_records(session, text, kinds, refresh=not self.read_only)
        )

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

    def export_json(self, progress: Progress = no_progress) -> str:
        """Return the whole catalogue as JSON text: a bundle for another laptop.

        Each record's version is remembered as handed on (see core/exchange/bundle.py),
        unless the catalogue is open read-only. ``progress(done, total)`` is called as
        records are read; whatever it raises (Cancelled) stops the export.
        """
        return json_catalogue.dumps(self._export_document(progress))

    def _export_document(self, progress: Progress) -> dict[str, Any]:
        from .exchange import bundle

        progress(0, 0)
        revision = db.current_revision(self._db.engine)

        def read(session: Session) -> tuple[dict[str, Any], list[dict[str, Any]]]:
            document = json_catalogue.export_catalogue(session, revision, progress)
            current = bundle.current_versions(document)
            document["versions"] = bundle.past_versions(session, current)
            return document, current

        document, current = self._read(read)
        if not self.read_only:
            # What is handed on is known when a colleague's bundle brings it back.
            self._write(lambda session: bundle.remember_sent(session, current))
        return document

    def export_json_to(self, target: Path, progress: Progress = no_progress) -> None:
        """Write the whole catalogue as JSON to ``target`` atomically.

        ``progress`` as for ``export_json``; when it raises (Cancelled), nothing is written.
        """
        data = self.export_json(progress).encode("utf-8")
        progress(1, 1)  # the last chance to stop before the file is written
        write_atomically(target, data)

    # --- iCalendar ----------------------------------------------------------------------

    def export_calendar(
        self,
        target: Path,
        *,
        event_ids: Sequence[int] | None = None,
        start: date | None = None,
        end: date | None = None,
        program: str | None = None,
        status: str | None = None,
        name: str = "ICLEI East Asia events",
        progress: Progress = no_progress,
    ) -> int:
        """Write events to ``target`` as an iCalendar file, atomically; return how many.

        All events, or only ``event_ids``, limited to those overlapping [``start``, ``end``],
        of the program named ``program`` and with ``status``. Raises ExportError for a target
        that cannot be written, an unknown program or status, or when no event is left.
        ``progress(done, total)`` is called before the work and for each event written;
        whatever it raises (Cancelled) stops the export, and nothing is written.
        """
        from .ical import export as ical_export  # icalendar: loaded when first needed
        from .ical import store as ical_store

        check_target(target)
        progress(0, 0)
        chosen = self._read(
            lambda session: ical_store.events_for_export(
                session, event_ids=event_ids, start=start, end=end, program=program, status=status
            )
        )
        if not chosen:
            raise ExportError(f"no event matches, so {target} was not written")
        data = ical_export.calendar_bytes(chosen, name, progress=progress)
        progress(len(chosen), len(chosen))  # the last chance to stop before the file is written
        write_atomically(target, data)
        return len(chosen)

    def preview_calendar_import(
        self, source: Path, progress: Progress = no_progress
    ) -> ImportPreview:
        """Return what importing the iCalendar file ``source`` would do; writes nothing.

        Raises CalendarImportError (a UserError) for a file that cannot be imported, and
        whatever ``progress`` raises (Cancelled) to stop.
        """
        from .ical import files as ical_files
        from .ical import import_ as ical_import
        from .ical import store as ical_store

        progress(0, 0)
        incoming = ical_import.read_calendar(ical_files.read_source(source), str(source))
        progress(0, 0)
        planned = self._read(lambda session: ical_store.plan_import(session, incoming))
        return ImportPreview(tuple(step.item for step in planned))

    def import_calendar(self, source: Path, progress: Progress = no_progress) -> ImportPreview:
        """Import the iCalendar file ``source`` in one transaction; return what was done.

        Raises CalendarImportError, having written nothing, for a file that cannot be imported.
        A checked backup of the catalogue is taken first (DatabaseError if it cannot be).
        ``progress(done, total)`` is called before the work and after each event; whatever it
        raises (Cancelled, when the user stops the import) rolls the whole import back.
        """
        from .ical import files as ical_files
        from .ical import import_ as ical_import
        from .ical import store as ical_store

        progress(0, 0)
        # The checked backup is copied while the file is read, and kept once it is accepted.
        with db.backup_alongside(self.path) as keep_backup:
            incoming = ical_import.read_calendar(ical_files.read_source(source), str(source))
            progress(0, len(incoming))
            self._check_writable()
            keep_backup()
        return self._write(lambda session: ical_store.import_events(session, incoming, progress))

    # --- citations ----------------------------------------------------------------------

    def citations(self, fmt: str, publication_ids: Sequence[int] | None = None) -> str:
        """Return publications as citations in ``fmt``: "bibtex", "ris" or "csl-json".

        All publications in the list's own order, or only ``publication_ids`` in the order
        given. Raises ExportError for an unknown format, an id no publication has, or when
        there is no publication to cite.
        """
        from .exchange import citations  # bibtexparser and rispy: loaded when first needed

        citations.check_format(fmt)
        return citations.render(fmt, self._citables(publication_ids, "no publication to cite"))

    def export_citations(
        self, target: Path, fmt: str, publication_ids: Sequence[int] | None = None
    ) -> int:
        """Write publications as citations in ``fmt`` to ``target``, atomically; return how many.

        Which publications, and the errors, as for ``citations``; nothing is written when
        ExportError is raised, also for a target that cannot be written.
        """
        from .exchange import citations

        citations.check_format(fmt)
        check_target(target)
        try:
            chosen = self._citables(publication_ids, "no publication to export")
        except ExportError as error:
            raise ExportError(f"{error}, so {target} was not written") from error
        write_atomically(target, citations.render(fmt, chosen).encode("utf-8"))
        return len(chosen)

    def _citables(self, publication_ids: Sequence[int] | None, none_message: str) -> list[Citable]:
        from .exchange import citations

        if publication_ids is None:
            publication_ids = self.ids("publication", Query())
        if not publication_ids:
            raise ExportError(none_message)
        chosen = publication_ids
        return self._read(lambda session: citations.read_citables(session, chosen))

    # --- tables -----------------------------------------------------------------------

    def export_table(
        self,
        kind: str,
        target: Path,
        fmt: str,
        query: Query | None = None,
        headers: Sequence[str] | None = None,
        progress: Progress = no_progress,
    ) -> int:
        """Write the list of ``kind`` to ``target`` as a ``fmt`` table, atomically; return rows.

        ``fmt`` is "csv" (UTF-8 with a byte-order mark) or "xlsx". The rows are those passing
        ``query``, in its order, as a tab shows them (programs under their first pathway, as
        the Programs tab groups them); "person", which no tab lists, is every person by name.
        The columns are core/columns.py's, headed ``headers`` when given (translated ones).
        Raises ExportError for a target that cannot be written; ``progress(done, total)`` is
        called as rows are written, and whatever it raises (Cancelled) leaves no file.
        """
        from .columns import COLUMNS, TYPE_OF_KIND, Cell, row_values
        from .exchange import tables
        from .services.people_table import person_rows

        if fmt not in tables.FORMATS:
            raise ExportError(f"cannot write {target}: unknown table format {fmt}")
        columns = COLUMNS[kind]
        if headers is None:
            headers = [column.header for column in columns]
        elif len(headers) != len(columns):
            raise ValueError(f"{len(headers)} headers for {len(columns)} columns of {kind}")
        check_target(target)
        progress(0, 0)
        listed = self._with_span(query or Query()) if kind != "person" else Query()

        def pages(total: int, found: Iterable[list[Any]]) -> Iterator[list[Cell]]:
            done = 0
            for page in found:
                for row in page:
                    yield row_values(columns, row)
                done += len(page)
                progress(done, total)

        def work(session: Session) -> int:
            # One read transaction: the rows written are one state of the catalogue.
            if kind == "person":
                people = person_rows(session)
                found: Iterable[list[Any]] = [people]
                total = len(people)
            else:
                listing_ = listing.LISTINGS[kind]
                record_ids = listing.ids(session, listing_, listed)
                if kind == "program":
                    record_ids = _as_programs_tab_groups(session, record_ids)
                found = _paged_rows(session, listing_, record_ids)
                total = len(record_ids)
            with writing_atomically(target) as stream:
                written = tables.write_table(
                    stream, fmt, TYPE_OF_KIND[kind], headers, pages(total, found)
                )
                progress(written, written)  # the last chance to stop before the file is there
            return written

        return self._read(work)

    # --- programs, local governments, people, organizations, publications -----------------
    # ``kind`` is one of services.records.RECORD_KINDS; drafts are the dto drafts of that kind.

    def record_form_choices(self, kind: str) -> dict[str, list[Choice]]:
        """What the form of ``kind`` offers for its links, sorted by label (see records)."""
        return self._read(lambda session: records.form_choices(session, kind))

    def record_uid(self, kind: str, record_id: int) -> str:
        """The UID of the record of ``kind`` with this row id; RecordNotFound when gone."""
        return self._read(lambda session: records.record_uid(session, kind, record_id))

    def record_id(self, kind: str, uid: str) -> int:
        """The row id of the record of ``kind`` with this UID; RecordNotFound when gone."""
        return self._read(lambda session: records.record_id(session, kind, uid))

    def record_draft(self, kind: str, uid: str) -> RecordDraft:
        """A record as its form edits it."""
        return self._read(lambda session: records.record_draft(session, kind, uid))

    def create_record(self, kind: str, draft: RecordDraft, uid: str | None = None) -> str:
        """Add a record; return its UID. Raises InvalidRecord for a draft with errors."""
        return self._write(lambda session: records.create_record(session, kind, draft, uid))

    def update_record(self, kind: str, uid: str, draft: RecordDraft) -> None:
        """Change a record. Raises InvalidRecord for a draft with errors."""
        self._write(lambda session: records.update_record(session, kind, uid, draft))

    def delete_impact(self, kind: str, uid: str) -> DeleteImpact:
        """What deleting a record would unlink and delete."""
        return self._read(lambda session: records.delete_impact(session, kind, uid))

    def delete_record(self, kind: str, uid: str, replace_with: str | None = None) -> DeletedRecord:
        """Delete a record, its links going (or moving to the record ``replace_with``).

        Returns what ``restore_record`` needs to put it back.
        """
        return self._write(lambda session: records.delete_record(session, kind, uid, replace_with))

    def restore_record(self, deleted: DeletedRecord) -> str:
        """Put a deleted record back with its parts and links; return its UID."""
        return self._write(lambda session: records.restore_record(session, deleted))

    # --- publication files ----------------------------------------------------------------
    # See core/attachments.py for where the files are kept and how they are named.

    @property
    def files_folder(self) -> Path:
        """The folder beside the catalogue that holds its publications' files (absolute)."""
        return files_folder(self.path).absolute()

    def publication_files(self, publication_id: int) -> list[PublicationFileRow]:
        """The files of a publication, in the order added, each with its status."""
        folder = self.files_folder
        return self._read(lambda s: attachments.publication_files(s, publication_id, folder))

    def add_publication_file(
        self, publication_id: int, source: Path, progress: Progress = no_progress
    ) -> PublicationFileRow:
        """Copy ``source`` into the files folder and list it under the publication.

        Raises a UserError, having copied and saved nothing, for a source that is missing, a
        folder, unreadable, empty or over ``attachments.MAX_FILE_BYTES``, a file the
        publication already holds (same SHA-256), a read-only catalogue, or a save that
        fails. ``progress(bytes done, bytes in all)`` may raise Cancelled to stop.
        """
        self._check_writable()
        folder = self.files_folder
        uid = self._read(lambda s: attachments.publication_uid(s, publication_id))
        directory = folder / attachments.safe_name(uid, "publication")
        try:
            copied = attachments.copy_in(source, directory, progress)
        except BaseException:
            attachments.remove_empty(directory, folder)
            raise
        placed: list[Path] = []

        def record(session: Session) -> PublicationFileRow:
            row = attachments.record_file(session, publication_id, source.name, copied, folder)
            target = attachments.stored_path(folder, row.stored_name)
            placed.append(target)
            attachments.put_in_place(copied, target)
            return attachments.file_row(row, folder)

        try:
            return self._write(record)
        except BaseException:
            # The row was not saved: take the copy back out, wherever it had got to.
            copied.temporary.unlink(missing_ok=True)
            for target in placed:
                attachments.discard(target, folder)
            attachments.remove_empty(directory, folder)
            raise

    def remove_publication_file(self, file_id: int) -> None:
        """Delete a file's row, then its stored copy (one already missing is fine)."""
        folder = self.files_folder
        stored = self._write(lambda s: attachments.delete_file(s, file_id))
        try:
            path = attachments.stored_path(folder, stored)
        except UserError:  # a name leaving the folder: never delete what it points at
            return
        attachments.discard(path, folder)

    def relink_publication_file(
        self, file_id: int, source: Path, progress: Progress = no_progress
    ) -> PublicationFileRow:
        """Copy ``source`` back into the place of a missing (or changed) file.

        Refused (UserError, nothing changed) unless its SHA-256 is the one recorded when the
        file was added; the catalogue itself is not written.
        """
        self._check_writable()
        folder = self.files_folder

        def recorded(session: Session) -> tuple[str, str, str]:
            found = attachments.stored_file(session, file_id)
            return found.name, found.stored_name, found.sha256

        name, stored, sha256 = self._read(recorded)
        target = attachments.stored_path(folder, stored)
        try:
            copied = attachments.copy_in(source, target.parent, progress)
        except BaseException:
            attachments.remove_empty(target.parent, folder)
            raise
        if copied.sha256 != sha256:
            copied.temporary.unlink(missing_ok=True)
            attachments.remove_empty(target.parent, folder)
            raise attachments.FileNotAttached(
                f"{source} is not the file {name} that was added: its content differs, "
                "so it was not put back"
            )
        attachments.put_in_place(copied, target)
        return self._read(
            lambda s: attachments.file_row(attachments.stored_file(s, file_id), folder)
        )

    # --- bundles ------------------------------------------------------------------------

    def export_bundle_to(self, target: Path, progress: Progress = no_progress) -> int:
        """Write the catalogue and its publications' files as a .zip bundle, atomically.

        The .zip holds ``catalogue.json`` (as ``export_json``) and ``files/<stored_name>``
        for each publication file found in the files folder; return how many files went in.
        Raises ExportError, having written nothing, when ``target`` cannot be written.
        """
        from .exchange import bundle

        check_target(target)
        document = self._export_document(progress)
        stored = [
            entry["stored_name"]
            for publication in document["publications"]
            for entry in publication["files"]
        ]
        data = json_catalogue.dumps(document).encode("utf-8")
        progress(1, 1)  # the last chance to stop before the file is written
        return bundle.write_zip(target, data, files_folder(self.path), stored)

    def preview_bundle(self, source: Path, progress: Progress = no_progress) -> BundlePlan:
        """Return what importing the bundle ``source`` (.json or .zip) would do; write nothing.

        Conflicts are shown keeping yours. Raises BundleImportError (a UserError) for a file
        that cannot be imported, and whatever ``progress`` raises (Cancelled) to stop.
        """
        from .exchange import bundle

        progress(0, 0)
        incoming = bundle.read_bundle(source, db.known_revisions())
        revision = db.current_revision(self._db.engine)
        folder = files_folder(self.path)
        return self._read(
            lambda session: bundle.Merge(session, incoming, folder, revision, (), progress).plan()
        )

    def import_bundle(
        self,
        source: Path,
        take_theirs: Collection[str] = (),
        progress: Progress = no_progress,
        *,
        settle_conflicts: bool = True,
    ) -> BundlePlan:
        """Merge the bundle ``source`` into the catalogue in one transaction; return what was done.

        Records are matched by uid and merged three-way (see core/exchange/bundle.py); a
        conflict keeps yours unless its uid is in ``take_theirs``, and counts as settled (the
        next import shows it only if edited again) unless ``settle_conflicts`` is false, for an
        import where nobody chose (the command line). A checked backup is taken
        first (DatabaseError if it cannot be). Raises BundleImportError, having written
        nothing, for a file that cannot be imported; whatever ``progress`` raises (Cancelled)
        rolls the whole import back.
        """
        from .exchange import bundle

        progress(0, 0)
        with db.backup_alongside(self.path) as keep_backup:
            incoming = bundle.read_bundle(source, db.known_revisions())
            self._check_writable()
            keep_backup()
        revision = db.current_revision(self._db.engine)
        folder = files_folder(self.path)
        return self._write(
            lambda session: bundle.Merge(
                session, incoming, folder, revision, take_theirs, progress, settle_conflicts
            ).apply()
        )

    # --- sessions -----------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise DatabaseReadOnlyError(f"{self.path} is open read-only; nothing was saved")

    def _read(self, work: Callable[[Session], T]) -> T:
        # Reading may meet a damaged or vanished file; such failures reach the user as
        # DatabaseErrors, never as bugs.
        with (
            db.user_errors(self.path, writing=False),
            self._db.sessions() as session,
            session.begin(),
        ):
            return work(session)

    def _write(self, work: Callable[[Session], T]) -> T:
        self._check_writable()
        # A full disk, a file that cannot grow or another program's lock rolls the whole
        # change back; the DatabaseError says so and names the catalogue.
        with (
            db.user_errors(self.path, writing=True),
            self._db.sessions() as session,
            session.begin(),
        ):
            done = work(session)
            # The search index is brought up to date in the same transaction, so a copy
            # opened read-only (which cannot do it) finds every saved change.
            refresh_index(session)
        self._db.saved()  # its pages reach the file on another thread (db.Checkpointer)
        return done
