"""Tests of briefgen.write.memo_origins: the blocks of a Markdown and an HTML memo as a reader sees them, and the
record of the content fields each block of a memo shows."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import OriginError
from briefgen.render.memo.assemble import assemble_memo
from briefgen.resources import shipped_templates
from briefgen.write.html import memo_html_body
from briefgen.write.memo_origins import block_record, html_blocks, markdown_blocks, read_text_memo, squash
from tests.support.memo_views import CONTENT, view_of


@pytest.fixture(scope="module")
def hawkish():
    return view_of(CONTENT, "hawkish")


MARKDOWN = """\
**MARKING**

# Memo

**FROM:** Staff  
**TO:** Principal
on two lines

- **An item.** Its framing.[^1][^2] In the source's words: “a quote”[^2]
- `code` and [a link](https://example.org) and *emphasis*
- X

![A chart](chart.png "Its caption")

| Option | Cost |
|:--|:--|
| **First**[^1] | Low |
|  |  |

[^1]: First source, 2020.
[^2]: Second source, 2021.

**MARKING**
"""


def test_markdown_blocks_are_what_a_reader_sees_in_the_files_order() -> None:
    assert markdown_blocks(MARKDOWN) == [
        "MARKING",
        "Memo",
        "FROM: Staff TO: Principal on two lines",
        "An item. Its framing.1,2 In the source's words: “a quote”2",
        "code and a link and emphasis",
        "X",
        "Option | Cost",
        "First1 | Low",
        "First source, 2020.",
        "Second source, 2021.",
        "MARKING",
    ]


def test_a_markdown_footnote_reference_shows_its_label_as_the_html_memo_does() -> None:
    text = "Claim.[^b] More.[^a]\n\n[^a]: A.\n[^b]: B.\n"
    assert markdown_blocks(text) == ["Claim.b More.a", "A.", "B."]
    assert html_blocks(memo_html_body(text, {})) == ["Claim.b More.a", "Notes", "B.", "A."]


PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Not a block</title><style>p { color: red; }</style></head>
<body>
<header class="marking">MARKING</header>
<table class="frame"><thead><tr><td><div class="space"></div></td></tr></thead><tbody><tr><td>
<main>
<h1>Memo</h1>
<p><strong>FROM:</strong> Staff<br />
<strong>TO:</strong>   Principal</p>
<ul>
<li><strong>An item.</strong> Its framing.<sup class="footnote-ref"><a href="#fn1">1</a></sup><sup class="footnote-sep">,</sup><sup><a>2</a></sup></li>
<li><p>Loose &amp; <em>spaced</em></p><p>Second<br>paragraph</p></li>
<li>X</li>
</ul>
<figure><img src="data:image/png;base64,AAAA" alt="A chart"><figcaption>Its caption</figcaption></figure>
<script>var hidden = "not text";</script>
<table>
<thead>
<tr>
<th>Option</th>
<th>Cost</th>
</tr>
</thead>
<tbody>
<tr><td><strong>First</strong><sup>1</sup></td><td>Low</td></tr>
<tr><td></td><td></td></tr>
</tbody>
</table>
<div>Text of a division <p>and a paragraph in it</p> after</div>
<section><ol><li id="fn1"><p>First source, 2020. <a href="#fnref1" class="backref" aria-label="back">↩︎<b>x</b></a></p>
</li></ol></section>
<blockquote><p>Unclosed <em>emphasis</p></blockquote>
<p>After</p>
</main>
</td></tr></tbody></table>
<footer class="marking">MARKING</footer>
</body></html>
"""


def test_html_blocks_are_what_a_reader_sees_in_the_pages_order() -> None:
    assert html_blocks(PAGE) == [
        "MARKING",
        "Memo",
        "FROM: Staff TO: Principal",
        "An item. Its framing.1,2",
        "Loose & spaced",
        "Second paragraph",
        "X",
        "Its caption",
        "Option | Cost",
        "First1 | Low",
        "Text of a division after",
        "and a paragraph in it",
        "First source, 2020.",
        "Unclosed emphasis",
        "After",
        "MARKING",
    ]


def test_an_html_end_tag_with_no_open_block_changes_nothing() -> None:
    assert html_blocks("<p>One</p></li></p><p>Two</p>") == ["One", "Two"]
    assert html_blocks("Outside any block<p>In one</p>") == ["In one"]


def test_the_shipped_memo_shows_the_same_blocks_as_markdown_and_as_html(hawkish) -> None:
    memo = assemble_memo(hawkish, (shipped_templates(),), None, lambda kind, fmt: f"chart-{kind}.{fmt}",
                         lambda item_id, ext: f"picture-{item_id}.{ext}", page_marking=True)
    from_markdown = markdown_blocks(memo.markdown)
    from_html = html_blocks(memo_html_body(memo.markdown, memo.images))
    captions = [chart.title for chart in memo.figures.charts.values()]
    assert len(captions) == 3
    # the HTML shows each chart's caption, and lists the notes after the last line under a heading of their own
    assert [b for b in from_html if b not in captions] == from_markdown[:-6] + ["UNCLASSIFIED", "Notes"] + \
        from_markdown[-6:-1]
    assert from_markdown[-6:] == ["“Untitled article on the Biden–Kishida–Yoon meeting in Madrid”, c. 2022-07.",
                                  "McDaniel Wicker, “America’s Next Move in Asia: A Japan-South Korea Alliance”, "
                                  "c. 2016.",
                                  "“The “Core Problem” for Trilateral Security Cooperation: Challenges for the "
                                  "US-Japan-Korea Relationship”, c. 2024-10.",
                                  "“Separate U.S. Alliances in East Asia Are Obsolete”, Foreign Policy, c. 2023-09.",
                                  "“The shortsighted US-Japan-South Korea military pact”, c. 2024-05.",
                                  "UNCLASSIFIED"]


def test_the_record_names_the_fields_each_block_shows(hawkish) -> None:
    missiles = next(i for s in hawkish.sections for i in s.items if i.id == "thr-dprk-missiles")
    quoted = next(n for n, p in enumerate(missiles.points) if p.quote)
    blocks = ["Bottom line up front",
              hawkish.bluf,
              f"{missiles.title}. {missiles.framing}1,4 In the source's words: “{missiles.points[quoted].quote}”4",
              f"{missiles.title}. Something else entirely.",
              f"As said: {missiles.title}. {missiles.framing}",
              f"{hawkish.recommendation} Recommended options, best first: A; B.",
              hawkish.decisions[1],
              hawkish.decisions[0] + " and more"]
    record = block_record(blocks, hawkish)
    assert record == {
        "paras": blocks,
        "fields": [[], ["briefing.bluf"],
                   ["thr-dprk-missiles.title", "thr-dprk-missiles.framing", f"thr-dprk-missiles.points[{quoted}]"],
                   ["thr-dprk-missiles.title"], [], ["briefing.recommendation"], ["briefing.decisions[1]"], []],
        "items": [None, None, "thr-dprk-missiles", "thr-dprk-missiles", None, None, None, None]}


def test_the_record_matches_text_whatever_its_spacing(hawkish) -> None:
    item = hawkish.sections[1].items[0]
    spaced = f"{item.title}.  " + item.framing.replace(" ", "\n  ", 2)
    assert block_record([spaced, " ".join(hawkish.bluf.split(" ", 3)[:3]) + "   " + hawkish.bluf.split(" ", 3)[3],
                         "  " + hawkish.decisions[0].replace(" ", "  ") + " "], hawkish)["fields"] == [
        [f"{item.id}.title", f"{item.id}.framing"], ["briefing.bluf"], ["briefing.decisions[0]"]]


def test_an_empty_field_is_not_shown_by_every_block(hawkish) -> None:
    import dataclasses

    item = hawkish.sections[1].items[0]
    blank = dataclasses.replace(item, framing="  ", points=tuple(dataclasses.replace(p, quote=" ") for p in item.points))
    section = dataclasses.replace(hawkish.sections[1], items=(blank,))
    view = dataclasses.replace(hawkish, sections=(section,), bluf="", recommendation=" ", decisions=("",))
    assert block_record([f"{item.title} and more"], view)["fields"] == [[f"{item.id}.title"]]


def test_squash_makes_every_run_of_whitespace_one_space() -> None:
    assert squash("  a \n\t b  c ") == "a b c"


def test_read_text_memo_reads_by_extension(tmp_path: Path) -> None:
    (tmp_path / "memo.md").write_text("# Title\n\nText\n", encoding="utf-8")
    (tmp_path / "memo.HTML").write_text("<h1>Title</h1><p>Text</p>", encoding="utf-8")
    assert read_text_memo(tmp_path / "memo.md") == ["Title", "Text"]
    assert read_text_memo(tmp_path / "memo.HTML") == ["Title", "Text"]


def test_a_memo_that_cannot_be_read_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("memo.md").write_bytes(b"\xff\xfe not UTF-8")
    with pytest.raises(OriginError) as err:
        read_text_memo(Path("memo.md"))
    assert [str(p) for p in err.value.problems] == [
        "memo.md: expected a Markdown memo, got a file that is not UTF-8 text; give a memo briefgen built"]
    with pytest.raises(OriginError) as err:
        read_text_memo(Path("gone.html"))
    assert [str(p) for p in err.value.problems] == [
        "gone.html: expected an HTML memo, got a file it cannot read; give a memo briefgen built"]
