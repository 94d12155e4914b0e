"""What the drivers share: the clock, percentiles, peak memory, and the lines they report.

Every driver runs in a process of its own and reports on stdout, one JSON object a line:

- ``{"figure": NAME, "side": "app"|"floor", "run": N, "values": [seconds …]}`` — the samples
  one run took (a run may take several, such as one per keystroke);
- ``{"figure": NAME, "side": "app", "run": N, "timed_out": SECONDS}`` — stopped at the limit;
- ``{"figure": NAME, "side": "app", "skipped": REASON}`` — not measured, and why;
- ``{"step": NAME, "t": MONOTONIC}`` — a step is starting, so that the runner can say where
  the time went and where a killed driver was;
- ``{"note": TEXT, "figure": NAME}`` — something worth keeping beside a figure.

This module imports neither Qt nor the app, so that a cold-start driver can import it first.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

clock = time.perf_counter


def emit(**fields: object) -> None:
    """Report one line to the runner."""
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def sample(figure: str, side: str, run: int, values: Sequence[float], unit: str = "s") -> None:
    """Report the samples of one run of a figure."""
    emit(figure=figure, side=side, run=run, values=[float(v) for v in values], unit=unit)


def note(figure: str, text: str) -> None:
    """Report a remark about a figure."""
    emit(figure=figure, note=text)


def step(name: str) -> None:
    """Report that a step is starting, and when (``time.monotonic()``)."""
    emit(step=name, t=time.monotonic())


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return the ``fraction`` percentile of ``values`` (nearest rank, as latency reports use)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    """Return the median of ``values`` (the mean of the middle two for an even count)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def peak_rss_bytes() -> int:
    """Return this process's peak resident memory (VmHWM) in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource  # not Linux: ru_maxrss is in kilobytes there too, except on macOS

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def runs(count: int, budget: float) -> Iterator[int]:
    """Yield run numbers until ``count`` runs are done or ``budget`` seconds have passed.

    At least one run is always made, so that a slow figure still gets a number.
    """
    started = clock()
    for run in range(count):
        if run and clock() - started > budget:
            return
        yield run


def timed(work: Callable[[], object]) -> float:
    """Return how many seconds ``work()`` took."""
    started = clock()
    work()
    return clock() - started


class Aborted(BaseException):
    """Raised into the main thread's Python code once an action has run past its limit."""


class TooSlow(Exception):
    """An action was stopped after ``limit`` seconds; it returned ``returned`` seconds in."""

    def __init__(self, limit: float, returned: float | None = None) -> None:
        super().__init__(f"stopped after {limit:.0f} s")
        self.limit = limit
        self.returned = returned


# Qt's virtual functions overridden in Python (the app's own methods are snake_case): an
# exception raised in one can leave the binding in a bad state and crash the process, so they
# are left to finish. camelCase names are caught by the pattern, one-word ones listed here.
ONE_WORD_OVERRIDES = frozenset({"index", "parent", "data", "flags", "event", "sibling", "sort"})
_OVERRIDE = re.compile(r"[a-z]+[A-Z]\w*")
# Where the app's code lives (found without importing it): only its functions are stopped.
_APP_SPEC = importlib.util.find_spec("iclei_desktop")
APP_SOURCE = (
    str(Path(next(iter(_APP_SPEC.submodule_search_locations or []))).resolve())
    if _APP_SPEC is not None
    else "\0"
)


def is_override(name: str) -> bool:
    """Whether a function of this name is (by the style's naming) a Qt override."""
    return name in ONE_WORD_OVERRIDES or _OVERRIDE.fullmatch(name) is not None


GAVE_UP = 75  # the exit status of a driver that gave up on an interaction Qt would not let go


def run_within(
    limit: float,
    work: Callable[[], object],
    give_up: Callable[[], None] | None = None,
    grace: float = 5.0,
) -> None:
    """Run ``work()``, stopping it after ``limit`` seconds with TooSlow.

    The current app can spend minutes (or, quadratically, hours) in one interaction. C++
    cannot be interrupted, but the app's Python code can: past the limit, SIGALRM comes
    every 2 ms and its handler installs a trace function, which raises Aborted as the next
    of the app's own functions starts, unless it runs inside one of Qt's virtual functions
    overridden in Python (``is_override``), whose answers Qt relies on. So an exception is
    only ever raised at the start of the app's code, never in the middle of a call into Qt;
    Qt reports one escaping a slot to ``sys.excepthook`` (silenced meanwhile) and carries
    on, and each remaining slow slot ends at once. CPython drops a trace function that
    raises, so the next alarm installs it again.

    That is enough when the time goes in the app's slots (the calendar's marks). When it
    goes in Qt calling overrides a million times (a sort's comparisons, a filter's tests, a
    tree's rows), nothing can stop it in the process: once ``grace`` more seconds have
    passed, ``give_up()`` reports what it must and the process exits with GAVE_UP, for the
    runner to start a new one for what is left. Otherwise the app's state may be
    half-updated after TooSlow, so the figures after it are less trustworthy.

    Main thread, POSIX only; elsewhere ``work()`` just runs.
    """
    if limit <= 0 or not hasattr(signal, "setitimer"):
        work()
        return
    state: dict[str, object] = {"armed": True, "aborted": False}
    begun = clock()

    def quiet(*_args: object) -> None:
        """Stand in for sys.excepthook while aborting: no dialogs, no tracebacks."""

    def abort(frame: Any, event: str, _arg: object) -> None:
        if event != "call" or not state["armed"]:
            return None
        # Only the app's own functions, started by Python code or as slots: Qt's binding also
        # calls Python by itself (an enum's value, a property) and would ignore an exception.
        code = frame.f_code
        if not code.co_filename.startswith(APP_SOURCE) or code.co_name.startswith(("__", "<gen")):
            return None
        while frame is not None and frame.f_code is not run_within.__code__:
            if is_override(frame.f_code.co_name):
                return None
            frame = frame.f_back
        raise Aborted

    def on_alarm(_signum: int, _frame: object) -> None:
        if not state["armed"]:
            return
        state["aborted"] = True
        if give_up is not None and clock() - begun > limit + grace:
            state["armed"] = False
            give_up()
            sys.stdout.flush()
            os._exit(GAVE_UP)
        sys.settrace(abort)  # harmless wherever the handler runs; only the tracer raises

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_hook = sys.excepthook
    sys.excepthook = quiet
    signal.setitimer(signal.ITIMER_REAL, limit, 0.002)
    started = False
    while True:
        # Aborted may start any function called here, so the loop retries until disarmed.
        try:
            if not started:
                started = True
                work()
            state["armed"] = False
            break
        except Aborted:
            pass
    signal.setitimer(signal.ITIMER_REAL, 0)
    sys.settrace(None)
    signal.signal(signal.SIGALRM, previous_handler)
    sys.excepthook = previous_hook
    if state["aborted"]:
        raise TooSlow(limit, clock() - begun)
