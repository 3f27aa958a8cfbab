"""Tests of briefgen.commands.trace_memo: each claim in a memo traced to its field, file:line, source and quote, on
the Word, Markdown and HTML memos as built for each shipped audience, edited by hand (with python-docx, or as
text), kept elsewhere, a Word memo saved by LibreOffice and page by page."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from docx import Document

from briefgen.commands.plan import build_view
from briefgen.commands.trace_memo import copy_of, found_pages, pages_of
from briefgen.load.library import load_library

from tests.support.shipped_projects import briefgen, build_in, built_project, working_copy

AUDIENCES = ("dovish", "hawkish", "neutral")
FORMATS = ("docx", "md", "html")
TEXT_FORMATS = ("md", "html")
MEMO = Path("out/hawkish/us-japan-rok-trilateral-security-cooperation.docx")
MADRID = "[1] Untitled article on the Biden–Kishida–Yoon meeting in Madrid (2022-07)"
OBSOLETE = "[4] Separate U.S. Alliances in East Asia Are Obsolete (2023-09)"
MISSILES = [
    '¶10 "North Korean missiles reach all three. One arsenal targets all three a…"',
    "  thr-dprk-missiles.title at content/threats.yaml:4:10",
    f"  thr-dprk-missiles.framing (hawkish) at content/threats.yaml:29:14; source {MADRID}; {OBSOLETE}",
    # the hawkish room weighs this source most (its profile's quote_sources), so its quote leads
    f"  thr-dprk-missiles.points[2] at content/threats.yaml:22:13; source {OBSOLETE}",
    '      quote: "The concept of Japan as the rear area for South Korea’s defense became obsolete years ago"',
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project holding the shipped library, the Word, Markdown and HTML memos of every shipped audience built."""
    return built_project(tmp_path_factory.mktemp("trace-memo"), AUDIENCES, FORMATS)


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the built project, as the working directory."""
    return working_copy(built, tmp_path / "project", monkeypatch)


def trace(*args: str):
    return briefgen("trace", *args)


def memo_of(audience: str, fmt: str = "docx") -> Path:
    return Path(f"out/{audience}/us-japan-rok-trilateral-security-cooperation.{fmt}")


def test_a_paragraph_names_the_title_framing_and_quoted_fact_with_their_places_and_sources(project: Path) -> None:
    result = trace(str(MEMO))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{MEMO} (hawkish)"
    assert lines[1:3] == ['¶4 "North Korea and China now threaten all three countries at once, and Ja…"',
                          "  briefing.bluf (hawkish) at content/briefing.yaml:17:12"]
    start = lines.index(MISSILES[0])
    assert lines[start:start + len(MISSILES)] == MISSILES
    assert lines[-1] == ("composed by briefgen (headings, the memo header, table headings, no content field): ¶1, ¶2, "
                         "¶3, ¶5, ¶6, ¶7, ¶8, ¶9, ¶15, ¶21, ¶22, ¶23, ¶24, ¶30, ¶32, ¶33, ¶39, ¶44, ¶45")


def test_an_options_table_row_traces_to_the_options_title_and_its_sources(project: Path) -> None:
    lines = trace(str(MEMO)).output.splitlines()
    start = lines.index('¶28 "Draft combined operational plans3 | High | Low | High | 1-3 years"')
    assert lines[start + 1] == ("  opt-combined-plans.title at content/options.yaml:107:10; source [3] The “Core Problem” "
                                "for Trilateral Security Cooperation: Challenges for the US-Japan-Korea Relationship "
                                "(2024-10)")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_item_the_memo_shows_is_traced_with_the_sources_its_footnotes_cite(project: Path, audience: str,
                                                                                 fmt: str) -> None:
    result = trace(str(memo_of(audience, fmt)))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    view = build_view(load_library(project / "content").library, audience)
    shown = [item for section in view.sections for item in section.items]
    titles = [m.group(1) for m in map(re.compile(r"^  ([a-z0-9-]+)\.title at ").match, lines) if m]
    assert titles == [item.id for item in shown]
    sources = {s.num: f"[{s.num}] {s.title} ({s.date})" for s in view.sources}
    for item in shown:
        cited = "; ".join(sources[n] for n in sorted(item.refs))
        line = next(x for x in lines if re.match(rf"^  {item.id}\.(framing|title) .*; source ", x) or
                    x.startswith(f"  {item.id}.framing "))
        assert line.endswith(f"; source {cited}"), line
    briefing = [x.split(" at ")[0].strip() for x in lines if x.startswith("  briefing.")]
    assert briefing == [f"briefing.{name} ({audience})" for name in
                        ["bluf", "recommendation"] + [f"decisions[{n}]" for n in range(len(view.decisions))]]
    assert not any(x.startswith(("no origin", "deleted by hand", "  edited by hand")) for x in lines)


def test_an_edited_memo_keeps_its_claims_and_lists_added_and_deleted_paragraphs(project: Path) -> None:
    doc = Document(str(MEMO))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    missiles = paragraphs[9]
    assert missiles.text.startswith("North Korean missiles reach all three.")
    missiles.runs[1].text = missiles.runs[1].text.replace("One arsenal", "A single arsenal")
    missiles.insert_paragraph_before("Ask J2 for the latest count of tests.")
    decision = next(p for p in paragraphs if p.text.startswith("Make Freedom Edge annual"))
    decision._p.getparent().remove(decision._p)
    doc.save(str(MEMO))
    result = trace(str(MEMO))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index('¶11 "North Korean missiles reach all three. A single arsenal targets all th…"')
    assert lines[start + 1:start + 6] == MISSILES[1:] + [
        '  edited by hand; briefgen wrote: "North Korean missiles reach all three. One arsenal targets all three '
        "allies at once; only a combined response matches a threat that ignores alliance lines.1,4 In the source's "
        'words: “The concept of Japan as the rear area for South Korea’s defense became obsolete years ago”4"']
    assert 'no origin: ¶10 "Ask J2 for the latest count of tests."' in lines
    assert lines[-1] == ('deleted by hand: "Make Freedom Edge annual and add interdiction and antisubmarine training" '
                         "(briefing.decisions[2])")


@pytest.mark.needs("soffice")
def test_a_memo_saved_by_libreoffice_traces_as_the_original(project: Path, tmp_path: Path) -> None:
    before = trace(str(MEMO)).output
    saved = tmp_path / "saved"
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx",
                    "--outdir", str(saved), str(MEMO)], check=True, capture_output=True, timeout=600)
    shutil.copyfile(saved / MEMO.name, MEMO)
    assert trace(str(MEMO)).output == before


@pytest.mark.needs("soffice", "pdftotext")
def test_page_lists_the_paragraphs_that_start_on_that_page(project: Path) -> None:
    result = trace(str(MEMO), "--page", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{MEMO} (hawkish), page 2"
    assert [x.split(" ")[0] for x in lines if x.startswith("¶")] == [f"¶{n}" for n in (16, 17, 18, 19, 20, 25, 26, 27,
                                                                                       28, 29)]
    assert lines[-1] == ("composed by briefgen (headings, the memo header, table headings, no content field): "
                         "¶15, ¶21, ¶22, ¶23, ¶24")
    wrong = trace(str(MEMO), "--page", "9")
    assert (wrong.exit_code, wrong.output) == (1, "--page: expected 1 to 3 (the memo's pages), got 9\n")


def test_pages_of_finds_each_block_in_order_across_line_breaks() -> None:
    pages = ["UNCLASSIFIED\nMEMORANDUM\nBottom line\nThe allies\nmust act.\n", "UNCLASSIFIED\nRisks\nA | B\nThe end\n"]
    blocks = ["MEMORANDUM", "Bottom line", "The allies must act.", "Risks", "A | B", "Not in the PDF", "The end"]
    assert pages_of(blocks, pages) == [1, 1, 1, 2, 2, 2, 2]
    assert found_pages(blocks, pages) == [1, 1, 1, 2, 2, None, 2]
    assert pages_of(["The end", "MEMORANDUM"], pages) == [2, 2]  # looked for after the block before it only
    assert found_pages(["The end", "MEMORANDUM"], pages) == [2, None]
    assert pages_of(["Nowhere", "", "UNCLASSIFIED"], pages) == [1, 1, 1]  # before any is found: the first page
    assert found_pages(["Nowhere", "  ", "UNCLASSIFIED"], pages) == [None, None, 1]
    assert found_pages(["Risks"], ["", "", "Risks"]) == [3]  # empty pages count


def test_page_without_libreoffice_is_one_line_and_exit_5(project: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    result = trace(str(MEMO), "--page", "1")
    assert (result.exit_code, result.output) == (5, "--page needs LibreOffice to lay the memo out in pages: install it "
                                                    "(e.g. apt-get install libreoffice-writer), or trace the whole memo "
                                                    "without --page\n")


def test_what_is_not_a_memo_this_project_built_is_one_line_and_exit_1(project: Path) -> None:
    Document().save("other.docx")
    result = trace("other.docx")
    assert (result.exit_code, result.output) == (1, "other.docx: expected a memo this project built, got one "
                                                    "out/manifest.json has no record of; build it (briefgen build) "
                                                    "first\n")
    Path("notes.docx").write_text("not a memo")
    result = trace("notes.docx")
    assert (result.exit_code, result.output) == (1, "notes.docx: expected a .docx memo, got a file Word could not open "
                                                    "either; give a memo briefgen built\n")
    Path("memo.txt").write_text("# Memo\n")
    result = trace("memo.txt")
    assert (result.exit_code, result.output) == (1, "memo.txt: expected a .pptx deck or a .docx, .md, .html or .pdf "
                                                    "memo, got a .txt extension; trace a deck or memo briefgen "
                                                    "built\n")
    result = trace("memo")
    assert (result.exit_code, result.output) == (1, "memo: expected a .pptx deck or a .docx, .md, .html or .pdf memo, "
                                                    "got a file with no extension; trace a deck or memo briefgen "
                                                    "built\n")


def test_a_copy_kept_elsewhere_is_traced_by_its_audience(project: Path) -> None:
    shutil.copyfile(memo_of("dovish"), "for-the-principal.docx")
    lines = trace("for-the-principal.docx").output.splitlines()
    assert lines[0] == "for-the-principal.docx (dovish)"
    assert lines[1:] == trace(str(memo_of("dovish"))).output.splitlines()[1:]


# The hawkish memo's missile paragraph in the Markdown and HTML memos: the same claims as in the Word memo; the
# HTML page has one block more before it (the timeline's caption).
TEXT_MISSILES = {"md": MISSILES, "html": ["¶11" + MISSILES[0][3:]] + MISSILES[1:]}
TEXT_COMPOSED = {
    "md": "¶1, ¶2, ¶3, ¶4, ¶6, ¶7, ¶8, ¶9, ¶15, ¶21, ¶22, ¶23, ¶29, ¶31, ¶37, ¶42, ¶43, ¶44, ¶45, ¶46, ¶47, ¶48, ¶49",
    "html": "¶1, ¶2, ¶3, ¶4, ¶6, ¶7, ¶8, ¶9, ¶10, ¶16, ¶22, ¶23, ¶24, ¶25, ¶31, ¶33, ¶34, ¶40, ¶45, ¶46, ¶47, ¶48, ¶49, "
            "¶50, ¶51, ¶52, ¶53"}


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_markdown_or_html_memo_traces_as_the_word_memo_does(project: Path, fmt: str) -> None:
    memo = memo_of("hawkish", fmt)
    result = trace(str(memo))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{memo} (hawkish)"
    assert lines[1:3] == ['¶5 "North Korea and China now threaten all three countries at once, and Ja…"',
                          "  briefing.bluf (hawkish) at content/briefing.yaml:17:12"]
    start = lines.index(TEXT_MISSILES[fmt][0])
    assert lines[start:start + len(MISSILES)] == TEXT_MISSILES[fmt]
    assert lines[-1] == ("composed by briefgen (headings, the memo header, table headings, no content field): "
                         + TEXT_COMPOSED[fmt])
    word = trace(str(memo_of("hawkish"))).output.splitlines()
    claims = [x for x in lines if x.startswith("  ")]
    assert claims == [x for x in word if x.startswith("  ")]  # the same claims in the same order as the Word memo's


EDITED = ('  edited by hand; briefgen wrote: "North Korean missiles reach all three. One arsenal targets all three allies '
          "at once; only a combined response matches a threat that ignores alliance lines.1,4 In the source's words: "
          '“The concept of Japan as the rear area for South Korea’s defense became obsolete years ago”4"')


def _edit(memo: Path, edits: list[tuple[str, str]]) -> None:
    text = memo.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    memo.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_an_edited_markdown_or_html_memo_keeps_its_claims_and_lists_added_and_deleted_paragraphs(
        project: Path, fmt: str) -> None:
    memo = memo_of("hawkish", fmt)
    if fmt == "md":
        _edit(memo, [("One arsenal targets", "A single arsenal targets"),
                     ("- **North Korean missiles", "- Ask J2 for the *latest* count of tests.\n- **North Korean missiles"),
                     ("3. Make Freedom Edge annual and add interdiction and antisubmarine training\n", "")])
    else:
        _edit(memo, [("One arsenal targets", "A single arsenal targets"),
                     ("<li><strong>North Korean missiles",
                      "<li>Ask J2 for the <em>latest</em> count of tests.</li>\n<li><strong>North Korean missiles"),
                     ("<li>Make Freedom Edge annual and add interdiction and antisubmarine training</li>\n", "")])
    result = trace(str(memo))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    number = int(TEXT_MISSILES[fmt][0][1:3]) + 1
    start = lines.index(f'¶{number} "North Korean missiles reach all three. A single arsenal targets all th…"')
    assert lines[start + 1:start + 6] == MISSILES[1:] + [EDITED]
    assert f'no origin: ¶{number - 1} "Ask J2 for the latest count of tests."' in lines
    assert lines[-1] == ('deleted by hand: "Make Freedom Edge annual and add interdiction and antisubmarine training" '
                         "(briefing.decisions[2])")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_markdown_or_html_copy_kept_elsewhere_is_traced_as_the_memo_it_is_a_copy_of(project: Path, fmt: str) -> None:
    for audience in AUDIENCES:
        copy = Path(f"for-the-principal-{audience}.{fmt}")
        shutil.copyfile(memo_of(audience, fmt), copy)
        lines = trace(str(copy)).output.splitlines()
        assert lines[0] == f"{copy} ({audience})"
        assert lines[1:] == trace(str(memo_of(audience, fmt))).output.splitlines()[1:]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_an_edited_copy_kept_elsewhere_is_traced_with_its_edits(project: Path, fmt: str) -> None:
    copy = Path(f"copy.{fmt}")
    shutil.copyfile(memo_of("hawkish", fmt), copy)
    _edit(copy, [("One arsenal targets", "A single arsenal targets")])
    lines = trace(str(copy)).output.splitlines()
    assert lines[0] == f"{copy} (hawkish)"
    assert EDITED in lines


def test_a_text_memo_sharing_no_more_than_half_its_blocks_with_a_built_memo_is_one_line(project: Path) -> None:
    Path("mine.md").write_text("**UNCLASSIFIED**\n\n# MEMORANDUM\n\nMy own memo.\n\nMore of my own.\n",
                               encoding="utf-8")
    result = trace("mine.md")
    assert (result.exit_code, result.output) == (1, "mine.md: expected a memo this project built, got one "
                                                    "out/manifest.json has no record of; build it (briefgen build) "
                                                    "first\n")


def test_copy_of_is_the_memo_of_that_format_sharing_the_most_and_more_than_half_of_the_blocks() -> None:
    outputs = {"a/m.md": {"audience": "a", "format": "md", "shapes": {"memo": {"paras": ["1", "2", "3", "4"]}}},
               "b/m.md": {"audience": "b", "format": "md", "shapes": {"memo": {"paras": ["1", "2", "5", "6"]}}},
               "b/m.html": {"audience": "c", "format": "html", "shapes": {"memo": {"paras": ["x", "y", "z"]}}},
               "b/m.pptx": {"audience": "d", "format": "md", "shapes": {"slides": []}},
               "a/m.docx": {"audience": "e", "format": "md"}}
    assert copy_of(outputs, "md", ["1", "2", "3", "x"]) == ("a", outputs["a/m.md"]["shapes"])
    assert copy_of(outputs, "md", ["1", "2", "5", "y"]) == ("b", outputs["b/m.md"]["shapes"])
    assert copy_of(outputs, "md", ["0", "1", "2", "5", "6"]) == ("b", outputs["b/m.md"]["shapes"])
    assert copy_of(outputs, "md", ["1", "2", "x", "y"]) is None  # two of four: not more than half
    assert copy_of(outputs, "md", ["x", "y", "z"]) is None  # the HTML memo's blocks
    assert copy_of(outputs, "html", ["x", "y", "q"]) == ("c", outputs["b/m.html"]["shapes"])
    assert copy_of(outputs, "md", ["1", "2", "3"]) == ("a", outputs["a/m.md"]["shapes"])  # the first of the best


@pytest.mark.parametrize(("fmt", "what"), [("md", "a Markdown memo"), ("html", "an HTML memo")])
def test_page_or_slide_with_a_markdown_or_html_memo_is_one_line_and_exit_2(project: Path, fmt: str, what: str) -> None:
    for option in ("page", "slide"):
        result = trace(str(memo_of("hawkish", fmt)), f"--{option}", "1")
        assert (result.exit_code, result.output) == (2, f"--{option}: {what} has no {option}s: trace the whole memo, "
                                                        "or the Word or PDF memo with --page N\n")


def test_slide_with_a_word_or_pdf_memo_or_page_with_a_deck_is_one_line_and_exit_2(project: Path) -> None:
    for memo in (str(MEMO), "memo.pdf"):
        result = trace(memo, "--slide", "2")
        assert (result.exit_code, result.output) == (2, "--slide: a memo has pages, not slides: use --page N\n")
    result = trace("deck.PPTX", "--page", "2")  # told before the deck is read
    assert (result.exit_code, result.output) == (2, "--page: a deck has slides, not pages: use --slide N\n")


@pytest.fixture(scope="module")
def with_pdf(built: Path, tmp_path_factory) -> Path:
    """The built project, with the PDF memo of every shipped audience built too."""
    root = tmp_path_factory.mktemp("trace-pdf") / "project"
    shutil.copytree(built, root)
    return build_in(root, AUDIENCES, ["pdf"])


@pytest.fixture
def pdf_project(with_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the project with the PDF memos built, as the working directory."""
    return working_copy(with_pdf, tmp_path / "project", monkeypatch)


@pytest.mark.needs("soffice", "pdftotext")
@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_pdf_memo_traces_as_the_word_memo_it_was_made_from(pdf_project: Path, audience: str) -> None:
    result = trace(str(memo_of(audience, "pdf")))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{memo_of(audience, 'pdf')} ({audience})"
    assert lines[1:] == trace(str(memo_of(audience))).output.splitlines()[1:]


@pytest.mark.needs("soffice", "pdftotext")
def test_a_pdf_memos_page_needs_no_libreoffice(pdf_project: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    word = trace(str(MEMO), "--page", "2").output.splitlines()
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "pdftotext").symlink_to(shutil.which("pdftotext"))
    monkeypatch.setenv("PATH", str(tools))
    pdf = memo_of("hawkish", "pdf")
    result = trace(str(pdf), "--page", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{pdf} (hawkish), page 2"] + word[1:]
    wrong = trace(str(pdf), "--page", "4")
    assert (wrong.exit_code, wrong.output) == (1, "--page: expected 1 to 3 (the memo's pages), got 4\n")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    result = trace(str(pdf))
    assert (result.exit_code, result.output) == (5, "briefgen trace of a PDF memo needs pdftotext: install "
                                                    "poppler-utils (e.g. apt-get install poppler-utils)\n")


@pytest.mark.needs("soffice", "pdftotext")
def test_a_paragraph_the_pdf_does_not_show_is_listed_as_not_found(pdf_project: Path) -> None:
    manifest = json.loads(Path("out/manifest.json").read_text())
    record = manifest["outputs"]["hawkish/us-japan-rok-trilateral-security-cooperation.pdf"]["shapes"]["memo"]
    for key, value in (("paras", "A paragraph the PDF never had"), ("fields", ["briefing.bluf"]), ("items", None)):
        record[key].insert(5, value)
    Path("out/manifest.json").write_text(json.dumps(manifest))
    lines = trace(str(memo_of("hawkish", "pdf"))).output.splitlines()
    assert lines[-1] == "not found in the PDF's text: \"A paragraph the PDF never had\" (briefing.bluf)"
    assert lines[1:-1] == trace(str(MEMO)).output.splitlines()[1:]
