"""``export --format csv|xlsx --type TYPE``: each list as a table, and every bad combination."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from iclei_desktop.cli import main
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.columns import COLUMNS, TABLE_TYPES

from .test_cli import one_line_error, run_cli

NOUNS = {
    "events": "events",
    "programs": "programs",
    "local-governments": "local governments",
    "people": "people",
    "organizations": "organizations",
    "publications": "publications",
}


@pytest.fixture
def database(tmp_path: Path, seeded_bytes: bytes) -> Path:
    """A seeded catalogue file (copied: seeding one takes seconds)."""
    path = tmp_path / "c.sqlite"
    path.write_bytes(seeded_bytes)
    return path


def counts(database: Path) -> dict[str, int]:
    catalogue = Catalogue.open(database)
    try:
        return {kind: len(catalogue.all_rows(kind)) for kind in COLUMNS if kind != "person"} | {
            "person": catalogue.counts().people
        }
    finally:
        catalogue.close()


def usage_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return re.sub(r"'([\w-]+)'", r"\1", lines[0])  # Python versions differ on quoting choices


@pytest.mark.parametrize("table_type", list(TABLE_TYPES))
def test_csv_of_every_type_to_a_file(
    database: Path, tmp_path: Path, table_type: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / f"{table_type}.csv"
    args = ["--database", str(database), "export", "--format", "csv", "--type", table_type]
    assert main([*args, "-o", str(output)]) == 0
    data = output.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    kind = TABLE_TYPES[table_type]
    assert rows[0] == [c.header for c in COLUMNS[kind]]
    expected = counts(database)[kind]
    assert len(rows) - 1 == expected
    assert capsys.readouterr().out == f"wrote {expected} {NOUNS[table_type]} to {output}\n"
    assert list(tmp_path.glob(f".{output.name}.*")) == []


@pytest.mark.parametrize("table_type", list(TABLE_TYPES))
def test_xlsx_of_every_type_to_a_file(
    database: Path, tmp_path: Path, table_type: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "table.xlsx"
    args = ["--database", str(database), "export", "--format", "xlsx", "--type", table_type]
    assert main([*args, "--output", str(output)]) == 0
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == [table_type]
    sheet = workbook[table_type]
    kind = TABLE_TYPES[table_type]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS[kind]]
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row - 1 == counts(database)[kind]
    assert capsys.readouterr().out.startswith("wrote ")


@pytest.mark.parametrize("table_type", ["events", "people", "local-governments"])
def test_csv_to_stdout_is_the_same_bytes_as_the_file(
    database: Path, tmp_path: Path, table_type: str
) -> None:
    args = ["--database", str(database), "export", "--format", "csv", "--type", table_type]
    output = tmp_path / "out.csv"
    assert main([*args, "-o", str(output)]) == 0
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    printed = result.stdout.encode("utf-8")
    assert printed.replace(b"\r\n", b"\n") == output.read_bytes().replace(b"\r\n", b"\n")
    if table_type == "local-governments":
        assert "서울특별시" in result.stdout and "Улаанбаатар" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["export", "--format", "csv"],
            "iclei-desktop: error: --format csv needs --type (events, programs, local-governments, people, organizations, publications) (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "xlsx", "-o", "x.xlsx"],
            "iclei-desktop: error: --format xlsx needs --type (events, programs, local-governments, people, organizations, publications) (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "xlsx", "--type", "events"],
            "iclei-desktop: error: --format xlsx needs -o FILE: a workbook is not written to the terminal (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "json", "--type", "events"],
            "iclei-desktop: error: --type cannot be used with --format json, which exports the whole catalogue (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "bibtex", "--type", "events"],
            "iclei-desktop: error: --format bibtex exports publications only, not --type events (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "ris", "--type", "people", "-o", "x.ris"],
            "iclei-desktop: error: --format ris exports publications only, not --type people (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "csl-json", "--type", "organizations"],
            "iclei-desktop: error: --format csl-json exports publications only, not --type organizations (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "csv", "--type", "members"],
            "iclei-desktop: error: argument --type: invalid choice: members (choose from events, programs, local-governments, people, organizations, publications) (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "ods", "--type", "events"],
            "iclei-desktop: error: argument --format: invalid choice: ods (choose from json, csv, xlsx, bibtex, ris, csl-json) (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "csv", "--type"],
            "iclei-desktop: error: argument --type: expected one argument (see iclei-desktop --help)",
        ),
    ],
)
def test_bad_combinations_give_one_line_exit_2_and_write_nothing(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    database = tmp_path / "c.sqlite"
    assert usage_error(["--database", str(database), *args], capsys) == message
    assert list(tmp_path.iterdir()) == []  # no catalogue made, no file written


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_missing_folder_fails_before_the_catalogue_is_opened(tmp_path: Path, fmt: str) -> None:
    database = tmp_path / "c.sqlite"
    output = tmp_path / "nowhere" / f"events.{fmt}"
    result = run_cli(
        "--database",
        str(database),
        "export",
        "--format",
        fmt,
        "--type",
        "events",
        "-o",
        str(output),
    )
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot write {output}: folder {output.parent} does not exist"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_output_is_refused_and_left_empty(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out.csv"
    folder.mkdir()
    args = ["--database", str(database), "export", "--format", "csv", "--type", "people"]
    assert main([*args, "-o", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"iclei-desktop: error: cannot write {folder}: it is a folder\n"
    assert captured.out == ""
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json"],
        ["--format", "csv", "--type", "events"],
        ["--format", "bibtex"],
    ],
)
def test_a_folder_as_output_fails_before_the_catalogue_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    database = tmp_path / "c.sqlite"
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["--database", str(database), "export", *args, "-o", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"iclei-desktop: error: cannot write {folder}: it is a folder\n"
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == [folder]  # no catalogue made
    assert list(folder.iterdir()) == []


def test_an_existing_file_is_replaced_whole(database: Path, tmp_path: Path) -> None:
    output = tmp_path / "events.csv"
    output.write_text("stale line\n" * 10_000)
    output.chmod(0o600)
    args = ["--database", str(database), "export", "--format", "csv", "--type", "events"]
    assert main([*args, "-o", str(output)]) == 0
    assert "stale line" not in output.read_text(encoding="utf-8-sig")
    assert output.stat().st_mode & 0o777 == 0o600


def test_help_lists_the_formats_and_types(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "--format {json,csv,xlsx,bibtex,ris,csl-json}" in out
    assert "{events,programs,local-governments,people,organizations,publications}" in out
