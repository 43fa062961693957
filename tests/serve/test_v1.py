"""termguard's own API answers what the command line prints (the same library functions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXE = str(Path(sys.executable).parent / "termguard")


def _cli(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run([EXE, *args], input=stdin, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_lookup_is_the_cli_json(model_client) -> None:
    for query in ("Paschinjans", "Пашинян", "Sangesur-Korridors", "Paschinian"):
        served = model_client.get("/v1/lookup", params={"q": query}).json()
        assert served == json.loads(_cli("lookup", "--json", query)), query
    card = model_client.get("/v1/lookup", params={"q": "Jerewan"}).json()["matches"][0]
    assert card["preferred"]["en"] == "Yerevan"


def test_lint_is_the_cli_json(model_client) -> None:
    text = "Die Regierung sprach vom Sangesur-Korridor.\nAlijew besuchte Stepanakert.\n"
    served = model_client.post("/v1/lint", json={"text": text, "lang": "de"}).json()
    printed = json.loads(_cli("lint", "--format", "json", "--lang", "de", "--stdin-filename", "<text>", "-",
                              stdin=text))
    assert served == printed
    codes = [f["code"] for f in served["findings"]]
    assert "TG101" in codes  # the loaded term, with its note
    assert all(f["note"] for f in served["findings"] if f["code"] == "TG101")


def test_translate_returns_the_edition_and_the_report(model_client) -> None:
    response = model_client.post("/v1/translate", json={"q": ["Der Sangesur-Korridor verläuft durch Sjunik.",
                                                              "Paschinjan traf Alijew in Eriwan."]})
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"]) == ("de", "en")
    first, second = body["results"]
    assert "“Zangezur corridor”" in first["edition"]
    loaded = [item for s in first["report"]["segments"] for item in s["loaded"]]
    assert loaded and loaded[0]["concept"] == "zangezur-corridor" and "TRIPP" in loaded[0]["note"]
    assert second["edition"] == "Pashinyan met Aliyev in Yerevan."
    enforced = {e["target"] for s in second["report"]["segments"] for e in s["enforced"]}
    assert enforced == {"Pashinyan", "Aliyev", "Yerevan"}
    assert second["report"]["summary"]["failures"] == 0
    # the same as the LibreTranslate endpoint gives for the same text
    lt = model_client.post("/translate", data={"q": "Paschinjan traf Alijew in Eriwan.", "source": "de",
                                               "target": "en"})
    assert lt.json()["translatedText"] == second["edition"]


def test_lookup_by_concept_id(model_client) -> None:
    answer = model_client.get("/v1/lookup", params={"id": "zangezur-corridor"}).json()
    assert answer["found"] and answer["matches"][0]["id"] == "zangezur-corridor"
    assert answer["matches"][0]["how"] == "id"
    missing = model_client.get("/v1/lookup", params={"id": "no-such-concept"})
    assert missing.status_code == 404 and "no-such-concept" in missing.json()["error"]


def test_page_and_its_files_are_served_with_a_strict_policy(model_client) -> None:
    page = model_client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert '<label for="query">' in page.text and '<label for="lint-text">' in page.text
    for name in ("app.js", "style.css"):
        response = model_client.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["x-content-type-options"] == "nosniff"
