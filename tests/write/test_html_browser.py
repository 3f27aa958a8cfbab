"""The HTML memos and the diff page in a real browser (headless Chromium): laid out as meant, and accessible.

The options table is checked by where the browser put its cells (side by side in a row, rows one under
the other), not by the CSS that should put them there; each memo is screenshotted into the test's
temporary folder for a person to look at.  axe-core (Deque's npm package, the 4.x release
tests/support/axe/package.json pins) must find no violation of any rule it runs on the shipped memos and the
diff page.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.load.library import load_library
from tests.support.browser import AXE_JS, axe_version, axe_violations, chromium, open_page, screenshot_whole_page
from tests.support.memo_views import shipped_audiences
from tests.support.shipped_outputs import shipped_outputs

pytestmark = pytest.mark.needs("chromium", "chromedriver")

_BOXES = """
const table = [...document.querySelectorAll('main table')].find(t => t.querySelector('th')?.textContent === arguments[0]);
return [...table.rows].map(row => [...row.cells].map(cell => {
  const r = cell.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height, getComputedStyle(cell).display];
}));
"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


@pytest.mark.parametrize("audience", shipped_audiences())
def test_options_table_shows_its_cells_side_by_side(shipped_project: Path, browser, tmp_path: Path,
                                                     audience: str) -> None:
    page = shipped_project / "out" / audience / next(p.name for p in shipped_outputs(shipped_project, "html")
                                                     if p.parent.name == audience)
    open_page(browser, page)
    option = load_library(shipped_project / "content").library.vocabulary.kind("options").singular  # its heading
    rows = browser.execute_script(_BOXES, option)
    assert len(rows) >= 2 and all(len(r) == 5 for r in rows)  # a header row and the options, five columns each
    for row in rows:
        assert {cell[4] for cell in row} == {"table-cell"}
        assert len({round(cell[1]) for cell in row}) == 1, row  # one line: every cell at the same top
        lefts = [cell[0] for cell in row]
        assert lefts == sorted(lefts) and len(set(lefts)) == 5, row  # left to right
        assert all(a[0] + a[2] <= b[0] + 0.5 for a, b in zip(row, row[1:])), row  # none overlaps the next
    tops = [row[0][1] for row in rows]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # rows one under the other
    shot = screenshot_whole_page(browser, tmp_path / f"memo-{audience}.png")
    assert shot.stat().st_size > 10_000


@pytest.mark.needs("axe-core")
@pytest.mark.parametrize("page", [*(f"{a}/memo" for a in shipped_audiences()), "diff-hawkish-dovish.html"])
def test_no_axe_violations(shipped_project: Path, browser, page: str) -> None:
    if page.endswith("/memo"):
        target = next(p for p in shipped_outputs(shipped_project, "html") if p.parent.name == page.split("/")[0])
    else:
        target = shipped_project / "out" / page
    open_page(browser, target)
    assert axe_violations(browser) == []


@pytest.mark.needs("axe-core")
def test_axe_is_the_pinned_4x_release(tmp_path: Path, browser) -> None:
    pinned = json.loads((AXE_JS.parents[2] / "package.json").read_text(encoding="utf-8"))["dependencies"]["axe-core"]
    page = tmp_path / "empty.html"
    page.write_text("<!DOCTYPE html><html lang=en><head><title>t</title></head><body></body></html>", encoding="utf-8")
    open_page(browser, page)
    assert pinned.startswith("4.") and axe_version(browser) == pinned


@pytest.mark.needs("axe-core")
def test_axe_sees_a_violation(tmp_path: Path, browser) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head><title>t</title></head><body><main>'
                    '<h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>', encoding="utf-8")
    open_page(browser, page)
    found = axe_violations(browser)
    assert [line.split(" ", 1)[0] for line in found] == ["html-has-lang", "image-alt"], found


@pytest.mark.needs("axe-core")
@pytest.mark.parametrize("case, audience, colours", [
    ("markings-fictional", "neutral", ("rgb(106, 27, 154)", "rgb(255, 255, 0)")),  # SEALED: yellow on purple
    ("markings-portion-marks", "dovish", ("rgb(200, 16, 46)", "rgb(255, 255, 255)")),  # SECRET, portion marks on
    (None, "dovish", ("rgb(0, 122, 51)", "rgb(255, 255, 255)")),  # unmarked: UNCLASSIFIED
])
def test_a_marked_memo_shows_its_banner_colours_without_axe_violations(tmp_path: Path, browser, case: str | None,
                                                                        audience: str, colours: tuple) -> None:
    from briefgen import api
    from briefgen.write.html import write_html
    from tests.support.fixture_projects import make_project
    from tests.support.memo_views import options

    loaded = api.load(make_project(tmp_path / "proj", case))
    page = tmp_path / "memo.html"
    write_html(api.tailor_view(loaded.library, audience), page, options())
    open_page(browser, page)
    seen = browser.execute_script("return [...document.querySelectorAll('.marking')].map(m => "
                                  "[getComputedStyle(m).backgroundColor, getComputedStyle(m).color]);")
    assert [tuple(s) for s in seen] == [colours, colours]
    # The footnotes' back links of these small fixtures trip link-in-text-block with or without markings (the
    # unmarked case shows it too); every other rule, colour contrast of the banners included, passes.
    assert [v for v in axe_violations(browser) if not v.startswith("link-in-text-block")] == []
