"""From links to groups: what one fact looks like in each source.

Groups are the connected parts of the link graph, built greedily from the
strongest link down. A merge that would give a group more than
``MAX_PER_SOURCE`` sentences of one source is refused, so a chain of weak,
generic links ("And he said unto them") cannot glue a whole gospel together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tui.model import Alignment, Document, Group, Link, SentenceRef

MAX_PER_SOURCE = 3


def build_groups(links: list[Link], documents: Sequence[Document]) -> Alignment:
    """Group ``links`` and list the sentences that have no counterpart."""
    parent: dict[SentenceRef, SentenceRef] = {}
    counts: dict[SentenceRef, Counter[int]] = {}
    totals: dict[SentenceRef, list[float]] = {}

    def find(ref: SentenceRef) -> SentenceRef:
        root = ref
        while parent[root] != root:
            root = parent[root]
        while parent[ref] != root:
            parent[ref], ref = root, parent[ref]
        return root

    for link in sorted(links, key=lambda item: -item.score):
        for ref in (link.a, link.b):
            if ref not in parent:
                parent[ref] = ref
                counts[ref] = Counter({ref[0]: 1})
                totals[ref] = []
        root_a, root_b = find(link.a), find(link.b)
        if root_a == root_b:
            totals[root_a].append(link.score)
            continue
        merged = counts[root_a] + counts[root_b]
        if max(merged.values()) > MAX_PER_SOURCE:
            continue
        if len(counts[root_a]) < len(counts[root_b]):
            root_a, root_b = root_b, root_a
        parent[root_b] = root_a
        counts[root_a] = merged
        totals[root_a].extend([*totals.pop(root_b), link.score])
        del counts[root_b]

    members: dict[SentenceRef, list[SentenceRef]] = {}
    for ref in parent:
        members.setdefault(find(ref), []).append(ref)
    groups = [
        Group(sorted(refs), round(sum(totals[root]) / len(totals[root]), 1))
        for root, refs in members.items()
        if len(refs) > 1
    ]
    groups.sort(key=lambda group: group.members[0])
    linked = set(parent)
    unique = [
        (number, index)
        for number, document in enumerate(documents)
        for index in range(len(document.sentences))
        if (number, index) not in linked
    ]
    return Alignment(links=links, groups=groups, unique=unique)
