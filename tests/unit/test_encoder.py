"""The numpy MiniLM encoder: close to sentence-transformers, batched without
drift, in every install (its weights are a declared dependency).

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


def test_the_pinned_model_is_installed_and_loads() -> None:
    """A declared dependency: every install has it (no skip when it is missing)."""
    path = encoder.model_file()
    assert path is not None and encoder.available()
    assert encoder.file_digest(path) == encoder.MODEL_SHA256
    assert encoder.load() is not None and encoder.problem() is None


def test_vectors_match_the_sentence_transformers_reference() -> None:
    """The int8 weights, dequantized, against the float32 model's own vectors:
    every sentence within cosine 0.995, on average 0.999."""
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = encoder.encode(reference["sentences"])
    expected = np.asarray(reference["vectors"], dtype=np.float32)
    assert vectors.shape == expected.shape == (len(reference["sentences"]), encoder.DIMENSIONS)
    cosines = np.einsum("ij,ij->i", vectors, expected) / np.linalg.norm(expected, axis=1)
    assert cosines.min() >= 0.995 and cosines.mean() >= 0.999, cosines


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


def test_long_sentences_are_cut_at_128_tokens_and_empty_input_is_empty() -> None:
    model = encoder.load()
    assert model is not None
    assert max(map(len, model.token_ids(["word " * 500]))) == encoder.MAX_TOKENS
    assert encoder.encode([]).shape == (0, encoder.DIMENSIONS)


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
    assert encoder.problem() == "no-such-minilm-package is not installed"
    with pytest.raises(RuntimeError, match="not installed"):
        encoder.encode(["anything"])


@pytest.mark.parametrize(
    "content",
    [b"", b"\x08\x07" + b"\x00" * 100, b"\x3a\xff\xff\xff\xff\x0f" + b"x" * 50],
    ids=["empty", "no-graph", "runs-past-the-end"],
)
def test_a_damaged_model_file_gives_none_and_says_why_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: bytes
) -> None:
    model = tmp_path / "model.onnx"
    model.write_bytes(content)
    monkeypatch.setattr(encoder, "model_file", lambda: model)
    monkeypatch.setattr(encoder, "MODEL_BYTES", len(content))
    monkeypatch.setattr(encoder, "_cache", {})
    monkeypatch.setattr(encoder, "_problems", {})
    assert encoder.load() is None
    assert encoder.problem()


def test_a_model_file_of_another_size_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = tmp_path / "model.onnx"
    model.write_bytes(b"\x00" * 10)
    monkeypatch.setattr(encoder, "model_file", lambda: model)
    monkeypatch.setattr(encoder, "_cache", {})
    monkeypatch.setattr(encoder, "_problems", {})
    assert encoder.load() is None
    assert "not the 22928619 pinned" in (encoder.problem() or "")
