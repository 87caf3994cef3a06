"""Sentence vectors kept on disk between runs: a reload or a reopen encodes nothing.

The transformer encoder (``tui.align.encoder``) costs about half a second for
three news articles on two cores, and it gives the same vector for the same
text every time. So each vector it makes is kept in a small SQLite file in the
user's cache directory (``platformdirs.user_cache_dir("synoptic")``, or
``$SYNOPTIC_CACHE_DIR``), keyed by the model's pinned digest and the exact
text: a new model version never reads an old vector, and an edited sentence
is a new key. Reading the sources again (``r``), opening the same articles
tomorrow, or a corpus of stories that share their wire copy, encode only the
sentences never seen before.

Bounded: at most :data:`MAX_VECTORS` vectors (about 32 MB); beyond it the
least recently used are dropped. The file is ours, not the user's: when it
cannot be opened, read or written (a read-only home, a full disk, a damaged
file) the cache is simply not used, and the links are the same, only slower.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ENV_DIR = "SYNOPTIC_CACHE_DIR"
FILE_NAME = "vectors.sqlite3"
MAX_VECTORS = 20_000
"""About 32 MB of float32 vectors of 384 dimensions (1.5 KB each, with keys)."""
KEEP_AFTER_TRIM = 0.9
"""A trim keeps this share of :data:`MAX_VECTORS` (the most recently used), so
that not every new vector past the bound costs a trim of its own."""
CHUNK = 500
"""Keys per ``IN (...)`` query (SQLite allows at least 999 parameters)."""
TIMEOUT = 2.0
"""Seconds to wait for another process's write (corpus workers share the file)."""

Encode = Callable[[Sequence[str]], np.ndarray]


def cache_dir() -> Path:
    """Where the cache lives: ``$SYNOPTIC_CACHE_DIR`` or the platform's cache directory."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("synoptic", appauthor=False))


class VectorCache:
    """Vectors of one model, by text, in one SQLite file (see the module's docstring)."""

    def __init__(self, model: str, dimensions: int, directory: Path | None = None) -> None:
        """``model``: what names the model (its file's digest); vectors of another
        model are never read."""
        self.model = model
        self.dimensions = dimensions
        self.path = (directory or cache_dir()) / FILE_NAME
        self.failed = False
        """Set when the file could not be used: the rest of the run goes without."""

    def key(self, text: str) -> bytes:
        """16 bytes naming (model, text)."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self.model.encode("ascii"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=TIMEOUT, isolation_level=None)
        connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors "
            "(key BLOB PRIMARY KEY, vector BLOB NOT NULL, used REAL NOT NULL)"
        )
        return connection

    def encode(self, texts: Sequence[str], encode: Encode) -> np.ndarray:
        """Vectors of ``texts`` (n x dimensions, float32): those on file read, the
        others made by ``encode`` (called once, with the missing texts only) and
        kept for next time."""
        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return result
        keys = [self.key(text) for text in texts]
        found = self._read(keys)
        missing = [index for index, key in enumerate(keys) if key not in found]
        for index, key in enumerate(keys):
            vector = found.get(key)
            if vector is not None:
                result[index] = vector
        if missing:
            # Each distinct text once (a copied paragraph, a repeated headline).
            first: dict[bytes, int] = {}
            for index in missing:
                first.setdefault(keys[index], index)
            wanted = list(first.values())
            made = np.asarray(encode([texts[index] for index in wanted]), dtype=np.float32)
            row = {keys[index]: number for number, index in enumerate(wanted)}
            result[missing] = made[[row[keys[index]] for index in missing]]
            self._write([keys[index] for index in wanted], made)
        return result

    def _read(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        if self.failed or not self.path.is_file():
            return {}
        found: dict[bytes, np.ndarray] = {}
        size = self.dimensions * 4
        try:
            with self._session() as connection:
                unique = list(dict.fromkeys(keys))
                for begin in range(0, len(unique), CHUNK):
                    chunk = unique[begin : begin + CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = connection.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
                    ).fetchall()
                    for key, blob in rows:
                        if isinstance(blob, bytes) and len(blob) == size:
                            found[key] = np.frombuffer(blob, dtype=np.float32)
                if found:
                    now = time.time()
                    connection.executemany(
                        "UPDATE vectors SET used = ? WHERE key = ?", [(now, key) for key in found]
                    )
        except (sqlite3.Error, OSError):
            self.failed = True
            return {}
        return found

    def _write(self, keys: list[bytes], vectors: np.ndarray) -> None:
        if self.failed:
            return
        now = time.time()
        rows = [
            (key, np.ascontiguousarray(vector, dtype=np.float32).tobytes(), now)
            for key, vector in zip(keys, vectors, strict=True)
        ]
        try:
            with self._session() as connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO vectors (key, vector, used) VALUES (?, ?, ?)", rows
                )
                (count,) = connection.execute("SELECT COUNT(*) FROM vectors").fetchone()
                if count > MAX_VECTORS:
                    keep = int(MAX_VECTORS * KEEP_AFTER_TRIM)
                    connection.execute(
                        "DELETE FROM vectors WHERE key NOT IN "
                        "(SELECT key FROM vectors ORDER BY used DESC LIMIT ?)",
                        (keep,),
                    )
        except (sqlite3.Error, OSError):
            self.failed = True

    @contextmanager
    def _session(self) -> Iterator[sqlite3.Connection]:
        """One connection and one transaction: committed on success, rolled back
        on error, closed either way (a connection's own ``with`` does not close)."""
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()
