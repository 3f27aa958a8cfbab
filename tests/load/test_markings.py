"""Tests of briefgen.load.markings: the marking scheme in briefgen.yaml (or the default for U.S. use) and the
markings content carries, each problem reported at once with file:line:col and a suggestion."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefgen import api
from briefgen.errors import ConfigError, ContentError, Loc
from briefgen.load.library import load_library
from briefgen.load.markings import (
    US_SCHEME,
    Marking,
    MarkingChecker,
    MarkingScheme,
    check_markings,
    check_scheme,
    parse_control,
    portions_of,
)
from briefgen.load.schema import Context, convert
from briefgen.load.yamlsource import parse_text
from briefgen.project import load_project
from tests.support.fixture_projects import make_project


def error_lines(exc: pytest.ExceptionInfo, root: Path) -> list[str]:
    """The error's lines with the project folder taken off their paths."""
    return [line.split("/" + root.name + "/", 1)[-1] for line in exc.value.lines()]


def test_without_a_scheme_the_default_for_us_use_applies(tmp_path: Path) -> None:
    project = load_project(make_project(tmp_path / "proj"))
    scheme = project.markings
    assert scheme is US_SCHEME
    assert [(lv.banner_text, lv.portion, lv.colour, lv.text_colour) for lv in scheme.levels] == [
        ("UNCLASSIFIED", "U", "007A33", "FFFFFF"), ("CUI", "CUI", "502B85", "FFFFFF"),
        ("CONFIDENTIAL", "C", "0033A0", "FFFFFF"), ("SECRET", "S", "C8102E", "FFFFFF"),
        ("TOP SECRET", "TS", "FF8C00", "000000")]
    assert [(c.name, c.portion, c.countries, c.excludes) for c in scheme.controls] == [
        ("NOFORN", "NF", False, ("REL TO",)), ("REL TO", None, True, ())]
    assert scheme.countries == ("USA", "AUS", "CAN", "GBR", "NZL")


def test_a_project_replaces_the_scheme_with_its_own(tmp_path: Path) -> None:
    scheme = load_project(make_project(tmp_path / "proj", "markings-fictional")).markings
    assert [(lv.name, lv.banner_text, lv.portion, lv.colour, lv.text_colour) for lv in scheme.levels] == [
        ("OPEN", "OPEN", "O", "2E7D32", "FFFFFF"), ("GUARDED", "GUARDED MATERIAL", "G", "1565C0", "FFFFFF"),
        ("SEALED", "SEALED", "SL", "6A1B9A", "FFFF00")]
    assert [lv.name for lv in sorted(scheme.levels, key=scheme.rank)] == ["OPEN", "GUARDED", "SEALED"]
    assert scheme.level("SECRET") is None and scheme.level_by_banner("GUARDED MATERIAL").name == "GUARDED"
    assert parse_control(scheme, "SHARE WITH ARN, CRD") == ("SHARE WITH", ("ARN", "CRD"))
    assert parse_control(scheme, "HOUSE ONLY") == ("HOUSE ONLY", ())
    assert parse_control(scheme, "NOFORN") == "unknown control 'NOFORN'; controls are: HOUSE ONLY, SHARE WITH"


def test_a_scheme_with_bad_fields_reports_each_where_it_is(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "bad-markings-scheme-fields")
    with pytest.raises(ConfigError) as exc:
        load_project(root)
    assert error_lines(exc, root) == [
        'briefgen.yaml:4:40: markings.levels[0].colour: expected a colour as six hex digits, e.g. "C8102E", '
        "got 'green'",
        "briefgen.yaml:5:53: markings.levels[1].colur: unknown field (did you mean 'colour'?)",
        "briefgen.yaml:7:37: markings.controls[0].countries: expected true or false, got 'yes please'",
        "briefgen.yaml:8:14: markings.countries: expected a list of texts, got 'ARN'"]


def test_a_scheme_naming_things_twice_or_an_unknown_control_is_refused_whole(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "bad-markings-scheme")
    with pytest.raises(ConfigError) as exc:
        load_project(root)
    assert error_lines(exc, root) == [
        "briefgen.yaml:5:14: markings.levels[1].name: level name 'OPEN' given twice; expected each once",
        "briefgen.yaml:5:7: markings.levels[1].banner: banner 'OPEN' given twice; expected each once",
        "briefgen.yaml:5:29: markings.levels[1].portion: portion abbreviation 'O' given twice; expected each once",
        "briefgen.yaml:9:20: markings.countries[1]: country code 'ARN' given twice; expected each once",
        "briefgen.yaml:7:37: markings.controls[0].excludes[0]: unknown control 'SHARE WIHT' (did you mean "
        "'SHARE WITH'?); controls are: HOUSE ONLY, SHARE WITH"]


def test_marked_content_loads_against_the_projects_scheme(tmp_path: Path) -> None:
    loaded = api.load(make_project(tmp_path / "proj", "markings-fictional"))
    lib = loaded.library
    assert lib.markings is loaded.project.markings
    assert (lib.briefing.classification, lib.briefing.max_marking) == ("OPEN", "SEALED")
    missiles, bloc = lib.threats
    assert (missiles.marking, missiles.controls) == ("GUARDED", ("SHARE WITH ARN, BLF",))
    assert (missiles.points[0].marking, missiles.points[0].controls) == ("GUARDED", ("SHARE WITH BLF, CRD",))
    assert (bloc.marking, bloc.points[0].quote_marking, bloc.points[0].quote_controls) == \
        (None, "SEALED", ("HOUSE ONLY",))


def test_the_same_content_under_the_default_scheme_names_every_unknown_marking(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "markings-fictional")
    with pytest.raises(ContentError) as exc:
        load_library(root / "content")
    lines = error_lines(exc, root)
    assert lines[0] == "content/briefing.yaml:3:17: briefing.classification: expected one of the marking " \
                       "scheme's banners UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET, got 'OPEN'"
    assert "content/threats.yaml:8:12: threats[0].marking: unknown marking 'GUARDED'; levels are: UNCLASSIFIED, " \
           "CUI, CONFIDENTIAL, SECRET, TOP SECRET" in lines


def test_every_marking_problem_of_the_content_is_reported_at_once(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "bad-markings-content")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    levels = "levels are: UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET"
    assert error_lines(exc, root) == [
        "content/briefing.yaml:3:17: briefing.classification: expected one of the marking scheme's banners "
        "UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET, got 'UNCLASIFIED' (did you mean 'UNCLASSIFIED'?)",
        "content/events.yaml:14:12: events[2].marking: marking 'SECRET' is above the maximum of "
        "briefing, 'CONFIDENTIAL': raise its max_marking or remove this portion",
        f"content/threats.yaml:8:12: threats[0].marking: unknown marking 'SECERT' (did you mean 'SECRET'?); {levels}",
        "content/threats.yaml:9:14: threats[0].controls[0]: unknown control 'NOFORM' (did you mean 'NOFORN'?); "
        "controls are: NOFORN, REL TO",
        "content/threats.yaml:9:22: threats[0].controls[1]: unknown country code 'GBP' in 'REL TO USA, GBP' (did "
        "you mean 'GBR'?); the scheme declares: USA, AUS, CAN, GBR, NZL",
        "content/threats.yaml:9:41: threats[0].controls[2]: expected country codes after 'REL TO', e.g. "
        "REL TO USA, AUS",
        "content/threats.yaml:15:22: threats[0].points[0].quote_marking: unknown marking 'TOP SECERT' (did you mean "
        f"'TOP SECRET'?); {levels}"]


def test_a_portion_above_the_default_maximum_is_refused(tmp_path: Path) -> None:
    """Without max_marking the briefing's classification is the highest a portion may carry."""
    root = make_project(tmp_path / "proj")
    events = root / "content" / "events.yaml"
    events.write_text(events.read_text() + "  marking: CUI\n", encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    assert error_lines(exc, root) == [
        "content/events.yaml:10:12: events[1].marking: marking 'CUI' is above the maximum of "
        "briefing, 'UNCLASSIFIED': raise its max_marking or remove this portion"]


def test_a_named_briefing_lowering_the_maximum_is_checked_against_the_portions(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "markings-fictional")
    (root / "briefings").mkdir()
    (root / "briefings" / "open-day.yaml").write_text("max_marking: OPEN\n", encoding="utf-8")
    loaded = api.load(root)
    with pytest.raises(ContentError) as exc:
        api.briefings(loaded)
    lines = error_lines(exc, root)
    assert lines[0] == "content/threats.yaml:8:12: threats[0].marking: marking 'GUARDED' is above the maximum of " \
                       "briefings.open-day, 'OPEN': raise its max_marking or remove this portion"
    assert len(lines) == 3  # the threat, its fact, the other threat's quote


def test_an_audiences_releasable_to_is_inherited_and_each_unknown_country_named_at_its_entry(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "markings-releasable")
    lib = api.load(root).library
    assert (lib.audiences["visitors"].releasable_to, lib.audiences["neutral"].releasable_to) == (("ARN", "BLF"), ())
    assert lib.markings.release_up_to == "GUARDED"
    (root / "content" / "audiences" / "guests.yaml").write_text(
        "label: Guests\nextends: visitors\n", encoding="utf-8")
    assert api.load(root).library.audiences["guests"].releasable_to == ("ARN", "BLF")
    (root / "content" / "audiences" / "visitors.yaml").write_text(
        "label: Visiting delegation\nextends: neutral\nreleasable_to: [ARN, BLG, USA]\n", encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    assert error_lines(exc, root) == [
        "content/audiences/visitors.yaml:3:22: audiences.visitors.releasable_to[1]: unknown country code 'BLG' "
        "(did you mean 'BLF'?); the marking scheme declares: ARN, BLF, CRD",
        "content/audiences/visitors.yaml:3:27: audiences.visitors.releasable_to[2]: unknown country code 'USA'; "
        "the marking scheme declares: ARN, BLF, CRD"]


def test_a_release_limit_that_is_no_level_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "markings-releasable")
    config = root / "briefgen.yaml"
    config.write_text(config.read_text().replace("release_up_to: GUARDED", "release_up_to: GAURDED"), "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_project(root)
    assert error_lines(exc, root) == [
        "briefgen.yaml:11:18: markings.release_up_to: unknown level 'GAURDED' (did you mean 'GUARDED'?); levels are: "
        "OPEN, GUARDED, SEALED"]


def test_a_cui_portion_needs_the_briefings_designation_indicator_whose_fields_are_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "markings-cui")
    briefing = api.load(root).library.briefing
    assert (briefing.cui.controlled_by, briefing.cui.category, briefing.cui.dissemination, briefing.cui.poc) == (
        ("Department of Examples", "Office of Fictional Analysis"), "OPSEC", "FEDCON", "Test Analyst, (555) 010-0100")
    path = root / "content" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("cui:"), text.index("organisation:")
    path.write_text(text[:start] + "cui: {controlled_by: [], category: OPSEC, poc: Someone}\n" + text[end:], "utf-8")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    assert error_lines(exc, root) == [
        "content/briefing.yaml:5:22: briefing.cui.controlled_by: expected at least 1 item(s), got 0",
        "content/briefing.yaml:5:6: briefing.cui.dissemination: missing required field (expected a text)"]
    path.write_text(text[:start] + text[end:], "utf-8")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    assert error_lines(exc, root) == [
        "content/briefing.yaml:1:1: briefing.cui: missing: threats[1].points[0].marking is CUI, which calls for the designation indicator: add cui: {controlled_by: [AGENCY, OFFICE], category: ..., "
        "dissemination: ..., poc: ...}"]


def test_a_cui_briefing_needs_the_indicator_even_with_no_marked_portion(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    path = root / "content" / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("classification: UNCLASSIFIED", "classification: CUI"),
                    "utf-8")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    assert error_lines(exc, root)[0].startswith(
        "content/briefing.yaml:1:1: briefing.cui: missing: briefing.classification is CUI, which calls for")


def test_portion_marks_with_an_unmarked_portion_name_each_at_its_place(tmp_path: Path) -> None:
    """Portion marks are all or nothing: the briefing's classification does not count as a portion's marking."""
    root = make_project(tmp_path / "proj", "markings-portion-marks")
    threats = root / "content" / "threats.yaml"
    text = threats.read_text(encoding="utf-8")
    threats.write_text(text.replace("  marking: UNCLASSIFIED\n", "", 1)
                       .replace("      marking: UNCLASSIFIED\n      source: src-b\n", "      source: src-b\n"),
                       encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        api.load(root)
    advice = ("expected a marking: the briefing turns portion marks on (portion_marks: true), so every item, fact, "
              "quote, picture and event gives its own (the briefing's classification does not count); add {}: "
              "UNCLASSIFIED, or turn portion marks off")
    assert error_lines(exc, root) == [
        "content/threats.yaml:1:3: threats[0].marking: " + advice.format("marking"),
        "content/threats.yaml:25:7: threats[1].points[0].marking: " + advice.format("marking")]


def test_portion_marks_with_every_portion_marked_load(tmp_path: Path) -> None:
    loaded = api.load(make_project(tmp_path / "proj", "markings-portion-marks"))
    assert loaded.library.briefing.portion_marks is True


def test_a_named_briefing_turning_portion_marks_on_names_the_unmarked_portions(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", "markings-per-slide")
    (root / "briefings").mkdir()
    (root / "briefings" / "marked.yaml").write_text("portion_marks: true\n", encoding="utf-8")
    loaded = api.load(root)
    with pytest.raises(ContentError) as exc:
        api.briefings(loaded)
    lines = error_lines(exc, root)
    assert "content/events.yaml:1:3: events[0].marking: expected a marking: the briefing turns portion marks on " \
           "(portion_marks: true), so every item, fact, quote, picture and event gives its own (the briefing's " \
           "classification does not count); add marking: UNCLASSIFIED, or turn portion marks off" in lines
    assert not any("events[1]" in line or "options[1].marking" in line for line in lines)  # those are marked


# The checks on their own, on a scheme read from text and portions made for the test.

FICTIONAL = """\
levels:
  - {name: OPEN, portion: O, colour: 2E7D32}
  - {name: GUARDED, banner: GUARDED MATERIAL, portion: G, colour: "#1565c0"}
  - {name: SEALED, portion: SL, colour: 6A1B9A, text_colour: FFFF00}
controls:
  - {name: HOUSE ONLY, portion: HO, excludes: [SHARE WITH]}
  - {name: SHARE WITH, countries: true}
countries: [ARN, BLF, CRD]
"""


def _scheme(text: str) -> tuple[MarkingScheme, list[str]]:
    """The scheme ``text`` declares and the problems :func:`check_scheme` finds in it, one line each."""
    ctx = Context()
    scheme = convert(MarkingScheme, parse_text(text, "m.yaml"), "markings", ctx)
    if not ctx.problems:
        check_scheme(ctx, scheme)
    return scheme, [str(p) for p in ctx.problems]


def _portion(marking: str | None = None, controls: tuple = (), **extra) -> SimpleNamespace:
    """A portion with no located fields: problems are reported at its own position."""
    return SimpleNamespace(marking=marking, controls=controls, locs={}, loc=Loc("p.yaml", 7, 3), **extra)


def _briefing(classification: str = "OPEN", **extra) -> SimpleNamespace:
    return SimpleNamespace(classification=classification, locs={}, loc=Loc("b.yaml", 1, 1), **extra)


def test_colours_are_six_hex_digits_with_or_without_a_hash() -> None:
    scheme, problems = _scheme(FICTIONAL)
    assert ([lv.colour for lv in scheme.levels], problems) == (["2E7D32", "1565C0", "6A1B9A"], [])
    _, problems = _scheme(FICTIONAL.replace("2E7D32", "2E7D32#").replace("6A1B9A", "[6A1B9A]"))
    assert problems == [
        "m.yaml:2:38: markings.levels[0].colour: expected a colour as six hex digits, e.g. \"C8102E\", got '2E7D32#'",
        "m.yaml:4:41: markings.levels[2].colour: expected a colour as six hex digits, e.g. \"C8102E\", got a list"]


def test_names_given_twice_are_reported_where_each_is_written() -> None:
    text = FICTIONAL.replace("{name: SEALED, portion: SL,", "{name: SEALED, banner: GUARDED MATERIAL, portion: SL,") \
        .replace("  - {name: SHARE WITH, countries: true}\n",
                 "  - {name: SHARE WITH, countries: true}\n  - {portion: HO2, name: HOUSE ONLY}\n") \
        .replace("countries: [ARN, BLF, CRD]", "countries:\n  - ARN\n  - ARN")
    _, problems = _scheme(text)
    assert problems == [
        "m.yaml:4:28: markings.levels[2].banner: banner 'GUARDED MATERIAL' given twice; expected each once",
        "m.yaml:8:26: markings.controls[2].name: control name 'HOUSE ONLY' given twice; expected each once",
        "m.yaml:11:5: markings.countries[1]: country code 'ARN' given twice; expected each once"]


def test_a_control_excluding_an_unknown_one_is_reported_at_that_entry_of_its_excludes() -> None:
    _, problems = _scheme(FICTIONAL.replace("excludes: [SHARE WITH]", "excludes: [SHARE WIHT]"))
    assert problems == ["m.yaml:6:48: markings.controls[0].excludes[0]: unknown control 'SHARE WIHT' (did you mean "
                        "'SHARE WITH'?); controls are: HOUSE ONLY, SHARE WITH"]


def test_an_unknown_control_of_several_words_is_matched_by_its_first() -> None:
    scheme, _ = _scheme(FICTIONAL)
    assert parse_control(scheme, "HOUSE ONLI") == \
        "unknown control 'HOUSE ONLI' (did you mean 'HOUSE ONLY'?); controls are: HOUSE ONLY, SHARE WITH"
    assert parse_control(US_SCHEME, "NOFORM PLEASE DO NOT SHARE") == \
        "unknown control 'NOFORM PLEASE DO NOT SHARE' (did you mean 'NOFORN'?); controls are: NOFORN, REL TO"
    assert parse_control(US_SCHEME, "NOFORM") == \
        "unknown control 'NOFORM' (did you mean 'NOFORN'?); controls are: NOFORN, REL TO"
    no_countries, _ = _scheme(FICTIONAL.replace("countries: [ARN, BLF, CRD]", "countries: []"))
    assert parse_control(no_countries, "SHARE WITH ARN") == \
        "unknown country code 'ARN' in 'SHARE WITH ARN'; the scheme declares: none"


def test_a_checker_made_alone_names_the_briefing_and_falls_back_to_each_objects_position() -> None:
    scheme, _ = _scheme(FICTIONAL)
    ctx = Context()
    checker = MarkingChecker(ctx, scheme, _briefing(max_marking="GUARDED"))
    assert checker.maximum.name == "GUARDED"
    checker.check(_portion("SEALED", ("HOUSE ONLY", "SHARE WITH ZZZ")), "marking", "controls", "threats[0]")
    assert [str(p) for p in ctx.problems] == [
        "p.yaml:7:3: threats[0].marking: marking 'SEALED' is above the maximum of briefing, 'GUARDED': raise its "
        "max_marking or remove this portion",
        "p.yaml:7:3: threats[0].controls[1]: unknown country code 'ZZZ' in 'SHARE WITH ZZZ'; the scheme declares: "
        "ARN, BLF, CRD"]


def test_an_unknown_maximum_is_reported_and_the_classification_stays_the_maximum() -> None:
    scheme, _ = _scheme(FICTIONAL)
    ctx = Context()
    checker = MarkingChecker(ctx, scheme, _briefing("GUARDED MATERIAL", max_marking="GUARDED MATERIAL"), "named")
    checker.check(_portion("SEALED"), "marking", "controls", "events[1]")
    assert [str(p) for p in ctx.problems] == [
        "b.yaml:1:1: named.max_marking: expected one of the marking scheme's levels OPEN, GUARDED, SEALED, got "
        "'GUARDED MATERIAL' (did you mean 'GUARDED'?)",
        "p.yaml:7:3: events[1].marking: marking 'SEALED' is above the maximum of named, 'GUARDED': raise its "
        "max_marking or remove this portion"]


def test_a_briefing_without_a_maximum_field_is_capped_at_its_classification() -> None:
    scheme, _ = _scheme(FICTIONAL)
    ctx = Context()
    checker = MarkingChecker(ctx, scheme, _briefing("GUARDED MATERIAL"))
    assert (checker.default.name, checker.maximum.name, ctx.problems) == ("GUARDED", "GUARDED", [])


def test_a_portion_resolves_to_its_own_level_else_the_default_with_its_valid_controls() -> None:
    scheme, _ = _scheme(FICTIONAL)
    checker = MarkingChecker(Context(), scheme, _briefing("GUARDED MATERIAL"))
    assert checker.resolve(_portion("SEALED", ("SHARE WITH ARN, BLF", "HOUSE ONLY", "NOPE"))) == \
        Marking(scheme.levels[2], (("SHARE WITH", ("ARN", "BLF")), ("HOUSE ONLY", ())))
    assert checker.resolve(_portion()) == Marking(scheme.levels[1], ())
    quoted = _portion(quote_marking="OPEN", quote_controls=("HOUSE ONLY",))
    assert checker.resolve(quoted, "quote_marking", "quote_controls") == \
        Marking(scheme.levels[0], (("HOUSE ONLY", ()),))
    ctx = Context()
    lost = MarkingChecker(ctx, scheme, _briefing("GUARDED"))
    assert lost.resolve(_portion()) == Marking(scheme.levels[0], ())
    assert [str(p) for p in ctx.problems] == [
        "b.yaml:1:1: briefing.classification: expected one of the marking scheme's banners OPEN, GUARDED MATERIAL, "
        "SEALED, got 'GUARDED' (did you mean 'GUARDED MATERIAL'?)"]


def test_every_portion_of_an_item_with_a_picture_is_checked_under_its_path() -> None:
    scheme, _ = _scheme(FICTIONAL)
    point = SimpleNamespace(marking=None, controls=(), quote="Said.", quote_marking="BAD", quote_controls=(),
                            locs={}, loc=Loc("t.yaml", 5, 7))
    image = _portion("WRONG", ("NOPE",))
    item = _portion(points=(point,), image=image)
    assert [(o is image, m, c, w) for o, m, c, w in portions_of(item, "threats[0]")] == [
        (False, "marking", "controls", "threats[0]"), (False, "marking", "controls", "threats[0].points[0]"),
        (False, "quote_marking", "quote_controls", "threats[0].points[0]"),
        (True, "marking", "controls", "threats[0].image")]
    ctx = Context()
    check_markings(ctx, scheme, _briefing(max_marking="SEALED"), {"sources": [_portion("BAD")], "threats": [item]},
                   {id(item): "threats/missiles.yaml[0]"})
    assert [f"{p.field}: {p.message}" for p in ctx.problems] == [
        "threats/missiles.yaml[0].points[0].quote_marking: unknown marking 'BAD'; levels are: OPEN, GUARDED, SEALED",
        "threats/missiles.yaml[0].image.marking: unknown marking 'WRONG'; levels are: OPEN, GUARDED, SEALED",
        "threats/missiles.yaml[0].image.controls[0]: unknown control 'NOPE'; controls are: HOUSE ONLY, SHARE WITH"]
