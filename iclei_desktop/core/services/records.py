"""Add, edit, delete and restore programs, local governments, people, organizations, publications.

A record's own links (a program's organizations, a publication's programs …) are part of its
draft and saved with it, in the draft's order. Deleting a record removes every link to it
from other records, or moves them to a replacement record (to merge duplicates), and returns
a ``DeletedRecord`` from which ``restore_record`` puts everything back. Every record whose
links change is marked as updated (events also raise their iCalendar SEQUENCE), so bundle
merges and calendar programs see the change.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from .. import models as m
from ..dates import describe_range
from ..dto import (
    Choice,
    DeletedFile,
    DeletedRecord,
    DeleteImpact,
    FigureDraft,
    LinkCount,
    LocalGovernmentDraft,
    OrganizationDraft,
    PersonDraft,
    ProgramDraft,
    PublicationDraft,
    RecordDraft,
    RemovedLink,
    SeatDraft,
)
from ..errors import UserError
from ..models.base import utcnow
from ..validation import validate_record
from .details import RecordNotFound

RECORD_KINDS = ("program", "local_government", "person", "organization", "publication")
MODELS: dict[str, type[Any]] = {
    "program": m.Program,
    "local_government": m.LocalGovernment,
    "person": m.Person,
    "organization": m.Organization,
    "publication": m.Publication,
}
DRAFTS: dict[str, type[Any]] = {
    "program": ProgramDraft,
    "local_government": LocalGovernmentDraft,
    "person": PersonDraft,
    "organization": OrganizationDraft,
    "publication": PublicationDraft,
}
NOUNS = {
    "program": "program",
    "local_government": "local government",
    "person": "person",
    "organization": "organization",
    "publication": "publication",
}
# Draft fields saved as links or owned parts rather than as columns of the record.
_LINK_FIELDS = frozenset(
    {
        "pathway_ids",
        "organizations",
        "local_governments",
        "figures",
        "seats",
        "program_ids",
        "event_ids",
    }
)
# Text columns that are NOT NULL: an empty field is saved as "" there, elsewhere as NULL.
_KEEP_EMPTY = {
    "program": {"name", "summary"},
    "local_government": {"name", "country"},
    "person": {"name", "title"},
    "organization": {"name"},
    "publication": {"title", "language"},
}


class InvalidRecord(UserError):
    """A draft that validation refuses; ``errors`` maps the draft's fields to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class _Column:
    """Another record's column pointing at a record of this kind."""

    place: str
    cls: type[Any]
    column: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Pair:
    """A link table between a record of this kind (``this``) and another record (``other``)."""

    place: str
    cls: type[Any]
    this: str
    other: str
    other_cls: type[Any]
    kind: str
    extra: str | None  # "role", "position" or nothing


_COLUMNS: dict[str, tuple[_Column, ...]] = {
    "program": (
        _Column("event.program_id", m.Event, "program_id", "event"),
        _Column("program.parent_id", m.Program, "parent_id", "program"),
    ),
    "local_government": (
        _Column("person.local_government_id", m.Person, "local_government_id", "person"),
        _Column("local_government.parent_id", m.LocalGovernment, "parent_id", "local_government"),
    ),
    "person": (),
    "organization": (
        _Column("person.organization_id", m.Person, "organization_id", "person"),
        _Column("organization.parent_id", m.Organization, "parent_id", "organization"),
    ),
    "publication": (
        _Column("publication.translation_of_id", m.Publication, "translation_of_id", "publication"),
    ),
}
_PAIRS: dict[str, tuple[_Pair, ...]] = {
    "program": (
        _Pair(
            "program_organization",
            m.ProgramOrganization,
            "program_id",
            "organization_id",
            m.Organization,
            "organization",
            "role",
        ),
        _Pair(
            "program_local_government",
            m.ProgramLocalGovernment,
            "program_id",
            "local_government_id",
            m.LocalGovernment,
            "local_government",
            "role",
        ),
        _Pair(
            "publication_program",
            m.PublicationProgram,
            "program_id",
            "publication_id",
            m.Publication,
            "publication",
            None,
        ),
    ),
    "local_government": (
        _Pair(
            "event_local_government",
            m.EventLocalGovernment,
            "local_government_id",
            "event_id",
            m.Event,
            "event",
            "position",
        ),
        _Pair(
            "program_local_government",
            m.ProgramLocalGovernment,
            "local_government_id",
            "program_id",
            m.Program,
            "program",
            "role",
        ),
    ),
    "person": (),
    "organization": (
        _Pair(
            "program_organization",
            m.ProgramOrganization,
            "organization_id",
            "program_id",
            m.Program,
            "program",
            "role",
        ),
        _Pair(
            "event_organization",
            m.EventOrganization,
            "organization_id",
            "event_id",
            m.Event,
            "event",
            "role",
        ),
        _Pair(
            "publication_organization",
            m.PublicationOrganization,
            "organization_id",
            "publication_id",
            m.Publication,
            "publication",
            "role",
        ),
    ),
    "publication": (
        _Pair(
            "publication_organization",
            m.PublicationOrganization,
            "publication_id",
            "organization_id",
            m.Organization,
            "organization",
            "role",
        ),
        _Pair(
            "publication_program",
            m.PublicationProgram,
            "publication_id",
            "program_id",
            m.Program,
            "program",
            None,
        ),
        _Pair(
            "publication_event",
            m.PublicationEvent,
            "publication_id",
            "event_id",
            m.Event,
            "event",
            None,
        ),
    ),
}
# The parts a record owns, deleted with it: (kind of part, class, column naming the owner).
_PARTS: dict[str, tuple[str, type[Any], str]] = {
    "program": ("figure", m.Figure, "program_id"),
    "person": ("seat", m.GovernanceSeat, "person_id"),
    "publication": ("file", m.PublicationFile, "publication_id"),
}
# The column placing a record inside another of its kind, and how to say so.
_TREES: dict[str, tuple[str, str]] = {
    "program": ("parent_id", "inside"),
    "local_government": ("parent_id", "inside"),
    "organization": ("parent_id", "inside"),
    "publication": ("translation_of_id", "a translation of"),
}


def new_uid(kind: str) -> str:
    """A new, globally unique UID for a record of ``kind`` (seed records have readable keys)."""
    return f"{kind.replace('_', '-')}-{uuid.uuid4()}"


def _model(kind: str) -> type[Any]:
    if kind not in MODELS:
        raise ValueError(f"not a kind of record edited by a form: {kind!r}")
    return MODELS[kind]


def _table(cls: type[Any]) -> Table:
    return cast(Table, cls.__table__)


def _article(kind: str) -> str:
    """Return the kind's noun with its article: "A program", "An organization"."""
    noun = NOUNS[kind]
    return f"{'An' if noun[0] in 'aeiou' else 'A'} {noun}"


def _label(record: Any) -> str:
    return str(record.title if isinstance(record, m.Publication) else record.name)


def _record(session: Session, kind: str, uid: str) -> Any:
    cls = _model(kind)
    record = session.scalars(select(cls).where(cls.uid == uid)).one_or_none()
    if record is None:
        raise RecordNotFound(f"that {NOUNS[kind]} is no longer in the catalogue")
    return record


def record_uid(session: Session, kind: str, record_id: int) -> str:
    """Return the UID of the record of ``kind`` with this row id."""
    cls = _model(kind)
    uid = session.scalar(select(cls.uid).where(cls.id == record_id))
    if uid is None:
        raise RecordNotFound(f"that {NOUNS[kind]} is no longer in the catalogue")
    return str(uid)


def record_id(session: Session, kind: str, uid: str) -> int:
    """Return the row id of the record of ``kind`` with this UID."""
    return int(_record(session, kind, uid).id)


# --- reading ---------------------------------------------------------------------------------


def record_draft(session: Session, kind: str, uid: str) -> RecordDraft:
    """Return a record as its form edits it."""
    return _draft_of(session, kind, _record(session, kind, uid))


def _draft_of(session: Session, kind: str, r: Any) -> RecordDraft:
    columns: dict[str, Any] = {
        # A NULL text column is an empty field; other NULLs (a status, a year) stay None.
        f.name: ""
        if getattr(r, f.name) is None and isinstance(f.default, str)
        else getattr(r, f.name)
        for f in fields(DRAFTS[kind])
        if f.name not in _LINK_FIELDS
    }
    if kind == "program":
        pathway = m.ProgramPathway
        return ProgramDraft(
            **columns,
            pathway_ids=tuple(
                session.scalars(
                    select(pathway.pathway_id)
                    .where(pathway.program_id == r.id)
                    .order_by(pathway.position, pathway.pathway_id)
                )
            ),
            organizations=_pairs_of(session, _PAIRS["program"][0], r.id),
            local_governments=_pairs_of(session, _PAIRS["program"][1], r.id),
            figures=tuple(_figure_draft(f) for f in _figures(session, r.id)),
        )
    if kind == "person":
        return PersonDraft(**columns, seats=tuple(_seat_draft(s) for s in _seats(session, r.id)))
    if kind == "publication":
        return PublicationDraft(
            **columns,
            organizations=_pairs_of(session, _PAIRS["publication"][0], r.id),
            program_ids=tuple(i for i, _ in _pairs_of(session, _PAIRS["publication"][1], r.id)),
            event_ids=tuple(i for i, _ in _pairs_of(session, _PAIRS["publication"][2], r.id)),
        )
    return cast(RecordDraft, DRAFTS[kind](**columns))


def _pairs_of(session: Session, pair: _Pair, this_id: int) -> tuple[tuple[int, str], ...]:
    """The (other id, role) links of a record, in the order they were saved."""
    table = _table(pair.cls)
    extra = table.c[pair.extra] if pair.extra else literal_column("''")
    rows = session.execute(
        select(table.c[pair.other], extra)
        .where(table.c[pair.this] == this_id)
        .order_by(literal_column(f"{table.name}.rowid"))
    )
    return tuple((int(other), str(role)) for other, role in rows)


def _figures(session: Session, program_id: int) -> list[m.Figure]:
    return list(
        session.scalars(
            select(m.Figure)
            .where(m.Figure.program_id == program_id)
            .order_by(m.Figure.position, m.Figure.id)
        )
    )


def _seats(session: Session, person_id: int) -> list[m.GovernanceSeat]:
    return list(
        session.scalars(
            select(m.GovernanceSeat)
            .where(m.GovernanceSeat.person_id == person_id)
            .order_by(m.GovernanceSeat.id)
        )
    )


def _figure_draft(f: m.Figure) -> FigureDraft:
    return FigureDraft(label=f.label, value=f.value, as_of=f.as_of or "", note=f.note or "")


def _seat_draft(s: m.GovernanceSeat) -> SeatDraft:
    return SeatDraft(
        body=s.body,
        position=s.position,
        portfolio=s.portfolio or "",
        term_start=s.term_start,
        term_end=s.term_end,
        note=s.note or "",
    )


def _trimmed(draft: Any) -> Any:
    """``draft`` with white space trimmed from both ends of its text, seats and figures too."""
    changes: dict[str, Any] = {}
    for f in fields(draft):
        value = getattr(draft, f.name)
        if isinstance(value, str):
            changes[f.name] = value.strip()
        elif f.name in {"seats", "figures"}:
            changes[f.name] = tuple(_trimmed(part) for part in value)
    return replace(draft, **changes)


# --- saving ----------------------------------------------------------------------------------


def create_record(session: Session, kind: str, draft: RecordDraft, uid: str | None = None) -> str:
    """Add a record of ``kind`` (under ``uid`` when given) and return its UID.

    Raises InvalidRecord for a draft with errors, UserError for a UID already taken.
    """
    cls = _model(kind)
    draft = _checked(session, kind, draft, None)
    uid = uid or new_uid(kind)
    if session.scalar(select(func.count()).select_from(cls).where(cls.uid == uid)):
        raise UserError(f"{_article(kind).lower()} with the UID {uid} is already in the catalogue")
    record = cls(uid=uid)
    session.add(record)
    _apply(session, kind, record, draft)
    session.flush()
    return uid


def update_record(session: Session, kind: str, uid: str, draft: RecordDraft) -> None:
    """Change a record of ``kind`` to ``draft``; nothing is written when nothing changed."""
    record = _record(session, kind, uid)
    draft = _checked(session, kind, draft, record.id)
    if _draft_of(session, kind, record) == draft:
        return
    _apply(session, kind, record, draft)
    record.updated_at = utcnow()  # links alone do not change the row, yet merges go by it
    session.flush()


def _checked(session: Session, kind: str, draft: RecordDraft, this_id: int | None) -> Any:
    """Return ``draft`` trimmed, or raise InvalidRecord naming what is wrong."""
    _model(kind)
    if not isinstance(draft, DRAFTS[kind]):
        raise TypeError(f"a {type(draft).__name__} is not the draft of a {NOUNS[kind]}")
    errors = validate_record(kind, draft)
    if errors:
        raise InvalidRecord(errors)
    draft = _trimmed(draft)
    errors = _catalogue_errors(session, kind, draft, this_id)
    if errors:
        raise InvalidRecord(errors)
    return draft


def _catalogue_errors(
    session: Session, kind: str, draft: Any, this_id: int | None
) -> dict[str, str]:
    """What only the catalogue can tell: links to records gone, circles, duplicates."""
    errors: dict[str, str] = {}

    def gone(field: str, cls: type[Any], ids: Iterable[int | None], message: str) -> None:
        wanted = {i for i in ids if i is not None}
        if wanted and len(_existing(session, cls, wanted)) < len(wanted):
            errors[field] = message

    if kind == "program":
        gone(
            "parent_id",
            m.Program,
            [draft.parent_id],
            "The parent program is no longer in the catalogue",
        )
        gone("pathway_ids", m.Pathway, draft.pathway_ids, "A pathway is no longer in the catalogue")
        gone(
            "organizations",
            m.Organization,
            (i for i, _ in draft.organizations),
            "An organization is no longer in the catalogue",
        )
        gone(
            "local_governments",
            m.LocalGovernment,
            (i for i, _ in draft.local_governments),
            "A local government is no longer in the catalogue",
        )
    elif kind == "local_government":
        gone(
            "parent_id",
            m.LocalGovernment,
            [draft.parent_id],
            "The local government it is part of is no longer in the catalogue",
        )
        lg = m.LocalGovernment
        same = session.execute(
            select(lg.name, lg.country).where(
                lg.name.collate("NOCASE") == draft.name,
                lg.country.collate("NOCASE") == draft.country,
                lg.id != (this_id or 0),
            )
        ).first()
        if same is not None:
            errors["name"] = f"{same.name}, {same.country} is already in the catalogue"
    elif kind == "person":
        gone(
            "organization_id",
            m.Organization,
            [draft.organization_id],
            "The organization is no longer in the catalogue",
        )
        gone(
            "local_government_id",
            m.LocalGovernment,
            [draft.local_government_id],
            "The local government is no longer in the catalogue",
        )
    elif kind == "organization":
        gone(
            "parent_id",
            m.Organization,
            [draft.parent_id],
            "The organization it is part of is no longer in the catalogue",
        )
        org = m.Organization
        twin = session.scalar(
            select(org.name).where(
                org.name.collate("NOCASE") == draft.name, org.id != (this_id or 0)
            )
        )
        if twin is not None:
            errors["name"] = f"{twin} is already in the catalogue"
    else:
        gone(
            "translation_of_id",
            m.Publication,
            [draft.translation_of_id],
            "The original is no longer in the catalogue",
        )
        gone(
            "organizations",
            m.Organization,
            (i for i, _ in draft.organizations),
            "An organization is no longer in the catalogue",
        )
        gone("program_ids", m.Program, draft.program_ids, "A program is no longer in the catalogue")
        gone("event_ids", m.Event, draft.event_ids, "An event is no longer in the catalogue")
    if kind in _TREES and this_id is not None:
        column, _words = _TREES[kind]
        if column not in errors:
            message = _circle(session, kind, getattr(draft, column), this_id)
            if message:
                errors[column] = message
    return errors


def _existing(session: Session, cls: type[Any], ids: Iterable[int]) -> set[int]:
    wanted = list(set(ids))
    found: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(session.scalars(select(cls.id).where(cls.id.in_(chunk))))
    return found


def _ancestors(session: Session, kind: str, start: int | None) -> list[tuple[int, str]]:
    """The (id, label) of ``start`` and of each record it is inside, upwards, until a repeat."""
    cls = _model(kind)
    column, _words = _TREES[kind]
    chain: list[tuple[int, str]] = []
    seen: set[int] = set()
    current = start
    while current is not None and current not in seen:
        seen.add(current)
        row = session.execute(
            select(cls.__table__.c[column], cls.__table__.c[_label_column(kind)]).where(
                cls.id == current
            )
        ).one_or_none()
        if row is None:
            break
        chain.append((current, str(row[1])))
        current = row[0]
    return chain


def _label_column(kind: str) -> str:
    return "title" if kind == "publication" else "name"


def _circle(session: Session, kind: str, parent_id: int | None, this_id: int) -> str | None:
    """A message when ``parent_id`` is the record itself or inside it, else None."""
    _column, words = _TREES[kind]
    if parent_id == this_id:
        return f"{_article(kind)} cannot be {words} itself"
    chain = _ancestors(session, kind, parent_id)
    if any(ancestor_id == this_id for ancestor_id, _name in chain):
        return f"{chain[0][1]} is {words} this {NOUNS[kind]}, so this cannot be {words} it"
    return None


def _apply(
    session: Session,
    kind: str,
    record: Any,
    draft: Any,
    parts: Sequence[tuple[int, str, datetime]] = (),
) -> None:
    """Set ``record``'s columns, links and parts to ``draft`` (``parts``: keys to reuse)."""
    for f in fields(draft):
        if f.name in _LINK_FIELDS:
            continue
        value = getattr(draft, f.name)
        if value == "" and f.name not in _KEEP_EMPTY[kind]:
            value = None
        setattr(record, f.name, value)
    if record.id is None:
        session.flush()
    if kind == "program":
        _set_pairs(
            session,
            m.ProgramPathway,
            "program_id",
            record.id,
            [{"pathway_id": p, "position": i} for i, p in enumerate(draft.pathway_ids)],
            order="position",
        )
        for pair, links in (
            (_PAIRS["program"][0], draft.organizations),
            (_PAIRS["program"][1], draft.local_governments),
        ):
            _set_pairs(
                session,
                pair.cls,
                pair.this,
                record.id,
                [{pair.other: i, "role": role} for i, role in links],
            )
        _set_parts(
            session,
            _figures(session, record.id),
            draft.figures,
            _figure_draft,
            m.Figure,
            {"program_id": record.id},
            _fill_figure,
            "figure",
            parts,
        )
    elif kind == "person":
        _set_parts(
            session,
            _seats(session, record.id),
            draft.seats,
            _seat_draft,
            m.GovernanceSeat,
            {"person_id": record.id},
            _fill_seat,
            "seat",
            parts,
        )
    elif kind == "publication":
        organizations, programs, events = _PAIRS["publication"]
        _set_pairs(
            session,
            organizations.cls,
            "publication_id",
            record.id,
            [{"organization_id": i, "role": role} for i, role in draft.organizations],
        )
        _set_pairs(
            session,
            programs.cls,
            "publication_id",
            record.id,
            [{"program_id": i} for i in draft.program_ids],
        )
        _set_pairs(
            session,
            events.cls,
            "publication_id",
            record.id,
            [{"event_id": i} for i in draft.event_ids],
        )


def _set_pairs(
    session: Session,
    cls: type[Any],
    this: str,
    this_id: int,
    rows: list[dict[str, Any]],
    order: str = "rowid",
) -> None:
    """Make the link rows of ``this_id`` in ``cls`` exactly ``rows``, in their order."""
    table = _table(cls)
    names = [column.name for column in table.c if column.name != this]
    have = [
        dict(zip(names, row, strict=True))
        for row in session.execute(
            select(*(table.c[name] for name in names))
            .where(table.c[this] == this_id)
            .order_by(literal_column(f"{table.name}.{order}"))
        )
    ]
    wanted = [{name: row.get(name, _default(name)) for name in names} for row in rows]
    if have == wanted:
        return
    # Written again whole, so that they read back in the draft's order.
    session.execute(delete(table).where(table.c[this] == this_id))
    if rows:
        session.execute(insert(table), [{this: this_id, **row} for row in wanted])


def _default(name: str) -> Any:
    return 0 if name == "position" else None


def _set_parts(
    session: Session,
    existing: list[Any],
    drafts: Sequence[Any],
    as_draft: Callable[[Any], Any],
    cls: type[Any],
    owner: dict[str, int],
    fill: Callable[[Any, Any, int], None],
    part: str,
    keys: Sequence[tuple[int, str, datetime]],
) -> None:
    """Make the seats or figures ``existing`` match ``drafts``.

    A part left unchanged keeps its row (and UID, which bundles match on); then the rest
    are reused in order, new ones made (with ``keys`` when restoring) and extra ones deleted.
    """
    unused = list(existing)
    chosen: list[Any] = [None] * len(drafts)
    for i, draft in enumerate(drafts):
        match = next((row for row in unused if as_draft(row) == draft), None)
        if match is not None:
            chosen[i] = match
            unused.remove(match)
    for i in range(len(drafts)):
        if chosen[i] is None and unused:
            chosen[i] = unused.pop(0)
    for row in unused:
        session.delete(row)
    for i, draft in enumerate(drafts):
        row = chosen[i]
        if row is None:
            row = cls(**owner)
            if i < len(keys):
                key_id, key_uid, created_at = keys[i]
                if session.get(cls, key_id) is None:
                    row.id = key_id
                row.uid = key_uid
                row.created_at = created_at
            else:
                row.uid = f"{part}-{uuid.uuid4()}"
            session.add(row)
        fill(row, draft, i)
    session.flush()


def _fill_figure(row: m.Figure, draft: FigureDraft, position: int) -> None:
    row.label = draft.label
    row.value = draft.value
    row.as_of = draft.as_of or None
    row.note = draft.note or None
    row.position = position


def _fill_seat(row: m.GovernanceSeat, draft: SeatDraft, _position: int) -> None:
    assert draft.term_start is not None and draft.term_end is not None  # validated
    row.body = draft.body
    row.position = draft.position
    row.portfolio = draft.portfolio or None
    row.term_start = draft.term_start
    row.term_end = draft.term_end
    row.note = draft.note or None


# --- deleting and restoring ------------------------------------------------------------------


def delete_impact(session: Session, kind: str, uid: str) -> DeleteImpact:
    """Return how many records deleting this one would unlink, and parts it would delete."""
    record = _record(session, kind, uid)
    others: dict[str, set[int]] = defaultdict(set)
    for column in _COLUMNS[kind]:
        cls = column.cls
        others[column.kind].update(
            session.scalars(select(cls.id).where(getattr(cls, column.column) == record.id))
        )
    for pair in _PAIRS[kind]:
        table = _table(pair.cls)
        others[pair.kind].update(
            session.scalars(select(table.c[pair.other]).where(table.c[pair.this] == record.id))
        )
    links = [
        LinkCount(other, len(others[other]), "unlinked")
        for other in (
            "program",
            "event",
            "local_government",
            "person",
            "organization",
            "publication",
        )
        if others[other]
    ]
    if kind in _PARTS:
        part, cls, owner = _PARTS[kind]
        count = session.scalar(
            select(func.count()).select_from(cls).where(getattr(cls, owner) == record.id)
        )
        if count:
            links.append(LinkCount(part, int(count), "deleted"))
    return DeleteImpact(kind=kind, uid=uid, label=_label(record), links=tuple(links))


def delete_record(
    session: Session, kind: str, uid: str, replace_with: str | None = None
) -> DeletedRecord:
    """Delete a record, unlinking it from every other (or moving those links to ``replace_with``).

    Where a record was linked to both, it keeps its one link to the replacement. Returns
    what ``restore_record`` needs to undo this.
    """
    cls = _model(kind)
    record = _record(session, kind, uid)
    this = int(record.id)
    created_at = record.created_at
    replacement: int | None = None
    if replace_with is not None:
        replacement = _replacement(session, kind, record, replace_with)
    draft = _draft_of(session, kind, record)
    parts: tuple[tuple[int, str, datetime], ...] = ()
    if kind == "program":
        parts = tuple((f.id, f.uid, f.created_at) for f in _figures(session, this))
    elif kind == "person":
        parts = tuple((s.id, s.uid, s.created_at) for s in _seats(session, this))
    files: tuple[DeletedFile, ...] = ()
    if kind == "publication":
        files = tuple(
            DeletedFile(
                id=f.id,
                uid=f.uid,
                created_at=f.created_at,
                updated_at=f.updated_at,
                position=f.position,
                name=f.name,
                stored_name=f.stored_name,
                size=f.size,
                sha256=f.sha256,
            )
            for f in session.scalars(
                select(m.PublicationFile)
                .where(m.PublicationFile.publication_id == this)
                .order_by(m.PublicationFile.position, m.PublicationFile.id)
            )
        )
    links: list[RemovedLink] = []
    touched: dict[type[Any], set[int]] = defaultdict(set)
    for column in _COLUMNS[kind]:
        other_cls = column.cls
        rows = session.execute(
            select(other_cls.id, other_cls.uid)
            .where(getattr(other_cls, column.column) == this)
            .order_by(other_cls.id)
        ).all()
        for other_id, other_uid in rows:
            target = replacement
            if target is not None and other_id == target:
                # The replacement was inside the record: it takes the record's place.
                target = getattr(record, column.column)
            session.execute(
                update(_table(other_cls))
                .where(_table(other_cls).c.id == other_id)
                .values({column.column: target})
            )
            links.append(RemovedLink(column.place, other_uid, moved=target is not None))
            touched[other_cls].add(other_id)
    for pair in _PAIRS[kind]:
        table = _table(pair.cls)
        other_table = _table(pair.other_cls)
        extra = table.c[pair.extra] if pair.extra else literal_column("''")
        rows = session.execute(
            select(table.c[pair.other], extra, other_table.c.uid)
            .join(other_table, other_table.c.id == table.c[pair.other])
            .where(table.c[pair.this] == this)
            .order_by(literal_column(f"{table.name}.rowid"))
        ).all()
        for other_id, value, other_uid in rows:
            order = _link_order(session, pair, other_id).index((this, value))
            moved = False
            if replacement is not None and not _linked(session, pair, replacement, other_id, value):
                row = {pair.this: replacement, pair.other: other_id}
                if pair.extra:
                    row[pair.extra] = value
                session.execute(insert(table).values(row))
                moved = True
            links.append(
                RemovedLink(
                    pair.place,
                    other_uid,
                    role=str(value) if pair.extra == "role" else "",
                    position=int(value) if pair.extra == "position" else 0,
                    moved=moved,
                    order=order,
                )
            )
            touched[pair.other_cls].add(other_id)
        session.execute(delete(table).where(table.c[pair.this] == this))
    if replacement is not None:
        touched[cls].add(replacement)
    # Its parts (seats, figures, files, pathways) go with it: ON DELETE CASCADE.
    session.execute(delete(_table(cls)).where(_table(cls).c.id == this))
    session.expire_all()
    _touch(session, touched)
    return DeletedRecord(
        kind=kind,
        uid=uid,
        id=this,
        created_at=created_at,
        draft=draft,
        links=tuple(links),
        parts=parts,
        files=files,
        replaced_by=replace_with,
    )


def _replacement(session: Session, kind: str, record: Any, replace_with: str) -> int:
    """The row id of the record to move links to, refusing one that cannot take them."""
    if replace_with == record.uid:
        raise UserError(f"{_label(record)} cannot be replaced by itself")
    cls = _model(kind)
    found = session.scalars(select(cls).where(cls.uid == replace_with)).one_or_none()
    if found is None:
        raise UserError(
            f"the {NOUNS[kind]} to move the links of {_label(record)} to is not in the catalogue"
        )
    if kind in _TREES:
        _column, words = _TREES[kind]
        chain = _ancestors(session, kind, found.id)
        ids = [i for i, _name in chain]
        if record.id in ids and ids.index(record.id) > 1:
            # Its links moving to a record inside one of its own would make a circle.
            between = chain[ids.index(record.id) - 1][1]
            raise UserError(
                f"{_label(found)} cannot take the place of {_label(record)}: it is {words} "
                f"{between}, which is {words} {_label(record)}"
            )
    return int(found.id)


def _link_order(session: Session, pair: _Pair, other_id: int) -> list[tuple[int, Any]]:
    """The (this id, role or position) links of another record in ``pair``'s table, in order."""
    table = _table(pair.cls)
    extra = table.c[pair.extra] if pair.extra else literal_column("''")
    return [
        (int(this_id), value)
        for this_id, value in session.execute(
            select(table.c[pair.this], extra)
            .where(table.c[pair.other] == other_id)
            .order_by(literal_column(f"{table.name}.rowid"))
        )
    ]


def _put_back(session: Session, pair: _Pair, other_id: int, link: tuple[int, Any], at: int) -> None:
    """Move ``link`` of another record back to place ``at`` among its links in the table.

    The draft of a program or publication lists its links in the order of their rows, so
    they are written again in the order wanted (as ``_set_pairs`` does).
    """
    have = _link_order(session, pair, other_id)
    wanted = [row for row in have if row != link]
    wanted.insert(min(at, len(wanted)), link)
    if wanted == have:
        return
    table = _table(pair.cls)
    session.execute(delete(table).where(table.c[pair.other] == other_id))
    session.execute(
        insert(table),
        [
            {
                pair.other: other_id,
                pair.this: this_id,
                **({pair.extra: value} if pair.extra else {}),
            }
            for this_id, value in wanted
        ],
    )


def _linked(session: Session, pair: _Pair, this_id: int, other_id: int, value: Any) -> bool:
    table = _table(pair.cls)
    where = (table.c[pair.this] == this_id) & (table.c[pair.other] == other_id)
    if pair.extra == "role":
        where &= table.c.role == value
    return bool(session.scalar(select(func.count()).select_from(table).where(where)))


def _touch(session: Session, touched: dict[type[Any], set[int]]) -> None:
    """Mark records whose links changed as updated; events also raise their SEQUENCE."""
    now = utcnow()
    for cls, ids in touched.items():
        table = _table(cls)
        values: dict[str, Any] = {"updated_at": now}
        if cls is m.Event:  # calendar programs take a change only with a higher SEQUENCE
            values["sequence"] = table.c.sequence + 1
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            session.execute(
                update(table).where(table.c.id.in_(ordered[start : start + 500])).values(values)
            )


def restore_record(session: Session, deleted: DeletedRecord) -> str:
    """Put a deleted record back as it was: same UID, row id when free, parts and links.

    Links to records deleted since are left out. Raises UserError when it cannot be put
    back (its UID is taken again, or the catalogue has changed so that it cannot).
    """
    kind = deleted.kind
    cls = _model(kind)
    label = getattr(deleted.draft, _label_column(kind))
    if session.scalar(select(func.count()).select_from(cls).where(cls.uid == deleted.uid)):
        raise UserError(
            f"{label} cannot be put back: {_article(kind).lower()} with its UID is in the catalogue"
            " again"
        )
    draft = _without_gone_links(session, kind, deleted.draft)
    try:
        draft = _checked(session, kind, draft, None)
    except InvalidRecord as refused:
        raise UserError(
            f"{label} cannot be put back: {next(iter(refused.errors.values()))}"
        ) from refused
    record = cls(uid=deleted.uid, created_at=deleted.created_at)
    if session.get(cls, deleted.id) is None:
        record.id = deleted.id  # the same id: links, selections and details point at it again
    session.add(record)
    _apply(session, kind, record, draft, deleted.parts)
    this = int(record.id)
    for file in deleted.files:
        if session.scalar(
            select(func.count())
            .select_from(m.PublicationFile)
            .where(
                (m.PublicationFile.stored_name == file.stored_name)
                | (m.PublicationFile.uid == file.uid)
            )
        ):
            raise UserError(
                f"{label} cannot be put back: its file {file.name} belongs to another publication"
            )
        row = m.PublicationFile(
            uid=file.uid,
            created_at=file.created_at,
            updated_at=file.updated_at,
            publication_id=this,
            position=file.position,
            name=file.name,
            stored_name=file.stored_name,
            size=file.size,
            sha256=file.sha256,
        )
        if session.get(m.PublicationFile, file.id) is None:
            row.id = file.id
        session.add(row)
    session.flush()
    replacement = None
    if deleted.replaced_by is not None:
        replacement = session.scalar(select(cls.id).where(cls.uid == deleted.replaced_by))
    touched: dict[type[Any], set[int]] = defaultdict(set)
    columns = {column.place: column for column in _COLUMNS[kind]}
    pairs = {pair.place: pair for pair in _PAIRS[kind]}
    for link in deleted.links:
        if link.place in columns:
            column = columns[link.place]
            other_id = session.scalar(select(column.cls.id).where(column.cls.uid == link.uid))
            if other_id is None:
                continue
            session.execute(
                update(_table(column.cls))
                .where(_table(column.cls).c.id == other_id)
                .values({column.column: this})
            )
            touched[column.cls].add(other_id)
            continue
        pair = pairs[link.place]
        other_id = session.scalar(select(pair.other_cls.id).where(pair.other_cls.uid == link.uid))
        if other_id is None:
            continue
        value: Any = link.role if pair.extra == "role" else link.position
        table = _table(pair.cls)
        if link.moved and replacement is not None:
            where = (table.c[pair.this] == replacement) & (table.c[pair.other] == other_id)
            if pair.extra == "role":
                where &= table.c.role == value
            session.execute(delete(table).where(where))
        if not _linked(session, pair, this, other_id, value):
            values = {pair.this: this, pair.other: other_id}
            if pair.extra:
                values[pair.extra] = value
            session.execute(insert(table).values(values))
            if link.order is not None:
                _put_back(session, pair, other_id, (this, value if pair.extra else ""), link.order)
        touched[pair.other_cls].add(other_id)
    if replacement is not None:
        touched[cls].add(replacement)
    if kind in _TREES:
        column_name, words = _TREES[kind]
        parent = getattr(record, column_name)
        if any(i == this for i, _name in _ancestors(session, kind, parent)):
            raise UserError(f"{label} cannot be put back: it would be {words} itself")
    session.flush()
    _touch(session, touched)
    session.expire_all()
    return deleted.uid


def _without_gone_links(session: Session, kind: str, draft: Any) -> Any:
    """``draft`` without its links to records no longer in the catalogue."""
    changes: dict[str, Any] = {}
    for name, cls in (
        ("parent_id", _model(kind)),
        ("organization_id", m.Organization),
        ("local_government_id", m.LocalGovernment),
        ("translation_of_id", m.Publication),
    ):
        value = getattr(draft, name, None)
        if value is not None and not _existing(session, cls, [value]):
            changes[name] = None
    for name, cls in (
        ("pathway_ids", m.Pathway),
        ("program_ids", m.Program),
        ("event_ids", m.Event),
    ):
        ids = getattr(draft, name, None)
        if ids:
            have = _existing(session, cls, ids)
            changes[name] = tuple(i for i in ids if i in have)
    for name, cls in (("organizations", m.Organization), ("local_governments", m.LocalGovernment)):
        pairs = getattr(draft, name, None)
        if pairs:
            have = _existing(session, cls, (i for i, _ in pairs))
            changes[name] = tuple((i, role) for i, role in pairs if i in have)
    return replace(draft, **changes)


# --- what the forms offer --------------------------------------------------------------------


def form_choices(session: Session, kind: str) -> dict[str, list[Choice]]:
    """What the form of ``kind`` offers for its links, each list sorted by label.

    Pathways come in the report's order. "languages" and "countries" hold the values
    already in use (with id 0), for the editable lists of those fields.
    """
    _model(kind)
    wanted = {
        "program": ("pathways", "programs", "organizations", "local_governments"),
        "local_government": ("local_governments", "countries"),
        "person": ("organizations", "local_governments", "people"),
        "organization": ("organizations", "countries"),
        "publication": ("publications", "programs", "organizations", "events", "languages"),
    }[kind]
    return {name: _CHOICES[name](session) for name in wanted}


def _sorted(choices: Iterable[Choice]) -> list[Choice]:
    return sorted(choices, key=lambda c: (c.label.casefold(), c.id))


def _pathway_choices(session: Session) -> list[Choice]:
    return [
        Choice(i, name)
        for i, name in session.execute(
            select(m.Pathway.id, m.Pathway.name).order_by(m.Pathway.position, m.Pathway.id)
        )
    ]


def _people_choices(session: Session) -> list[Choice]:
    return _sorted(Choice(i, n) for i, n in session.execute(select(m.Person.id, m.Person.name)))


def _program_choices(session: Session) -> list[Choice]:
    return _sorted(Choice(i, n) for i, n in session.execute(select(m.Program.id, m.Program.name)))


def _organization_choices(session: Session) -> list[Choice]:
    org = m.Organization
    return _sorted(Choice(i, n) for i, n in session.execute(select(org.id, org.name)))


def _local_government_choices(session: Session) -> list[Choice]:
    lg = m.LocalGovernment
    return _sorted(
        Choice(i, f"{name} {native}, {country}" if native else f"{name}, {country}")
        for i, name, native, country in session.execute(
            select(lg.id, lg.name, lg.native_name, lg.country)
        )
    )


def _publication_choices(session: Session) -> list[Choice]:
    pub = m.Publication
    return _sorted(Choice(i, t) for i, t in session.execute(select(pub.id, pub.title)))


def _event_choices(session: Session) -> list[Choice]:
    e = m.Event
    return _sorted(
        Choice(i, f"{title}, {describe_range(start, end, precision)}")
        for i, title, start, end, precision in session.execute(
            select(e.id, e.title, e.start_date, e.end_date, e.date_precision)
        )
    )


def _language_choices(session: Session) -> list[Choice]:
    return _sorted(
        Choice(0, code) for code in session.scalars(select(m.Publication.language).distinct())
    )


def _country_choices(session: Session) -> list[Choice]:
    countries = set(session.scalars(select(m.LocalGovernment.country).distinct()))
    countries |= set(session.scalars(select(m.Organization.country).distinct()))
    return _sorted(Choice(0, c) for c in countries if c)


_CHOICES: dict[str, Callable[[Session], list[Choice]]] = {
    "pathways": _pathway_choices,
    "programs": _program_choices,
    "organizations": _organization_choices,
    "local_governments": _local_government_choices,
    "publications": _publication_choices,
    "events": _event_choices,
    "languages": _language_choices,
    "countries": _country_choices,
    "people": _people_choices,
}
