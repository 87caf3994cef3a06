"""The ``why`` of each link in the JSON export: its reasons in a few short strings.

Added to ``version`` 1 as a new field (fields are only ever added). The
reasons are :func:`tui.align.why.reasons`; two bounds keep large exports
fast: a link between two identical sentences (copies, the same verse) says
only that, without reading its words, and beyond :data:`FULL_WHY_LINKS`
links only the signs that need no words read are given (by hand, headline
and lead, linked neighbours): reading the words costs about 70 µs a link,
3 s on 10 sources × 2,000 sentences (48,000 links). Below it the sentence
vectors of every linked sentence are made at once, on the first link written.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tui.align.why import link_reasons, unit_vectors
from tui.model import Comparison, Link, SentenceRef

FULL_WHY_LINKS = 20_000
"""Exports with more links than this give no shared words, quotes or meaning in ``why``."""
SAME = ["the same sentence"]


def why_of(comparison: Comparison) -> Callable[[Link], list[str]]:
    """A function giving each link of ``comparison`` its ``why`` list."""
    documents = comparison.documents
    alignment = comparison.alignment
    vectors: dict[SentenceRef, int] = {}
    table: list[np.ndarray | None] = []
    full = len(alignment.links) <= FULL_WHY_LINKS

    def cosine(link: Link) -> float | None:
        """The link's meaning similarity, every link's sentence read at the first call."""
        if not table:
            ends = sorted({ref for each in alignment.links for ref in (each.a, each.b)})
            vectors.update((ref, number) for number, ref in enumerate(ends))
            table.append(unit_vectors([documents[s].sentences[n].text for s, n in ends]))
        found = table[0]
        if found is None:
            return None
        left, right = found[vectors[link.a]], found[vectors[link.b]]
        return float(left @ right) if left.any() and right.any() else None

    def why(link: Link) -> list[str]:
        one = documents[link.source_a].sentences[link.sentence_a].text
        two = documents[link.source_b].sentences[link.sentence_b].text
        if one == two:
            return ["linked by hand", *SAME] if link.manual else list(SAME)
        if not full:
            return link_reasons(
                documents, alignment, link.a, link.b, manual=link.manual, meaning=None, words=False
            )
        return link_reasons(
            documents, alignment, link.a, link.b, manual=link.manual, meaning=cosine(link)
        )

    return why
