"""What one audience sees that another does not: a diff of two tailored BriefViews.

``diff_audiences(library, "hawkish", "dovish")`` tailors both variants and
compares them: items only one side shows, items whose role differs (lead,
normal, backup), per-section order changes, section titles, BLUF,
recommendation, recommended options and, for items both show, the framing
lines side by side.  ``format_diff_text`` prints it for a terminal;
``render_diff_html`` / ``write_diff_html`` make a self-contained HTML page.
Facts are not compared: they never differ between variants.
"""
from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from briefgen.atomic import atomic_write, check_target, refuse_inputs
from briefgen.errors import ConfigError
from briefgen.load.model import KINDS, Library
from briefgen.load.vocabulary import in_sentence
from briefgen.render.environment import render_template, shared_environment
from briefgen.render.filters import position
from briefgen.tailor.audiences import unknown_audience
from briefgen.tailor.tailor import tailor
from briefgen.tailor.view import BriefView, ViewItem

DIFF_TEMPLATE = "diff/diff.html.j2"


@dataclass(frozen=True)
class DiffItem:
    """An item seen by one side only, with the role it has there."""

    id: str
    kind: str
    title: str
    role: str  # lead, normal or backup


@dataclass(frozen=True)
class RoleChange:
    """An item both sides see, in different roles (e.g. main body in A, backup in B)."""

    id: str
    kind: str
    title: str
    role_a: str
    role_b: str


@dataclass(frozen=True)
class OrderRow:
    """An item's 1-based position in a section's main body on each side (None: not in it)."""

    id: str
    title: str
    pos_a: int | None
    pos_b: int | None

    @property
    def changed(self) -> bool:
        """True when the two positions differ."""
        return self.pos_a != self.pos_b


@dataclass(frozen=True)
class SectionDiff:
    """One section key on both sides: its title, its place and its items' positions."""

    key: str
    title_a: str | None  # None: side A does not show the section
    title_b: str | None
    index_a: int | None  # 1-based place of the section in A's order
    index_b: int | None
    rows: tuple  # of OrderRow: A's order first, then items only B shows in it

    @property
    def title_changed(self) -> bool:
        """True when the section's title differs (or one side omits the section)."""
        return self.title_a != self.title_b

    @property
    def order_changed(self) -> bool:
        """True when any item's position in the section differs between A and B."""
        return any(r.changed for r in self.rows)


@dataclass(frozen=True)
class FramingPair:
    """The 'so what' line of an item both sides show."""

    id: str
    kind: str
    title: str
    framing_a: str
    framing_b: str

    @property
    def same(self) -> bool:
        """True when both sides read the same framing line."""
        return self.framing_a == self.framing_b


@dataclass(frozen=True)
class VariantDiff:
    """Everything that differs between audience A's and audience B's brief."""

    a: str
    b: str
    label_a: str
    label_b: str
    only_a: tuple  # of DiffItem
    only_b: tuple  # of DiffItem
    role_changes: tuple  # of RoleChange
    sections: tuple  # of SectionDiff, in A's order then sections only B shows
    bluf: tuple  # (A's, B's)
    recommendation: tuple  # (A's, B's)
    recommended_a: tuple  # of (id, title)
    recommended_b: tuple  # of (id, title)
    framing: tuple  # of FramingPair, in A's reading order

    @property
    def identical(self) -> bool:
        """True when the two briefs differ in nothing this diff compares."""
        return not (self.only_a or self.only_b or self.role_changes
                    or any(s.title_changed or s.order_changed or s.index_a != s.index_b for s in self.sections)
                    or self.bluf[0] != self.bluf[1] or self.recommendation[0] != self.recommendation[1]
                    or self.recommended_a != self.recommended_b or any(not f.same for f in self.framing))


def diff_audiences(library: Library, a: str, b: str) -> VariantDiff:
    """Tailor ``library`` for audiences ``a`` and ``b`` and compare the two briefs.

    Raises ConfigError when either name is not one of the library's audiences.
    """
    problems = [unknown_audience(library, name, field=field) for name, field in ((a, "A"), (b, "B"))
                if name not in library.audiences]
    if problems:
        raise ConfigError(problems)
    return diff_views(tailor(library, library.audiences[a]), tailor(library, library.audiences[b]))


def diff_views(va: BriefView, vb: BriefView) -> VariantDiff:
    """Compare two BriefViews of the same library."""
    items_a = {v.id: v for v in va.all_items()}
    items_b = {v.id: v for v in vb.all_items()}
    kind = {k: in_sentence(va.vocabulary.kind(k).plural) for k in KINDS}  # the library's names for its kinds
    only_a = tuple(DiffItem(v.id, kind[v.kind], v.title, v.role) for v in va.all_items() if v.id not in items_b)
    only_b = tuple(DiffItem(v.id, kind[v.kind], v.title, v.role) for v in vb.all_items() if v.id not in items_a)
    both = [v for v in va.all_items() if v.id in items_b]
    role_changes = tuple(RoleChange(v.id, kind[v.kind], v.title, v.role, items_b[v.id].role)
                         for v in both if v.role != items_b[v.id].role)
    framing = tuple(FramingPair(v.id, kind[v.kind], v.title, v.framing, items_b[v.id].framing) for v in both)
    titles = {**{v.id: v.title for v in vb.all_items()}, **{v.id: v.title for v in va.all_items()}}
    return VariantDiff(
        a=va.audience, b=vb.audience, label_a=va.audience_label, label_b=vb.audience_label,
        only_a=only_a, only_b=only_b, role_changes=role_changes, sections=_sections(va, vb),
        bluf=(va.bluf, vb.bluf), recommendation=(va.recommendation, vb.recommendation),
        recommended_a=tuple((i, titles.get(i, i)) for i in va.recommended),
        recommended_b=tuple((i, titles.get(i, i)) for i in vb.recommended),
        framing=framing)


def _sections(va: BriefView, vb: BriefView) -> tuple:
    keys_a = [s.key for s in va.sections]
    keys_b = [s.key for s in vb.sections]
    out = []
    for key in keys_a + [k for k in keys_b if k not in keys_a]:
        sa, sb = va.section(key), vb.section(key)
        items_a: tuple[ViewItem, ...] = sa.items if sa else ()
        items_b: tuple[ViewItem, ...] = sb.items if sb else ()
        pos_a = {v.id: n for n, v in enumerate(items_a, 1)}
        pos_b = {v.id: n for n, v in enumerate(items_b, 1)}
        rows = [OrderRow(v.id, v.title, n, pos_b.get(v.id)) for n, v in enumerate(items_a, 1)]
        rows += [OrderRow(v.id, v.title, None, n) for n, v in enumerate(items_b, 1) if v.id not in pos_a]
        out.append(SectionDiff(key, sa.title if sa else None, sb.title if sb else None,
                               keys_a.index(key) + 1 if sa else None, keys_b.index(key) + 1 if sb else None,
                               tuple(rows)))
    return tuple(out)


# -- terminal text -----------------------------------------------------------------------------------------

def _wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False) or [indent]


def _side_by_side(left: str, right: str, width: int, indent: str = "    ") -> list[str]:
    col = (width - len(indent) - 3) // 2
    la = textwrap.wrap(left, col, break_on_hyphens=False) or [""]
    lb = textwrap.wrap(right, col, break_on_hyphens=False) or [""]
    n = max(len(la), len(lb))
    la += [""] * (n - len(la))
    lb += [""] * (n - len(lb))
    return [f"{indent}{x.ljust(col)} | {y}".rstrip() for x, y in zip(la, lb)]


def format_diff_text(d: VariantDiff, width: int | None = None) -> str:
    """The diff as plain text for a terminal, wrapped to ``width`` columns (the terminal's by default)."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    width = max(40, width)
    out: list[str] = _wrap(f"diff A = {d.a} ({d.label_a}), B = {d.b} ({d.label_b})", width, "")
    _item_list(out, f"Only {d.a} sees", d.only_a, width)
    _item_list(out, f"Only {d.b} sees", d.only_b, width)
    _role_changes(out, d, width)
    _sections_text(out, d, width)
    _side_by_side_text(out, d, width)
    _framing_text(out, d, width)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _head(out: list[str], title: str, width: int) -> None:
    """A blank line, then ``title`` underlined."""
    lines = _wrap(title, width, "")
    out.extend([""] + lines + ["-" * min(max(len(x) for x in lines), width)])


def _item_list(out: list[str], title: str, rows: Iterable[DiffItem], width: int) -> None:
    rows = list(rows)
    _head(out, f"{title} ({len(rows)})", width)
    if not rows:
        out.append("  (none)")
    for r in rows:
        out.extend(_wrap(f"{r.kind:<12} {r.title} [{r.id}] - {r.role}", width))


def _role_changes(out: list[str], d: VariantDiff, width: int) -> None:
    _head(out, f"Same item, different role ({len(d.role_changes)})", width)
    if not d.role_changes:
        out.append("  (none)")
    for r in d.role_changes:
        out.extend(_wrap(f"{r.kind:<12} {r.title} [{r.id}]: {r.role_a} in {d.a}, {r.role_b} in {d.b}", width))


def _sections_text(out: list[str], d: VariantDiff, width: int) -> None:
    """Each side's sections in order, titles that differ, then the order of items within sections."""
    a, b = d.a, d.b
    _head(out, "Sections", width)
    out.extend(_wrap(f"{a}: " + " > ".join(s.key for s in d.sections if s.index_a is not None), width))
    out.extend(_wrap(f"{b}: " + " > ".join(s.key for s in sorted((s for s in d.sections if s.index_b is not None),
                                                                key=lambda s: s.index_b or 0)), width))
    for s in d.sections:
        if s.title_changed:
            out.extend(_wrap(f"{s.key}: title {_q(s.title_a)} in {a}, {_q(s.title_b)} in {b}", width))
    changed = [s for s in d.sections if s.order_changed]
    _head(out, f"Order within sections ({len(changed)} section(s) differ)", width)
    if not changed:
        out.append("  (no differences)")
    for s in changed:
        out.extend(_wrap(f"{s.key}   (position in {a} / in {b}; '-' = not in the main body)", width))
        for r in s.rows:
            mark = "*" if r.changed else " "
            out.extend(_wrap(f"{mark} {position(r.pos_a):>2} / {position(r.pos_b):<2} {r.title} [{r.id}]", width,
                             "    "))


def _side_by_side_text(out: list[str], d: VariantDiff, width: int) -> None:
    """BLUF, recommendation and recommended options, A's beside B's."""
    a, b = d.a, d.b
    _head(out, "Bottom line up front", width)
    out.extend(_side_by_side(f"{a}: {d.bluf[0]}", f"{b}: {d.bluf[1]}", width, "  "))
    _head(out, "Recommendation", width)
    out.extend(_side_by_side(f"{a}: {d.recommendation[0]}", f"{b}: {d.recommendation[1]}", width, "  "))
    _head(out, "Recommended options", width)
    out.extend(_side_by_side(f"{a}: " + (", ".join(t for _, t in d.recommended_a) or "(none)"),
                             f"{b}: " + (", ".join(t for _, t in d.recommended_b) or "(none)"), width, "  "))


def _framing_text(out: list[str], d: VariantDiff, width: int) -> None:
    """The framing lines that differ, side by side; the ids of items framed alike."""
    differing = [f for f in d.framing if not f.same]
    _head(out, f"Framing of items both see ({len(differing)} of {len(d.framing)} differ)", width)
    for f in differing:
        out.extend(_wrap(f"{f.title} [{f.id}]", width))
        out.extend(_side_by_side(f"{d.a}: {f.framing_a}", f"{d.b}: {f.framing_b}", width))
    same = [f for f in d.framing if f.same]
    if same:
        out.extend(_wrap("Same framing for both: " + ", ".join(f.id for f in same), width))


def _q(title: str | None) -> str:
    return "(section not shown)" if title is None else f"\u201c{title}\u201d"


# -- HTML --------------------------------------------------------------------------------------------------

def render_diff_html(d: VariantDiff, template_dirs: Iterable[Path]) -> str:
    """The diff as a self-contained HTML page (inline CSS, no external requests, all text escaped)."""
    env = shared_environment(template_dirs, autoescape=True)
    return render_template(env, DIFF_TEMPLATE, diff=d)


def default_diff_path(output_dir: Path, a: str, b: str) -> Path:
    """Where ``briefgen diff --format html`` writes by default: OUTPUT/diff-A-B.html."""
    return Path(output_dir) / f"diff-{a}-{b}.html"


def write_diff_html(d: VariantDiff, target: Path, template_dirs: Iterable[Path], inputs: Iterable[Path] = (),
                    inside: tuple[Path, Path] | None = None) -> Path:
    """Render the HTML diff and write it to ``target`` atomically; returns ``target``.

    Raises BuildError, leaving every file as it was, when ``target`` is one of ``inputs`` or, given ``inside``
    (the output folder and the project), leads out of that folder.
    """
    refuse_inputs(Path(target), inputs)
    html = render_diff_html(d, template_dirs)
    check_target(Path(target), inputs, *(inside or (None, None)))
    atomic_write(Path(target), lambda tmp: tmp.write_text(html, encoding="utf-8"))
    return Path(target)
