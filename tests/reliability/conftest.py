"""Reliability fixtures: the size of each run, and the figures it reports.

The suite is quick by default; ``--long`` runs it at the sizes the reliability issue asks
for (``scripts/reliability.sh`` does that and prints the figures).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

# (section, figure) -> value; tests add to a figure, so parametrized cases sum up.
FIGURES: dict[tuple[str, str], float] = {}


class Figures:
    """Figures the reliability suite reports after the run, summed over the tests."""

    def add(self, section: str, figure: str, value: float = 1) -> None:
        FIGURES[section, figure] = FIGURES.get((section, figure), 0) + value

    def most(self, section: str, figure: str, value: float) -> None:
        """Keep the largest value seen (e.g. the slowest case)."""
        FIGURES[section, figure] = max(FIGURES.get((section, figure), value), value)


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    """Replace the root fixture of that name: these tests never touch Qt or its settings."""


@pytest.fixture
def figures() -> Figures:
    return Figures()


@pytest.fixture
def scale(request: pytest.FixtureRequest) -> Callable[[int, int], int]:
    """``scale(quick, long)``: how many trials to run, by whether ``--long`` was given."""
    long = bool(request.config.getoption("--long"))
    return lambda quick, full: full if long else quick


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    shown = None
    for (section, figure), value in FIGURES.items():
        if section != shown:
            terminalreporter.write_line(section)
            shown = section
        number = f"{value:g}" if isinstance(value, int) or value.is_integer() else f"{value:.2f}"
        terminalreporter.write_line(f"    {figure}: {number}")
