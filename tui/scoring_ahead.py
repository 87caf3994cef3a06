"""Scoring ahead: the reader's sources scored in a child process while the
reader's own process starts its screen.

Why: on a two-core machine the reader's process spends its first second on
Textual (importing it, building and drawing the screen) and the aligner
needs most of a second of its own (numpy, scipy, the static vectors, then
the transformer encoder). In one process they take turns on one core, the
interpreter's lock shared; two processes use both cores. So ``synoptic``
forks before it imports Textual: the child reads the same local files,
scores them (the first scores, then the encoder's), sends each result down a
pipe and exits. The reader's alignment worker takes them from the pipe
instead of scoring (:meth:`ScoringAhead.first`, :meth:`ScoringAhead.final`),
after checking the child read the very text the reader shows (a digest of
the documents); anything amiss, and the worker scores in its own thread as
it always could.

Only for local files (a URL would be fetched twice, standard input read
once), only where ``os.fork`` exists, and only for the reader's first
alignment: a reload or a threshold change never waits for a child.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import select
import signal
import struct
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.model import Document

if TYPE_CHECKING:
    from tui.align import ScoredPairs

ENV_SWITCH = "SYNOPTIC_SCORE_AHEAD"
HEADER = struct.Struct("!Q")
"""Each message: its length, then a pickle of ``(kind, digest, payload)``."""
WAIT = 120.0
"""Seconds the reader waits for a child's result before scoring on its own."""
NICENESS = 10
"""How much lower the child's priority is than the reader's."""
POLL = 0.05
"""How often a waiting worker looks whether it was cancelled (``q``)."""

Cancelled = Callable[[], bool]


def documents_digest(documents: Sequence[Document]) -> str:
    """What scoring reads of the documents (names, text and its parts), hashed:
    equal digests, equal scores."""
    parts = [
        (d.name, d.text, list(d.sentences), list(d.boilerplate), list(d.paragraphs))
        for d in documents
    ]
    return hashlib.sha256(pickle.dumps(parts, protocol=5)).hexdigest()


def can_score_ahead(specs: Sequence[str]) -> bool:
    """Two local files or more, on a system that forks (not Windows), unless
    ``SYNOPTIC_SCORE_AHEAD=0`` (everything in the reader's process, as before)."""
    if os.environ.get(ENV_SWITCH, "1") == "0" or not hasattr(os, "fork"):
        return False
    return len(specs) > 1 and all(_local(spec) for spec in specs)


def _local(spec: str) -> bool:
    return spec != "-" and "://" not in spec and os.path.isfile(spec)


class ScoringAhead:
    """The parent's end of one child that scores the reader's sources."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid = pid
        self._reader = reader
        self._buffer = b""
        self._results: dict[str, tuple[str, Any]] = {}
        self._closed = False
        self._closing = threading.Lock()
        """The worker and the quitting reader may both close: the pipe once."""

    @classmethod
    def start(cls, specs: Sequence[str], keep_boilerplate: bool) -> ScoringAhead | None:
        """Fork the child (None when this system or these sources cannot)."""
        if not can_score_ahead(specs):
            return None
        try:
            reader, writer = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: never returns
            os.close(reader)
            _child(list(specs), keep_boilerplate, writer)
        os.close(writer)
        return cls(pid, reader)

    def first(self, documents: Sequence[Document], cancelled: Cancelled) -> ScoredPairs | None:
        """The first scores of ``documents`` (None: the child could not give them)."""
        return self._take("first", documents, cancelled)

    def final(self, documents: Sequence[Document], cancelled: Cancelled) -> ScoredPairs | None:
        """The final scores (the encoder's pass in), after :meth:`first`."""
        return self._take("final", documents, cancelled)

    def _take(
        self, kind: str, documents: Sequence[Document], cancelled: Cancelled
    ) -> ScoredPairs | None:
        deadline = time.monotonic() + WAIT
        while kind not in self._results and "failed" not in self._results:
            if self._closed or time.monotonic() > deadline:
                return None
            if cancelled():
                self.close()
                return None
            self._read_some()
        found = self._results.get(kind)
        if found is None or found[0] != documents_digest(documents):
            return None
        return found[1]  # type: ignore[no-any-return]

    def _read_some(self) -> None:
        """Read what the pipe holds within ``POLL`` seconds; unpack whole messages.

        Under the closing lock: the descriptor is never read after it is closed
        (its number could belong to another file by then)."""
        with self._closing:
            if self._closed:
                return
            try:
                ready, _, _ = select.select([self._reader], [], [], POLL)
                chunk = os.read(self._reader, 1 << 20) if ready else None
            except OSError:
                chunk = b""
        if chunk is None:
            return
        if not chunk:  # the child is gone
            self.close()
            return
        self._buffer += chunk
        while len(self._buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self._buffer)
            if len(self._buffer) < HEADER.size + size:
                break
            body = self._buffer[HEADER.size : HEADER.size + size]
            self._buffer = self._buffer[HEADER.size + size :]
            try:
                kind, digest, payload = pickle.loads(body)
            except Exception:  # a message we cannot read: score on our own
                self._results["failed"] = ("", None)
                continue
            self._results[kind] = (digest, payload)

    def close(self) -> None:
        """Stop the child (if still at work) and reap it; safe to call again,
        from any thread."""
        with self._closing:
            if self._closed:
                return
            self._closed = True
            for step in (
                lambda: os.close(self._reader),
                lambda: os.kill(self.pid, signal.SIGKILL),
                lambda: os.waitpid(self.pid, 0),
            ):
                with contextlib.suppress(OSError):
                    step()


def _child(specs: list[str], keep_boilerplate: bool, writer: int) -> None:
    """Score and send; leave at once, whatever happens (never run the parent's code)."""
    try:
        _quiet()
        from tui.align import refine, score
        from tui.pipeline import load_documents

        documents = load_documents(specs, keep_boilerplate)
        digest = documents_digest(documents)
        # One thing at a time: an encoder started beside the first scores
        # (in a thread, to fill its cache) took the interpreter's lock from
        # them, first scores 0.20 s instead of 0.13 s on the news sample, and
        # the final ones came no sooner.
        scored = score(documents, first=True)
        _send(writer, "first", digest, _portable(scored))
        if scored is not None and scored.pending:
            _send(writer, "final", digest, _portable(refine(scored)))
    except BaseException as error:  # the reader scores on its own
        with contextlib.suppress(BaseException):
            _send(writer, "failed", "", str(error))
    finally:
        os._exit(0)


def _quiet() -> None:
    """The child writes nothing to the terminal the reader draws on, a Ctrl+C
    meant for the reader is not its business, and it yields the processor to
    the reader's own process (which draws the screen) whenever both want it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    # One core for the child: the reader's process draws on the other (with
    # two BLAS threads the encoder took both, and the first screen came later).
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    null = os.open(os.devnull, os.O_RDWR)
    for number in (0, 1, 2):
        os.dup2(null, number)
    os.close(null)


def _portable(scored: ScoredPairs | None) -> ScoredPairs | None:
    """Scores as they can cross processes: without the corpus the encoder's
    pass reads (its models hold tokenizers, which do not pickle)."""
    return None if scored is None else replace(scored, refinement=None)


def _send(writer: int, kind: str, digest: str, payload: object) -> None:
    body = pickle.dumps((kind, digest, payload), protocol=pickle.HIGHEST_PROTOCOL)
    data = HEADER.pack(len(body)) + body
    while data:
        written = os.write(writer, data)
        data = data[written:]
