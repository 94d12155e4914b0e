"""Reliability fixtures: a tally of injected migration failures, printed after the run."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class Tally:
    """How many failures were injected into one migration step, and how many left it whole."""

    step: str
    points: int = 0
    consistent: int = 0


TALLIES: list[Tally] = []


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    """Replace the root fixture of that name: these tests never touch Qt or its settings."""


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Tally:
    """A tally for this test's migration step, reported in the terminal summary."""
    made = Tally(request.node.callspec.id if hasattr(request.node, "callspec") else "")
    TALLIES.append(made)
    return made


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLIES:
        return
    terminalreporter.section("migration failures injected")
    for made in TALLIES:
        share = 100 * made.consistent // made.points if made.points else 0
        terminalreporter.write_line(
            f"{made.step}: {made.points} injection points, {made.consistent} left the file "
            f"consistent and the next start upgraded it ({share} %)"
        )
