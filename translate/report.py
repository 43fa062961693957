"""The JSON report of one translated document: fixed, documented keys (docs/translate.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termguard.translate.document import Document, Segment

__all__ = ["REPORT_VERSION", "DocumentReport", "compact_report", "document_report", "report_text", "segment_record"]

REPORT_VERSION = 1


@dataclass
class DocumentReport:
    """What the pipeline did with one document (what the CLI summarises)."""

    source: Path
    edition: Path | None = None
    report: Path | None = None
    po: Path | None = None
    segments: int = 0
    enforced: int = 0
    loaded: int = 0
    transliterated: int = 0
    failures: int = 0
    model_missing: bool = False
    kept_reviewed: int = 0
    data: dict[str, Any] = field(default_factory=dict, repr=False)
    #: Stages that raised (``code``, ``stage``, ``message``): on the document, or on one of its
    #: segments (``stage`` is then ``paragraph.sentence``). Everything else was still written.
    errors: list[dict[str, str]] = field(default_factory=list)
    #: The article could not be read (the one-line error); nothing was written for it.
    input_error: str | None = None
    #: Done by an earlier run with the same input, termbase, model and options (the run manifest,
    #: :mod:`termguard.translate.manifest`): skipped, its outputs left as they were.
    resumed: bool = False


def _all_failures(segment: Segment, warnings: bool = False) -> list[dict[str, str | None]]:
    found = [f.as_dict() for f in (segment.warnings if warnings else segment.errors + segment.failures)]
    for child in segment.children:
        found.extend({**f.as_dict(), "reason": f"link text: {f.reason}"}
                     for f in (child.warnings if warnings else child.failures))
    return found


def _transliterated(segment: Segment) -> list[dict[str, Any]]:
    out = []
    for name in segment.names:
        t = name.transliteration
        out.append({"source": name.source, "text": t.text, "rules": list(t.rules), "verified": bool(t.verified),
                    "note": "auto-transliterated, verify"})
    return out


def segment_record(segment: Segment, paragraph: int, index: int) -> dict[str, Any]:
    """One entry of the report's ``segments`` list."""
    return {
        "paragraph": paragraph,
        "index": index,
        "source": segment.source,
        "output": segment.output,
        "technique": segment.technique or None,
        "attempts": list(segment.attempts),
        "enforced": list(segment.enforced),
        "loaded": list(segment.loaded),
        "transliterated": _transliterated(segment),
        "localized": [{"source": loc.source, "target": loc.target, "kind": loc.kind} for loc in segment.localized],
        "failures": _all_failures(segment),
        "warnings": _all_failures(segment, warnings=True),
        "repaired": list(segment.repaired) + [form for child in segment.children for form in child.repaired],
    }


def document_report(doc: Document, *, edition: Path | None, po: Path | None, model: str | None,
                    model_missing: bool, check: list | None = None) -> dict[str, Any]:
    """The report of ``doc`` as plain JSON data; ``check`` holds the findings of ``termguard check
    SOURCE EDITION`` on the edition (:class:`termguard.lint.Finding`), reported under ``check``."""
    segments = []
    for block in doc.blocks:
        for i, segment in enumerate(block.segments, start=1):
            segments.append(segment_record(segment, block.number, i))
    summary = {
        "segments": len(segments),
        "words": sum(len(s["source"].split()) for s in segments),
        "translated": sum(1 for s in segments if s["output"] is not None),
        "enforced": sum(len(s["enforced"]) for s in segments),
        "loaded": sum(len(s["loaded"]) for s in segments),
        "transliterated": sum(len(s["transliterated"]) for s in segments),
        "localized": sum(len(s["localized"]) for s in segments),
        "failed_segments": sum(1 for s in segments if s["failures"]),
        "failures": sum(len(s["failures"]) for s in segments),
        "repaired_segments": sum(1 for s in segments if s["repaired"] and not s["failures"]),
    }
    return {
        "termguard_report": REPORT_VERSION,
        "source": str(doc.path),
        "format": doc.format,
        "from": doc.source_lang,
        "to": doc.target_lang,
        "edition": str(edition) if edition else None,
        "po": str(po) if po else None,
        "model": model,
        "model_missing": model_missing,
        "summary": summary,
        "needs_review": _needs_review(segments),
        "errors": [],  # stages that raised on the whole document (filled in by the pipeline)
        "segments": segments,
        "check": _check_section(check),
    }


def _needs_a_look(record: dict[str, Any]) -> bool:
    return any(record.get(k) for k in ("failures", "warnings", "loaded", "transliterated", "repaired"))


def compact_report(data: dict[str, Any]) -> dict[str, Any]:
    """The report as written by default: everything but the segments that need no look.

    Kept are the summary, ``needs_review``, the errors, the edition check and the segments with
    a failure, a warning, a loaded term, a name to verify or a form written in by alignment;
    in those, empty lists are left out. ``report`` is ``"compact"`` and ``segments_omitted``
    says how many clean segments are not listed (the full report: ``--full-report``).

    >>> data = {"termguard_report": 1, "summary": {}, "segments": [
    ...     {"paragraph": 1, "index": 1, "source": "a", "output": "a", "failures": [], "loaded": []},
    ...     {"paragraph": 1, "index": 2, "source": "b", "output": "b", "failures": [{"code": "TG301"}]}]}
    >>> compact = compact_report(data)
    >>> compact["report"], compact["segments_omitted"], [s["index"] for s in compact["segments"]]
    ('compact', 1, [2])
    """
    kept = [{k: v for k, v in record.items() if v != [] or k in ("paragraph", "index", "source", "output")}
            for record in data.get("segments", []) if _needs_a_look(record)]
    compact = {k: v for k, v in data.items() if k != "segments"}
    compact.update(report="compact", segments_omitted=len(data.get("segments", [])) - len(kept), segments=kept)
    return compact


def report_text(data: dict[str, Any], full: bool = False) -> str:
    """The text of a report file: the full report indented for reading, or (default) the compact
    report on one line (an archive's reports are read by tools: ``termguard review``, jq)."""
    import json

    if full:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(compact_report(data), ensure_ascii=False, separators=(",", ":")) + "\n"


def _check_section(findings: list | None) -> dict[str, Any] | None:
    """What ``termguard check SOURCE EDITION --format json`` says about the edition."""
    if findings is None:
        return None
    from collections import Counter

    by_severity = Counter(f.severity for f in findings)
    return {"findings": [f.to_dict() for f in findings],
            "summary": {"findings": len(findings),
                        "by_severity": {s: by_severity[s] for s in ("info", "warning", "error")},
                        "by_code": dict(sorted(Counter(f.code for f in findings).items()))}}


def _needs_review(segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The short list a human should look at: failures, loaded terms, transliterated names,
    forms that alignment wrote into the engine's sentence."""
    items: list[dict[str, Any]] = []
    for s in segments:
        where = f"{s['paragraph']}.{s['index']}"
        for f in s["failures"]:
            items.append({"at": where, "kind": "verification failed", "code": f["code"], "detail": f["reason"]})
        for f in s["warnings"]:
            items.append({"at": where, "kind": "check", "code": f["code"], "detail": f["reason"]})
        for loaded in s["loaded"]:
            items.append({"at": where, "kind": "loaded term",
                          "detail": f"{loaded['source']} → {loaded['rendering']}: {loaded['note']}"})
        for name in s["transliterated"]:
            items.append({"at": where, "kind": "auto-transliterated, verify",
                          "detail": f"{name['source']} → {name['text']}"})
        if s["repaired"]:
            items.append({"at": where, "kind": "written in by alignment, check",
                          "detail": ", ".join(s["repaired"])})
    return items
