"""The review page in headless Chromium: highlights and notes, filters, keys, print, a long document.

Screenshots go to tests/artifacts/ (review-<article>.png); the 10,000-segment page's load time is
printed (run with -s to see it), bounded only by a generous sanity limit.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

import pytest

from termguard.review import read_report, review_from_report, write_review

SEEDS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

_VISIBLE_ROWS = """
return Array.prototype.map.call(document.querySelectorAll('.row'), function (r) {
  return [r.className, getComputedStyle(r).display !== 'none'];
});"""
_IN_VIEW = """
var r = arguments[0].getBoundingClientRect();
return r.top >= 0 && r.bottom <= window.innerHeight;"""


def _press(browser, key: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys(key).perform()


def _open(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    """Load ``url`` and return once the page has been painted (see :func:`_painted`)."""
    browser.get(url)
    _painted(browser)


def _painted(browser) -> None:  # type: ignore[no-untyped-def]
    """Wait for the page's first contentful paint. On a loaded CI machine a fresh browser lost the
    first hover (the page never saw it); waiting for the paint stopped that, as if Chromium drops
    input that comes before it."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda b: b.execute_script(
        "return performance.getEntriesByName('first-contentful-paint').length > 0"), "the page was never painted")


def _hover(browser, element) -> None:  # type: ignore[no-untyped-def]
    """Rest the pointer on ``element``, returning once the page has seen it there.

    The page may see a move only after it returns, and a move the browser dropped is lost: the
    pointer moves again until the element is hovered, as a user's hand would.
    """
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    hovered = "return arguments[0].matches(':hover')"
    for _ in range(5):
        ActionChains(browser).move_to_element(element).perform()
        try:
            WebDriverWait(browser, 2).until(lambda b: b.execute_script(hovered, element))
            return
        except TimeoutException:
            ActionChains(browser).move_by_offset(0, 1).perform()  # a pixel down, still on it: a new position
    raise AssertionError("the pointer never came to rest on the element")


def _collect_script_errors(browser) -> None:  # type: ignore[no-untyped-def]
    """Record every uncaught script error of the pages opened from now on in window.__reviewErrors."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
        "window.__reviewErrors = [];"
        "window.addEventListener('error', function (e) { window.__reviewErrors.push(String(e.message)); });")})


def _current(browser):  # type: ignore[no-untyped-def]
    found = browser.find_elements("css selector", "li.finding.current")
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("article", SEEDS)
def test_seed_review_in_the_browser(browser, seed_editions: Path, tmp_path: Path, article: str) -> None:  # type: ignore[no-untyped-def]
    data = read_report(seed_editions / f"{article}.report.json")
    page = write_review(review_from_report(data), tmp_path / f"{article}.review.html")
    _collect_script_errors(browser)
    _open(browser, page.as_uri())
    assert browser.find_element("css selector", "h1").text == f"Review of {article}.txt"
    count = browser.find_element("css selector", ".count.c-loaded b").text
    assert int(count) == data["summary"]["loaded"]

    # Loaded terms: highlighted in both columns, the termbase note on hover and in the side panel.
    notes = [x["note"] for s in data["segments"] for x in s["loaded"]]
    marks = browser.find_elements("css selector", ".src mark.hl-loaded")
    assert len(marks) == len(notes)
    panel = browser.find_element("id", "panel").text
    for mark, note in zip(marks, notes, strict=True):
        assert note in mark.get_attribute("title")
        assert " ".join(note.split())[:60] in " ".join(panel.split())
        _hover(browser, mark)
        link = mark.get_attribute("data-links").split()[0]
        linked = browser.find_elements("css selector", ".tgt mark.linked")
        assert linked and all(link in m.get_attribute("data-links").split() for m in linked)
    if not notes:
        assert "No loaded term" in panel

    # Filters: "needs review" hides every clean segment and keeps every other one.
    browser.find_element("css selector", 'input[name="filter"][value="review"]').click()
    rows = browser.execute_script(_VISIBLE_ROWS)
    assert rows and all(shown == ("needs-review" in cls) for cls, shown in rows)
    browser.find_element("css selector", 'input[name="filter"][value="problem"]').click()
    rows = browser.execute_script(_VISIBLE_ROWS)
    assert all(shown == ("has-problem" in cls) for cls, shown in rows)
    # A segment with a problem: a failure or a warning of the QA engine (an info is no problem); stage
    # errors of the whole document have a row of their own.
    with_problems = sum(1 for s in data["segments"]
                        if s["failures"] or any(w["severity"] != "info" for w in s["warnings"]))
    assert sum(shown for _, shown in rows) == with_problems + bool(data["errors"])
    codes = {f["code"] for s in data["segments"] for f in s["failures"] + s["warnings"]}
    shown_codes = {c.get_attribute("textContent")  # hidden ones too (the filter shows problems only)
                   for c in browser.find_elements("css selector", "li.finding code.rule")}
    assert codes <= shown_codes  # every rule code of the report is on the page
    browser.find_element("css selector", 'input[name="filter"][value="review"]').click()

    # Keys: n and p walk from one finding to the next, scrolling each into view.
    findings = browser.find_elements("css selector", "li.finding")
    if findings:
        _press(browser, "n")
        first = _current(browser)
        assert first is not None and first.get_attribute("id") == findings[0].get_attribute("id")
        assert browser.execute_script(_IN_VIEW, first)
        assert first.text.split()[-1] in browser.find_element("id", "selected").text
        if len(findings) > 2:
            _press(browser, "n")
            _press(browser, "n")
            third = _current(browser)
            assert third.get_attribute("id") == findings[2].get_attribute("id")
            assert browser.execute_script(_IN_VIEW, third)
            _press(browser, "p")
            assert _current(browser).get_attribute("id") == findings[1].get_attribute("id")
        assert browser.find_element("id", "position").text.startswith("finding ")
        assert browser.execute_script(  # the side panel stays below the sticky header, not under it
            "return document.getElementById('selected').getBoundingClientRect().top"
            " >= document.querySelector('header.top').getBoundingClientRect().bottom")
    if notes:  # the side panel's link goes to the loaded term and shows its note as the selection
        browser.find_element("css selector", "#loaded-list a").click()
        current = _current(browser)
        assert current is not None and "f-loaded" in current.get_attribute("class")
        assert browser.execute_script(_IN_VIEW, current)
        assert " ".join(notes[0].split())[:60] in " ".join(browser.find_element("id", "selected").text.split())
    else:
        browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(ARTIFACTS / f"review-{article}.png"))

    assert browser.execute_script("return window.__reviewErrors") == []  # the page's script never failed

    # Print: the toolbar and the side panel stay off the paper, the rows keep their colours.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("id", "panel").is_displayed()
        assert not browser.find_element("id", "filter").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_ten_thousand_segments_load_and_navigate(browser, seed_editions: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = read_report(seed_editions / "000_4c22258b9561486f.report.json")
    segments = []
    while len(segments) < 10_000:
        for s in data["segments"]:
            record = copy.deepcopy(s)
            record["paragraph"], record["index"] = len(segments) // 3 + 1, len(segments) % 3 + 1
            segments.append(record)
    big = {**data, "segments": segments[:10_000]}
    started = time.perf_counter()
    review = review_from_report(big)
    page = write_review(review, tmp_path / "big.review.html")
    built = time.perf_counter() - started
    started = time.perf_counter()
    browser.get(page.as_uri())  # returns once the load event has fired
    loaded = time.perf_counter() - started
    _painted(browser)
    timing = browser.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "return [n.domContentLoadedEventEnd, n.loadEventEnd];")
    assert int(browser.find_element("css selector", ".count.c-rows b").text) == 10_000
    started = time.perf_counter()
    browser.find_element("css selector", 'input[name="filter"][value="problem"]').click()
    _press(browser, "n")
    _press(browser, "n")
    step = time.perf_counter() - started
    current = _current(browser)
    assert current is not None and "f-problem" in current.get_attribute("class")
    size = page.stat().st_size / 1e6
    print(f"\n10,000-segment review: {size:.1f} MB built in {built:.2f} s; browser load {loaded:.2f} s "
          f"(DOMContentLoaded {timing[0] / 1000:.2f} s, load event {timing[1] / 1000:.2f} s); "
          f"filter + two finding steps {step:.2f} s")
    assert loaded < 60, "the page must open, not freeze the browser"
