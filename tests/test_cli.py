"""The command line: its options, its export, and every way it can be given bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iclei_desktop import __version__
from iclei_desktop.cli import main


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m iclei_desktop`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "iclei_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"iclei-desktop {__version__}\n"


def test_help_names_the_options_and_the_export_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in ("--database", "--screenshot", "--version", "export"):
        assert word in out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "--format {json,csv,xlsx,bibtex,ris,csl-json}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--bogus"],
            "iclei-desktop: error: unrecognized arguments: --bogus (see iclei-desktop --help)",
        ),
        (
            ["frobnicate"],
            "iclei-desktop: error: argument COMMAND: invalid choice: 'frobnicate' (choose from export, search, export-calendar, import-calendar, import) (see iclei-desktop --help)",
        ),
        (
            ["export"],
            "iclei-desktop: error: the following arguments are required: --format (see iclei-desktop --help)",
        ),
        (
            ["export", "--format", "xml"],
            "iclei-desktop: error: argument --format: invalid choice: 'xml' (choose from json, csv, xlsx, bibtex, ris, csl-json) (see iclei-desktop --help)",
        ),
        (
            ["--database"],
            "iclei-desktop: error: argument --database: expected one argument (see iclei-desktop --help)",
        ),
        (
            ["--profile-startup", "--screenshot", "shots"],
            "iclei-desktop: error: --profile-startup and --screenshot cannot be used together (see iclei-desktop --help)",
        ),
        (
            ["--profile-startup=yes"],
            "iclei-desktop: error: argument --profile-startup: ignored explicit argument 'yes' (see iclei-desktop --help)",
        ),
    ],
)
def test_bad_options_give_one_line_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    # Python versions differ on quoting the choices: (choose from json) or (choose from 'json').
    err = captured.err.replace("'export'", "export")
    for fmt in ("json", "csv", "xlsx", "bibtex", "ris", "csl-json"):
        err = err.replace(f"'{fmt}'", fmt)
    for command in ("search", "export-calendar", "import-calendar", "import"):
        err = err.replace(f"'{command}'", command)
    assert err == message + "\n"
    assert captured.out == ""


def test_export_writes_the_whole_catalogue_to_a_file(tmp_path: Path) -> None:
    database, output = tmp_path / "c.sqlite", tmp_path / "catalogue.json"
    assert main(["--database", str(database), "export", "--format", "json", "-o", str(output)]) == 0
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["format"] == "iclei-desktop-catalogue"
    for key in (
        "pathways",
        "programs",
        "events",
        "local_governments",
        "people",
        "governance_seats",
        "organizations",
        "publications",
        "figures",
    ):
        assert document[key], key
    assert list(tmp_path.glob(".catalogue.json.*")) == []  # no temporary file left behind


def test_export_to_stdout_keeps_cjk_literal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "json", "--database", str(tmp_path / "c.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "成都" in out
    assert json.loads(out)["schema_revision"] is not None


def test_export_into_a_missing_folder_fails_without_touching_the_database(tmp_path: Path) -> None:
    database = tmp_path / "c.sqlite"
    result = run_cli(
        "--database",
        str(database),
        "export",
        "--format",
        "json",
        "-o",
        str(tmp_path / "nowhere" / "out.json"),
    )
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot write {tmp_path / 'nowhere' / 'out.json'}: "
        f"folder {tmp_path / 'nowhere'} does not exist"
    )
    assert not database.exists()
    assert not (tmp_path / "nowhere").exists()


def test_export_onto_a_folder_fails_and_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    code = main(
        ["--database", str(tmp_path / "c.sqlite"), "export", "--format", "json", "-o", str(target)]
    )
    assert code == 2
    assert target.is_dir() and list(target.iterdir()) == []


def test_a_file_that_is_not_sqlite_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_bytes(b"Dear diary, this is not a database.\n" * 20)
    before = notes.read_bytes()
    result = run_cli("--database", str(notes), "export", "--format", "json")
    assert one_line_error(result) == f"iclei-desktop: error: {notes} is not an SQLite database"
    assert result.stdout == ""
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    result = run_cli("--database", str(empty), "export", "--format", "json")
    assert one_line_error(result) == (
        f"iclei-desktop: error: {empty} is an empty file, not an ICLEI Desktop catalogue"
    )
    assert empty.read_bytes() == b""


def test_a_truncated_catalogue_is_refused_and_left_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    assert (
        main(
            ["--database", str(good), "export", "--format", "json", "-o", str(tmp_path / "x.json")]
        )
        == 0
    )
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(good.read_bytes()[:1024])
    before = truncated.read_bytes()
    result = run_cli("--database", str(truncated), "export", "--format", "json")
    error = one_line_error(result)
    assert error.startswith(f"iclei-desktop: error: {truncated} cannot be opened: ")
    assert truncated.read_bytes() == before


def test_a_folder_given_as_database_is_refused(tmp_path: Path) -> None:
    result = run_cli("--database", str(tmp_path), "export", "--format", "json")
    assert (
        one_line_error(result)
        == f"iclei-desktop: error: {tmp_path} is a folder, not a catalogue file"
    )


def test_a_database_in_a_missing_folder_is_refused_and_the_folder_not_made(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "c.sqlite"
    result = run_cli("--database", str(target))
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot create {target}: folder {target.parent} does not exist"
    )
    assert not target.parent.exists()


def test_a_new_file_at_an_explicit_path_is_created_and_the_user_told(tmp_path: Path) -> None:
    target = tmp_path / "fresh.sqlite"
    result = run_cli("--database", str(target), "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"iclei-desktop: created a new catalogue at {target}\n"
    assert json.loads(result.stdout)["programs"]


def test_the_environment_variable_chooses_the_catalogue(tmp_path: Path) -> None:
    target = tmp_path / "from-env.sqlite"
    result = run_cli("export", "--format", "json", env={"ICLEI_DESKTOP_DATABASE": str(target)})
    assert result.returncode == 0, result.stderr
    assert target.exists()


def test_without_options_the_catalogue_lives_in_the_users_data_folder(tmp_path: Path) -> None:
    result = run_cli("export", "--format", "json", env={"XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ICLEI Desktop" / "catalogue.sqlite").is_file()
    assert result.stderr == ""


def test_a_later_start_never_reseeds_over_the_users_edits(tmp_path: Path) -> None:
    import sqlite3

    database = tmp_path / "c.sqlite"
    assert (
        main(
            [
                "--database",
                str(database),
                "export",
                "--format",
                "json",
                "-o",
                str(tmp_path / "1.json"),
            ]
        )
        == 0
    )
    connection = sqlite3.connect(database)
    connection.execute("UPDATE program SET name = 'Renamed by a user' WHERE uid = 'gccc'")
    connection.execute("DELETE FROM publication WHERE translation_of_id IS NOT NULL")
    connection.commit()
    connection.close()
    assert (
        main(
            [
                "--database",
                str(database),
                "export",
                "--format",
                "json",
                "-o",
                str(tmp_path / "2.json"),
            ]
        )
        == 0
    )
    second = json.loads((tmp_path / "2.json").read_text(encoding="utf-8"))
    names = {p["uid"]: p["name"] for p in second["programs"]}
    assert names["gccc"] == "Renamed by a user"
    assert all(p["translation_of"] is None for p in second["publications"])


def test_screenshot_saves_one_png_per_tab(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = run_cli("--database", str(tmp_path / "c.sqlite"), "--screenshot", str(shots))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in shots.iterdir())
    assert names == [
        "1-programs.png",
        "2-events.png",
        "3-members.png",
        "4-publications.png",
        "5-partners.png",
    ]
    for png in shots.iterdir():
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 10_000


def test_a_bad_color_scheme_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--color-scheme", "purple"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.replace("'", "") == (
        "iclei-desktop: error: argument --color-scheme: invalid choice: purple "
        "(choose from system, light, dark) (see iclei-desktop --help)\n"
    )


def test_screenshot_into_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "file.txt"
    file.write_text("keep")
    result = run_cli("--database", str(tmp_path / "c.sqlite"), "--screenshot", str(file))
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot save screenshots in {file}: it is not a folder"
    )
    assert file.read_text() == "keep"
    assert not (tmp_path / "c.sqlite").exists()


def test_the_entry_point_is_installed() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "iclei-desktop"]
    assert script.value == "iclei_desktop.cli:main"


def test_a_bad_file_named_by_the_environment_variable_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"\x00\x01not sqlite")
    result = run_cli("export", "--format", "json", env={"ICLEI_DESKTOP_DATABASE": str(garbage)})
    assert one_line_error(result) == f"iclei-desktop: error: {garbage} is not an SQLite database"
    assert garbage.read_bytes() == b"\x00\x01not sqlite"


def test_the_command_line_option_wins_over_the_environment_variable(tmp_path: Path) -> None:
    chosen, ignored = tmp_path / "chosen.sqlite", tmp_path / "ignored.sqlite"
    result = run_cli(
        "--database",
        str(chosen),
        "export",
        "--format",
        "json",
        env={"ICLEI_DESKTOP_DATABASE": str(ignored)},
    )
    assert result.returncode == 0, result.stderr
    assert chosen.exists() and not ignored.exists()


def test_profile_startup_prints_when_the_window_and_first_page_were_painted(
    tmp_path: Path,
) -> None:
    database = tmp_path / "c.sqlite"
    assert main(["--database", str(database), "export", "--format", "json", "-o", os.devnull]) == 0
    before = database.read_bytes()
    result = run_cli(
        "--database", str(database), "--profile-startup", env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["window painted", "first page painted"]
    window, page = (float(line.split(": ")[1].split(" s ")[0]) for line in lines)
    assert 0 < window <= page
    assert lines[0].endswith(" s after the process started")
    # Read and painted, nothing written: the catalogue is as it was.
    assert database.read_bytes() == before
