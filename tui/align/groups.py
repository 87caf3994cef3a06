"""From links to groups: what one fact looks like in each source.

A group is a synopsis row, so it must read as one fact. Groups are built
greedily from the strongest link down, and a link joins two groups only if
the result stays **coherent**: two sentences of one source may share a group
only when both are linked to a common member (one long sentence in the other
source telling what both say), no source has more than ``MAX_PER_SOURCE``
sentences in it, and no sentence keeps more than ``MAX_PER_SOURCE``
counterparts in one other source. A link that would break this, the weak end
of a chain ("A2-B1, B1-C1, C1-A9" would put A2 and A9 in one row), is
dropped: every link the panes show is then inside one synopsis row.

Strongest-first is order-sensitive: the link that gives two sentences their
common member may be weaker than the link that brings them together. So the
first pass judges coherence against *all* offered links, optimistically; then
any group whose kept links do not make it coherent is rebuilt strictly (each
merge judged against the links kept so far, refused links tried again until
a pass accepts none).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from tui.model import Alignment, Document, Group, Link, SentenceRef

MAX_PER_SOURCE = 6

Neighbours = Mapping[SentenceRef, set[SentenceRef]]


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
    items = [(link.a, link.b, link) for link in links]
    items.sort(key=lambda item: (not item[2].manual, -item[2].score, ties.get(item[:2], (0, 0))))
    offered: dict[SentenceRef, set[SentenceRef]] = {}
    for a, b, _link in items:
        offered.setdefault(a, set()).add(b)
        offered.setdefault(b, set()).add(a)
    first = _Grouping()
    first.run(items, offered)
    groups: list[Group] = []
    kept: list[Link] = []
    for number, refs in first.members.items():
        chosen = first.links[number]
        if not chosen:
            continue
        # Most groups hold one sentence per source: coherent by definition.
        if len({ref[0] for ref in refs}) == len(refs) or _is_coherent(refs, _adjacency(chosen)):
            groups.append(_group(refs, chosen))
            kept.extend(chosen)
            continue
        strict = _Grouping()
        strict.run([(link.a, link.b, link) for link in chosen], None)
        for part, part_links in strict.links.items():
            if part_links:
                groups.append(_group(strict.members[part], part_links))
                kept.extend(part_links)
    groups.sort(key=lambda group: group.members[0])
    kept.sort(key=lambda link: (link.source_a, link.sentence_a, link.source_b, link.sentence_b))
    linked = {ref for group in groups for ref in group.members}
    unique = [
        (number, index)
        for number, document in enumerate(documents)
        for index in range(len(document.sentences))
        if (number, index) not in linked
    ]
    return Alignment(links=kept, groups=groups, unique=unique)


def _group(refs: list[SentenceRef], links: list[Link]) -> Group:
    return Group(sorted(refs), round(sum(link.score for link in links) / len(links), 1))


Item = tuple[SentenceRef, SentenceRef, Link]


@dataclass
class _Grouping:
    """Greedy union of links into coherent groups (one pass or strict passes)."""

    group_of: dict[SentenceRef, int] = field(default_factory=dict)
    members: dict[int, list[SentenceRef]] = field(default_factory=dict)
    links: dict[int, list[Link]] = field(default_factory=dict)
    neighbours: dict[SentenceRef, set[SentenceRef]] = field(default_factory=dict)
    per_source: dict[tuple[SentenceRef, int], int] = field(default_factory=dict)

    def run(self, ordered: list[Item], offered: Neighbours | None) -> None:
        """Offer every link; with ``offered`` None, judge against kept links and retry."""
        pending = ordered
        while pending:
            refused = [item for item in pending if not self.offer(item, offered)]
            if offered is not None or len(refused) == len(pending):
                return
            pending = refused

    def offer(self, item: Item, offered: Neighbours | None) -> bool:
        a, b, link = item
        per_source = self.per_source
        key_a, key_b = (a, b[0]), (b, a[0])
        if per_source.get(key_a, 0) >= MAX_PER_SOURCE or per_source.get(key_b, 0) >= MAX_PER_SOURCE:
            return False
        group_of = self.group_of
        for ref in (a, b):
            if ref not in group_of:
                number = len(group_of)
                group_of[ref] = number
                self.members[number] = [ref]
                self.links[number] = []
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            first, second = self.members[ga], self.members[gb]
            known = offered if offered is not None else self.neighbours
            if not _joins_coherently(first, second, known, (a, b)):
                return False
            if len(first) < len(second):
                ga, gb = gb, ga
                first, second = second, first
            for ref in second:
                group_of[ref] = ga
            first.extend(second)
            self.links[ga].extend(self.links.pop(gb))
            del self.members[gb]
        self.neighbours.setdefault(a, set()).add(b)
        self.neighbours.setdefault(b, set()).add(a)
        per_source[key_a] = per_source.get(key_a, 0) + 1
        per_source[key_b] = per_source.get(key_b, 0) + 1
        self.links[ga].append(link)
        return True


def _joins_coherently(
    first: list[SentenceRef],
    second: list[SentenceRef],
    neighbours: Neighbours,
    new: tuple[SentenceRef, SentenceRef],
) -> bool:
    """Whether two coherent groups joined by the link ``new`` stay coherent.

    Adding links only adds common members, so each group stays coherent by
    itself; only the pairs of same-source sentences across the two need a
    look (and the size limit).
    """
    a, b = new
    by_source: dict[int, list[SentenceRef]] = {}
    for ref in first:
        by_source.setdefault(ref[0], []).append(ref)
    shared = [(ref, by_source[ref[0]]) for ref in second if ref[0] in by_source]
    if not shared:
        return True  # no source in both: nothing new to check
    count: dict[int, int] = {}
    for ref, mates in shared:
        count[ref[0]] = count.get(ref[0], len(mates)) + 1
    if any(value > MAX_PER_SOURCE for value in count.values()):
        return False
    empty: set[SentenceRef] = set()
    inside = set(first)
    inside.update(second)

    def linked(ref: SentenceRef) -> set[SentenceRef]:
        found = neighbours.get(ref, empty)
        if ref == a:
            return found | {b}
        if ref == b:
            return found | {a}
        return found

    for y, mates in shared:
        around_y = linked(y)
        for x in mates:
            if not (linked(x) & around_y & inside):
                return False
    return True


def _adjacency(links: list[Link]) -> dict[SentenceRef, set[SentenceRef]]:
    table: dict[SentenceRef, set[SentenceRef]] = {}
    for link in links:
        table.setdefault(link.a, set()).add(link.b)
        table.setdefault(link.b, set()).add(link.a)
    return table


def _is_coherent(refs: list[SentenceRef], neighbours: Neighbours) -> bool:
    """At most MAX_PER_SOURCE per source, and same-source members share a neighbour."""
    by_source: dict[int, list[SentenceRef]] = {}
    for ref in refs:
        by_source.setdefault(ref[0], []).append(ref)
    if any(len(found) > MAX_PER_SOURCE for found in by_source.values()):
        return False
    inside = set(refs)
    empty: set[SentenceRef] = set()
    for found in by_source.values():
        for x, y in combinations(found, 2):
            if not (neighbours.get(x, empty) & neighbours.get(y, empty) & inside):
                return False
    return True


def group_all(links: list[Link], documents: Sequence[Document]) -> Alignment:
    """Group every link, dropping none: each group is a connected set of sentences.

    For links a person decided on (:func:`tui.corrections.apply`): a manual
    link that joins two coherent groups into one that :func:`build_groups`
    would find incoherent must not cost the aligner's links in them, which
    the user did not cut (it used to drop the weaker one, silently).
    """
    parent: dict[SentenceRef, SentenceRef] = {}

    def root(ref: SentenceRef) -> SentenceRef:
        parent.setdefault(ref, ref)
        while parent[ref] != ref:
            parent[ref] = parent[parent[ref]]
            ref = parent[ref]
        return ref

    for link in links:
        parent[root(link.a)] = root(link.b)
    members: dict[SentenceRef, list[SentenceRef]] = {}
    chosen: dict[SentenceRef, list[Link]] = {}
    for ref in parent:
        members.setdefault(root(ref), []).append(ref)
    for link in links:
        chosen.setdefault(root(link.a), []).append(link)
    groups = sorted(
        (_group(refs, chosen[top]) for top, refs in members.items()),
        key=lambda group: group.members[0],
    )
    kept = sorted(
        links, key=lambda link: (link.source_a, link.sentence_a, link.source_b, link.sentence_b)
    )
    linked = set(parent)
    unique = [
        (number, index)
        for number, document in enumerate(documents)
        for index in range(len(document.sentences))
        if (number, index) not in linked
    ]
    return Alignment(links=kept, groups=groups, unique=unique)
