"""Assembling the final edition from a reviewed catalog and the source article it references."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from termguard.errors import InputError
from termguard.translate.document import Document
from termguard.translate.po import is_reviewed, read_catalog
from termguard.translate.read import read_document

__all__ = ["BuildResult", "build_edition", "catalog_sources"]


@dataclass
class BuildResult:
    """The edition text and the segments that did not come from a reviewed entry."""

    source: Path
    text: str
    reviewed: int = 0
    unreviewed: list[str] = field(default_factory=list)  # fuzzy: the machine output was used
    untranslated: list[str] = field(default_factory=list)  # empty msgstr: the source sentence was kept
    missing: list[str] = field(default_factory=list)  # not in the catalog (the article changed)

    @property
    def source_sentences(self) -> int:
        """Sentences the edition still holds in the source language (untranslated or missing)."""
        return len(self.untranslated) + len(self.missing)


def catalog_sources(catalog, po_path: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The source files a catalog's ``#:`` references name, found from the working directory
    or from the catalog's directory, in first-reference order."""
    names: list[str] = []
    for entry in catalog:
        for name, _ in entry.occurrences:
            if name not in names:
                names.append(name)
    found = []
    for name in names:
        for candidate in (Path(name), po_path.parent / name):
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            raise InputError(f"the catalog references {name}, which cannot be found (pass --source FILE)",
                             po_path)
    return found


def build_edition(po_path: str | Path, source: str | Path | None = None, fmt: str = "auto") -> BuildResult:
    """The edition of ``source`` (by default the one article ``po_path`` references) from the catalog.

    Reviewed entries give their msgstr; fuzzy entries give the machine output (listed in
    ``unreviewed``); empty entries keep the source sentence (listed in ``untranslated``), and so
    do sentences the catalog lacks (``missing``). A catalog that holds none of the article's
    sentences (another article's) is refused with :class:`InputError`.
    """
    from termguard.translate.pipeline import sentence_spans

    po_path = Path(po_path)
    catalog = read_catalog(po_path)
    if source is None:
        sources = catalog_sources(catalog, po_path)
        if not sources:
            raise InputError("the catalog has no references to a source article (pass --source FILE)", po_path)
        if len(sources) > 1:
            raise InputError(f"the catalog covers {len(sources)} articles; pick one with --source FILE "
                             f"or give a directory to -o", po_path)
        source = sources[0]
    source_lang = catalog.metadata.get("X-Source-Language", "de") or "de"
    doc: Document = read_document(source, fmt, source_lang=source_lang,
                                  target_lang=catalog.metadata.get("Language", "en") or "en")
    entries = {e.msgid: e for e in catalog if not e.obsolete}
    result = BuildResult(source=Path(source), text="")
    for block in doc.blocks:
        if not block.translatable:
            continue
        parts, pos = [], 0
        for start, end in sentence_spans(block.text, source_lang, block.kind):
            sentence = block.text[start:end]
            if not sentence.strip():
                continue
            parts.append(block.text[pos:start])
            entry = entries.get(sentence)
            if entry is None:
                result.missing.append(sentence)
                parts.append(sentence)
            elif is_reviewed(entry):
                result.reviewed += 1
                parts.append(entry.msgstr)
            elif entry.msgstr:
                result.unreviewed.append(sentence)
                parts.append(entry.msgstr)
            else:
                result.untranslated.append(sentence)
                parts.append(sentence)
            pos = end
        parts.append(block.text[pos:])
        block.output = "".join(parts)
    covered = result.reviewed + len(result.unreviewed) + len(result.untranslated)
    if result.missing and not covered:
        # Not one sentence of the article is in the catalog: the "edition" would be the source.
        raise InputError(f"the catalog holds none of the {len(result.missing)} sentences of {source}; "
                         "is it the catalog of another article?", po_path)
    result.text = doc.render()
    return result
