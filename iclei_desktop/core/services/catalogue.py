"""The lists of the catalogue and its counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..dto import (
    Counts,
    Ref,
    SeatRow,
)


def program_period(program: m.Program | Any) -> str:
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
    """Return every governance seat, by body and rank; then staff (body ``staff``) and the
    people who hold no seat (body ``other``), by name."""
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
    # Staff, then the people with no seat (added through the person form): every person is
    # listed somewhere, as body "staff" or "other".
    people = session.scalars(
        select(m.Person)
        .where(m.Person.is_staff.is_(True) | ~m.Person.seats.any())
        .options(selectinload(m.Person.local_government), selectinload(m.Person.organization))
        .order_by(m.Person.is_staff.desc(), m.Person.name)
    )
    for person in people:
        represents: Ref | None = None
        if person.organization is not None:
            represents = Ref("organization", person.organization.id, person.organization.name)
        elif person.local_government is not None and not person.is_staff:
            represents = Ref(
                "local_government", person.local_government.id, person.local_government.name
            )
        rows.append(
            SeatRow(
                id=-person.id,
                person=Ref("person", person.id, person.name),
                body="staff" if person.is_staff else "other",
                position=person.title,
                portfolio=None,
                term="",
                represents=represents,
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
