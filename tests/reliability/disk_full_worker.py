"""A process for test_disk_full that saves, imports and exports under ``ulimit -f``.

Run from the repository as ``python -m tests.reliability.disk_full_worker SCENARIO DATABASE
FOLDER``. It ignores SIGXFSZ, so a write past the limit (RLIMIT_FSIZE) fails with EFBIG as
on a disk that cannot take more, instead of killing the process. Each scenario opens the
catalogue, lowers the limit, tries what the user would, raises the limit again ("space
freed") and tries once more with the same Catalogue; it prints one JSON object saying how
each attempt went and what the catalogue and folder held in between.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.dto import EventDraft
from iclei_desktop.core.errors import UserError
from tests.reliability.kill9_worker import calendar

TITLE = "disk full "
LONG_TEXT = "Room for this text is what the disk lacks. " * 460  # about 20,000 characters
EXPORT_LIMIT = 4096  # smaller than any export of the seeded catalogue
BACKUP_LIMIT = 64 * 1024  # smaller than the catalogue, so not even its backup fits


def draft(title: str, note: str = "") -> EventDraft:
    """A valid event whose text takes several pages, and more with a long ``note``."""
    day = date(2022, 9, 1)
    return EventDraft(
        title=f"{TITLE}{title}",
        start_date=day,
        end_date=day,
        description=LONG_TEXT,
        organizer_ids=(1, 2, 3),
        publication_ids=(1, 2),
        note=note,
    )


def source(folder: Path, name: str, count: int = 3) -> Path:
    """An .ics file of ``count`` new events with long descriptions."""
    path = folder / f"{name}.ics"
    events = [
        (f"{name}-{i}@reliability.test", f"{TITLE}{name} {i}", LONG_TEXT, "Seoul", 0, None)
        for i in range(count)
    ]
    path.write_bytes(calendar(events))
    return path


def attempt(action: Callable[[], object]) -> dict[str, Any]:
    """Run ``action``; say whether it worked, or which error it raised and with what words."""
    try:
        action()
    except Exception as error:  # the test decides which errors are right
        return {
            "ok": False,
            "error": type(error).__name__,
            "user_error": isinstance(error, UserError),
            "message": str(error),
        }
    return {"ok": True}


def limit_file_size(size: int | None) -> None:
    """Set ``ulimit -f`` to ``size`` bytes, or back to unlimited ("space freed")."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard if size is None else size, hard))


def titles(catalogue: Catalogue) -> list[str]:
    return sorted(row.title for row in catalogue.events() if row.title.startswith(TITLE))


def saves(database: Path, folder: Path) -> dict[str, Any]:
    """Save, update and import where the catalogue's journal cannot grow, then with room."""
    catalogue = Catalogue.open(database)
    report: dict[str, Any] = {}
    uid = catalogue.create_event(draft("saved before"))
    # Grow the write-ahead log past the catalogue's own size with real saves, so that a
    # limit at the log's size leaves room for the backup an import takes (a copy of the
    # catalogue) but none for the import itself, which must add to the log.
    wal = Path(f"{database}-wal")
    for round_ in range(200):
        if wal.stat().st_size > catalogue_size(catalogue) + 128 * 1024:
            break
        catalogue.update_event(uid, draft(f"saved before, edit {round_}"))
    before = titles(catalogue)
    sources = source(folder, "while-full"), source(folder, "no-room-for-backup")
    limit = wal.stat().st_size
    report["limit"] = limit
    limit_file_size(limit)
    report["create"] = attempt(lambda: catalogue.create_event(draft("never saved")))
    report["update"] = attempt(lambda: catalogue.update_event(uid, draft("never updated")))
    report["import"] = attempt(lambda: catalogue.import_calendar(sources[0]))
    limit_file_size(BACKUP_LIMIT)
    report["import, no room for its backup"] = attempt(
        lambda: catalogue.import_calendar(sources[1])
    )
    report["unchanged while full"] = titles(catalogue) == before
    report["folder while full"] = sorted(os.listdir(database.parent))
    limit_file_size(None)
    report["create after"] = attempt(lambda: catalogue.create_event(draft("saved after")))
    report["update after"] = attempt(lambda: catalogue.update_event(uid, draft("updated after")))
    report["import after"] = attempt(lambda: catalogue.import_calendar(sources[0]))
    report["titles after"] = titles(catalogue)
    catalogue.close()
    return report


def catalogue_size(catalogue: Catalogue) -> int:
    """The size of the catalogue SQLite sees, with what its -wal adds (a backup's size)."""
    uri = f"{catalogue.path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        pages, page_size = (
            connection.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("page_count", "page_size")
        )
    return int(pages) * int(page_size)


def exports(database: Path, folder: Path) -> dict[str, Any]:
    """Export a calendar and the whole catalogue over earlier exports that must survive."""
    catalogue = Catalogue.open(database)
    report: dict[str, Any] = {}
    targets = {"calendar": folder / "events.ics", "json": folder / "catalogue.json"}
    runs: dict[str, Callable[[], object]] = {
        "calendar": lambda: catalogue.export_calendar(targets["calendar"]),
        "json": lambda: catalogue.export_json_to(targets["json"]),
    }
    limit_file_size(EXPORT_LIMIT)
    for name, run in runs.items():
        report[name] = attempt(run)
        report[f"{name} target"] = hashlib.sha256(targets[name].read_bytes()).hexdigest()
    report["folder while full"] = sorted(os.listdir(folder))
    limit_file_size(None)
    for name, run in runs.items():
        report[f"{name} after"] = attempt(run)
        report[f"{name} size after"] = targets[name].stat().st_size
    catalogue.close()
    return report


SCENARIOS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {"saves": saves, "exports": exports}


def main(argv: Sequence[str]) -> None:
    scenario, database, folder = argv
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    print(json.dumps(SCENARIOS[scenario](Path(database), Path(folder))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
