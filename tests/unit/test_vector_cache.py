"""The on-disk cache of sentence vectors: read what was made before, make only
what is missing, stay bounded, and never cost the links when the file is bad."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tui.align import vector_cache
from tui.align.vector_cache import VectorCache


class Counting:
    """A fake encoder: a vector from the text's characters, and a record of what it read."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            row = np.zeros(4, dtype=np.float32)
            for index, character in enumerate(text):
                row[index % 4] += ord(character)
            rows.append(row / np.linalg.norm(row))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 4)


def test_a_second_run_reads_every_vector_and_encodes_nothing(tmp_path: Path) -> None:
    encode = Counting()
    texts = ["The bridge reopened.", "Rain fell.", "The bridge reopened."]
    first = VectorCache("model-a", 4, tmp_path).encode(texts, encode)
    again = VectorCache("model-a", 4, tmp_path).encode(texts, encode)
    assert encode.calls == [texts[:2]]  # each text once, and never again
    np.testing.assert_array_equal(first, encode(texts))
    np.testing.assert_array_equal(again, first)


def test_only_the_new_sentences_are_encoded(tmp_path: Path) -> None:
    encode = Counting()
    cache = VectorCache("model-a", 4, tmp_path)
    cache.encode(["One.", "Two."], encode)
    result = cache.encode(["Two.", "Three.", "One."], encode)
    assert encode.calls[-1] == ["Three."]
    np.testing.assert_array_equal(result, encode(["Two.", "Three.", "One."]))


def test_another_model_never_reads_these_vectors(tmp_path: Path) -> None:
    encode = Counting()
    VectorCache("model-a", 4, tmp_path).encode(["One."], encode)
    VectorCache("model-b", 4, tmp_path).encode(["One."], encode)
    assert encode.calls == [["One."], ["One."]]


def test_the_file_stays_within_its_bound(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(vector_cache, "MAX_VECTORS", 10)
    encode = Counting()
    cache = VectorCache("model-a", 4, tmp_path)
    for batch in range(5):
        cache.encode([f"Sentence {batch}-{n}." for n in range(4)], encode)
    with sqlite3.connect(tmp_path / vector_cache.FILE_NAME) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM vectors").fetchone()
    assert count <= 10
    # The most recent are the ones kept.
    encode.calls.clear()
    cache.encode([f"Sentence 4-{n}." for n in range(4)], encode)
    assert encode.calls == []


def test_a_damaged_file_costs_nothing_but_speed(tmp_path: Path) -> None:
    (tmp_path / vector_cache.FILE_NAME).write_bytes(b"not a database" * 100)
    encode = Counting()
    cache = VectorCache("model-a", 4, tmp_path)
    result = cache.encode(["One.", "Two."], encode)
    np.testing.assert_array_equal(result, encode(["One.", "Two."]))
    assert cache.failed
    assert (tmp_path / vector_cache.FILE_NAME).read_bytes() == b"not a database" * 100


def test_a_directory_it_cannot_make_costs_nothing_but_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("mine", encoding="utf-8")
    encode = Counting()
    cache = VectorCache("model-a", 4, blocker / "cache")
    result = cache.encode(["One."], encode)
    np.testing.assert_array_equal(result, encode(["One."]))
    assert cache.failed and blocker.read_text(encoding="utf-8") == "mine"


def test_the_directory_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(vector_cache.ENV_DIR, str(tmp_path / "here"))
    assert vector_cache.cache_dir() == tmp_path / "here"
    VectorCache("model-a", 4).encode(["One."], Counting())
    assert (tmp_path / "here" / vector_cache.FILE_NAME).is_file()
