"""``briefgen templates``: check a master deck, or copy the shipped templates into a project to edit.

``check_master_file(file, project)`` lists what a master .pptx lacks.
``export_templates(dest)`` copies the deck template, master, memo templates
and the rest of the shipped ``templates/`` folder (not its maintainer
``tools/``) into ``dest``.  It never overwrites: if any file already exists,
nothing is copied and the error lists them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from briefgen.errors import ConfigError, Loc, Problem, TemplateError, display_path
from briefgen.project import Project
from briefgen.resources import shipped_templates

_SKIP_DIRS = {"tools", "__pycache__"}
_SKIP_FILES = {"__init__.py"}


def shipped_template_files() -> list[Path]:
    """The shipped template files to export, relative to the templates folder, in a stable order."""
    root = shipped_templates()
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or _SKIP_DIRS & set(rel.parts[:-1]) or rel.name in _SKIP_FILES:
            continue
        if rel.parts[0] in _SKIP_DIRS or rel.name.endswith(".pyc"):
            continue
        out.append(rel)
    return out


def export_templates(dest: str | Path) -> list[Path]:
    """Copy the shipped templates into ``dest``; ConfigError (nothing copied) if any target file exists."""
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ConfigError([Problem(Loc(display_path(dest)), "", "expected a folder, got a file")])
    files = shipped_template_files()
    clashes = [rel for rel in files if (dest / rel).exists()]
    if clashes:
        raise ConfigError([Problem(Loc(display_path(dest / rel)), "", "already exists; refusing to overwrite "
                                                                      "(nothing was copied)") for rel in clashes])
    root = shipped_templates()
    written = []
    for rel in files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, target)
        written.append(target)
    return written


def check_master_file(file: str | Path, project: Project) -> list[str]:
    """The layouts briefgen uses, each as "name" or "name -> the master's name" (the project's ``layouts``
    mapping), when ``file`` is a usable master .pptx; TemplateError listing everything it lacks otherwise."""
    from briefgen.render.deck.model import LAYOUTS
    from briefgen.write.pptx.master import check_master  # python-pptx: only when a master is checked

    layouts = dict(project.spec.layouts)
    problems = check_master(Path(file), layouts)
    if problems:
        raise TemplateError(problems)
    return [f"{n} -> {layouts[n]}" if n in layouts else n for n in LAYOUTS]
