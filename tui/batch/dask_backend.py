"""Stories on a Dask distributed cluster: ``--scheduler tcp://HOST:PORT``.

The stories are submitted as ordinary Dask tasks (``Client.submit``), a few
per worker thread at a time, and their rows come back to this process, which
writes the part files: workers need Synoptic installed, not the output
folder. Each worker process loads the embedding model once (it is cached
for the process's life; ``Client.run`` warms every worker up front). Dask is
an extra: without it, ``--scheduler`` says what to install.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Iterator
from typing import Any

from tui.batch.inputs import StorySpec
from tui.batch.story import (
    StoryFailure,
    StoryResult,
    StoryRows,
    WorkerDied,
    process_story,
    warm_up,
)
from tui.errors import InputError

IN_FLIGHT_PER_THREAD = 3
CONNECT_SECONDS = 10
POLL_SECONDS = 0.05
"""How often a wait for a story's result looks whether one is ready."""
GRACE_SECONDS = 2
"""Beyond Dask's own connect timeout, before the attempt is given up."""
INSTALL_HINT = "needs Dask: pip install 'synoptic[dask]'"


def connect(address: str) -> Any:
    """A client of the scheduler at ``address``; one line when there is none."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler", INSTALL_HINT) from None
    from distributed.comm.addressing import resolve_address

    try:  # before any Client exists: a half-made one spent 20 s closing at exit
        resolve_address(address)
    except (ValueError, OSError) as error:
        raise InputError(
            address, f"is not a Dask scheduler address ({_first_line(error)})"
        ) from None
    # Dask's own timeout does not cover a listener that accepts and never
    # answers (or an HTTP server): the attempt runs in a daemon thread and is
    # given up at our own deadline.
    found: dict[str, Any] = {}

    def attempt() -> None:
        try:
            found["client"] = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except BaseException as error:  # reported below, on the calling thread
            found["error"] = error

    thread = threading.Thread(target=attempt, name="dask-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_SECONDS + GRACE_SECONDS)
    if thread.is_alive():
        raise InputError(address, f"no Dask scheduler answered there in {CONNECT_SECONDS} s")
    if "error" in found:  # OSError, TimeoutError, ValueError for a bad address
        detail = _first_line(found["error"])
        raise InputError(address, f"no Dask scheduler answers there ({detail})")
    client = found["client"]
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except Exception:
        client.close()
        raise InputError(
            address, f"the Dask scheduler has no workers (none joined in {CONNECT_SECONDS} s)"
        ) from None
    return client


def run_on_dask(
    stories: Iterator[StorySpec], address: str, threshold: float, keep_boilerplate: bool
) -> Generator[StoryResult, None, None]:
    """Each story's result as it comes (not in input order)."""
    from distributed import as_completed

    client = connect(address)
    try:
        try:
            client.run(warm_up)
        except Exception as error:
            raise WorkerDied(
                f"the Dask workers cannot run Synoptic ({_first_line(error)}); "
                "install synoptic on every worker"
            ) from None
        threads = max(1, sum(client.nthreads().values()))
        # Results are gathered by as_completed as each task ends, not one round trip each.
        queue = as_completed(loop=client.loop, with_results=True)
        in_flight = 0
        for story in stories:
            queue.add(client.submit(process_story, story, threshold, keep_boilerplate, pure=False))
            in_flight += 1
            if in_flight >= threads * IN_FLIGHT_PER_THREAD:
                yield _take(queue, client)
                in_flight -= 1
        for _ in range(in_flight):
            yield _take(queue, client)
    finally:
        client.close()


def _take(queue: Any, client: Any) -> StoryResult:
    """The next finished story's result (``queue`` is never empty here).

    While none is ready, the cluster is looked at every second: with no
    worker left for ``CONNECT_SECONDS`` (the only one killed mid-run), the
    run stops with one line instead of waiting for ever."""
    idle_since: float | None = None
    looked = 0.0
    while not queue.has_ready():
        time.sleep(POLL_SECONDS)
        now = time.monotonic()
        if now - looked < 1.0:
            continue
        looked = now
        try:
            workers = client.nthreads()
        except Exception:
            workers = {}
        if workers:
            idle_since = None
        elif idle_since is None:
            idle_since = now
        elif now - idle_since > CONNECT_SECONDS:
            raise WorkerDied(f"the Dask cluster has had no workers for {CONNECT_SECONDS} s")
    try:
        future, result = next(queue)
    except Exception as error:  # KilledWorker, a worker without Synoptic...
        raise WorkerDied(f"a Dask task failed: {_first_line(error)}") from None
    future.release()
    if not isinstance(result, StoryRows | StoryFailure):
        raise WorkerDied(f"a Dask task returned {type(result).__name__}, not a story's rows")
    return result


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
