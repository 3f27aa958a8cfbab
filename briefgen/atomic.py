"""Write outputs so that a crash, a full disk or a bad input never loses the previous file.

Every output is written to a temporary file beside its target, flushed to
disk, then moved over the target with ``os.replace`` (atomic on POSIX and
Windows).  Inputs are never overwritten.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from .errors import BuildError, Loc, Problem


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    """Raise BuildError if ``target`` is one of the ``inputs`` (a template passed as the output path)."""
    t = target.resolve()
    for p in inputs:
        if p is not None and Path(p).resolve() == t:
            raise BuildError([Problem(Loc(str(target)), "output", "refusing to overwrite an input file")])


def atomic_write(target: Path, produce: Callable[[Path], None]) -> None:
    """Call ``produce(tmp_path)`` to write the content, then move it over ``target`` atomically.

    On any failure the temporary file is removed and ``target`` keeps its old bytes.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise BuildError([Problem(Loc(str(target)), "output", f"cannot write here: {exc.strerror}")]) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        produce(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BuildError([Problem(Loc(str(target)), "output", f"cannot write: {exc.strerror or exc}")]) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    atomic_write(target, lambda tmp: tmp.write_bytes(data))
