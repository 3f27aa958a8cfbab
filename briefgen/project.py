"""A briefgen project: its ``briefgen.yaml`` settings and the folders they name.

A project is a folder holding ``briefgen.yaml`` (optional: defaults apply
without it), a ``content/`` library and optionally ``templates/`` overriding
the shipped ones.  Every path in ``briefgen.yaml`` must stay inside the project.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefgen.errors import ConfigError, ContentError, Loc, Problem, display_path
from briefgen.files import exists, not_a_folder, real_path
from briefgen.load.markings import US_SCHEME, MarkingScheme, check_scheme
from briefgen.load.model import FILE_NAME_FIELDS
from briefgen.load.schema import (INVALID, Bool, Choice, Context, FileNamePattern, FrozenMap, ListOf, MapOf, Record, Slug,
                                  Text, convert, fld, reserved_name)
from briefgen.load.yamlsource import read_yaml
from briefgen.render.deck.model import CHART_STYLES
from briefgen.resources import blank_content, shipped_content, shipped_templates
from briefgen.write.registry import DEFAULT_FORMATS, FORMAT_NAMES, LIBREOFFICE_FORMATS

CONFIG_NAME = "briefgen.yaml"


@dataclass(frozen=True, kw_only=True)
class ProjectSpec:
    """The settings of briefgen.yaml, each with its default."""

    content: str = fld(Text(300), "content", doc="the content library folder")
    templates: Optional[str] = fld(Text(300), None, doc="a folder of templates overriding the shipped ones")
    output: str = fld(Text(300), "out", doc="where builds are written: OUTPUT/AUDIENCE/SLUG.EXT")
    slug: Optional[str] = fld(Slug(), None, doc="output file name stem; default: from the briefing title")
    master: Optional[str] = fld(Text(300), None, doc="your organisation's master .pptx")
    layouts: FrozenMap = fld(MapOf(Text(120), "layout"), FrozenMap(),
                             doc="briefgen layout name -> layout name in your master")
    reference_docx: Optional[str] = fld(Text(300), None, doc="a .docx whose styles memos use")
    formats: tuple = fld(ListOf(Choice(*FORMAT_NAMES)), DEFAULT_FORMATS, doc="formats built by build --all")
    audiences: tuple = fld(ListOf(Slug()), (), doc="audiences built by build --all; empty = every profile")
    shrink_to_fit: bool = fld(Bool(), False, doc="shrink text that cannot fit instead of failing")
    deck_charts: str = fld(Choice(*CHART_STYLES), "native",
                           doc="deck charts as native, editable PowerPoint objects, or as pictures")
    file_name: Optional[str] = fld(FileNamePattern(FILE_NAME_FIELDS), None,
                                   doc="output file name pattern; default: {slug} for the library's briefing, "
                                       "{briefing}-{file_label}-{date} for a named one")
    markings: Optional[MarkingScheme] = fld(Record(MarkingScheme), None,
                                            doc="the marking scheme (levels, controls, countries); default: United States")
    loc: Loc = Loc("<defaults>")
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True)
class Project:
    """A project folder with its settings resolved to absolute paths."""

    root: Path
    spec: ProjectSpec

    @property
    def content_dir(self) -> Path:
        """The content library folder."""
        return self.root / self.spec.content

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Template folders in lookup order: the project's own first, then the shipped defaults."""
        dirs = []
        if self.spec.templates:
            dirs.append(self.root / self.spec.templates)
        dirs.append(shipped_templates())
        return tuple(dirs)

    @property
    def briefings_dir(self) -> Path:
        """The folder of named briefings (``briefings/NAME.yaml``), beside the content folder."""
        return self.root / "briefings"

    @property
    def markings(self) -> MarkingScheme:
        """The project's marking scheme: its own from briefgen.yaml, else the default for United States use."""
        return self.spec.markings or US_SCHEME

    @property
    def output_dir(self) -> Path:
        """The build output folder."""
        return self.root / self.spec.output

    def path(self, value: str | None) -> Path | None:
        """A project-relative setting as an absolute path (None stays None)."""
        return None if value is None else self.root / value


def load_project(path: str | Path = ".") -> Project:
    """Open the project at ``path``: a folder with briefgen.yaml, or a bare content folder."""
    root = Path(path)
    cfg = root / CONFIG_NAME
    if (root / "briefing.yaml").is_file() and not exists(cfg):
        # A bare content folder: a project whose content is that folder.
        real = root.resolve()
        return _checked(Project(real.parent, ProjectSpec(content=real.name)), Context())
    wrong = not_a_folder(root)
    if wrong is not None:
        raise ConfigError([Problem(Loc(display_path(root)), "", "expected a project or content folder, got "
                                   + ("nothing (no such folder)" if wrong == "nothing" else wrong))])
    if not exists(cfg):
        return _checked(Project(root.resolve(), ProjectSpec()), Context())
    try:
        node = read_yaml(cfg, display_path(cfg))
    except ContentError as exc:
        raise ConfigError(exc.problems) from None
    ctx = Context()
    if node is None:
        return _checked(Project(root.resolve(), ProjectSpec()), ctx)
    spec = convert(ProjectSpec, node, "", ctx)
    return _checked(Project(root.resolve(), ProjectSpec() if spec is INVALID else spec), ctx)


PATH_SETTINGS = ("content", "templates", "output", "master", "reference_docx")


def _checked(project: Project, ctx: Context) -> Project:
    """``project`` if its settings hold (every path inside the project, links resolved, whether written in
    briefgen.yaml or left at its default); else ConfigError with every problem in ``ctx`` and found here."""
    spec = project.spec
    if spec.markings is not None:
        check_scheme(ctx, spec.markings)
    if not any(p.severity == "error" for p in ctx.problems):
        for name in PATH_SETTINGS:
            value = getattr(spec, name)
            if value is not None and not _stays_inside(project.root, value):
                where = spec.locs.get(name) or Loc(display_path(project.root / value))
                ctx.error(where, name, f"expected a path inside the project, got {value!r}"
                                       f"{_leaves_by(project.root, value)}")
        problem = _unportable(spec.output)
        if problem is not None:
            ctx.error(spec.locs.get("output") or Loc(CONFIG_NAME), "output",
                      f"expected a folder name every system can create, got {spec.output!r} ({problem})")
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors:
        raise ConfigError(errors)
    return project


_NOT_IN_NAMES = re.compile(r'[<>:"|?*\\\x00-\x1f]')


def _unportable(value: str) -> str | None:
    """Why a folder path briefgen creates could not be made on Linux, macOS or Windows alike, or None."""
    for part in value.split("/"):
        if part in ("", "."):
            continue
        bad = _NOT_IN_NAMES.search(part)
        if bad:
            return f"{part!r} holds {bad.group()!r}, which Windows does not allow in a name"
        if part != ".." and part[-1] in ". ":
            return f"{part!r} ends in {part[-1]!r}, which Windows drops"
        if reserved_name(part):
            return f"{part!r} is a name Windows reserves for a device"
        if len(part.encode("utf-8")) > 255:
            return f"a name of {len(part.encode('utf-8'))} bytes; at most 255"
    return None


def _leaves_by(root: Path, value: str) -> str:
    """How a setting's path leaves the project, for a message: '' if it says so itself (absolute, ``..``)."""
    if Path(value).is_absolute() or ".." in Path(value).parts:
        return ""
    return f", a link to {str(real_path(root / value))!r} outside it"


def _stays_inside(root: Path, value: str) -> bool:
    if Path(value).is_absolute():
        return False
    try:
        real_path(root / value).relative_to(real_path(root))
        return True
    except ValueError:
        return False


CONFIG_TEMPLATE = f"""\
# briefgen project settings. Every path is relative to this file and must stay inside this folder.

# The content library: briefing.yaml, sources, events, threats, capabilities,
# options, risks (each KIND.yaml or a KIND/ folder of files) and audiences/*.yaml.
content: content

# Templates overriding the shipped ones, file by file (pptx/deck.yaml.j2, memo/memo.md.j2, ...).
# `briefgen templates export templates` copies the shipped ones here to edit.
templates: templates

# Outputs go to OUTPUT/AUDIENCE/SLUG.EXT.
output: out

# Output file name stem; default: made from the briefing title.
# slug: my-brief

# Output file names: {{briefing}}, {{slug}}, {{file_label}} (the audience profile's) and {{date}}.
# Default: {{slug}} for content/briefing.yaml (OUTPUT/AUDIENCE/SLUG.EXT), and
# {{briefing}}-{{file_label}}-{{date}} for a briefings/NAME.yaml (OUTPUT/NAME/AUDIENCE/...).
# file_name: "{{slug}}-{{file_label}}"

# Your organisation's master deck; layouts are found by name.
# master: templates/our-master.pptx
# If its layout names differ, map briefgen's names to yours:
# layouts:
#   Title Slide: Cover
#   Title and Content: Text Page

# A .docx whose styles memos use.
# reference_docx: templates/our-reference.docx

# What `briefgen build --all` makes: every audience below (empty = every profile) x these formats.
formats: [{", ".join(DEFAULT_FORMATS)}]   # add {" and ".join(LIBREOFFICE_FORMATS)} where LibreOffice is installed
audiences: []

# Shrink text that cannot fit its box instead of failing the build.
shrink_to_fit: false

# Deck charts: native (editable PowerPoint charts, tables and shapes) or picture (frozen images).
deck_charts: native

# Your organisation's marking scheme (README, "Markings"); default: the one for United States use
# (UNCLASSIFIED < CUI < CONFIDENTIAL < SECRET < TOP SECRET, NOFORN, REL TO).
# markings:
#   levels:
#     - {{name: UNCLASSIFIED, portion: U, colour: "007A33"}}
#     - {{name: SECRET, portion: S, colour: "C8102E"}}
#   controls:
#     - {{name: NOFORN, portion: NF, excludes: [REL TO]}}
#     - {{name: REL TO, countries: true}}
#   countries: [USA, GBR, AUS]
"""


def init_project(target: str | Path, blank: bool = False) -> Path:
    """Create a working project at ``target``: briefgen.yaml, the starter content (``blank``: the blank library,
    on no topic) and the templates."""
    dest = Path(target)
    if dest.exists() and any(dest.iterdir()):
        raise ConfigError([Problem(Loc(display_path(dest)), "", "expected an empty or new folder, got a folder "
                                                                 "with files in it (nothing was changed)")])
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(blank_content() if blank else shipped_content(), dest / "content",
                    ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    shutil.copytree(shipped_templates(), dest / "templates",
                    ignore=shutil.ignore_patterns("__pycache__", "__init__.py", "tools"))
    (dest / CONFIG_NAME).write_text(CONFIG_TEMPLATE, encoding="utf-8")
    return dest
