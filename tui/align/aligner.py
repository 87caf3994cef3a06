"""Align sentences across sources: who says what, and where.

Every pair of sources is compared at once, in any order (outlets reorder
freely) and one sentence may match several. The score (0-100) rewards
shared *informative* content:

- **Lexical**: each word weighs its inverse sentence frequency over the whole
  story, so words that occur everywhere ("North Korea", "sanctions") weigh
  little and rare shared words and shared quotes a lot. We mix a Dice
  overlap (both sentences say the same) with containment (a short sentence
  quoted inside a long one), the latter damped until enough weight is shared.
- **Characters**: rapidfuzz's ``token_sort_ratio`` on normalised text catches
  what word folding does not ("large- scale", spelling variants), counted
  only as far as informative words are shared.
- **Context**: a pair whose neighbours also match, in order, gains a bonus.

Comparing everything with everything is quadratic (140 s for 10 x 2,000
sentences), so candidates come from ``tui.candidates``: two sentences are
compared only if they share a word that is not everywhere. Common words
still count in the final score.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from tui.align.candidates import Corpus, build_corpus, candidate_pairs
from tui.align.groups import build_groups
from tui.model import Alignment, Document, Link

Progress = Callable[[float, str], None]

DEFAULT_THRESHOLD = 45.0
LEXICAL_WEIGHT = 0.6
CONTEXT_BONUS = 0.1
BEST_MARGIN = 12.0
MAX_PER_SOURCE = 3
CHUNK = 200_000


def align(
    documents: Sequence[Document],
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> Alignment:
    """Link the sentences of ``documents`` and group them.

    Pure and thread-safe: the reader runs it in a worker thread.
    """
    report = progress or (lambda fraction, message: None)
    enabled = gc.isenabled()
    # Millions of short-lived word strings and no reference cycles: the cyclic
    # collector only rescans the documents, which cost up to 0.4 s a pass.
    gc.disable()
    try:
        return _align(documents, threshold, report)
    finally:
        if enabled:
            gc.enable()


def _align(documents: Sequence[Document], threshold: float, report: Progress) -> Alignment:
    report(0.0, "reading words")
    corpus = build_corpus(documents)
    if len(documents) < 2 or corpus.size == 0:
        report(1.0, "done")
        return build_groups([], documents)
    report(0.2, "finding candidates")
    rows, cols = candidate_pairs(corpus)
    report(0.45, f"scoring {len(rows):,} candidate pairs")
    scores = _score(corpus, rows, cols, report)
    report(0.85, "using context")
    scores = _add_context(corpus, rows, cols, scores, threshold)
    keep = _select(corpus, rows, cols, scores, threshold)
    source = corpus.source.tolist()
    local = corpus.local.tolist()
    links = [
        Link(source[i], local[i], source[j], local[j], round(score, 1))
        for i, j, score in zip(
            rows[keep].tolist(), cols[keep].tolist(), scores[keep].tolist(), strict=True
        )
    ]
    links.sort(key=lambda link: (link.source_a, link.sentence_a, link.source_b, link.sentence_b))
    report(0.95, "grouping")
    alignment = build_groups(links, documents)
    report(1.0, "done")
    return alignment


def _score(corpus: Corpus, rows: np.ndarray, cols: np.ndarray, report: Progress) -> np.ndarray:
    """Score candidate pairs 0-100: weighted word overlap plus characters."""
    count = len(rows)
    scores = np.zeros(count, dtype=np.float32)
    if count == 0:
        return scores
    weighted = (corpus.matrix @ sparse.diags(corpus.idf)).tocsr()
    enough_weight = 2.0 * math.log1p(max(2, corpus.size) / 2)
    ordered = [" ".join(sorted(text.split())) for text in corpus.texts]
    for begin in range(0, count, CHUNK):
        end = min(count, begin + CHUNK)
        r = rows[begin:end]
        c = cols[begin:end]
        shared = np.asarray(weighted[r].multiply(corpus.matrix[c]).sum(axis=1)).ravel()
        total_r = corpus.weight[r]
        total_c = corpus.weight[c]
        dice = 2 * shared / np.maximum(total_r + total_c, 1e-6)
        contain = shared / np.maximum(np.minimum(total_r, total_c), 1e-6)
        informative = np.minimum(1.0, shared / enough_weight)
        contain *= informative
        lexical = np.clip(0.5 * dice + 0.5 * contain, 0, 1)
        # fuzz.ratio on word-sorted text is token_sort_ratio without
        # re-splitting and sorting both sentences for every pair (3x faster).
        chars = process.cpdist(
            [ordered[i] for i in r.tolist()],
            [ordered[j] for j in c.tolist()],
            scorer=fuzz.ratio,
            workers=-1,
            dtype=np.float32,
        )
        # Look-alike wording only counts as far as informative words are shared:
        # "And he said unto them, Go." is not "And he said unto them, What?".
        chars *= informative
        scores[begin:end] = 100 * LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * chars
        report(0.45 + 0.4 * end / count, f"scored {end:,} of {count:,} pairs")
    return scores


def _add_context(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, threshold: float
) -> np.ndarray:
    """Raise pairs whose neighbours match in the same order."""
    if len(rows) == 0:
        return scores
    size = np.int64(corpus.size + 1)
    keys = rows * size + cols
    order = np.argsort(keys)
    sorted_keys = keys[order]
    sorted_scores = scores[order]
    best_neighbour = np.zeros_like(scores)
    for step in (-1, 1):
        r = rows + step
        c = cols + step
        same = (r >= 0) & (c >= 0) & (r < size - 1) & (c < size - 1)
        r = np.where(same, r, 0)
        c = np.where(same, c, 0)
        same &= (corpus.source[r] == corpus.source[rows]) & (
            corpus.source[c] == corpus.source[cols]
        )
        wanted = r * size + c
        position = np.clip(np.searchsorted(sorted_keys, wanted), 0, len(sorted_keys) - 1)
        found = same & (sorted_keys[position] == wanted)
        neighbour = np.where(found, sorted_scores[position], 0)
        best_neighbour = np.maximum(best_neighbour, neighbour)
    eligible = (best_neighbour >= threshold) & (scores >= 0.7 * threshold)
    bonus = np.where(eligible, CONTEXT_BONUS * best_neighbour, 0)
    return np.minimum(100.0, scores + bonus).astype(np.float32)


def _select(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, threshold: float
) -> np.ndarray:
    """Keep pairs above threshold that are near the best for either sentence."""
    above = scores >= threshold
    if not above.any():
        return above
    sources = len(corpus.offsets)
    slot_r = rows * sources + corpus.source[cols]
    slot_c = cols * sources + corpus.source[rows]
    best = np.zeros(corpus.size * sources, dtype=np.float32)
    np.maximum.at(best, slot_r[above], scores[above])
    np.maximum.at(best, slot_c[above], scores[above])
    near = (scores >= best[slot_r] - BEST_MARGIN) | (scores >= best[slot_c] - BEST_MARGIN)
    keep = above & near
    # At most MAX_PER_SOURCE counterparts per sentence and source, best first.
    index = np.flatnonzero(keep)
    index = index[np.argsort(-scores[index], kind="stable")]
    taken: dict[int, int] = {}
    result = np.zeros_like(keep)
    for k in index.tolist():
        a = int(slot_r[k])
        b = int(slot_c[k])
        if taken.get(a, 0) < MAX_PER_SOURCE and taken.get(b, 0) < MAX_PER_SOURCE:
            taken[a] = taken.get(a, 0) + 1
            taken[b] = taken.get(b, 0) + 1
            result[k] = True
    return result
