"""Item pictures end to end: in the view, on the item's slide, in every memo format, in incremental builds,
and refused when bad (the bad-image-* fixtures' exact lines are checked by test_library.py).

The library is ``tests/fixtures/item-image`` (valid-minimal whose first threat carries a 400x300 map,
``images/peninsula.png``, made by ``imagegen.py``).
"""
from __future__ import annotations

import base64
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from briefgen.cli import cli
from briefgen.commands.build import build_matrix, protected_inputs
from briefgen.commands.plan import build_view, output_options
from briefgen.errors import BuildError, ContentError, TemplateError
from briefgen.load.library import load_library
from briefgen.project import load_project
from briefgen.write.docx.writer import write_docx
from briefgen.write.html import write_html
from briefgen.write.md import write_md
from briefgen.write.pptx.writer import write_pptx
from tests.support.fixture_projects import copy_outputs, snapshot
from tests.support.generated_images import bomb_png, map_png
from tests.support.memo_views import install_fake_charts, options
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES
ITEM = "thr-missiles"
ALT = "Sketch map of the Korean Peninsula and Japan with a red dot marking a launch area in the sea between them."
_EMU_PER_PT = 12700


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    """A private copy of the item-image library (tests may change its picture)."""
    shutil.copytree(FIXTURES / "item-image", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture()
def fake_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_charts(monkeypatch)


def picture_of(view):
    return next(i for i in view.all_items() if i.id == ITEM).image


# ------------------------------------------------------------------ the view
def test_the_view_carries_the_checked_picture(content: Path) -> None:
    view = build_view(load_library(content).library, "neutral")
    img = picture_of(view)
    assert Path(img.path) == (content / "images" / "peninsula.png").resolve()
    assert (img.alt, img.caption, img.width, img.height) == (ALT, "Launch area, sketch map", 400, 300)
    assert len(img.sha256) == 64 and img.sha256 in view.to_json()
    # the picture's source (src-b) is cited: numbered, listed, and among the item's sources
    cited = {s.id: s.num for s in view.sources}
    item = next(i for i in view.all_items() if i.id == ITEM)
    assert img.ref == cited["src-b"] and img.ref in item.refs


def test_tailoring_reads_no_file(content: Path) -> None:
    """The view comes from the load-time check alone: the picture may vanish after loading."""
    lib = load_library(content).library
    (content / "images" / "peninsula.png").unlink()
    assert picture_of(build_view(lib, "hawkish")).width == 400


def test_pictures_are_protected_inputs(content: Path) -> None:
    lib = load_library(content).library
    protected = {Path(p).resolve() for p in protected_inputs(lib, options())}
    assert (content / "images" / "peninsula.png").resolve() in protected


# ------------------------------------------------------------------ the deck
@pytest.fixture()
def deck(content: Path, tmp_path: Path, fake_charts: None):
    view = build_view(load_library(content).library, "neutral")
    target = tmp_path / "out" / "brief.pptx"
    write_pptx(view, target, options())
    return view, Presentation(str(target))


def test_the_picture_is_on_its_items_slide_with_alt_text(deck) -> None:
    view, prs = deck
    pictures = [(n, s, sh) for n, s in enumerate(prs.slides, 1) for sh in s.shapes
                if sh.shape_type == 13 and sh.name == f"Picture: Missile arsenal [item:{ITEM}/picture]"]
    assert len(pictures) == 1
    _, slide, pic = pictures[0]
    assert slide.shapes.title.text == "Missile arsenal"
    assert slide.slide_layout.name == "Two Content"
    assert pic._element.nvPicPr.cNvPr.get("descr") == ALT
    assert abs(pic.width / pic.height - 400 / 300) < 0.01  # aspect ratio kept
    # beside the text, not over it: the text box ends left of the picture
    body = [sh for sh in slide.placeholders if sh.placeholder_format.idx == 1][0]
    assert body.left + body.width <= pic.left
    assert pic.left + pic.width <= prs.slide_width and pic.top + pic.height <= prs.slide_height
    caption = next(sh for sh in slide.shapes if sh.name == f"Picture Caption [item:{ITEM}/picture-2]")
    ref = picture_of(view).ref
    assert caption.text_frame.text == f"Launch area, sketch map [{ref}]"
    assert caption.top >= pic.top + pic.height and caption.top + caption.height <= body.top + body.height + 1
    notes = slide.notes_slide.notes_text_frame.text
    assert f"Picture: {ALT}" in notes and f"[{ref}] " in notes


def test_long_text_beside_a_picture_continues_in_the_narrow_column(content: Path, tmp_path: Path,
                                                                    fake_charts: None) -> None:
    """Text fit measures the narrower column: the same facts need more slides beside a picture."""
    threats = content / "threats.yaml"
    extra = "".join(f"    - text: Fact number {n} about the missile arsenal, long enough to wrap in a narrow "
                    f"column of text beside the picture.\n      source: src-a\n" for n in range(4))
    text = threats.read_text(encoding="utf-8").replace("      source: src-a\n", "      source: src-a\n" + extra, 1)

    def item_slides(yaml_text: str, name: str) -> list:
        threats.write_text(yaml_text, encoding="utf-8")
        target = tmp_path / name
        write_pptx(build_view(load_library(content).library, "neutral"), target, options())
        return [s for s in Presentation(str(target)).slides
                if s.shapes.title is not None and s.shapes.title.text.startswith("Missile arsenal")]

    without = item_slides(re.sub(r"  image:\n(    .*\n)+", "", text), "plain.pptx")
    beside = item_slides(text, "pictured.pptx")
    assert len(without) == 1 and len(beside) == 2
    assert beside[1].shapes.title.text == "Missile arsenal (cont., 2 of 2)"
    for s in beside:
        assert any(sh.shape_type == 13 for sh in s.shapes)  # the picture stays with its text


def test_a_picture_changed_after_loading_is_refused(content: Path, tmp_path: Path, fake_charts: None) -> None:
    """Only the bytes checked at load time reach a writer: a file swapped for a bomb is not embedded."""
    view = build_view(load_library(content).library, "neutral")
    (content / "images" / "peninsula.png").write_bytes(bomb_png(20000, 20000))
    for writer, name in ((write_pptx, "brief.pptx"), (write_docx, "brief.docx"), (write_html, "brief.html"),
                         (write_md, "brief.md")):
        with pytest.raises(BuildError, match="changed after the content was checked"):
            writer(view, tmp_path / name, options())
    assert not list(tmp_path.glob("brief*"))


# ------------------------------------------------------------------ the memo
def test_docx_has_the_picture_with_alt_text_and_caption(content: Path, tmp_path: Path, fake_charts: None) -> None:
    view = build_view(load_library(content).library, "neutral")
    target = tmp_path / "memo.docx"
    write_docx(view, target, options())
    with zipfile.ZipFile(target) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert (content / "images" / "peninsula.png").read_bytes() in media
    assert f'descr="{ALT}"' in xml
    from docx import Document

    doc = Document(str(target))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "Launch area, sketch map. Source: \u201cArticle B\u201d, 2024-05-01." in captions


def test_html_has_the_picture_inline_with_alt_text(content: Path, tmp_path: Path, fake_charts: None) -> None:
    view = build_view(load_library(content).library, "neutral")
    target = tmp_path / "memo.html"
    write_html(view, target, options())
    html = target.read_text(encoding="utf-8")
    section = html[html.index("The threat picture"):]
    m = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">', section)
    assert m is not None and m.group(2) == ALT
    assert base64.b64decode(m.group(1)) == (content / "images" / "peninsula.png").read_bytes()


def test_md_links_a_copy_of_the_picture(content: Path, tmp_path: Path, fake_charts: None) -> None:
    view = build_view(load_library(content).library, "neutral")
    target = tmp_path / "out" / "memo.md"
    write_md(view, target, options())
    text = target.read_text(encoding="utf-8")
    assert f"![{ALT}](memo-images/{ITEM}.png \"Launch area, sketch map." in text
    copy = tmp_path / "out" / "memo-images" / f"{ITEM}.png"
    assert copy.read_bytes() == (content / "images" / "peninsula.png").read_bytes()
    # the figure follows its item's line
    figure = text.index(f"memo-images/{ITEM}.png")
    assert text.index("**Missile arsenal.**") < figure < text.index("**Three-way bloc.**")


def test_a_jpeg_picture_keeps_its_format(content: Path, tmp_path: Path, fake_charts: None) -> None:
    buf = io.BytesIO()
    Image.open(content / "images" / "peninsula.png").convert("RGB").save(buf, format="JPEG")
    (content / "images" / "peninsula.png").unlink()
    (content / "images" / "peninsula.jpg").write_bytes(buf.getvalue())
    threats = content / "threats.yaml"
    threats.write_text(threats.read_text(encoding="utf-8").replace("peninsula.png", "peninsula.jpg"),
                       encoding="utf-8")
    view = build_view(load_library(content).library, "neutral")
    write_md(view, tmp_path / "memo.md", options())
    assert (tmp_path / "memo-images" / f"{ITEM}.jpg").read_bytes() == buf.getvalue()
    write_html(view, tmp_path / "memo.html", options())
    assert 'src="data:image/jpeg;base64,' in (tmp_path / "memo.html").read_text(encoding="utf-8")


def test_only_verified_pictures_reach_the_docx(content: Path, tmp_path: Path, fake_charts: None) -> None:
    """A user's memo template cannot make the writer embed a file: an image address that is not one of the
    writer's own charts or verified pictures is shown as its description."""
    (content / "images" / "bomb.png").write_bytes(bomb_png(20000, 20000))
    templates = tmp_path / "templates" / "memo"
    templates.mkdir(parents=True)
    (templates / "memo.md.j2").write_text("# Memo\n\n![a bomb](images/bomb.png)\n\n![etc](/etc/hostname)\n",
                                          encoding="utf-8")
    view = build_view(load_library(content).library, "neutral")
    opts = options(template_dirs=(tmp_path / "templates",) + options().template_dirs)
    target = tmp_path / "memo.docx"
    write_docx(view, target, opts)
    with zipfile.ZipFile(target) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    from docx import Document

    assert [p.text for p in Document(str(target)).paragraphs] == ["Memo", "![a bomb](images/bomb.png)",
                                                                   "![etc](/etc/hostname)"]


# ------------------------------------------------------------------ incremental builds
def test_changing_the_picture_rebuilds_and_an_unchanged_one_does_not(content: Path) -> None:
    root = content.parent

    def run():
        project = load_project(root)
        lib = load_library(project.content_dir).library
        return [r.status for r in build_matrix(project, lib, output_options(project), audiences=["neutral"],
                                               formats=["md"], workers=1).results]

    assert run() == ["built"]
    assert run() == ["unchanged"]
    (content / "images" / "peninsula.png").write_bytes(map_png(marker=(260, 200)))
    assert run() == ["built"]
    assert (root / "out" / "neutral" / "minimal-test-briefing-images" / f"{ITEM}.png").read_bytes() == \
        (content / "images" / "peninsula.png").read_bytes()
    assert run() == ["unchanged"]


# ------------------------------------------------------------------ bad pictures
def test_a_symlink_out_of_the_content_folder_is_refused(content: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(map_png())
    (content / "images" / "peninsula.png").unlink()
    try:
        os.symlink(outside, content / "images" / "peninsula.png")
    except OSError:
        pytest.skip("symlinks not available")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--strict"])
    assert result.exit_code == 1
    assert result.stderr == ("content/threats.yaml:17:11: threats[0].image.path: expected a path inside the content "
                             "folder, got 'images/peninsula.png', which leaves it\n")


def test_the_bomb_fixture_is_small_and_declares_a_huge_picture() -> None:
    data = (FIXTURES / "bad-image-bomb" / "images" / "bomb.png").read_bytes()
    assert len(data) < 100_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (20000, 20000)


@pytest.mark.parametrize("case", ["bad-image-bomb", "bad-image-truncated", "bad-image-escape"])
def test_a_build_stopped_by_a_bad_picture_keeps_earlier_outputs(case: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good"
    shutil.copytree(FIXTURES / "item-image", good / "content")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "-a", "neutral", "-f", "md", "-f", "pptx", "-j", "1", "-q",
                                 "-p", str(good)])
    assert result.exit_code == 0, result.output
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid-minimal", project / "content")
    for src in (FIXTURES / case).rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dest = project / "content" / src.relative_to(FIXTURES / case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest)
    copy_outputs(good / "out", project / "out")
    before = snapshot(project / "out")
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["build", "-a", "neutral", "-f", "md", "-f", "pptx", "-j", "1", "-q", "--force"])
    assert result.exit_code == 1
    assert result.stderr == (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in result.output
    assert snapshot(project / "out") == before


def test_loading_reports_a_bad_picture_as_content_error(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "item-image", tmp_path / "content")
    (tmp_path / "content" / "images" / "peninsula.png").write_bytes(b"GIF89a not really")
    with pytest.raises(ContentError, match=r"threats\[0\]\.image\.path"):
        load_library(tmp_path / "content")


@pytest.mark.parametrize("layout, item, message", [
    ("Two Content", "thr-bloc", "'thr-bloc' is not an item with a picture in this brief"),
    ("Title and Content", ITEM, "layout 'Title and Content' has no right column to hold the picture"),
])
def test_a_deck_template_may_show_only_pictures_of_this_brief(layout: str, item: str, message: str, content: Path,
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "pptx"
    folder.mkdir(parents=True)
    (folder / "deck.yaml.j2").write_text(
        f'slides:\n  - layout: "{layout}"\n    title: "A picture"\n    image: "{item}"\n'
        f'    body: [{{text: "Some text"}}]\n    notes: ["n"]\n', encoding="utf-8")
    view = build_view(load_library(content).library, "neutral")
    opts = options(template_dirs=(tmp_path / "templates",) + options().template_dirs)
    with pytest.raises(TemplateError) as exc:
        write_pptx(view, tmp_path / "brief.pptx", opts)
    assert len(exc.value.problems) == 1 and message in exc.value.lines()[0]
    assert not (tmp_path / "brief.pptx").exists()
