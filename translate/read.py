"""Reading plain-text and Markdown articles into the document model (inputs are never modified)."""

from __future__ import annotations

import re
from pathlib import Path

from termguard.errors import InputError
from termguard.translate.document import Block, Document

__all__ = ["read_document", "read_utf8", "parse_text", "parse_markdown", "detect_format", "inline_spans",
           "footnote_spans", "MARKDOWN_SUFFIXES"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_FENCE = re.compile(r"^(\s{0,3})(`{3,}|~{3,})")
_HEADING = re.compile(r"^(\s{0,3}#{1,6}[ \t]+)(.*?)(?:[ \t]+#+[ \t]*)?$")
_LIST = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)(.*)$")
_QUOTE = re.compile(r"^(\s{0,3}(?:>[ \t]?)+)(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)[ \t]*$")
_TABLE = re.compile(r"^\s*\|")
_TABLE_DELIMITER = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?$")
_HTML = re.compile(r"^\s{0,3}<(?:[A-Za-z/!?])")

# Inline Markdown that must reach the output unchanged (code spans, autolinks, bare URLs,
# HTML tags, image syntax) or whose URL must be kept (links: the text is translated).
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\](\([^)\s]*(?:\s+\"[^\"]*\")?\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>")
_URL = re.compile(r"\bhttps?://[^\s<>()\"“”„]+[^\s<>()\"“”„.,;:!?]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# An inline HTML element with plain text inside: like a link, the text is translated and the
# tags (with every attribute) are kept as they are.
_ELEMENT = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>([^<>\n]*[^\W\d_][^<>\n]*)</\1\s*>")
# Footnote markers ("[1]", "[^2]", "[^note]"): never translated, and in plain text as much as in
# Markdown, since a bare "[1]" is also what a protected span looks like to the engine.
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]|\[\d{1,3}\](?!\()")


def detect_format(path: Path, fmt: str = "auto") -> str:
    """``markdown`` for Markdown file names, otherwise ``text`` (unless ``fmt`` says)."""
    if fmt in ("text", "markdown"):
        return fmt
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def read_utf8(path: str | Path, directory: str = "is a directory",
              binary: str = "looks like a binary file, not an article") -> str:
    """A UTF-8 text file's text with normalised line ends, or one :class:`InputError` saying why not
    (``directory`` and ``binary`` are the reader's words for those two cases)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError(directory, path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    if b"\0" in data[:8192]:
        raise InputError(binary, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", path, data[: exc.start].count(b"\n") + 1) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: str | Path, fmt: str = "auto", source_lang: str = "de",
                  target_lang: str = "en") -> Document:
    """Read ``path`` (UTF-8) into a :class:`Document`; one clear :class:`InputError` otherwise."""
    path = Path(path)
    text = read_utf8(path)
    fmt = detect_format(path, fmt)
    blocks = parse_markdown(text) if fmt == "markdown" else parse_text(text)
    return Document(path=path, format=fmt, blocks=blocks, source_lang=source_lang, target_lang=target_lang,
                    trailing_newline=text.endswith("\n"))


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def _number(blocks: list[Block]) -> list[Block]:
    n = 0
    for block in blocks:
        if block.kind != "blank":
            n += 1
            block.number = n
    return blocks


def parse_text(text: str) -> list[Block]:
    """Plain text: every non-empty line is a paragraph (news copy puts one paragraph per line).

    >>> [(b.kind, b.text) for b in parse_text("Titel\\n\\nErster Absatz.\\n")]
    [('paragraph', 'Titel'), ('blank', ''), ('paragraph', 'Erster Absatz.')]
    """
    blocks = []
    for i, line in enumerate(_lines(text), start=1):
        if line.strip():
            stripped = line.lstrip()
            blocks.append(Block("paragraph", stripped.rstrip(), prefix=line[: len(line) - len(stripped)],
                                line=i))
        else:
            blocks.append(Block("blank", line, line=i))
    return _number(blocks)


def parse_markdown(text: str) -> list[Block]:
    """Markdown: headings, paragraphs, list items, quotes and table cells are prose; code is kept.

    A paragraph wrapped over several lines becomes one block (and one output line).

    >>> [(b.kind, b.prefix, b.text) for b in parse_markdown("# Titel\\n\\n- Punkt\\n```\\nx = 1\\n```\\n")]
    [('heading', '# ', 'Titel'), ('blank', '', ''), ('list_item', '- ', 'Punkt'), ('code', '', '```\\nx = 1\\n```')]
    """
    lines = _lines(text)
    blocks: list[Block] = []
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                blocks.append(Block("verbatim", "\n".join(lines[: j + 1]), line=1))
                i = j + 1
                break
    while i < len(lines):
        line = lines[i]
        number = i + 1
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(2)
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(marker[0] * len(marker)):
                j += 1
            blocks.append(Block("code", "\n".join(lines[i: j + 1]), line=number))
            i = j + 1
            continue
        if not line.strip():
            blocks.append(Block("blank", line, line=number))
            i += 1
            continue
        if line.startswith(("    ", "\t")) and (not blocks or blocks[-1].kind in ("blank", "code")):
            j = i
            while j < len(lines) and (lines[j].startswith(("    ", "\t")) or not lines[j].strip()):
                j += 1
            while j > i and not lines[j - 1].strip():
                j -= 1
            blocks.append(Block("code", "\n".join(lines[i:j]), line=number))
            i = j
            continue
        if _TABLE.match(line):
            # Each row is a block (its cells are translated); the delimiter row is markup.
            j = i
            while j < len(lines) and _TABLE.match(lines[j]):
                kind = "verbatim" if _TABLE_DELIMITER.match(lines[j]) else "table_row"
                blocks.append(Block(kind, lines[j], line=j + 1))  # type: ignore[arg-type]
                j += 1
            i = j
            continue
        if _RULE.match(line) or _HTML.match(line):
            j = i + 1
            if not _RULE.match(line):
                while j < len(lines) and lines[j].strip() and (_TABLE.match(lines[j]) or _HTML.match(line)):
                    j += 1
            blocks.append(Block("verbatim", "\n".join(lines[i:j]), line=number))
            i = j
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", heading.group(2), prefix=heading.group(1), line=number))
            i += 1
            continue
        for kind, pattern in (("list_item", _LIST), ("quote", _QUOTE)):
            m = pattern.match(line)
            if m:
                blocks.append(Block(kind, m.group(2).rstrip(), prefix=m.group(1), line=number))  # type: ignore[arg-type]
                i += 1
                break
        else:
            # A paragraph runs until a blank line or the start of another block.
            j = i + 1
            parts = [line.strip()]
            while j < len(lines) and lines[j].strip() and not _starts_block(lines[j]):
                parts.append(lines[j].strip())
                j += 1
            if j < len(lines) and _SETEXT.match(lines[j]) and len(parts) == 1:
                # Setext heading: the underline stays as markup after the translated title.
                blocks.append(Block("heading", parts[0], prefix="", line=number))
                blocks.append(Block("verbatim", lines[j], line=j + 1))
                i = j + 1
                continue
            indent = line[: len(line) - len(line.lstrip())]
            blocks.append(Block("paragraph", " ".join(parts), prefix=indent, line=number))
            i = j
    return _number(blocks)


def _starts_block(line: str) -> bool:
    return bool(_FENCE.match(line) or _HEADING.match(line) or _LIST.match(line) or _QUOTE.match(line)
                or _RULE.match(line) or _SETEXT.match(line) or _TABLE.match(line))


def inline_spans(text: str) -> list[tuple[int, int, str, str | None]]:
    """Inline Markdown in ``text`` as ``(start, end, kind, link_text)``, non-overlapping, sorted.

    ``kind`` is ``code`` (kept verbatim: code spans, images, autolinks, URLs, HTML tags,
    footnote markers) or ``link`` (the text in brackets, or inside an inline HTML element, is
    translated; the URL, title, tags and attributes are kept).

    >>> inline_spans("Siehe [Bericht](https://x.org/a) und `code`.")
    [(6, 32, 'link', 'Bericht'), (37, 43, 'code', None)]
    >>> inline_spans('Mit <a href="https://x.org">Alijew</a> [1].')
    [(4, 38, 'link', 'Alijew'), (39, 42, 'code', None)]
    """
    found: list[tuple[int, int, str, str | None]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    # Order matters: an HTML tag holds its URL; "[1][2]" are two markers, not a reference link.
    for pattern, kind in ((_CODE_SPAN, "code"), (_IMAGE, "code"), (_AUTOLINK, "code"), (_FOOTNOTE, "code"),
                          (_LINK, "link"), (_ELEMENT, "element"), (_TAG, "code"), (_URL, "code")):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                link_text = m.group(1) if kind == "link" else m.group(2) if kind == "element" else None
                found.append((m.start(), m.end(), "link" if kind == "element" else kind, link_text))
    return sorted(found)


def footnote_spans(text: str) -> list[tuple[int, int, str, str | None]]:
    """Footnote markers in ``text`` (plain text too), in :func:`inline_spans`' form.

    >>> footnote_spans("Paschinjan traf Alijew [1] am Montag in Eriwan [^2].")
    [(23, 26, 'code', None), (47, 51, 'code', None)]
    """
    return [(m.start(), m.end(), "code", None) for m in _FOOTNOTE.finditer(text)]
