"""Test set-up shared by every level: offscreen Qt, private data folders, real catalogues."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before Qt or platformdirs read them: no window on screen, and never the user's real data.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_home = Path(tempfile.mkdtemp(prefix="iclei-desktop-tests-"))
os.environ["XDG_DATA_HOME"] = str(_home / "data")
os.environ["XDG_CONFIG_HOME"] = str(_home / "config")
os.environ["XDG_STATE_HOME"] = str(_home / "state")
os.environ.pop("ICLEI_DESKTOP_DATABASE", None)

import pytest  # noqa: E402
from PySide6.QtCore import QStandardPaths  # noqa: E402

QStandardPaths.setTestModeEnabled(True)

from iclei_desktop.gui.app import keep_none_alive  # noqa: E402

keep_none_alive()  # as the app does: a session of hundreds of tests would otherwise abort

from iclei_desktop.core.api import Catalogue  # noqa: E402
from iclei_desktop.core.db import bundled_path  # noqa: E402

SEED_DIR = bundled_path("database") / "seed"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        help="run tests/reliability at full size (many minutes); scripts/reliability.sh does",
    )


@pytest.fixture(autouse=True)
def fresh_settings(qapp) -> None:  # type: ignore[no-untyped-def]
    """Each test runs under the app's names and starts with no remembered window state."""
    from PySide6.QtCore import QSettings

    from iclei_desktop.gui.app import name_application

    name_application(qapp)
    QSettings().clear()


@pytest.fixture(autouse=True)
def end_dialog_handlers() -> Iterator[None]:
    """Dialog handlers a test set up but never used must not act in the next test."""
    yield
    from tests.gui.helpers import next_test

    next_test()


@pytest.fixture
def seed_dir() -> Path:
    """The real seed catalogue shipped with the app."""
    return SEED_DIR


@pytest.fixture(scope="session")
def seeded_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a catalogue created and seeded as on first start (made once: it is slow)."""
    path = tmp_path_factory.mktemp("seeded") / "catalogue.sqlite"
    Catalogue.open(path).close()
    return path.read_bytes()


@pytest.fixture
def catalogue(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new catalogue file in a temporary folder, migrated and seeded as on first start."""
    opened = Catalogue.open(tmp_path / "catalogue.sqlite")
    yield opened
    opened.close()
