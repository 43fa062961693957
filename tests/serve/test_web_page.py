"""The glossary page in a real browser (headless Chromium through Selenium) against a live server:
look a name up and read its card, paste German text and see the loaded term highlighted."""

from __future__ import annotations

from tests.conftest import ARTIFACTS

WAIT = 30


def _wait(browser, condition):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT).until(condition)


def test_lookup_card_and_lint_highlight(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server.url + "/")
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")

    # The search box has a label, and Enter submits it (keyboard only).
    query = browser.find_element(By.ID, "query")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=query]")
    assert "spelling" in label.text
    query.send_keys("Paschinjans", Keys.ENTER)
    card = _wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#lookup-results article.card"))
    assert card.find_element(By.CSS_SELECTOR, ".preferred-en").text == "Pashinyan"
    variants = {cell.text for cell in card.find_elements(By.CSS_SELECTOR, "tbody td:first-child")}
    assert {"Pashinyan", "Paschinjan"} <= variants
    assert "Matched “Paschinjan” (de, preferred), inflected" in card.text

    # A contested concept: the card says so and carries the note and see-also links.
    query.clear()
    query.send_keys("Sangesur-Korridors", Keys.ENTER)
    _wait(browser, lambda b: "Zangezur" in b.find_element(By.ID, "lookup-results").text)
    card = browser.find_element(By.CSS_SELECTOR, "#lookup-results article.card")
    assert card.find_element(By.CSS_SELECTOR, ".badge.contested").text == "contested"
    assert "TRIPP" in card.find_element(By.CSS_SELECTOR, ".note").text
    see_also = {b.text: b for b in card.find_elements(By.CSS_SELECTOR, ".see-also button")}
    assert "ceasefire-statement-2020" in see_also  # buttons: reachable by keyboard
    see_also["ceasefire-statement-2020"].send_keys(Keys.ENTER)
    _wait(browser, lambda b: "1 concept found" in b.find_element(By.ID, "lookup-status").text
          and "Sangesur" not in b.find_element(By.ID, "lookup-results").text)
    assert "ceasefire" in browser.find_element(By.CSS_SELECTOR, "#lookup-results article.card").text.lower()

    # Paste German text: the loaded term is highlighted and its note is there.
    text = browser.find_element(By.ID, "lint-text")
    text.send_keys("Baku fordert den Sangesur-Korridor durch Sjunik.")
    browser.find_element(By.CSS_SELECTOR, "#lint-form button[type=submit]").click()
    mark = _wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#lint-highlighted mark.loaded"))
    assert mark.text == "Sangesur-Korridor"
    assert mark.get_attribute("data-code") == "TG101"
    assert "TRIPP" in mark.get_attribute("title")
    described = browser.find_element(By.ID, mark.get_attribute("aria-describedby"))
    assert "loaded term" in described.text and "TRIPP" in described.text
    assert mark.get_attribute("tabindex") == "0"  # reachable by keyboard
    browser.save_screenshot(str(ARTIFACTS / "serve-glossary-page.png"))
    assert (ARTIFACTS / "serve-glossary-page.png").stat().st_size > 10_000
