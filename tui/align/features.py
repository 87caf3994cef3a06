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
    "encoder",
    "encoder_margin_low",
    "encoder_margin_high",
)
"""The columns of :func:`pair_features`, in order (the model file names them too)."""

ENCODER_FEATURES = ("encoder", "encoder_margin_low", "encoder_margin_high")
"""Columns that exist only when the transformer encoder is installed."""

_NUMBER = re.compile(r"\d[\d,.]*")


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
    if encoded is not None:
        cosine, low, high = _encoder_margins(corpus, rows, cols, encoded)
        put("encoder", cosine)
        put("encoder_margin_low", low)
        put("encoder_margin_high", high)
    return out


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
        rival = np.full(len(rows), -1.0, dtype=np.float32)
        for source in range(corpus.sources):
            chosen = np.flatnonzero(corpus.source[other] == source)
            if len(chosen) == 0:
                continue
            members = np.flatnonzero(corpus.source == source)
            sims = encoded[mine[chosen]] @ encoded[members].T
            # Leave the pair's own counterpart out: its next best rival.
            where = np.searchsorted(members, other[chosen])
            sims[np.arange(len(chosen)), where] = -1.0
            rival[chosen] = sims.max(axis=1) if sims.shape[1] > 1 else -1.0
        margins.append(cosine - rival)
    low = np.minimum(margins[0], margins[1])
    high = np.maximum(margins[0], margins[1])
    return cosine, low.astype(np.float32), high.astype(np.float32)
