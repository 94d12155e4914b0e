"""Frozen rows the GUI may hold: plain data, no ORM objects, no sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

# The kinds of record a link can point at; each opens in its own tab.
KINDS = ("program", "event", "local_government", "person", "organization", "publication")


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to another record, with what the link means here (a role, a date)."""

    kind: str
    id: int
    label: str
    note: str = ""


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
    period_start: int | None
    period_end: int | None
    status: str | None
    organizations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event in the Events list; ``when`` is the date as a person reads it."""

    id: int
    uid: str
    title: str
    series: str | None
    start_date: date
    end_date: date
    precision: str
    when: str
    location: str | None
    mode: str | None
    status: str
    program: str | None
    pathways: tuple[str, ...]
    cities: tuple[str, ...]


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
    """A publication in the Publications list; a translation names its original."""

    id: int
    uid: str
    title: str
    kind: str
    published_on: date | None
    when: str
    language: str
    publishers: str
    original_id: int | None
    original: str | None
    programs: tuple[str, ...]
    status: str
    precision: str = "day"  # of published_on: day, month or year


@dataclass(frozen=True, slots=True)
class OrganizationRow:
    """An organization in the Partners list."""

    id: int
    uid: str
    name: str
    acronym: str | None
    kind: str
    country: str | None
    programs: int
    events: int
    publications: int


@dataclass(frozen=True, slots=True)
class SeatRow:
    """A governance seat, or a staff position, held by a person."""

    id: int
    person: Ref
    body: str
    position: str
    portfolio: str | None
    term: str
    represents: Ref | None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person in the people table; ``seats`` describes each seat in words."""

    id: int
    uid: str
    name: str
    native_name: str | None
    honorific: str | None
    title: str
    organization: str | None
    local_government: str | None
    city: str | None
    is_staff: bool
    seats: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure as the report states it."""

    label: str
    value: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ProgramDetail:
    """Everything the Programs tab shows about one program."""

    id: int
    uid: str
    name: str
    acronym: str | None
    kind: str
    status: str | None
    period: str
    pathways: tuple[str, ...]
    summary: str
    note: str | None
    parent: Ref | None
    children: tuple[Ref, ...]
    organizations: tuple[Ref, ...]
    local_governments: tuple[Ref, ...]
    figures: tuple[Figure, ...]
    events: tuple[Ref, ...]
    publications: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class EventDetail:
    """Everything the Events tab shows about one event."""

    id: int
    uid: str
    title: str
    series: str | None
    when: str
    date_text: str | None
    precision: str
    times: str | None
    location: str | None
    mode: str | None
    status: str
    program: Ref | None
    pathways: tuple[str, ...]
    cities: tuple[Ref, ...]
    organizations: tuple[Ref, ...]
    attendance: int | None
    attendance_text: str | None
    description: str | None
    url: str | None
    note: str | None
    publications: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class LocalGovernmentDetail:
    """Everything the Members tab shows about one local government."""

    id: int
    uid: str
    name: str
    native_name: str | None
    kind: str
    country: str
    is_member: bool | None
    member_since: int | None
    membership_note: str | None
    note: str | None
    parent: Ref | None
    children: tuple[Ref, ...]
    representatives: tuple[Ref, ...]
    seats: tuple[SeatRow, ...]
    programs: tuple[Ref, ...]
    events: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """Everything shown about one person."""

    id: int
    uid: str
    name: str
    honorific: str | None
    native_name: str | None
    title: str
    city: str | None
    is_staff: bool
    organization: Ref | None
    local_government: Ref | None
    seats: tuple[SeatRow, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class OrganizationDetail:
    """Everything the Partners tab shows about one organization."""

    id: int
    uid: str
    name: str
    acronym: str | None
    native_name: str | None
    kind: str
    country: str | None
    note: str | None
    parent: Ref | None
    children: tuple[Ref, ...]
    people: tuple[Ref, ...]
    programs: tuple[Ref, ...]
    events: tuple[Ref, ...]
    publications: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class PublicationDetail:
    """Everything the Publications tab shows about one publication."""

    id: int
    uid: str
    title: str
    kind: str
    when: str
    date_text: str | None
    status: str
    language: str
    url: str | None
    note: str | None
    organizations: tuple[Ref, ...]
    translation_of: Ref | None
    translations: tuple[Ref, ...]
    programs: tuple[Ref, ...]
    events: tuple[Ref, ...]
    files: tuple[PublicationFileRow, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event as the form edits it; validated by ``validation.validate_event``.

    Dates are inclusive local dates; times, when not all-day, are wall-clock times in the
    IANA ``timezone``. ``new_cities`` are (name, country) pairs to add as local governments.
    """

    title: str = ""
    series: str = ""
    all_day: bool = True
    start_date: date | None = None
    end_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    timezone: str = ""
    location: str = ""
    city_ids: tuple[int, ...] = ()
    new_cities: tuple[tuple[str, str], ...] = ()
    mode: str | None = None
    status: str = "confirmed"
    program_id: int | None = None
    organizer_ids: tuple[int, ...] = ()
    attendance: int | None = None
    description: str = ""
    url: str = ""
    date_precision: str = "day"
    date_text: str = ""
    # Carried through the form unchanged, so an edit or an undone delete keeps them.
    note: str = ""
    attendance_text: str = ""
    other_organizations: tuple[tuple[int, str], ...] = ()
    publication_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    """A record offered in a form's list: its id and what to show."""

    id: int
    label: str


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


# --- forms for the other record types (issue 7) ---------------------------------------------
# Each draft is what its form edits, validated by ``validation.validate_record(kind, draft)``.
# Text fields are "" when empty; links are row ids of the records they point at.


@dataclass(frozen=True, slots=True)
class FigureDraft:
    """A key figure of a program, as the report states it."""

    label: str = ""
    value: str = ""
    as_of: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProgramDraft:
    """A program as its form edits it.

    ``pathway_ids`` in order (the first is the predominant pathway); ``organizations`` and
    ``local_governments`` are (id, role) pairs with the roles of ``vocabulary``.
    """

    name: str = ""
    acronym: str = ""
    kind: str = "program"
    status: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    period_text: str = ""
    summary: str = ""
    parent_id: int | None = None
    note: str = ""
    pathway_ids: tuple[int, ...] = ()
    organizations: tuple[tuple[int, str], ...] = ()
    local_governments: tuple[tuple[int, str], ...] = ()
    figures: tuple[FigureDraft, ...] = ()


@dataclass(frozen=True, slots=True)
class LocalGovernmentDraft:
    """A local government as its form edits it; ``is_member`` None when not known."""

    name: str = ""
    native_name: str = ""
    kind: str = "city"
    country: str = ""
    parent_id: int | None = None
    is_member: bool | None = None
    member_since: int | None = None
    membership_note: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class SeatDraft:
    """A governance seat, edited inside its person's form."""

    body: str = "rexcom_east_asia"
    position: str = ""
    portfolio: str = ""
    term_start: int | None = None
    term_end: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class PersonDraft:
    """A person as their form edits them, with their governance seats."""

    name: str = ""
    honorific: str = ""
    native_name: str = ""
    title: str = ""
    organization_id: int | None = None
    local_government_id: int | None = None
    city: str = ""
    is_staff: bool = False
    note: str = ""
    seats: tuple[SeatDraft, ...] = ()


@dataclass(frozen=True, slots=True)
class OrganizationDraft:
    """An organization as its form edits it."""

    name: str = ""
    acronym: str = ""
    native_name: str = ""
    kind: str = "other"
    country: str = ""
    parent_id: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class PublicationDraft:
    """A publication as its form edits it.

    ``published_on`` with ``date_precision`` (both or neither); ``organizations`` are
    (id, role) pairs: publisher, translator or author.
    """

    title: str = ""
    kind: str = "report"
    published_on: date | None = None
    date_precision: str | None = None
    date_text: str = ""
    status: str = "published"
    language: str = "en"
    translation_of_id: int | None = None
    url: str = ""
    note: str = ""
    organizations: tuple[tuple[int, str], ...] = ()
    program_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()


RecordDraft = (
    ProgramDraft | LocalGovernmentDraft | PersonDraft | OrganizationDraft | PublicationDraft
)


@dataclass(frozen=True, slots=True)
class PublicationFileRow:
    """A file of a publication, kept in the folder beside the catalogue.

    ``path`` is where it is (absolute, to open it); ``status`` is "ok", "missing" (moved or
    deleted) or "changed" (its size is no longer the size it had when added).
    """

    id: int
    uid: str
    name: str
    size: int
    path: Path
    status: str


# --- catalogue bundles (core/exchange/bundle.py) ---------------------------------------

BUNDLE_ACTIONS = ("new", "changed", "conflict", "kept", "deleted-here", "skipped", "unchanged")


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """A field a record has differently here (``mine``) and in a bundle (``theirs``), as text."""

    field: str
    mine: str
    theirs: str


@dataclass(frozen=True, slots=True)
class BundleItem:
    """What a bundle import does, or did, with one record, file or link.

    ``kind`` is a record type (``program``, ``governance_seat``, ``figure`` …), ``file`` or
    ``link``; ``action`` one of BUNDLE_ACTIONS; ``reason`` says why for ``skipped`` and
    ``deleted-here``; ``differences`` are given for ``changed``, ``conflict`` and ``kept``;
    ``take_theirs`` tells, for a conflict, whether the bundle's version was (to be) taken.
    """

    kind: str
    uid: str
    label: str
    action: str
    reason: str = ""
    differences: tuple[FieldDifference, ...] = ()
    take_theirs: bool = False


@dataclass(frozen=True, slots=True)
class BundlePlan:
    """Every item of a bundle import, in the order of the bundle's sections."""

    items: tuple[BundleItem, ...]

    def count(self, action: str) -> int:
        """How many items have ``action``."""
        return sum(1 for item in self.items if item.action == action)

    def of(self, action: str) -> tuple[BundleItem, ...]:
        """The items with ``action``, in order."""
        return tuple(item for item in self.items if item.action == action)

    @property
    def summary(self) -> str:
        """One line: "new 3, changed 2, conflicts 1 (kept yours), kept 4, unchanged 812"."""
        conflicts = self.of("conflict")
        taken = sum(1 for item in conflicts if item.take_theirs)
        if not conflicts:
            resolution = ""
        elif taken == 0:
            resolution = " (kept yours)"
        elif taken == len(conflicts):
            resolution = " (took theirs)"
        else:
            resolution = f" (took theirs {taken}, kept yours {len(conflicts) - taken})"
        parts = [
            f"new {self.count('new')}",
            f"changed {self.count('changed')}",
            f"conflicts {len(conflicts)}{resolution}",
            f"kept {self.count('kept')}",
            f"unchanged {self.count('unchanged')}",
        ]
        for action, name in (("deleted-here", "deleted here"), ("skipped", "skipped")):
            if self.count(action):
                parts.append(f"{name} {self.count(action)}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class LinkCount:
    """How many records, or owned parts, deleting a record touches, and how.

    ``kind`` is a record kind of ``KINDS`` (of the deleted record's own kind: the records
    inside it, or a publication's translations) or an owned part: "seat", "figure", "file".
    ``effect`` is "unlinked" (the other record stays, its link to this one goes) or
    "deleted" (the part goes with the record).
    """

    kind: str
    count: int
    effect: str


@dataclass(frozen=True, slots=True)
class DeleteImpact:
    """What deleting one record would touch; ``links`` holds only non-zero counts."""

    kind: str
    uid: str
    label: str
    links: tuple[LinkCount, ...]


@dataclass(frozen=True, slots=True)
class RemovedLink:
    """A link between a deleted record and another, as it was before the delete.

    ``place`` is where the link is kept: "table.column" for another record's column
    pointing at the deleted one ("event.program_id"), else the link table's name
    ("program_organization"). ``uid`` is the other record's; ``role`` and ``position`` are
    the link's, where its table has them. ``moved`` says a link to the replacement was made
    in its place (False when the replacement already had it, or nothing replaced the record).
    ``order`` is where the link stood among the other record's links in its table (a
    program's funders are listed in the order saved), so that a restore puts it back there.
    """

    place: str
    uid: str
    role: str = ""
    position: int = 0
    moved: bool = False
    order: int | None = None


@dataclass(frozen=True, slots=True)
class DeletedFile:
    """A ``publication_file`` row of a deleted publication (its file stays in the folder)."""

    id: int
    uid: str
    created_at: datetime
    updated_at: datetime
    position: int
    name: str
    stored_name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class DeletedRecord:
    """Everything needed to put a deleted record back as it was (``Catalogue.restore_record``).

    ``parts`` are the (row id, uid, created_at) of its seats or figures, in the draft's
    order; ``replaced_by`` is the uid of the record its links were moved to, if any.
    """

    kind: str
    uid: str
    id: int
    created_at: datetime
    draft: RecordDraft
    links: tuple[RemovedLink, ...] = ()
    parts: tuple[tuple[int, str, datetime], ...] = ()
    files: tuple[DeletedFile, ...] = ()
    replaced_by: str | None = None
