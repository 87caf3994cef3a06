"""Stories on local worker processes: ``--workers N``.

Each worker is a fresh (spawned) process that loads the embedding model once,
before its first story, and then aligns story after story. Only a few
stories per worker are in flight at a time, so neither the stories read nor
the results waiting to be written grow with the corpus. Workers ignore
Ctrl+C: the parent takes it, stops them and leaves the part files complete.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from tui.batch.inputs import StorySpec
from tui.batch.story import StoryResult, WorkerDied, process_story, warm_up

IN_FLIGHT_PER_WORKER = 3


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def run_in_pool(
    stories: Iterator[StorySpec], workers: int, threshold: float, keep_boilerplate: bool
) -> Generator[StoryResult, None, None]:
    """Each story's result as it comes (not in input order)."""
    context = multiprocessing.get_context("spawn")
    others = set(multiprocessing.active_children())  # not ours to stop
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
    pending: set[Future[StoryResult]] = set()
    finished = False
    try:
        for story in stories:
            pending.add(executor.submit(process_story, story, threshold, keep_boilerplate))
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
