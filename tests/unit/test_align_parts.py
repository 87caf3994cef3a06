"""The aligner's parts: meaning vectors, clauses, quotes, chance, structure, fallback."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.align.aligner
from tui.align import align, score, select
from tui.align.candidates import build_corpus
from tui.align.clauses import split_clauses
from tui.align.embedding import load_model, model_directory, sentence_vectors
from tui.align.scoring import chance_cosine, quote_shingles
from tui.align.tokens import fold
from tui.ingest.document import analyse
from tui.ingest.loading import LoadedText


def documents(*texts: str):
    return [analyse(LoadedText(f"{i}.txt", None, t, "utf-8")) for i, t in enumerate(texts)]


def test_the_model_ships_with_the_package_and_loads_offline() -> None:
    assert model_directory() is not None
    model = load_model()
    assert model is not None
    assert model.dimensions == 256
    assert load_model() is model  # loaded once per process


def test_paraphrases_are_closer_in_meaning_than_unrelated_sentences() -> None:
    docs = documents(
        "Conservation groups celebrated the decision.\nStock markets fell sharply on Monday.",
        "Environmental groups applauded the reversal.",
    )
    corpus = build_corpus(docs)
    model = load_model()
    assert model is not None
    _, _, vectors = sentence_vectors(model, corpus.counts, corpus.surface)
    paraphrase = float(vectors[0] @ vectors[2])
    unrelated = float(vectors[1] @ vectors[2])
    assert paraphrase > unrelated + 0.2


def test_stems_and_spellings_meet() -> None:
    assert fold("apologizes") == fold("apologize")
    assert fold("demanded") == fold("demands")
    assert fold("denuclearization") == fold("denuclearisation")
    assert fold("adviser") == fold("advisor")
    assert fold("2018") == "2018"


def test_long_sentences_are_cut_into_clauses() -> None:
    text = (
        "And Jonah riseth to flee to Tarshish from the face of Jehovah; and goeth down to "
        "Joppa, and findeth a ship going to Tarshish: and he giveth its fare."
    )
    clauses = split_clauses(text)
    assert len(clauses) == 3
    assert clauses[0].startswith("And Jonah riseth")
    assert split_clauses("A short sentence.") == ["A short sentence."]
    # A piece too short to stand alone joins its neighbour.
    assert len(split_clauses("He said: yes; and then he went home to his family that night.")) == 1


def test_quoted_runs_are_found_in_every_kind_of_quotation_mark() -> None:
    assert "maritime industry must" in quote_shingles(
        'He wrote that "the maritime industry must do more".'
    )
    assert "maritime industry must" in quote_shingles(
        "He wrote that “the maritime industry must do more”."
    )
    assert quote_shingles("Nothing quoted here at all, it's plain.") == frozenset()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 2), min_size=2, max_size=30), st.integers(0, 2**31))
def test_chance_is_the_mean_cosine_of_cross_source_pairs(sources: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(len(sources), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    source = np.asarray(sources)
    cross = [
        float(vectors[i] @ vectors[j])
        for i in range(len(sources))
        for j in range(i + 1, len(sources))
        if sources[i] != sources[j]
    ]
    expected = float(np.clip(np.mean(cross), 0.0, 0.9)) if cross else 0.0
    assert chance_cosine(vectors, source) == pytest.approx(expected, abs=1e-4)


def test_one_long_sentence_links_the_short_ones_it_tells() -> None:
    long = (
        "The treasury imposed sanctions on two Chinese shipping firms on Thursday; "
        "on Friday the president withdrew them in a message on Twitter."
    )
    short = (
        "The treasury imposed sanctions on two Chinese shipping firms on Thursday.\n"
        "On Friday the president withdrew them in a message on Twitter."
    )
    alignment = align(documents(long, short))
    linked = {(link.a, link.b) for link in alignment.links}
    assert ((0, 0), (1, 0)) in linked
    assert ((0, 0), (1, 1)) in linked


def test_without_the_model_alignment_still_works_on_words(monkeypatch) -> None:
    monkeypatch.setattr(tui.align.aligner, "load_model", lambda: None)
    docs = documents(
        "Bolton described the sanctions as important.\nThe weather was fine.",
        "John Bolton called the sanctions important.",
    )
    alignment = align(docs)
    assert {(link.a, link.b) for link in alignment.links} == {((0, 0), (1, 0))}


def test_selection_again_at_another_threshold_needs_no_scoring(news_paths) -> None:
    from tui.pipeline import load_documents

    docs = load_documents(news_paths)
    scored = score(docs)
    loose = select(docs, scored, 25)
    strict = select(docs, scored, 60)
    assert len(strict.links) < len(loose.links)
    assert all(link.score >= 60 for link in strict.links)
    assert strict.scored is scored


def test_a_sentence_repeated_many_times_is_linked_a_bounded_number_of_times() -> None:
    from tui.align.candidates import MAX_COPIES

    text = "Hi. " * (MAX_COPIES * 4)
    # One "Hi." more: not copies of each other (copies are linked by identity).
    alignment = align(documents(text, text + "Hi."))
    assert 0 < len(alignment.links) <= 2 * MAX_COPIES  # not one link per copy (200)
    assert any("repeated more than" in note for note in alignment.notes)


def test_very_many_sentences_are_aligned_by_words_alone_and_say_so(monkeypatch) -> None:
    monkeypatch.setattr(tui.align.aligner, "MEANING_SENTENCES", 5)
    docs = documents(
        "Bolton described the sanctions as important.\nThe weather was fine.\nA third one.",
        "John Bolton called the sanctions important.\nIt rained.\nAnd more.",
    )
    alignment = align(docs)
    assert ((0, 0), (1, 0)) in {(link.a, link.b) for link in alignment.links}
    assert any("by words alone" in note for note in alignment.notes)
