"""Temporary copies left by a killed backup or first start are removed on a later open."""

from __future__ import annotations

import os
import time
from pathlib import Path

from iclei_desktop.core.api import Catalogue
from iclei_desktop.core.db import STALE_TEMPORARY


def test_stale_temporary_copies_are_removed_and_nothing_else(tmp_path: Path) -> None:
    database = tmp_path / "catalogue.sqlite"
    Catalogue.open(database).close()
    stale = [
        ".catalogue.backup-20250101-120000.sqlite.0123456789ab.tmp",
        ".catalogue.backup-20250101-120000.sqlite.0123456789ab.tmp-journal",
        ".catalogue.backup-20250101-120000-2.sqlite.ba9876543210.tmp",
        ".catalogue.sqlite.00aa11bb22cc.tmp",  # a first start or a restore, killed
    ]
    kept = [
        "catalogue.backup-20250101-120000.sqlite",  # a backup, never a leftover
        ".catalogue.sqlite.notes",
        ".other.sqlite.0123456789ab.tmp",  # another catalogue's
        ".catalogue.sqlite.0123456789ab.tmp.keep",
    ]
    long_ago = time.time() - STALE_TEMPORARY.total_seconds() - 60
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"x" * 1000)
        os.utime(tmp_path / name, (long_ago, long_ago))
    young = ".catalogue.backup-20250101-120001.sqlite.cccccccccccc.tmp"  # maybe in progress
    (tmp_path / young).write_bytes(b"x")

    Catalogue.open(database).close()

    left = set(os.listdir(tmp_path))
    assert not left & set(stale)
    assert set(kept) | {young, "catalogue.sqlite"} <= left
