"""Edition locales: the house style of the English an edition is written in.

Each ``locales/editions/<name>.yaml`` names the CLDR locale babel formats dates and numbers with
(``9. Februar 2026`` becomes ``February 9, 2026`` for en_US and ``9 February 2026`` for
en_GB) and the typography CLDR leaves to a newsroom, such as which quotation marks go
outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from termguard.errors import ConfigError

__all__ = ["EditionStyle", "edition_style", "available_styles", "DEFAULT_STYLE"]

DEFAULT_STYLE = "en_US"


@dataclass(frozen=True)
class EditionStyle:
    """How an English edition is written: CLDR locale and quotation marks."""

    name: str
    cldr: str
    description: str
    quotes: tuple[str, str]
    inner_quotes: tuple[str, str]


def available_styles() -> list[str]:
    """Names of the shipped edition styles.

    >>> available_styles()
    ['en_GB', 'en_US']
    """
    return sorted(p.name.removesuffix(".yaml") for p in resources.files(__name__).iterdir()
                  if p.name.endswith(".yaml"))


@cache
def edition_style(name: str = DEFAULT_STYLE) -> EditionStyle:
    """The edition style called ``name`` (``en_US``, ``en_GB``).

    >>> edition_style("en_GB").quotes
    ('‘', '’')
    >>> edition_style("fr_FR")
    Traceback (most recent call last):
    ...
    termguard.errors.ConfigError: unknown edition locale 'fr_FR' (available: en_GB, en_US)
    """
    import yaml

    name = name.replace("-", "_")
    if name not in available_styles():
        raise ConfigError(f"unknown edition locale {name!r} (available: {', '.join(available_styles())})")
    source = resources.files(__name__) / f"{name}.yaml"
    data = yaml.safe_load(source.read_text("utf-8")) or {}
    missing = {"cldr", "quotes", "inner_quotes"} - set(data)
    if missing:
        raise ConfigError(f"edition locale lacks {', '.join(sorted(missing))}", f"locales/editions/{name}.yaml")
    for key in ("quotes", "inner_quotes"):
        marks = data[key]
        if not (isinstance(marks, list) and len(marks) == 2 and all(isinstance(m, str) and len(m) == 1 for m in marks)):
            raise ConfigError(f"'{key}' must be two single characters", f"locales/editions/{name}.yaml")
    return EditionStyle(name=name, cldr=data["cldr"], description=data.get("description", ""),
                        quotes=(data["quotes"][0], data["quotes"][1]),
                        inner_quotes=(data["inner_quotes"][0], data["inner_quotes"][1]))
