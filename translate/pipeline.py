"""The translation pipeline over many documents: read → segment → match → protect/translate/verify
(enforce) → localize → write, plus the review catalogs.

Without an engine it runs in *review-only* mode: every stage that needs no model still runs and
each document gets its report and a review catalog with empty msgstr (``model_missing``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from termguard.errors import InputError
from termguard.translate.document import STAGE_ERROR, Block, Document, Failure, Segment, stage_failure
from termguard.translate.enforce import EnforceStats, enforce
from termguard.translate.engine import ArgosEngine, Engine
from termguard.translate.po import catalog_text, make_catalog, read_catalog, update_catalog
from termguard.translate.protect import TECHNIQUES, term_target
from termguard.translate.read import footnote_spans, inline_spans, read_document
from termguard.translate.report import DocumentReport, document_report, report_text
from termguard.translate.verify import check_edition
from termguard.translate.write import write_text
from termguard.translate.xliff import Xliff, is_xliff_path, make_xliff, read_xliff, update_xliff, xliff_text

__all__ = ["Options", "collect_inputs", "prepare_document", "translate_documents", "translate_prepared",
           "translate_texts", "text_document", "INPUT_SUFFIXES", "output_paths", "check_output_names",
           "translate_batch", "merge_stats", "write_combined", "read_reviewed_xliff"]

INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass
class Options:
    """What :func:`translate_documents` does besides translating."""

    source_lang: str = "de"
    target_lang: str = "en"
    fmt: str = "auto"
    per_document_po: bool = True
    po: Path | None = None  # one catalog for all documents
    update: Path | None = None  # a reviewed catalog (.po, or .xlf/.xliff) to merge into --po/--xliff or itself
    xliff: Path | None = None  # one XLIFF review file for all documents
    xliff_version: str | None = None  # 1.2 or 2.0 (default: the version of the file updated, else 1.2)
    techniques: Sequence[str] = TECHNIQUES
    adaptive: bool = True  # probe the techniques on the model at hand and order them by pass rate
    align: bool = True  # repair failed outputs by the engine's alignment (termguard.translate.align)
    localize: bool = True
    edition_locale: str = "en_US"  # house style of the English edition (termguard.locales)
    transliterate: bool = True
    base: Path | None = None  # directory PO references are relative to (cwd)
    full_report: bool = False  # every segment in the report (default: the compact report, see report.py)
    # The catalogs' date (POT-Creation-Date, PO-Revision-Date; default: now). An archive run fixes
    # it in its manifest, so that a resumed run writes the catalogs an uninterrupted one wrote.
    catalog_date: str | None = None
    results: dict = field(default_factory=dict)  # filled in: enforce stats, catalog stats


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the articles (``*.txt``, ``*.md``) inside directories named, in order
    (:func:`termguard.translate.archive.collect_archive` without the output names)."""
    from termguard.translate.archive import collect_archive

    return [item.source for item in collect_archive(paths)]


# --- stage helpers -----------------------------------------------------------------------------

def sentence_spans(text: str, lang: str, kind: str = "paragraph") -> list[tuple[int, int]]:
    """The sentences of a block's text; in a table row, of each cell on its own."""
    from termguard.translate.segment import split_sentences, table_cells

    lang = lang if lang in ("de", "en") else "en"
    if kind != "table_row":
        return split_sentences(text, lang=lang)
    return [(start + s, start + e) for start, end in table_cells(text)
            for s, e in split_sentences(text[start:end], lang=lang)]


def _localizable(text: str, options: Options) -> list:
    if options.source_lang != "de" or options.target_lang != "en":
        return []
    from termguard.locales import edition_style
    from termguard.translate.localize import find_localizable

    return list(find_localizable(text, source_locale="de", target_locale=edition_style(options.edition_locale).cldr))


def _foreign_names(text: str, known: list[tuple[int, int]], source_lang: str) -> list:
    if source_lang != "de":
        return []
    from termguard.translate.transliterate import find_foreign_names

    return list(find_foreign_names(text, known=known))


def _typography(text: str, options: Options) -> str:
    from termguard.translate.localize import localize_typography

    return localize_typography(text, style=options.edition_locale)


def _outside(spans: list[tuple[int, int, str, str | None]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, _, _ in spans)


#: Finds the inline markup of a sentence that must reach the output unchanged, as
#: ``(start, end, kind, link_text)`` spans (:func:`termguard.translate.read.inline_spans`).
MarkupFinder = Callable[[str], list]


def analyse_segment(segment: Segment, termbase, options: Options, markdown: bool,  # type: ignore[no-untyped-def]
                    markup_of: MarkupFinder | None = None) -> Segment:
    """Match terms, formats and unknown names in one segment (pipeline steps 3, 5, 6).

    Inline markup is Markdown's for a Markdown document, else what ``markup_of`` finds.
    """
    text = segment.source
    segment.style = options.edition_locale
    markup = inline_spans(text) if markdown else markup_of(text) if markup_of else footnote_spans(text)
    matches = [m for m in termbase.matcher.find(text) if _outside(markup, m.start, m.end)]
    segment.matches = matches
    if options.localize:
        segment.localized = [loc for loc in _localizable(text, options)
                             if _outside(markup, loc.start, loc.end)]
        # An amount is one span: the termbase's ``US`` inside ``11 Millionen US-Dollar`` is part of
        # the currency, not the country. A term that holds a whole format span keeps it instead.
        matches = [m for m in matches if not any(loc.start <= m.start and m.end <= loc.end and
                                                 (loc.start, loc.end) != (m.start, m.end)
                                                 for loc in segment.localized)]
        segment.matches = matches
        segment.localized = [loc for loc in segment.localized
                             if all(loc.end <= m.start or loc.start >= m.end for m in matches)]
    if options.transliterate:
        known = [(m.start, m.end) for m in matches] + [(loc.start, loc.end) for loc in segment.localized]
        known += [(s, e) for s, e, _, _ in markup]
        segment.names = _foreign_names(text, known, options.source_lang)
    segment.enforced, segment.loaded = [], []
    for m in matches:
        target = term_target(m, options.target_lang, segment.style)
        if target is None:
            continue
        rendering = m.concept.rendering(m.term, options.target_lang, segment.style)
        segment.enforced.append({"concept": m.concept.id, "source": m.surface, "target": target,
                                 "status": m.term.status if m.term.status == "loaded" else rendering.status})
        if m.term.status == "loaded" or rendering.status == "loaded":
            # The concept's note explains why the form is loaded; a term note adds detail.
            notes = [n for n in (m.concept.note, m.term.note, rendering.note) if n]
            note = " ".join(dict.fromkeys(n.strip() for n in notes))
            segment.loaded.append({"concept": m.concept.id, "source": m.surface, "rendering": target,
                                   "note": note})
    return segment


def prepare_document(doc: Document, termbase, options: Options,  # type: ignore[no-untyped-def]
                     markup_of: MarkupFinder | None = None) -> Document:
    """Split every translatable block into analysed segments.

    A stage that raises on one block or segment costs only that one: a block that cannot be split
    is one segment, a segment that cannot be analysed goes to the engine unprotected, and either
    carries the error (:data:`~termguard.translate.document.STAGE_ERROR`) into the report.
    """
    markdown = doc.format == "markdown"
    for block in doc.blocks:
        block.segments = []
        if not block.translatable:
            continue
        errors: list[Failure] = []
        try:
            spans = sentence_spans(block.text, options.source_lang, block.kind)
        except Exception as exc:  # reported with STAGE_ERROR; the rest goes on
            spans = [(0, len(block.text))]
            errors.append(stage_failure("segment", exc, block.text))
        for start, end in spans:
            if block.text[start:end].strip():
                segment = Segment(block.text[start:end], start, end, errors=list(errors))
                try:
                    analyse_segment(segment, termbase, options, markdown, markup_of)
                except Exception as exc:  # reported with STAGE_ERROR; the rest goes on
                    segment.matches, segment.localized, segment.names = [], [], []
                    segment.enforced, segment.loaded = [], []
                    segment.errors.append(stage_failure("analyse (match, localize, transliterate)",
                                                                 exc, segment.source))
                block.segments.append(segment)
    return doc


def assemble_block(block: Block) -> None:
    """Join the translated segments of a block, keeping the text between them; a segment with no
    translation (every attempt failed, reported) keeps its source sentence, not its neighbours'."""
    if not block.segments or all(s.output is None for s in block.segments):
        block.output = None
        return
    parts: list[str] = []
    pos = 0
    for segment in block.segments:
        between = block.text[pos:segment.start]
        if not between and parts and parts[-1][-1:].strip():
            between = " "  # "festgestellt?Wir": two sentences glued in the source are two in English
        parts.append(between)
        parts.append(segment.output if segment.output is not None else segment.source)
        pos = segment.end
    parts.append(block.text[pos:])
    block.output = "".join(parts)


def _inner_factory(termbase, options: Options) -> Callable[[str], Segment]:  # type: ignore[no-untyped-def]
    def make_inner(text: str) -> Segment:
        return analyse_segment(Segment(text, 0, len(text), inline=True), termbase, options, markdown=False)

    return make_inner


# --- the whole run -----------------------------------------------------------------------------

def output_paths(out_dir: Path, name: str | PurePath) -> dict[str, Path]:
    """Where the edition, report and review catalog of the article written as ``name`` go:
    ``out_dir/name``, ``out_dir/<stem>.report.json`` and ``out_dir/<stem>.po`` (``name`` may hold
    folders: an archive's tree is mirrored under ``out_dir``).

    >>> sorted(str(p) for p in output_paths(Path("out"), "2024/01/a.md").values())
    ['out/2024/01/a.md', 'out/2024/01/a.po', 'out/2024/01/a.report.json']
    """
    edition = out_dir / name
    stem = edition.stem
    return {"edition": edition, "report": edition.with_name(f"{stem}.report.json"),
            "po": edition.with_name(f"{stem}.po")}


def check_output_names(named: Iterable[tuple[Path, str | PurePath]]) -> None:
    """Refuse (:class:`InputError`) two inputs whose outputs would collide: the same name, or the
    same stem in one folder (``a.txt`` and ``a.md`` would share ``a.report.json`` and ``a.po``)."""
    names: dict[str, Path] = {}
    stems: dict[str, Path] = {}
    for source, name in named:
        name = PurePath(name)
        if str(name) in names:
            raise InputError(f"two inputs are named {name} ({names[str(name)]} and {source}); "
                             "their editions would collide in one --output directory", source)
        stem = str(name.with_suffix(""))
        if stem in stems:
            # a.txt and a.md would share a.report.json and a.po: one report lost, and each run
            # would retire the other article's reviewed entries as obsolete.
            raise InputError(f"{stems[stem]} and {source} would share {name.stem}.report.json and "
                             f"{name.stem}.po; translate them into different --output directories", source)
        names[str(name)] = source
        stems[stem] = source


def translate_documents(paths: Sequence[str | Path], out_dir: str | Path, termbase,  # type: ignore[no-untyped-def]
                        engine: Engine | None = None, options: Options | None = None,
                        progress: Callable[[int], None] | None = None,
                        on_total: Callable[[int], None] | None = None, *, jobs: int = 1,
                        resume: bool = False, manifest: bool = False) -> list[DocumentReport]:
    """Translate the articles in ``paths`` into ``out_dir`` (edition + report + review catalog each).

    Files named go to ``out_dir/<name>``; the articles of a directory named keep their place in
    its tree (``DIR/2024/01/a.txt`` to ``out_dir/2024/01/a.txt``). Documents go through in
    bounded batches (:func:`termguard.translate.archive.translate_archive`, which yields each
    document's report as soon as its outputs are written); this returns them all.

    With ``engine=None`` nothing is translated: reports and catalogs (empty msgstr) are written
    and every :class:`DocumentReport` has ``model_missing=True``. ``on_total(n)`` is told, per
    batch, how many sentences it sends to the engine; ``progress(k)`` is called as they come
    back. ``jobs`` worker processes share the batches; ``manifest`` records the documents done in
    ``out_dir``'s run manifest and ``resume`` skips them (:mod:`termguard.translate.manifest`).
    """
    from termguard.translate.archive import translate_archive

    return list(translate_archive(paths, out_dir, termbase, engine, options, jobs=jobs, resume=resume,
                                  manifest=manifest, progress=progress, on_total=on_total))


def translate_batch(named: Sequence[tuple[Path, dict[str, Path]]], termbase,  # type: ignore[no-untyped-def]
                    engine: Engine | None, options: Options, read_only: Sequence[Path] = (),
                    progress: Callable[[int], None] | None = None,
                    on_total: Callable[[int], None] | None = None) -> tuple[list[DocumentReport], list[Document]]:
    """Read, prepare, translate (the engine sees the sentences of all of them together), check and
    write a batch of articles, each to its ``output_paths``; their reports in order, and the
    documents read (for catalogs over the whole run). One unreadable article costs the others nothing."""
    docs: list[Document] = []
    reports: list[DocumentReport | Document] = []
    for path, _ in named:
        try:
            doc = read_document(path, options.fmt, options.source_lang, options.target_lang)
        except InputError as exc:  # one unreadable article costs the others nothing
            reports.append(DocumentReport(source=path, input_error=str(exc)))
            continue
        docs.append(doc)
        reports.append(doc)
    outputs = {path: out for path, out in named}
    for doc in docs:
        prepare_document(doc, termbase, options)

    if engine is not None:
        if on_total:
            on_total(sum(len(d.segments) for d in docs))
        stats = translate_prepared(docs, termbase, engine, options, progress=progress)
        options.results["enforce"] = merge_stats(options.results.get("enforce"), stats)
    # The assembled edition goes through `termguard check SOURCE EDITION` (the same QA engine).
    checked = {doc.path: check_edition(doc, termbase.matcher) for doc in docs} if engine is not None else {}

    model_name = getattr(engine, "name", None) if engine is not None else None
    written = [_write_document(r, outputs[r.path], engine is not None, model_name, options, checked.get(r.path),
                               read_only) if isinstance(r, Document) else r for r in reports]
    return written, docs


def merge_stats(total: EnforceStats | None, part: EnforceStats | None) -> EnforceStats | None:
    """The enforcement statistics of a run from those of its batches."""
    if total is None or part is None:
        return total or part
    total.rounds.extend(part.rounds)
    total.engine_calls += part.engine_calls
    total.sentences += part.sentences
    total.probe = total.probe or part.probe
    total.failed_segments += part.failed_segments
    total.repaired_segments += part.repaired_segments
    return total


def write_combined(docs: Sequence[Document], translated: bool, options: Options, read_only: Sequence[Path],
                   reviewed_xliff: Xliff | None, xliff_target: Path | None) -> None:
    """The review files for all documents of a run (--xliff, --po, --update)."""
    po_update = None if is_xliff_path(options.update) else options.update
    if xliff_target is not None:
        review = make_xliff(docs, machine=translated, base=options.base)
        if reviewed_xliff is not None:
            options.results["xliff"] = update_xliff(review, reviewed_xliff)
        version = options.xliff_version or (reviewed_xliff.version if reviewed_xliff is not None else "1.2")
        write_text(xliff_target, xliff_text(review, version), read_only)
        options.results["xliff_path"] = xliff_target
    if options.po is not None or po_update is not None:
        catalog = make_catalog(docs, machine=translated, base=options.base, created=options.catalog_date)
        target = options.po or po_update
        assert target is not None
        if po_update is not None:
            options.results["catalog"] = update_catalog(catalog, read_catalog(po_update))
        elif target.exists():
            options.results["catalog"] = update_catalog(catalog, read_catalog(target))
        write_text(target, catalog_text(catalog), read_only)
        options.results["catalog_path"] = target


def translate_prepared(docs: Sequence[Document], termbase, engine: Engine,  # type: ignore[no-untyped-def]
                       options: Options, progress: Callable[[int], None] | None = None,
                       markup_of: MarkupFinder | None = None) -> EnforceStats:
    """Translate the segments of prepared documents together (enforce, typography) and
    assemble their blocks: the engine sees the sentences of all ``docs`` in its batches."""
    segments = [s for d in docs for s in d.segments]
    stats = enforce(segments, engine, options.techniques, termbase.matcher, options.target_lang,
                    inline_markup=_markup_lookup(docs, markup_of),
                    make_inner=_inner_factory(termbase, options),
                    progress=progress, adaptive=options.adaptive, align=options.align,
                    retry_engine=engine.retry if isinstance(engine, ArgosEngine) else None)
    for segment in segments:
        # Once per segment (German closing “ is English opening “: never apply it twice),
        # so that catalog entries and the edition read the same.
        if segment.output is not None:
            try:
                segment.output = _typography(segment.output, options)
            except Exception as exc:  # reported with STAGE_ERROR; the output stays as it is
                segment.failures.append(stage_failure("localize typography", exc, segment.source))
    for doc in docs:
        for block in doc.blocks:
            assemble_block(block)
    return stats


def text_document(text: str, name: str = "<text>", fmt: str = "text", source_lang: str = "de",
                  target_lang: str = "en") -> Document:
    """A document from text in memory (``fmt`` ``text``: one paragraph per line, or ``markdown``).

    >>> [b.text for b in text_document("Erster Satz.\\nZweiter.").blocks]
    ['Erster Satz.', 'Zweiter.']
    """
    from termguard.translate.read import parse_markdown, parse_text

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = parse_markdown(text) if fmt == "markdown" else parse_text(text)
    return Document(path=Path(name), format=fmt, blocks=blocks, source_lang=source_lang, target_lang=target_lang,
                    trailing_newline=text.endswith("\n"))


def translate_texts(texts: Sequence[str], termbase, engine: Engine | None,  # type: ignore[no-untyped-def]
                    options: Options | None = None, markup_of: MarkupFinder | None = None) -> list[Document]:
    """Translate texts in memory, each as a plain-text :func:`text_document`, in one run of the
    engine; nothing is written. ``markup_of`` finds what must come through verbatim (tags,
    placeholders). ``document.render()`` is the edition, :func:`document_report` the report;
    with ``engine=None`` the documents are analysed only (``output`` stays None)."""
    options = options or Options()
    docs = [prepare_document(text_document(t, f"<text {i}>", "text", options.source_lang, options.target_lang),
                             termbase, options, markup_of) for i, t in enumerate(texts, start=1)]
    if engine is not None and docs:
        options.results["enforce"] = translate_prepared(docs, termbase, engine, options, markup_of=markup_of)
    return docs


def read_reviewed_xliff(options: Options) -> tuple[Path | None, Xliff | None]:
    """Where the XLIFF review file goes, and the reviewed one to carry over (--update, or the
    file already at --xliff)."""
    update = options.update if is_xliff_path(options.update) else None
    target = options.xliff or update
    if target is None:
        return None, None
    existing = update or (target if target.exists() else None)
    return target, read_xliff(existing) if existing is not None else None


def _write_document(doc: Document, out: dict[str, Path], translated: bool, model_name: str | None,
                    options: Options, check: Any = None, read_only: Sequence[Path] = ()) -> DocumentReport:
    """Write one document's edition, catalog and report. A step that raises is reported in the
    report (``errors``, with its code) and the others are still written; a catalog that cannot
    be merged is never written over, since it may hold reviewed work."""
    edition = out["edition"] if translated else None
    po_path = out["po"] if options.per_document_po else None
    errors: list[dict[str, str]] = []
    kept = 0
    if edition is not None:
        try:
            write_text(edition, doc.render(), read_only)
        except Exception as exc:  # reported with STAGE_ERROR; the other outputs are written
            errors.append(_document_error("write edition", exc))
            edition = None
    if po_path is not None:
        try:
            catalog = make_catalog([doc], machine=translated, base=options.base, created=options.catalog_date)
            if po_path.exists():  # a catalog from an earlier run may hold reviewed work: keep it
                kept = update_catalog(catalog, read_catalog(po_path)).kept
            write_text(po_path, catalog_text(catalog), read_only)
        except Exception as exc:  # reported with STAGE_ERROR; the other outputs are written
            errors.append(_document_error("write catalog", exc))
            po_path = None
    data = document_report(doc, edition=edition, po=po_path, model=model_name, model_missing=not translated,
                           check=check)
    data["errors"] = errors
    write_text(out["report"], report_text(data, full=options.full_report), read_only)
    s = data["summary"]
    return DocumentReport(source=doc.path, edition=edition, report=out["report"], po=po_path,
                          segments=s["segments"], enforced=s["enforced"], loaded=s["loaded"],
                          transliterated=s["transliterated"], failures=s["failed_segments"],
                          model_missing=not translated, kept_reviewed=kept, data=data,
                          errors=errors + _segment_errors(data))


def _document_error(stage: str, exc: Exception) -> dict[str, str]:
    message = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
    return {"code": STAGE_ERROR, "stage": stage, "message": message}


def _segment_errors(data: dict) -> list[dict[str, str]]:
    """The stage errors among a report's segment failures, for the CLI's stderr lines."""
    return [{"code": f["code"], "stage": f"{s['paragraph']}.{s['index']}", "message": f["reason"]}
            for s in data["segments"] for f in s["failures"] if f.get("code") == STAGE_ERROR]


def _markup_lookup(docs: Sequence[Document], markup_of: MarkupFinder | None = None) -> Callable[[Segment], list]:
    markdown_segments = {id(s) for d in docs if d.format == "markdown" for s in d.segments}

    def lookup(segment: Segment) -> list:
        if id(segment) in markdown_segments:
            return inline_spans(segment.source)
        return markup_of(segment.source) if markup_of else footnote_spans(segment.source)

    return lookup
