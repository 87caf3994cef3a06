"""Stories on local worker processes: ``--workers N``.

Each worker is a fresh (spawned) process that loads the embedding model once,
before its first story, and then aligns story after story. Only a few
stories per worker are in flight at a time, so neither the stories read nor
the results waiting to be written grow with the corpus. Workers ignore
Ctrl+C: the parent takes it, stops them and leaves the part files complete.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from tui.batch.inputs import StorySpec
from tui.batch.story import StoryResult, WorkerDied, process_story, warm_up

IN_FLIGHT_PER_WORKER = 3


ORPHAN_CHECK = 0.5
"""Seconds between a worker's looks at whether its parent is still there."""


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()
    warm_up()


def _end_with_parent() -> None:
    """A worker ends when the run that started it does, however it ends (a
    ``kill -9`` of the parent left three workers and 323 MB for minutes): a
    daemon thread sees the parent gone (the worker handed to another) and
    leaves at once. Its story is abandoned; its part files are only ever
    renamed into place by the parent, so none is left half-written."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(ORPHAN_CHECK)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def run_in_pool(
    stories: Iterator[StorySpec],
    workers: int,
    threshold: float,
    keep_boilerplate: bool,
    limit: float = 0.0,
) -> Generator[StoryResult, None, None]:
    """Each story's result as it comes (not in input order)."""
    context = multiprocessing.get_context("spawn")
    others = set(multiprocessing.active_children())  # not ours to stop
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
    pending: set[Future[StoryResult]] = set()
    finished = False
    try:
        for story in stories:
            job = executor.submit(process_story, story, threshold, keep_boilerplate, limit)
            pending.add(job)
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from map(_result, done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from map(_result, done)
        finished = True
    finally:
        if not finished:  # Ctrl+C, or the consumer stopped: the workers' stories are abandoned
            # Stop the workers first and let the executor find its pool broken:
            # it then fails every waiting future itself. Cancelling them first
            # races with that (CPython's executor raises InvalidStateError in
            # its own thread, a traceback on stderr).
            for child in set(multiprocessing.active_children()) - others:
                child.terminate()
            executor.shutdown(wait=True)
        else:
            executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[StoryResult]) -> StoryResult:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerDied(
            "a worker process stopped unexpectedly (out of memory? fewer --workers may do)"
        ) from None
