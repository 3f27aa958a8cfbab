"""What a master .pptx offers the deck writer, checked before anything is built.

:func:`check_master` inspects a master file safely (the zip directory first:
not a zip, a renamed .docx, a zip bomb) and then its layouts: every layout the
deck needs must exist by name (after the project's ``layouts`` mapping) with
the placeholders it needs.  :func:`layout_boxes` reads each layout's text
boxes, with the font sizes, margins and spacing the master gives them, as
plain :class:`~briefgen.render.deck.fit.Box` data for pagination; :func:`theme_colors`
reads the palette charts and tables are drawn in.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from briefgen.errors import Loc, Problem, TemplateError, display_path
from briefgen.files import not_a_file
from briefgen.render.deck.fit import Box, LevelStyle
from briefgen.render.deck.model import LAYOUTS
from briefgen.write.pptx.elements import xml_of

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed size of the whole package
MAX_RATIO = 100  # compression ratio of any one sizeable entry
_RATIO_MIN_BYTES = 1024 * 1024  # small entries may compress well without harm
MAX_ENTRIES = 20_000

PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_OTHER_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml":
        "a PowerPoint template (.potx); open it in PowerPoint and save it as a .pptx presentation",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        "a macro-enabled presentation (.pptm); save it as a .pptx presentation without macros",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml":
        "a slide show (.ppsx); save it as a .pptx presentation",
}

# Placeholder roles each briefgen layout needs in the master.
NEEDS = {
    "Title Slide": ("title",),
    "Section Header": ("title",),
    "Title and Content": ("title", "body"),
    "Two Content": ("title", "body", "right"),
    "Chart": ("title",),
    "Table": ("title",),
    "Title Only": ("title",),
    "Blank": (),
}

MIN_BOX_PT = (36.0, 18.0)  # the smallest width and height of a placeholder briefgen fills: a line of 12 pt text

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": _A, "p": _P}
EMU_PER_PT = 12700
_TITLE_TYPES = ("title", "ctrTitle")
_TEXT_TYPES = ("body", "obj")
_NOT_CONTENT = ("dt", "ftr", "sldNum", "hdr")


# ------------------------------------------------------------------ checks
def check_package(path: Path) -> list[Problem]:
    """Problems that make ``path`` unsafe or impossible to open as a .pptx, found from the zip directory alone."""
    where = Loc(display_path(path))
    wrong = not_a_file(path)
    if wrong is not None:
        return [Problem(where, "master", "expected a .pptx file, got " + ("nothing (no such file)" if wrong == "nothing"
                                                                          else wrong))]
    if not zipfile.is_zipfile(path):
        return [Problem(where, "master", "expected a PowerPoint .pptx (a zip package), got a file that is not a zip")]
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            problems = _directory_problems(where, infos)
            if problems:
                return problems
            names = {i.filename for i in infos}
            content_types = z.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [Problem(where, "master", f"expected a readable zip package, got an unreadable one ({exc})")]
    if "word/document.xml" in names:
        return [Problem(where, "master", "expected a PowerPoint .pptx, got a Word document (.docx) renamed .pptx")]
    if "xl/workbook.xml" in names:
        return [Problem(where, "master", "expected a PowerPoint .pptx, got an Excel workbook (.xlsx) renamed .pptx")]
    if not content_types or "ppt/presentation.xml" not in names:
        return [Problem(where, "master", "expected a PowerPoint .pptx, got a zip that is not a presentation")]
    text = content_types.decode("utf-8", "replace")
    for ctype, what in _OTHER_TYPES.items():
        if ctype in text:
            return [Problem(where, "master", f"expected a .pptx presentation, got {what}")]
    if PRESENTATION_TYPE not in text:
        return [Problem(where, "master", "expected a PowerPoint .pptx, got a package without a presentation part")]
    return []


def _directory_problems(where: Loc, infos: list) -> list[Problem]:
    if len(infos) > MAX_ENTRIES:
        return [Problem(where, "master", f"expected at most {MAX_ENTRIES:,} files in the package, got {len(infos):,} "
                                         f"(refusing to open a possible zip bomb)")]
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        return [Problem(where, "master", f"expected at most {MAX_TOTAL_BYTES // 2**20} MB uncompressed, got "
                                         f"{total / 2**20:,.0f} MB (refusing to open a possible zip bomb)")]
    for i in infos:
        if i.file_size >= _RATIO_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return [Problem(where, "master", f"{i.filename} expands {i.file_size / max(i.compress_size, 1):,.0f}:1 "
                                             f"(at most {MAX_RATIO}:1 accepted; refusing to open a possible zip bomb)")]
    return []


def check_master(path: Path, layouts_map: Mapping[str, str] | None = None,
                 required: Iterable[str] | None = None) -> list[Problem]:
    """Everything that stops ``path`` from serving as the deck master: package problems, then missing layouts
    (``required``: briefgen layout names, default all eight) and placeholders.  Empty when it is usable."""
    path = Path(path)
    problems = check_package(path)
    if problems:
        return problems
    prs, problems = _open(path)
    if prs is None:
        return problems
    return layout_problems(prs, path, layouts_map or {}, required)


def _open(path: Path) -> tuple[Any, list[Problem]]:
    from pptx import Presentation

    try:
        return Presentation(str(path)), []
    except Exception as exc:  # python-pptx raises many kinds for a broken package
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [Problem(Loc(display_path(path)), "master", f"cannot be opened as a presentation: {msg}")]


def open_master(path: Path, layouts_map: Mapping[str, str], required: Iterable[str] | None = None,
                roles_of: RolesOf | None = None) -> Any:
    """The master opened with python-pptx, or TemplateError listing every problem it has.  ``roles_of`` (default
    :func:`assign_roles`) reads a layout's roles: pass the :class:`RoleCache` the caller goes on using."""
    problems = check_package(Path(path))
    if problems:
        raise TemplateError(problems)
    prs, problems = _open(Path(path))
    if prs is None:
        raise TemplateError(problems)
    problems = layout_problems(prs, Path(path), layouts_map, required, roles_of)
    if problems:
        raise TemplateError(problems)
    return prs


def layout_names(prs: Any) -> list[str]:
    """Names of every layout of every slide master, in order."""
    return [layout.name for master in prs.slide_masters for layout in master.slide_layouts]


def find_layout(prs: Any, name: str) -> Any | None:
    """The first layout called ``name``, or None."""
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    return None


def layout_problems(prs: Any, path: Path, layouts_map: Mapping[str, str],
                    required: Iterable[str] | None = None, roles_of: RolesOf | None = None) -> list[Problem]:
    """Missing layouts and missing placeholders for the briefgen layouts in ``required`` (``roles_of``: as
    for :func:`open_master`)."""
    where = Loc(display_path(path))
    have = layout_names(prs)
    problems = []
    for name in (list(required) if required is not None else list(LAYOUTS)):
        mapped = layouts_map.get(name, name)
        layout = find_layout(prs, mapped)
        via = f" (mapped from {name!r})" if mapped != name else ""
        if layout is None:
            listing = ", ".join(repr(n) for n in have) or "none"
            hint = "" if via else f"; map it in briefgen.yaml under layouts: {{{name}: <your layout>}}"
            problems.append(Problem(where, f"layout {mapped!r}",
                                    f"missing from the master{via}; the master has: {listing}{hint}"))
            continue
        problems.extend(_tiny_placeholders(layout, where, f"layout {mapped!r}", via))
        roles = (roles_of or assign_roles)(layout)
        for role in NEEDS.get(name, ("title",)):
            if role not in roles or roles[role].idx is None:
                what = {"title": "title placeholder", "body": "body (text or content) placeholder",
                        "right": "second body placeholder (right column)"}[role]
                problems.append(Problem(where, f"layout {mapped!r}", f"has no {what}{via}"))
    return problems


def _tiny_placeholders(layout: Any, where: Loc, field: str, via: str) -> list[Problem]:
    """A problem for each content placeholder of ``layout`` too small to hold a line of text (zero height ...)."""
    out = []
    for ph in layout.placeholders:
        if _ph_type(ph) in _NOT_CONTENT or ph.width is None or ph.height is None:
            continue
        w, h = ph.width / EMU_PER_PT, ph.height / EMU_PER_PT
        if w < MIN_BOX_PT[0] or h < MIN_BOX_PT[1]:
            out.append(Problem(where, field, f"placeholder {ph.name!r} is {w:.0f} x {h:.0f} pt{via}; expected at least "
                                             f"{MIN_BOX_PT[0]:.0f} x {MIN_BOX_PT[1]:.0f} pt: give it a size in the "
                                             f"master's layout, or delete it"))
    return out


# ------------------------------------------------------------------ roles and geometry
@dataclass(frozen=True)
class Role:
    """Where one part of a slide goes: a layout placeholder (by idx; None = free area) and its box."""

    idx: int | None
    box: Box
    left: float  # points from the slide's left edge
    top: float  # points from the slide's top edge
    fill: str | None = None  # a text box's text colour: an <a:solidFill> element as XML (None: the theme's)


RolesOf = Callable[[Any], dict[str, Role]]  # a layout -> its roles (assign_roles or a RoleCache)


def _ph_type(ph: Any) -> str:
    el = xml_of(ph).find(f".//{{{_P}}}nvPr/{{{_P}}}ph")
    return el.get("type", "obj") if el is not None else "obj"


def assign_roles(layout: Any) -> dict[str, Role]:
    """Map the slide parts briefgen fills (title, subtitle, body, right, kicker, caption, chart, table) to this
    layout's placeholders; chart and table fall back to the largest body box, then to the free area; a layout
    with no text placeholder at all gets its body in a text box below the title (and subtitle)."""
    master = layout.slide_master
    slide_w = master.part.package.presentation_part.presentation.slide_width
    slide_h = master.part.package.presentation_part.presentation.slide_height
    roles: dict[str, Role] = {}
    texts = []
    frames = {}
    for ph in layout.placeholders:
        kind = _ph_type(ph)
        if ph.width is None or ph.height is None:
            continue
        if kind == "ftr" and "footer" not in roles:
            roles["footer"] = _role(ph, layout)
        if kind in _NOT_CONTENT:
            continue
        if kind in _TITLE_TYPES and "title" not in roles:
            roles["title"] = _role(ph, layout)
        elif kind == "subTitle" and "subtitle" not in roles:
            roles["subtitle"] = _role(ph, layout)
        elif kind in ("pic", "chart") and "chart" not in frames:
            frames["chart"] = ph
        elif kind == "tbl" and "table" not in frames:
            frames["table"] = ph
        elif kind in _TEXT_TYPES:
            texts.append(ph)
    texts.sort(key=lambda p: (-round(p.width * p.height / 1e10), p.left, p.top))
    if frames:
        for key, ph in frames.items():
            roles[key] = _role(ph, layout)
        other = "table" if "chart" in frames else "chart"
        roles.setdefault(other, roles["chart" if "chart" in frames else "table"])
        if texts:
            roles["caption"] = _role(texts[0], layout)
    elif texts:
        body = texts[0]
        roles["body"] = _role(body, layout)
        rest = texts[1:]
        if rest and rest[0].width * rest[0].height >= 0.8 * body.width * body.height and rest[0].left != body.left:
            roles["right"] = _role(rest.pop(0), layout)
        if rest:
            roles["kicker"] = _role(rest[0], layout)
        if "right" not in roles:
            roles["chart"] = roles["table"] = Role(None, roles["body"].box, roles["body"].left, roles["body"].top)
    if "chart" not in roles:
        free = _free_area(roles.get("title"), slide_w, slide_h)
        roles["chart"] = roles["table"] = free
    if not frames and not texts:  # e.g. a Title Slide with no body: its lines go in a text box, not nowhere
        roles["body"] = _free_text(layout, [roles[r] for r in ("title", "subtitle") if r in roles], slide_w,
                                   slide_h)
    return _title_above_body(roles)


def _title_above_body(roles: dict[str, Role]) -> dict[str, Role]:
    """``roles`` with the title moved above a body that the layout puts wholly above it (the Office 4:3 Section
    Header has its text there): in the same space, the title first and the list below it, as a slide reads."""
    title, body = roles.get("title"), roles.get("body")
    if title is None or body is None or body.idx is None or body.top + body.box.height > title.top + 1.0:
        return roles
    moved = dict(roles)
    moved["title"] = replace(title, top=body.top)
    moved["body"] = replace(body, top=body.top + title.box.height)
    for key in ("chart", "table"):
        if roles.get(key) is body or (key in roles and roles[key].idx is None and roles[key].box is body.box):
            moved[key] = replace(roles[key], top=moved["body"].top)
    return moved


def _free_text(layout: Any, above: list, slide_w: int, slide_h: int) -> Role:
    """A text box (no placeholder) below ``above`` (title, subtitle), in the master's body text style; where
    the room below them is less than a few lines (a 4:3 Title Slide's subtitle reaches its foot), the box
    goes in the room above the title instead, when that is larger."""
    area = _free_area(max(above, key=lambda r: r.top + r.box.height) if above else None, slide_w, slide_h)
    first = above[0] if above else area
    left, width = first.left, first.box.width
    gap = 12.0  # points more than a chart gets: clear of any rule a layout draws under its title
    top, height = area.top + gap, area.box.height - gap
    room_above = min(r.top for r in above) - _TOP_MARGIN_PT - gap if above else 0.0
    if area.top + area.box.height > slide_h / EMU_PER_PT - _BOTTOM_MARGIN_PT and room_above > height:
        top, height = _TOP_MARGIN_PT, room_above
    return Role(None, _styled_box(layout, "body", [], width, height), left, top, _title_fill(layout))


def _title_fill(layout: Any) -> str | None:
    """The colour the layout draws its title in (as <a:solidFill> XML): text below the title sits on the same
    background, so it reads in the same colour."""
    from lxml import etree

    chain = [xml_of(ph) for ph in layout.placeholders if _ph_type(ph) in _TITLE_TYPES]
    mph = _master_ph(layout, "title")
    if mph is not None:
        chain.append(mph)
    tx = xml_of(layout.slide_master).find(f"{{{_P}}}txStyles/{{{_P}}}titleStyle")
    for el in chain:
        fill = el.find(f".//{{{_A}}}lstStyle/{{{_A}}}lvl1pPr/{{{_A}}}defRPr/{{{_A}}}solidFill")
        if fill is not None:
            return etree.tostring(fill).decode()
    fill = tx.find(f"{{{_A}}}lvl1pPr/{{{_A}}}defRPr/{{{_A}}}solidFill") if tx is not None else None
    return etree.tostring(fill).decode() if fill is not None else None


_TOP_MARGIN_PT = 36.0  # the free area keeps clear of the top banner
_BOTTOM_MARGIN_PT = 2.2 * 36.0  # and of the footer row and the bottom banner


def _free_area(title: Role | None, slide_w: int, slide_h: int) -> Role:
    w_pt, h_pt = slide_w / EMU_PER_PT, slide_h / EMU_PER_PT
    margin = _TOP_MARGIN_PT
    top = (title.top + title.box.height + 12.0) if title else margin
    bottom = h_pt - _BOTTOM_MARGIN_PT
    left = title.left if title else margin
    width = title.box.width if title else w_pt - 2 * margin
    return Role(None, Box(width=width, height=max(bottom - top, 72.0)), left, top)


def _role(ph: Any, layout: Any) -> Role:
    box = _box(ph, layout)
    return Role(ph.placeholder_format.idx, box, ph.left / EMU_PER_PT, ph.top / EMU_PER_PT)


def layout_boxes(prs: Any, layouts_map: Mapping[str, str], names: Iterable[str],
                 roles_of: RolesOf | None = None) -> dict[str, dict[str, Box]]:
    """For each briefgen layout name, its boxes by role, as plain data for pagination (``roles_of``: as for
    :func:`open_master`)."""
    out = {}
    for name in names:
        layout = find_layout(prs, layouts_map.get(name, name))
        if layout is not None:
            out[name] = {role: r.box for role, r in (roles_of or assign_roles)(layout).items()}
    return out


_SHARED_ROLES: dict[tuple[str, str], dict[str, Role]] = {}  # (master's sha256, layout part name) -> roles
_SHARED_LIMIT = 512  # layouts remembered across decks; a long ``watch`` session with master edits stays small


class RoleCache:
    """:func:`assign_roles` computed once per layout, for a writer that reads the same layouts' roles many
    times (once per slide) and edits no layout while it does.

    With the ``master_digest`` (sha256 of the master file's bytes), roles are
    also kept for later decks on the same master in this process: a worker
    writing one deck per audience works each layout out once.
    """

    def __init__(self, master_digest: str | None = None) -> None:
        self._roles: dict[int, tuple[Any, dict[str, Role]]] = {}  # id(layout XML) -> (that XML, roles)
        self._digest = master_digest

    def __call__(self, layout: Any) -> dict[str, Role]:
        """The roles of ``layout``, as :func:`assign_roles` gives them."""
        key = id(xml_of(layout))
        hit = self._roles.get(key)
        if hit is None:  # the element is kept with its roles so its id cannot be reused by another
            shared = (self._digest, str(layout.part.partname)) if self._digest else None
            roles = _SHARED_ROLES.get(shared) if shared else None
            if roles is None:
                roles = assign_roles(layout)
                if shared:
                    if len(_SHARED_ROLES) >= _SHARED_LIMIT:
                        _SHARED_ROLES.clear()
                    _SHARED_ROLES[shared] = roles
            hit = self._roles[key] = (xml_of(layout), roles)
        return hit[1]


# ------------------------------------------------------------------ text styles from the XML
def _master_ph(layout: Any, kind: str) -> Any | None:
    if kind in _TITLE_TYPES:
        want: tuple = _TITLE_TYPES
    elif kind in _NOT_CONTENT:
        want = (kind,)
    else:
        want = ("body", "obj")
    for el in xml_of(layout.slide_master).iterfind(f".//{{{_P}}}sp"):
        ph = el.find(f".//{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is not None and ph.get("type", "obj") in want:
            return el
    return None


def _box(ph: Any, layout: Any) -> Box:
    return _styled_box(layout, _ph_type(ph), [xml_of(ph)], ph.width / EMU_PER_PT, ph.height / EMU_PER_PT)


def _styled_box(layout: Any, kind: str, chain: list, width: float, height: float) -> Box:
    """A box ``width`` x ``height`` points with the text styles of placeholder type ``kind``: those of the
    elements in ``chain`` (the placeholder itself, if any), then the master's, then its text style sheet."""
    chain = list(chain)
    mph = _master_ph(layout, kind)
    if mph is not None:
        chain.append(mph)
    tx = xml_of(layout.slide_master).find(f"{{{_P}}}txStyles")
    sheet = None
    if tx is not None:
        name = "titleStyle" if kind in _TITLE_TYPES else "otherStyle" if kind in _NOT_CONTENT else "bodyStyle"
        sheet = tx.find(f"{{{_P}}}{name}")
    insets = []
    for attr, default in (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720)):
        value = None
        for el in chain:
            bp = el.find(f".//{{{_A}}}bodyPr")
            if bp is not None and bp.get(attr) is not None:
                value = int(bp.get(attr))
                break
        insets.append((default if value is None else value) / EMU_PER_PT)
    levels = tuple(_level(n, chain, sheet) for n in range(1, 6))
    theme_font = _theme_font(layout, major=kind in _TITLE_TYPES)
    return Box(width=width, height=height, inset_left=insets[0],
               inset_top=insets[1], inset_right=insets[2], inset_bottom=insets[3], levels=levels, font=theme_font)


def _level(n: int, chain: list, sheet: Any) -> LevelStyle:
    sources = []
    for el in chain:
        lvl = el.find(f".//{{{_A}}}lstStyle/{{{_A}}}lvl{n}pPr")
        if lvl is not None:
            sources.append(lvl)
    if sheet is not None:
        lvl = sheet.find(f"{{{_A}}}lvl{n}pPr")
        if lvl is not None:
            sources.append(lvl)
    return level_style(sources)


def level_style(sources: list) -> LevelStyle:
    """The style of a paragraph whose properties come from ``sources`` (``a:pPr`` / ``a:lvlNpPr`` elements,
    nearest first: the first that sets a property wins): size and weight of its ``defRPr``, margins, spacing,
    line spacing and bullet.  The build's boxes and ``briefgen check``'s fit rule both read styles this way."""

    def attr(name: str, sub: str | None = None) -> str | None:
        for s in sources:
            node = s.find(f"{{{_A}}}{sub}") if sub else s
            if node is not None and node.get(name) is not None:
                return node.get(name)
        return None

    def child(*names: str) -> Any | None:
        for s in sources:
            for nm in names:
                node = s.find(f"{{{_A}}}{nm}")
                if node is not None:
                    return node
        return None

    size = int(attr("sz", "defRPr") or 1800) / 100
    bold = (attr("b", "defRPr") or "0") in ("1", "true")
    margin = int(attr("marL") or 0) / EMU_PER_PT
    indent = int(attr("indent") or 0) / EMU_PER_PT
    bullet_el = child("buNone", "buChar", "buAutoNum", "buBlip")
    bullet = bullet_el is not None and not bullet_el.tag.endswith("buNone")
    before = _spacing(child("spcBef"), size)
    after = _spacing(child("spcAft"), size)
    line = 1.0
    ln = child("lnSpc")
    if ln is not None:
        pct = ln.find(f"{{{_A}}}spcPct")
        pts = ln.find(f"{{{_A}}}spcPts")
        if pct is not None:
            line = int(pct.get("val", "100000")) / 100000
        elif pts is not None:
            line = int(pts.get("val", "0")) / 100 / (size * 1.2)
    return LevelStyle(size=size, bold=bold, margin=margin, indent=indent, space_before=before,
                      line_spacing=max(line, 0.5), bullet=bullet, space_after=after)


def _spacing(el: Any, size: float) -> float:
    if el is None:
        return 0.0
    pts = el.find(f"{{{_A}}}spcPts")
    if pts is not None:
        return int(pts.get("val", "0")) / 100
    pct = el.find(f"{{{_A}}}spcPct")
    if pct is not None:
        return int(pct.get("val", "0")) / 100000 * size * 1.2
    return 0.0


def _theme_xml(layout_or_prs: Any) -> Any | None:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    master = layout_or_prs.slide_master if hasattr(layout_or_prs, "slide_master") else layout_or_prs.slide_masters[0]
    try:
        part = master.part.part_related_by(RT.THEME)
    except KeyError:
        return None
    try:
        return etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return None


def _theme_font(layout: Any, major: bool) -> str:
    theme = _theme_xml(layout)
    if theme is None:
        return "Calibri"
    el = theme.find(f".//{{{_A}}}fontScheme/{{{_A}}}{'majorFont' if major else 'minorFont'}/{{{_A}}}latin")
    return (el.get("typeface") if el is not None else None) or "Calibri"


def theme_fonts(prs: Any) -> list[str]:
    """The theme's heading and body fonts (major, minor Latin typefaces), each once, in that order."""
    theme = _theme_xml(prs)
    if theme is None:
        return ["Calibri"]
    names = []
    for kind in ("majorFont", "minorFont"):
        el = theme.find(f".//{{{_A}}}fontScheme/{{{_A}}}{kind}/{{{_A}}}latin")
        names.append((el.get("typeface") if el is not None else None) or "Calibri")
    return list(dict.fromkeys(names))


def theme_colors(prs: Any) -> dict[str, str]:
    """The master theme's colours by scheme name (dk1, lt1, dk2, lt2, accent1-6, hlink, folHlink) as hex."""
    theme = _theme_xml(prs)
    out: dict[str, str] = {}
    if theme is None:
        return out
    scheme = theme.find(f".//{{{_A}}}clrScheme")
    if scheme is None:
        return out
    for slot in scheme:
        name = slot.tag.split("}")[-1]
        srgb = slot.find(f"{{{_A}}}srgbClr")
        sys_ = slot.find(f"{{{_A}}}sysClr")
        if srgb is not None and srgb.get("val"):
            out[name] = srgb.get("val").upper()
        elif sys_ is not None and sys_.get("lastClr"):
            out[name] = sys_.get("lastClr").upper()
    return out
