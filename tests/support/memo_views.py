"""Helpers for the memo tests: views from fixture libraries and a fast stand-in for the charts package.

The stand-in (``fake_charts``) keeps writer tests quick and independent of
matplotlib: it returns one tiny spec per hint and a small PNG or SVG image.
The real charts are exercised by the charts tests and by one memo test.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_templates
from briefgen.tailor.view import BriefView
from briefgen.write.memo_origins import block_record
from briefgen.write.registry import OutputOptions
from tests.support.paths import FIXTURES, REPO

FIXTURES = FIXTURES
REPO = REPO
CONTENT = REPO / "content"


@dataclass(frozen=True)
class FakePoint:
    """The part of ChartPoint the memo uses."""

    id: str


@dataclass(frozen=True)
class FakeSpec:
    """The part of ChartSpec the memo uses."""

    kind: str
    title: str
    alt_text: str
    points: tuple = ()


def fake_chart_specs(view: BriefView, theme=None, size=(10.0, 4.8)) -> list:
    """One spec per chart hint of ``view``; a timeline shows the latest eight events, as a real one may."""
    def points(kind: str) -> tuple:
        return tuple(FakePoint(e.id) for e in view.events[-8:]) if kind == "timeline" else ()

    return [FakeSpec(h.kind, f"Chart of {h.kind}", f"Alt text for the {h.kind} chart", points(h.kind))
            for h in view.charts]


def fake_chart_image(spec, fmt: str = "png", cache_dir=None, warnings=None) -> bytes:
    """A 650x320 placeholder image as PNG or SVG bytes."""
    if fmt == "svg":
        return (b'<svg xmlns="http://www.w3.org/2000/svg" width="650" height="320">'
                b'<rect width="650" height="320" fill="#dde3ea"/></svg>')
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (650, 320), (221, 227, 234)).save(buf, format="PNG")
    return buf.getvalue()


def fake_chart_images(specs, fmt: str = "png", cache_dir=None, warnings=None) -> list:
    """:func:`fake_chart_image` for each spec."""
    return [fake_chart_image(spec, fmt, cache_dir) for spec in specs]


def install_fake_charts(monkeypatch) -> None:
    """Make ``briefgen.render.charts`` answer with the stand-ins for this test."""
    import briefgen.render.charts as charts

    monkeypatch.setattr(charts, "chart_specs", fake_chart_specs, raising=False)
    monkeypatch.setattr(charts, "chart_image", fake_chart_image, raising=False)
    monkeypatch.setattr(charts, "chart_images", fake_chart_images, raising=False)


def view_of(content: Path, audience: str) -> BriefView:
    """The BriefView of ``audience`` for the library at ``content``."""
    return build_view(load_library(content).library, audience)


def options(**kw) -> OutputOptions:
    """Writer options using the shipped templates (no chart cache unless given)."""
    return OutputOptions(**{"template_dirs": (shipped_templates(),), "chart_cache": None, **kw})


def shipped_audiences() -> list[str]:
    """The audience profiles shipped in content/audiences, by name."""
    return sorted(p.stem for p in (CONTENT / "audiences").glob("*.yaml"))


def fields_by_block(written, blocks: list[str], view: BriefView) -> dict[str, list[str]]:
    """The content fields a text memo's record gives each of its ``blocks`` (as read back from the file), after
    checking the record lists exactly those blocks, in order, and pairs them as ``block_record`` does."""
    record = written.record["memo"]
    assert record["paras"] == blocks
    assert record == block_record(blocks, view)
    return dict(zip(record["paras"], record["fields"]))

