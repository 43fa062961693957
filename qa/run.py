"""Running a check: inputs → aligned units → findings, with the counts that the exit code and
the summary need (the same :class:`termguard.lint.LintStats` and exit codes as ``lint``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from termguard.errors import InputError
from termguard.lint.finding import Finding
from termguard.lint.run import LintStats
from termguard.lint.settings import LintSettings
from termguard.qa.engine import QAEngine, Unit, _short
from termguard.qa.inputs import Pairing, kind_of, pair_documents, read_po, read_text, read_xliff

__all__ = ["check_texts", "check_paths", "check_pairings", "check_pairing", "engine_for", "engine_for_matcher",
           "validate_pair"]


def engine_for(termbase: Any = None, settings: LintSettings | None = None, target_locale: str = "en_US") -> QAEngine:
    """A QA engine over ``termbase`` (default: the shipped one with the settings' extra files)."""
    settings = settings or LintSettings()
    if termbase is None:
        from termguard.glossary import load_termbase

        termbase = load_termbase(list(settings.termbase))
    return QAEngine(termbase, settings, target_locale)


def _note_finding(engine: QAEngine, kind: str, unit: Unit, detail: str) -> Finding | None:
    if kind == "missing-paragraph":
        return engine.finding(unit, kind, 0, 0, {"source": _short(detail)})
    if kind == "extra-paragraph":
        return engine.finding(unit, kind, 0, len(unit.target), {}, surface=_short(detail))
    return engine.finding(unit, kind, 0, 0, {"detail": detail})


def check_pairing(pairing: Pairing, engine: QAEngine, lint_findings: list[Finding] | None = None) -> list[Finding]:
    """Every finding of an aligned pairing, in file order: notes of the alignment, the bilingual
    checks of each unit, and ``lint --lang en`` on the edition (``lint_findings`` if the caller
    linted the edition file itself, else on the units' targets)."""
    from dataclasses import replace

    context = frozenset(m.concept.id for u in pairing.units for m in engine.source_matches(u.source))
    findings: list[Finding] = []
    for kind, unit, detail in pairing.notes:
        finding = _note_finding(engine, kind, unit, detail)
        if finding is not None:
            findings.append(finding)
    for unit in pairing.units:
        findings.extend(engine.check_unit(replace(unit, context=context), lint=False))
    linted = lint_findings if lint_findings is not None else engine.lint_target(pairing.units)
    findings.extend(engine.not_superseded(linted, findings))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def check_texts(source: str, target: str, fmt: str = "text", *, termbase: Any = None,
                settings: LintSettings | None = None, path: str = "<edition>", engine: QAEngine | None = None
                ) -> list[Finding]:
    """The findings of an English edition ``target`` of the German ``source`` (plain text or
    ``fmt="markdown"``), as ``termguard check SOURCE TARGET`` reports them.

    >>> [(f.code, f.message) for f in check_texts("Der Vertrag läuft 99 Jahre.", "The treaty runs for 9 years.")]
    [('TG305', 'number `99` (99) became `9`')]
    """
    return _checked_texts(source, target, fmt, path, engine or engine_for(termbase, settings))[1]


def _checked_texts(source: str, target: str, fmt: str, path: str, engine: QAEngine) -> tuple[Pairing, list[Finding]]:
    pairing = pair_documents(source, target, fmt, path, engine.anchors)
    from termguard.lint.formats import FORMATS

    document = FORMATS["markdown" if fmt == "markdown" else "text"](path, target, "en")
    return pairing, check_pairing(pairing, engine, engine.checker.check(document))


def _read_pair(source_path: str, target_path: str) -> tuple[str, str, str]:
    kinds = {kind_of(source_path), kind_of(target_path)}
    if kinds & {"po", "xliff"}:
        raise InputError("a PO or XLIFF file holds both sides: check it on its own (termguard check FILE.po)",
                         target_path if kind_of(target_path) in ("po", "xliff") else source_path)
    fmt = "markdown" if "markdown" in kinds else "text"
    source, target = read_text(source_path), read_text(target_path)
    validate_pair(source, target, source_path)
    return source, target, fmt


def validate_pair(source: str, target: str, source_name: str | None = None) -> None:
    """Refuse a pair that ``check SOURCE TARGET`` cannot check (an empty source; source and edition
    swapped), with an :class:`InputError` naming ``source_name``: the CLI and the server refuse alike."""
    if not source.strip():
        raise InputError("the source is empty", source_name)
    from termguard.lint.langdetect import detect_language

    if detect_language(source, default="de") == "en" and detect_language(target, default="en") == "de":
        raise InputError("the source reads as English and the edition as German: SOURCE comes first "
                         "(termguard check SOURCE.de EDITION.en)", source_name, 1 if source_name else None)


def check_paths(paths: Sequence[str], termbase: Any = None, settings: LintSettings | None = None, *,
                stats: LintStats | None = None, engine: QAEngine | None = None) -> Iterator[Finding]:
    """Findings of ``check SOURCE TARGET`` (two text or Markdown files) or of ``check FILE...``
    (PO catalogs and XLIFF files), streamed file by file; ``stats`` counts them as they go.

    Raises :class:`InputError` (file and line) for inputs that cannot be checked.
    """
    for _, findings in check_pairings(paths, termbase, settings, stats=stats, engine=engine):
        yield from findings


def check_pairings(paths: Sequence[str], termbase: Any = None, settings: LintSettings | None = None, *,
                   stats: LintStats | None = None, engine: QAEngine | None = None
                   ) -> Iterator[tuple[Pairing, list[Finding]]]:
    """What :func:`check_paths` checks, file by file: each file's aligned units (source and edition
    side by side) with its findings; ``stats`` counts them as they go."""
    engine = engine or engine_for(termbase, settings)
    stats = stats if stats is not None else LintStats()
    rules = engine.rules
    catalogs = [p for p in paths if kind_of(p) in ("po", "xliff")]
    if not paths:
        raise InputError("nothing to check: give SOURCE TARGET, or PO/XLIFF files")
    if catalogs and len(catalogs) != len(paths):
        other = next(p for p in paths if p not in catalogs)
        raise InputError("a PO or XLIFF file holds both sides: check it on its own, not with a second file", other)
    jobs: list[tuple[str, ...]]
    if catalogs:
        jobs = [(p,) for p in catalogs]
    elif len(paths) == 2:
        jobs = [(paths[0], paths[1])]
    else:
        raise InputError(f"check compares a SOURCE and a TARGET file, got {len(paths)} file(s)"
                         + ("" if len(paths) < 2 else "; PO and XLIFF files are checked on their own"), paths[0])

    for job in jobs:
        if len(job) == 2:
            source, target, fmt = _read_pair(*job)
            pairing, findings = _checked_texts(source, target, fmt, job[1], engine)
        else:
            pairing = read_po(job[0]) if kind_of(job[0]) == "po" else read_xliff(job[0])
            findings = check_pairing(pairing, engine)
        stats.files += 1
        for finding in findings:
            stats.add(finding, rules[finding.code].is_input)
        yield pairing, findings


_BY_MATCHER: dict[int, tuple[Any, QAEngine]] = {}


def engine_for_matcher(matcher: Any = None) -> QAEngine:
    """The QA engine over ``matcher`` (default: the shipped termbase's), built once per matcher:
    what ``translate`` verifies its segments with."""
    if matcher is None:
        from termguard.glossary import load_termbase

        matcher = load_termbase().matcher
    held = _BY_MATCHER.get(id(matcher))
    if held is None or held[0] is not matcher:
        from types import SimpleNamespace

        held = _BY_MATCHER[id(matcher)] = (matcher, QAEngine(SimpleNamespace(matcher=matcher)))
    return held[1]
