"""Splitting a paragraph into sentences (pipeline step 2), with German abbreviations and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["split_sentences", "table_cells", "LANGUAGES"]

#: Languages with an abbreviation table in ``abbreviations.yaml``.
LANGUAGES: tuple[str, ...] = ("de", "en")

# A run of sentence-final punctuation, then the closing quotes and brackets that belong to
# the sentence it ends („…verschlechtert.“ keeps its closing quote).
_END = re.compile(r"""(?:[.!?…]+)[.!?…]*([“”"'’‘»«)\]]*)""")
_OPENERS = "„“”\"‚‘'»«([¿¡–—-"
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")
_SMALL_NUMBER = re.compile(r"^\d{1,3}$")
_LEADING_PUNCT = "„“”\"‚‘'»«([{"


@dataclass(frozen=True, slots=True)
class _Rules:
    never_final: frozenset[str]
    may_end: frozenset[str]
    ordinal_cues: frozenset[str]
    months: frozenset[str]


@cache
def _rules(lang: str) -> _Rules:
    """The abbreviation table of one language, read once from ``abbreviations.yaml``."""
    data = yaml.safe_load((resources.files("termguard.translate") / "abbreviations.yaml").read_text("utf-8"))
    table = data[lang]
    months: frozenset[str] = frozenset()
    if lang == "de":
        # Month names come from CLDR (de and Austrian de_AT "Jänner"), not from a table here.
        from babel.dates import get_month_names

        months = frozenset(
            name for loc in ("de", "de_AT") for width in ("wide", "abbreviated")
            for name in get_month_names(width, locale=loc).values()
        )
    return _Rules(
        never_final=frozenset(table.get("never_final") or ()),
        may_end=frozenset(table.get("may_end") or ()),
        ordinal_cues=frozenset(table.get("ordinal_cues") or ()),
        months=frozenset(m.rstrip(".") for m in months),
    )


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The whitespace-delimited token ending at ``pos`` (leading quotes stripped) and its start."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:pos]
    stripped = token.lstrip(_LEADING_PUNCT)
    return stripped, start + (len(token) - len(stripped))


def _word_after(text: str, pos: int) -> str:
    match = re.match(r"[^\W\d_]+", text[pos:])
    return match.group(0) if match else ""


def _is_boundary(text: str, run_start: int, run_end: int, close_end: int, rules: _Rules) -> bool:
    """Whether the punctuation run ``text[run_start:close_end]`` ends a sentence."""
    n = len(text)
    run = text[run_start:run_end]
    # "[…]" and "(...)" mark an omission inside a sentence.
    if run_start > 0 and text[run_start - 1] in "([" and close_end > run_end:
        return False
    nxt = close_end
    while nxt < n and text[nxt].isspace():
        nxt += 1
    if nxt >= n:
        return False  # the paragraph ends here anyway
    glued = nxt == close_end
    first = text[nxt]
    if glued:
        # Scraped text glues sentences: "Public Domain.Trump-Route", "festgestellt?Wir".
        before = text[max(0, run_start - 2):run_start]
        after = text[nxt:nxt + 2]
        return (len(before) == 2 and before.isalpha() and before[1].islower()
                and len(after) == 2 and after[0].isupper() and after[1].islower())
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if set(run) != {"."}:
        return True  # "!", "?", "…", "..."
    token, token_start = _word_before(text, run_start)
    if not token:
        return True
    with_period = token + "."
    if with_period in rules.never_final or with_period.replace(" ", "") in rules.never_final:
        return False
    if with_period in rules.may_end:
        return first.isupper()
    if _INITIALS.match(token):
        return False  # "George W. Bush", "J.D. Vance", "z. B.", "U.S."
    if _SMALL_NUMBER.match(token) and rules.ordinal_cues:
        if _word_after(text, nxt) in rules.months:
            return False  # "am 9. Februar 2026"
        p = token_start
        while p > 0 and text[p - 1].isspace():
            p -= 1
        previous, _ = _word_before(text, p)
        if previous.rstrip(",") in rules.ordinal_cues:
            return False  # "die 2. Phase", "im 19. Jahrhundert"
    return True


def _line_cuts(text: str) -> list[int]:
    """Positions after newlines that end a line-level unit (heading, caption, bullet)."""
    cuts = []
    n = len(text)
    for match in re.finditer(r"\n", text):
        before, after = match.start(), match.end()
        while before > 0 and text[before - 1].isspace():
            before -= 1
        while after < n and text[after].isspace():
            after += 1
        if before == 0 or after == n:
            continue
        if text[after].islower() or text[before - 1] in ",-(":
            continue  # a hard-wrapped sentence goes on
        cuts.append(match.end())
    return cuts


def split_sentences(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """The half-open character spans of the sentences of one paragraph.

    Spans never start or end with whitespace, and the text between two spans is
    whitespace only, so the spans and the gaps give back ``text``. A line without final
    punctuation (a heading, a caption, a dateline) is a sentence of its own.

    >>> text = "Am 9. Februar 2026 reiste J.D. Vance nach Eriwan, z. B. mit Dr. Rubio. Er sagte: „Gut.“ Dann?"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Am 9. Februar 2026 reiste J.D. Vance nach Eriwan, z. B. mit Dr. Rubio.', 'Er sagte: „Gut.“', 'Dann?']
    >>> english = "Mr. Vance met Dr. Rubio. They talked."
    >>> [english[s:e] for s, e in split_sentences(english, lang="en")]
    ['Mr. Vance met Dr. Rubio.', 'They talked.']
    >>> split_sentences("   ")
    []
    >>> split_sentences("Bonjour.", lang="fr")
    Traceback (most recent call last):
      ...
    ValueError: no sentence rules for language 'fr' (known: de, en)
    """
    base = lang.replace("-", "_").split("_")[0].lower()
    if base not in LANGUAGES:
        raise ValueError(f"no sentence rules for language {lang!r} (known: {', '.join(LANGUAGES)})")
    rules = _rules(base)
    cuts = set(_line_cuts(text))
    for match in _END.finditer(text):
        run_end = match.start(1)
        if _is_boundary(text, match.start(), run_end, match.end(), rules):
            cuts.add(match.end())
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
        start = cut
    return spans


def table_cells(row: str) -> list[tuple[int, int]]:
    """(start, end) of the content of each cell of a Markdown table row, padding excluded.

    A ``|`` escaped with a backslash or inside a code span does not end a cell.

    >>> row = "| Ort | `a|b` c |  |"
    >>> [row[s:e] for s, e in table_cells(row)]
    ['Ort', '`a|b` c', '']
    """
    bounds: list[int] = []
    ticks = 0
    i = 0
    while i < len(row):
        ch = row[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = len(row[i:]) - len(row[i:].lstrip("`"))
            ticks = 0 if ticks == run else (run if ticks == 0 else ticks)
            i += run
            continue
        if ch == "|" and not ticks:
            bounds.append(i)
        i += 1
    cells: list[tuple[int, int]] = []
    edges = bounds if row.lstrip().startswith("|") else [-1, *bounds]
    if not row.rstrip().endswith("|") or (len(row.rstrip()) - 1) not in bounds:
        edges = [*edges, len(row)]
    for left, right in zip(edges, edges[1:], strict=False):
        start, end = left + 1, right
        while start < end and row[start].isspace():
            start += 1
        while end > start and row[end - 1].isspace():
            end -= 1
        cells.append((start, end))
    return cells
