"""Why two sentences are linked, in words a fact-checker can check.

The score is one number; a reader who doubts a link wants the evidence
behind it: the names and numbers both sentences give, a quote found again,
how close their meaning is, whether both open their stories (headline and
lead), whether the sentences around them are linked too. :func:`reasons`
says that in a few short strings, for the reader's "why" panel and the JSON
export's ``why`` list.

The evidence is read again from the two sentences with the aligner's own
helpers (``tokens.fold`` folds words as the aligner does; quotes are the
aligner's three-word quote runs), not from the score's internals, so the
reasons stay true whatever model turns the evidence into a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from tui.align.scoring import quote_shingles
from tui.align.tokens import fold
from tui.model import Alignment, Document

HEAD = 2
"""Sentences of a source that open it: the headline and the lead."""
MOST_SHOWN = 5
"""Names, numbers or words listed per reason at most."""
CLOSE_MEANING = 0.75
"""Cosine of static sentence vectors above which two sentences mean nearly the same
(on the news sample a quarter of the links, and one unrelated pair in 300)."""
RELATED_MEANING = 0.5
"""Cosine above which the meaning counts as related (on the news sample: 0.58 for
the median link, 0.21 for the median pair of unrelated sentences, 0.40 for one in ten)."""

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+")
"""A word, or a number with its thousands and decimal separators ("60,000" is
one number, not "60" and "000")."""
TITLES = frozenset(
    """president vice senator sen rep representative congressman congresswoman governor gov
    mayor minister prime secretary chairman chair chief general gen judge justice king queen
    prince princess lord sir mr mrs ms dr professor prof officer director spokesman
    spokeswoman spokesperson ambassador commissioner sheriff pope""".split()
)
"""Titles written with a capital before a name ("President Trump"): a shared
title is no evidence of the same person, so it is not listed as a name."""
STOPWORDS = frozenset(
    """a about after again against all also an and any are as at be because been before
    being but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most
    my no nor not now of off on once only or other our out over own said same says she should
    so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would
    you your unto shall thee thou thy ye""".split()
)
"""Words too common to be evidence on their own (English; folded before use)."""
_FOLDED_STOPWORDS = frozenset(fold(word) for word in STOPWORDS)


def reasons(
    doc_a: Document,
    i: int,
    doc_b: Document,
    j: int,
    *,
    alignment: Alignment | None = None,
    sources: tuple[int, int] | None = None,
    manual: bool = False,
    meaning: float | None = None,
    words: bool = True,
) -> list[str]:
    """Short strings saying why sentence ``i`` of ``doc_a`` and ``j`` of ``doc_b`` go together.

    ``alignment`` and ``sources`` (the two documents' numbers in it) let the
    neighbours be read; ``meaning`` is the cosine of their sentence vectors
    when the caller has it (:func:`meaning_cosine`); ``words=False`` leaves
    out what needs the words read (shared words, quotes, meaning). Never empty.
    """
    one = doc_a.sentences[i].text
    two = doc_b.sentences[j].text
    found: list[str] = []
    if manual:
        found.append("linked by hand")
    if not words:
        pass  # a large export: the sentence-level signs only (tui.export.why_field)
    elif _plain(one) == _plain(two):
        found.append("the same sentence")
    else:
        found.extend(_shared(one, two))
        quote = quote_found_again(one, two) or quote_found_again(two, one)
        if quote:
            found.append(f"a quote found again: “{quote}”")
        if meaning is not None:
            if meaning >= CLOSE_MEANING:
                found.append(f"nearly the same meaning (similarity {meaning:.2f})")
            elif meaning >= RELATED_MEANING:
                found.append(f"related meaning (similarity {meaning:.2f})")
    found.extend(_opening(i, j))
    if alignment is not None and sources is not None:
        found.extend(_neighbours(alignment, sources, i, j))
    if not words:
        found.append("the words are not compared in an export of this many links")
    elif not found or found == ["linked by hand"]:
        found.append("no single strong sign: several weak ones add up")
    return found


@lru_cache(maxsize=1 << 15)
def _plain(text: str) -> tuple[str, ...]:
    """The words of ``text``, case folded (kept per text: a sentence has many links)."""
    return tuple(_WORD.findall(text.casefold()))


@dataclass(frozen=True, slots=True)
class _Words:
    """One sentence's words as :func:`_shared` reads them."""

    written: dict[str, tuple[int, str, str]]
    """Folded key -> (position, kind, word as written), its first use only; kind is
    ``number``, ``name`` (a capital, not as the first word), ``first`` (a capital
    as the first word), ``word`` or ``""`` (too common or too short to show)."""
    keys: frozenset[str]
    names: frozenset[str]
    """Keys of words written with a capital (a first word too: a name opening one
    sentence is a name when the other writes it with a capital)."""


def _key(word: str) -> str:
    """Folded as the aligner folds words; a number without its separators."""
    if word[0].isdigit():
        return word.replace(",", "").replace(".", "")
    return fold(word.lower())


@lru_cache(maxsize=1 << 15)
def _words(text: str) -> _Words:
    found = _TOKEN.findall(text)
    keys = [_key(word) for word in found]
    written: dict[str, tuple[int, str, str]] = {}
    for position, (word, key) in enumerate(zip(found, keys, strict=True)):
        if key not in written:
            written[key] = (position, _kind(position, word, key), word)
    names = frozenset(key for word, key in zip(found, keys, strict=True) if word[0].isupper())
    return _Words(written, frozenset(written), names)


def _kind(position: int, word: str, key: str) -> str:
    if not word.isalpha() and any(character.isdigit() for character in word):
        return "number"
    if key in _FOLDED_STOPWORDS:
        return ""
    if word[0].isupper() and word.lower() not in TITLES:
        return "name" if position > 0 else "first"
    return "word" if len(word) > 2 else ""


def _shared(one: str, two: str) -> list[str]:
    """Shared names, numbers and other rarer words, as written in ``one``."""
    mine, theirs = _words(one), _words(two)
    common = mine.keys & theirs.keys
    shown_names: list[str] = []
    numbers: list[str] = []
    others: list[str] = []
    # Only the shared keys, in the order ``one`` says them: a few per pair.
    for _position, kind, word, key in sorted(
        (*mine.written[key], key) for key in common if mine.written[key][1]
    ):
        if kind == "number":
            numbers.append(word)
        elif kind == "name" or (kind == "first" and key in theirs.names):
            shown_names.append(word)
        elif len(word) > 2:
            others.append(word.lower())
    found = []
    if shown_names:
        found.append("shared names: " + ", ".join(shown_names[:MOST_SHOWN]))
    if numbers:
        found.append("shared numbers: " + ", ".join(numbers[:MOST_SHOWN]))
    if others:
        found.append("shared words: " + ", ".join(others[:MOST_SHOWN]))
    return found


def quote_found_again(quoting: str, other: str) -> str:
    """The longest run of quoted words of ``quoting`` that ``other`` says too
    (at least the aligner's three words), as written; "" when there is none."""
    shingles = quote_shingles(quoting)
    if not shingles:
        return ""
    theirs = _plain(other)
    said = {" ".join(theirs[k : k + 3]) for k in range(len(theirs) - 2)}
    hits = shingles & said
    if not hits:
        return ""
    mine = _WORD.findall(quoting)
    lower = [word.casefold() for word in mine]
    best = (0, 0)
    start = None
    for k in range(len(lower) + 1):
        inside = k + 3 <= len(lower) and " ".join(lower[k : k + 3]) in hits
        if inside and start is None:
            start = k
        elif not inside and start is not None:
            end = k + 2  # the last shingle began at k - 1
            if end - start > best[1] - best[0]:
                best = (start, end)
            start = None
    return " ".join(mine[best[0] : best[1]])


def _opening(i: int, j: int) -> list[str]:
    if i == 0 and j == 0:
        return ["both are headlines"]
    if i < HEAD and j < HEAD:
        return ["headline and lead: both open their stories"]
    return []


def _neighbours(alignment: Alignment, sources: tuple[int, int], i: int, j: int) -> list[str]:
    """Whether the sentences just before (or after) both are linked to each other."""
    source_a, source_b = sources
    found = []
    for step, where in ((-1, "before"), (1, "after")):
        if i + step < 0 or j + step < 0:
            continue
        partners = alignment.counterparts((source_a, i + step), source_b)
        if any(sentence == j + step for sentence, _score in partners):
            found.append(f"the sentences {where} are linked too")
    return found


def meaning_cosine(one: str, two: str) -> float | None:
    """Cosine of the two sentences' static vectors (``tui.align.embedding``, the
    shipped model), or None when the model is not installed or a sentence has no word."""
    vectors = unit_vectors([one, two])
    if vectors is None or not (vectors[0].any() and vectors[1].any()):
        return None
    return float(vectors[0] @ vectors[1])


def unit_vectors(texts: Sequence[str]) -> np.ndarray | None:
    """Unit sentence vectors of ``texts`` (a row of zeros for a text with no word),
    pooled as the aligner pools them: the sum of the words' vectors. One call
    for many texts: the words are read by the model once (the JSON export asks
    for thousands). None when the model is not installed."""
    from tui.align.embedding import load_model

    model = load_model()
    if model is None:
        return None
    split = [_WORD.findall(text.lower()) for text in texts]
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(word, len(vocabulary)) for found in split for word in found]
    lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    rows = np.repeat(np.arange(len(texts)), lengths)
    counts = sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), (rows, np.asarray(columns, dtype=np.int64))),
        shape=(len(texts), len(vocabulary)),
    )
    pooled = np.asarray(counts @ model.word_vectors(list(vocabulary)), dtype=np.float64)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.divide(pooled, norms, out=np.zeros_like(pooled), where=norms > 0)


def link_reasons(
    documents: Sequence[Document],
    alignment: Alignment,
    link_a: tuple[int, int],
    link_b: tuple[int, int],
    *,
    manual: bool = False,
    meaning: bool | float | None = True,
    words: bool = True,
) -> list[str]:
    """:func:`reasons` for a link of ``alignment``; ``meaning``: True to compare
    the sentence vectors (about a millisecond), or their cosine if known."""
    (source_a, i), (source_b, j) = link_a, link_b
    doc_a, doc_b = documents[source_a], documents[source_b]
    cosine: float | None = None
    if meaning is True and words:
        cosine = meaning_cosine(doc_a.sentences[i].text, doc_b.sentences[j].text)
    elif isinstance(meaning, float):
        cosine = meaning
    return reasons(
        doc_a,
        i,
        doc_b,
        j,
        alignment=alignment,
        sources=(source_a, source_b),
        manual=manual,
        meaning=cosine,
        words=words,
    )
