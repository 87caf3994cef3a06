"""Which sentence pairs are worth scoring: an inverted index of rare words.

Comparing every sentence with every other is quadratic: 0.77 µs a pair with
rapidfuzz means ~140 s for 10 sources of 2,000 sentences. Instead we take a
sparse product of the sentence x word matrix restricted to the *rarer* words
(as many as a pair budget allows), so two sentences meet only if they share
a word that is not everywhere. The product is taken one source at a time
against the later sources, in row chunks of bounded size, so same-source and
mirrored pairs are never built (that is what keeps memory flat).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rapidfuzz.utils import default_process
from scipy import sparse

from tui.align.tokens import fold
from tui.model import Document

PAIRS_PER_SENTENCE = 1000
"""Budget of the inverted index: about this many raw pairs per sentence (the
sum of df^2 over indexed words). Measured (benchmarks/): 300 loses a quarter
of true pairs on 2 x 30,000 sentences; 1,000 keeps both scale targets."""
CANDIDATE_RATIO = 0.18
"""A candidate shares at least this share of the smaller sentence's weight in rare words."""
PAIR_CHUNK = 4_000_000
"""Most product entries computed at once."""


@dataclass(slots=True)
class Corpus:
    """All sentences of all sources, flattened, with their word matrix."""

    source: np.ndarray
    """Source number of each sentence."""
    local: np.ndarray
    """Index of each sentence within its source."""
    offsets: list[int]
    """First flat index of each source."""
    texts: list[str]
    """rapidfuzz-normalised text (lower case, punctuation to spaces)."""
    matrix: sparse.csr_matrix
    """Binary sentence x word presence."""
    idf: np.ndarray
    weight: np.ndarray
    """Sum of idf over each sentence's words."""

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])


def build_corpus(documents: Sequence[Document]) -> Corpus:
    """Flatten the sentences and count their words.

    ``default_process`` splits words exactly like ``[^\\W_]+`` on lower-cased
    text, and each distinct raw word is folded once, which made this step
    2.5x faster than a regex and fold per word (benchmarks/align_bench.py).
    """
    sizes = [len(document.sentences) for document in documents]
    count = sum(sizes)
    source = np.repeat(np.arange(len(documents), dtype=np.int32), sizes)
    local = (
        np.concatenate([np.arange(n, dtype=np.int32) for n in sizes])
        if count
        else np.zeros(0, np.int32)
    )
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist() if sizes else []
    texts = [default_process(s.text) for document in documents for s in document.sentences]
    tokens = [text.split() for text in texts]
    vocabulary: dict[str, int] = {}
    folded: dict[str, int] = {}

    def word_id(raw: str) -> int:
        number = folded.get(raw)
        if number is None:
            number = folded[raw] = vocabulary.setdefault(fold(raw), len(vocabulary))
        return number

    flat = list(chain.from_iterable(tokens))
    cols = np.fromiter(map(word_id, flat), dtype=np.int32, count=len(flat))
    rows = np.repeat(np.arange(count, dtype=np.int32), [len(words) for words in tokens])
    matrix = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, cols)),
        shape=(count, max(1, len(vocabulary))),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    df = np.asarray(matrix.sum(axis=0)).ravel()
    idf = np.log1p(max(1, count) / np.maximum(df, 1)).astype(np.float32)
    weight = np.asarray(matrix @ idf).ravel() if count else np.zeros(0, np.float32)
    return Corpus(source, local, offsets, texts, matrix, idf, weight)


def candidate_pairs(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j, different sources) sharing enough rare-word weight."""
    count = corpus.size
    df = np.asarray(corpus.matrix.sum(axis=0)).ravel()
    order = np.argsort(df, kind="stable")
    cost = np.cumsum(df[order].astype(np.float64) ** 2)
    indexed = order[cost <= PAIRS_PER_SENTENCE * max(1000, count)]
    mask = np.zeros(df.shape[0], dtype=np.float32)
    mask[indexed] = corpus.idf[indexed]
    weighted = (corpus.matrix @ sparse.diags(mask)).tocsr()
    weighted.eliminate_zeros()
    binary = weighted.copy()
    binary.data[:] = 1.0
    need = CANDIDATE_RATIO * np.maximum(corpus.weight, 1e-6)
    bounds = [*corpus.offsets, count]
    found_rows: list[np.ndarray] = []
    found_cols: list[np.ndarray] = []
    for number in range(len(corpus.offsets) - 1):
        first, later = bounds[number], bounds[number + 1]
        right = binary[later:].T.tocsr()
        later_df = np.asarray(binary[later:].sum(axis=0)).ravel()
        per_row = np.asarray(binary[first:later] @ later_df).ravel()
        begin = first
        while begin < later:
            total = np.cumsum(per_row[begin - first :])
            end = min(later, begin + max(1, int(np.searchsorted(total, PAIR_CHUNK))))
            shared = (weighted[begin:end] @ right).tocoo()
            r = shared.row.astype(np.int64) + begin
            c = shared.col.astype(np.int64) + later
            keep = shared.data >= np.minimum(need[r], need[c])
            found_rows.append(r[keep])
            found_cols.append(c[keep])
            begin = end
    same_rows, same_cols = _identical_pairs(corpus)
    found_rows.append(same_rows)
    found_cols.append(same_cols)
    rows = np.concatenate(found_rows)
    cols = np.concatenate(found_cols)
    if len(same_rows):
        keys = np.unique(rows * np.int64(count + 1) + cols)
        rows, cols = keys // (count + 1), keys % (count + 1)
    return rows, cols


def _identical_pairs(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """Sentences with the same normalised text in different sources.

    The rare-word index cannot see a sentence made only of common words
    ("And he said unto them."), yet two sources repeating it word for word
    should meet. The k-th copy in one source pairs with the k-th copy in the
    other, so a sentence repeated thousands of times stays linear.
    """
    copies: dict[str, dict[int, list[int]]] = {}
    source = corpus.source.tolist()
    for index, text in enumerate(corpus.texts):
        if text:
            copies.setdefault(text, {}).setdefault(source[index], []).append(index)
    rows: list[int] = []
    cols: list[int] = []
    for by_source in copies.values():
        if len(by_source) < 2:
            continue
        numbers = sorted(by_source)
        for position, first in enumerate(numbers):
            for second in numbers[position + 1 :]:
                for i, j in zip(by_source[first], by_source[second], strict=False):
                    rows.append(i)
                    cols.append(j)
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
