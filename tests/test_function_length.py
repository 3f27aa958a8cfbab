"""No function in briefgen/ runs over MAX_LINES lines unless its docstring says why ("Long because ...").

Read from the source with :mod:`ast` (nothing is imported).  A function's length runs from its ``def`` line to
its last line, docstring and nested functions included; a nested function is also measured on its own.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.support.paths import REPO

PACKAGE = REPO / "briefgen"
MAX_LINES = 60
REASON = re.compile(r"(^|[.!?]\s+|\n\s*)Long because \S")

# Long functions waiting to be split: empty, and it must stay so (split a long function, or give its reason).
NOT_YET: set[str] = set()


def long_functions(path: Path, root: Path = REPO) -> list[tuple[str, int]]:
    """(``file::qualified.name``, length) of each function in ``path`` over MAX_LINES lines without a reason."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(root).as_posix()
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                length = (child.end_lineno or child.lineno) - child.lineno + 1
                if length > MAX_LINES and not REASON.search(ast.get_docstring(child) or ""):
                    found.append((f"{where}::{name}", length))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def offenders() -> dict[str, int]:
    """Every function of the package over the limit without a reason, with its length."""
    return dict(f for path in sorted(PACKAGE.rglob("*.py")) for f in long_functions(path))


def test_the_scan_finds_long_functions_and_accepts_a_reason(tmp_path: Path) -> None:
    def body(indent: int) -> str:
        return "\n".join(" " * indent + f"x{i} = {i}" for i in range(MAX_LINES))

    (tmp_path / "m.py").write_text(
        f"def short():\n    return 1\n\n\nclass C:\n    def long(self):\n{body(8)}\n\n\n"
        f"def explained():\n    \"\"\"Builds a table. Long because each row is one statement.\"\"\"\n{body(4)}\n\n\n"
        f"def vague():\n    \"\"\"Not long because of anything.\"\"\"\n{body(4)}\n\n\n"
        f"def outer():\n    \"\"\"Long because it holds inner.\"\"\"\n    def inner():\n{body(8)}\n",
        encoding="utf-8")
    assert long_functions(tmp_path / "m.py", tmp_path) == [
        ("m.py::C.long", MAX_LINES + 1), ("m.py::vague", MAX_LINES + 2), ("m.py::outer.inner", MAX_LINES + 1)]


def test_no_function_is_longer_than_the_limit_without_a_reason() -> None:
    found = offenders()
    unexpected = {name: n for name, n in found.items() if name not in NOT_YET}
    listing = "\n".join(f"  {name}: {n} lines" for name, n in sorted(found.items()))
    assert not unexpected, (f"functions over {MAX_LINES} lines without 'Long because ...' in their docstring "
                            f"(split them, or say why):\n{listing}")


def test_not_yet_names_only_functions_that_are_still_long() -> None:
    assert NOT_YET <= set(offenders()), f"split already; remove from NOT_YET: {sorted(NOT_YET - set(offenders()))}"
