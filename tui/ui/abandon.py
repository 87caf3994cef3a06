"""Long work the user may walk away from: run it where quitting need not wait.

Used by the alignment and export workers; see :func:`abandoned_on_cancel`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual.worker import get_current_worker

T = TypeVar("T")


class Cancelled(Exception):
    """The worker was cancelled (the app quits): stop, post nothing."""


def abandoned_on_cancel(make: Callable[[], T], name: str = "align") -> T:
    """``make()`` in a daemon thread, waited for by the calling thread worker
    until it is done or the worker is cancelled.

    Textual's thread workers run in asyncio's default executor, which the app
    waits for as it exits: an alignment of large sources kept ``q`` waiting
    until it was done. Cancelled (the app cancels its workers as it exits),
    the worker returns at once; the aligner stops at its next progress report
    (which raises :class:`Cancelled`), and as a daemon thread never holds up
    the process meanwhile.
    """
    worker = get_current_worker()
    done = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(make())
        except BaseException as error:  # handed to the worker thread
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    while not done.wait(0.05):
        if worker.is_cancelled:
            raise Cancelled
    if failure:
        raise failure[0]
    return outcome[0]
