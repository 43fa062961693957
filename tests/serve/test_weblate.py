"""Weblate's settings form, replayed: how Weblate checks a new LibreTranslate service before it saves it.

From Weblate's source (``weblate/machinery/base.py``, ``BatchMachineTranslation.validate_settings``,
called by ``BaseMachineryForm.clean`` in ``weblate/machinery/forms.py``, which both the admin form and
``weblate install_machinery`` go through; ``weblate/machinery/libretranslate.py``):

1. ``download_languages``: ``GET {url}/languages``; only the ``code`` of each entry is read.
2. ``download_multiple_translations("en", "de", [("test", None)], ...)``: a fixed English→German probe,
   whatever ``/languages`` said: ``POST {url}/translate`` with the JSON body
   ``{"api_key": <key or "">, "q": ["test"], "source": "en", "target": "de"}``; the answer must be 2xx
   with ``translatedText`` a list. Any error fails the form with ``Could not fetch translation: ...``
   and the ``error`` of the body.

Both requests carry ``Referer`` (the site URL) and ``Accept: application/json; charset=utf-8``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import ready_client
from tests.serve.support import shipped_termbase

EN_DE_MODEL = Path(__file__).resolve().parents[1] / "fixtures" / "model" / "translate-en_de-tiny.argosmodel"
WEBLATE_HEADERS = {"Referer": "https://weblate.example/", "Accept": "application/json; charset=utf-8"}
PROBE = {"api_key": "", "q": ["test"], "source": "en", "target": "de"}


def _validate_settings(client: Any) -> tuple[list[str], int, dict[str, Any], Any]:
    """What Weblate's ``validate_settings`` sends, in its order; returns the codes it reads, the
    probe's status and body, and the probe's response."""
    languages = client.get("/languages", headers=WEBLATE_HEADERS)
    assert languages.status_code == 200
    codes = [entry["code"] for entry in languages.json()]
    probe = client.post("/translate", json=PROBE, headers=WEBLATE_HEADERS)
    return codes, probe.status_code, probe.json(), probe


def _client(tiny_model: Path, **settings: Any) -> Iterator[Any]:
    yield from ready_client(tiny_model, shipped_termbase(), **settings)


def test_a_de_en_server_refuses_the_probe_with_an_error_weblate_shows(tiny_model: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))  # nothing else installed
    for client in _client(tiny_model):
        codes, status, body, _ = _validate_settings(client)
        assert codes == ["de", "en"]
        # Never a made-up German: a 400 whose error Weblate puts in its form's message.
        assert status == 400
        assert body == {"error": "German (de) is not available as a target language from English (en)"}


def test_other_pairs_without_an_installed_model_change_nothing(tiny_model: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    for client in _client(tiny_model, other_pairs=True):
        codes, status, body, _ = _validate_settings(client)
        assert codes == ["de", "en"] and status == 400 and "not available" in body["error"]


@pytest.fixture()
def en_de_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny English→German model installed as a user installs one (argos' package directory)."""
    if not EN_DE_MODEL.is_file():
        pytest.skip(f"the tiny en→de test model is not built ({EN_DE_MODEL})")
    from termguard.translate import models

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return models.install_file(EN_DE_MODEL).path


def test_with_an_en_de_model_installed_the_probe_passes(tiny_model: Path, en_de_installed: Path) -> None:
    from termguard.translate.engine import ArgosEngine

    for client in _client(tiny_model, other_pairs=True):
        codes, status, body, probe = _validate_settings(client)
        assert codes == ["de", "en"]  # en is listed already, now with a target
        languages = {entry["code"]: entry["targets"] for entry in client.get("/languages").json()}
        assert languages == {"de": ["en"], "en": ["de"]}
        assert status == 200
        # The installed model's own translation, nothing else: no termbase on this pair, and it says so.
        assert body == {"translatedText": [ArgosEngine(en_de_installed).translate_batch(["test"])[0][0]]}
        assert probe.headers["X-Termguard-Enforced"] == "false"
        assert client.get("/ready").json()["other_pairs"] == ["en-de"]

        # Weblate then sends its de→en strings: enforced as before.
        answer = client.post("/translate", headers=WEBLATE_HEADERS,
                             json={"api_key": "", "q": ["Paschinjan traf [X0X] in Eriwan."], "source": "de",
                                   "target": "en"})
        assert answer.status_code == 200 and answer.headers["X-Termguard-Enforced"] == "true"
        assert "Pashinyan" in answer.json()["translatedText"][0] and "[X0X]" in answer.json()["translatedText"][0]


def test_other_pairs_are_plain_text_only_and_keep_line_structure(tiny_model: Path, en_de_installed: Path) -> None:
    from termguard.translate.engine import ArgosEngine

    engine = ArgosEngine(en_de_installed)
    for client in _client(tiny_model, other_pairs=True):
        html = client.post("/translate", json={"q": "<b>Pashinyan</b>", "source": "en", "target": "de",
                                               "format": "html"})
        assert html.status_code == 400 and "html format is not supported" in html.json()["error"]
        text = "Pashinyan met Aliyev in Yerevan.\n\n  Lavrov visited Tbilisi."
        answer = client.post("/translate", json={"q": text, "source": "en", "target": "de"})
        assert answer.status_code == 200
        first, second = engine.translate_batch(["Pashinyan met Aliyev in Yerevan.", "Lavrov visited Tbilisi."])
        assert answer.json()["translatedText"] == f"{first[0]}\n\n  {second[0]}"
        # /v1/translate stays the termbase-enforced pair only
        assert client.post("/v1/translate", json={"q": "Paschinjan"}).json()["from"] == "de"
