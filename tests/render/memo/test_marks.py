"""Tests of briefgen.render.memo.marks: with portion marks on, every paragraph, list item, heading, table row,
footnote and figure caption of the memo starts with its portion mark, in every memo format."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from briefgen import api
from briefgen.render.memo.compose import render_memo
from briefgen.render.memo.marks import plain, with_portion_marks
from briefgen.resources import shipped_templates
from briefgen.tailor.view import BriefView
from briefgen.write.docx.writer import write_docx
from briefgen.write.html import write_html
from briefgen.write.md import write_md
from tests.support.fixture_projects import make_project
from tests.support.memo_views import options

MARK = re.compile(r"^\((U|C|S)(//NF)?\) ")


@pytest.fixture(scope="module")
def view(tmp_path_factory) -> BriefView:
    """The dovish view of markings-portion-marks: option opt-reassure SECRET//NOFORN (recommended), event
    ev-exercise CONFIDENTIAL, the rest UNCLASSIFIED, portion marks on."""
    loaded = api.load(make_project(tmp_path_factory.mktemp("marks") / "proj", "markings-portion-marks"))
    return api.tailor_view(loaded.library, "dovish")


def test_each_block_of_the_markdown_starts_with_the_mark_of_what_it_shows(view: BriefView) -> None:
    lines = render_memo(view, [shipped_templates()]).splitlines()
    assert lines[0] == lines[-1] == "**SECRET//NOFORN**"  # page furniture: unmarked
    assert "# MEMORANDUM" in lines and "---" in lines
    for wanted in ("## (U) Bottom line up front", "(U) Careful bottom line.",
                   "- (C) **c. June 2024:** First multidomain exercise[^2]",
                   "| (U) Option | Deterrence value | Escalation risk | Cost | Horizon |",
                   "| (S//NF) **Reassurance on intentions**[^2] | Low | Very low | Very low | Under 1 year |",
                   "(S//NF) Do the careful thing. Recommended options, best first: **Reassurance on intentions**; "
                   "**Trilateral planning**.",
                   "1. (U) Approve the plan", "[^1]: (U) “Article A”, Publisher A, c. 2023-09."):
        assert wanted in lines


def test_a_figure_caption_and_a_paragraph_over_several_lines_are_marked_once(view: BriefView) -> None:
    text = '![A chart](chart.png "Options by value")\n\nFirst line  \nsecond line\n\n|:--|\n'
    marked = with_portion_marks(text, view)  # neither text is a portion's: both carry the briefing's (U)
    assert marked == '![A chart](chart.png "(U) Options by value")\n\n(U) First line  \nsecond line\n\n|:--|\n'


def test_plain_takes_emphasis_and_escapes_off() -> None:
    assert plain(r"**Reassurance on intentions**\[^2\] and \*stars\*") == "Reassurance on intentions[^2] and *stars*"


def test_every_memo_format_carries_the_marks(view: BriefView, tmp_path: Path) -> None:
    write_md(view, tmp_path / "memo.md", options())
    write_docx(view, tmp_path / "memo.docx", options())
    write_html(view, tmp_path / "memo.html", options())
    md = (tmp_path / "memo.md").read_text(encoding="utf-8")
    assert '(memo-charts/timeline.png "(C) Strategic context timeline")' in md  # the chart's title, marked once
    assert "- (U) **Three-way bloc.** The pact may provoke it.[^2]" in md
    # a line summing the events up gives their dates, one of them the CONFIDENTIAL event's
    assert "- (C) **18 August 2023 to c. June 2024:** the 2 events in the timeline above[^1][^2]" in md
    doc = Document(str(tmp_path / "memo.docx"))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert "(S//NF) Do the careful thing. Recommended options, best first: Reassurance on intentions; Trilateral " \
           "planning." in texts
    assert all(MARK.match(t) for t in texts if t not in ("MEMORANDUM",) and not t.startswith("MEMORANDUM FOR")
               and not t.startswith(("FROM", "SUBJECT", "DATE"))), texts
    rows = [row.cells[0].text for row in doc.tables[0].rows]
    assert rows == ["(U) Option", "(S//NF) Reassurance on intentions2", "(U) Trilateral planning1"]
    html = (tmp_path / "memo.html").read_text(encoding="utf-8")
    assert "<p>(U) Careful bottom line.</p>" in html
    assert "(S//NF) <strong>Reassurance on intentions</strong>" in html


def test_without_portion_marks_the_memo_is_as_written(view: BriefView) -> None:
    import dataclasses
    unmarked = dataclasses.replace(view, portion_marks=False)
    assert not any(MARK.match(line) for line in render_memo(unmarked, [shipped_templates()]).splitlines())


def test_each_kind_of_block_is_marked_where_its_text_starts(view: BriefView) -> None:
    text = "\n".join([
        "## Reassurance on intentions", "###### Careful words", "# MEMORANDUM", "#Not a heading",
        "* First multidomain exercise", "+ Careful words", "  1) Reassurance on intentions", "12. Careful words",
        "[^3]: First multidomain exercise, a note", "[^x]: not a footnote",
        "| Reassurance on intentions | Low |", "|:---|---:|", "| --- |", "---",
        "**SECRET//NOFORN**", "*SECRET//NOFORN*"])
    assert with_portion_marks(text, view).split("\n") == [
        "## (S//NF) Reassurance on intentions", "###### (U) Careful words", "# MEMORANDUM",
        "(U) #Not a heading", "* (C) First multidomain exercise", "+ (U) Careful words",
        "  1) (S//NF) Reassurance on intentions", "12. (U) Careful words",
        "[^3]: (C) First multidomain exercise, a note", "(U) [^x]: not a footnote",
        "| (S//NF) Reassurance on intentions | Low |", "|:---|---:|", "| --- |", "---",
        "**SECRET//NOFORN**", "*SECRET//NOFORN*"]


def test_a_paragraph_is_marked_by_all_its_lines_and_a_list_item_ends_it(view: BriefView) -> None:
    text = "Careful words\nabout Reassurance on intentions\n- First multidomain exercise\nagain\n\n\nlast"
    assert with_portion_marks(text, view).split("\n") == [
        "(S//NF) Careful words", "about Reassurance on intentions", "- (C) First multidomain exercise",
        "(U) again", "", "", "(U) last"]
    assert with_portion_marks("Careful words about Reassurance on\nintentions today", view) == \
        "(S//NF) Careful words about Reassurance on\nintentions today"  # a text broken over two lines


def test_a_figure_caption_already_marked_is_kept_and_escapes_are_read(view: BriefView) -> None:
    text = ('![A chart](c.png "(C) Strategic context")\n\n'
            r'![A \] chart](c.png "The \"First multidomain exercise\"")' + "\n\n"
            "![chart](c.png)")
    assert with_portion_marks(text, view).split("\n") == [
        '![A chart](c.png "(C) Strategic context")', "",
        r'![A \] chart](c.png "(C) The \"First multidomain exercise\"")', "", "(U) ![chart](c.png)"]


def test_emphasis_and_escapes_do_not_hide_a_portions_text(view: BriefView) -> None:
    assert with_portion_marks(r"**Reassurance** on _intentions_", view) == "(S//NF) **Reassurance** on _intentions_"
    assert with_portion_marks(r"***Reassurance on intentions***", view) == \
        "(S//NF) ***Reassurance on intentions***"
    assert with_portion_marks(r"Reassurance on intentions\*", view) == r"(S//NF) Reassurance on intentions\*"
    assert plain(r"a\_b\\c __d__ *e*") == r"a_b\c d e"


def test_a_view_without_portions_is_left_as_it_is(view: BriefView) -> None:
    import dataclasses
    assert with_portion_marks("Careful words", dataclasses.replace(view, portions=())) == "Careful words"


def test_a_one_line_block_ends_the_paragraph_before_it(view: BriefView) -> None:
    text = "\n".join(["Careful words", "[^3]: First multidomain exercise", "Careful words",
                      "## Reassurance on intentions", "Careful words", '![c](c.png "First multidomain exercise")',
                      "Careful words", "| Reassurance on intentions |", "Careful words", "# MEMORANDUM"])
    assert with_portion_marks(text, view).split("\n") == [
        "(U) Careful words", "[^3]: (C) First multidomain exercise", "(U) Careful words",
        "## (S//NF) Reassurance on intentions", "(U) Careful words", '![c](c.png "(C) First multidomain exercise")',
        "(U) Careful words", "| (S//NF) Reassurance on intentions |", "(U) Careful words", "# MEMORANDUM"]
