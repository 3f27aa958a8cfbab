"""Tests of briefgen.load.briefings: named briefings over the library's, validated like all content."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefgen.errors import ContentError
from briefgen.load.briefings import is_past, load_briefings, resolved_date
from briefgen.load.library import load_library
from tests.support.meetings import meeting_project


def briefings_of(root: Path) -> dict:
    lib = load_library(root / "content").library
    return {b.name: b for b in load_briefings(root / "briefings", lib)}


def problems(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(root)
    lib = load_library(root / "content").library
    with pytest.raises(ContentError) as err:
        load_briefings(root / "briefings", lib)
    return [str(p) for p in err.value.problems]


def write(root: Path, name: str, text: str) -> None:
    (root / "briefings" / name).write_text(text, encoding="utf-8")


def test_fixture_briefings_load_in_name_order_and_inherit_the_librarys_fields(tmp_path: Path) -> None:
    named = briefings_of(meeting_project(tmp_path))
    assert list(named) == ["one-pager", "read-ahead", "taiwan", "ten-minutes"]
    ten = named["ten-minutes"].briefing
    assert ten.title == "Trilateral cooperation in ten minutes"
    assert ten.memo_for == "Senator's office"
    assert ten.memo_from == "Northeast Asia Policy Staff"  # inherited
    assert ten.classification == "UNCLASSIFIED"
    assert ten.length.minutes == 10 and ten.length.main_slides is None
    assert (ten.agenda, ten.dividers, ten.backup, ten.sources_slide) == (False, False, True, True)
    assert named["ten-minutes"].path == "briefings/ten-minutes.yaml" or \
        named["ten-minutes"].path.endswith("briefings/ten-minutes.yaml")


def test_a_briefings_own_bluf_replaces_the_librarys_for_the_audiences_that_inherit_it(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "taiwan")
    lib = load_library(root / "content").library
    taiwan = briefings_of(root)["taiwan"].briefing
    own = "Taiwan contingency planning and missile defence are where trilateral cooperation is tested first."
    # neutral is given; hawkish and dovish extend neutral but have their own in the library: the briefing's
    # own value (nearest in the chain) wins over the library's.
    assert taiwan.bluf == {"neutral": own, "hawkish": own, "dovish": own}
    assert taiwan.recommendation == lib.briefing.recommendation  # not set: the library's
    assert taiwan.include.tags == ("taiwan", "missile defense")
    assert taiwan.exclude.kinds == ("capabilities",)
    assert taiwan.sections == ("threats", "options", "risks", "decisions")


def test_an_empty_briefing_file_is_the_librarys_briefing(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "same.yaml", "")
    lib = load_library(root / "content").library
    assert briefings_of(root)["same"].briefing == lib.briefing


def test_no_briefings_folder_means_no_named_briefings(tmp_path: Path) -> None:
    lib = load_library(meeting_project(tmp_path, "none") / "content").library
    assert load_briefings(tmp_path / "nowhere", lib) == ()


def test_every_problem_of_every_briefing_at_once_with_did_you_mean(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "a.yaml", "audiences: [hawkis]\ninclude: {tags: [taiwn], ids: [thr-nk-missles]}\n"
                          "length: {minutes: 10, main_slides: 5}\nagenda: nope\n")
    write(root, "b.yaml", "sections: [threats, optons]\nbluf: {doveish: x}\ntitel: X\ndate: tomorrow\n")
    got = problems(root, monkeypatch)
    assert got == [
        "briefings/a.yaml:4:9: briefings.a.agenda: expected true or false, got 'nope'",
        "briefings/a.yaml:1:12: briefings.a.audiences[0]: unknown audience 'hawkis' (did you mean 'hawkish'?); "
        "audiences are: dovish, hawkish, neutral",
        "briefings/a.yaml:2:31: briefings.a.include.ids[0]: unknown item id 'thr-nk-missles' "
        "(did you mean 'thr-dprk-missiles'?)",
        "briefings/a.yaml:2:17: briefings.a.include.tags[0]: unknown tag 'taiwn' (did you mean 'taiwan'?); "
        "no item has it",
        "briefings/a.yaml:3:9: briefings.a.length: expected one of minutes or main_slides, got both",
        "briefings/b.yaml:3:1: briefings.b.titel: unknown field (did you mean 'title'?)",
        "briefings/b.yaml:4:7: briefings.b.date: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or today, "
        "got 'tomorrow'",
        "briefings/b.yaml:1:21: briefings.b.sections[1]: expected one of 'context', 'threats', 'capabilities', "
        "'options', 'risks', 'decisions', got 'optons' (did you mean 'options'?)",
        "briefings/b.yaml:2:7: briefings.b.bluf.doveish: unknown audience 'doveish' (did you mean 'dovish'?)",
    ]


def test_a_briefing_named_like_an_audience_or_a_device_is_refused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "hawkish.yaml", "")
    write(root, "con.yaml", "")
    write(root, "Big.yaml", "")
    assert [p.split(": ", 2)[2] for p in problems(root, monkeypatch)] == [
        "expected a file name of lower-case letters, digits and hyphens (it is the briefing's name), got 'Big'",
        "expected a file name every system allows (it is the briefing's name), got 'con' (Windows reserves it "
        "for a device; rename the file)",
        "expected a briefing name that is not an audience's, got 'hawkish' (its outputs would share the folder "
        "of that audience's; rename the file)",
    ]


def test_the_librarys_own_briefing_is_checked_the_same_way(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "none")
    path = root / "content" / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "exclude: {ids: [opt-nothing]}\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_library(root / "content")
    assert [p.message for p in err.value.problems if p.severity == "error"] == \
        ["unknown item id 'opt-nothing'"]  # no id is near it


def test_today_resolves_with_the_clock_given() -> None:
    assert resolved_date("today", datetime.date(2026, 12, 4)) == "2026-12-04"
    assert resolved_date("2026-12-10", datetime.date(2026, 12, 4)) == "2026-12-10"


@pytest.mark.parametrize("date, past", [("2026-12-03", True), ("2026-12-04", False), ("2026-11", True),
                                        ("2026-12", False), ("2025", True), ("2027-01-01", False)])
def test_a_date_is_past_only_when_wholly_before_today(date: str, past: bool) -> None:
    assert is_past(date, datetime.date(2026, 12, 4)) is past


def test_a_focus_is_not_judged_while_an_item_fails_its_own_checks(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "none")
    path = root / "content" / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "include: {ids: [thr-dprk-missiles]}\n", encoding="utf-8")
    threats = root / "content" / "threats.yaml"
    threats.write_text(threats.read_text(encoding="utf-8").replace("severity: 5", "severity: 9", 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_library(root / "content")
    assert [p.message for p in err.value.problems if p.severity == "error"] == ["expected an integer from 1 to 5, got 9"]


FORMATS = ("pptx", "docx", "md", "html", "pdf")


def test_a_briefings_own_formats_load_and_are_inherited_from_the_librarys(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "one-pager", "taiwan")
    lib = load_library(root / "content", formats=FORMATS).library
    named = {b.name: b.briefing for b in load_briefings(root / "briefings", lib, FORMATS)}
    assert named["one-pager"].formats == ("docx", "md")
    assert lib.briefing.formats is None and named["taiwan"].formats is None  # briefgen.yaml's
    path = root / "content" / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "formats: [pptx]\n", encoding="utf-8")
    lib = load_library(root / "content", formats=FORMATS).library
    named = {b.name: b.briefing for b in load_briefings(root / "briefings", lib, FORMATS)}
    assert (lib.briefing.formats, named["taiwan"].formats, named["one-pager"].formats) == \
        (("pptx",), ("pptx",), ("docx", "md"))


def test_unknown_or_no_formats_are_errors_with_did_you_mean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "a.yaml", "formats: [pptx, docs, PDF, odt]\n")
    write(root, "b.yaml", "formats: []\ntitel: X\n")
    monkeypatch.chdir(root)
    lib = load_library(root / "content").library
    with pytest.raises(ContentError) as err:
        load_briefings(root / "briefings", lib, FORMATS)
    assert [str(p) for p in err.value.problems] == [
        "briefings/a.yaml:1:10: briefings.a.formats[1]: unknown format 'docs' (did you mean 'docx'?); formats are: "
        "pptx, docx, md, html, pdf",
        "briefings/a.yaml:1:10: briefings.a.formats[2]: unknown format 'PDF'; formats are: pptx, docx, md, html, pdf",
        "briefings/a.yaml:1:10: briefings.a.formats[3]: unknown format 'odt'; formats are: pptx, docx, md, html, pdf",
        "briefings/b.yaml:2:1: briefings.b.titel: unknown field (did you mean 'title'?)",
        "briefings/b.yaml:1:10: briefings.b.formats: expected at least one of pptx, docx, md, html, pdf, got none "
        "(leave the field out for briefgen.yaml's formats)",
    ]


def test_the_librarys_own_formats_are_checked_when_the_writers_list_is_given(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "none")
    path = root / "content" / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "formats: [pptx, htm]\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_library(root / "content", formats=FORMATS)
    assert [(p.field, p.message) for p in err.value.problems if p.severity == "error"] == \
        [("briefing.formats[1]", "unknown format 'htm' (did you mean 'html'?); formats are: pptx, docx, md, html, pdf")]
    assert load_library(root / "content").library.briefing.formats == ("pptx", "htm")  # no list given: not judged


def test_the_librarys_own_briefing_is_named_default_and_found_beside_the_content(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.load.briefings import NamedBriefing, default_briefing

    root = meeting_project(tmp_path, "none")
    monkeypatch.chdir(root)
    lib = load_library("content").library
    own = default_briefing(lib)
    assert (own.name, own.path, own.label, own.briefing) == ("", "content/briefing.yaml", "default", lib.briefing)
    assert NamedBriefing("senator", "briefings/senator.yaml", lib.briefing).label == "senator"


def test_only_yaml_files_of_a_briefings_folder_are_briefings_and_anything_else_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.load.briefings import briefing_files
    from briefgen.load.schema import Context

    root = meeting_project(tmp_path, "none")
    folder = root / "briefings"
    write(root, "b.yml", "")
    write(root, "a.yaml", "")
    write(root, "notes.txt", "not a briefing")
    (folder / "c.yaml").mkdir()
    monkeypatch.chdir(root)
    ctx = Context()
    assert [p.name for p in briefing_files(folder, ctx)] == ["a.yaml", "b.yml"]
    assert [str(p) for p in ctx.problems] == ["briefings/c.yaml: expected a YAML file, got a folder"]
    assert [p.name for p in briefing_files(folder)] == ["a.yaml", "b.yml"]  # without a context: skipped quietly
    assert briefing_files(root / "nowhere", ctx) == []
    (root / "not-a-folder").write_text("", encoding="utf-8")
    assert briefing_files(root / "not-a-folder", ctx) == [] and briefing_files(root / "not-a-folder") == []
    assert str(ctx.problems[-1]) == "not-a-folder: expected a folder of briefings (NAME.yaml), got a file"
    assert len(ctx.problems) == 2


def test_one_briefing_twice_or_a_name_too_long_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "senator.yaml", "")
    write(root, "senator.yml", "")
    long = "x" * 65
    write(root, f"{long}.yaml", "")
    assert problems(root, monkeypatch) == [
        "briefings/senator.yaml: briefings: expected one file per briefing, got 'senator' twice (.yaml and .yml); "
        "keep one",
        "briefings/senator.yml: briefings: expected one file per briefing, got 'senator' twice (.yaml and .yml); "
        "keep one",
        f"briefings/{long}.yaml: briefings: expected a file name of at most 64 characters, got 65 (shorten it) (it "
        f"is the briefing's name)",
    ]


def test_an_empty_focus_and_a_length_with_neither_field_are_errors(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "a.yaml", "include: {}\nlength: {}\n")
    assert problems(root, monkeypatch) == [
        "briefings/a.yaml:1:10: briefings.a.include: expected at least one of kinds, tags or ids, got none",
        "briefings/a.yaml:2:9: briefings.a.length: expected one of minutes or main_slides, got neither",
    ]


def test_a_briefings_fields_replace_the_librarys_and_its_own_words_follow_the_audience_chain(tmp_path: Path) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "a.yaml", "title: Own title\nagenda: false\ndecisions: {hawkish: [Decide now]}\n"
                          "recommendation: {neutral: Own advice}\n")
    lib = load_library(root / "content").library
    a = briefings_of(root)["a"].briefing
    assert (a.title, a.agenda, a.dividers, a.date) == ("Own title", False, True, lib.briefing.date)
    assert a.decisions["hawkish"] == ("Decide now",)
    assert a.decisions["dovish"] == lib.briefing.decisions["dovish"]  # none of its own: the library's
    # neutral's own advice reaches the rooms that extend neutral and have none nearer in the briefing
    assert a.recommendation == {"neutral": "Own advice", "hawkish": "Own advice", "dovish": "Own advice"}
    assert a.loc.file.endswith("briefings/a.yaml") and a.locs["title"].line == 1
    assert a.locs["bluf"] == lib.briefing.locs["bluf"]  # not set: where the library's is


def test_a_files_names_are_judged_even_when_another_files_same_field_failed(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "a.yaml", "include: nope\n")
    write(root, "b.yaml", "agenda: nope\ninclude: {tags: [taiwn]}\n")
    (root / "briefings" / "c.yaml").mkdir()
    assert problems(root, monkeypatch) == [
        "briefings/c.yaml: expected a YAML file, got a folder",
        "briefings/a.yaml:1:10: briefings.a.include: expected a mapping, got 'nope'",
        "briefings/b.yaml:1:9: briefings.b.agenda: expected true or false, got 'nope'",
        "briefings/b.yaml:2:17: briefings.b.include.tags[0]: unknown tag 'taiwn' (did you mean 'taiwan'?); "
        "no item has it",
    ]


def test_a_named_briefings_markings_are_checked_against_the_scheme(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = meeting_project(tmp_path, "none")
    write(root, "a.yaml", "classification: UNCLASIFIED\n")
    assert problems(root, monkeypatch) == [
        "briefings/a.yaml:1:17: briefings.a.classification: expected one of the marking scheme's banners "
        "UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET, got 'UNCLASIFIED' (did you mean 'UNCLASSIFIED'?)"]
