"""Corpus mode: stories per second of ``synoptic batch``, and the parent's peak memory.

Makes the generated corpus (``make_corpus.py``: 1,000 stories x 3 sources x
40 sentences) in a temporary folder, then runs the whole command, each time
into a fresh output folder, with ``--workers 1``, ``--workers 2`` and
``--scheduler`` on a two-worker Dask ``LocalCluster`` (one thread each,
started here on 127.0.0.1 and warmed up before the clock starts, as a
running cluster is). Wall time is the command's, from spawn to exit,
start-up of the pool's workers included; peak memory is the parent
process's own (``RUSAGE_SELF`` at its exit, so the workers do not count).
CPU seconds are the command's and its workers' (for the pool runs; the
cluster's workers are not children of the command): on a shared machine,
stories per CPU second say what the code costs when wall time cannot.

    .venv/bin/python benchmarks/batch_bench.py [--stories 1000] [--corpus DIR] [--skip-dask]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_corpus

_WRAPPER = (
    "import resource, sys\n"
    "from tui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.stderr.write(f'PEAK_KB {peak}\\n')\n"
    "sys.exit(code)\n"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(corpus: Path, out: Path, stories: int, *options: str) -> tuple[float, float, float, float]:
    """(seconds, stories per second, parent peak MB, CPU seconds) of one whole command;
    the CPU time counts the command and its worker processes (not a Dask cluster's)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-c", _WRAPPER, "batch", str(corpus), "-o", str(out), *options]
    cpu = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"batch failed ({result.returncode}): {result.stderr[-2000:]}")
    peak_kb = next(
        int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK_KB")
    )
    written = len(list((out / "stories").glob("part-*.parquet")))
    assert written == stories, (written, stories)
    return seconds, stories / seconds, peak_kb / 1024, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder (not made here)")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="synoptic-batch-bench-"))
    try:
        corpus = args.corpus or make_corpus(work / "corpus", args.stories)
        stories = sum(1 for path in corpus.iterdir() if path.is_dir())
        print(f"synoptic batch: {stories} stories x 3 sources x 40 sentences ({corpus})")
        figures = {}
        for workers in (1, 2):
            figures[f"{workers} worker{'s' * (workers > 1)}"] = run(
                corpus, work / "out", stories, "--workers", str(workers)
            )
            _show(*next(reversed(figures.items())))
        if not args.skip_dask:
            from distributed import Client, LocalCluster

            from tui.batch.story import warm_up

            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(warm_up)
                figures["Dask LocalCluster, 2 workers"] = run(
                    corpus, work / "out", stories, "--scheduler", cluster.scheduler_address
                )
                _show(*next(reversed(figures.items())))
            pool = figures["2 workers"][1]
            dask = figures["Dask LocalCluster, 2 workers"][1]
            print(f"  Dask / pool (2 workers): {dask / pool:.0%} of the pool's rate")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _show(name: str, figures: tuple[float, float, float, float]) -> None:
    seconds, rate, peak, cpu = figures
    print(
        f"  {name:30} {seconds:6.1f} s  {rate:6.1f} stories/s  parent peak {peak:5.0f} MB"
        f"  CPU {cpu:6.1f} s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
