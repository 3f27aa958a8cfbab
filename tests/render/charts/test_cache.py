"""Tests of briefgen.render.charts.cache: images drawn once per spec, kept in memory and on disk."""
from __future__ import annotations

import dataclasses
import os
import time

import pytest

from briefgen.errors import BuildError
from briefgen.render.charts import ChartSpec, ChartTheme, chart_image, draw
from briefgen.render.charts.cache import clear_memory_cache, prune
from briefgen.render.charts.spec import ChartPoint
from tests.support.paths import FIXTURES

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def fresh_memory():
    clear_memory_cache()
    yield
    clear_memory_cache()


@pytest.fixture
def spec() -> ChartSpec:
    points = (ChartPoint("r1", "Spiral with China", 3, 5), ChartPoint("r2", "Domestic reversal", 3, 4),
              ChartPoint("r3", "Incident at sea", 2, 2, role="backup"))
    return ChartSpec(kind="risk_heatmap", title="Risks by likelihood and impact", alt_text="Heat map of 3 risks.",
                     points=points, highlight=("r1",), size=(6.0, 3.5), dpi=100)


def test_second_call_draws_nothing(spec):
    before = draw.draws
    first = chart_image(spec)
    assert draw.draws == before + 1 and first.startswith(PNG_SIGNATURE)
    assert chart_image(spec) is first
    assert chart_image(dataclasses.replace(spec)) is first  # an equal spec is the same chart
    assert draw.draws == before + 1


def test_formats_are_cached_separately(spec):
    before = draw.draws
    png, svg = chart_image(spec, "png"), chart_image(spec, "svg")
    assert png.startswith(PNG_SIGNATURE) and svg.startswith(b"<?xml")
    assert chart_image(spec, "svg") is svg
    assert draw.draws == before + 2


def test_a_different_spec_is_drawn(spec):
    chart_image(spec)
    before = draw.draws
    other = dataclasses.replace(spec, highlight=("r2",))
    assert chart_image(other) != chart_image(spec)
    assert dataclasses.replace(spec, theme=ChartTheme(highlight="#cc0000")).key() != spec.key()
    assert draw.draws == before + 1


def test_file_cache_survives_the_process_memory(spec, tmp_path):
    data = chart_image(spec, "svg", cache_dir=tmp_path)
    path = tmp_path / f"{spec.key()}.svg"
    assert path.read_bytes() == data
    # no temporary files left behind (locks/ holds the cross-process lock files)
    assert [p.name for p in tmp_path.iterdir() if p.name != "locks"] == [path.name]
    clear_memory_cache()  # as if a new build started
    before = draw.draws
    assert chart_image(spec, "svg", cache_dir=tmp_path) == data
    assert draw.draws == before


def test_memory_hit_still_fills_a_new_cache_dir(spec, tmp_path):
    data = chart_image(spec)
    before = draw.draws
    assert chart_image(spec, cache_dir=tmp_path / "cache") == data
    assert (tmp_path / "cache" / f"{spec.key()}.png").read_bytes() == data
    assert draw.draws == before


@pytest.mark.parametrize("junk", [b"", b"not an image", PNG_SIGNATURE + b"truncated"])
def test_a_damaged_cache_file_is_redrawn_and_replaced(spec, tmp_path, junk):
    path = tmp_path / f"{spec.key()}.png"
    path.write_bytes(junk)
    before = draw.draws
    data = chart_image(spec, cache_dir=tmp_path)
    assert draw.draws == before + 1 and data.startswith(PNG_SIGNATURE)
    assert path.read_bytes() == data


def test_unknown_format_is_refused_before_drawing(spec, tmp_path):
    before = draw.draws
    with pytest.raises(BuildError, match="unknown image format 'gif'"):
        chart_image(spec, "gif", cache_dir=tmp_path)
    assert draw.draws == before and not any(tmp_path.iterdir())


def test_unwritable_cache_dir_still_gives_the_image(spec, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert chart_image(spec, cache_dir=blocker / "cache").startswith(PNG_SIGNATURE)
    assert blocker.read_text() == "x"


def test_memory_keeps_the_most_recently_used_images_within_the_budget(spec, monkeypatch):
    from briefgen.render.charts import cache

    first = chart_image(spec)
    monkeypatch.setattr(cache, "MEMORY_BUDGET", len(first) * 2 + 1)
    second = chart_image(dataclasses.replace(spec, highlight=("r2",)))
    assert chart_image(spec) is first  # used again: now the most recent
    chart_image(dataclasses.replace(spec, highlight=()))  # over budget: the least recently used goes
    before = draw.draws
    assert chart_image(spec) is first
    assert draw.draws == before
    assert chart_image(dataclasses.replace(spec, highlight=("r2",))) == second
    assert draw.draws == before + 1  # it had been forgotten, so it was drawn again


def test_a_chart_another_worker_is_drawing_is_left_for_last(spec, tmp_path, monkeypatch):
    import fcntl
    import threading

    from briefgen.render.charts import cache, chart_images

    other = dataclasses.replace(spec, highlight=("r2",))
    order = []
    drawing = threading.Event()  # set when the first chart starts to be drawn
    real = draw.render

    def render(s, fmt, missing=None):  # type: ignore[no-untyped-def]
        order.append(s.highlight)
        drawing.set()
        return real(s, fmt, missing)

    monkeypatch.setattr(draw, "render", render)
    locks = tmp_path / "locks"
    locks.mkdir()
    held = open(locks / f"{spec.key()}.png.lock", "a+b")  # as another worker drawing ``spec`` would hold it
    fcntl.flock(held.fileno(), fcntl.LOCK_EX)
    result = []
    worker = threading.Thread(target=lambda: result.extend(chart_images([spec, other], "png", tmp_path)))
    worker.start()
    assert drawing.wait(120)
    assert order == [("r2",)]  # the free chart first, without waiting for the held one
    fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    held.close()
    worker.join(timeout=30)
    assert order == [("r2",), ("r1",)]  # the other worker gave up without drawing it: drawn here after all
    assert [r[:8] for r in result] == [PNG_SIGNATURE] * 2
    assert (tmp_path / f"{spec.key()}.png").read_bytes() == result[0]
    assert cache.chart_image(other, "png", tmp_path) is result[1]


def test_every_use_of_a_cached_image_renews_its_time(spec, tmp_path):
    chart_image(spec, cache_dir=tmp_path)
    path = tmp_path / f"{spec.key()}.png"
    os.utime(path, (1_000_000_000, 1_000_000_000))
    chart_image(spec, cache_dir=tmp_path)  # from memory
    assert path.stat().st_mtime > 1_700_000_000
    os.utime(path, (1_000_000_000, 1_000_000_000))
    clear_memory_cache()
    chart_image(spec, cache_dir=tmp_path)  # from disk
    assert path.stat().st_mtime > 1_700_000_000


def _cached(folder, name: str, size: int, age: int) -> None:
    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, (time.time() - age, time.time() - age))
    (folder / "locks").mkdir(exist_ok=True)
    (folder / "locks" / (name + ".lock")).write_bytes(b"")


def test_prune_removes_the_least_recently_used_images_until_a_fifth_of_the_budget_is_free(tmp_path):
    for n, age in enumerate([50, 10, 40, 20, 30]):  # 1000 bytes each, a.png the oldest
        _cached(tmp_path, f"{'abcde'[n]}.{'png' if n % 2 == 0 else 'svg'}", 1000, age)
    (tmp_path / "notes.txt").write_bytes(b"y" * 5000)  # not a chart image: never counted or removed
    assert prune(tmp_path, budget=5000) == []  # within budget: nothing to do
    removed = prune(tmp_path, budget=4500)
    assert [p.name for p in removed] == ["a.png", "c.png"]  # 5000 -> 3000 bytes, within 4/5 of 4500
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["b.svg", "d.svg", "e.png", "notes.txt"]
    assert sorted(p.name for p in (tmp_path / "locks").iterdir()) == ["b.svg.lock", "d.svg.lock", "e.png.lock"]


def test_prune_without_a_cache_folder_does_nothing(tmp_path):
    assert prune(tmp_path / "missing", budget=0) == []


def test_a_build_keeps_its_own_charts_and_prunes_older_ones(tmp_path, monkeypatch):
    import shutil

    from briefgen.commands.build import build_matrix
    from briefgen.commands.plan import output_options
    from briefgen.load.library import load_library
    from briefgen.project import load_project
    from briefgen.render.charts import cache

    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    cache_dir = tmp_path / ".briefgen-cache"
    cache_dir.mkdir()
    for n in range(40):  # charts of long-gone content, used long ago
        _cached(cache_dir, f"old{n:02d}.png", 100_000, 10_000_000)
    monkeypatch.setattr(cache, "DISK_BUDGET", 2_000_000)
    project = load_project(tmp_path)
    outcome = build_matrix(project, load_library(project.content_dir).library, output_options(project),
                           ["neutral"], ["md"], workers=1)
    assert [r.status for r in outcome.results] == ["built"]
    left = list(cache_dir.glob("*.png"))
    assert sum(p.stat().st_size for p in left) <= 2_000_000 * 4 // 5
    assert 0 < len([p for p in left if p.name.startswith("old")]) < 40  # the least recently used went
    this_build = {p.read_bytes() for p in left if not p.name.startswith("old")}
    shown = {p.read_bytes() for p in (tmp_path / "out" / "neutral").glob("*-charts/*.png")}
    assert shown and shown <= this_build  # every chart the memo shows is still cached


def test_characters_no_font_has_are_one_warning_when_drawn(tmp_path):
    from briefgen.render.charts import chart_images

    spec = ChartSpec(kind="risk_heatmap", title="Risks", alt_text="a", size=(6.5, 2.6),
                     points=(ChartPoint("r1", "Kill Chain (킬체인)", 3, 4), ChartPoint("r2", "Plain risk", 2, 2)))
    plain = dataclasses.replace(spec, points=spec.points[1:])
    clear_memory_cache()
    warnings: list = []
    chart_images([spec, plain], "png", tmp_path, warnings=warnings)
    # Only if this machine has no font with Hangul (CI has none): then the chart shows boxes, and says so.
    from matplotlib import font_manager

    if any("CJK" in f.name or "Nanum" in f.name for f in font_manager.fontManager.ttflist):
        pytest.skip("a font with Hangul is installed here")
    assert [str(w) for w in warnings] == [
        "warning: chart risk_heatmap: no installed font has '인', '체', '킬': the chart shows them as boxes; "
        "install a font that does (e.g. Noto Sans CJK for Korean, Japanese or Chinese)"]
    again: list = []
    clear_memory_cache()
    chart_images([spec, plain], "png", tmp_path, warnings=again)
    assert again == []  # from the cache: warned when it was drawn
