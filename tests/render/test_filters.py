"""Tests of briefgen.render.filters: what every template gets, and templates exported before it was shared."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from briefgen.commands.diff import diff_views, render_diff_html
from briefgen.render.deck.render import render_deck
from briefgen.load.library import load_library
from briefgen.load.vocabulary import Horizon, Party, Scale, Vocabulary, Word
from briefgen.render.environment import make_environment
from briefgen.render.filters import (
    FILTERS,
    GLOBALS,
    Titles,
    autolink,
    by_kind,
    figure,
    longdate,
    lower_first,
    position,
    refs,
    split_events,
    view_lookups,
)
from briefgen.render.memo.compose import memo_environment, render_memo
from briefgen.resources import shipped_content, shipped_templates
from briefgen.tailor.view import BriefView
from tests.support.memo_views import CONTENT, FIXTURES, view_of

OLD_EXPORT = FIXTURES / "templates-exported-before-shared-filters"


@pytest.fixture(scope="module")
def views() -> dict[str, BriefView]:
    return {name: view_of(CONTENT, name) for name in ("neutral", "hawkish", "dovish")}


@dataclass(frozen=True)
class _Item:
    kind: str
    id: str


def _render(tmp_path, text: str, **context) -> str:
    (tmp_path / "t.j2").write_text(text, encoding="utf-8")
    return make_environment([tmp_path]).get_template("t.j2").render(**context)


def test_ratings_horizons_owners_in_the_shipped_vocabularys_words(tmp_path) -> None:
    vocabulary = load_library(shipped_content()).library.vocabulary
    text = ('{{ 4|level }}, {{ 1|level }}, {{ 4|rated }}, {{ 2|rated("cost") }}; {{ "near"|horizon }}, '
            '{{ "long"|horizon }}, {{ "near"|horizon("term") }}, {{ "medium"|horizon("term") }}, '
            '{{ "medium"|horizon("label") }}; {{ "ROK"|owner }}, {{ "US"|owner }}, {{ "US"|owner("short") }}, '
            '{{ "EU"|owner }}; {{ "in development"|term("capability_statuses") }}, '
            '{{ scale("deterrence_value") }}, {{ scale("deterrence_value", true) }}, {{ scale("cost", true) }}, '
            '{{ kind_name("risks") }}, {{ kind_name("options", true) }}, {{ "Deterrence value"|in_sentence }}')
    assert _render(tmp_path, text, vocabulary=vocabulary) == (
        "High, Very low, High (4), Low (2); Under 1 year, Over 3 years, Near (< 1 yr), Medium (1-3 yrs), Medium; "
        "South Korea, United States, US, EU; In development, Deterrence value, Deterrence, Cost, Risks, Option, "
        "deterrence value")


def test_filters_read_a_library_of_another_topic_and_its_own_scale_words(tmp_path) -> None:
    vocabulary = Vocabulary(
        parties=(Party(id="A", name="Country A", short="A"),), capability_statuses=(Word(id="ready", label="Ready now"),),
        horizons=(Horizon(id="soon", label="Soon", length="Within weeks"),),
        rating_words=("Minimal", "Small", "Medium", "Large", "Severe"),
        scales={"cost": Scale(name="Price", words=("1", "2", "3", "4", "5 (dear)"))})
    text = ('{{ 5|level }} {{ 5|level("cost") }} {{ "soon"|horizon("term") }} {{ "A"|owner }} '
            '{{ "ready"|term("capability_statuses") }} {{ scale("cost") }} {{ "ISR"|in_sentence }}')
    assert _render(tmp_path, text, vocabulary=vocabulary) == \
        "Severe 5 (dear) Soon (Within weeks) Country A Ready now Price ISR"


def test_without_a_vocabulary_the_filters_use_the_generic_defaults(tmp_path) -> None:
    text = '{{ 3|rated }}; {{ "near"|horizon("term") }}; {{ "JP"|owner }}; {{ "other"|term("capability_statuses") }}'
    assert _render(tmp_path, text) == "Moderate (3); Near (< 1 yr); JP; Other"


def test_dates_in_words() -> None:
    assert longdate("2024-09-16") == "16 September 2024"
    assert longdate("2024-09", approximate=True) == "c. September 2024"
    assert longdate("2016") == "2016" and longdate("2024-13-01") == "2024-13-01"


def test_text_filters() -> None:
    assert lower_first("The Camp David summit") == "the Camp David summit"
    assert lower_first("U.S. forces") == "U.S. forces" and lower_first("Russia acts") == "Russia acts"
    assert (position(None), position(3)) == ("-", "3")


def test_markdown_filters_return_markup() -> None:
    assert refs([3, 1, None, 3]) == "[^1][^3]" and refs(None) == "" and refs(2) == "[^2]"
    assert autolink("https://a.org/x y") == "<https://a.org/x%20y>" and autolink(None) == ""

    @dataclass(frozen=True)
    class Chart:
        title: str
        alt: str
        src: str

    assert figure(Chart('A "big"\nchart', "bars *up*", "chart.png")) == \
        '![bars \\*up\\*](chart.png "A \\"big\\" chart")'


def test_grouping_and_splitting_keep_the_order_given() -> None:
    items = [_Item("risks", "r1"), _Item("threats", "t1"), _Item("risks", "r2")]
    assert by_kind(items) == [("risks", [items[0], items[2]]), ("threats", [items[1]])]
    assert split_events(range(10), 3) == ([0, 1, 2, 3, 4, 5, 6], [7, 8, 9])
    events = [_Item("events", f"e{n}") for n in range(6)]
    assert split_events(events, ["e4", "e5"]) == (events[:4], events[4:])
    assert split_events(events, ["no-such-event"]) == (events, [])


def test_titles_is_a_mapping_of_what_the_view_shows_and_a_function(views: dict[str, BriefView]) -> None:
    view = next(v for v in views.values() if v.backup and v.sections)
    titles = Titles(view)
    main = [i for s in view.sections for i in s.items]
    backup, first = view.backup[0], main[0]
    assert dict(titles) == {i.id: i.title for i in view.all_items()}
    assert titles[first.id] == first.title and "no-such-item" not in titles
    ids = [backup.id, "no-such-item", first.id]
    assert titles(ids) == [first.title, backup.title]  # main body first
    assert titles(ids, main_first=False) == [backup.title, first.title]  # in the order given
    assert titles(ids, 1) == [first.title]
    assert view_lookups(view)["citations"] == {s.num: s.citation for s in view.sources}


@pytest.mark.parametrize("autoescape", [False, True])
def test_every_environment_gets_every_filter_and_function(autoescape: bool) -> None:
    env = make_environment([shipped_templates()], autoescape)
    assert all(env.filters[name] is f for name, f in FILTERS.items())
    assert all(env.globals[name] is g for name, g in GLOBALS.items())
    memo = memo_environment([shipped_templates()])
    assert set(FILTERS) <= set(memo.filters) and set(GLOBALS) <= set(memo.globals)


def test_a_template_reads_the_filters_and_functions(tmp_path, views: dict) -> None:
    (tmp_path / "t.j2").write_text('{{ 3|rated }}; {{ "near"|horizon("term") }}; {{ "JP"|owner }}; '
                                   '{{ none|position }}; {{ by_kind([])|length }}', encoding="utf-8")
    env = make_environment([tmp_path])
    lookups = view_lookups(views["neutral"])
    assert env.get_template("t.j2").render(**lookups) == "Moderate (3); Near (< 1 yr); Japan; -; 0"


# Deliberate changes to the shipped templates since that export, undone on the shipped output before comparing:
# chart slides after a section divider are titled "... at a glance" (unique slide titles, for accessibility);
# the diff page's content is in a <main> landmark; deck slides name their origin (key, item) and paragraphs the
# content field they show (origin), for briefgen trace, merge and pull; the memo quotes the source behind each
# judgment it leads with. The speaker notes were rewritten since (talking points from the data, the delivery
# guidance once, quotes): the deck is compared slide by slide without them.
def as_exported(text: str) -> str:
    """The shipped templates' output with the changes made since the export undone."""
    text = re.sub(r'^    (key|item): "[^"\n]*"\n', "", text, flags=re.M)
    text = re.sub(r', origin: "[^"\n]*"\}', "}", text)
    text = re.sub(r" In the source's words: \u201c.*\u201d\[\^\d+\]$", "", text, flags=re.M)
    return text.replace(' at a glance"', '"').replace("<main>\n", "").replace("</main>\n", "")


def _without_notes(text: str) -> str:
    """The rendered deck without its notes (slides' and table rows')."""
    return re.sub(r"^( *)notes:\n(?:\1 *- .*\n)*", "", text, flags=re.M)


def test_a_deck_template_exported_before_the_shared_filters_still_renders_the_same(views: dict) -> None:
    for view in views.values():
        old = render_deck(view, [OLD_EXPORT, shipped_templates()])
        assert old.template_file.endswith("templates-exported-before-shared-filters/pptx/deck.yaml.j2")
        new = render_deck(view, [shipped_templates()])
        assert ' at a glance"' in new.text and _without_notes(old.text) == _without_notes(as_exported(new.text))


def test_memo_and_diff_templates_exported_before_the_shared_filters_still_render_the_same(views: dict) -> None:
    neutral = views["neutral"]
    new = render_memo(neutral, [shipped_templates()])
    assert "In the source's words" in new
    assert render_memo(neutral, [OLD_EXPORT, shipped_templates()]) == as_exported(new)
    d = diff_views(views["hawkish"], views["dovish"])
    assert render_diff_html(d, [OLD_EXPORT, shipped_templates()]) == as_exported(render_diff_html(d, [shipped_templates()]))
