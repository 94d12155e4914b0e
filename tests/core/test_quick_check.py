"""The start-up quick check that runs alongside the imports: same verdict, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from iclei_desktop.core import quick_check
from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.errors import DatabaseDamagedError
from tests.database.test_backups import damage


@pytest.fixture
def catalogue_file(tmp_path: Path, seeded_bytes: bytes) -> Path:
    path = tmp_path / "catalogue.sqlite"
    path.write_bytes(seeded_bytes)
    return path


def test_a_check_started_early_passes_a_sound_file(catalogue_file: Path) -> None:
    quick_check.start(catalogue_file)
    Catalogue.open(catalogue_file).close()
    assert quick_check.outcome(catalogue_file) is None  # its verdict was used, once


def test_a_check_started_early_finds_the_damage(catalogue_file: Path) -> None:
    damage(catalogue_file)
    before = catalogue_file.read_bytes()
    quick_check.start(catalogue_file)
    with pytest.raises(
        DatabaseDamagedError, match=r"catalogue\.sqlite cannot be opened: it is damaged"
    ):
        Catalogue.open(catalogue_file)
    assert catalogue_file.read_bytes() == before


def test_damage_done_after_the_check_began_is_still_found(catalogue_file: Path) -> None:
    quick_check.start(catalogue_file)
    damage(catalogue_file)  # the early verdict ("ok", maybe) is about the old bytes
    with pytest.raises(DatabaseDamagedError):
        Catalogue.open(catalogue_file)


def test_a_missing_file_starts_no_check(tmp_path: Path) -> None:
    quick_check.start(tmp_path / "none.sqlite")
    assert quick_check.outcome(tmp_path / "none.sqlite") is None
