"""Every person as a row of the people table, with their seats in words."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..columns import word
from ..dto import PersonRow


def seat_text(seat: m.GovernanceSeat) -> str:
    """A seat in words: "GexCom: First Vice-President (portfolio), 2018–2021"."""
    portfolio = f" ({seat.portfolio})" if seat.portfolio else ""
    return f"{word(seat.body)}: {seat.position}{portfolio}, {seat.term_start}–{seat.term_end}"


def person_rows(session: Session) -> list[PersonRow]:
    """Every person, by name (there are a few dozen, not thousands: no paging)."""
    people = session.scalars(
        select(m.Person)
        .options(
            selectinload(m.Person.organization),
            selectinload(m.Person.local_government),
            selectinload(m.Person.seats),
        )
        .order_by(m.Person.name.collate("NOCASE"), m.Person.id)
    )
    return [
        PersonRow(
            id=person.id,
            uid=person.uid,
            name=person.name,
            native_name=person.native_name,
            honorific=person.honorific,
            title=person.title,
            organization=person.organization.name if person.organization else None,
            local_government=person.local_government.name if person.local_government else None,
            city=person.city,
            is_staff=bool(person.is_staff),
            seats=tuple(seat_text(seat) for seat in person.seats),
        )
        for person in people
    ]
