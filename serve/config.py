"""The server's settings: defaults, then ``[serve]`` in termguard.toml, then the environment, then flags.

Nothing else is kept: every instance started with the same settings answers the same, so any
number of them can run behind a load balancer.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termguard.config import Config
from termguard.errors import ConfigError

__all__ = ["ServeConfig", "ApiKey", "load_serve_config", "read_api_keys", "ENV_PREFIX"]

#: ``TERMGUARD_SERVE_PORT=8080`` sets ``port``; lists (``cors_origins``) are comma-separated.
ENV_PREFIX = "TERMGUARD_SERVE_"
#: API keys from the environment: ``key`` or ``key:requests-per-minute``, comma-separated.
ENV_API_KEYS = "TERMGUARD_API_KEYS"


@dataclass(frozen=True)
class ApiKey:
    """One client key and its own request limit per minute (0: the server's ``key_req_limit``)."""

    key: str
    req_limit: int = 0


@dataclass(frozen=True)
class ServeConfig:
    """Everything ``termguard serve`` can be told; the defaults are safe on a shared machine."""

    host: str = "127.0.0.1"  # loopback only unless told otherwise
    port: int = 5000  # LibreTranslate's port, so that clients' default settings work
    model: Path | None = None  # an .argosmodel file or package directory; default: the installed de→en
    source_lang: str = "de"
    target_lang: str = "en"
    # Also serve every other installed argos pair (en→de, ...), as plain machine translation: no termbase,
    # no verification. Off by default; Weblate's settings form needs en→de (docs/serve.md).
    other_pairs: bool = False
    termbase: tuple[Path, ...] = ()
    no_default_termbase: bool = False
    edition_locale: str = "en_US"
    # Safety and limits (-1: no limit, as in LibreTranslate)
    api_keys_file: Path | None = None
    api_keys: tuple[ApiKey, ...] = ()
    require_api_key: bool = False  # with keys configured: refuse requests that carry none
    req_limit: int = 0  # requests per minute per client address without a key (0: unlimited)
    key_req_limit: int = 0  # requests per minute for a key without its own limit (0: unlimited)
    char_limit: int = 20_000  # characters per request (all texts of a list together)
    batch_limit: int = 100  # texts per list request (Weblate sends up to 20)
    alternatives_limit: int = 3
    max_body: int = 1_048_576  # bytes of a request body
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are named ("*" for any)
    # Batching: requests waiting for the engine are translated together
    batching: bool = True
    batch_size: int = 64  # most texts in one engine run
    batch_wait_ms: float = 5.0  # how long the first request of a batch waits for company
    check_threads: int = 2  # lint and check requests worked on at a time (on threads, off the event loop)
    frontend_timeout: int = 500
    graceful_timeout: int = 30  # seconds in-flight requests get to finish on shutdown
    log_level: str = "info"
    access_log: bool = False  # one log line per request: off by default (a proxy in front usually logs)

    def with_options(self, **changes: Any) -> ServeConfig:
        """A copy with ``changes`` applied; None values are ignored (an option not given)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_FIELDS = {f.name: f for f in dataclasses.fields(ServeConfig)}
_LISTS = {"termbase", "cors_origins"}


def _coerce(name: str, value: Any, where: str, root: Path) -> Any:
    kind = str(_FIELDS[name].type)
    try:
        if name in _LISTS:
            items = [s.strip() for s in value.split(",")] if isinstance(value, str) else list(value)
            items = [s for s in items if s]
            return tuple(root / s for s in items) if name == "termbase" else tuple(str(s) for s in items)
        if "Path" in kind:
            return root / str(value) if value not in (None, "") else None
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() in ("1", "true", "yes", "on"):
                return True
            if str(value).strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(value)
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind == "float":
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: {value!r} is not a valid value for {name!r} ({kind})") from None


def read_api_keys(path: Path) -> tuple[ApiKey, ...]:
    """Keys from a file: one per line, ``KEY`` or ``KEY REQUESTS_PER_MINUTE``; ``#`` starts a comment."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read API keys: {getattr(exc, 'strerror', None) or exc}", path) from None
    keys = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) > 2 or (len(parts) == 2 and not parts[1].isdigit()):
            raise ConfigError("expected 'KEY' or 'KEY REQUESTS_PER_MINUTE'", path, number)
        keys.append(ApiKey(parts[0], int(parts[1]) if len(parts) == 2 else 0))
    return tuple(keys)


def _env_keys(value: str) -> tuple[ApiKey, ...]:
    keys = []
    for item in value.split(","):
        key, _, limit = item.strip().partition(":")
        if not key:
            continue
        if limit and not limit.isdigit():
            raise ConfigError(f"{ENV_API_KEYS}: {item.strip()!r} is not KEY or KEY:REQUESTS_PER_MINUTE")
        keys.append(ApiKey(key, int(limit or 0)))
    return tuple(keys)


def load_serve_config(config: Config | None = None, env: Mapping[str, str] | None = None,
                      **flags: Any) -> ServeConfig:
    """Settings from ``[serve]`` of ``config``, then ``TERMGUARD_SERVE_*`` in ``env``, then ``flags``
    (None: not given). Unknown keys and bad values raise :class:`ConfigError`.

    >>> load_serve_config(Config(), {"TERMGUARD_SERVE_PORT": "8080"}, port=None).port
    8080
    >>> load_serve_config(Config(), {}, host="0.0.0.0").host
    '0.0.0.0'
    >>> load_serve_config(Config(), {"TERMGUARD_SERVE_BATCHING": "maybe"})
    Traceback (most recent call last):
    ...
    termguard.errors.ConfigError: TERMGUARD_SERVE_BATCHING: 'maybe' is not a valid value for 'batching' (bool)
    """
    config = config or Config()
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    section = dict(config.serve)
    if config.termbase:
        values["termbase"] = tuple(config.termbase)
    values["no_default_termbase"] = config.no_default_termbase
    for key, value in section.items():
        name = key.replace("-", "_")
        if name not in _FIELDS or name == "api_keys":
            known = ", ".join(sorted(n for n in _FIELDS if n != "api_keys"))
            raise ConfigError(f"unknown [serve] key {key!r} (known: {known})", config.path)
        values[name] = _coerce(name, value, f"{config.path}: [serve] {key}", config.root)
    for name in _FIELDS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None and name != "api_keys":
            values[name] = _coerce(name, raw, ENV_PREFIX + name.upper(), Path.cwd())
    for name, value in flags.items():
        if value is not None:
            if name not in _FIELDS:
                raise ConfigError(f"unknown setting {name!r}")
            values[name] = value
    settings = ServeConfig(**values)
    keys = list(settings.api_keys)
    if settings.api_keys_file is not None:
        keys += read_api_keys(settings.api_keys_file)
    if env.get(ENV_API_KEYS):
        keys += _env_keys(env[ENV_API_KEYS])
    settings = dataclasses.replace(settings, api_keys=tuple(keys))
    for name in ("batch_size", "max_body", "port", "check_threads"):
        if getattr(settings, name) < 1:
            raise ConfigError(f"{name} must be at least 1")
    if settings.require_api_key and not settings.api_keys:
        raise ConfigError("require_api_key needs API keys (api_keys_file or TERMGUARD_API_KEYS)")
    return settings

