"""Tests of briefgen/render/memo/assemble.py: the memo's Markdown with the charts and pictures it links to."""
from __future__ import annotations

import pytest

from briefgen.render.memo.assemble import assemble_memo
from tests.support.memo_views import CONTENT, FIXTURES, install_fake_charts, options, view_of


@pytest.fixture(autouse=True)
def fake_charts(monkeypatch):
    install_fake_charts(monkeypatch)


def _assemble(content, page_marking: bool = False):
    view = view_of(content, "neutral")
    memo = assemble_memo(view, options().template_dirs, None, lambda kind, fmt: f"c/{kind}.{fmt}",
                         lambda item_id, ext: f"p/{item_id}.{ext}", page_marking)
    return view, memo


def test_every_chart_is_linked_from_the_markdown_and_has_its_bytes() -> None:
    _, memo = _assemble(CONTENT)
    assert list(memo.figures.charts) == ["timeline", "options_map", "risk_heatmap"]
    for kind, chart in memo.figures.charts.items():
        assert chart.src == f"c/{kind}.png"
        assert f"]({chart.src} " in memo.markdown
        assert memo.images[chart.src].startswith(b"\x89PNG")
        assert memo.widths[chart.src] == chart.width
    assert memo.warnings == []


def test_item_pictures_are_linked_and_come_after_the_charts_in_images() -> None:
    view, memo = _assemble(FIXTURES / "item-image")
    shown = [i.id for s in view.sections for i in s.items if i.image is not None]
    assert shown and list(memo.pictures.figures) == shown
    for item_id, picture in memo.pictures.figures.items():
        assert picture.src == f"p/{item_id}.png"
        assert f"]({picture.src}" in memo.markdown
        assert memo.images[picture.src] == memo.pictures.images[picture.src]
        assert 0 < memo.widths[picture.src] <= 5.0
    assert list(memo.images) == [*memo.figures.images, *memo.pictures.images]


@pytest.mark.parametrize("page_marking", [True, False])
def test_page_marking_puts_the_classification_first_and_last(page_marking: bool) -> None:
    view, memo = _assemble(CONTENT, page_marking)
    lines = memo.markdown.splitlines()
    marked = lines[0] == lines[-1] == f"**{view.classification}**"
    assert marked == page_marking
