"""What scoring leaves for choosing links: every scored pair and its evidence.

Kept apart from the scoring steps (``aligner``) and light to import (numpy
only): the reader chooses links again at another threshold from these
(``selection``), and a child process that scored the sources sends them
over a pipe (``tui.scoring_ahead``), so the reader's process never imports
the scoring machinery (scipy, the models) to show the first links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tui.align.candidates import Corpus
    from tui.align.link_model import LinkModel


@dataclass(slots=True)
class Stages:
    """A pair's score after each step of the aligner (0-100) and its evidence."""

    whole: np.ndarray
    """Whole sentence against whole sentence."""
    evidence: np.ndarray
    """The best of the whole and clause by clause."""
    granular: np.ndarray
    """With 1-n units (two neighbouring sentences as one)."""
    final: np.ndarray
    """With the structural prior."""
    parts: dict[str, np.ndarray]
    """The evidence of the whole pair (``scoring.PARTS``)."""
    parallel: np.ndarray
    """Per pair: its two sources read as parallel texts."""


@dataclass(slots=True)
class ScoredPairs:
    """Every scored candidate pair: what re-selection needs, threshold aside."""

    rows: np.ndarray
    cols: np.ndarray
    """Flat sentence indices, ``rows < cols``, different sources."""
    scores: np.ndarray
    """Final scores (evidence, granularity and structure), 0-100."""
    source: np.ndarray
    local: np.ndarray
    sources: int
    keys: np.ndarray
    """Per sentence: a key from its text and place in its source, for order-free ties."""
    parallel: np.ndarray
    """Per pair: its two sources read as parallel texts (one-to-one is the rule there)."""
    notes: list[str]
    """Bounds that were hit, for people."""
    origin: list[int] | None = None
    """When some sources are copies of others (``copies.originals``), each
    source's original: the pairs above are those of the distinct sources only."""
    stages: Stages | None = None
    """The hand-made score after each step, and the evidence (for "why")."""
    versions: np.ndarray | None = None
    """Per pair: its sources are versions of one text (``_versions``), scored
    by the hand-made score on the fitted scale; all other pairs by the model."""
    modelled: np.ndarray | None = None
    """Indices of the pairs the fitted model scored (``~versions``)."""
    stretch: float = 1.0
    """Fitted points per hand-made point for versions (``LinkModel.stretch``)."""
    features: np.ndarray | None = None
    """The fitted model's inputs (``features.FEATURES``), one row per ``modelled`` pair."""
    encoder: bool = False
    """Whether the transformer encoder's meaning took part."""
    pending: bool = False
    """The first scores (``score(..., first=True)``): the encoder's pass is
    still to come (:func:`refine`)."""
    refinement: Refinement | None = None
    """What :func:`refine` needs, beside pending scores made in this process
    (not sent to another: ``tui.align.ahead`` sends final scores too)."""


@dataclass(frozen=True, slots=True)
class Refinement:
    """What the encoder's pass needs from the first: the corpus and the pairs'
    stages (kept only until the pass runs; books never have one)."""

    corpus: Corpus
    rows: np.ndarray
    cols: np.ndarray
    stages: Stages
    model: LinkModel
