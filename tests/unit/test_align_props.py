"""Invariants of the alignment on arbitrary input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.align import align
from tui.ingest.document import analyse
from tui.ingest.loading import LoadedText

WORDS = st.sampled_from(
    'the sanctions Trump Kim said Friday treasury maritime Bolton ship 12 15 , . ! ? "'.split()
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
SOURCE = st.lists(SENTENCE, max_size=8).map("\n".join)


@settings(max_examples=60, deadline=None)
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
    text = "\n".join(["And he said unto them, Go thy way."] * 3000)
    documents = [analyse(LoadedText(f"{i}.txt", None, text, "utf-8")) for i in range(2)]
    alignment = align(documents)
    assert len(alignment.links) >= 3000
    assert all(link.sentence_a == link.sentence_b for link in alignment.links[:3000:100])
