"""Core fixtures: a real SQLite file migrated as the app migrates it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from iclei_desktop.core.db import open_database


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """A session on an empty, migrated catalogue file."""
    database = open_database(tmp_path / "core.sqlite")
    with database.sessions() as session:
        yield session
    database.engine.dispose()
