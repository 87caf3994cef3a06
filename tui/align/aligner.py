"""Align sentences across sources: who says what, and where.

Every pair of sources is compared at once, in any order (outlets reorder
freely) and one sentence may match several. The steps:

1. **Candidates** (``candidates``, ``neighbours``): pairs that share
   a rare word, the nearest neighbours of each sentence by meaning (static
   embeddings), and the opening sentences of every source (headline and
   lead). Everything else is never scored: all pairs would be quadratic.
2. **Score** (``scoring``, ``clauses``): words, characters, meaning and
   quotes on one 0-100 scale; a short sentence is also scored against each
   clause of a much longer one.
3. **Granularity**: one long sentence may tell what two short ones tell. A
   pair of neighbouring sentences is scored as one unit against its
   counterpart; when the unit scores better than either part alone, both
   parts take the unit's score (1-n links).
4. **Structure** (``structure``): confident links form in-order runs;
   a pair next to a confident link or fitting between two of them gains,
   a lone pair against the run loses a little. A prior, not a constraint:
   reordered passages still link on their own evidence.
5. **Selection** (threshold-dependent, cheap): pairs at or above the
   threshold that are near the best for either sentence, then **coherent
   groups** (``groups``). Steps 1-4 do not depend on the threshold, so
   the reader keeps their result and re-selects live when the user changes it.

The score reads as how sure a reader would be to link the two sentences. On
the development sets about five links in six scoring 35-50 (35 is the
default threshold) are right, eleven in twelve at 50-70, and nearly all at
70 or more (README.md, "What the score means").
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import numpy as np

from tui.align.candidates import Corpus, build_corpus, candidate_pairs
from tui.align.clauses import clause_scores
from tui.align.copies import copies_note, originals
from tui.align.embedding import load_model, sentence_vectors
from tui.align.fitted import encoded_vectors, fitted_scores, versions_of, wants_encoder
from tui.align.link_model import LinkModel, load_link_model
from tui.align.neighbours import (
    every_pair,
    lead_pairs,
    meaning_pairs,
    merge_pairs,
    merged_units,
)
from tui.align.scored import Refinement, ScoredPairs, Stages
from tui.align.scoring import (
    Scale,
    Units,
    chance_cosine,
    informative_share,
    pair_evidence,
    score_pairs,
)
from tui.align.selection import select
from tui.align.structure import structure_bonus
from tui.align.threshold import DEFAULT_THRESHOLD
from tui.model import Alignment, Document

Progress = Callable[[float, str], None]

__all__ = ["Progress", "Refinement", "ScoredPairs", "Stages", "align", "refine", "score", "select"]

MEANING_SENTENCES = 150_000
"""Above this many sentences in all, meaning vectors (2 KB a sentence, and a
nearest-neighbour search) are left out and a note says so."""
MERGE_FLOOR = 30.0
"""Pairs below this are not tried as part of a 1-n link."""
MERGE_GAIN = 3.0
"""How much better the merged unit must score than either part alone."""
MERGE_INFORMATIVE = 0.5
"""Share of "enough" rare-word weight each part must share with the counterpart."""


def align(
    documents: Sequence[Document],
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    *,
    first: bool = False,
) -> Alignment:
    """Link the sentences of ``documents`` and group them.

    ``first``: the links of the first scores (see :func:`score`), the encoder's
    pass left to :func:`refine`. Pure and thread-safe: the reader runs it in a
    worker thread.
    """
    report = progress or (lambda fraction, message: None)
    with _collector_paused():
        scored = score(documents, report, first=first)
        report(0.95, "grouping")
        alignment = select(documents, scored, threshold)
        report(1.0, "done")
        return alignment


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Millions of short-lived word strings and no reference cycles: the cyclic
    collector would only rescan the documents, which cost up to 0.4 s a pass."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def score(
    documents: Sequence[Document],
    report: Progress | None = None,
    model: LinkModel | None = None,
    *,
    first: bool = False,
) -> ScoredPairs | None:
    """Steps 1-4: every candidate pair with its final score (None: nothing to align).

    Sources that are copies of an earlier one are left out (``copies``):
    :func:`select` links them by identity.

    ``first``: stop before the transformer encoder's pass (half a second for
    three news articles, most of the work), scoring with the static variant;
    the scores keep what :func:`refine` needs to finish (``refinement``). The
    reader shows these links at once and the refined ones when they come;
    ``refine(score(d, first=True))`` is exactly ``score(d)``.
    """
    report = report or (lambda fraction, message: None)
    origin = originals(documents)
    model = model or load_link_model()
    if len(set(origin)) == len(documents) or len(documents) < 2:
        scored = _score(documents, report, model)
    else:
        distinct = [documents[number] for number in sorted(set(origin))]
        found = _score(distinct, report, model) if len(distinct) > 1 else None
        scored = found or _nothing_scored(len(distinct))
        scored.origin = origin
        scored.notes.insert(0, copies_note(documents, origin))
    return scored if first or scored is None else refine(scored, report)


def refine(scored: ScoredPairs, report: Progress | None = None) -> ScoredPairs:
    """The encoder's pass over first scores: the pairs the fitted model scores,
    scored again with the encoder's meaning (the same scores when it cannot be
    loaded, and a note says why). Final scores are returned as they are."""
    if not scored.pending:
        return scored
    pending = scored.refinement
    if pending is None:
        raise ValueError("these first scores were made in another process: score them again")
    report = report or (lambda fraction, message: None)
    notes = list(scored.notes)
    with _collector_paused():
        encoded = encoded_vectors(pending.corpus, report, notes)
        if encoded is None:
            return replace(scored, notes=notes, pending=False, refinement=None)
        assert scored.modelled is not None
        scores, features = fitted_scores(
            pending.corpus,
            pending.rows,
            pending.cols,
            pending.stages,
            scored.modelled,
            pending.model,
            encoded,
        )
    return replace(
        scored,
        scores=scores,
        features=features,
        notes=notes,
        encoder=True,
        pending=False,
        refinement=None,
    )


def _nothing_scored(sources: int) -> ScoredPairs:
    """No candidate pair (one distinct source, or no words)."""
    empty = np.zeros(0, dtype=np.int64)
    return ScoredPairs(
        empty, empty, np.zeros(0, np.float32), empty, empty, sources, empty, empty.astype(bool), []
    )


def _score(
    documents: Sequence[Document], report: Progress, fitted: LinkModel
) -> ScoredPairs | None:
    report(0.0, "reading words")
    if len(documents) < 2:  # nothing to align with: no need to read the words
        return None
    corpus = build_corpus(documents)
    if corpus.size == 0:
        return None
    report(0.1, "reading meaning")
    notes: list[str] = []
    model = load_model()
    if model is not None and corpus.size > MEANING_SENTENCES:
        # 2 KB of vectors a sentence: half a million sentences would be 1 GB.
        model = None
        notes.append(
            f"{corpus.size:,} sentences: more than {MEANING_SENTENCES:,}, so links are found by "
            "words alone (paraphrases in other words are missed)"
        )
    vectors = None
    chance = 0.0
    if model is not None:
        corpus.word_tokens, corpus.pooled, vectors = sentence_vectors(
            model, corpus.counts, corpus.surface
        )
        corpus.model = model
        chance = chance_cosine(vectors, corpus.source)
    units = _units(corpus, vectors)
    report(0.2, "finding candidates")
    lexical = candidate_pairs(corpus, notes)
    found = [lexical, lead_pairs(corpus), every_pair(corpus)]
    if vectors is not None:
        have = np.zeros(corpus.size, dtype=bool)
        have[lexical[0]] = True
        have[lexical[1]] = True
        found.append(meaning_pairs(corpus, vectors, have))
    rows, cols = merge_pairs(corpus.size, found)
    report(0.4, f"scoring {len(rows):,} candidate pairs")
    scale = Scale.of(corpus)
    whole, parts = pair_evidence(units, units, rows, cols, corpus.idf, chance, scale)
    evidence = np.maximum(whole, clause_scores(corpus, units, rows, cols, whole, chance))
    report(0.6, "joining short sentences")
    granular = _granularity(corpus, units, rows, cols, evidence, chance)
    report(0.65, "using structure")
    final, parallel = _with_structure(corpus, rows, cols, granular)
    stages = Stages(whole, evidence, granular, final, parts, parallel)
    report(0.8, "weighing the evidence")
    versions = versions_of(corpus, rows, cols, final, parallel)
    modelled = np.flatnonzero(~versions)
    scores, features = fitted_scores(corpus, rows, cols, stages, modelled, fitted)
    later = wants_encoder(corpus, modelled, fitted)
    return ScoredPairs(
        rows,
        cols,
        scores,
        corpus.source,
        corpus.local,
        corpus.sources,
        _keys(documents),
        parallel,
        notes,
        stages=stages,
        versions=versions,
        modelled=modelled,
        features=features,
        stretch=fitted.stretch,
        pending=later,
        refinement=Refinement(corpus, rows, cols, stages, fitted) if later else None,
    )


def _with_structure(
    corpus: Corpus, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Scores with the structural prior, in two rounds so that runs grow from their anchors.

    Also whether each pair's sources read as parallel texts.
    """
    bonus, _ = structure_bonus(corpus, rows, cols, scores)
    bonus, parallel = structure_bonus(corpus, rows, cols, scores + bonus)
    return np.clip(scores + bonus, 0, 100).astype(np.float32), parallel


def _units(corpus: Corpus, vectors: np.ndarray | None) -> Units:
    """The sentences as units (``vectors`` are unit length already)."""
    return Units.build(corpus.matrix, corpus.weight, corpus.texts, corpus.raw_texts, vectors)


def _keys(documents: Sequence[Document]) -> np.ndarray:
    """A key per sentence that does not depend on the order of the sources."""
    keys = [
        (zlib.crc32(sentence.text.encode("utf-8", "surrogatepass")) << 24) | (index & 0xFFFFFF)
        for document in documents
        for index, sentence in enumerate(document.sentences)
    ]
    return np.asarray(keys, dtype=np.int64)


def _granularity(
    corpus: Corpus,
    units: Units,
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    chance: float,
) -> np.ndarray:
    """1-n links: two neighbouring sentences scored as one unit against a counterpart.

    Tried only where both neighbours already score at least ``MERGE_FLOOR``
    against the same counterpart: two sentences that each share a few topic
    words with a long one are no 1-n link. When the unit scores at least
    ``MERGE_GAIN`` more than either part, both parts take its score.
    """

    size = np.int64(corpus.size + 1)
    keys = np.minimum(rows, cols) * size + np.maximum(rows, cols)
    order = np.argsort(keys)
    sorted_keys = keys[order]

    def find(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Index of pair (a, b) among the candidates, or -1."""
        wanted = np.minimum(a, b) * size + np.maximum(a, b)
        at = np.clip(np.searchsorted(sorted_keys, wanted), 0, max(0, len(keys) - 1))
        hit = (len(keys) > 0) & (sorted_keys[at] == wanted)
        return np.where(hit, order[at], -1)

    hopeful = np.flatnonzero(scores >= MERGE_FLOOR)
    firsts: list[np.ndarray] = []
    partners: list[np.ndarray] = []
    one: list[np.ndarray] = []
    two: list[np.ndarray] = []
    for mine, other in ((rows[hopeful], cols[hopeful]), (cols[hopeful], rows[hopeful])):
        nxt = np.minimum(mine + 1, corpus.size - 1)
        same = (mine + 1 < corpus.size) & (corpus.source[nxt] == corpus.source[mine])
        here = hopeful[same]
        there = find(nxt[same], other[same])
        ok = there >= 0
        ok[ok] &= scores[there[ok]] >= MERGE_FLOOR
        firsts.append(mine[same][ok])
        partners.append(other[same][ok])
        one.append(here[ok])
        two.append(there[ok])
    first = np.concatenate(firsts)
    if len(first) == 0:
        return scores
    partner = np.concatenate(partners)
    part_one = np.concatenate(one)
    part_two = np.concatenate(two)
    # Each part must share an informative word with the counterpart: a
    # sentence in the same style, next to a true part, is no part of the link.
    told = informative_share(units, rows, cols, corpus.idf, Scale.of(corpus))
    both = (told[part_one] >= MERGE_INFORMATIVE) & (told[part_two] >= MERGE_INFORMATIVE)
    first, partner, part_one, part_two = first[both], partner[both], part_one[both], part_two[both]
    if len(first) == 0:
        return scores
    merged, unit_rows = merged_units(corpus, first)
    values = score_pairs(merged, units, unit_rows, partner, corpus.idf, chance, Scale.of(corpus))
    gain = values >= np.maximum(scores[part_one], scores[part_two]) + MERGE_GAIN
    result = scores.copy()
    np.maximum.at(result, part_one[gain], values[gain])
    np.maximum.at(result, part_two[gain], values[gain])
    return result
