"""Checking a translated segment: the QA engine of ``termguard check`` on the restored output.

What stays here is what alignment repair needs to know about protected spans (their expected
forms, whether an output already says them) and the numbers it can write back in."""

from __future__ import annotations

from termguard.qa.words import form_pattern
from termguard.translate.document import Failure, Placeholder, Segment
from termguard.translate.restore import restore

__all__ = ["verify", "check_segment", "check_edition", "in_house_style", "expected_form", "contains_form", "says_form",
           "missing_numbers"]

def missing_numbers(segment: Segment, output: str) -> list[str]:
    """Numbers written in digits in the source, outside protected spans, that the QA engine finds
    missing from ``output``: what alignment repair can write back as they are.

    >>> from termguard.translate.document import Segment
    >>> missing_numbers(Segment("Mit 5593 Beamten und 12 Autos, 99 Jahre lang."), "With 593 officials and twelve cars.")
    ['5593', '99']
    >>> missing_numbers(Segment("Mit 5593 Beamten."), "With 5,593 officials.")
    []
    """
    from termguard.qa.numbers import compare_quantities, english_quantities, german_quantities

    spans = [(p.start, p.end) for p in segment.placeholders]
    source = [q for q in german_quantities(segment.source) if q.kind == "number" and not q.soft
              and not any(start < q.end and q.start < end for start, end in spans)]
    return [m.source.text for m in compare_quantities(source, english_quantities(output))
            if m.source is not None and m.source.text.isdigit()]


def expected_form(placeholder: Placeholder) -> str:
    """The form that must stand in the output (a genitive ``'s`` is English grammar, not the term)."""
    target = placeholder.target.replace("“", "").replace("”", "")
    for ending in ("'s", "'"):
        if placeholder.kind == "term" and target.endswith(ending) and not placeholder.source.endswith(ending):
            return target[: -len(ending)]
    return target


def says_form(placeholder: Placeholder, text: str) -> bool:
    """True if ``text`` already holds the English form of a term, name or format span (whether
    restored from its token or written by the engine itself)."""
    return placeholder.kind in ("term", "name", "localized") and placeholder.inner is None \
        and contains_form(text, expected_form(placeholder))


def contains_form(text: str, form: str) -> bool:
    """True if ``form`` stands in ``text`` as a whole word sequence (case and hyphen/space tolerant).

    >>> contains_form("Pashinyan's government", "Pashinyan"), contains_form("Pashinyans plan", "Pashinyan")
    (True, False)
    >>> contains_form("the Nagorno Karabakh region", "Nagorno-Karabakh")
    True
    """
    if not form:
        return True
    return form_pattern(form).search(text) is not None


def _quote(text: str, form: str) -> str:
    """Put the first occurrence of ``form`` in English quotation marks."""
    return form_pattern(form).sub(lambda m: f"“{m.group(0)}”", text, count=1)


def check_segment(segment: Segment, hypothesis: str, matcher=None  # type: ignore[no-untyped-def]
                  ) -> tuple[str, list[Failure], list[Failure]]:
    """Restore ``hypothesis`` for ``segment`` and check it with the QA engine (:mod:`termguard.qa`,
    the engine of ``termguard check``): the text, the findings at error severity (what retries and
    alignment repair must fix) and the others (reported, not retried), each with its rule code.

    A loaded term whose quotation marks the engine dropped gets them back first: that is a fix,
    not a finding.
    """
    from termguard.qa import Unit, engine_for_matcher

    text = restore(hypothesis, segment.placeholders).text
    for p in segment.placeholders:
        if p.kind == "term" and p.target.startswith("“"):
            form = expected_form(p)
            if contains_form(text, form) and f"“{form}" not in text:
                text = _quote(text, form)
    if matcher is not None and segment.style:
        text = in_house_style(text, matcher, "en", segment.style)
    # German typography is put right after verification, once per segment (pipeline), so it is
    # not a finding here; the assembled edition is checked with it.
    unit = Unit(segment.source, text, level="segment", skip=frozenset({"german-quotes"}))
    findings = engine_for_matcher(matcher).check_unit(unit)
    errors = [_failure(f) for f in findings if f.severity == "error"]
    others = [_failure(f) for f in findings if f.severity != "error"]
    return text, errors, others


def in_house_style(text: str, matcher, target_lang: str, style: str) -> str:  # type: ignore[no-untyped-def]
    """``text`` with every termbase form of another house style written in ``style``'s form.

    The engine may write ``US`` where an en_US edition writes ``U.S.`` (or copy the source's own);
    one edition never mixes them, so the variant is replaced by the same concept's form of this
    style (same TBX type), keeping any ending.
    """
    for m in reversed(matcher.find(text)):
        if m.term.lang != target_lang or not m.term.styles or style in m.term.styles:
            continue
        try:
            form = m.concept.rendering(m.term, target_lang, style).text
        except LookupError:
            continue
        base_end = m.end - len(m.suffix)
        text = text[:m.start] + form + text[base_end:]
    return text


def _failure(finding) -> Failure:  # type: ignore[no-untyped-def]
    return Failure(finding.message, finding.concept, finding.suggestion, finding.surface or None, code=finding.code,
                   severity=finding.severity)


def verify(segment: Segment, hypothesis: str, matcher=None, target_lang: str = "en"  # type: ignore[no-untyped-def]
           ) -> tuple[str, list[Failure]]:
    """Restore ``hypothesis`` for ``segment`` and list what is wrong with it at error severity
    (see :func:`check_segment`; ``target_lang`` is English, the only edition language)."""
    text, errors, _ = check_segment(segment, hypothesis, matcher)
    return text, errors


def check_edition(doc, matcher=None) -> list:  # type: ignore[no-untyped-def]
    """``termguard check SOURCE EDITION`` on a translated document (the same engine, the same
    alignment, the same findings), with each finding also added to the segment it is about, so
    that the report's segments and the PO comments say it too. Returns the findings
    (:class:`termguard.lint.Finding`, located in the edition)."""
    from termguard.qa import check_texts, engine_for_matcher
    from termguard.qa.inputs import read_text

    edition = doc.render()
    findings = check_texts(read_text(doc.path), edition, doc.format, path=str(doc.path.name),
                           engine=engine_for_matcher(matcher))
    # The edition's line of each block (one output block per source block, joined by newlines).
    starts, line = [], 1
    for block in doc.blocks:
        starts.append(line)
        line += block.render().count("\n") + 1
    for finding in findings:
        k = max(i for i, start in enumerate(starts) if start <= finding.line) if starts else 0
        segments = doc.blocks[k].segments if doc.blocks else []
        if not segments:
            continue
        segment = next((s for s in segments if finding.surface and finding.surface in (s.output or "")), segments[0])
        failure = Failure(finding.message, finding.concept, finding.suggestion, finding.surface or None,
                          code=finding.code, severity=finding.severity)
        known = {(f.code, f.reason) for f in (*segment.failures, *segment.warnings)}
        if (failure.code, failure.reason) not in known:
            (segment.failures if finding.severity == "error" else segment.warnings).append(failure)
    return findings
