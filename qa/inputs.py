"""Reading what ``check`` compares into aligned units: a source and an edition (plain text or
Markdown, aligned by paragraphs), a PO catalog (msgid/msgstr pairs) or an XLIFF 1.2/2.0 file.

Errors that stop a check (a malformed catalog, files that do not pair up) raise
:class:`termguard.errors.InputError` with the file and the line: one line for the user, exit 2.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from termguard.errors import InputError
from termguard.lint.document import parse_suppressions
from termguard.locales import _
from termguard.qa.align import Bead, align_lengths
from termguard.qa.engine import Unit

__all__ = ["Pairing", "read_text", "pair_documents", "read_po", "read_xliff", "kind_of"]

_PO_SUFFIXES = (".po", ".pot")
_XLIFF_SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")


def kind_of(path: str | Path) -> str:
    """``po``, ``xliff``, ``markdown`` or ``text`` by the file name."""
    name = str(path).lower()
    if name.endswith(_PO_SUFFIXES):
        return "po"
    if name.endswith(_XLIFF_SUFFIXES):
        return "xliff"
    from termguard.translate.read import MARKDOWN_SUFFIXES

    return "markdown" if name.endswith(MARKDOWN_SUFFIXES) else "text"


def read_text(path: str | Path) -> str:
    """A UTF-8 file's text with normalised line ends, or an InputError saying why not."""
    from termguard.translate.read import read_utf8

    return read_utf8(path, directory="is a directory; check compares two files, or one PO or XLIFF file",
                     binary="looks like a binary file")


@dataclass
class Pairing:
    """The units of one check and what the alignment found on the way (merged paragraphs...)."""

    path: str
    units: list[Unit]
    #: (rule kind, the unit it is about, detail) of findings about the alignment itself: a missing,
    #: extra, merged or split paragraph.
    notes: list[tuple[str, Unit, str]] = field(default_factory=list)


def _paragraphs(text: str, fmt: str) -> list[tuple[str, int, int]]:
    """(prose, line, column) of each translatable block, by the translation pipeline's own reader."""
    from termguard.translate.read import parse_markdown, parse_text

    blocks = parse_markdown(text) if fmt == "markdown" else parse_text(text)
    return [(b.text, b.line, len(b.prefix.split("\n")[-1]) + 1) for b in blocks if b.translatable]


def pair_documents(source_text: str, target_text: str, fmt: str, path: str = "<edition>",
                   anchors: Callable[[str], frozenset[str]] | None = None) -> Pairing:
    """Units of two documents: paragraphs one to one when the counts match, otherwise aligned by
    length (Gale-Church, with ``anchors(text)`` of each paragraph, by default its numbers);
    merged, split, missing and extra paragraphs become notes."""
    source = _paragraphs(source_text, fmt)
    target = _paragraphs(target_text, fmt)
    suppress = parse_suppressions(target_text)
    suppress_source = parse_suppressions(source_text)
    pairing = Pairing(path, [])
    if not target and source:
        raise InputError(_("the edition has no text"), path)
    if len(source) == len(target):
        beads = [Bead((k,), (k,)) for k in range(len(source))]
    else:
        from termguard.qa.engine import _digits

        anchor = anchors or _digits
        beads = align_lengths([len(t) for t, _, _ in source], [len(t) for t, _, _ in target], None, 30,
                              [anchor(t) for t, _, _ in source], [anchor(t) for t, _, _ in target])
    for bead in beads:
        src_text = " ".join(source[k][0] for k in bead.source)
        src_line = source[bead.source[0]][1] if bead.source else 0
        if bead.target:
            tgt_text, line, column = target[bead.target[0]]
            if len(bead.target) > 1:
                tgt_text = " ".join(target[k][0] for k in bead.target)
            codes = frozenset().union(*(suppress.get(target[k][1], frozenset()) for k in bead.target),
                                      *(suppress.get(target[k][1] - 1, frozenset()) for k in bead.target),
                                      *(suppress_source.get(source[k][1], frozenset()) for k in bead.source))
        else:  # missing: located at the edition paragraph that follows the gap (or the last one)
            following = next((b.target[0] for b in beads[beads.index(bead):] if b.target), None)
            line = target[following][1] if following is not None else (target[-1][1] if target else 1)
            tgt_text, column, codes = "", 1, frozenset()
        unit = Unit(src_text, tgt_text, path, line, column, src_line, suppress=codes)
        if bead.source and not bead.target:
            pairing.notes.append(("missing-paragraph", unit, src_text))
            continue
        if bead.target and not bead.source:
            pairing.notes.append(("extra-paragraph", unit, tgt_text))
            continue
        if len(bead.source) > 1 or len(bead.target) > 1:
            lines_s = ", ".join(str(source[k][1]) for k in bead.source)
            lines_t = ", ".join(str(target[k][1]) for k in bead.target)
            what = _("merged into one") if len(bead.source) > 1 else _("split into several")
            pairing.notes.append(("merged", unit, _("source paragraphs at line(s) {lines} {what} in the edition "
                                                    "(line(s) {edition_lines})").format(lines=lines_s, what=what,
                                                                                        edition_lines=lines_t)))
        pairing.units.append(unit)
    return pairing


# --- gettext PO ---------------------------------------------------------------------------------

def read_po(path: str | Path, text: str | None = None) -> Pairing:
    """msgid/msgstr pairs of a PO catalog (the header and obsolete entries aside), with each
    msgstr character's position in the file. A malformed line is an InputError."""
    from termguard.lint.formats import _parse_po, _unescape

    display = str(path)
    text = read_text(path) if text is None else text
    entries, problems = _parse_po(text)
    if problems:
        _kind, detail, line, column = problems[0]
        raise InputError(_("malformed PO ({detail})").format(detail=detail.split(": ", 1)[-1]), display, line, column)
    pairing = Pairing(display, [])
    for entry in entries:
        if entry.obsolete or "msgid" not in entry.fields:
            continue
        msgid, _raw = _unescape(entry.fields["msgid"])
        if msgid == "":
            continue  # the header
        plural, _raw_plural = _unescape(entry.fields.get("msgid_plural", []))
        for key in entry.order:
            if not key.startswith("msgstr") or key not in entry.fields:
                continue
            value, positions = _unescape(entry.fields[key])
            source = plural if plural and key not in ("msgstr", "msgstr[0]") else msgid
            first = entry.fields[key][0]
            if not positions:
                positions = [(first[1], first[2])]
            pairing.units.append(Unit(source, value, display, positions[0][0], positions[0][1],
                                      entry.fields["msgid"][0][1], positions=positions, suppress=entry.suppress,
                                      level="segment"))
            entry.fields.pop(key)
    return pairing


# --- XLIFF 1.2 and 2.0 --------------------------------------------------------------------------

_NS12 = "urn:oasis:names:tc:xliff:document:1.2"
_NS20 = "urn:oasis:names:tc:xliff:document:2.0"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _flatten(element) -> str:  # type: ignore[no-untyped-def]
    """An XLIFF source or target as text, its inline elements as tags (``<ph id="1"/>``, ``<g id="2">…</g>``),
    so that a lost inline element is a lost tag."""
    parts = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        ident = child.get("id")
        attrs = f' id="{ident}"' if ident is not None else ""
        if name == "mrk":
            parts.append(_flatten(child))
        elif len(child) or child.text:
            parts.append(f"<{name}{attrs}>{_flatten(child)}</{name}>")
        else:
            parts.append(f"<{name}{attrs}/>")
        parts.append(child.tail or "")
    return "".join(parts)


def read_xliff(path: str | Path, text: str | None = None) -> Pairing:
    """Source/target pairs of an XLIFF 1.2 (``trans-unit``) or 2.0 (``unit``/``segment``) file,
    parsed with defusedxml: no entity expansion, no external entities, no DTD."""
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    display = str(path)
    text = read_text(path) if text is None else text
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        message = str(exc).split(":", 1)[0]
        raise InputError(_("malformed XLIFF ({detail})").format(detail=message), display, line,
                         (column or 0) + 1 if line else None) from None
    except DefusedXmlException as exc:
        raise InputError(_("XLIFF with forbidden XML ({kind}: entities and DTDs are not read)").format(
            kind=type(exc).__name__),
                         display) from None
    if _local(root.tag) != "xliff":
        raise InputError(_("not an XLIFF file (root element <{tag}>)").format(tag=_local(root.tag)), display, 1)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    pairing = Pairing(display, [])
    lines = _unit_lines(text)
    if ns == _NS20 or root.get("version", "").startswith("2"):
        for unit in root.iter(f"{{{ns}}}unit" if ns else "unit"):
            ident = unit.get("id", "")
            for k, segment in enumerate(s for s in unit.iter() if _local(s.tag) == "segment"):
                source = next((c for c in segment if _local(c.tag) == "source"), None)
                target = next((c for c in segment if _local(c.tag) == "target"), None)
                if source is None:
                    continue
                line = lines.get(ident, 1)
                flat = _flatten(target) if target is not None else ""
                pairing.units.append(Unit(_flatten(source), flat, display, line, 1, line,
                                          positions=_target_positions(text, line, k, len(flat)), level="segment",
                                          extra={"id": f"{ident}#{k + 1}"}))
    elif ns in (_NS12, "") :
        for unit in root.iter(f"{{{ns}}}trans-unit" if ns else "trans-unit"):
            ident = unit.get("id", "")
            if unit.get("translate") == "no":
                continue
            source = next((c for c in unit if _local(c.tag) == "source"), None)
            target = next((c for c in unit if _local(c.tag) == "target"), None)
            if source is None:
                raise InputError(_("trans-unit {id!r} has no <source>").format(id=ident), display, lines.get(ident))
            line = lines.get(ident, 1)
            flat = _flatten(target) if target is not None else ""
            pairing.units.append(Unit(_flatten(source), flat, display, line, 1, line,
                                      positions=_target_positions(text, line, 0, len(flat)), level="segment",
                                      extra={"id": ident}))
    else:
        raise InputError(_("unknown XLIFF namespace {ns!r} (XLIFF 1.2 and 2.0 are read)").format(ns=ns), display, 1)
    return pairing


_UNIT_START = re.compile(r"<(?:[\w-]+:)?(?:trans-unit|unit)\b[^>]*?\bid\s*=\s*[\"']([^\"']*)[\"']")
_TARGET_START = re.compile(r"<(?:[\w-]+:)?target\b")


def _unit_lines(text: str) -> dict[str, int]:
    """Line of each unit's start tag by its id (ElementTree keeps no line numbers)."""
    lines: dict[str, int] = {}
    for m in _UNIT_START.finditer(text):
        lines.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
    return lines


def _target_positions(raw: str, unit_line: int, segment: int, length: int) -> list[tuple[int, int]]:
    """Each target character located at the line of the unit's ``segment``-th ``<target>`` tag,
    column 1: the flattened text has no columns of its own in the file."""
    lines = raw.split("\n")
    seen = 0
    for number in range(unit_line - 1, len(lines)):
        for _start in _TARGET_START.finditer(lines[number]):
            if seen == segment:
                return [(number + 1, 1)] * max(length, 1)
            seen += 1
    return [(unit_line, 1)] * max(length, 1)
