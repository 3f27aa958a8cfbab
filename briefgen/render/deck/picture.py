"""Where an item's picture and its caption go in a slide's picture box (the right column).

Pure geometry, shared by pagination (to check the caption fits) and the
writer (to draw): the caption is a few small centred lines at the foot of the
box, the picture keeps its aspect ratio and is fitted into the space above,
and the two are centred together vertically.
"""
from __future__ import annotations

from dataclasses import dataclass

from briefgen.render.deck.fit import HEIGHT_SAFETY, Box, LevelStyle, Para, TextMeasurer, scaled

CAPTION_SIZE = 12.0  # points
CAPTION_GAP = 6.0  # points between the picture and its caption
CAPTION_SHARE = 0.3  # a caption may take at most this share of the box's height


@dataclass(frozen=True)
class Frame:
    """A rectangle in points, from the top-left corner of what holds it (a picture box, a slide)."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The rectangle's right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> float:
        """The rectangle's bottom edge."""
        return self.top + self.height


def caption_box(area: Box) -> Box:
    """The largest box a caption may fill inside the picture box ``area`` (no insets, centred lines)."""
    style = LevelStyle(size=CAPTION_SIZE, bullet=False)
    return Box(width=area.width, height=area.height * CAPTION_SHARE, inset_left=0.0, inset_top=0.0,
               inset_right=0.0, inset_bottom=0.0, levels=(style,), font=area.font)


def caption_paras(text: str, area: Box, scale: float = 1.0) -> list[Para]:
    """The caption as paragraphs to measure, at font ``scale``."""
    style = caption_box(area).level(0)
    return [Para(text, scaled(style, scale) if scale != 1.0 else style)]


def caption_height(text: str | None, area: Box, measure: TextMeasurer, scale: float = 1.0) -> float:
    """Height in points the caption takes (0 without one)."""
    if not text:
        return 0.0
    return measure.height(caption_paras(text, area, scale), caption_box(area)) / HEIGHT_SAFETY


def picture_frames(area: Box, px_width: int, px_height: int, cap_height: float) -> tuple[Frame, Frame | None]:
    """The picture's frame (aspect ratio kept, as large as fits) and the caption's (None without one)."""
    room = max(area.height - (cap_height + CAPTION_GAP if cap_height else 0.0), 1.0)
    factor = min(area.width / max(px_width, 1), room / max(px_height, 1))
    w, h = px_width * factor, px_height * factor
    total = h + (CAPTION_GAP + cap_height if cap_height else 0.0)
    top = max((area.height - total) / 2, 0.0)
    pic = Frame((area.width - w) / 2, top, w, h)
    if not cap_height:
        return pic, None
    return pic, Frame(0.0, top + h + CAPTION_GAP, area.width, cap_height)
