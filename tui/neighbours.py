"""More candidate pairs: neighbours by meaning, the opening sentences, merged units.

The rare-word index (``tui.candidates``) never pairs two sentences that share
only common words, yet "Conservation groups celebrated" and "environmental
groups applauded the reversal" are one fact. So each sentence also meets its
few nearest sentences of every other source by embedding cosine (a chunked
matrix product, top-k by ``argpartition``), and the first sentences of each
source meet the first sentences of the others, because a headline and a lead
are often linked with no word in common.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from tui.candidates import Corpus
from tui.scoring import Units, quote_shingles, sorted_words, word_grams

NEAREST = 3
"""Nearest sentences by meaning taken per sentence and other source."""
LEAD = 3
"""Opening sentences of each source paired with those of every other source."""
PRODUCT_CHUNK = 8_000_000
"""Most cosines computed at once (32 MB of float32)."""
MEANING_BUDGET = 400_000_000
"""Cosines (sentence pairs) beyond which only sentences with no candidate yet
are sent to the nearest-neighbour search. 2 x 30,000 sentences would be 900
million products; the budget keeps very long inputs within seconds."""


def merge_pairs(size: int, found: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Union of candidate lists, as sorted unique pairs with ``row < col``."""
    rows = np.concatenate([np.asarray(r, dtype=np.int64) for r, _ in found])
    cols = np.concatenate([np.asarray(c, dtype=np.int64) for _, c in found])
    low = np.minimum(rows, cols)
    high = np.maximum(rows, cols)
    keep = low != high
    keys = np.unique(low[keep] * np.int64(size + 1) + high[keep])
    return keys // (size + 1), keys % (size + 1)


def lead_pairs(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """The first ``LEAD`` sentences of each source against those of every other."""
    bounds = [*corpus.offsets, corpus.size]
    heads = [np.arange(bounds[k], min(bounds[k + 1], bounds[k] + LEAD)) for k in range(corpus.sources)]
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for a in range(len(heads)):
        for b in range(a + 1, len(heads)):
            grid_a, grid_b = np.meshgrid(heads[a], heads[b], indexing="ij")
            rows.append(grid_a.ravel())
            cols.append(grid_b.ravel())
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64)


def meaning_pairs(
    corpus: Corpus, vectors: np.ndarray, have: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's ``NEAREST`` sentences by cosine in every other source.

    ``have`` (a boolean per sentence: it already has a candidate) limits the
    search to the others when the comparison is larger than the budget.
    """
    bounds = [*corpus.offsets, corpus.size]
    total = sum(
        (bounds[a + 1] - bounds[a]) * (bounds[b + 1] - bounds[b])
        for a in range(corpus.sources)
        for b in range(a + 1, corpus.sources)
    )
    lonely = None if have is None or total <= MEANING_BUDGET else ~have
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for a in range(corpus.sources):
        for b in range(corpus.sources):
            if a == b:
                continue
            queries = np.arange(bounds[a], bounds[a + 1])
            if lonely is not None:
                queries = queries[lonely[queries]]
            keys = np.arange(bounds[b], bounds[b + 1])
            if len(queries) == 0 or len(keys) == 0:
                continue
            found = _nearest(vectors, queries, keys)
            rows.append(found[0])
            cols.append(found[1])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def _nearest(
    vectors: np.ndarray, queries: np.ndarray, keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    take = min(NEAREST, len(keys))
    table = vectors[keys].T.copy()
    step = max(1, PRODUCT_CHUNK // len(keys))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for begin in range(0, len(queries), step):
        chunk = queries[begin : begin + step]
        cosine = vectors[chunk] @ table
        if take < len(keys):
            best = np.argpartition(-cosine, take - 1, axis=1)[:, :take]
        else:
            best = np.broadcast_to(np.arange(len(keys)), (len(chunk), len(keys)))
        rows.append(np.repeat(chunk, take).astype(np.int64))
        cols.append(keys[best].ravel().astype(np.int64))
    return np.concatenate(rows), np.concatenate(cols)


def merged_units(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray
) -> tuple[Units, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Units made of two neighbouring sentences, to score against a counterpart.

    For each pair (i, j), the units (i-1, i) and (i, i+1) are tried against j
    and (j-1, j), (j, j+1) against i, when the neighbour is in the same
    source. Returns the units, which unit each trial uses, its counterpart,
    and the two sentences the unit is made of.
    """
    size = corpus.size
    firsts: list[np.ndarray] = []
    partners: list[np.ndarray] = []
    for mine, other in ((rows, cols), (cols, rows)):
        for shift in (-1, 0):
            first = mine + shift
            ok = (first >= 0) & (first + 1 < size)
            ok &= corpus.source[np.clip(first, 0, size - 1)] == corpus.source[mine]
            ok &= corpus.source[np.clip(first + 1, 0, size - 1)] == corpus.source[mine]
            firsts.append(first[ok])
            partners.append(other[ok])
    first = np.concatenate(firsts)
    partner = np.concatenate(partners)
    if len(first) == 0:
        return None
    key = first * np.int64(size + 1) + partner
    key, where = np.unique(key, return_index=True)
    first = first[where]
    partner = partner[where]
    unit_first, unit_rows = np.unique(first, return_inverse=True)
    second = unit_first + 1
    matrix = corpus.matrix[unit_first] + corpus.matrix[second]
    matrix = sparse.csr_matrix(matrix)
    matrix.data[:] = 1.0
    weight = np.asarray(matrix @ corpus.idf).ravel()
    texts = [corpus.texts[a] + " " + corpus.texts[a + 1] for a in unit_first.tolist()]
    raw = [corpus.raw_texts[a] + " " + corpus.raw_texts[a + 1] for a in unit_first.tolist()]
    vectors = None
    if corpus.pooled is not None:
        pooled = corpus.pooled[unit_first] + corpus.pooled[second]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        vectors = np.divide(pooled, norms, out=np.zeros_like(pooled), where=norms > 0)
    units = Units(
        matrix,
        weight,
        sorted_words(texts),
        vectors,
        [quote_shingles(text) for text in raw],
        [word_grams(text) for text in texts],
        np.fromiter((text.count(" ") + 1 for text in texts), np.float32, len(texts)),
    )
    return units, unit_rows.astype(np.int64), partner, unit_first[unit_rows], second[unit_rows]
