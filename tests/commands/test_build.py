"""Tests of briefgen.commands.build: the build matrix, manifest, incremental skips, failure isolation."""
from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.commands.build import build_matrix, file_sha256
from briefgen.commands.plan import output_options
from briefgen.load.library import load_library
from briefgen.project import load_project
from briefgen.write.memo_origins import markdown_blocks
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES


@pytest.fixture()
def project_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    return tmp_path


def run(root: Path, **kw: object):
    project = load_project(root)
    lib = load_library(project.content_dir).library
    return build_matrix(project, lib, output_options(project), **kw)  # type: ignore[arg-type]


def test_matrix_writes_every_variant_and_manifest(project_dir: Path) -> None:
    outcome = run(project_dir, formats=["md", "html"], workers=2)
    assert [r.status for r in outcome.results] == ["built"] * 6
    manifest = json.loads((project_dir / "out" / "manifest.json").read_text())
    assert set(manifest["outputs"]) == {f"{a}/minimal-test-briefing.{f}" for a in ("dovish", "hawkish", "neutral")
                                        for f in ("md", "html")}
    entry = manifest["outputs"]["hawkish/minimal-test-briefing.md"]
    assert entry["audience"] == "hawkish" and entry["format"] == "md"
    assert entry["sha256"] == file_sha256(project_dir / "out" / "hawkish" / "minimal-test-briefing.md")
    assert "threats.yaml" in manifest["inputs"] and len(manifest["inputs"]["threats.yaml"]) == 64
    assert manifest["version"]


def test_the_manifest_keeps_what_each_generated_shape_of_a_deck_contained(project_dir: Path) -> None:
    from briefgen.write.pptx.origins import read_deck

    run(project_dir, audiences=["hawkish"], formats=["pptx", "md"], workers=2)
    path = "hawkish/minimal-test-briefing.pptx"
    entry = json.loads((project_dir / "out" / "manifest.json").read_text())["outputs"][path]
    slides = read_deck(project_dir / "out" / path)
    assert [s["key"] for s in entry["shapes"]["slides"]] == [s.key for s in slides]
    assert entry["shapes"]["slides"][1]["key"] == "bluf"
    bluf = entry["shapes"]["slides"][1]["shapes"][1]
    assert bluf["paras"] == list(slides[1].shape("body").paras) and bluf["fields"][0] == "briefing.bluf"
    memo = json.loads((project_dir / "out" / "manifest.json").read_text())["outputs"]["hawkish/minimal-test-briefing.md"]
    assert list(memo["shapes"]) == ["memo"]  # a memo's record is of its blocks (briefgen trace), not of slides
    assert memo["shapes"]["memo"]["paras"] == markdown_blocks(
        (project_dir / "out" / "hawkish" / "minimal-test-briefing.md").read_text(encoding="utf-8"))
    outcome = run(project_dir, audiences=["hawkish"], formats=["pptx"])
    assert [r.status for r in outcome.results] == ["unchanged"]
    assert json.loads((project_dir / "out" / "manifest.json").read_text())["outputs"][path] == entry


def test_unchanged_outputs_are_not_rewritten(project_dir: Path) -> None:
    run(project_dir, formats=["md"])
    target = project_dir / "out" / "neutral" / "minimal-test-briefing.md"
    os.utime(target, (1_000_000, 1_000_000))
    outcome = run(project_dir, formats=["md"])
    assert [r.status for r in outcome.results] == ["unchanged"] * 3
    assert target.stat().st_mtime == 1_000_000
    forced = run(project_dir, formats=["md"], force=True)
    assert [r.status for r in forced.results] == ["built"] * 3


def test_editing_one_item_rebuilds_only_affected_audiences(project_dir: Path) -> None:
    run(project_dir, formats=["md"])
    caps = project_dir / "content" / "capabilities.yaml"
    # only the dovish view depends on the dovish emphasis (framing would reach others' pushback notes)
    caps.write_text(caps.read_text().replace("emphasis: {neutral: 2, hawkish: 3, dovish: 1}",
                                             "emphasis: {neutral: 2, hawkish: 3, dovish: 2}"))
    outcome = run(project_dir, formats=["md"])
    status = {r.job.audience: r.status for r in outcome.results}
    assert status == {"dovish": "built", "hawkish": "unchanged", "neutral": "unchanged"}


def test_failing_variant_keeps_old_output_and_others_build(project_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    run(project_dir, formats=["md"])
    old = project_dir / "out" / "hawkish" / "minimal-test-briefing.md"
    before = old.read_bytes()
    mtime = old.stat().st_mtime_ns
    # break the memo template for one render only: a template dir whose memo template fails
    tpl = project_dir / "templates" / "memo"
    tpl.mkdir(parents=True)
    (tpl / "memo.md.j2").write_text("{% if view.audience == 'hawkish' %}{{ view.no_such_field }}{% endif %}ok\n")
    (project_dir / "briefgen.yaml").write_text("templates: templates\nformats: [md]\n")
    outcome = run(project_dir, formats=["md"], workers=1)
    status = {r.job.audience: r.status for r in outcome.results}
    assert status == {"dovish": "built", "hawkish": "failed", "neutral": "built"}
    failed = outcome.failed[0]
    assert "memo.md.j2" in failed.error.lines()[0] and "no_such_field" in failed.error.lines()[0]
    assert old.read_bytes() == before and old.stat().st_mtime_ns == mtime


def test_each_distinct_chart_is_drawn_once_across_workers(project_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.render.charts import cache, draw

    log = project_dir / "draws.log"
    real = draw.render

    def counting(spec, fmt, missing=None):  # type: ignore[no-untyped-def]
        with open(log, "a") as fh:
            fh.write(f"{spec.key()}.{fmt}\n")
        return real(spec, fmt, missing)

    monkeypatch.setattr(draw, "render", counting)
    cache.clear_memory_cache()
    run(project_dir, formats=["pptx", "html", "md"], workers=2)
    drawn = log.read_text().split()
    assert drawn and len(drawn) == len(set(drawn))
    # the timeline has no audience highlight: one drawing serves all three audiences
    cache.clear_memory_cache()
    log.unlink()
    run(project_dir, formats=["pptx", "html", "md"], force=True, workers=2)
    assert not log.exists()  # a second build draws nothing: the persistent cache serves every chart


def test_same_input_with_source_date_epoch_gives_identical_bytes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    digests = []
    for name in ("a", "b"):
        root = tmp_path / name
        shutil.copytree(FIXTURES / "valid-minimal", root / "content")
        run(root, audiences=["hawkish"], formats=["pptx", "docx", "html", "md"], workers=1)
        digests.append({p.name: file_sha256(p) for p in (root / "out" / "hawkish").iterdir() if p.is_file()})
    assert set(digests[0]) == {f"minimal-test-briefing.{f}" for f in ("pptx", "docx", "html", "md")}
    assert digests[0] == digests[1]


def _pid_and_sigint() -> tuple:
    import signal

    return os.getpid(), signal.getsignal(signal.SIGINT)


def test_a_worker_pool_serves_several_builds_with_the_same_warm_workers(project_dir: Path) -> None:
    import signal

    from briefgen.commands.build import worker_pool

    pool = worker_pool(2)
    try:
        first = run(project_dir, formats=["md", "html"], pool=pool)
        assert [r.status for r in first.results] == ["built"] * 6
        workers = {pool.submit(_pid_and_sigint).result() for _ in range(8)}
        briefing = project_dir / "content" / "briefing.yaml"
        briefing.write_text(briefing.read_text().replace("Balanced bottom line.", "Revised bottom line."))
        second = run(project_dir, formats=["md", "html"], pool=pool)
        assert {(r.job.audience, r.status) for r in second.results if r.job.fmt == "md"} >= {("neutral", "built")}
        assert "Revised bottom line." in (project_dir / "out" / "neutral" / "minimal-test-briefing.md").read_text()
        assert {pool.submit(_pid_and_sigint).result() for _ in range(8)} <= workers  # the same processes
        assert os.getpid() not in {pid for pid, _ in workers}
        assert {handler for _, handler in workers} == {signal.SIG_IGN}  # Ctrl-C is the parent's to handle
    finally:
        pool.shutdown()


# --- A person's edits to an output are never lost ---------------------------------------------------------

HISTORY = ".briefgen-history"


def history_files(root: Path) -> list[str]:
    """The history copies in a project, relative to its history folder."""
    folder = root / HISTORY
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() \
        else []


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pptx", pytest.param("pdf", marks=pytest.mark.needs("soffice"))])
def test_an_edited_output_is_copied_before_it_is_rebuilt(project_dir: Path, fmt: str) -> None:
    run(project_dir, audiences=["neutral"], formats=[fmt])
    target = project_dir / "out" / "neutral" / f"minimal-test-briefing.{fmt}"
    edited = target.read_bytes() + b"\n<!-- a person's edit -->"
    target.write_bytes(edited)
    os.utime(target, (1_764_547_200, 1_764_547_200))
    outcome = run(project_dir, audiences=["neutral"], formats=[fmt])  # nothing changed in the content
    (result,) = outcome.results
    assert result.status == "built" and result.kept is not None
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(1_764_547_200))
    assert history_files(project_dir) == [f"neutral/minimal-test-briefing-{stamp}.{fmt}"]
    assert (project_dir / HISTORY / "neutral" / f"minimal-test-briefing-{stamp}.{fmt}").read_bytes() == edited
    assert target.read_bytes() != edited  # rebuilt from the content, the person's version kept aside


def test_outputs_briefgen_wrote_are_not_copied_even_when_forced(project_dir: Path) -> None:
    run(project_dir, formats=["md", "html"])
    forced = run(project_dir, formats=["md", "html"], force=True)
    assert [r.status for r in forced.results] == ["built"] * 6
    assert all(r.kept is None for r in forced.results)
    assert history_files(project_dir) == []


def test_without_a_manifest_every_existing_output_counts_as_edited(project_dir: Path) -> None:
    run(project_dir, formats=["md"])
    (project_dir / "out" / "manifest.json").unlink()
    outcome = run(project_dir, formats=["md"])
    assert [r.kept is not None for r in outcome.results] == [True] * 3
    assert [name.split("/")[0] for name in history_files(project_dir)] == ["dovish", "hawkish", "neutral"]


def test_the_build_line_names_the_copy(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(project_dir, audiences=["hawkish"], formats=["md"])
    target = project_dir / "out" / "hawkish" / "minimal-test-briefing.md"
    target.write_text("# My own memo\n")
    os.utime(target, (1_764_547_200, 1_764_547_200))
    monkeypatch.chdir(project_dir)
    result = CliRunner().invoke(cli, ["build", "-a", "hawkish", "-f", "md", "-q"])
    assert result.exit_code == 0, result.output
    (copy,) = history_files(project_dir)
    assert result.stderr == f"hawkish/md: kept your edited out/hawkish/minimal-test-briefing.md as {HISTORY}/{copy}\n"


def test_a_killed_build_leaves_no_temporary_file_after_the_next(project_dir: Path) -> None:
    run(project_dir, audiences=["neutral"], formats=["md"])
    folder = project_dir / "out" / "neutral"
    dead = _finished_pid()
    leftovers = [folder / f".minimal-test-briefing.md.{dead}-abcd1234.tmp",
                 folder / "minimal-test-briefing-charts" / f".timeline.png.{dead}-abcd1234.tmp",
                 project_dir / "out" / f".manifest.json.{dead}-abcd1234.tmp"]
    for p in leftovers:
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(b"half written")
    run(project_dir, audiences=["neutral"], formats=["md"], force=True)
    assert [p for p in leftovers if p.exists()] == []


def _finished_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)


# -- briefings ----------------------------------------------------------------------------------------------------

def slide_titles(path: Path) -> list[str]:
    from pptx import Presentation

    return [s.shapes.title.text if s.shapes.title is not None else "" for s in Presentation(str(path)).slides]


def test_two_briefings_built_together_each_in_its_folder(tmp_path: Path) -> None:
    from briefgen.commands.build import build_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan", "ten-minutes")
    outcome = build_project(root, formats=["pptx"], briefings=["ten-minutes", "taiwan"], workers=1,
                            today=datetime.date(2026, 12, 4))
    assert [(r.job.briefing, r.job.audience, r.status) for r in outcome.results] == [
        ("ten-minutes", "neutral", "built"), ("ten-minutes", "hawkish", "built"), ("ten-minutes", "dovish", "built"),
        ("taiwan", "hawkish", "built"), ("taiwan", "dovish", "built")]
    out = root / "out"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pptx")) == [
        "taiwan/dovish/taiwan-reassurance-focus-2026-12-10.pptx",
        "taiwan/hawkish/taiwan-deterrence-focus-2026-12-10.pptx",
        "ten-minutes/dovish/ten-minutes-reassurance-focus-2026-12-10.pptx",
        "ten-minutes/hawkish/ten-minutes-deterrence-focus-2026-12-10.pptx",
        "ten-minutes/neutral/ten-minutes-balanced-2026-12-10.pptx"]
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
    assert manifest["taiwan/hawkish/taiwan-deterrence-focus-2026-12-10.pptx"]["briefing"] == "taiwan"
    # the 10-minute deck: title, BLUF, then at most 8 main slides, no agenda, no divider; backup after
    titles = slide_titles(out / "ten-minutes/hawkish/ten-minutes-deterrence-focus-2026-12-10.pptx")
    assert titles[:2] == ["Trilateral cooperation in ten minutes", "Bottom line up front"]
    main = titles[2:titles.index("Backup")]
    assert 0 < len(main) <= 8 and "Agenda" not in titles and "Recommendation" in main
    assert main[-1] == "Decisions to lock in now"
    taiwan = slide_titles(out / "taiwan/dovish/taiwan-reassurance-focus-2026-12-10.pptx")
    assert taiwan[0] == "Taiwan and missile defence" and "Agenda" in taiwan
    assert not any("Capabilit" in t for t in taiwan)  # excluded by kind
    # a second build changes nothing
    again = build_project(root, formats=["pptx"], briefings=["ten-minutes", "taiwan"], workers=1,
                          today=datetime.date(2026, 12, 4))
    assert {r.status for r in again.results} == {"unchanged"}


def test_a_briefing_is_built_in_its_own_formats_unless_the_command_names_some(tmp_path: Path) -> None:
    from briefgen.commands.build import build_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "one-pager", "taiwan")
    (root / "briefgen.yaml").write_text("formats: [md]\n", encoding="utf-8")
    day = datetime.date(2026, 12, 4)
    every = build_project(root, ["neutral"], build_all=True, workers=1, today=day)
    assert [(r.job.briefing, r.job.fmt, r.job.target.name) for r in every.results] == [
        ("", "md", "us-japan-rok-trilateral-security-cooperation.md"),  # the library's: briefgen.yaml's formats
        ("one-pager", "docx", "one-pager-balanced-2026-12-10.docx"),  # its own: a memo, no deck
        ("one-pager", "md", "one-pager-balanced-2026-12-10.md"),
        ("taiwan", "md", "taiwan-balanced-2026-12-10.md")]
    assert {r.status for r in every.results} == {"built"}
    named = build_project(root, ["neutral"], briefings=["one-pager"], workers=1, today=day)
    assert [(r.job.fmt, r.status) for r in named.results] == [("docx", "unchanged"), ("md", "unchanged")]
    overridden = build_project(root, ["neutral"], ["html", "md"], briefings=["one-pager", "taiwan"], workers=1,
                               today=day)
    assert [(r.job.briefing, r.job.fmt) for r in overridden.results] == [
        ("one-pager", "html"), ("one-pager", "md"), ("taiwan", "html"), ("taiwan", "md")]
    assert not list((root / "out").rglob("*.pptx"))


def test_a_today_dated_briefing_takes_the_clocks_day_and_lists_backup_in_the_last_notes(tmp_path: Path) -> None:
    from pptx import Presentation

    from briefgen.commands.build import build_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "read-ahead")
    build_project(root, formats=["pptx"], briefings=["read-ahead"], workers=1, today=datetime.date(2026, 12, 4))
    path = root / "out/read-ahead/neutral/read-ahead-balanced-2026-12-04.pptx"
    deck = Presentation(str(path))
    slides = list(deck.slides)
    assert "4 December 2026" in [p.text for s in slides[:1] for sh in s.shapes if sh.has_text_frame
                                  for p in sh.text_frame.paragraphs]
    titles = slide_titles(path)
    assert "Backup" not in titles and titles[-1] == "Sources"
    notes = slides[-1].notes_slide.notes_text_frame.text.splitlines()
    lead = [n for n in notes if n.startswith("Not in this deck")]
    assert len(lead) == 1
    listed = notes[notes.index(lead[0]) + 1:]
    n = int(lead[0].split(", ")[1].split(" ")[0])
    assert len(listed) == n >= 10 and all(line.startswith("- ") for line in listed)


def test_date_overrides_the_date_for_one_build_and_a_past_date_warns(tmp_path: Path) -> None:
    from briefgen.commands.build import build_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan")
    warnings: list = []
    build_project(root, ["hawkish"], ["md"], briefings=["taiwan"], date="2026-12-01", workers=1,
                  today=datetime.date(2026, 12, 4), on_warning=warnings.append)
    assert (root / "out/taiwan/hawkish/taiwan-deterrence-focus-2026-12-01.md").is_file()
    assert "1 December 2026" in (root / "out/taiwan/hawkish/taiwan-deterrence-focus-2026-12-01.md").read_text()
    assert [(w.field, w.severity) for w in warnings if "before today" in w.message] == [("--date", "warning")]


def test_cli_build_of_an_audience_without_formats_builds_the_projects_formats(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    (tmp_path / "briefgen.yaml").write_text("formats: [md, html]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "-a", "hawkish", "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "hawkish").iterdir() if p.is_file()) == \
        ["minimal-test-briefing.html", "minimal-test-briefing.md"]


def test_cli_build_needs_an_audience_a_briefing_or_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: name an --audience or a --briefing, or pass --all"
    bad = CliRunner().invoke(cli, ["build", "--briefing", "senator"])
    assert bad.exit_code == 1
    assert bad.stderr == ("--briefing: unknown briefing 'senator'; briefings are: none (add briefings/NAME.yaml, "
                          "e.g. with `briefgen new briefing NAME`)\n")


def test_an_option_whose_risks_the_focus_leaves_out_says_nothing_of_them(tmp_path: Path) -> None:
    from pptx import Presentation

    from briefgen.commands.build import build_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan")
    build_project(root, ["dovish"], ["pptx"], briefings=["taiwan"], workers=1, today=datetime.date(2026, 12, 4))
    deck = Presentation(str(root / "out/taiwan/dovish/taiwan-reassurance-focus-2026-12-10.pptx"))
    texts = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    mitigates = [t for t in texts if t.startswith(("Mitigates:", "Mitigated by:"))]
    assert mitigates and all(t.split(":", 1)[1].strip() for t in mitigates)


def _hand_edit(deck: Path) -> bytes:
    """A person's edits with python-pptx: retitle the missiles slide (7), add a text box on it, add a slide after
    the agenda, delete the long-range strike slide (10); returns the saved bytes."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation(str(deck))
    prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].text = "Missiles over three capitals"
    box = prs.slides[6].shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
    box.name = "My note"
    box.text_frame.text = "Ask J2"
    added = prs.slides.add_slide(prs.slide_layouts[6])
    added.shapes.title.text = "Questions"
    ids = prs.slides._sldIdLst
    sld = ids[-1]
    ids.remove(sld)
    ids.insert(3, sld)
    ids.remove(ids[10])  # "Long-range strike", now the 11th
    prs.save(str(deck))
    return deck.read_bytes()


def test_a_rebuild_merges_a_hand_edited_deck_and_force_regenerates_after_a_copy(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.write.pptx.origins import read_deck

    monkeypatch.chdir(project_dir)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "-a", "hawkish", "-q"]).exit_code == 0
    deck = Path("out/hawkish/minimal-test-briefing.pptx")
    edited = _hand_edit(deck)
    threats = Path("content/threats.yaml")
    threats.write_text(threats.read_text().replace("title: Missile arsenal\n", "title: Missile arsenal grows\n"))
    result = runner.invoke(cli, ["build", "-a", "hawkish", "-q"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    kept = lines[0].removeprefix("hawkish/pptx: kept your edited out/hawkish/minimal-test-briefing.pptx as ")
    assert Path(kept).read_bytes() == edited  # the history copy holds the person's bytes
    assert lines[1:] == [
        'hawkish/pptx: conflict: slide 8 "Missiles over three capitals": the title of thr-missiles changed in the '
        "content after you edited it; your text kept, the new text is in the slide's notes",
        "hawkish/pptx: kept your 1 edited shape(s), 1 added shape(s), 1 added slide(s)",
        "hawkish/pptx: kept deleted: item:cap-strike (briefgen build --force brings them back)"]
    slides = read_deck(deck)
    assert [s.key for s in slides[:4]] == ["title", "bluf", "agenda", None]
    assert slides[7].shape("title").paras == ("Missiles over three capitals",)
    assert "My note" in [s.name for s in slides[7].shapes] and "item:cap-strike" not in [s.key for s in slides]
    assert slides[7].notes.endswith("[title]\nMissile arsenal grows")
    merged = deck.read_bytes()
    again = runner.invoke(cli, ["build", "-a", "hawkish"])  # nothing changed: nothing rewritten
    assert "0 built, 4 unchanged, 0 failed" in again.output and deck.read_bytes() == merged
    forced = runner.invoke(cli, ["build", "-a", "hawkish", "-q", "--force"])
    copy = Path(forced.output.splitlines()[0].split(" as ")[1])
    assert copy.read_bytes() == merged  # the merged deck, holding the person's work, is kept before --force
    slides = read_deck(deck)
    assert slides[6].shape("title").paras == ("Missile arsenal grows",) and None not in [s.key for s in slides]
    assert "item:cap-strike" in [s.key for s in slides]


def _hawkish_deck_at_the_missile_slide() -> tuple:
    """Build the hawkish deck in the current folder; the runner, its path, the deck opened with python-pptx, its
    "Missile arsenal" slide and that slide's index."""
    from pptx import Presentation

    runner = CliRunner()
    assert runner.invoke(cli, ["build", "-a", "hawkish", "-f", "pptx", "-q"]).exit_code == 0
    deck = Path("out/hawkish/minimal-test-briefing.pptx")
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == "Missile arsenal")
    return runner, deck, prs, slide, list(prs.slides).index(slide)


def test_a_rebuild_keeps_where_a_person_moved_a_title_and_how_they_coloured_a_body(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches

    monkeypatch.chdir(project_dir)
    runner, deck, prs, slide, number = _hawkish_deck_at_the_missile_slide()
    slide.shapes.title.left, slide.shapes.title.top = Inches(2), Inches(1.25)
    slide.placeholders[1].fill.solid()
    slide.placeholders[1].fill.fore_color.rgb = RGBColor(0xFF, 0xF2, 0xCC)
    prs.save(str(deck))
    threats = Path("content/threats.yaml")
    threats.write_text(threats.read_text().replace("title: Missile arsenal\n", "title: Missile arsenal grows\n"))
    result = runner.invoke(cli, ["build", "-a", "hawkish", "-f", "pptx", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == ["hawkish/pptx: kept your 2 moved, resized or restyled shape(s)"]
    merged = Presentation(str(deck)).slides[number]
    assert merged.shapes.title.text == "Missile arsenal grows"
    assert (merged.shapes.title.left, merged.shapes.title.top) == (Inches(2), Inches(1.25))
    assert merged.placeholders[1].fill.fore_color.rgb == RGBColor(0xFF, 0xF2, 0xCC)
    assert runner.invoke(cli, ["check", str(deck)]).exit_code == 0


def test_a_rebuild_keeps_a_titles_typeface_and_a_paragraphs_spacing_recorded_in_the_manifest(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pptx import Presentation
    from pptx.util import Pt

    monkeypatch.chdir(project_dir)
    runner, deck, prs, slide, number = _hawkish_deck_at_the_missile_slide()
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Georgia"
    last = slide.placeholders[1].text_frame.paragraphs[-1]
    last.space_before, last.line_spacing = Pt(14), 1.25
    prs.save(str(deck))
    threats = Path("content/threats.yaml")
    threats.write_text(threats.read_text().replace("title: Missile arsenal\n", "title: Missile arsenal grows\n"))
    result = runner.invoke(cli, ["build", "-a", "hawkish", "-f", "pptx", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == ["hawkish/pptx: kept your 2 moved, resized or restyled shape(s)"]
    merged = Presentation(str(deck)).slides[number]
    assert [(r.text, r.font.name) for r in merged.shapes.title.text_frame.paragraphs[0].runs] == [
        ("Missile arsenal grows", "Georgia")]
    last = merged.placeholders[1].text_frame.paragraphs[-1]
    assert (last.space_before, last.line_spacing) == (Pt(14), 1.25)
    assert runner.invoke(cli, ["check", str(deck)]).exit_code == 0


def test_a_deck_that_is_no_deck_any_more_is_rebuilt_and_kept(project_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_dir)
    runner = CliRunner()
    runner.invoke(cli, ["build", "-a", "hawkish", "-q"])
    deck = Path("out/hawkish/minimal-test-briefing.pptx")
    deck.write_bytes(b"saved over by another program")
    result = runner.invoke(cli, ["build", "-a", "hawkish", "-q", "--project", "."])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert Path(lines[0].split(" as ")[1]).read_bytes() == b"saved over by another program"
    assert lines[1] == ("hawkish/pptx: your edits could not be merged (the file on disk is not a deck briefgen can "
                        "read): the deck was rebuilt from the content; your version is the copy in the history folder")
    assert deck.read_bytes()[:2] == b"PK"


@pytest.mark.needs("soffice")
def test_the_pdf_package_is_recorded_kept_when_edited_and_rebuilt_when_incomplete(project_dir: Path) -> None:
    """-f pdf writes the memo, the deck and the notes handout; the manifest records all three, an edited
    handout is kept before a rebuild, and a missing deck PDF makes the build write the package again."""
    (result,) = run(project_dir, audiences=["neutral"], formats=["pdf"]).results
    out = project_dir / "out"
    names = ["neutral/minimal-test-briefing.pdf", "neutral/minimal-test-briefing-deck.pdf",
             "neutral/minimal-test-briefing-notes.pdf"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == sorted(names)
    assert [(p.relative_to(out).as_posix(), sha) for p, sha in result.companions] == [
        (n, file_sha256(out / n)) for n in names[1:]]
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
    assert manifest[names[2]] == {"audience": "neutral", "format": "pdf", "companion_of": names[0],
                                  "sha256": file_sha256(out / names[2])}
    (unchanged,) = run(project_dir, audiences=["neutral"], formats=["pdf"]).results
    assert unchanged.status == "unchanged"
    handout = out / names[2]
    edited = handout.read_bytes() + b"\n% a person's edit\n"
    handout.write_bytes(edited)
    (out / names[1]).unlink()
    (rebuilt,) = run(project_dir, audiences=["neutral"], formats=["pdf"]).results
    assert rebuilt.status == "built" and rebuilt.kept is None
    (kept,) = rebuilt.also_kept
    assert kept.output == handout and kept.copy.read_bytes() == edited
    assert (out / names[1]).is_file() and handout.read_bytes() != edited


def test_a_build_for_an_audience_releasable_to_partners_says_what_it_withheld(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.fixture_projects import make_project

    monkeypatch.chdir(make_project(tmp_path / "proj", "markings-releasable"))
    result = CliRunner().invoke(cli, ["build", "-a", "visitors", "-a", "neutral", "-f", "md", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "visitors: withheld, not releasable to ARN, BLF: 2 items (HOUSE ONLY, SEALED above GUARDED); 1 fact (SHARE "
        "WITH lacks ARN); 1 quote (HOUSE ONLY); 1 picture (HOUSE ONLY); 1 event (GUARDED without SHARE WITH)"]
    memo = (tmp_path / "proj/out/visitors/minimal-test-briefing.md").read_text(encoding="utf-8")
    assert "Missile arsenal" in memo and "Three-way bloc" not in memo and "Trilateral planning" not in memo
    neutral = (tmp_path / "proj/out/neutral/minimal-test-briefing.md").read_text(encoding="utf-8")
    assert "Three-way bloc" in neutral and "Trilateral planning" in neutral


def test_a_manifest_over_its_size_cap_or_not_an_object_is_treated_as_missing(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.commands import build as build_module

    entry = '{"outputs": {"a.md": "0"}}'
    (tmp_path / build_module.MANIFEST).write_text(entry + " ", encoding="utf-8")  # valid JSON, one byte over
    monkeypatch.setattr(build_module, "MAX_MANIFEST_BYTES", len(entry))
    assert build_module.load_manifest(tmp_path) == {}
    monkeypatch.setattr(build_module, "MAX_MANIFEST_BYTES", len(entry) + 1)
    assert build_module.load_manifest(tmp_path) == {"outputs": {"a.md": "0"}}
    (tmp_path / build_module.MANIFEST).write_text("[1, 2]", encoding="utf-8")
    assert build_module.load_manifest(tmp_path) == {}
