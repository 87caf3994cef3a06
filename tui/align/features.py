"""What a careful reader weighs before linking two sentences, as numbers.

The hand-made score (``scoring``, ``clauses``, granularity and ``structure``)
sums evidence with fixed weights; on real news it cannot tell a true pair at
40 from a wrong one at 40. A reader also asks *how much better* a pair is than
each sentence's next best (the margin Bertalign and vecalign use), whether
the two choose each other, whether they are the headline and the lead, how
far apart they sit in their articles, and whether their numbers agree. This
module turns each candidate pair into those figures, one row of ``FEATURES``,
for the fitted model in ``tui.align.link_model``.

Every feature is computed the same way whatever the order of the sources, so
the fitted score keeps the aligner's file-order symmetry.
"""

from __future__ import annotations

import re

import numpy as np

from tui.align.candidates import Corpus
from tui.align.scored import Stages
from tui.align.scoring import PARTS
from tui.align.structure import HEAD
from tui.align.tokens import fold

FEATURES = (
    "whole",
    "evidence",
    "granular",
    "final",
    *PARTS,
    "clause_gain",
    "merge_gain",
    "structure",
    "margin_low",
    "margin_high",
    "mutual",
    "rank_low",
    "head",
    "title",
    "position_gap",
    "short_words",
    "long_words",
    "numbers_shared",
    "numbers_conflict",
    "parallel",
    "said_low",
    "said_dice",
    "names_carry",
    "negation_differs",
    "context_score",
    "split_score",
    "encoder",
    "encoder_margin_low",
    "encoder_margin_high",
    "context_encoder",
    "split_encoder",
)
"""The columns of :func:`pair_features`, in order (the model file names them too)."""

ENCODER_FEATURES = (
    "encoder",
    "encoder_margin_low",
    "encoder_margin_high",
    "context_encoder",
    "split_encoder",
)
"""Columns that exist only when the transformer encoder is installed."""

_NUMBER = re.compile(r"\d[\d,.]*")

ATTRIBUTION = frozenset(
    fold(word)
    for word in (
        "said says say saying told tells tell according added adds stated wrote writes "
        "tweeted tweet explained explains noted claimed insisted asserted argued stressed "
        "declared commented remarked spokesman spokeswoman spokesperson statement "
        "interview reporters"
    ).split()
)
"""Words that say *who* said something and how, not *what*: two sentences that
share only these and names ("…, White House Press Secretary Sarah Sanders
said") report two statements, not one."""

NEGATION = frozenset(
    fold(word) for word in "not no never nor neither none nothing cannot t".split()
)
"""Negations ("t" is what is left of "n't" once words are split at the apostrophe)."""


def pair_features(
    corpus: Corpus,
    rows: np.ndarray,
    cols: np.ndarray,
    stages: Stages,
    encoded: np.ndarray | None = None,
) -> np.ndarray:
    """One row of ``FEATURES`` per pair (float32); encoder columns 0 without ``encoded``.

    ``encoded``: unit sentence vectors of a transformer encoder (one per
    corpus sentence), or None.
    """
    count = len(rows)
    out = np.zeros((count, len(FEATURES)), dtype=np.float32)
    if count == 0:
        return out
    column = {name: k for k, name in enumerate(FEATURES)}

    def put(name: str, values: np.ndarray | float) -> None:
        out[:, column[name]] = values

    put("whole", stages.whole / 100)
    put("evidence", stages.evidence / 100)
    put("granular", stages.granular / 100)
    put("final", stages.final / 100)
    for name in PARTS:
        put(name, stages.parts[name])
    put("clause_gain", (stages.evidence - stages.whole) / 100)
    put("merge_gain", (stages.granular - stages.evidence) / 100)
    put("structure", (stages.final - stages.granular) / 100)
    margin_r, first_r, rank_r = _margins(corpus, rows, cols, stages.final)
    margin_c, first_c, rank_c = _margins(corpus, cols, rows, stages.final)
    put("margin_low", np.minimum(margin_r, margin_c) / 100)
    put("margin_high", np.maximum(margin_r, margin_c) / 100)
    put("mutual", (first_r & first_c).astype(np.float32))
    put("rank_low", np.log1p(np.minimum(rank_r, rank_c)))
    local_r, local_c = corpus.local[rows], corpus.local[cols]
    put("head", ((local_r < HEAD) & (local_c < HEAD)).astype(np.float32))
    put("title", ((local_r == 0) | (local_c == 0)).astype(np.float32))
    lengths = np.bincount(corpus.source, minlength=corpus.sources).astype(np.float32)
    place_r = local_r / np.maximum(1, lengths[corpus.source[rows]] - 1)
    place_c = local_c / np.maximum(1, lengths[corpus.source[cols]] - 1)
    put("position_gap", np.abs(place_r - place_c))
    words = np.asarray([len(text.split()) for text in corpus.texts], dtype=np.float32)
    put("short_words", np.log1p(np.minimum(words[rows], words[cols])))
    put("long_words", np.log1p(np.maximum(words[rows], words[cols])))
    shared, conflict = _numbers(corpus, rows, cols)
    put("numbers_shared", shared)
    put("numbers_conflict", conflict)
    put("parallel", stages.parallel.astype(np.float32))
    said_low, said_dice, names_carry, negation = _statement(corpus, rows, cols)
    put("said_low", said_low)
    put("said_dice", said_dice)
    put("names_carry", names_carry)
    put("negation_differs", negation)
    neighbours = _Neighbours(corpus, rows, cols)
    put("context_score", neighbours.best(out[:, column["final"]], DIAGONAL))
    put("split_score", neighbours.best(out[:, column["final"]], SIDES) * said_dice)
    if encoded is not None:
        cosine, low, high = _encoder_margins(corpus, rows, cols, encoded)
        put("encoder", cosine)
        put("encoder_margin_low", low)
        put("encoder_margin_high", high)
        put("context_encoder", neighbours.best(cosine, DIAGONAL))
        put("split_encoder", neighbours.best(cosine, SIDES) * said_dice)
    return out


DIAGONAL = ((-1, -1), (1, 1))
"""The pair before and the pair after: a passage both sources tell in order."""
SIDES = ((0, -1), (0, 1), (-1, 0), (1, 0))
"""One sentence with the neighbours of the other: a sentence one source tells
in two. Only as strong as what the pair itself says in common (``split_*``
is the neighbour's score times ``said_dice``): a sentence next to a true
pair but saying something else, or nothing ("Title" above "The bridge
reopened…"), gets no support from it."""


class _Neighbours:
    """The candidate pairs next to each pair: a careful reader who has matched
    the sentence before is readier to match this one (held out on news-dev,
    these features took strong recall at precision 0.90 from 0.55 to 0.62)."""

    def __init__(self, corpus: Corpus, rows: np.ndarray, cols: np.ndarray) -> None:
        self.size = corpus.size
        self.source = corpus.source
        self.rows, self.cols = rows.astype(np.int64), cols.astype(np.int64)
        keys = self._keys(self.rows, self.cols)
        self.order = np.argsort(keys, kind="stable")
        self.sorted = keys[self.order]

    def _keys(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.minimum(a, b) * self.size + np.maximum(a, b)

    def best(self, values: np.ndarray, offsets: tuple[tuple[int, int], ...]) -> np.ndarray:
        """For each pair, the highest of ``values`` among its neighbour pairs at
        ``offsets`` that are candidates (0 where none is)."""
        found = np.zeros(len(self.rows), dtype=np.float32)
        if len(self.rows) == 0:
            return found
        for step_a, step_b in offsets:
            a, b = self.rows + step_a, self.cols + step_b
            inside = (a >= 0) & (a < self.size) & (b >= 0) & (b < self.size)
            a, b = np.where(inside, a, self.rows), np.where(inside, b, self.cols)
            inside &= (self.source[a] == self.source[self.rows]) & (
                self.source[b] == self.source[self.cols]
            )
            keys = self._keys(a, b)
            at = np.minimum(np.searchsorted(self.sorted, keys), len(self.sorted) - 1)
            hit = inside & (self.sorted[at] == keys)
            found = np.maximum(found, np.where(hit, values[self.order[at]], 0.0))
        return found.astype(np.float32)


def _margins(
    corpus: Corpus, mine: np.ndarray, other: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair, seen from sentence ``mine`` against the source of ``other``:
    its score minus the best *other* pair's (positive when it is the best),
    whether it is the best, and how many pairs score higher."""
    slot = mine * corpus.sources + corpus.source[other]
    order = np.lexsort((-scores, slot))
    sorted_slot = slot[order]
    starts = np.flatnonzero(np.r_[True, sorted_slot[1:] != sorted_slot[:-1]])
    run = np.repeat(starts, np.diff(np.r_[starts, len(slot)]))
    rank = np.empty(len(slot), dtype=np.int64)
    rank[order] = np.arange(len(slot)) - run
    top = scores[order][run]  # the best of each pair's slot, in sorted order
    has_second = np.r_[sorted_slot[1:] == sorted_slot[:-1], False]
    second_at = np.minimum(starts + 1, len(slot) - 1)
    second_of_run = np.where(
        np.repeat(has_second[starts], np.diff(np.r_[starts, len(slot)])),
        scores[order][np.repeat(second_at, np.diff(np.r_[starts, len(slot)]))],
        0.0,
    )
    best = np.empty(len(slot), dtype=np.float32)
    second = np.empty(len(slot), dtype=np.float32)
    best[order] = top
    second[order] = second_of_run
    first = rank == 0
    rival = np.where(first, second, best)
    return (scores - rival).astype(np.float32), first, rank


def _statement(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What the two sentences *say* in common, apart from who says it.

    The words of a sentence without names and attribution ("said",
    "according", "statement") are its statement. For each pair: the rare-word
    weight of the statement words both share over the smaller statement's
    (``said_low``) and over both (``said_dice``); the share of everything
    they share that is names (``names_carry``: 1 when only names meet); and
    whether one is negated and the other not.
    """
    folded = corpus.folded
    digits = np.fromiter((any(c.isdigit() for c in w) for w in folded), bool, len(folded))
    names = corpus.evidence[: len(folded)] & ~digits
    attribution = np.fromiter((w in ATTRIBUTION for w in folded), bool, len(folded))
    negation = np.fromiter((w in NEGATION for w in folded), bool, len(folded))
    idf = corpus.idf[: len(folded)]
    said_weight = np.where(names | attribution | negation, 0.0, idf).astype(np.float32)
    name_weight = np.where(names, idf, 0.0).astype(np.float32)
    matrix = corpus.matrix
    own = np.asarray(matrix @ said_weight).ravel()
    negated = np.asarray(matrix @ negation.astype(np.float32)).ravel() > 0
    both = matrix[rows].multiply(matrix[cols]).tocsr()
    said = np.asarray(both @ said_weight).ravel()
    named = np.asarray(both @ name_weight).ravel()
    low = np.minimum(own[rows], own[cols])
    said_low = np.where(low > 0, said / np.maximum(low, 1e-6), 0.0)
    said_dice = 2 * said / np.maximum(own[rows] + own[cols], 1e-6)
    names_carry = np.where(said + named > 0, named / np.maximum(said + named, 1e-6), 0.0)
    differs = negated[rows] != negated[cols]
    return (
        said_low.astype(np.float32),
        said_dice.astype(np.float32),
        names_carry.astype(np.float32),
        differs.astype(np.float32),
    )


def _numbers(corpus: Corpus, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether the two sentences share a number, and whether both give numbers and none agree."""
    found = [frozenset(_NUMBER.findall(text)) for text in corpus.raw_texts]
    shared = np.zeros(len(rows), dtype=np.float32)
    conflict = np.zeros(len(rows), dtype=np.float32)
    have = np.fromiter((bool(f) for f in found), bool, len(found))
    for k in np.flatnonzero(have[rows] & have[cols]).tolist():
        common = found[int(rows[k])] & found[int(cols[k])]
        if common:
            shared[k] = 1.0
        else:
            conflict[k] = 1.0
    return shared, conflict


def _encoder_margins(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray, encoded: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The encoder cosine of each pair and its margin over each sentence's next best
    sentence of the other source (over *all* its sentences, not only candidates)."""
    cosine = np.einsum("ij,ij->i", encoded[rows], encoded[cols]).astype(np.float32)
    margins = []
    for mine, other in ((rows, cols), (cols, rows)):
        # No other sentence to rival it: measured against an unrelated one
        # (cosine 0), not against -1, which doubled the margin of any pair
        # with a source of one sentence and linked "The weather was fine."
        rival = np.zeros(len(rows), dtype=np.float32)
        for source in range(corpus.sources):
            chosen = np.flatnonzero(corpus.source[other] == source)
            if len(chosen) == 0:
                continue
            members = np.flatnonzero(corpus.source == source)
            sims = encoded[mine[chosen]] @ encoded[members].T
            # Leave the pair's own counterpart out: its next best rival.
            where = np.searchsorted(members, other[chosen])
            sims[np.arange(len(chosen)), where] = -1.0
            rival[chosen] = sims.max(axis=1) if sims.shape[1] > 1 else 0.0
        margins.append(cosine - rival)
    low = np.minimum(margins[0], margins[1])
    high = np.maximum(margins[0], margins[1])
    return cosine, low.astype(np.float32), high.astype(np.float32)
