"""Markup and markers that must come through a translation intact: Markdown links and images
(URL and title), inline HTML tags with their attributes, footnote markers, software placeholders."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from termguard.locales import _

__all__ = ["MarkupProblem", "compare_markup"]

# A well-formed link or image: [text](url "title") with a straight-quoted (or parenthesised) title.
_LINK = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]"
                   r"\(\s*<?([^\s()<>]+)>?(?:\s+(\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)")
# Anything that looks like the start of a link destination, broken or not: "](" + URL.
_URL = re.compile(r"https?://[^\s)\"”“'<>]+[^\s)\"”“'<>.,;:!?]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*?)?)\s*(/?)>")
_ATTR = re.compile(r"""\s+([A-Za-z_:][\w:.-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_FOOTNOTE = re.compile(r"\[\^?\d{1,3}\](?![(:\[])")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(?:\.\w+)*\}|\{\d+\}|%(?:\d+\$)?(?:\([\w]+\))?[sdif]|%\d+\$[sd]")


@dataclass(frozen=True, slots=True)
class MarkupProblem:
    """``code_kind`` is the rules table's kind (link, tag, footnote, placeholder); ``start``/``end``
    locate it in the target text when it is there (else the target's start)."""

    kind: str
    detail: str
    start: int = 0
    end: int = 0


def _links(text: str) -> list[tuple[str, str | None, int, int]]:
    out = []
    for m in _LINK.finditer(text):
        title = m.group(2)
        out.append((m.group(1), title[1:-1] if title else None, m.start(), m.end()))
    return out


def _tags(text: str) -> tuple[list[tuple[str, tuple[tuple[str, str], ...], int, int]], list[tuple[int, int, str]]]:
    """Tags as (name with / for closing, attributes), and tags whose attributes do not parse."""
    tags, broken = [], []
    for m in _TAG.finditer(text):
        name = m.group(1) + m.group(2).lower() + m.group(4)  # "x/" for a self-closing <x/>
        raw = m.group(3)
        attrs = []
        pos = 0
        for a in _ATTR.finditer(raw):
            if a.start() != pos:
                break
            value = a.group(2) or ""
            if value[:1] in "\"'":
                value = value[1:-1]
            attrs.append((a.group(1).lower(), value))
            pos = a.end()
        rest = raw[pos:].strip()
        if rest:
            broken.append((m.start(), m.end(), m.group(0)))
        tags.append((name, tuple(attrs), m.start(), m.end()))
    return tags, broken


def compare_markup(source: str, target: str) -> list[MarkupProblem]:
    """What of the source's markup is missing, changed or added in the target.

    >>> src = '[Alijew](https://example.org/a "Titel") und <a href="https://x.org">Alijew</a> [1]'
    >>> [p.detail for p in compare_markup(src, '[Aliyev](https://example.org/a ”Titel”) and Aliyev https://x.org')]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['to https://example.org/a is broken in the edition (its title is not in straight quotation marks)',
     'tag `<a href="https://x.org">` is missing from the edition', 'tag `</a>` is missing from the edition',
     '`[1]` is missing from the edition']
    >>> compare_markup("Text {name} und %s.", "Text {name} and %s.")
    []
    """
    problems: list[MarkupProblem] = []
    source_links = _links(source)
    target_links = _links(target)
    unused = list(target_links)
    for url, title, _start, _end in source_links:
        match = next((t for t in unused if t[0] == url), None)
        if match is not None:
            unused.remove(match)
            if title is not None and match[1] is None:
                problems.append(MarkupProblem("link", _("to {url} lost its title").format(url=url), match[2],
                                              match[3]))
            continue
        at = target.find(url)
        if at >= 0:
            head = target[max(0, at - 2):at]
            why = _("its title is not in straight quotation marks") if head.endswith("(") \
                else _("its URL is left as text")
            problems.append(MarkupProblem("link", _("to {url} is broken in the edition ({why})").format(
                url=url, why=why), at, at + len(url)))
        else:
            problems.append(MarkupProblem("link", _("to {url} is missing from the edition").format(url=url)))
    source_urls = {url for url, _, _, _ in source_links}
    for url, _title, start, end in unused:
        if url not in source_urls:
            problems.append(MarkupProblem("link", _("to {url} in the edition is not in the source").format(url=url),
                                          start, end))
    source_tags, _broken = _tags(source)
    target_tags, broken = _tags(target)
    for start, end, raw in broken:
        problems.append(MarkupProblem("tag", _("`{tag}` is malformed in the edition").format(tag=raw), start, end))
    broken_at = {start for start, _, _ in broken}
    wanted = Counter((name, attrs) for name, attrs, _, _ in source_tags)
    have = Counter((name, attrs) for name, attrs, start, _ in target_tags if start not in broken_at)
    for (name, attrs), count in (wanted - have).items():
        if any(name == n for n, _, s, _ in target_tags if s in broken_at):
            continue  # reported as malformed
        problems.append(MarkupProblem("tag", _("tag `{tag}` is missing from the edition").format(
                                          tag=_shown(name, attrs))
                                      + (" " + _("({n} times)").format(n=count) if count > 1 else "")))
    for (name, attrs), _count in (have - wanted).items():
        at = next(s for n, a, s, _ in target_tags if (n, a) == (name, attrs))
        shown = _shown(name, attrs)
        problems.append(MarkupProblem("tag", _("tag `{tag}` in the edition is not in the source").format(tag=shown),
                                      at, at + len(shown)))
    for kind, pattern in (("footnote", _FOOTNOTE), ("placeholder", _PLACEHOLDER)):
        masked_source = _mask_links(source) if kind == "footnote" else source
        masked_target = _mask_links(target) if kind == "footnote" else target
        wanted_marks = Counter(m.group(0) for m in pattern.finditer(masked_source))
        have_marks = Counter(m.group(0) for m in pattern.finditer(masked_target))
        for mark in sorted(wanted_marks - have_marks):
            problems.append(MarkupProblem(kind, _("`{mark}` is missing from the edition").format(mark=mark)))
        for mark in sorted(have_marks - wanted_marks):
            at = masked_target.find(mark)
            problems.append(MarkupProblem(kind, _("`{mark}` in the edition is not in the source").format(mark=mark),
                                          at, at + len(mark)))
    return problems


def _shown(name: str, attrs: tuple[tuple[str, str], ...]) -> str:
    """A tag as it is written: ``<a href="x">``, ``</a>``, ``<x id="1"/>``."""
    closing = "/" if name.endswith("/") else ""
    return "<" + name.rstrip("/") + "".join(f' {k}="{v}"' for k, v in attrs) + closing + ">"


def _mask_links(text: str) -> str:
    return _LINK.sub(lambda m: " " * len(m.group(0)), text)


def link_urls(text: str) -> list[str]:
    """Every URL in ``text`` (for telling a URL's digits from the text's numbers)."""
    return [m.group(0) for m in _URL.finditer(text)]
