"""Write outputs so that a crash, a full disk or a bad input never loses the previous file.

Every output is written to a temporary file beside its target (``.NAME.*.tmp``),
flushed to disk, then moved over the target with ``os.replace`` (atomic on
POSIX and Windows), and the folder entry is flushed too.  A process killed
mid-write leaves the old target as it was (and at worst a stray hidden
``.tmp`` file).  Inputs are never overwritten, and neither is an output the
user made read-only.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Sequence

from briefgen.errors import BuildError, Loc, Problem, display_path


def _shown(path: Path) -> str:
    """How an output path is shown in messages (relative to the working directory)."""

    return display_path(path)


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    """Raise BuildError if ``target`` is one of the ``inputs`` (a template passed as the output path)."""
    t = Path(target).resolve()
    for p in inputs:
        if p is not None and Path(p).resolve() == t:
            raise BuildError([Problem(Loc(_shown(Path(target))), "output", "refusing to overwrite an input file")])


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
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        blocker = next((p for p in target.parents if p.exists() or p.is_symlink()), None)
        why = f"{_shown(blocker)} is a file, not a folder" if blocker is not None and not blocker.is_dir() \
            else (exc.strerror or str(exc))
        raise BuildError([Problem(Loc(_shown(target)), "output", f"cannot write here: {why}")]) from None
    os.close(fd)
    return Path(tmp_name)


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
