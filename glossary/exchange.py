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
               "term_note", "concept_note", "sources", "see_also", "contested", "advice", "translation_note", "styles"]
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
        if term.styles:
            item["styles"] = list(term.styles)
        terms.setdefault(term.lang, []).append(item)
    out: dict[str, Any] = {"id": concept.id, "kind": concept.kind, "terms": terms}
    if concept.note:
        out["note"] = concept.note
    out["sources"] = list(concept.sources)
    if concept.see_also:
        out["see_also"] = list(concept.see_also)
    if concept.explicitly_contested:
        out["contested"] = True
    if concept.advice:
        out["advice"] = concept.advice
    if concept.translation_note:
        out["translation_note"] = concept.translation_note
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

#: A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
#: ("CSV injection": ``=cmd|' /C calc'!A0``, ``+HYPERLINK(...)``, ``@SUM(...)``).
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    """``value`` made inert for spreadsheets: a formula lead gets an apostrophe in front, as
    OWASP recommends; so does a value already starting with an apostrophe, so that import can
    remove exactly one.

    >>> _csv_cell("=cmd|' /C calc'!A0"), _csv_cell("Sangesur"), _csv_cell("'=x")
    ("'=cmd|' /C calc'!A0", 'Sangesur', "''=x")
    """
    return "'" + value if value.startswith((*_FORMULA_LEADS, "'")) else value


def _csv_value(cell: str) -> str:
    """The value :func:`_csv_cell` wrote into ``cell``.

    >>> _csv_value("'=cmd|' /C calc'!A0"), _csv_value("''=x"), _csv_value("O'Brien")
    ("=cmd|' /C calc'!A0", "'=x", "O'Brien")
    """
    if cell.startswith("'") and cell[1:].startswith((*_FORMULA_LEADS, "'")):
        return cell[1:]
    return cell


def _export_csv(concepts: list[Concept]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in concepts:
        for t in c.terms:
            writer.writerow({key: _csv_cell(value) for key, value in {
                "concept_id": c.id, "kind": c.kind, "lang": t.lang, "term": t.text, "status": t.status,
                "type": t.type or "", "render": t.render or "", "case_sensitive": str(t.case_sensitive).lower(),
                "inflects": str(t.inflects).lower(), "term_note": t.note or "", "concept_note": c.note,
                "sources": _LIST_SEP.join(c.sources), "see_also": " ".join(c.see_also),
                "contested": str(c.explicitly_contested).lower(), "advice": c.advice,
                "translation_note": c.translation_note, "styles": " ".join(t.styles),
            }.items()})
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

_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")


def _bool(value: str, default: bool, column: str = "", path: str | None = None, line: int | None = None) -> bool:
    """A CSV yes/no cell; anything but true/false, 1/0, yes/no (or empty: ``default``) is an error."""
    value = (value or "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise TermbaseError(f"column {column}: {value!r} is not true or false", path, line)


def _import_csv(text: str, path: str) -> list[dict[str, Any]]:
    rows = csv.DictReader(io.StringIO(text))
    reader = _Unescaped(rows)
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
            "contested": _bool(row.get("contested", ""), False, "contested", path, line),
            **{key: row[key] for key in ("advice", "translation_note") if row.get(key)},
        })
        item: dict[str, Any] = {"term": row.get("term") or "", "status": (row.get("status") or "").strip()}
        for key in ("type", "render"):
            if (row.get(key) or "").strip():
                item[key] = row[key].strip()
        if (row.get("case_sensitive") or "").strip():
            item["case_sensitive"] = _bool(row["case_sensitive"], False, "case_sensitive", path, line)
        if (row.get("inflects") or "").strip():
            item["inflects"] = _bool(row["inflects"], True, "inflects", path, line)
        if row.get("term_note"):
            item["note"] = row["term_note"]
        if (row.get("styles") or "").strip():
            item["styles"] = row["styles"].split()
        concept["terms"].setdefault((row.get("lang") or "").strip(), []).append(item)
    return list(concepts.values())


class _Unescaped:
    """A csv.DictReader whose rows have :func:`_csv_cell`'s apostrophes removed."""

    def __init__(self, reader: csv.DictReader) -> None:
        self._reader = reader
        self.fieldnames = reader.fieldnames

    @property
    def line_num(self) -> int:
        return self._reader.line_num

    def __iter__(self):  # type: ignore[no-untyped-def]
        for row in self._reader:
            yield {k: _csv_value(v) if isinstance(v, str) else v for k, v in row.items()}


# One TBX reader for both forms: it goes by the root element (<martif> or <tbx>), not the name.
IMPORT_FORMATS = {"csv": _import_csv, "tbx": read_tbx, "tbx-2019": read_tbx}


def import_termbase(path: str | Path, fmt: str | None = None) -> str:
    """Read a CSV or TBX file and return it as termbase YAML (validate it before use)."""
    import yaml

    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in IMPORT_FORMATS:
        raise TermbaseError(f"unknown import format {fmt!r} (choose from {', '.join(IMPORT_FORMATS)})", path)
    from termguard.limits import MAX_TERMBASE_BYTES, read_limited

    try:
        text = read_limited(path, MAX_TERMBASE_BYTES, TermbaseError, "file").decode("utf-8-sig")
    except FileNotFoundError:
        raise TermbaseError("no such file", path) from None
    except OSError as exc:
        raise TermbaseError(f"cannot read: {exc.strerror}", path) from None
    except UnicodeDecodeError:
        raise TermbaseError("file is not valid UTF-8", path) from None
    try:
        concepts = IMPORT_FORMATS[fmt](text, str(path))
    except csv.Error as exc:
        raise TermbaseError(f"not a readable CSV file: {exc}", path) from None
    for c in concepts:
        if not c["note"]:
            del c["note"]
        if not c["see_also"]:
            del c["see_also"]
        if not c["contested"]:
            del c["contested"]
    return yaml.safe_dump({"description": f"imported from {path.name}", "concepts": concepts},
                          allow_unicode=True, sort_keys=False, width=100)
