"""Sources that are copies of another: linked by identity, never scored.

Ten copies of one wire story are 45 pairs of sources in which every sentence
meets its twin: scoring them took minutes and gigabytes (issue 10, case 9)
to find what is known beforehand. Sources with the same sentences, in the
same order, are aligned once (one of them stands for all), and the result is
copied: each copy's sentence ``i`` is linked to the others' sentence ``i``
with score 100, and every link of the one that was aligned is given to each
of its copies. Other sources are aligned exactly as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, combinations, repeat, starmap

from tui.model import Alignment, Document, Group, Link, SentenceRef

IDENTICAL = 100.0
"""The score of a sentence and its twin in a copy."""


def originals(documents: Sequence[Document]) -> list[int]:
    """For each document, the number of the first document with the same sentences."""
    first: dict[tuple[str, ...], int] = {}
    return [
        first.setdefault(tuple(sentence.text for sentence in document.sentences), number)
        for number, document in enumerate(documents)
    ]


def copies_note(documents: Sequence[Document], origin: list[int]) -> str:
    """What the shortcut did, for people; empty when no source is a copy."""
    copies = [number for number, first in enumerate(origin) if first != number]
    if not copies:
        return ""
    what = f"{documents[copies[0]].name} has" if len(copies) == 1 else f"{len(copies)} sources have"
    return (
        f"{what} the same sentences as an earlier source: linked to it sentence by "
        f"sentence (score {IDENTICAL:g}) instead of being aligned again"
    )


def with_copies(base: Alignment, documents: Sequence[Document], origin: list[int]) -> Alignment:
    """The alignment of every document from ``base``, that of the distinct ones.

    ``origin`` is :func:`originals`; ``base`` numbers the distinct documents
    in the order they first appear. Ten copies of 30,000 sentences make 1.35
    million links: they are made as plain tuples, sorted as tuples (no key
    function) and only then made into :class:`Link` objects, with the cyclic
    garbage collector paused, which would otherwise walk the growing heap
    again and again for objects that cannot form cycles.
    """
    distinct = sorted(set(origin))
    place = {number: position for position, number in enumerate(distinct)}
    family: list[list[int]] = [[] for _ in distinct]
    for number, first in enumerate(origin):
        family[place[first]].append(number)
    with _collector_paused():
        rows = _link_rows(base, documents, family)
        member_lists = [
            [(copy, index) for source, index in group.members for copy in family[source]]
            for group in base.groups
        ]
        member_lists += [
            [(copy, index) for copy in family[source]]
            for source, index in base.unique
            if len(family[source]) > 1
        ]
        groups = _scored_groups(
            member_lists, rows, [len(document.sentences) for document in documents]
        )
        links = _made_links(rows)
    unique = sorted(
        (family[source][0], index) for source, index in base.unique if len(family[source]) == 1
    )
    return Alignment(links=links, groups=groups, unique=unique, notes=list(base.notes))


_Row = tuple[int, int, int, int, float, bool]
"""A link's fields in :class:`Link`'s order: sorting rows sorts by the two sentences."""


def _link_rows(
    base: Alignment, documents: Sequence[Document], family: list[list[int]]
) -> list[_Row]:
    """Every link as a row, sorted: ``base``'s given to each copy, and each copy's
    sentence linked to its twins'. No two rows join the same two sentences, so
    the sort never reaches the score."""
    rows: list[_Row] = []
    for link in base.links:
        for a in family[link.source_a]:
            for b in family[link.source_b]:
                one, other = (a, link.sentence_a), (b, link.sentence_b)
                if one > other:
                    one, other = other, one
                rows.append((*one, *other, link.score, link.manual))
    for members in family:
        for a, b in combinations(members, 2):
            count = len(documents[a].sentences)
            rows.extend(
                zip(
                    repeat(a, count),
                    range(count),
                    repeat(b, count),
                    range(count),
                    repeat(IDENTICAL, count),
                    repeat(False, count),
                    strict=True,
                )
            )
    rows.sort()
    return rows


_AT_ONCE = 50_000


def _made_links(rows: list[_Row]) -> list[Link]:
    """The rows as links, in order; the rows are let go as their links are
    made (from the end, a slice at a time), so both are never all held."""
    pieces: list[list[Link]] = []
    while rows:
        pieces.append(list(starmap(Link, rows[-_AT_ONCE:])))
        del rows[-_AT_ONCE:]
    return list(chain.from_iterable(reversed(pieces)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (it is restored as it was)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _scored_groups(
    member_lists: list[list[SentenceRef]], rows: list[_Row], sizes: list[int]
) -> list[Group]:
    """Groups with the mean score of the links inside each, in the order of their first member.

    A link counts for the group of its first sentence; scores are added in
    the links' order.
    """
    group_of: list[list[int]] = [[-1] * size for size in sizes]
    for number, members in enumerate(member_lists):
        for source, index in members:
            group_of[source][index] = number
    total = [0.0] * len(member_lists)
    count = [0] * len(member_lists)
    for source, index, _, _, score, _ in rows:
        number = group_of[source][index]
        total[number] += score
        count[number] += 1
    groups = [
        Group(sorted(members), round(total[number] / max(count[number], 1), 1))
        for number, members in enumerate(member_lists)
    ]
    groups.sort(key=lambda group: group.members[0])
    return groups
