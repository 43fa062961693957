"""The document model every translation stage reads and fills in: Document → Block → Segment."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from termguard.model import Match

__all__ = [
    "BlockKind",
    "Block",
    "Document",
    "Failure",
    "Placeholder",
    "Segment",
    "STAGE_ERROR",
    "TRANSLATABLE",
    "stage_failure",
]

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "table_row", "code", "blank", "verbatim"]
#: Block kinds whose text is prose to translate; the others are copied unchanged. A ``table_row``
#: is a whole Markdown table row: its cells are translated, the pipes and padding kept.
TRANSLATABLE: frozenset[str] = frozenset({"heading", "paragraph", "list_item", "quote", "table_row"})


@dataclass
class Placeholder:
    """One protected span of a segment: what the engine sees and what goes back in its place.

    ``kind`` says where the span came from: ``term`` (a termbase match), ``name`` (a name the
    termbase does not know, transliterated), ``localized`` (a date, number or amount with a fixed
    English form), ``code`` (Markdown code span or bare URL) or ``link`` (a Markdown link whose
    text is translated as its own ``inner`` segment and whose URL is kept).
    """

    token: str
    source: str
    target: str
    kind: str
    start: int = 0
    end: int = 0
    concept_id: str | None = None
    inner: Segment | None = None
    template: str = "{}"
    #: Where the span stands in ``Segment.protected`` (start, end): token, inline form or source text.
    protected_at: tuple[int, int] = (0, 0)

    @property
    def restored(self) -> str:
        """The text that replaces the token in the output."""
        if self.inner is not None:
            return self.template.format(self.inner.output if self.inner.output is not None else self.source)
        return self.target


@dataclass
class Failure:
    """A finding of the QA engine that verification could not fix; always reported, never dropped.

    ``code`` is its rule code in the rules table (``termguard rules CODE``), ``severity`` its
    severity: errors are retried and repaired, warnings only reported.
    """

    reason: str
    concept_id: str | None = None
    expected: str | None = None
    source: str | None = None
    code: str | None = None
    severity: str = "error"

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "severity": self.severity, "reason": self.reason, "concept": self.concept_id,
                "expected": self.expected, "source": self.source}

    def __str__(self) -> str:
        return f"{self.code} {self.reason}" if self.code else self.reason


@dataclass
class Segment:
    """One sentence (or a link text) of a block, and everything the stages learn about it.

    ``start``/``end`` are the half-open span of the sentence in its block's ``text``.
    """

    source: str
    start: int = 0
    end: int = 0
    matches: list[Match] = field(default_factory=list)
    localized: list = field(default_factory=list)  # termguard.translate.localize.Localized
    names: list = field(default_factory=list)  # termguard.translate.transliterate.NameCandidate
    protected: str = ""
    placeholders: list[Placeholder] = field(default_factory=list)
    technique: str = ""
    attempts: list[str] = field(default_factory=list)
    output: str | None = None
    enforced: list[dict[str, str]] = field(default_factory=list)
    loaded: list[dict[str, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: Findings below error severity (German words left, glued words...): reported, not retried.
    warnings: list[Failure] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # forms written in by alignment (enforce)
    inline: bool = False  # a link text, translated on its own
    #: Stages that raised on this segment before translation (analysis, :func:`stage_failure`);
    #: kept apart from ``failures``, which each enforcement round replaces.
    errors: list[Failure] = field(default_factory=list)
    style: str | None = None  # the edition style (locales/editions/) that chooses between term variants

    @property
    def translated(self) -> bool:
        return self.output is not None

    @property
    def children(self) -> list[Segment]:
        """Link texts inside this segment, translated in the same batch."""
        return [p.inner for p in self.placeholders if p.inner is not None]


@dataclass
class Block:
    """A structural unit of the document: one source paragraph gives exactly one target paragraph.

    ``prefix`` is the markup kept in front of the prose (``"## "``, ``"- "``, ``"> "``, indentation);
    for ``code``, ``blank`` and ``verbatim`` blocks ``text`` is copied as it is.
    """

    kind: BlockKind
    text: str
    prefix: str = ""
    line: int = 0
    number: int = 0  # paragraph number used in PO references (1-based, non-blank blocks)
    segments: list[Segment] = field(default_factory=list)
    output: str | None = None

    @property
    def translatable(self) -> bool:
        return self.kind in TRANSLATABLE and bool(self.text.strip())

    def render(self, fallback_to_source: bool = True) -> str:
        """The block as it appears in the edition (markup prefix + translated prose)."""
        if not self.translatable:
            return self.text
        if self.output is None:
            return self.prefix + self.text if fallback_to_source else self.prefix
        return self.prefix + self.output


@dataclass
class Document:
    """A source article split into blocks; ``format`` is ``text`` or ``markdown``."""

    path: Path
    format: str
    blocks: list[Block]
    source_lang: str = "de"
    target_lang: str = "en"
    trailing_newline: bool = True

    @property
    def segments(self) -> list[Segment]:
        return [s for b in self.blocks for s in b.segments]

    @property
    def name(self) -> str:
        return self.path.name

    def render(self) -> str:
        """The whole edition: one output block per source block, separators kept."""
        text = "\n".join(b.render() for b in self.blocks)
        return text + "\n" if self.trailing_newline else text


#: The code of a pipeline stage that raised on one segment or document: that segment or document
#: is reported with it (report JSON, stderr) and every other one is still written.
STAGE_ERROR = "TG906"


def stage_failure(stage: str, exc: BaseException, source: str | None = None) -> Failure:
    """A stage that raised on one segment (:data:`STAGE_ERROR`): reported, the others go on.

    >>> print(stage_failure("transliterate", IndexError("string index out of range")))
    TG906 internal error in transliterate: IndexError: string index out of range
    """
    return Failure(f"internal error in {stage}: {type(exc).__name__}: {exc}", source=source, code=STAGE_ERROR)
