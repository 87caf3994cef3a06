"""How alike two sentences are, from four kinds of evidence, on one 0-100 scale.

Each candidate pair gets:

- **words**: shared words weighted by rarity (inverse sentence frequency over
  the whole comparison, names and numbers weighing double), as a Dice overlap
  (both say the same) and a containment (a short sentence told inside a long
  one, with no length penalty once enough weight is shared);
- **characters**: rapidfuzz's ratio of word-sorted text, which sees spelling
  variants and hyphenation, counted only as far as informative words are
  shared ("And he said unto them, Go." is not "And he said unto them, What?");
- **meaning**: the cosine of static-embedding sentence vectors
  (``tui.align.embedding``), measured *above chance*: the typical cosine of two
  unrelated sentences of the same comparison is subtracted, because every
  sentence of one story is about the same topic and topic is not a link; and
  it counts in full only when some rarer word is shared too (two sentences
  in one style look alike to a static embedding with nothing in common);
- **quotes**: a run of three words inside quotation marks found again in the
  other sentence, the strongest sign of one statement reported twice.

The mix (words 0.35, characters 0.15, meaning 0.50) lets a paraphrase with
no shared rare word ("celebrated"/"applauded") and a reworded sentence with
the same names and numbers both reach the threshold, while neither signal
alone carries a pair to certainty. (Measured: the translations' F1 moved by
0.005 between 0.35/0.15/0.50 and 0.45/0.15/0.40; the news sample's strong
recall preferred more meaning, 0.78 against 0.67.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

CHUNK = 100_000
WORDS_WEIGHT = 0.35
CHARS_WEIGHT = 0.15
MEANING_WEIGHT = 0.50
QUOTE_BONUS = 25.0
"""Points added when a quoted run of words is found again (scaled by how much of it)."""
SHINGLE = 3
MEANING_ALONE = 0.6
COMMON_SHARE = 0.1
"""A word in one sentence in ten (or more) of the comparison tells nothing by itself."""
"""The share of the meaning signal that counts with no informative word shared."""
SAME_MEANING = 0.85
"""The cosine at which two static-embedding sentence vectors say the same thing:
word-for-word paraphrases reach 0.8-0.9, identical text 1."""
"""Words in a quoted run that count as one piece of evidence."""

_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{8,}?)[\"“”„«»]|[‘]([^‘’]{8,}?)[’](?!\w)")
_WORD = re.compile(r"[^\W_]+")
_QUOTE_MARK = re.compile(r"[\"“”„«»‘]")
_NOTHING: frozenset[str] = frozenset()


@dataclass
class Units:
    """The sentences (or merged neighbours) on one side of a batch of pairs."""

    matrix: sparse.csr_matrix
    """Binary presence of folded words, one row per unit."""
    weight: np.ndarray
    """Sum of idf over each unit's words."""
    sorted_texts: list[str]
    """Each unit's words, sorted and joined (for the character ratio)."""
    vectors: np.ndarray | None
    """Unit-length meaning vectors, or None without an embedding model."""
    shingles: list[frozenset[str]]
    """Quoted three-word runs of each unit."""
    texts: list[str]
    """Each unit's lower-case words joined by spaces."""
    lengths: np.ndarray
    """Words in each unit."""

    @classmethod
    def build(
        cls,
        matrix: sparse.csr_matrix,
        weight: np.ndarray,
        texts: list[str],
        raw: list[str],
        pooled: np.ndarray | None,
    ) -> Units:
        """Units from their word matrix and weights, lower-case and written texts,
        and pooled meaning vectors (normalised here; None without a model)."""
        vectors = None
        if pooled is not None:
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            vectors = np.divide(pooled, norms, out=np.zeros_like(pooled), where=norms > 0)
        return cls(
            matrix,
            weight,
            sorted_words(texts),
            vectors,
            [quote_shingles(text) for text in raw],
            texts,
            np.fromiter(
                (text.count(" ") + 1 if text else 0 for text in texts), np.float32, len(texts)
            ),
        )

    def grams(self, index: int) -> frozenset[str]:
        """Every three-word run of one unit (what a quote is looked for in), cached."""
        cache = self.__dict__.setdefault("_grams", {})
        found = cache.get(index)
        if found is None:
            found = cache[index] = word_grams(self.texts[index])
        return found


def quote_shingles(text: str) -> frozenset[str]:
    """Three-word runs inside quotation marks, lower case."""
    if not _QUOTE_MARK.search(text):
        return _NOTHING
    found: set[str] = set()
    for match in _QUOTED.finditer(text):
        words = _WORD.findall((match.group(1) or match.group(2) or "").lower())
        found.update(" ".join(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1))
    return frozenset(found)


def word_grams(text: str) -> frozenset[str]:
    """Every three-word run of a lower-case, space-joined text."""
    words = text.split()
    return frozenset(" ".join(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1))


@dataclass(frozen=True, slots=True)
class Scale:
    """How many sentences and sources are compared: what "common" and "enough" mean.

    A word is common when it is in one sentence in ten, or in two sentences
    per source, whichever is more: in two eight-sentence articles a word in
    two sentences (one in each) is as specific as words get, while in three
    gospels "unto" is everywhere.
    """

    size: int
    sources: int

    @classmethod
    def of(cls, corpus: Any) -> Scale:
        """The scale of a ``tui.align.candidates.Corpus``."""
        return cls(corpus.size, corpus.sources)

    @property
    def common_idf(self) -> float:
        common = max(COMMON_SHARE * self.size, 2.0 * max(2, self.sources))
        return math.log1p(max(2, self.size) / common)

    @property
    def enough(self) -> float:
        """Rare weight at which evidence counts in full: about two rare words."""
        return 2.0 * max(0.5, math.log1p(max(2, self.size) / 2) - self.common_idf)

    @property
    def full_enough(self) -> float:
        """Weight (plain idf) at which containment counts in full: two fairly rare words."""
        return 2.0 * math.log1p(max(2, self.size) / 2)

    def rare_idf(self, idf: np.ndarray) -> np.ndarray:
        """What a word tells beyond being common."""
        return np.maximum(0.0, idf - self.common_idf).astype(np.float32)


PARTS = ("dice", "contain", "chars", "cosine", "meaning", "specific", "informative", "quoted")
"""The evidence behind a score, each 0-1 (``cosine`` is above chance, -1-1):
what the fitted link model (``tui.align.link_model``) reads besides the score."""


def score_pairs(
    left: Units,
    right: Units,
    rows: np.ndarray,
    cols: np.ndarray,
    idf: np.ndarray,
    chance: float,
    scale: Scale,
) -> np.ndarray:
    """Score pairs (``left`` row, ``right`` row), 0-100."""
    return pair_evidence(left, right, rows, cols, idf, chance, scale)[0]


def pair_evidence(
    left: Units,
    right: Units,
    rows: np.ndarray,
    cols: np.ndarray,
    idf: np.ndarray,
    chance: float,
    scale: Scale,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Score pairs (``left`` row, ``right`` row), 0-100, and the evidence (``PARTS``)."""
    count = len(rows)
    scores = np.zeros(count, dtype=np.float32)
    parts = {name: np.zeros(count, dtype=np.float32) for name in PARTS}
    if count == 0:
        return scores, parts
    full_enough = scale.full_enough
    enough = scale.enough
    rare = scale.rare_idf(idf)
    for begin in range(0, count, CHUNK):
        end = min(count, begin + CHUNK)
        r = rows[begin:end]
        c = cols[begin:end]
        # The words both sentences have, once; then their weights two ways.
        both = left.matrix[r].multiply(right.matrix[c]).tocsr()
        shared = both @ idf
        total_r = left.weight[r]
        total_c = right.weight[c]
        dice = 2 * shared / np.maximum(total_r + total_c, 1e-6)
        # Words in many sentences of this comparison ("unto", "shall", "Trump"
        # in a story about Trump) are no evidence that two sentences tell one
        # thing; informative is what rarer shared words add up to.
        told = both @ rare
        specific = np.minimum(1.0, told / enough)
        informative = np.minimum(1.0, shared / full_enough)
        contain = informative * shared / np.maximum(np.minimum(total_r, total_c), 1e-6)
        words = np.clip(0.5 * dice + 0.5 * contain, 0, 1)
        # fuzz.ratio on word-sorted text is token_sort_ratio without
        # re-splitting and sorting both sentences for every pair (3x faster).
        chars = process.cpdist(
            [left.sorted_texts[i] for i in r.tolist()],
            [right.sorted_texts[j] for j in c.tolist()],
            scorer=fuzz.ratio,
            workers=-1,
            dtype=np.float32,
        )
        chars = chars / 100 * informative
        if left.vectors is not None and right.vectors is not None:
            cosine = np.einsum("ij,ij->i", left.vectors[r], right.vectors[c])
            meaning = np.clip((cosine - chance) / max(1e-6, SAME_MEANING - chance), 0, 1)
            # A short sentence told inside a long one: the long sentence's mean
            # vector holds the short one's meaning diluted by the rest, about
            # 1/sqrt(k) for k equal parts. Undo the dilution as far as the
            # words say the short one is contained (no length penalty).
            longer = np.maximum(left.lengths[r], right.lengths[c])
            shorter = np.maximum(1, np.minimum(left.lengths[r], right.lengths[c]))
            dilution = np.sqrt(np.clip(longer / shorter, 1, 4))
            meaning = np.maximum(meaning, np.clip(meaning * dilution, 0, 1) * contain)
            # Two sentences in one style ("And he said unto them", "shall be")
            # look alike to a static embedding with nothing to say in common:
            # meaning counts in full only as far as some informative word is
            # shared too.
            meaning *= MEANING_ALONE + (1 - MEANING_ALONE) * specific
            mixed = WORDS_WEIGHT * words + CHARS_WEIGHT * chars + MEANING_WEIGHT * meaning
        else:
            mixed = (WORDS_WEIGHT + MEANING_WEIGHT) * words + CHARS_WEIGHT * chars
        quoted = _quote_evidence(left, right, r, c)
        scores[begin:end] = np.minimum(100.0, 100 * mixed + QUOTE_BONUS * quoted)
        found = {
            "dice": dice,
            "contain": contain,
            "chars": chars,
            "specific": specific,
            "informative": informative,
            "quoted": quoted,
        }
        if left.vectors is not None and right.vectors is not None:
            found["cosine"] = cosine - chance
            found["meaning"] = meaning
        for name, values in found.items():
            parts[name][begin:end] = values
    return scores, parts


def informative_share(
    units: Units, rows: np.ndarray, cols: np.ndarray, idf: np.ndarray, scale: Scale
) -> np.ndarray:
    """How much rare-word weight each pair shares, as a share of ``scale.enough`` (0-1)."""
    enough = scale.enough
    weighted = (units.matrix @ sparse.diags(scale.rare_idf(idf))).tocsr()
    result = np.zeros(len(rows), dtype=np.float32)
    for begin in range(0, len(rows), CHUNK):
        r = rows[begin : begin + CHUNK]
        c = cols[begin : begin + CHUNK]
        shared = np.asarray(weighted[r].multiply(units.matrix[c]).sum(axis=1)).ravel()
        result[begin : begin + CHUNK] = np.minimum(1.0, shared / enough)
    return result


def _quote_evidence(left: Units, right: Units, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """How surely one side's quoted words are found in the other (0-1).

    One quoted three-word run found again is a shared phrase (a third);
    three runs, or the whole of a short quote, make the same quote.
    """
    result = np.zeros(len(rows), dtype=np.float32)
    quoted_left = np.fromiter((bool(q) for q in left.shingles), bool, len(left.shingles))
    quoted_right = np.fromiter((bool(q) for q in right.shingles), bool, len(right.shingles))
    for k in np.flatnonzero(quoted_left[rows] | quoted_right[cols]).tolist():
        i, j = int(rows[k]), int(cols[k])
        best = 0.0
        for quoted, other in (
            (left.shingles[i], right.grams(j)),
            (right.shingles[j], left.grams(i)),
        ):
            if quoted:
                shared = len(quoted & other)
                if shared:
                    whole = 0.5 if shared == len(quoted) else 0.0
                    best = max(best, min(1.0, shared / 3), whole)
        result[k] = best
    return result


def chance_cosine(vectors: np.ndarray, source: np.ndarray) -> float:
    """The mean cosine of two sentences of different sources, exactly.

    About what two sentences of this story share by topic alone. Computed
    from per-source sums (the sum over all cross-source pairs of a dot
    product is a product of sums), so it costs one pass and does not depend
    on the order of the sources.
    """
    if len(vectors) < 2:
        return 0.0
    sources = int(source.max()) + 1
    if np.any(np.diff(source) < 0):
        order = np.argsort(source, kind="stable")
        vectors, source = vectors[order], source[order]
    # Sentences of one source are contiguous (as in a corpus): sum each block.
    bounds = np.searchsorted(source, np.arange(sources + 1))
    sums = np.stack(
        [vectors[bounds[k] : bounds[k + 1]].sum(axis=0, dtype=np.float64) for k in range(sources)]
    )
    sizes = np.bincount(source, minlength=sources).astype(np.float64)
    total = sums.sum(axis=0)
    cross = (total @ total - np.einsum("ij,ij->", sums, sums)) / 2
    pairs = (sizes.sum() ** 2 - (sizes**2).sum()) / 2
    if pairs <= 0:
        return 0.0
    return float(np.clip(cross / pairs, 0.0, 0.9))


def sorted_words(texts: Sequence[str]) -> list[str]:
    return [" ".join(sorted(text.split())) for text in texts]
