"""Tests of briefgen.commands.changes: what changed in what a deck's room sees since its last build, and why."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.commands.changes import (
    DECK_RECORD,
    MAX_RECORD_BYTES,
    TOP,
    Change,
    format_changes,
    record_decks,
    recorded_changes,
)
from briefgen.errors import BuildError
from briefgen.load.library import load_library
from briefgen.load.model import KINDS, FrozenMap
from briefgen.resources import shipped_content
from briefgen.tailor.tailor import tailor

DECK = "hawkish/brief.pptx"


@pytest.fixture(scope="module")
def library():
    return load_library(shipped_content()).library


def view(library, audience="hawkish"):
    return tailor(library, library.audiences[audience])


def record(out: Path, library, audience="hawkish") -> list[Change]:
    return record_decks(out, {f"{audience}/brief.pptx": (view(library, audience), library)}).get(
        f"{audience}/brief.pptx", [])


def with_new_threat(library):
    """The library with a new threat that every room leads with: it outranks one of each main body."""
    base = library.threats[0]
    new = replace(base, id="thr-hypersonic", title="Hypersonic glide vehicles", severity=5, likelihood=5, points=(),
                  emphasis=FrozenMap({"neutral": 3, "hawkish": 3, "dovish": 3}))
    return replace(library, threats=(new,) + library.threats)


def test_a_first_build_reports_nothing_and_is_recorded_as_first(tmp_path: Path, library) -> None:
    assert record(tmp_path, library) == []
    assert recorded_changes(tmp_path) == [(DECK, True, [])]
    data = json.loads((tmp_path / DECK_RECORD).read_text(encoding="utf-8"))
    assert data["decks"][DECK]["structure"]["bluf"] == view(library).bluf


def test_a_new_threat_that_outranks_another_says_which_left_the_main_body_and_why(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    before = view(library).section("threats")
    changed = with_new_threat(library)
    after = view(changed).section("threats")
    pushed = [i for i in before.items if i.id not in {a.id for a in after.items}]
    assert len(pushed) == 1
    lines = [c.line for c in record(tmp_path, changed)]
    assert lines == [
        f'+ {after.title}: "Hypersonic glide vehicles" entered the main body: new in the library',
        f'- {after.title}: "{pushed[0].title}" left the main body: moved to backup by the section limit of 5; '
        f'"Hypersonic glide vehicles" outranked it',
        f'~ {after.title}: now leads with "Hypersonic glide vehicles" (was "{before.items[0].title}")',
    ]


def test_an_emphasis_below_the_threshold_and_a_removed_item_are_told_apart(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    section = view(library).section("threats")
    lowered, removed = section.items[1], section.items[2]
    threats = tuple(replace(t, emphasis=FrozenMap({**t.emphasis, "hawkish": 1})) if t.id == lowered.id else t
                    for t in library.threats if t.id != removed.id)
    lines = [c.line for c in record(tmp_path, replace(library, threats=threats))]
    assert (f'- {section.title}: "{lowered.title}" left the main body: moved to backup: its emphasis for this room '
            f'(1) is below the threshold (2)') in lines
    assert f'- {section.title}: "{removed.title}" left the main body: removed from the library' in lines
    backup_came_up = [line for line in lines if line.startswith("+ ")]
    assert all("moved up from backup, ahead of " in line for line in backup_came_up) and backup_came_up


def test_a_changed_bluf_is_one_line_with_the_old_and_new_text_in_its_details(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    old = view(library).bluf
    briefing = replace(library.briefing, bluf=FrozenMap({**library.briefing.bluf, "hawkish": "Act now."}))
    (change,) = record(tmp_path, replace(library, briefing=briefing))
    assert change == Change("~ The bottom line up front changed", (f"was: {old}", "now: Act now."))


def test_a_new_order_at_the_top_of_a_section_is_reported(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    section = view(library).section("options")
    first, second, third = section.items[:3]
    swapped = tuple(replace(o, emphasis=FrozenMap({**o.emphasis, "hawkish": 2})) if o.id == second.id else o
                    for o in library.options)
    after = view(replace(library, options=swapped)).section("options")
    lines = [c.line for c in record(tmp_path, replace(library, options=swapped))]
    if after.items[0].id != first.id:
        assert lines == [f'~ {section.title}: now leads with "{after.items[0].title}" (was "{first.title}")']
    else:
        top = ", ".join(f'"{i.title}"' for i in after.items[:2]) + f' and "{after.items[2].title}"'
        assert lines == [f'~ {section.title}: the first items now run {top} '
                         f'(were "{first.title}", "{second.title}" and "{third.title}")']


def test_an_unchanged_deck_keeps_the_changes_of_its_last_changed_build(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    changed = with_new_threat(library)
    made = record(tmp_path, changed)
    assert made and record(tmp_path, changed) == []
    assert recorded_changes(tmp_path, ["hawkish"]) == [(DECK, False, made)]
    assert recorded_changes(tmp_path, ["dovish"]) == []


@pytest.mark.parametrize("text", ["not json", "[]", '{"decks": 3}'])
def test_an_unreadable_record_counts_as_none(tmp_path: Path, library, text: str) -> None:
    (tmp_path / DECK_RECORD).write_text(text, encoding="utf-8")
    assert record(tmp_path, with_new_threat(library)) == []
    assert recorded_changes(tmp_path)[0][1] is True


def test_after_a_build_only_the_first_changes_are_printed() -> None:
    changes = [Change(f"+ line {n}", ("detail",)) for n in range(7)]
    assert format_changes("d.pptx", changes) == ["d.pptx: what the room sees changed since the last build:"] + [
        f"  + line {n}" for n in range(5)] + ["  ... and 2 more (briefgen diff --since-last-build)"]
    full = format_changes("d.pptx", changes, full=True)
    assert len(full) == 15 and full[2] == "      detail"
    assert format_changes("d.pptx", []) == []


def test_build_prints_the_changes_quiet_hides_them_and_diff_shows_them_in_full(tmp_path: Path) -> None:
    shutil.copytree(shipped_content(), tmp_path / "content")
    runner = CliRunner()

    def briefgen(*args: str):
        result = runner.invoke(cli, [*args, "-p", str(tmp_path)], prog_name="briefgen")
        assert result.exit_code == 0, result.output
        return result

    assert "what the room sees" not in briefgen("build", "-a", "neutral").output
    assert briefgen("diff", "--since-last-build").output.endswith(": first build: nothing to compare with\n")
    with open(tmp_path / "content" / "threats.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: thr-hypersonic\n  title: Hypersonic glide vehicles\n  summary: A new threat.\n"
                 "  actor: China\n  severity: 5\n  likelihood: 5\n  emphasis: {neutral: 3}\n")
    out = briefgen("build", "-a", "neutral").stderr
    deck = "neutral/us-japan-rok-trilateral-security-cooperation.pptx"
    assert f"{deck}: what the room sees changed since the last build:\n" in out
    assert '  + The threat picture: "Hypersonic glide vehicles" entered the main body: new in the library\n' in out
    full = briefgen("diff", "--since-last-build", "neutral").output
    assert full.startswith(f"{deck}: what the room sees changed since the last build:\n")
    assert 'entered the main body: new in the library' in full
    with open(tmp_path / "content" / "threats.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: thr-other\n  title: Another threat\n  summary: One more.\n"
                 "  actor: China\n  severity: 5\n  likelihood: 5\n  emphasis: {neutral: 3}\n")
    quiet = briefgen("build", "-a", "neutral", "-q")
    assert quiet.output == "" and "what the room sees" not in quiet.stderr
    assert '"Another threat" entered' in briefgen("diff", "--since-last-build").output
    bad = runner.invoke(cli, ["diff", "hawkish", "-p", str(tmp_path)], prog_name="briefgen")
    assert bad.exit_code == 2 and "name two audiences" in bad.output


def test_an_item_the_length_budget_pushes_out_says_so(tmp_path: Path) -> None:
    from briefgen.load.briefings import load_briefings
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "ten-minutes")
    library = load_library(root / "content").library
    ten = load_briefings(root / "briefings", library)[0].briefing  # length: {minutes: 10}: 8 main-body slides
    deck = "ten-minutes/hawkish/deck.pptx"
    profile = library.audiences["hawkish"]
    before = tailor(library, profile, ten)
    assert record_decks(tmp_path, {deck: (before, library)}) == {}
    changed = with_new_threat(library)
    after = tailor(changed, profile, ten)
    left = [(s.title, v) for s in before.sections for v in s.items
            if v.id not in {i.id for t in after.sections for i in t.items}]
    assert left and all(v.id in {b.id for b in after.backup} for _, v in left)
    threats = after.section("threats").title
    expected = [f'+ {threats}: "Hypersonic glide vehicles" entered the main body: new in the library']
    for title, v in left:
        (pushed,) = [b for b in after.backup if b.id == v.id]
        assert pushed.why.rule == "budget"
        took = '; "Hypersonic glide vehicles" took its place' if title == threats else ""
        expected.append(f'- {title}: "{v.title}" left the main body: moved to backup by the length budget of 8 '
                        f'main-body slides{took}')
    lines = [c.line for c in record_decks(tmp_path, {deck: (after, changed)})[deck]]
    assert [line for line in lines if not line.startswith("~")] == expected


def test_a_section_the_length_budget_has_no_room_for_says_so_for_each_of_its_items(tmp_path: Path) -> None:
    from briefgen.load.briefings import load_briefings
    from briefgen.load.model import Length
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "ten-minutes")
    library = load_library(root / "content").library
    ten = replace(load_briefings(root / "briefings", library)[0].briefing, sections=None)
    profile = library.audiences["hawkish"]
    roomy = tailor(library, profile, replace(ten, length=Length(main_slides=14)))
    tight = tailor(library, profile, replace(ten, length=Length(main_slides=8)))
    gone = [s for s in roomy.sections if s.items and tight.section(s.key) is None]
    assert [s.key for s in gone] == ["options", "risks"]
    record_decks(tmp_path, {DECK: (roomy, library)})
    lines = [c.line for c in record_decks(tmp_path, {DECK: (tight, library)})[DECK]]
    why = "moved to backup with its whole section: the length budget of 8 main-body slides has no room for the section"
    for s in gone:
        assert [line for line in lines if line.startswith(f"- {s.title}: ")] == \
            [f'- {s.title}: "{v.title}" left the main body: {why}' for v in s.items]


def test_an_item_omitted_before_that_now_leads_is_new_in_the_brief_not_in_the_library(tmp_path: Path, library) -> None:
    omitted = replace(library.threats[-1], emphasis=FrozenMap({**library.threats[-1].emphasis, "hawkish": 0}))
    before = replace(library, threats=library.threats[:-1] + (omitted,))
    record(tmp_path, before)
    leads = replace(omitted, emphasis=FrozenMap({**omitted.emphasis, "hawkish": 3}))
    lines = [c.line for c in record(tmp_path, replace(library, threats=library.threats[:-1] + (leads,)))]
    title = view(library).section("threats").title
    assert f'+ {title}: "{omitted.title}" entered the main body: new in the brief' in lines
    # and the other way: its emphasis back to 0 says so
    lines = [c.line for c in record(tmp_path, before)]
    assert f'- {title}: "{omitted.title}" left the main body: this room\'s emphasis for it is now 0 (omitted)' in lines


def test_an_item_the_briefings_focus_leaves_out_or_whose_section_is_dropped_says_so(tmp_path: Path, library) -> None:
    from briefgen.load.model import Focus

    profile = library.audiences["hawkish"]
    first = view(library).section("threats").items[0]
    title = view(library).section("threats").title
    record(tmp_path, library)
    narrowed = replace(library.briefing, exclude=Focus(ids=(first.id,)))
    deck = {DECK: (tailor(library, profile, narrowed), library)}
    assert f'- {title}: "{first.title}" left the main body: left out by this briefing\'s focus (include / exclude)' \
        in [c.line for c in record_decks(tmp_path, deck)[DECK]]
    record(tmp_path, library)
    no_threats = replace(library.briefing, sections=("options", "decisions"))
    lines = [c.line for c in record_decks(tmp_path, {DECK: (tailor(library, profile, no_threats), library)})[DECK]]
    assert f'- {title}: "{first.title}" left the main body: moved to backup: this room\'s brief no longer shows its ' \
           f'section' in lines
    assert all("entered" not in line for line in lines)


def test_a_backup_item_without_a_recorded_reason_is_only_said_to_have_moved(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    before = view(library)
    section = before.section("threats")
    moved = replace(section.items[-1], role="backup", why=None)
    after = replace(before, sections=tuple(replace(s, items=s.items[:-1]) if s.key == "threats" else s
                                           for s in before.sections), backup=(moved,) + before.backup)
    lines = [c.line for c in record_decks(tmp_path, {DECK: (after, library)})[DECK]]
    assert lines == [f'- {section.title}: "{moved.title}" left the main body: moved to backup']


def test_a_record_entry_keeps_its_audience_and_changes_and_reads_back_defaults(tmp_path: Path, library) -> None:
    assert Change.from_dict({}) == Change("", ())
    assert Change.from_dict({"line": 3, "detail": [1, "b"]}) == Change("3", ("1", "b"))
    assert Change("x", ("a",)).to_dict() == {"line": "x", "detail": ["a"]}
    record(tmp_path, library)
    record(tmp_path, library, "dovish")
    data = json.loads((tmp_path / DECK_RECORD).read_text(encoding="utf-8"))
    assert data["tool"] == "briefgen" and sorted(data["decks"]) == ["dovish/brief.pptx", DECK]
    entry = data["decks"][DECK]
    assert (entry["audience"], entry["first"], entry["changes"]) == ("hawkish", True, [])
    assert entry["library"] == sorted(i.id for i in library.all_items())
    structure = entry["structure"]
    hawkish = view(library)
    assert structure["backup"] == [i.id for i in hawkish.backup]
    assert structure["sections"][1] == {"key": hawkish.sections[1].key, "title": hawkish.sections[1].title,
                                        "main": [i.id for i in hawkish.sections[1].items]}
    assert structure["titles"][hawkish.backup[0].id] == hawkish.backup[0].title
    data["decks"]["broken.pptx"] = "not an entry"
    (tmp_path / DECK_RECORD).write_text(json.dumps(data), encoding="utf-8")
    assert [key for key, _, _ in recorded_changes(tmp_path)] == ["dovish/brief.pptx", DECK]
    assert [key for key, _, _ in recorded_changes(tmp_path, ["dovish", "neutral"])] == ["dovish/brief.pptx"]


def test_an_item_up_from_backup_with_none_displaced_and_an_outranking_item_named_by_id(tmp_path: Path,
                                                                                       library) -> None:
    from briefgen.tailor.view import BackupReason

    record(tmp_path, library)
    before = view(library)
    section = before.section("threats")
    up = next(i for i in before.backup if i.kind == "threats")
    grown = replace(before, sections=tuple(replace(s, items=s.items + (replace(up, role="normal", why=None),))
                                           if s.key == "threats" else s for s in before.sections),
                    backup=tuple(i for i in before.backup if i.id != up.id))
    assert [c.line for c in record_decks(tmp_path, {DECK: (grown, library)})[DECK]] == \
        [f'+ {section.title}: "{up.title}" entered the main body: moved up from backup']
    last = grown.section("threats").items[-1]
    limited = replace(grown, sections=before.sections,
                      backup=(replace(last, role="backup", why=BackupReason("limit", ("thr-gone",))),) + grown.backup)
    assert [c.line for c in record_decks(tmp_path, {DECK: (limited, library)})[DECK]] == \
        [f'- {section.title}: "{last.title}" left the main body: moved to backup by the section limit of '
         f'{library.audiences["hawkish"].max_main}; "thr-gone" outranked it']


def test_a_recorded_deck_without_changes_reads_as_none(tmp_path: Path) -> None:
    (tmp_path / DECK_RECORD).write_text(json.dumps({"decks": {DECK: {"audience": "hawkish"}}}), encoding="utf-8")
    assert recorded_changes(tmp_path) == [(DECK, False, [])]


def test_without_a_record_there_are_no_recorded_changes(tmp_path: Path) -> None:
    assert recorded_changes(tmp_path) == []


def test_an_order_change_below_the_top_of_a_section_is_not_reported_and_one_within_it_is(tmp_path: Path,
                                                                                        library) -> None:
    record(tmp_path, library)
    before = view(library)
    section = before.section("threats")
    assert len(section.items) > TOP + 1

    def reordered(order: list[int]):
        items = tuple(section.items[n] for n in order) + section.items[len(order):]
        return replace(before, sections=tuple(replace(s, items=items) if s.key == "threats" else s
                                              for s in before.sections))

    below = list(range(TOP)) + [TOP + 1, TOP]  # the first TOP items stay, the next two swap
    assert record_decks(tmp_path, {DECK: (reordered(below), library)}) == {}
    within = [0, 2, 1]
    titles = [f'"{section.items[n].title}"' for n in range(3)]
    assert [c.line for c in record_decks(tmp_path, {DECK: (reordered(within), library)})[DECK]] == [
        f"~ {section.title}: the first items now run {titles[0]}, {titles[2]} and {titles[1]} "
        f"(were {titles[0]}, {titles[1]} and {titles[2]})"]


def test_a_record_larger_than_its_cap_is_not_read(tmp_path: Path) -> None:
    entry = {"decks": {DECK: {"audience": "hawkish", "first": False, "changes": [{"line": "+ x"}]}}, "pad": ""}
    size = len(json.dumps(entry))
    entry["pad"] = "x" * (MAX_RECORD_BYTES - size)
    (tmp_path / DECK_RECORD).write_text(json.dumps(entry), encoding="utf-8")
    assert (tmp_path / DECK_RECORD).stat().st_size == MAX_RECORD_BYTES
    assert recorded_changes(tmp_path) == [(DECK, False, [Change("+ x")])]
    entry["pad"] += "x"
    (tmp_path / DECK_RECORD).write_text(json.dumps(entry), encoding="utf-8")
    assert recorded_changes(tmp_path) == []
    assert MAX_RECORD_BYTES == 16 * 1024 * 1024


def test_a_record_that_did_not_change_is_not_written_again(tmp_path: Path, library) -> None:
    record(tmp_path, library)
    written = (tmp_path / DECK_RECORD).stat()
    record(tmp_path, library)
    again = (tmp_path / DECK_RECORD).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    text = (tmp_path / DECK_RECORD).read_text(encoding="utf-8")
    assert json.loads(text)["tool"] == "briefgen" and text.endswith("}\n")


def test_the_record_keeps_text_as_written_and_its_decks_in_order(tmp_path: Path, library) -> None:
    briefing = replace(library.briefing, bluf=FrozenMap({**library.briefing.bluf, "hawkish": "Agir vite — maintenant."}))
    accented = replace(library, briefing=briefing)
    record_decks(tmp_path, {"z/brief.pptx": (view(accented), accented), DECK: (view(accented), accented)})
    text = (tmp_path / DECK_RECORD).read_text(encoding="utf-8")
    assert '"bluf": "Agir vite — maintenant."' in text
    assert list(json.loads(text)["decks"]) == [DECK, "z/brief.pptx"]
    # indented, keys in order: two builds' records differ line by line, where they differ
    assert text.startswith('{\n  "decks": {\n    "hawkish/brief.pptx": {\n      "audience": "hawkish",\n')
    assert list(json.loads(text)["decks"][DECK]) == sorted(json.loads(text)["decks"][DECK])


def test_a_record_that_leads_to_an_input_or_out_of_the_project_is_refused(tmp_path: Path, library) -> None:
    project = tmp_path / "project"
    out = project / "out"
    out.mkdir(parents=True)
    mine = project / "notes.txt"
    mine.write_text("my notes", encoding="utf-8")
    (out / DECK_RECORD).symlink_to(mine)
    decks = {DECK: (view(library), library)}
    with pytest.raises(BuildError) as err:
        record_decks(out, decks, (mine,), project)
    assert err.value.problems[0].field == "output"
    assert mine.read_text(encoding="utf-8") == "my notes"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "linked").symlink_to(elsewhere)
    with pytest.raises(BuildError) as outside:
        record_decks(project / "linked", decks, (), project)
    assert "refusing to write outside the project" in outside.value.problems[0].message
    assert list(elsewhere.iterdir()) == []


def test_an_item_the_length_budget_moved_with_none_taking_its_place_says_only_the_budget(tmp_path: Path,
                                                                                       library) -> None:
    from briefgen.tailor.view import BackupReason

    record(tmp_path, library)
    before = view(library)
    section = before.section("threats")
    last = section.items[-1]
    shorter = replace(before, main_budget=6,
                      sections=tuple(replace(s, items=s.items[:-1]) if s.key == "threats" else s
                                     for s in before.sections),
                      backup=(replace(last, role="backup", why=BackupReason("budget")),) + before.backup)
    assert [c.line for c in record_decks(tmp_path, {DECK: (shorter, library)})[DECK]] == [
        f'- {section.title}: "{last.title}" left the main body: moved to backup by the length budget of 6 '
        f'main-body slides']


def test_a_record_of_a_deck_without_sections_or_titles_is_compared_as_far_as_it_goes(tmp_path: Path,
                                                                                    library) -> None:
    # a record written by hand or by an older briefgen: what it lacks counts as empty
    now = view(library)
    (tmp_path / DECK_RECORD).write_text(json.dumps({"decks": {DECK: {"structure": {"bluf": "Old."}}}}),
                                        encoding="utf-8")
    entered = [f'+ {s.title}: "{i.title}" entered the main body: new in the library'
               for s in now.sections if s.key in KINDS for i in s.items]
    assert [c.line for c in record(tmp_path, library)] == entered + ["~ The bottom line up front changed"]
    data = json.loads((tmp_path / DECK_RECORD).read_text(encoding="utf-8"))
    del data["decks"][DECK]["structure"]["titles"]
    (tmp_path / DECK_RECORD).write_text(json.dumps(data), encoding="utf-8")
    gone = now.section("threats").items[0]
    without = replace(library, threats=tuple(t for t in library.threats if t.id != gone.id))
    lines = [c.line for c in record(tmp_path, without)]
    title = now.section("threats").title
    assert f'- {title}: "{gone.id}" left the main body: removed from the library' in lines
    leader = view(without).section("threats").items[0]
    assert f'~ {title}: now leads with "{leader.title}" (was "{gone.id}")' in lines


def test_a_recorded_section_without_its_title_or_main_body_is_named_by_its_key_and_counts_as_empty(
        tmp_path: Path, library) -> None:
    from briefgen.load.model import Focus

    record(tmp_path, library)
    data = json.loads((tmp_path / DECK_RECORD).read_text(encoding="utf-8"))
    sections = {s["key"]: s for s in data["decks"][DECK]["structure"]["sections"]}
    del sections["threats"]["title"], sections["options"]["main"]
    (tmp_path / DECK_RECORD).write_text(json.dumps(data), encoding="utf-8")
    profile = library.audiences["hawkish"]
    now = tailor(library, profile, replace(library.briefing, exclude=Focus(kinds=("threats",))))
    assert now.section("threats") is None
    lines = [c.line for c in record_decks(tmp_path, {DECK: (now, library)})[DECK]]
    threats = view(library).section("threats").items
    options = now.section("options")
    assert [line for line in lines if line.startswith("- ")] == [
        f'- threats: "{i.title}" left the main body: left out by this briefing\'s focus (include / exclude)'
        for i in threats]
    assert [line for line in lines if line.startswith("+ ")] == [
        f'+ {options.title}: "{i.title}" entered the main body: new in the brief' for i in options.items]


def test_an_unchanged_deck_does_not_stop_the_next_deck_from_being_compared(tmp_path: Path, library) -> None:
    decks = {"a/brief.pptx": (view(library), library), "b/brief.pptx": (view(library, "dovish"), library)}
    record_decks(tmp_path, decks)
    changed = with_new_threat(library)
    found = record_decks(tmp_path, {**decks, "b/brief.pptx": (view(changed, "dovish"), changed)})
    assert list(found) == ["b/brief.pptx"]
    assert found["b/brief.pptx"][0].line.endswith('"Hypersonic glide vehicles" entered the main body: new in the library')
    assert [key for key, _, changes in recorded_changes(tmp_path) if changes] == ["b/brief.pptx"]
