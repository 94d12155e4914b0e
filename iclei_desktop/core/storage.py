"""Where a catalogue file sits: warn when a sync client or a network share may corrupt it.

SQLite relies on file locks and on its -wal file staying beside the database; cloud sync
clients copy the files one at a time, and network file systems often break locking.
"""

from __future__ import annotations

import os
from pathlib import Path

SYNCED_FOLDERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "icloud~",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "box sync",
    "box",
    "pcloud drive",
    "sync",
    "resilio sync",
    "baidunetdisk",
    "百度网盘",
    "坚果云",
    "nutstore",
    "naver mybox",
)
NETWORK_FILE_SYSTEMS = (
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb3",
    "smbfs",
    "afpfs",
    "fuse.sshfs",
    "9p",
    "davfs",
    "fuse.davfs2",
    "webdav",
    "fuse.rclone",
)


def storage_warning(path: Path, mounts: str | None = None) -> str | None:
    """Return why ``path`` is a risky place for a catalogue, or None if it is not.

    ``mounts`` is the text of /proc/mounts (read from the system when None, on Linux).
    """
    resolved = path.expanduser().resolve(strict=False)
    for part in resolved.parts[:-1]:
        if part.casefold() in SYNCED_FOLDERS or part.casefold().startswith("onedrive - "):
            return (
                f"{path} is in a folder that a sync service copies ({part}); a catalogue there "
                "can be damaged while it is open. Keep it in the default data folder and send "
                "copies with File › Export."
            )
    if str(resolved).startswith("\\\\"):
        return f"{path} is on a network share; a catalogue there can be damaged while it is open."
    file_system = _file_system(resolved, mounts)
    if file_system in NETWORK_FILE_SYSTEMS:
        return (
            f"{path} is on a network file system ({file_system}); a catalogue there can be "
            "damaged while it is open."
        )
    return None


def _file_system(path: Path, mounts: str | None) -> str | None:
    if mounts is None:
        if not os.path.exists("/proc/mounts"):
            return None
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, fields[2]
    return best_type
