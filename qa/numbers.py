"""Numbers, amounts, percentages, dates and times of a German source and an English edition,
normalised so that they can be compared (``41.000`` = ``41,000``, ``9. Februar 2026`` =
``February 9, 2026``, ``11 Millionen US-Dollar`` = ``$11 million``, ``14.30 Uhr`` = ``2:30 p.m.``).

The German side is read by the translation pipeline's own rules
(:func:`termguard.translate.localize.find_localizable`, CLDR data through babel), whose English
rendering is then read by the same English reader as the edition: one normalisation for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from termguard.locales import N_, _

__all__ = ["Quantity", "german_quantities", "english_quantities", "compare_quantities", "Mismatch"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number-like thing at ``[start, end)`` of its text.

    ``kind`` is ``number``, ``money``, ``percent``, ``date`` or ``time``; ``value`` is a Decimal
    (money and numbers with their scale applied), a ``(year, month, day)`` triple (year or day may
    be None) or an ``(hour, minute)`` pair; ``currency`` an ISO 4217 code for money. ``soft``
    marks a number written as a word (``two``): it may stand for a source digit but is never
    demanded.
    """

    kind: str
    value: Any
    text: str
    start: int
    end: int
    currency: str | None = None
    soft: bool = False

    def shown(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A source quantity the edition lacks (``source``), an edition quantity the source lacks
    (``target``), or both (the one became the other)."""

    source: Quantity | None
    target: Quantity | None
    detail: str


_SPACE = "[ \u00a0\u202f\u2009]"
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(_MONTHS, 1)} | {"sept": 9}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_EN = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mn": 6, "m": 6, "k": 3}
_SCALE = r"(thousand|million|billion|trillion|bn|mn)"
_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
              "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
_WORDS = {w: i for i, w in enumerate(_CARDINALS)} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "dozens": 12}
_ORDINALS = {w: i for i, w in enumerate((
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth", "twentieth"))}
_GERMAN_WORDS = {w: i for i, w in enumerate((
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"))} | {
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100, "tausend": 1000,
    "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3, "vierte": 4, "vierten": 4,
    "halbe": 0, "beiden": 2, "beide": 2, "doppelt": 2, "dutzend": 12, "dutzende": 12, "paar": 2}

@cache
def _currencies() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """(English currency word or sign -> ISO code, pattern of signs before, of words after an amount)."""
    from babel.numbers import get_currency_name, get_currency_symbol

    from termguard.translate.localize import _data

    codes = sorted(set(_data()["currencies"].values()))
    words: dict[str, str] = {}
    signs: dict[str, str] = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "CN¥": "CNY",
                             "¥": "CNY", "֏": "AMD", "₼": "AZN", "₾": "GEL"}
    for code in codes:
        words[code] = code
        signs[code] = code
        for locale in ("en", "en_GB"):
            signs.setdefault(get_currency_symbol(code, locale=locale), code)
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en")
            words[name.lower()] = code
            words.setdefault(name.split()[-1].lower(), code)
    words.update({"roubles": "RUB", "rouble": "RUB", "lari": "GEL", "tenge": "KZT", "dollars": "USD",
                  "dollar": "USD"})

    def alternation(items: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))

    before = re.compile(rf"(?<![\w$€£])({alternation(signs)}){_SPACE}?({_NUM})(?:{_SPACE}?{_SCALE}\b|(bn|m)\b)?",
                        re.IGNORECASE)
    after = re.compile(rf"(?<![\w.,])({_NUM})(?:{_SPACE}+{_SCALE})?{_SPACE}+({alternation(words)})(?![\w])",
                       re.IGNORECASE)
    lookup = {k.lower(): v for k, v in {**words, **signs}.items()}
    return lookup, before, after


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return Decimal(0)


def _scaled(number: str, scale: str | None) -> Decimal:
    return _decimal(number) * (10 ** _SCALE_EN[scale.lower()] if scale else 1)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso_date", re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")),
    ("month_day", re.compile(rf"(?<![\w]){_MONTH}{_SPACE}+(\d{{1,2}})(?:st|nd|rd|th)?(?![\w])"
                             rf"(?:,?{_SPACE}+(\d{{4}})(?![\w]))?")),
    ("day_month", re.compile(rf"(?<![\w.,])(\d{{1,2}})(?:st|nd|rd|th)?{_SPACE}+(?:of{_SPACE}+)?{_MONTH}(?![\w])"
                             rf"(?:,?{_SPACE}+(\d{{4}})(?![\w]))?")),
    ("month_year", re.compile(rf"(?<![\w]){_MONTH}{_SPACE}+(\d{{4}})(?![\w])")),
    # A month alone ("in May"): full names only, and "May" only within a sentence or after a word that
    # makes it the month (a sentence that opens with "May" may wish something).
    ("month", re.compile(r"(?<![\w-])(January|February|March|April|June|July|August|September|October|November|"
                         r"December)(?![\w-])|\b(?i:in|since|until|till|by|from|of|early|late|mid|last|next|this|"
                         r"through|to|and|or|before|after|during|between)[ \u00a0-](May)(?![\w-])"
                         r"|(?<=[\w,%] )(May)(?![\w-])")),
    ("time", re.compile(rf"(?<![\w.:,])(\d{{1,2}})(?:[:.](\d{{2}}))?{_SPACE}?(a\.m\.|p\.m\.|am|pm|AM|PM)"
                        r"(?![\w])|(?<![\w.:,])(\d{1,2}):(\d{2})(?![\w:])")),
    ("percent", re.compile(rf"(?<![\w.,])({_NUM}){_SPACE}?(%|percent\b|per{_SPACE}cent\b)")),
    ("scaled", re.compile(rf"(?<![\w.,])({_NUM}){_SPACE}+{_SCALE}(?![\w])")),
    ("number", re.compile(rf"(?<![\w.,/])(?<![A-Za-z]-)(?<!\[\^)(?<!\[)({_NUM})(?![\w]|[.,]\d|\])")),
    ("word", re.compile(r"(?<![\w-])(" + "|".join(sorted({*_WORDS, *_ORDINALS}, key=len, reverse=True))
                        + r")(?![\w-])", re.IGNORECASE)),
)


def _month(name: str) -> int:
    return _MONTH_ABBR[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def english_quantities(text: str) -> list[Quantity]:
    """The quantities of an English text, in text order.

    >>> [(q.kind, q.value, q.currency) for q in english_quantities("On February 9, 2026 it paid $11 million.")]
    [('date', (2026, 2, 9), None), ('money', Decimal('11000000'), 'USD')]
    >>> [(q.kind, q.value) for q in english_quantities("74 percent of 41,000 voters at 2:30 p.m.; two days")]
    [('percent', Decimal('74')), ('number', Decimal('41000')), ('time', (14, 30)), ('number', Decimal('2'))]
    """
    lookup, money_before, money_after = _currencies()
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []

    def add(m: re.Match[str], kind: str, value: object, currency: str | None = None, soft: bool = False,
            group: int = 0) -> None:
        start, end = m.span(group)
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append(Quantity(kind, value, m.group(group), start, end, currency, soft))

    for m in money_before.finditer(text):
        scale = m.group(3) or m.group(4)
        add(m, "money", _scaled(m.group(2), scale), lookup[m.group(1).lower()])
    for m in money_after.finditer(text):
        add(m, "money", _scaled(m.group(1), m.group(2)), lookup[m.group(3).lower()])
    for rule, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if rule == "iso_date":
                add(m, "date", (int(m.group(1)), int(m.group(2)), int(m.group(3))))
            elif rule == "month_day":
                add(m, "date", (int(m.group(3)) if m.group(3) else None, _month(m.group(1)), int(m.group(2))))
            elif rule == "day_month":
                add(m, "date", (int(m.group(3)) if m.group(3) else None, _month(m.group(2)), int(m.group(1))))
            elif rule == "month_year":
                add(m, "date", (int(m.group(2)), _month(m.group(1)), None))
            elif rule == "month":
                group = next(g for g in (1, 2, 3) if m.group(g))
                add(m, "date", (None, _month(m.group(group)), None), group=group)
            elif rule == "time":
                if m.group(1) is not None:
                    hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
                    hour += 12 if m.group(3).lower().startswith("p") else 0
                else:
                    hour, minute = int(m.group(4)), int(m.group(5))
                if hour < 24 and minute < 60:
                    add(m, "time", (hour, minute))
            elif rule == "percent":
                add(m, "percent", _decimal(m.group(1)))
            elif rule == "scaled":
                add(m, "number", _scaled(m.group(1), m.group(2)))
            elif rule == "number":
                add(m, "number", _decimal(m.group(1)))
            else:
                word = m.group(1).lower()
                add(m, "number", Decimal(_WORDS.get(word, _ORDINALS.get(word, 0))), soft=True)
    found.sort(key=lambda q: q.start)
    return found


_UHR = re.compile(rf"(?<![\w.:,])(\d{{1,2}})(?:[:.](\d{{2}}))?{_SPACE}+Uhr(?![\w])")
_GERMAN_NUMBER = re.compile(r"(?<![\w.,/])(?<![^\W\d]-)(?<!\[\^)(?<!\[)(\d+)(?:\.(?=\s|$))?(?![\w]|[.,]\d|\])")

@cache
def _german_month() -> tuple[dict[str, int], re.Pattern[str]]:
    """A German month alone ("im Mai"): CLDR's full names, as localize reads dates."""
    from termguard.translate.localize import month_numbers

    months = month_numbers()
    return months, re.compile(r"(?<![\w-])(" + "|".join(sorted(months, key=len, reverse=True)) + r")(?![\w-])")


_GERMAN_WORD = re.compile(r"(?<![\w-])(" + "|".join(sorted(_GERMAN_WORDS, key=len, reverse=True)) + r")(?![\w-])",
                          re.IGNORECASE)


def german_quantities(text: str, target_locale: str = "en_US") -> list[Quantity]:
    """The quantities of a German text, each read from its English rendering by CLDR rules.

    >>> [(q.kind, q.value, q.currency) for q in german_quantities("Für 11 Millionen US-Dollar, 99 Jahre lang.")]
    [('money', Decimal('11000000'), 'USD'), ('number', Decimal('99'), None)]
    >>> [(q.kind, q.value) for q in german_quantities("Am 9. Februar 2026 um 14.30 Uhr: 74 Prozent.")]
    [('date', (2026, 2, 9)), ('time', (14, 30)), ('percent', Decimal('74'))]
    """
    from termguard.translate.localize import find_localizable

    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for loc in find_localizable(text, source_locale="de", target_locale=target_locale):
        read = english_quantities(loc.target)
        taken.append((loc.start, loc.end))
        if loc.kind == "ordinal":
            found.append(Quantity("number", Decimal(int(re.sub(r"\D", "", loc.target) or 0)), loc.source,
                                  loc.start, loc.end))
            continue
        for q in read:
            if q.soft:
                continue
            found.append(Quantity(q.kind, q.value, loc.source, loc.start, loc.end, q.currency))
    for m in _UHR.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        taken.append(m.span())
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour < 24 and minute < 60:
            found.append(Quantity("time", (hour, minute), m.group(0), m.start(), m.end()))
    months, month_alone = _german_month()
    for m in month_alone.finditer(text):  # a month alone ("im Mai"); in a date it is taken already
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        taken.append(m.span())
        found.append(Quantity("date", (None, months[m.group(1)], None), m.group(0), m.start(), m.end()))
    for m in _GERMAN_NUMBER.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        found.append(Quantity("number", Decimal(m.group(1)), m.group(0), m.start(), m.end()))
    for m in _GERMAN_WORD.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        found.append(Quantity("number", Decimal(_GERMAN_WORDS[m.group(1).lower()]), m.group(0), m.start(), m.end(),
                              soft=True))
    found.sort(key=lambda q: q.start)
    return found


def _same(source: Quantity, target: Quantity) -> bool:
    if source.kind != target.kind:
        return False
    if source.kind == "money":
        return source.value == target.value and source.currency == target.currency
    if source.kind == "date":
        sy, sm, sd = source.value
        ty, tm, td = target.value
        return sm == tm and sd == td and (sy == ty or ty is None and sd is not None)
    return source.value == target.value


def _covers(source: Quantity, target: Quantity) -> bool:
    """Looser than equality: a year inside a date, a percentage or time whose number stands alone."""
    if source.kind == "number" and target.kind == "date":
        return source.value in target.value[::2]  # its year or its day
    if source.kind == "number" and target.kind == "time":
        return source.value == target.value[0]
    if source.kind == target.kind == "date" and source.value[0] is None and source.value[2] is None:
        return source.value[1] == target.value[1]  # "im Mai" in "14. und 15. Mai" -> "May 14 and 15"
    return False


def _english(q: Quantity) -> str:
    if q.kind == "date":
        import datetime

        from babel.dates import format_date, format_skeleton

        year, month, day = q.value
        if day is None and year is None:
            return format_skeleton("MMMM", datetime.date(2000, month, 1), locale="en")
        if day is None:
            return format_skeleton("yMMMM", datetime.date(year, month, 1), locale="en")
        if year is None:
            return format_skeleton("MMMMd", datetime.date(2000, month, day), locale="en")
        return format_date(datetime.date(year, month, day), format="long", locale="en")
    if q.kind == "money":
        return f"{q.value:,f} {q.currency}".replace(".000000", "")
    if q.kind == "time":
        return "{:02d}:{:02d}".format(*q.value)
    if q.kind == "percent":
        return f"{q.value}%"
    return f"{q.value:,}"


def compare_quantities(source: list[Quantity], target: list[Quantity]) -> list[Mismatch]:
    """What does not agree: each source quantity (soft ones aside) must have an equal one in the
    edition; each edition quantity (soft ones aside) whose value the source lacks is an addition.

    >>> src = german_quantities("Am 9. Februar 2026 für 11 Millionen US-Dollar.")
    >>> [m.detail for m in compare_quantities(src, english_quantities("On February 10, 2026 for 11 million."))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['date `9. Februar 2026` (February 9, 2026) became `February 10, 2026`',
     'amount `11 Millionen US-Dollar` (11,000,000 USD) lost its currency: `11 million`']
    """
    unused = list(target)
    missing: list[Quantity] = []
    for s in source:
        match = next((t for t in unused if _same(s, t)), None)
        if match is None and s.kind == "number" and s.value <= 20:
            match = next((t for t in unused if t.kind == "number" and t.value == s.value), None)
        if match is not None:
            unused.remove(match)
        elif not s.soft and not any(_covers(s, t) for t in target):
            missing.append(s)
    source_values = {(s.kind, str(s.value)) for s in source} | {("number", str(s.value)) for s in source
                                                               if s.kind in ("money", "percent")}
    source_years = {s.value[0] for s in source if s.kind == "date"} | {s.value for s in source if s.kind == "number"}
    plain = {s.value for s in source if s.kind == "number"}
    months = {s.value[1] for s in source if s.kind == "date"}
    extra = [t for t in unused if not t.soft and (t.kind, str(t.value)) not in source_values
             and not (t.kind == "number" and t.value in source_years)
             and not (t.kind == "date" and any(_same(s, t) for s in source))
             # "14. und 15. Mai" (a range the German rules leave alone) -> "May 14 and 15"
             and not (t.kind == "date" and t.value[2] in plain and t.value[0] in (None, *plain))
             # a month alone that the source names in a date of its own: "am 14. Mai ... im Mai"
             and not (t.kind == "date" and t.value[0] is None and t.value[2] is None and t.value[1] in months)]
    out: list[Mismatch] = []
    for s in missing:
        # A dropped currency: the same value without its currency.
        if s.kind == "money":
            bare = next((t for t in extra + unused if t.kind == "number" and t.value == s.value), None)
            if bare is not None:
                if bare in extra:
                    extra.remove(bare)
                out.append(Mismatch(s, bare, _("amount `{text}` ({english}) lost its currency: `{bare}`").format(
                    text=s.text, english=_english(s), bare=bare.text)))
                continue
        twin = next((t for t in extra if t.kind == s.kind), None)
        if twin is not None:
            extra.remove(twin)
            out.append(Mismatch(s, twin, _("{kind} `{text}` ({english}) became `{other}`").format(
                kind=_(_NAMES[s.kind]), text=s.text, english=_english(s), other=twin.text)))
        else:
            out.append(Mismatch(s, None, _("{kind} `{text}` ({english}) is missing from the edition").format(
                kind=_(_NAMES[s.kind]), text=s.text, english=_english(s))))
    for t in extra:
        out.append(Mismatch(None, t, _("{kind} `{text}` in the edition is not in the source").format(
            kind=_(_NAMES[t.kind]), text=t.text)))
    return out


_NAMES = {"number": N_("number"), "money": N_("amount"), "percent": N_("percentage"), "date": N_("date"),
          "time": N_("time")}
