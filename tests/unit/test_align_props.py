"""Invariants of the alignment on arbitrary input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.examples import examples
from tui.align import align
from tui.ingest.document import analyse
from tui.ingest.loading import LoadedText

WORDS = st.sampled_from(
    'the sanctions Trump Kim said Friday treasury maritime Bolton ship 12 15 , . ! ? "'.split()
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
SOURCE = st.lists(SENTENCE, max_size=8).map("\n".join)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(SOURCE, min_size=1, max_size=4), st.floats(0, 100))
def test_alignment_invariants(texts: list[str], threshold: float) -> None:
    documents = [analyse(LoadedText(f"{i}.txt", None, t, "utf-8")) for i, t in enumerate(texts)]
    alignment = align(documents, threshold)
    refs = {(s, i) for s, d in enumerate(documents) for i in range(len(d.sentences))}
    pairs = set()
    for link in alignment.links:
        assert link.a in refs and link.b in refs
        assert link.source_a < link.source_b
        assert threshold <= link.score + 0.05 and link.score <= 100
        assert (link.a, link.b) not in pairs
        pairs.add((link.a, link.b))
    grouped = [ref for group in alignment.groups for ref in group.members]
    assert len(grouped) == len(set(grouped)), "a sentence is in two groups"
    assert all(len(group.members) >= 2 for group in alignment.groups)
    linked = {ref for link in alignment.links for ref in (link.a, link.b)}
    assert set(alignment.unique) == refs - linked
    assert set(grouped) <= linked


def test_identical_sentences_of_common_words_are_linked() -> None:
    from tui.align.candidates import MAX_COPIES

    # A line made only of common words still meets its copies (no rare word
    # brings them together: the identical-text candidates do).
    text = "\n".join(["And he said unto them, Go thy way."] * 5)
    documents = [analyse(LoadedText(f"{i}.txt", None, text, "utf-8")) for i in range(2)]
    assert {(link.sentence_a, link.sentence_b) for link in align(documents).links} >= {
        (0, 0),
        (4, 4),
    }
    # Repeated 3,000 times: linked a bounded number of times, and said.
    # (Not copies of each other, which are linked by identity: one line more.)
    texts = ["\n".join(["And he said unto them, Go thy way."] * (3000 + i)) for i in range(2)]
    documents = [analyse(LoadedText(f"{i}.txt", None, texts[i], "utf-8")) for i in range(2)]
    alignment = align(documents)
    # Each of the linked copies keeps at most MAX_PER_SOURCE counterparts
    # (one sentence may be linked to several: issue 16, many-to-many).
    from tui.align.groups import MAX_PER_SOURCE

    assert 0 < len(alignment.links) <= MAX_COPIES * MAX_PER_SOURCE
    assert alignment.notes


def _coherent(alignment) -> None:
    """No group holds two sentences of one source without a linked member in common."""
    neighbours: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for link in alignment.links:
        neighbours.setdefault(link.a, set()).add(link.b)
        neighbours.setdefault(link.b, set()).add(link.a)
    where = {ref: number for number, group in enumerate(alignment.groups) for ref in group.members}
    for link in alignment.links:
        assert where[link.a] == where[link.b], "a link is not inside one synopsis row"
    for group in alignment.groups:
        members = set(group.members)
        for x in group.members:
            for y in group.members:
                if x < y and x[0] == y[0]:
                    common = neighbours[x] & neighbours[y] & members
                    assert common, f"{x} and {y} share a row with no common counterpart"


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(SOURCE, min_size=2, max_size=4), st.floats(0, 100))
def test_groups_are_coherent(texts: list[str], threshold: float) -> None:
    documents = [analyse(LoadedText(f"{i}.txt", None, t, "utf-8")) for i, t in enumerate(texts)]
    _coherent(align(documents, threshold))


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(SOURCE, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_links_do_not_depend_on_the_order_of_the_files(texts: list[str], rng) -> None:
    documents = [analyse(LoadedText(f"{i}.txt", None, t, "utf-8")) for i, t in enumerate(texts)]
    order = list(range(len(documents)))
    rng.shuffle(order)

    def linked(alignment, numbering: list[int]) -> dict:
        found = {}
        for link in alignment.links:
            a = (numbering[link.source_a], link.sentence_a)
            b = (numbering[link.source_b], link.sentence_b)
            found[(min(a, b), max(a, b))] = link.score
        return found

    plain = linked(align(documents), list(range(len(documents))))
    shuffled = linked(align([documents[k] for k in order]), order)
    assert plain.keys() == shuffled.keys()
    # Sums in another order may round the last shown decimal the other way.
    assert all(abs(plain[key] - shuffled[key]) <= 0.11 for key in plain)


def test_samples_are_coherent_and_symmetric(news_paths: list[str]) -> None:
    from tui.pipeline import load_documents

    documents = load_documents(news_paths)
    forward = align(documents)
    _coherent(forward)
    backward = align(documents[::-1])
    last = len(documents) - 1
    flip = {
        tuple(sorted(((last - k.source_a, k.sentence_a), (last - k.source_b, k.sentence_b))))
        for k in backward.links
    }
    assert {(k.a, k.b) for k in forward.links} == flip
