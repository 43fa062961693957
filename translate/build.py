"""Assembling the final edition from a reviewed catalog (PO or XLIFF) and the source article it references."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from termguard.errors import InputError
from termguard.translate.document import Document
from termguard.translate.po import is_reviewed, read_catalog, reference_path
from termguard.translate.read import read_document
from termguard.translate.xliff import Xliff, is_xliff_path, read_xliff

__all__ = ["BuildResult", "Review", "build_edition", "catalog_sources", "read_review"]


@dataclass
class BuildResult:
    """The edition text and the segments that did not come from a reviewed entry."""

    source: Path
    text: str
    reviewed: int = 0
    unreviewed: list[str] = field(default_factory=list)  # fuzzy: the machine output was used
    untranslated: list[str] = field(default_factory=list)  # empty msgstr: the source sentence was kept
    missing: list[str] = field(default_factory=list)  # not in the catalog (the article changed)
    memory: list[tuple[str, str]] = field(default_factory=list)  # (source, reviewed translation), for TMX


@dataclass
class Review:
    """What ``build`` needs from a reviewed catalog, PO or XLIFF alike: each sentence's translation
    and whether a person approved it, by the article and paragraph it stands in."""

    path: Path
    refs: list[str]  # the source articles, in first-reference order
    source_lang: str = "de"
    target_lang: str = "en"
    #: (article, paragraph, sentence) → [(translation, reviewed)], in document order
    by_place: dict[tuple[str, int, str], list[tuple[str, bool]]] = field(default_factory=dict)
    by_sentence: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)

    def add(self, ref: str, paragraph: int, sentence: str, translation: str, reviewed: bool) -> None:
        if ref not in self.refs:
            self.refs.append(ref)
        self.by_place.setdefault((ref, paragraph, sentence), []).append((translation, reviewed))
        self.by_sentence.setdefault(sentence, []).append((translation, reviewed))

    def find(self, ref: str, paragraph: int, sentence: str) -> tuple[str, bool] | None:
        """The translation of ``sentence`` where it stands, else anywhere (a reviewed one first)."""
        here = self.by_place.get((ref, paragraph, sentence))
        if here:
            # A sentence repeated in one paragraph: each XLIFF unit in turn (a PO entry serves all).
            return here.pop(0) if len(here) > 1 else here[0]
        anywhere = self.by_sentence.get(sentence, [])
        return next((e for e in anywhere if e[1]), anywhere[0] if anywhere else None)


def read_review(path: str | Path) -> Review:
    """A reviewed PO catalog or XLIFF file (by suffix: ``.xlf``/``.xliff`` are XLIFF) for ``build``."""
    path = Path(path)
    if is_xliff_path(path):
        return _xliff_review(read_xliff(path), path)
    catalog = read_catalog(path)
    review = Review(path=path, refs=[], source_lang=catalog.metadata.get("X-Source-Language", "de") or "de",
                    target_lang=catalog.metadata.get("Language", "en") or "en")
    for entry in catalog:
        if entry.obsolete:
            continue
        for ref, paragraph in entry.occurrences or [("", "0")]:
            number = int(paragraph) if str(paragraph).isdigit() else 0
            review.add(ref, number, entry.msgid, entry.msgstr, is_reviewed(entry))
    review.refs = [r for r in review.refs if r]
    return review


def _xliff_review(xliff: Xliff, path: Path) -> Review:
    review = Review(path=path, refs=[f.ref for f in xliff.files if f.ref], source_lang=xliff.source_lang,
                    target_lang=xliff.target_lang)
    for unit in xliff.units:
        review.add(unit.ref, unit.block, unit.source, unit.target, unit.reviewed)
    return review


def catalog_sources(review: Review) -> list[Path]:
    """The source files a catalog references (PO ``#:`` references, XLIFF ``original``), found
    from the working directory or from the catalog's directory, in first-reference order."""
    names, po_path = review.refs, review.path
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
    """The edition of ``source`` (by default the one article ``po_path`` references) from the
    reviewed catalog ``po_path``, a PO file or an XLIFF file (1.2 or 2.0).

    Reviewed entries give their translation; unreviewed ones (fuzzy in PO, a pending state in
    XLIFF) give the machine output (listed in ``unreviewed``); empty ones keep the source sentence
    (listed in ``untranslated``).
    """
    from termguard.translate.pipeline import sentence_spans

    po_path = Path(po_path)
    review = read_review(po_path)
    if source is None:
        sources = catalog_sources(review)
        if not sources:
            raise InputError("the catalog has no references to a source article (pass --source FILE)", po_path)
        if len(sources) > 1:
            raise InputError(f"the catalog covers {len(sources)} articles; pick one with --source FILE "
                             f"or give a directory to -o", po_path)
        source = sources[0]
    source_lang = review.source_lang
    doc: Document = read_document(source, fmt, source_lang=source_lang, target_lang=review.target_lang)
    ref = _ref_of(Path(source), review)
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
            entry = review.find(ref, block.number, sentence)
            if entry is None:
                result.missing.append(sentence)
                parts.append(sentence)
            elif entry[1]:
                result.reviewed += 1
                result.memory.append((sentence, entry[0]))
                parts.append(entry[0])
            elif entry[0]:
                result.unreviewed.append(sentence)
                parts.append(entry[0])
            else:
                result.untranslated.append(sentence)
                parts.append(sentence)
            pos = end
        parts.append(block.text[pos:])
        block.output = "".join(parts)
    result.text = doc.render()
    return result


def _ref_of(source: Path, review: Review) -> str:
    """How the catalog names ``source``: the reference that resolves to it, else its path as
    ``translate`` would have written it."""
    for ref in review.refs:
        for candidate in (Path(ref), review.path.parent / ref):
            if candidate.is_file() and candidate.resolve() == source.resolve():
                return ref
    return reference_path(source)
