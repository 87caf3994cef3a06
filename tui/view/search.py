"""What a search found, in one source (``/``) or in every source at once (``f``).

The panes only draw the hits and move the cursor; which sentences match,
where the words are, which hit comes next and how the status line says it
are decided here, without Textual, so they are tested as plain functions.

Hits are kept in reading order: source by source in pane order, each in
sentence order. ``n`` from the cursor goes to the first hit after it in
that order, wrapping from the last source back to the first, so a search
of every source walks through all of them and returns where it began.

Nothing here costs the UI thread more than a few milliseconds per step,
however many hits there are: :func:`find` (which reads every sentence) runs
in a thread worker on big input and prepares the per-source index there, and
where the words are in a sentence is only worked out when its row is painted
(:class:`HitSpans`), so 400,000 hits cost what the visible rows cost.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import overload

from tui.ingest.safe_text import visible
from tui.model import Document, SentenceRef
from tui.view.linking import hit_spans, hits_phrase
from tui.view.linking import search as matching

Spans = list[tuple[int, int]]

AT_ONCE = 10_000
"""Searches of up to this many sentences run on the UI thread, at once (about
0.4 µs a sentence: 4 ms); bigger ones go to a thread worker, so the screen
never waits for them."""


class Hits(Sequence[SentenceRef]):
    """(source, sentence) of every hit in reading order, kept as one list of
    sentence numbers per source. Why not a list of tuples: 400,000 tuples are
    400,000 objects the garbage collector tracks (hundreds of collections while
    the worker makes them, each holding the lock the UI thread needs, and they
    lengthen every full collection after); plain numbers are not tracked."""

    def __init__(self, by_source: dict[int, list[int]]) -> None:
        """``by_source``: the hits of each source that has any, in order."""
        self.by_source = {source: by_source[source] for source in sorted(by_source)}
        self._sources = list(self.by_source)
        self._lists = list(self.by_source.values())
        self._starts = [0, *accumulate(len(numbers) for numbers in self._lists)]

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, index: int) -> SentenceRef: ...
    @overload
    def __getitem__(self, index: slice) -> list[SentenceRef]: ...
    def __getitem__(self, index: int | slice) -> SentenceRef | list[SentenceRef]:
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        which = bisect_right(self._starts, index) - 1
        return self._sources[which], self._lists[which][index - self._starts[which]]

    def __iter__(self) -> Iterator[SentenceRef]:
        for source, numbers in self.by_source.items():
            for number in numbers:
                yield source, number

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Hits({self.by_source!r})"


class HitSpans(Mapping[int, Spans]):
    """Hit sentence -> where the query's words are in it, each worked out (and
    kept) the first time it is asked for: a pane asks only for the rows it
    paints, so a search with 100,000 hits costs only what the screen shows."""

    def __init__(
        self,
        sentences: Sequence[int],
        text_of: Callable[[int], str],
        query: str,
        members: frozenset[int] | None = None,
    ):
        """``sentences``: the hit sentences, in order; ``text_of``: a sentence's
        text; ``members``: the same as a set, if it is made already."""
        self._order = sentences
        self._sentences = frozenset(sentences) if members is None else members
        self._text_of = text_of
        self._query = query
        self._spans: dict[int, Spans] = {}

    def __getitem__(self, sentence: int) -> Spans:
        spans = self._spans.get(sentence)
        if spans is None:
            if sentence not in self._sentences:
                raise KeyError(sentence)
            spans = self._spans[sentence] = hit_spans(self._text_of(sentence), self._query)
        return spans

    def __contains__(self, sentence: object) -> bool:
        return sentence in self._sentences

    def __iter__(self) -> Iterator[int]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._sentences)

    def worked_out(self) -> int:
        """How many sentences' spans have been worked out so far."""
        return len(self._spans)


@dataclass(frozen=True)
class Found:
    """The hits of ``query`` in ``sources`` ("" and no sources: no search)."""

    query: str = ""
    sources: tuple[int, ...] = ()
    everywhere: bool = False
    """Searched with ``f``: every source, whichever is active."""
    hits: Sequence[SentenceRef] = field(default_factory=list)
    """In reading order: by source, then by sentence (:class:`Hits` from :func:`find`)."""

    @cached_property
    def by_source(self) -> dict[int, list[int]]:
        """The hits of each source that has any, in order (:func:`find` makes it
        in its worker, so the UI thread never walks the hits)."""
        if isinstance(self.hits, Hits):
            return self.hits.by_source
        index: dict[int, list[int]] = {}
        for source, sentence in self.hits:
            index.setdefault(source, []).append(sentence)
        return index

    @cached_property
    def hit_sets(self) -> dict[int, frozenset[int]]:
        """:attr:`by_source` as sets, for the panes' "is this a hit?" (made in
        :func:`find` too: a set of 100,000 numbers takes milliseconds)."""
        return {source: frozenset(numbers) for source, numbers in self.by_source.items()}

    def sentences(self, source: int) -> list[int]:
        """The hits in ``source``, in order."""
        return self.by_source.get(source, [])

    def spans(self, source: int, texts: Sequence[str] | Callable[[int], str]) -> HitSpans:
        """Where the query's words are in each hit sentence of ``source``
        (``texts``: its sentence texts, or how to get one), worked out lazily."""
        text_of = texts if callable(texts) else texts.__getitem__
        members = self.hit_sets.get(source, frozenset())
        return HitSpans(self.sentences(source), text_of, self.query, members)

    def hit_sources(self) -> int:
        return len(self.by_source)

    def status(self) -> str:
        """The status line's part: "2 hits for “x” (n/N)", "4 hits in 3 sources for …"."""
        if not self.query:
            return ""
        found = hits_phrase(len(self.hits))
        if self.everywhere:
            count = self.hit_sources()
            found += f" in {count} source" + ("" if count == 1 else "s")
            if not self.hits:
                found = "no hits in any source"
        return f"{found} for “{visible(self.query)}” (n/N)"

    def next(self, at: SentenceRef, forward: bool, inclusive: bool = False) -> SentenceRef | None:
        """The first hit after (or before) ``at`` in reading order, wrapping around;
        ``inclusive``: a hit at ``at`` itself counts."""
        hits = self.hits
        if not hits:
            return None
        if forward:
            index = bisect_left(hits, at) if inclusive else bisect_right(hits, at)
            return hits[index] if index < len(hits) else hits[0]
        index = bisect_right(hits, at) if inclusive else bisect_left(hits, at)
        return hits[index - 1] if index > 0 else hits[-1]


NOTHING = Found()
"""No search: nothing highlighted, nothing to go to."""


def find(
    texts: Sequence[Sequence[str]], query: str, sources: Iterable[int], everywhere: bool = False
) -> Found:
    """Every sentence of ``sources`` (indices into ``texts``, one list of sentence
    texts per source) that contains ``query``, ignoring case."""
    chosen = tuple(sorted(set(sources)))
    by_source = {source: matching(texts[source], query) for source in chosen}
    hits = Hits({source: numbers for source, numbers in by_source.items() if numbers})
    found = Found(query, chosen, everywhere, hits)
    _ = found.hit_sets  # made here, in the caller's thread (a worker's, on big input)
    return found


def find_in(
    documents: Sequence[Document], query: str, sources: Iterable[int], everywhere: bool = False
) -> Found:
    """:func:`find` in the sentences of ``documents``."""
    chosen = list(sources)
    texts: list[list[str]] = [[] for _document in documents]
    for source in chosen:
        texts[source] = [sentence.text for sentence in documents[source].sentences]
    return find(texts, query, chosen, everywhere)


def runs_at_once(documents: Sequence[Document], sources: Iterable[int]) -> bool:
    """Whether searching ``sources`` is small enough for the UI thread (:data:`AT_ONCE`)."""
    return sum(len(documents[source].sentences) for source in sources) <= AT_ONCE
