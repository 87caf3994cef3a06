"""Static word embeddings, offline: the semantic half of the aligner's score.

Lexical overlap cannot see that "celebrated" and "applauded", or "unclear" and
"not immediately clear", say the same thing. A static embedding can, cheaply:
each token has one fixed vector, so a sentence's vector is a weighted mean of
its words' vectors, with no neural network to run.

The vectors are WordLlama's ``l2_supercat_256`` (MIT licence; 32,000 tokens x
256 dimensions, 16 MB, shipped inside the ``wordllama`` wheel; the token table
is derived from Llama-family models, see benchmarks/README.md for the terms
and the measurements behind the choice). We read its two files directly, with
``tokenizers`` and ``safetensors``, instead of importing ``wordllama``: its
package import pulls in pydantic and requests and costs 0.4 s of start-up,
for nothing we use. Nothing is downloaded at run time.

Why words, not sentences: the tokenizer never merges across a space, so a
sentence's tokens are its words' tokens. Each distinct word of the whole
comparison is therefore tokenized once, and a sentence vector is a sparse
(sentence x word) matrix times the word vectors: one product instead of
tokenizing and pooling every sentence. Words are weighted by their inverse
sentence frequency (a SIF-style mean), so "said" and "the" do not drown the
words that carry the meaning.

If the model files are missing (a broken install), :func:`load_model` returns
None and the aligner runs on lexical evidence alone, saying so.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

MODEL_PACKAGE = "wordllama"
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
WEIGHTS_KEY = "embedding.weight"
ENCODE_BATCH = 8192


@dataclass(frozen=True, slots=True)
class EmbeddingModel:
    """A token table and the tokenizer that indexes it."""

    tokenizer: object
    """A ``tokenizers.Tokenizer`` (typed loosely: the import is lazy)."""
    table: np.ndarray
    """Token vectors as shipped (float16), one row per token id: only the rows
    a product uses are widened to float32 (:meth:`times_table`). Widening all
    32,000 took 0.16 s of every cold start, for the few thousand a comparison
    of news articles reads."""

    @property
    def dimensions(self) -> int:
        return int(self.table.shape[1])

    def word_tokens(self, words: list[str]) -> sparse.csr_matrix:
        """A (word x token) matrix: row w holds 1/n for each of word w's n tokens.

        Times the token table it gives every word's mean token vector; times
        a (sentence x word) count matrix first, it pools whole sentences
        without ever holding a vector per word (a large comparison has
        hundreds of thousands of distinct words).
        """
        shape = (len(words), len(self.table))
        if not words:
            return sparse.csr_matrix(shape, dtype=np.float32)
        # In batches: an Encoding object holds tokens, offsets and masks too,
        # about a kilobyte a word; only the ids are kept.
        ids: list[list[int]] = []
        for begin in range(0, len(words), ENCODE_BATCH):
            batch = words[begin : begin + ENCODE_BATCH]
            encodings = self.tokenizer.encode_batch(batch, add_special_tokens=False)  # type: ignore[attr-defined]
            ids.extend(encoding.ids for encoding in encodings)
        counts = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter(
            (token for row in ids for token in row), dtype=np.int64, count=int(counts.sum())
        )
        flat = np.clip(flat, 0, self.table.shape[0] - 1)
        rows = np.repeat(np.arange(len(words)), counts)
        share = np.repeat(1.0 / np.maximum(counts, 1), counts).astype(np.float32)
        return sparse.csr_matrix((share, (rows, flat)), shape=shape)

    def word_vectors(self, words: list[str]) -> np.ndarray:
        """The mean token vector of each word (zeros for a word with no tokens);
        ``tui.align.why`` says how alike two linked sentences are with it."""
        return self.times_table(self.word_tokens(words))

    def pool(self, counts: sparse.spmatrix, word_tokens: sparse.csr_matrix) -> np.ndarray:
        """Sums of word vectors per row of a (unit x word) count matrix."""
        return self.times_table(sparse.csr_matrix(counts) @ word_tokens)

    def times_table(self, matrix: sparse.spmatrix) -> np.ndarray:
        """``matrix @ table`` in float32 (a row per row of ``matrix``), reading
        only the token rows ``matrix`` uses: the same products, in the same order,
        as with the whole table widened."""
        matrix = sparse.csr_matrix(matrix)
        used, columns = np.unique(matrix.indices, return_inverse=True)
        compact = sparse.csr_matrix(
            (matrix.data, columns.astype(np.int64), matrix.indptr),
            shape=(matrix.shape[0], len(used)),
        )
        return np.asarray(compact @ self.table[used].astype(np.float32), dtype=np.float32)


_lock = threading.Lock()
_cache: dict[str, EmbeddingModel | None] = {}


def model_directory() -> Path | None:
    """Where the model package is installed, found without importing it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def load_model() -> EmbeddingModel | None:
    """The shipped model, loaded once per process; None when it is not installed."""
    with _lock:
        if MODEL_PACKAGE not in _cache:
            _cache[MODEL_PACKAGE] = _load()
        return _cache[MODEL_PACKAGE]


def _load() -> EmbeddingModel | None:
    directory = model_directory()
    if directory is None:
        return None
    tokenizer_path = directory / TOKENIZER_FILE
    weights_path = directory / WEIGHTS_FILE
    if not tokenizer_path.is_file() or not weights_path.is_file():
        return None
    try:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        table = load_file(str(weights_path))[WEIGHTS_KEY]
    except (OSError, ValueError, KeyError, ImportError, Exception):
        # A damaged install must not stop the reader: lexical alignment still works.
        return None
    return EmbeddingModel(tokenizer, table)


def sentence_vectors(
    model: EmbeddingModel, counts: sparse.spmatrix, words: list[str]
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Word tokens, pooled and unit-length vectors of sentences.

    ``counts`` is a (sentence x word) sparse count matrix whose columns are
    ``words``; every occurrence of a word counts the same (weighting by
    rarity measured worse, benchmarks/README.md). The pooled (unnormalised)
    sums let two sentences be joined into one unit by adding them; the word
    tokens let parts of sentences be pooled later. A sentence with no known
    word gets a zero vector.
    """
    tokens = model.word_tokens(words)
    pooled = model.pool(counts, tokens)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    unit = np.divide(pooled, norms, out=np.zeros_like(pooled), where=norms > 0)
    return tokens, pooled, unit
