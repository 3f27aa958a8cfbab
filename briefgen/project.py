"""A briefgen project: its ``briefgen.yaml`` settings and the folders they name.

A project is a folder holding ``briefgen.yaml`` (optional: defaults apply
without it), a ``content/`` library and optionally ``templates/`` overriding
the shipped ones.  Every path in ``briefgen.yaml`` must stay inside the project.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefgen.errors import ConfigError, ContentError, Loc, Problem, display_path
from briefgen.load.schema import INVALID, Bool, Choice, Context, FrozenMap, ListOf, MapOf, Slug, Text, convert, fld
from briefgen.load.yamlsource import read_yaml
from briefgen.render.deck.model import CHART_STYLES
from briefgen.resources import shipped_content, shipped_templates

CONFIG_NAME = "briefgen.yaml"
FORMATS = ("pptx", "docx", "md", "html", "pdf")
DEFAULT_FORMATS = ("pptx", "docx", "md", "html")


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
    formats: tuple = fld(ListOf(Choice(*FORMATS)), DEFAULT_FORMATS, doc="formats built by build --all")
    audiences: tuple = fld(ListOf(Slug()), (), doc="audiences built by build --all; empty = every profile")
    shrink_to_fit: bool = fld(Bool(), False, doc="shrink text that cannot fit instead of failing")
    deck_charts: str = fld(Choice(*CHART_STYLES), "native",
                           doc="deck charts as native, editable PowerPoint objects, or as pictures")
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
    def output_dir(self) -> Path:
        """The build output folder."""
        return self.root / self.spec.output

    def path(self, value: str | None) -> Path | None:
        """A project-relative setting as an absolute path (None stays None)."""
        return None if value is None else self.root / value


def load_project(path: str | Path = ".") -> Project:
    """Open the project at ``path``: a folder with briefgen.yaml, or a bare content folder."""
    root = Path(path)
    if (root / "briefing.yaml").is_file() and not (root / CONFIG_NAME).is_file():
        # A bare content folder: a project whose content is that folder.
        return Project(root.parent.resolve(), ProjectSpec(content=root.resolve().name))
    if not root.is_dir():
        raise ConfigError([Problem(Loc(display_path(root)), "", "expected a project or content folder, got "
                                   + ("a file" if root.exists() else "nothing (no such folder)"))])
    cfg = root / CONFIG_NAME
    if not cfg.is_file():
        return Project(root.resolve(), ProjectSpec())
    try:
        node = read_yaml(cfg, display_path(cfg))
    except ContentError as exc:
        raise ConfigError(exc.problems) from None
    ctx = Context()
    if node is None:
        return Project(root.resolve(), ProjectSpec())
    spec = convert(ProjectSpec, node, "", ctx)
    if spec is not INVALID:
        for name in ("content", "templates", "output", "master", "reference_docx"):
            value = getattr(spec, name)
            if value is not None and not _stays_inside(root, value):
                ctx.error(spec.locs.get(name), name, f"expected a path inside the project, got {value!r}")
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors:
        raise ConfigError(errors)
    return Project(root.resolve(), spec)


def _stays_inside(root: Path, value: str) -> bool:
    if Path(value).is_absolute():
        return False
    try:
        (root / value).resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


CONFIG_TEMPLATE = """\
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
# slug: trilateral-brief

# Your organisation's master deck; layouts are found by name.
# master: templates/our-master.pptx
# If its layout names differ, map briefgen's names to yours:
# layouts:
#   Title Slide: Cover
#   Title and Content: Text Page

# A .docx whose styles memos use.
# reference_docx: templates/our-reference.docx

# What `briefgen build --all` makes: every audience below (empty = every profile) x these formats.
formats: [pptx, docx, md, html]   # add pdf where LibreOffice is installed
audiences: []

# Shrink text that cannot fit its box instead of failing the build.
shrink_to_fit: false

# Deck charts: native (editable PowerPoint charts, tables and shapes) or picture (frozen images).
deck_charts: native
"""


def init_project(target: str | Path) -> Path:
    """Create a working project at ``target``: briefgen.yaml, the starter content and the templates."""
    dest = Path(target)
    if dest.exists() and any(dest.iterdir()):
        raise ConfigError([Problem(Loc(display_path(dest)), "", "expected an empty or new folder, got a folder "
                                                                 "with files in it (nothing was changed)")])
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(shipped_content(), dest / "content", ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    shutil.copytree(shipped_templates(), dest / "templates",
                    ignore=shutil.ignore_patterns("__pycache__", "__init__.py", "tools"))
    (dest / CONFIG_NAME).write_text(CONFIG_TEMPLATE, encoding="utf-8")
    return dest
