"""Benchmark briefgen's everyday builds against pandoc on the same machine, in the same run.

Prints: cold full build (empty chart cache, no outputs), cold deck-only build (the three decks), each also
as CPU seconds of briefgen and its workers, warm full build (nothing changed), rebuild
after editing one item (with ``briefgen build``, and with ``briefgen watch`` running), a 30-audience
batch with 1 and 2 workers, peak memory; and pandoc converting equivalent Markdown (same slide
count, same images) to pptx and docx for the same number of documents, with the ratios.  Machines are noisy: compare the ratios, and run it more than once.

    python bench/bench.py [--repeat 3] [--cold-only] [--page-count]

Every build that writes .docx memos counts their pages with LibreOffice (the memo's page promise), so the
figures above include it.  ``--page-count`` measures what that adds: a docx-only build of the three audiences
and a full build, cold, each with LibreOffice and without it on the PATH (where the pages are not counted),
taken in turn, with the ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# briefgen runs as installed: with its modules' bytecode cached, as `pip install .` leaves them.  An editable
# install under PYTHONDONTWRITEBYTECODE would compile every module afresh in every process (about 0.1 s each).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
TARGETS = {
    "warm / pandoc": 0.15,
    "cold / pandoc": 1.0,
    "cold decks / pandoc": 0.5,
    "cold build (s)": 3.0,
    "one-item rebuild (s)": 1.0,
    "one-item rebuild, watch (s)": 1.0,
    "1 worker / 2 workers": 1.6,
    "peak memory (MB)": 250.0,
}


def briefgen(project: Path, *args: str, env: dict | None = None) -> float:
    """Run the briefgen CLI in ``project`` (with ``env``, default ENV); return wall seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", "--quiet", *args], cwd=project, check=True,
                   env=env or ENV)
    return time.perf_counter() - start


def without_libreoffice(tmp: Path) -> dict:
    """ENV with a PATH that holds every program of this one but LibreOffice (links in a folder of ``tmp``)."""
    folder = tmp / "path-without-libreoffice"
    folder.mkdir(exist_ok=True)
    for directory in ENV.get("PATH", "").split(os.pathsep):
        for program in Path(directory).glob("*") if Path(directory).is_dir() else ():
            link = folder / program.name
            if program.name not in ("soffice", "libreoffice") and not link.exists() and not link.is_symlink():
                link.symlink_to(program)
    return {**ENV, "PATH": str(folder)}


def page_count_cost(tmp: Path, repeat: int) -> dict[str, float]:
    """``--page-count``: cold docx-only and full builds with the memos' pages counted by LibreOffice and without
    (no LibreOffice on the PATH), taken in turn ``repeat`` times; the best of each and the ratios."""
    plain = without_libreoffice(tmp)
    runs: dict[str, list[float]] = {k: [] for k in ("docx", "docx unchecked", "full", "full unchecked")}
    for n in range(repeat):
        for key, args, env in (("docx", ("--format", "docx"), ENV), ("docx unchecked", ("--format", "docx"), plain),
                               ("full", (), ENV), ("full unchecked", (), plain)):
            runs[key].append(briefgen(fresh_project(tmp, f"pages-{key}-{n}".replace(" ", "-")), "--all", *args,
                                      env=env))
    best_of = {k: min(v) for k, v in runs.items()}
    return {"cold docx-only build, 3 memos, pages counted (s)": best_of["docx"],
            "cold docx-only build, 3 memos, not counted (s)": best_of["docx unchecked"],
            "docx-only: counted / not counted": best_of["docx"] / best_of["docx unchecked"],
            "cold full build, pages counted (s)": best_of["full"],
            "cold full build, not counted (s)": best_of["full unchecked"],
            "full: counted / not counted": best_of["full"] / best_of["full unchecked"]}


def children_cpu() -> float:
    """CPU seconds (user and system) of every finished child process so far, their workers included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_project(tmp: Path, name: str) -> Path:
    """A copy of the shipped content as a project, with no outputs and no cache."""
    proj = tmp / name
    shutil.copytree(REPO / "content", proj / "content")
    return proj


def add_audiences(project: Path, n: int) -> None:
    """Make ``n`` audience profiles (extending the shipped three with varied settings)."""
    bases = ["neutral", "hawkish", "dovish"]
    for i in range(n - 3):
        base = bases[i % 3]
        (project / "content" / "audiences" / f"aud-{i:02d}.yaml").write_text(
            f"label: Audience {i}\nextends: {base}\nthreshold: {1 + i % 3}\nmax_main: {3 + i % 4}\n"
            f"recommend: {1 + i % 4}\n", encoding="utf-8")


def pandoc_inputs(project: Path, tmp: Path) -> list[Path]:
    """Markdown equivalents of the built decks: one slide per deck slide, the same chart images (a deck's native
    charts are shown to pandoc as the memo's pictures of them)."""
    from pptx import Presentation

    docs = []
    for deck in sorted((project / "out").glob("*/*.pptx")):
        prs = Presentation(str(deck))
        img_dir = tmp / "img" / deck.parent.name
        img_dir.mkdir(parents=True, exist_ok=True)
        memo_charts = iter(sorted(deck.parent.glob("*-charts/*.png")))
        lines = []
        for n, slide in enumerate(prs.slides):
            title = slide.shapes.title.text if slide.shapes.title is not None else f"Slide {n + 1}"
            lines.append(f"# {title or f'Slide {n + 1}'}\n")
            for k, shape in enumerate(slide.shapes):
                if shape.shape_type == 13:  # picture
                    img = img_dir / f"s{n}-{k}.{shape.image.ext}"
                    img.write_bytes(shape.image.blob)
                    lines.append(f"![chart]({img})\n")
                elif shape.name.startswith("Chart: "):  # a native chart
                    picture = next(memo_charts, None)
                    if picture is not None:
                        lines.append(f"![chart]({picture})\n")
                elif shape.has_text_frame and shape != slide.shapes.title:
                    for para in shape.text_frame.paragraphs:
                        if para.text.strip():
                            lines.append(f"- {para.text.strip()}")
            lines.append("")
        md = tmp / f"{deck.parent.name}.md"
        md.write_text("\n".join(lines), encoding="utf-8")
        docs.append(md)
    return docs


def pandoc_time(inputs: list[Path], n_docs: int, tmp: Path, formats: tuple = ("pptx", "docx")) -> float | None:
    """Seconds for pandoc to make ``n_docs`` documents (taking ``formats`` in turn) from ``inputs``."""
    exe = shutil.which("pandoc")
    if exe is None:
        return None
    start = time.perf_counter()
    for i in range(n_docs):
        src = inputs[i % len(inputs)]
        fmt = formats[i % len(formats)]
        subprocess.run([exe, str(src), "-o", str(tmp / f"pandoc-{i}.{fmt}")], check=True)
    return time.perf_counter() - start


_EDITS = iter(range(1, 1_000_000))


def edited_title(original: str) -> str:
    """``original`` (threats.yaml) with a new word in its first title, one not used before in this run.

    Every variant that shows that threat changes, and so do the charts that
    show it: they are drawn again (a word toggled back and forth would find
    them cached, and measure less than a real edit costs).
    """
    word = f" rev{next(_EDITS)}"
    return re.sub(r"(\n  title: )(.*)", lambda m: m.group(1) + m.group(2) + word, original, count=1)


def watch_rebuild(project: Path, threats: Path, repeat: int) -> float:
    """Seconds from saving an edit to one item until ``briefgen watch`` reports the outputs up to date.

    Includes watch's wait for the save to settle.  The best of ``repeat``
    edits, each a new word in the first threat's title (:func:`edited_title`).
    """
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "watch"], cwd=project, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), ln)) for ln in proc.stderr], daemon=True).start()

    def up_to_date() -> float:
        while True:
            when, line = lines.get(timeout=120)
            if "up to date" in line:
                return when

    try:
        up_to_date()
        original = threats.read_text(encoding="utf-8")
        times = []
        for _ in range(repeat):
            edited = edited_title(original)
            time.sleep(0.5)
            start = time.perf_counter()
            threats.write_text(edited, encoding="utf-8")
            times.append(up_to_date() - start)
        return min(times)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def best(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs (least disturbed by noise)."""
    return min(fn() for _ in range(repeat))


def main() -> None:
    """Run every measurement and print figures, ratios and targets."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold-only", action="store_true",
                    help="only the cold builds and pandoc, taken in turn (quicker; for comparing ratios)")
    ap.add_argument("--page-count", action="store_true",
                    help="only what counting the memos' pages with LibreOffice adds to cold builds")
    args = ap.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as t:
        tmp = Path(t)
        briefgen(fresh_project(tmp, "first"), "--all")  # not timed: a first run may write bytecode and font caches
        if args.page_count:
            report(page_count_cost(tmp, args.repeat))
            return

        cpu: dict[str, list[float]] = {"cold": [], "decks": []}  # CPU is steadier than wall on a shared machine

        def cold() -> float:
            proj = fresh_project(tmp, f"cold-{time.monotonic_ns()}")
            before = children_cpu()
            wall = briefgen(proj, "--all")
            cpu["cold"].append(children_cpu() - before)
            return wall

        def cold_decks() -> float:
            proj = fresh_project(tmp, f"decks-{time.monotonic_ns()}")
            before = children_cpu()
            wall = briefgen(proj, "--all", "--format", "pptx")
            cpu["decks"].append(children_cpu() - before)
            return wall

        proj = fresh_project(tmp, "main")
        briefgen(proj, "--all")
        if args.cold_only:
            figures.update(cold_against_pandoc(proj, tmp, cold, cold_decks, args.repeat))
            figures["cold build, CPU (s)"] = min(cpu["cold"])
            figures["cold deck-only build, CPU (s)"] = min(cpu["decks"])
            report(figures)
            return
        figures["cold build (s)"] = best(cold, args.repeat)
        figures["cold build, CPU (s)"] = min(cpu["cold"])
        figures["cold deck-only build (s)"] = best(cold_decks, args.repeat)
        figures["cold deck-only build, CPU (s)"] = min(cpu["decks"])
        figures["warm build (s)"] = best(lambda: briefgen(proj, "--all"), args.repeat)

        threats = proj / "content" / "threats.yaml"
        original = threats.read_text(encoding="utf-8")

        def one_item() -> float:
            threats.write_text(edited_title(original), encoding="utf-8")
            return briefgen(proj, "--all")

        figures["one-item rebuild (s)"] = best(one_item, args.repeat)
        threats.write_text(original, encoding="utf-8")
        briefgen(proj, "--all")
        figures["one-item rebuild, watch (s)"] = watch_rebuild(proj, threats, args.repeat)
        threats.write_text(original, encoding="utf-8")
        briefgen(proj, "--all")

        n_docs = len(list((proj / "out").glob("*/*.*")))
        inputs = pandoc_inputs(proj, tmp)
        pandoc = pandoc_time(inputs, n_docs, tmp)
        if pandoc is not None:
            pandoc = best(lambda: pandoc_time(inputs, n_docs, tmp) or 0.0, args.repeat)
            figures[f"pandoc, {n_docs} documents (s)"] = pandoc
            figures["warm / pandoc"] = figures["warm build (s)"] / pandoc
            figures["cold / pandoc"] = figures["cold build (s)"] / pandoc
            decks = best(lambda: pandoc_time(inputs, len(inputs), tmp, ("pptx",)) or 0.0, args.repeat)
            figures[f"pandoc, {len(inputs)} decks (s)"] = decks
            figures["cold decks / pandoc"] = figures["cold deck-only build (s)"] / decks

        big = fresh_project(tmp, "thirty")
        add_audiences(big, 30)
        briefgen(big, "--all")  # draw every chart once: both batches below then measure the same work

        def batch(workers: int) -> float:
            return briefgen(big, "--all", "--force", "--workers", str(workers))

        one = best(lambda: batch(1), max(1, args.repeat - 1))
        two = best(lambda: batch(2), max(1, args.repeat - 1))
        figures["30 audiences, 1 worker (s)"] = one
        figures["30 audiences, 2 workers (s)"] = two
        figures["1 worker / 2 workers"] = one / two
        figures["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report(figures)


def cold_against_pandoc(project: Path, tmp: Path, cold, cold_decks, repeat: int) -> dict[str, float]:
    """``--cold-only``: the cold full build, pandoc's 12 documents, the cold deck-only build and pandoc's decks,
    taken in turn ``repeat`` times (so that a change in the machine's load falls on both sides); the best of
    each and the ratios."""
    inputs = pandoc_inputs(project, tmp)
    n_docs = len(list((project / "out").glob("*/*.*")))
    runs: dict[str, list[float]] = {"cold": [], "pandoc": [], "decks": [], "pandoc decks": [], "pandoc CPU": []}
    for _ in range(repeat):
        runs["cold"].append(cold())
        before = children_cpu()
        runs["pandoc"].append(pandoc_time(inputs, n_docs, tmp) or float("nan"))
        runs["pandoc CPU"].append(children_cpu() - before)
        runs["decks"].append(cold_decks())
        runs["pandoc decks"].append(pandoc_time(inputs, len(inputs), tmp, ("pptx",)) or float("nan"))
    best_of = {k: min(v) for k, v in runs.items()}
    return {"cold build (s)": best_of["cold"], f"pandoc, {n_docs} documents (s)": best_of["pandoc"],
            "cold / pandoc": best_of["cold"] / best_of["pandoc"], "cold deck-only build (s)": best_of["decks"],
            f"pandoc, {len(inputs)} decks (s)": best_of["pandoc decks"],
            "cold decks / pandoc": best_of["decks"] / best_of["pandoc decks"],
            f"pandoc, {n_docs} documents, CPU (s)": best_of["pandoc CPU"]}


def report(figures: dict[str, float]) -> None:
    """Print each figure with its target, then all of them as one JSON line."""
    width = max(len(k) for k in figures) + 2
    print(f"{'measure'.ljust(width)}{'value':>10}  target")
    for key, value in figures.items():
        target = TARGETS.get(key)
        if target is None:
            note = ""
        elif key == "1 worker / 2 workers":
            note = f">= {target}  {'ok' if value >= target else 'MISSED'}"
        else:
            note = f"<= {target}  {'ok' if value <= target else 'MISSED'}"
        print(f"{key.ljust(width)}{value:>10.2f}  {note}")
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
