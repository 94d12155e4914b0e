"""The session side of iCalendar: pick the events to export, and write what an import plans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..errors import ExportError
from ..services import events
from ..vocabulary import EVENT_STATUSES
from . import ImportPreview
from .export import CalendarEvent
from .import_ import Incoming
from .merge import Existing, Planned, plan

BATCH = 1_000  # events written with one statement of each kind


def events_for_export(
    session: Session,
    *,
    event_ids: Sequence[int] | None = None,
    start: date | None = None,
    end: date | None = None,
    program: str | None = None,
    status: str | None = None,
) -> list[CalendarEvent]:
    """Return the events to export, earliest first.

    All events, or only ``event_ids``; then only those overlapping [``start``, ``end``], of
    the program named ``program`` (its name or acronym, any case) and with ``status``.
    Raises ExportError for an unknown program or status, or an end before the start.
    """
    query = select(m.Event).options(
        selectinload(m.Event.program)
        .selectinload(m.Program.pathway_links)
        .selectinload(m.ProgramPathway.pathway)
    )
    if start is not None and end is not None and end < start:
        raise ExportError(f"the end date {end} is before the start date {start}")
    if event_ids is not None:
        query = query.where(m.Event.id.in_(list(event_ids)))
    if start is not None:
        query = query.where(m.Event.end_date >= start)
    if end is not None:
        query = query.where(m.Event.start_date <= end)
    if program is not None:
        query = query.where(m.Event.program_id == _program_id(session, program))
    if status is not None:
        if status not in EVENT_STATUSES:
            raise ExportError(
                f"there is no event status “{status}”: use {', '.join(EVENT_STATUSES)}"
            )
        query = query.where(m.Event.status == status)
    query = query.order_by(m.Event.start_date, m.Event.end_date, m.Event.title, m.Event.uid)
    return [_calendar_event(e) for e in session.scalars(query)]


def plan_import(session: Session, incoming: Sequence[Incoming]) -> list[Planned]:
    """Return what importing ``incoming`` would do; reads only."""
    return _plan(session, incoming)[0]


def import_events(
    session: Session,
    incoming: Sequence[Incoming],
    progress: Callable[[int, int], None] | None = None,
) -> ImportPreview:
    """Add and update the events ``incoming`` holds; return what was done.

    Written as the event services write, so validation and SEQUENCE behave as in the form
    (an event the file gives a higher SEQUENCE keeps the file's), but in batches of
    ``BATCH`` events, a few statements each. ``progress(done, total)`` is called before each
    item; an exception it raises stops the import (the caller rolls back).
    """
    planned, stored = _plan(session, incoming)
    adds: list[events.EventWrite] = []
    updates: list[events.EventWrite] = []

    def write() -> None:
        # plan() let through only drafts that pass the catalogue's validation.
        events.create_events(session, adds, validated=True)
        events.update_events(session, updates, stored, validated=True)
        adds.clear()
        updates.clear()

    for done, step in enumerate(planned):
        if progress is not None:
            progress(done, len(planned))
        if step.draft is None:
            continue
        batch = adds if step.item.action == "add" else updates
        batch.append(events.EventWrite(step.item.uid, step.draft, step.sequence))
        if len(adds) + len(updates) >= BATCH:
            write()
    write()
    return ImportPreview(tuple(step.item for step in planned))


def _program_id(session: Session, name: str) -> int:
    wanted = name.strip().casefold()
    programs = session.execute(select(m.Program.id, m.Program.name, m.Program.acronym)).all()
    by_name = [int(row.id) for row in programs if row.name.casefold() == wanted]
    by_acronym = [int(row.id) for row in programs if (row.acronym or "").casefold() == wanted]
    if by_name or by_acronym:
        return (by_name or by_acronym)[0]
    raise ExportError(f"there is no program named “{name}”")


def _programs(session: Session) -> dict[str, int]:
    return {
        name.casefold(): program_id
        for program_id, name in session.execute(select(m.Program.id, m.Program.name))
    }


def _plan(
    session: Session, incoming: Sequence[Incoming]
) -> tuple[list[Planned], dict[str, events.StoredEvent]]:
    """Plan the import, with the catalogue's copies of the incoming events read in bulk."""
    stored = events.stored_events(session, (item.uid for item in incoming))
    existing = {
        uid: Existing(event.draft, event.sequence, event.updated_at)
        for uid, event in stored.items()
    }
    return plan(incoming, existing, _programs(session)), stored


def _calendar_event(e: m.Event) -> CalendarEvent:
    return CalendarEvent(
        uid=e.uid,
        title=e.title,
        start_date=e.start_date,
        end_date=e.end_date,
        all_day=e.all_day,
        start_time=e.start_time,
        end_time=e.end_time,
        timezone=e.timezone,
        date_precision=e.date_precision,
        date_text=e.date_text,
        status=e.status,
        mode=e.mode,
        location=e.location,
        description=e.description,
        url=e.url,
        sequence=e.sequence,
        created_at=e.created_at,
        updated_at=e.updated_at,
        program=e.program.name if e.program else None,
        pathways=tuple(link.pathway.name for link in e.program.pathway_links) if e.program else (),
    )
