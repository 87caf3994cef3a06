"""``synoptic batch``: the command line of corpus mode.

``synoptic batch INPUT -o OUTDIR [--workers N] [--scheduler ADDRESS]
[--threshold N] [--keep-boilerplate] [--force]`` aligns every story;
``synoptic batch --report OUTDIR`` prints the coverage report of a finished
(or stopped) run. Exit status: 0 when every story was written, 1 when some
failed (each said in one line) or the run stopped on an error (a full disk,
dead workers), 2 on bad options or input (nothing done), 130 on Ctrl+C (143 on
SIGTERM, 129 on SIGHUP: stopped as cleanly).
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.align.threshold import DEFAULT_THRESHOLD, threshold_argument
from tui.errors import InputError
from tui.ingest.safe_text import visible

EXIT_FAILED_STORIES = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130

EXAMPLES = """\
examples:
  synoptic batch stories/ -o out/               a folder of story folders
  synoptic batch stories.jsonl -o out/ --workers 4
  synoptic batch stories/ -o out/ --scheduler tcp://10.0.0.5:8786
  synoptic batch --report out/                  print the coverage report

A stopped run resumes: stories already written are skipped (--force redoes them).
exit status: 0 all written, 1 some stories failed (or the run stopped on an error),
2 bad input (nothing done), 130 interrupted.
"""


STORY_SECONDS = 300.0
"""The default time limit of one story (``--story-timeout``): far above any
real story (the 100 BASIL stories take 0.1 s each), low enough that a stuck
one does not hold a corpus for hours."""


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


WORKER_BYTES = 400 * 2**20
"""What one worker process may take aligning a large story (the models, the
scores): ``--workers`` beyond what memory holds is capped."""


def capped_workers(wanted: int) -> tuple[int, str]:
    """At most twice the cores, and no more than the free memory holds (with a
    note saying so when ``wanted`` was cut)."""
    cores = default_workers()
    limit, why = 2 * cores, f"twice the {cores} cores"
    try:
        free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        free = 0
    if free and free // WORKER_BYTES < limit:
        limit = max(1, free // WORKER_BYTES)
        why = f"what {free // 2**20:,} MB of free memory holds"
    if wanted <= limit:
        return wanted, ""
    return limit, f"--workers {wanted}: using {limit}, {why}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synoptic batch",
        description="Align every story of a corpus into Parquet tables (one part file "
        "per story and table) and write a coverage report.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="a folder whose sub-folders are stories, or a JSON Lines file, one story a line",
    )
    parser.add_argument("-o", "--output", metavar="OUTDIR", help="the folder of the tables")
    parser.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help=f"local worker processes (default: the number of cores, {default_workers()})",
    )
    parser.add_argument(
        "--story-timeout",
        type=_seconds,
        default=STORY_SECONDS,
        metavar="SECONDS",
        help=f"give a story up after this long (default {STORY_SECONDS:g}; 0: never; "
        "local workers)",
    )
    parser.add_argument(
        "--allow-paths",
        action="store_true",
        help="let a JSON line's \"path\" lead out of the JSON Lines file's folder",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster (tcp://HOST:PORT); needs synoptic[dask]",
    )
    parser.add_argument(
        "--threshold",
        type=threshold_argument,
        metavar="N",
        help="minimum score (0-100) for two sentences to be linked "
        f"(default: the settings file's, else {DEFAULT_THRESHOLD:g})",
    )
    parser.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="treat paywall, cookie and link text as ordinary text",
    )
    parser.add_argument(
        "--force", action="store_true", help="redo stories already written in OUTDIR"
    )
    parser.add_argument(
        "--report", metavar="OUTDIR", help="print the coverage report of OUTDIR and stop"
    )
    return parser


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds (0 or more)")
    return seconds


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return number


def _say(message: str) -> None:
    try:
        sys.stderr.write(f"synoptic: {visible(message)}\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stopped as cleanly as Ctrl+C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    previous = {}
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            previous[signum] = signal.signal(signum, _stop)
    try:
        return _run(args)
    except InputError as error:
        _say(f"error: {error}")
        return EXIT_INPUT
    except Stopped as stop:
        _say(
            f"stopped by {stop.args[0]}; the stories written are complete: "
            "run the same command to resume"
        )
        return 128 + stop.signum
    except KeyboardInterrupt:
        _say("stopped; the stories written are complete: run the same command to resume")
        return EXIT_INTERRUPTED
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run(args: argparse.Namespace) -> int:
    if args.report is not None:
        if args.input is not None or args.output is not None:
            raise InputError("", "--report OUTDIR goes alone")
        return _print_report(Path(args.report))
    if args.input is None:
        raise InputError("", "give INPUT (a folder of stories or a JSON Lines file) and -o OUTDIR")
    if args.output is None:
        raise InputError("", "-o OUTDIR is needed: the folder the tables are written to")
    if args.scheduler is not None and args.workers is not None:
        raise InputError("", "--workers is for local processes; a Dask cluster has its own")
    from tui.batch.run import BatchOptions, run_batch
    from tui.batch.story import WorkerDied

    workers, capped = capped_workers(args.workers or default_workers())
    if capped:
        _say(capped)

    options = BatchOptions(
        input=Path(args.input).expanduser(),
        outdir=Path(args.output).expanduser(),
        workers=workers,
        threshold=_threshold_setting(args.threshold),
        keep_boilerplate=args.keep_boilerplate,
        force=args.force,
        scheduler=args.scheduler,
        allow_paths=args.allow_paths,
        story_timeout=args.story_timeout,
    )
    try:
        outcome = run_batch(options)
    except (WorkerDied, OSError) as error:  # (a full disk, say): stopped, resumable
        _say(f"error: {error}; the stories written are complete: run again to resume")
        return EXIT_FAILED_STORIES
    return EXIT_FAILED_STORIES if outcome.failed else 0


def _threshold_setting(given: float | None) -> float:
    """``--threshold``, else the settings file's, else the default: what ``--export``
    uses, so a story's links are the export's."""
    from tui.settings import load_settings

    settings, warnings = load_settings(None)
    for warning in warnings:
        _say(warning)
    return settings.threshold_or(given)


def _print_report(outdir: Path) -> int:
    from tui.batch import manifest
    from tui.batch.report import outlet_lines, to_markdown

    if not outdir.is_dir() or manifest.read(outdir) is None:
        raise InputError(str(outdir), "is not a synoptic batch folder (no manifest.json)")
    if not (outdir / "stories").is_dir():
        raise InputError(str(outdir / "stories"), "is not a folder of story parts")
    stories, lines = outlet_lines(outdir)
    text = to_markdown(stories, lines)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0
