"""``export --format bibtex|ris|csl-json``: the publications as citations, to a file or stdout."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy

from iclei_desktop.cli import main

from .test_cli import one_line_error, run_cli


@pytest.fixture
def database(tmp_path: Path, seeded_bytes: bytes) -> Path:
    path = tmp_path / "c.sqlite"
    path.write_bytes(seeded_bytes)
    return path


def entries(fmt: str, text: str) -> int:
    """How many publications the citations hold, read back by an independent reader."""
    if fmt == "bibtex":
        return len(bibtexparser.loads(text).entries)
    if fmt == "ris":
        return len(rispy.loads(text))
    return len(json.loads(text))


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
@pytest.mark.parametrize("typed", [[], ["--type", "publications"]])
def test_citations_to_a_file(
    database: Path,
    tmp_path: Path,
    fmt: str,
    typed: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = tmp_path / f"publications.{fmt}"
    args = ["--database", str(database), "export", "--format", fmt, *typed, "-o", str(output)]
    assert main(args) == 0
    out = capsys.readouterr().out
    count = entries(fmt, output.read_text(encoding="utf-8"))
    assert count > 0
    assert out == f"wrote {count} publications to {output}\n"


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_citations_to_stdout(database: Path, fmt: str) -> None:
    result = run_cli("--database", str(database), "export", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert entries(fmt, result.stdout) > 0


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_citations_into_a_missing_folder_fail_and_write_nothing(tmp_path: Path, fmt: str) -> None:
    database = tmp_path / "c.sqlite"
    output = tmp_path / "nowhere" / "out.txt"
    result = run_cli("--database", str(database), "export", "--format", fmt, "-o", str(output))
    assert one_line_error(result) == (
        f"iclei-desktop: error: cannot write {output}: folder {output.parent} does not exist"
    )
    assert list(tmp_path.iterdir()) == []
