"""Coverage: how much of each source the others tell, and what only it tells.

The coverage screen and the exports answer two questions a reader of
several accounts asks first: "which outlet has the fullest story?" (the share
of each source's sentences found in each other source) and "what would I
miss if I read only that one?" (the passages no other source has, and, for a
pair, the passages one has and the other lacks). A sentence counts as found
in another source when it is linked to a sentence of it, directly or through
its group, which is what the synopsis shows on one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.compare.flags import Flag
from tui.model import Comparison, SentenceRef


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    """One source's line of the coverage summary."""

    source: int
    sentences: int
    found_in: list[float | None]
    """For each source, the share (0-1) of this source's sentences found in it;
    None on the diagonal and when this source has no sentences."""
    unique: int
    """Sentences no other source has."""
    flagged: int
    """Sentences some disagreement flag points at."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of consecutive sentences of one source (``first`` to ``last``, inclusive)."""

    source: int
    first: int
    last: int
    text: str
    """The sentences' texts joined by a space."""

    @property
    def sentences(self) -> range:
        return range(self.first, self.last + 1)


def presence(comparison: Comparison) -> dict[SentenceRef, set[int]]:
    """For every sentence, the other sources that have a counterpart of it."""
    alignment = comparison.alignment
    found: dict[SentenceRef, set[int]] = {}
    for group in alignment.groups:
        sources = {source for source, _ in group.members}
        for ref in group.members:
            found.setdefault(ref, set()).update(sources - {ref[0]})
    for link in alignment.links:
        found.setdefault(link.a, set()).add(link.source_b)
        found.setdefault(link.b, set()).add(link.source_a)
    return found


def coverage(comparison: Comparison, flags: Iterable[Flag] = ()) -> list[SourceCoverage]:
    """The coverage summary, one entry per source in source order."""
    documents = comparison.documents
    found = presence(comparison)
    # A minor flag (case, punctuation, a spelling variant) is no disagreement.
    flagged = {ref for flag in flags if not flag.minor for ref in (flag.a, flag.b)}
    table = []
    for source, document in enumerate(documents):
        total = len(document.sentences)
        counts = [0] * len(documents)
        unique = 0
        for sentence in range(total):
            others = found.get((source, sentence), set())
            unique += not others
            for other in others:
                counts[other] += 1
        shares: list[float | None] = [
            None if other == source or total == 0 else counts[other] / total
            for other in range(len(documents))
        ]
        marked = sum(1 for ref in flagged if ref[0] == source)
        table.append(SourceCoverage(source, total, shares, unique, marked))
    return table


def lacking(comparison: Comparison, source: int, other: int | None = None) -> list[Passage]:
    """Passages of ``source`` that ``other`` lacks, or that every other source lacks.

    With ``other`` None these are the "only here" passages of ``source``.
    Consecutive sentences are joined into one passage, so a paragraph only
    one outlet has reads as one entry, not five.
    """
    document = comparison.documents[source]
    found = presence(comparison)
    passages: list[Passage] = []
    run: list[int] = []
    for sentence in range(len(document.sentences)):
        others = found.get((source, sentence), set())
        missing = not others if other is None else other not in others
        if missing:
            run.append(sentence)
            continue
        if run:
            passages.append(_passage(comparison, source, run))
            run = []
    if run:
        passages.append(_passage(comparison, source, run))
    return passages


def only_here(comparison: Comparison) -> list[list[Passage]]:
    """For each source, the passages no other source has."""
    return [lacking(comparison, source) for source in range(len(comparison.documents))]


def _passage(comparison: Comparison, source: int, run: list[int]) -> Passage:
    sentences = comparison.documents[source].sentences
    text = " ".join(sentences[index].text for index in run)
    return Passage(source, run[0], run[-1], text)
