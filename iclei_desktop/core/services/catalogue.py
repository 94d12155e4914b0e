"""The lists of the catalogue and its counts."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from .. import models as m
from ..dates import describe_partial, describe_range
from ..dto import (
    Counts,
    EventRow,
    MemberRow,
    OrganizationRow,
    ProgramRow,
    PublicationRow,
    Ref,
    SeatRow,
)


def program_period(program: m.Program) -> str:
    """Return a program's period in the report's words, else from its years."""
    if program.period_text:
        return program.period_text
    start, end = program.period_start, program.period_end
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else ""


def pathway_names(session: Session) -> list[str]:
    """Return the pathways' names in the report's order."""
    return list(session.scalars(select(m.Pathway.name).order_by(m.Pathway.position)))


def list_programs(session: Session) -> list[ProgramRow]:
    """Return every program, by name, with its pathways in order and its organizations."""
    programs = session.scalars(
        select(m.Program)
        .options(
            selectinload(m.Program.pathway_links).selectinload(m.ProgramPathway.pathway),
            selectinload(m.Program.organization_links).selectinload(
                m.ProgramOrganization.organization
            ),
        )
        .order_by(func.lower(m.Program.name))
    )
    return [
        ProgramRow(
            id=p.id,
            uid=p.uid,
            name=p.name,
            acronym=p.acronym,
            kind=p.kind,
            pathways=tuple(link.pathway.name for link in p.pathway_links),
            period=program_period(p),
            period_start=p.period_start,
            period_end=p.period_end,
            status=p.status,
            organizations=tuple(sorted({link.organization.name for link in p.organization_links})),
        )
        for p in programs
    ]


def list_events(session: Session) -> list[EventRow]:
    """Return every event, earliest first."""
    events = session.scalars(
        select(m.Event)
        .options(
            selectinload(m.Event.program)
            .selectinload(m.Program.pathway_links)
            .selectinload(m.ProgramPathway.pathway),
            selectinload(m.Event.local_government_links).selectinload(
                m.EventLocalGovernment.local_government
            ),
        )
        .order_by(m.Event.start_date, m.Event.end_date, m.Event.title)
    )
    return [
        EventRow(
            id=e.id,
            uid=e.uid,
            title=e.title,
            series=e.series,
            start_date=e.start_date,
            end_date=e.end_date,
            precision=e.date_precision,
            when=describe_range(e.start_date, e.end_date, e.date_precision),
            location=e.location,
            mode=e.mode,
            status=e.status,
            program=e.program.name if e.program else None,
            pathways=tuple(link.pathway.name for link in e.program.pathway_links)
            if e.program
            else (),
            cities=tuple(link.local_government.name for link in e.local_government_links),
        )
        for e in events
    ]


def list_members(session: Session) -> list[MemberRow]:
    """Return every local government, by country and name, with its link counts."""
    program_counts = _count_links(
        session, m.ProgramLocalGovernment.local_government_id, m.ProgramLocalGovernment.program_id
    )
    event_counts = _count_links(
        session, m.EventLocalGovernment.local_government_id, m.EventLocalGovernment.event_id
    )
    rows = session.scalars(
        select(m.LocalGovernment).order_by(m.LocalGovernment.country, m.LocalGovernment.name)
    )
    return [
        MemberRow(
            id=lg.id,
            uid=lg.uid,
            name=lg.name,
            native_name=lg.native_name,
            country=lg.country,
            kind=lg.kind,
            is_member=lg.is_member,
            member_since=lg.member_since,
            programs=program_counts.get(lg.id, 0),
            events=event_counts.get(lg.id, 0),
        )
        for lg in rows
    ]


def list_publications(session: Session) -> list[PublicationRow]:
    """Return every publication, newest first, undated last."""
    publications = session.scalars(
        select(m.Publication)
        .options(
            selectinload(m.Publication.organization_links).selectinload(
                m.PublicationOrganization.organization
            ),
            selectinload(m.Publication.translation_of),
            selectinload(m.Publication.program_links).selectinload(m.PublicationProgram.program),
        )
        .order_by(m.Publication.published_on.desc().nulls_last(), m.Publication.title)
    )
    rows = []
    for p in publications:
        by_role: dict[str, list[str]] = defaultdict(list)
        for link in p.organization_links:
            by_role[link.role].append(link.organization.acronym or link.organization.name)
        rows.append(
            PublicationRow(
                id=p.id,
                uid=p.uid,
                title=p.title,
                kind=p.kind,
                published_on=p.published_on,
                when=describe_partial(p.published_on, p.date_precision),
                language=p.language,
                publishers=", ".join(sorted(by_role["translator"] or by_role["publisher"])),
                original_id=p.translation_of_id,
                original=p.translation_of.title if p.translation_of else None,
                programs=tuple(sorted(link.program.name for link in p.program_links)),
                status=p.status,
            )
        )
    return rows


def _count_links(
    session: Session, owner: InstrumentedAttribute[int], other: InstrumentedAttribute[int]
) -> dict[int, int]:
    """Return, per owner id, how many distinct records a link table ties it to."""
    return dict(
        session.execute(select(owner, func.count(func.distinct(other))).group_by(owner)).all()
    )


def list_organizations(session: Session) -> list[OrganizationRow]:
    """Return every organization, by name, with how many programs, events and publications."""
    programs = _count_links(
        session, m.ProgramOrganization.organization_id, m.ProgramOrganization.program_id
    )
    events = _count_links(
        session, m.EventOrganization.organization_id, m.EventOrganization.event_id
    )
    publications = _count_links(
        session, m.PublicationOrganization.organization_id, m.PublicationOrganization.publication_id
    )
    return [
        OrganizationRow(
            id=o.id,
            uid=o.uid,
            name=o.name,
            acronym=o.acronym,
            kind=o.kind,
            country=o.country,
            programs=programs.get(o.id, 0),
            events=events.get(o.id, 0),
            publications=publications.get(o.id, 0),
        )
        for o in session.scalars(select(m.Organization).order_by(func.lower(m.Organization.name)))
    ]


def seat_row(seat: m.GovernanceSeat) -> SeatRow:
    """Return a seat as a row, naming whom the person represents."""
    person = seat.person
    represents = person.local_government or person.organization
    return SeatRow(
        id=seat.id,
        person=Ref("person", person.id, person.name),
        body=seat.body,
        position=seat.position,
        portfolio=seat.portfolio,
        term=f"{seat.term_start}–{seat.term_end}",
        represents=(
            Ref(
                "local_government" if person.local_government else "organization",
                represents.id,
                represents.name,
            )
            if represents
            else None
        ),
    )


POSITION_ORDER = (
    "President",
    "First Vice-President",
    "Vice-President",
    "Chair",
    "GexCom East Asia Seat",
    "Vice Chair",
    "Member",
    "Advisory Member",
)


def list_seats(session: Session) -> list[SeatRow]:
    """Return every governance seat, by body and rank; staff follow as body ``staff``."""
    seats = session.scalars(
        select(m.GovernanceSeat).options(
            selectinload(m.GovernanceSeat.person).selectinload(m.Person.local_government),
            selectinload(m.GovernanceSeat.person).selectinload(m.Person.organization),
        )
    )

    def rank(row: SeatRow) -> tuple[int, int, str]:
        position = POSITION_ORDER.index(row.position) if row.position in POSITION_ORDER else 99
        return (0 if row.body == "gexcom" else 1, position, row.person.label)

    rows = sorted((seat_row(s) for s in seats), key=rank)
    staff = session.scalars(
        select(m.Person).where(m.Person.is_staff.is_(True)).order_by(m.Person.name)
    )
    for person in staff:
        organization = person.organization
        rows.append(
            SeatRow(
                id=-person.id,
                person=Ref("person", person.id, person.name),
                body="staff",
                position=person.title,
                portfolio=None,
                term="",
                represents=Ref("organization", organization.id, organization.name)
                if organization
                else None,
            )
        )
    return rows


def counts(session: Session) -> Counts:
    """Count the records of each type."""

    def count(cls: type[m.Base], *where: ColumnElement[bool]) -> int:
        return session.scalar(select(func.count()).select_from(cls).where(*where)) or 0

    return Counts(
        pathways=count(m.Pathway),
        programs=count(m.Program),
        events=count(m.Event),
        local_governments=count(m.LocalGovernment),
        members=count(m.LocalGovernment, m.LocalGovernment.is_member.is_(True)),
        people=count(m.Person),
        organizations=count(m.Organization),
        publications=count(m.Publication),
    )
