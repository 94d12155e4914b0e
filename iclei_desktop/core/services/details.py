"""One record with every record it names, as links, for the detail panes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..attachments import file_rows
from ..dates import describe_partial, describe_range
from ..dto import (
    EventDetail,
    Figure,
    LocalGovernmentDetail,
    OrganizationDetail,
    PersonDetail,
    ProgramDetail,
    PublicationDetail,
    Ref,
)
from ..errors import UserError
from .catalogue import POSITION_ORDER, program_period, seat_row


class RecordNotFound(UserError):
    """The record asked for is not (or no longer) in the catalogue."""


T = TypeVar("T", bound=m.Base)


def _get(session: Session, cls: type[T], record_id: int) -> T:
    record = session.get(cls, record_id)
    if record is None:
        raise RecordNotFound(f"that record is no longer in the catalogue ({record_id})")
    return record


def program_ref(p: m.Program, note: str = "") -> Ref:
    """Link to a program."""
    return Ref("program", p.id, p.name, note)


def event_ref(e: m.Event) -> Ref:
    """Link to an event, noting its date."""
    return Ref("event", e.id, e.title, describe_range(e.start_date, e.end_date, e.date_precision))


def lg_ref(lg: m.LocalGovernment, note: str = "") -> Ref:
    """Link to a local government, with its native-script name."""
    label = f"{lg.name} {lg.native_name}" if lg.native_name else lg.name
    return Ref("local_government", lg.id, label, note)


def org_ref(o: m.Organization, note: str = "") -> Ref:
    """Link to an organization."""
    return Ref("organization", o.id, o.name, note)


def person_ref(p: m.Person, note: str = "") -> Ref:
    """Link to a person."""
    return Ref("person", p.id, p.name, note or p.title)


def publication_ref(p: m.Publication) -> Ref:
    """Link to a publication, noting its date and language."""
    when = describe_partial(p.published_on, p.date_precision)
    return Ref("publication", p.id, p.title, ", ".join(x for x in (when, p.language) if x))


def _events(events: Iterable[m.Event]) -> tuple[Ref, ...]:
    ordered = sorted(set(events), key=lambda e: (e.start_date, e.end_date, e.title))
    return tuple(event_ref(e) for e in ordered)


def _publications(publications: Iterable[m.Publication]) -> tuple[Ref, ...]:
    ordered = sorted(
        set(publications), key=lambda p: (p.published_on is None, p.published_on, p.title)
    )
    return tuple(publication_ref(p) for p in ordered)


def _by_name(refs: Iterable[Ref]) -> tuple[Ref, ...]:
    return tuple(sorted(refs, key=lambda r: (r.label.casefold(), r.note)))


def program_detail(session: Session, program_id: int) -> ProgramDetail:
    """Return a program with its organizations, cities, figures, events and publications."""
    p = _get(session, m.Program, program_id)
    events = session.scalars(select(m.Event).where(m.Event.program_id == p.id))
    publications = session.scalars(
        select(m.Publication)
        .join(m.PublicationProgram)
        .where(m.PublicationProgram.program_id == p.id)
    )
    return ProgramDetail(
        id=p.id,
        uid=p.uid,
        name=p.name,
        acronym=p.acronym,
        kind=p.kind,
        status=p.status,
        period=program_period(p),
        pathways=tuple(link.pathway.name for link in p.pathway_links),
        summary=p.summary,
        note=p.note,
        parent=program_ref(p.parent) if p.parent else None,
        children=_by_name(program_ref(c) for c in p.children),
        organizations=_by_name(
            org_ref(link.organization, link.role) for link in p.organization_links
        ),
        local_governments=_by_name(
            lg_ref(link.local_government, link.role) for link in p.local_government_links
        ),
        figures=tuple(Figure(f.label, f.value, f.note) for f in p.figures),
        events=_events(events),
        publications=_publications(publications),
    )


def event_detail(session: Session, event_id: int) -> EventDetail:
    """Return an event with its program, cities, organizations and publications."""
    e = _get(session, m.Event, event_id)
    times = None
    if not e.all_day and e.start_time and e.end_time:
        times = f"{e.start_time:%H:%M}–{e.end_time:%H:%M} ({e.timezone})"
    publications = session.scalars(
        select(m.Publication).join(m.PublicationEvent).where(m.PublicationEvent.event_id == e.id)
    )
    return EventDetail(
        id=e.id,
        uid=e.uid,
        title=e.title,
        series=e.series,
        when=describe_range(e.start_date, e.end_date, e.date_precision),
        date_text=e.date_text,
        precision=e.date_precision,
        times=times,
        location=e.location,
        mode=e.mode,
        status=e.status,
        program=program_ref(e.program) if e.program else None,
        pathways=tuple(link.pathway.name for link in e.program.pathway_links) if e.program else (),
        cities=tuple(lg_ref(link.local_government) for link in e.local_government_links),
        organizations=_by_name(
            org_ref(link.organization, link.role) for link in e.organization_links
        ),
        attendance=e.attendance,
        attendance_text=e.attendance_text,
        description=e.description,
        url=e.url,
        note=e.note,
        publications=_publications(publications),
    )


def local_government_detail(session: Session, lg_id: int) -> LocalGovernmentDetail:
    """Return a local government with its people, seats, programs and events."""
    lg = _get(session, m.LocalGovernment, lg_id)
    people = session.scalars(select(m.Person).where(m.Person.local_government_id == lg.id)).all()
    seats = [seat_row(seat) for person in people for seat in person.seats]
    programs = session.scalars(
        select(m.ProgramLocalGovernment).where(
            m.ProgramLocalGovernment.local_government_id == lg.id
        )
    )
    events = session.scalars(
        select(m.Event)
        .join(m.EventLocalGovernment)
        .where(m.EventLocalGovernment.local_government_id == lg.id)
    )
    return LocalGovernmentDetail(
        id=lg.id,
        uid=lg.uid,
        name=lg.name,
        native_name=lg.native_name,
        kind=lg.kind,
        country=lg.country,
        is_member=lg.is_member,
        member_since=lg.member_since,
        membership_note=lg.membership_note,
        note=lg.note,
        parent=lg_ref(lg.parent) if lg.parent else None,
        children=_by_name(lg_ref(c) for c in lg.children),
        representatives=_by_name(person_ref(p) for p in people),
        seats=tuple(seats),
        programs=_by_name(program_ref(link.program, link.role) for link in programs),
        events=_events(events),
    )


def person_detail(session: Session, person_id: int) -> PersonDetail:
    """Return a person with whom they represent and their seats."""
    p = _get(session, m.Person, person_id)
    seats = sorted(
        (seat_row(s) for s in p.seats),
        key=lambda s: POSITION_ORDER.index(s.position) if s.position in POSITION_ORDER else 99,
    )
    return PersonDetail(
        id=p.id,
        uid=p.uid,
        name=p.name,
        honorific=p.honorific,
        native_name=p.native_name,
        title=p.title,
        city=p.city,
        is_staff=p.is_staff,
        organization=org_ref(p.organization) if p.organization else None,
        local_government=lg_ref(p.local_government) if p.local_government else None,
        seats=tuple(seats),
        note=p.note,
    )


def organization_detail(session: Session, org_id: int) -> OrganizationDetail:
    """Return an organization with its people and its roles in programs, events, publications."""
    o = _get(session, m.Organization, org_id)
    people = session.scalars(select(m.Person).where(m.Person.organization_id == o.id))
    programs = session.scalars(
        select(m.ProgramOrganization).where(m.ProgramOrganization.organization_id == o.id)
    )
    events = session.scalars(
        select(m.EventOrganization).where(m.EventOrganization.organization_id == o.id)
    )
    publications = session.scalars(
        select(m.PublicationOrganization).where(m.PublicationOrganization.organization_id == o.id)
    )
    return OrganizationDetail(
        id=o.id,
        uid=o.uid,
        name=o.name,
        acronym=o.acronym,
        native_name=o.native_name,
        kind=o.kind,
        country=o.country,
        note=o.note,
        parent=org_ref(o.parent) if o.parent else None,
        children=_by_name(org_ref(c) for c in o.children),
        people=_by_name(person_ref(p) for p in people),
        programs=_by_name(program_ref(link.program, link.role) for link in programs),
        events=tuple(
            Ref("event", link.event.id, link.event.title, link.role)
            for link in sorted(events, key=lambda link: link.event.start_date)
        ),
        publications=_by_name(
            Ref("publication", link.publication.id, link.publication.title, link.role)
            for link in publications
        ),
    )


def publication_detail(
    session: Session, publication_id: int, files_folder: Path | None = None
) -> PublicationDetail:
    """Return a publication with its organizations, original, translations, programs, events.

    Its files are listed, with their status, when ``files_folder`` (where they are kept) is given.
    """
    p = _get(session, m.Publication, publication_id)
    return PublicationDetail(
        id=p.id,
        uid=p.uid,
        title=p.title,
        kind=p.kind,
        when=describe_partial(p.published_on, p.date_precision),
        date_text=p.date_text,
        status=p.status,
        language=p.language,
        url=p.url,
        note=p.note,
        organizations=_by_name(
            org_ref(link.organization, link.role) for link in p.organization_links
        ),
        translation_of=publication_ref(p.translation_of) if p.translation_of else None,
        translations=_publications(p.translations),
        programs=_by_name(program_ref(link.program) for link in p.program_links),
        events=_events(link.event for link in p.event_links),
        files=file_rows(p.files, files_folder) if files_folder is not None else (),
    )
