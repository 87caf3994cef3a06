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
    encoded: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The fitted score of every pair (``link_model``) and the ``prose`` pairs'
    features; with the transformer encoder's vectors when ``encoded`` is given
    (:func:`encoded_vectors`), else by the model's static variant."""
    scores = model.mapped(stages.final)
    if len(prose) == 0:
        return scores, None
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
    return scores, features


def wants_encoder(corpus: Corpus, prose: np.ndarray, model: LinkModel) -> bool:
    """Whether the encoder's pass would change anything: pairs the model scores,
    a variant that reads the encoder, and an input of news size."""
    return len(prose) > 0 and "encoder" in model.variants and corpus.size <= ENCODER_SENTENCES


NO_ENCODER = (
    "the close-meaning encoder cannot be loaded ({}), so paraphrases in other words "
    "are found less often: reinstall synoptic"
)


def _cached_encode(texts: list[str]) -> np.ndarray:
    """The encoder's vectors of ``texts``, those seen before read from the
    on-disk cache (``vector_cache``); raises ``EncoderMissing`` without it."""
    encoder = importlib.import_module("tui.align.encoder")
    from tui.align.vector_cache import VectorCache

    cache = VectorCache(encoder.MODEL_SHA256, encoder.DIMENSIONS)
    return np.asarray(cache.encode(texts, encoder.encode), dtype=np.float32)


def encoded_vectors(corpus: Corpus, report: Progress, notes: list[str]) -> np.ndarray | None:
    """Transformer sentence vectors of the corpus (:func:`_cached_encode`); None,
    said in ``notes``, when the encoder cannot be loaded (every install has it;
    a damaged one falls back to the static vectors)."""
    encoder = importlib.import_module("tui.align.encoder")
    report(0.82, "reading meaning closely")
    try:
        return _cached_encode(corpus.raw_texts)
    except encoder.EncoderMissing:
        notes.append(NO_ENCODER.format(encoder.problem()))
        return None
