"""What the reader asks of an alignment, precomputed per source and per pair.

The alignment (:class:`tui.model.Alignment`) answers questions about one
sentence at a time. Panes need per-source answers on every keystroke or
scroll step: which sentences are linked, which are unique, and for a pair of
sources the partner table that :class:`tui.view.sync.PairMap` maps through. This
module computes those once (lazily, per pair) so a synced scroll step stays
a few lookups. Before alignment has finished, everything is empty: the
reader shows text at once and links appear later.

Also here: moving between *passages*, runs of consecutive sentences that are
all shared (or all unique), and searching a source's sentences. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from tui.model import Alignment, Document, SentenceRef
from tui.view.sync import PairMap


class LinkIndex:
    """Per-source and per-pair views of one alignment (or of none yet)."""

    def __init__(self, documents: Sequence[Document], alignment: Alignment | None = None) -> None:
        self.documents = list(documents)
        self.alignment = alignment
        self._pairs: dict[tuple[int, int], PairMap] = {}
        count = len(self.documents)
        self.linked: list[list[bool]] = [
            [False] * len(document.sentences) for document in self.documents
        ]
        self.unique: list[frozenset[int]] = [frozenset() for _ in range(count)]
        if alignment is None:
            return
        for source, sentence in _linked_refs(alignment):
            if source < count and sentence < len(self.linked[source]):
                self.linked[source][sentence] = True
        unique: list[set[int]] = [set() for _ in range(count)]
        for source, sentence in alignment.unique:
            if source < count:
                unique[source].add(sentence)
        self.unique = [frozenset(numbers) for numbers in unique]

    @cached_property
    def _manual(self) -> frozenset[tuple[SentenceRef, SentenceRef]]:
        links = self.alignment.links if self.alignment is not None else []
        return frozenset((link.a, link.b) for link in links if link.manual)

    def is_manual(self, one: SentenceRef, two: SentenceRef) -> bool:
        """Whether the link between ``one`` and ``two`` was made by hand."""
        return (min(one, two), max(one, two)) in self._manual

    def next_source_with_counterpart(self, ref: SentenceRef) -> tuple[int | None, list[int]]:
        """The next source after ``ref``'s (in order, wrapping) with a counterpart
        of it, and how many each source before it had (all of them when none)."""
        count = len(self.documents)
        counts: list[int] = []
        for offset in range(1, count):
            index = (ref[0] + offset) % count
            found = self.counterparts(ref[0], ref[1], index)
            if found:
                return index, counts
            counts.append(0)
        return None, counts

    def unique_flags(self, source: int) -> list[bool]:
        unique = self.unique[source]
        return [number in unique for number in range(len(self.linked[source]))]

    def prebuild(self, max_sources: int = 12) -> LinkIndex:
        """Build every pair's mapping now (in the worker thread, not on the UI's)."""
        count = len(self.documents)
        if self.alignment is not None and count <= max_sources:
            for leader in range(count):
                for follower in range(count):
                    if leader != follower:
                        self.pair(leader, follower)
        return self

    @property
    def ready(self) -> bool:
        return self.alignment is not None

    def counts(self, source: int) -> tuple[int, int, int]:
        """(sentences, sentences linked to another source, unique sentences)."""
        flags = self.linked[source]
        return len(flags), sum(flags), len(self.unique[source])

    def counterparts(self, source: int, sentence: int, other: int) -> list[tuple[int, float]]:
        """Sentences of ``other`` linked to ``(source, sentence)``, best first; of
        several as good, the one scrolling lines up (:meth:`pair`) first, so the
        cursor and the scroll line up the same counterpart."""
        if self.alignment is None or sentence < 0:
            return []
        found = self.alignment.counterparts((source, sentence), other)
        if len(found) > 1:
            partner = self.pair(source, other).partner[sentence]
            found.sort(key=lambda item: item[0] != partner)  # stable: the rest keep their order
        return found

    def pair(self, leader: int, follower: int) -> PairMap:
        """The mapping from ``leader`` to ``follower``, built on first use."""
        key = (leader, follower)
        found = self._pairs.get(key)
        if found is None:
            partner = [-1] * len(self.documents[leader].sentences)
            if self.alignment is not None:
                previous = -1
                for sentence, linked in enumerate(self.linked[leader]):
                    if linked:
                        best = self.alignment.counterparts((leader, sentence), follower)
                        if best:
                            partner[sentence] = previous = _in_order(best, previous)
            found = self._pairs[key] = PairMap(partner)
        return found


def _in_order(counterparts: list[tuple[int, float]], previous: int) -> int:
    """The best counterpart; among several that score the same (a quote told in
    three sentences, all at 100), the one that follows ``previous`` (the partner
    of the sentence before) most closely, so that scrolling keeps the order.
    Only equal scores tie: 99.4 against 100 is a worse counterpart (Sanders "did
    not elaborate" beside her quote)."""
    top = counterparts[0][1]
    tied = [number for number, score in counterparts if score >= top]
    if len(tied) == 1 or previous < 0:
        return tied[0]
    return min(tied, key=lambda number: (number <= previous, abs(number - previous - 1)))


def _linked_refs(alignment: Alignment) -> list[tuple[int, int]]:
    refs: list[tuple[int, int]] = []
    for link in alignment.links:
        refs.append(link.a)
        refs.append(link.b)
    return refs


def next_passage(flags: Sequence[bool], cursor: int, forward: bool) -> int | None:
    """Start of the next (or previous) run of ``True`` flags, skipping the current run.

    "Next shared passage" passes the linked flags; "next unique passage" the
    unique ones. Returns None when there is no such run in that direction.
    """
    count = len(flags)
    if count == 0:
        return None
    cursor = min(max(cursor, 0), count - 1)
    if forward:
        index = cursor
        while index < count and flags[index]:
            index += 1
        while index < count and not flags[index]:
            index += 1
        return index if index < count else None
    index = cursor
    # Leave the run we are in (if we are at its start) and the gap before it.
    while index > 0 and flags[index - 1] and flags[index]:
        index -= 1
    index -= 1
    while index >= 0 and not flags[index]:
        index -= 1
    if index < 0:
        return None
    while index > 0 and flags[index - 1]:
        index -= 1
    return index


def search(texts: Sequence[str], query: str) -> list[int]:
    """Indices of the texts containing ``query``, ignoring case."""
    needle = query.casefold().strip()
    if not needle:
        return []
    return [index for index, text in enumerate(texts) if needle in text.casefold()]


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text``, ignoring case: (start, end) offsets."""
    needle = query.strip()
    if not needle:
        return []
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


def hits_phrase(count: int) -> str:
    """ "1 hit", "2 hits", "no hits"."""
    if count == 0:
        return "no hits"
    return f"{count} hit" if count == 1 else f"{count} hits"
