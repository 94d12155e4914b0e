"""A built wheel carries its migrations, seed and resources, and runs away from the source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_non_editable_install_finds_its_migrations_seed_and_resources(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("iclei_desktop-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "iclei_desktop/_bundled/database/migrations/env.py" in names
    assert "iclei_desktop/_bundled/database/seed/events.yaml" in names
    assert "iclei_desktop/_bundled/resources/icons/iclei-desktop.svg" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import iclei_desktop, sys; from iclei_desktop.core.db import bundled_path;"
        "print(iclei_desktop.__file__); print(bundled_path('database'))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    package_file, database_dir = where.stdout.splitlines()
    assert package_file.startswith(str(site))
    assert database_dir == str(site / "iclei_desktop" / "_bundled" / "database")

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "iclei_desktop",
            "--database",
            str(tmp_path / "c.sqlite"),
            "export",
            "--format",
            "json",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["programs"]) > 20
