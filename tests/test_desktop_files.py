"""The Linux launcher, AppStream metadata and icons: valid, consistent, and installable per user."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from iclei_desktop import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "resources" / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def tool(name: str, package: str) -> str:
    """The validator's path; without it the test is skipped, except in CI, which installs it."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (apt-get install {package}; scripts/setup.sh test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def desktop_entry() -> dict[str, str]:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # not even a hint


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Older appstream (0.16) does not know <developer> yet, and says so as an info only.
    problems = [
        line
        for line in result.stdout.splitlines()
        if line[:2] in ("E:", "W:") or (line.startswith("I:") and "developer" not in line)
    ]
    assert problems == []


def test_one_app_id_names_the_launcher_metainfo_icon_and_qt_desktop_file_name() -> None:
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "iclei-desktop"  # the [project.scripts] entry point
    assert entry["Categories"] == "Office;Database;"
    assert entry["StartupWMClass"] == "ICLEI Desktop"  # X11's WM_CLASS is the application name
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") == "iclei-desktop"
    assert [c.text for c in root.iterfind("categories/category")] == ["Office", "Database"]
    assert f"APP_ID={APP_ID}\n" in INSTALL.read_text()


def test_the_newest_release_in_the_metainfo_is_the_apps_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__


def test_the_metainfo_licence_is_the_projects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    root = ET.parse(METAINFO).getroot()
    assert project["license"] == {"text": "Proprietary"}
    assert root.findtext("project_license") == "LicenseRef-proprietary"
    assert root.findtext("metadata_license") == "CC0-1.0"


@pytest.mark.parametrize("size", SIZES)
def test_each_hicolor_icon_is_the_size_its_folder_says(size: int) -> None:
    reader = QImageReader(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert reader.format() == b"png"
    assert (reader.size().width(), reader.size().height()) == (size, size)


def icon_sizes(path: Path) -> set[int]:
    reader = QImageReader(str(path))
    sizes = set()
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        sizes.add(reader.read().width())
    return sizes


# Qt's reader does not expect the table of contents Apple's iconutil (and Pillow) write first;
# it warns, then reads every image all the same.
@pytest.mark.qt_log_ignore("QICNSHandler::scanDevice")
def test_the_windows_and_macos_icons_hold_every_size_they_need() -> None:
    assert {16, 24, 32, 48, 256} <= icon_sizes(ICONS / "iclei-desktop.ico")
    assert {128, 256, 512, 1024} <= icon_sizes(ICONS / "iclei-desktop.icns")


def installed_files(data: Path) -> list[str]:
    return sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file())


def test_install_sh_installs_for_this_user_and_uninstalls(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path / "home")}
    result = subprocess.run(["bash", str(INSTALL)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Installed ICLEI Desktop's launcher and icons into {data}\n"
    expected = {
        f"applications/{APP_ID}.desktop",
        f"metainfo/{APP_ID}.metainfo.xml",
        f"icons/hicolor/scalable/apps/{APP_ID}.svg",
        *(f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in SIZES),
    }
    # update-desktop-database, where installed, adds its cache beside the launcher.
    assert set(installed_files(data)) - {"applications/mimeinfo.cache"} == expected
    assert (data / "applications" / f"{APP_ID}.desktop").read_bytes() == DESKTOP_FILE.read_bytes()
    assert not (tmp_path / "home").exists()  # XDG_DATA_HOME is honoured

    result = subprocess.run(
        ["bash", str(INSTALL), "--uninstall"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Removed ICLEI Desktop's launcher and icons from {data}\n"
    assert set(installed_files(data)) - {"applications/mimeinfo.cache"} == set()


def test_install_sh_refuses_an_unknown_option_and_installs_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run(
        ["bash", str(INSTALL), "--everywhere"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr == f"usage: {INSTALL} [--uninstall]\n"
    assert not (tmp_path / "data").exists()


def test_install_sh_defaults_to_the_home_folders_share(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(["bash", str(INSTALL)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".local" / "share" / "applications" / f"{APP_ID}.desktop").is_file()
