"""Make OOXML zip packages (.pptx, .docx) byte-reproducible.

python-pptx and python-docx stamp each zip entry with the current time;
rewriting the package with a fixed timestamp (``SOURCE_DATE_EPOCH`` or the
briefing date), a fixed entry order and fixed compression (XML deflated,
pictures stored as they are) makes the same input give the same bytes.
:func:`write_zip` writes such a package directly, from its parts.
"""
from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import Iterable

_EPOCH_1980 = 315532800  # zip cannot store earlier dates
STORED = (".png", ".jpg", ".jpeg", ".gif")


def normalize_zip(path: Path, epoch: int | None) -> None:
    """Rewrite the zip at ``path`` in place with every entry dated ``epoch`` (default 1980-01-01)."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    # [Content_Types].xml must stay first for some readers; keep the writer's order otherwise.
    tmp = path.with_name(path.name + ".norm")
    write_zip(tmp, entries, epoch)
    tmp.replace(path)


def write_zip(path: Path, entries: Iterable[tuple[str, bytes]], epoch: int | None) -> None:
    """Write ``entries`` (name, bytes), in order, as a zip at ``path`` that :func:`normalize_zip` would leave
    as it is: every entry dated ``epoch`` (default 1980-01-01), XML deflated, pictures stored."""
    stamp = time.gmtime(max(epoch or _EPOCH_1980, _EPOCH_1980))[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Pictures are compressed already: deflating them again costs time and saves nothing.
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, data, compresslevel=6)
