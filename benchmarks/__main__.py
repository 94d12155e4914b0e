"""Measure every figure of the performance issue beside its floor, and report them.

    python -m benchmarks [--scale 100] [--runs 5] [--only NAME[,NAME…]]

Each figure is the median of several runs (with min and max), each run beside its floor
measured in the same process or the one started just before it, so a busy machine moves both.
Every measurement runs in a process of its own, with limits: an interaction the app cannot
finish in ``--limit`` seconds is stopped and reported as ">N s (timed out)", and a figure's
runs stop once they have taken ``--budget`` seconds (at least one run is always made).
Results go to benchmarks/results/<date>-<scale>x.json (merged with that day's earlier runs)
and a Markdown table on stdout. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from . import generate
from .measure import GAVE_UP, median, percentile

HERE = Path(__file__).resolve().parent
TIMES = "\u00d7"  # the multiplication sign, written out: "1.5 times the floor"
RESULTS_DIR = HERE / "results"
TABS = ("programs", "events", "members", "publications", "partners")
SORTED_ON = {
    "programs": "name",
    "events": "title",
    "members": "name",
    "publications": "title",
    "partners": "name",
}
FILTERED_BY = {
    "programs": "energy",
    "events": "climate",
    "members": "county",
    "publications": "handbook",
    "partners": "university",
}
SEARCH_GROUPS = {
    "alphabetic": "Latin and Cyrillic (ulaanbaatar, улаанбаатар)",
    "cjk_short": "1–2 CJK characters (成都, 서울 and the first two of the next)",
    "cjk3": "3+ CJK characters (可持续发展, 지속가능)",
}


@dataclass(frozen=True)
class Target:
    """A figure's target: at most ``ratio`` times its floor, or at most ``value``."""

    ratio: float | None = None
    value: float | None = None

    def text(self, unit: str) -> str:
        if self.ratio is not None:
            return f"≤ {self.ratio:g}{TIMES} floor"
        if self.value is not None:
            return f"≤ {format_value(self.value, unit)}"
        return "—"

    def met(self, value: float, ratio: float | None) -> bool | None:
        if self.ratio is not None:
            return None if ratio is None else ratio <= self.ratio
        if self.value is not None:
            return value <= self.value
        return None


@dataclass(frozen=True)
class Spec:
    """A figure of the table: the samples it is made from and how a run is summed up."""

    name: str
    title: str
    source: str  # the figure name the drivers report samples under
    group: str  # which process measures it: startup, gui, ics, json, edit, size
    statistic: str = "median"  # of one run's samples: median, p50 or p95
    target: Target = Target()
    unit: str = "s"


def specs(scale: int) -> list[Spec]:
    """Every figure, in the order of the table, with the issue's targets for ``scale``."""
    big = scale >= 1000
    ms = 0.001
    figures = [
        Spec(
            "startup.window",
            "cold start → main window painted",
            "startup.window",
            "startup",
            target=Target(ratio=1.5),
        ),
        Spec(
            "startup.first_page",
            "cold start → first page of events painted",
            "startup.first_page",
            "startup",
            target=Target(ratio=1.2),
        ),
        Spec("startup.total", "cold start → painted → closed", "startup.total", "startup"),
    ]
    for tab in TABS:
        figures += [
            Spec(f"tab.{tab}.load", f"{tab}: load the list (at start)", f"tab.{tab}.load", "gui"),
            Spec(
                f"tab.{tab}.open",
                f"{tab}: switch to the tab",
                f"tab.{tab}.open",
                "gui",
                target=Target(value=100 * ms),
            ),
            Spec(
                f"scroll.{tab}",
                f"{tab}: scroll top to bottom (p95 of pages and jumps)",
                f"scroll.{tab}",
                "gui",
                statistic="p95",
                target=Target(value=16 * ms),
            ),
            Spec(
                f"sort.{tab}",
                f"{tab}: sort by {SORTED_ON[tab]}",
                f"sort.{tab}",
                "gui",
            ),
            Spec(
                f"filter.{tab}.apply",
                f"{tab}: filter “{FILTERED_BY[tab]}”",
                f"filter.{tab}.apply",
                "gui",
            ),
            Spec(f"filter.{tab}.clear", f"{tab}: clear the filter", f"filter.{tab}.clear", "gui"),
        ]
    calendar = Target(value=(70 if big else 16) * ms)
    figures += [
        Spec("calendar.month", "calendar: next month", "calendar.month", "gui", target=calendar),
        Spec("calendar.day", "calendar: pick a day", "calendar.day", "gui", target=calendar),
    ]
    p50, p95 = (30 * ms, 40 * ms) if big else (10 * ms, 16 * ms)
    search_targets = {
        "alphabetic": (Target(value=p50), Target(value=p95)),
        "cjk_short": (Target(value=60 * ms), Target(value=60 * ms)),
        "cjk3": (Target(value=(30 if big else 12) * ms), Target(value=p95)),
    }
    for group, words in SEARCH_GROUPS.items():
        median_target, worst_target = search_targets[group]
        figures += [
            Spec(
                f"search.{group}.p50",
                f"search {words}: keystroke → results, p50",
                f"search.{group}",
                "gui",
                statistic="p50",
                target=median_target,
            ),
            Spec(
                f"search.{group}.p95",
                f"search {words}: keystroke → results, p95",
                f"search.{group}",
                "gui",
                statistic="p95",
                target=worst_target,
            ),
            Spec(
                f"search.{group}.work.p50",
                f"search {words}: of which after the 120 ms debounce, p50",
                f"search.{group}.work",
                "gui",
                statistic="p50",
            ),
        ]
    figures += [
        Spec(
            "memory.peak_rss",
            "peak memory (VmHWM), every tab visited",
            "memory.peak_rss",
            "gui",
            target=Target(value=250e6),
            unit="B",
        ),
        Spec(
            "ics.export",
            ".ics export of 10,000 events",
            "ics.export",
            "ics_export",
            target=Target(ratio=1.2),
        ),
        Spec(
            "ics.import",
            ".ics import of 10,000 new events",
            "ics.import",
            "ics_import",
            target=Target(ratio=1.3),
        ),
        Spec(
            "ics.reimport",
            ".ics import of 10,000 events already there",
            "ics.reimport",
            "ics_reimport",
            target=Target(ratio=1.3),
        ),
        Spec("json.export", "JSON export of the whole catalogue", "json.export", "json_export"),
        Spec(
            "edit.save",
            "save one edit (median of 20 events)",
            "edit.save",
            "edit",
            target=Target(value=5 * ms),
        ),
        Spec(
            "db.size",
            "database file against a plain schema",
            "db.size",
            "db_size",
            target=Target(ratio=1.2),
            unit="B",
        ),
    ]
    return figures


# --- formatting ---------------------------------------------------------------------------


def format_value(value: float | None, unit: str) -> str:
    """Write a time (s), a size (B) or nothing for None."""
    if value is None or value != value:  # None or NaN
        return "—"
    if unit == "B":
        return f"{value / 1e6:,.1f} MB"
    if value >= 100:
        return f"{value:,.0f} s"
    if value >= 1:
        return f"{value:.3g} s"
    return f"{value * 1000:.3g} ms"


def format_ratio(ratio: float | None) -> str:
    if ratio is None or ratio != ratio:
        return "—"
    if ratio >= 100:
        return f"{ratio:,.0f}{TIMES}"
    return f"{ratio:.3g}{TIMES}"


# --- collecting samples -------------------------------------------------------------------


@dataclass
class Side:
    """The samples of one side (app or floor) of one reported figure, run by run."""

    runs: dict[int, list[float]] = field(default_factory=dict)
    timed_out: float | None = None
    unit: str = "s"

    def add(self, run: int, values: Sequence[float]) -> None:
        self.runs.setdefault(run, []).extend(values)


@dataclass
class Collected:
    """Everything the drivers reported, by figure name."""

    sides: dict[tuple[str, str], Side] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def side(self, figure: str, side: str) -> Side:
        return self.sides.setdefault((figure, side), Side())

    def note(self, figure: str, text: str) -> None:
        if text not in self.notes.setdefault(figure, []):
            self.notes[figure].append(text)

    def take(self, lines: Iterable[dict[str, Any]]) -> None:
        for line in lines:
            figure = line.get("figure")
            if figure is None:
                continue
            if "note" in line:
                self.note(figure, str(line["note"]))
            elif "timed_out" in line:
                self.side(figure, line["side"]).timed_out = float(line["timed_out"])
            elif "values" in line:
                side = self.side(figure, line["side"])
                side.unit = line.get("unit", "s")
                side.add(int(line["run"]), line["values"])


def summarize(spec: Spec, collected: Collected) -> dict[str, Any] | None:
    """Return one figure's entry for the results file, or None if nothing was measured."""
    sides = {}
    for name in ("app", "floor"):
        side = collected.sides.get((spec.source, name))
        if side is None:
            continue
        per_run = [statistic(spec.statistic, values) for _run, values in sorted(side.runs.items())]
        sides[name] = {
            "runs": per_run,
            "median": median(per_run) if per_run else None,
            "min": min(per_run) if per_run else None,
            "max": max(per_run) if per_run else None,
            "samples": [values for _run, values in sorted(side.runs.items())],
            "timed_out": side.timed_out,
        }
    if not sides:
        return None
    app = sides.get("app", {})
    floor = sides.get("floor", {})
    value = app.get("median")
    floor_value = floor.get("median")
    timed_out = app.get("timed_out")
    ratio = value / floor_value if value is not None and floor_value else None
    met = None if value is None else spec.target.met(value, ratio)
    if timed_out is not None and value is None:
        met = False if (spec.target.ratio or spec.target.value) else None
    return {
        "title": spec.title,
        "unit": spec.unit,
        "statistic": spec.statistic,
        "app": app,
        "floor": floor,
        "ratio": ratio,
        "target": spec.target.text(spec.unit),
        "met": met,
        "notes": list(
            dict.fromkeys(collected.notes.get(spec.source, []) + collected.notes.get(spec.name, []))
        ),
    }


def statistic(kind: str, values: Sequence[float]) -> float:
    if kind == "p50":
        return percentile(values, 0.50)
    if kind == "p95":
        return percentile(values, 0.95)
    return median(values)


# --- processes ----------------------------------------------------------------------------


@dataclass
class Finished:
    """What a driver process reported and how it ended."""

    lines: list[dict[str, Any]]
    killed: bool
    seconds: float
    exited_at: float
    step: str | None  # the step it was in when killed
    returncode: int | None
    started_at: float = 0.0

    def step_seconds(self) -> dict[str, float]:
        """How long each step took, from the moments the driver reported them starting."""
        moments = [("start", self.started_at)]
        moments += [(line["step"], float(line["t"])) for line in self.lines if "t" in line]
        moments.append(("exit", self.exited_at))
        return {
            name: round(end - begin, 1)
            for (name, begin), (_next, end) in pairwise(moments)
            if name != "done"
        }


def run_driver(
    module: str,
    arguments: Sequence[str],
    *,
    env: dict[str, str],
    timeout: float,
    log: Path,
    t0: float | None = None,
) -> Finished:
    """Run ``python -m benchmarks.<module>``, reading its lines; kill it after ``timeout``."""
    started = time.monotonic() if t0 is None else t0
    command = [sys.executable, "-m", f"benchmarks.{module}", *arguments]
    with log.open("a", encoding="utf-8") as errors:
        errors.write(f"\n$ {' '.join(command)}\n")
        errors.flush()
        process = subprocess.Popen(
            command,
            cwd=HERE.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        received: list[dict[str, Any]] = []
        killed = False
        current: str | None = None
        deadline = started + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.0, min(1.0, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() > deadline:
                    killed = True
                    os.killpg(process.pid, signal.SIGKILL)
                    break
                continue
            if line is None:
                break
            try:
                parsed = json.loads(line)
            except json.JSONDecodeError:
                errors.write(f"(stdout) {line}")
                continue
            if "step" in parsed:
                current = parsed["step"]
            received.append(parsed)
        process.wait()
        exited = time.monotonic()
    return Finished(
        received, killed, exited - started, exited, current, process.returncode, started
    )


class Runner:
    """Runs the selected groups of figures and collects what they report."""

    def __init__(self, args: argparse.Namespace, database: Path) -> None:
        self.args = args
        self.source = database
        self.work = generate.CACHE_DIR / f"work-{args.scale}x"
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        self.log = self.work / "drivers.log"
        self.catalogue = self.work / "catalogue.sqlite"
        shutil.copyfile(database, self.catalogue)
        self.collected = Collected()
        self.steps: dict[str, dict[str, float]] = {}
        self.homes = 0
        self.template: Path | None = None

    # --- environment ---

    def env(self, home: Path | None = None) -> dict[str, str]:
        """The drivers' environment: offscreen, and private settings, data and logs."""
        home = home or self.work / "home"
        env = dict(os.environ)
        env.pop("ICLEI_DESKTOP_DATABASE", None)
        env["QT_QPA_PLATFORM"] = "offscreen"
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(home / name.lower())
        return env

    def app_home(self) -> Path:
        """A fresh home for one app process, with the primed settings (see ``prime``)."""
        self.prime()
        self.homes += 1
        home = self.work / f"home-{self.homes}"
        assert self.template is not None
        shutil.copytree(self.template, home)
        return home

    def prime(self) -> None:
        """Start the app once on a small new catalogue, so later starts find saved settings.

        A first start ever sizes every column to its contents and has no window geometry;
        staff start the app daily with both saved, so that is the start measured. The daily
        backup the app takes on show is also taken here, by a copy stamped today beside the
        catalogue, so that the measured starts (like every start after the first of a day)
        do not take one.
        """
        if self.template is not None:
            return
        template = self.work / "template"
        seed_catalogue = self.work / "seed" / "catalogue.sqlite"
        seed_catalogue.parent.mkdir()
        finished = run_driver(
            "app_driver",
            ["--database", str(seed_catalogue), "--run", "-1"],
            env=self.env(template),
            timeout=120,
            log=self.log,
        )
        if finished.killed or finished.returncode:
            raise SystemExit(f"could not start the app to prime its settings; see {self.log}")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        os.link(self.catalogue, self.catalogue.with_name(f"catalogue.backup-{stamp}.sqlite"))
        self.template = template

    # --- groups ---

    def startup(self) -> None:
        args = self.args
        app_stopped = False
        app_seconds = 0.0
        for run in range(args.runs):
            for mode in ("window", "page"):
                t0 = time.monotonic()
                floor = run_driver(
                    "floor_driver",
                    [mode, "--t0", repr(t0), "--run", str(run), "--database", str(self.catalogue)],
                    env=self.env(),
                    timeout=120,
                    log=self.log,
                    t0=t0,
                )
                self.collected.take(floor.lines)
                if mode == "page" and not floor.killed:
                    self.collected.side("startup.total", "floor").add(run, [floor.seconds])
            if app_stopped or (run and app_seconds > args.budget):
                continue
            home = self.app_home()
            t0 = time.monotonic()
            started = run_driver(
                "app_driver",
                ["--database", str(self.catalogue), "--t0", repr(t0), "--run", str(run)],
                env=self.env(home),
                timeout=args.startup_timeout,
                log=self.log,
                t0=t0,
            )
            shutil.rmtree(home, ignore_errors=True)
            app_seconds += started.seconds
            self.collected.take(started.lines)
            if started.killed:
                for figure in ("startup.window", "startup.first_page", "startup.total"):
                    self.collected.side(figure, "app").timed_out = args.startup_timeout
                app_stopped = True
            else:
                self.collected.side("startup.total", "app").add(run, [started.seconds])

    def gui(self, steps: Sequence[str]) -> None:
        args = self.args
        common = ["--runs", str(args.runs), "--budget", str(args.budget)]
        floors = run_driver(
            "floor_driver",
            ["gui", "--database", str(self.catalogue), "--steps", ",".join(steps), *common],
            env=self.env(),
            timeout=args.gui_timeout,
            log=self.log,
        )
        self.collected.take(floors.lines)
        self.steps["floors"] = floors.step_seconds()
        progress(f"floors took {floors.seconds:.0f} s: {self.steps['floors']}")
        started = time.monotonic()
        done: set[str] = set()
        for attempt in range(args.restarts + 1):
            left = args.gui_timeout - (time.monotonic() - started)
            if left < 60:
                break
            app = self.interactions(steps, done, attempt, left, common)
            if app.returncode != GAVE_UP:
                break
        wanted = {figure for step in steps for figure in step_figures(step)}
        for figure in sorted(wanted - done):
            self.collected.note(figure, "not measured: an earlier interaction was given up on")

    def interactions(
        self,
        steps: Sequence[str],
        done: set[str],
        attempt: int,
        timeout: float,
        common: Sequence[str],
    ) -> Finished:
        """Start the app once and run the steps' figures not yet ``done`` (updated here)."""
        args = self.args
        home = self.app_home()
        t0 = time.monotonic()
        app = run_driver(
            "app_driver",
            [
                "--database",
                str(self.catalogue),
                "--t0",
                repr(t0),
                "--run",
                str(100 + attempt),  # its start is a cold start too, numbered apart
                "--steps",
                ",".join(steps),
                "--skip",
                ",".join(sorted(done)),
                "--limit",
                str(args.limit),
                *common,
            ],
            env=self.env(home),
            timeout=timeout,
            log=self.log,
            t0=t0,
        )
        shutil.rmtree(home, ignore_errors=True)
        self.steps[f"app, start {attempt + 1}"] = app.step_seconds()
        ending = {GAVE_UP: "gave up on an interaction Qt would not let go of", 0: "finished"}
        progress(
            f"the app ({ending.get(app.returncode, f'exit status {app.returncode}')})"
            f" took {app.seconds:.0f} s: {self.steps[f'app, start {attempt + 1}']}"
        )
        lines = []
        for line in app.lines:
            figure = str(line.get("figure", ""))
            if "skipped" in line:
                self.collected.note(figure, f"not measured: {line['skipped']}")
                done.add(figure)
                continue
            if line.get("side") == "app" and ("values" in line or "timed_out" in line):
                done.add(figure)
            lines.append(line)
        self.collected.take(lines)
        if attempt == 0 and any(line.get("figure") == "startup.window" for line in lines):
            self.collected.note(
                "startup.window", "each start of the interaction runs counts as a cold start too"
            )
        if app.killed:
            where = app.step or "the start"
            self.collected.note(
                "startup.window",
                f"an interaction run was stopped after {timeout:.0f} s, in {where}",
            )
        return app

    def core(self, task: str) -> None:
        args = self.args
        finished = run_driver(
            "core_tasks",
            [
                task,
                "--database",
                str(self.source),
                "--scratch",
                str(self.work / "scratch"),
                "--runs",
                str(args.runs),
                "--budget",
                str(args.budget),
                "--limit",
                str(args.core_limit),
            ],
            env=self.env(),
            timeout=args.budget + 3 * args.core_limit + 300,
            log=self.log,
        )
        self.collected.take(finished.lines)
        if finished.killed:
            for spec in specs(args.scale):
                if spec.group == task and (spec.source, "app") not in self.collected.sides:
                    self.collected.side(spec.source, "app").timed_out = finished.seconds
        elif finished.returncode:
            for spec in specs(args.scale):
                if spec.group == task:
                    self.collected.note(spec.name, f"the task failed; see {self.log}")

    def close(self) -> None:
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)


def step_figures(step: str) -> list[str]:
    """The figure names (as the drivers report them) a GUI step measures."""
    if step == "tabs":
        return [f"tab.{tab}.open" for tab in TABS]
    if step == "memory":
        return ["memory.peak_rss"]
    if step == "scroll":
        return [f"scroll.{tab}" for tab in TABS]
    if step == "search":
        return [f"search.{group}" for group in SEARCH_GROUPS]
    if step == "filter":
        return [f"filter.{tab}.{what}" for tab in TABS for what in ("apply", "clear")]
    if step == "sort":
        return [f"sort.{tab}" for tab in TABS]
    if step == "calendar":
        return ["calendar.month", "calendar.day"]
    return []


GUI_STEPS = ("tabs", "memory", "scroll", "search", "sort", "filter", "calendar")


def gui_step_of(spec: Spec) -> str:
    """The app driver's step that measures ``spec`` (tab loads come with the start)."""
    for step in GUI_STEPS:
        if spec.source in step_figures(step):
            return step
    return "tabs"


# --- the report ---------------------------------------------------------------------------


def table(entries: dict[str, dict[str, Any]], order: Sequence[Spec]) -> str:
    """Return the results as a Markdown table."""
    rows = [
        "| figure | median | min | max | floor | ratio | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for spec in order:
        entry = entries.get(spec.name)
        if entry is None:
            continue
        app, floor, unit = entry["app"], entry["floor"], entry["unit"]
        timed_out = app.get("timed_out")
        if app.get("median") is None and timed_out is not None:
            cells = [f">{format_value(timed_out, unit)} (timed out)", "", ""]
        elif app.get("median") is None:
            cells = ["not measured", "", ""]
        else:
            cells = [format_value(app.get(key), unit) for key in ("median", "min", "max")]
            runs = len(app.get("runs", []))
            if runs:
                cells[0] += f" ({runs})" if runs != 1 else " (1)"
        verdict = {True: " ✓", False: " ✗", None: ""}[entry["met"]]
        rows.append(
            f"| {entry['title']} | {' | '.join(cells)} | {format_value(floor.get('median'), unit)}"
            f" | {format_ratio(entry['ratio'])} | {entry['target']}{verdict} |"
        )
    return "\n".join(rows)


def environment() -> dict[str, Any]:
    """What the figures were measured on."""
    import sqlite3

    import icalendar
    import PySide6
    import sqlalchemy

    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "icalendar": icalendar.__version__,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--scale", type=int, default=100, help="catalogue scale (default 100)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated figure names or patterns (startup, search.*, ics.export …)",
    )
    parser.add_argument(
        "--budget", type=float, default=45.0, help="seconds of runs per figure (default 45)"
    )
    parser.add_argument(
        "--limit", type=float, default=15.0, help="seconds an interaction may take (default 15)"
    )
    parser.add_argument(
        "--core-limit",
        type=float,
        default=60.0,
        help="seconds an export, import … may take (default 60)",
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=120.0,
        help="seconds a cold start may take (default 120)",
    )
    parser.add_argument(
        "--gui-timeout",
        type=float,
        default=900.0,
        help="seconds for all interaction runs (default 900)",
    )
    parser.add_argument(
        "--restarts",
        type=int,
        default=6,
        help="new app processes after one gives up on an interaction (default 6)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the working copies and logs")
    args = parser.parse_args(argv)
    order = specs(args.scale)
    chosen = select(order, args.only)
    if not chosen:
        parser.error(f"--only {args.only!r} matches no figure")
    started = time.monotonic()
    before = environment()
    report = generate.ensure(args.scale, log=lambda text: print(text, file=sys.stderr))
    print(f"catalogue: {report.summary()}", file=sys.stderr)
    runner = Runner(args, report.path)
    groups = {spec.group for spec in chosen}
    try:
        if "db_size" in groups:
            progress("database size")
            runner.core("db_size")
        if "startup" in groups:
            progress("cold starts")
            runner.startup()
        if "gui" in groups:
            wanted = {gui_step_of(spec) for spec in chosen if spec.group == "gui"}
            steps = [step for step in GUI_STEPS if step in wanted]
            progress(f"interactions: {', '.join(steps)}")
            runner.gui(steps)
        for task in ("ics_export", "ics_import", "ics_reimport", "json_export", "edit"):
            if task in groups:
                progress(task.replace("_", " "))
                runner.core(task)
    finally:
        runner.close()
    entries = {}
    for spec in chosen:
        entry = summarize(spec, runner.collected)
        if entry is not None:
            entries[spec.name] = entry
    seconds = time.monotonic() - started
    path = save(args, entries, before, report, seconds, runner.steps)
    print(table(entries, order))
    print(f"\n{len(entries)} figures in {seconds / 60:.1f} min; results in {path}")
    return 0


def select(order: Sequence[Spec], only: str) -> list[Spec]:
    """The figures ``--only`` names: exact names, patterns, or a prefix such as ``search``."""
    if not only.strip():
        return list(order)
    patterns = [p.strip() for p in only.split(",") if p.strip()]
    chosen = []
    for spec in order:
        for pattern in patterns:
            if (
                fnmatch.fnmatchcase(spec.name, pattern)
                or spec.name.startswith(pattern + ".")
                or spec.name == pattern
                or spec.group == pattern
            ):
                chosen.append(spec)
                break
    return chosen


def progress(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text} …", file=sys.stderr, flush=True)


def save(
    args: argparse.Namespace,
    entries: dict[str, dict[str, Any]],
    before: dict[str, Any],
    report: generate.Report,
    seconds: float,
    steps: dict[str, dict[str, float]],
) -> Path:
    """Write the results, merged into the same day's file for this scale."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{date.today().isoformat()}-{args.scale}x.json"
    document: dict[str, Any] = {}
    if path.exists():
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            document = {}
    document.update(
        {
            "scale": args.scale,
            "catalogue": {"file": report.path.name, "size": report.size},
            "environment": {**before, "load_average_after": list(os.getloadavg())},
            "last_run": {
                "date": time.strftime("%Y-%m-%d %H:%M:%S"),
                "arguments": {k: v for k, v in vars(args).items()},
                "minutes": round(seconds / 60, 1),
                "interaction_steps_seconds": steps,
            },
        }
    )
    document.setdefault("figures", {}).update(entries)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
