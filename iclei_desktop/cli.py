"""The command line: no sub-command opens the window; ``export`` and ``search`` do not."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .core.db import DATABASE_ENV, choose_database_path
from .core.errors import UserError
from .core.search import KINDS, fts_query

PROG = "iclei-desktop"
EXIT_USAGE = 2
EXIT_NO_MATCH = 1


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
        "--color-scheme",
        choices=["system", "light", "dark"],
        default="system",
        help="light or dark mode instead of the system's (default: system)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    export = commands.add_parser(
        "export", parents=[database], help="write the whole catalogue to a file or stdout"
    )
    export.add_argument("--format", required=True, choices=["json"], help="output format")
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="file to write (default: stdout)"
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "search" and fts_query(args.query) is None:
        parser.error("the search query has no letters or digits")
    path, explicit = choose_database_path(getattr(args, "database", None))
    try:
        if args.command == "export":
            return _export(path, explicit, args.output)
        if args.command == "search":
            return _search(path, explicit, args.query, args.types, args.json)
        return _gui(path, explicit, args.screenshot, args.color_scheme)
    except UserError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _open(path: Path, explicit: bool):  # type: ignore[no-untyped-def]
    from .core.api import Catalogue

    catalogue = Catalogue.open(path, explicit=explicit)
    if catalogue.created and explicit:
        print(f"{PROG}: created a new catalogue at {path}", file=sys.stderr)
    return catalogue


def _export(path: Path, explicit: bool, output: Path | None) -> int:
    from .core.errors import ExportError

    if output is not None and not output.parent.is_dir():
        raise ExportError(f"cannot write {output}: folder {output.parent} does not exist")
    catalogue = _open(path, explicit)
    try:
        if output is None:
            sys.stdout.write(catalogue.export_json())
        else:
            catalogue.export_json_to(output)
    finally:
        catalogue.close()
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


def _gui(path: Path, explicit: bool, screenshot: Path | None, color_scheme: str) -> int:
    if screenshot is not None:
        if screenshot.exists() and not screenshot.is_dir():
            raise UserError(f"cannot save screenshots in {screenshot}: it is not a folder")
        if not screenshot.parent.is_dir():
            raise UserError(
                f"cannot save screenshots in {screenshot}: folder {screenshot.parent} "
                "does not exist"
            )
    catalogue = _open(path, explicit)
    from .gui.app import run

    return run(catalogue, screenshot_dir=screenshot, color_scheme=color_scheme)
