"""The glossary page in a German browser (headless Chromium asking for de-DE): the page, the
script's status lines, the look-up card and the findings of the lint panel are German."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ARTIFACTS, CHROMEDRIVER, CHROMIUM

WAIT = 30


@pytest.fixture(scope="module")
def german_browser() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(f"no browser: {CHROMIUM} and {CHROMEDRIVER} are installed by scripts/setup.sh (apt-get)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=de-DE"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "de-DE,de"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(browser: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT).until(condition)


def test_page_card_and_findings_in_german(german_browser: Any, live_server: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser = german_browser
    browser.get(live_server.url + "/")
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
    assert browser.find_element(By.ID, "lookup-heading").text == "Namen nachschlagen"

    browser.find_element(By.ID, "query").send_keys("Paschinjans", Keys.ENTER)
    card = _wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#lookup-results article.card"))
    assert "Bevorzugte englische Form (Hausstil): Pashinyan" in card.text
    assert "Gefunden über „Paschinjan“" in card.text
    assert browser.find_element(By.ID, "lookup-status").text == "1 Begriff gefunden."

    text = browser.find_element(By.ID, "lint-text")
    text.send_keys("Das Projekt, das auch als Sangesur-Korridor bekannt ist, umgeht russisches Gebiet.")
    browser.find_element(By.CSS_SELECTOR, "#lint-form button[type=submit]").click()
    _wait(browser, lambda b: b.find_element(By.ID, "lint-status").text.endswith("Befund."))
    finding = browser.find_element(By.CSS_SELECTOR, "#lint-findings li")
    assert "Fehler, Zeile 1: belastete Benennung `Sangesur-Korridor`" in finding.text
    assert finding.find_element(By.CSS_SELECTOR, ".code").text == "TG101"  # codes stay as they are
    browser.save_screenshot(str(ARTIFACTS / "web_page_german.png"))
