"""The review page: one self-contained HTML file (CSS and script inline, nothing fetched),
rendered by Jinja2 with autoescaping, so every text from a document is shown as text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from termguard.io import write_atomic
from termguard.locales import N_, _, pgettext, ui_language
from termguard.review.model import Item, Review, Span

__all__ = ["render_review", "write_review", "LEGEND"]

#: What each highlight means, in the order of the legend.
LEGEND: dict[str, str] = {
    "enforced": N_("termbase form enforced (source term ↔ English form)"),
    "loaded": N_("loaded term: kept as the author wrote it, quoted and flagged (note on hover and in the panel)"),
    "verify": N_("verify: auto-transliterated name or a form written in by alignment"),
    "problem": N_("problem: verification failure or QA/lint finding (rule code and message)"),
}


def _category_names() -> dict[str, str]:
    """The highlight categories as the UI language names them (the CSS classes keep the codes)."""
    return {"enforced": pgettext("review category", "enforced"), "loaded": pgettext("review category", "loaded"),
            "verify": pgettext("review category", "verify"), "problem": pgettext("review category", "problem")}


def _severity_names() -> dict[str, str]:
    return {"error": pgettext("severity", "error"), "warning": pgettext("severity", "warning"),
            "info": pgettext("severity", "info")}
#: A span claimed by two items is drawn in the colour of the more urgent one: a loaded term that
#: alignment wrote in stays a loaded term (its note matters more), a problem beats everything.
_PRIORITY = {"enforced": 0, "verify": 1, "loaded": 2, "problem": 3}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text, highlighted (``category`` set) or plain; ``links`` are the ids of its items."""

    text: str
    category: str | None = None
    links: str = ""
    title: str = ""


def _describe(item: Item) -> str:
    head = f"{item.code} " if item.code else ""
    return f"{head}{item.message}" + (f"\n{item.note}" if item.note else "")


def pieces(text: str, marks: Iterable[tuple[Span, Item, str]]) -> list[Piece]:
    """``text`` cut into plain and highlighted pieces. ``marks`` are (span, item, id); a span
    equal to one already drawn joins it, one that overlaps it partly is left to the item list.

    >>> a, b = Item("enforced", "Alijew → Aliyev"), Item("problem", "number 5593 missing")
    >>> [(p.text, p.category, p.links) for p in pieces("Alijew sah 5593.", [((0, 6), a, "i1"), ((11, 15), b, "i2")])]
    [('Alijew', 'enforced', 'i1'), (' sah ', None, ''), ('5593', 'problem', 'i2'), ('.', None, '')]
    """
    drawn: dict[Span, list[tuple[Item, str]]] = {}
    ordered = sorted(marks, key=lambda m: (-_PRIORITY[m[1].category], m[0]))
    for span, item, ident in ordered:
        start, end = span
        if not 0 <= start < end <= len(text):
            continue
        if span in drawn:
            drawn[span].append((item, ident))
        elif all(end <= s or start >= e for s, e in drawn):
            drawn[span] = [(item, ident)]
    out: list[Piece] = []
    pos = 0
    for (start, end), claims in sorted(drawn.items()):
        if start > pos:
            out.append(Piece(text[pos:start]))
        top = max(claims, key=lambda c: _PRIORITY[c[0].category])[0]
        out.append(Piece(text[start:end], top.category, " ".join(i for _, i in claims),
                         "\n".join(_describe(it) for it, _ in claims)))
        pos = end
    if pos < len(text) or not out:
        out.append(Piece(text[pos:]))
    return out


def _view(review: Review) -> dict[str, Any]:
    """The template's data: every row with ids, pieces and its list of findings."""
    sections = []
    loaded: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    number = 0
    for section in review.sections:
        rows = []
        for row in section.rows:
            number += 1
            rid = f"r{number}"
            source_marks, target_marks, findings = [], [], []
            for k, item in enumerate(row.items):
                ident = f"{rid}i{k}"
                if item.source_span:
                    source_marks.append((item.source_span, item, ident))
                if item.target_span and row.target is not None:
                    target_marks.append((item.target_span, item, ident))
                if item.category != "enforced":
                    findings.append({"id": ident, "item": item})
                if item.category == "loaded":
                    entry = loaded.setdefault((item.concept, item.note), {"concept": item.concept,
                                                                          "note": item.note, "forms": {},
                                                                          "first": ident, "count": 0})
                    entry["count"] += 1
                    entry["forms"][item.message] = None
            cats = row.categories
            rows.append({
                "id": rid, "row": row,
                "classes": " ".join(["row"] + [f"has-{c}" for c in sorted(cats)]
                                    + (["needs-review"] if row.needs_review else ["clean"])),
                "source": pieces(row.source, source_marks),
                "target": None if row.target is None else pieces(row.target, target_marks),
                "findings": findings,
            })
        sections.append({"section": section, "rows": rows})
    return {"review": review, "sections": sections, "counts": review.counts(),
            "legend": {category: _(meaning) for category, meaning in LEGEND.items()},
            "category_names": _category_names(), "severity_names": _severity_names(), "lang": ui_language(),
            "loaded": list(loaded.values())}


@lru_cache(maxsize=1)
def _environment():  # type: ignore[no-untyped-def]
    import jinja2

    # autoescape for every template, whatever its name: the page is HTML throughout. _() gives the
    # page's words in the UI language (termguard.locales), looked up when the page is rendered.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals["_"] = _
    return env


@lru_cache(maxsize=1)
def _assets() -> dict[str, Any]:
    """The page's stylesheet and script: termguard's own files, inserted as they are."""
    from markupsafe import Markup

    folder = Path(__file__).parent / "templates"
    return {name: Markup((folder / f"review.{name}").read_text("utf-8")) for name in ("css", "js")}


def render_review(review: Review) -> str:
    """The review page as one HTML document (no external resource of any kind)."""
    return _environment().get_template("review.html.j2").render(**_view(review), **_assets())


def write_review(review: Review, path: str | Path) -> Path:
    """Write the page to ``path`` atomically; returns ``path``."""
    return write_atomic(path, render_review(review))
