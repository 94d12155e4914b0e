"""The ``import --format json`` command: a colleague's catalogue merged from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from iclei_desktop.cli import main
from iclei_desktop.core.api import Catalogue
from tests.bundle_support import edit, laptop, records, snapshot
from tests.test_cli_calendar import one_line_error, run_cli

EVENT = "adb-technical-exchange-ucca-2020@iclei-eastasia.desktop"
USAGE = " (see iclei-desktop --help)"


@pytest.fixture
def pair(tmp_path: Path, seeded_bytes: bytes) -> Iterator[tuple[Path, Path]]:
    """Two catalogue files seeded alike, the same event edited on each; A's bundle exported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = laptop(seeded_bytes, tmp_path / "a" / "catalogue.sqlite")
    b = laptop(seeded_bytes, tmp_path / "b" / "catalogue.sqlite")
    edit(a, "event", EVENT, title="Title from A", attendance=40)
    edit(b, "event", EVENT, title="Title from B")
    edit(a, "program", "bea", summary="Edited on A.")
    a.export_json_to(tmp_path / "a.json")
    a.close()
    b.close()
    yield tmp_path / "a.json", tmp_path / "b" / "catalogue.sqlite"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def state(database: Path) -> dict[str, object]:
    opened = Catalogue.open(database)
    try:
        return snapshot(opened)
    finally:
        opened.close()


def test_import_prints_the_summary_and_each_conflict_keeping_yours(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, database = pair
    code, out, err = cli(
        capsys, "--database", str(database), "import", "--format", "json", str(source)
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "new 0, changed 1, conflicts 1 (kept yours), kept 0, unchanged 325",
        "conflict: event Title from A: title, attendance \u2014 kept yours",
    ]
    opened = Catalogue.open(database)
    try:
        assert records(opened, "events")[EVENT]["title"] == "Title from B"
        assert records(opened, "programs")["bea"]["summary"] == "Edited on A."
    finally:
        opened.close()


def test_a_conflict_kept_on_the_command_line_is_offered_again_in_the_window(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, database = pair
    args = ["--database", str(database), "import", "--format", "json", str(source)]
    assert cli(capsys, *args)[0] == 0

    code, out, _ = cli(capsys, *args)  # the same bundle again: nobody has chosen yet

    assert code == 0
    assert out.splitlines() == [
        "new 0, changed 0, conflicts 1 (kept yours), kept 0, unchanged 326",
        "conflict: event Title from A: title, attendance \u2014 kept yours",
    ]
    opened = Catalogue.open(database)
    try:
        (conflict,) = opened.preview_bundle(source).of("conflict")  # what the window shows
        assert conflict.uid == EVENT
        opened.import_bundle(source, take_theirs={EVENT})
        assert records(opened, "events")[EVENT]["title"] == "Title from A"
        assert opened.preview_bundle(source).summary == (
            "new 0, changed 0, conflicts 0, kept 0, unchanged 327"
        )
    finally:
        opened.close()


def test_import_dry_run_writes_nothing(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, database = pair
    before = state(database)
    code, out, _ = cli(
        capsys, "--database", str(database), "import", "--format", "json", str(source), "--dry-run"
    )
    assert code == 0
    assert out.splitlines()[0] == (
        "new 0, changed 1, conflicts 1 (kept yours), kept 0, unchanged 325"
    )
    assert out.splitlines()[-1] == "dry run: nothing was written"
    assert state(database) == before


def test_import_prints_each_skipped_item(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source, database = pair
    document = json.loads(source.read_text(encoding="utf-8"))
    document["events"].append(
        dict(document["events"][0], uid="new@test", title="New\nevent", program="gone")
    )
    source.write_text(json.dumps(document), encoding="utf-8")
    _, out, _ = cli(capsys, "--database", str(database), "import", "--format", "json", str(source))
    assert (
        "skipped link New event \u2192 program gone: program gone is neither here nor in "
        "the bundle; the link is dropped" in out.splitlines()
    )


def test_import_of_a_zip_bundle(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _source, database = pair
    zipped = tmp_path / "a.zip"
    assert (
        main(
            [
                "--database",
                str(tmp_path / "a" / "catalogue.sqlite"),
                "export",
                "--format",
                "json",
                "-o",
                str(zipped),
            ]
        )
        == 0
    )
    code, out, _ = cli(
        capsys, "--database", str(database), "import", "--format", "json", str(zipped)
    )
    assert code == 0
    assert out.startswith("new 0, changed 1, conflicts 1 (kept yours)")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "{nope",
            "it is not JSON (Expecting property name enclosed in double quotes at line 1, column 2)",
        ),
        ('{"format": "other"}', "it is not an ICLEI Desktop catalogue"),
        (
            '{"format": "iclei-desktop-catalogue", "format_version": 9}',
            "it is format version 9, newer than this app reads (up to 2); "
            "update ICLEI Desktop to import it",
        ),
    ],
)
def test_import_of_a_bad_file_is_one_line_and_changes_nothing(
    pair: tuple[Path, Path], tmp_path: Path, content: str, problem: str
) -> None:
    _source, database = pair
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = state(database)
    result = run_cli("--database", str(database), "import", "--format", "json", str(bad))
    assert one_line_error(result) == f"iclei-desktop: error: cannot import {bad}: {problem}"
    assert result.stdout == ""
    assert state(database) == before


def test_import_of_a_missing_file_or_a_folder_makes_no_catalogue(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite"
    missing = tmp_path / "missing.json"
    result = run_cli("--database", str(database), "import", "--format", "json", str(missing))
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot import {missing}: there is no such file"
    )
    result = run_cli("--database", str(database), "import", "--format", "json", str(tmp_path))
    assert (
        one_line_error(result) == f"iclei-desktop: error: cannot import {tmp_path}: it is a folder"
    )
    assert not database.exists()


@pytest.mark.parametrize("command", ["import --format json", "import-calendar"])
def test_a_dry_run_makes_no_catalogue(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "typo.sqlite"
    source = tmp_path / "bundle.json"
    source.write_text("{}")

    code, out, err = cli(
        capsys, "--database", str(database), *command.split(), str(source), "--dry-run"
    )

    assert (code, out) == (2, "")
    assert err == (
        f"iclei-desktop: error: there is no catalogue at {database}, and a dry run makes none\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bundle.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "x.json"], "the following arguments are required: --format"),
        (["import", "--format", "json"], "the following arguments are required: FILE"),
        (
            ["import", "--format", "csv", "x.json"],
            "argument --format: invalid choice: 'csv' (choose from json)",
        ),
    ],
)
def test_import_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.replace("'json'", "json")
    assert err == f"iclei-desktop: error: {message}{USAGE}\n"
