"""The fitted score: how likely a careful reader would link two sentences (0-100).

A logistic regression over the pair's evidence (``tui.align.features``),
fitted by ``benchmarks/fit_links.py`` on the news development set (real
coverage of one story by three outlets, graded by people) and validated by
leaving one story out at a time. Its parameters ship in ``link_model.json``
beside this module; inference is one dot product (numpy, no scikit-learn).
There are two variants: with the transformer encoder's features
(``tui.align.encoder``, when installed) and without.

Sources that are versions of one text (translations of one book, one article
at several reading levels: ``aligner._versions``) keep the hand-made score,
which is right nine times in ten at 35 there, mapped onto this scale (35
becomes the threshold). Measured: a model of their own, fitted on the
translations and levels sets, did worse on both than this mapping.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from tui.align.features import FEATURES

MODEL_FILE = Path(__file__).with_name("link_model.json")
VERSIONS_ANCHOR = 35.0
"""The hand-made score at which versions of one text are right nine times in ten
(translations-dev P 0.958 at 35): it becomes the fitted threshold."""


NAMES_ONLY = 0.9
"""A pair whose shared words are this share names, and whose statements share
less than the rest, has only its names in common."""
NAMES_ONLY_CAP = 0.6
"""The most a pair that shares only names can score ("Abraham begat Isaac" and
Luke's "…Abraham, and Isaac, and Jacob…"): a suggestion, never a link at the
default. Not learnt (news headlines, all capitals, share "names" that are
words): held out on news-dev the cap costs one strong pair of 216 and lifts
precision at the default by 0.01."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One fitted logistic regression: standardise, dot, sigmoid."""

    columns: np.ndarray
    """Indices into ``FEATURES`` of the columns it reads."""
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(link) for each row of ``features`` (all ``FEATURES`` columns); a pair
        with only names in common at most :data:`NAMES_ONLY_CAP`."""
        x = (features[:, self.columns] - self.mean) / self.scale
        z = x @ self.coef + self.intercept
        p = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)
        return np.where(names_only(features), np.minimum(p, NAMES_ONLY_CAP), p).astype(np.float32)


def names_only(features: np.ndarray) -> np.ndarray:
    """Per row: the pair's shared words are nearly all names, and what the two
    say apart from names shares next to nothing (``tui.align.features``)."""
    carry = features[:, FEATURES.index("names_carry")]
    said = features[:, FEATURES.index("said_dice")]
    return (carry >= NAMES_ONLY) & (said < 1.0 - NAMES_ONLY)


@dataclass(frozen=True, slots=True)
class LinkModel:
    """The shipped parameters: the variants and the threshold they were chosen for."""

    threshold: float
    """Score (100 x probability) at which held-out precision was 0.90."""
    variants: dict[str, Variant]

    @property
    def stretch(self) -> float:
        """Fitted points per hand-made point above the anchor (for margins)."""
        return (100.0 - self.threshold) / (100.0 - VERSIONS_ANCHOR)

    def mapped(self, hand: np.ndarray) -> np.ndarray:
        """Hand-made scores of versions of one text on the fitted scale: monotone,
        0 and 100 fixed, ``VERSIONS_ANCHOR`` onto the threshold."""
        anchor, target = VERSIONS_ANCHOR, self.threshold
        low = hand * (target / anchor)
        high = target + (hand - anchor) * ((100.0 - target) / (100.0 - anchor))
        return np.where(hand < anchor, low, high).astype(np.float32)

    def scores(self, features: np.ndarray, encoder: bool) -> np.ndarray:
        """The fitted score, 0-100, for each pair."""
        variant = self.variants["encoder" if encoder and "encoder" in self.variants else "static"]
        return 100.0 * variant.probability(features)


def parse(data: dict[str, object]) -> LinkModel:
    """A :class:`LinkModel` from the JSON of ``link_model.json``."""
    variants: dict[str, Variant] = {}
    raw_variants = data["variants"]
    assert isinstance(raw_variants, dict)
    for name, raw in raw_variants.items():
        columns = np.asarray([FEATURES.index(feature) for feature in raw["features"]])
        variants[name] = Variant(
            columns,
            np.asarray(raw["mean"], dtype=np.float32),
            np.asarray(raw["scale"], dtype=np.float32),
            np.asarray(raw["coef"], dtype=np.float32),
            float(raw["intercept"]),
        )
    threshold = data["threshold"]
    assert isinstance(threshold, int | float)
    return LinkModel(float(threshold), variants)


@cache
def load_link_model() -> LinkModel:
    """The shipped model (``SYNOPTIC_LINK_MODEL`` names another file: the fit script's
    held-out runs use it)."""
    path = Path(os.environ.get("SYNOPTIC_LINK_MODEL") or MODEL_FILE)
    return parse(json.loads(path.read_text(encoding="utf-8")))
