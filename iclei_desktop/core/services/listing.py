"""The record lists, filtered and sorted in SQL and read a page at a time.

A list is asked for in two steps: ``ids`` gives the ids of the records passing a ``Query``,
in order (a list of ints stays small even at a million rows), and ``rows`` reads the rows
of the page on screen. Nothing loads every record as an object and nothing queries per row.
Typed words are looked up in the search index (word prefixes, CJK anywhere; see search).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    column,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from .. import models as m
from ..dates import describe_partial, describe_range
from ..dto import EventRow, MemberRow, OrganizationRow, ProgramRow, PublicationRow
from ..search import KIND_CODES, fts_query
from .catalogue import program_period

# The events calendar's scopes: the dates an event must touch to be listed.
DAY, MONTH, YEAR, RANGE = "day", "month", "year", "range"
BATCH = 500  # ids per IN (…), well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class Query:
    """What a list shows: typed words, named filters with their values, and the order.

    ``sort`` is a column number of the list (None: the list's own order). ``span_days`` is
    the longest event in the catalogue, which lets a date range use the dates index.
    """

    text: str = ""
    filters: tuple[tuple[str, Any], ...] = ()
    sort: int | None = None
    descending: bool = False
    today: date = field(default_factory=date.today)
    span_days: int = 366

    def with_filter(self, name: str, value: Any) -> Query:
        """The same query with filter ``name`` set to ``value`` (None removes it)."""
        kept = tuple((n, v) for n, v in self.filters if n != name)
        return replace(self, filters=kept + (((name, value),) if value is not None else ()))

    def value(self, name: str) -> Any:
        """The value of filter ``name``, or None."""
        return next((v for n, v in self.filters if n == name), None)

    def is_filtered(self, ignore: Iterable[str] = ()) -> bool:
        """Whether typed words or any filter not named in ``ignore`` may hide records."""
        skip = set(ignore)
        return fts_query(self.text) is not None or any(n not in skip for n, _ in self.filters)


Condition = Callable[[Any, Query], ColumnElement[bool]]
_FTS = sql_table("search_index", column("rowid"))


@dataclass(frozen=True)
class Listing:
    """How one record type is listed: its filters, its columns' orders and its rows."""

    kind: str
    model: Any
    default_order: Callable[[], Sequence[Any]]
    columns: Sequence[Callable[[], Any] | None]  # per column of the view; None: own order
    filters: dict[str, Condition]
    read_rows: Callable[[Session, Sequence[int]], dict[int, Any]]
    joins: Callable[[Select[Any]], Select[Any]] | None = None  # tables the orders need

    def statement(self, query: Query, ignore: Iterable[str] = ()) -> Select[Any]:
        """SELECT the ids passing ``query`` (leaving out the filters in ``ignore``)."""
        model = self.model
        statement = select(model.id)
        if self.joins is not None:
            statement = self.joins(statement)
        words = fts_query(query.text)
        if words is not None:
            # The record id and type come from the rowid (id * 8 + code): reading the
            # index's kind column would look up every match in its content table.
            rowid: Any = literal_column("search_index.rowid")
            statement = statement.where(
                model.id.in_(
                    select(rowid.op(">>")(3))
                    .select_from(_FTS)
                    .where(
                        literal_column("search_index").op("MATCH")(words),
                        rowid.op("&")(7) == KIND_CODES[self.kind],
                    )
                )
            )
        skip = set(ignore)
        for name, value in query.filters:
            if name not in skip:
                statement = statement.where(self.filters[name](value, query))
        return statement

    def order(self, query: Query) -> list[Any]:
        """The ORDER BY of ``query``, ending on the id so that the order is total."""
        key = None
        if query.sort is not None and 0 <= query.sort < len(self.columns):
            key = self.columns[query.sort]
        if key is None:
            order = [*self.default_order(), self.model.id]
            return [_reversed(o) for o in order] if query.descending else order
        if query.descending:
            return [key().desc(), self.model.id.desc()]
        return [key(), self.model.id]


def _reversed(key: Any) -> Any:
    """``key`` in the other direction."""
    if isinstance(key, UnaryExpression) and key.modifier is operators.desc_op:
        return key.element
    return key.desc()


def ids(session: Session, listing: Listing, query: Query, limit: int | None = None) -> list[int]:
    """The ids of the records passing ``query``, in its order (only the first ``limit``)."""
    statement = listing.statement(query).order_by(*listing.order(query))
    if limit is not None:
        statement = statement.limit(limit)
    return _first_column(session, statement)


def _first_column(session: Session, statement: Select[Any]) -> list[Any]:
    """The first column of every row, straight from the driver.

    A hundred thousand ids through SQLAlchemy's result objects take three times as long as
    the query itself; this list is what every filter, sort and page of the views waits for.
    """
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    values = compiled.construct_params()
    # Dates are stored as ISO text (SQLAlchemy's SQLite DATE), which isoformat() gives.
    parameters = [
        v.isoformat() if isinstance(v, date) else v
        for v in (values[name] for name in compiled.positiontup or ())
    ]
    cursor = connection.connection.driver_connection.execute(str(compiled), parameters)  # type: ignore[union-attr]
    return [row[0] for row in cursor]


def count(session: Session, listing: Listing, query: Query) -> int:
    """How many records pass ``query``."""
    subquery = listing.statement(query).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def rows(session: Session, listing: Listing, record_ids: Sequence[int]) -> dict[int, Any]:
    """The rows of ``record_ids`` by id (ids no longer in the catalogue are left out)."""
    found: dict[int, Any] = {}
    for start in range(0, len(record_ids), BATCH):
        found.update(listing.read_rows(session, record_ids[start : start + BATCH]))
    return found


def longest_event_days(session: Session) -> int:
    """The most days between an event's start and end (0 for none)."""
    days = session.scalar(
        select(func.max(func.julianday(E.end_date) - func.julianday(E.start_date)))
    )
    return int(days or 0)


def _unindexed(value: Any) -> Any:
    """``value || ''``: the same text, but SQLite will not pick an index for it.

    Status and mode have a handful of values; going through their indexes to then read most
    rows is slower than reading the rows in the order of the list's own index.
    """
    return value.concat("")


def _nocase(value: Any) -> Any:
    return func.coalesce(value, "").collate("NOCASE")


def _grouped(
    session: Session, statement: Select[Any, Any], key_ids: Sequence[int], key: Any
) -> dict[int, list[Any]]:
    """Run ``statement`` (selecting key, value) for batches of ``key_ids``; group by key."""
    found: dict[int, list[Any]] = defaultdict(list)
    wanted = list(key_ids)
    for start in range(0, len(wanted), BATCH):
        for owner, value in session.execute(
            statement.where(key.in_(wanted[start : start + BATCH]))
        ):
            found[owner].append(value)
    return found


def _link_counts(
    session: Session, owner: Any, other: Any, owner_ids: Sequence[int]
) -> dict[int, int]:
    return dict(
        session.execute(
            select(owner, func.count(func.distinct(other)))
            .where(owner.in_(owner_ids))
            .group_by(owner)
        ).all()
    )


def _link_count_column(owner: Any, other: Any, record_id: Any) -> Any:
    return select(func.count(func.distinct(other))).where(owner == record_id).scalar_subquery()


# --- programs ---------------------------------------------------------------------------------

P = m.Program


def _pathway_names(session: Session, program_ids: Iterable[int]) -> dict[int, list[str]]:
    return _grouped(
        session,
        select(m.ProgramPathway.program_id, m.Pathway.name)
        .join(m.Pathway, m.Pathway.id == m.ProgramPathway.pathway_id)
        .order_by(m.ProgramPathway.program_id, m.ProgramPathway.position),
        list(program_ids),
        m.ProgramPathway.program_id,
    )


def program_groups(session: Session) -> dict[int, str]:
    """Each program's first pathway, which the Programs tab groups it under."""
    groups: dict[int, str] = {}
    for program_id, name in session.execute(
        select(m.ProgramPathway.program_id, m.Pathway.name)
        .join(m.Pathway, m.Pathway.id == m.ProgramPathway.pathway_id)
        .order_by(m.ProgramPathway.program_id, m.ProgramPathway.position.desc())
    ):
        groups[program_id] = name  # the last written is the first in position
    return groups


def _program_rows(session: Session, record_ids: Sequence[int]) -> dict[int, ProgramRow]:
    records = session.execute(
        select(
            P.id,
            P.uid,
            P.name,
            P.acronym,
            P.kind,
            P.period_text,
            P.period_start,
            P.period_end,
            P.status,
        ).where(P.id.in_(record_ids))
    ).all()
    pathways = _pathway_names(session, record_ids)
    organizations = _grouped(
        session,
        select(m.ProgramOrganization.program_id, m.Organization.name).join(
            m.Organization, m.Organization.id == m.ProgramOrganization.organization_id
        ),
        record_ids,
        m.ProgramOrganization.program_id,
    )
    return {
        p.id: ProgramRow(
            id=p.id,
            uid=p.uid,
            name=p.name,
            acronym=p.acronym,
            kind=p.kind,
            pathways=tuple(pathways.get(p.id, ())),
            period=program_period(p),
            period_start=p.period_start,
            period_end=p.period_end,
            status=p.status,
            organizations=tuple(sorted(set(organizations.get(p.id, ())))),
        )
        for p in records
    }


def _active_in(year: int, _query: Query) -> ColumnElement[bool]:
    return and_(
        or_(P.period_start.is_not(None), P.period_end.is_not(None)),
        func.coalesce(P.period_start, -1) <= year,
        func.coalesce(P.period_end, 9999) >= year,
    )


PROGRAMS = Listing(
    kind="program",
    model=P,
    default_order=lambda: [func.lower(P.name)],
    columns=(
        lambda: func.lower(P.name),
        lambda: _nocase(P.acronym),
        lambda: P.kind,
        lambda: func.coalesce(P.period_start, P.period_end, 0),
        lambda: func.coalesce(P.status, ""),
        None,
    ),
    filters={
        "pathway": lambda v, q: P.id.in_(
            select(m.ProgramPathway.program_id)
            .join(m.Pathway, m.Pathway.id == m.ProgramPathway.pathway_id)
            .where(m.Pathway.name == v)
        ),
        "year": _active_in,
        "partner": lambda v, q: P.id.in_(
            select(m.ProgramOrganization.program_id)
            .join(m.Organization, m.Organization.id == m.ProgramOrganization.organization_id)
            .where(m.Organization.name == v)
        ),
    },
    read_rows=_program_rows,
)


# --- events -------------------------------------------------------------------------------------

E = m.Event


def _event_scope(value: tuple[str, date, date], query: Query) -> ColumnElement[bool]:
    """Events on the dates of a calendar scope.

    An imprecise event has no day to be on: a day or a typed range lists it only when its
    whole period lies inside; a month lists the quarter or half-year around it (the When
    column says which), but not an event known only by its year.
    """
    scope, first, last = value
    earliest = first - timedelta(days=query.span_days)
    overlaps = and_(E.start_date <= last, E.end_date >= first, E.start_date >= earliest)
    if scope in (DAY, RANGE):
        inside = and_(E.start_date >= first, E.end_date <= last)
        return and_(overlaps, or_(_unindexed(E.date_precision) == "day", inside))
    if scope == MONTH:
        return and_(overlaps, _unindexed(E.date_precision) != "year")
    return overlaps


def _event_rows(session: Session, record_ids: Sequence[int]) -> dict[int, EventRow]:
    records = session.execute(
        select(
            E.id,
            E.uid,
            E.title,
            E.series,
            E.start_date,
            E.end_date,
            E.date_precision,
            E.location,
            E.mode,
            E.status,
            E.program_id,
            P.name,
        )
        .outerjoin(P, P.id == E.program_id)
        .where(E.id.in_(record_ids))
    ).all()
    pathways = _pathway_names(session, {r.program_id for r in records if r.program_id})
    cities = _grouped(
        session,
        select(m.EventLocalGovernment.event_id, m.LocalGovernment.name)
        .join(m.LocalGovernment, m.LocalGovernment.id == m.EventLocalGovernment.local_government_id)
        .order_by(m.EventLocalGovernment.event_id, m.EventLocalGovernment.position),
        record_ids,
        m.EventLocalGovernment.event_id,
    )
    return {
        r.id: EventRow(
            id=r.id,
            uid=r.uid,
            title=r.title,
            series=r.series,
            start_date=r.start_date,
            end_date=r.end_date,
            precision=r.date_precision,
            when=describe_range(r.start_date, r.end_date, r.date_precision),
            location=r.location,
            mode=r.mode,
            status=r.status,
            program=r.name,
            pathways=tuple(pathways.get(r.program_id, ())) if r.program_id else (),
            cities=tuple(cities.get(r.id, ())),
        )
        for r in records
    }


EVENTS = Listing(
    kind="event",
    model=E,
    default_order=lambda: [E.start_date, E.end_date],
    columns=(
        None,  # When: the list's own order
        lambda: E.title.collate("NOCASE"),
        lambda: _nocase(E.location),
        lambda: func.coalesce(E.mode, ""),
        lambda: E.status,
        lambda: _nocase(select(P.name).where(P.id == E.program_id).scalar_subquery()),
        lambda: _nocase(E.series),
    ),
    filters={
        "scope": _event_scope,
        "timing": lambda v, q: E.end_date >= q.today if v == "upcoming" else E.end_date < q.today,
        "year": lambda v, q: and_(
            E.start_date <= date(v, 12, 31),
            E.end_date >= date(v, 1, 1),
            E.start_date >= date(v, 1, 1) - timedelta(days=q.span_days),
        ),
        "program": lambda v, q: E.program_id.in_(select(P.id).where(P.name == v)),
        "pathway": lambda v, q: E.program_id.in_(
            select(m.ProgramPathway.program_id)
            .join(m.Pathway, m.Pathway.id == m.ProgramPathway.pathway_id)
            .where(m.Pathway.name == v)
        ),
        "mode": lambda v, q: _unindexed(E.mode) == v,
        "status": lambda v, q: _unindexed(E.status) == v,
        "city": lambda v, q: E.id.in_(
            select(m.EventLocalGovernment.event_id)
            .join(
                m.LocalGovernment,
                m.LocalGovernment.id == m.EventLocalGovernment.local_government_id,
            )
            .where(m.LocalGovernment.name == v)
        ),
    },
    read_rows=_event_rows,
)


def event_days(session: Session, query: Query, first: date, last: date) -> set[date]:
    """The days from ``first`` to ``last`` on which an event passing ``query`` takes place.

    Only events dated to the day mark days; the calendar scope of ``query`` is ignored.
    """
    statement = (
        EVENTS.statement(query, ignore={"scope"})
        .with_only_columns(E.start_date, E.end_date)
        .where(
            _unindexed(E.date_precision) == "day",
            E.start_date <= last,
            E.end_date >= first,
            E.start_date >= first - timedelta(days=query.span_days),
        )
    )
    days: set[date] = set()
    for start, end in session.execute(statement):
        day, stop = max(start, first), min(end, last)
        while day <= stop:
            days.add(day)
            day += timedelta(days=1)
    return days


# --- local governments ----------------------------------------------------------------------

LG = m.LocalGovernment


def _member_rows(session: Session, record_ids: Sequence[int]) -> dict[int, MemberRow]:
    records = session.execute(
        select(
            LG.id,
            LG.uid,
            LG.name,
            LG.native_name,
            LG.country,
            LG.kind,
            LG.is_member,
            LG.member_since,
        ).where(LG.id.in_(record_ids))
    ).all()
    programs = _link_counts(
        session,
        m.ProgramLocalGovernment.local_government_id,
        m.ProgramLocalGovernment.program_id,
        record_ids,
    )
    events = _link_counts(
        session,
        m.EventLocalGovernment.local_government_id,
        m.EventLocalGovernment.event_id,
        record_ids,
    )
    return {
        r.id: MemberRow(
            id=r.id,
            uid=r.uid,
            name=r.name,
            native_name=r.native_name,
            country=r.country,
            kind=r.kind,
            is_member=r.is_member,
            member_since=r.member_since,
            programs=programs.get(r.id, 0),
            events=events.get(r.id, 0),
        )
        for r in records
    }


MEMBERS = Listing(
    kind="local_government",
    model=LG,
    default_order=lambda: [LG.country, LG.name],
    columns=(
        lambda: LG.name.collate("NOCASE"),
        lambda: _nocase(LG.native_name),
        lambda: LG.country,
        lambda: LG.kind,
        lambda: func.coalesce(LG.is_member, -1),
        lambda: func.coalesce(LG.member_since, 0),
        lambda: _link_count_column(
            m.ProgramLocalGovernment.local_government_id, m.ProgramLocalGovernment.program_id, LG.id
        ),
        lambda: _link_count_column(
            m.EventLocalGovernment.local_government_id, m.EventLocalGovernment.event_id, LG.id
        ),
    ),
    filters={
        "country": lambda v, q: LG.country == v,
        "membership": lambda v, q: (
            LG.is_member.is_(True) if v == "member" else LG.is_member.is_(None)
        ),
    },
    read_rows=_member_rows,
)


# --- publications ----------------------------------------------------------------------------

PUB = m.Publication
ORIGINAL = aliased(m.Publication)


def _original(name: str) -> Any:
    """A translation's original's column ``name``, else the publication's own."""
    return case(
        (PUB.translation_of_id.is_(None), getattr(PUB, name)), else_=getattr(ORIGINAL, name)
    )


def _publication_rows(session: Session, record_ids: Sequence[int]) -> dict[int, PublicationRow]:
    records = session.execute(
        select(
            PUB.id,
            PUB.uid,
            PUB.title,
            PUB.kind,
            PUB.published_on,
            PUB.date_precision,
            PUB.language,
            PUB.translation_of_id,
            PUB.status,
            ORIGINAL.title.label("original"),
        )
        .outerjoin(ORIGINAL, ORIGINAL.id == PUB.translation_of_id)
        .where(PUB.id.in_(record_ids))
    ).all()
    by_role: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for publication_id, role, name in session.execute(
        select(
            m.PublicationOrganization.publication_id,
            m.PublicationOrganization.role,
            func.coalesce(m.Organization.acronym, m.Organization.name),
        )
        .join(m.Organization, m.Organization.id == m.PublicationOrganization.organization_id)
        .where(m.PublicationOrganization.publication_id.in_(record_ids))
    ):
        by_role[publication_id][role].append(name)
    programs = _grouped(
        session,
        select(m.PublicationProgram.publication_id, P.name).join(
            P, P.id == m.PublicationProgram.program_id
        ),
        record_ids,
        m.PublicationProgram.publication_id,
    )
    result = {}
    for r in records:
        roles = by_role.get(r.id, {})
        result[r.id] = PublicationRow(
            id=r.id,
            uid=r.uid,
            title=r.title,
            kind=r.kind,
            published_on=r.published_on,
            when=describe_partial(r.published_on, r.date_precision),
            language=r.language,
            publishers=", ".join(sorted(roles.get("translator") or roles.get("publisher") or [])),
            original_id=r.translation_of_id,
            original=r.original,
            programs=tuple(sorted(programs.get(r.id, ()))),
            status=r.status,
            precision=r.date_precision or "day",
        )
    return result


PUBLICATIONS = Listing(
    kind="publication",
    model=PUB,
    # Newest first, undated last, and each translation right after its original.
    default_order=lambda: [
        _original("published_on").is_(None),
        _original("published_on").desc(),
        _original("title"),
        func.coalesce(PUB.translation_of_id, PUB.id),
        PUB.translation_of_id.is_not(None),
        PUB.title,
    ],
    columns=(
        lambda: PUB.title.collate("NOCASE"),
        lambda: PUB.kind,
        lambda: func.coalesce(PUB.published_on, ""),
        lambda: PUB.language,
        lambda: _nocase(
            select(func.min(func.coalesce(m.Organization.acronym, m.Organization.name)))
            .join(
                m.PublicationOrganization,
                m.PublicationOrganization.organization_id == m.Organization.id,
            )
            .where(m.PublicationOrganization.publication_id == PUB.id)
            .scalar_subquery()
        ),
        lambda: PUB.status,
    ),
    filters={
        "kind": lambda v, q: _unindexed(PUB.kind) == v,
        "language": lambda v, q: _unindexed(PUB.language) == v,
        "year": lambda v, q: and_(
            PUB.published_on >= date(v, 1, 1), PUB.published_on <= date(v, 12, 31)
        ),
        "program": lambda v, q: PUB.id.in_(
            select(m.PublicationProgram.publication_id)
            .join(P, P.id == m.PublicationProgram.program_id)
            .where(P.name == v)
        ),
    },
    read_rows=_publication_rows,
    joins=lambda statement: statement.outerjoin(ORIGINAL, ORIGINAL.id == PUB.translation_of_id),
)


# --- organizations -------------------------------------------------------------------------

O = m.Organization  # noqa: E741


def _organization_rows(session: Session, record_ids: Sequence[int]) -> dict[int, OrganizationRow]:
    records = session.execute(
        select(O.id, O.uid, O.name, O.acronym, O.kind, O.country).where(O.id.in_(record_ids))
    ).all()
    programs = _link_counts(
        session, m.ProgramOrganization.organization_id, m.ProgramOrganization.program_id, record_ids
    )
    events = _link_counts(
        session, m.EventOrganization.organization_id, m.EventOrganization.event_id, record_ids
    )
    publications = _link_counts(
        session,
        m.PublicationOrganization.organization_id,
        m.PublicationOrganization.publication_id,
        record_ids,
    )
    return {
        r.id: OrganizationRow(
            id=r.id,
            uid=r.uid,
            name=r.name,
            acronym=r.acronym,
            kind=r.kind,
            country=r.country,
            programs=programs.get(r.id, 0),
            events=events.get(r.id, 0),
            publications=publications.get(r.id, 0),
        )
        for r in records
    }


ORGANIZATIONS = Listing(
    kind="organization",
    model=O,
    default_order=lambda: [O.name.collate("NOCASE")],
    columns=(
        lambda: O.name.collate("NOCASE"),
        lambda: _nocase(O.acronym),
        lambda: O.kind,
        lambda: func.coalesce(O.country, ""),
        lambda: _link_count_column(
            m.ProgramOrganization.organization_id, m.ProgramOrganization.program_id, O.id
        ),
        lambda: _link_count_column(
            m.EventOrganization.organization_id, m.EventOrganization.event_id, O.id
        ),
        lambda: _link_count_column(
            m.PublicationOrganization.organization_id,
            m.PublicationOrganization.publication_id,
            O.id,
        ),
    ),
    filters={
        "kind": lambda v, q: _unindexed(O.kind) == v,
        "country": lambda v, q: O.country == v,
    },
    read_rows=_organization_rows,
)

LISTINGS = {
    listing.kind: listing for listing in (PROGRAMS, EVENTS, MEMBERS, PUBLICATIONS, ORGANIZATIONS)
}


# --- the choices of the filters ----------------------------------------------------------------


def _distinct(session: Session, value: Any, *where: Any) -> list[Any]:
    return [v for v in session.scalars(select(value).where(*where).distinct()) if v is not None]


def options(session: Session, kind: str, name: str) -> list[Any]:
    """The values filter ``name`` of a list can take, in the order to offer them."""
    choices: dict[tuple[str, str], Callable[[], list[Any]]] = {
        ("event", "year"): lambda: sorted(
            {
                year
                for start, end in session.execute(
                    select(
                        func.substr(E.start_date, 1, 4).cast(Integer),
                        func.substr(E.end_date, 1, 4).cast(Integer),
                    ).distinct()
                )
                for year in range(start, end + 1)
            },
            reverse=True,
        ),
        ("event", "program"): lambda: sorted(
            _distinct(session, P.name, P.id.in_(select(E.program_id)))
        ),
        ("event", "pathway"): lambda: sorted(
            _distinct(
                session,
                m.Pathway.name,
                m.Pathway.id.in_(
                    select(m.ProgramPathway.pathway_id).where(
                        m.ProgramPathway.program_id.in_(select(E.program_id))
                    )
                ),
            )
        ),
        ("event", "city"): lambda: sorted(
            _distinct(
                session,
                LG.name,
                LG.id.in_(select(m.EventLocalGovernment.local_government_id)),
            )
        ),
        ("local_government", "country"): lambda: sorted(_distinct(session, LG.country)),
        ("publication", "kind"): lambda: sorted(_distinct(session, PUB.kind)),
        ("publication", "language"): lambda: sorted(_distinct(session, PUB.language)),
        ("publication", "year"): lambda: sorted(
            {
                int(y)
                for y in _distinct(session, func.substr(PUB.published_on, 1, 4))
                if str(y).isdigit()
            },
            reverse=True,
        ),
        ("publication", "program"): lambda: sorted(
            _distinct(session, P.name, P.id.in_(select(m.PublicationProgram.program_id)))
        ),
        ("organization", "kind"): lambda: sorted(_distinct(session, O.kind)),
        ("organization", "country"): lambda: sorted(_distinct(session, O.country)),
        ("program", "pathway"): lambda: sorted(
            _distinct(
                session,
                m.Pathway.name,
                m.Pathway.id.in_(select(m.ProgramPathway.pathway_id)),
            )
        ),
        ("program", "year"): lambda: _program_years(session),
        ("program", "partner"): lambda: sorted(
            _distinct(
                session,
                O.name,
                O.id.in_(select(m.ProgramOrganization.organization_id)),
            ),
            key=str.casefold,
        ),
    }
    return choices.get((kind, name), list)()  # fixed choices (timing, mode …) need none


def _program_years(session: Session) -> list[int]:
    low = session.scalar(select(func.min(func.coalesce(P.period_start, P.period_end))))
    high = session.scalar(select(func.max(func.coalesce(P.period_end, P.period_start))))
    if low is None or high is None:
        return []
    return list(range(high, low - 1, -1))
