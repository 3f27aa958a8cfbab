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


def test_describe_names_a_socket_and_a_path_that_cannot_be_looked_at(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock"))
        assert describe(tmp_path / "sock") == "a socket"
        assert not_a_file(tmp_path / "sock") == "a socket"
    (tmp_path / "file").write_text("x")
    assert describe(tmp_path / "file" / "below") == "nothing"  # a path through a file
    assert describe(tmp_path / ("n" * 300)) == "something that cannot be read (File name too long)"


def test_read_regular_reads_in_chunks_up_to_one_byte_past_the_limit(tmp_path: Path) -> None:
    big = bytes(range(256)) * (3 * 4096 + 7)  # 3 MiB and a bit: more than one 1 MiB chunk
    (tmp_path / "big").write_bytes(big)
    assert read_regular(tmp_path / "big", len(big) + 10) == big
    assert read_regular(tmp_path / "big", 2_500_000) == big[:2_500_001]
    assert read_regular(tmp_path / "big", 0) == big[:1]
    (tmp_path / "empty").write_bytes(b"")
    assert read_regular(tmp_path / "empty", 100) == b""


def test_not_regular_file_is_an_os_error_saying_what_it_is(things: Path) -> None:
    with pytest.raises(OSError) as exc:
        read_regular(things / "fifo", 10)
    assert isinstance(exc.value, NotRegularFile)
    assert (exc.value.errno, exc.value.strerror, exc.value.what) == (22, "a named pipe (FIFO)", "a named pipe (FIFO)")
