"""Review rows from translate's JSON report (translate/report.py, documented in docs/translate.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from termguard.errors import InputError
from termguard.review.locate import Locator, english_form
from termguard.review.model import Item, Review, Row, Section

__all__ = ["read_report", "review_from_report", "segment_row"]

_REPAIR_REMARK = re.compile(r"\s*\([^)]*\)$")


def read_report(path: str | Path) -> dict[str, Any]:
    """A report written by ``termguard translate``; one :class:`InputError` if it is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError("no such report", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read report: {exc}", path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or "termguard_report" not in data or not isinstance(data.get("segments"), list):
        raise InputError("not a termguard translate report (no 'termguard_report' and 'segments' keys)", path)
    return data


def segment_row(record: Mapping[str, Any], label: str | None = None, status: str | None = None) -> Row:
    """One row from a report's segment record: every termbase decision becomes an item whose
    spans are found in the source sentence and the edition."""
    source, output = record["source"], record.get("output")
    src, tgt = Locator(source), Locator(output)
    items = _term_items(record, src, tgt)
    items += _name_items(record, src, tgt)
    items += _repair_items(record, items, tgt)
    items += _problem_items(record, src, output)
    if label is None:
        label = f"{record.get('paragraph', '?')}.{record.get('index', '?')}"
    if status is None and output is None:
        status = "not translated"
    return Row(label, source, output, items, status)


def _term_items(record: Mapping[str, Any], src: Locator, tgt: Locator) -> list[Item]:
    """Enforced terms (loaded ones with their note) and the dates and numbers given an English form."""
    items = []
    loaded = [dict(x) for x in record.get("loaded", [])]
    for e in record.get("enforced", []):
        source_span, target_span = src.exact(e["source"]), tgt.words(english_form(e["target"], e["source"]))
        note = next((x for x in loaded if (x["concept"], x["source"]) == (e["concept"], e["source"])), None)
        if note is not None:
            loaded.remove(note)
            items.append(Item("loaded", f"loaded term {e['source']} → {e['target']}: kept as the author wrote "
                              "it, quoted and flagged", note=note.get("note") or None, concept=e["concept"],
                              source_span=source_span, target_span=target_span))
        else:
            items.append(Item("enforced", f"{e['source']} → {e['target']}", concept=e["concept"],
                              source_span=source_span, target_span=target_span))
    for x in loaded:  # a loaded rendering whose match was not enforced (kept for completeness)
        items.append(Item("loaded", f"loaded term {x['source']} → {x['rendering']}", note=x.get("note") or None,
                          concept=x["concept"], source_span=src.exact(x["source"]),
                          target_span=tgt.words(english_form(x["rendering"], x["source"]))))
    for loc in record.get("localized", []):
        items.append(Item("enforced", f"{loc['kind']}: {loc['source']} → {loc['target']}",
                          source_span=src.exact(loc["source"]), target_span=tgt.words(loc["target"])))
    return items


def _name_items(record: Mapping[str, Any], src: Locator, tgt: Locator) -> list[Item]:
    """Names the termbase does not know, spelled by rule: a person must verify them."""
    return [Item("verify", f"auto-transliterated, verify: {name['source']} → {name['text']}",
                 note=f"spelled by rule ({', '.join(name.get('rules') or []) or 'no rule'}); the termbase does "
                      "not know this name",
                 source_span=src.exact(name["source"]), target_span=tgt.words(name["text"]))
            for name in record.get("transliterated", [])]


def _repair_items(record: Mapping[str, Any], decided: list[Item], tgt: Locator) -> list[Item]:
    """Forms alignment wrote over the engine's words, on the spans of the term they render."""
    items = []
    for form in record.get("repaired", []):
        written = english_form(_REPAIR_REMARK.sub("", form))  # "South Caucasus (once)": a repeat was dropped
        term = next((i for i in decided if i.target_span
                     and tgt.text[i.target_span[0]:i.target_span[1]].casefold() == written.casefold()), None)
        items.append(Item("verify", f"written in by alignment, check: {form}",
                          concept=term.concept if term else None, source_span=term.source_span if term else None,
                          target_span=term.target_span if term else tgt.words(written, again=True)))
    return items


def _problem_items(record: Mapping[str, Any], src: Locator, output: str | None) -> list[Item]:
    """Verification failures; with the QA engine's reports, their rule codes and its warnings
    (findings reported but not retried). Older reports have neither and read the same way."""
    items = []
    for f in [*record.get("failures", []), *record.get("warnings", [])]:
        expected = f.get("expected")
        items.append(Item("problem", f["reason"], code=f.get("code"), severity=f.get("severity") or "error",
                          concept=f.get("concept"), source_span=src.exact(f.get("source"), again=True),
                          target_span=Locator(output).words(english_form(expected)) if expected and output
                          else None,
                          note=f"expected {expected!r}" if expected else None))
    return items


def review_from_report(data: Mapping[str, Any], title: str | None = None) -> Review:
    """The review of one translated document from its report data (see :func:`read_report`)."""
    source = str(data.get("source") or "source")
    section = Section(Path(source).name, source_title=f"Source ({data.get('from') or 'de'})",
                      target_title=f"Edition ({data.get('to') or 'en'})")
    section.rows = [segment_row(s) for s in data["segments"]]
    if data.get("model_missing"):
        section.notices.append("No translation model was installed when this report was written: the edition "
                               "column is empty; the termbase decisions are shown on the source.")
    facts = {"source": source}
    for key, label in (("edition", "edition"), ("po", "review catalog"), ("model", "model")):
        if data.get(key):
            facts[label] = str(data[key])
    return Review(title or f"Review of {Path(source).name}", [section], facts)
