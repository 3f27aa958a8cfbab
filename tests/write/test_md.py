"""The Markdown memo: golden files per shipped audience, charts beside it, marking top and bottom.

Regenerate the golden files after a deliberate change (content or template):
    python -m pytest tests/test_md_writer.py --accept
then review ``git diff tests/golden``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.write.md import charts_dir, write_md
from briefgen.write.memo_origins import markdown_blocks
from tests.support.memo_views import (CONTENT, FIXTURES, fields_by_block, install_fake_charts, options, shipped_audiences,
                                      view_of)
from tests.support.paths import GOLDEN

GOLDEN = GOLDEN


@pytest.fixture(autouse=True)
def fake_charts(monkeypatch):
    install_fake_charts(monkeypatch)


@pytest.mark.parametrize("audience", shipped_audiences())
def test_golden(audience: str, tmp_path: Path, accept: bool) -> None:
    target = tmp_path / "memo.md"
    assert write_md(view_of(CONTENT, audience), target, options()) == []
    text = target.read_text(encoding="utf-8")
    golden = GOLDEN / f"memo-{audience}.md"
    if accept:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"no golden file {golden.name}: run python -m pytest tests/test_md_writer.py --accept"
    assert text == golden.read_text(encoding="utf-8"), (
        f"memo for {audience} changed; if intended: python -m pytest tests/test_md_writer.py --accept")


def test_charts_are_written_beside_and_linked(tmp_path: Path) -> None:
    target = tmp_path / "out" / "brief.md"
    view = view_of(CONTENT, "neutral")
    write_md(view, target, options())
    text = target.read_text(encoding="utf-8")
    folder = charts_dir(target)
    for kind in ("timeline", "options_map", "risk_heatmap"):
        assert (folder / f"{kind}.png").read_bytes().startswith(b"\x89PNG")
        assert f"](brief-charts/{kind}.png " in text


def test_plain_text_shape(tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    view = view_of(CONTENT, "neutral")
    write_md(view, target, options())
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == lines[-1] == f"**{view.classification}**"
    assert "# MEMORANDUM" in lines
    assert sum(1 for line in lines if line.startswith("[^")) == len(view.sources)


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    write_md(view_of(FIXTURES / "hostile-text", "neutral"), target, options())
    text = target.read_text(encoding="utf-8")
    assert "<script>" not in text and "\\<script\\>" in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # every such "link" is escaped


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    from briefgen.errors import BuildError

    target = tmp_path / "memo.md"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(BuildError):
        write_md(view_of(CONTENT, "neutral"), target, options(inputs=(target,)))
    assert target.read_text(encoding="utf-8") == "precious"


def test_without_matplotlib_the_memo_is_written_without_charts_and_says_why(tmp_path: Path, monkeypatch) -> None:
    import sys
    from collections import OrderedDict

    import briefgen.render.charts as charts
    from briefgen.render.charts import cache
    from briefgen.render.charts import for_view as specs

    monkeypatch.setattr(charts, "chart_specs", specs.chart_specs)
    monkeypatch.setattr(charts, "chart_image", cache.chart_image)
    monkeypatch.setattr(charts, "chart_images", cache.chart_images)
    monkeypatch.setattr(cache, "_memory", OrderedDict())  # nothing drawn earlier in this process can stand in
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    target = tmp_path / "memo.md"
    warnings = write_md(view_of(CONTENT, "neutral"), target, options())
    assert [str(w) for w in warnings] == [
        "warning: charts: charts left out: charts need matplotlib, which is not installed (pip install matplotlib)"]
    text = target.read_text(encoding="utf-8")
    assert "# MEMORANDUM" in text and "-charts/" not in text
    assert not charts_dir(target).exists()


def test_the_writer_records_the_fields_each_block_of_the_memo_shows(tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    view = view_of(CONTENT, "hawkish")
    written = write_md(view, target, options())
    by_text = fields_by_block(written, markdown_blocks(target.read_text(encoding="utf-8")), view)
    assert by_text[view.bluf] == ["briefing.bluf"]
    missiles = next(t for t in by_text if t.startswith("North Korean missiles reach all three."))
    assert by_text[missiles] == ["thr-dprk-missiles.title", "thr-dprk-missiles.framing", "thr-dprk-missiles.points[2]"]
