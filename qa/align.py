"""Length-based alignment of paragraphs and sentences (Gale & Church 1993).

One to one when the counts match and the lengths agree; otherwise a dynamic programme over the
moves 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2, scored by how far each bead's length ratio is from the
text's own, inside a band around the diagonal (so the cost grows linearly with the text).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Bead", "align_lengths"]

# Gale & Church's priors of each move and the variance of the length difference.
_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2,
           (2, 2): 0.011}
_VARIANCE = 6.8
_COSTS = {move: -math.log(p) for move, p in _PRIORS.items()}


@dataclass(frozen=True, slots=True)
class Bead:
    """Source items ``source`` aligned to target items ``target`` (index lists; one may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]


def _match_cost(source_len: int, target_len: int, ratio: float) -> float:
    if source_len == 0 and target_len == 0:
        return 0.0
    mean = (source_len + target_len / ratio) / 2
    delta = (ratio * source_len - target_len) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    # -log of the two-tailed probability of |delta| under a standard normal.
    probability = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300)
    return -math.log(probability)


def _anchor_cost(di: int, dj: int, i: int, j: int, source_anchors: Sequence[frozenset[str]] | None,
                 target_anchors: Sequence[frozenset[str]] | None) -> float:
    """A penalty for each item of a bead whose anchors (numbers, concepts) the other side lacks."""
    if source_anchors is None or target_anchors is None:
        return 0.0
    theirs = frozenset().union(*target_anchors[j - dj:j])
    ours = frozenset().union(*source_anchors[i - di:i])
    penalty = sum(_ANCHOR_PENALTY for a in source_anchors[i - di:i] if a and not a & theirs)
    return penalty + sum(_ANCHOR_PENALTY for a in target_anchors[j - dj:j] if a and not a & ours)


#: What an item whose numbers and names the other side lacks costs (a factor of e**-6).
_ANCHOR_PENALTY = 6.0


def align_lengths(source: Sequence[int], target: Sequence[int], ratio: float | None = None,
                  band: int = 30, source_anchors: Sequence[frozenset[str]] | None = None,
                  target_anchors: Sequence[frozenset[str]] | None = None) -> list[Bead]:
    """Align two lists of item lengths (characters); ``ratio`` is target length per source length
    (default: the totals' ratio). Optional anchors per item (numbers, termbase concepts) make a
    bead that pairs an item with text lacking all of its anchors unlikely ("Gale-Church with
    anchors"): a dropped short paragraph is then a deletion, not a merge.

    >>> [(b.source, b.target) for b in align_lengths([100, 20, 100], [90, 90])]  # length alone: a merge
    [((0, 1), (0,)), ((2,), (1,))]
    >>> anchors = [frozenset({"x"}), frozenset({"99"}), frozenset({"y"})]
    >>> [(b.source, b.target) for b in align_lengths([100, 20, 100], [90, 90], None, 30, anchors,
    ...                                               [frozenset({"x"}), frozenset({"y"})])]
    [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    >>> [(b.source, b.target) for b in align_lengths([100, 100], [45, 50, 90])]
    [((0,), (0, 1)), ((1,), (2,))]
    """
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    if ratio is None:
        ratio = max(sum(target), 1) / max(sum(source), 1)
    ratio = min(max(ratio, 0.2), 5.0)
    width = band + abs(n - m)
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n
        low, high = max(0, int(centre) - width), min(m, int(centre) + width + 1)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            best, move = inf, (0, 0)
            for (di, dj), prior in _COSTS.items():
                if di > i or dj > j:
                    continue
                before = cost.get((i - di, j - dj))
                if before is None:
                    continue
                c = before + prior + _match_cost(sum(source[i - di:i]), sum(target[j - dj:j]), ratio) \
                    + _anchor_cost(di, dj, i, j, source_anchors, target_anchors) if di and dj else before + prior
                if c < best:
                    best, move = c, (di, dj)
            if best < inf:
                cost[i, j] = best
                back[i, j] = move
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i, j]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads
