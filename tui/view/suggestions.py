"""Suggestions: pairs that scored a little below the threshold, offered, never lined up.

Links (at or above the threshold) drive the panes and the synopsis. Just
below them the score cannot tell a true pair from a wrong one, so rather
than hide those pairs or show them as links the reader offers them as
*suggestions*: dimmed, with a ``?`` beside the sentence, for a person to
accept (a manual link) or reject (stored like a cut link).

Computed headless from the aligner's scored pairs (``ScoredPairs`` keeps
every candidate, below the threshold too), so it costs no scoring: a mask
over the scores and a loop over the few pairs in the band.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tui.model import Alignment, Document, SentenceRef

SUGGESTION_BAND = 15.0
"""How far below the threshold a pair may score and still be suggested."""
MAX_SUGGESTIONS = 20_000
"""At most this many suggestions, the best first: a bound on memory and on the
status line's honesty (nobody reviews more by hand)."""

Pair = tuple[SentenceRef, SentenceRef]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two sentences of different sources that nearly made a link; ``a < b``."""

    a: SentenceRef
    b: SentenceRef
    score: float

    def other(self, ref: SentenceRef) -> SentenceRef:
        """The end of the suggestion that is not ``ref``."""
        return self.b if ref == self.a else self.a


class Suggestions:
    """The suggestions of one alignment, by sentence."""

    def __init__(self, items: Sequence[Suggestion] = ()) -> None:
        self.items = list(items)
        table: dict[SentenceRef, list[Suggestion]] = defaultdict(list)
        for item in self.items:
            table[item.a].append(item)
            table[item.b].append(item)
        for found in table.values():
            found.sort(key=lambda item: (-item.score, item.a, item.b))
        self._by_ref = dict(table)

    def __len__(self) -> int:
        return len(self.items)

    def of(self, ref: SentenceRef) -> list[Suggestion]:
        """The suggestions of sentence ``ref``, best first."""
        return self._by_ref.get(ref, [])

    def best(self, ref: SentenceRef) -> Suggestion | None:
        """The suggestion under the cursor: the best one of ``ref``, if any."""
        found = self._by_ref.get(ref)
        return found[0] if found else None

    def marked(self, source: int) -> frozenset[int]:
        """The sentences of ``source`` that carry a suggestion (the ``?`` beside them)."""
        return frozenset(sentence for number, sentence in self._by_ref if number == source)


def count_phrase(links: int, suggestions: int) -> str:
    """ "39 links · 12 suggestions", "1 link · 1 suggestion"."""
    link_word = "link" if links == 1 else "links"
    suggestion_word = "suggestion" if suggestions == 1 else "suggestions"
    return f"{links} {link_word} · {suggestions} {suggestion_word}"


def find_suggestions(
    documents: Sequence[Document],
    base: Alignment,
    shown: Alignment,
    threshold: float,
    decided: Collection[Pair] = (),
    band: float = SUGGESTION_BAND,
) -> Suggestions:
    """The pairs of ``base.scored`` scoring in ``[threshold - band, threshold)``.

    Left out: pairs that are links of ``shown`` (the corrected alignment),
    pairs a correction was stored for (``decided``: a rejected suggestion is
    a cut), and pairs whose sentences are already linked to each other
    through their group (one synopsis row holds both). Each sentence keeps
    at most its best suggestion per other source, so a sentence offers one
    ``?`` per source, not a list of near-misses.
    """
    scored = base.scored
    if scored is None or len(scored.scores) == 0 or band <= 0:
        return Suggestions()
    scores = scored.scores
    import numpy as np  # only once there are scores: the first frame needs none

    inside = np.flatnonzero((scores < threshold) & (scores >= threshold - band))
    if len(inside) == 0:
        return Suggestions()
    inside = inside[np.argsort(-scores[inside], kind="stable")]
    # Copies (tui.align.copies): the pairs are of the distinct sources only.
    number = (
        sorted(set(scored.origin)) if scored.origin is not None else list(range(len(documents)))
    )
    source = scored.source.tolist()
    local = scored.local.tolist()
    links = {(link.a, link.b) for link in shown.links}
    taken: set[tuple[SentenceRef, int]] = set()
    found: list[Suggestion] = []
    for i, j, value in zip(
        scored.rows[inside].tolist(),
        scored.cols[inside].tolist(),
        scores[inside].tolist(),
        strict=True,
    ):
        one = (number[source[i]], local[i])
        two = (number[source[j]], local[j])
        a, b = min(one, two), max(one, two)
        if (a, b) in links or (a, b) in decided:
            continue
        if (a, b[0]) in taken or (b, a[0]) in taken:
            continue  # each sentence: its best suggestion per other source
        group = shown.group_of(a)
        if group is not None and group == shown.group_of(b):
            continue
        taken.add((a, b[0]))
        taken.add((b, a[0]))
        # Rounded down: 34.97 shown as 35 would read as a link at threshold 35.
        found.append(Suggestion(a, b, math.floor(value * 10) / 10))
        if len(found) >= MAX_SUGGESTIONS:
            break
    return Suggestions(found)
