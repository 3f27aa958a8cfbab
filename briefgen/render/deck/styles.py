"""How each kind of deck paragraph is drawn, in terms of the master's level styles.

Shared by pagination (to measure) and the writer (to draw), so both always
agree on size, weight and indents.
"""
from __future__ import annotations

from dataclasses import replace

from briefgen.render.deck.fit import Box, LevelStyle, scaled
from briefgen.render.deck.model import Bullet

TABLE_SIZE = 16.0  # table text, points, unless the table sets its own size
CELL_MARGIN_X = 7.2  # cell margins, points
CELL_MARGIN_Y = 5.0
META_FACTOR = 0.68  # the small grey line above a slide's lead


def para_style(bullet: Bullet, box: Box, scale: float = 1.0) -> LevelStyle:
    """The resolved style of ``bullet`` in ``box`` at font ``scale``."""
    base = box.level(bullet.level)
    top = box.level(0)
    flush = dict(margin=0.0, indent=0.0, bullet=False)
    if bullet.style == "lead":
        st = replace(top, bold=True, space_after=4.0, **flush)
    elif bullet.style == "meta":
        st = replace(top, size=round(top.size * META_FACTOR), bold=False, space_before=0.0, space_after=2.0,
                     **flush)
    elif bullet.style == "heading":
        st = replace(top, bold=True, **flush)
    elif bullet.style == "plain":
        st = replace(base, margin=max(base.margin + base.indent, 0.0), indent=0.0, bullet=False)
    else:  # bullet, number
        st = base
    return scaled(st, scale) if scale != 1.0 else st


def table_size(size: float | None, scale: float = 1.0) -> float:
    """The font size of a table's text: its own ``size`` or the default, times ``scale``, in half points."""
    return max(round((size or TABLE_SIZE) * scale * 2) / 2, 1.0)
