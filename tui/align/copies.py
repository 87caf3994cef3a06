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

from collections.abc import Sequence
from itertools import combinations

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
    in the order they first appear.
    """
    distinct = sorted(set(origin))
    place = {number: position for position, number in enumerate(distinct)}
    family: list[list[int]] = [[] for _ in distinct]
    for number, first in enumerate(origin):
        family[place[first]].append(number)
    links: list[Link] = []
    for link in base.links:
        for a in family[link.source_a]:
            for b in family[link.source_b]:
                one, other = (a, link.sentence_a), (b, link.sentence_b)
                if one > other:
                    one, other = other, one
                links.append(Link(*one, *other, link.score, link.manual))
    for members in family:
        for a, b in combinations(members, 2):
            count = len(documents[a].sentences)
            links.extend(Link(a, index, b, index, IDENTICAL) for index in range(count))
    links.sort(key=lambda link: (link.source_a, link.sentence_a, link.source_b, link.sentence_b))
    member_lists = [
        [(copy, index) for source, index in group.members for copy in family[source]]
        for group in base.groups
    ]
    member_lists += [
        [(copy, index) for copy in family[source]]
        for source, index in base.unique
        if len(family[source]) > 1
    ]
    groups = _scored_groups(member_lists, links)
    unique = sorted(
        (family[source][0], index) for source, index in base.unique if len(family[source]) == 1
    )
    return Alignment(links=links, groups=groups, unique=unique, notes=list(base.notes))


def _scored_groups(member_lists: list[list[SentenceRef]], links: list[Link]) -> list[Group]:
    """Groups with the mean score of the links inside each, in the order of their first member."""
    group_of = {ref: number for number, members in enumerate(member_lists) for ref in members}
    total = [0.0] * len(member_lists)
    count = [0] * len(member_lists)
    for link in links:
        number = group_of[link.source_a, link.sentence_a]
        total[number] += link.score
        count[number] += 1
    groups = [
        Group(sorted(members), round(total[number] / max(count[number], 1), 1))
        for number, members in enumerate(member_lists)
    ]
    groups.sort(key=lambda group: group.members[0])
    return groups
