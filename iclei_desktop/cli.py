"""The command line: no sub-command opens the window; ``export``, ``import``, ``search`` and
the calendar commands do not."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .core.columns import TABLE_TYPES
from .core.dto import KINDS
from .core.errors import UserError
from .core.paths import DATABASE_ENV, choose_database_path
from .core.vocabulary import EVENT_STATUSES

if TYPE_CHECKING:  # for the annotation; the API is imported where a command needs it
    from .core.api import Catalogue

PROG = "iclei-desktop"
EXIT_USAGE = 2
EXIT_NO_MATCH = 1
TABLE_FORMATS = ("csv", "xlsx")
CITATION_FORMATS = ("bibtex", "ris", "csl-json")
EXPORT_FORMATS = ("json", *TABLE_FORMATS, *CITATION_FORMATS)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see {PROG} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every option and sub-command."""
    database = _Parser(add_help=False)
    database.add_argument(
        "--database",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"catalogue file to open (default: ${DATABASE_ENV}, else the user's data folder)",
    )
    parser = _Parser(
        prog=PROG,
        parents=[database],
        description="ICLEI Desktop: the ICLEI East Asia Secretariat's programs, events, members "
        "and publications, offline. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        type=Path,
        help="open the window offscreen, save one PNG per tab into DIR and exit",
    )
    parser.add_argument(
        "--profile-startup",
        action="store_true",
        help="print when the window and the first page of its list were painted, then quit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen on a new catalogue (or a copy of --database) in a "
        "temporary folder, visit every tab, open the event form, export the calendar and read "
        "it back; print whether it passed and exit 0 or 1",
    )
    parser.add_argument(
        "--color-scheme",
        choices=["system", "light", "dark"],
        default="system",
        help="light or dark mode instead of the system's (default: system)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    export = commands.add_parser(
        "export",
        parents=[database],
        help="write the catalogue, one list as a table, or citations to a file or stdout",
        description="json: the whole catalogue. csv, xlsx: the list of one --type of record, "
        "as its tab lists it (CSV in UTF-8 with a byte-order mark, for Excel). bibtex, ris, "
        "csl-json: the publications as citations.",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    export.add_argument(
        "--type",
        dest="table_type",
        choices=list(TABLE_TYPES),
        help="the records to export as a table (csv, xlsx); citations are of publications",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="file to write (default: stdout; xlsx needs one; for json, a .zip bundle "
        "also holds the publications' files)",
    )
    search = commands.add_parser(
        "search",
        parents=[database],
        help="find records of every type; one per line: type, name, stable id",
        description="Find the records that contain every word of QUERY, in any script, "
        "ignoring case and accents; a word matches the start of a word. Prints one record "
        "per line (type, name and stable id, tab-separated), best first within each type. "
        "Exits 1 when nothing matches.",
    )
    search.add_argument("query", metavar="QUERY", help="words to find, e.g. 成都 or ulaan")
    search.add_argument(
        "--type",
        dest="types",
        action="append",
        choices=KINDS,
        help="only records of this type (may be repeated)",
    )
    search.add_argument(
        "--json", action="store_true", help="print a JSON list of {kind, id, uid, title, detail}"
    )
    export_calendar = commands.add_parser(
        "export-calendar",
        parents=[database],
        help="write events to an iCalendar (.ics) file",
        description="Write the catalogue's events, or those matching the options, to an "
        "iCalendar file that Outlook, Google Calendar, Apple Calendar and Thunderbird import.",
    )
    export_calendar.add_argument(
        "-o", "--output", metavar="FILE", type=Path, required=True, help=".ics file to write"
    )
    export_calendar.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        type=_iso_date,
        help="only events that end on or after DATE (YYYY-MM-DD)",
    )
    export_calendar.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        type=_iso_date,
        help="only events that start on or before DATE (YYYY-MM-DD)",
    )
    export_calendar.add_argument(
        "--program", metavar="NAME", help="only events of this program (its name or acronym)"
    )
    export_calendar.add_argument(
        "--status",
        type=_status,
        metavar="STATUS",
        help=f"only events with this status ({', '.join(EVENT_STATUSES)})",
    )
    import_calendar = commands.add_parser(
        "import-calendar",
        parents=[database],
        help="add and update events from an iCalendar (.ics) file",
        description="Merge the events of an iCalendar file into the catalogue by UID, keeping "
        "the newer edit of each. Prints 'added N, updated N, unchanged N, skipped N' and one "
        "line per skipped item with its reason.",
    )
    import_calendar.add_argument("file", metavar="FILE", type=Path, help=".ics file to read")
    import_calendar.add_argument(
        "--dry-run", action="store_true", help="only say what would be done; write nothing"
    )
    import_bundle = commands.add_parser(
        "import",
        parents=[database],
        help="merge a catalogue exported on another laptop (.json, or a .zip with files)",
        description="Merge a catalogue bundle into this one, record by record by uid. New "
        "records are added and records changed only there are taken; a record changed on both "
        "sides is a conflict: it keeps yours, and stays a conflict until you choose in the "
        "window (File › Import Catalogue…). Prints the "
        "counts, then one line per conflict and per skipped item.",
    )
    import_bundle.add_argument("--format", required=True, choices=["json"], help="input format")
    import_bundle.add_argument(
        "file", metavar="FILE", type=Path, help="the .json (or .zip bundle) to read"
    )
    import_bundle.add_argument(
        "--dry-run", action="store_true", help="only say what would be done; write nothing"
    )
    return parser


def _iso_date(text: str) -> date:
    """Read a YYYY-MM-DD date for an option."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text}")


def _status(text: str) -> str:
    """Read an event status for an option."""
    if text not in EVENT_STATUSES:
        raise argparse.ArgumentTypeError(
            f"unknown status {text} (choose from {', '.join(EVENT_STATUSES)})"
        )
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.profile_startup and args.screenshot is not None:
        parser.error("--profile-startup and --screenshot cannot be used together")
    if args.self_test:
        problem = _self_test_problem(args)
        if problem:
            parser.error(problem)
        from .gui.self_test import run_self_test

        database = getattr(args, "database", None)
        return run_self_test(Path(database) if database else None, args.color_scheme)
    if args.command == "search" and _searchable(args.query) is None:
        parser.error("the search query has no letters or digits")
    if args.command == "export-calendar" and args.start and args.end and args.end < args.start:
        parser.error(f"--to {args.end} is before --from {args.start}")
    if args.command == "export":
        problem = _export_problem(args.format, args.table_type, args.output)
        if problem:
            parser.error(problem)
    path, explicit = choose_database_path(getattr(args, "database", None))
    try:
        if args.command == "export" and args.format in TABLE_FORMATS:
            return _export_table(path, explicit, args.format, args.table_type, args.output)
        if args.command == "export" and args.format in CITATION_FORMATS:
            return _export_citations(path, explicit, args.format, args.output)
        if args.command == "export":
            return _export(path, explicit, args.output)
        if args.command == "search":
            return _search(path, explicit, args.query, args.types, args.json)
        if args.command == "export-calendar":
            return _export_calendar(path, explicit, args)
        if args.command == "import-calendar":
            return _import_calendar(path, explicit, args.file, args.dry_run)
        if args.command == "import":
            return _import_bundle(path, explicit, args.file, args.dry_run)
        return _gui(path, explicit, args.screenshot, args.color_scheme, args.profile_startup)
    except UserError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _self_test_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options given with --self-test, if anything."""
    if args.command is not None:
        return f"--self-test cannot be used with the {args.command} command"
    if args.screenshot is not None:
        return "--self-test and --screenshot cannot be used together"
    if args.profile_startup:
        return "--self-test and --profile-startup cannot be used together"
    return None


def _open(path: Path, explicit: bool) -> Catalogue:
    from .core.api import Catalogue

    catalogue = Catalogue.open(path, explicit=explicit)
    if catalogue.created and explicit:
        print(f"{PROG}: created a new catalogue at {path}", file=sys.stderr)
    return catalogue


def _export(path: Path, explicit: bool, output: Path | None) -> int:
    from .core.files import check_target

    if output is not None:
        check_target(output)  # before the catalogue file is opened or made
    catalogue = _open(path, explicit)
    try:
        if output is None:
            sys.stdout.write(catalogue.export_json())
        elif output.suffix.lower() == ".zip":  # a bundle with the publications' files
            catalogue.export_bundle_to(output)
        else:
            catalogue.export_json_to(output)
    finally:
        catalogue.close()
    return 0


def _export_problem(fmt: str, table_type: str | None, output: Path | None) -> str | None:
    """What is wrong with the options of ``export`` for ``fmt``, if anything."""
    if fmt == "json" and table_type is not None:
        return "--type cannot be used with --format json, which exports the whole catalogue"
    if fmt in TABLE_FORMATS and table_type is None:
        return f"--format {fmt} needs --type ({', '.join(TABLE_TYPES)})"
    if fmt == "xlsx" and output is None:
        return "--format xlsx needs -o FILE: a workbook is not written to the terminal"
    if fmt in CITATION_FORMATS and table_type not in (None, "publications"):
        return f"--format {fmt} exports publications only, not --type {table_type}"
    return None


def _wrote(count: int, table_type: str, output: Path) -> None:
    # "wrote 1 local government", "wrote 40 local governments": the kind, or the --type name.
    noun = TABLE_TYPES[table_type] if count == 1 else table_type
    print(f"wrote {count} {noun.replace('_', ' ').replace('-', ' ')} to {output}")


def _export_table(
    path: Path, explicit: bool, fmt: str, table_type: str, output: Path | None
) -> int:
    import shutil
    import tempfile

    from .core.files import check_target

    if output is not None:
        check_target(output)  # before the catalogue file is opened or made
    catalogue = _open(path, explicit)
    try:
        if output is not None:
            count = catalogue.export_table(TABLE_TYPES[table_type], output, fmt)
            _wrote(count, table_type, output)
            return 0
        # To stdout through a file, so that a long list is never held whole in memory.
        with tempfile.TemporaryDirectory(prefix="iclei-desktop-") as folder:
            table = Path(folder) / f"{table_type}.{fmt}"
            catalogue.export_table(TABLE_TYPES[table_type], table, fmt)
            sys.stdout.flush()
            with table.open("rb") as stream:
                shutil.copyfileobj(stream, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    finally:
        catalogue.close()
    return 0


def _export_citations(path: Path, explicit: bool, fmt: str, output: Path | None) -> int:
    from .core.files import check_target

    if output is not None:
        check_target(output)  # before the catalogue file is opened or made
    catalogue = _open(path, explicit)
    try:
        if output is None:
            sys.stdout.write(catalogue.citations(fmt))
            return 0
        count = catalogue.export_citations(output, fmt)
    finally:
        catalogue.close()
    _wrote(count, "publications", output)
    return 0


def _search(path: Path, explicit: bool, query: str, types: list[str] | None, as_json: bool) -> int:
    catalogue = _open(path, explicit)
    try:
        hits = catalogue.search(query, types)
    finally:
        catalogue.close()
    if not hits:
        return EXIT_NO_MATCH
    if as_json:
        json.dump([dataclasses.asdict(hit) for hit in hits], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for hit in hits:
            # One record per line, whatever the name holds.
            print(f"{hit.kind}\t{' '.join(hit.title.split())}\t{hit.uid}")
    return 0


def _export_calendar(path: Path, explicit: bool, args: argparse.Namespace) -> int:
    from .core.files import check_target

    check_target(args.output)  # before the catalogue file is opened or made
    catalogue = _open(path, explicit)
    try:
        count = catalogue.export_calendar(
            args.output, start=args.start, end=args.end, program=args.program, status=args.status
        )
    finally:
        catalogue.close()
    print(f"wrote {count} event{'' if count == 1 else 's'} to {args.output}")
    return 0


def _import_calendar(path: Path, explicit: bool, source: Path, dry_run: bool) -> int:
    from .core.ical.files import check_source

    check_source(source)  # before the catalogue file is opened or made
    _check_dry_run(path, dry_run)
    catalogue = _open(path, explicit)
    try:
        if dry_run:
            result = catalogue.preview_calendar_import(source)
        else:
            result = catalogue.import_calendar(source)
    finally:
        catalogue.close()
    print(result.summary)
    for item in result.items:
        if item.action == "skip":
            # One item per line, whatever its title holds.
            label = " ".join((item.title or item.uid or "an item with no UID").split())
            print(f"skipped {label}: {item.reason}")
    if dry_run:
        print("dry run: nothing was written")
    return 0


def _import_bundle(path: Path, explicit: bool, source: Path, dry_run: bool) -> int:
    from .core.exchange.bundle import check_source

    check_source(source)  # before the catalogue file is opened or made
    _check_dry_run(path, dry_run)
    catalogue = _open(path, explicit)
    try:
        # Conflicts keep yours on the command line, and stay conflicts: nobody chose, so the
        # next import, in the window, offers the choice again.
        plan = (
            catalogue.preview_bundle(source)
            if dry_run
            else catalogue.import_bundle(source, settle_conflicts=False)
        )
    finally:
        catalogue.close()
    print(plan.summary)
    for item in plan.items:
        # One item per line, whatever its label holds.
        label = " ".join(item.label.split())
        kind = item.kind.replace("_", " ")
        if item.action == "conflict":
            fields = ", ".join(difference.field for difference in item.differences)
            print(f"conflict: {kind} {label}: {fields} — kept yours")
        elif item.action == "skipped":
            print(f"skipped {kind} {label}: {item.reason}")
    if dry_run:
        print("dry run: nothing was written")
    return 0


def _check_dry_run(path: Path, dry_run: bool) -> None:
    """Refuse a dry run on a catalogue that does not exist: it would have to be made."""
    if dry_run and not path.exists():
        raise UserError(f"there is no catalogue at {path}, and a dry run makes none")


def _gui(
    path: Path, explicit: bool, screenshot: Path | None, color_scheme: str, profile: bool
) -> int:
    if screenshot is not None:
        if screenshot.exists() and not screenshot.is_dir():
            raise UserError(f"cannot save screenshots in {screenshot}: it is not a folder")
        if not screenshot.parent.is_dir():
            raise UserError(
                f"cannot save screenshots in {screenshot}: folder {screenshot.parent} "
                "does not exist"
            )
    if not explicit:
        # The user's data folder: private, since the catalogue may hold contact details.
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    from .gui.app import launch

    return launch(path, explicit, screenshot, color_scheme, profile=profile)


def _searchable(text: str) -> str | None:
    from .core.search import fts_query  # SQLAlchemy: not before the window is painted

    return fts_query(text)
