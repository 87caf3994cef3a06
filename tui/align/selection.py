"""Step 5 of the aligner: the links at a threshold, from the scores kept.

Cheap (no scoring) and light to import (numpy, the groups): the reader calls
:func:`select` again whenever the threshold changes, and on the scores a
child process sent (``tui.scoring_ahead``) for its first links.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tui.align.copies import with_copies
from tui.align.groups import build_groups
from tui.align.scored import ScoredPairs
from tui.align.structure import HEAD
from tui.model import Alignment, Document, Link

BEST_MARGIN = 20.0
"""In parallel texts, a pair is kept when it scores within this much of the
best pair of either sentence (one verse, one verse)."""
CONFIDENT = 70.0
"""A pair this strong is a link even when either sentence has a better one
(a summary lead tells what several sentences of another source tell)."""
MAX_PER_SOURCE = 4
"""Selection keeps at most twice this many counterparts per sentence and source
(a bound on work; the groups keep at most ``tui.align.groups.MAX_PER_SOURCE``)."""


def select(
    documents: Sequence[Document], scored: ScoredPairs | None, threshold: float
) -> Alignment:
    """Step 5: the links at ``threshold`` and their coherent groups.

    Cheap (no scoring): the reader calls it again when the threshold changes.
    """
    if scored is None:
        alignment = build_groups([], documents)
        alignment.scored = None
        return alignment
    if scored.origin is not None:
        distinct = [documents[number] for number in sorted(set(scored.origin))]
        alignment = with_copies(_selected(distinct, scored, threshold), documents, scored.origin)
    else:
        alignment = _selected(documents, scored, threshold)
    alignment.scored = scored
    alignment.notes = list(scored.notes)
    return alignment


def _selected(documents: Sequence[Document], scored: ScoredPairs, threshold: float) -> Alignment:
    keep = _select(scored, threshold)
    source = scored.source.tolist()
    local = scored.local.tolist()
    links = [
        Link(source[i], local[i], source[j], local[j], round(value, 1))
        for i, j, value in zip(
            scored.rows[keep].tolist(),
            scored.cols[keep].tolist(),
            scored.scores[keep].tolist(),
            strict=True,
        )
    ]
    keys = scored.keys.tolist()
    ties = {
        (link.a, link.b): tuple(sorted((keys[i], keys[j])))
        for link, i, j in zip(
            links, scored.rows[keep].tolist(), scored.cols[keep].tolist(), strict=True
        )
    }
    return build_groups(links, documents, ties)


def _rank_within(slots: np.ndarray) -> np.ndarray:
    """For items already in priority order: how many earlier items share each one's slot."""
    order = np.argsort(slots, kind="stable")
    sorted_slots = slots[order]
    starts = np.flatnonzero(np.r_[True, sorted_slots[1:] != sorted_slots[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(slots)]))
    rank = np.empty(len(slots), dtype=np.int64)
    rank[order] = np.arange(len(slots)) - run_start
    return rank


def _select(scored: ScoredPairs, threshold: float) -> np.ndarray:
    """Keep pairs above threshold that are near the best for either sentence."""
    scores, rows, cols = scored.scores, scored.rows, scored.cols
    above = scores >= threshold
    if not above.any():
        return above
    sources = scored.sources
    slot_r = rows * sources + scored.source[cols]
    slot_c = cols * sources + scored.source[rows]
    best = np.zeros(len(scored.source) * sources, dtype=np.float32)
    np.maximum.at(best, slot_r[above], scores[above])
    np.maximum.at(best, slot_c[above], scores[above])
    # The fitted score already weighs each sentence's next best (its margin
    # features), so every pair above the threshold stands. Versions of one
    # text: one verse for one verse, near the best of either (hand-made points
    # on the fitted scale).
    versions = scored.versions if scored.versions is not None else scored.parallel
    margin = np.where(versions, BEST_MARGIN * scored.stretch, 100.0)
    near = (scores >= best[slot_r] - margin) | (scores >= best[slot_c] - margin)
    # Headline and lead pairs are kept whatever else their sentences match:
    # a lead sums up several sentences and each is rightly linked to it.
    head = (scored.local[rows] < HEAD) & (scored.local[cols] < HEAD)
    confident = 100.0 - (100.0 - CONFIDENT) * scored.stretch
    keep = above & (near | head | (scores >= confident))
    # A bound on counterparts per sentence and source, best first (the groups
    # keep at most MAX_PER_SOURCE of them, those that fit a coherent row);
    # equal scores in an order that does not depend on the order of the files.
    index = np.flatnonzero(keep)
    low = np.minimum(scored.keys[rows[index]], scored.keys[cols[index]])
    high = np.maximum(scored.keys[rows[index]], scored.keys[cols[index]])
    index = index[np.lexsort((high, low, -scores[index]))]
    result = np.zeros_like(keep)
    fits = np.ones(len(index), dtype=bool)
    for slots in (slot_r[index], slot_c[index]):
        fits &= _rank_within(slots) < 2 * MAX_PER_SOURCE
    result[index[fits]] = True
    return result
