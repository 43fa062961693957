"""German-to-English dates, numbers, money and typography by rule (pipeline step 6), with CLDR data.

Two functions: :func:`find_localizable` finds the spans of a German paragraph whose English
form is fixed by rule (``9. Februar 2026`` -> ``February 9, 2026``), so the pipeline can
protect them from the engine and restore the English form; :func:`localize_typography`
fixes German typography left in the English output (quotation marks, ``74 %``).

Formats come from babel's CLDR locale data; the German words (currencies, scales,
ordinal cues) are data in ``localize.yaml``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

__all__ = ["Localized", "KINDS", "find_localizable", "localize_typography"]

#: The kinds of span :func:`find_localizable` reports.
KINDS: tuple[str, ...] = ("date", "number", "percent", "currency", "ordinal")


@dataclass(frozen=True, slots=True)
class Localized:
    """A span ``[start, end)`` of the source whose target-language form is fixed by rule."""

    start: int
    end: int
    source: str
    target: str
    kind: str


@cache
def _data() -> dict:  # type: ignore[type-arg]
    text = (resources.files("termguard.translate") / "localize.yaml").read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _alternation(words: Iterable[object]) -> str:
    """A regex alternation of literal words, longest first so "US-Dollar" beats "Dollar"."""
    return "|".join(re.escape(w) for w in sorted({str(w) for w in words}, key=lambda w: (-len(w), w)))


_SPACE = r"[^\S\n]"  # any space but a line break: "9.\u00a0Februar"


@dataclass(frozen=True)
class _Rules:
    """The compiled patterns for one pair of locales: (rule, kind, pattern) in priority order."""

    source: str
    target: str
    decimal: str
    group: str
    group_variants: frozenset[str]
    months: dict[str, int]
    patterns: tuple[tuple[str, str, re.Pattern[str]], ...]


@cache
def month_numbers(source_locale: str = "de",
                  widths: tuple[Literal["wide", "abbreviated"], ...] = ("wide",)) -> dict[str, int]:
    """German month names (of ``source_locale``, de and Austrian de_AT: "Jänner"), from CLDR, to
    their numbers.

    >>> month_numbers()["Mai"], month_numbers()["Jänner"]
    (5, 1)
    """
    months: dict[str, int] = {}
    for loc in (source_locale, "de", "de_AT"):
        for width in widths:
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, locale=loc).items():
                    months.setdefault(name, num)
    return months


@cache
def _rules(source_locale: str, target_locale: str) -> _Rules:
    if not source_locale.lower().startswith("de"):
        raise ValueError(f"find_localizable reads German only, not {source_locale!r}")
    Locale.parse(target_locale)  # fail early on a locale CLDR does not know
    data = _data()
    group_symbol = get_group_symbol(source_locale)
    variants = _group_variants(group_symbol)
    group = "(?:" + _alternation(variants) + ")"
    decimal = get_decimal_symbol(source_locale)
    dec = re.escape(decimal)
    grouped = rf"\d{{1,3}}(?:{group}\d{{3}})+(?:{dec}\d+)?|\d+{dec}\d+"
    number = rf"{grouped}|\d+"
    before = r"(?<![\w.,/\u2019-])"
    after = r"(?![\w/]|[.,]\d)"
    months = month_numbers(source_locale, ("wide", "abbreviated"))
    wide = _alternation(m for m in months if not m.endswith("."))
    month = _alternation(months)
    year = r"(\d{4})(?![\w]|[.,]\d)"
    scales = _alternation(data["scales"])
    currencies = _alternation(data["currencies"])
    percent = _alternation(data["percent"])
    cues = _alternation(data["ordinal_cues"])
    ranges = _alternation(data["range_words"])
    patterns = (
        ("numeric_date", "date", rf"{before}(\d{{1,2}})\.(\d{{1,2}})\.{year}"),
        ("date_range", "", rf"{before}\d{{1,2}}\.{_SPACE}*(?:{ranges})(?:{_SPACE}+zum)?{_SPACE}*\d{{1,2}}\."
                           rf"{_SPACE}*(?:{month})(?!\w)(?:{_SPACE}+\d{{4}})?"),
        ("day_month", "date", rf"{before}(\d{{1,2}})\.{_SPACE}*({month})(?!\w)(?:{_SPACE}+{year})?"),
        ("month_year", "date", rf"(?<![\w.])({wide}){_SPACE}+{year}"),
        ("money", "currency", rf"{before}({number})(?:{_SPACE}+({scales}))?{_SPACE}*({currencies})(?![\w-])"),
        ("percent", "percent", rf"{before}({number}){_SPACE}?({percent})(?!\w)"),
        ("scaled", "number", rf"{before}({number}){_SPACE}+({scales})(?![\w-])"),
        ("number", "number", rf"{before}({grouped}){after}"),
        ("ordinal", "ordinal", rf"(?<![\w.])(?i:{cues}){_SPACE}+(\d{{1,2}})\.(?={_SPACE}+[^\W\d_][^\W\d_])"),
    )
    compiled = tuple((rule, kind, re.compile(p)) for rule, kind, p in patterns)
    return _Rules(source_locale, target_locale, decimal, group_symbol, variants, months, compiled)


# Swiss text groups digits with the typographic apostrophe (U+2019) or the ASCII one,
# whichever CLDR prefers this year (babel 2.19 switched de_CH to U+0027): read both.
_APOSTROPHES = frozenset({"'", "\u2019"})


def _group_variants(symbol: str) -> frozenset[str]:
    """Every spelling of a locale's group separator that real text uses."""
    return _APOSTROPHES if symbol in _APOSTROPHES else frozenset({symbol})


def _amount(text: str, rules: _Rules) -> tuple[Decimal, str]:
    """The value of a source number and its target form with the same fraction digits."""
    for variant in rules.group_variants - {rules.group}:
        text = text.replace(variant, rules.group)
    value = parse_decimal(text, locale=rules.source)
    digits = len(text.rsplit(rules.decimal, 1)[1]) if rules.decimal in text else 0
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return value, format_decimal(value, format=pattern, locale=rules.target)


def _scale_word(power: int, locale: str) -> str:
    """CLDR's long compact name of 10**power: 6 -> "million", 9 -> "billion"."""
    one = format_compact_decimal(10**power, format_type="long", locale=locale)
    return one.split(None, 1)[1] if " " in one else one


def _numeric_date(m: re.Match[str], rules: _Rules) -> str | None:
    try:
        day = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None  # 31.02.2023 is not a date
    return format_date(day, format="long", locale=rules.target)


def _day_month(m: re.Match[str], rules: _Rules) -> str | None:
    year = m.group(3)
    try:
        day = datetime.date(int(year) if year else 2000, rules.months[m.group(2)], int(m.group(1)))
    except ValueError:
        return None
    if year:
        return format_date(day, format="long", locale=rules.target)
    return format_skeleton("MMMMd", day, locale=rules.target)


def _month_year(m: re.Match[str], rules: _Rules) -> str:
    first = datetime.date(int(m.group(2)), rules.months[m.group(1)], 1)
    return format_skeleton("yMMMM", first, locale=rules.target)


def _money(m: re.Match[str], rules: _Rules) -> str:
    data = _data()
    value, shown, scale = _scaled_amount(m.group(1), m.group(2), rules)
    power = data["scales"][m.group(2)] if m.group(2) else 0
    code = data["currencies"][m.group(3)]
    symbol = get_currency_symbol(code, locale=rules.target)
    if len(symbol) == 1 and not symbol.isalnum():
        return f"{symbol}{shown}{scale}"  # $11 million
    count = value * 10**power if scale else value  # "1 million drams" is plural
    name = get_currency_name(code, count=count, locale=rules.target)
    return f"{shown}{scale} {name}"  # 5 million Armenian drams


def _percent(m: re.Match[str], rules: _Rules) -> str:
    value, shown = _amount(m.group(1), rules)
    digits = len(m.group(1).rsplit(rules.decimal, 1)[1]) if rules.decimal in m.group(1) else 0
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(value / 100, format=pattern, locale=rules.target)


def _scaled_amount(number: str, scale_word: str | None, rules: _Rules) -> tuple[Decimal, str, str]:
    """Value, target number and target scale (" million") of a number with an optional scale word.

    English writes thousands out ("7 Tsd." -> "7,000"); millions and above keep their word.
    """
    value, shown = _amount(number, rules)
    power = _data()["scales"][scale_word] if scale_word else 0
    if not power:
        return value, shown, ""
    if power < 6:
        whole = value * 10**power
        return whole, format_decimal(whole, format="#,##0.###", locale=rules.target), ""
    return value, shown, f" {_scale_word(power, rules.target)}"


def _scaled(m: re.Match[str], rules: _Rules) -> str:
    _, shown, scale = _scaled_amount(m.group(1), m.group(2), rules)
    return shown + scale


def _number(m: re.Match[str], rules: _Rules) -> str:
    return _amount(m.group(1), rules)[1]


def _ordinal(m: re.Match[str], rules: _Rules) -> str:
    n = int(m.group(1))
    suffixes = _data()["ordinal_suffixes"]
    category = Locale.parse(rules.target).ordinal_form(n)
    return f"{n}{suffixes.get(category, suffixes['other'])}"


_CONVERT: dict[str, Callable[[re.Match[str], _Rules], str | None]] = {
    "numeric_date": _numeric_date,
    "day_month": _day_month,
    "month_year": _month_year,
    "money": _money,
    "percent": _percent,
    "scaled": _scaled,
    "number": _number,
    "ordinal": _ordinal,
}


def find_localizable(text: str, source_locale: str = "de", target_locale: str = "en_US") -> list[Localized]:
    """The spans of a German paragraph whose English rendering is fixed by rule, in text order.

    Dates, grouped and decimal numbers, percentages, amounts of money and ordinals after an
    article. Years, plain integers, codes (``GB300``, ``Nr. 123``), times and ranges
    of years are not spans: the engine copies them as they are.

    >>> text = "Am Montag, dem 9. Februar 2026, kaufte Jerewan für 11 Millionen US-Dollar 41.000 Chips (74 %)."
    >>> [(x.source, x.target, x.kind) for x in find_localizable(text)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('9. Februar 2026', 'February 9, 2026', 'date'), ('11 Millionen US-Dollar', '$11 million', 'currency'),
     ('41.000', '41,000', 'number'), ('74 %', '74%', 'percent')]
    >>> [x.target for x in find_localizable("Am 19.01.2023 flossen 4,5 Mio. Euro; im Januar 2025 nur 2,5.")]
    ['January 19, 2023', '€4.5 million', 'January 2025', '2.5']
    >>> find_localizable("7 Ansichten, Abkommen Nr. 123, NVIDIA GB300, seit 1993, 1878–1890")
    []
    >>> find_localizable("Bonjour", source_locale="fr")
    Traceback (most recent call last):
      ...
    ValueError: find_localizable reads German only, not 'fr'
    """
    rules = _rules(source_locale, target_locale)
    taken: list[tuple[int, int]] = []
    found: list[Localized] = []
    for rule, kind, pattern in rules.patterns:
        for m in pattern.finditer(text):
            start, end = (m.start(1) if rule == "ordinal" else m.start()), m.end()
            if any(start < e and s < end for s, e in taken):
                continue
            if rule == "date_range":
                taken.append((start, end))  # "9. bis 11. Februar": the engine translates ranges
                continue
            target = _CONVERT[rule](m, rules)
            if target is None:
                continue
            taken.append((start, end))
            found.append(Localized(start, end, text[start:end], target, kind))
    found.sort(key=lambda x: x.start)
    return found


# German quotation marks and the English marks they become, by the role they play.
_DOUBLE_OPEN, _DOUBLE_CLOSE = "\u201c", "\u201d"  # “ ”
_SINGLE_OPEN, _SINGLE_CLOSE = "\u2018", "\u2019"  # ‘ ’
_PERCENT_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=[%\u2030](?!\w))")
_THIN_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[\u202f\u2009]\d{3})+(?![\d\u202f\u2009])")


def _is_closing(text: str, i: int) -> bool:
    """A mark attached to the word before it and followed by a space or punctuation closes."""
    prev_ok = i > 0 and not text[i - 1].isspace()
    nxt = text[i + 1:i + 2]
    return prev_ok and (not nxt or nxt.isspace() or (not nxt.isalnum() and nxt not in "[("))


def _quotes(text: str, outer: tuple[str, str] = (_DOUBLE_OPEN, _DOUBLE_CLOSE),
            inner: tuple[str, str] = (_SINGLE_OPEN, _SINGLE_CLOSE)) -> str:
    out: list[str] = []
    stack: list[str] = []
    handlers: dict[str, Callable[[int], str]] = {}

    def open_as(kind: str, mark: str) -> Callable[[int], str]:
        def handle(_: int) -> str:
            stack.append(kind)
            return mark
        return handle

    def close_or_keep(kind: str, closing: str, ch: str) -> Callable[[int], str]:
        def handle(i: int) -> str:
            if stack and stack[-1] == kind:
                stack.pop()
                return closing
            if kind == "„" and _is_closing(text, i):
                return closing  # a German closing mark whose opening mark is in another segment
            return ch
        return handle

    def guillemet(ch: str, other: str, kind_single: bool) -> Callable[[int], str]:
        opening, closing = inner if kind_single else outer

        def handle(_: int) -> str:
            if stack and stack[-1] == other:
                stack.pop()
                return closing
            stack.append(ch)
            return opening
        return handle

    handlers["\u201e"] = open_as("„", outer[0])             # „
    handlers["\u201c"] = close_or_keep("„", outer[1], "\u201c")  # “ closes „
    handlers['"'] = close_or_keep("„", outer[1], '"')      # „..." from a mixed engine output
    handlers["\u201a"] = open_as("‚", inner[0])             # ‚
    handlers["\u2018"] = close_or_keep("‚", inner[1], "\u2018")  # ‘ closes ‚
    handlers["\u00bb"] = guillemet("\u00bb", "\u00ab", False)   # » (German opening, Swiss closing)
    handlers["\u00ab"] = guillemet("\u00ab", "\u00bb", False)   # «
    handlers["\u203a"] = guillemet("\u203a", "\u2039", True)    # ›
    handlers["\u2039"] = guillemet("\u2039", "\u203a", True)    # ‹
    kept = _markup_chars(text)
    for i, ch in enumerate(text):
        handler = None if i in kept else handlers.get(ch)
        out.append(handler(i) if handler else ch)
    return "".join(out)


def _markup_spans(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` typography must not touch: code, URLs, HTML tags with their
    attributes, a link's destination and title (its text is prose and is localised)."""
    from termguard.translate.read import inline_spans

    spans = []
    for start, end, kind, link_text in inline_spans(text):
        if kind == "link" and link_text is not None:
            inner = start + 1 if text[start] == "[" else text.index(">", start) + 1
            spans += [(start, inner), (inner + len(link_text), end)]
        else:
            spans.append((start, end))
    return spans


def _markup_chars(text: str) -> set[int]:
    return {i for start, end in _markup_spans(text) for i in range(start, end)}


def _outside_markup(text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str] | str) -> str:
    """``pattern.sub(replace, text)`` on the prose between markup spans only."""
    out, pos = [], 0
    for start, end in sorted(_markup_spans(text)):
        out += [pattern.sub(replace, text[pos:start]), text[start:end]]
        pos = end
    out.append(pattern.sub(replace, text[pos:]))
    return "".join(out)


def localize_typography(text: str, style: str = "en_US") -> str:
    """English typography for engine output that kept German conventions.

    ``style`` is an edition locale of :mod:`termguard.locales.editions`: en_US puts double marks
    outside (“…”), en_GB single ones (‘…’), with the other kind for quotes inside quotes.

    German quotation marks become English ones („…“ and »…« -> “…”, ‚…‘ and ›…‹ -> ‘…’),
    the space before a percent sign goes (``74 %`` -> ``74%``), and digit groups set with
    thin or narrow no-break spaces get commas. Placeholders such as ``[3]``, no-break
    spaces elsewhere and English quotation marks stay as they are.

    >>> localize_typography("He called it „truly historic“ and »new« (74 %, [3] %).")
    'He called it “truly historic” and “new” (74%, [3] %).'
    >>> localize_typography("A ‚so-called‘ deal worth 41\\u202f000 [12].")
    'A ‘so-called’ deal worth 41,000 [12].'
    >>> localize_typography("It works.“ He said “fine”.")
    'It works.” He said “fine”.'
    >>> localize_typography("Er nannte es „wahrhaft ‚historisch‘“.", style="en_GB")
    'Er nannte es ‘wahrhaft “historisch”’.'

    URLs, link titles, code and HTML tags with their attributes are left as they are:

    >>> localize_typography('[„Bericht“](https://x.org/a "Titel") and <span class="n">it</span>.')
    '[“Bericht”](https://x.org/a "Titel") and <span class="n">it</span>.'
    """
    from termguard.locales.editions import edition_style

    edition = edition_style(style)
    text = _quotes(text, edition.quotes, edition.inner_quotes)
    text = _outside_markup(text, _PERCENT_SPACE, "")
    return _outside_markup(text, _THIN_GROUPS, lambda m: re.sub(r"[\u202f\u2009]", ",", m.group(0)))
