"""Tests of briefgen.render.charts.draw and the kind modules: real renders, checked for bytes, pixels and layout."""
from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import warnings
from xml.etree import ElementTree

import pytest
from matplotlib.collections import PathCollection
from PIL import Image

from briefgen.errors import BuildError
from briefgen.load.library import load_library
from briefgen.render.charts import ChartSpec, ChartTheme, alt, chart_specs
from briefgen.render.charts.draw import drawn, render, resolve_font
from briefgen.render.charts.spec import ChartPoint
from briefgen.tailor.tailor import tailor
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "charts-basic"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def specs() -> dict[str, dict[str, ChartSpec]]:
    lib = load_library(FIXTURE).library
    return {name: {s.kind: s for s in chart_specs(tailor(lib, lib.audiences[name]))}
            for name in ("neutral", "hawkish", "dovish")}


def visible_texts(fig) -> list:
    """Every text matplotlib actually draws on ``fig`` (titles, labels, tick labels), non-empty."""
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += ax.texts
        if ax.axison:
            texts += [ax.xaxis.label, ax.yaxis.label, ax.title]
            texts += [t for t in ax.get_xticklabels() + ax.get_yticklabels()]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def layout_problems(spec: ChartSpec) -> list[str]:
    """Overlapping texts, texts outside the figure, and fonts below 11 pt, as readable lines."""
    problems = []
    with drawn(spec) as fig:
        renderer = fig.canvas.get_renderer()
        fig.canvas.draw()
        width, height = fig.bbox.width, fig.bbox.height
        boxes = [(t.get_text(), t.get_window_extent(renderer), t.get_fontsize()) for t in visible_texts(fig)]
    for text, box, size in boxes:
        if size < 11:
            problems.append(f"{text!r}: {size} pt")
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
            problems.append(f"{text!r}: outside the figure {box}")
    for i, (a, abox, _) in enumerate(boxes):
        for b, bbox, _ in boxes[i + 1:]:
            # Shrink by a pixel: touching glyph boxes do not make overlapping ink.
            if abox.x0 + 1 < bbox.x1 - 1 and bbox.x0 + 1 < abox.x1 - 1 and \
                    abox.y0 + 1 < bbox.y1 - 1 and bbox.y0 + 1 < abox.y1 - 1:
                problems.append(f"{a!r} overlaps {b!r}")
    return problems


def stress_specs(size: tuple[float, float]) -> list[ChartSpec]:
    """Crowded, long-labelled data for every kind."""
    long = "A very long option title that goes on and on about integrated missile defense and planning"
    opts = [ChartPoint(f"o{i}", f"{long} {i}" if i % 3 else f"Option {i}", 1 + i % 5, 1 + (i * 2) % 5,
                       role="backup" if i > 12 else "normal") for i in range(20)]
    crowd = [ChartPoint(f"c{i}", f"Crowded option {i}", 4, 2) for i in range(6)]
    risks = [ChartPoint(f"r{i}", f"Risk {i}: {long}", 1 + i % 5, 5 - i % 5, role="backup" if i > 8 else "normal")
             for i in range(14)]
    threats = [ChartPoint(f"t{i}", f"Threat {i} {long}", 1 + i % 5, 1 + (i * 3) % 5,
                          role="backup" if i > 9 else "normal") for i in range(16)]
    owners = ("US", "Japan", "South Korea", "Trilateral")
    domains = ("missile defense", "strike", "maritime", "cyber", "space and intelligence, surveillance, recon")
    caps = [ChartPoint(f"k{i}", f"Capability {i} {long}", owners[i % 4], domains[i % 5],
                       ("fielded", "planned", "in development")[i % 3]) for i in range(18)]
    events = [ChartPoint(f"e{i}", f"Event {i}: {long}", f"2024-{1 + i % 12:02d}" if i % 2 else f"20{10 + i}-06-15",
                         approximate=i % 2 == 1) for i in range(20)]
    events.sort(key=lambda p: p.x)
    same_day = [ChartPoint(f"d{i}", f"Same-day event {i}", "2023-08-18") for i in range(8)]
    common = dict(title="Stress", alt_text="stress", size=size)
    return [
        ChartSpec(kind="options_map", points=tuple(opts), highlight=("o1", "o2"), **common),
        ChartSpec(kind="options_map", points=tuple(crowd), highlight=("c0",), **common),
        ChartSpec(kind="risk_heatmap", points=tuple(risks), highlight=("r0",), **common),
        ChartSpec(kind="threat_overview", points=tuple(threats), highlight=("t3",), **common),
        ChartSpec(kind="capability_matrix", points=tuple(caps), highlight=("k1",),
                  categories=(("owner", owners), ("domain", domains),
                              ("status", ("fielded", "in development", "planned"))), **common),
        ChartSpec(kind="timeline", points=tuple(events), **common),
        ChartSpec(kind="timeline", points=tuple(same_day), **common),
    ]


@pytest.mark.parametrize("kind", ["timeline", "threat_overview", "capability_matrix", "options_map", "risk_heatmap"])
def test_png_decodes_at_the_expected_size(specs, kind):
    data = render(specs["neutral"][kind], "png")
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (1500, 720)  # 10 x 4.8 in at 150 dpi
    assert image.mode == "RGB"  # opaque: no alpha channel to carry
    assert [round(d) for d in image.info["dpi"]] == [150, 150]
    assert b"Software" not in data and b"tIME" not in data


def test_svg_is_an_svg_document(specs):
    data = render(specs["neutral"]["risk_heatmap"], "svg")
    assert data.startswith(b"<?xml") and b"<svg" in data and data.rstrip().endswith(b"</svg>")
    root = ElementTree.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 720 345.6"  # points
    assert b"<dc:date>" not in data and b"Matplotlib v" not in data  # no timestamp, no creator


def test_same_spec_same_bytes(specs):
    spec = specs["hawkish"]["options_map"]
    assert render(spec, "png") == render(spec, "png")
    assert render(spec, "svg") == render(spec, "svg")


def test_same_bytes_in_another_process(specs):
    spec = specs["dovish"]["timeline"]
    code = ("import json, sys\n"
            "from briefgen.render.charts import ChartSpec\n"
            "from briefgen.render.charts.draw import render\n"
            "spec = ChartSpec.from_dict(json.loads(sys.stdin.read()))\n"
            "sys.stdout.buffer.write(render(spec, 'svg') + b'\\0' + render(spec, 'png'))\n")
    result = subprocess.run([sys.executable, "-c", code], input=spec.to_json().encode(), capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == render(spec, "svg") + b"\0" + render(spec, "png")


@pytest.mark.parametrize("audience", ["neutral", "hawkish", "dovish"])
def test_fixture_charts_have_no_overlapping_or_small_text(specs, audience):
    problems = {kind: layout_problems(spec) for kind, spec in specs[audience].items()}
    assert problems == {kind: [] for kind in specs[audience]}


@pytest.mark.parametrize("size", [(10.0, 4.8), (6.5, 3.6), (13.33, 5.5)])
def test_crowded_charts_have_no_overlapping_or_small_text(size):
    for spec in stress_specs(size):
        assert layout_problems(spec) == [], spec.kind


def test_long_labels_are_cut_with_an_ellipsis():
    spec = stress_specs((10.0, 4.8))[0]
    with drawn(spec) as fig:
        texts = [t.get_text() for t in visible_texts(fig)]
    assert any(t.endswith("\u2026") for t in texts)
    assert "Option 3" in texts or any(t.startswith("Option 3") for t in texts)


def test_dollar_signs_are_literal(specs):
    label = "Fund a US$5bn to US$8bn package"
    spec = ChartSpec(kind="options_map", title="Costs in US$ (not $math$)", alt_text="a",
                     points=(ChartPoint("o1", label, 4, 2),), highlight=("o1",))
    with drawn(spec) as fig:
        texts = [t.get_text() for t in visible_texts(fig)]
    assert label in texts and "Costs in US$ (not $math$)" in texts
    svg = render(spec, "svg").decode()
    assert label in svg  # glyphs are paths; matplotlib keeps each text as a comment
    assert render(spec, "png").startswith(PNG_SIGNATURE)


def test_highlight_colour_appears_only_when_highlighted(specs):
    spec = specs["hawkish"]["options_map"]
    amber = tuple(int(spec.theme.highlight[i:i + 2], 16) for i in (1, 3, 5))

    def amber_pixels(s: ChartSpec) -> int:
        image = Image.open(io.BytesIO(render(s, "png"))).convert("RGB")
        return sum(n for n, colour in image.getcolors(1 << 20) if colour == amber)

    assert amber_pixels(spec) > 500
    assert amber_pixels(dataclasses.replace(spec, highlight=())) == 0


def test_approximate_dates_are_marked(specs):
    spec = specs["neutral"]["timeline"]
    with drawn(spec) as fig:
        texts = [t.get_text() for t in visible_texts(fig)]
        hollow = [face for c in fig.findobj(PathCollection) for face in c.get_facecolors()
                  if tuple(face[:3]) == (1.0, 1.0, 1.0)]
    assert "c. Nov 2015" in texts and "c. 2017" in texts and "Aug 2023" in texts
    assert len(hollow) == sum(p.approximate for p in spec.points) + 1  # one more in the legend


def test_titles_can_be_left_to_the_slide(specs):
    spec = specs["neutral"]["risk_heatmap"]
    with drawn(dataclasses.replace(spec, show_title=False)) as fig:
        assert spec.title not in [t.get_text() for t in visible_texts(fig)]
    with drawn(spec) as fig:
        title = next(t for t in visible_texts(fig) if t.get_text() == spec.title)
        assert title.get_fontsize() == 16


def test_missing_font_falls_back_silently(specs):
    assert resolve_font("DejaVu Sans") == "DejaVu Sans"
    assert resolve_font("No Such Font Family") == "DejaVu Sans"  # matplotlib's own font
    spec = dataclasses.replace(specs["neutral"]["threat_overview"],
                               theme=ChartTheme(font="No Such Font Family"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = render(spec, "png")
    assert data.startswith(PNG_SIGNATURE)


def test_theme_colours_are_used(specs):
    spec = dataclasses.replace(specs["neutral"]["threat_overview"], theme=ChartTheme(primary="#123456"))
    image = Image.open(io.BytesIO(render(spec, "png"))).convert("RGB")
    assert any(colour == (0x12, 0x34, 0x56) for _, colour in image.getcolors(1 << 20))


def test_other_sizes_and_resolutions():
    spec = ChartSpec(kind="risk_heatmap", title="Risks", alt_text="a", size=(6.5, 3.5), dpi=200,
                     points=(ChartPoint("r", "One risk", 2, 3),))
    image = Image.open(io.BytesIO(render(spec, "png")))
    assert image.size == (1300, 700)


def test_missing_matplotlib_is_a_clear_error(specs, monkeypatch):
    from briefgen.errors import MissingToolError

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    with pytest.raises(MissingToolError, match="charts need matplotlib"):
        render(specs["neutral"]["timeline"], "png")


def test_small_charts_leave_backup_items_out_and_say_so(specs):
    spec = dataclasses.replace(specs["neutral"]["options_map"], size=(6.5, 2.6), show_title=False)
    with drawn(spec) as fig:
        texts = [t.get_text() for t in visible_texts(fig)]
    backups = sum(p.role == "backup" for p in spec.points)
    assert f"{backups} backup options not shown" in texts
    assert layout_problems(spec) == []


def test_unknown_format_is_a_build_error(specs):
    with pytest.raises(BuildError, match="unknown image format 'jpg'"):
        render(specs["neutral"]["timeline"], "jpg")


def test_alt_names_helper():
    assert alt.names(["A"]) == "A"
    assert alt.names(["A", "B"]) == "A and B"
    assert alt.names(["A", "B", "C"]) == "A, B and C"
    assert alt.names(list("ABCDEF")) == "A, B, C, D and 2 more"


@pytest.mark.parametrize("kind", ["timeline", "capability_matrix"])
def test_shipped_charts_keep_every_label_whole_on_a_slide(kind):
    from briefgen.resources import shipped_content

    lib = load_library(shipped_content()).library
    for name in ("neutral", "hawkish", "dovish"):
        spec = next(s for s in chart_specs(tailor(lib, lib.audiences[name]), size=(12.13, 4.36)) if s.kind == kind)
        with drawn(spec) as fig:
            texts = [t.get_text() for t in visible_texts(fig)]
        assert [t for t in texts if "\u2026" in t] == [], name
        assert layout_problems(spec) == [], name


def test_a_dense_run_of_events_becomes_one_list_label():
    spread = [ChartPoint(f"s{i}", f"Spread-out event number {i}", f"20{10 + 2 * i}-03-01") for i in range(5)]
    burst = [ChartPoint(f"b{i}", f"Meeting {i} of the summer flurry in one capital", f"2021-07-{10 + i:02d}")
             for i in range(7)]
    spec = ChartSpec(kind="timeline", title="Burst", alt_text="a", points=tuple(spread + burst), size=(10.0, 4.0))
    with drawn(spec) as fig:
        texts = [t.get_text() for t in visible_texts(fig)]
    assert all(p.label in texts for p in spread + burst)
    assert layout_problems(spec) == []


@pytest.mark.parametrize("on", ["axes", "inches"])
def test_markers_are_one_collection_per_shape_in_the_order_added(on):
    from matplotlib.figure import Figure

    from briefgen.render.charts.kinds.canvas import InchLayer, Markers

    fig = Figure()
    ax = fig.add_axes((0, 0, 1, 1)) if on == "axes" else InchLayer(fig)
    markers = Markers(ax, zorder=4)
    markers.add(1, 1, 10, "#ff0000", "#000000")
    markers.add(2, 2, 12, "#00ff00", "#000000", 2.0, marker="s")
    markers.add(3, 3, 14, "#0000ff", "#000000", 1.5)
    assert fig.findobj(PathCollection) == []  # nothing until draw()
    markers.draw()
    circles, squares = fig.findobj(PathCollection)
    assert circles.get_offsets().tolist() == [[1, 1], [3, 3]] and squares.get_offsets().tolist() == [[2, 2]]
    assert [tuple(round(v, 2) for v in f[:3]) for f in circles.get_facecolors()] == [(1, 0, 0), (0, 0, 1)]
    assert circles.get_sizes().tolist() == [100, 196] and list(circles.get_linewidths()) == [1.0, 1.5]
    assert circles.get_zorder() == squares.get_zorder() == 4


def test_a_crowded_key_gives_a_second_line_to_the_first_labels_that_need_one():
    long = "Escalation spiral with Pyongyang and a collapse of the Camp David channel"
    risks = [ChartPoint(f"r{i}", f"{long} {i}", 3, 5 - i % 3) for i in range(5)]
    spec = ChartSpec(kind="risk_heatmap", title="Key", alt_text="a", points=tuple(risks), highlight=("r0",),
                     size=(6.5, 2.6))
    with drawn(spec) as fig:
        texts = [t.get_text() for t in visible_texts(fig)]
    key = [t for t in texts if t.replace("\n", " ").startswith("Escalation")]
    assert len(key) == 5
    lines = [t.count("\n") + 1 for t in key]
    assert lines[0] == 2 and lines[-1] == 1  # room for some second lines, in key order, not for all
    assert lines == sorted(lines, reverse=True)
    assert layout_problems(spec) == []


@pytest.mark.parametrize("audience", ["neutral", "hawkish", "dovish"])
def test_shipped_memo_charts_are_clean_at_memo_size(audience):
    from briefgen.render.memo.figures import MEMO_CHART_SIZES
    from briefgen.resources import shipped_content

    lib = load_library(shipped_content()).library
    view = tailor(lib, lib.audiences[audience])
    for kind, size in MEMO_CHART_SIZES.items():
        spec = next((s for s in chart_specs(view, size=size) if s.kind == kind), None)
        if spec is not None:
            assert layout_problems(spec) == [], kind
