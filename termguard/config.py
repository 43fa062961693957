"""Project configuration: ``[tool.termguard]`` in pyproject.toml or a ``termguard.toml``."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termguard.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Config", "find_config", "load_config"]

#: Top-level keys; each section ("lint", "translate", "serve") is validated by the stage that owns it.
_KNOWN_KEYS = {"termbase", "no_default_termbase", "lint", "translate", "serve"}


@dataclass
class Config:
    """The settings found for a directory (empty when there is no configuration file)."""

    path: Path | None = None
    termbase: list[Path] = field(default_factory=list)
    no_default_termbase: bool = False
    lint: dict[str, Any] = field(default_factory=dict)
    translate: dict[str, Any] = field(default_factory=dict)
    serve: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """Directory that relative paths in the configuration are resolved against."""
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest termguard.toml, or pyproject.toml with a [tool.termguard] table, upwards."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / "termguard.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "termguard" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read and check the configuration at ``path`` (or the one found from ``start``)."""
    path = path or find_config(start)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("termguard", {})
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"unknown configuration key {unknown[0]!r} (known: {', '.join(sorted(_KNOWN_KEYS))})",
                          path)
    termbase = data.get("termbase", [])
    if isinstance(termbase, str):
        termbase = [termbase]
    if not isinstance(termbase, list) or not all(isinstance(p, str) for p in termbase):
        raise ConfigError("'termbase' must be a path or a list of paths", path)
    for section in ("lint", "translate", "serve"):
        if not isinstance(data.get(section, {}), dict):
            raise ConfigError(f"'{section}' must be a table", path)
    return Config(
        path=path,
        termbase=[(path.parent / p) for p in termbase],
        no_default_termbase=bool(data.get("no_default_termbase", False)),
        lint=dict(data.get("lint", {})),
        translate=dict(data.get("translate", {})),
        serve=dict(data.get("serve", {})),
    )
