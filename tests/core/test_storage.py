"""Warnings about risky places for a catalogue file."""

from __future__ import annotations

from pathlib import Path

import pytest

from iclei_desktop.core.storage import storage_warning

MOUNTS = """/dev/vda / ext4 rw 0 0
server:/export /mnt/office nfs4 rw 0 0
//nas/share /media/nas\\040share cifs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/ji/Dropbox/catalogue.sqlite", "Dropbox"),
        ("/home/ji/OneDrive - ICLEI/catalogue.sqlite", "OneDrive - ICLEI"),
        ("/Users/li/Library/Mobile Documents/catalogue.sqlite", "Mobile Documents"),
        ("/home/ji/Nextcloud/data/catalogue.sqlite", "Nextcloud"),
    ],
)
def test_a_synced_folder_is_named(path: str, service: str) -> None:
    warning = storage_warning(Path(path), MOUNTS)
    assert warning == (
        f"{path} is in a folder that a sync service copies ({service}); a catalogue there can "
        "be damaged while it is open. Keep it in the default data folder and send copies with "
        "File › Export."
    )


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/mnt/office/catalogue.sqlite", "nfs4"), ("/media/nas share/c.sqlite", "cifs")],
)
def test_a_network_file_system_is_named(path: str, kind: str) -> None:
    assert storage_warning(Path(path), MOUNTS) == (
        f"{path} is on a network file system ({kind}); a catalogue there can be damaged while "
        "it is open."
    )


def test_a_local_folder_is_fine(tmp_path: Path) -> None:
    assert storage_warning(tmp_path / "catalogue.sqlite", MOUNTS) is None
    assert (
        storage_warning(Path("/home/ji/.local/share/ICLEI Desktop/catalogue.sqlite"), MOUNTS)
        is None
    )


def test_the_real_mounts_can_be_read(tmp_path: Path) -> None:
    assert storage_warning(tmp_path / "catalogue.sqlite") is None
