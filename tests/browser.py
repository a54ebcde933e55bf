"""Headless Chromium for the site's browser tests (and bench/site_build.py), through selenium and the
system's chromedriver.

The browser is Debian's `chromium` with its matching `chromium-driver` (`.ci/run` installs
them); selenium is told where both are, so it never looks for or downloads a driver of its own.
Each session gets a fresh profile folder and no network-facing background work.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars")


def _first(names: tuple[str, ...], extra: tuple[str, ...] = ()) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in extra if os.path.isfile(p)), None)


def missing() -> str | None:
    """Why no browser session can be opened here (None: one can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if _first(BROWSERS) is None:
        return "no Chromium here (Debian: apt-get install chromium chromium-driver)"
    if _first(DRIVERS, ("/usr/lib/chromium/chromedriver",)) is None:
        return "no chromedriver here (Debian: apt-get install chromium-driver)"
    return None


@contextmanager
def open_browser(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium driven by selenium, or None when :func:`missing` says why not."""
    if missing() is not None:
        yield None
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="datacard-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _first(BROWSERS) or ""
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=_first(DRIVERS, ("/usr/lib/chromium/chromedriver",)))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_script_timeout(60)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
