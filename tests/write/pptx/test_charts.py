"""Native deck charts (briefgen/write/pptx/charts.py): every shipped deck opened with python-pptx, each chart
checked against the library's data for its audience: kind, series and categories, highlights, alt text,
editability; decks validated with an Open XML validator; a deck-only build never imports matplotlib."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.render.charts.for_view import chart_title
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.master import theme_colors
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions

AUDIENCES = ("dovish", "hawkish", "neutral")
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EPOCH = 1_700_000_000


@pytest.fixture(scope="module")
def library():
    return load_library(shipped_content()).library


@pytest.fixture(scope="module")
def decks(library, tmp_path_factory):
    out = tmp_path_factory.mktemp("native")
    options = OutputOptions(template_dirs=(shipped_templates(),), chart_cache=out / "cache", source_date_epoch=EPOCH)
    result = {}
    for name in AUDIENCES:
        view = build_view(library, name)
        target = out / f"{name}.pptx"
        write_pptx(view, target, options)
        result[name] = (view, target, Presentation(str(target)))
    return result


def _charts(prs) -> dict:
    """Chart title -> (slide, shape) of every shape named as a chart (``Chart: TITLE [chart:KIND/chart]``)."""
    found = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            m = re.fullmatch(r"Chart: (.*) \[chart:[a-z_]+/chart\]", shape.name)
            if m:
                found[m.group(1)] = (slide, shape)
    return found


def _descendants(shape):
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for child in shape.shapes:
            yield child
            yield from _descendants(child)


def _items(view, kind):
    section = view.section(kind)
    return (list(section.items) if section else []) + [i for i in view.backup if i.kind == kind]


def _hint(view, kind):
    return next(h for h in view.charts if h.kind == kind)


def _rgb(fill) -> str:
    return str(fill.fore_color.rgb)


def _theme(prs) -> dict:
    return theme_colors(prs)


@pytest.mark.parametrize("name", AUDIENCES)
def test_each_chart_is_one_named_shape_with_its_alt_text_after_the_title(decks, name):
    view, _, prs = decks[name]
    charts = _charts(prs)
    assert set(charts) == {chart_title(view, h.kind) for h in view.charts}
    for title, (slide, shape) in charts.items():
        descr = shape._element.find(f".//{{{P}}}cNvPr").get("descr")
        assert descr and len(descr) > 40 and view.audience not in descr
        order = list(slide.shapes)
        title_ph = next(s for s in order if s.is_placeholder and s.placeholder_format.type in (1, 3))
        assert order.index(title_ph) < order.index(shape), "the slide title comes first in reading order"
        assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes), "a picture on a chart slide"
        assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in _descendants(shape))


@pytest.mark.parametrize("name", AUDIENCES)
def test_threat_bars_are_an_editable_chart_of_the_audience_threats(decks, name):
    view, _, prs = decks[name]
    _, group = _charts(prs)[chart_title(view, "threat_overview")]
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    frame = next(s for s in group.shapes if s.has_chart)
    chart = frame.chart
    assert chart.chart_type == 57  # XL_CHART_TYPE.BAR_CLUSTERED
    threats = _items(view, "threats")
    expected = {t.title: t.attr("severity") * t.attr("likelihood") for t in threats}
    categories = list(chart.plots[0].categories)
    values = list(chart.series[0].values)
    assert dict(zip(categories, values)) == expected and len(categories) == len(threats)
    assert values == sorted(values), "lowest first, so the highest score is drawn on top"
    highlight = "#" + _theme(prs)["accent3"].lower()
    want = {t.title for t in threats if t.id in _hint(view, "threat_overview").highlight}
    coloured = {c for n, c in enumerate(categories)
                if "#" + _rgb(chart.series[0].points[n].format.fill).lower() == highlight}
    assert coloured == want and want
    legend = {s.text_frame.text for s in group.shapes if s.name.startswith("Legend") and s.has_text_frame}
    assert "Priority" in legend
    _assert_editable(frame, len(threats))


def _assert_editable(frame, numbers: int) -> None:
    """A chart part whose embedded workbook holds its ``numbers`` numbers (so "Edit Data" opens them)."""
    workbook = frame.chart.part.chart_workbook.xlsx_part
    assert workbook is not None
    with zipfile.ZipFile(io.BytesIO(workbook.blob)) as z:
        assert "xl/workbook.xml" in z.namelist()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert len(re.findall(r'<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?><v>', sheet)) == numbers  # not strings (t="s")


@pytest.mark.parametrize("name", AUDIENCES)
def test_options_map_is_an_editable_scatter_with_recommended_options_highlighted(decks, name):
    view, _, prs = decks[name]
    _, group = _charts(prs)[chart_title(view, "options_map")]
    frame = next(s for s in group.shapes if s.has_chart)
    chart = frame.chart
    options = _items(view, "options")
    points = []
    by_series = {}
    for series in chart.plots[0].series:
        pairs = list(zip(series.iter_values(), _x_values(series)))
        by_series[series.name] = sorted((x, y) for y, x in pairs)
        points += [(x, y) for y, x in pairs]
    assert sorted(points) == sorted((o.attr("deterrence_value"), o.attr("escalation_risk")) for o in options)
    recommended = [o for o in options if o.id in _hint(view, "options_map").highlight]
    assert recommended and by_series["Recommended"] == sorted(
        (o.attr("deterrence_value"), o.attr("escalation_risk")) for o in recommended)
    # Every option's number is on the plot (options sharing a position share a label) and in the key.
    labels = [r.text for s in chart.plots[0].series for p in range(len(list(s.values)))
              for para in (s.points[p].data_label.text_frame.paragraphs if s.points[p].data_label.has_text_frame
                           else []) for r in para.runs]
    numbers = sorted(int(n) for text in labels for n in text.replace(",", " ").split())
    assert numbers == list(range(1, len(options) + 1))
    key = [p.text for s in group.shapes if s.name == "Key" for p in s.text_frame.paragraphs]
    assert len(key) == len(options)
    for line, option in zip(key, options):
        assert option.title.startswith(line.removesuffix("\u2026").rstrip()), (line, option.title)
    bold = {p.text for s in group.shapes if s.name == "Key" for p in s.text_frame.paragraphs if p.runs[0].font.bold}
    assert bold == {line for line, o in zip(key, options) if o in recommended}
    # One visible marker per position: options sharing one share its marker (and its label lists them all).
    hidden = chart._chartSpace.xpath(".//c:dPt/c:marker/c:symbol[@val='none']")
    assert len(hidden) == len(points) - len(set(points))
    assert sum(1 for s in group.shapes if s.name.startswith("Quadrant:")) == 2
    _assert_editable(frame, 2 * len(options))  # x and y of each


def _x_values(series):
    return [float(v.text) for v in series._element.xpath("./c:xVal//c:pt/c:v")]


@pytest.mark.parametrize("name", AUDIENCES)
def test_risk_heat_map_is_a_grid_of_shapes_with_each_risk_in_its_cell(decks, name):
    view, _, prs = decks[name]
    _, group = _charts(prs)[chart_title(view, "risk_heatmap")]
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    cells = {s.name: s for s in group.shapes if s.name.startswith("Cell ")}
    assert len(cells) == 25
    risks = _items(view, "risks")
    markers = {int(s.text_frame.text): s for s in group.shapes if s.name.startswith("Marker ")}
    assert len(markers) == len(risks)
    highlight = _theme(prs)["accent3"]
    for n, risk in enumerate(risks, 1):
        cell = cells[f"Cell L{risk.attr('likelihood')} I{risk.attr('impact')}"]
        marker = markers[n]
        cx, cy = marker.left + marker.width // 2, marker.top + marker.height // 2
        assert cell.left <= cx <= cell.left + cell.width and cell.top <= cy <= cell.top + cell.height, risk.id
        is_hl = str(marker.fill.fore_color.rgb) == highlight
        assert is_hl == (risk.id in _hint(view, "risk_heatmap").highlight), risk.id
    key = [p.text for s in group.shapes if s.name == "Key" for p in s.text_frame.paragraphs]
    assert [k.removesuffix("\u2026").rstrip() for k in key] == [r.title[:len(k.removesuffix("\u2026").rstrip())]
                                                                  for k, r in zip(key, risks)]
    assert len(key) == len(risks)


@pytest.mark.parametrize("name", AUDIENCES)
def test_capability_matrix_is_a_table_of_domains_by_owner(decks, name):
    view, _, prs = decks[name]
    _, shape = _charts(prs)[chart_title(view, "capability_matrix")]
    assert shape.has_table
    table = shape.table
    owners = [c.text for c in table.rows[0].cells][1:]
    assert owners == [p.short_name for p in view.vocabulary.parties] == ["US", "Japan", "South Korea", "Trilateral"]
    rows = {table.cell(r, 0).text.lower(): r for r in range(1, len(table.rows))}
    hl = _hint(view, "capability_matrix").highlight
    caps = _items(view, "capabilities")
    for cap in caps:
        cell = table.cell(rows[cap.attr("domain")], 1 + owners.index(view.vocabulary.party(cap.attr("owner")).short_name))
        para = next(p for p in cell.text_frame.paragraphs if p.text.endswith(cap.title))
        assert para.runs[-1].font.bold == (cap.id in hl)
    assert sum(len([p for p in table.cell(r, c).text_frame.paragraphs if p.text])
               for r in rows.values() for c in range(1, len(owners) + 1)) == len(caps)
    assert not any(c.is_merge_origin or c.is_spanned for row in table.rows for c in row.cells)
    slide, _ = _charts(prs)[chart_title(view, "capability_matrix")]
    name = f"Chart Key: {chart_title(view, 'capability_matrix')} [chart:capability_matrix/chart-2]"
    key = next(s.text_frame.text for s in slide.shapes if s.name == name)
    assert "Fielded" in key and ("priority" in key) == bool(hl)


@pytest.mark.parametrize("name", AUDIENCES)
def test_timeline_is_a_group_of_shapes_with_every_event_shown(decks, name):
    view, _, prs = decks[name]
    _, group = _charts(prs)[chart_title(view, "timeline")]
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    shapes = list(_descendants(group))
    markers = [s for s in shapes if s.name == "Event Marker"]
    text = " ".join(s.text_frame.text for s in shapes if s.has_text_frame)
    events = list(view.events)[-len(markers):]
    assert markers and len(markers) <= len(view.events)
    for e in events:
        assert e.title.split()[0] in text
    hollow = [m for m in markers if str(m.fill.fore_color.rgb) == _theme(prs)["lt1"]]
    assert len(hollow) == sum(1 for e in events if e.approximate)
    assert "c. " in text


def test_the_same_deck_is_the_same_bytes(library, tmp_path):
    options = OutputOptions(template_dirs=(shipped_templates(),), source_date_epoch=EPOCH)
    view = build_view(library, "hawkish")
    write_pptx(view, tmp_path / "a.pptx", options)
    write_pptx(view, tmp_path / "b.pptx", options)
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


def test_deck_charts_picture_and_chart_style_keep_pictures(library, tmp_path):
    view = build_view(library, "neutral")
    options = OutputOptions(template_dirs=(shipped_templates(),), chart_cache=tmp_path / "cache",
                            deck_charts="picture")
    write_pptx(view, tmp_path / "pictures.pptx", options)
    charts = _charts(Presentation(str(tmp_path / "pictures.pptx")))
    assert charts and all(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for _, shape in charts.values())
    # One slide of the template asks for a picture: that chart alone is one.
    templates = tmp_path / "templates"
    shutil.copytree(shipped_templates() / "pptx", templates / "pptx")
    deck = templates / "pptx" / "deck.yaml.j2"
    text = deck.read_text(encoding="utf-8")
    marker = '{{ chart_slide("risk_heatmap", section.title ~ " at a glance", ' \
             '"Highlighted: the risks this brief leads with.",\n' \
             '               talking("risk_heatmap")) }}'
    assert marker in text
    deck.write_text(text.replace(marker, marker[:-4] + ', style="picture") }}'), encoding="utf-8")
    options = OutputOptions(template_dirs=(templates, shipped_templates()), chart_cache=tmp_path / "cache")
    write_pptx(view, tmp_path / "mixed.pptx", options)
    mixed = _charts(Presentation(str(tmp_path / "mixed.pptx")))
    kinds = {title: shape.shape_type for title, (_, shape) in mixed.items()}
    assert kinds.pop(chart_title(view, "risk_heatmap")) == MSO_SHAPE_TYPE.PICTURE
    assert kinds and MSO_SHAPE_TYPE.PICTURE not in kinds.values()


def test_a_deck_only_build_never_imports_matplotlib(tmp_path):
    code = (
        "import sys\n"
        "from briefgen.commands.plan import build_view\n"
        "from briefgen.load.library import load_library\n"
        "from briefgen.resources import shipped_content, shipped_templates\n"
        "from briefgen.write.pptx.writer import write_pptx\n"
        "from briefgen.write.registry import OutputOptions\n"
        "lib = load_library(shipped_content()).library\n"
        f"options = OutputOptions(template_dirs=(shipped_templates(),), chart_cache={str(tmp_path / 'c')!r})\n"
        "for a in ('dovish', 'hawkish', 'neutral'):\n"
        f"    write_pptx(build_view(lib, a), __import__('pathlib').Path({str(tmp_path)!r}) / (a + '.pptx'), options)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "hawkish.pptx").is_file()


def _errors(path: Path) -> list[str]:
    audit = pytest.importorskip("openxml_audit", reason="the Open XML validator is in the test extra")
    result = audit.validate_pptx(str(path))
    return [f"{e.description} ({getattr(e, 'part', '')} {getattr(e, 'path', '')})" for e in result.errors]


@pytest.mark.parametrize("name", AUDIENCES)
def test_shipped_decks_validate_with_no_errors(decks, name):
    _, target, _ = decks[name]
    assert _errors(target) == []


def test_a_deck_on_the_default_4_3_master_validates_with_no_errors(library, tmp_path):
    Presentation().save(str(tmp_path / "office.pptx"))
    options = OutputOptions(template_dirs=(shipped_templates(),), master=tmp_path / "office.pptx",
                            layouts=(("Chart", "Title Only"), ("Table", "Title Only")), shrink_to_fit=True,
                            source_date_epoch=EPOCH)
    write_pptx(build_view(library, "hawkish"), tmp_path / "deck.pptx", options)
    charts = _charts(Presentation(str(tmp_path / "deck.pptx")))
    assert len(charts) == 5 and not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for _, s in charts.values())
    assert _errors(tmp_path / "deck.pptx") == []


def _with_python_pptx(shapes, kind: str, *args):
    """What python-pptx's own API writes for the shapes the chart drawing functions write as XML: the oracle."""
    from lxml import etree
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    from briefgen.write.pptx.charts import emu

    def colour(c):
        return RGBColor.from_string(c.lstrip("#").upper())

    def run(p, text, c, size, bold, italic):
        r = p.add_run()
        r.text, r.font.size, r.font.bold = text, Pt(size), bold
        if italic:
            r.font.italic = True
        r.font.color.rgb = colour(c)

    def box(frame, fill, line, width, shape, name):
        sp = shapes.add_shape(shape, emu(frame.left), emu(frame.top), emu(frame.width), emu(frame.height))
        sp.name, sp.shadow.inherit = name, False
        sp._element.remove(sp._element.find(f"{{{P}}}style"))
        sp.fill.solid()
        sp.fill.fore_color.rgb = colour(fill)
        if line is None:
            sp.line.fill.background()
        else:
            sp.line.color.rgb, sp.line.width = colour(line), Pt(width)
        return sp

    if kind == "text":
        frame, texts, c, fill, inset, spacing = args
        tb = shapes.add_textbox(emu(frame.left), emu(frame.top), emu(frame.width), emu(frame.height))
        tb.name, tf = "Event Label", tb.text_frame
        tf.word_wrap, tf.auto_size = False, MSO_AUTO_SIZE.NONE
        tf.margin_top = tf.margin_bottom = 0
        tf.margin_left = tf.margin_right = emu(inset)
        tb.fill.solid()
        tb.fill.fore_color.rgb = colour(fill)
        tf.vertical_anchor = MSO_ANCHOR.TOP
        for n, text in enumerate(texts):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            p.alignment, p.line_spacing = PP_ALIGN.RIGHT, Pt(spacing)
            run(p, text, c, 11, n == 0, n == 1)
    elif kind == "box":
        box(*args)
    elif kind == "line":
        x0, y0, x1, y1, c, width = args
        ln = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(x0), emu(y0), emu(x1), emu(y1))
        ln.name = "Leader"
        ln.line.color.rgb = colour(c)
        ln.line.width = Pt(width)
        etree.SubElement(ln._element.spPr, "{http://schemas.openxmlformats.org/drawingml/2006/main}effectLst")
        ln._element.remove(ln._element.find(f"{{{P}}}style"))
    else:  # a numbered marker
        frame, fill, line, ink, number = args
        sp = box(frame, fill, line, 1.25, MSO_SHAPE.OVAL, f"Marker {number}")
        tf = sp.text_frame
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        tf.word_wrap, tf.auto_size, tf.vertical_anchor = False, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.MIDDLE
        tf.paragraphs[0].alignment = PP_ALIGN.CENTER
        run(tf.paragraphs[0], str(number), ink, 10, True, False)


def _with_briefgen(shapes, kind: str, *args):
    """The same shapes drawn by briefgen's chart drawing functions (add_text, add_box, add_line, add_badge)."""
    from briefgen.write.pptx.charts import BadgeStyle, Run, add_badge, add_box, add_line, add_text

    if kind == "text":
        frame, texts, c, fill, inset, spacing = args
        add_text(shapes, frame, [[Run(t, c, n == 0, n == 1)] for n, t in enumerate(texts)], align="r",
                 name="Event Label", spacing=spacing, wrap=False, fill=fill, inset=inset)
    elif kind == "box":
        frame, fill, line, width, shape, name = args
        add_box(shapes, frame, fill, line, width, shape, name)
    elif kind == "line":
        add_line(shapes, *args, name="Leader")
    else:
        frame, fill, line, ink, number = args
        add_badge(shapes, frame.left + frame.width / 2, frame.top + frame.height / 2, number,
                  BadgeStyle(fill, line, ink, 1.25), frame.width)


def _shape_cases():
    from pptx.enum.shapes import MSO_SHAPE

    from briefgen.render.deck.picture import Frame

    frame = Frame(40.5, 120.25, 210.0, 33.3)
    return [
        ("text", frame, ["2018", "Radar lock-on & <escort>", "", "bell\x07, tab\t"], "#1f3b6e", "#ffffff", 2.16, 13.2),
        ("box", frame, "#cfe8cb", "#FFFFFF", 2.0, MSO_SHAPE.RECTANGLE, 'Cell "L1" & I1'),
        ("box", frame, "#cfe8cb", None, 0.75, MSO_SHAPE.OVAL, "Swatch"),
        ("line", 300.0, 80.5, 120.25, 240.0, "#e8edf2", 1.4),
        ("badge", Frame(100.0, 100.0, 17.0, 17.0), "#e3a21a", "#1b2433", "#1b2433", 12),
    ]


@pytest.mark.parametrize("case", _shape_cases(), ids=lambda c: c[0] + (f"-{c[5]}" if c[0] == "box" else ""))
@pytest.mark.parametrize("in_group", [False, True], ids=["on-slide", "in-group"])
def test_chart_shapes_written_as_xml_are_what_python_pptx_writes(case, in_group):
    from lxml import etree

    prs = Presentation(str(shipped_templates() / "pptx" / "default.pptx"))
    trees = []
    for draw in (_with_python_pptx, _with_briefgen):
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        shapes = slide.shapes.add_group_shape().shapes if in_group else slide.shapes
        draw(shapes, *case)
        draw(shapes, *case)  # the second gets the next shape id
        trees.append(etree.tostring(shapes._spTree))
    assert trees[1] == trees[0]
