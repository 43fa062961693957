"""Bad input gets a 4xx answer of ``{"error": "..."}``: never a 500, never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.serve.support import make_client

JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

# (name, path, raw body, headers, expected status, a word the error must contain)
BAD: list[tuple[str, str, bytes, dict[str, str], int, str]] = [
    ("malformed JSON", "/translate", b'{"q": "Hallo", "source": "de",', JSON, 400, "Invalid JSON format"),
    ("JSON array body", "/translate", b'["Hallo"]', JSON, 400, "Invalid JSON format"),
    ("JSON string body", "/translate", b'"Hallo"', JSON, 400, "Invalid JSON format"),
    ("q a number", "/translate", b'{"q": 42, "source": "de", "target": "en"}', JSON, 400, "q must be"),
    ("q an object", "/translate", b'{"q": {"a": 1}, "source": "de", "target": "en"}', JSON, 400, "q must be"),
    ("q a list with a number", "/translate", b'{"q": ["a", 1], "source": "de", "target": "en"}', JSON, 400,
     "q must be"),
    ("q a list of lists", "/translate", b'{"q": [["a"]], "source": "de", "target": "en"}', JSON, 400, "q must be"),
    ("source a list", "/translate", b'{"q": "a", "source": ["de"], "target": "en"}', JSON, 400,
     "source must be a string"),
    ("target a number", "/translate", b'{"q": "a", "source": "de", "target": 7}', JSON, 400,
     "target must be a string"),
    ("format a bool", "/translate", b'{"q": "a", "source": "de", "target": "en", "format": true}', JSON, 400,
     "format must be a string"),
    ("alternatives a string", "/translate", b'{"q": "a", "source": "de", "target": "en", "alternatives": "x"}',
     JSON, 400, "not a number"),
    ("alternatives negative", "/translate", b'{"q": "a", "source": "de", "target": "en", "alternatives": -1}',
     JSON, 400, "alternatives"),
    ("unknown language", "/translate", b"q=Hallo&source=xx-yy&target=en", FORM, 400, "xx-yy is not supported"),
    ("empty q", "/translate", b"q=&source=de&target=en", FORM, 400, "missing q parameter"),
    ("blank q in JSON", "/translate", b'{"q": "", "source": "de", "target": "en"}', JSON, 400, "missing q"),
    ("invalid UTF-8 in JSON", "/translate", b'{"q": "Hallo \xff\xfe", "source": "de", "target": "en"}', JSON, 400,
     "not valid UTF-8"),
    ("invalid UTF-8 in a form", "/translate", b"q=Hallo%FF%FE&source=de&target=en", FORM, 400, "not valid UTF-8"),
    ("raw bytes in a form", "/translate", b"q=Hallo\xff&source=de&target=en", FORM, 400, "not valid UTF-8"),
    ("broken multipart", "/translate", b"--xyz\r\nnonsense", {"Content-Type": "multipart/form-data; boundary=xyz"},
     400, "Invalid request"),  # a truncated form is an empty one: q is missing
    ("multipart without boundary", "/translate", b"abc", {"Content-Type": "multipart/form-data"}, 400, "multipart"),
    ("detect q a number", "/detect", b'{"q": 5}', JSON, 400, "q must be"),
    ("lookup without q", "/v1/lookup", b"{}", JSON, 400, "missing q"),
    ("lookup q too long", "/v1/lookup", json.dumps({"q": "x" * 500}).encode(), JSON, 400, "longer than"),
    ("lookup limit not a number", "/v1/lookup", b'{"q": "Eriwan", "limit": "many"}', JSON, 400, "not a number"),
    ("lint a number", "/v1/lint", b'{"text": 3}', JSON, 400, "text must be a string"),
    ("lint unknown language", "/v1/lint", b'{"text": "a", "lang": "fr"}', JSON, 400, "fr is not supported"),
    ("lint unknown format", "/v1/lint", b'{"text": "a", "format": "docx"}', JSON, 400, "docx format"),
    ("check without target", "/v1/check", b'{"source": "Eriwan"}', JSON, 400, "missing target"),
    ("check unknown format", "/v1/check", b'{"source": "a", "target": "a", "format": "po"}', JSON, 400, "po format"),
    ("lint a path is only a name", "/v1/lint", b'{"path": "/etc/passwd"}', JSON, 400, "missing text"),
    ("v1 translate q a number", "/v1/translate", b'{"q": 1}', JSON, 400, "q must be"),
    ("unknown path", "/etc/passwd", b"", {}, 404, "Not Found"),
    ("static file outside the list", "/static/..%2F..%2Fapp.py", b"", {}, 404, "Not Found"),
]


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    with make_client(char_limit=2000, batch_limit=50, max_body=64 * 1024) as c:
        yield c


@pytest.mark.parametrize(("name", "path", "body", "headers", "status", "word"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_4xx_json_error(client, name: str, path: str, body: bytes, headers: dict[str, str],
                                       status: int, word: str) -> None:
    method = "GET" if path.startswith(("/etc", "/static")) else "POST"
    response = client.request(method, path, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert word in error
    assert "Traceback" not in error


def test_oversized_body_is_413_before_it_is_read(client) -> None:
    big = json.dumps({"q": "Hallo " * 20_000, "source": "de", "target": "en"}).encode()
    response = client.post("/translate", content=big, headers=JSON)
    assert response.status_code == 413
    assert "exceeds the limit" in response.json()["error"]


def test_oversized_body_without_length_is_cut_off(client) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(200):
            yield b"x" * 1024

    response = client.post("/translate", content=chunks(), headers=JSON)
    assert response.status_code == 413


def test_ten_thousand_strings() -> None:
    body = json.dumps({"q": ["Hallo"] * 10_000, "source": "de", "target": "en"}).encode()
    with make_client(batch_limit=50) as c:  # the default body limit (1 MiB) lets the list through
        response = c.post("/translate", content=body, headers=JSON)
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid request: request (10000) exceeds text limit (50)"}


def test_ten_thousand_strings_within_the_body_limit_still_counted() -> None:
    with make_client(batch_limit=-1, char_limit=1000) as c:
        response = c.post("/translate", json={"q": ["Hallo"] * 10_000, "source": "de", "target": "en"})
        assert response.status_code == 400
        assert response.json() == {"error": "Invalid request: request (50000) exceeds text limit (1000)"}


def test_q_over_the_character_limit(client) -> None:
    response = client.post("/translate", data={"q": "a" * 2001, "source": "de", "target": "en"})
    assert response.status_code == 400
    assert response.json()["error"] == "Invalid request: request (2001) exceeds text limit (2000)"
