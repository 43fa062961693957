"""Turning the text of a file into segments: plain text, Markdown and gettext PO."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from termguard.lint.document import Document, Segment, parse_suppressions
from termguard.lint.langdetect import LANGS, detect_language

__all__ = ["FORMATS", "format_for_path", "text_document", "markdown_document", "po_document", "mask_markdown"]

_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_PO_SUFFIXES = (".po", ".pot")


def format_for_path(name: str) -> str:
    """``markdown``, ``po`` or ``text`` by file name.

    >>> format_for_path("edition.de.md"), format_for_path("messages.po"), format_for_path("a.txt")
    ('markdown', 'po', 'text')
    """
    lower = name.lower()
    if lower.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(_PO_SUFFIXES):
        return "po"
    return "text"


def _resolve_lang(lang: str, text: str) -> str:
    return detect_language(text) if lang == "auto" else lang


# --- plain text -------------------------------------------------------------------------------

def text_document(path: str, chunks: Iterable[tuple[str, int]], lang: str = "auto") -> Document:
    """Plain text, as chunks ``(text, first_line)`` that start at line boundaries.

    The language is detected on the first chunk, so a long file is read once, in pieces.
    """
    return Document(path, "text", _text_segments(chunks, lang))


def _text_segments(chunks: Iterable[tuple[str, int]], lang: str) -> Iterator[Segment]:
    for text, first_line in chunks:
        if lang == "auto":
            lang = detect_language(text)
        yield Segment(text, lang, line=first_line, suppressions=parse_suppressions(text, first_line))


# --- Markdown ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
_INLINE_SKIP = re.compile(
    r"<!--.*?-->"                                   # HTML comments (suppressions are read first)
    r"|(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)"              # code spans
    r"|<(?:https?|ftp|mailto):[^>\s]*>"             # autolinks
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"     # inline HTML tags (their attributes)
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"             # link and image destinations
    r"|^ {0,3}\[[^\]\n]+\]:[ \t]*\S+"               # link reference definitions
    r"|(?:https?|ftp)://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+"  # bare URLs
    r"|(?<!\w)[*_~]+(?=\w)|(?<=\w)[*_~]+(?!\w)",  # emphasis delimiters (**US** is the word US)
    re.DOTALL | re.MULTILINE,
)
_NOT_NEWLINE = re.compile(r"[^\n]")
_HTML_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def mask_markdown(text: str) -> str:
    """``text`` with code, URLs, HTML tags and comments blanked out, offsets and lines kept.

    >>> md = "Use `Sangesur` here, see <https://x.am/Sangesur>.\\n```\\nSangesur\\n```\\nSangesur"
    >>> masked = mask_markdown(md)
    >>> masked.split(), len(masked) == len(md), masked.count("\\n")
    (['Use', 'here,', 'see', '.', 'Sangesur'], True, 4)
    """
    lines = text.split("\n")
    fence = ""
    previous_blank = True
    in_list = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            lines[i] = " " * len(line)
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = ""
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            lines[i] = " " * len(line)
            continue
        if not stripped:
            previous_blank = True
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif previous_blank and not line.startswith((" ", "\t")):
            in_list = False
        if (line.startswith("    ") or line.startswith("\t")) and previous_blank and not in_list:
            lines[i] = " " * len(line)  # indented code block (stays "blank-preceded" for its next line)
            continue
        previous_blank = False
    masked = "\n".join(lines)
    return _INLINE_SKIP.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group()), masked)


def markdown_document(path: str, text: str, lang: str = "auto") -> Document:
    """A Markdown file as one segment of masked text (same offsets as the file)."""
    masked = mask_markdown(text)
    suppressions = parse_suppressions(text)
    # A comment on a line of its own also covers the next non-blank line.
    if suppressions:
        lines = text.split("\n")
        for line_no, codes in list(suppressions.items()):
            if _HTML_COMMENT_LINE.match(lines[line_no - 1]):
                nxt = line_no
                while nxt < len(lines) and not lines[nxt].strip():
                    nxt += 1
                if nxt < len(lines):
                    suppressions[nxt + 1] = suppressions.get(nxt + 1, frozenset()) | codes
    segment = Segment(masked, _resolve_lang(lang, masked), paragraph_break="blank", suppressions=suppressions)
    return Document(path, "markdown", [segment])


# --- gettext PO -------------------------------------------------------------------------------

_PO_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+"(.*)"[ \t]*$')
_PO_CONTINUATION = re.compile(r'^[ \t]*"(.*)"[ \t]*$')
_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_HEADER_LANG = re.compile(r"^(Language|X-Source-Language):[ \t]*([A-Za-z]{2,3})", re.MULTILINE)


class _Entry:
    __slots__ = ("fields", "order", "suppress", "lines", "obsolete", "broken")

    def __init__(self) -> None:
        self.fields: dict[str, list[tuple[str, int, int]]] = {}  # key -> [(raw literal, line, column)]
        self.order: list[str] = []
        self.suppress: frozenset[str] = frozenset()
        self.lines: list[int] = []
        self.obsolete = False
        self.broken = False


def _unescape(pieces: list[tuple[str, int, int]]) -> tuple[str, list[tuple[int, int]]]:
    chars: list[str] = []
    positions: list[tuple[int, int]] = []
    for raw, line, column in pieces:
        if "\\" not in raw:
            chars.append(raw)
            positions.extend((line, column + k) for k in range(len(raw)))
            continue
        k = 0
        while k < len(raw):
            if raw[k] == "\\" and k + 1 < len(raw):
                chars.append(_PO_ESCAPES.get(raw[k + 1], raw[k + 1]))
                positions.append((line, column + k))
                k += 2
            else:
                chars.append(raw[k])
                positions.append((line, column + k))
                k += 1
    return "".join(chars), positions


def _parse_po(text: str) -> tuple[list[_Entry], list[tuple[str, str, int, int]]]:
    entries: list[_Entry] = []
    problems: list[tuple[str, str, int, int]] = []
    entry = _Entry()
    key = ""

    def flush() -> None:
        nonlocal entry, key
        if entry.fields or entry.obsolete:
            entries.append(entry)
        entry, key = _Entry(), ""

    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            if entry.fields:
                flush()
            if stripped.startswith("#~"):
                entry.obsolete = True
            codes = parse_suppressions(stripped)
            if codes:
                entry.suppress |= next(iter(codes.values()))
            entry.lines.append(number)
            continue
        if entry.broken:
            entry.lines.append(number)
            continue
        m = _PO_KEYWORD.match(line)
        if m:
            new_key = m.group(1)
            if new_key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry.fields):
                flush()
            key = new_key
            entry.fields.setdefault(key, []).append((m.group(2), number, m.start(2) + 1))
            entry.order.append(key)
            entry.lines.append(number)
            continue
        m = _PO_CONTINUATION.match(line)
        if m and key:
            entry.fields[key].append((m.group(1), number, m.start(1) + 1))
            entry.lines.append(number)
            continue
        snippet = stripped if len(stripped) <= 40 else stripped[:37] + "..."
        problems.append(("syntax", f"line {number}: {snippet}", number, len(line) - len(line.lstrip()) + 1))
        entry.broken = True
        entry.lines.append(number)
    flush()
    return entries, problems


def po_document(path: str, text: str, lang: str = "auto") -> Document:
    """A PO catalog: each msgid as source-language text, each msgstr as target-language text.

    Languages come from the header (``X-Source-Language``, ``Language``), else from ``lang``,
    else are detected per side. Positions point at the PO line and column of each character.
    """
    entries, problems = _parse_po(text)
    header: dict[str, str] = {}
    strings: list[tuple[str, str, list[tuple[int, int]], _Entry]] = []  # (side, text, positions, entry)
    for entry in entries:
        if entry.obsolete:
            continue
        msgid = "".join(raw for raw, _, _ in entry.fields.get("msgid", []))
        if msgid == "" and "msgid" in entry.fields and not header:
            msgstr, _ = _unescape(entry.fields.get("msgstr", []))
            header = {k: v.lower() for k, v in _HEADER_LANG.findall(msgstr)}
            continue
        for key in dict.fromkeys(entry.order):
            if key == "msgctxt":
                continue
            value, positions = _unescape(entry.fields[key])
            if value.strip():
                strings.append(("msgid" if key.startswith("msgid") else "msgstr", value, positions, entry))
    langs = {}
    for side, declared in (("msgid", header.get("X-Source-Language")), ("msgstr", header.get("Language"))):
        if declared in LANGS:
            langs[side] = declared
        elif lang != "auto":
            langs[side] = lang
        else:
            langs[side] = detect_language("\n".join(s for sd, s, _, _ in strings[:400] if sd == side))
    segments = []
    for side, value, positions, entry in strings:
        suppress = {line: entry.suppress for line in entry.lines} if entry.suppress else {}
        segments.append(Segment(value, langs[side], line=positions[0][0], column=positions[0][1],
                                positions=positions, side=side, suppressions=suppress))
    return Document(path, "po", segments, problems)


#: Format name -> parser of whole-file text (plain text is also read in chunks, see read.py).
FORMATS: dict[str, Callable[[str, str, str], Document]] = {
    "text": lambda path, text, lang: text_document(path, [(text, 1)], lang),
    "markdown": markdown_document,
    "po": po_document,
}
