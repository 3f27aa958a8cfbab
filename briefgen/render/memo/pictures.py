"""The memo's item pictures: each main-body item's image as a figure after the item.

The bytes are those checked when the library was loaded (re-read and
compared by hash), so only verified PNG, JPEG or GIF files reach a writer.
Each figure's caption is the item's caption and, when the picture has a
source, that source's citation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from briefgen.load.images import image_format, read_verified
from briefgen.render.memo.compose import MemoChart
from briefgen.tailor.view import BriefView, ViewItem

MAX_WIDTH = 5.0  # inches
MAX_HEIGHT = 3.5  # inches: a picture never takes more than about a third of a page
MIME = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}
EXTENSIONS = {"png": "png", "jpeg": "jpg", "gif": "gif"}


@dataclass
class MemoPictures:
    """The pictures one memo shows (item id -> figure) and their bytes (src -> bytes)."""

    figures: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)


def picture_caption(view: BriefView, item: ViewItem) -> str:
    """The figure caption: the picture's caption, then ``Source: <citation>`` when it has a source."""
    img = item.image
    assert img is not None
    parts = [img.caption] if img.caption else []
    cited = next((s for s in view.sources if s.num == img.ref), None)
    if cited is not None:
        parts.append(f"Source: {cited.citation}")
    return ". ".join(p.rstrip(".") for p in parts) + ("." if parts else "")


def memo_pictures(view: BriefView, src_for: Callable[[str, str], str]) -> MemoPictures:
    """The pictures of the items in the memo's main body; ``src_for(item id, extension)`` names each one."""
    out = MemoPictures()
    for section in view.sections:
        for item in section.items:
            img = item.image
            if img is None or item.id in out.figures:
                continue
            data = read_verified(img.path, img.sha256)
            src = src_for(item.id, EXTENSIONS[image_format(data)])
            width = min(MAX_WIDTH, MAX_HEIGHT * img.width / max(img.height, 1))
            out.images[src] = data
            out.figures[item.id] = MemoChart("image", picture_caption(view, item), img.alt, src, round(width, 3))
    return out
