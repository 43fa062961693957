"""What the checks read: a document as segments of text, each with its language and positions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Segment", "Document", "parse_suppressions", "SUPPRESS_ALL"]

#: The prefix that suppresses every code (``termguard: ignore`` without a list).
SUPPRESS_ALL: frozenset[str] = frozenset({"TG"})
_SUPPRESS = re.compile(r"termguard:\s*ignore(?:\[([^\]\n]*)\])?")


@dataclass(slots=True)
class Segment:
    """A stretch of text in one language.

    Positions: ``text[0]`` sits at ``line``/``column`` of the file, and the rest follows the
    text's own line breaks, unless ``positions`` gives each character's (line, column)
    explicitly (PO strings, whose characters come from escaped literals on several lines).
    """

    text: str
    lang: str
    line: int = 1
    column: int = 1
    positions: Sequence[tuple[int, int]] | None = None
    #: Consistency is checked per side: "" for a whole file, "msgid"/"msgstr" in a PO file.
    side: str = ""
    #: Quotations end at a line break ("line") or only at a blank line ("blank", Markdown).
    paragraph_break: str = "line"
    #: Inline suppressions: line -> code prefixes ignored on that line.
    suppressions: Mapping[int, frozenset[str]] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """One input: its display path, format and segments (possibly produced lazily)."""

    path: str
    fmt: str
    segments: Iterable[Segment]
    #: Problems found while reading that do not stop the document: (kind, detail, line, column).
    problems: list[tuple[str, str, int, int]] = field(default_factory=list)


def parse_suppressions(text: str, first_line: int = 1) -> dict[int, frozenset[str]]:
    """``termguard: ignore[TG101, TG2]`` markers in ``text``, by line.

    >>> found = parse_suppressions("a\\nb  # termguard: ignore[TG101, tg2]\\nc termguard: ignore", 10)
    >>> sorted(found), sorted(found[11]), sorted(found[12])
    ([11, 12], ['TG101', 'TG2'], ['TG'])
    """
    found: dict[int, frozenset[str]] = {}
    if "termguard:" not in text:  # the marker is lower case; this test runs at C speed
        return found
    for m in _SUPPRESS.finditer(text):
        line = first_line + text.count("\n", 0, m.start())
        codes = frozenset(c.upper() for c in re.split(r"[\s,]+", m.group(1) or "") if c) or SUPPRESS_ALL
        found[line] = found.get(line, frozenset()) | codes
    return found
