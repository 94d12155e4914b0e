"""The whole catalogue as JSON: every record and link, keyed by stable uids.

Layout: ``{"format", "format_version", "app_version", "schema_revision", "exported_at",
<record type>: [records]}``. Integer row ids never appear; a reference to another record is
that record's ``uid`` and links sit inside the record that owns them.

Version 2 adds ``files`` to each publication: its files in order, each ``{"uid", "name",
"stored_name", "size", "sha256"}`` (the file itself travels in a .zip bundle, see
core/exchange/bundle.py). Version 1 files have no ``files`` and are still read.

Each table is read with one query, and each link table with one more, however many records
there are: a reference is looked up in a map of the referred table's ids to uids.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any, cast

from sqlalchemy import Column, Table, func, inspect, select
from sqlalchemy.orm import Session

from ... import __version__
from .. import models as m

FORMAT = "iclei-desktop-catalogue"
FORMAT_VERSION = 2
READ_VERSIONS = (1, 2)  # the versions core/exchange/bundle.py reads
PROGRESS_EVERY = 1_000  # records between two progress reports
Progress = Callable[[int, int], None]  # (done, total)
Links = dict[int, list[tuple[Any, ...]]]  # owner's id -> the links' rows, in order
Extra = dict[str, Callable[[int], list[Any]]]  # a record's links: key -> what an id holds


def export_catalogue(
    session: Session, schema_revision: str | None, progress: Progress | None = None
) -> dict[str, Any]:
    """Return the whole catalogue as a JSON-ready dict.

    ``progress(done, total)`` is called as records are read (``total`` counts them all);
    whatever it raises (Cancelled) stops the export.
    """
    reader = _Reader(session, progress)
    sections: dict[str, tuple[type[m.Base], Callable[[_Reader], Extra]]] = {
        "pathways": (m.Pathway, _nothing),
        "programs": (m.Program, _program),
        "events": (m.Event, _event),
        "local_governments": (m.LocalGovernment, _nothing),
        "people": (m.Person, _nothing),
        "governance_seats": (m.GovernanceSeat, _nothing),
        "organizations": (m.Organization, _nothing),
        "publications": (m.Publication, _publication),
        "figures": (m.Figure, _nothing),
    }
    reader.count(cls for cls, _links in sections.values())
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": schema_revision,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    for name, (cls, links) in sections.items():
        document[name] = list(reader.records(cls, links(reader)))
    return document


def dumps(document: dict[str, Any]) -> str:
    """Serialize an exported catalogue: UTF-8 text, CJK kept literal, stable key order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class _Reader:
    """Reads tables whole, with a map of ids to uids for each table referred to."""

    def __init__(self, session: Session, progress: Progress | None) -> None:
        self.session = session
        self.progress = progress
        self.done = 0
        self.total = 0
        self._uids: dict[str, dict[int, str]] = {}

    def count(self, classes: Iterable[type[m.Base]]) -> None:
        """Count the records to export, for the progress reports."""
        for cls in classes:
            self.total += self.session.scalar(select(func.count()).select_from(_table(cls))) or 0
        self._report()

    def uid(self, table: str) -> dict[int, str]:
        """Return the uids of ``table``'s records by id."""
        if table not in self._uids:
            uid_table = m.Base.metadata.tables[table]
            self._uids[table] = {
                row_id: uid
                for row_id, uid in self.session.execute(select(uid_table.c.id, uid_table.c.uid))
            }
        return self._uids[table]

    def links(self, cls: type[m.Base], owner: str, *columns: str, order: tuple[str, ...]) -> Links:
        """Return ``cls``'s rows of ``columns`` by their ``owner`` column, in ``order``.

        A column that refers to a record is given as that record's uid.
        """
        table = _table(cls)
        chosen = [table.c[name] for name in (owner, *columns)]
        refer = [self._referred(column) for column in chosen[1:]]
        grouped: Links = defaultdict(list)
        query = select(*chosen).order_by(*(table.c[name] for name in (owner, *order)))
        for owner_id, *values in self.session.execute(query):
            grouped[owner_id].append(
                tuple(
                    uids[value] if uids is not None and value is not None else value
                    for uids, value in zip(refer, values, strict=True)
                )
            )
        return grouped

    def records(self, cls: type[m.Base], extra: Extra) -> Iterator[dict[str, Any]]:
        """Yield ``cls``'s records by uid, with their columns and ``extra``'s links."""
        table = _table(cls)
        # The model's order of columns, as the export has always had it.
        columns = [
            table.c[column.key]
            for column in inspect(cls).columns
            if column.key not in {"id", "uid"}
        ]
        names = [
            column.key.removesuffix("_id") if column.foreign_keys else column.key
            for column in columns
        ]
        refer = [self._referred(column) for column in columns]
        query = select(table.c.id, table.c.uid, *columns).order_by(table.c.uid)
        for row_id, uid, *values in self.session.execute(query):
            record: dict[str, Any] = {"uid": uid}
            for name, uids, value in zip(names, refer, values, strict=True):
                if uids is not None:
                    record[name] = uids[value] if value is not None else None
                else:
                    record[name] = _plain(value)
            for key, links in extra.items():
                record[key] = links(row_id)
            yield record
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                self._report()
        self._report()

    def _referred(self, column: Column[Any]) -> dict[int, str] | None:
        if not column.foreign_keys:
            return None
        (key,) = column.foreign_keys
        return self.uid(key.column.table.name)

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)


def _table(cls: type[m.Base]) -> Table:
    return cast(Table, cls.__table__)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _nothing(_reader: _Reader) -> Extra:
    return {}


def _roles(links: Links, key: str) -> Callable[[int], list[Any]]:
    """(uid, role) links as a sorted list of {key: uid, "role": role}."""
    return lambda owner: [{key: uid, "role": role} for uid, role in sorted(links.get(owner, ()))]


def _in_order(links: Links) -> Callable[[int], list[Any]]:
    return lambda owner: [uid for (uid,) in links.get(owner, ())]


def _sorted(links: Links) -> Callable[[int], list[Any]]:
    return lambda owner: sorted(uid for (uid,) in links.get(owner, ()))


def _program(reader: _Reader) -> Extra:
    return {
        "pathways": _in_order(
            reader.links(
                m.ProgramPathway, "program_id", "pathway_id", order=("position", "pathway_id")
            )
        ),
        "organizations": _roles(
            reader.links(m.ProgramOrganization, "program_id", "organization_id", "role", order=()),
            "organization",
        ),
        "local_governments": _roles(
            reader.links(
                m.ProgramLocalGovernment, "program_id", "local_government_id", "role", order=()
            ),
            "local_government",
        ),
    }


def _event(reader: _Reader) -> Extra:
    return {
        "local_governments": _in_order(
            reader.links(
                m.EventLocalGovernment,
                "event_id",
                "local_government_id",
                order=("position", "local_government_id"),
            )
        ),
        "organizations": _roles(
            reader.links(m.EventOrganization, "event_id", "organization_id", "role", order=()),
            "organization",
        ),
    }


def _publication(reader: _Reader) -> Extra:
    return {
        "organizations": _roles(
            reader.links(
                m.PublicationOrganization, "publication_id", "organization_id", "role", order=()
            ),
            "organization",
        ),
        "programs": _sorted(
            reader.links(m.PublicationProgram, "publication_id", "program_id", order=())
        ),
        "events": _sorted(reader.links(m.PublicationEvent, "publication_id", "event_id", order=())),
        "files": _files(
            reader.links(
                m.PublicationFile,
                "publication_id",
                *FILE_FIELDS,
                order=("position", "id"),
            )
        ),
    }


FILE_FIELDS = ("uid", "name", "stored_name", "size", "sha256")


def _files(links: Links) -> Callable[[int], list[Any]]:
    return lambda owner: [dict(zip(FILE_FIELDS, row, strict=True)) for row in links.get(owner, ())]
