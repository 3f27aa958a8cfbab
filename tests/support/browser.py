"""A headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by selenium, and axe-core in it.

Tests that use it are marked ``@pytest.mark.needs("chromium", "chromedriver")``.  The browser gets a fresh
profile and no network, sync, component updates or first-run pages: it only ever opens local files.
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

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


def axe_violations(driver: Any) -> list[str]:
    """axe-core's violations on the current page (every rule axe-core runs by default), one line each:
    rule id, impact, the elements affected."""
    from axe_selenium_python import Axe

    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"])
            for v in results["violations"]]
