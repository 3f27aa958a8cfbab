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
    python bench/mutation.py --sample 150 looks  # 150 of looks.py's mutants drawn at random (seed 1)

``--sample N`` measures a random sample of N mutants (``--seed`` picks it; the same seed and code give the same
sample) instead of all of them, and prints the score with its 95% Wilson interval: for the largest modules,
whose surviving mutants each build decks, a full run takes hours on two cores.  mutmut 3 runs the mutants it
expects to be quickest first, so a run stopped at its timeout has checked a biased part; a random sample has not.

Property tests run ``--examples`` examples each (default 10, through BRIEFGEN_PROPERTY_EXAMPLES; the test suite
itself runs 60): every surviving mutant runs every property test that calls it, and tailor/tailor.py's 730
mutants would otherwise take about an hour.  Fewer examples can only let more mutants survive, never fewer.
"""
from __future__ import annotations

import argparse
import configparser
import datetime
import math
import os
import random
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


def run_mutmut(root: Path, timeout: float, examples: int, names: list[str] | None = None) -> bool:
    """``mutmut run`` with one worker in ``root`` (only the mutants ``names`` when given), property tests running
    ``examples`` examples each; False if it was stopped at ``timeout`` seconds."""
    env = dict(os.environ, BRIEFGEN_PROPERTY_EXAMPLES=str(examples))
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", "1", *(names or [])]
    proc = subprocess.Popen(command, cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        return False


def mutant_names(root: Path) -> list[str]:
    """Every mutant of the module ``root`` mutates: mutmut generates them (and maps tests to functions) on a run
    asked for a mutant that does not exist, which then stops before running any."""
    subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "1", "briefgen.no-such-mutant"],
                   cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted(results(root))


def draw_sample(names: list[str], size: int, seed: int) -> list[str]:
    """``size`` of ``names`` drawn at random with ``seed`` (all of them when there are no more)."""
    return sorted(random.Random(seed).sample(sorted(names), min(size, len(names))))


def wilson_interval(killed: int, checked: int) -> tuple[float, float]:
    """The 95% Wilson score interval of the kill rate ``killed / checked`` of a random sample."""
    if not checked:
        return 0.0, 1.0
    z = 1.959964
    p = killed / checked
    centre = (p + z * z / (2 * checked)) / (1 + z * z / checked)
    half = z * math.sqrt(p * (1 - p) / checked + z * z / (4 * checked * checked)) / (1 + z * z / checked)
    return max(0.0, centre - half), min(1.0, centre + half)


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


def score_line(module: str, status: dict[str, str], finished: bool, timeout: float, population: int) -> str:
    """The line printed for ``module``: killed / checked and the score, with how much was checked; for a sample
    (``status`` holds fewer than the ``population`` of mutants) the 95% interval as well."""
    killed = sum(s in ("killed", "timeout") for s in status.values())
    checked = sum(s in ("killed", "timeout", "survived", "no tests") for s in status.values())
    score = killed / checked if checked else 0.0
    notes = []
    if len(status) < population:
        low, high = wilson_interval(killed, checked)
        notes.append(f"random sample of {len(status)} of {population} mutants, 95% interval {low:.1%} to {high:.1%}")
    if not finished:
        notes.append(f"stopped at {timeout:.0f} s: {checked} of {len(status)} mutants checked")
    return f"{module}: {killed} / {checked} killed, {score:.1%}" + "".join(f" ({n})" for n in notes)


def main() -> int:
    """Measure each chosen module and print one line per module (and its surviving mutants)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("words", nargs="*", help="measure only modules whose path contains one of these")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per module (default 900)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    parser.add_argument("--examples", type=int, default=10, help="examples per property test (default 10)")
    parser.add_argument("--sample", type=int, default=0, help="measure N mutants drawn at random (default: all)")
    parser.add_argument("--seed", type=int, default=1, help="the random sample's seed (default 1)")
    args = parser.parse_args()
    chosen = [m for m in modules_to_mutate() if not args.words or any(w in m for w in args.words)]
    print(f"mutation score, {datetime.date.today().isoformat()}, mutmut, one worker, mirrored tests only, "
          f"{args.examples} examples per property test")
    for module in chosen:
        root = scratch_copy(module)
        sample = population = None
        if args.sample:
            every = mutant_names(root)
            population, sample = len(every), draw_sample(every, args.sample, args.seed)
        finished = run_mutmut(root, args.timeout, args.examples, sample)
        status = results(root)
        if sample is not None:
            status = {name: status.get(name, "not checked") for name in sample}
        print(score_line(module, status, finished, args.timeout, population or len(status)))
        for name in sorted(n for n, s in status.items() if s == "survived"):
            print(f"    survived: {name}")
        if args.keep:
            print(f"    scratch copy: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
