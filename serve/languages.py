"""Languages as LibreTranslate names them: codes, English names, aliases, detection."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Language", "language_name", "normalize_code", "detect", "ALIASES"]

#: LibreTranslate accepts these spellings both ways (pb/pt-BR, zh/zh-Hans, zt/zh-Hant).
ALIASES = {"pt-br": "pb", "zh-hans": "zh", "zh-hant": "zt"}


@dataclass(frozen=True)
class Language:
    """One entry of ``GET /languages``."""

    code: str
    targets: tuple[str, ...]

    @property
    def name(self) -> str:
        return language_name(self.code)

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "targets": list(self.targets)}


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """The English name of a language code (CLDR, through babel).

    >>> language_name("de"), language_name("en"), language_name("zz")
    ('German', 'English', 'zz')
    """
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def normalize_code(code: str) -> str:
    """Lower case, aliases resolved, as LibreTranslate compares codes.

    >>> normalize_code("DE"), normalize_code("pt-BR"), normalize_code(" en ")
    ('de', 'pb', 'en')
    """
    code = code.strip().lower()
    return ALIASES.get(code, code)


def detect(text: str, candidates: tuple[str, ...], default: str) -> list[dict[str, object]]:
    """``POST /detect``'s answer: languages among ``candidates`` with evidence, most likely first,
    each with a confidence 0-100 (the share of the evidence, termguard.lint's detector).

    >>> detect("Der Präsident traf sich mit dem Minister.", ("de", "en"), "de")
    [{'confidence': 100.0, 'language': 'de'}]
    >>> detect("12345", ("de", "en"), "de")
    [{'confidence': 0.0, 'language': 'de'}]
    """
    from termguard.lint.langdetect import language_evidence

    evidence = {lang: n for lang, n in language_evidence(text).items() if lang in candidates and n > 0}
    total = sum(evidence.values())
    if not total:
        return [{"confidence": 0.0, "language": default}]
    ranked = sorted(evidence.items(), key=lambda item: (-item[1], candidates.index(item[0])))
    return [{"confidence": round(100.0 * n / total, 1), "language": lang} for lang, n in ranked]
