"""Stories on a Dask distributed cluster: ``--scheduler tcp://HOST:PORT``.

The stories are submitted as ordinary Dask tasks (``Client.submit``), a few
per worker thread at a time, and their rows come back to this process, which
writes the part files: workers need Synoptic installed, not the output
folder. Each worker process loads the embedding model once (it is cached
for the process's life; ``Client.run`` warms every worker up front). Dask is
an extra: without it, ``--scheduler`` says what to install.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

from tui.batch.inputs import StorySpec
from tui.batch.story import StoryResult, process_story, warm_up
from tui.errors import InputError

IN_FLIGHT_PER_THREAD = 3
CONNECT_SECONDS = 10
INSTALL_HINT = "needs Dask: pip install 'synoptic[dask]'"


def connect(address: str) -> Any:
    """A client of the scheduler at ``address``; one line when there is none."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler", INSTALL_HINT) from None
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except Exception as error:  # OSError, TimeoutError, ValueError for a bad address
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(address, f"no Dask scheduler answers there ({detail})") from None


def run_on_dask(
    stories: Iterator[StorySpec], address: str, threshold: float, keep_boilerplate: bool
) -> Generator[StoryResult, None, None]:
    """Each story's result as it comes (not in input order)."""
    from distributed import as_completed

    client = connect(address)
    try:
        client.run(warm_up)
        threads = max(1, sum(client.nthreads().values()))
        queue = as_completed(loop=client.loop)
        in_flight = 0
        for story in stories:
            queue.add(client.submit(process_story, story, threshold, keep_boilerplate, pure=False))
            in_flight += 1
            if in_flight >= threads * IN_FLIGHT_PER_THREAD:
                yield _take(next(queue))
                in_flight -= 1
        for future in queue:
            yield _take(future)
    finally:
        client.close()


def _take(future: Any) -> StoryResult:
    result: StoryResult = future.result()
    future.release()
    return result
