"""Tests of briefgen.write.docx.build: the options table measured in the reference's font, shrunk within its floor,
or stacked (a block a row) when its longest words do not fit the page even at the floor.

The stacked memos come from the shipped content with a vocabulary of long compound words (as an organisation
writing in German would name its scales), built on python-docx's default reference and on a serif 12 pt one
with narrow margins (tests/support/masters.py), laid out by LibreOffice: ``pdftotext -bbox`` lists every word
it set, so a word broken across lines would show as two.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import docx
import pytest
import yaml

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.render.deck.fit import WIDTH_SAFETY, measurer_for
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.docx.build import STACK_INDENT, TABLE_FLOOR_PT, table_layout
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.validity import check_validity
from briefgen.write.registry import OutputOptions
from tests.support.masters import REFERENCES

LONG_WORDS = {  # scale -> its name: one long word each, as compound nouns are
    "deterrence_value": "Abschreckungsglaubwürdigkeitsbewertung",
    "escalation_risk": "Eskalationswahrscheinlichkeitseinschätzung",
    "cost": "Haushaltsbelastungsvoranschlagsberechnung",
}
STACKED_ON = ("python-docx-default", "serif-12pt-narrow")


def long_word_content(folder: Path) -> Path:
    """The shipped content with the options table's headings renamed to long compound words."""
    content = folder / "content"
    shutil.copytree(shipped_content(), content)
    vocabulary = yaml.safe_load((content / "vocabulary.yaml").read_text(encoding="utf-8"))
    for scale, name in LONG_WORDS.items():
        vocabulary["scales"][scale] = {"name": name}
    vocabulary["kinds"]["options"] = {"plural": "Handlungsmöglichkeiten", "singular": "Handlungsmöglichkeit"}
    (content / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def calibri_width():
    """Width of text in Calibri (Carlito's metrics), in EMU, as the writer measures it."""
    pytest.importorskip("docx")
    meter, warnings = measurer_for("Calibri")
    assert not warnings, warnings
    return lambda text, bold, pt: meter.width(text, pt, bold) / WIDTH_SAFETY * 12700


def cells(*rows: str) -> list[list]:
    """Table rows of plain cells (each cell a list of inline tokens), from "a | b | c" strings."""
    from markdown_it import MarkdownIt

    md = "\n".join(["| " + rows[0] + " |", "|" + "---|" * len(rows[0].split("|"))]
                   + ["| " + r + " |" for r in rows[1:]])
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    out: list[list] = []
    for t in tokens:
        if t.type == "tr_open":
            out.append([])
        elif t.type == "inline":
            out[-1].append(t.children)
    return out


@pytest.mark.needs("carlito")
def test_a_table_that_fits_keeps_its_type_and_fills_the_width(calibri_width) -> None:
    rows = cells("Option | Cost", "Joint exercises | High (4)")
    widths, size = table_layout(rows, 2, 5_000_000, 1, calibri_width, 10.0)
    assert size is None and sum(widths) <= 5_000_000 and sum(widths) > 4_999_990


@pytest.mark.needs("carlito")
def test_a_table_whose_words_fit_only_in_smaller_type_shrinks_to_the_largest_size_that_fits(calibri_width) -> None:
    rows = cells(" | ".join(LONG_WORDS.values()), "a | b | c")
    fits = [pt for pt in (10.0, 9.5, 9.0, 8.5, 8.0) if table_layout(rows, 3, 10**9, 1, calibri_width, pt)[1] is None]
    assert fits == [10.0, 9.5, 9.0, 8.5, 8.0]  # on a page wide enough, any size fits
    wide = sum(calibri_width(w, True, 9.0) for w in LONG_WORDS.values()) + 3 * 0.2 * 914400
    widths, size = table_layout(rows, 3, int(wide) + 1000, 1, calibri_width, 11.0)
    assert size == 9.0 and sum(widths) == pytest.approx(int(wide) + 1000, abs=3)


@pytest.mark.needs("carlito")
def test_a_table_whose_words_do_not_fit_even_at_the_floor_is_stacked(calibri_width) -> None:
    rows = cells(" | ".join(LONG_WORDS.values()), "a | b | c")
    at_floor = sum(calibri_width(w, True, TABLE_FLOOR_PT) for w in LONG_WORDS.values()) + 3 * 0.2 * 914400
    assert table_layout(rows, 3, int(at_floor) - 1000, 1, calibri_width, 11.0) is None
    assert table_layout(rows, 3, int(at_floor) + 1000, 1, calibri_width, 11.0)[1] == TABLE_FLOOR_PT


@pytest.fixture(scope="module")
def stacked_memos(tmp_path_factory):
    """reference name -> (warnings, memo, words LibreOffice set in its PDF, the view): the hawkish memo."""
    out = tmp_path_factory.mktemp("stacked")
    library = load_library(long_word_content(out)).library
    view = build_view(library, "hawkish")
    built = {}
    for case in (r for r in REFERENCES if r.name in STACKED_ON):
        options = OutputOptions(template_dirs=(shipped_templates(),), reference_docx=case.write(out),
                                chart_cache=out / "cache", source_date_epoch=0)
        memo = out / f"memo-{case.name}.docx"
        built[case.name] = (write_docx(view, memo, options), memo)
    profile = out / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *(str(m) for _, m in built.values())], check=True, capture_output=True,
                   timeout=600)
    result = {}
    for name, (warnings, memo) in built.items():
        bbox = subprocess.run(["pdftotext", "-bbox", str(out / f"{memo.stem}.pdf"), "-"], check=True,
                              capture_output=True, text=True, timeout=120).stdout
        words = [w for w in re.findall(r"<word [^>]*>([^<]*)</word>", bbox)]
        result[name] = (warnings, memo, words, view)
    return result


@pytest.mark.needs("soffice", "pdftotext", "carlito")
@pytest.mark.parametrize("reference", STACKED_ON)
def test_the_stacked_table_is_one_warning_naming_it(stacked_memos, reference) -> None:
    warnings, _, _, _ = stacked_memos[reference]
    assert [str(w) for w in warnings if w.field == "table"] == [
        "warning: table: the table under 'Options to strengthen deterrence' is stacked, each row a block of lines: its longest "
        "words do not fit the page's width even in 8 pt type; a reference document with narrower margins or smaller "
        "table type would keep it a table"]


@pytest.mark.needs("soffice", "pdftotext", "carlito")
@pytest.mark.parametrize("reference", STACKED_ON)
def test_each_option_is_a_lead_line_and_its_ratings_are_lines_under_it(stacked_memos, reference) -> None:
    _, memo, _, view = stacked_memos[reference]
    document = docx.Document(str(memo))
    assert document.tables == []
    paragraphs = document.paragraphs
    options = [item for section in view.sections if section.key == "options" for item in section.items]
    assert options
    for item in options:
        (at,) = [n for n, p in enumerate(paragraphs) if p.text.rstrip("0123456789,") == item.title]
        lead, lines = paragraphs[at], paragraphs[at + 1:at + 5]
        assert [bool(run.bold) for run in lead.runs if run.text.strip(" 0123456789,")] == [item.recommended]
        assert lead.paragraph_format.keep_with_next and all(p.paragraph_format.keep_with_next for p in lines[:-1])
        assert not lines[-1].paragraph_format.keep_with_next
        assert [p.text.split(": ")[0] for p in lines] == [*LONG_WORDS.values(), "Horizon"]
        assert all(p.paragraph_format.left_indent == STACK_INDENT for p in lines)
        assert lines[0].runs[0].italic and lines[0].runs[0].text == f"{LONG_WORDS['deterrence_value']}: "


@pytest.mark.needs("soffice", "pdftotext", "carlito")
@pytest.mark.parametrize("reference", STACKED_ON)
def test_no_word_of_the_stacked_table_is_split_across_lines(stacked_memos, reference) -> None:
    _, memo, words, view = stacked_memos[reference]
    options = [item for section in view.sections if section.key == "options" for item in section.items]
    expected = {w.strip(":.,()") for item in options for w in item.title.split()} | set(LONG_WORDS.values())
    expected = {w for w in expected if re.fullmatch(r"[A-Za-zäöüÄÖÜß]{4,}", w)}
    assert set(LONG_WORDS.values()) <= expected
    set_whole = {w.strip(":.,()0123456789") for w in words}
    assert expected <= set_whole, sorted(expected - set_whole)
    assert [w for w in words if w.strip(":") in LONG_WORDS.values()] != []


@pytest.mark.needs("soffice", "pdftotext", "carlito")
@pytest.mark.parametrize("reference", STACKED_ON)
def test_the_stacked_memo_is_valid_open_xml(stacked_memos, reference) -> None:
    _, memo, _, _ = stacked_memos[reference]
    assert [str(f) for f in check_validity(memo, memo.name)] == []
