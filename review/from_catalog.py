"""Review rows from a reviewed PO catalog or XLIFF file: the post-edited edition, checked before ``build``.

Each entry's German source (msgid, XLIFF source) is analysed as translate analyses a sentence (terms, loaded terms,
names, dates and numbers); the translation, as the editor left it, is checked for what verification
checks in a machine translation (every term's English form, every number) and linted as English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termguard.locales import _, format_date, format_number
from termguard.review.from_findings import finding_item, offset_of
from termguard.review.from_report import segment_row
from termguard.review.model import Item, Review, Section

__all__ = ["review_from_catalog", "check_edited"]


def check_edited(segment: Any, edited: str, termbase: Any, target_lang: str = "en") -> list[Item]:
    """Problems in ``edited``, a person's translation of the analysed ``segment``: what the QA
    engine of ``termguard check`` finds in the pair (one engine for check, translate and review)."""
    from termguard.qa import Unit, engine_for_matcher

    flagged = {x["concept"] for x in segment.loaded}  # a faithful loaded rendering is already an item
    starts = [0]
    for line in edited.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    items: list[Item] = []
    findings = engine_for_matcher(termbase.matcher).check_unit(Unit(segment.source, edited, level="segment"))
    for f in findings:
        if f.concept in flagged and f.code in ("TG101", "TG102"):
            continue  # the loaded item says it (an info is shown as loaded or "verify", never dropped)
        start, end = offset_of(starts, 1, f.line, f.column), offset_of(starts, 1, f.end_line, f.end_column)
        items.append(finding_item(f, target_span=(start, end) if end > start else None))
    return items


@dataclass(frozen=True, slots=True)
class _Entry:
    """One sentence of a review file, whatever its format."""

    where: str  # the source article the file names
    paragraph: str
    source: str
    edited: str | None
    status: str
    markdown: bool = False


def _po_entries(path: Path) -> tuple[list[_Entry], str, str]:
    from termguard.translate.po import is_reviewed, read_catalog

    catalog = read_catalog(path)
    entries = []
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        where, paragraph = entry.occurrences[0] if entry.occurrences else (path.name, "?")
        edited = entry.msgstr or None
        status = "reviewed" if is_reviewed(entry) else "unreviewed (fuzzy)" if edited else "untranslated"
        entries.append(_Entry(where, paragraph, entry.msgid, edited, status, where.lower().endswith(".md")))
    return entries, catalog.metadata.get("X-Source-Language") or "de", catalog.metadata.get("Language") or "en"


def _xliff_entries(path: Path) -> tuple[list[_Entry], str, str]:
    from termguard.translate.xliff import read_xliff

    xliff = read_xliff(path)
    entries = []
    for file in xliff.files:  # retired units are not in the edition: they are left out
        for unit in file.units:
            edited = unit.target or None
            status = "reviewed" if unit.reviewed else "unreviewed" if edited else "untranslated"
            entries.append(_Entry(file.ref, str(unit.block), unit.source, edited, status, file.format == "markdown"))
    return entries, xliff.source_lang, xliff.target_lang


def review_from_catalog(path: str | Path, termbase: Any = None) -> Review:
    """The review of a PO catalog or an XLIFF file written by ``termguard translate`` (and edited since).

    Reviewed entries show the editor's translation; unreviewed ones the machine output;
    untranslated ones no edition text. One section per source file the entries reference.
    """
    from termguard.translate.document import Segment
    from termguard.translate.pipeline import Options, analyse_segment
    from termguard.translate.report import segment_record
    from termguard.translate.xliff import is_xliff_path

    path = Path(path)
    entries, source_lang, target_lang = (_xliff_entries if is_xliff_path(path) else _po_entries)(path)
    if termbase is None:
        from termguard.glossary import load_termbase

        termbase = load_termbase()
    options = Options(source_lang=source_lang, target_lang=target_lang)
    sections: dict[str, Section] = {}
    sentence_in: dict[tuple[str, str], int] = {}
    for entry in entries:
        section = sections.setdefault(entry.where, Section(
            entry.where, source_title=_("Source ({lang})").format(lang=source_lang),
            target_title=(_("Edition ({lang}, from the XLIFF file)") if is_xliff_path(path)
                          else _("Edition ({lang}, from the catalog)")).format(lang=target_lang)))
        key = (entry.where, entry.paragraph)
        sentence_in[key] = sentence_in.get(key, 0) + 1
        segment = analyse_segment(Segment(entry.source), termbase, options, entry.markdown)
        record = segment_record(segment, 0, 0)
        record["output"] = entry.edited
        row = segment_row(record, f"{entry.paragraph}.{sentence_in[key]}", entry.status)
        if entry.edited is not None:
            row.items.extend(check_edited(segment, entry.edited, termbase, target_lang))
        section.rows.append(row)
    reviewed = sum(1 for e in entries if e.status == "reviewed")
    facts = {_("review file"): str(path), _("entries"): format_number(len(entries)),
             _("reviewed"): format_number(reviewed),
             _("unreviewed or untranslated"): format_number(len(entries) - reviewed)}
    revised = None if is_xliff_path(path) else _revision_date(path)
    if revised is not None:
        facts[_("last revised")] = format_date(revised)
    return Review(_("Review of {name}").format(name=path.name), list(sections.values()) or [Section(str(path))],
                  facts)


def _revision_date(path: Path):  # type: ignore[no-untyped-def]
    """The day a PO catalog was last revised (its PO-Revision-Date header), None if it has none."""
    import datetime

    try:
        import polib

        stamp = polib.pofile(str(path)).metadata.get("PO-Revision-Date", "")
        return datetime.date.fromisoformat(stamp[:10])
    except (OSError, ValueError):
        return None
