"""Links in two steps: the first scores (no encoder) at once, the encoder's pass
after. The two steps together are exactly the one-step score."""

from __future__ import annotations

import numpy as np
import pytest

from tui.align import aligner, encoder
from tui.align.aligner import refine, score, select
from tui.model import Document
from tui.pipeline import load_documents
from tui.resources import sample_files


@pytest.fixture(scope="module")
def news_documents() -> list[Document]:
    return load_documents([str(path) for path in sample_files("news")])


def test_first_scores_then_the_encoder_equal_the_one_step_score(news_documents) -> None:
    first = score(news_documents, first=True)
    assert first is not None and first.pending and not first.encoder
    final = refine(first)
    whole = score(news_documents)
    assert whole is not None and not whole.pending and whole.encoder
    assert final.encoder and not final.pending
    for name in ("rows", "cols", "scores", "features"):
        np.testing.assert_array_equal(getattr(final, name), getattr(whole, name), err_msg=name)
    # The first scores are not the final ones: the encoder changes the news links.
    assert not np.array_equal(first.scores, final.scores)
    chosen = select(news_documents, final, 50.0)
    assert chosen.links == select(news_documents, whole, 50.0).links


def test_final_scores_are_refined_as_they_are(news_documents) -> None:
    whole = score(news_documents)
    assert whole is not None and refine(whole) is whole


def test_a_book_has_no_encoder_pass_its_first_scores_are_final() -> None:
    gospels = load_documents([str(path) for path in sample_files("gospels")])
    first = score(gospels, first=True)
    assert first is not None and not first.pending


def test_without_the_encoder_the_first_scores_stay_and_a_note_says_why(
    news_documents, monkeypatch, tmp_path
) -> None:
    first = score(news_documents, first=True)
    assert first is not None
    monkeypatch.setattr(encoder, "load", lambda: None)
    monkeypatch.setattr(encoder, "problem", lambda: "its file is damaged")
    monkeypatch.setattr(encoder, "encode", _missing)
    # Nothing cached either: every vector must come from the (missing) encoder.
    monkeypatch.setenv("SYNOPTIC_CACHE_DIR", str(tmp_path))
    final = refine(first)
    np.testing.assert_array_equal(final.scores, first.scores)
    assert not final.pending and not final.encoder
    assert any("its file is damaged" in note for note in final.notes)
    assert not any("damaged" in note for note in first.notes)


def _missing(texts: object) -> np.ndarray:
    raise encoder.EncoderMissing("the sentence encoder cannot be loaded")


def test_align_in_one_step_uses_the_encoder(news_documents) -> None:
    alignment = aligner.align(news_documents)
    assert alignment.scored is not None and alignment.scored.encoder
    assert aligner.align(news_documents, first=True).scored.pending
