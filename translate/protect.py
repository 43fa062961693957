"""Protecting what the engine must not translate freely: terms, names, formats, inline markup.

Two techniques, chosen per segment (measured in docs/translate.md):

``placeholder``
    each protected span becomes a token ``[N]`` the model copies; :mod:`restore` puts the
    fixed English form back (a German Saxon genitive ``Paschinjans`` comes back as ``Pashinyan's``).
``inline``
    the English form is written into the German sentence (``Pashinyans Regierung``) and the
    model, which copies English names, translates around it; only code and links stay tokens.
``plain``
    the sentence goes as written (code and links still tokens), for a model that already knows
    the name: verification still demands the English form.

A term glued to a compound head (``Sangesur-Korridor``, ``Sangesurkorridor``) is always
substituted inline, since a token glued to German letters is not something a model copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from termguard.model import Match
from termguard.translate.document import Placeholder, Segment

__all__ = ["TECHNIQUES", "MAX_PLACEHOLDERS",
           "PLACEHOLDER_RE", "protect", "target_form", "saxon_genitive", "is_loaded",
           "term_target"]

TECHNIQUES: tuple[str, ...] = ("placeholder", "inline", "plain")
#: How a Saxon genitive is protected under the placeholder technique (measured in docs/translate.md:
#: "[1] Regierung" made models drop the possessed noun; "Pashinyans Regierung" did not).
GENITIVE_TECHNIQUE = "inline"
#: Models trained for termguard copy ``[1]`` … ``[12]``; further spans are substituted inline.
MAX_PLACEHOLDERS = 12
PLACEHOLDER_RE = re.compile(r"\[\s*(\d{1,2})\s*\]")

_ARTICLES = {"des", "eines", "dieses", "jenes", "jedes", "keines", "meines", "seines", "ihres", "unseres",
             "der", "einer", "dieser"}
_GENITIVE = ("s", "es", "'s", "'")


@dataclass
class _Span:
    start: int
    end: int
    source: str
    target: str
    kind: str
    concept_id: str | None = None
    compound: bool = False
    genitive: bool = False
    link_text: str | None = None
    link_open: str = ""  # "[" of a Markdown link, the opening tag of an HTML element
    link_close: str = ""  # "](url \"title\")" of a Markdown link, the closing tag of an HTML element


def saxon_genitive(text: str, start: int, end: int, suffix: str) -> bool:
    """True for a German pre-nominal genitive (``Paschinjans Regierung``), which English
    renders with ``'s``; False after an article (``des Sangesur-Korridors`` is "of the ...")
    or a noun (``die Regierung Armeniens`` is "the government of Armenia").

    >>> saxon_genitive("Paschinjans Regierung", 0, 11, "s"), saxon_genitive("die Regierung Armeniens", 14, 23, "s")
    (True, False)
    """
    if suffix not in _GENITIVE:
        return False
    before = text[:start].rstrip().rsplit(None, 1)
    if before:
        word = before[-1].strip("„“\"'(")
        if word.lower() in _ARTICLES:
            return False
        if word[:1].isupper() and text[:start].strip() != before[-1]:
            return False
    after = text[end:].lstrip()
    return bool(after) and after[0].isupper()


def target_form(english: str, genitive: bool) -> str:
    """The English text that replaces a protected term.

    >>> target_form("Pashinyan", True), target_form("Lavrov", False), target_form("Jones", True)
    ("Pashinyan's", 'Lavrov', "Jones'")
    """
    if not genitive:
        return english
    return english + ("'" if english.endswith("s") else "'s")


def term_target(match: Match, target_lang: str) -> str | None:
    """The termbase's English (``target_lang``) form for a match, or None if it has none.

    A loaded term already written in the target language stays as the author wrote it
    (faithful, and flagged by the caller), like a loaded German term rendered by its
    loaded English counterpart.
    """
    if match.term.lang == target_lang and match.term.status == "loaded":
        return match.term.text
    try:
        return match.concept.rendering(match.term, target_lang).text
    except LookupError:
        return None


_OPENING = "„“”\"»«‚‘'"


def _quoted(text: str, start: int, end: int) -> bool:
    """True if the author already put the span in quotation marks."""
    return start > 0 and text[start - 1] in _OPENING and end < len(text) and text[end:end + 1] in _OPENING


def is_loaded(match: Match, target_lang: str) -> bool:
    """A loaded form, or a form the termbase renders by a loaded one."""
    if match.term.status == "loaded":
        return True
    try:
        return match.concept.rendering(match.term, target_lang).status == "loaded"
    except LookupError:
        return False


def _spans(segment: Segment, target_lang: str, inline_markup: list[tuple[int, int, str, str | None]]
           ) -> list[_Span]:
    text = segment.source
    candidates: list[_Span] = []
    for start, end, kind, link_text in inline_markup:
        if kind == "link" and link_text is not None:
            # A Markdown link's text follows its "["; an HTML element's, its opening tag.
            inner = start + 1 if text[start] == "[" else text.index(">", start) + 1
            close = inner + len(link_text)
            candidates.append(_Span(start, end, text[start:end], text[start:end], "link", link_text=link_text,
                                    link_open=text[start:inner], link_close=text[close:end]))
        else:
            candidates.append(_Span(start, end, text[start:end], text[start:end], "code"))
    for m in segment.matches:
        english = term_target(m, target_lang)
        if english is None:
            continue
        genitive = saxon_genitive(text, m.start, m.end, m.suffix)
        start, end, surface = m.start, m.end, m.surface
        if is_loaded(m, target_lang) and not m.compound_head:
            # The termbase's rule for loaded names: render faithfully, in quotation marks. The
            # author's own marks („West-Sangesur“) go with the term, so that an engine that drops
            # them cannot put the name into the edition's own voice.
            if _quoted(text, m.start, m.end):
                start, end, surface = m.start - 1, m.end + 1, text[m.start - 1:m.end + 1]
            english = f"“{english}”"
        candidates.append(_Span(start, end, surface, target_form(english, genitive), "term",
                                concept_id=m.concept.id, compound=bool(m.compound_head), genitive=genitive))
    for loc in segment.localized:
        candidates.append(_Span(loc.start, loc.end, loc.source, loc.target, "localized"))
    for name in segment.names:
        suffix = getattr(name, "suffix", "")
        genitive = saxon_genitive(text, name.start, name.end, suffix)
        candidates.append(_Span(name.start, name.end, name.source, target_form(name.transliteration.text, genitive),
                                "name", genitive=genitive))
    chosen: list[_Span] = []
    for span in candidates:  # earlier kinds win overlaps: markup, then terms, formats, names
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _inline_form(span: _Span) -> str:
    """What an inline substitution writes into the German sentence."""
    if span.kind not in ("term", "name"):
        return span.target
    if span.genitive:
        # German genitive on the English name: the model learnt "Pashinyans X" → "Pashinyan's X".
        english = span.target[:-2] if span.target.endswith("'s") else span.target[:-1]
        return english if english.endswith("s") else english + "s"
    return span.target


def protect(segment: Segment, technique: str = "placeholder", target_lang: str = "en",
            inline_markup: list[tuple[int, int, str, str | None]] | None = None,
            make_inner=None) -> Segment:  # type: ignore[no-untyped-def]
    """Fill ``segment.protected`` and ``segment.placeholders`` using ``technique``.

    ``inline_markup`` are Markdown spans from :func:`termguard.translate.read.inline_spans`;
    ``make_inner(text)`` builds the segment for a link text (matched, ready to protect).

    >>> from termguard.translate.document import Segment
    >>> s = protect(Segment("Siehe `x = 1` hier."), inline_markup=[(6, 13, "code", None)])
    >>> s.protected, s.placeholders[0].target
    ('Siehe [1] hier.', '`x = 1`')
    >>> protect(Segment("Text"), technique="magic")
    Traceback (most recent call last):
    ...
    ValueError: unknown technique 'magic' (known: placeholder, inline, plain)
    """
    if technique not in TECHNIQUES:
        raise ValueError(f"unknown technique {technique!r} (known: {', '.join(TECHNIQUES)})")
    text = segment.source
    spans = _spans(segment, target_lang, inline_markup or [])
    previous_inner = {p.start: p.inner for p in segment.placeholders if p.inner is not None}
    out: list[str] = []
    length = 0  # of "".join(out), for Placeholder.protected_at

    def put(piece: str) -> tuple[int, int]:
        nonlocal length
        out.append(piece)
        length += len(piece)
        return length - len(piece), length

    placeholders: list[Placeholder] = []
    pos = 0
    number = 0
    for span in spans:
        # A glued compound head: a word character right after the span, or a hyphenated head.
        glued = span.end < len(text) and (text[span.end].isalnum() or text[span.end] == "-")
        as_token = span.kind in ("code", "link") or (
            technique == "placeholder" and not span.compound and not glued and number < MAX_PLACEHOLDERS
            and not (span.genitive and GENITIVE_TECHNIQUE == "inline"))
        put(text[pos:span.start])
        if as_token and number < 99:
            number += 1
            token = f"[{number}]"
            inner = None
            template = "{}"
            if span.kind == "link":
                inner = previous_inner.get(span.start)
                if inner is None and make_inner is not None:
                    inner = make_inner(span.link_text)
                template = "{}".join(part.replace("{", "{{").replace("}", "}}")
                                     for part in (span.link_open, span.link_close))
            placeholders.append(Placeholder(token, span.source, span.target, span.kind, span.start, span.end,
                                            span.concept_id, inner=inner, template=template,
                                            protected_at=put(token)))
        else:
            as_written = technique == "plain" or span.kind == "code"
            at = put(span.source if as_written else _inline_form(span))
            placeholders.append(Placeholder("", span.source, span.target, span.kind, span.start, span.end,
                                            span.concept_id, protected_at=at))
            if not as_written and span.compound and span.end < len(text) and text[span.end].isalpha():
                # Closed compound: "Sangesurkorridor" → "Zangezur-Korridor".
                put("-" + text[span.end].upper())
                pos = span.end + 1
                continue
        pos = span.end
    put(text[pos:])
    segment.protected = "".join(out)
    segment.placeholders = placeholders
    segment.technique = technique
    return segment
