"""The language termguard speaks to people: gettext catalogs of its messages (German, English).

``locales/`` holds two different things:

* the **UI catalogs** of this module: ``termguard.pot`` (the template, extracted from the code,
  ``lint/rules.yaml`` and the web page) and ``<lang>/LC_MESSAGES/termguard.po`` with its compiled
  ``.mo``, which this module loads with the standard library's :mod:`gettext`;
* the **edition styles** (:mod:`termguard.locales.editions`): the house style of the English
  an edition is written in. They are content settings, not the language of the interface.

The UI language follows ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (the first one set
decides, as in GNU gettext) and can be forced with :func:`set_ui_language` (``termguard
--ui-lang de``). English is the source language: it needs no catalog. Message look-up uses only
:mod:`gettext` (start-up cost matters for ``termguard lint``); babel is imported only where a
number or date is formatted (:func:`format_number`, :func:`format_date`).

>>> set_ui_language("de")
'de'
>>> _("Print termguard's version and exit.")
'termguard-Version ausgeben und beenden.'
>>> ngettext("{n} file", "{n} files", 2).format(n=2)
'2 Dateien'
>>> set_ui_language("en")
'en'
>>> _("Print termguard's version and exit.")
"Print termguard's version and exit."
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

__all__ = ["_", "N_", "N_plural", "ngettext", "pgettext", "UI_LANGUAGES", "DOMAIN", "LOCALE_DIR", "set_ui_language",
           "ui_language", "ui_language_scope",
           "language_from_env", "negotiate", "translations", "format_number", "format_date"]

#: The languages of the interface; the first is the source language of the messages.
UI_LANGUAGES: tuple[str, ...] = ("en", "de")
#: The gettext domain: ``<lang>/LC_MESSAGES/termguard.mo``.
DOMAIN = "termguard"
LOCALE_DIR = Path(__file__).resolve().parent
#: The environment variables that choose the language, in GNU gettext's order of precedence.
ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
#: The CLDR locale numbers and dates are formatted in, per UI language.
_CLDR = {"en": "en_US", "de": "de_DE"}

_current: str | None = None
#: A language for the current request only (``termguard serve``: the client's Accept-Language).
_scoped: ContextVar[str | None] = ContextVar("termguard_ui_language", default=None)
_catalogs: dict[str, _gettext.NullTranslations] = {}


def _primary(tag: str) -> str:
    """``de_DE.UTF-8@euro`` -> ``de``; ``C`` and ``POSIX`` -> ``c``."""
    return tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()


def __getattr__(name: str) -> object:
    """The edition styles' names, once at home here, still resolve (``termguard.locales.edition_style``):
    code written before the UI catalogs moved them to :mod:`termguard.locales.editions` keeps working."""
    if name in ("EditionStyle", "edition_style", "available_styles", "DEFAULT_STYLE"):
        from termguard.locales import editions

        return getattr(editions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The UI language the environment asks for: the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG
    that is set decides (LANGUAGE may list several, ``fr:de``); a language without a catalog is English.

    >>> language_from_env({"LANG": "de_DE.UTF-8"})
    'de'
    >>> language_from_env({"LANGUAGE": "fr:de", "LANG": "en_US.UTF-8"})
    'de'
    >>> language_from_env({"LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"})
    'en'
    >>> language_from_env({})
    'en'
    """
    env = os.environ if environ is None else environ
    for var in ENV_VARS:
        value = env.get(var, "")
        if not value:
            continue
        for tag in value.split(":"):
            if _primary(tag) in UI_LANGUAGES:
                return _primary(tag)
        return UI_LANGUAGES[0]
    return UI_LANGUAGES[0]


def negotiate(accept_language: str) -> str:
    """The UI language for an HTTP ``Accept-Language`` header (quality values respected).

    >>> negotiate("de-DE,de;q=0.9,en;q=0.8")
    'de'
    >>> negotiate("fr, en;q=0.5, de;q=0.4")
    'en'
    >>> negotiate("")
    'en'
    """
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate(accept_language.split(",")):
        tag, _sep, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, i, _primary(tag)))
    for _q, _i, lang in sorted(ranked):
        if lang in UI_LANGUAGES:
            return lang
    return UI_LANGUAGES[0]


def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (cached); English, the source language, is the identity."""
    if lang not in _catalogs:
        # The .mo is opened by its path: gettext.translation() would search locale variants and
        # import the locale module on every start-up.
        try:
            with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
                _catalogs[lang] = _gettext.GNUTranslations(mo)
        except FileNotFoundError:  # English, the source language, or a language without a catalog
            _catalogs[lang] = _gettext.NullTranslations()
    return _catalogs[lang]


def set_ui_language(lang: str | None) -> str:
    """Speak ``lang`` from now on (``None``: what the environment asks for); returns the language."""
    global _current
    if lang is not None and lang not in UI_LANGUAGES:
        raise ValueError(f"unknown UI language {lang!r} (available: {', '.join(UI_LANGUAGES)})")
    _current = lang or language_from_env()
    return _current


def ui_language() -> str:
    """The language messages are given in now."""
    scoped = _scoped.get()
    if scoped is not None:
        return scoped
    return _current if _current is not None else set_ui_language(None)


@contextmanager
def ui_language_scope(lang: str) -> Iterator[str]:
    """Speak ``lang`` inside the block only, in this thread or task (a server's request).

    >>> with ui_language_scope("de"):
    ...     _("Show this message and exit.")
    'Diese Hilfe anzeigen und beenden.'
    """
    if lang not in UI_LANGUAGES:
        raise ValueError(f"unknown UI language {lang!r} (available: {', '.join(UI_LANGUAGES)})")
    token = _scoped.set(lang)
    try:
        yield lang
    finally:
        _scoped.reset(token)


def _(message: str) -> str:
    """``message`` in the UI language."""
    return translations(ui_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural ``message`` for ``n`` in the UI language (its own plural rules)."""
    return translations(ui_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the UI language, in ``context`` (a word such as ``error`` that means two things)."""
    return translations(ui_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (it is translated where shown)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for the catalog; :func:`ngettext` translates it where shown."""
    return singular, plural


def format_number(n: float, lang: str | None = None) -> str:
    """``n`` as the UI language writes it: ``1,234`` in English, ``1.234`` in German.

    >>> format_number(12345, "de"), format_number(12345, "en"), format_number(7, "de")
    ('12.345', '12,345', '7')
    """
    if isinstance(n, int) and -1000 < n < 1000:
        return str(n)  # no grouping below a thousand in either language: spare the import of babel
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_CLDR[lang or ui_language()])


def format_date(value: datetime.date, lang: str | None = None) -> str:
    """A date as the UI language writes it (CLDR's long format).

    >>> import datetime
    >>> format_date(datetime.date(2026, 2, 9), "de"), format_date(datetime.date(2026, 2, 9), "en")
    ('9. Februar 2026', 'February 9, 2026')
    """
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="long", locale=_CLDR[lang or ui_language()])
