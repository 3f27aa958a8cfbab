"""Write outputs so that a crash, a full disk or a bad input never loses the previous file.

Every output is written to a temporary file beside its target (``.NAME.PID-*.tmp``,
PID the writing process),
flushed to disk, then moved over the target with ``os.replace`` (atomic on
POSIX and Windows), and the folder entry is flushed too.  A process killed
mid-write leaves the old target as it was (and at worst a stray hidden
``.tmp`` file, which :func:`remove_stale_temporaries` clears on the next
build).  Inputs are never overwritten, and neither is an output the user made
read-only.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

from briefgen.errors import BuildError, Loc, Problem, display_path
from briefgen.files import real_path


def _shown(path: Path) -> str:
    """How an output path is shown in messages (relative to the working directory)."""

    return display_path(path)


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    """Raise BuildError if ``target`` is one of the ``inputs`` (a template passed as the output path)."""
    check_target(target, inputs)


def check_target(target: Path, inputs: Iterable[Path], folder: Path | None = None, project: Path | None = None) -> None:
    """Raise BuildError unless ``target`` may be written now: none of the ``inputs`` (compared by real path, and
    as the same file on disk, so a link, a hard link or another letter case on a case-insensitive disk is
    caught), and, given ``folder``, inside the real path of ``folder``, itself inside the real path of
    ``project``.  Call it just before writing: a folder swapped for a link since the settings were read counts.
    """
    target = Path(target)
    shown = Loc(_shown(target))
    if folder is not None:
        real_folder = real_path(folder)
        if project is not None and not _within(real_folder, real_path(project)):
            raise BuildError([Problem(shown, "output", f"refusing to write outside the project: "
                                                       f"{_shown(Path(folder))} leads to {str(real_folder)!r}")])
        if not _within(real_path(target), real_folder):
            raise BuildError([Problem(shown, "output", f"refusing to write outside the output folder "
                                                       f"{_shown(Path(folder))}: the path leads to "
                                                       f"{str(real_path(target))!r} (a link on the way?)")])
    real = real_path(target)
    try:
        st = os.stat(target)
    except OSError:
        st = None
    for p in inputs:
        if p is None:
            continue
        if real_path(p) == real or st is not None and _same_file(st, p):
            raise BuildError([Problem(shown, "output", "refusing to overwrite an input file")])


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _same_file(st: os.stat_result, other: Path) -> bool:
    try:
        o = os.stat(other)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (o.st_dev, o.st_ino) and st.st_ino != 0


def atomic_write(target: Path, produce: Callable[[Path], None]) -> None:
    """Call ``produce(tmp_path)`` to write the content, then move it over ``target`` atomically.

    On any failure the temporary file is removed and ``target`` keeps its old
    bytes.  An existing ``target`` without write permission for its owner is
    not replaced: BuildError, before ``produce`` runs.
    """
    atomic_write_all([(Path(target), produce)])


def atomic_write_all(writes: Sequence[tuple[Path, Callable[[Path], None]]]) -> None:
    """Write several files as one: every ``produce(tmp_path)`` runs first, then all are moved into place,
    in the order given (put the file that refers to the others last).

    A read-only target, or any failure while producing, leaves every target as it was (temporary
    files removed).  Only a failure of the final moves themselves (rare: each is one rename) can
    leave some files new and some old."""
    modes = [_writable_mode(Path(target)) for target, _ in writes]
    staged: list[tuple[Path, Path]] = []
    try:
        for (target, produce), mode in zip(writes, modes):
            target = Path(target)
            tmp = _temp_beside(target)
            staged.append((tmp, target))
            try:
                produce(tmp)
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.chmod(tmp, mode)
            except OSError as exc:
                raise BuildError([Problem(Loc(_shown(target)), "output",
                                          f"cannot write: {exc.strerror or exc}")]) from None
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise BuildError([Problem(Loc(_shown(target)), "output",
                                          f"cannot write: {exc.strerror or exc}")]) from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    for folder in dict.fromkeys(Path(target).parent for target, _ in writes):
        _sync_folder(folder)


def _writable_mode(target: Path) -> int:
    """The permission bits the new ``target`` gets (its old ones, else 0644); BuildError if it is read-only."""
    try:
        st = target.stat()
    except OSError:
        return 0o644
    if stat.S_ISREG(st.st_mode) and not st.st_mode & stat.S_IWUSR:
        raise BuildError([Problem(Loc(_shown(target)), "output", "refusing to replace a read-only file "
                                                                 "(make it writable to rebuild it)")])
    if stat.S_ISDIR(st.st_mode):  # os.replace would fail only after the other files had moved
        raise BuildError([Problem(Loc(_shown(target)), "output", f"cannot write: {os.strerror(errno.EISDIR)}")])
    return st.st_mode & 0o777 if stat.S_ISREG(st.st_mode) else 0o644


def _temp_beside(target: Path) -> Path:
    """A new empty temporary file in ``target``'s folder (made if missing); BuildError if impossible."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        blocker = next((p for p in target.parents if p.exists() or p.is_symlink()), None)
        why = f"{_shown(blocker)} is a file, not a folder" if blocker is not None and not blocker.is_dir() \
            else (exc.strerror or str(exc))
        raise BuildError([Problem(Loc(_shown(target)), "output", f"cannot write here: {why}")]) from None
    os.close(fd)
    return Path(tmp_name)


# A temporary file of an earlier briefgen (before the writer's PID was in the name) is left alone for this
# long, in case a build of that version is still writing it.
_OLD_STYLE_GRACE = 3600.0  # seconds


def remove_stale_temporaries(folder: Path, names: Iterable[str] | None) -> list[Path]:
    """Remove the temporary files that writes of the outputs ``names`` in ``folder`` left behind when their
    process was killed (SIGKILL, a power cut); return what was removed.

    Only briefgen's own are touched: ``.NAME.PID-XXXXXXXX.tmp`` for a NAME in ``names`` whose process PID
    no longer runs (or is not briefgen's: the file is older than a day), and the PID-less
    ``.NAME.XXXXXXXX.tmp`` of earlier briefgen versions once an hour old.  A temporary file of a write
    still in progress is never removed.  ``names`` None: any NAME (a folder only briefgen writes, such as a
    Markdown memo's chart folder)."""
    wanted = None if names is None else set(names)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    removed = []
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(".tmp") and _is_stale(entry, wanted):
            with contextlib.suppress(OSError):  # removed meanwhile, or a folder we may not change
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


_OURS = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>[0-9]+)-)?[a-z0-9_]{8}\.tmp")


def _is_stale(entry: os.DirEntry, names: set | None) -> bool:
    match = _OURS.fullmatch(entry.name)
    if match is None or not entry.is_file(follow_symlinks=False):
        return False
    if names is not None and match.group("name") not in names:
        return False
    age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    if match.group("pid") is None:
        return age > _OLD_STYLE_GRACE
    return age > 86400 or not _process_runs(int(match.group("pid")))


def _process_runs(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists, as another user's process (or we cannot tell): leave its file
    return True


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries so the rename survives a power cut (POSIX; best effort)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    atomic_write(target, lambda tmp: tmp.write_bytes(data))
