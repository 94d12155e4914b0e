"""Add, edit, duplicate and delete events; each change raises the event's SEQUENCE."""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session

from .. import models as m
from ..dto import Choice, EventDraft
from ..errors import UserError
from ..models.base import utcnow
from ..validation import validate_event

UID_DOMAIN = "iclei-eastasia.desktop"
IN_CHUNK = 500  # values bound in one IN (…): far below any SQLite's limit on parameters


class InvalidEvent(UserError):
    """A draft that validation refuses; ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class EventNotFound(UserError):
    """The event is no longer in the catalogue."""


def new_uid() -> str:
    """A new, globally unique iCalendar UID."""
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


def _event(session: Session, uid: str) -> m.Event:
    event = session.scalars(select(m.Event).where(m.Event.uid == uid)).one_or_none()
    if event is None:
        raise EventNotFound("that event is no longer in the catalogue")
    return event


def event_draft(session: Session, uid: str) -> EventDraft:
    """Return an event as the form edits it."""
    e = _event(session, uid)
    return EventDraft(
        title=e.title,
        series=e.series or "",
        all_day=e.all_day,
        start_date=e.start_date,
        end_date=e.end_date,
        start_time=e.start_time,
        end_time=e.end_time,
        timezone=e.timezone or "",
        location=e.location or "",
        city_ids=tuple(link.local_government_id for link in e.local_government_links),
        mode=e.mode,
        status=e.status,
        program_id=e.program_id,
        organizer_ids=tuple(
            link.organization_id for link in e.organization_links if link.role == "organizer"
        ),
        attendance=e.attendance,
        description=e.description or "",
        url=e.url or "",
        date_precision=e.date_precision,
        date_text=e.date_text or "",
        note=e.note or "",
        attendance_text=e.attendance_text or "",
        other_organizations=tuple(
            (link.organization_id, link.role)
            for link in e.organization_links
            if link.role != "organizer"
        ),
        publication_ids=tuple(
            session.scalars(
                select(m.PublicationEvent.publication_id).where(m.PublicationEvent.event_id == e.id)
            )
        ),
    )


def create_event(session: Session, draft: EventDraft, uid: str | None = None) -> str:
    """Add an event (with ``uid`` when restoring one) and return its UID."""
    errors = validate_event(draft)
    if errors:
        raise InvalidEvent(errors)
    uid = uid or new_uid()
    if session.scalar(select(func.count()).select_from(m.Event).where(m.Event.uid == uid)):
        raise UserError(f"an event with the UID {uid} is already in the catalogue")
    event = m.Event(uid=uid, sequence=0)
    session.add(event)
    _apply(session, event, draft)
    session.flush()
    return uid


def update_event(session: Session, uid: str, draft: EventDraft) -> None:
    """Change an event to ``draft``; its SEQUENCE goes up by one."""
    errors = validate_event(draft)
    if errors:
        raise InvalidEvent(errors)
    event = _event(session, uid)
    _apply(session, event, draft)
    event.sequence += 1
    session.flush()


def raise_sequence(session: Session, uid: str, sequence: int) -> None:
    """Raise an event's SEQUENCE to ``sequence`` if it is lower, as when importing a later copy.

    Calendar programs ignore an update whose SEQUENCE is below one they have seen, so an
    imported event keeps the file's SEQUENCE rather than restarting from the catalogue's.
    """
    event = _event(session, uid)
    if event.sequence < sequence:
        event.sequence = sequence
        session.flush()


def delete_event(session: Session, uid: str) -> EventDraft:
    """Delete an event; return it as a draft so it can be restored under the same UID."""
    draft = event_draft(session, uid)
    session.delete(_event(session, uid))
    session.flush()
    return draft


# --- many events at once (a calendar import) ------------------------------------------------
# The same changes as create_event, update_event and raise_sequence, made with a few
# statements for any number of events rather than several for each.


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the form edits it, with what changing it in bulk needs."""

    id: int
    draft: EventDraft
    sequence: int
    updated_at: datetime
    cities: tuple[tuple[int, int], ...]  # (local government id, position), in order


@dataclass(frozen=True, slots=True)
class EventWrite:
    """A draft to save under ``uid``, and a SEQUENCE to raise the event to if it is lower."""

    uid: str
    draft: EventDraft
    sequence: int | None = None


def stored_events(session: Session, uids: Iterable[str]) -> dict[str, StoredEvent]:
    """Return the events the catalogue has of ``uids``, by UID; reads with four queries."""
    wanted = list(dict.fromkeys(uid for uid in uids if uid))
    if not wanted:
        return {}
    table = _table(m.Event)
    query = select(table.c.id, table.c.uid, table.c.sequence, table.c.updated_at).add_columns(
        *(table.c[name] for name in _DRAFT_COLUMNS)
    )
    rows = [
        row
        for chunk in _chunks(wanted)
        for row in session.execute(query.where(table.c.uid.in_(chunk)))
    ]
    ids = [row[0] for row in rows]
    cities: dict[int, list[tuple[int, int]]] = defaultdict(list)
    city = m.EventLocalGovernment
    for event_id, lg_id, position in session.execute(
        select(city.event_id, city.local_government_id, city.position)
        .where(city.event_id.in_(_each(ids)))
        .order_by(city.event_id, city.position, city.local_government_id)
    ):
        cities[event_id].append((lg_id, position))
    organizations: dict[int, list[tuple[int, str]]] = defaultdict(list)
    org = m.EventOrganization
    for event_id, org_id, role in session.execute(
        select(org.event_id, org.organization_id, org.role)
        .where(org.event_id.in_(_each(ids)))
        .order_by(org.event_id, org.organization_id, org.role)
    ):
        organizations[event_id].append((org_id, role))
    publications: dict[int, list[int]] = defaultdict(list)
    pub = m.PublicationEvent
    for event_id, publication_id in session.execute(
        select(pub.event_id, pub.publication_id)
        .where(pub.event_id.in_(_each(ids)))
        .order_by(pub.event_id, literal_column("publication_event.rowid"))
    ):
        publications[event_id].append(publication_id)
    return {
        uid: StoredEvent(
            id=event_id,
            draft=_draft(
                columns, cities[event_id], organizations[event_id], publications[event_id]
            ),
            sequence=sequence,
            updated_at=updated_at,
            cities=tuple(cities[event_id]),
        )
        for event_id, uid, sequence, updated_at, *columns in rows
    }


def create_events(
    session: Session, writes: Sequence[EventWrite], *, validated: bool = False
) -> None:
    """Add events, as ``create_event`` then ``raise_sequence`` would each of ``writes``.

    Raises InvalidEvent for a draft with errors, unless the caller ``validated`` them all.
    """
    if not writes:
        return
    if not validated:
        _check(writes)
    uids = [write.uid for write in writes]
    taken = next(
        (
            uid
            for chunk in _chunks(uids)
            for uid in session.scalars(select(m.Event.uid).where(m.Event.uid.in_(chunk)).limit(1))
        ),
        None,
    )
    repeated = next((uid for uid, n in Counter(uids).items() if n > 1), None)
    if taken is not None or repeated is not None:
        raise UserError(f"an event with the UID {taken or repeated} is already in the catalogue")
    bulk = [write for write in writes if not write.draft.new_cities]
    for write in writes:
        if write.draft.new_cities:  # the form's way: a city is added, then linked
            create_event(session, write.draft, write.uid)
            if write.sequence is not None:
                raise_sequence(session, write.uid, write.sequence)
    if not bulk:
        return
    now = utcnow()
    table = _table(m.Event)
    session.execute(
        insert(table),
        [
            {
                **_columns(write.draft),
                "uid": write.uid,
                "sequence": max(0, write.sequence or 0),
                "created_at": now,
                "updated_at": now,
            }
            for write in bulk
        ],
    )
    ids: dict[str, int] = {
        uid: event_id
        for chunk in _chunks([write.uid for write in bulk])
        for uid, event_id in session.execute(
            select(table.c.uid, table.c.id).where(table.c.uid.in_(chunk))
        )
    }
    links = _Links()
    for write in bulk:
        links.change(ids[write.uid], None, write.draft)
    links.write(session)


def update_events(
    session: Session,
    writes: Sequence[EventWrite],
    stored: Mapping[str, StoredEvent],
    *,
    validated: bool = False,
) -> None:
    """Change events, as ``update_event`` then ``raise_sequence`` would each of ``writes``.

    ``stored`` holds each event as ``stored_events`` read it in this transaction. Raises
    InvalidEvent for a draft with errors, unless the caller ``validated`` them all.
    """
    if not writes:
        return
    if not validated:
        _check(writes)
    missing = [write.uid for write in writes if write.uid not in stored]
    if missing:
        raise EventNotFound("that event is no longer in the catalogue")
    bulk = [write for write in writes if not write.draft.new_cities]
    for write in writes:
        if write.draft.new_cities:
            update_event(session, write.uid, write.draft)
            if write.sequence is not None:
                raise_sequence(session, write.uid, write.sequence)
    if not bulk:
        return
    now = utcnow()
    table = _table(m.Event)
    rows = []
    links = _Links()
    for write in bulk:
        current = stored[write.uid]
        sequence = current.sequence + 1
        if write.sequence is not None:
            sequence = max(sequence, write.sequence)
        rows.append(
            {
                **_columns(write.draft),
                "sequence": sequence,
                "updated_at": now,
                "event_key": current.id,
            }
        )
        links.change(current.id, current, write.draft)
    session.execute(update(table).where(table.c.id == bindparam("event_key")), rows)
    links.write(session)


def _table(cls: type[m.Base]) -> Table:
    return cast(Table, cls.__table__)


def _each(ids: Iterable[int]) -> Select[tuple[Any]]:
    """``SELECT value FROM json_each(?)``: any number of row ids as one parameter.

    Only for integers: text holding a NUL character would not come back out of JSON equal.
    """
    each = func.json_each(json.dumps(list(ids))).table_valued("value")
    return select(each.c.value)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    """``values`` in slices small enough for one ``IN (…)`` of bound parameters each."""
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def _check(writes: Sequence[EventWrite]) -> None:
    for write in writes:
        errors = validate_event(write.draft)
        if errors:
            raise InvalidEvent(errors)


# The columns of an event that make its draft, in the order _draft takes them.
_DRAFT_COLUMNS = (
    "title",
    "series",
    "all_day",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "timezone",
    "location",
    "mode",
    "status",
    "program_id",
    "attendance",
    "description",
    "url",
    "date_precision",
    "date_text",
    "note",
    "attendance_text",
)


def _draft(
    columns: Sequence[Any],
    cities: Sequence[tuple[int, int]],
    organizations: Sequence[tuple[int, str]],
    publications: Sequence[int],
) -> EventDraft:
    """Return an event's ``_DRAFT_COLUMNS`` and links as ``event_draft`` does."""
    (
        title,
        series,
        all_day,
        start_date,
        end_date,
        start_time,
        end_time,
        timezone,
        location,
        mode,
        status,
        program_id,
        attendance,
        description,
        url,
        date_precision,
        date_text,
        note,
        attendance_text,
    ) = columns
    return EventDraft(
        title=title,
        series=series or "",
        all_day=all_day,
        start_date=start_date,
        end_date=end_date,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone or "",
        location=location or "",
        city_ids=tuple(lg_id for lg_id, _position in cities),
        mode=mode,
        status=status,
        program_id=program_id,
        organizer_ids=tuple(org_id for org_id, role in organizations if role == "organizer"),
        attendance=attendance,
        description=description or "",
        url=url or "",
        date_precision=date_precision,
        date_text=date_text or "",
        note=note or "",
        attendance_text=attendance_text or "",
        other_organizations=tuple(
            (org_id, role) for org_id, role in organizations if role != "organizer"
        ),
        publication_ids=tuple(publications),
    )


class _Links:
    """The link rows that saving drafts adds, removes and renumbers, written together.

    The result is what ``_set_cities``, ``_set_organizers``, ``_set_other_organizations``
    and ``_set_publications`` leave: the cities in the draft's order numbered from 0, the
    organizers and the other (organization, role) pairs, and the publications.
    """

    def __init__(self) -> None:
        self.cities_added: list[dict[str, int]] = []
        self.cities_moved: list[dict[str, int]] = []
        self.cities_removed: list[dict[str, int]] = []
        self.organizations_added: list[dict[str, Any]] = []
        self.organizations_removed: list[dict[str, Any]] = []
        self.publications_added: list[dict[str, int]] = []
        self.publications_removed: list[dict[str, int]] = []

    def change(self, event_id: int, current: StoredEvent | None, draft: EventDraft) -> None:
        """Note the changes that make the event ``current`` (None: a new one) ``draft``."""
        positions = dict(current.cities) if current is not None else {}
        wanted = list(dict.fromkeys(draft.city_ids))
        for lg_id in positions.keys() - set(wanted):
            self.cities_removed.append({"e": event_id, "lg": lg_id})
        for position, lg_id in enumerate(wanted):
            row = {"e": event_id, "lg": lg_id, "position": position}
            if lg_id not in positions:
                self.cities_added.append(row)
            elif positions[lg_id] != position:
                self.cities_moved.append(row)
        have = _organizations(current.draft) if current is not None else set()
        now = _organizations(draft)
        self.organizations_removed += [
            {"e": event_id, "org": org_id, "r": role} for org_id, role in sorted(have - now)
        ]
        self.organizations_added += [
            {"event_id": event_id, "organization_id": org_id, "role": role}
            for org_id, role in sorted(now - have)
        ]
        had = set(current.draft.publication_ids) if current is not None else set()
        publications = set(draft.publication_ids)
        self.publications_removed += [{"e": event_id, "p": p} for p in sorted(had - publications)]
        self.publications_added += [
            {"event_id": event_id, "publication_id": p} for p in sorted(publications - had)
        ]

    def write(self, session: Session) -> None:
        """Apply the changes noted: removals first, so that a link can come back."""
        city = _table(m.EventLocalGovernment)
        org = _table(m.EventOrganization)
        pub = _table(m.PublicationEvent)
        at_city = (city.c.event_id == bindparam("e")) & (
            city.c.local_government_id == bindparam("lg")
        )
        statements: list[tuple[Any, list[dict[str, Any]]]] = [
            (delete(city).where(at_city), self.cities_removed),
            (
                delete(org).where(
                    (org.c.event_id == bindparam("e"))
                    & (org.c.organization_id == bindparam("org"))
                    & (org.c.role == bindparam("r"))
                ),
                self.organizations_removed,
            ),
            (
                delete(pub).where(
                    (pub.c.event_id == bindparam("e")) & (pub.c.publication_id == bindparam("p"))
                ),
                self.publications_removed,
            ),
            (update(city).where(at_city), self.cities_moved),
            (insert(city), [_city_row(row) for row in self.cities_added]),
            (insert(org), self.organizations_added),
            (insert(pub), self.publications_added),
        ]
        for statement, rows in statements:
            if rows:
                session.execute(statement, rows)


def _organizations(draft: EventDraft) -> set[tuple[int, str]]:
    return {(org_id, "organizer") for org_id in draft.organizer_ids} | set(
        draft.other_organizations
    )


def _city_row(row: dict[str, int]) -> dict[str, int]:
    return {"event_id": row["e"], "local_government_id": row["lg"], "position": row["position"]}


def _apply(session: Session, event: m.Event, draft: EventDraft) -> None:
    for key, value in _columns(draft).items():
        setattr(event, key, value)
    city_ids = list(dict.fromkeys(draft.city_ids))
    for name, country in draft.new_cities:
        city = m.LocalGovernment(
            uid=f"{uuid.uuid4()}", name=name.strip(), country=country.strip(), kind="city"
        )
        session.add(city)
        session.flush()
        city_ids.append(city.id)
    _set_cities(event, city_ids)
    _set_organizers(event, list(dict.fromkeys(draft.organizer_ids)))
    _set_other_organizations(event, draft.other_organizations)
    if event.id is None:
        session.flush()
    _set_publications(session, event, draft.publication_ids)


def _columns(draft: EventDraft) -> dict[str, Any]:
    """Return the event's own columns as ``draft`` sets them (the links aside)."""
    assert draft.start_date is not None and draft.end_date is not None
    timed = not draft.all_day
    return {
        "title": draft.title.strip(),
        "series": draft.series.strip() or None,
        "all_day": draft.all_day,
        "start_date": draft.start_date,
        "end_date": draft.end_date,
        "start_time": draft.start_time if timed else None,
        "end_time": draft.end_time if timed else None,
        "timezone": draft.timezone if timed else None,
        "location": draft.location.strip() or None,
        "mode": draft.mode,
        "status": draft.status,
        "program_id": draft.program_id,
        "attendance": draft.attendance,
        "description": draft.description.strip() or None,
        "url": draft.url.strip() or None,
        "date_precision": draft.date_precision,
        "date_text": draft.date_text.strip() or None,
        "note": draft.note.strip() or None,
        "attendance_text": draft.attendance_text.strip() or None,
    }


def _set_cities(event: m.Event, ids: list[int]) -> None:
    current = {link.local_government_id: link for link in event.local_government_links}
    for lg_id, link in current.items():
        if lg_id not in ids:
            event.local_government_links.remove(link)
    for position, lg_id in enumerate(ids):
        if lg_id in current:
            current[lg_id].position = position
        else:
            event.local_government_links.append(
                m.EventLocalGovernment(local_government_id=lg_id, position=position)
            )


def _set_organizers(event: m.Event, ids: list[int]) -> None:
    # Only the organizer role is edited in the form; other roles from the report stay.
    for link in [x for x in event.organization_links if x.role == "organizer"]:
        if link.organization_id not in ids:
            event.organization_links.remove(link)
    have = {x.organization_id for x in event.organization_links if x.role == "organizer"}
    for org_id in ids:
        if org_id not in have:
            event.organization_links.append(
                m.EventOrganization(organization_id=org_id, role="organizer")
            )


def _set_other_organizations(event: m.Event, pairs: tuple[tuple[int, str], ...]) -> None:
    wanted = set(pairs)
    for link in [x for x in event.organization_links if x.role != "organizer"]:
        if (link.organization_id, link.role) not in wanted:
            event.organization_links.remove(link)
    have = {(x.organization_id, x.role) for x in event.organization_links}
    for org_id, role in pairs:
        if (org_id, role) not in have:
            event.organization_links.append(m.EventOrganization(organization_id=org_id, role=role))


def _set_publications(session: Session, event: m.Event, ids: tuple[int, ...]) -> None:
    have = set(
        session.scalars(
            select(m.PublicationEvent.publication_id).where(m.PublicationEvent.event_id == event.id)
        )
    )
    for publication_id in set(ids) - have:
        session.add(m.PublicationEvent(publication_id=publication_id, event_id=event.id))
    for link in session.scalars(
        select(m.PublicationEvent).where(
            m.PublicationEvent.event_id == event.id,
            m.PublicationEvent.publication_id.in_(have - set(ids)),
        )
    ):
        session.delete(link)


def event_uid(session: Session, event_id: int) -> str:
    """Return the UID of the event with this row id."""
    uid = session.scalar(select(m.Event.uid).where(m.Event.id == event_id))
    if uid is None:
        raise EventNotFound("that event is no longer in the catalogue")
    return uid


def event_id(session: Session, uid: str) -> int:
    """Return the row id of the event with this UID."""
    return _event(session, uid).id


def form_choices(session: Session) -> dict[str, list[Choice]]:
    """What the event form offers: programs, local governments and organizations."""
    return {
        "programs": [
            Choice(p.id, p.name)
            for p in session.scalars(select(m.Program).order_by(m.Program.name))
        ],
        "cities": [
            Choice(
                lg.id,
                f"{lg.name} {lg.native_name}, {lg.country}"
                if lg.native_name
                else f"{lg.name}, {lg.country}",
            )
            for lg in session.scalars(select(m.LocalGovernment).order_by(m.LocalGovernment.name))
        ],
        "organizations": [
            Choice(o.id, o.name)
            for o in session.scalars(select(m.Organization).order_by(m.Organization.name))
        ],
    }
