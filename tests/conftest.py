"""Fixtures shared by every test: an isolated cache and the shipped termbase."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The suite asserts English messages: pin the UI language whatever the developer's locale (tests of
# the German interface set their own environment or use termguard.locales.ui_language_scope).
os.environ["LANGUAGE"] = "en"

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = REPO / "tests" / "fixtures"
SHARED_MODELS = REPO.parent / "shared" / "models"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the compiled-termbase cache of the test run out of the user's ~/.cache."""
    os.environ["TERMGUARD_CACHE_DIR"] = str(tmp_path_factory.mktemp("termguard-cache"))


@pytest.fixture(scope="session")
def termbase():  # type: ignore[no-untyped-def]
    from termguard.glossary import load_termbase

    return load_termbase()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Where browser tests keep their screenshots (a CI artifact; ignored by git).
ARTIFACTS = REPO / "tests" / "artifacts"


@contextlib.contextmanager
def chromium(lang: str | None = None) -> Iterator[Any]:
    """Headless Debian Chromium driven by Selenium through Debian's chromedriver, asking for
    ``lang`` (e.g. ``de-DE``) as the browser's language if given.

    Installed by scripts/setup.sh; skipped with the reason where the machine has no browser.
    The flags keep Chromium off the network: it may only load what a test serves on 127.0.0.1
    or writes to disk.
    """
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(f"no browser: {CHROMIUM} and {CHROMEDRIVER} are installed by scripts/setup.sh (apt-get)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900", *([f"--lang={lang}"] if lang else [])):
        options.add_argument(flag)
    if lang:
        options.add_experimental_option("prefs", {"intl.accept_languages": f"{lang},{lang.split('-')[0]}"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The browser of the browser tests (see :func:`chromium`)."""
    with chromium() as driver:
        yield driver
