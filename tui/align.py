"""Align sentences across sources: who says what, and where.

Every pair of sources is compared at once, in any order (outlets reorder
freely) and one sentence may match several. The steps:

1. **Candidates** (``tui.candidates``, ``tui.neighbours``): pairs that share
   a rare word, the nearest neighbours of each sentence by meaning (static
   embeddings), and the opening sentences of every source (headline and
   lead). Everything else is never scored: all pairs would be quadratic.
2. **Score** (``tui.scoring``): words, characters, meaning and quotes on one
   0-100 scale.
3. **Granularity**: one long sentence may tell what two short ones tell. A
   pair of neighbouring sentences is scored as one unit against its
   counterpart; when the unit scores better than either part alone, both
   parts take the unit's score (1-n links).
4. **Structure** (``tui.structure``): confident links form in-order runs;
   a pair next to a confident link or fitting between two of them gains,
   a lone pair against the run loses a little. A prior, not a constraint:
   reordered passages still link on their own evidence.
5. **Selection** (threshold-dependent, cheap): pairs at or above the
   threshold that are near the best for either sentence, then **coherent
   groups** (``tui.groups``). Steps 1-4 do not depend on the threshold, so
   the reader keeps their result and re-selects live when the user changes it.

The score is calibrated so that the default threshold (50) means "a reader
would link these": on the development sets about nine links in ten at 50
are right, and a pair scoring 70 or more is almost always right.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tui.candidates import Corpus, build_corpus, candidate_pairs
from tui.embedding import load_model, sentence_vectors
from tui.groups import build_groups
from tui.model import Alignment, Document, Link
from tui.neighbours import lead_pairs, meaning_pairs, merge_pairs
from tui.scoring import (
    Units,
    chance_cosine,
    enough_weight,
    quote_shingles,
    score_pairs,
    sorted_words,
    word_grams,
)
from tui.structure import structure_bonus

Progress = Callable[[float, str], None]

DEFAULT_THRESHOLD = 50.0
BEST_MARGIN = 12.0
"""A pair is kept when it scores within this much of the best pair of either sentence."""
MAX_PER_SOURCE = 4
MERGE_FLOOR = 30.0
"""Pairs below this are not tried as part of a 1-n link."""
MERGE_GAIN = 3.0
"""How much better the merged unit must score than either part alone."""


@dataclass(slots=True)
class ScoredPairs:
    """Every scored candidate pair: what re-selection needs, threshold aside."""

    rows: np.ndarray
    cols: np.ndarray
    """Flat sentence indices, ``rows < cols``, different sources."""
    scores: np.ndarray
    """Final scores (evidence, granularity and structure), 0-100."""
    source: np.ndarray
    local: np.ndarray
    sources: int
    keys: np.ndarray
    """Per sentence: a key from its text and place in its source, for order-free ties."""


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
        scored = score(documents, report)
        report(0.95, "grouping")
        alignment = select(documents, scored, threshold)
        report(1.0, "done")
        return alignment
    finally:
        if enabled:
            gc.enable()


def score(documents: Sequence[Document], report: Progress | None = None) -> ScoredPairs | None:
    """Steps 1-4: every candidate pair with its final score (None: nothing to align)."""
    report = report or (lambda fraction, message: None)
    report(0.0, "reading words")
    corpus = build_corpus(documents)
    if len(documents) < 2 or corpus.size == 0:
        return None
    report(0.1, "reading meaning")
    model = load_model()
    vectors = None
    chance = 0.0
    if model is not None:
        # Every word counts the same in the sentence's meaning: weighting by
        # rarity measured worse (benchmarks/README.md); rarity has its say in
        # the word evidence instead.
        flat = np.ones(len(corpus.surface), dtype=np.float32)
        corpus.pooled, vectors = sentence_vectors(model, corpus.counts, corpus.surface, flat)
        chance = chance_cosine(vectors, corpus.source)
    units = _units(corpus, vectors)
    report(0.2, "finding candidates")
    found = [candidate_pairs(corpus), lead_pairs(corpus)]
    if vectors is not None:
        found.append(meaning_pairs(corpus, vectors))
    rows, cols = merge_pairs(corpus.size, found)
    report(0.4, f"scoring {len(rows):,} candidate pairs")
    enough = enough_weight(corpus.size)
    scores = score_pairs(units, units, rows, cols, corpus.idf, chance, enough)
    report(0.75, "joining short sentences")
    rows, cols, scores = _granularity(corpus, units, rows, cols, scores, chance, enough)
    report(0.85, "using structure")
    scores = scores + structure_bonus(corpus, rows, cols, scores)
    scores = np.clip(scores, 0, 100).astype(np.float32)
    return ScoredPairs(
        rows, cols, scores, corpus.source, corpus.local, corpus.sources, _keys(documents)
    )


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
        for link, i, j in zip(links, scored.rows[keep].tolist(), scored.cols[keep].tolist(), strict=True)
    }
    alignment = build_groups(links, documents, ties)
    alignment.scored = scored
    return alignment


def _units(corpus: Corpus, vectors: np.ndarray | None) -> Units:
    texts = corpus.texts
    return Units(
        corpus.matrix,
        corpus.weight,
        sorted_words(texts),
        vectors,
        [quote_shingles(text) for text in corpus.raw_texts],
        [word_grams(text) for text in texts],
        np.fromiter((text.count(" ") + 1 if text else 0 for text in texts), np.float32, len(texts)),
    )


def _keys(documents: Sequence[Document]) -> np.ndarray:
    """A key per sentence that does not depend on the order of the sources."""
    keys = [
        (zlib.crc32(sentence.text.encode("utf-8", "surrogatepass")) << 24) | (index & 0xFFFFFF)
        for document in documents
        for index, sentence in enumerate(document.sentences)
    ]
    return np.asarray(keys, dtype=np.int64)


def _granularity(
    corpus: Corpus,
    units: Units,
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    chance: float,
    enough: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """1-n links: score two neighbouring sentences as one unit against a counterpart."""
    from tui.neighbours import merged_units

    hopeful = scores >= MERGE_FLOOR
    if not hopeful.any():
        return rows, cols, scores
    trials = merged_units(corpus, rows[hopeful], cols[hopeful])
    if trials is None:
        return rows, cols, scores
    merged, unit_rows, partner, first, second = trials
    merged_scores = score_pairs(merged, units, unit_rows, partner, corpus.idf, chance, enough)
    size = np.int64(corpus.size + 1)
    pairs: dict[int, float] = {}
    for lo, hi in zip(np.minimum(rows, cols).tolist(), np.maximum(rows, cols).tolist(), strict=True):
        pairs.setdefault(lo * int(size) + hi, 0.0)
    index = {key: k for k, key in enumerate(pairs)}
    current = scores.copy()
    extra_keys: dict[int, float] = {}

    def old(a: int, b: int) -> float:
        lo, hi = min(a, b), max(a, b)
        key = lo * int(size) + hi
        k = index.get(key)
        if k is not None:
            return float(current[k])
        return extra_keys.get(key, 0.0)

    for value, one, two, other in zip(
        merged_scores.tolist(), first.tolist(), second.tolist(), partner.tolist(), strict=True
    ):
        # Both parts must have some evidence of their own: two sentences that
        # each share a few topic words with a long one are no 1-n link.
        parts = (old(one, other), old(two, other))
        if min(parts) < MERGE_FLOOR or value < max(parts) + MERGE_GAIN:
            continue
        for part in (one, two):
            lo, hi = min(part, other), max(part, other)
            key = lo * int(size) + hi
            k = index.get(key)
            if k is not None:
                current[k] = max(current[k], value)
            else:
                extra_keys[key] = max(extra_keys.get(key, 0.0), value)
    if extra_keys:
        keys = np.fromiter(extra_keys, dtype=np.int64, count=len(extra_keys))
        rows = np.concatenate([rows, keys // size])
        cols = np.concatenate([cols, keys % size])
        current = np.concatenate(
            [current, np.fromiter(extra_keys.values(), np.float32, len(extra_keys))]
        )
    return rows, cols, current


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
    near = (scores >= best[slot_r] - BEST_MARGIN) | (scores >= best[slot_c] - BEST_MARGIN)
    keep = above & near
    # At most MAX_PER_SOURCE counterparts per sentence and source, best first;
    # equal scores in an order that does not depend on the order of the files.
    index = np.flatnonzero(keep)
    low = np.minimum(scored.keys[rows[index]], scored.keys[cols[index]])
    high = np.maximum(scored.keys[rows[index]], scored.keys[cols[index]])
    index = index[np.lexsort((high, low, -scores[index]))]
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
