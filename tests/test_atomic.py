"""Tests of briefgen.atomic: a failed, killed or refused write never loses the previous file."""
from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import atomic
from briefgen.atomic import atomic_write, atomic_write_all, atomic_write_bytes, check_target, refuse_inputs
from briefgen.errors import BuildError
from tests.support.unprivileged import run_python, tools_needed

OLD = 1_000_000


@pytest.fixture()
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An existing output ``out/deck.pptx`` (old bytes, old mtime); the working directory is its project."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out" / "deck.pptx"
    target.parent.mkdir()
    target.write_bytes(b"previous deck")
    os.utime(target, (OLD, OLD))
    return target


def untouched(target: Path) -> bool:
    """The old bytes and mtime, and no temporary file left beside it."""
    return (target.read_bytes() == b"previous deck" and target.stat().st_mtime == OLD
            and sorted(p.name for p in target.parent.iterdir()) == [target.name])


def test_replaces_the_target(deck: Path) -> None:
    atomic_write_bytes(deck, b"new deck")
    assert deck.read_bytes() == b"new deck"
    assert [p.name for p in deck.parent.iterdir()] == ["deck.pptx"]


def test_a_full_disk_keeps_the_old_file(deck: Path) -> None:
    def produce(tmp: Path) -> None:
        tmp.write_bytes(b"half a de")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(BuildError) as exc:
        atomic_write(deck, produce)
    assert exc.value.lines() == ["out/deck.pptx: output: cannot write: No space left on device"]
    assert untouched(deck)


def test_a_failing_rename_keeps_the_old_file(deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_replace(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(atomic.os, "replace", no_replace)
    with pytest.raises(BuildError) as exc:
        atomic_write_bytes(deck, b"new deck")
    assert exc.value.lines() == ["out/deck.pptx: output: cannot write: Invalid cross-device link"]
    assert untouched(deck)


def test_any_other_failure_propagates_and_cleans_up(deck: Path) -> None:
    def produce(tmp: Path) -> None:
        tmp.write_bytes(b"partial")
        raise ValueError("writer bug")

    with pytest.raises(ValueError):
        atomic_write(deck, produce)
    assert untouched(deck)


def test_the_mode_of_an_existing_output_is_kept_and_new_ones_are_0644(deck: Path) -> None:
    deck.chmod(0o640)
    atomic_write_bytes(deck, b"new")
    assert stat.S_IMODE(deck.stat().st_mode) == 0o640
    fresh = deck.parent / "memo.md"
    atomic_write_bytes(fresh, b"new")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_read_only_output_is_not_replaced(deck: Path) -> None:
    """Decided: the owner made it read-only, so briefgen leaves it alone (even as root) and says so."""
    deck.chmod(0o444)
    calls = []
    with pytest.raises(BuildError) as exc:
        atomic_write(deck, calls.append)
    assert exc.value.lines() == ["out/deck.pptx: output: refusing to replace a read-only file (make it writable to "
                                 "rebuild it)"]
    assert calls == []
    deck.chmod(0o644)
    assert untouched(deck)


def test_a_parent_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").write_bytes(b"a file")
    with pytest.raises(BuildError) as exc:
        atomic_write_bytes(tmp_path / "out" / "neutral" / "deck.pptx", b"x")
    assert exc.value.lines() == ["out/neutral/deck.pptx: output: cannot write here: out is a file, not a folder"]
    assert (tmp_path / "out").read_bytes() == b"a file"


def test_a_target_that_is_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deck.pptx").mkdir()
    (tmp_path / "deck.pptx" / "keep").write_text("mine")
    with pytest.raises(BuildError) as exc:
        atomic_write_bytes(tmp_path / "deck.pptx", b"x")
    assert exc.value.lines() == ["deck.pptx: output: cannot write: Is a directory"]
    assert (tmp_path / "deck.pptx" / "keep").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


UNWRITABLE = """
import sys
from pathlib import Path
from briefgen.atomic import atomic_write_bytes
from briefgen.errors import BuildError

try:
    atomic_write_bytes(Path(sys.argv[1]), b"new")
except BuildError as exc:
    print("\\n".join(exc.lines()))
"""


@pytest.mark.needs(*tools_needed())
def test_an_unwritable_folder(deck: Path) -> None:
    deck.parent.chmod(0o555)
    try:
        proc = run_python(["-c", UNWRITABLE, "out/deck.pptx"], cwd=deck.parent.parent)
    finally:
        deck.parent.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["out/deck.pptx: output: cannot write here: Permission denied"]
    assert untouched(deck)


KILLED = """
import sys, time
from pathlib import Path
from briefgen.atomic import atomic_write

def produce(tmp):
    with open(tmp, "wb") as fh:
        fh.write(b"half a new de")
        fh.flush()
    print("writing", flush=True)
    time.sleep(60)

atomic_write(Path(sys.argv[1]), produce)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_mid_save_leaves_the_old_file(deck: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(deck)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert deck.read_bytes() == b"previous deck" and deck.stat().st_mtime == OLD
    (stray,) = [p for p in deck.parent.iterdir() if p != deck]  # a hidden temp file is all that is left
    assert stray.name.startswith(f".deck.pptx.{proc.pid}-") and stray.name.endswith(".tmp")
    assert atomic.remove_stale_temporaries(deck.parent, ["deck.pptx"]) == [stray]
    assert sorted(deck.parent.iterdir()) == [deck]


def test_a_temporary_file_of_a_running_write_is_left_alone(deck: Path) -> None:
    mine = deck.parent / f".deck.pptx.{os.getpid()}-abcd1234.tmp"
    mine.write_bytes(b"being written")
    assert atomic.remove_stale_temporaries(deck.parent, ["deck.pptx"]) == []
    assert mine.read_bytes() == b"being written"


def test_only_briefgen_temporaries_of_the_named_outputs_are_removed(deck: Path) -> None:
    dead = _finished_pid()
    folder = deck.parent
    stale = folder / f".deck.pptx.{dead}-abcd1234.tmp"
    keep = [folder / f".notes.txt.{dead}-abcd1234.tmp",  # not an output of this folder
            folder / ".deck.pptx.swp",  # an editor's file
            folder / f"deck.pptx.{dead}-abcd1234.tmp",  # not hidden: not briefgen's pattern
            folder / ".deck.pptx.k3j4h5g6.tmp"]  # an earlier version's temp file, still recent
    for p in [stale, *keep]:
        p.write_bytes(b"x")
    assert atomic.remove_stale_temporaries(folder, ["deck.pptx"]) == [stale]
    assert all(p.exists() for p in keep)


def test_an_hour_old_temporary_of_an_earlier_version_is_removed(deck: Path) -> None:
    old = deck.parent / ".deck.pptx.k3j4h5g6.tmp"
    old.write_bytes(b"x")
    os.utime(old, (OLD, OLD))
    assert atomic.remove_stale_temporaries(deck.parent, ["deck.pptx"]) == [old]


def test_a_missing_folder_has_nothing_to_remove(tmp_path: Path) -> None:
    assert atomic.remove_stale_temporaries(tmp_path / "nowhere", ["deck.pptx"]) == []


def _finished_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_refuse_inputs_sees_through_spelling_and_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    master = tmp_path / "templates" / "master.pptx"
    master.parent.mkdir()
    master.write_bytes(b"master")
    (tmp_path / "out").mkdir()
    os.symlink(master, tmp_path / "out" / "deck.pptx")
    for target in (tmp_path / "templates" / ".." / "templates" / "master.pptx", tmp_path / "out" / "deck.pptx"):
        with pytest.raises(BuildError) as exc:
            refuse_inputs(target, [None, master])  # type: ignore[list-item]
        assert exc.value.lines()[0].endswith(": output: refusing to overwrite an input file")
    refuse_inputs(tmp_path / "out" / "other.pptx", [master])
    assert master.read_bytes() == b"master"


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project: content/threats.yaml (an input), out/neutral/, and a folder outside the project."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "project" / "content").mkdir(parents=True)
    (tmp_path / "project" / "content" / "threats.yaml").write_text("- id: thr-a\n", encoding="utf-8")
    (tmp_path / "project" / "out" / "neutral").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "project"


def refusal(target: Path, tree: Path) -> str:
    """The one line check_target gives ``target`` in ``tree``'s output folder."""
    with pytest.raises(BuildError) as exc:
        check_target(target, [tree / "content" / "threats.yaml"], tree / "out", tree)
    (line,) = exc.value.lines()
    return line


def test_check_target_passes_a_plain_output(tree: Path) -> None:
    check_target(tree / "out" / "neutral" / "brief.md", [tree / "content" / "threats.yaml"], tree / "out", tree)


def test_check_target_refuses_a_folder_on_the_way_that_leads_out(tree: Path) -> None:
    os.symlink(tree.parent / "elsewhere", tree / "out" / "neutral" / "brief-charts")
    assert refusal(tree / "out" / "neutral" / "brief-charts" / "timeline.png", tree) == (
        "project/out/neutral/brief-charts/timeline.png: output: refusing to write outside the output folder "
        f"project/out: the path leads to {str(tree.parent.resolve() / 'elsewhere' / 'timeline.png')!r} "
        "(a link on the way?)")


def test_check_target_refuses_an_output_folder_that_leads_out_of_the_project(tree: Path) -> None:
    os.symlink(tree.parent / "elsewhere", tree / "out" / "linked")
    with pytest.raises(BuildError) as exc:
        check_target(tree / "out" / "linked" / "brief.md", [], tree / "out" / "linked", tree)
    assert exc.value.lines() == [
        "project/out/linked/brief.md: output: refusing to write outside the project: project/out/linked leads to "
        f"{str(tree.parent.resolve() / 'elsewhere')!r}"]


def test_check_target_refuses_an_input_reached_through_a_link_or_a_hard_link(tree: Path) -> None:
    threats = tree / "content" / "threats.yaml"
    os.link(threats, tree / "out" / "neutral" / "hard.md")
    assert refusal(tree / "out" / "neutral" / "hard.md", tree) == \
        "project/out/neutral/hard.md: output: refusing to overwrite an input file"
    with pytest.raises(BuildError):
        check_target(tree / "content" / ".." / "content" / "threats.yaml", [threats])
    assert threats.read_text(encoding="utf-8") == "- id: thr-a\n"


def test_writing_several_files_as_one_moves_none_until_all_are_made(deck: Path) -> None:
    """A memo and its images: if the memo cannot be made, the images already made are not moved in either."""
    def fail(tmp: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(BuildError) as exc:
        atomic_write_all([(deck, lambda tmp: tmp.write_bytes(b"new deck")), (deck.with_name("memo.md"), fail)])
    assert exc.value.lines() == ["out/memo.md: output: cannot write: No space left on device"]
    assert untouched(deck)


@pytest.mark.parametrize("blocker", ["read-only", "folder"])
def test_writing_several_files_checks_every_target_first(deck: Path, blocker: str) -> None:
    last = deck.with_name("memo.md")
    if blocker == "folder":
        last.mkdir()
    else:
        last.write_bytes(b"old memo")
        last.chmod(0o444)
    made = []
    with pytest.raises(BuildError):
        atomic_write_all([(deck, lambda tmp: made.append(tmp)), (last, lambda tmp: made.append(tmp))])
    assert made == []
    assert deck.read_bytes() == b"previous deck" and deck.stat().st_mtime == OLD
    assert sorted(p.name for p in deck.parent.iterdir()) == ["deck.pptx", "memo.md"]


def test_writing_several_files_replaces_them_all(deck: Path) -> None:
    atomic_write_all([(deck.parent / "charts" / "a.png", lambda tmp: tmp.write_bytes(b"a")),
                      (deck, lambda tmp: tmp.write_bytes(b"new deck"))])
    assert deck.read_bytes() == b"new deck" and (deck.parent / "charts" / "a.png").read_bytes() == b"a"
    assert sorted(p.name for p in deck.parent.rglob("*")) == ["a.png", "charts", "deck.pptx"]


def test_the_temporary_file_is_hidden_beside_the_target_in_folders_made_for_it(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out" / "neutral" / "memo-images" / "chart.png"
    seen: list[Path] = []

    def produce(tmp: Path) -> None:
        seen.append(tmp)
        tmp.write_bytes(b"png")

    atomic_write(target, produce)
    (tmp,) = seen
    assert tmp.parent == target.parent
    assert tmp.name.startswith(".chart.png.") and tmp.name.endswith(".tmp") and len(tmp.name) > len(".chart.png..tmp")
    assert target.read_bytes() == b"png" and [p.name for p in target.parent.iterdir()] == ["chart.png"]


def test_a_target_that_is_not_a_regular_file_becomes_one_with_mode_0644(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "deck.pptx"
    os.mkfifo(target, 0o600)
    atomic_write_bytes(target, b"new deck")
    assert stat.S_ISREG(target.stat().st_mode) and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"new deck"


def test_a_name_too_long_for_the_file_system_is_one_line_naming_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out" / ("d" * 300 + ".pptx")
    with pytest.raises(BuildError) as exc:
        atomic_write_bytes(target, b"deck")
    assert exc.value.lines() == [f"out/{target.name}: output: cannot write here: {os.strerror(errno.ENAMETOOLONG)}"]
    assert list((tmp_path / "out").iterdir()) == []


def test_refusing_an_input_names_the_output_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    master = tmp_path / "master.pptx"
    master.write_bytes(b"master")
    with pytest.raises(BuildError) as exc:
        refuse_inputs(tmp_path / "sub" / ".." / "master.pptx", [master])
    assert exc.value.lines() == ["master.pptx: output: refusing to overwrite an input file"]


def test_a_folder_or_another_hidden_tmp_file_is_left_alone_and_no_names_means_any_output(deck: Path) -> None:
    dead = _finished_pid()
    folder = deck.parent
    (folder / f".deck.pptx.{dead}-abcd1234.tmp").mkdir()  # a person's folder, whatever its name
    (folder / ".backup.tmp").write_bytes(b"mine")  # hidden and .tmp, but not briefgen's pattern
    stale = [folder / f".deck.pptx.{dead}-abcd5678.tmp", folder / f".chart-1.png.{dead}-abcd1234.tmp"]
    for p in stale:
        p.write_bytes(b"x")
    assert sorted(atomic.remove_stale_temporaries(folder, None)) == sorted(stale)
    assert sorted(p.name for p in folder.iterdir()) == [".backup.tmp", f".deck.pptx.{dead}-abcd1234.tmp", "deck.pptx"]
