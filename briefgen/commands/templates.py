"""``briefgen templates``: check a master deck, or copy the shipped templates into a project to edit.

``check_master_file(file, project)`` lists what a master .pptx lacks, what it will do to a deck (slide size,
type too large, small chart areas, fonts measured with a stand-in) and builds every audience's deck on it in a
scratch folder, so that it says "ok" only when the build will be clean.
``export_templates(dest)`` copies the deck template, master, memo templates
and the rest of the shipped ``templates/`` folder (not its maintainer
``tools/``) into ``dest``.  It never overwrites: if any file already exists,
nothing is copied and the error lists them.
"""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BuildError, ConfigError, Loc, Problem, TemplateError, display_path
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


@dataclass(frozen=True)
class MasterCheck:
    """What ``templates check`` found on a usable master: the layouts briefgen uses (each "name" or "name -> the
    master's name"), notes (one line each: slide size, fonts measured with a stand-in) and warnings (what would
    make a build bad: type too large, small chart areas, missing fonts, and the build's own warnings)."""

    layouts: list[str]
    notes: list[str]
    warnings: list[Problem]
    built: list[str]  # one line per audience deck built on it: "neutral: 45 slides"


def check_master_file(file: str | Path, project: Project) -> MasterCheck:
    """Check ``file`` as the project's deck master and predict the build: every audience's deck of the project's
    content (the shipped library where the project has none) is built on it, in a scratch folder, with the
    project's settings.  TemplateError listing everything that makes it unusable, or that would stop a build."""
    from briefgen.render.deck.model import LAYOUTS
    from briefgen.write.pptx.master import check_master, open_master  # python-pptx: only when a master is checked
    from briefgen.write.pptx.survey import survey_master

    layouts = dict(project.spec.layouts)
    problems = check_master(Path(file), layouts)
    if problems:
        raise TemplateError(problems)
    notes, warnings = survey_master(open_master(Path(file), layouts), Path(file), layouts)
    built, build_warnings, errors = _predicted_build(Path(file), project)
    if errors:
        raise TemplateError(errors)
    names = [f"{n} -> {layouts[n]}" if n in layouts else n for n in LAYOUTS]
    return MasterCheck(names, notes, warnings + build_warnings, built)


def _predicted_build(master: Path, project: Project) -> tuple[list[str], list[Problem], list[Problem]]:
    """(a line per deck built, the builds' warnings, the problems that would stop a build), each deck built on
    ``master`` in a scratch folder that is removed afterwards."""
    from briefgen.commands.plan import build_view
    from briefgen.load.library import load_library
    from briefgen.resources import shipped_content
    from briefgen.write.pptx.writer import write_pptx
    from briefgen.write.registry import OutputOptions

    content = project.content_dir if project.content_dir.is_dir() else shipped_content()
    library = load_library(content).library
    options = OutputOptions(template_dirs=project.template_dirs, master=master, layouts=dict(project.spec.layouts),
                            shrink_to_fit=project.spec.shrink_to_fit, deck_charts=project.spec.deck_charts)
    lines: list[str] = []
    warnings: dict[Problem, list[str]] = {}  # each warning once, with the decks it comes from
    errors: dict[Problem, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="briefgen-check-") as scratch:
        for name in sorted(library.audiences):
            target = Path(scratch) / f"{name}.pptx"
            try:
                found = write_pptx(build_view(library, name), target, options)
            except BuildError as exc:
                for p in exc.problems:
                    errors.setdefault(p, []).append(name)
                continue
            for p in found:
                warnings.setdefault(p, []).append(name)
            lines.append(f"{name}: {_slide_count(target)} slides")
    return lines, _from_decks(warnings, "warning", ""), _from_decks(errors, "error", " would fail")


def _slide_count(deck: Path) -> int:
    with zipfile.ZipFile(deck) as z:
        return sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def _from_decks(found: dict[Problem, list[str]], severity: str, verb: str) -> list[Problem]:
    """Each problem once, saying which decks it comes from: "the dovish and neutral decks: ..."."""
    out = []
    for p, names in found.items():
        which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        what = f"the {which} deck{'s' if len(names) > 1 else ''}{verb}"
        out.append(Problem(p.loc, f"{what}: {p.field}" if p.field else what, p.message, severity))
    return out
