"""What a search found, in one source (``/``) or in every source at once (``f``).

The panes only draw the hits and move the cursor; which sentences match,
where the words are, which hit comes next and how the status line says it
are decided here, without Textual, so they are tested as plain functions.

Hits are kept in reading order: source by source in pane order, each in
sentence order. ``n`` from the cursor goes to the first hit after it in
that order, wrapping from the last source back to the first, so a search
of every source walks through all of them and returns where it began.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tui.ingest.safe_text import visible
from tui.model import SentenceRef
from tui.view.linking import hit_spans, hits_phrase
from tui.view.linking import search as matching

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Found:
    """The hits of ``query`` in ``sources`` ("" and no sources: no search)."""

    query: str = ""
    sources: tuple[int, ...] = ()
    everywhere: bool = False
    """Searched with ``f``: every source, whichever is active."""
    hits: list[SentenceRef] = field(default_factory=list)
    """In reading order: by source, then by sentence."""

    def sentences(self, source: int) -> list[int]:
        """The hits in ``source``, in order."""
        return [sentence for index, sentence in self.hits if index == source]

    def spans(self, source: int, texts: Sequence[str]) -> dict[int, Spans]:
        """Where the query's words are in each hit sentence of ``source``."""
        return {number: hit_spans(texts[number], self.query) for number in self.sentences(source)}

    def hit_sources(self) -> int:
        return len({source for source, _sentence in self.hits})

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
    hits = [(source, number) for source in chosen for number in matching(texts[source], query)]
    return Found(query, chosen, everywhere, hits)
