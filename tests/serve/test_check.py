"""``POST /v1/check``: what ``termguard check SOURCE TARGET --format json`` prints for the same texts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXE = str(Path(sys.executable).parent / "termguard")

SOURCE = "Paschinjan traf Alijew in Eriwan.\n\nDer Vertrag läuft 99 Jahre.\n"
CLEAN = "Pashinyan met Aliyev in Yerevan.\n\nThe treaty runs for 99 years.\n"
# Aliyev dropped, 99 became 9.
BROKEN = "Pashinyan met the president in Yerevan.\n\nThe treaty runs for 9 years.\n"


@pytest.fixture(scope="module")
def client() -> Any:
    """An app without a model: checking needs none."""
    from starlette.testclient import TestClient

    from termguard.serve.app import create_app

    with TestClient(create_app(load_model=False), raise_server_exceptions=False) as test_client:
        yield test_client


def _cli_check(tmp_path: Path, source: str, target: str, suffix: str = ".txt") -> dict[str, Any]:
    """``termguard check --format json`` on the texts written to files, run outside the repository
    (no configuration of this checkout applies), with the edition's path as the server names it."""
    (tmp_path / f"source.de{suffix}").write_text(source, encoding="utf-8")
    (tmp_path / f"edition.en{suffix}").write_text(target, encoding="utf-8")
    result = subprocess.run([EXE, "check", f"source.de{suffix}", f"edition.en{suffix}", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    printed: dict[str, Any] = json.loads(result.stdout)
    for finding in printed["findings"]:
        assert finding["path"] == f"edition.en{suffix}"
        finding["path"] = "<edition>"
    return printed


def _codes(answer: dict[str, Any], severity: str | None = None) -> list[str]:
    return [f["code"] for f in answer["findings"] if severity is None or f["severity"] == severity]


def test_a_clean_pair_has_no_error(client) -> None:
    response = client.post("/v1/check", json={"source": SOURCE, "target": CLEAN})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    answer = response.json()
    assert _codes(answer, "error") == []
    assert answer["summary"]["files"] == 1


def test_a_changed_number_and_a_dropped_name_are_reported(client) -> None:
    answer = client.post("/v1/check", json={"source": SOURCE, "target": BROKEN}).json()
    codes = _codes(answer)
    assert "TG305" in codes  # 99 became 9
    assert "TG301" in codes  # Aliyev is missing
    missing = next(f for f in answer["findings"] if f["code"] == "TG301")
    assert "Aliyev" in missing["message"]
    assert answer["summary"]["by_severity"]["error"] >= 2


@pytest.mark.parametrize(("target", "fmt"), [(CLEAN, "text"), (BROKEN, "text"),
                                             ("# Pashinyan in Yerevan\n\nThe treaty runs for 9 years.\n",
                                              "markdown")])
def test_the_answer_is_the_cli_json(client, tmp_path: Path, target: str, fmt: str) -> None:
    source = SOURCE if fmt == "text" else "# Paschinjan in Eriwan\n\nDer Vertrag läuft 99 Jahre.\n"
    served = client.post("/v1/check", json={"source": source, "target": target, "format": fmt}).json()
    printed = _cli_check(tmp_path, source, target, ".md" if fmt == "markdown" else ".txt")
    assert served == printed
    assert served["findings"] or target == CLEAN


@pytest.mark.parametrize(("body", "status", "says"), [
    ({"target": CLEAN}, 400, "source"),
    ({"source": SOURCE}, 400, "target"),
    ({"source": SOURCE, "target": ["a", "b"]}, 400, "target must be a string"),
    ({"source": SOURCE, "target": CLEAN, "format": "po"}, 400, "po format is not supported"),
    ({"source": "   \n", "target": CLEAN}, 400, "the source is empty"),
    ({"source": CLEAN * 3, "target": SOURCE * 3}, 400, "SOURCE comes first"),
    ({"source": "Paschinjan " * 2000, "target": CLEAN}, 400, "exceeds text limit"),
])
def test_bad_input_is_a_json_4xx(client, body: dict[str, Any], status: int, says: str) -> None:
    response = client.post("/v1/check", json=body)
    assert response.status_code == status, response.text
    assert says in response.json()["error"]


def test_malformed_and_oversized_bodies_are_refused(client) -> None:
    response = client.post("/v1/check", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json() == {"error": "Invalid JSON format"}
    huge = json.dumps({"source": "a" * 2_000_000, "target": "b"})
    response = client.post("/v1/check", content=huge.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "exceeds the limit" in response.json()["error"]
    assert client.get("/v1/check").status_code == 405
