"""The fitted score in the aligner: which pairs the model scores, with what.

Step 4b of ``tui.align.aligner``: after the hand-made score and structure,
sources that are versions of one text keep the hand-made score (mapped onto
the fitted scale); every other pair is scored by ``link_model`` from its
``features``, with the transformer encoder's meaning for inputs of news size.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import numpy as np

from tui.align.candidates import Corpus
from tui.align.features import Stages, pair_features
from tui.align.link_model import LinkModel
from tui.align.structure import ANCHOR

Progress = Callable[[float, str], None]


VERSIONS_COVER = 0.35
"""Two sources that read in order are *versions of one text* (translations of
one book, one article at several reading levels) when confident links cover
at least this share of the shorter one's sentences. Measured on the
development sets: versions 0.40-2.2 (translations, levels), news stories told
in a similar order 0.11-0.22; the gap is wide, the constant sits in it."""


def versions_of(
    corpus: Corpus,
    rows: np.ndarray,
    cols: np.ndarray,
    final: np.ndarray,
    parallel: np.ndarray,
) -> np.ndarray:
    """Per pair: its two sources are versions of one text (see ``VERSIONS_COVER``).

    There one sentence answers one sentence and the hand-made score is right
    nine times in ten at 35 (translations-dev P 0.958): it is kept, on the
    fitted scale. The fitted model, learnt on news, scores everything else.
    """
    sources = corpus.sources
    pair_of = corpus.source[rows] * sources + corpus.source[cols]
    sizes = np.bincount(corpus.source, minlength=sources)
    anchors = np.bincount(pair_of[final >= ANCHOR], minlength=sources * sources)
    ordered = np.bincount(pair_of[parallel], minlength=sources * sources)
    total = np.bincount(pair_of, minlength=sources * sources)
    shorter = np.minimum.outer(sizes, sizes).ravel()
    versions = (ordered * 2 > total) & (anchors >= VERSIONS_COVER * np.maximum(1, shorter))
    return versions[pair_of]


ENCODER_SENTENCES = 3_000
"""The transformer encoder reads inputs of news size only (its cost grows with
every sentence; books keep the static vectors)."""


def fitted_scores(
    corpus: Corpus,
    rows: np.ndarray,
    cols: np.ndarray,
    stages: Stages,
    prose: np.ndarray,
    model: LinkModel,
    report: Progress,
    notes: list[str],
) -> tuple[np.ndarray, np.ndarray | None, bool]:
    """The fitted score of every pair (``link_model``), the ``prose`` pairs'
    features, and whether the encoder took part (``notes``: said if it is missing)."""
    scores = model.mapped(stages.final)
    if len(prose) == 0:
        return scores, None, False
    # The encoder costs seconds: only for a model that has a variant reading it.
    encoded = _encoded(corpus, report, notes) if "encoder" in model.variants else None
    sub = Stages(
        stages.whole[prose],
        stages.evidence[prose],
        stages.granular[prose],
        stages.final[prose],
        {name: values[prose] for name, values in stages.parts.items()},
        stages.parallel[prose],
    )
    features = pair_features(corpus, rows[prose], cols[prose], sub, encoded)
    scores[prose] = model.scores(features, encoded is not None)
    return scores, features, encoded is not None


NO_ENCODER = (
    "the close-meaning encoder cannot be loaded ({}), so paraphrases in other words "
    "are found less often: reinstall synoptic"
)


def _encoded(corpus: Corpus, report: Progress, notes: list[str]) -> np.ndarray | None:
    """Transformer sentence vectors for inputs of news size (every install has
    the encoder; a damaged one is said in ``notes`` and the static vectors do)."""
    if corpus.size > ENCODER_SENTENCES:
        return None
    encoder = importlib.import_module("tui.align.encoder")
    if encoder.load() is None:
        notes.append(NO_ENCODER.format(encoder.problem()))
        return None
    report(0.82, "reading meaning closely")
    return np.asarray(encoder.encode(corpus.raw_texts), dtype=np.float32)
