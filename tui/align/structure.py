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

import numpy as np

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
    """
    bonus = np.zeros(len(rows), dtype=np.float32)
    parallel = np.zeros(len(rows), dtype=bool)
    if len(rows) == 0:
        return bonus, parallel
    bounds = [*corpus.offsets, corpus.size]
    pair_of = corpus.source[rows].astype(np.int64) * corpus.sources + corpus.source[cols]
    order = np.argsort(pair_of, kind="stable")
    splits = np.flatnonzero(np.diff(pair_of[order])) + 1
    for group in np.split(order, splits):
        s = int(corpus.source[rows[group[0]]])
        t = int(corpus.source[cols[group[0]]])
        i = corpus.local[rows[group]].astype(np.int64)
        j = corpus.local[cols[group]].astype(np.int64)
        bonus[group], parallel[group] = _pair_bonus(
            i, j, scores[group], bounds[s + 1] - bounds[s], bounds[t + 1] - bounds[t]
        )
    return bonus, parallel


def _pair_bonus(
    i: np.ndarray, j: np.ndarray, score: np.ndarray, n_i: int, n_j: int
) -> tuple[np.ndarray, bool]:
    best_i = np.zeros(n_i, dtype=np.float32)
    best_j = np.zeros(n_j, dtype=np.float32)
    np.maximum.at(best_i, i, score)
    np.maximum.at(best_j, j, score)
    # Confident links: the best of one of their sentences, at or above ANCHOR.
    # (Not necessarily of both: a long sentence is the best counterpart of
    # several short ones, and each of those links is confident.)
    anchor = (score >= ANCHOR) & ((score >= best_i[i]) | (score >= best_j[j]))
    ai, aj = i[anchor], j[anchor]
    width = np.int64(n_j + 2)
    anchor_keys = np.unique((ai + 1) * width + (aj + 1))

    # Next to an anchor, diagonally in the same direction: the run goes on.
    # (Beside it on one axis, sharing its counterpart, was measured too: it
    # linked a news lead to the sentence after its true counterpart.)
    adjacent = np.zeros(len(i), dtype=bool)
    for di in range(1, NEAR + 1):
        for dj in range(1, NEAR + 1):
            for sign in (-1, 1):
                key = (i + sign * di + 1) * width + (j + sign * dj + 1)
                adjacent |= np.isin(key, anchor_keys)

    tight_i = _fits(i, j, ai, aj, n_i, n_j)
    tight_j = _fits(j, i, aj, ai, n_j, n_i)
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

    parallel = len(ai) >= MIN_ANCHORS and _concordance(ai, aj) >= ORDERED
    if parallel:
        placed_i = np.zeros(n_i, dtype=bool)
        placed_j = np.zeros(n_j, dtype=bool)
        placed_i[i[supported]] = True
        placed_j[j[supported]] = True
        lone = ~(adjacent | fits) & (placed_i[i] | placed_j[j])
        bonus[lone] = -BONUS / 2
        # Far from every anchor, in a parallel text: a stretch that the other
        # source does not tell (Luke's nativity has no parallel in Mark), so
        # a pair there with no strong evidence is a look-alike.
        far = (_distance(i, j, ai, aj) > FAR) & (score < ANCHOR)
        bonus[far] = np.minimum(bonus[far], -BONUS)
    return bonus, parallel


def _distance(i: np.ndarray, j: np.ndarray, ai: np.ndarray, aj: np.ndarray) -> np.ndarray:
    """Each pair's distance to the nearest anchor (the larger of the two axes' gaps).

    Looks at the anchors on either side in the order of ``i``: enough to
    tell "near a run" from "far from every run".
    """
    if len(ai) == 0:
        return np.full(len(i), np.iinfo(np.int64).max)
    order = np.argsort(ai, kind="stable")
    xi, xj = ai[order], aj[order]
    best = np.full(len(i), np.iinfo(np.int64).max)
    at = np.searchsorted(xi, i)
    for shift in (-2, -1, 0, 1):
        k = np.clip(at + shift, 0, len(xi) - 1)
        gap = np.maximum(np.abs(i - xi[k]), np.abs(j - xj[k]))
        best = np.minimum(best, gap)
    return best


def _fits(
    i: np.ndarray, j: np.ndarray, ai: np.ndarray, aj: np.ndarray, n_i: int, n_j: int
) -> np.ndarray:
    """How tightly each pair fits between two consecutive anchors (ordered by ``i``).

    0 where it does not fit (or the anchors are more than ``CORRIDOR`` apart),
    up to 1 where the gap leaves it no other place. Two anchors that share a
    sentence (a long sentence linked to the short ones before and after)
    let the pair share it too.
    """
    order = np.lexsort((aj, ai))
    xi = np.concatenate([[-1], ai[order], [n_i]])
    xj = np.concatenate([[-1], aj[order], [n_j]])
    before = np.searchsorted(xi, i, side="left") - 1
    after = np.searchsorted(xi, i, side="right")
    before = np.clip(before, 0, len(xi) - 1)
    after = np.clip(after, 0, len(xi) - 1)
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
