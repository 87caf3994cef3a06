"""Containment without a length penalty: a short sentence told inside a long one.

One long sentence often tells what two or three short ones tell: a news lead
that sums up three paragraphs, Young's literal Bible running four verses
together with semicolons. Compared whole, the short sentence looks like a
small part of the long one and scores low. So long sentences are also cut
into **clauses** (at semicolons, colons and dashes, and very long stretches
at commas), and a pair takes the best score of the short sentence against
any clause of the long one. Each clause is scored with the same evidence as
a sentence, so a clause match means the same thing as a sentence match.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from tui.align.arrays import unique
from tui.align.candidates import Corpus
from tui.align.scoring import Scale, Units, score_pairs

_HARD = re.compile(r"\s*(?:[;:]|\s[—–]\s|—|\s--?\s)\s*")
_SOFT = re.compile(r",\s+")
_HARD_MARK = re.compile(r"[;:—–]|\s--?\s")
_WORD = re.compile(r"[^\W_]+")
MIN_WORDS = 4
"""A clause has at least this many words (shorter pieces join their neighbour)."""
LONG_PIECE = 30
"""A piece with more words than this is cut again at commas."""
FLOOR = 15.0
"""Pairs scoring less than this whole are not tried clause by clause..."""
SURE = 70.0
"""...nor pairs already this sure."""


def split_clauses(text: str) -> list[str]:
    """The clauses of one sentence; a single item when it has none to cut."""
    pieces: list[str] = []
    for hard in _HARD.split(text):
        if len(_WORD.findall(hard)) > LONG_PIECE:
            pieces.extend(_SOFT.split(hard))
        else:
            pieces.append(hard)
    clauses: list[str] = []
    for piece in pieces:
        if clauses and len(_WORD.findall(clauses[-1])) < MIN_WORDS:
            clauses[-1] = f"{clauses[-1]} {piece}"
        else:
            clauses.append(piece)
    if len(clauses) > 1 and len(_WORD.findall(clauses[-1])) < MIN_WORDS:
        last = clauses.pop()
        clauses[-1] = f"{clauses[-1]} {last}"
    return [clause for clause in clauses if clause.strip()]


def clause_units(corpus: Corpus, wanted: np.ndarray) -> tuple[Units, np.ndarray] | None:
    """Units for the clauses of each ``wanted`` sentence that has two or more; their sentence."""
    if corpus.surface_fold is None:
        return None
    surface_id = {word: number for number, word in enumerate(corpus.surface)}
    parents: list[int] = []
    texts: list[str] = []
    raw: list[str] = []
    rows: list[int] = []
    cols: list[int] = []
    for sentence in unique(wanted).tolist():
        text = corpus.raw_texts[sentence]
        if len(text) < 60:
            continue
        if not _HARD_MARK.search(text) and corpus.texts[sentence].count(" ") < LONG_PIECE:
            continue  # one clause: nothing to cut at
        clauses = split_clauses(text)
        if len(clauses) < 2:
            continue
        for clause in clauses:
            words = [word.lower() for word in _WORD.findall(clause)]
            ids = [surface_id[word] for word in words if word in surface_id]
            if not ids:
                continue
            number = len(parents)
            parents.append(sentence)
            texts.append(" ".join(words))
            raw.append(clause)
            rows.extend([number] * len(ids))
            cols.extend(ids)
    if not parents:
        return None
    shape = (len(parents), len(corpus.surface))
    counts = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=shape)
    counts.sum_duplicates()
    folded = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, corpus.surface_fold[cols])),
        shape=(len(parents), corpus.matrix.shape[1]),
    )
    folded.sum_duplicates()
    folded.data[:] = 1.0
    weight = np.asarray(folded @ corpus.idf).ravel()
    pooled = None
    if corpus.word_tokens is not None and corpus.model is not None:
        pooled = corpus.model.pool(counts, corpus.word_tokens)
    units = Units.build(folded, weight, texts, raw, pooled)
    return units, np.asarray(parents, dtype=np.int64)


def clause_scores(
    corpus: Corpus,
    units: Units,
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    chance: float,
) -> np.ndarray:
    """For each pair, the best score of the shorter sentence against a clause of the longer.

    0 where there is nothing to try: the longer sentence must be much longer
    (at least twice as many words: a clause of one long sentence against
    another long sentence is partial overlap, not one account telling in one
    sentence what the other tells in two), and the pair must show some evidence already (``FLOOR``).
    """
    best = np.zeros(len(rows), dtype=np.float32)
    length = np.diff(corpus.matrix.indptr)
    trials: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for long_side, short_side in ((rows, cols), (cols, rows)):
        chosen = np.flatnonzero(
            (length[short_side] * 2 <= length[long_side]) & (scores >= FLOOR) & (scores < SURE)
        )
        trials.append((chosen, long_side[chosen], short_side[chosen]))
    wanted = np.concatenate([long for _, long, _ in trials])
    found = clause_units(corpus, wanted) if len(wanted) else None
    if found is None:
        return best
    clauses, parent = found
    order = np.argsort(parent, kind="stable")
    first = np.searchsorted(parent[order], np.arange(corpus.size), side="left")
    last = np.searchsorted(parent[order], np.arange(corpus.size), side="right")
    trial_pair: list[np.ndarray] = []
    trial_clause: list[np.ndarray] = []
    trial_other: list[np.ndarray] = []
    for chosen, long, short in trials:
        repeat = last[long] - first[long]
        pair = np.repeat(chosen, repeat)
        starts = np.repeat(first[long], repeat)
        step = np.arange(len(pair)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        trial_pair.append(pair)
        trial_clause.append(order[starts + step])
        trial_other.append(np.repeat(short, repeat))
    pair = np.concatenate(trial_pair)
    if len(pair) == 0:
        return best
    clause = np.concatenate(trial_clause)
    other = np.concatenate(trial_other)
    values = score_pairs(clauses, units, clause, other, corpus.idf, chance, Scale.of(corpus))
    np.maximum.at(best, pair, values)
    return best
