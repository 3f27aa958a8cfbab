"""Tests of briefgen.render.oversize: a brief too large for the output cap is told which part grew and what to
set, and never pointed at briefgen's own template files."""
from __future__ import annotations

import dataclasses

import pytest

from briefgen.commands.plan import build_view
from briefgen.errors import TemplateError
from briefgen.load.library import load_library
from briefgen.render import environment as templating
from briefgen.render.deck.render import render_deck
from briefgen.render.memo.compose import render_memo
from briefgen.render.oversize import largest_part
from briefgen.resources import shipped_content, shipped_templates


@pytest.fixture(scope="module")
def view():
    return build_view(load_library(shipped_content()).library, "neutral")


@pytest.fixture()
def big_backup(view):
    """The neutral view with its backup appendix repeated until it dwarfs everything else."""
    return dataclasses.replace(view, backup=view.backup * 300)


def test_the_largest_part_is_named_with_its_size_and_the_setting_that_shrinks_it(view, big_backup) -> None:
    assert largest_part(big_backup) == (
        f"the backup appendix has {len(big_backup.backup):,} rows (items below this audience's threshold or over "
        "its max_main); set default_emphasis: 0 in content/audiences/neutral.yaml to leave out items that give "
        "this audience no emphasis, or give the items it does not need emphasis 0 for it")
    main = [i for s in view.sections for i in s.items]
    many_events = dataclasses.replace(view, backup=(), events=view.events * 500)
    assert largest_part(many_events) == f"the timeline has {len(many_events.events):,} events; keep the ones the " \
                                        f"brief needs in events.yaml"
    assert len(main) > 0


def test_a_deck_over_the_cap_on_the_shipped_template_names_what_grew_not_a_file(big_backup, monkeypatch) -> None:
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 200_000)
    with pytest.raises(TemplateError) as err:
        render_deck(big_backup, [shipped_templates()])
    assert err.value.lines() == [f"deck: deck would be longer than the output limit: {largest_part(big_backup)}"]


def test_a_memo_over_the_cap_on_the_shipped_template_names_what_grew(view, monkeypatch) -> None:
    big_main = dataclasses.replace(view, sections=tuple(dataclasses.replace(s, items=s.items * 200)
                                                        for s in view.sections))
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 50_000)
    with pytest.raises(TemplateError) as err:
        render_memo(big_main, [shipped_templates()])
    main = [i for s in big_main.sections for i in s.items]
    assert err.value.lines() == [
        f"memo: memo would be longer than the output limit: the main body has {len(main):,} items with "
        f"{sum(len(i.points) for i in main):,} facts; lower max_main in content/audiences/neutral.yaml, or shorten "
        f"the items' points"]


def test_a_user_template_running_away_on_a_small_brief_is_not_blamed_on_the_brief(view, tmp_path,
                                                                                     monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates" / "memo").mkdir(parents=True)
    (tmp_path / "templates" / "memo" / "memo.md.j2").write_text(
        "# {{ view.title }}\n{% for i in range(100000) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}\n", encoding="utf-8")
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 1_000_000)
    with pytest.raises(TemplateError) as err:
        render_memo(view, [tmp_path / "templates", shipped_templates()])
    assert err.value.lines() == ["templates/memo/memo.md.j2:2:1: template: expected output of at most 1,000,000 "
                                 "characters, got more"]


def test_a_user_template_over_the_cap_on_a_big_brief_says_what_grew(big_backup, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates" / "pptx").mkdir(parents=True)
    (tmp_path / "templates" / "pptx" / "deck.yaml.j2").write_text(
        "slides:\n{% for i in view.backup %}\n  - {layout: Blank, title: {{ i.title | tojson }}}\n{% endfor %}\n",
        encoding="utf-8")
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 100_000)
    with pytest.raises(TemplateError) as err:
        render_deck(big_backup, [tmp_path / "templates", shipped_templates()])
    assert err.value.lines() == ["templates/pptx/deck.yaml.j2:3:1: template: expected output of at most 100,000 "
                                 "characters, got more (deck would be longer than the output limit: "
                                 f"{largest_part(big_backup)})"]
