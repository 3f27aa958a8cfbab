"""A headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by selenium, and axe-core in it.

axe-core is Deque's own npm package at the version ``tests/support/axe/package.json`` pins (a 4.x release;
``npm ci --prefix tests/support/axe`` installs it, ``.ci/run`` does so), injected into the page and run as
its documentation shows (``axe.run``).  Tests that use the browser are marked
``@pytest.mark.needs("chromium", "chromedriver")``, and ``"axe-core"`` too when they run it.  The browser gets a fresh
profile and no network, sync, component updates or first-run pages: it only ever opens local files.
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WINDOW = (1100, 1400)  # CSS pixels: wider than the memo's sheet (8.5 in), so the page lays out as on a desktop
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A selenium WebDriver for a headless Chromium with a throw-away profile; quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="briefgen-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in FLAGS + (f"--user-data-dir={profile}", f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, page: Path) -> None:
    """Load the local file ``page`` and wait for it to finish loading."""
    driver.get(Path(page).resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def screenshot_whole_page(driver: Any, target: Path) -> Path:
    """Save a PNG of the whole current page (the window grown to the page's height) to ``target``."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WINDOW[0], min(int(height) + 150, 16000))
    assert driver.save_screenshot(str(target)), f"no screenshot written to {target}"
    return target


def axe_script() -> str:
    """axe-core's browser bundle: the npm package pinned in ``tests/support/axe/package.json``, installed
    with ``npm ci --prefix tests/support/axe`` (``.ci/run`` does it)."""
    return AXE_JS.read_text(encoding="utf-8")


def axe_version(driver: Any) -> str:
    """The version of axe-core running in the current page (injected if it is not there yet)."""
    _inject_axe(driver)
    return driver.execute_script("return axe.version")


def axe_violations(driver: Any) -> list[str]:
    """axe-core's violations on the current page (every rule axe-core runs by default), one line each:
    rule id, impact, the elements affected."""
    _inject_axe(driver)
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done({violations: r.violations}), e => done({error: String(e)}));")
    assert "error" not in results, f"axe-core failed: {results.get('error')}"
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"])
            for v in results["violations"]]


def _inject_axe(driver: Any) -> None:
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.set_script_timeout(60)
        driver.execute_script(axe_script())
