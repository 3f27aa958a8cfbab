"""Hostile input end to end, through the CLI: one clear line per problem, a non-zero exit, no traceback,
and every earlier output keeps its bytes and mtime.

Scenario folders are ``tests/fixtures/hostile-*/`` (see ``hostilefix.py``) with the exact stderr in
``expected.txt``; cases that need generated files (huge, linked, unwritable) build them in ``tmp_path``.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.load.library import load_library
from briefgen.render import environment as templating
from briefgen.resources import shipped_templates
from tests.support.fixture_projects import FIXTURES, OLD, copy_outputs, make_project, snapshot
from tests.support.paths import REPO
from tests.support.unprivileged import run_python, tools_needed

CONTENT_BUILD = ("build", "--all", "-f", "md", "-f", "html", "-j", "1", "-q")
MEMO_BUILD = ("build", "-a", "neutral", "-f", "md", "-j", "1", "-q")
DECK_BUILD = ("build", "-a", "neutral", "-f", "pptx", "-j", "1", "-q")

# case -> (exit code, command); the expected stderr is the fixture's expected.txt
CASES = {
    "hostile-python-tag": (1, CONTENT_BUILD),
    "hostile-alias-bomb": (1, CONTENT_BUILD),
    "hostile-deep-nesting": (1, CONTENT_BUILD),
    "hostile-non-utf8": (1, CONTENT_BUILD),
    "hostile-duplicate-key-profile": (1, CONTENT_BUILD),
    "hostile-links": (1, CONTENT_BUILD),
    "hostile-template-syntax": (3, MEMO_BUILD),
    "hostile-template-undefined": (3, MEMO_BUILD),
    "hostile-template-mro": (3, MEMO_BUILD),
    "hostile-template-globals": (3, MEMO_BUILD),
    "hostile-template-cycler": (3, MEMO_BUILD),
    "hostile-template-range": (3, MEMO_BUILD),
    "hostile-template-loop": (3, MEMO_BUILD),
    "hostile-template-string-bomb": (3, MEMO_BUILD),
    "hostile-template-list-bomb": (3, MEMO_BUILD),
    "hostile-template-memory": (3, MEMO_BUILD),
    "hostile-template-output-bomb": (3, MEMO_BUILD),
    "hostile-template-include-parent": (3, MEMO_BUILD),
    "hostile-template-include-absolute": (3, MEMO_BUILD),
    "hostile-template-deck": (3, DECK_BUILD),
}


def invoke(*args: str):
    """Run the CLI in-process (stderr kept apart from stdout)."""
    return CliRunner().invoke(cli, list(args))


def assert_clean_failure(result, code: int) -> None:
    """Exit ``code``, and nothing on either stream that looks like a traceback."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.fixture(scope="session")
def good_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``out/`` of a clean ``build --all -f md -f html`` of valid-minimal."""
    root = make_project(tmp_path_factory.mktemp("good"))
    result = invoke("build", "--all", "-f", "md", "-f", "html", "-j", "1", "-q", "-p", str(root))
    assert result.exit_code == 0, result.output
    return root / "out"


@pytest.fixture()
def project(tmp_path: Path, good_outputs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid project with earlier (aged) outputs, as the working directory."""
    make_project(tmp_path)
    copy_outputs(good_outputs, tmp_path / "out")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_hostile_fixture_has_a_case() -> None:
    folders = {p.parent.name for p in FIXTURES.glob("hostile-*/expected.txt")}
    assert folders == set(CASES) | {"hostile-control-chars"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case(case: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, args = CASES[case]
    shutil.rmtree(project / "content")
    make_project(project, case)
    before = snapshot(project / "out")
    monkeypatch.setattr(templating, "RENDER_SECONDS", 1.0)
    result = invoke(*args)
    assert_clean_failure(result, code)
    assert result.stderr == (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    assert snapshot(project / "out") == before
    assert not (project / "pwned").exists()
    if code == 1:  # content problems read the same from validate
        check = invoke("validate", "--strict")
        assert check.exit_code == 1 and check.stderr == result.stderr


def test_coerced_values_arrive_as_written(tmp_path: Path) -> None:
    """`no`, `1.10`, `012`, `12:30`, `on`, `null` where text or an id is expected stay the text written."""
    content = make_project(tmp_path) / "content"
    (content / "threats.yaml").write_text(
        "- id: '012'\n  title: no\n  summary: 1.10\n  actor: 12:30\n  severity: 5\n  likelihood: 3\n"
        "  tags: [on, off, ~x, 'null', 0x1F, 1e3, 2024-05-01]\n"
        "  framing: {neutral: yes, hawkish: .inf, dovish: 0o17}\n", encoding="utf-8")
    (content / "options.yaml").write_text(
        (FIXTURES / "valid-minimal" / "options.yaml").read_text(encoding="utf-8").replace("id: opt-reassure", "id: 007"),
        encoding="utf-8")
    lib = load_library(content).library
    t = lib.threats[0]
    assert (t.id, t.title, t.summary, t.actor) == ("012", "no", "1.10", "12:30")
    assert t.tags == ("on", "off", "~x", "null", "0x1F", "1e3", "2024-05-01")
    assert dict(t.framing) == {"neutral": "yes", "hawkish": ".inf", "dovish": "0o17"}
    assert [o.id for o in lib.options] == ["opt-planning", "007"]


def test_control_characters_are_removed_with_warnings_and_documents_open(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    case = "hostile-control-chars"
    make_project(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    check = invoke("validate", "--strict")
    assert check.exit_code == 1
    assert check.stderr == (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    result = invoke("build", "-a", "neutral", "-f", "pptx", "-f", "docx", "-f", "html", "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "neutral"
    texts = [_pptx_text(out / "minimal-test-briefing.pptx"), _docx_text(out / "minimal-test-briefing.docx"),
             _html_text(out / "minimal-test-briefing.html")]
    for text in texts:
        assert "Missile arsenal" in text and "Bell" in text and "Escape" in text
        assert not any(c in text for c in "\x00\x0b\x1b\x07\ufffe\uffff")


def _pptx_text(path: Path) -> str:
    from pptx import Presentation

    prs = Presentation(str(path))
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(c.text for row in shape.table.rows for c in row.cells)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    with zipfile.ZipFile(path) as z:  # footnotes/endnotes live in their own parts
        parts += [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
    return "\n".join(parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return "\n".join(parser.parts)


# --- generated cases: too big to keep as files, or needing links, modes or processes ------------------------


def test_a_field_of_millions_of_characters_is_refused(project: Path) -> None:
    before = snapshot(project / "out")
    threats = project / "content" / "threats.yaml"
    threats.write_text(threats.read_text(encoding="utf-8").replace(
        "summary: The arsenal can reach all three countries.", "summary: " + "word " * 300_000), encoding="utf-8")
    result = invoke(*CONTENT_BUILD)
    assert_clean_failure(result, 1)
    assert result.stderr == "content/threats.yaml:3:12: threats[0].summary: expected a value of at most 100,000 " \
                            "characters, got 1,499,999\n"
    assert snapshot(project / "out") == before


def test_a_file_over_the_size_cap_is_refused(project: Path) -> None:
    before = snapshot(project / "out")
    (project / "content" / "events.yaml").write_text("# padding\n" * 330_000, encoding="utf-8")
    result = invoke(*CONTENT_BUILD)
    assert_clean_failure(result, 1)
    assert result.stderr == "content/events.yaml: expected a file of at most 2 MiB, got 3.1 MiB\n"
    assert snapshot(project / "out") == before


@pytest.mark.parametrize("name", ["...yaml", "..yaml", "Blue Team.yaml"])
def test_an_audience_file_name_that_is_not_an_id_is_refused(project: Path, name: str) -> None:
    before = snapshot(project / "out")
    shutil.copy(project / "content" / "audiences" / "neutral.yaml", project / "content" / "audiences" / name)
    result = invoke(*CONTENT_BUILD)
    assert_clean_failure(result, 1)
    stem = name[:-5]
    assert result.stderr == (f"content/audiences/{name}: audiences: expected a file name of lower-case letters, "
                             f"digits and hyphens (it is the audience's name), got {stem!r}\n")
    assert snapshot(project / "out") == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "out"]


def test_an_audience_file_name_ending_in_a_line_break_is_refused(project: Path) -> None:
    """`$` in a pattern matches before a final line break: "neutral\\n" must not pass for an id."""
    shutil.copy(project / "content" / "audiences" / "neutral.yaml", project / "content" / "audiences" / "neutral\n.yaml")
    result = invoke(*CONTENT_BUILD)
    assert_clean_failure(result, 1)
    assert result.stderr == ("content/audiences/neutral\\n.yaml: audiences: expected a file name of lower-case "
                             "letters, digits and hyphens (it is the audience's name), got 'neutral\\n'\n")


def test_a_template_linked_outside_its_folder_is_refused(project: Path) -> None:
    before = snapshot(project / "out")
    (project / "briefgen.yaml").write_text("templates: templates\n", encoding="utf-8")
    (project / "templates" / "memo").mkdir(parents=True)
    os.symlink(project / "content" / "briefing.yaml", project / "templates" / "memo" / "memo.md.j2")
    result = invoke(*MEMO_BUILD)
    assert_clean_failure(result, 3)
    assert result.stderr == (
        "neutral/md: templates/memo/memo.md.j2: template: refused: 'memo/memo.md.j2' is a link to a file outside "
        "its template folder\n"
        "1 of 1 outputs failed; their previous files were left as they were\n")
    assert snapshot(project / "out") == before


def test_an_included_template_linked_outside_is_refused(project: Path) -> None:
    (project / "briefgen.yaml").write_text("templates: templates\n", encoding="utf-8")
    (project / "templates" / "memo").mkdir(parents=True)
    (project / "templates" / "memo" / "memo.md.j2").write_text("# {{ view.title }}\n{% include 'memo/part.j2' %}\n")
    os.symlink("../../content/briefing.yaml", project / "templates" / "memo" / "part.j2")
    before = snapshot(project / "out")
    result = invoke(*MEMO_BUILD)
    assert_clean_failure(result, 3)
    assert result.stderr.splitlines()[0] == (
        "neutral/md: templates/memo/memo.md.j2:2:1: template: refused: 'memo/part.j2' is a link to a file outside "
        "its template folder")
    assert snapshot(project / "out") == before


def test_the_master_as_output_is_refused(project: Path) -> None:
    """--master naming the deck being built: the writer must not write over its own input."""
    master = project / "out" / "neutral" / "minimal-test-briefing.pptx"
    shutil.copy(shipped_templates() / "pptx" / "default.pptx", master)
    os.utime(master, (OLD, OLD))
    before = snapshot(project / "out")
    result = invoke("build", "-a", "neutral", "-f", "pptx", "-j", "1", "-q", "--master", str(master))
    assert_clean_failure(result, 4)
    assert result.stderr == ("neutral/pptx: out/neutral/minimal-test-briefing.pptx: output: refusing to overwrite "
                             "an input file\n1 of 1 outputs failed; their previous files were left as they were\n")
    assert snapshot(project / "out") == before


def test_an_output_landing_on_a_template_file_is_refused(project: Path) -> None:
    """output: templates, slug: default and an audience named pptx put the deck on the master it is built from."""
    (project / "briefgen.yaml").write_text("templates: templates\noutput: templates\nslug: default\n")
    (project / "templates" / "pptx").mkdir(parents=True)
    master = project / "templates" / "pptx" / "default.pptx"
    shutil.copy(shipped_templates() / "pptx" / "default.pptx", master)
    shutil.copy(project / "content" / "audiences" / "neutral.yaml", project / "content" / "audiences" / "pptx.yaml")
    os.utime(master, (OLD, OLD))
    before = master.read_bytes()
    result = invoke("build", "-a", "pptx", "-f", "pptx", "-j", "1", "-q")
    assert_clean_failure(result, 4)
    assert result.stderr.splitlines() == [
        "pptx/pptx: templates/pptx/default.pptx: output: refusing to overwrite an input file",
        "1 of 1 outputs failed; their previous files were left as they were"]
    assert master.read_bytes() == before and master.stat().st_mtime == OLD


def test_an_output_folder_that_is_a_file_fails_cleanly(project: Path) -> None:
    """Not writable even for root: the output folder's place is taken by a regular file."""
    shutil.rmtree(project / "out")
    (project / "out").write_bytes(b"not a folder")
    result = invoke("build", "-a", "neutral", "-f", "md", "-j", "1", "-q")
    assert_clean_failure(result, 4)
    assert result.stderr.splitlines() == [
        "neutral/md: out/neutral/minimal-test-briefing-charts/timeline.png: output: cannot write here: "
        "out is a file, not a folder",
        "out/manifest.json: output: cannot write here: out is a file, not a folder"]
    assert (project / "out").read_bytes() == b"not a folder"


@pytest.mark.needs(*tools_needed())
def test_a_read_only_output_folder_fails_cleanly(project: Path) -> None:
    folder = project / "out" / "neutral"
    before = snapshot(project / "out")
    folder.chmod(0o555)
    try:
        proc = run_python(["-m", "briefgen", "build", "-a", "neutral", "-f", "html", "-j", "1", "-q", "--force"],
                          cwd=project)
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == ("neutral/html: out/neutral/minimal-test-briefing.html: output: "
                                           "cannot write here: Permission denied")
    assert snapshot(project / "out") == before


def test_a_read_only_output_is_kept_and_reported(project: Path) -> None:
    """Decided: an output its owner made read-only is never replaced (os.replace could, even as non-root)."""
    target = project / "out" / "neutral" / "minimal-test-briefing.html"
    target.chmod(0o444)
    before = snapshot(project / "out")
    result = invoke("build", "-a", "neutral", "-f", "html", "-j", "1", "-q", "--force")
    assert_clean_failure(result, 4)
    assert result.stderr == ("neutral/html: out/neutral/minimal-test-briefing.html: output: refusing to replace a "
                             "read-only file (make it writable to rebuild it)\n"
                             "1 of 1 outputs failed; their previous files were left as they were\n")
    assert snapshot(project / "out") == before


KILLED_BUILD = """
import os, sys, time
import briefgen.atomic as atomic

real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    print("saving", flush=True)
    time.sleep(60)
atomic.os.fsync = slow_fsync
from briefgen.cli import main
main(["build", "--all", "-f", "md", "-f", "html", "-j", "1", "-q", "--force"])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_build_killed_mid_save_keeps_the_old_output(project: Path) -> None:
    before = snapshot(project / "out")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "saving", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    after = snapshot(project / "out")
    leftovers = [k for k in after if k not in before]
    assert all(Path(k).name.startswith(".") and k.endswith(".tmp") for k in leftovers), leftovers
    assert {k: v for k, v in after.items() if k in before} == before


def test_diff_output_onto_a_template_is_refused(project: Path) -> None:
    (project / "briefgen.yaml").write_text("templates: templates\n", encoding="utf-8")
    template = project / "templates" / "memo" / "memo.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("# {{ view.title }}\n", encoding="utf-8")
    result = invoke("diff", "hawkish", "dovish", "-f", "html", "-o", "templates/memo/memo.md.j2")
    assert_clean_failure(result, 4)
    assert result.stderr == "templates/memo/memo.md.j2: output: refusing to overwrite an input file\n"
    assert template.read_text(encoding="utf-8") == "# {{ view.title }}\n"


def test_a_refused_markdown_memo_leaves_its_charts_alone(project: Path) -> None:
    (project / "out" / "neutral" / "minimal-test-briefing.md").chmod(0o444)
    before = snapshot(project / "out")
    result = invoke("build", "-a", "neutral", "-f", "md", "-j", "1", "-q", "--force")
    assert_clean_failure(result, 4)
    assert snapshot(project / "out") == before


# --- paths that are not regular files: each read, or reported at its path with what it is ----------------------


def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir(parents=True)


def _loop(path: Path) -> None:
    os.symlink(path.name, path)


def _dangling(path: Path) -> None:
    os.symlink("nowhere.yaml", path)


def _device(path: Path) -> None:
    os.symlink(os.devnull, path)


def _plain_file(path: Path) -> None:
    path.write_text("id: thr-x\n", encoding="utf-8")


def _image_item(root: Path) -> None:
    threats = root / "content" / "threats.yaml"
    threats.write_text(threats.read_text(encoding="utf-8").replace(
        "  severity: 5\n", "  severity: 5\n  image: {path: images/map.png, alt: A map.}\n", 1), encoding="utf-8")


# case -> (path to replace, what to put there, exit code, command, expected stderr).  Commands run in a child
# process with a timeout: a named pipe opened for reading would otherwise wait for a writer for ever.
NOT_FILES = {
    "kind-file-is-a-folder": ("content/threats.yaml", _folder, 1, CONTENT_BUILD,
                              "content/threats.yaml: expected a YAML file, got a folder\n"),
    "kind-file-is-a-fifo": ("content/threats.yaml", _fifo, 1, CONTENT_BUILD,
                            "content/threats.yaml: expected a YAML file, got a named pipe (FIFO)\n"),
    "kind-file-is-a-link-loop": ("content/threats.yaml", _loop, 1, CONTENT_BUILD,
                                 "content/threats.yaml: expected a YAML file, got a link that loops\n"),
    "kind-file-is-a-broken-link": ("content/threats.yaml", _dangling, 1, CONTENT_BUILD,
                                   "content/threats.yaml: expected a YAML file, got a broken link (to 'nowhere.yaml')\n"),
    "kind-file-is-a-device": ("content/threats.yaml", _device, 1, CONTENT_BUILD,
                              "content/threats.yaml: expected a YAML file, got a device\n"),
    "kind-folder-is-a-file": ("content/risks", _plain_file, 1, CONTENT_BUILD,
                              "content/risks: expected a folder of risks files (or risks.yaml), got a file\n"),
    "kind-folder-holds-a-fifo": ("content/risks/more.yaml", _fifo, 1, CONTENT_BUILD,
                                 "content/risks/more.yaml: expected a YAML file, got a named pipe (FIFO)\n"),
    "kind-folder-holds-a-folder": ("content/risks/more.yaml", _folder, 1, CONTENT_BUILD,
                                   "content/risks/more.yaml: expected a YAML file, got a folder\n"),
    "briefing-is-a-folder": ("content/briefing.yaml", _folder, 1, CONTENT_BUILD,
                             "content/briefing.yaml: expected a YAML file, got a folder\n"),
    "audience-file-is-a-fifo": ("content/audiences/extra.yaml", _fifo, 1, CONTENT_BUILD,
                                "content/audiences/extra.yaml: expected a YAML file, got a named pipe (FIFO)\n"),
    "audience-file-is-a-link-loop": ("content/audiences/extra.yaml", _loop, 1, CONTENT_BUILD,
                                     "content/audiences/extra.yaml: expected a YAML file, got a link that loops\n"),
    "audiences-is-a-file": ("content/audiences", _plain_file, 1, CONTENT_BUILD,
                            "content/audiences: expected a folder of audience profiles (audiences/NAME.yaml), "
                            "got a file\n"),
    "image-is-a-fifo": ("content/images/map.png", _fifo, 1, CONTENT_BUILD,
                        "content/threats.yaml:6:17: threats[0].image.path: expected an image file, got a named pipe "
                        "(FIFO) at 'images/map.png'\n"),
    "image-is-a-folder": ("content/images/map.png", _folder, 1, CONTENT_BUILD,
                          "content/threats.yaml:6:17: threats[0].image.path: expected an image file, got a folder at "
                          "'images/map.png'\n"),
    "image-is-a-link-loop": ("content/map.png", _loop, 1, CONTENT_BUILD,
                             "content/threats.yaml:6:17: threats[0].image.path: expected an image file, got a link "
                             "that loops at 'images/map.png'\n"),
    "template-is-a-folder": ("templates/memo/memo.md.j2", _folder, 3, MEMO_BUILD + ("--force",),
                             "neutral/md: templates/memo/memo.md.j2: template: refused: expected 'memo/memo.md.j2' to "
                             "be a template file, got a folder\n"
                             "1 of 1 outputs failed; their previous files were left as they were\n"),
    "template-is-a-fifo": ("templates/pptx/deck.yaml.j2", _fifo, 3, DECK_BUILD,
                           "neutral/pptx: templates/pptx/deck.yaml.j2: template: refused: expected 'pptx/deck.yaml.j2' "
                           "to be a template file, got a named pipe (FIFO)\n"
                           "1 of 1 outputs failed; their previous files were left as they were\n"),
    "master-is-a-fifo": ("templates/master.pptx", _fifo, 3, DECK_BUILD,
                         "neutral/pptx: templates/master.pptx: master: expected a .pptx file, got a named pipe "
                         "(FIFO)\n1 of 1 outputs failed; their previous files were left as they were\n"),
    "reference-is-a-folder": ("templates/reference.docx", _folder, 3, ("build", "-a", "neutral", "-f", "docx",
                                                                       "-j", "1", "-q"),
                              "neutral/docx: templates/reference.docx: reference docx: expected a .docx file, got a "
                              "folder\n1 of 1 outputs failed; their previous files were left as they were\n"),
    "reference-is-a-link-out": ("templates/reference.docx", _device, 1, CONTENT_BUILD,
                                "briefgen.yaml:2:17: reference_docx: expected a path inside the project, got "
                                f"'templates/reference.docx', a link to {os.path.realpath(os.devnull)!r} outside it\n"),
    "settings-is-a-fifo": ("briefgen.yaml", _fifo, 1, CONTENT_BUILD,
                           "briefgen.yaml: expected a YAML file, got a named pipe (FIFO)\n"),
    "settings-is-a-folder": ("briefgen.yaml", _folder, 1, CONTENT_BUILD,
                             "briefgen.yaml: expected a YAML file, got a folder\n"),
    "project-is-a-fifo": ("pipe", _fifo, 1, ("validate", "pipe"),
                          "pipe: expected a project or content folder, got a named pipe (FIFO)\n"),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes and symbolic links")
@pytest.mark.parametrize("case", sorted(NOT_FILES))
def test_a_path_that_is_not_a_regular_file_is_named(case: str, project: Path) -> None:
    rel, make, code, args, expected = NOT_FILES[case]
    settings = {"master": "master: templates/master.pptx\n", "reference": "reference_docx: templates/reference.docx\n"}
    if not rel.startswith("briefgen.yaml"):
        (project / "briefgen.yaml").write_text("templates: templates\n" + settings.get(case.split("-")[0], ""),
                                               encoding="utf-8")
    (project / "templates").mkdir(exist_ok=True)
    (project / "content" / "images").mkdir()
    if case.startswith("image"):
        _image_item(project)
        if rel != "content/images/map.png":
            os.symlink("../map.png", project / "content" / "images" / "map.png")
    target = project / rel
    if target.is_dir():
        shutil.rmtree(target)
    elif target.is_file():
        target.unlink()
    make(target)
    before = snapshot(project / "out")
    env = dict(os.environ, PYTHONPATH=str(REPO))  # this checkout's briefgen, whatever else is installed
    result = subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=project, capture_output=True, text=True,
                            timeout=120, env=env)
    assert (result.returncode, result.stderr) == (code, expected)
    assert snapshot(project / "out") == before


# --- containment: checked at write time, links resolved, for every file a writer writes -----------------------

FAILED = "1 of 1 outputs failed; their previous files were left as they were\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("link, fmt", [("out/neutral/minimal-test-briefing-charts", "md"),
                                       ("out/neutral/minimal-test-briefing-images", "md"),
                                       ("out/neutral", "html")])
def test_a_folder_beside_an_output_linked_out_of_the_project_is_refused(project: Path, tmp_path_factory,
                                                                          link: str, fmt: str) -> None:
    """No briefgen.yaml: the memo's chart folder, its picture folder or an audience folder leading elsewhere."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    if link.endswith("images"):
        _image_item(project)
        (project / "content" / "images").mkdir()
        shutil.copy(FIXTURES / "item-image" / "images" / "peninsula.png", project / "content" / "images" / "map.png")
    shutil.rmtree(project / link, ignore_errors=True)
    os.symlink(elsewhere, project / link)
    before = snapshot(project / "out")
    result = invoke("build", "-a", "neutral", "-f", fmt, "-j", "1", "-q", "--force")
    assert_clean_failure(result, 4)
    name = {"charts": "timeline.png", "images": "thr-missiles.png", "neutral": "minimal-test-briefing.html"}
    first = name[link.rsplit("-", 1)[-1].rsplit("/", 1)[-1]]
    assert result.stderr == (f"neutral/{fmt}: {link}/{first}: output: refusing to write outside the output folder "
                             f"out: the path leads to {str(elsewhere.resolve() / first)!r} (a link on the way?)\n"
                             + FAILED)
    assert list(elsewhere.iterdir()) == []
    after = snapshot(project / "out")
    assert {k: v for k, v in after.items() if k != "manifest.json"} == \
        {k: v for k, v in before.items() if k != "manifest.json"}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_chart_file_linked_to_a_content_file_is_refused(project: Path) -> None:
    threats = project / "content" / "threats.yaml"
    before_input = threats.read_bytes()
    chart = project / "out" / "neutral" / "minimal-test-briefing-charts" / "timeline.png"
    chart.unlink()
    os.symlink(threats, chart)
    result = invoke("build", "-a", "neutral", "-f", "md", "-j", "1", "-q", "--force")
    assert_clean_failure(result, 4)
    assert result.stderr == ("neutral/md: out/neutral/minimal-test-briefing-charts/timeline.png: output: refusing to "
                             f"write outside the output folder out: the path leads to {str(threats.resolve())!r} (a "
                             "link on the way?)\n" + FAILED)
    assert threats.read_bytes() == before_input


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_an_output_hard_linked_to_the_settings_is_refused(project: Path) -> None:
    """briefgen.yaml is an input too: an output that is the same file on disk is never written."""
    settings = project / "briefgen.yaml"
    settings.write_text("shrink_to_fit: false\n", encoding="utf-8")
    target = project / "out" / "neutral" / "minimal-test-briefing.html"
    target.unlink()
    os.link(settings, target)
    result = invoke("build", "-a", "neutral", "-f", "html", "-j", "1", "-q", "--force")
    assert_clean_failure(result, 4)
    assert result.stderr == "neutral/html: out/neutral/minimal-test-briefing.html: output: refusing to overwrite " \
                            "an input file\n" + FAILED
    assert settings.read_text(encoding="utf-8") == "shrink_to_fit: false\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_manifest_linked_to_a_content_file_is_refused(project: Path) -> None:
    briefing = project / "content" / "briefing.yaml"
    before = briefing.read_bytes()
    (project / "out" / "manifest.json").unlink(missing_ok=True)
    os.symlink(briefing, project / "out" / "manifest.json")
    result = invoke("build", "-a", "neutral", "-f", "md", "-j", "1", "-q", "--force")
    assert_clean_failure(result, 4)
    assert result.stderr.splitlines()[-1].startswith("out/manifest.json: output: refusing to write outside the "
                                                      "output folder out")
    assert briefing.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_diff_page_linked_out_of_the_output_folder_is_refused(project: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    os.symlink(elsewhere / "page.html", project / "out" / "diff-hawkish-dovish.html")
    result = invoke("diff", "hawkish", "dovish", "-f", "html")
    assert_clean_failure(result, 4)
    assert result.stderr == ("out/diff-hawkish-dovish.html: output: refusing to write outside the output folder out: "
                             f"the path leads to {str(elsewhere.resolve() / 'page.html')!r} (a link on the way?)\n")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_place_of_the_manifest_or_a_cached_chart_is_passed_over(project: Path) -> None:
    """Files briefgen reads back from its own folders do not hang a build either."""
    (project / "out" / "manifest.json").unlink()
    os.mkfifo(project / "out" / "manifest.json")
    cache = project / ".briefgen-cache"
    cache.mkdir(exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    first = subprocess.run([sys.executable, "-m", "briefgen", *MEMO_BUILD], cwd=project, capture_output=True,
                           text=True, timeout=120, env=env)
    # No manifest to read: the existing output has no record, so it counts as a person's and is kept aside.
    assert first.returncode == 0
    assert [line.split(" as ")[0] for line in first.stderr.splitlines()] == [
        "neutral/md: kept your edited out/neutral/minimal-test-briefing.md"]
    charts = sorted(p for p in cache.iterdir() if p.suffix == ".png")
    assert charts
    charts[0].unlink()
    os.mkfifo(charts[0])
    again = subprocess.run([sys.executable, "-m", "briefgen", *MEMO_BUILD, "--force"], cwd=project,
                           capture_output=True, text=True, timeout=120, env=env)
    assert (again.returncode, again.stderr) == (0, "")
    assert (project / "out" / "manifest.json").is_file()
