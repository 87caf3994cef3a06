"""Corrections that last for one session: the store a served reader uses.

``synoptic --serve`` runs a reader for every visitor of the page, on the
owner's machine, as the owner. A visitor must not change the owner's files,
so a served reader starts from the owner's corrections (read once, never
written) and keeps the links its visitor makes or cuts in memory: they
apply, undo and redo and survive a reload as usual, and end with the tab.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from tui.corrections.store import Correction, CorrectionStore, CorruptStore, pruned


class SessionStore(CorrectionStore):
    """A :class:`CorrectionStore` that reads the corrections file once and never writes.

    ``kept`` is what the reader says after each correction: where it went.
    """

    kept = "this session only"

    def __init__(self, directory: Path | str | None = None) -> None:
        super().__init__(directory)
        self._memory: list[Correction] | None = None
        self._guard = threading.Lock()
        """Corrections run in a worker thread while the alignment worker may read."""

    def load(self) -> list[Correction]:
        """The owner's stored corrections, then this session's changes to them.

        An unreadable file is said once (as :class:`CorruptStore`, as the
        ordinary store says it); the session then starts from no corrections.
        """
        with self._guard:
            if self._memory is None:
                try:
                    self._memory = super().load()
                except CorruptStore:
                    self._memory = []
                    raise
            return list(self._memory)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """No file lock and no folder made: nothing is written."""
        yield

    def _save(self, corrections: list[Correction]) -> None:
        with self._guard:
            self._memory = pruned(corrections)
