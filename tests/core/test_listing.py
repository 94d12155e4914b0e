"""The lists as the views read them: ids filtered and sorted in SQL, rows by page.

Each filter and calendar scope is checked against a plain-Python reading of every row of the
seeded catalogue, so the SQL and the rules it replaces cannot drift apart unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft, EventRow
from iclei_desktop.core.services.listing import DAY, MONTH, RANGE, YEAR, Query

TODAY = date(2020, 11, 1)
KINDS = ("program", "event", "local_government", "publication", "organization")


def in_scope(row: EventRow, scope: str, first: date, last: date) -> bool:
    """The calendar's rule, as the Events tab stated it before it moved into SQL."""
    if row.precision != "day":
        if scope in (DAY, RANGE):
            return first <= row.start_date and row.end_date <= last
        if scope == MONTH and row.precision == "year":
            return False
    return row.start_date <= last and row.end_date >= first


def shown(catalogue: Catalogue, kind: str, query: Query) -> list[int]:
    ids = catalogue.ids(kind, query)
    assert catalogue.count(kind, query) == len(ids)
    return ids


def test_every_list_holds_every_record_once(catalogue: Catalogue) -> None:
    counts = catalogue.counts()
    expected = {
        "program": counts.programs,
        "event": counts.events,
        "local_government": counts.local_governments,
        "publication": counts.publications,
        "organization": counts.organizations,
    }
    for kind in KINDS:
        ids = shown(catalogue, kind, Query())
        assert len(ids) == len(set(ids)) == expected[kind], kind
        assert catalogue.ids(kind, Query(), limit=5) == ids[:5]
        assert set(catalogue.rows(kind, ids)) == set(ids)


def test_events_are_listed_earliest_first(catalogue: Catalogue) -> None:
    rows = catalogue.events()
    keys = [(r.start_date, r.end_date) for r in rows]
    assert keys == sorted(keys)
    assert rows[0].when and rows[0].title


@pytest.mark.parametrize(
    ("name", "value", "keep"),
    [
        ("timing", "upcoming", lambda r: r.end_date >= TODAY),
        ("timing", "past", lambda r: r.end_date < TODAY),
        ("year", 2021, lambda r: r.start_date.year <= 2021 <= r.end_date.year),
        ("mode", "virtual", lambda r: r.mode == "virtual"),
        ("status", "cancelled", lambda r: r.status == "cancelled"),
        ("city", "Seoul", lambda r: "Seoul" in r.cities),
        (
            "program",
            "Green Circular Cities Coalition",
            lambda r: r.program == "Green Circular Cities Coalition",
        ),
        ("pathway", "Circular Development", lambda r: "Circular Development" in r.pathways),
    ],
)
def test_each_event_filter_keeps_what_its_rule_keeps(
    catalogue: Catalogue, name: str, value: object, keep: Callable[[EventRow], bool]
) -> None:
    expected = [r.id for r in catalogue.events() if keep(r)]
    assert expected, "the seed should hold such events"
    assert shown(catalogue, "event", Query(today=TODAY).with_filter(name, value)) == expected


def test_calendar_scopes_agree_with_the_rule_for_every_day_month_and_year(
    catalogue: Catalogue,
) -> None:
    rows = catalogue.events()
    windows: list[tuple[str, date, date]] = []
    for year in range(2019, 2023):
        windows.append((YEAR, date(year, 1, 1), date(year, 12, 31)))
        for month in range(1, 13):
            first = date(year, month, 1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            windows.append((MONTH, first, last))
            windows.append((RANGE, first, last + timedelta(days=40)))
    windows += [(DAY, r.start_date, r.start_date) for r in rows]
    for scope, first, last in windows:
        expected = [r.id for r in rows if in_scope(r, scope, first, last)]
        query = Query().with_filter("scope", (scope, first, last))
        assert shown(catalogue, "event", query) == expected, (scope, first, last)


def test_a_long_event_is_found_in_a_month_far_from_its_start(catalogue: Catalogue) -> None:
    june = Query().with_filter("scope", (MONTH, date(2031, 6, 1), date(2031, 6, 30)))
    assert shown(catalogue, "event", june) == []
    uid = catalogue.create_event(
        EventDraft(
            title="Decade of action", start_date=date(2026, 1, 1), end_date=date(2035, 12, 31)
        )
    )
    assert shown(catalogue, "event", june) == [catalogue.event_id(uid)]
    assert date(2031, 6, 15) in catalogue.event_days(Query(), date(2031, 6, 1), date(2031, 6, 30))


def test_typed_words_find_records_through_the_search_index(catalogue: Catalogue) -> None:
    turku = shown(catalogue, "event", Query(text="turku"))
    assert "Turku City Study Tour to Japan" in {
        r.title for r in catalogue.rows("event", turku).values()
    }
    chengdu = shown(catalogue, "local_government", Query(text="成都"))
    assert [r.name for r in catalogue.rows("local_government", chengdu).values()] == ["Chengdu"]
    assert shown(catalogue, "event", Query(text="zzzzqqq")) == []
    # Only punctuation has nothing to search for: the list stays whole.
    assert shown(catalogue, "event", Query(text="-- !")) == catalogue.ids("event", Query())


@pytest.mark.parametrize("kind", KINDS)
def test_every_column_sorts_both_ways(catalogue: Catalogue, kind: str) -> None:
    everything = sorted(catalogue.ids(kind, Query()))
    for column in range(8):
        up = catalogue.ids(kind, Query(sort=column))
        down = catalogue.ids(kind, Query(sort=column, descending=True))
        assert sorted(up) == everything, column
        assert down == list(reversed(up)), column


def test_sorting_by_title_ignores_case(catalogue: Catalogue) -> None:
    catalogue.create_event(
        EventDraft(
            title="aaa first in any case", start_date=date(2030, 1, 1), end_date=date(2030, 1, 1)
        )
    )
    ids = catalogue.ids("event", Query(sort=1))
    rows = catalogue.rows("event", ids)
    titles = [rows[i].title for i in ids]
    # Binary order would put it after every capital; case-blind, before "B…".
    assert titles.index("aaa first in any case") < min(
        i for i, t in enumerate(titles) if t.startswith("B")
    )


def test_a_translation_follows_its_original(catalogue: Catalogue) -> None:
    rows = catalogue.publications()
    position = {r.id: i for i, r in enumerate(rows)}
    for row in rows:
        if row.original_id is not None:
            between = rows[position[row.original_id] + 1 : position[row.id]]
            assert all(r.original_id == row.original_id for r in between), row.title


def test_filter_choices_come_from_the_records(catalogue: Catalogue) -> None:
    years = catalogue.options("event", "year")
    assert years == sorted(years, reverse=True) and 2020 in years
    assert "Seoul" in catalogue.options("event", "city")
    assert "Mongolia" in catalogue.options("organization", "country")
    assert catalogue.options("event", "timing") == []  # fixed choices, made by the view


def test_calendar_days_are_the_days_of_events_dated_to_the_day(catalogue: Catalogue) -> None:
    first, last = date(2020, 9, 24), date(2020, 11, 14)
    expected = {
        first + timedelta(days=n)
        for r in catalogue.events()
        if r.precision == "day"
        for n in range((last - first).days + 1)
        if r.start_date <= first + timedelta(days=n) <= r.end_date
    }
    assert expected
    assert catalogue.event_days(Query(), first, last) == expected
    virtual = Query().with_filter("mode", "virtual")
    assert catalogue.event_days(virtual, first, last) < expected


def test_rows_leave_out_records_deleted_meanwhile(catalogue: Catalogue) -> None:
    ids = catalogue.ids("event", Query(), limit=3)
    catalogue.delete_event(catalogue.event_uid(ids[1]))
    assert set(catalogue.rows("event", ids)) == {ids[0], ids[2]}


def test_an_unknown_list_or_filter_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(KeyError):
        catalogue.ids("meeting", Query())
    with pytest.raises(KeyError):
        catalogue.ids("event", Query().with_filter("colour", "red"))
