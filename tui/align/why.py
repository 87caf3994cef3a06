"""Why two sentences are linked, in words a fact-checker can check.

The score is one number; a reader who doubts a link wants the evidence
behind it: the names and numbers both sentences give, a quote found again,
how close their meaning is, whether both open their stories (headline and
lead), whether the sentences around them are linked too. :func:`reasons`
says that in a few short strings, for the reader's "why" panel and the JSON
export's ``why`` list.

The evidence is read again from the two sentences with the aligner's own
helpers (``tokens.words`` folds words as the aligner does; quotes are the
aligner's three-word quote runs), not from the score's internals, so the
reasons stay true whatever model turns the evidence into a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tui.align.scoring import quote_shingles
from tui.align.tokens import fold, words
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
) -> list[str]:
    """Short strings saying why sentence ``i`` of ``doc_a`` and ``j`` of ``doc_b`` go together.

    ``alignment`` and ``sources`` (the two documents' numbers in it) let the
    neighbours be read; ``meaning`` is the cosine of their sentence vectors
    when the caller has it (:func:`meaning_cosine`). Never empty.
    """
    one = doc_a.sentences[i].text
    two = doc_b.sentences[j].text
    found: list[str] = []
    if manual:
        found.append("linked by hand")
    if _plain(one) == _plain(two):
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
    if not found or found == ["linked by hand"]:
        found.append("no single strong sign: several weak ones add up")
    return found


def _plain(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shared(one: str, two: str) -> list[str]:
    """Shared names, numbers and other rarer words, as written in ``one``."""
    theirs = set(words(two))
    names = _names(two)
    shown_names: list[str] = []
    numbers: list[str] = []
    others: list[str] = []
    seen: set[str] = set()
    for position, word in enumerate(_WORD.findall(one)):
        key = fold(word.lower())
        if key in seen or key not in theirs:
            continue
        seen.add(key)
        if any(character.isdigit() for character in word):
            numbers.append(word)
        elif word[0].isupper() and key not in _FOLDED_STOPWORDS and (position > 0 or key in names):
            shown_names.append(word)
        elif key not in _FOLDED_STOPWORDS and len(word) > 2:
            others.append(word.lower())
    found = []
    if shown_names:
        found.append("shared names: " + ", ".join(shown_names[:MOST_SHOWN]))
    if numbers:
        found.append("shared numbers: " + ", ".join(numbers[:MOST_SHOWN]))
    if others:
        found.append("shared words: " + ", ".join(others[:MOST_SHOWN]))
    return found


def _names(text: str) -> frozenset[str]:
    """Folded words written with a capital in ``text`` (a first word too: a name
    opening one sentence is a name when the other writes it with a capital)."""
    return frozenset(fold(word.lower()) for word in _WORD.findall(text) if word[0].isupper())


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
    left, right = _vector(one), _vector(two)
    if left is None or right is None:
        return None
    return float(sum(x * y for x, y in zip(left, right, strict=True)))


@lru_cache(maxsize=4096)
def _vector(text: str) -> tuple[float, ...] | None:
    """The unit sentence vector of ``text``: the sum of its words' vectors, as the aligner pools."""
    import numpy as np

    from tui.align.embedding import load_model

    model = load_model()
    surface = _WORD.findall(text.lower())
    if model is None or not surface:
        return None
    total = np.asarray(model.word_vectors(surface), dtype=np.float64).sum(axis=0)
    norm = float(np.linalg.norm(total))
    if norm == 0:
        return None
    return tuple((total / norm).tolist())


def link_reasons(
    documents: Sequence[Document],
    alignment: Alignment,
    link_a: tuple[int, int],
    link_b: tuple[int, int],
    *,
    manual: bool = False,
    meaning: bool = True,
) -> list[str]:
    """:func:`reasons` for a link of ``alignment``; ``meaning``: compare the sentence
    vectors too (1 ms a pair)."""
    (source_a, i), (source_b, j) = link_a, link_b
    doc_a, doc_b = documents[source_a], documents[source_b]
    cosine = None
    if meaning:
        cosine = meaning_cosine(doc_a.sentences[i].text, doc_b.sentences[j].text)
    return reasons(
        doc_a,
        i,
        doc_b,
        j,
        alignment=alignment,
        sources=(source_a, source_b),
        manual=manual,
        meaning=cosine,
    )
