"""Waiting in Pilot tests for the state a test checks, never for a count of pauses.

Why: on a busy machine (CI, two cores shared) a worker, a resync scheduled
with ``call_after_refresh`` or a command palette search can take longer than
any fixed number of ``pilot.pause()`` calls; a test that counts pauses then
fails by chance. ``settled`` waits until the app has nothing left to do;
``until`` waits for one condition. Both are bounded, and say what they waited
for when the bound is reached.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Collection

from textual.pilot import Pilot
from textual.worker import Worker, WorkerState

BOUND = 60.0
"""Seconds before a wait gives up: far above any honest wait, even under load."""


def _busy(pilot: Pilot, ignoring: Collection[str] = ()) -> list[Worker]:
    """The workers still to finish, but those of the ``ignoring`` groups."""
    return [
        worker
        for worker in pilot.app.workers
        if worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        and worker.group not in ignoring
    ]


async def settled(pilot: Pilot, bound: float = BOUND, ignoring: Collection[str] = ()) -> None:
    """Wait until every worker is done, the messages and refreshes they caused
    have been handled and no pane waits to line up again: twice in a row,
    after the app went idle (a worker's result often starts the next step).

    ``ignoring``: worker groups not waited for, e.g. a search the test holds
    at a gate it opens only later (waiting for it would wait for ever)."""
    deadline = time.monotonic() + bound
    quiet = 0
    while quiet < 2:
        busy = _busy(pilot, ignoring)
        if time.monotonic() > deadline:
            running = [w.name for w in busy if w.state == WorkerState.RUNNING]
            raise AssertionError(f"the app did not settle in {bound:.0f} s: {running}")
        if busy:
            left = max(0.1, deadline - time.monotonic())
            with contextlib.suppress(TimeoutError):  # said above, on the next turn
                await asyncio.wait_for(pilot.app.workers.wait_for_complete(busy), left)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        quiet = 0 if _busy(pilot, ignoring) else quiet + 1


async def until(
    pilot: Pilot, condition: Callable[[], bool], what: str, bound: float = BOUND
) -> None:
    """Wait (letting the app run) until ``condition()`` holds; fail naming ``what``."""
    deadline = time.monotonic() + bound
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {bound:.0f} s for {what}")
        await pilot.pause(0.02)
