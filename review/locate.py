"""Finding the spans a report names only by their text: a source surface, an English form."""

from __future__ import annotations

import re

from termguard.qa.words import form_pattern
from termguard.review.model import Span

__all__ = ["Locator", "english_form"]

def english_form(target: str, source: str = "") -> str:
    """The words of an English rendering to look for: without the quotation marks a loaded term
    gets and without a Saxon genitive the source did not have.

    >>> english_form("“Zangezur corridor”"), english_form("Pashinyan's", "Paschinjans"), english_form("Baku")
    ('Zangezur corridor', 'Pashinyan', 'Baku')
    """
    form = target.replace("“", "").replace("”", "").replace("‘", "").replace("’", "'")
    for ending in ("'s", "'"):
        if form.endswith(ending) and not source.endswith(ending):
            return form[: -len(ending)]
    return form


class Locator:
    """Spans in one text, in reading order: the n-th search for the same words finds their
    n-th occurrence, so a name said twice gets two highlights.

    >>> loc = Locator("Paschinjan traf Alijew. Paschinjan reiste ab.")
    >>> loc.exact("Paschinjan"), loc.exact("Paschinjan"), loc.exact("Paschinjan")
    ((0, 10), (24, 34), None)
    >>> Locator("the Nagorno Karabakh region").words("nagorno-Karabakh")
    (4, 20)
    """

    def __init__(self, text: str | None) -> None:
        self.text = text or ""
        self._next: dict[tuple[str, str], int] = {}

    def _advance(self, key: tuple[str, str], span: Span | None) -> Span | None:
        if span is not None:
            self._next[key] = span[1]
        return span

    def exact(self, needle: str | None, *, again: bool = False) -> Span | None:
        """The next occurrence of ``needle`` as written (``again``: the first, without advancing)."""
        if not needle:
            return None
        key = ("exact", needle)
        at = self.text.find(needle, 0 if again else self._next.get(key, 0))
        if at < 0:
            return None
        span = (at, at + len(needle))
        return span if again else self._advance(key, span)

    def words(self, form: str | None, *, again: bool = False) -> Span | None:
        """The next occurrence of ``form`` as whole words, case and hyphen/space tolerant."""
        pattern = form_pattern(form) if form and re.search(r"[^\s\-‐‑–]", form) else None
        if pattern is None:
            return None
        key = ("words", (form or "").casefold())
        m = pattern.search(self.text, 0 if again else self._next.get(key, 0))
        if m is None:
            return None
        span = (m.start(), m.end())
        return span if again else self._advance(key, span)
