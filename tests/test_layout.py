"""Tests of the package layout: the folders of ``briefgen/`` are the pipeline, and imports only run down it.

Read from the source with :mod:`ast` (nothing is imported): every ``import`` and ``from … import``, at any
depth (a late import inside a function is still a dependency).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.paths import REPO

PACKAGE = REPO / "briefgen"
# Each stage and what it may import from briefgen (besides itself and the shared bottom modules).
BOTTOM = {"briefgen", "briefgen.errors", "briefgen.files", "briefgen.resources", "briefgen.atomic",
          "briefgen.progress", "briefgen.office"}
ALLOWED = {
    "load": {"load"},
    "tailor": {"load", "tailor"},
    "render": {"load", "tailor", "render"},
    "write": {"load", "tailor", "render", "write"},
}


def module_name(path: Path) -> str:
    """The dotted module name of a file under the repository."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names; relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


def briefgen_modules() -> dict[str, Path]:
    """Every module of the briefgen package, by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def internal_imports() -> dict[str, set[str]]:
    """For each briefgen module, the briefgen modules it imports."""
    modules = briefgen_modules()
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def test_the_reader_resolves_every_import_form(tmp_path: Path) -> None:
    probe = PACKAGE / "render" / "deck" / "render.py"
    found = imports_of(probe)
    assert "briefgen.render.deck.model" in found and "briefgen.errors" in found
    assert module_name(PACKAGE / "write" / "pptx" / "__init__.py") == "briefgen.write.pptx"


@pytest.mark.parametrize("library", ["pptx", "docx"])
def test_office_libraries_are_imported_only_by_the_writers(library: str) -> None:
    offenders = sorted(name for name, path in briefgen_modules().items()
                       if not name.startswith("briefgen.write.")
                       and any(m == library or m.startswith(library + ".") for m in imports_of(path)))
    assert offenders == []


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_each_stage_imports_only_the_stages_before_it(stage: str) -> None:
    allowed = {f"briefgen.{s}" for s in ALLOWED[stage]}
    wrong = []
    for name, deps in internal_imports().items():
        if not name.startswith(f"briefgen.{stage}.") and name != f"briefgen.{stage}":
            continue
        for dep in deps:
            if dep in BOTTOM or any(dep == a or dep.startswith(a + ".") for a in allowed):
                continue
            wrong.append(f"{name} -> {dep}")
    assert wrong == []


def test_the_bottom_modules_import_no_stage() -> None:
    graph = internal_imports()
    wrong = [f"{name} -> {dep}" for name in BOTTOM for dep in graph.get(name, ()) if dep not in BOTTOM]
    assert wrong == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles a depth-first search meets in ``graph`` (module -> modules it imports)."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_the_cycle_search_finds_a_cycle() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_there_are_no_import_cycles() -> None:
    graph = internal_imports()
    # A package's __init__ importing its own modules is how a package shows its face, not a cycle.
    graph = {name: {d for d in deps if not (d.startswith(name + ".") and PACKAGE.joinpath(*name.split(".")[1:]).is_dir())}
             for name, deps in graph.items()}
    assert [" -> ".join(c) for c in find_cycles(graph)] == []


# Where the writers may reach past python-pptx's and python-docx's public API (private attributes, private
# names): one module per library, and the two attributes the document properties use in both alike.
PRIVATE_ACCESS = {"briefgen.write.pptx.elements", "briefgen.write.docx.elements", "briefgen.write.ooxml.properties"}


def private_reaches(path: Path) -> list[str]:
    """``obj._name`` on anything but ``self``/``cls``, and ``from … import _name``, in ``path``, as lines."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and any(a.name.startswith("_") for a in node.names):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_private_reach_finder_sees_attributes_and_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from pptx.opc.serialized import _ContentTypesItem\nx = shape._element\ny = self._cache\n")
    assert private_reaches(probe) == ["1: from pptx.opc.serialized import _ContentTypesItem", "2: shape._element"]


def test_private_office_library_attributes_are_reached_only_through_the_elements_modules() -> None:
    wrong = [f"{name}:{line}" for name, path in briefgen_modules().items()
             if name.startswith("briefgen.write.") and name not in PRIVATE_ACCESS for line in private_reaches(path)]
    assert wrong == []
