"""The command line: no sub-command opens the window; ``export`` writes the catalogue."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .core.db import DATABASE_ENV, choose_database_path
from .core.errors import UserError

PROG = "iclei-desktop"
EXIT_USAGE = 2


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    export = commands.add_parser(
        "export", parents=[database], help="write the whole catalogue to a file or stdout"
    )
    export.add_argument("--format", required=True, choices=["json"], help="output format")
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="file to write (default: stdout)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(levelname)s: %(message)s")
    args = build_parser().parse_args(argv)
    path, explicit = choose_database_path(getattr(args, "database", None))
    try:
        if args.command == "export":
            return _export(path, explicit, args.output)
        return _gui(path, explicit, args.screenshot)
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


def _gui(path: Path, explicit: bool, screenshot: Path | None) -> int:
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

    return run(catalogue, screenshot_dir=screenshot)
