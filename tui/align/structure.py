"""Where a pair stands among the confident links: the aligner's structural prior.

Within one pair of sources, the links a reader is sure of (*anchors*: a
pair that is each sentence's best and scores at least ``ANCHOR``) form runs
in reading order: translations almost everywhere, news articles in stretches.
Three cheap observations follow:

- a pair right next to an anchor, in the same direction (the sentences
  before both, or after both), continues its run: "neighbours of confident
  links" gain ``BONUS``;
- a pair that fits between two consecutive anchors that are close together,
  in the order of both sources, fills a gap in a run and gains ``BONUS``;
- where the anchors are mostly in order (a parallel text), a pair that fits
  no run loses half of ``BONUS`` when its sentence has a better-placed
  candidate: the lone link far from the story's thread, often a repeated
  phrase ("And he said unto them").

The start and the end of each source count as anchors, so a headline and a
lead fit at the start. Reordered passages are never forbidden: a pair with
strong evidence of its own keeps its score wherever it stands.

Everything is symmetric in the two sources, so the result does not depend on
the order in which the files were given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tui.align.arrays import members, unique

if TYPE_CHECKING:
    from tui.align.candidates import Corpus

ANCHOR = 65.0
"""A pair scoring this much and best for both its sentences is a confident link."""
BONUS = 12.0
NEAR = 2
"""Steps (on both axes) within which a pair is "next to" an anchor."""
CORRIDOR = 8
"""Largest gap (sentences, on both axes) between two anchors that a pair fills."""
FLOOR = 20.0
"""Pairs below this gain nothing from their place: position alone is no link."""
ORDERED = 0.85
"""Concordance of the anchors above which a source pair is a parallel text."""
MIN_ANCHORS = 5
FAR = 12
"""Sentences (on either axis) beyond which a pair is far from every anchor."""
HEAD = 2
"""Opening sentences (headline, lead) of each source that count as its head."""
HEAD_BONUS = 20.0
HEAD_FLOOR = 15.0
"""A headline shares few words with a lead ("cancels" / "ordered the withdrawal
of"), so head pairs need less evidence of their own to gain."""


def structure_bonus(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Points each pair gains (or loses) from its place among the anchors.

    Also, per pair, whether its two sources read as parallel texts (their
    anchors almost all in the same order): selection is stricter there.

    Every pair of sources is handled at once, each sentence pair keyed by
    (pair of sources, position): a hundred sources make 4,950 pairs of
    sources, and one numpy call per pair of sources cost seconds.
    """
    count = len(rows)
    bonus = np.zeros(count, dtype=np.float32)
    if count == 0:
        return bonus, np.zeros(0, dtype=bool)
    sizes = np.diff(np.asarray([*corpus.offsets, corpus.size], dtype=np.int64))
    s = corpus.source[rows].astype(np.int64)
    t = corpus.source[cols].astype(np.int64)
    pair = s * corpus.sources + t
    i = corpus.local[rows].astype(np.int64)
    j = corpus.local[cols].astype(np.int64)
    width = np.int64(sizes.max() + 3)
    score = scores.astype(np.float32)

    # Confident links: the best of one of their sentences, at or above ANCHOR.
    # (Not necessarily of both: a long sentence is the best counterpart of
    # several short ones, and each of those links is confident.)
    _, of_i = np.unique(pair * width + i, return_inverse=True)
    _, of_j = np.unique(pair * width + j, return_inverse=True)
    best_i = np.zeros(int(of_i.max()) + 1, dtype=np.float32)
    best_j = np.zeros(int(of_j.max()) + 1, dtype=np.float32)
    np.maximum.at(best_i, of_i, score)
    np.maximum.at(best_j, of_j, score)
    anchor = (score >= ANCHOR) & ((score >= best_i[of_i]) | (score >= best_j[of_j]))
    ap, ai, aj = pair[anchor], i[anchor], j[anchor]

    # Next to an anchor, diagonally in the same direction: the run goes on.
    # (Beside it on one axis, sharing its counterpart, was measured too: it
    # linked a news lead to the sentence after its true counterpart.)
    anchor_keys = unique((ap * width + ai + 1) * width + aj + 1)
    adjacent = np.zeros(count, dtype=bool)
    for di in range(1, NEAR + 1):
        for dj in range(1, NEAR + 1):
            for sign in (-1, 1):
                key = (pair * width + i + sign * di + 1) * width + j + sign * dj + 1
                adjacent |= members(key, anchor_keys)

    parallel_of = _parallel_pairs(ap, ai, aj, corpus.sources)
    parallel = parallel_of[pair]
    n_i, n_j = sizes[s], sizes[t]
    tight_i = _fits(pair, i, j, ap, ai, aj, n_i, n_j, width)
    tight_j = _fits(pair, j, i, ap, aj, ai, n_j, n_i, width)
    fits = (tight_i > 0) & (tight_j > 0)
    # The tighter the gap a pair fills, the more its place says: one
    # sentence between two anchors on both sides has nowhere else to go.
    tightness = np.minimum(tight_i, tight_j)
    supported = (adjacent | fits) & (score >= FLOOR)
    bonus = np.where(supported, BONUS * (1 + np.where(fits, tightness, 0)), 0.0)
    # Headline and lead: the opening sentences of two accounts of one story
    # sum it up, in whatever words. A modest prior, on top of evidence.
    opening = (i < HEAD) & (j < HEAD) & (score >= HEAD_FLOOR)
    bonus = np.maximum(bonus, np.where(opening, HEAD_BONUS, 0.0)).astype(np.float32)

    # In parallel texts only: a lone pair whose sentence has a better-placed
    # candidate loses a little; a pair far from every anchor (a stretch the
    # other source does not tell, like Luke's nativity against Mark) with no
    # strong evidence of its own loses more.
    placed_i = np.zeros(len(best_i), dtype=bool)
    placed_j = np.zeros(len(best_j), dtype=bool)
    placed_i[of_i[supported]] = True
    placed_j[of_j[supported]] = True
    lone = parallel & ~(adjacent | fits) & (placed_i[of_i] | placed_j[of_j])
    bonus[lone] = -BONUS / 2
    far = parallel & (score < ANCHOR) & (_distance(pair, i, j, ap, ai, aj, width) > FAR)
    bonus[far] = np.minimum(bonus[far], -BONUS)
    return bonus, parallel


def _parallel_pairs(ap: np.ndarray, ai: np.ndarray, aj: np.ndarray, sources: int) -> np.ndarray:
    """Per pair of sources (``s * sources + t``): do its anchors keep one order?"""
    parallel = np.zeros(sources * sources, dtype=bool)
    if len(ap) == 0:
        return parallel
    order = np.argsort(ap, kind="stable")
    starts = np.flatnonzero(np.r_[True, ap[order][1:] != ap[order][:-1]])
    ends = np.r_[starts[1:], len(order)]
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if end - start >= MIN_ANCHORS:
            chosen = order[start:end]
            parallel[ap[chosen[0]]] = _concordance(ai[chosen], aj[chosen]) >= ORDERED
    return parallel


def _fits(
    pair: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    ap: np.ndarray,
    ai: np.ndarray,
    aj: np.ndarray,
    n_i: np.ndarray,
    n_j: np.ndarray,
    width: np.int64,
) -> np.ndarray:
    """How tightly each pair fits between two consecutive anchors of its pair of
    sources (ordered by ``i``).

    0 where it does not fit (or the anchors are more than ``CORRIDOR`` apart),
    up to 1 where the gap leaves it no other place. Two anchors that share a
    sentence (a long sentence linked to the short ones before and after)
    let the pair share it too. The start and the end of each source count as
    anchors.
    """
    present, first = np.unique(pair, return_index=True)
    xp = np.concatenate([ap, present, present])
    xi = np.concatenate([ai, np.full(len(present), -1), n_i[first]])
    xj = np.concatenate([aj, np.full(len(present), -1), n_j[first]])
    order = np.lexsort((xj, xi, xp))
    xp, xi, xj = xp[order], xi[order], xj[order]
    keys = xp * width + xi + 1
    wanted = pair * width + i + 1
    before = np.searchsorted(keys, wanted, side="left") - 1
    after = np.searchsorted(keys, wanted, side="right")
    between = (xj[before] <= j) & (j <= xj[after])
    span = np.maximum(xi[after] - xi[before], xj[after] - xj[before])
    close = span <= CORRIDOR
    return np.where(between & close, (CORRIDOR - span + 2) / CORRIDOR, 0.0).clip(0, 1)


def _concordance(ai: np.ndarray, aj: np.ndarray, most: int = 400) -> float:
    """Share of anchor pairs in the same order in both sources (Kendall's concordance).

    About 1 for translations and simplified versions, 0.8-0.9 for parallel
    narratives (the gospels), 0.3-0.8 for news articles, which reorder.
    Evenly thinned to ``most`` anchors, so it stays cheap on long texts.
    """
    if len(ai) < 2:
        return 0.0
    order = np.lexsort((aj, ai))
    keep = order[np.linspace(0, len(order) - 1, min(most, len(order))).astype(np.int64)]
    xi, xj = ai[keep], aj[keep]
    di = np.sign(xi[:, None] - xi[None, :])
    dj = np.sign(xj[:, None] - xj[None, :])
    both = (di != 0) & (dj != 0)
    return float(((di == dj) & both).sum() / max(1, both.sum()))


def _distance(
    pair: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    ap: np.ndarray,
    ai: np.ndarray,
    aj: np.ndarray,
    width: np.int64,
) -> np.ndarray:
    """Each pair's distance to the nearest anchor of its pair of sources (the
    larger of the two axes' gaps).

    Looks at the anchors on either side in the order of ``i``: enough to
    tell "near a run" from "far from every run".
    """
    far = np.iinfo(np.int64).max
    if len(ap) == 0:
        return np.full(len(i), far)
    order = np.lexsort((aj, ai, ap))
    xp, xi, xj = ap[order], ai[order], aj[order]
    keys = xp * width + xi
    at = np.searchsorted(keys, pair * width + i)
    best = np.full(len(i), far)
    for shift in (-2, -1, 0, 1):
        k = np.clip(at + shift, 0, len(keys) - 1)
        gap = np.maximum(np.abs(i - xi[k]), np.abs(j - xj[k]))
        best = np.where(xp[k] == pair, np.minimum(best, gap), best)
    return best
