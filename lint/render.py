"""Output formats: one renderer per format over the one :class:`Finding` type, streamed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from termguard.lint.finding import Finding
from termguard.lint.rules import SEVERITIES, RuleSet, load_rules
from termguard.lint.run import LintStats
from termguard.locales import N_plural, _, format_number, ngettext, pgettext

__all__ = ["RENDERERS", "RenderContext", "render", "SARIF_SCHEMA_URI"]

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


@dataclass
class RenderContext:
    """What a renderer may need besides the findings; ``stats`` is complete once they are consumed."""

    stats: LintStats = field(default_factory=LintStats)
    rules: RuleSet = field(default_factory=load_rules)
    color: bool = False
    show_notes: bool = False
    #: Text format: list the count of each rule under the summary line (``check`` does).
    by_rule: bool = False
    #: HTML format: ``check``'s aligned pairings with their findings (:func:`termguard.qa.check_pairings`),
    #: so the page shows each source paragraph or entry beside its edition; without them, lint's page.
    pairings: Sequence[tuple[Any, Sequence[Finding]]] | None = None


Renderer = Callable[[Iterable[Finding], TextIO, RenderContext], None]


#: The summary's count phrases, singular and plural (``info`` has no plural in English).
_COUNTED = {
    "file": N_plural("{n} file", "{n} files"),
    "finding": N_plural("{n} finding", "{n} findings"),
    "error": N_plural("{n} error", "{n} errors"),
    "warning": N_plural("{n} warning", "{n} warnings"),
    "info": N_plural("{n} info", "{n} info"),
}


def _plural(n: int, word: str) -> str:
    """``n`` counted things in the UI language: ``2 findings``, ``2 Befunde``, ``1.234 Dateien``."""
    singular, plural = _COUNTED[word]
    return ngettext(singular, plural, n).format(n=format_number(n))


def _severity_name(severity: str) -> str:
    """A severity as the UI language says it (the codes info, warning, error stay in JSON and SARIF)."""
    return {"error": pgettext("severity", "error"), "warning": pgettext("severity", "warning"),
            "info": pgettext("severity", "info")}[severity]


def render_text(findings: Iterable[Finding], out: TextIO, ctx: RenderContext) -> None:
    """``path:line:col: CODE message`` per finding, then a one-line summary."""
    if ctx.color:
        import click  # only for colour: importing it cost a tenth of a small lint's start-up

        def style(text: str, **kw: object) -> str:
            return click.style(text, **kw)  # type: ignore[arg-type]
    else:
        def style(text: str, **kw: object) -> str:
            return text

    for f in findings:
        out.write(f"{style(f.path, bold=True)}:{f.line}:{f.column}: "
                  f"{style(f.code, fg=_COLOURS[f.severity], bold=True)} {f.message}\n")
        if ctx.show_notes and f.note:
            out.write("    " + _("note: {note}").format(note=" ".join(f.note.split())) + "\n")
    stats = ctx.stats
    files = _plural(stats.files, "file")
    if stats.total:
        parts = ", ".join(_plural(stats.severities[s], s) for s in reversed(SEVERITIES) if stats.severities[s])
        out.write(style(_("Found {findings} ({parts}) in {files}.").format(
            findings=_plural(stats.total, "finding"), parts=parts, files=files), bold=True) + "\n")
        if ctx.by_rule:
            for code, count in sorted(stats.codes.items()):
                rule = ctx.rules[code]
                severity = _severity_name(ctx.rules.severity(code))
                out.write(f"  {format_number(count):>5}  {code}  {rule.name} ({severity})\n")
    else:
        out.write(_("No findings in {files}.").format(files=files) + "\n")


def render_json(findings: Iterable[Finding], out: TextIO, ctx: RenderContext) -> None:
    """``{"findings": [...], "summary": {...}}``; each finding has the keys of FINDING_KEYS."""
    import json  # here: the text format, lint's default, needs no JSON

    out.write('{\n  "findings": [')
    first = True
    for f in findings:
        out.write(("\n    " if first else ",\n    ") + json.dumps(f.to_dict(), ensure_ascii=False))
        first = False
    stats = ctx.stats
    summary = {"files": stats.files, "findings": stats.total,
               "by_severity": {s: stats.severities[s] for s in SEVERITIES},
               "by_code": dict(sorted(stats.codes.items()))}
    out.write(("\n  ]" if not first else "]") + ',\n  "summary": ' + json.dumps(summary) + "\n}\n")


def _sarif_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative paths stay relative to the checkout (what code scanning wants)."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri(), None
    return quote(p.as_posix().removeprefix("./")), "%SRCROOT%"


def _sarif_rule(rule) -> dict[str, object]:  # type: ignore[no-untyped-def]
    doc = rule.doc
    text = " ".join(doc["what"].split())
    help_md = "\n\n".join(f"**{title}.** {' '.join(doc[key].split())}" for key, title in
                          (("what", "What it does"), ("why", "Why"), ("example", "Example"),
                           ("instead", "Use instead")))
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": text},
        "fullDescription": {"text": " ".join(doc["why"].split())},
        "help": {"text": help_md.replace("**", ""), "markdown": help_md},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": ["terminology" if not rule.is_input else "input"]},
    }


def render_sarif(findings: Iterable[Finding], out: TextIO, ctx: RenderContext) -> None:
    """A SARIF 2.1.0 log with one run, accepted by GitHub code scanning."""
    import json

    from termguard import __version__

    rules = list(ctx.rules)
    index = {r.code: i for i, r in enumerate(rules)}
    head = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "termguard",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://example.invalid/termguard",
                "rules": [_sarif_rule(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
            "results": [],
        }],
    }
    text = json.dumps(head, ensure_ascii=False, indent=2)
    opening, closing = text.rsplit('"results": []', 1)
    out.write(opening + '"results": [')
    first = True
    for f in findings:
        uri, base = _sarif_uri(f.path)
        region: dict[str, object] = {"startLine": f.line, "startColumn": f.column}
        if (f.end_line, f.end_column) > (f.line, f.column):
            region.update(endLine=f.end_line, endColumn=f.end_column)
        if f.surface:
            region["snippet"] = {"text": f.surface}
        artifact: dict[str, object] = {"uri": uri}
        if base:
            artifact["uriBaseId"] = base
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
            "partialFingerprints": {"termguard/v1": f"{f.code}:{f.concept or ''}:{f.surface}:{f.line}"},
            "properties": {"concept": f.concept, "suggestion": f.suggestion, "note": f.note,
                           "quoted": f.quoted, "lang": f.lang, "surface": f.surface},
        }
        out.write(("\n        " if first else ",\n        ") + json.dumps(result, ensure_ascii=False))
        first = False
    out.write(("\n      ]" if not first else "]") + closing + "\n")


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(findings: Iterable[Finding], out: TextIO, ctx: RenderContext) -> None:
    """GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding."""
    for f in findings:
        props = [f"file={_gh_escape(f.path, True)}", f"line={f.line}", f"col={f.column}"]
        if (f.end_line, f.end_column) > (f.line, f.column):
            props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_gh_escape(f'{f.code} {f.rule}', True)}")
        out.write(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_gh_escape(f.message)}\n")


def render_html(findings: Iterable[Finding], out: TextIO, ctx: RenderContext) -> None:
    """One self-contained HTML page (termguard.review): each file's paragraphs with its findings
    highlighted and listed with rule code and message, filters and finding-to-finding keys."""
    from termguard.review import render_review, review_from_check, review_from_findings

    found = list(findings)  # the page opens with the counts: every finding first
    if ctx.pairings is not None:  # side by side: each source paragraph or entry with its edition
        out.write(render_review(review_from_check(ctx.pairings)))
    else:
        out.write(render_review(review_from_findings(found, "termguard lint", files=ctx.stats.files)))


#: Output format name -> renderer.
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "html": render_html,
}


def render(fmt: str, findings: Iterable[Finding], out: TextIO, ctx: RenderContext | None = None) -> None:
    """Write ``findings`` to ``out`` in format ``fmt`` (a key of :data:`RENDERERS`)."""
    RENDERERS[fmt](findings, out, ctx or RenderContext())
