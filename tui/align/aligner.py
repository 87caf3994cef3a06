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
from dataclasses import dataclass, replace

import numpy as np

from tui.align.candidates import Corpus, build_corpus, candidate_pairs
from tui.align.clauses import clause_scores
from tui.align.copies import copies_note, originals, with_copies
from tui.align.embedding import load_model, sentence_vectors
from tui.align.features import Stages
from tui.align.fitted import encoded_vectors, fitted_scores, versions_of, wants_encoder
from tui.align.groups import build_groups
from tui.align.link_model import LinkModel, load_link_model
from tui.align.neighbours import (
    every_pair,
    lead_pairs,
    meaning_pairs,
    merge_pairs,
    merged_units,
)
from tui.align.scoring import (
    Scale,
    Units,
    chance_cosine,
    informative_share,
    pair_evidence,
    score_pairs,
)
from tui.align.structure import HEAD, structure_bonus
from tui.align.threshold import DEFAULT_THRESHOLD
from tui.model import Alignment, Document, Link

Progress = Callable[[float, str], None]

BEST_MARGIN = 20.0
"""In parallel texts, a pair is kept when it scores within this much of the
best pair of either sentence (one verse, one verse)."""
CONFIDENT = 70.0
"""A pair this strong is a link even when either sentence has a better one
(a summary lead tells what several sentences of another source tell)."""
MAX_PER_SOURCE = 4
"""Selection keeps at most twice this many counterparts per sentence and source
(a bound on work; the groups keep at most ``tui.align.groups.MAX_PER_SOURCE``)."""
MEANING_SENTENCES = 150_000
"""Above this many sentences in all, meaning vectors (2 KB a sentence, and a
nearest-neighbour search) are left out and a note says so."""
MERGE_FLOOR = 30.0
"""Pairs below this are not tried as part of a 1-n link."""
MERGE_GAIN = 3.0
"""How much better the merged unit must score than either part alone."""
MERGE_INFORMATIVE = 0.5
"""Share of "enough" rare-word weight each part must share with the counterpart."""


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
    refinement: Refinement | None = None
    """Set on the first scores (``score(..., first=True)``) when the encoder's
    pass is still to come: what :func:`refine` needs. None once final."""


@dataclass(frozen=True, slots=True)
class Refinement:
    """What the encoder's pass needs from the first: the corpus and the pairs'
    stages (kept only until the pass runs; books never have one)."""

    corpus: Corpus
    rows: np.ndarray
    cols: np.ndarray
    stages: Stages
    model: LinkModel


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
    pending = scored.refinement
    if pending is None:
        return scored
    report = report or (lambda fraction, message: None)
    notes = list(scored.notes)
    with _collector_paused():
        encoded = encoded_vectors(pending.corpus, report, notes)
        if encoded is None:
            return replace(scored, notes=notes, refinement=None)
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
        scored, scores=scores, features=features, notes=notes, encoder=True, refinement=None
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


def select(
    documents: Sequence[Document], scored: ScoredPairs | None, threshold: float
) -> Alignment:
    """Step 5: the links at ``threshold`` and their coherent groups.

    Cheap (no scoring): the reader calls it again when the threshold changes.
    """
    if scored is None:
        alignment = build_groups([], documents)
        alignment.scored = None
        return alignment
    if scored.origin is not None:
        distinct = [documents[number] for number in sorted(set(scored.origin))]
        alignment = with_copies(_selected(distinct, scored, threshold), documents, scored.origin)
    else:
        alignment = _selected(documents, scored, threshold)
    alignment.scored = scored
    alignment.notes = list(scored.notes)
    return alignment


def _selected(documents: Sequence[Document], scored: ScoredPairs, threshold: float) -> Alignment:
    keep = _select(scored, threshold)
    source = scored.source.tolist()
    local = scored.local.tolist()
    links = [
        Link(source[i], local[i], source[j], local[j], round(value, 1))
        for i, j, value in zip(
            scored.rows[keep].tolist(),
            scored.cols[keep].tolist(),
            scored.scores[keep].tolist(),
            strict=True,
        )
    ]
    keys = scored.keys.tolist()
    ties = {
        (link.a, link.b): tuple(sorted((keys[i], keys[j])))
        for link, i, j in zip(
            links, scored.rows[keep].tolist(), scored.cols[keep].tolist(), strict=True
        )
    }
    return build_groups(links, documents, ties)


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


def _rank_within(slots: np.ndarray) -> np.ndarray:
    """For items already in priority order: how many earlier items share each one's slot."""
    order = np.argsort(slots, kind="stable")
    sorted_slots = slots[order]
    starts = np.flatnonzero(np.r_[True, sorted_slots[1:] != sorted_slots[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(slots)]))
    rank = np.empty(len(slots), dtype=np.int64)
    rank[order] = np.arange(len(slots)) - run_start
    return rank


def _select(scored: ScoredPairs, threshold: float) -> np.ndarray:
    """Keep pairs above threshold that are near the best for either sentence."""
    scores, rows, cols = scored.scores, scored.rows, scored.cols
    above = scores >= threshold
    if not above.any():
        return above
    sources = scored.sources
    slot_r = rows * sources + scored.source[cols]
    slot_c = cols * sources + scored.source[rows]
    best = np.zeros(len(scored.source) * sources, dtype=np.float32)
    np.maximum.at(best, slot_r[above], scores[above])
    np.maximum.at(best, slot_c[above], scores[above])
    # The fitted score already weighs each sentence's next best (its margin
    # features), so every pair above the threshold stands. Versions of one
    # text: one verse for one verse, near the best of either (hand-made points
    # on the fitted scale).
    versions = scored.versions if scored.versions is not None else scored.parallel
    margin = np.where(versions, BEST_MARGIN * scored.stretch, 100.0)
    near = (scores >= best[slot_r] - margin) | (scores >= best[slot_c] - margin)
    # Headline and lead pairs are kept whatever else their sentences match:
    # a lead sums up several sentences and each is rightly linked to it.
    head = (scored.local[rows] < HEAD) & (scored.local[cols] < HEAD)
    confident = 100.0 - (100.0 - CONFIDENT) * scored.stretch
    keep = above & (near | head | (scores >= confident))
    # A bound on counterparts per sentence and source, best first (the groups
    # keep at most MAX_PER_SOURCE of them, those that fit a coherent row);
    # equal scores in an order that does not depend on the order of the files.
    index = np.flatnonzero(keep)
    low = np.minimum(scored.keys[rows[index]], scored.keys[cols[index]])
    high = np.maximum(scored.keys[rows[index]], scored.keys[cols[index]])
    index = index[np.lexsort((high, low, -scores[index]))]
    result = np.zeros_like(keep)
    fits = np.ones(len(index), dtype=bool)
    for slots in (slot_r[index], slot_c[index]):
        fits &= _rank_within(slots) < 2 * MAX_PER_SOURCE
    result[index[fits]] = True
    return result
