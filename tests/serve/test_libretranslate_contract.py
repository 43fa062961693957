"""LibreTranslate's API contract, replayed: request/response pairs written from LibreTranslate's
``libretranslate/app.py`` and ``tests/test_api/`` (1.9.x), Weblate's and libretranslatepy's requests.

The error messages are LibreTranslate's word for word (clients show them to users); the
successful answers have LibreTranslate's shapes and, on the test model, the termbase's forms.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.serve.support import make_client

# (name, how the body is sent, request, expected status, expected body: exact dict/list, or a check)
PAIRS: list[tuple[str, str, dict[str, Any], int, Any]] = [
    ("missing q (form)", "form", {"source": "de", "target": "en", "format": "text"},
     400, {"error": "Invalid request: missing q parameter"}),
    ("missing source", "form", {"q": "Hallo", "target": "en"},
     400, {"error": "Invalid request: missing source parameter"}),
    ("missing target", "form", {"q": "Hallo", "source": "de"},
     400, {"error": "Invalid request: missing target parameter"}),
    ("unsupported target", "form", {"q": "Hallo", "source": "de", "target": "zz", "format": "text"},
     400, {"error": "zz is not supported"}),
    ("unsupported source", "form", {"q": "Hallo", "source": "zz", "target": "en"},
     400, {"error": "zz is not supported"}),
    ("unsupported format", "form", {"q": "Hallo", "source": "de", "target": "en", "format": "xml"},
     400, {"error": "xml format is not supported"}),
    ("alternatives not a number", "form", {"q": "Hallo", "source": "de", "target": "en", "alternatives": "abc"},
     400, {"error": "Invalid request: alternatives parameter is not a number"}),
    ("alternatives over the limit", "form", {"q": "Hallo", "source": "de", "target": "en", "alternatives": "9"},
     400, {"error": "Invalid request: alternatives parameter must be <= 3"}),
    ("empty list", "json", {"q": [], "source": "de", "target": "en"},
     400, {"error": "Invalid request: missing q parameter"}),
    ("JSON body not an object", "json-raw", ["not", "a", "dict"],
     400, {"error": "Invalid JSON format"}),
    ("pair the model does not have", "form", {"q": "Hello", "source": "en", "target": "en"},
     400, {"error": "English (en) is not available as a target language from English (en)"}),
    ("codes are case-insensitive", "form", {"q": "Paschinjan traf Alijew in Eriwan.", "source": "DE",
                                            "target": "EN"},
     200, {"translatedText": "Pashinyan met Aliyev in Yerevan."}),
    ("one text, urlencoded (libretranslatepy, OmegaT)", "form",
     {"q": "Paschinjan traf Alijew in Eriwan.", "source": "de", "target": "en", "format": "text"},
     200, {"translatedText": "Pashinyan met Aliyev in Yerevan."}),
    ("one text, multipart with alternatives (LibreTranslate's page)", "multipart",
     {"q": "Paschinjan traf Alijew in Eriwan.", "source": "de", "target": "en", "format": "text",
      "alternatives": "3"},
     200, {"translatedText": "Pashinyan met Aliyev in Yerevan.", "alternatives": []}),
    ("auto source", "form", {"q": "Paschinjan traf Alijew am Montag in Eriwan und sprach über die Grenze.",
                             "source": "auto", "target": "en"},
     200, lambda body: body["detectedLanguage"]["language"] == "de" and body["detectedLanguage"]["confidence"] > 0
     and "Pashinyan" in body["translatedText"] and "Yerevan" in body["translatedText"]),
    ("a list (Weblate), placeholders kept", "json",
     {"api_key": "", "q": ["Paschinjan traf [X0X] in Eriwan.", "Alijew besuchte Moskau."], "source": "de",
      "target": "en"},
     200, lambda body: isinstance(body["translatedText"], list) and len(body["translatedText"]) == 2
     and "[X0X]" in body["translatedText"][0] and "Pashinyan" in body["translatedText"][0]
     and "Aliyev" in body["translatedText"][1] and set(body) == {"translatedText"}),
    ("a list with auto and alternatives", "json",
     {"q": ["Paschinjan traf Alijew.", "Lawrow besuchte Eriwan."], "source": "auto", "target": "en",
      "alternatives": 2},
     200, lambda body: len(body["translatedText"]) == 2 and len(body["detectedLanguage"]) == 2
     and all(d["language"] == "de" for d in body["detectedLanguage"]) and body["alternatives"] == [[], []]),
    ("html keeps its markup", "form",
     {"q": "<p>Paschinjan traf <b>Alijew</b> in Eriwan.</p>", "source": "de", "target": "en", "format": "html"},
     200, lambda body: body["translatedText"].startswith("<p>") and body["translatedText"].endswith("</p>")
     and "<b>Aliyev</b>" in body["translatedText"] and "Pashinyan" in body["translatedText"]),
    ("a text with nothing to translate comes back", "json", {"q": ["😀", "2025"], "source": "de", "target": "en"},
     200, {"translatedText": ["😀", "2025"]}),
]


def _send(client, how: str, request: Any):  # type: ignore[no-untyped-def]
    if how == "form":
        return client.post("/translate", data=request)
    if how == "multipart":
        return client.post("/translate", files={k: (None, v) for k, v in request.items()})
    return client.post("/translate", json=request)


@pytest.mark.parametrize(("name", "how", "request_body", "status", "expected"), PAIRS, ids=[p[0] for p in PAIRS])
def test_translate_pair(model_client, name: str, how: str, request_body: Any, status: int, expected: Any) -> None:
    response = _send(model_client, how, request_body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    if callable(expected):
        assert expected(body), body
    else:
        assert body == expected


def test_languages_get_and_libretranslatepy_style_get_with_body(model_client) -> None:
    expected = [{"code": "de", "name": "German", "targets": ["en"]}, {"code": "en", "name": "English", "targets": []}]
    assert model_client.get("/languages").json() == expected
    # libretranslatepy's languages(): a GET that carries an urlencoded body
    response = model_client.request("GET", "/languages", content=b"api_key=x",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200 and response.json() == expected


@pytest.mark.parametrize(("method", "path"), [("POST", "/languages"), ("GET", "/translate"), ("GET", "/detect"),
                                              ("PUT", "/translate")])
def test_wrong_method_is_405_json(model_client, method: str, path: str) -> None:
    response = model_client.request(method, path)
    assert response.status_code == 405
    assert response.json() == {"error": "Method Not Allowed"}


def test_detect(model_client) -> None:
    response = model_client.post("/detect", data={"q": "Der Präsident traf sich mit dem Minister in Eriwan."})
    assert response.status_code == 200
    assert response.json()[0] == {"confidence": 100.0, "language": "de"}
    english = model_client.post("/detect", json={"q": "The president met the minister and said that it is over."})
    assert english.json()[0]["language"] == "en"
    assert model_client.post("/detect", data={}).json() == {"error": "Invalid request: missing q parameter"}


def test_frontend_settings_shape(model_client) -> None:
    body = model_client.get("/frontend/settings").json()
    assert set(body) == {"charLimit", "frontendTimeout", "apiKeys", "keyRequired", "suggestions", "filesTranslation",
                         "supportedFilesFormat", "language"}
    assert body["language"] == {"source": {"code": "de", "name": "German"},
                                "target": {"code": "en", "name": "English"}}
    assert body["keyRequired"] is False and body["filesTranslation"] is False


def test_health_spec_and_disabled_features(model_client) -> None:
    assert model_client.get("/health").json() == {"status": "ok"}
    spec = model_client.get("/spec").json()
    assert spec["swagger"] == "2.0" and {"/translate", "/languages", "/detect", "/v1/lookup"} <= set(spec["paths"])
    assert model_client.post("/suggest", data={"q": "a", "s": "b", "source": "de", "target": "en"}).json() == \
        {"error": "Suggestions are disabled on this server."}
    assert model_client.post("/translate_file").status_code == 403


def test_limits_messages_as_libretranslate() -> None:
    with make_client(char_limit=5) as client:
        body = client.post("/translate", data={"q": "This text is too long", "source": "de", "target": "en"}).json()
        assert body == {"error": "Invalid request: request (21) exceeds text limit (5)"}
    with make_client(batch_limit=1) as client:
        response = client.post("/translate", json={"q": ["Hallo", "Welt"], "source": "de", "target": "en"})
        assert response.status_code == 400
        assert response.json() == {"error": "Invalid request: request (2) exceeds text limit (1)"}


def test_translation_reports_loaded_terms_in_headers(model_client) -> None:
    response = model_client.post("/translate", data={"q": "Der Sangesur-Korridor verläuft durch Sjunik.",
                                                     "source": "de", "target": "en"})
    assert response.status_code == 200
    text = response.json()["translatedText"]
    # The loaded name is rendered faithfully and quoted, never silently, and the answer says so.
    assert "“Zangezur corridor”" in text
    assert response.headers["X-Termguard-Loaded-Terms"] == "1"
    assert response.headers["X-Termguard-Failures"] == "0"


def test_no_model_is_503_with_the_reason() -> None:
    with make_client() as client:
        response = client.post("/translate", data={"q": "Hallo", "source": "de", "target": "en"})
        assert response.status_code == 503
        assert "without a model" in response.json()["error"]
        assert client.get("/ready").status_code == 503
        assert client.get("/health").json() == {"status": "ok"}
