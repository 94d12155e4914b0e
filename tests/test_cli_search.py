"""The ``search`` command: its plain and JSON output, its filter, and its exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from iclei_desktop.cli import main
from iclei_desktop.core.api import Catalogue

EMPTY_QUERY = (
    "iclei-desktop: error: the search query has no letters or digits (see iclei-desktop --help)\n"
)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m iclei_desktop`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "iclei_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One seeded catalogue file shared by the tests that only search it."""
    path = tmp_path_factory.mktemp("cli-search") / "catalogue.sqlite"
    Catalogue.open(path).close()
    yield path


def search(capsys: pytest.CaptureFixture[str], database: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--database", str(database), "search", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_one_match_per_line_kind_title_uid(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    assert search(capsys, database, "成都") == (
        0,
        "local_government\tChengdu 成都市\tchengdu\n",
        "",
    )
    code, out, _ = search(capsys, database, "Malmo")
    assert code == 0
    lines = out.splitlines()
    assert "local_government\tMalmö\tmalmo" in lines
    assert "person\tKatrin Stjernfeldt Jammeh\tkatrin-stjernfeldt-jammeh" in lines
    assert all(len(line.split("\t")) == 3 for line in lines)


def test_json_lists_every_field(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    code, out, err = search(capsys, database, "улаан", "--json")
    assert (code, err) == (0, "")
    assert "Улаанбаатар" in out  # not \u-escaped
    hits = json.loads(out)
    assert [list(hit) for hit in hits] == [["kind", "id", "uid", "title", "detail"]] * len(hits)
    assert {
        "kind": "local_government",
        "uid": "ulaanbaatar",
        "title": "Ulaanbaatar Улаанбаатар",
        "detail": "Mongolia",
    }.items() <= hits[0].items()
    assert isinstance(hits[0]["id"], int)


def test_type_keeps_only_those_records(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    code, out, _ = search(capsys, database, "circular", "--type", "publication")
    assert code == 0 and out
    assert {line.split("\t")[0] for line in out.splitlines()} == {"publication"}
    code, out, _ = search(capsys, database, "circular", "--type", "event", "--type", "program")
    assert {line.split("\t")[0] for line in out.splitlines()} == {"program", "event"}


def test_the_database_option_also_follows_the_command(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    assert main(["search", "서울", "--database", str(database)]) == 0
    assert capsys.readouterr().out == "local_government\tSeoul 서울특별시\tseoul\n"


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_no_match_prints_nothing_and_exits_1(
    capsys: pytest.CaptureFixture[str], database: Path, extra: list[str]
) -> None:
    assert search(capsys, database, "zzyzx", *extra) == (1, "", "")


@pytest.mark.parametrize("query", ["", "   ", "?!", '"()*"'])
def test_a_query_without_letters_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str
) -> None:
    target = tmp_path / "never-made.sqlite"
    with pytest.raises(SystemExit) as exit_info:
        main(["--database", str(target), "search", query])
    assert exit_info.value.code == 2
    assert capsys.readouterr() == ("", EMPTY_QUERY)
    assert not target.exists()


def test_a_bad_type_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_cli("--database", str(tmp_path / "c.sqlite"), "search", "x", "--type", "city")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("iclei-desktop: error: argument --type: invalid choice: 'city'")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "c.sqlite").exists()


def test_an_odd_query_in_a_real_process_never_gives_a_traceback(database: Path) -> None:
    result = run_cli("--database", str(database), "search", '"unbalanced (AND NEAR* -')
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""


def test_a_name_holding_a_tab_stays_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "c.sqlite"
    Catalogue.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE program SET name = 'Tabbed\tand\nbroken' WHERE uid = 'gccc'")
    connection.commit()
    connection.close()
    assert search(capsys, path, "tabbed") == (0, "program\tTabbed and broken\tgccc\n", "")


def test_help_names_the_search_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "search" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = capsys.readouterr().out
    for word in ("QUERY", "--type", "--json", "--database"):
        assert word in out
