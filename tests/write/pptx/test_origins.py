"""Shape origins: every generated shape of a shipped deck is named with its origin, the record written with the
deck matches what is read back, and the origins survive an edit by python-pptx and LibreOffice saving the deck."""
from __future__ import annotations

import copy
import subprocess
import uuid
from collections import Counter

import pytest
from pptx import Presentation

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.origins import (
    deleted_paragraphs,
    match_paragraphs,
    origin_name,
    parse_origin,
    read_deck,
    read_slide,
    recover_placeholders,
    slide_keys,
)
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions


@pytest.fixture(scope="module")
def hawkish_deck(tmp_path_factory):
    """The shipped library's hawkish deck: (view, path, the record the writer returned)."""
    out = tmp_path_factory.mktemp("origins")
    view = build_view(load_library(shipped_content()).library, "hawkish")
    target = out / "hawkish.pptx"
    written = write_pptx(view, target, OutputOptions(template_dirs=(shipped_templates(),), source_date_epoch=0))
    return view, target, written.record


def test_names_carry_and_give_back_an_origin():
    assert origin_name("Title 1", "item:thr-a", "title") == "Title 1 [item:thr-a/title]"
    assert parse_origin("Title 1 [item:thr-a/title]") == ("Title 1", "item:thr-a", "title")
    assert parse_origin("Chart: A [b] [chart:timeline/chart-2]") == ("Chart: A [b]", "chart:timeline", "chart-2")
    assert parse_origin("TextBox 5") is None
    assert parse_origin("Title [no-role]") is None


def test_slide_keys_are_unique_continuations_numbered_and_missing_ones_by_place():
    class S:
        def __init__(self, key):
            self.key = key

    keys = slide_keys([S("bluf"), S("item:a"), S("item:a"), S(None), S("item:a"), S("x/y[z]")])
    assert keys == ["bluf", "item:a", "item:a#2", "slide-4", "item:a#3", "x-y-z-"]


def test_every_generated_shape_of_the_shipped_deck_has_an_origin(hawkish_deck):
    view, target, _ = hawkish_deck
    slides = read_deck(target)
    keys = [s.key for s in slides]
    assert None not in keys and len(set(keys)) == len(keys)
    assert keys[:3] == ["title", "bluf", "agenda"]
    for item in view.sections[1].items:
        assert f"item:{item.id}" in keys
    for slide in slides:
        assert [s.name for s in slide.shapes if s.origin is None] == []
        names = Counter(s.name for s in slide.shapes)
        assert max(names.values()) == 1, f"slide {slide.number}: shape names repeat"
        assert {"banner-top", "banner-bottom"} <= {s.role for s in slide.shapes}
    prs = Presentation(str(target))
    footers = [sh.name for sh in prs.slides[1].shapes if sh.is_placeholder and sh.placeholder_format.idx in (11, 12)]
    assert footers == ["Footer Placeholder", "Slide Number Placeholder"]  # layout furniture: no origin needed


def test_the_record_names_each_paragraphs_content_field(hawkish_deck):
    view, target, record = hawkish_deck
    slides = {s["key"]: s for s in record["slides"]}
    item = view.sections[1].items[0]
    shown = slides[f"item:{item.id}"]
    assert shown["item"] == item.id
    title, body = shown["shapes"][0], shown["shapes"][1]
    assert (title["role"], title["placeholder"], title["paras"], title["fields"]) == \
        ("title", "title", [item.title], [f"{item.id}.title"])
    assert body["role"] == "body" and body["placeholder"] == "other"
    assert body["fields"] == [None, f"{item.id}.framing"] + [f"{item.id}.points[{n}]" for n in range(len(item.points))]
    assert body["paras"][1] == item.framing
    assert body["paras"][2] == f"{item.points[0].text} [{item.points[0].ref}]"
    bluf = slides["bluf"]["shapes"][1]
    assert bluf["paras"][0] == view.bluf and bluf["fields"][0] == "briefing.bluf"
    assert bluf["fields"][bluf["paras"].index(view.recommendation)] == "briefing.recommendation"
    assert bluf["fields"][-len(view.decisions):] == [f"briefing.decisions[{n}]" for n in range(len(view.decisions))]
    assert [s["role"] for s in slides["chart:timeline"]["shapes"]] == ["title", "chart", "caption"]


def test_the_record_is_what_reading_the_deck_gives(hawkish_deck):
    _, target, record = hawkish_deck
    for slide, recorded in zip(read_deck(target), record["slides"], strict=True):
        assert slide.key == recorded["key"]
        got = [(s.role, list(s.paras)) for s in slide.shapes if s.role not in ("banner-top", "banner-bottom")]
        assert got == [(r["role"], r["paras"]) for r in recorded["shapes"]]


def test_a_duplicated_or_pasted_shape_has_no_origin(hawkish_deck):
    _, target, _ = hawkish_deck
    prs = Presentation(str(target))
    slide, other = prs.slides[1]._element, prs.slides[2]._element
    tree = slide.find(".//{*}spTree")
    title = tree.find("{*}sp")
    tree.append(copy.deepcopy(title))  # Ctrl+D
    tree.append(copy.deepcopy(other.find(".//{*}spTree/{*}sp")))  # pasted from the agenda slide
    read = read_slide(slide, 2)
    assert read.key == "bluf"
    assert [s.origin for s in read.shapes if s.name == "Title 1 [bluf/title]"] == ["bluf/title", None]
    assert [s.origin for s in read.shapes if s.name == "Title 1 [agenda/title]"] == [None]


def test_an_edited_fact_pairs_with_the_fact_it_was():
    recorded = {"paras": ["meta", "so what", "fact one [1]", "fact two [2]"],
                "fields": [None, "a.framing", "a.points[0]", "a.points[1]"]}
    now = ("meta", "so what", "fact one, as edited [1]", "a line of my own", "fact two [2]")
    assert match_paragraphs(recorded, now) == [(None, "meta"), ("a.framing", "so what"),
                                               ("a.points[0]", "fact one [1]"), (None, None),
                                               ("a.points[1]", "fact two [2]")]
    assert deleted_paragraphs(recorded, now) == []
    assert deleted_paragraphs(recorded, ("meta", "fact two [2]")) == [("a.framing", "so what"),
                                                                     ("a.points[0]", "fact one [1]")]


@pytest.mark.needs("soffice")
def test_origins_survive_libreoffice_saving_the_deck(hawkish_deck, tmp_path):
    _, target, record = hawkish_deck
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    out = tmp_path / "saved"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(out), str(target)], check=True, capture_output=True, timeout=600)
    saved = read_deck(out / target.name)
    # LibreOffice renames every placeholder ("PlaceHolder 1"): the banners keep the slide's key
    assert any(s.name == "PlaceHolder 1" for s in saved[1].shapes)
    assert [s.key for s in saved] == [r["key"] for r in record["slides"]]
    for slide, recorded in zip(saved, record["slides"], strict=True):
        recover_placeholders(slide, recorded)
        got = [(s.role, list(s.paras)) for s in slide.shapes if s.role not in ("banner-top", "banner-bottom")]
        assert got == [(r["role"], r["paras"]) for r in recorded["shapes"]], f"slide {slide.number}"
