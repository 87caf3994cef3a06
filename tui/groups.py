"""From links to groups: what one fact looks like in each source.

A group is a synopsis row, so it must read as one fact. Groups are built
greedily from the strongest link down, and a link joins two groups only if
the result stays **coherent**: two sentences of one source may share a group
only when both are linked to a common member (one long sentence in the other
source telling what both say), and no source has more than
``MAX_PER_SOURCE`` sentences in it. A link that would break this, the weak end
of a chain ("A2-B1, B1-C1, C1-A9" would put A2 and A9 in one row), is
dropped: every link the panes show is then inside one synopsis row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from tui.model import Alignment, Document, Group, Link, SentenceRef

MAX_PER_SOURCE = 4


def build_groups(
    links: list[Link],
    documents: Sequence[Document],
    ties: Mapping[tuple[SentenceRef, SentenceRef], tuple[int, int]] | None = None,
) -> Alignment:
    """Keep the links that form coherent groups; group them; list the unlinked.

    ``ties`` orders links of equal score (by a key that does not depend on
    the order of the sources); without it, equal scores keep their order.
    Manual links are taken first, whatever their score.
    """
    ties = ties or {}
    ordered = sorted(
        links,
        key=lambda link: (not link.manual, -link.score, ties.get((link.a, link.b), (0, 0))),
    )
    group_of: dict[SentenceRef, int] = {}
    members: dict[int, list[SentenceRef]] = {}
    neighbours: dict[SentenceRef, set[SentenceRef]] = {}
    scores: dict[int, list[float]] = {}
    kept: list[Link] = []
    next_id = 0
    # A link refused now may fit once stronger links have given its two
    # groups a common member, so refused links are tried again until no
    # pass accepts any.
    pending = ordered
    while pending:
        refused: list[Link] = []
        for link in pending:
            a, b = link.a, link.b
            for ref in (a, b):
                if ref not in group_of:
                    group_of[ref] = next_id
                    members[next_id] = [ref]
                    scores[next_id] = []
                    neighbours[ref] = set()
                    next_id += 1
            ga, gb = group_of[a], group_of[b]
            if ga != gb:
                merged = members[ga] + members[gb]
                if not _coherent(merged, neighbours, (a, b)):
                    refused.append(link)
                    continue
                if len(members[ga]) < len(members[gb]):
                    ga, gb = gb, ga
                for ref in members[gb]:
                    group_of[ref] = ga
                members[ga] = merged
                scores[ga].extend(scores.pop(gb))
                del members[gb]
            neighbours[a].add(b)
            neighbours[b].add(a)
            scores[ga].append(link.score)
            kept.append(link)
        if len(refused) == len(pending):
            break
        pending = refused

    groups = [
        Group(sorted(refs), round(sum(scores[number]) / len(scores[number]), 1))
        for number, refs in members.items()
        if len(refs) > 1
    ]
    groups.sort(key=lambda group: group.members[0])
    kept.sort(key=lambda link: (link.source_a, link.sentence_a, link.source_b, link.sentence_b))
    linked = {ref for link in kept for ref in (link.a, link.b)}
    unique = [
        (number, index)
        for number, document in enumerate(documents)
        for index in range(len(document.sentences))
        if (number, index) not in linked
    ]
    return Alignment(links=kept, groups=groups, unique=unique)


def _coherent(
    merged: list[SentenceRef],
    neighbours: Mapping[SentenceRef, set[SentenceRef]],
    new: tuple[SentenceRef, SentenceRef],
) -> bool:
    """Whether ``merged`` (with the ``new`` link) is a coherent group."""
    by_source: dict[int, list[SentenceRef]] = {}
    for ref in merged:
        by_source.setdefault(ref[0], []).append(ref)
    if any(len(refs) > MAX_PER_SOURCE for refs in by_source.values()):
        return False
    a, b = new

    def linked(ref: SentenceRef) -> set[SentenceRef]:
        found = set(neighbours.get(ref, ()))
        if ref == a:
            found.add(b)
        elif ref == b:
            found.add(a)
        return found

    for refs in by_source.values():
        for x, y in combinations(refs, 2):
            if not linked(x) & linked(y):
                return False
    return True
