"""API keys (file or environment) with per-key limits; limits per address without a key."""

from __future__ import annotations

from pathlib import Path

import pytest

from termguard.errors import ConfigError
from termguard.serve.config import ApiKey, load_serve_config, read_api_keys
from tests.serve.support import make_client

FORM = {"q": "Hallo", "source": "de", "target": "en"}


def test_keys_file_with_limits(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# editors\nalpha 2\nbeta\n", "utf-8")
    assert read_api_keys(keys) == (ApiKey("alpha", 2), ApiKey("beta", 0))
    keys.write_text("alpha two\n", "utf-8")
    with pytest.raises(ConfigError, match=r"keys.txt:1: expected"):
        read_api_keys(keys)


def test_unknown_key_is_403_and_missing_key_400_when_required() -> None:
    with make_client(api_keys=(ApiKey("alpha"),), require_api_key=True) as client:
        response = client.post("/translate", data={**FORM, "api_key": "wrong"})
        assert (response.status_code, response.json()) == (403, {"error": "Invalid API key"})
        response = client.post("/translate", data=FORM)
        assert response.status_code == 400
        assert response.json() == {"error": "Please contact the server operator to get an API key"}
        # the right key passes the check (then: no model in this app, 503)
        assert client.post("/translate", json={**FORM, "api_key": "alpha"}).status_code == 503
        assert client.get("/frontend/settings").json()["keyRequired"] is True


def test_per_key_rate_limit_is_429_slowdown_and_keys_count_apart() -> None:
    with make_client(api_keys=(ApiKey("alpha", 2), ApiKey("beta", 5))) as client:
        statuses = [client.post("/detect", data={"q": "Hallo Welt", "api_key": "alpha"}).status_code
                    for _ in range(3)]
        assert statuses == [200, 200, 429]
        slow = client.post("/detect", data={"q": "Hallo", "api_key": "alpha"})
        assert slow.json() == {"error": "Slowdown: 2 per 1 minute"} and slow.headers["Retry-After"] == "60"
        assert client.post("/detect", data={"q": "Hallo", "api_key": "beta"}).status_code == 200


def test_address_limit_without_key() -> None:
    with make_client(req_limit=1) as client:
        assert client.post("/detect", data={"q": "Hallo"}).status_code == 200
        assert client.post("/detect", data={"q": "Hallo"}).status_code == 429
        # look-up and the page are not rate-limited translation work
        assert client.get("/v1/lookup", params={"q": "Eriwan"}).status_code == 200


def test_keys_from_the_environment_and_require_without_keys() -> None:
    settings = load_serve_config(None, {"TERMGUARD_API_KEYS": "k1:10, k2"})
    assert settings.api_keys == (ApiKey("k1", 10), ApiKey("k2", 0))
    with pytest.raises(ConfigError, match="require_api_key needs API keys"):
        load_serve_config(None, {"TERMGUARD_SERVE_REQUIRE_API_KEY": "yes"})


def test_cors_off_unless_configured() -> None:
    origin = {"Origin": "http://127.0.0.1:9999"}
    with make_client() as client:
        assert "access-control-allow-origin" not in client.get("/languages", headers=origin).headers
    with make_client(cors_origins=("http://127.0.0.1:9999",)) as client:
        assert client.get("/languages", headers=origin).headers["access-control-allow-origin"] == origin["Origin"]


def test_binds_loopback_by_default() -> None:
    assert load_serve_config(None, {}).host == "127.0.0.1"
