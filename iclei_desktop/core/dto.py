"""Frozen rows the GUI may hold: plain data, no ORM objects, no sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ProgramRow:
    """A program in the Programs list."""

    id: int
    uid: str
    name: str
    acronym: str | None
    kind: str
    pathways: tuple[str, ...]
    period: str
    status: str | None


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event in the Events list; ``when`` is the date as a person reads it."""

    id: int
    uid: str
    title: str
    series: str | None
    start_date: date
    end_date: date
    when: str
    location: str | None
    mode: str | None
    status: str
    program: str | None


@dataclass(frozen=True, slots=True)
class MemberRow:
    """A local government in the Members list."""

    id: int
    uid: str
    name: str
    native_name: str | None
    country: str
    kind: str
    is_member: bool | None
    member_since: int | None
    programs: int
    events: int


@dataclass(frozen=True, slots=True)
class PublicationRow:
    """A publication in the Publications list."""

    id: int
    uid: str
    title: str
    kind: str
    published_on: date | None
    when: str
    language: str
    publishers: str
    original: str | None


@dataclass(frozen=True, slots=True)
class Counts:
    """How many records of each type the catalogue holds."""

    pathways: int
    programs: int
    events: int
    local_governments: int
    members: int
    people: int
    organizations: int
    publications: int
