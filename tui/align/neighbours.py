"""More candidate pairs: neighbours by meaning, the opening sentences, merged units.

The rare-word index (``tui.align.candidates``) never pairs two sentences that share
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

from tui.align.arrays import unique
from tui.align.candidates import Corpus
from tui.align.scoring import Units

NEAREST = 3
"""Nearest sentences by meaning taken per sentence and other source."""
LEAD = 3
"""Opening sentences of each source paired with those of every other source."""
PRODUCT_CHUNK = 8_000_000
"""Most cosines computed at once (32 MB of float32)."""
MEANING_BUDGET = 20_000_000
"""Sentence pairs beyond which only sentences with no candidate yet are sent
to the nearest-neighbour search. Three news articles make a few thousand
pairs and three books of the Bible a few million; 10 x 2,000 sentences would
be 180 million products (seconds), 2 x 30,000 nine hundred million."""


def merge_pairs(
    size: int, found: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray]:
    """Union of candidate lists, as sorted unique pairs with ``row < col``."""
    rows = np.concatenate([np.asarray(r, dtype=np.int64) for r, _ in found])
    cols = np.concatenate([np.asarray(c, dtype=np.int64) for _, c in found])
    low = np.minimum(rows, cols)
    high = np.maximum(rows, cols)
    keep = low != high
    keys = unique(low[keep] * np.int64(size + 1) + high[keep])
    return keys // (size + 1), keys % (size + 1)


EVERY_PAIR = 40_000
"""Inputs of news size (at most this many cross-source pairs: three articles of
about a hundred sentences) have every pair scored: a headline against a
detail, or a paraphrase in other words, shares no rare word and is not among
a static embedding's nearest neighbours, yet a reader links them."""


def every_pair(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """All cross-source pairs when there are at most ``EVERY_PAIR`` of them, else none."""
    sizes = np.bincount(corpus.source, minlength=corpus.sources).astype(np.int64)
    cross = (int(sizes.sum()) ** 2 - int((sizes**2).sum())) // 2
    if cross == 0 or cross > EVERY_PAIR:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows, cols = np.triu_indices(corpus.size, k=1)
    keep = corpus.source[rows] != corpus.source[cols]
    return rows[keep].astype(np.int64), cols[keep].astype(np.int64)


def lead_pairs(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """The first ``LEAD`` sentences of each source against those of every other."""
    bounds = [*corpus.offsets, corpus.size]
    heads = [
        np.arange(bounds[k], min(bounds[k + 1], bounds[k] + LEAD)) for k in range(corpus.sources)
    ]
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

    One product per pair of sources serves both directions (top-k of its
    rows and of its columns). When the comparison holds more sentence pairs
    than ``MEANING_BUDGET``, only sentences with no candidate yet (``have``
    False) are looked up, against everything.
    """
    bounds = [*corpus.offsets, corpus.size]
    spans = [np.arange(bounds[k], bounds[k + 1]) for k in range(corpus.sources)]
    total = sum(
        len(spans[a]) * len(spans[b])
        for a in range(corpus.sources)
        for b in range(a + 1, corpus.sources)
    )
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    # Each source's vectors, transposed once for all the products it is in.
    tables = [np.ascontiguousarray(vectors[span].T) for span in spans]
    for a in range(corpus.sources):
        for b in range(a + 1, corpus.sources):
            if len(spans[a]) == 0 or len(spans[b]) == 0:
                continue
            if total <= MEANING_BUDGET or have is None:
                found = _nearest_both(vectors, spans[a], spans[b], tables[b])
            else:
                # Orientation does not matter: merge_pairs orders each pair.
                ask_a, got_b = _nearest(vectors, spans[a][~have[spans[a]]], spans[b], tables[b])
                ask_b, got_a = _nearest(vectors, spans[b][~have[spans[b]]], spans[a], tables[a])
                found = (np.concatenate([ask_a, ask_b]), np.concatenate([got_b, got_a]))
            rows.append(found[0])
            cols.append(found[1])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def _nearest_both(
    vectors: np.ndarray, left: np.ndarray, right: np.ndarray, table: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k of every row and of every column of the cosine matrix left x right."""
    take_right = min(NEAREST, len(right))
    take_left = min(NEAREST, len(left))
    step = max(1, PRODUCT_CHUNK // len(right))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    column_values: list[np.ndarray] = []
    column_index: list[np.ndarray] = []
    for begin in range(0, len(left), step):
        chunk = left[begin : begin + step]
        cosine = vectors[chunk] @ table
        best = _top(cosine, take_right, axis=1)
        rows.append(np.repeat(chunk, best.shape[1]).astype(np.int64))
        cols.append(right[best].ravel().astype(np.int64))
        down = _top(cosine, min(take_left, len(chunk)), axis=0)
        column_values.append(np.take_along_axis(cosine, down, axis=0))
        column_index.append(chunk[down])
    values = np.concatenate(column_values, axis=0)
    index = np.concatenate(column_index, axis=0)
    pick = _top(values, take_left, axis=0)
    chosen = np.take_along_axis(index, pick, axis=0)
    rows.append(chosen.T.ravel().astype(np.int64))
    cols.append(np.repeat(right, chosen.shape[0]).astype(np.int64))
    return np.concatenate(rows), np.concatenate(cols)


def _top(matrix: np.ndarray, take: int, axis: int) -> np.ndarray:
    """Indices of the ``take`` largest values along ``axis`` (in no order)."""
    size = matrix.shape[axis]
    if take >= size:
        shape = [1, 1]
        shape[axis] = size
        return np.broadcast_to(np.arange(size).reshape(shape), matrix.shape)
    return np.take(np.argpartition(-matrix, take - 1, axis=axis), np.arange(take), axis=axis)


def _nearest(
    vectors: np.ndarray, queries: np.ndarray, keys: np.ndarray, table: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k keys of each query (``table``: the keys' vectors, transposed)."""
    if len(queries) == 0 or len(keys) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    take = min(NEAREST, len(keys))
    step = max(1, PRODUCT_CHUNK // len(keys))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for begin in range(0, len(queries), step):
        chunk = queries[begin : begin + step]
        best = _top(vectors[chunk] @ table, take, axis=1)
        rows.append(np.repeat(chunk, take).astype(np.int64))
        cols.append(keys[best].ravel().astype(np.int64))
    return np.concatenate(rows), np.concatenate(cols)


def merged_units(corpus: Corpus, first: np.ndarray) -> tuple[Units, np.ndarray]:
    """Units made of sentence ``first[k]`` and the next one, and which unit each trial uses."""
    unit_first, unit_rows = np.unique(first, return_inverse=True)
    second = unit_first + 1
    matrix = sparse.csr_matrix(corpus.matrix[unit_first] + corpus.matrix[second])
    matrix.data[:] = 1.0
    weight = np.asarray(matrix @ corpus.idf).ravel()
    texts = [corpus.texts[a] + " " + corpus.texts[a + 1] for a in unit_first.tolist()]
    raw = [corpus.raw_texts[a] + " " + corpus.raw_texts[a + 1] for a in unit_first.tolist()]
    pooled = None
    if corpus.pooled is not None:
        pooled = corpus.pooled[unit_first] + corpus.pooled[second]
    units = Units.build(matrix, weight, texts, raw, pooled)
    return units, unit_rows.astype(np.int64)
