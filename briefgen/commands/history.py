"""Keep a person's version of an output before a build replaces it.

briefgen records the SHA-256 of every output it writes (``out/manifest.json``).  An output whose bytes
differ from that record — finished by hand in PowerPoint or Word, or with no record at all because the
manifest is missing or stale — holds a person's work.  Before a build (``build``, ``build --all``,
``--force``, ``watch``) replaces it, :func:`keep_edited_output` copies it to
``.briefgen-history/AUDIENCE/SLUG-YYYYmmdd-HHMMSS.EXT`` in the project (the time is when the person last
saved it, in local time) and the build prints one line saying where.

Pruning rule: per output, the :data:`KEEP` newest copies are kept and older ones removed; the copy just
made is never removed.  A copy whose bytes equal an earlier copy's is not made twice.
"""
from __future__ import annotations

import filecmp
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from briefgen.atomic import atomic_write
from briefgen.errors import display_path

HISTORY_DIR = ".briefgen-history"
KEEP = 10  # copies kept per output


@dataclass(frozen=True)
class KeptCopy:
    """A person's version of an output, copied into the history folder before the output was rebuilt."""

    output: Path
    copy: Path

    def line(self) -> str:
        """The one line a build prints about it."""
        return f"kept your edited {display_path(self.output)} as {display_path(self.copy)}"


def is_edited(target: Path, recorded_sha256: str | None, actual_sha256: str | None) -> bool:
    """Whether ``target`` holds bytes briefgen did not write: it exists and its SHA-256 (``actual_sha256``)
    differs from the one recorded when briefgen wrote it (no record counts as edited)."""
    if actual_sha256 is None or not target.is_file():
        return False
    return recorded_sha256 != actual_sha256


def history_folder(project_root: Path, output_dir: Path, target: Path) -> Path:
    """Where copies of ``target`` go: ``PROJECT/.briefgen-history/`` plus its folder under the output folder."""
    try:
        relative = target.parent.relative_to(output_dir)
    except ValueError:  # an output outside the output folder: keep its copies by its own folder's name
        relative = Path(target.parent.name)
    return project_root / HISTORY_DIR / relative


def keep_edited_output(project_root: Path, output_dir: Path, target: Path) -> KeptCopy:
    """Copy ``target`` into the history folder (atomically, never over another copy), prune older copies of
    it, and return where it went."""
    folder = history_folder(project_root, output_dir, target)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(target.stat().st_mtime))
    existing = copies_of(folder, target)
    same = next((c for c in existing if filecmp.cmp(c, target, shallow=False)), None)
    if same is not None:
        return KeptCopy(target, same)
    copy = _free_name(folder, f"{target.stem}-{stamp}", target.suffix)
    atomic_write(copy, lambda tmp: _copy_with_times(target, tmp))
    prune(folder, target, protect=copy)
    return KeptCopy(target, copy)


def _copy_with_times(source: Path, dest: Path) -> None:
    shutil.copyfile(source, dest)
    shutil.copystat(source, dest)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/STEM.SUFFIX``, or ``STEM-2.SUFFIX`` … when that name is taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def copies_of(folder: Path, target: Path) -> list[Path]:
    """The history copies of ``target`` in ``folder``, oldest first (by the time in their names)."""
    pattern = re.compile(rf"{re.escape(target.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(target.suffix)}")
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m and entry.is_file(follow_symlinks=False):
            found.append((m.group(1), int(m.group(2) or 1), Path(entry.path)))
    return [p for _, _, p in sorted(found)]


def prune(folder: Path, target: Path, protect: Path, keep: int | None = None) -> list[Path]:
    """Remove all but the ``keep`` (default :data:`KEEP`) newest copies of ``target`` (never ``protect``);
    return what was removed."""
    keep = KEEP if keep is None else keep
    copies = [c for c in copies_of(folder, target) if c != protect]
    removed = copies[: max(len(copies) - (keep - 1), 0)]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed
