"""Termbase exchange with CAT tools: CSV and TBX (2008 TBX-Basic and 2019, see tbx.py) both ways, PO out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from termguard.errors import TermbaseError
from termguard.glossary.tbx import read_tbx, write_tbx
from termguard.model import Concept, Term

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "export_termbase",
    "import_termbase",
    "concepts_to_yaml",
]

CSV_COLUMNS = ["concept_id", "kind", "lang", "term", "status", "type", "render", "case_sensitive", "inflects",
               "term_note", "concept_note", "sources", "see_also", "contested"]
_LIST_SEP = " | "



def _default_case_sensitive(term: Term) -> bool:
    from termguard.glossary.termbase import _default_case_sensitive as rule

    return rule(term.text, term.type)


# --- concept <-> plain dict (the YAML schema's shape) -------------------------------------

def concept_to_dict(concept: Concept) -> dict[str, Any]:
    """A concept in the shape of the termbase schema, defaults left out."""
    terms: dict[str, list[dict[str, Any]]] = {}
    for term in concept.terms:
        item: dict[str, Any] = {"term": term.text, "status": term.status}
        if term.type:
            item["type"] = term.type
        if term.render:
            item["render"] = term.render
        if term.case_sensitive != _default_case_sensitive(term):
            item["case_sensitive"] = term.case_sensitive
        if not term.inflects:
            item["inflects"] = False
        if term.note:
            item["note"] = term.note
        terms.setdefault(term.lang, []).append(item)
    out: dict[str, Any] = {"id": concept.id, "kind": concept.kind, "terms": terms}
    if concept.note:
        out["note"] = concept.note
    out["sources"] = list(concept.sources)
    if concept.see_also:
        out["see_also"] = list(concept.see_also)
    if concept.explicitly_contested:
        out["contested"] = True
    return out


def concepts_to_yaml(concepts: Iterable[Concept], description: str = "") -> str:
    """A termbase YAML file holding ``concepts``."""
    import yaml

    data: dict[str, Any] = {}
    if description:
        data["description"] = description
    data["concepts"] = [concept_to_dict(c) for c in concepts]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# --- export --------------------------------------------------------------------------------

def _export_csv(concepts: list[Concept]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in concepts:
        for t in c.terms:
            writer.writerow({
                "concept_id": c.id, "kind": c.kind, "lang": t.lang, "term": t.text, "status": t.status,
                "type": t.type or "", "render": t.render or "", "case_sensitive": str(t.case_sensitive).lower(),
                "inflects": str(t.inflects).lower(), "term_note": t.note or "", "concept_note": c.note,
                "sources": _LIST_SEP.join(c.sources), "see_also": " ".join(c.see_also),
                "contested": str(c.explicitly_contested).lower(),
            })
    return buf.getvalue()


def _export_po(concepts: list[Concept]) -> str:
    import polib

    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": "termguard termbase",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for c in concepts:
        source = c.preferred("de")
        target = c.preferred("en")
        if source is None or target is None:
            continue
        variants = "; ".join(f"{t.text} ({t.lang}, {t.status})" for t in c.terms if t is not source)
        comment = f"{c.kind}. {c.note}".strip() + (f"\nVariants: {variants}" if variants else "")
        catalog.append(polib.POEntry(msgctxt=c.id, msgid=source.text, msgstr=target.text, comment=comment))
    return str(catalog)


def _export_tbx_2008(concepts: list[Concept]) -> str:
    return write_tbx(concepts, "tbx")


def _export_tbx_2019(concepts: list[Concept]) -> str:
    return write_tbx(concepts, "tbx-2019")


EXPORT_FORMATS = {"csv": _export_csv, "tbx": _export_tbx_2008, "tbx-2019": _export_tbx_2019, "po": _export_po}


def export_termbase(concepts: Iterable[Concept], fmt: str) -> str:
    """The concepts serialized as ``csv``, ``tbx`` (TBX-Basic 2008, ``<martif>``), ``tbx-2019`` or ``po``."""
    try:
        writer = EXPORT_FORMATS[fmt]
    except KeyError:
        raise TermbaseError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})") from None
    return writer(list(concepts))


# --- import --------------------------------------------------------------------------------

def _bool(value: str, default: bool) -> bool:
    value = (value or "").strip().lower()
    return default if not value else value in ("true", "1", "yes")


def _import_csv(text: str, path: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"concept_id", "lang", "term", "status"} - set(reader.fieldnames or [])
    if missing:
        raise TermbaseError(f"CSV lacks the column(s) {', '.join(sorted(missing))}", path, 1)
    concepts: dict[str, dict[str, Any]] = {}
    for row in reader:
        line = reader.line_num
        cid = (row.get("concept_id") or "").strip()
        if not cid:
            raise TermbaseError("row without concept_id", path, line)
        concept = concepts.setdefault(cid, {
            "id": cid, "kind": (row.get("kind") or "concept").strip(), "terms": {},
            "note": row.get("concept_note") or "",
            "sources": [s for s in (row.get("sources") or "").split(_LIST_SEP) if s],
            "see_also": (row.get("see_also") or "").split(),
            "contested": _bool(row.get("contested", ""), False),
        })
        item: dict[str, Any] = {"term": row["term"], "status": (row.get("status") or "").strip()}
        for key in ("type", "render"):
            if (row.get(key) or "").strip():
                item[key] = row[key].strip()
        if (row.get("case_sensitive") or "").strip():
            item["case_sensitive"] = _bool(row["case_sensitive"], False)
        if (row.get("inflects") or "").strip():
            item["inflects"] = _bool(row["inflects"], True)
        if row.get("term_note"):
            item["note"] = row["term_note"]
        concept["terms"].setdefault(row["lang"].strip(), []).append(item)
    return list(concepts.values())


# One TBX reader for both forms: it goes by the root element (<martif> or <tbx>), not the name.
IMPORT_FORMATS = {"csv": _import_csv, "tbx": read_tbx, "tbx-2019": read_tbx}


def import_termbase(path: str | Path, fmt: str | None = None) -> str:
    """Read a CSV or TBX file and return it as termbase YAML (validate it before use)."""
    import yaml

    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in IMPORT_FORMATS:
        raise TermbaseError(f"unknown import format {fmt!r} (choose from {', '.join(IMPORT_FORMATS)})", path)
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise TermbaseError("no such file", path) from None
    except UnicodeDecodeError:
        raise TermbaseError("file is not valid UTF-8", path) from None
    concepts = IMPORT_FORMATS[fmt](text, str(path))
    for c in concepts:
        if not c["note"]:
            del c["note"]
        if not c["see_also"]:
            del c["see_also"]
        if not c["contested"]:
            del c["contested"]
    return yaml.safe_dump({"description": f"imported from {path.name}", "concepts": concepts},
                          allow_unicode=True, sort_keys=False, width=100)
