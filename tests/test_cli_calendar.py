"""The ``export-calendar`` and ``import-calendar`` commands: output, filters and every error path."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from iclei_desktop.cli import main
from iclei_desktop.core.api import Catalogue
from tests.ical_support import ICAL_DATA, snapshot

USAGE = " (see iclei-desktop --help)"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m iclei_desktop`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "iclei_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    """A seeded catalogue file."""
    path = tmp_path / "catalogue.sqlite"
    Catalogue.open(path).close()
    yield path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def uids(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]) for e in calendar.walk("VEVENT")}


def state(database: Path) -> dict[str, object]:
    opened = Catalogue.open(database)
    try:
        return snapshot(opened)
    finally:
        opened.close()


# --- export-calendar ----------------------------------------------------------------------


def test_export_calendar_writes_every_event(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "events.ics"
    assert cli(capsys, "--database", str(database), "export-calendar", "-o", str(target)) == (
        0,
        f"wrote 40 events to {target}\n",
        "",
    )
    assert len(uids(target)) == 40


def test_export_calendar_filters(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "gccc-2020.ics"
    args = ["--from", "2020-01-01", "--to", "2020-12-31", "--program", "gccc"]
    code, out, _ = cli(
        capsys, "export-calendar", "--database", str(database), "-o", str(target), *args
    )
    assert (code, out) == (0, f"wrote 3 events to {target}\n")
    assert "turku-city-study-tour-japan-2020@iclei-eastasia.desktop" in uids(target)
    code, out, _ = cli(
        capsys,
        "export-calendar",
        "--database",
        str(database),
        "-o",
        str(target),
        "--status",
        "postponed",
    )
    assert (code, out) == (0, f"wrote 1 event to {target}\n")
    assert uids(target) == {"cbd-cop15-2020-postponed@iclei-eastasia.desktop"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2020-13-01"],
            "argument --from: not a date in the form YYYY-MM-DD: 2020-13-01" + USAGE,
        ),
        (
            ["--to", "21 Jan 2020"],
            "argument --to: not a date in the form YYYY-MM-DD: 21 Jan 2020" + USAGE,
        ),
        (
            ["--from", "20200121"],
            "argument --from: not a date in the form YYYY-MM-DD: 20200121" + USAGE,
        ),
        (
            ["--from", "2021-02-01", "--to", "2021-01-31"],
            "--to 2021-01-31 is before --from 2021-02-01" + USAGE,
        ),
        (
            ["--status", "maybe"],
            "argument --status: unknown status maybe (choose from confirmed, tentative, postponed, cancelled)"
            + USAGE,
        ),
    ],
)
def test_export_calendar_usage_errors_exit_2_and_touch_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    database, target = tmp_path / "c.sqlite", tmp_path / "events.ics"
    with pytest.raises(SystemExit) as exit_info:
        main(["--database", str(database), "export-calendar", "-o", str(target), *args])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"iclei-desktop: error: {message}\n"
    assert not database.exists() and not target.exists()


def test_export_calendar_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export-calendar"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "iclei-desktop: error: the following arguments are required: -o/--output" + USAGE + "\n"
    )


def test_export_calendar_of_an_unknown_program(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.ics"
    result = run_cli(
        "--database", str(database), "export-calendar", "-o", str(target), "--program", "Nope"
    )
    assert one_line_error(result) == "iclei-desktop: error: there is no program named “Nope”"
    assert not target.exists()


def test_export_calendar_matching_nothing(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.ics"
    result = run_cli(
        "--database",
        str(database),
        "export-calendar",
        "-o",
        str(target),
        "--from",
        "1990-01-01",
        "--to",
        "1990-12-31",
    )
    assert one_line_error(result) == (
        f"iclei-desktop: error: no event matches, so {target} was not written"
    )


def test_export_calendar_into_a_missing_folder_makes_no_catalogue(tmp_path: Path) -> None:
    database, target = tmp_path / "c.sqlite", tmp_path / "nowhere" / "events.ics"
    result = run_cli("--database", str(database), "export-calendar", "-o", str(target))
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot write {target}: folder {target.parent} does not exist"
    )
    assert not database.exists() and not target.parent.exists()


def test_export_calendar_onto_a_folder(database: Path, tmp_path: Path) -> None:
    result = run_cli("--database", str(database), "export-calendar", "-o", str(tmp_path))
    assert (
        one_line_error(result) == f"iclei-desktop: error: cannot write {tmp_path}: it is a folder"
    )


# --- import-calendar ----------------------------------------------------------------------


def test_import_calendar_prints_the_counts_and_each_skipped_item(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    source = ICAL_DATA / "recurring.ics"
    code, out, err = cli(capsys, "--database", str(database), "import-calendar", str(source))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "added 1, updated 0, unchanged 0, skipped 2",
        "skipped GCCC weekly coordination (moved to the afternoon): changes one occurrence "
        "(30 Mar 2021) of a repeating event; only the first occurrence is imported",
        "skipped Send the GCCC minutes: a VTODO, not an event",
    ]
    code, out, _ = cli(capsys, "--database", str(database), "import-calendar", str(source))
    assert out.splitlines()[0] == "added 0, updated 0, unchanged 1, skipped 2"


def test_import_calendar_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    before = state(database)
    code, out, _ = cli(
        capsys,
        "import-calendar",
        str(ICAL_DATA / "google.ics"),
        "--dry-run",
        "--database",
        str(database),
    )
    assert code == 0
    assert out == "added 4, updated 0, unchanged 0, skipped 0\ndry run: nothing was written\n"
    assert state(database) == before


def test_import_calendar_of_a_skipped_item_without_title_names_its_uid(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    source = tmp_path / "untitled.ics"
    source.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//T//EN\nBEGIN:VEVENT\nUID:untitled@x\n"
        "DTSTAMP:20210101T000000Z\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    _, out, _ = cli(capsys, "--database", str(database), "import-calendar", str(source))
    assert out.splitlines() == [
        "added 0, updated 0, unchanged 0, skipped 1",
        "skipped untitled@x: no DTSTART",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("utf16.ics", "it is UTF-16 text; save it as UTF-8 and try again"),
        (
            "truncated.ics",
            "the file is incomplete: it ends without END:VCALENDAR (the VEVENT begun on line 4 is never closed)",
        ),
        ("invalid-date.ics", "line 13: DTSTART is not a valid date or time: “20201332”"),
    ],
)
def test_import_calendar_of_a_bad_file_is_one_line_and_writes_nothing(
    database: Path, name: str, message: str
) -> None:
    before = state(database)
    source = ICAL_DATA / name
    result = run_cli("--database", str(database), "import-calendar", str(source))
    assert one_line_error(result) == f"iclei-desktop: error: cannot import {source}: {message}"
    assert result.stdout == ""
    assert state(database) == before


def test_import_calendar_of_a_missing_file_makes_no_catalogue(tmp_path: Path) -> None:
    database, source = tmp_path / "c.sqlite", tmp_path / "missing.ics"
    result = run_cli("--database", str(database), "import-calendar", str(source))
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot import {source}: there is no such file"
    )
    assert not database.exists()


def test_import_calendar_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import-calendar"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "iclei-desktop: error: the following arguments are required: FILE" + USAGE + "\n"
    )


def test_the_help_lists_the_calendar_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "export-calendar" in out and "import-calendar" in out
