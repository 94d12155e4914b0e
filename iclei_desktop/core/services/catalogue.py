"""The four lists of the catalogue and its counts."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..dates import describe_partial, describe_range
from ..dto import Counts, EventRow, MemberRow, ProgramRow, PublicationRow


def _period(program: m.Program) -> str:
    if program.period_text:
        return program.period_text
    start, end = program.period_start, program.period_end
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else ""


def list_programs(session: Session) -> list[ProgramRow]:
    """Return every program, by name, with its pathways in order."""
    programs = session.scalars(
        select(m.Program)
        .options(selectinload(m.Program.pathway_links).selectinload(m.ProgramPathway.pathway))
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
            period=_period(p),
            status=p.status,
        )
        for p in programs
    ]


def list_events(session: Session) -> list[EventRow]:
    """Return every event, earliest first."""
    events = session.scalars(
        select(m.Event)
        .options(selectinload(m.Event.program))
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
            when=describe_range(e.start_date, e.end_date, e.date_precision),
            location=e.location,
            mode=e.mode,
            status=e.status,
            program=e.program.name if e.program else None,
        )
        for e in events
    ]


def list_members(session: Session) -> list[MemberRow]:
    """Return every local government, by country and name, with its link counts."""
    program_counts = dict(
        session.execute(
            select(
                m.ProgramLocalGovernment.local_government_id,
                func.count(func.distinct(m.ProgramLocalGovernment.program_id)),
            ).group_by(m.ProgramLocalGovernment.local_government_id)
        ).all()
    )
    event_counts = dict(
        session.execute(
            select(m.EventLocalGovernment.local_government_id, func.count()).group_by(
                m.EventLocalGovernment.local_government_id
            )
        ).all()
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
                publishers=", ".join(by_role["translator"] or by_role["publisher"]),
                original=p.translation_of.title if p.translation_of else None,
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
