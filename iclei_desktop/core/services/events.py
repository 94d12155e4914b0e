"""Add, edit, duplicate and delete events; each change raises the event's SEQUENCE."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import models as m
from ..dto import Choice, EventDraft
from ..errors import UserError
from ..validation import validate_event

UID_DOMAIN = "iclei-eastasia.desktop"


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


def _apply(session: Session, event: m.Event, draft: EventDraft) -> None:
    event.title = draft.title.strip()
    event.series = draft.series.strip() or None
    event.all_day = draft.all_day
    assert draft.start_date is not None and draft.end_date is not None
    event.start_date, event.end_date = draft.start_date, draft.end_date
    if draft.all_day:
        event.start_time = event.end_time = None
        event.timezone = None
    else:
        event.start_time, event.end_time = draft.start_time, draft.end_time
        event.timezone = draft.timezone
    event.location = draft.location.strip() or None
    event.mode = draft.mode
    event.status = draft.status
    event.program_id = draft.program_id
    event.attendance = draft.attendance
    event.description = draft.description.strip() or None
    event.url = draft.url.strip() or None
    event.date_precision = draft.date_precision
    event.date_text = draft.date_text.strip() or None
    event.note = draft.note.strip() or None
    event.attendance_text = draft.attendance_text.strip() or None
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
