"""Charts for decks and memos: specs built from a BriefView, drawn by matplotlib, cached by hash.

Importing this package does not import matplotlib (about a second's cost);
only :func:`chart_image` and :func:`chart_images` do, and only when an image is not already cached.
"""
from __future__ import annotations

from briefgen.render.charts.cache import chart_image, chart_images
from briefgen.render.charts.for_view import chart_specs
from briefgen.render.charts.spec import ChartPoint, ChartSpec, ChartTheme

__all__ = ["ChartPoint", "ChartSpec", "ChartTheme", "chart_image", "chart_images", "chart_specs"]
