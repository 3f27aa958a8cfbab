"""Chart specs: what a chart shows, as plain frozen data.

A :class:`ChartSpec` carries everything needed to draw one chart (kind, data,
highlights, theme, size) and nothing else, so it can be hashed into a cache
key, compared in tests and serialised to JSON.  Building specs from a
BriefView lives in :mod:`briefgen.render.charts.for_view`; drawing them in
:mod:`briefgen.render.charts.draw`.  Nothing here imports matplotlib.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from briefgen.errors import BuildError

KINDS = ("timeline", "threat_overview", "capability_matrix", "options_map", "risk_heatmap")

# Bump when drawing code changes what an unchanged spec looks like, so file caches go stale.
DRAW_REVISION = 3

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
# Which point coordinates must be numbers, per kind (timeline x is a date, the matrix uses categories).
_NUMERIC = {
    "timeline": (),
    "threat_overview": ("x", "y"),
    "capability_matrix": (),
    "options_map": ("x", "y"),
    "risk_heatmap": ("x", "y"),
}


@dataclass(frozen=True)
class ChartTheme:
    """Colours (``#rrggbb``) and font family for charts; the deck writer builds one from its master."""

    primary: str = "#1f3a5f"  # deep navy: main data
    accent: str = "#2a7f8e"  # teal: secondary data
    highlight: str = "#e07b00"  # amber: what this audience should look at
    muted: str = "#9aa5b1"  # grey: backup items, quadrant labels
    text: str = "#1e2a36"
    background: str = "#ffffff"
    grid: str = "#dde3ea"
    font: str = "Carlito"  # falls back to DejaVu Sans at draw time when not installed

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            if f.name == "font":
                continue
            value = getattr(self, f.name)
            m = _HEX.match(value) if isinstance(value, str) else None
            if not m:
                raise BuildError(f"chart theme: {f.name}: expected a colour as #rrggbb, got {value!r}")
            object.__setattr__(self, f.name, "#" + m.group(1).lower())
        if not isinstance(self.font, str) or not self.font.strip():
            raise BuildError(f"chart theme: font: expected a font family name, got {self.font!r}")


@dataclass(frozen=True)
class ChartPoint:
    """One datum: an event, threat, capability, option or risk as a chart shows it.

    ``x``/``y`` are numbers (scores 1-5), a date string (timeline x) or a
    category (capability owner and domain); ``group`` is a legend category
    (capability status); ``role`` is "lead", "normal" or "backup".
    """

    id: str
    label: str
    x: Any
    y: Any = None
    group: str = ""
    role: str = "normal"
    approximate: bool = False


@dataclass(frozen=True)
class ChartSpec:
    """Everything needed to draw one chart, and its alt text."""

    kind: str
    title: str  # neutral: never names the audience
    alt_text: str  # written from the data
    points: tuple = ()  # of ChartPoint, in drawing order
    highlight: tuple = ()  # ids of points drawn in the highlight colour
    x_label: str = ""
    y_label: str = ""
    categories: tuple = ()  # (name, values) pairs: fixed category orders (capability owners, domains, statuses)
    labels: tuple = ()  # (value, label) pairs: how a domain, a status or an item kind is shown (the vocabulary's)
    colours: tuple = ()  # (category value, "#RRGGBB") pairs: a capability owner's own colour, where declared
    theme: ChartTheme = field(default_factory=ChartTheme)
    size: tuple = (10.0, 4.8)  # inches
    dpi: int = 150
    show_title: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise BuildError(f"chart: unknown kind {self.kind!r} (expected one of {', '.join(KINDS)})")
        size = tuple(self.size)
        if len(size) != 2 or not all(is_number(v) and v > 0 for v in size):
            raise BuildError(f"chart {self.kind}: size: expected (width, height) in inches, got {self.size!r}")
        object.__setattr__(self, "size", tuple(float(v) for v in size))
        if not isinstance(self.dpi, int) or isinstance(self.dpi, bool) or not 20 <= self.dpi <= 1200:
            raise BuildError(f"chart {self.kind}: dpi: expected an integer 20-1200, got {self.dpi!r}")
        for p in self.points:
            if self.kind == "timeline":
                from briefgen.render.charts.dates import parse

                parse(p.x)  # BuildError unless a content date
            for axis in _NUMERIC[self.kind]:
                value = getattr(p, axis)
                if not is_number(value):
                    name = self.x_label if axis == "x" else self.y_label
                    raise BuildError(f"chart {self.kind}: {p.id}: {name or axis}: expected a number, got {value!r}")

    def is_highlighted(self, point_id: str) -> bool:
        """Whether the point with this id is drawn in the highlight colour."""
        return point_id in self.highlight

    def highlight_labels(self) -> tuple:
        """Labels of the highlighted points, in data order."""
        return tuple(p.label for p in self.points if p.id in self.highlight)

    def category(self, name: str) -> tuple:
        """The fixed order of one category axis (e.g. "owner"), or () when the spec gives none."""
        return dict(self.categories).get(name, ())

    def label_of(self, value: str) -> str:
        """How ``value`` (a domain, a status, an item kind) is shown: its label, else capitalised."""
        return dict(self.labels).get(value) or value[:1].upper() + value[1:]

    def colour_of(self, value: str) -> str | None:
        """The colour declared for a category value (a capability owner), or None."""
        return dict(self.colours).get(value)

    def to_dict(self) -> dict:
        """The spec as plain JSON-ready data."""
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no whitespace; equal specs give equal strings."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict) -> ChartSpec:
        """Rebuild a spec from :meth:`to_dict` output (e.g. after a JSON round trip)."""
        d = dict(data)
        d["points"] = tuple(ChartPoint(**p) for p in d.get("points", ()))
        d["highlight"] = tuple(d.get("highlight", ()))
        d["categories"] = tuple((name, tuple(values)) for name, values in d.get("categories", ()))
        d["labels"] = tuple(tuple(pair) for pair in d.get("labels", ()))
        d["colours"] = tuple(tuple(pair) for pair in d.get("colours", ()))
        d["theme"] = ChartTheme(**d["theme"]) if "theme" in d else ChartTheme()
        d["size"] = tuple(d.get("size", (10.0, 4.8)))
        return cls(**d)

    def key(self) -> str:
        """A sha256 of the spec plus everything else that decides its pixels (matplotlib and briefgen versions)."""
        from briefgen import __version__

        text = "\n".join((self.to_json(), f"matplotlib={_matplotlib_version()}", f"briefgen={__version__}",
                          f"draw={DRAW_REVISION}"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_number(value: Any) -> bool:
    """True for a finite int or float (bools excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    # From the installed metadata: importing matplotlib itself costs about a second.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("matplotlib")
    except PackageNotFoundError:
        return "none"
