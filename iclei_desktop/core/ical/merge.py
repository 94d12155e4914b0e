"""Decide what each incoming event does to the catalogue: add, update, leave, or skip.

Events are matched by UID. A new UID is added. For a UID the catalogue has, the file's copy
is applied to the catalogue's (what iCalendar cannot carry, such as cities, organizers and
notes, stays); if that changes nothing the event is "unchanged". Otherwise the newer edit wins:
the higher SEQUENCE when the file gives one that differs from the catalogue's, else the later
of the file's LAST-MODIFIED (or DTSTAMP) and the catalogue's last edit. An older copy is
skipped. A cancellation (METHOD:CANCEL) always marks the catalogue's event cancelled. Every
event to be written must pass the catalogue's validation; one that does not is skipped with
the validation's message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..dto import EventDraft
from ..validation import validate_event
from . import ImportItem
from .import_ import Incoming

OLDER = "older than the catalogue's copy"
NOT_NEWER = (
    "the file does not say when it was edited (no SEQUENCE, LAST-MODIFIED or DTSTAMP), "
    "so the catalogue's copy is kept"
)
CANCEL_UNKNOWN = "cancelled invitation for an event not in the catalogue"


@dataclass(frozen=True, slots=True)
class Existing:
    """The catalogue's copy of an event: as the form edits it, its SEQUENCE and last edit."""

    draft: EventDraft
    sequence: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Planned:
    """An item and, to add or update, the draft to write and the file's SEQUENCE."""

    item: ImportItem
    draft: EventDraft | None = None
    sequence: int | None = None


def plan(
    incoming: Sequence[Incoming],
    existing: Mapping[str, Existing],
    programs: Mapping[str, int],
) -> list[Planned]:
    """Return what to do with each incoming item, in order.

    ``existing`` maps UIDs to the catalogue's copies; ``programs`` maps case-folded program
    names to ids, so that a category naming a program links the event to it.
    """
    return [_plan_one(item, existing.get(item.uid), programs) for item in incoming]


def _plan_one(item: Incoming, current: Existing | None, programs: Mapping[str, int]) -> Planned:
    def skip(reason: str) -> Planned:
        return Planned(ImportItem("skip", item.uid, item.title, item.when, reason))

    if item.reason:
        return skip(item.reason)
    if item.cancel:
        if current is None:
            return skip(CANCEL_UNKNOWN)
        draft = replace(current.draft, status="cancelled")
    else:
        assert item.fields is not None
        base = current.draft if current is not None else EventDraft()
        draft = item.fields.draft(base, programs)
    errors = validate_event(draft)
    if errors:
        return skip("; ".join(errors.values()))
    if current is None:
        return Planned(ImportItem("add", item.uid, item.title, item.when), draft, item.sequence)
    if draft == current.draft:
        return Planned(ImportItem("unchanged", item.uid, item.title, item.when))
    if not item.cancel:
        newer = _is_newer(item, current)
        if newer is None:
            return skip(NOT_NEWER)
        if not newer:
            return skip(OLDER)
    return Planned(ImportItem("update", item.uid, item.title, item.when), draft, item.sequence)


def _is_newer(item: Incoming, current: Existing) -> bool | None:
    """Whether the file's copy is the newer edit; None when the file cannot tell."""
    if item.sequence is not None and item.sequence != current.sequence:
        return item.sequence > current.sequence
    if item.modified is None:
        return None
    # iCalendar times have whole seconds; the catalogue's have microseconds.
    updated = current.updated_at.replace(microsecond=0)
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=UTC)
    return item.modified > updated
