"""Tests of briefgen.commands.history: a person's version of an output is copied before it is replaced."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefgen.commands import history
from briefgen.commands.history import HISTORY_DIR, KeptCopy, copies_of, is_edited, keep_edited_output, prune

SAVED = time.mktime((2026, 11, 30, 21, 45, 7, 0, 0, -1))  # when the person last saved the deck (local time)


@pytest.fixture
def edited_deck(tmp_path: Path) -> Path:
    """``out/hawkish/brief.pptx`` holding a person's bytes, last saved at SAVED."""
    deck = tmp_path / "out" / "hawkish" / "brief.pptx"
    deck.parent.mkdir(parents=True)
    deck.write_bytes(b"the colonel's edits")
    os.utime(deck, (SAVED, SAVED))
    return deck


def test_an_output_is_edited_when_its_bytes_differ_from_the_record(edited_deck: Path) -> None:
    assert is_edited(edited_deck, recorded_sha256="aa", actual_sha256="bb")
    assert not is_edited(edited_deck, recorded_sha256="aa", actual_sha256="aa")


def test_an_output_with_no_record_counts_as_edited(edited_deck: Path) -> None:
    assert is_edited(edited_deck, recorded_sha256=None, actual_sha256="bb")


def test_a_missing_output_is_not_edited(tmp_path: Path) -> None:
    assert not is_edited(tmp_path / "gone.pptx", recorded_sha256="aa", actual_sha256=None)


def test_the_copy_is_named_by_audience_slug_and_save_time(tmp_path: Path, edited_deck: Path) -> None:
    kept = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    assert kept.copy == tmp_path / HISTORY_DIR / "hawkish" / "brief-20261130-214507.pptx"
    assert kept.copy.read_bytes() == b"the colonel's edits"
    assert kept.copy.stat().st_mtime == SAVED
    assert edited_deck.read_bytes() == b"the colonel's edits"  # the output itself is untouched


def test_the_line_says_what_was_kept_and_where(tmp_path: Path, edited_deck: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kept = KeptCopy(edited_deck, tmp_path / HISTORY_DIR / "hawkish" / "brief-20261130-214507.pptx")
    assert kept.line() == ("kept your edited out/hawkish/brief.pptx as "
                           ".briefgen-history/hawkish/brief-20261130-214507.pptx")


def test_a_second_edit_saved_in_the_same_second_gets_its_own_copy(tmp_path: Path, edited_deck: Path) -> None:
    first = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    edited_deck.write_bytes(b"more edits")
    os.utime(edited_deck, (SAVED, SAVED))
    second = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    assert second.copy.name == "brief-20261130-214507-2.pptx"
    assert first.copy.read_bytes() == b"the colonel's edits" and second.copy.read_bytes() == b"more edits"


def test_the_same_bytes_are_not_copied_twice(tmp_path: Path, edited_deck: Path) -> None:
    first = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    os.utime(edited_deck, (SAVED + 60, SAVED + 60))
    again = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    assert again.copy == first.copy
    assert copies_of(first.copy.parent, edited_deck) == [first.copy]


def test_only_the_newest_copies_are_kept_and_the_new_one_never_goes(tmp_path: Path, edited_deck: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "KEEP", 3)
    made = []
    for day in range(5):
        edited_deck.write_bytes(f"edit {day}".encode())
        stamp = SAVED + day * 86400
        os.utime(edited_deck, (stamp, stamp))
        made.append(keep_edited_output(tmp_path, tmp_path / "out", edited_deck).copy)
    left = copies_of(made[0].parent, edited_deck)
    assert left == made[-3:]
    assert [p.read_bytes() for p in left] == [b"edit 2", b"edit 3", b"edit 4"]


def test_pruning_leaves_other_outputs_and_other_files_alone(tmp_path: Path, edited_deck: Path) -> None:
    folder = tmp_path / HISTORY_DIR / "hawkish"
    folder.mkdir(parents=True)
    names = ["brief-20250101-000000.pptx", "brief-20250102-000000.pptx", "brief-20250101-000000.docx",
             "other-20250101-000000.pptx", "brief-notes.txt"]
    for name in names:
        (folder / name).write_bytes(b"x")
    removed = prune(folder, edited_deck, protect=folder / "brief-20250102-000000.pptx", keep=1)
    assert removed == [folder / "brief-20250101-000000.pptx"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names[1:])


def test_an_output_outside_the_output_folder_keeps_its_copies_by_folder_name(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "memo.docx"
    assert history.history_folder(tmp_path, tmp_path / "out", target) == tmp_path / HISTORY_DIR / "elsewhere"


def test_ten_copies_are_kept_by_default(tmp_path: Path, edited_deck: Path) -> None:
    folder = tmp_path / HISTORY_DIR / "hawkish"
    folder.mkdir(parents=True)
    names = [f"brief-202501{day:02d}-000000.pptx" for day in range(1, 13)]
    for name in names:
        (folder / name).write_bytes(b"x")
    removed = prune(folder, edited_deck, protect=folder / names[-1])
    assert removed == [folder / names[0], folder / names[1]]
    assert sorted(p.name for p in folder.iterdir()) == names[2:]


def test_copies_saved_in_the_same_second_are_ordered_by_their_number(tmp_path: Path, edited_deck: Path) -> None:
    folder = tmp_path / HISTORY_DIR / "hawkish"
    folder.mkdir(parents=True)
    names = ["brief-20250101-000000-10.pptx", "brief-20250102-000000.pptx", "brief-20250101-000000.pptx",
             "brief-20250101-000000-2.pptx"]
    for name in names:
        (folder / name).write_bytes(b"x")
    os.symlink(folder / names[1], folder / "brief-20250103-000000.pptx")  # a link is no copy of ours
    assert [p.name for p in copies_of(folder, edited_deck)] == [
        "brief-20250101-000000.pptx", "brief-20250101-000000-2.pptx", "brief-20250101-000000-10.pptx",
        "brief-20250102-000000.pptx"]


def test_a_copy_name_taken_by_a_broken_link_is_not_reused(tmp_path: Path, edited_deck: Path) -> None:
    folder = tmp_path / HISTORY_DIR / "hawkish"
    folder.mkdir(parents=True)
    os.symlink(tmp_path / "nowhere", folder / "brief-20261130-214507.pptx")
    os.symlink(tmp_path / "nowhere", folder / "brief-20261130-214507-2.pptx")
    kept = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    assert kept.copy.name == "brief-20261130-214507-3.pptx"
    assert kept.copy.read_bytes() == b"the colonel's edits"


def test_copies_of_an_output_in_a_deeper_folder_keep_that_folder(tmp_path: Path) -> None:
    target = tmp_path / "out" / "hawkish" / "extra" / "memo.docx"
    assert history.history_folder(tmp_path, tmp_path / "out", target) == tmp_path / HISTORY_DIR / "hawkish" / "extra"


def test_a_folder_in_place_of_an_output_is_not_edited(tmp_path: Path) -> None:
    assert not is_edited(tmp_path, recorded_sha256="aa", actual_sha256="bb")


def test_an_edit_of_the_same_size_and_time_as_a_kept_copy_is_still_kept(tmp_path: Path, edited_deck: Path) -> None:
    first = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    assert first.output == edited_deck
    edited_deck.write_bytes(b"the colonel's EDITS")  # same length, same saved time: only the bytes differ
    os.utime(edited_deck, (SAVED, SAVED))
    second = keep_edited_output(tmp_path, tmp_path / "out", edited_deck)
    assert (second.output, second.copy.name) == (edited_deck, "brief-20261130-214507-2.pptx")
    assert second.copy.read_bytes() == b"the colonel's EDITS"
