"""TBX in both directions: TBX-Basic 2008 (``<martif>``, what CAT tools import) and TBX 2019 (ISO 30042:2019).

The two forms carry the same data under different element names, so one writer and one reader
serve both through a table of names (:data:`DIALECTS`). What TBX-Basic has no data category for
(the ``loaded`` status, ``render``, matcher flags, the contested mark) travels in ``note``
elements prefixed ``termguard:``, which other tools show as ordinary notes and the reader turns
back into fields, so export then import gives back the same termbase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from termguard.errors import TermbaseError
from termguard.model import Concept, Term
from termguard.safexml import local_name as _local
from termguard.safexml import parse_xml

__all__ = ["DIALECTS", "TbxDialect", "write_tbx", "read_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX-Basic has no "loaded" status: it is exported as deprecated plus a termguard note,
# so CAT tools warn about the form and the round trip keeps the distinction.
_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
           "deprecated": "deprecatedTerm-admn-sts", "loaded": "deprecatedTerm-admn-sts"}
_STATUS_BACK = {v: k for k, v in _STATUS.items() if k != "loaded"}
_TYPE = {"full": "fullForm", "short": "shortForm", "acronym": "acronym", "abbreviation": "abbreviation",
         "variant": "variant"}
_TYPE_BACK = {v: k for k, v in _TYPE.items()}
NOTE_PREFIX = "termguard:"
_SOURCE_DESC = "termguard termbase of contested South Caucasus names"


@dataclass(frozen=True)
class TbxDialect:
    """Element names of one TBX form; ``namespace`` is empty for the 2008 form."""

    name: str
    namespace: str
    root: str
    header: str
    entry: str
    lang_sec: str
    term_sec: str
    root_attrs: tuple[tuple[str, str], ...]


DIALECTS: dict[str, TbxDialect] = {
    # TBX-Basic 2008 (ISO 30042:2008, TBX-Basic 1.x): Translate Toolkit, OmegaT, Trados, memoQ.
    "tbx": TbxDialect("TBX-Basic 2008", "", "martif", "martifHeader", "termEntry", "langSet", "tig",
                      (("type", "TBX-Basic"),)),
    # TBX 2019 (ISO 30042:2019), DCA style, TBX-Basic dialect.
    "tbx-2019": TbxDialect("TBX 2019", "urn:iso:std:iso:30042:ed-2", "tbx", "tbxHeader", "conceptEntry",
                           "langSec", "termSec", (("type", "TBX-Basic"), ("style", "dca"))),
}


def _term_extras(term: Term) -> list[str]:
    """The termguard fields TBX-Basic has no data category for, as ``key=value``."""
    from termguard.glossary.termbase import _default_case_sensitive

    extras = []
    if term.status == "loaded":
        extras.append("status=loaded")
    if term.render:
        extras.append(f"render={term.render}")
    if term.case_sensitive != _default_case_sensitive(term.text, term.type):
        extras.append(f"case_sensitive={str(term.case_sensitive).lower()}")
    if not term.inflects:
        extras.append("inflects=false")
    return extras


def write_tbx(concepts: Iterable[Concept], dialect: str = "tbx") -> str:
    """The concepts as a TBX document; ``dialect`` is ``tbx`` (2008 ``martif``) or ``tbx-2019``.

    Element order follows the TBX-Basic content models: an entry's administrative data and notes
    come before its language sections, a term's ``termNote`` elements before its notes.
    """
    d = DIALECTS[dialect]

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        element.text = text
        return element

    # The namespace is declared as a plain attribute rather than through ElementTree's global
    # namespace registry, which other writers in the same process would share.
    root = ET.Element(d.root, {"xmlns": d.namespace} if d.namespace else {})
    root.attrib.update(d.root_attrs)
    root.set(_XML_LANG, "en")
    header = sub(root, d.header)
    sub(sub(sub(header, "fileDesc"), "sourceDesc"), "p", _SOURCE_DESC)
    if not d.namespace:
        # The 2008 form names its constraint specification (TBX-Basic's XCS) in the header.
        sub(sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = sub(sub(root, "text"), "body")
    for c in concepts:
        entry = sub(body, d.entry, id=c.id)
        sub(entry, "descrip", c.kind, type="subjectField")
        for source in c.sources:
            sub(entry, "admin", source, type="source")
        if c.note:
            sub(entry, "note", c.note)
        if c.explicitly_contested:
            sub(entry, "note", f"{NOTE_PREFIX}contested")
        for target in c.see_also:
            sub(entry, "ref", target, type="crossReference", target=target)
        by_lang: dict[str, list[Term]] = {}
        for t in c.terms:
            by_lang.setdefault(t.lang, []).append(t)
        for lang, terms in by_lang.items():
            lang_sec = sub(entry, d.lang_sec)
            lang_sec.set(_XML_LANG, lang)
            for t in terms:
                term_sec = sub(lang_sec, d.term_sec)
                sub(term_sec, "term", t.text)
                if t.type:
                    sub(term_sec, "termNote", _TYPE[t.type], type="termType")
                sub(term_sec, "termNote", _STATUS[t.status], type="administrativeStatus")
                if t.note:
                    sub(term_sec, "note", t.note)
                for extra in _term_extras(t):
                    sub(term_sec, "note", NOTE_PREFIX + extra)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def read_tbx(text: str, path: str) -> list[dict[str, Any]]:
    """The concepts of a TBX document (either form) as termbase-schema dicts."""
    root = parse_xml(text, path, TermbaseError)
    if _local(root.tag) not in ("martif", "tbx"):
        raise TermbaseError(f"root element is <{_local(root.tag)}>, not a TBX <martif> or <tbx>", path)
    concepts = []
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        cid = entry.get("id")
        if not cid:
            raise TermbaseError(f"<{_local(entry.tag)}> without id", path)
        concept: dict[str, Any] = {"id": cid, "kind": "concept", "terms": {}, "note": "", "sources": [],
                                   "see_also": [], "contested": False}
        for child in entry:
            tag = _local(child.tag)
            value = (child.text or "").strip()
            if tag == "descrip" and child.get("type") == "subjectField":
                concept["kind"] = value
            elif tag == "note":
                if value == f"{NOTE_PREFIX}contested":
                    concept["contested"] = True
                elif not concept["note"]:
                    concept["note"] = value
            elif tag == "admin" and child.get("type") == "source":
                concept["sources"].append(value)
            elif tag == "ref" and child.get("type") == "crossReference":
                concept["see_also"].append(child.get("target") or value)
            elif tag in ("langSec", "langSet"):
                lang = child.get(_XML_LANG) or child.get("lang") or ""
                for term_sec in child:
                    if _local(term_sec.tag) in ("termSec", "tig", "ntig"):
                        concept["terms"].setdefault(lang, []).append(_read_term(term_sec))
        concepts.append(concept)
    if not concepts:
        raise TermbaseError("no termEntry or conceptEntry elements found (is this a TBX file?)", path)
    return concepts


def _read_term(term_sec: ET.Element) -> dict[str, Any]:
    item: dict[str, Any] = {"term": "", "status": "admitted"}
    for part in term_sec.iter():
        tag = _local(part.tag)
        value = (part.text or "").strip()
        if tag == "term":
            item["term"] = value
        elif tag == "termNote" and part.get("type") == "administrativeStatus":
            if item["status"] != "loaded":
                item["status"] = _STATUS_BACK.get(value, "admitted")
        elif tag == "termNote" and part.get("type") == "termType" and value in _TYPE_BACK:
            item["type"] = _TYPE_BACK[value]
        elif tag == "note" and value.startswith(NOTE_PREFIX):
            key, _, val = value[len(NOTE_PREFIX):].partition("=")
            if key == "status":
                item["status"] = val
            elif key == "render":
                item["render"] = val
            elif key in ("case_sensitive", "inflects"):
                item[key] = val == "true"
        elif tag == "note":
            item["note"] = value
    return item
