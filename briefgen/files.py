"""What is at a path, and reading a regular file without ever blocking on something else.

Every file briefgen reads from a project (content, audience profiles, pictures,
templates, masters, reference documents, ``briefgen.yaml``) may turn out to be
a folder, a named pipe (FIFO), a device, a socket, a broken link or a link
that loops.  :func:`not_a_file` names what it is for a message ("expected a
file, got a named pipe"); :func:`read_regular` opens without blocking
(``O_NONBLOCK``: opening a FIFO would wait for a writer) and reads only if the
opened file is a regular one.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """Raised by :func:`read_regular` when the path is not a regular file; ``what`` says what it is."""

    def __init__(self, what: str):
        super().__init__(errno.EINVAL, what)
        self.what = what


def describe_mode(mode: int) -> str:
    """A human name for a file type from ``st_mode``: "a folder", "a named pipe (FIFO)", ..."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something that is not a file"


def describe(path: str | os.PathLike) -> str:
    """What is at ``path``, links followed: "nothing", "a file", "a folder", "a link that loops", ..."""
    try:
        return describe_mode(os.stat(path).st_mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that loops"
        if os.path.islink(path):
            return f"a broken link (to {os.readlink(path)!r})"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "nothing"
        return f"something that cannot be read ({exc.strerror or exc})"


def exists(path: str | os.PathLike) -> bool:
    """True if anything is at ``path``, even a broken link (``Path.exists`` says False for those)."""
    return os.path.lexists(path)


def not_a_file(path: str | os.PathLike) -> str | None:
    """None if ``path`` is a regular file (links followed), else what it is instead (see :func:`describe`)."""
    what = describe(path)
    return None if what == "a file" else what


def not_a_folder(path: str | os.PathLike) -> str | None:
    """None if ``path`` is a folder (links followed), else what it is instead (see :func:`describe`)."""
    what = describe(path)
    return None if what == "a folder" else what


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of the regular file at ``path`` (one more than ``limit`` says it is larger).

    Opened with ``O_NONBLOCK`` and checked with ``fstat`` before reading: a FIFO, a device or a folder
    raises :class:`NotRegularFile` at once instead of hanging or reading forever; OSError otherwise.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR):
            raise NotRegularFile(describe(path)) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(describe_mode(mode))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def real_path(path: str | os.PathLike) -> Path:
    """``path`` with every link resolved as far as it exists (a link that loops is left as it stands)."""
    return Path(os.path.realpath(path))
