"""Project configuration: ``[tool.termguard]`` in pyproject.toml or a ``termguard.toml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termguard import limits
from termguard.errors import ConfigError
from termguard.limits import parse_toml, read_limited
from termguard.locales import _

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


#: Directories that mark the root of a repository: configuration discovery stops there.
_REPOSITORY_MARKERS = (".git", ".hg", ".svn", ".jj")


def _search_dirs(here: Path) -> list[Path]:
    """The directories configuration discovery looks in, nearest first.

    Upwards from ``here`` up to and including the root of the repository ``here`` is in (a
    directory holding ``.git``, ``.hg``, ``.svn`` or ``.jj``): a ``termguard.toml`` above the
    repository (in a CI runner's work directory, in /tmp, in a parent checkout) must not switch
    rules off for it. Outside any repository the search goes up to the home directory when
    ``here`` is below it, and otherwise looks in ``here`` only.
    """
    chain = [here, *here.parents]
    for i, directory in enumerate(chain):
        if any((directory / marker).exists() for marker in _REPOSITORY_MARKERS):
            return chain[: i + 1]
    home = Path.home().resolve()
    if here == home or home in here.parents:
        return chain[: chain.index(home) + 1]
    return [here]


def find_config(start: Path | None = None) -> Path | None:
    """The nearest termguard.toml, or pyproject.toml with a [tool.termguard] table.

    Searched from ``start`` (the working directory) upwards, but never above the repository
    root (see :func:`_search_dirs` and docs/security.md).
    """
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for directory in _search_dirs(here):
        candidate = directory / "termguard.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = parse_toml(read_limited(pyproject, limits.MAX_CONFIG_BYTES, ConfigError, "configuration file")
                                  .decode("utf-8"), pyproject, ConfigError)
            except (OSError, UnicodeDecodeError, limits.TOMLDecodeError, ConfigError):
                continue
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "termguard" in tool:
                return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read and check the configuration at ``path`` (or the one found from ``start``)."""
    path = path or find_config(start)
    if path is None:
        return Config()
    try:
        text = read_limited(path, limits.MAX_CONFIG_BYTES, ConfigError, "configuration file").decode("utf-8")
        data = parse_toml(text, path, ConfigError)
    except OSError as exc:
        raise ConfigError(_("cannot read configuration: {reason}").format(reason=exc.strerror), path) from None
    except UnicodeDecodeError:
        raise ConfigError(_("configuration file is not UTF-8 text (is it a binary file?)"), path) from None
    except limits.TOMLDecodeError as exc:
        raise ConfigError(_("invalid TOML: {error}").format(error=exc), path) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("termguard", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(_("[tool.termguard] must be a table"), path)
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(_("unknown configuration key {key!r} (known: {known})").format(
            key=unknown[0], known=", ".join(sorted(_KNOWN_KEYS))), path)
    termbase = data.get("termbase", [])
    if isinstance(termbase, str):
        termbase = [termbase]
    if not isinstance(termbase, list) or not all(isinstance(p, str) for p in termbase):
        raise ConfigError(_("'termbase' must be a path or a list of paths"), path)
    no_default = data.get("no_default_termbase", False)
    if not isinstance(no_default, bool):
        raise ConfigError(_("'no_default_termbase' must be true or false (TOML booleans are unquoted), "
                            "not {value!r}").format(value=no_default), path)
    for section in ("lint", "translate", "serve"):
        if not isinstance(data.get(section, {}), dict):
            raise ConfigError(_("'{section}' must be a table").format(section=section), path)
    return Config(
        path=path,
        termbase=[(path.parent / p) for p in termbase],
        no_default_termbase=no_default,
        lint=dict(data.get("lint", {})),
        translate=dict(data.get("translate", {})),
        serve=dict(data.get("serve", {})),
    )
