"""Read every source again, as it was first read, without ever losing one.

The reader's ``r`` re-reads what is open: a file with the same loader and
converter (:func:`tui.ingest.sources.load`), a URL fetched again. What
cannot or should not be read again keeps the text it had, with one line
saying why: standard input (it was read once and is gone), a pipe or FIFO
(opening it again could wait for ever), a file that is now missing,
unreadable or empty, a URL that no longer answers. A reload therefore never
raises and never leaves a source blank.
"""

from __future__ import annotations

import os
import queue
import stat
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from tui.errors import InputError
from tui.ingest.document import analyse
from tui.ingest.sources import load
from tui.ingest.urls import is_url
from tui.model import Document

MAX_PARALLEL = 8
"""Sources read (URLs fetched) side by side."""


@dataclass(frozen=True, slots=True)
class Reread:
    """One source after a reload: its document (new, or the old one kept) and why it was kept."""

    document: Document
    problem: str = ""
    """Empty when the source was read again; else one line naming it and the reason."""

    @property
    def fresh(self) -> bool:
        return not self.problem


def source_spec(document: Document) -> str | None:
    """What to read ``document`` from again: its path, its URL, or None (stdin)."""
    if document.path is not None:
        return document.path
    if is_url(document.name):
        return document.name  # the address given; redirects are followed again
    return None


def reread(document: Document, keep_boilerplate: bool = False) -> Reread:
    """``document`` read again from where it came from, or kept with the reason."""
    spec = source_spec(document)
    name = document.name
    if spec is None:
        return Reread(document, f"{name}: standard input cannot be read again; kept its text")
    if not is_url(spec):
        kind = _not_a_file(spec)
        if kind:
            return Reread(document, f"{name}: {kind} cannot be read again; kept its text")
    try:
        fresh = analyse(load(spec), keep_boilerplate)
    except InputError as error:
        return Reread(document, f"{name}: {error.problem}; kept the text read before")
    except Exception as error:  # a converter's surprise must not cost the reader
        problem = f"cannot be read again ({error})"
        return Reread(document, f"{name}: {problem}; kept the text read before")
    if not fresh.text.strip():
        return Reread(document, f"{name}: is now empty; kept the text read before")
    fresh.name = name  # as the user knows it, even if the loader names it otherwise
    return Reread(fresh)


def reread_all(documents: Sequence[Document], keep_boilerplate: bool = False) -> list[Reread]:
    """Every source read again, in order (URLs fetched side by side).

    Daemon threads, not a thread pool: Python waits for a pool's threads as it
    exits, so quitting the reader mid-fetch would wait for the fetch's timeout.
    """
    if len(documents) < 2:
        return [reread(document, keep_boilerplate) for document in documents]
    results: list[Reread | None] = [None] * len(documents)
    pending = queue.SimpleQueue[int]()
    for number in range(len(documents)):
        pending.put(number)

    def run() -> None:
        while True:
            try:
                number = pending.get_nowait()
            except queue.Empty:
                return
            results[number] = reread(documents[number], keep_boilerplate)

    threads = [
        threading.Thread(target=run, name="reread", daemon=True)
        for _ in range(min(len(documents), MAX_PARALLEL))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [result for result in results if result is not None]


def _not_a_file(path: str) -> str:
    """ "a pipe" when ``path`` is a pipe, FIFO or device (reading it again would
    wait or read nothing), else "" (a file, or missing: the loader says which)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    return "a pipe"
