"""Tests of briefgen.files: naming what is at a path, and reading only regular files, never blocking."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.files import NotRegularFile, describe, exists, not_a_file, not_a_folder, read_regular, real_path

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes and symbolic links")


@pytest.fixture()
def things(tmp_path: Path) -> Path:
    """A folder holding one of each kind of entry."""
    (tmp_path / "file").write_bytes(b"0123456789")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    os.symlink("loop", tmp_path / "loop")
    os.symlink("missing", tmp_path / "broken")
    os.symlink(os.devnull, tmp_path / "device")
    os.symlink("file", tmp_path / "link")
    return tmp_path


@pytest.mark.parametrize("name, what", [
    ("file", "a file"), ("link", "a file"), ("folder", "a folder"), ("fifo", "a named pipe (FIFO)"),
    ("loop", "a link that loops"), ("broken", "a broken link (to 'missing')"), ("device", "a device"),
    ("absent", "nothing")])
def test_describe_names_every_kind_of_entry(things: Path, name: str, what: str) -> None:
    assert describe(things / name) == what
    assert not_a_file(things / name) == (None if what == "a file" else what)
    assert not_a_folder(things / name) == (None if what == "a folder" else what)


def test_exists_counts_broken_links(things: Path) -> None:
    assert exists(things / "broken") and exists(things / "loop") and not exists(things / "absent")


@pytest.mark.parametrize("name, what", [("folder", "a folder"), ("fifo", "a named pipe (FIFO)"),
                                        ("loop", "a link that loops"), ("device", "a device")])
def test_read_regular_refuses_what_is_not_a_file_without_blocking(things: Path, name: str, what: str) -> None:
    with pytest.raises(NotRegularFile) as exc:
        read_regular(things / name, 100)
    assert exc.value.what == what


def test_read_regular_reads_one_byte_past_the_limit(things: Path) -> None:
    assert read_regular(things / "link", 100) == b"0123456789"
    assert read_regular(things / "file", 4) == b"01234"


def test_read_regular_passes_on_other_errors(things: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(things / "absent", 100)


def test_real_path_resolves_links_and_leaves_loops(things: Path) -> None:
    assert real_path(things / "link") == (things / "file").resolve()
    assert real_path(things / "loop").name == "loop"
