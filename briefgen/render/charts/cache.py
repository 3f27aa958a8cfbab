"""Rendered chart images, cached by spec hash in memory and optionally on disk.

``chart_image(spec, fmt)`` returns PNG or SVG bytes.  The first call for a
spec draws it; later calls in the same process (any audience, any writer)
reuse the bytes, and with ``cache_dir`` so do later builds:
``cache_dir/<key>.<fmt>``, written atomically (best effort: a folder that
cannot be written only costs a redraw next time).  Worker processes of one
batch build share the disk cache and take a per-chart file lock while
drawing, so each distinct chart is drawn once per build, not once per worker.
Every use of a cached file renews its modification time, and :func:`prune`
keeps the folder within ``DISK_BUDGET`` by removing the least recently used.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterator, Sequence

from briefgen.atomic import atomic_write_bytes
from briefgen.files import read_regular
from briefgen.errors import BuildError, Problem
from briefgen.render.charts import draw
from briefgen.render.charts.spec import ChartSpec

FORMATS = ("png", "svg")
_MAX_IMAGE_BYTES = 256 * 1024 * 1024  # no chart is near this; a larger file is not one of ours
_SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n",), "svg": (b"<?xml", b"<svg")}

MEMORY_BUDGET = 64 << 20  # bytes of images kept in memory: a long ``briefgen watch`` session must not grow
# Bytes of images kept on disk: about thirty full builds' worth of distinct charts.  Every edit that changes a
# chart adds an image, so months of ``briefgen watch`` would otherwise fill the disk.
DISK_BUDGET = 100 << 20

_memory: OrderedDict[tuple[str, str], bytes] = OrderedDict()  # least recently used first
_memory_bytes = 0
_lock = threading.Lock()


def chart_image(spec: ChartSpec, fmt: str = "png", cache_dir: Path | None = None,
                warnings: list | None = None) -> bytes:
    """The bytes of ``spec`` drawn as ``fmt`` ("png" or "svg"), from cache when possible.  When the chart is
    drawn with characters no installed font has (shown as boxes), a warning goes to ``warnings``."""
    if fmt not in FORMATS:
        raise BuildError(f"chart {spec.kind}: unknown image format {fmt!r} (expected png or svg)")
    return _image(spec, spec.key(), fmt, cache_dir, warnings)


def _draw(spec: ChartSpec, fmt: str, warnings: list | None) -> bytes:
    missing: set[str] = set()
    data = draw.render(spec, fmt, missing)
    if missing and warnings is not None:
        warnings.append(missing_glyphs_warning(spec, missing))
    return data


def missing_glyphs_warning(spec: ChartSpec, missing: set[str]) -> Problem:
    """The warning for a chart drawn with characters no installed font has."""
    shown = sorted(missing)
    listed = ", ".join(repr(c) for c in shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
    return Problem(None, f"chart {spec.kind}", f"no installed font has {listed}: the chart shows them as boxes; "
                                               f"install a font that does (e.g. Noto Sans CJK for Korean, "
                                               f"Japanese or Chinese)", severity="warning")


def _image(spec: ChartSpec, key: str, fmt: str, cache_dir: Path | None, warnings: list | None = None) -> bytes:
    path = Path(cache_dir) / f"{key}.{fmt}" if cache_dir is not None else None
    with _lock:
        data = _memory.get((key, fmt))
        if data is not None:
            _memory.move_to_end((key, fmt))
    if data is None and path is not None:
        with _file_lock(path):
            data = _read(path, fmt)  # another worker may have drawn it while we waited
            if data is None:
                data = _draw(spec, fmt, warnings)
                _store(path, data)
    if data is None:
        data = _draw(spec, fmt, warnings)
    _remember((key, fmt), data)
    if path is not None and not _touch(path):  # used now: the last the budget removes
        _store(path, data)  # a memory hit for a cache folder that lacks the image
    return data


def chart_images(specs: Sequence[ChartSpec], fmt: str = "png", cache_dir: Path | None = None,
                 warnings: list | None = None) -> list[bytes]:
    """The bytes of each of ``specs``, as :func:`chart_image` gives them (warnings too), in order.

    With a ``cache_dir`` shared by several workers, a chart another worker is
    drawing right now is left for last: meanwhile this worker draws the
    others, instead of waiting for the lock on the first.
    """
    if fmt not in FORMATS:
        raise BuildError(f"charts: unknown image format {fmt!r} (expected png or svg)")
    keys = [spec.key() for spec in specs]
    if cache_dir is not None:
        for spec, key in zip(specs, keys):
            with _lock:
                if (key, fmt) in _memory:
                    continue
            path = Path(cache_dir) / f"{key}.{fmt}"
            with _file_lock(path, wait=False) as mine:
                if mine:
                    data = _read(path, fmt)
                    if data is None:
                        data = _draw(spec, fmt, warnings)
                        _store(path, data)
                    _remember((key, fmt), data)
    # Every chart is on disk now, or being drawn by another worker: _image waits for those.
    return [_image(spec, key, fmt, cache_dir, warnings) for spec, key in zip(specs, keys)]


def _remember(key: tuple[str, str], data: bytes) -> None:
    """Keep ``data`` in memory, forgetting the least recently used images beyond the budget."""
    global _memory_bytes
    with _lock:
        if key in _memory:
            return
        _memory[key] = data
        _memory_bytes += len(data)
        while _memory_bytes > MEMORY_BUDGET and len(_memory) > 1:
            _, old = _memory.popitem(last=False)
            _memory_bytes -= len(old)


def _store(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except BuildError:
        pass  # the cache only saves time: an unwritable cache folder must not stop a build


@contextlib.contextmanager
def _file_lock(path: Path, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on ``path``'s lock file across processes; yields whether this process holds it.

    Without ``wait``, yields False at once when another process holds it.
    Where locking is unavailable, yields True (each worker may then draw).
    """
    try:
        import fcntl

        locks = path.parent / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        fh = open(locks / (path.name + ".lock"), "a+b")
    except (ImportError, OSError):
        yield True
        return
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()


def _touch(path: Path) -> bool:
    """Renew ``path``'s modification time; False when there is no such file."""
    try:
        os.utime(path)
        return True
    except OSError:
        return False


def prune(cache_dir: Path, budget: int | None = None) -> list[Path]:
    """Keep the chart images in ``cache_dir`` within ``budget`` bytes (default ``DISK_BUDGET``); return the
    images removed.

    Over budget, the least recently used images (oldest modification time)
    go, with their lock files, until a fifth of the budget is free, so that
    not every build has to remove some.  Other files are left alone; a file
    another process removes or replaces meanwhile is skipped.
    """
    budget = DISK_BUDGET if budget is None else budget
    images = []
    try:
        with os.scandir(cache_dir) as entries:
            for entry in entries:
                if entry.name.rpartition(".")[2] in FORMATS and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        st = entry.stat(follow_symlinks=False)
                        images.append((st.st_mtime_ns, entry.name, st.st_size))
    except OSError:
        return []  # no cache folder (yet), or one that cannot be read: nothing to keep small
    total = sum(size for _, _, size in images)
    if total <= budget:
        return []
    removed = []
    for _, name, size in sorted(images):
        if total <= budget * 4 // 5:
            break
        path = Path(cache_dir) / name
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
            total -= size
        with contextlib.suppress(OSError):
            (Path(cache_dir) / "locks" / (name + ".lock")).unlink()
    return removed


def clear_memory_cache() -> None:
    """Forget every image held in memory (the disk cache is left alone)."""
    global _memory_bytes
    with _lock:
        _memory.clear()
        _memory_bytes = 0


def _read(path: Path, fmt: str) -> bytes | None:
    # A truncated or foreign file is redrawn and replaced rather than trusted.
    try:
        data = read_regular(path, _MAX_IMAGE_BYTES)  # a named pipe in the cache folder is passed over, not waited on
    except OSError:
        return None
    if len(data) > _MAX_IMAGE_BYTES or not data.startswith(_SIGNATURES[fmt]):
        return None
    if fmt == "png" and not data.endswith(b"IEND\xaeB`\x82"):
        return None
    if fmt == "svg" and not data.rstrip().endswith(b"</svg>"):
        return None
    return data
