"""Tests of briefgen.load.yamledit: chosen scalars rewritten in their own style, every other byte unchanged."""
from __future__ import annotations

import json

import pytest

from briefgen.load.yamledit import YamlEditError, _check, replace_scalars, scalar_spans

TEXT = """\
# Threats.  A comment that must survive.
- id: thr-a
  title: Missile arsenal   # trailing comment
  quoted: 'It''s here'
  double: "Line \\"one\\""
  points:
    - text: >-
        North Korea has made great strides in military capability over the past five years,
        including dozens of weapons tests.
      source: src-a
  block: |
    first
    second
  framing: {neutral: A shared problem., hawkish: Demands integrated defense.}
"""


def test_a_plain_scalar_stays_plain_and_the_comment_after_it_stays():
    out = replace_scalars(TEXT, {(3, 10): "Missile arsenal grows"})
    assert out == TEXT.replace("title: Missile arsenal   #", "title: Missile arsenal grows   #")


def test_a_plain_value_that_would_read_differently_is_double_quoted():
    assert "title: \"Missiles: three capitals\"   #" in replace_scalars(TEXT, {(3, 10): "Missiles: three capitals"})
    assert 'title: "42"   #' in replace_scalars(TEXT, {(3, 10): "42"})
    assert 'title: "# not a comment"' in replace_scalars(TEXT, {(3, 10): "# not a comment"})
    assert 'title: "yes"' in replace_scalars(TEXT, {(3, 10): "yes"})


def test_quoted_scalars_keep_their_quotes():
    out = replace_scalars(TEXT, {(4, 11): "It's there", (5, 11): 'Say "two"'})
    assert "  quoted: 'It''s there'\n" in out and '  double: "Say \\"two\\""\n' in out
    assert out.count("\n") == TEXT.count("\n")


def test_a_folded_block_is_rewrapped_at_its_indentation():
    new = ("Pyongyang has fired medium-range ballistic missiles that can strike Japan and tested ICBMs that could "
           "reach the United States.")
    out = replace_scalars(TEXT, {(7, 13): new})
    assert out.splitlines()[6:10] == [
        "    - text: >-",
        "        Pyongyang has fired medium-range ballistic missiles that can strike Japan and tested ICBMs",
        "        that could reach the United States.",
        "      source: src-a"]
    assert out.splitlines()[:6] == TEXT.splitlines()[:6] and out.splitlines()[9:] == TEXT.splitlines()[9:]


def test_a_literal_block_keeps_its_lines_or_is_quoted_when_it_would_read_differently():
    out = replace_scalars(TEXT, {(11, 10): "one\ntwo\nthree\n"})
    assert "  block: |\n    one\n    two\n    three\n  framing:" in out
    out = replace_scalars(TEXT, {(11, 10): "one\ntwo"})  # "|" keeps a final line break: this value has none
    assert '  block: "one\\ntwo"\n  framing:' in out


def test_a_flow_mapping_entry_is_rewritten_alone():
    out = replace_scalars(TEXT, {(14, 50): "Integrate, now."})
    assert out.splitlines()[-1] == '  framing: {neutral: A shared problem., hawkish: "Integrate, now."}'


def test_several_changes_in_one_file_and_nothing_else():
    out = replace_scalars(TEXT, {(3, 10): "New title", (7, 13): "A short fact."})
    assert [line for line in out.splitlines() if line not in TEXT.splitlines()] == [
        "  title: New title   # trailing comment", "        A short fact."]


def test_a_position_with_no_scalar_is_refused():
    with pytest.raises(YamlEditError, match="no value starts at line 3, column 2"):
        replace_scalars(TEXT, {(3, 2): "x"})


def test_spans_name_where_each_scalar_starts():
    spans = scalar_spans(TEXT)
    assert spans[(3, 10)].value == "Missile arsenal" and spans[(7, 13)].style == ">"


@pytest.mark.parametrize("value", ["two\nlines", "two  spaces", " leading space", "trailing space "])
def test_a_folded_block_that_would_fold_the_value_differently_is_double_quoted(value):
    assert replace_scalars("t: >-\n  a\nnext: x\n", {(1, 4): value}) == f"t: {json.dumps(value)}\nnext: x\n"


def test_a_folded_block_never_breaks_a_long_word_or_a_hyphenated_one():
    url = "https://example.org/" + "x" * 100
    compound = "-".join(["word"] * 25)
    out = replace_scalars("t: >-\n  a\n", {(1, 4): f"see {url} and {compound}"})
    assert out == f"t: >-\n  see\n  {url}\n  and\n  {compound}\n"


def test_a_deeply_indented_folded_block_still_gets_twenty_columns():
    pad = " " * 90
    out = replace_scalars(" " * 88 + "t: >-\n" + pad + "a\n", {(1, 92): "aaaa bbbb cccc dddddd eeeeee"})
    assert out.splitlines()[1:] == [pad + "aaaa bbbb cccc", pad + "dddddd eeeeee"]


def test_an_empty_block_gets_the_value_two_spaces_in():
    assert replace_scalars("note: >-\n\nnext: x\n", {(1, 7): "Hello"}) == "note: >-\n  Hello\nnext: x\n"


def test_a_literal_block_keeps_spaces_within_lines_empty_lines_and_its_chomping():
    out = replace_scalars("t: |-\n  a\nu: |\n  b\n", {(1, 4): "one two\nthree", (3, 4): "x y\n\nz\n"})
    assert out == "t: |-\n  one two\n  three\nu: |\n  x y\n\n  z\n"


def test_a_literal_block_with_an_indentation_indicator_keeps_it():
    text = "a:\n  block: |2\n    one\n    two\n"
    assert replace_scalars(text, {(2, 10): "three\nfour\n"}) == "a:\n  block: |2\n    three\n    four\n"


def test_a_single_quoted_value_given_a_line_break_is_double_quoted():
    assert replace_scalars("t: 'a'\n", {(1, 4): "two\nlines"}) == 't: "two\\nlines"\n'


def test_letters_beyond_ascii_are_written_as_they_are_when_quoted():
    assert replace_scalars("t: a\n", {(1, 4): "Séoul: 3"}) == 't: "Séoul: 3"\n'
    assert replace_scalars("t: >-\n  a\n", {(1, 4): "Séoul\nnext"}) == 't: "Séoul\\nnext"\n'


def test_the_read_back_check_refuses_a_file_whose_values_changed_in_number_or_elsewhere():
    with pytest.raises(YamlEditError) as err:
        _check("a: x\nb: y\n", "a: x\n", {(1, 4): "x"})
    assert str(err.value) == "the rewritten file does not have the same values as before"
    with pytest.raises(YamlEditError) as err:
        _check("a: z\nb: w\n", "a: x\nb: y\n", {(1, 4): "z"})  # b changed too
    assert str(err.value) == "a rewritten value does not read back as written"
    with pytest.raises(YamlEditError) as err:
        _check("a: x\n", "a: x\n", {(1, 4): "z"})  # the new value is nowhere
    assert str(err.value) == "a rewritten value does not read back as written"
    _check("a: z\nb: y\n", "a: x\nb: y\n", {(1, 4): "z"})
