"""Review rows from translate's JSON report (translate/report.py, documented in docs/translate.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from termguard.errors import InputError
from termguard.locales import N_, _, format_number
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


def segment_row(record: Mapping[str, Any], label: str | None = None, status: str | None = None, *,
                edition_findings: frozenset[tuple[str | None, str]] = frozenset()) -> Row:
    """One row from a report's segment record: every termbase decision becomes an item whose
    spans are found in the source sentence and the edition. ``edition_findings`` are the (code,
    message) of the report's edition check: their ``source`` is a surface of the edition."""
    source, output = record["source"], record.get("output")
    src, tgt = Locator(source), Locator(output)
    items = _term_items(record, src, tgt)
    items += _name_items(record, src, tgt)
    items += _repair_items(record, items, tgt)
    items = _problem_items(record, items, src, output, edition_findings)
    if label is None:
        label = f"{record.get('paragraph', '?')}.{record.get('index', '?')}"
    if status is None and output is None:
        status = _("not translated")
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
            items.append(Item("loaded", _("loaded term {source} → {target}: kept as the author wrote it, quoted "
                                          "and flagged").format(source=e["source"], target=e["target"]),
                              note=note.get("note") or None, concept=e["concept"],
                              source_span=source_span, target_span=target_span))
        else:
            items.append(Item("enforced", f"{e['source']} → {e['target']}", concept=e["concept"],
                              source_span=source_span, target_span=target_span))
    for x in loaded:  # a loaded rendering whose match was not enforced (kept for completeness)
        items.append(Item("loaded", _("loaded term {source} → {target}").format(source=x["source"],
                                                                               target=x["rendering"]),
                          note=x.get("note") or None,
                          concept=x["concept"], source_span=src.exact(x["source"]),
                          target_span=tgt.words(english_form(x["rendering"], x["source"]))))
    for loc in record.get("localized", []):
        items.append(Item("enforced", f"{loc['kind']}: {loc['source']} → {loc['target']}",
                          source_span=src.exact(loc["source"]), target_span=tgt.words(loc["target"])))
    return items


def _name_items(record: Mapping[str, Any], src: Locator, tgt: Locator) -> list[Item]:
    """Names the termbase does not know, spelled by rule: a person must verify them."""
    return [Item("verify", _("auto-transliterated, verify: {source} → {target}").format(source=name["source"],
                                                                                          target=name["text"]),
                 note=_("spelled by rule ({rules}); the termbase does not know this name").format(
                     rules=", ".join(name.get("rules") or []) or _("no rule")),
                 source_span=src.exact(name["source"]), target_span=tgt.words(name["text"]))
            for name in record.get("transliterated", [])]


def _repair_items(record: Mapping[str, Any], decided: list[Item], tgt: Locator) -> list[Item]:
    """Forms alignment wrote over the engine's words, on the spans of the term they render."""
    items = []
    for form in record.get("repaired", []):
        written = english_form(_REPAIR_REMARK.sub("", form))  # "South Caucasus (once)": a repeat was dropped
        term = next((i for i in decided if i.target_span
                     and tgt.text[i.target_span[0]:i.target_span[1]].casefold() == written.casefold()), None)
        items.append(Item("verify", _("written in by alignment, check: {form}").format(form=form),
                          concept=term.concept if term else None, source_span=term.source_span if term else None,
                          target_span=term.target_span if term else tgt.words(written, again=True)))
    return items


#: Rules about a loaded term kept in quotation marks: at info severity they say what the loaded
#: item of the same concept already shows, and give it their rule code.
_LOADED_RULES = ("TG101", "TG102")


def _problem_items(record: Mapping[str, Any], decided: list[Item], src: Locator, output: str | None,
                   edition_findings: frozenset[tuple[str | None, str]]) -> list[Item]:
    """``decided`` with the QA engine's findings on the segment: its ``failures`` (errors) and
    ``warnings`` (below error: reported, not retried), each with its rule code and severity.
    Errors and warnings are problems; an info about a loaded term gives the loaded item its code,
    any other info is something to verify. Older reports have no codes and read the same way."""
    items = list(decided)
    for f in [*record.get("failures", []), *record.get("warnings", [])]:
        severity = f.get("severity") or "error"
        code, reason, expected, surface = f.get("code"), f["reason"], f.get("expected"), f.get("source")
        if severity == "info" and code in _LOADED_RULES:
            k = next((k for k, i in enumerate(items) if i.category == "loaded" and i.concept == f.get("concept")
                      and i.code is None), None)
            if k is not None:
                items[k] = replace(items[k], code=code, severity=severity)
                continue
        if (code, reason) in edition_findings:  # found by the edition check: the surface is the edition's
            source_span, target_span = None, Locator(output).exact(surface, again=True) or (
                Locator(output).words(surface, again=True) if surface else None)
        else:
            source_span = src.exact(surface, again=True)
            target_span = Locator(output).words(english_form(expected)) if expected and output else None
        items.append(Item("problem" if severity != "info" else "verify", reason, code=code, severity=severity,
                          concept=f.get("concept"), source_span=source_span, target_span=target_span,
                          note=f"expected {expected!r}" if expected else None))
    return items


def _edition_check(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The findings of the report's ``check`` section (None without a model, absent in older reports)."""
    check = data.get("check")
    findings = check.get("findings") if isinstance(check, Mapping) else None
    return [f for f in findings or [] if isinstance(f, Mapping)]


def _place_check_findings(rows: list[Row], records: list[Mapping[str, Any]],
                          findings: list[Mapping[str, Any]]) -> Row | None:
    """Put each edition-check finding that no segment lists on the first row whose edition holds
    its surface; returns a row of the findings that have no such place (None if there are none)."""
    listed = {(f.get("code"), f.get("reason")) for r in records
              for f in [*r.get("failures", []), *r.get("warnings", [])]}
    loose: list[Item] = []
    for f in findings:
        if (f.get("code"), f.get("message")) in listed:
            continue  # translate added it to its segment (report and catalog say it there)
        surface = f.get("surface") or ""
        item = Item("problem" if f.get("severity") != "info" else "verify",
                    f"edition line {f.get('line')}: {f.get('message')}", code=f.get("code"),
                    severity=f.get("severity"), concept=f.get("concept"),
                    note=" ".join(str(f["note"]).split()) if f.get("note") else None)
        k = next((k for k, row in enumerate(rows) if surface and row.target and surface in row.target), None)
        if k is None:
            loose.append(item)
            continue
        at = rows[k].target.find(surface)  # type: ignore[union-attr]
        rows[k].items.append(replace(item, target_span=(at, at + len(surface))))
    return Row(_("edition"), "", "", loose, _("edition check")) if loose else None


def review_from_report(data: Mapping[str, Any], title: str | None = None) -> Review:
    """The review of one translated document from its report data (see :func:`read_report`)."""
    source = str(data.get("source") or "source")
    section = Section(Path(source).name, source_title=_("Source ({lang})").format(lang=data.get("from") or "de"),
                      target_title=_("Edition ({lang})").format(lang=data.get("to") or "en"))
    findings = _edition_check(data)
    checked = frozenset((f.get("code"), str(f.get("message"))) for f in findings)
    section.rows = [segment_row(s, edition_findings=checked) for s in data["segments"]]
    unplaced = _place_check_findings(section.rows, data["segments"], findings)
    if unplaced is not None:
        section.rows.append(unplaced)
    errors = [e for e in data.get("errors") or [] if isinstance(e, Mapping)]
    if errors:  # stages that raised on the whole document: each is a problem, first on the page
        section.rows.insert(0, Row(_("document"), "", "", [
            Item("problem", f"{e.get('stage') or 'stage'}: {e.get('message')}", code=e.get("code"),
                 severity="error") for e in errors], _("stage errors")))
    if data.get("model_missing"):
        section.notices.append(_("No translation model was installed when this report was written: the edition "
                                 "column is empty; the termbase decisions are shown on the source."))
    facts = {_("source"): source}
    if isinstance(data.get("check"), Mapping):
        by = data["check"].get("summary", {}).get("by_severity", {})
        facts[_("edition check")] = _("{n} findings (error: {error}, warning: {warning}, info: {info})").format(
            n=format_number(len(findings)), error=by.get("error", 0), warning=by.get("warning", 0),
            info=by.get("info", 0))
    if errors:
        facts[_("stage errors")] = format_number(len(errors))
    for key, label in (("edition", N_("edition")), ("po", N_("review catalog")), ("model", N_("model"))):
        if data.get(key):
            facts[_(label)] = str(data[key])
    return Review(title or _("Review of {name}").format(name=Path(source).name), [section], facts)
