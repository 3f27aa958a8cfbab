"""Measure text the way it will be drawn, to know whether it fits its box.

A :class:`Box` is a text placeholder's geometry as plain data (points): its
size, insets and, per paragraph level, the font size, weight, margins and
spacing the master gives.  :class:`TextMeasurer` wraps words to the box's
width with the real metrics of the font the text is drawn in (Carlito for
Calibri: the same advance widths), via Pillow, and adds up line heights.
Nothing here imports python-pptx.
"""
from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen.errors import Problem

LINE_HEIGHT = 1.2  # single spacing, as a multiple of the font size (PowerPoint and LibreOffice use ~1.2)
WIDTH_SAFETY = 0.97  # wrap a little early: renderers differ by a fraction of a percent in advance widths
HEIGHT_SAFETY = 0.98  # and leave a sliver of the box free

# Fonts a master may name, and the installed metric-compatible font to measure them with.
METRIC_TWINS = {"calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans",
                "helvetica": "Liberation Sans", "times new roman": "Liberation Serif",
                "courier new": "Liberation Mono"}


@dataclass(frozen=True)
class LevelStyle:
    """How paragraphs of one outline level are drawn (sizes in points)."""

    size: float
    bold: bool = False
    margin: float = 0.0  # left margin of the text lines (marL)
    indent: float = 0.0  # first-line indent relative to the margin (negative: hanging bullet)
    space_before: float = 0.0
    line_spacing: float = 1.0  # multiple of single spacing
    bullet: bool = True
    space_after: float = 0.0


@dataclass(frozen=True)
class Box:
    """A placeholder's size, insets and text styles, in points."""

    width: float
    height: float
    inset_left: float = 7.2
    inset_top: float = 3.6
    inset_right: float = 7.2
    inset_bottom: float = 3.6
    levels: tuple = (LevelStyle(18.0),)  # of LevelStyle, index = outline level
    font: str = "Calibri"

    @property
    def inner_width(self) -> float:
        """Width available to text."""
        return self.width - self.inset_left - self.inset_right

    @property
    def inner_height(self) -> float:
        """Height available to text."""
        return self.height - self.inset_top - self.inset_bottom

    def level(self, n: int) -> LevelStyle:
        """The style of outline level ``n`` (the deepest defined one beyond the list)."""
        return self.levels[min(max(n, 0), len(self.levels) - 1)]


@dataclass(frozen=True)
class Para:
    """One paragraph to measure: its text and the resolved style it is drawn in."""

    text: str
    style: LevelStyle


def scaled(style: LevelStyle, factor: float) -> LevelStyle:
    """``style`` with its font size (and spacing before) multiplied by ``factor``."""
    size = max(round(style.size * factor * 2) / 2, 1.0)  # PowerPoint stores sizes in 1/100 pt; keep half points
    return replace(style, size=size, space_before=style.space_before * factor, space_after=style.space_after * factor)


class TextMeasurer:
    """Advance widths and line wrapping with a real TrueType font (via Pillow)."""

    def __init__(self, regular: Path, bold: Path | None = None):
        from PIL import ImageFont

        self._regular = ImageFont.truetype(str(regular), 1000)
        self._bold = ImageFont.truetype(str(bold or regular), 1000)
        self.files = (Path(regular), Path(bold or regular))

    @functools.lru_cache(maxsize=65536)
    def _unit_width(self, text: str, bold: bool) -> float:
        return (self._bold if bold else self._regular).getlength(text) / 1000.0

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Width in points of ``text`` drawn at ``size`` points (of its widest line, when it has line breaks:
        Pillow's text shaping fails on a line break)."""
        if "\n" in text:
            return max(self._unit_width(line, bold) for line in text.split("\n")) * size
        return self._unit_width(text, bold) * size

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Break ``text`` into lines no wider than ``width`` points (words longer than a line are split)."""
        limit = width * WIDTH_SAFETY
        lines: list[str] = []
        for hard in text.split("\n"):
            words = hard.split()
            line = ""
            for word in words:
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size, bold) <= limit:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while self.width(line, size, bold) > limit and len(line) > 1:
                    cut = self._fit_chars(line, limit, size, bold)
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def _fit_chars(self, word: str, limit: float, size: float, bold: bool) -> int:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(word[:mid], size, bold) <= limit:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def lines(self, text: str, width: float, style: LevelStyle) -> int:
        """How many lines ``text`` takes in a box ``width`` points wide (insets excluded) in ``style``."""
        start = max(style.margin, style.margin + style.indent)
        return len(self.wrap(text, width - start, style.size, style.bold))

    def para_height(self, para: Para, box: Box) -> float:
        """Height in points of one paragraph in ``box``, its space before included (renderers differ on
        whether the first paragraph's space before counts; counting it is the safe side)."""
        st = para.style
        n = self.lines(para.text, box.inner_width, st)
        return n * st.size * LINE_HEIGHT * st.line_spacing + st.space_before

    def height(self, paras: list[Para] | tuple, box: Box) -> float:
        """Height in points of a run of paragraphs in ``box`` (space after counts between paragraphs)."""
        paras = list(paras)
        return sum(self.para_height(p, box) for p in paras) + sum(p.style.space_after for p in paras[:-1])

    def fits(self, paras: list[Para] | tuple, box: Box, fraction: float = 1.0) -> bool:
        """Whether ``paras`` fit the box's inner height (or ``fraction`` of it)."""
        return self.height(paras, box) <= box.inner_height * HEIGHT_SAFETY * fraction

    def ratio(self, paras: list[Para] | tuple, box: Box) -> float:
        """How full the box would be: 1.0 = exactly full, 1.4 = 40% too much."""
        return self.height(paras, box) / max(box.inner_height * HEIGHT_SAFETY, 1.0)


def _fc_match(family: str, bold: bool) -> tuple[str, Path] | None:
    exe = shutil.which("fc-match")
    if not exe:
        return None
    pattern = f"{family}:bold" if bold else f"{family}:regular"
    try:
        out = subprocess.run([exe, pattern, "-f", "%{family}|%{file}"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    if "|" not in out:
        return None
    fam, file = out.split("|", 1)
    return fam.split(",")[0].strip(), Path(file.strip())


def _dejavu(bold: bool) -> Path | None:
    """matplotlib's bundled DejaVu Sans (wider than Calibri: a conservative stand-in), found without importing it."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.origin:
        return None
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name
    return path if path.is_file() else None


def _matplotlib_font(family: str, bold: bool) -> Path | None:
    """The file matplotlib's font manager has for ``family`` (used where fontconfig's fc-match is absent)."""
    try:
        from matplotlib import font_manager
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        return None
    prop = font_manager.FontProperties(family=family, weight="bold" if bold else "normal")
    try:
        path = Path(font_manager.findfont(prop, fallback_to_default=False))
    except (ValueError, RuntimeError):
        return None
    return path if path.is_file() else None


def _find_font(names: tuple, bold: bool) -> Path | None:
    for name in names:
        m = _fc_match(name, bold)
        if m and m[0].lower() == name.lower() and m[1].is_file():
            return m[1]
    if shutil.which("fc-match") is None:
        for name in names:
            path = _matplotlib_font(name, bold)
            if path is not None:
                return path
    return None


@functools.lru_cache(maxsize=16)
def font_stand_in(family: str) -> str | None:
    """None when ``family`` itself is installed; else the font text in it is measured with: its metric-compatible
    twin (Carlito for Calibri ...) when installed, else DejaVu Sans."""
    if _find_font((family,), False) is not None:
        return None
    twin = METRIC_TWINS.get(family.lower())
    if twin and _find_font((twin,), False) is not None:
        return twin
    return "DejaVu Sans"


@functools.lru_cache(maxsize=16)
def measurer_for(family: str) -> tuple[TextMeasurer, tuple]:
    """A measurer for text drawn in ``family``, and warnings (Problem) if only a stand-in font was found.

    Calibri is measured with Carlito, which has the same advance widths (likewise Cambria/Caladea, Arial/Liberation
    Sans ...); fonts are found with fontconfig's ``fc-match``, else matplotlib's font manager."""
    wanted = METRIC_TWINS.get(family.lower(), family)
    names = tuple(dict.fromkeys((wanted, family)))
    found = [_find_font(names, bold) for bold in (False, True)]
    if found[0] is not None:
        return TextMeasurer(found[0], found[1]), ()
    fallback = _dejavu(False)
    if fallback is None:  # pragma: no cover - matplotlib is a dependency
        raise RuntimeError("no font to measure text with")
    warn = Problem(None, "font", f"cannot find {family!r} or a metric-compatible font ({wanted}); measuring text "
                                 f"with DejaVu Sans, which is wider, so slides may be fuller than needed",
                   severity="warning")
    return TextMeasurer(fallback, _dejavu(True)), (warn,)
