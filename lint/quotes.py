"""Where a text quotes someone: spans inside German, English and Russian quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["QuoteSpans", "find_quotes"]

# Opening mark -> the marks that close it. „…“ (also „…”), »…«, ‚…‘ (German), “…” and
# "…" (English), «…» (Russian; also Swiss German). ‘ and ’ double as apostrophes, so they
# never open a quotation.
_CLOSERS: dict[str, str] = {
    "\u201e": "\u201c\u201d",  # „ -> “ ”
    "\u00bb": "\u00ab",  # » -> «
    "\u00ab": "\u00bb",  # « -> »
    "\u201a": "\u2018",  # ‚ -> ‘
    "\u201c": "\u201d",  # “ -> ”
    '"': '"',
}
# Marks that can only close: a closer that does not match the innermost quotation closes
# an outer one (the unclosed inner one is dropped).
_ONLY_CLOSE = frozenset("\u201d\u2018")
_MARKS = re.compile("[\u201e\u201c\u201d\u00bb\u00ab\u201a\u2018\"]")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")


class QuoteSpans:
    """Half-open spans of quoted text (outermost quotations, marks included)."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def __contains__(self, offset: object) -> bool:
        i = bisect_right(self._starts, offset) - 1  # type: ignore[call-overload]
        return i >= 0 and offset < self._ends[i]  # type: ignore[operator]

    def __len__(self) -> int:
        return len(self._starts)

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))


def find_quotes(text: str, paragraph_break: str = "line") -> QuoteSpans:
    """The quotations in ``text``; an unclosed mark quotes nothing.

    Quotations do not run across a line break (``paragraph_break="line"``, for plain text and
    PO strings) or across a blank line (``"blank"``, for Markdown's wrapped paragraphs).

    >>> text = 'Er sprach von „Sangesur“ und »Westaserbaidschan«, sie von "Syunik".'
    >>> [text[s:e] for s, e in find_quotes(text).spans()]
    ['„Sangesur“', '»Westaserbaidschan«', '"Syunik"']
    >>> ru = "«Зангезур» и “Zangezur”"
    >>> [ru[s:e] for s, e in find_quotes(ru).spans()]
    ['«Зангезур»', '“Zangezur”']
    >>> len(find_quotes("Ein „offenes Zitat\\nund Sangesur“ danach"))
    0
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (closing marks, offset of the opening mark)
    previous = 0
    for m in _MARKS.finditer(text):
        pos, mark = m.start(), m.group()
        if stack and _breaks(text, previous, pos, paragraph_break):
            stack.clear()
        previous = pos
        if mark in _ONLY_CLOSE:
            for depth in range(len(stack) - 1, -1, -1):
                if mark in stack[depth][0]:
                    spans.append((stack[depth][1], pos + 1))
                    del stack[depth:]
                    break
            continue
        if stack and mark in stack[-1][0]:
            spans.append((stack.pop()[1], pos + 1))
        elif mark in _CLOSERS:
            stack.append((_CLOSERS[mark], pos))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return QuoteSpans(merged)


def _breaks(text: str, start: int, end: int, mode: str) -> bool:
    if mode == "line":
        return text.find("\n", start, end) >= 0
    return _PARAGRAPH.search(text, start, end) is not None
