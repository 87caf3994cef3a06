"""The ``why`` of each link in the JSON export: its reasons in a few short strings.

Added to ``version`` 1 as a new field (fields are only ever added). The
reasons are :func:`tui.align.why.reasons`; two bounds keep large exports
fast: a link between two identical sentences (copies, the same verse) says
only that, without reading its words, and beyond :data:`MEANING_LINKS`
links the meaning of each pair is left out (it costs a millisecond a pair).
"""

from __future__ import annotations

from collections.abc import Callable

from tui.align.why import link_reasons
from tui.model import Comparison, Link

MEANING_LINKS = 20_000
"""Exports with more links than this give no meaning similarity in ``why``."""
SAME = ["the same sentence"]


def why_of(comparison: Comparison) -> Callable[[Link], list[str]]:
    """A function giving each link of ``comparison`` its ``why`` list."""
    documents = comparison.documents
    alignment = comparison.alignment
    meaning = len(alignment.links) <= MEANING_LINKS

    def why(link: Link) -> list[str]:
        one = documents[link.source_a].sentences[link.sentence_a].text
        two = documents[link.source_b].sentences[link.sentence_b].text
        if one == two:
            return ["linked by hand", *SAME] if link.manual else list(SAME)
        return link_reasons(
            documents, alignment, link.a, link.b, manual=link.manual, meaning=meaning
        )

    return why
