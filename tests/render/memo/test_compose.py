"""The memo's Markdown: escaping, structure, source numbering, and what never appears."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from briefgen.errors import TemplateError
from briefgen.render.filters import longdate
from briefgen.render.memo.compose import MemoChart, render_memo
from briefgen.render.memo.parse import memo_parser, safe_link
from briefgen.render.memo.text import escape_md
from tests.support.memo_views import CONTENT, FIXTURES, options, shipped_audiences, view_of

HOSTILE = FIXTURES / "hostile-text"


def _inline_text(markdown: str) -> str:
    """What a reader sees of a one-paragraph Markdown text (no markup may survive)."""
    tokens = memo_parser().parse(markdown)
    inlines = [t for t in tokens if t.type == "inline"]
    assert len(inlines) <= 1, markdown
    if not inlines:
        return ""
    kids = inlines[0].children
    assert all(c.type in ("text", "softbreak") for c in kids), [c.type for c in kids]
    return "".join(c.content for c in kids)


@pytest.mark.parametrize("text", [
    "*a* _b_ snake_case [x](javascript:alert(1)) <script>alert(1)</script>",
    "# heading", "1. one", "12) twelve", "- dash", "+ plus", "> quote", " # spaced heading",
    "a | b | c", "&amp; &#60; AT&T", "![i](http://evil.example/x.png)", "[^1]", "`code`", "~~strike~~",
    "<https://example.org>", "back\\slash \\*", "=== ", "___",
])
def test_escaped_text_renders_as_exactly_itself(text: str) -> None:
    assert _inline_text(escape_md(text)) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40))
@example("---")  # a thematic break, found by this test once
@example("==")  # a heading underline
@example("- - -")
def test_any_text_survives_escaping(text: str) -> None:
    assert _inline_text(escape_md(text)) == " ".join(text.split())


def test_markup_passes_through_unescaped() -> None:
    assert escape_md(Markup("[^1]")) == "[^1]"


@pytest.mark.parametrize("url,ok", [("https://a.org", True), ("http://a.org", True), ("mailto:x@y.z", True),
                                    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
                                    ("data:text/html,x", False), ("/relative", False), ("vbscript:x", False)])
def test_only_http_https_mailto_links_are_safe(url: str, ok: bool) -> None:
    assert safe_link(url) is ok


@pytest.fixture(scope="module")
def neutral():
    return view_of(CONTENT, "neutral")


def test_sections_in_view_order_with_their_titles(neutral) -> None:
    text = render_memo(neutral, options().template_dirs)
    headings = re.findall(r"^## (.+)$", text, re.M)
    titles = [s.title for s in neutral.sections if s.items or s.key == "context" or
              (s.key == "decisions" and neutral.decisions)]
    assert [h for h in headings if h in titles] == titles
    assert headings[0] == "Bottom line up front"
    assert headings.index("Recommendation") == headings.index(neutral.section("options").title) + 1
    assert text.splitlines()[0] == f"**{neutral.classification}**"
    assert text.splitlines()[-1] == f"**{neutral.classification}**"
    for label in ("MEMORANDUM FOR:", "FROM:", "SUBJECT:", "DATE:"):
        assert f"**{label}**" in text


def test_every_source_is_a_footnote_numbered_as_in_the_view(neutral) -> None:
    text = render_memo(neutral, options().template_dirs)
    defs = re.findall(r"^\[\^(\d+)\]: (.+)$", text, re.M)
    assert [int(n) for n, _ in defs] == [s.num for s in neutral.sources]
    for (_, body), source in zip(defs, neutral.sources):
        assert body.startswith(escape_md(source.citation)[:20])
    body = text.split("\n[^1]:")[0]
    first_use = list(dict.fromkeys(int(n) for n in re.findall(r"\[\^(\d+)\]", body)))
    # Sources are first cited in the view's order, so Word's auto-numbered footnotes match.
    assert first_use == sorted(first_use) == [s.num for s in neutral.sources]


def test_page_marking_off_leaves_the_marking_to_the_page(neutral) -> None:
    text = render_memo(neutral, options().template_dirs, page_marking=False)
    assert neutral.classification not in text.splitlines()[0]


def test_charts_are_figures_with_alt_text_and_caption(neutral) -> None:
    chart = MemoChart("timeline", 'Time "line"', "Alt [text]", "x/timeline.png")
    text = render_memo(neutral, options().template_dirs, {"timeline": chart})
    assert '![Alt \\[text\\]](x/timeline.png "Time \\"line\\"")' in text


def test_events_the_timeline_shows_are_summed_up_in_one_cited_line(neutral) -> None:
    events = list(neutral.events)
    shown = events[-5:]
    chart = MemoChart("timeline", "Timeline", "Alt", "x/timeline.png", shown=tuple(e.id for e in shown))
    text = render_memo(neutral, options().template_dirs, {"timeline": chart})
    context = text.split("## ", 3)[2]  # the strategic context section
    items = re.findall(r"^- (.+)$", context, re.M)
    cited = "".join(f"[^{n}]" for n in sorted({e.ref for e in shown}))
    assert items[1] == (f"**{longdate(shown[0].date, shown[0].approximate)} to "
                        f"{longdate(shown[-1].date, shown[-1].approximate)}:** the 5 events in the timeline above{cited}")
    assert items[0].startswith(f"**{longdate(events[0].date, events[0].approximate)} to ")
    assert f"{len(events) - 5} earlier events" in items[0]
    assert len(items) == 2 and not any(escape_md(e.title) in context for e in shown)


def test_without_a_timeline_the_latest_events_are_listed(neutral) -> None:
    text = render_memo(neutral, options().template_dirs)
    context = text.split("## ", 3)[2]
    items = re.findall(r"^- (.+)$", context, re.M)
    assert len(items) == 7  # the earlier ones summed up, then the six latest one by one
    assert all(escape_md(e.title) in context for e in list(neutral.events)[-6:])


@pytest.mark.parametrize("audience", shipped_audiences())
def test_audience_name_and_label_never_appear(audience: str) -> None:
    view = view_of(CONTENT, audience)
    text = render_memo(view, options().template_dirs)
    assert view.audience_label not in text
    assert view.delivery not in text


def test_hostile_text_stays_text() -> None:
    view = view_of(HOSTILE, "neutral")
    text = render_memo(view, options().template_dirs)
    tokens = memo_parser().parse(text)
    children = [c for t in tokens if t.type == "inline" for c in t.children]
    kinds = {c.type for c in children}
    # The only link is the source's own (validated) address, as an autolink.
    hrefs = [c.attrGet("href") for c in children if c.type == "link_open"]
    assert hrefs == ["https://example.org/a?b=%3Cscript%3E&c=1"]
    assert "image" not in kinds
    assert "html_inline" not in kinds
    assert not any(t.type == "html_block" for t in tokens)


def test_a_broken_user_template_is_a_template_error(tmp_path, neutral) -> None:
    (tmp_path / "memo").mkdir()
    (tmp_path / "memo" / "memo.md.j2").write_text("# {{ view.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        render_memo(neutral, (tmp_path,) + options().template_dirs)
    assert "memo.md.j2:1" in str(err.value)


def test_a_user_template_overrides_the_shipped_one(tmp_path, neutral) -> None:
    (tmp_path / "memo").mkdir()
    (tmp_path / "memo" / "memo.md.j2").write_text("# {{ view.subject }}\n", encoding="utf-8")
    assert render_memo(neutral, (tmp_path,) + options().template_dirs) == f"# {escape_md(neutral.subject)}\n"


def test_a_one_page_memo_holds_bluf_key_judgments_recommendation_and_decisions() -> None:
    import dataclasses

    from briefgen.load.library import load_library
    from briefgen.load.model import MemoLength
    from briefgen.tailor.tailor import tailor
    from tests.support.memo_views import shipped_templates

    lib = load_library(CONTENT).library
    briefing = dataclasses.replace(lib.briefing, memo=MemoLength(pages=1))
    for audience in shipped_audiences():
        view = tailor(lib, lib.audiences[audience], briefing)
        md = render_memo(view, [shipped_templates()], {"timeline": None})  # charts given are not drawn
        headings = re.findall(r"^## (.+)$", md, re.M)
        decisions = view.section("decisions").title
        assert headings == ["Bottom line up front", "Key judgments", "Recommendation", decisions]
        judgments = re.findall(r"^- \*\*(.+?)\.\*\* ", md, re.M)
        firsts = [s.items[0].title for s in view.sections if s.items][:4]
        assert judgments == firsts
        assert view.bluf in md and view.recommendation in md
        assert [f"{i}. {d}" for i, d in enumerate(view.decisions, 1)] == re.findall(r"^\d+\. .+$", md, re.M)
        cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md)}
        assert {int(n) for n in re.findall(r"^\[\^(\d+)\]:", md, re.M)} == cited  # only the sources it cites
        assert "![" not in md and "Annex" not in md


@pytest.mark.parametrize("audience", shipped_audiences())
def test_the_judgments_a_brief_leads_with_quote_their_source(audience) -> None:
    view = view_of(CONTENT, audience)
    text = render_memo(view, options().template_dirs)
    quoted = 0
    for key in ("threats", "risks"):
        for item in view.section(key).items:
            line = next(row for row in text.splitlines() if row.startswith(f"- **{item.title}"))
            first = None if item.quote is None else item.points[item.quote]  # the one this room is given first
            if item.role == "lead" and first is not None:
                quoted += 1
                assert line.endswith(f" In the source's words: \u201c{first.quote.strip()}\u201d[^{first.ref}]")
            else:
                assert "In the source's words" not in line
    assert quoted


def test_the_memo_quotes_the_source_the_room_weighs_most_not_the_first() -> None:
    view = view_of(CONTENT, "hawkish")
    text = render_memo(view, options().template_dirs)
    missiles = view.section("threats").items[0]
    assert missiles.id == "thr-dprk-missiles" and missiles.role == "lead"
    first, chosen = [p for p in missiles.points if p.quote][0], missiles.points[missiles.quote]
    assert (first.source, chosen.source) == ("src-madrid-plan", "src-obsolete-alliances")  # hawkish.quote_sources
    line = next(row for row in text.splitlines() if row.startswith(f"- **{missiles.title}"))
    assert line.endswith(f" In the source's words: \u201c{chosen.quote.strip()}\u201d[^{chosen.ref}]")
    neutral = view_of(CONTENT, "neutral").section("threats").items[0]
    assert neutral.points[neutral.quote] == first  # a room that names no sources: the first quote
