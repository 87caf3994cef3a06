"""One batch run: read the stories, skip the written ones, align the rest, write as they come.

Nothing is collected: each result is written as its part files the moment
it arrives (and then dropped), so memory stays flat however many stories
there are. A story that fails is said in one line and the run goes on; the
outcome counts it so the command's exit status can say some failed. On
Ctrl+C the backend's workers are stopped, a part being written is removed,
and what was written stays: the same command resumes.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from tui.batch import manifest, tables
from tui.batch.inputs import BadStory, StorySpec, count_stories, read_stories
from tui.batch.lock import locked
from tui.batch.progress import Progress
from tui.batch.report import write_report
from tui.batch.story import StoryFailure, StoryResult
from tui.errors import InputError


@dataclass(frozen=True, slots=True)
class BatchOptions:
    input: Path
    outdir: Path
    workers: int
    threshold: float
    keep_boilerplate: bool = False
    force: bool = False
    scheduler: str | None = None
    allow_paths: bool = False
    story_timeout: float = 0.0
    """Seconds before a story is given up (0: never); local workers only."""


@dataclass(frozen=True, slots=True)
class Outcome:
    written: int
    skipped: int
    failed: int
    seconds: float


Backend = Callable[[Iterator[StorySpec]], Generator[StoryResult, None, None]]


def _backend(options: BatchOptions) -> Backend:
    if options.scheduler is not None:
        from tui.batch.dask_backend import connect, run_on_dask

        connect(options.scheduler).close()  # no scheduler there: one line before any work
        address = options.scheduler
        return lambda stories: run_on_dask(
            stories, address, options.threshold, options.keep_boilerplate
        )
    from tui.batch.pool import run_in_pool

    return lambda stories: run_in_pool(
        stories,
        options.workers,
        options.threshold,
        options.keep_boilerplate,
        options.story_timeout,
    )


def run_batch(
    options: BatchOptions, progress_factory: Callable[[int], Progress] = Progress
) -> Outcome:
    """Run the batch ``options`` describe; :class:`InputError` before any work for bad options."""
    outdir = options.outdir
    wanted = manifest.settings(options.threshold, options.keep_boilerplate)
    if outdir.exists() and options.input.exists() and outdir.resolve() == options.input.resolve():
        raise InputError(str(outdir), "is INPUT itself: write the tables to another folder")
    stories = read_stories(  # a missing INPUT fails here
        options.input, exclude=outdir, allow_paths=options.allow_paths
    )
    manifest.check_folder(outdir, wanted, options.force)
    backend = _backend(options)
    total = count_stories(options.input, exclude=outdir)
    stamp = manifest.stamp(options.threshold, options.keep_boilerplate)
    outdir.mkdir(parents=True, exist_ok=True)
    with locked(outdir):  # one run at a time in a folder (tui/batch/lock.py)
        tables.prepare(outdir)
        manifest.write(outdir, {**wanted, "input": str(options.input.resolve()), "complete": False})
        progress = progress_factory(total)

        def todo() -> Iterator[StorySpec]:
            for item in stories:
                if isinstance(item, BadStory):
                    progress.say(f"story {item.id}: {item.problem}")
                    progress.step(failed=1)
                elif not options.force and tables.is_written(outdir, item.id, stamp):
                    progress.step(skipped=1)
                else:
                    yield item

        interrupted = True
        try:
            with closing(backend(todo())) as results:
                for result in results:
                    if isinstance(result, StoryFailure):
                        tables.remove_story(outdir, result.id)  # no rows of an earlier run
                        progress.say(f"story {result.id}: {result.problem}")
                        progress.step(failed=1)
                        continue
                    tables.write_story(outdir, result.id, result.parts)
                    progress.step(written=1)
            interrupted = False
        finally:
            progress.finish(progress.summary(str(outdir), interrupted))
        write_report(outdir)
        manifest.write(
            outdir,
            {
                **wanted,
                "input": str(options.input.resolve()),
                "complete": progress.failed == 0,
                "failed": progress.failed,
            },
        )
    return Outcome(progress.written, progress.skipped, progress.failed, progress.seconds)
