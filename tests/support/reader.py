"""What the Pilot tests' fixtures (``tests/app/conftest.py``) are made of: each
set of sources scored once per process, the reader opener's type, and the
record of what an app said."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from threading import Lock
from typing import Any

from textual.pilot import Pilot

from tui.align import aligner
from tui.model import Document

_scored: dict[tuple[object, ...], aligner.ScoredPairs | None] = {}
_scoring = Lock()
_real_score = aligner.score


def _key(documents: Sequence[Document]) -> tuple[object, ...]:
    """Everything of the documents that scoring reads (their text and its parts)."""
    return tuple(
        (d.name, d.text, tuple(d.sentences), tuple(d.boilerplate), tuple(d.paragraphs))
        for d in documents
    )


def score_once(
    documents: Sequence[Document], report: Any = None, model: Any = None, *, first: bool = False
) -> aligner.ScoredPairs | None:
    """``aligner.score``, remembered for the same documents and the shipped model
    (the first scores and the final ones apart: the reader asks for the first)."""
    if model is not None:
        return _real_score(documents, report, model, first=first)
    key = (_key(documents), first)
    with _scoring:
        if key in _scored:
            return _scored[key]
    scored = _real_score(documents, report, first=first)
    with _scoring:
        return _scored.setdefault(key, scored)


Opener = Callable[..., AbstractAsyncContextManager[Pilot[Any]]]


class Said:
    """The notices shown, in order, as (message, severity); read like the list
    of their messages (``"Wrote" in said`` looks inside each message)."""

    def __init__(self, notes: list[tuple[str, str]] | None = None, start: int = 0) -> None:
        self._all = [] if notes is None else notes
        self._start = start

    def record(self, message: str, severity: str) -> None:
        self._all.append((message, severity))

    def from_now(self) -> Said:
        """The notices shown after this moment (a live view)."""
        return Said(self._all, len(self._all))

    @property
    def messages(self) -> list[str]:
        return [message for message, _ in self._all[self._start :]]

    @property
    def warnings(self) -> list[str]:
        return [m for m, severity in self._all[self._start :] if severity == "warning"]

    def count(self, fragment: str) -> int:
        return sum(fragment in message for message in self.messages)

    def __contains__(self, fragment: object) -> bool:
        return any(str(fragment) in message for message in self.messages)

    def __getitem__(self, index: int) -> str:
        return self.messages[index]

    def __len__(self) -> int:
        return len(self.messages)

    def __iter__(self) -> Iterator[str]:
        return iter(self.messages)

    def __eq__(self, other: object) -> bool:
        return self.messages == other if isinstance(other, list) else NotImplemented

    def __repr__(self) -> str:
        return f"Said({self.messages!r})"
