"""``--self-test``: passes from source, refuses bad options, and says which step failed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from iclei_desktop.cli import main
from iclei_desktop.core.db import open_database
from iclei_desktop.core.seed import apply_seed, load_seed
from iclei_desktop.gui import resources
from iclei_desktop.gui.dialogs.event_dialog import EventDialog
from iclei_desktop.gui.self_test import run_self_test

ROOT = Path(__file__).resolve().parent.parent


def test_the_self_test_passes_from_source_and_leaves_nothing_behind(tmp_path: Path) -> None:
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "TMPDIR": str(temporary),
        "PYTHONPATH": str(ROOT),  # this checkout's code, whatever the venv has installed
    }
    env.pop("QT_QPA_PLATFORM")  # the self-test chooses offscreen itself

    result = subprocess.run(
        [sys.executable, "-m", "iclei_desktop", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.fullmatch(
        r"self-test passed: 5 tabs, event form, 40 events exported and read back, "
        r"schema 0005 \(\d+\.\d s\)\n",
        result.stdout,
    ), result.stdout
    # Neither a catalogue nor settings in the user's folders; the temporary folder removed.
    assert list(home.rglob("*")) == []
    assert list(temporary.iterdir()) == []


def _old_catalogue(path: Path) -> None:
    """A seeded catalogue as an app with migrations up to 0004 made it."""
    database = open_database(
        path, revision="0004", initialize=partial(apply_seed, data=load_seed())
    )
    database.engine.dispose()


def test_an_old_catalogue_is_tested_on_a_copy_upgraded_after_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.sqlite"
    _old_catalogue(old)
    before = old.read_bytes()

    assert run_self_test(old) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert re.fullmatch(
        r"self-test passed: 5 tabs, event form, 40 events exported and read back, "
        r"schema 0004 upgraded to 0005 after a backup \(\d+\.\d s\)\n",
        out,
    ), out
    assert old.read_bytes() == before  # the user's file itself is neither migrated nor backed up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--self-test", "export", "--format", "json"],
            "iclei-desktop: error: --self-test cannot be used with the export command (see iclei-desktop --help)",
        ),
        (
            ["--self-test", "search", "chengdu"],
            "iclei-desktop: error: --self-test cannot be used with the search command (see iclei-desktop --help)",
        ),
        (
            ["--self-test", "--screenshot", "shots"],
            "iclei-desktop: error: --self-test and --screenshot cannot be used together (see iclei-desktop --help)",
        ),
        (
            ["--self-test", "--profile-startup"],
            "iclei-desktop: error: --self-test and --profile-startup cannot be used together (see iclei-desktop --help)",
        ),
    ],
)
def test_a_bad_combination_of_options_is_refused(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["--database", str(tmp_path / "c.sqlite"), *args])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == message + "\n"
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []  # no catalogue made, no screenshot folder


def test_a_missing_catalogue_fails_the_self_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite"
    assert main(["--database", str(missing), "--self-test"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"self-test failed: catalogue: {missing} is not a catalogue file\n"
    assert captured.out == ""
    assert not missing.exists()


def test_a_form_that_does_not_open_fails_the_self_test(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, *args, **kwargs: None))

    assert run_self_test() == 1

    captured = capsys.readouterr()
    assert captured.err == "self-test failed: event form: the New event form did not open\n"
    assert captured.out == ""


# The SVG reader says so too, as it would in the log of a broken build.
@pytest.mark.qt_log_ignore("Cannot open file")
def test_missing_resources_fail_the_self_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "resource_path", lambda *parts: tmp_path.joinpath(*parts))

    assert run_self_test() == 1

    icon = tmp_path / "icons" / "iclei-desktop.svg"
    assert capsys.readouterr().err == f"self-test failed: window: the icon {icon} did not load\n"
