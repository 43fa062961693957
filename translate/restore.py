"""Putting protected spans back into the engine's output: the inverse of :mod:`protect`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termguard.translate.document import Placeholder
from termguard.translate.protect import PLACEHOLDER_RE

__all__ = ["Restored", "restore"]


@dataclass
class Restored:
    """The output with tokens replaced, and what did not come back as it went out."""

    text: str
    missing: list[Placeholder] = field(default_factory=list)
    duplicated: list[Placeholder] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.duplicated or self.unknown)


def restore(text: str, placeholders: list[Placeholder], original: bool = False) -> Restored:
    """Replace each ``[N]`` in ``text`` by its placeholder's English form (or its source text
    with ``original=True``, which makes ``restore(protect(x).protected, ..., original=True) == x``
    for inline-free protection).

    A token the engine dropped is reported in ``missing``, one it repeated in ``duplicated``
    (only its first copy is kept), one it invented in ``unknown`` (removed).

    >>> from termguard.translate.document import Placeholder
    >>> ph = [Placeholder("[1]", "Paschinjans", "Pashinyan's", "term")]
    >>> restore("[1] government met [ 1 ] and [7].", ph).text
    "Pashinyan's government met and."
    >>> r = restore("The government met.", ph); r.ok, [p.token for p in r.missing]
    (False, ['[1]'])
    >>> restore("The[1]government met.", ph).text
    "The Pashinyan's government met."
    """
    by_token = {p.token: p for p in placeholders if p.token}
    seen: dict[str, int] = {}
    unknown: list[str] = []

    def put_back(m) -> str:  # type: ignore[no-untyped-def]
        token = f"[{int(m.group(1))}]"
        placeholder = by_token.get(token)
        if placeholder is None:
            unknown.append(m.group(0))
            return ""
        seen[token] = seen.get(token, 0) + 1
        if seen[token] > 1:
            return ""
        if original:
            return placeholder.source
        form = placeholder.restored
        # A token the engine glued to a word ("The[1]") must not glue the form to it ("TheUSA").
        before = " " if form[:1].isalnum() and text[m.start() - 1:m.start()].isalnum() else ""
        after = " " if form[-1:].isalnum() and text[m.end():m.end() + 1].isalnum() else ""
        return before + form + after

    restored = PLACEHOLDER_RE.sub(put_back, text)
    if unknown or any(n > 1 for n in seen.values()):
        # Removing a token leaves a double space or a space before punctuation behind.
        restored = re.sub(r"[ \t]{2,}", " ", restored)
        restored = re.sub(r" ([.,;:!?])", r"\1", restored).strip()
    return Restored(
        text=restored,
        missing=[p for t, p in by_token.items() if t not in seen],
        duplicated=[p for t, p in by_token.items() if seen.get(t, 0) > 1],
        unknown=unknown,
    )
