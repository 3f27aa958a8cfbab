"""Tests of briefgen.render.deck.render: a problem in the deck template's YAML output is blamed on the template
line that wrote it, whatever the template's shape (plain lines, loops, macros, macros calling macros)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.commands.plan import build_view
from briefgen.errors import TemplateError
from briefgen.load.library import load_library
from briefgen.render.deck.render import DECK_TEMPLATE, render_deck
from briefgen.resources import shipped_content, shipped_templates

SHIPPED = (shipped_templates() / DECK_TEMPLATE).read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.fixture(scope="module")
def view():
    return build_view(load_library(shipped_content()).library, "neutral")


def error_line(view, tmp_path: Path, text: str) -> tuple[int, str]:
    """The template line and message of the one error rendering ``text`` as the deck template gives."""
    (tmp_path / "pptx").mkdir(exist_ok=True)
    (tmp_path / "pptx" / "deck.yaml.j2").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        render_deck(view, [tmp_path, shipped_templates()])
    (line,) = err.value.lines()
    m = re.match(r".*deck\.yaml\.j2:(\d+):1: (.*)$", line)
    assert m, line
    return int(m.group(1)), m.group(2)


SHAPES = {
    "plain": ('slides:\n  - layout: "Title Slide"\n    title: {{ view.title | tojson }}\n'
              '  - layout: "Title Only"\n   title: "Agenda"\n', 5),
    "loop": ('slides:\n{% for s in view.sections %}\n  - layout: "Title Only"\n    title: {{ s.title | tojson }}\n'
             '{% endfor %}\n  - layout: "Blank"\n   title: "End"\n', 7),
    "macro": ('{%- macro slide(t) %}\n  - layout: "Title Only"\n    title: {{ t | tojson }}\n'
              '    notes:\n       - "one"\n      - "two"\n{% endmacro -%}\nslides:\n'
              '{% for s in view.sections %}\n{{ slide(s.title) }}\n{% endfor %}\n', 6),
    "macro-in-macro": ('{%- macro notes(t) -%}\n    notes:\n      - {{ t | tojson }}\n     - "two"\n'
                       '{%- endmacro %}\n{%- macro slide(t) %}\n  - layout: "Title Only"\n'
                       '    title: {{ t | tojson }}\n{{ notes(t) }}\n{% endmacro -%}\nslides:\n{{ slide("A") }}\n', 4),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_yaml_error_is_blamed_on_its_template_line_in_every_shape(view, tmp_path: Path, shape: str) -> None:
    text, line = SHAPES[shape]
    assert error_line(view, tmp_path, text)[0] == line


def structure_lines() -> list[int]:
    """Lines of the shipped deck template that are YAML keys of a slide: the layout that starts it, its title,
    body and notes (over-indenting one breaks the YAML at that very line), except the first slide's layout,
    which sets the indentation of them all."""
    return [n for n, text in enumerate(SHIPPED, 1) if re.match(r"  - layout: |    (title|body|notes|kicker):", text)
            and SHIPPED[n - 2].strip() != "slides:"]


def test_an_error_anywhere_in_a_copy_of_the_shipped_template_is_blamed_on_its_line(view, tmp_path: Path) -> None:
    """Each structure line over-indented in turn: every one the neutral deck renders is blamed exactly."""
    wrong, blamed = [], 0
    for line in structure_lines():
        broken = list(SHIPPED)
        broken[line - 1] = " " + broken[line - 1]
        (tmp_path / "pptx").mkdir(exist_ok=True)
        (tmp_path / "pptx" / "deck.yaml.j2").write_text("".join(broken), encoding="utf-8")
        try:
            render_deck(view, [tmp_path, shipped_templates()])
            continue  # a line this audience's deck does not render
        except TemplateError as err:
            (message,) = err.lines()
        blamed += 1
        if f"deck.yaml.j2:{line}:1: YAML syntax error: " not in message:
            wrong.append((line, message))
        for start in re.findall(r"starts at line (\d+)", message):  # the block it belongs to: a template line
            if not SHIPPED[int(start) - 1].lstrip().startswith(("- ", "title:", "body:", "notes:", "slides:")):
                wrong.append((line, message))
    assert wrong == []
    assert blamed > 20


def test_a_yaml_error_names_the_block_by_its_template_line(view, tmp_path: Path) -> None:
    found, message = error_line(view, tmp_path, SHAPES["loop"][0])
    assert message == ("YAML syntax error: this line is not lined up with the items of the list that starts at "
                       "line 3: indent it like them and start it with '- ', or indent it under the item it belongs "
                       "to (rendered line 15: title: \"End\")")


def test_the_last_notes_say_which_sections_the_slot_had_no_room_for_and_list_what_backup_slides_would_show(
        view) -> None:
    import dataclasses

    from briefgen.render.deck.render import left_out_notes
    from briefgen.tailor.view import BackupReason

    assert left_out_notes(view) == ()  # backup slides show everything left out; no length
    risks = [i for i in view.backup if i.kind == "risks"]
    options = [i for i in view.backup if i.kind == "options"]
    assert risks and options
    no_room = dataclasses.replace(risks[0], why=BackupReason("section_budget"))
    tight = dataclasses.replace(view, backup=tuple(no_room if i is risks[0] else i for i in view.backup))
    assert left_out_notes(tight) == (f"No room in this slot for a section on risks: {len(risks)} "
                                     f"{'risk' if len(risks) == 1 else 'risks'} held in backup.",)
    unlisted = dataclasses.replace(tight, backup_slides=False)
    assert left_out_notes(unlisted) == left_out_notes(tight) + (
        f"Not in this deck (no backup slides), {len(view.backup)} item(s) to hold for questions:",
        *(f"- {i.title}: {i.framing}" for i in view.backup))
