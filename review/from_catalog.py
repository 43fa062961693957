"""Review rows from a reviewed PO catalog: the post-edited edition, checked before ``build``.

Each entry's German msgid is analysed as translate analyses a sentence (terms, loaded terms,
names, dates and numbers); the msgstr, as the editor left it, is checked for what verification
checks in a machine translation (every term's English form, every number) and linted as English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from termguard.review.from_findings import finding_item, offset_of
from termguard.review.from_report import segment_row
from termguard.review.locate import Locator
from termguard.review.model import Item, Review, Section

__all__ = ["review_from_catalog", "check_edited"]


def check_edited(segment: Any, edited: str, termbase: Any, target_lang: str = "en") -> list[Item]:
    """Problems in ``edited``, a person's translation of the analysed ``segment``."""
    from termguard.lint import lint_text
    from termguard.translate.protect import protect
    from termguard.translate.verify import contains_form, expected_form, invented_numbers, missing_numbers

    protect(segment, "placeholder", target_lang)
    items: list[Item] = []
    for p in segment.placeholders:
        if p.kind not in ("term", "name", "localized"):
            continue
        form = expected_form(p)
        if not contains_form(edited, form):
            items.append(Item("problem", f"{p.kind} {p.source!r} not rendered as {form!r}", severity="error",
                              concept=p.concept_id, source_span=(p.start, p.end)))
    src, tgt = Locator(segment.source), Locator(edited)
    for number in missing_numbers(segment, edited):
        items.append(Item("problem", f"number {number} missing from the edition", severity="error",
                          source_span=src.exact(number)))
    for number in invented_numbers(segment, edited):
        items.append(Item("problem", f"number {number} in the edition is not in the source", severity="error",
                          target_span=tgt.exact(number)))
    flagged = {x["concept"] for x in segment.loaded}  # a faithful loaded rendering is already an item
    starts = [0]
    for line in edited.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for f in lint_text(edited, lang=target_lang, fmt="text", termbase=termbase):
        if f.severity == "info" or f.concept in flagged:
            continue
        start, end = offset_of(starts, 1, f.line, f.column), offset_of(starts, 1, f.end_line, f.end_column)
        items.append(finding_item(f, target_span=(start, end) if end > start else None))
    return items


def review_from_catalog(path: str | Path, termbase: Any = None) -> Review:
    """The review of a PO catalog written by ``termguard translate`` (and edited since).

    Reviewed entries show the editor's msgstr; fuzzy ones the unreviewed machine output;
    untranslated ones no edition text. One section per source file the entries reference.
    """
    from termguard.translate.document import Segment
    from termguard.translate.pipeline import Options, analyse_segment
    from termguard.translate.po import is_reviewed, read_catalog
    from termguard.translate.report import segment_record

    catalog = read_catalog(path)
    if termbase is None:
        from termguard.glossary import load_termbase

        termbase = load_termbase()
    source_lang = catalog.metadata.get("X-Source-Language") or "de"
    target_lang = catalog.metadata.get("Language") or "en"
    options = Options(source_lang=source_lang, target_lang=target_lang)
    sections: dict[str, Section] = {}
    sentence_in: dict[tuple[str, str], int] = {}
    reviewed = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        where, paragraph = entry.occurrences[0] if entry.occurrences else (Path(path).name, "?")
        section = sections.setdefault(where, Section(where, source_title=f"Source ({source_lang})",
                                                     target_title=f"Edition ({target_lang}, from the catalog)"))
        sentence_in[where, paragraph] = sentence_in.get((where, paragraph), 0) + 1
        segment = analyse_segment(Segment(entry.msgid), termbase, options, where.lower().endswith(".md"))
        edited = entry.msgstr or None
        if is_reviewed(entry):
            status = "reviewed"
            reviewed += 1
        else:
            status = "unreviewed (fuzzy)" if edited else "untranslated"
        record = segment_record(segment, 0, 0)
        record["output"] = edited
        row = segment_row(record, f"{paragraph}.{sentence_in[where, paragraph]}", status)
        if edited is not None:
            row.items.extend(check_edited(segment, edited, termbase, target_lang))
        section.rows.append(row)
    entries = sum(len(s.rows) for s in sections.values())
    facts = {"catalog": str(path), "entries": str(entries), "reviewed": str(reviewed),
             "unreviewed or untranslated": str(entries - reviewed)}
    return Review(f"Review of {Path(path).name}", list(sections.values()) or [Section(str(path))], facts)
