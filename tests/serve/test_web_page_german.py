"""The glossary page in a German browser (headless Chromium asking for de-DE): the page, the
script's status lines, the look-up card and the findings of the lint panel are German."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ARTIFACTS, chromium

WAIT = 30


@pytest.fixture(scope="module")
def german_browser() -> Iterator[Any]:
    with chromium("de-DE") as driver:
        yield driver


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
