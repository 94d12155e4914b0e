"""Run fuzzed iCalendar inputs through the real import, one worker process per core.

A worker imports a range of inputs into its own copy of a pristine catalogue, restoring the
copy every ``RESTORE_EVERY`` inputs so it never grows without bound, and reports what
happened as a ``Tally``. Every ``complete_every``-th input goes through the complete
``Catalogue.import_calendar`` (the file is written out, read within the size cap, the
catalogue backed up, then imported); the others through the same read and import
transaction without the backup: ``read_calendar`` then ``import_events`` inside
``session.begin()``, which commits when it returns.
"""

from __future__ import annotations

import logging
import shutil
import signal
import sqlite3
import time
import traceback
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from iclei_desktop.core import db
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import UserError
from iclei_desktop.core.ical.import_ import read_calendar
from iclei_desktop.core.ical.store import import_events
from iclei_desktop.core.validation import validate_event
from tests.reliability.ics_inputs import fuzzed

SLOW = 2.0  # seconds: an input taking longer is a failure
STUCK = 60.0  # seconds: an input still running is stopped, so one hang cannot stall the run
RESTORE_EVERY = 500
EVENT_TABLES = (
    "event",
    "event_local_government",
    "event_organization",
    "publication_event",
    "local_government",
)


class Stuck(BaseException):
    """Raised in a worker by the alarm when one input runs past ``STUCK`` seconds."""


@dataclass
class Failure:
    """An input that failed, with what it did and where to find its bytes."""

    index: int
    kind: str
    recipe: str
    detail: str
    saved: str
    seconds: float

    def show(self) -> str:
        return (
            f"input {self.index} ({self.recipe}): {self.kind} after {self.seconds:.2f} s, "
            f"saved as {self.saved}\n{self.detail}"
        )


@dataclass
class Tally:
    """What a run of inputs did."""

    inputs: int = 0
    complete: int = 0
    imported: int = 0
    changed: int = 0
    refused: int = 0
    uncaught: int = 0
    partial: int = 0
    slow: int = 0
    slowest: float = 0.0
    slowest_recipe: str = ""
    failures: list[Failure] = field(default_factory=list)
    messages: dict[str, int] = field(default_factory=dict)

    def merge(self, other: Tally) -> None:
        for name in ("inputs", "complete", "imported", "changed", "refused"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("uncaught", "partial", "slow"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.slowest > self.slowest:
            self.slowest, self.slowest_recipe = other.slowest, other.slowest_recipe
        self.failures.extend(other.failures)
        for kind, count in other.messages.items():
            self.messages[kind] = self.messages.get(kind, 0) + count


class Workbench:
    """A worker's catalogue copy, a reader on it that sees others' commits, and its folder."""

    def __init__(self, folder: Path, pristine: Path) -> None:
        self.folder = folder
        self.pristine = pristine
        self.path = folder / "catalogue.sqlite"
        self.source = folder / "input.ics"
        self.catalogue: Catalogue | None = None
        self.watch: sqlite3.Connection | None = None
        self.restore()

    def restore(self) -> None:
        """Put the pristine catalogue back (after checking the copy), and open it."""
        self.close()
        for leftover in self.folder.glob("catalogue*"):
            leftover.unlink()
        shutil.copyfile(self.pristine, self.path)
        self.catalogue = Catalogue(db.open_database(self.path))
        # A second connection: PRAGMA data_version changes for it whenever the import's
        # connection commits, which is exactly what must not happen for a refused input.
        self.watch = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        self.baseline = self.watch.execute("SELECT max(id), max(updated_at) FROM event").fetchone()

    def close(self) -> None:
        if self.watch is not None:
            self.watch.close()
            self.watch = None
        if self.catalogue is not None:
            self.catalogue.close()
            self.catalogue = None

    def data_version(self) -> int:
        assert self.watch is not None
        return int(self.watch.execute("PRAGMA data_version").fetchone()[0])

    def checksum(self) -> str:
        """Counts and sums over the tables an import may write (every edit raises SEQUENCE)."""
        assert self.watch is not None
        sums = [
            self.watch.execute(
                "SELECT count(*), total(sequence), max(updated_at), total(length(uid)),"
                " total(length(title)), total(length(description)) FROM event"
            ).fetchone()
        ]
        for table in EVENT_TABLES[1:]:
            sums.append(
                self.watch.execute(f"SELECT count(*), total(rowid) FROM {table}").fetchone()
            )
        return repr(sums)

    def problems(self) -> list[str]:
        """What is wrong with the catalogue now: a damaged file, or an event saved invalid."""
        assert self.watch is not None and self.catalogue is not None
        found = [row[0] for row in self.watch.execute("PRAGMA quick_check") if row[0] != "ok"]
        found += [repr(row) for row in self.watch.execute("PRAGMA foreign_key_check")]
        changed = "SELECT uid FROM event WHERE id > ? OR updated_at > ?"  # since the restore
        for (uid,) in self.watch.execute(changed, self.baseline).fetchall():
            errors = validate_event(self.catalogue.event_draft(uid))
            if errors:
                found.append(f"event {uid!r} was saved invalid: {errors}")
        return found

    def import_complete(self, data: bytes) -> int:
        """Import through ``Catalogue.import_calendar``; return how many events it wrote."""
        assert self.catalogue is not None
        self.source.write_bytes(data)
        done = self.catalogue.import_calendar(self.source)
        return done.added + done.updated

    def import_fast(self, data: bytes) -> int:
        """Import as ``import_calendar`` does, without its backup; return events written."""
        assert self.catalogue is not None
        incoming = read_calendar(data, str(self.source))
        database = self.catalogue._db  # the same sessions the facade uses
        with database.sessions() as session, session.begin():
            done = import_events(session, incoming)
        return done.added + done.updated


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Stuck in this (main) thread if the block runs longer than ``seconds``."""

    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Stuck(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_range(
    folder: str,
    pristine: str,
    bases: Sequence[tuple[str, bytes]],
    indices: Sequence[int],
    complete_every: int,
) -> Tally:
    """Run inputs ``indices`` in a workbench under ``folder``; return the tally."""
    # As pytest is configured for the suite: a warning is an error, so none passes unseen.
    warnings.simplefilter("error")
    logging.getLogger().addHandler(logging.NullHandler())  # the import logs each refusal
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    bench = Workbench(root, Path(pristine))
    tally = Tally()
    known = bench.checksum()
    try:
        for count, index in enumerate(indices):
            if count and count % RESTORE_EVERY == 0:
                for problem in bench.problems():
                    tally.failures.append(_failure(root, index, "damaged", "", problem, b"", 0))
                bench.restore()
                known = bench.checksum()
            known = _run_one(bench, tally, bases, index, complete_every, known)
        for problem in bench.problems():
            tally.failures.append(_failure(root, -1, "damaged", "", problem, b"", 0))
    finally:
        bench.close()
    return tally


def _run_one(
    bench: Workbench,
    tally: Tally,
    bases: Sequence[tuple[str, bytes]],
    index: int,
    complete_every: int,
    known: str,
) -> str:
    """Run one input; return the checksum of the catalogue after it."""
    made = fuzzed(bases, index)
    complete = index % complete_every == 0
    version = bench.data_version()
    raised: BaseException | None = None
    started = time.perf_counter()
    try:
        with deadline(STUCK):
            written = (bench.import_complete if complete else bench.import_fast)(made.data)
    except UserError as error:
        raised = error
        kind = _kind(str(error))
        tally.messages[kind] = tally.messages.get(kind, 0) + 1
        if _raised_by_the_app(error.__cause__):
            # The import turns any exception into a refusal; one of its own is a bug.
            tally.failures.append(
                _failure(
                    bench.folder,
                    index,
                    "refused by an exception in the app's own code",
                    made.recipe,
                    "".join(traceback.format_exception(error)),
                    made.data,
                    0,
                )
            )
    except (Exception, Stuck) as error:
        raised = error
        tally.uncaught += 1
        detail = "".join(traceback.format_exception(error))
        tally.failures.append(
            _failure(bench.folder, index, "uncaught", made.recipe, detail, made.data, 0)
        )
    seconds = time.perf_counter() - started
    tally.inputs += 1
    tally.complete += complete
    if seconds > tally.slowest:
        tally.slowest, tally.slowest_recipe = seconds, f"input {index} ({made.recipe})"
    if seconds > SLOW:
        tally.slow += 1
        tally.failures.append(
            _failure(bench.folder, index, "slow", made.recipe, "", made.data, seconds)
        )
    if raised is None:
        tally.imported += 1
        tally.changed += written > 0
        return bench.checksum() if bench.data_version() != version else known
    if isinstance(raised, UserError):
        tally.refused += 1
    now = bench.checksum()
    if bench.data_version() != version or now != known:
        tally.partial += 1
        tally.failures.append(
            _failure(bench.folder, index, "partial", made.recipe, repr(raised), made.data, seconds)
        )
    if isinstance(raised, Stuck):
        bench.restore()
        return bench.checksum()
    return now


def _raised_by_the_app(error: BaseException | None) -> bool:
    """Whether ``error`` was raised in ``iclei_desktop`` itself, not in a library it calls."""
    if error is None or error.__traceback__ is None:
        return False
    innermost = traceback.extract_tb(error.__traceback__)[-1]
    return "iclei_desktop" in Path(innermost.filename).parts


def _kind(message: str) -> str:
    """The kind of a refusal: its words without the file, numbers and quoted parts."""
    if message.startswith("cannot import "):
        message = message.split(": ", 1)[-1]
    words = message.split("“", 1)[0].split("(", 1)[0]
    words = "".join("#" if c.isdigit() else c for c in words)
    return " ".join(words.split())[:70]


def _failure(
    folder: Path, index: int, kind: str, recipe: str, detail: str, data: bytes, seconds: float
) -> Failure:
    saved = folder / f"failed-{index}-{kind}.ics"
    saved.write_bytes(data)
    head = repr(data[:300])
    return Failure(index, kind, recipe, f"{detail}\nfirst bytes: {head}", str(saved), seconds)
