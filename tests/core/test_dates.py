"""Dates read as people write them, and imprecise dates stay imprecise."""

from __future__ import annotations

from datetime import date

import pytest

from iclei_desktop.core.dates import describe_partial, describe_range


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2020, 9, 7), date(2020, 9, 7), "day", "7 Sep 2020"),
        (date(2020, 1, 21), date(2020, 1, 24), "day", "21–24 Jan 2020"),
        (date(2021, 10, 11), date(2021, 11, 2), "day", "11 Oct–2 Nov 2021"),
        (date(2020, 12, 30), date(2021, 1, 2), "day", "30 Dec 2020–2 Jan 2021"),
        (date(2020, 12, 1), date(2020, 12, 31), "month", "Dec 2020"),
        (date(2021, 7, 1), date(2021, 12, 31), "quarter", "Q3–Q4 2021"),
        (date(2021, 1, 1), date(2021, 6, 30), "half", "H1 2021"),
        (date(2020, 1, 1), date(2020, 12, 31), "year", "2020"),
    ],
)
def test_describe_range(start: date, end: date, precision: str, expected: str) -> None:
    assert describe_range(start, end, precision) == expected


def test_describe_partial() -> None:
    assert describe_partial(date(2020, 4, 1), "month") == "Apr 2020"
    assert describe_partial(date(2019, 1, 1), "year") == "2019"
    assert describe_partial(None, None) == ""
