"""Writing a term into an engine output by the engine's own alignment (alignment repair).

Used by :mod:`termguard.translate.enforce` when no hypothesis passes verification as the engine
wrote it. For every protected span whose form is not in the output, the output words the engine
aligned to that span (CTranslate2's attention, one source piece per target piece) are replaced
by the form. A span no output word is aligned to (the engine dropped it) is inserted after the
words aligned to the source just before it. Of a token the engine repeated, the copy aligned to
the source is kept. This is how CAT tools carry inline tags through MT that drops them; the
report lists what was written in, so a reviewer looks at it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from termguard.translate.document import Segment
from termguard.translate.engine import Aligned
from termguard.translate.protect import PLACEHOLDER_RE
from termguard.translate.verify import contains_form, expected_form, missing_numbers, says_form

__all__ = ["repair", "project", "keep_aligned_copy"]

_WORD_START = "\u2581"
_ATTACHED = "'’"  # "Pashinyan" + "'s": the possessive belongs to the word before it


def _units(pieces: Sequence[str]) -> list[tuple[int, int]]:
    """Target pieces grouped into words and punctuation marks: (first, last) piece, inclusive.

    A word starts at a piece with ``▁`` (a lone ``▁`` is the space before the word's first
    piece); a piece without it continues the word if it starts with a letter, digit or
    apostrophe, and is a punctuation mark of its own otherwise.
    """
    units: list[tuple[int, int]] = []
    for i, piece in enumerate(pieces):
        body = piece.lstrip(_WORD_START)
        glued = not piece.startswith(_WORD_START) and body[:1] and (body[0].isalnum() or body[0] in _ATTACHED)
        lone_space = piece == _WORD_START
        if units and (glued or pieces[units[-1][1]] == _WORD_START) and not lone_space:
            units[-1] = (units[-1][0], i)
        else:
            units.append((i, i))
    return units


def _votes(aligned: Aligned, unit: tuple[int, int]) -> list[int]:
    """The source pieces a unit's non-space pieces are aligned to."""
    return [aligned.alignment[i] for i in range(unit[0], unit[1] + 1)
            if i < len(aligned.alignment) and aligned.pieces[i].strip(_WORD_START)]


def _source_pieces(aligned: Aligned, sentence: str, start: int, end: int) -> set[int]:
    return {k for k, (b, e) in enumerate(aligned.source_spans)
            if b < end and e > start and sentence[b:e].strip()}


def _is_word(aligned: Aligned, unit: tuple[int, int]) -> bool:
    return any(c.isalnum() for i in range(unit[0], unit[1] + 1) for c in aligned.pieces[i])


def _region(aligned: Aligned, units: list[tuple[int, int]], sources: set[int]) -> tuple[int, int] | None:
    """The longest run of consecutive words mostly aligned to ``sources`` (unit indices).

    Punctuation is never replaced on its own: a comma after the name stays, a hyphen between
    two aligned words (``Berg - karabach``) goes with them.
    """
    runs: list[tuple[int, int]] = []
    open_run = False
    for u, unit in enumerate(units):
        if not _is_word(aligned, unit):
            continue
        votes = _votes(aligned, unit)
        if votes and 2 * sum(v in sources for v in votes) >= len(votes):
            if open_run:
                runs[-1] = (runs[-1][0], u)
            else:
                runs.append((u, u))
            open_run = True
        else:
            open_run = False
    if not runs:
        return None
    return max(runs, key=lambda r: r[1] - r[0])  # ties: the first run


def _insertion_point(aligned: Aligned, units: list[tuple[int, int]], sources: set[int]) -> int:
    """Unit index a dropped span goes before: after the units aligned to the nearest source
    piece before it, else before those aligned to the nearest one after it, else before the
    final punctuation."""
    low, high = min(sources), max(sources)
    for k in range(low - 1, -1, -1):
        hits = [u for u, unit in enumerate(units) if k in _votes(aligned, unit)]
        if hits:
            return hits[-1] + 1
    for k in range(high + 1, len(aligned.source_spans)):
        hits = [u for u, unit in enumerate(units) if k in _votes(aligned, unit)]
        if hits:
            return hits[0]
    end = len(units)
    while end > 0 and not _is_word(aligned, units[end - 1]):
        end -= 1
    return end


def _absorb_echoes(aligned: Aligned, units: list[tuple[int, int]], region: tuple[int, int], replacement: str,
                   decode: Callable[[list[str]], str]) -> tuple[int, int]:
    """Widen ``region`` over neighbouring words the replacement already says: "15" aligned to
    ``15. März`` in "on 15 March" becomes "March 15", and the "March" after it must go."""
    said = {w.casefold() for w in replacement.replace("-", " ").split()}
    first, last = region

    def echo(u: int) -> bool:
        unit = units[u]
        return _is_word(aligned, unit) and decode(list(aligned.pieces[unit[0]:unit[1] + 1])).casefold() in said

    while first > 0 and echo(first - 1):
        first -= 1
    while last + 1 < len(units) and echo(last + 1):
        last += 1
    return first, last


def project(aligned: Aligned, sentence: str, spans: Sequence[tuple[int, int, str]],
            decode: Callable[[list[str]], str], keep: Sequence[str] = ()) -> str:
    """``aligned``'s text with each ``(start, end, replacement)`` span of the source ``sentence``
    written over the output words aligned to it (or inserted where it was dropped).

    ``decode`` turns a run of the engine's pieces into text (the engine's SentencePiece decoder).
    Words that say one of the ``keep`` forms (terms the engine already got right) are never
    written over, whatever the attention says: the replacement goes after them instead.

    >>> a = Aligned("On Monday Paschinyan travelled.", ("▁On", "▁Monday", "▁Pas", "chin", "yan", "▁travelled", "."),
    ...             (0, 1, 3, 3, 2, 2, 4), ((0, 2), (2, 9), (9, 16), (16, 27), (27, 28)))
    >>> decode = lambda pieces: "".join(pieces).replace("▁", " ").strip()
    >>> project(a, "Am Montag reiste Paschinjan.", [(17, 27, "Pashinyan")], decode)
    'On Monday Pashinyan travelled.'
    >>> project(a, "Am Montag reiste Paschinjan.", [(3, 9, "Monday"), (28, 28, "X")], decode)
    'On Monday Paschinyan travelled.'
    """
    pieces = list(aligned.pieces)
    units = _units(pieces)
    # (first unit, last unit, replacement); last = first - 1 is an insertion before unit ``first``.
    edits: list[tuple[int, int, str]] = []
    claimed: set[int] = set()
    for start, end, replacement in spans:
        sources = _source_pieces(aligned, sentence, start, end)
        if not sources:
            continue
        region = _region(aligned, units, sources)
        if region is None:
            at = _insertion_point(aligned, units, sources)
            edits.append((at, at - 1, replacement))
            continue
        region = _absorb_echoes(aligned, units, region, replacement, decode)
        covered = set(range(region[0], region[1] + 1))
        said = decode(list(pieces[units[region[0]][0]:units[region[1]][1] + 1]))
        if covered & claimed or any(contains_form(said, form) for form in keep):
            # Words another span already replaced, or a right term: the replacement goes after them.
            edits.append((region[1] + 1, region[1], replacement))
            continue
        claimed |= covered
        edits.append((region[0], region[1], replacement))
    if not edits:
        return aligned.text
    parts: list[str] = []

    def glued(text: str) -> bool:
        """True if ``text`` would run into the word before it: a written-in form is a word of
        its own, and so is the engine's word after it ("met in" + "spoke", "The" + "USA")."""
        return bool(parts) and parts[-1][-1:].isalnum() and text[:1].isalnum()

    def emit(first_unit: int, last_unit: int) -> None:
        if first_unit > last_unit:
            return
        run = pieces[units[first_unit][0]:units[last_unit][1] + 1]
        text = decode(run)
        if text:
            parts.append((" " if parts and (run[0].startswith(_WORD_START) or glued(text)) else "") + text)

    pos = 0
    for first, last, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        emit(pos, first - 1)
        spaced = bool(parts) and (last < first or first >= len(units)
                                  or pieces[units[first][0]].startswith(_WORD_START) or glued(replacement))
        parts.append((" " if spaced else "") + replacement)
        pos = max(pos, last + 1, first)
    emit(pos, len(units) - 1)
    return "".join(parts).strip()


def _occurrences(pieces: Sequence[str], text: str) -> list[tuple[int, int]]:
    """(first, last) pieces of each occurrence of ``text`` in the decoded pieces, however the
    tokenizer split it (``▁[1]`` in termguard's models, ``▁[`` ``1`` ``]`` in others)."""
    joined, owner = "", []
    for index, piece in enumerate(pieces):
        chunk = piece.replace(_WORD_START, " ")
        joined += chunk
        owner.extend([index] * len(chunk))
    found, start = [], joined.find(text)
    while start >= 0:
        first, last = owner[start], owner[start + len(text) - 1]
        if first > 0 and pieces[first - 1] == _WORD_START:
            first -= 1  # the space before the token is a piece of its own
        found.append((first, last))
        start = joined.find(text, start + len(text))
    return found


def keep_aligned_copy(aligned: Aligned, sentence: str, start: int, end: int, text: str,
                      decode: Callable[[list[str]], str]) -> Aligned:
    """``aligned`` with every occurrence of ``text`` (a token the engine repeated) dropped but the
    one most aligned to the source span ``start:end``.

    >>> a = Aligned("[1] met [1] in [2].", ("▁[1]", "▁met", "▁[", "1", "]", "▁in", "▁[2]", "."),
    ...             (2, 1, 0, 0, 0, 3, 4, 5), ((0, 3), (3, 8), (8, 12), (12, 15), (15, 19), (19, 20)))
    >>> decode = lambda pieces: "".join(pieces).replace("▁", " ").strip()
    >>> keep_aligned_copy(a, "[1] traf [2] in [3].", 0, 3, "[1]", decode).text  # the 2nd copy is aligned to it
    'met [1] in [2].'
    """
    copies = _occurrences(aligned.pieces, text)
    if len(copies) < 2:
        return aligned
    sources = _source_pieces(aligned, sentence, start, end)

    def share(copy: tuple[int, int]) -> float:
        votes = [aligned.alignment[i] for i in range(copy[0], copy[1] + 1) if i < len(aligned.alignment)]
        return sum(v in sources for v in votes) / max(len(votes), 1)

    keep = max(copies, key=share)  # ties: the first copy
    dropped = {i for copy in copies if copy != keep for i in range(copy[0], copy[1] + 1)}
    pieces = [piece for i, piece in enumerate(aligned.pieces) if i not in dropped]
    alignment = [a for i, a in enumerate(aligned.alignment) if i not in dropped]
    return Aligned(decode(pieces), tuple(pieces), tuple(alignment), aligned.source_spans)


def _token_counts(text: str) -> Counter[str]:
    """How often each placeholder token stands in ``text`` (``[ 1 ]`` counts as ``[1]``)."""
    return Counter(f"[{int(n)}]" for n in PLACEHOLDER_RE.findall(text))


def repair(segment: Segment, sentence: str, aligned: Aligned, decode: Callable[[list[str]], str]
           ) -> tuple[str, list[str]]:
    """``aligned`` (a translation of ``sentence``, the protected text of ``segment``) with what it
    lacks written over the words aligned to its source span:
    dropped tokens (put back as tokens, restored as usual), English forms of terms, names and
    formats, long numbers; of a token the engine repeated, the copy aligned to its source is
    kept. Returns the text and what was written in (or kept once)."""
    spans: list[tuple[int, int, str]] = []
    written: list[str] = []
    for p in segment.placeholders:
        if p.token and _token_counts(aligned.text)[p.token] > 1:
            aligned = keep_aligned_copy(aligned, sentence, *p.protected_at, p.token, decode)
            if _token_counts(aligned.text)[p.token] == 1:
                written.append(f"{p.restored if p.inner is None else p.source} (once)")
    counts = _token_counts(aligned.text)
    for p in segment.placeholders:
        if p.token:
            if not counts[p.token] and not says_form(p, aligned.text):
                spans.append((*p.protected_at, p.token))
                written.append(p.restored if p.inner is None else p.source)
        elif p.kind in ("term", "name", "localized") and not says_form(p, aligned.text):
            spans.append((*p.protected_at, p.target))
            written.append(p.target)
    for number in missing_numbers(segment, aligned.text):
        at = sentence.find(number)
        if at >= 0:
            spans.append((at, at + len(number), number))
            written.append(number)
    if not spans:
        return aligned.text, written
    keep = [expected_form(p) for p in segment.placeholders
            if not p.token and p.kind in ("term", "name") and contains_form(aligned.text, expected_form(p))]
    return project(aligned, sentence, spans, decode, keep=keep), written
