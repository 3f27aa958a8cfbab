"""Charts for decks and memos: specs built from a BriefView, drawn by matplotlib, cached by hash.

Importing this package does not import matplotlib (about a second's cost);
only :func:`chart_image` and :func:`chart_images` do, and only when an image is not already cached.
"""
from __future__ import annotations

from .cache import chart_image, chart_images
from .spec import ChartPoint, ChartSpec, ChartTheme
from .specs import chart_specs

__all__ = ["ChartPoint", "ChartSpec", "ChartTheme", "chart_image", "chart_images", "chart_specs"]
