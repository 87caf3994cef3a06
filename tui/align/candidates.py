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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

import numpy as np
from scipy import sparse

from tui.align.arrays import unique
from tui.align.tokens import fold
from tui.model import Document

_WORD = re.compile(r"[^\W_]+")

PAIRS_PER_SENTENCE = 1000
"""Budget of the inverted index: about this many raw pairs per sentence (the
sum of df^2 over indexed words). Measured (benchmarks/): 300 loses a quarter
of true pairs on 2 x 30,000 sentences; 1,000 keeps both scale targets."""
CANDIDATE_RATIO = 0.18
"""A candidate shares at least this share of the smaller sentence's weight in rare words."""
PAIR_CHUNK = 4_000_000
MAX_COPIES = 50
"""Copies of one repeated sentence, per source, that are linked to copies elsewhere."""
"""Most product entries computed at once."""


@dataclass(slots=True)
class Corpus:
    """All sentences of all sources, flattened, with their word matrices."""

    source: np.ndarray
    """Source number of each sentence."""
    local: np.ndarray
    """Index of each sentence within its source."""
    offsets: list[int]
    """First flat index of each source."""
    texts: list[str]
    """Lower-case words joined by single spaces (punctuation dropped)."""
    matrix: sparse.csr_matrix
    """Binary sentence x folded-word presence."""
    idf: np.ndarray
    """Inverse sentence frequency of each folded word, raised for names and numbers."""
    weight: np.ndarray
    """Sum of idf over each sentence's words."""
    surface: list[str]
    """Distinct lower-case words as written, the columns of ``counts``."""
    counts: sparse.csr_matrix
    """Sentence x surface-word occurrence counts (for sentence vectors)."""
    surface_idf: np.ndarray
    """The idf of each surface word's folded form."""
    evidence: np.ndarray
    """Per folded word: True for names and numbers."""
    folded: list[str]
    """The folded words, the columns of ``matrix``."""
    raw_texts: list[str]
    """Each sentence's text as written (quotation marks matter)."""
    surface_fold: np.ndarray | None = None
    """The column of ``matrix`` (folded word) of each surface word."""
    word_tokens: sparse.csr_matrix | None = None
    """Surface word x token matrix of the embedding model, once meaning is read."""
    model: Any = None
    """The embedding model (``tui.align.embedding.EmbeddingModel``), once meaning is read."""
    pooled: np.ndarray | None = None
    """Sums of word vectors per sentence, once meaning is read (``tui.align.embedding``)."""

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def sources(self) -> int:
        return len(self.offsets)


EVIDENCE_BOOST = 1.0
"""How much more a name or a number weighs than another word of the same rarity.
A shared "Bolton", "Kaesong" or "2018" says more about two sentences being one
fact than a shared "described"."""


EVIDENCE_SHARE = 0.05
"""Names and numbers in at most this share of all sentences count as evidence."""


def build_corpus(documents: Sequence[Document]) -> Corpus:
    """Flatten the sentences and count their words.

    Words are read once from the original text so that capitals can tell
    names: a word written with a capital where it does not start a sentence
    (in most of its occurrences) is a name. Each distinct surface word is
    folded once (``tui.align.tokens.fold``).
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
    raw_texts = [s.text for document in documents for s in document.sentences]
    cased = [_WORD.findall(text) for text in raw_texts]
    lengths = [len(words) for words in cased]
    flat = list(chain.from_iterable(cased))
    # Each distinct written form is looked at once: its lower-case id and
    # whether it has a capital; every occurrence then maps through it.
    written = {word: number for number, word in enumerate(dict.fromkeys(flat))}
    surface_ids: dict[str, int] = {}
    written_ids = np.fromiter(
        (surface_ids.setdefault(word.lower(), len(surface_ids)) for word in written),
        dtype=np.int64,
        count=len(written),
    )
    written_upper = np.fromiter(
        (word[0].isupper() for word in written), dtype=bool, count=len(written)
    )
    occurrence = np.fromiter(map(written.__getitem__, flat), dtype=np.int64, count=len(flat))
    flat_ids = written_ids[occurrence]
    upper = written_upper[occurrence]
    ends = np.cumsum(np.asarray(lengths, dtype=np.int64))
    texts = [" ".join(words).lower() for words in cased]
    del cased
    # A word counts as written with a capital where it does not open its sentence.
    inner_mask = np.ones(len(flat), dtype=bool)
    sizes_array = np.asarray(lengths, dtype=np.int64)
    inner_mask[(ends - sizes_array)[sizes_array > 0]] = False
    ids_array = flat_ids
    inner = np.bincount(ids_array[inner_mask], minlength=len(surface_ids))
    capital = np.bincount(ids_array[inner_mask & upper], minlength=len(surface_ids))
    surface = list(surface_ids)
    vocabulary: dict[str, int] = {}
    surface_fold = np.fromiter(
        (vocabulary.setdefault(fold(word), len(vocabulary)) for word in surface),
        dtype=np.int32,
        count=len(surface),
    )
    rows = np.repeat(np.arange(count, dtype=np.int32), lengths)
    surface_cols = np.asarray(flat_ids, dtype=np.int32)
    counts = sparse.csr_matrix(
        (np.ones(len(surface_cols), dtype=np.float32), (rows, surface_cols)),
        shape=(count, max(1, len(surface))),
    )
    counts.sum_duplicates()
    matrix = sparse.csr_matrix(
        (np.ones(len(surface_cols), dtype=np.float32), (rows, surface_fold[surface_cols])),
        shape=(count, max(1, len(vocabulary))),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    evidence = np.zeros(max(1, len(vocabulary)), dtype=bool)
    is_name = (inner > 0) & (capital * 5 >= inner * 3)
    is_number = np.fromiter((any(c.isdigit() for c in w) for w in surface), bool, len(surface))
    evidence[surface_fold[is_name | is_number]] = True
    idf, weight = word_weights(matrix, evidence)
    surface_idf = idf[surface_fold] if len(surface) else np.zeros(1, np.float32)
    return Corpus(
        source,
        local,
        offsets,
        texts,
        matrix,
        idf,
        weight,
        surface or [""],
        counts,
        surface_idf,
        evidence,
        list(vocabulary) or [""],
        raw_texts,
        surface_fold,
    )


def word_weights(matrix: sparse.csr_matrix, evidence: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each word's idf (names and numbers raised) and each sentence's total weight.

    A name or number is specific when it is in at most one sentence in twenty.
    (Two per source, so that short articles had specific names too, was
    measured: days of the week and the story's main names became evidence
    and glued the news sample's rows together.)
    """
    count = matrix.shape[0]
    df = np.asarray(matrix.sum(axis=0)).ravel()
    idf = np.log1p(max(1, count) / np.maximum(df, 1)).astype(np.float32)
    # Only names and numbers that are not everywhere in the story: "Bolton",
    # "Kaesong" and "2018" single a fact out, "Trump" in every sentence does not.
    specific = evidence & (df <= EVIDENCE_SHARE * max(1, count))
    idf = np.where(specific, idf * (1 + EVIDENCE_BOOST), idf).astype(np.float32)
    weight = np.asarray(matrix @ idf).ravel() if count else np.zeros(0, np.float32)
    return idf, weight


def candidate_pairs(
    corpus: Corpus, notes: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j, different sources) sharing enough rare-word weight.

    ``notes`` receives a line for each bound that was hit.
    """
    count = corpus.size
    df = np.asarray(corpus.matrix.sum(axis=0)).ravel()
    # Ties in frequency are broken by the word itself, not by where it first
    # appeared, so the indexed words (and the links) do not depend on the
    # order in which the files were given.
    rank = np.empty(len(corpus.folded), dtype=np.int64)
    rank[np.argsort(np.asarray(corpus.folded), kind="stable")] = np.arange(len(corpus.folded))
    order = np.lexsort((rank, df))
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
    same_rows, same_cols = _identical_pairs(corpus, notes)
    found_rows.append(same_rows)
    found_cols.append(same_cols)
    rows = np.concatenate(found_rows)
    cols = np.concatenate(found_cols)
    if len(same_rows):
        keys = unique(rows * np.int64(count + 1) + cols)
        rows, cols = keys // (count + 1), keys % (count + 1)
    return rows, cols


def _identical_pairs(
    corpus: Corpus, notes: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sentences with the same normalised text in different sources.

    The rare-word index cannot see a sentence made only of common words
    ("And he said unto them."), yet two sources repeating it word for word
    should meet. The k-th copy in one source pairs with the k-th copy in the
    other, and only the first ``MAX_COPIES`` copies: a sentence repeated a
    million times ("Hi.") is one fact, not a million links to weigh.
    """
    copies: dict[str, dict[int, list[int]]] = {}
    source = corpus.source.tolist()
    for index, text in enumerate(corpus.texts):
        if text:
            copies.setdefault(text, {}).setdefault(source[index], []).append(index)
    rows: list[int] = []
    cols: list[int] = []
    crowded = sum(
        1
        for by_source in copies.values()
        if len(by_source) > 1 and max(len(found) for found in by_source.values()) > MAX_COPIES
    )
    if crowded and notes is not None:
        what = "1 sentence is" if crowded == 1 else f"{crowded:,} sentences are"
        notes.append(
            f"{what} repeated more than {MAX_COPIES} times in a source: "
            f"only the first {MAX_COPIES} copies are linked"
        )
    for by_source in copies.values():
        if len(by_source) < 2:
            continue
        numbers = sorted(by_source)
        for position, first in enumerate(numbers):
            for second in numbers[position + 1 :]:
                matched = zip(by_source[first], by_source[second], strict=False)
                for i, j in islice(matched, MAX_COPIES):
                    rows.append(i)
                    cols.append(j)
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
