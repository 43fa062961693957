"""The glossary page and the API's messages follow the client's Accept-Language (same catalogs as the CLI)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest


@pytest.fixture(scope="module")
def client() -> Any:
    from starlette.testclient import TestClient

    from termguard.serve.app import create_app

    with TestClient(create_app(load_model=False), raise_server_exceptions=False) as test_client:
        yield test_client


def _script_messages(html: str) -> dict[str, str]:
    found = re.search(r'<script type="application/json" id="ui-messages">(.*?)</script>', html, re.S)
    assert found, "the page carries no messages for its script"
    return json.loads(found.group(1))


def test_page_in_german_for_a_german_browser(client: Any) -> None:
    response = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"})
    assert response.status_code == 200
    assert response.headers["content-language"] == "de"
    assert "Accept-Language" in response.headers["vary"]
    html = response.text
    assert '<html lang="de">' in html
    for german in ("Namen nachschlagen", "Text prüfen", "Nachschlagen</button>", "termguard-Glossar"):
        assert german in html
    assert "Look a name up" not in html
    messages = _script_messages(html)
    assert messages["Looking up…"] == "Suche läuft …"
    assert messages["No term matches “{query}”."] == "Keine Benennung passt zu „{query}“."
    assert all(messages.values()), "a script message without translation"
    # The script looks each one up by its English text: every _("…") of app.js is there.
    from termguard.serve.page import STATIC

    script = "\n".join(line for line in (STATIC / "app.js").read_text("utf-8").splitlines()
                       if not line.lstrip().startswith("//"))
    assert set(re.findall(r'\b_\("((?:[^"\\]|\\.)*)"', script)) <= set(messages)


def test_page_in_english_by_default(client: Any) -> None:
    for headers in ({}, {"Accept-Language": "fr-FR, fr;q=0.9"}, {"Accept-Language": "en-GB,de;q=0.5"}):
        response = client.get("/", headers=headers)
        assert response.headers["content-language"] == "en"
        assert '<html lang="en">' in response.text and "Look a name up" in response.text
        assert _script_messages(response.text) == {}


def test_api_messages_follow_accept_language_codes_do_not(client: Any) -> None:
    body = {"text": "Das Projekt, das auch als Sangesur-Korridor bekannt ist.", "lang": "de"}
    german = client.post("/v1/lint", json=body, headers={"Accept-Language": "de"}).json()
    english = client.post("/v1/lint", json=body).json()
    assert german.keys() == english.keys()
    assert [f["code"] for f in german["findings"]] == [f["code"] for f in english["findings"]] == ["TG101"]
    assert german["findings"][0].keys() == english["findings"][0].keys()
    assert german["findings"][0]["message"].startswith("belastete Benennung `Sangesur-Korridor`")
    assert english["findings"][0]["message"].startswith("loaded term `Sangesur-Korridor`")
