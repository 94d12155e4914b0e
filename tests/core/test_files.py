"""Writing files: a device, a pipe or a link is written through, never replaced."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from iclei_desktop.core.errors import ExportError
from iclei_desktop.core.files import describe_os_error, write_atomically

DATA = b"BEGIN:VCALENDAR\r\n" + b"X" * 200_000 + b"\r\nEND:VCALENDAR\r\n"  # more than a pipe holds


def device(folder: Path, name: str, minor: int) -> Path:
    """Make the character device 1,``minor`` (3 null, 7 full) in ``folder``, as in /dev."""
    path = folder / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    return path


def is_device(path: Path, minor: int) -> bool:
    status = os.lstat(path)
    return stat.S_ISCHR(status.st_mode) and status.st_rdev == os.makedev(1, minor)


def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    write_atomically(null, DATA)
    assert is_device(null, 3)  # a rename over it would have left a regular file here
    assert os.listdir(tmp_path) == ["null"]


def test_a_full_device_says_the_disk_is_full_and_stays_a_device(tmp_path: Path) -> None:
    full = device(tmp_path, "full", 7)
    with pytest.raises(ExportError) as error:
        write_atomically(full, DATA)
    assert str(error.value) == f"cannot write {full}: the disk is full"
    assert is_device(full, 7)
    assert os.listdir(tmp_path) == ["full"]


def test_a_named_pipe_is_written_through_to_its_reader(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with pipe.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    # The reader may not have opened its end yet; until it has, the pipe is refused.
    for _attempt in range(200):
        try:
            write_atomically(pipe, DATA)
            break
        except ExportError:
            threading.Event().wait(0.01)
    reader.join(10)
    assert received == [DATA]
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_named_pipe_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ExportError) as error:
        write_atomically(pipe, DATA)
    assert str(error.value) == f"cannot write {pipe}: nothing is reading from it"
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    shared, own = tmp_path / "shared", tmp_path / "own"
    shared.mkdir()
    own.mkdir()
    real = shared / "events.ics"
    real.write_bytes(b"the previous export")
    real.chmod(0o600)
    link = own / "events.ics"
    link.symlink_to(real)
    write_atomically(link, DATA)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == DATA
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert os.listdir(own) == ["events.ics"] and os.listdir(shared) == ["events.ics"]


def test_a_regular_file_is_still_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "events.ics"
    target.write_bytes(b"the previous export")
    before = target.stat().st_ino
    write_atomically(target, DATA)
    assert target.read_bytes() == DATA
    assert target.stat().st_ino != before  # a new file renamed into place
    assert os.listdir(tmp_path) == ["events.ics"]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "your share of the disk (quota) is used up"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "Permission denied"),
    ],
)
def test_write_errors_are_said_in_plain_words(number: int, words: str) -> None:
    assert describe_os_error(OSError(number, os.strerror(number))) == words
