"""Mutation score of each module named in setup.cfg's [mutmut] ``only_mutate``, against only the tests that mirror it.

mutmut (3.x) takes one set of tests for a whole run, and it runs, for each mutant, every selected test that
calls the mutated function: with all the mirrored test files selected at once, a schema mutant would also be
run against the tailoring property tests.  So this script runs mutmut once per module, in a scratch copy of
the project whose [mutmut] section names only that module and its mirrored tests
(``briefgen/load/schema.py`` -> ``tests/load/test_schema.py``, ``briefgen/atomic.py`` ->
``tests/test_atomic.py``; schema and library also get the fixture-driven validation cases), one worker at a
time, and prints killed / total per module.

    python bench/mutation.py                   # every module
    python bench/mutation.py atomic paginate   # the modules whose path contains one of these words
    python bench/mutation.py --keep atomic     # keep the scratch copy (then `mutmut show NAME` there)

Property tests run ``--examples`` examples each (default 10, through BRIEFGEN_PROPERTY_EXAMPLES; the test suite
itself runs 60): every surviving mutant runs every property test that calls it, and tailor/tailor.py's 730
mutants would otherwise take about an hour.  Fewer examples can only let more mutants survive, never fewer.
"""
from __future__ import annotations

import argparse
import configparser
import datetime
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ("briefgen", "tests", "content", "templates", "setup.cfg", "pyproject.toml")
# The fixture-driven validation cases: every bad-*/warn-* folder under tests/fixtures, run through the CLI.
VALIDATION_CASES = "tests/load/test_library.py::test_validation_case_reports_exact_lines"
EXTRA_TESTS = {"briefgen/load/schema.py": [VALIDATION_CASES],
               # chart_specs (render/charts/for_view.py) was first tested with the spec it builds
               "briefgen/render/charts/for_view.py": ["tests/render/charts/test_spec.py"]}


def mirrored_tests(module: str) -> list[str]:
    """The test file that mirrors ``module`` (tests/ repeats briefgen/'s folders), plus any extra tests."""
    parts = Path(module).relative_to("briefgen").parts
    mirror = Path("tests", *parts[:-1], f"test_{parts[-1]}").as_posix()
    return [mirror] + EXTRA_TESTS.get(module, [])


def modules_to_mutate() -> list[str]:
    """The modules setup.cfg's [mutmut] section names in ``only_mutate``."""
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    return [line.strip() for line in cfg.get("mutmut", "only_mutate").splitlines() if line.strip()]


def scratch_copy(module: str) -> Path:
    """A copy of the project whose [mutmut] section mutates only ``module`` and runs only its mirrored tests."""
    root = Path(tempfile.mkdtemp(prefix="briefgen-mutation-"))
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        else:
            shutil.copy2(src, root / name)
    cfg = configparser.ConfigParser()
    cfg.read(root / "setup.cfg")
    cfg.set("mutmut", "only_mutate", module)
    cfg.set("mutmut", "pytest_add_cli_args_test_selection", "\n" + "\n".join(mirrored_tests(module)))
    with open(root / "setup.cfg", "w", encoding="utf-8") as fh:
        cfg.write(fh)
    return root


def run_mutmut(root: Path, timeout: float, examples: int) -> bool:
    """``mutmut run`` with one worker in ``root``, property tests running ``examples`` examples each; False if it
    was stopped at ``timeout`` seconds."""
    env = dict(os.environ, BRIEFGEN_PROPERTY_EXAMPLES=str(examples))
    proc = subprocess.Popen([sys.executable, "-m", "mutmut", "run", "--max-children", "1"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        return False


def results(root: Path) -> dict[str, str]:
    """Each mutant's status (killed, survived, timeout, no tests, not checked ...) from ``mutmut results``."""
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=root,
                         capture_output=True, text=True).stdout
    status = {}
    for line in out.splitlines():
        name, sep, state = line.strip().rpartition(": ")
        if sep and name.startswith("briefgen."):
            status[name] = state
    return status


def main() -> int:
    """Measure each chosen module and print one line per module (and its surviving mutants)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("words", nargs="*", help="measure only modules whose path contains one of these")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per module (default 900)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    parser.add_argument("--examples", type=int, default=10, help="examples per property test (default 10)")
    args = parser.parse_args()
    chosen = [m for m in modules_to_mutate() if not args.words or any(w in m for w in args.words)]
    print(f"mutation score, {datetime.date.today().isoformat()}, mutmut, one worker, mirrored tests only, "
          f"{args.examples} examples per property test")
    for module in chosen:
        root = scratch_copy(module)
        finished = run_mutmut(root, args.timeout, args.examples)
        status = results(root)
        killed = sum(s in ("killed", "timeout") for s in status.values())
        survivors = sorted(n for n, s in status.items() if s == "survived")
        checked = sum(s in ("killed", "timeout", "survived", "no tests") for s in status.values())
        score = killed / checked if checked else 0.0
        note = "" if finished else f" (stopped at {args.timeout:.0f} s: {checked} of {len(status)} mutants checked)"
        print(f"{module}: {killed} / {checked} killed, {score:.1%}{note}")
        for name in survivors:
            print(f"    survived: {name}")
        if args.keep:
            print(f"    scratch copy: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
