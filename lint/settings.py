"""Lint settings: defaults, the ``[tool.termguard.lint]`` table, and command-line overrides."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from termguard.config import Config
from termguard.errors import ConfigError
from termguard.lint.langdetect import LANGS
from termguard.lint.rules import SEVERITIES, RuleSet, load_rules
from termguard.locales import _

__all__ = ["LintSettings", "settings_from_config", "CONFIG_KEYS", "DEFAULT_INCLUDE", "DEFAULT_EXCLUDE",
           "FAIL_ON"]

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md", "*.markdown", "*.po", "*.pot")
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist",
)
#: ``--fail-on`` values: a severity, or ``none`` (only input errors fail).
FAIL_ON: tuple[str, ...] = (*SEVERITIES, "none")

#: Keys of ``[tool.termguard.lint]`` and what they hold (documented in docs/lint.md).
CONFIG_KEYS: dict[str, str] = {
    "select": "list of rule codes or prefixes to enable (default: all)",
    "extend-select": "codes or prefixes enabled in addition to `select`",
    "ignore": "list of rule codes or prefixes to disable",
    "severity": "table of code or prefix -> info | warning | error",
    "per-file-ignores": "table of glob -> list of codes or prefixes ignored in matching files",
    "termbase": "extra termbase files or directories used by lint only",
    "include": "globs of files linted when a directory is walked",
    "exclude": "globs of files and directories never walked (replaces the defaults)",
    "extend-exclude": "globs excluded in addition to the defaults",
    "respect-gitignore": "skip files ignored by .gitignore (default true)",
    "force-exclude": "apply exclude also to files named on the command line (default false)",
    "lang": "de | en | ru | auto (default auto)",
    "encoding": "encoding of input files (default utf-8)",
    "fail-on": "lowest severity that fails the run: info | warning | error | none (default warning)",
}


@dataclass(frozen=True)
class LintSettings:
    """Everything a lint run needs besides the termbase; build with :func:`settings_from_config`."""

    rules: RuleSet = field(default_factory=load_rules)
    lang: str = "auto"
    encoding: str = "utf-8"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    respect_gitignore: bool = True
    force_exclude: bool = False
    fail_on: str = "warning"
    termbase: tuple[Path, ...] = ()
    #: Directory that exclude and per-file-ignores globs are relative to.
    root: Path = field(default_factory=Path.cwd)

    def __post_init__(self) -> None:
        if self.lang not in (*LANGS, "auto"):
            raise ValueError(_("unknown language {lang!r} (expected one of: {langs})").format(
                lang=self.lang, langs=", ".join((*LANGS, "auto"))))
        if self.fail_on not in FAIL_ON:
            raise ValueError(_("unknown severity {severity!r} for fail-on (expected one of: {allowed})").format(
                severity=self.fail_on, allowed=", ".join(FAIL_ON)))
        import codecs

        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ValueError(_("unknown encoding {encoding!r}").format(encoding=self.encoding)) from None

    def with_options(self, **changes: Any) -> LintSettings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @cached_property
    def _per_file_specs(self) -> list[tuple[Any, frozenset[str]]]:
        import pathspec

        return [(pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(codes))
                for glob, codes in self.per_file_ignores.items()]

    def ignored_codes(self, path: str) -> frozenset[str]:
        """Code prefixes ``per-file-ignores`` switches off for ``path``."""
        if not self.per_file_ignores:
            return frozenset()
        rel = self.relative(path)
        out: frozenset[str] = frozenset()
        for spec, codes in self._per_file_specs:
            if spec.match_file(rel):
                out |= codes
        return out

    def relative(self, path: str) -> str:
        """``path`` relative to :attr:`root` when it lies below it, with forward slashes."""
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            return p.as_posix()


def _normalise_key(key: str) -> str:
    return key.replace("_", "-")


def _line_of(path: Path | None, key: str) -> int | None:
    """The line that sets ``key`` in the configuration file (best effort, for error messages)."""
    if path is None:
        return None
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    return next((i for i, line in enumerate(lines, 1) if pattern.match(line)), None)


def _str_list(value: Any, key: str, config: Config) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_("lint.{key} must be a list of strings").format(key=key), config.path,
                          _line_of(config.path, key))
    return tuple(value)


def settings_from_config(config: Config, base: LintSettings | None = None) -> LintSettings:
    """The settings of ``[tool.termguard.lint]`` (or ``[lint]`` in termguard.toml), validated.

    Every problem raises :class:`ConfigError` with the file and, where found, the line.
    """
    raw = {_normalise_key(k): v for k, v in config.lint.items()}
    unknown = sorted(set(raw) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(_("unknown lint setting {key!r} (known: {known})").format(
            key=unknown[0], known=", ".join(CONFIG_KEYS)), config.path, _line_of(config.path, unknown[0]))
    settings = base or LintSettings(root=config.root)
    changes: dict[str, Any] = {"root": config.root}

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"lint.{key}: {message}", config.path, _line_of(config.path, key))

    try:
        rules = settings.rules.configured(
            select=_str_list(raw["select"], "select", config) if "select" in raw else None,
            extend_select=_str_list(raw.get("extend-select", []), "extend-select", config),
            ignore=_str_list(raw.get("ignore", []), "ignore", config),
        )
    except ValueError as exc:
        raise fail("select" if "select" in raw else "ignore", str(exc)) from None
    severity = raw.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "must be a table of code = severity")
    try:
        rules = rules.configured(severity={str(k): v for k, v in severity.items()})
    except (ValueError, AttributeError) as exc:
        raise fail("severity", str(exc)) from None
    changes["rules"] = rules
    per_file = raw.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise fail("per-file-ignores", "must be a table of glob = [codes]")
    try:
        changes["per_file_ignores"] = {
            glob: tuple(rules.resolve(c) for c in _str_list(codes, "per-file-ignores", config))
            for glob, codes in per_file.items()
        }
    except ValueError as exc:
        raise fail("per-file-ignores", str(exc)) from None
    for key, attr in (("include", "include"), ("exclude", "exclude")):
        if key in raw:
            changes[attr] = _str_list(raw[key], key, config)
    if "extend-exclude" in raw:
        changes["exclude"] = changes.get("exclude", settings.exclude) + _str_list(raw["extend-exclude"],
                                                                                  "extend-exclude", config)
    if "termbase" in raw:
        changes["termbase"] = tuple(config.root / p for p in _str_list(raw["termbase"], "termbase", config))
    for key in ("respect-gitignore", "force-exclude"):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise fail(key, "must be true or false")
            changes[key.replace("-", "_")] = raw[key]
    for key in ("lang", "encoding", "fail-on"):
        if key in raw:
            if not isinstance(raw[key], str):
                raise fail(key, "must be a string")
            changes[key.replace("-", "_")] = raw[key]
    try:
        return replace(settings, **changes)
    except ValueError as exc:
        bad = next((k for k in ("lang", "encoding", "fail-on") if k in raw and str(raw[k]) in str(exc)), "lang")
        raise fail(bad, str(exc)) from None


def parse_codes(values: Sequence[str] | None) -> list[str] | None:
    """Command-line code lists: repeatable and comma-separated (``--ignore TG101,TG2``)."""
    if values is None:
        return None
    return [c for v in values for c in re.split(r"[\s,]+", v) if c]
