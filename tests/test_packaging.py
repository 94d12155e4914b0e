"""The wheel and sdist a release is built from: what they hold, and that an install of them runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from iclei_desktop import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = "iclei_desktop/_bundled"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (as `python -m build` does), in a new folder.

    No isolation: the build backend comes from this environment, as there is no network.
    """
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_sdist_holds_the_sources_migrations_resources_tests_and_readme(dist: Path) -> None:
    (sdist,) = dist.glob("iclei_desktop-*.tar.gz")
    assert sdist.name == f"iclei_desktop-{__version__}.tar.gz"
    top = f"iclei_desktop-{__version__}/"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(top) for name in archive.getnames()}
    for expected in (
        "README.md",
        "pyproject.toml",
        "iclei_desktop/__init__.py",
        "iclei_desktop/cli.py",
        "iclei_desktop/gui/app.py",
        "database/migrations/env.py",
        "database/seed/events.yaml",
        f"resources/linux/{APP_ID}.desktop",
        f"resources/linux/{APP_ID}.metainfo.xml",
        "resources/icons/iclei-desktop.svg",
        "tests/conftest.py",
        "tests/test_packaging.py",
        "packaging/linux/install.sh",
    ):
        assert expected in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".sqlite")]


def test_the_wheel_carries_migrations_seed_launcher_metainfo_and_icons(dist: Path) -> None:
    (wheel,) = dist.glob("iclei_desktop-*.whl")
    assert wheel.name == f"iclei_desktop-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        f"{BUNDLED}/database/migrations/env.py",
        f"{BUNDLED}/database/seed/events.yaml",
        f"{BUNDLED}/resources/linux/{APP_ID}.desktop",
        f"{BUNDLED}/resources/linux/{APP_ID}.metainfo.xml",
        f"{BUNDLED}/resources/icons/iclei-desktop.svg",
        f"{BUNDLED}/resources/icons/iclei-desktop.ico",
        f"{BUNDLED}/resources/icons/iclei-desktop.icns",
        *(
            f"{BUNDLED}/resources/icons/hicolor/{s}x{s}/apps/{APP_ID}.png"
            for s in (16, 24, 32, 48, 64, 128, 256, 512)
        ),
    ):
        assert expected in names
    assert not [n for n in names if n.startswith("tests/")]


def test_an_installed_wheel_runs_the_app_away_from_the_source(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("iclei_desktop-*.whl")
    # A fresh environment that gets its dependencies from this one (there is no network):
    # a .pth line adds this environment's site-packages after the new one's, without running
    # its own .pth files, so this checkout's editable install stays out.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies.pth").write_text("".join(f"{d}\n" for d in sorted(dependencies)))
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"),
            *("--no-deps", "--no-index", str(wheel)),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
        )

    where = run(
        str(python),
        "-c",
        "import iclei_desktop, iclei_desktop.gui.resources as r, iclei_desktop.core.db as d;"
        "print(iclei_desktop.__file__); print(d.bundled_path('database'));"
        "print(r.resource_path('icons'))",
    )
    assert where.returncode == 0, where.stderr
    installed = site / "iclei_desktop"
    assert where.stdout.splitlines() == [
        str(installed / "__init__.py"),
        str(installed / "_bundled" / "database"),
        str(installed / "_bundled" / "resources" / "icons"),
    ]

    script = env_dir / "bin" / "iclei-desktop"
    version = run(str(script), "--version")
    assert (version.returncode, version.stdout) == (0, f"iclei-desktop {__version__}\n")

    catalogue = tmp_path / "c.sqlite"
    export = run(str(script), "--database", str(catalogue), "export", "--format", "json")
    assert export.returncode == 0, export.stderr
    exported = json.loads(export.stdout)
    assert len(exported["programs"]) > 20  # migrated and seeded from inside the wheel
    assert exported["app_version"] == __version__
