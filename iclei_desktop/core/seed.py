"""Load, validate and apply the seed catalogue kept as YAML under ``database/seed``.

The schema of the files is documented in ``database/seed/README.md``; the pydantic models
below are its executable form. Applying the seed upserts by key, so running it twice changes
nothing, and it runs only on a new catalogue so it never overwrites the user's edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models as m
from . import vocabulary as v
from .errors import SeedError

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EVENT_UID_SUFFIX = "@iclei-eastasia.desktop"


def _choice(values: tuple[str, ...]) -> AfterValidator:
    def check(value: str) -> str:
        if value not in values:
            raise ValueError(f"must be one of {', '.join(values)}")
        return value

    return AfterValidator(check)


Key = Annotated[str, Field(pattern=KEY_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2100)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key
    note: str | None = None


class PathwaySeed(_Record):
    name: Text
    description: str = ""


class OrganizationSeed(_Record):
    name: Text
    acronym: str | None = None
    native_name: str | None = None
    kind: Annotated[str, _choice(v.ORGANIZATION_KINDS)]
    country: str | None = None
    parent: Key | None = None


class LocalGovernmentSeed(_Record):
    name: Text
    native_name: str | None = None
    kind: Annotated[str, _choice(v.LOCAL_GOVERNMENT_KINDS)]
    country: Text
    parent: Key | None = None
    member: bool | None = None
    member_since: Year | None = None
    membership_note: str | None = None

    @model_validator(mode="after")
    def _since_needs_member(self) -> LocalGovernmentSeed:
        if self.member_since is not None and self.member is not True:
            raise ValueError("member_since is set but member is not true")
        return self


class SeatSeed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    body: Annotated[str, _choice(v.SEAT_BODIES)]
    position: Text
    portfolio: str | None = None
    term_start: Year
    term_end: Year
    note: str | None = None

    @model_validator(mode="after")
    def _term(self) -> SeatSeed:
        if self.term_end < self.term_start:
            raise ValueError("term_end is before term_start")
        return self


class PersonSeed(_Record):
    name: Text
    honorific: str | None = None
    native_name: str | None = None
    title: Text
    organization: Key | None = None
    local_government: Key | None = None
    city: str | None = None
    staff: bool = False
    seats: tuple[SeatSeed, ...] = ()


class OrgLink(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    org: Key
    role: str


class LgLink(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lg: Key
    role: Annotated[str, _choice(v.PROGRAM_LOCAL_GOVERNMENT_ROLES)]


class FigureSeed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: Text
    value: Annotated[str, Field(min_length=1, coerce_numbers_to_str=True)]
    note: str | None = None


class ProgramSeed(_Record):
    name: Text
    acronym: str | None = None
    kind: Annotated[str, _choice(v.PROGRAM_KINDS)]
    pathways: Annotated[tuple[Key, ...], Field(min_length=1)]
    period_start: Year | None = None
    period_end: Year | None = None
    period_text: str | None = None
    status: Annotated[str, _choice(v.PROGRAM_STATUSES)] | None = None
    summary: Text
    parent: Key | None = None
    organizations: tuple[OrgLink, ...] = ()
    local_governments: tuple[LgLink, ...] = ()
    key_figures: tuple[FigureSeed, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> ProgramSeed:
        for link in self.organizations:
            if link.role not in v.PROGRAM_ORGANIZATION_ROLES:
                raise ValueError(
                    f"organization {link.org!r}: role must be one of "
                    + ", ".join(v.PROGRAM_ORGANIZATION_ROLES)
                )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class EventSeed(_Record):
    title: Text
    series: str | None = None
    start: date
    end: date
    precision: Annotated[str, _choice(v.DATE_PRECISIONS)] = "day"
    date_text: str | None = None
    mode: Annotated[str, _choice(v.EVENT_MODES)] | None = None
    status: Annotated[str, _choice(v.EVENT_STATUSES)]
    location: str | None = None
    cities: tuple[Key, ...] = ()
    program: Key | None = None
    organizations: tuple[OrgLink, ...] = ()
    attendance: Annotated[int, Field(ge=0)] | None = None
    attendance_text: str | None = None
    description: str | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None

    @model_validator(mode="after")
    def _check(self) -> EventSeed:
        if self.end < self.start:
            raise ValueError("end is before start")
        if self.precision != "day" and not self.date_text:
            raise ValueError("date_text is required when precision is not 'day'")
        for link in self.organizations:
            if link.role not in v.EVENT_ORGANIZATION_ROLES:
                raise ValueError(
                    f"organization {link.org!r}: role must be one of "
                    + ", ".join(v.EVENT_ORGANIZATION_ROLES)
                )
        return self


class PublicationSeed(_Record):
    title: Text
    kind: Annotated[str, _choice(v.PUBLICATION_KINDS)]
    date: date | str | int | None = None
    date_text: str | None = None
    status: Annotated[str, _choice(v.PUBLICATION_STATUSES)] = "published"
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,8})*$")]
    publishers: tuple[Key, ...] = ()
    translators: tuple[Key, ...] = ()
    authors: tuple[Key, ...] = ()
    translation_of: Key | None = None
    programs: tuple[Key, ...] = ()
    events: tuple[Key, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> PublicationSeed:
        parse_partial_date(self.date)
        return self


class HeadlineFigureSeed(_Record):
    label: Text
    value: Annotated[str, Field(min_length=1, coerce_numbers_to_str=True)]
    as_of: str | None = None


def parse_partial_date(value: date | str | int | None) -> tuple[date | None, str | None]:
    """Return (first day, precision) of ``2020``, ``2020-04`` or ``2020-04-07``."""
    if value is None:
        return None, None
    if isinstance(value, date):
        return value, "day"
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), "year"
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1), "month"
    try:
        return date.fromisoformat(text), "day"
    except ValueError:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None


class SeedData(BaseModel):
    """The whole seed catalogue, validated, with every reference resolved."""

    model_config = ConfigDict(frozen=True)

    pathways: tuple[PathwaySeed, ...]
    organizations: tuple[OrganizationSeed, ...]
    local_governments: tuple[LocalGovernmentSeed, ...]
    people: tuple[PersonSeed, ...]
    programs: tuple[ProgramSeed, ...]
    events: tuple[EventSeed, ...]
    publications: tuple[PublicationSeed, ...]
    figures: tuple[HeadlineFigureSeed, ...]


FILES: dict[str, type[_Record]] = {
    "pathways": PathwaySeed,
    "organizations": OrganizationSeed,
    "local_governments": LocalGovernmentSeed,
    "people": PersonSeed,
    "programs": ProgramSeed,
    "events": EventSeed,
    "publications": PublicationSeed,
    "figures": HeadlineFigureSeed,
}

R = TypeVar("R", bound=_Record)


def default_seed_dir() -> Path:
    """Return the seed folder shipped with the app."""
    from .db import bundled_path

    return bundled_path("database") / "seed"


def load_seed(directory: Path | None = None) -> SeedData:
    """Read and validate every seed file; raise SeedError naming the file and record."""
    directory = directory or default_seed_dir()
    loaded = {name: _load_file(directory / f"{name}.yaml", model) for name, model in FILES.items()}
    data = SeedData.model_validate(loaded)
    _check_references(data, directory)
    return data


def _load_file(path: Path, model: type[R]) -> tuple[R, ...]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(f"{path}: seed file is missing") from None
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 1})" if where is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SeedError(f"{path}{line}: not valid YAML: {problem}") from None
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise SeedError(f"{path}: expected a list of records at the top level")
    records: list[R] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        key = item.get("key") if isinstance(item, dict) else None
        label = f"record {key!r}" if key else f"record #{number}"
        if not isinstance(item, dict):
            raise SeedError(f"{path}: {label}: expected a mapping of fields")
        try:
            record = model.model_validate(item)
        except ValidationError as error:
            raise SeedError(f"{path}: {label}: {_describe(error)}") from None
        if record.key in seen:
            raise SeedError(f"{path}: {label}: duplicate key")
        seen.add(record.key)
        records.append(record)
    return tuple(records)


def _describe(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown field"
    return f"{where}: {message}" if where else message


def _check_references(data: SeedData, directory: Path) -> None:
    keys = {name: {r.key for r in getattr(data, name)} for name in FILES}

    def need(file: str, record: str, kind: str, refs: Iterable[str | None]) -> None:
        for ref in refs:
            if ref is not None and ref not in keys[kind]:
                raise SeedError(
                    f"{directory / (file + '.yaml')}: record {record!r}: "
                    f"unknown {kind.removesuffix('s').replace('_', ' ')} {ref!r}"
                )

    for o in data.organizations:
        need("organizations", o.key, "organizations", [o.parent])
    for lg in data.local_governments:
        need("local_governments", lg.key, "local_governments", [lg.parent])
    for p in data.people:
        need("people", p.key, "organizations", [p.organization])
        need("people", p.key, "local_governments", [p.local_government])
    for pr in data.programs:
        need("programs", pr.key, "pathways", pr.pathways)
        need("programs", pr.key, "programs", [pr.parent])
        need("programs", pr.key, "organizations", [link.org for link in pr.organizations])
        need("programs", pr.key, "local_governments", [link.lg for link in pr.local_governments])
    for e in data.events:
        need("events", e.key, "local_governments", e.cities)
        need("events", e.key, "programs", [e.program])
        need("events", e.key, "organizations", [link.org for link in e.organizations])
    for pub in data.publications:
        refs = (*pub.publishers, *pub.translators, *pub.authors)
        need("publications", pub.key, "organizations", refs)
        need("publications", pub.key, "publications", [pub.translation_of])
        need("publications", pub.key, "programs", pub.programs)
        need("publications", pub.key, "events", pub.events)


# --- applying -------------------------------------------------------------------------------

T = TypeVar("T", bound=m.base.RecordMixin)
Factory = Callable[[], Any]


def _upsert(session: Session, cls: type[T], uid: str, **values: Any) -> T:
    """Fetch ``cls`` by uid or add it, then set ``values``; unchanged values write nothing."""
    record = session.scalars(select(cls).where(cls.uid == uid)).one_or_none()
    if record is None:
        record = cls()
        record.uid = uid
        session.add(record)
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
    return record


def _set(record: Any, name: str, value: Any) -> None:
    if getattr(record, name) is not value:
        setattr(record, name, value)


def _sync(
    current: list[Any], wanted: dict[tuple[Any, ...], Factory], key: Callable[[Any], Any]
) -> None:
    """Make a link collection hold exactly ``wanted``, touching only what differs."""
    have = {key(link): link for link in current}
    for k, link in have.items():
        if k not in wanted:
            current.remove(link)
    for k, make in wanted.items():
        if k not in have:
            current.append(make())


def _org_role(link: Any) -> tuple[str, str]:
    return (link.organization.uid, link.role)


def apply_seed(session: Session, data: SeedData) -> None:
    """Upsert the seed into ``session`` by key; the caller commits."""
    pathways = {
        pw.key: _upsert(
            session, m.Pathway, pw.key, name=pw.name, description=pw.description, position=i
        )
        for i, pw in enumerate(data.pathways)
    }

    orgs = {
        o.key: _upsert(
            session,
            m.Organization,
            o.key,
            name=o.name,
            acronym=o.acronym,
            native_name=o.native_name,
            kind=o.kind,
            country=o.country,
            note=o.note,
        )
        for o in data.organizations
    }
    for o in data.organizations:
        _set(orgs[o.key], "parent", orgs[o.parent] if o.parent else None)

    lgs = {
        lg.key: _upsert(
            session,
            m.LocalGovernment,
            lg.key,
            name=lg.name,
            native_name=lg.native_name,
            kind=lg.kind,
            country=lg.country,
            is_member=lg.member,
            member_since=lg.member_since,
            membership_note=lg.membership_note,
            note=lg.note,
        )
        for lg in data.local_governments
    }
    for lg in data.local_governments:
        _set(lgs[lg.key], "parent", lgs[lg.parent] if lg.parent else None)

    for p in data.people:
        person = _upsert(
            session,
            m.Person,
            p.key,
            name=p.name,
            honorific=p.honorific,
            native_name=p.native_name,
            title=p.title,
            city=p.city,
            is_staff=p.staff,
            note=p.note,
        )
        _set(person, "organization", orgs[p.organization] if p.organization else None)
        _set(person, "local_government", lgs[p.local_government] if p.local_government else None)
        for seat in p.seats:
            record = _upsert(
                session,
                m.GovernanceSeat,
                f"{p.key}-{seat.body}-{seat.term_start}",
                body=seat.body,
                position=seat.position,
                portfolio=seat.portfolio,
                term_start=seat.term_start,
                term_end=seat.term_end,
                note=seat.note,
            )
            _set(record, "person", person)

    programs: dict[str, m.Program] = {}
    for pr in data.programs:
        program = _upsert(
            session,
            m.Program,
            pr.key,
            name=pr.name,
            acronym=pr.acronym,
            kind=pr.kind,
            period_start=pr.period_start,
            period_end=pr.period_end,
            period_text=pr.period_text,
            status=pr.status,
            summary=pr.summary,
            note=pr.note,
        )
        programs[pr.key] = program
        _sync(
            program.pathway_links,
            {
                (pathways[k].uid, i): partial(m.ProgramPathway, pathway=pathways[k], position=i)
                for i, k in enumerate(pr.pathways)
            },
            lambda link: (link.pathway.uid, link.position),
        )
        _sync(
            program.organization_links,
            {
                (orgs[x.org].uid, x.role): partial(
                    m.ProgramOrganization, organization=orgs[x.org], role=x.role
                )
                for x in pr.organizations
            },
            _org_role,
        )
        _sync(
            program.local_government_links,
            {
                (lgs[x.lg].uid, x.role): partial(
                    m.ProgramLocalGovernment, local_government=lgs[x.lg], role=x.role
                )
                for x in pr.local_governments
            },
            lambda link: (link.local_government.uid, link.role),
        )
        for position, fig in enumerate(pr.key_figures):
            figure = _upsert(
                session,
                m.Figure,
                f"{pr.key}-figure-{position + 1}",
                position=position,
                label=fig.label,
                value=fig.value,
                as_of=None,
                note=fig.note,
            )
            _set(figure, "program", program)
    for pr in data.programs:
        _set(programs[pr.key], "parent", programs[pr.parent] if pr.parent else None)

    for position, hf in enumerate(data.figures):
        _upsert(
            session,
            m.Figure,
            hf.key,
            program_id=None,
            position=position,
            label=hf.label,
            value=hf.value,
            as_of=hf.as_of,
            note=hf.note,
        )

    events: dict[str, m.Event] = {}
    for e in data.events:
        event = _upsert(
            session,
            m.Event,
            e.key + EVENT_UID_SUFFIX,
            title=e.title,
            series=e.series,
            start_date=e.start,
            end_date=e.end,
            all_day=True,
            start_time=None,
            end_time=None,
            timezone=None,
            date_precision=e.precision,
            date_text=e.date_text,
            mode=e.mode,
            status=e.status,
            location=e.location,
            attendance=e.attendance,
            attendance_text=e.attendance_text,
            description=e.description,
            url=e.url,
            note=e.note,
        )
        events[e.key] = event
        _set(event, "program", programs[e.program] if e.program else None)
        _sync(
            event.local_government_links,
            {
                (lgs[c].uid,): partial(m.EventLocalGovernment, local_government=lgs[c], position=i)
                for i, c in enumerate(e.cities)
            },
            lambda link: (link.local_government.uid,),
        )
        _sync(
            event.organization_links,
            {
                (orgs[x.org].uid, x.role): partial(
                    m.EventOrganization, organization=orgs[x.org], role=x.role
                )
                for x in e.organizations
            },
            _org_role,
        )

    publications: dict[str, m.Publication] = {}
    for pub in data.publications:
        published_on, precision = parse_partial_date(pub.date)
        publication = _upsert(
            session,
            m.Publication,
            pub.key,
            title=pub.title,
            kind=pub.kind,
            published_on=published_on,
            date_precision=precision,
            date_text=pub.date_text,
            status=pub.status,
            language=pub.language,
            note=pub.note,
        )
        publications[pub.key] = publication
        roles = (
            ("publisher", pub.publishers),
            ("translator", pub.translators),
            ("author", pub.authors),
        )
        _sync(
            publication.organization_links,
            {
                (orgs[o].uid, role): partial(
                    m.PublicationOrganization, organization=orgs[o], role=role
                )
                for role, keys in roles
                for o in keys
            },
            _org_role,
        )
        _sync(
            publication.program_links,
            {
                (programs[k].uid,): partial(m.PublicationProgram, program=programs[k])
                for k in pub.programs
            },
            lambda link: (link.program.uid,),
        )
        _sync(
            publication.event_links,
            {(events[k].uid,): partial(m.PublicationEvent, event=events[k]) for k in pub.events},
            lambda link: (link.event.uid,),
        )
    for pub in data.publications:
        original = publications[pub.translation_of] if pub.translation_of else None
        _set(publications[pub.key], "translation_of", original)
