"""The browser fixture itself: headless Chromium renders a local file and runs its script."""

from __future__ import annotations

from pathlib import Path


def test_headless_chromium_runs_a_local_page(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><title>t</title><p id=p>before</p>"
                    "<script>document.getElementById('p').textContent = 'after';</script>", "utf-8")
    browser.get(page.as_uri())
    assert browser.find_element("id", "p").text == "after"
