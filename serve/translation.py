"""Texts in, editions and reports out: the server's one call into termguard's translation pipeline.

The same functions as ``termguard translate`` (:func:`termguard.translate.pipeline.translate_texts`:
segment, match, protect, engine, restore, verify, localize); only the documents live in memory.
What must reach the output verbatim (HTML markup, Weblate's ``[X0X]`` placeholders) is handed to
the pipeline as inline markup, which it protects like Markdown's code spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from termguard.translate.pipeline import Options, translate_texts
from termguard.translate.report import document_report

__all__ = ["TextResult", "Translator", "markup_finder", "plain_translation", "FORMATS"]

#: ``format`` values of ``POST /translate``.
FORMATS = ("text", "html")

# Weblate hides its placeables as [X0X], [X1X], ...; other CAT tools use similar bracketed tokens.
_WEBLATE = r"\[X\d+X\]"
_HTML = (r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"  # comments and tags
         r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});")  # character references
_MARKUP = {"text": re.compile(_WEBLATE), "html": re.compile(f"{_WEBLATE}|{_HTML}", re.DOTALL)}


def markup_finder(fmt: str):  # type: ignore[no-untyped-def]
    """The spans of a sentence the engine must not touch, for ``fmt`` (``text`` or ``html``).

    >>> markup_finder("html")("Sagte <b>[X0X]</b> &amp; ging.")
    [(6, 9, 'code', None), (9, 14, 'code', None), (14, 18, 'code', None), (19, 24, 'code', None)]
    """
    pattern = _MARKUP[fmt]

    def find(text: str) -> list[tuple[int, int, str, str | None]]:
        return [(m.start(), m.end(), "code", None) for m in pattern.finditer(text)]

    return find


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def tidy_tags(source: str, output: str) -> str:
    """Spacing around HTML tags as in the source: the engine writes ``<b> Eriwan </b>`` for
    ``<b>Eriwan</b>``; a tag that is never followed (preceded) by a space in the source loses
    the space after (before) it in the output.

    >>> tidy_tags("<p>Paschinjan in <b>Eriwan</b>.</p>", "<p> Pashinyan in <b> Yerevan </b>. </p>")
    '<p>Pashinyan in <b>Yerevan</b>.</p>'
    """
    tags = {m.group() for m in _TAG.finditer(source)}
    for tag in sorted(tags, key=len, reverse=True):
        escaped = re.escape(tag)
        if not re.search(escaped + r"\s", source):
            output = re.sub(escaped + r"[ \t]+", tag, output)
        if not re.search(r"\s" + escaped, source):
            output = re.sub(r"[ \t]+" + escaped, tag, output)
    return output


@dataclass(frozen=True)
class TextResult:
    """One translated text: the edition and termguard's report on it."""

    edition: str
    report: dict[str, Any]

    @property
    def failures(self) -> int:
        return int(self.report["summary"]["failures"])

    @property
    def loaded(self) -> int:
        return int(self.report["summary"]["loaded"])


class Translator:
    """A loaded termbase and engine, translating lists of texts (blocking: call it off the event loop)."""

    def __init__(self, termbase: Any, engine: Any, edition_locale: str = "en_US") -> None:
        self.termbase = termbase
        self.engine = engine
        self.edition_locale = edition_locale

    @property
    def model_name(self) -> str | None:
        return getattr(self.engine, "name", None)

    def options(self) -> Options:
        # adaptive probing would let the requests that share a batch change each other's
        # technique order: a text's translation must not depend on who else was asking.
        return Options(source_lang=self.engine.from_code, target_lang=self.engine.to_code, adaptive=False,
                       edition_locale=self.edition_locale)

    def translate(self, fmt: str, texts: list[str]) -> list[TextResult]:
        """Translate ``texts`` (all in format ``fmt``) in one pipeline run."""
        docs = translate_texts(texts, self.termbase, self.engine, self.options(), markup_finder(fmt))
        results = []
        for text, doc in zip(texts, docs, strict=True):
            edition = doc.render()
            if fmt == "html":
                edition = tidy_tags(text, edition)
            report = document_report(doc, edition=None, po=None, model=self.model_name, model_missing=False)
            report["source"] = None  # an in-memory text has no file
            results.append(TextResult(edition, report))
        return results

    def warm_up(self) -> None:
        """Load the model into memory now, not on the first request."""
        self.translate("text", ["Paschinjan traf Alijew in Eriwan."])


def plain_translation(engine: Any, texts: list[str]) -> list[str]:
    """``texts`` translated by ``engine`` alone, line by line: what the server answers for a pair other
    than its own (``other_pairs``), as LibreTranslate would, with no termbase and no verification.
    Blank lines and each line's surrounding white space are kept (blocking: call it off the event loop).
    """
    lines = [(t, i, line) for t, text in enumerate(texts) for i, line in enumerate(text.split("\n"))]
    inputs = list(dict.fromkeys(line.strip() for _, _, line in lines if line.strip()))
    outputs = dict(zip(inputs, (h[0] if h else "" for h in engine.translate_batch(inputs)), strict=True))
    results: list[list[str]] = [[] for _ in texts]
    for t, _, line in lines:
        core = line.strip()
        if not core:
            results[t].append(line)
            continue
        start = line.index(core)
        results[t].append(line[:start] + outputs[core] + line[start + len(core):])
    return ["\n".join(parts) for parts in results]
