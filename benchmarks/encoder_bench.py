"""Speed of the numpy MiniLM encoder (tui/align/encoder.py) on the news sample's sentences.

    .venv/bin/python benchmarks/encoder_bench.py [--repeat N]

Each thread count runs in a fresh process (OpenBLAS reads its thread count
at start-up): the model load, then sentences per second over the bundled news
sample's sentences (as the reader splits them), best of ``--repeat`` runs.
Prints the machine's load average too: on a shared machine the figures move
with it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, sys, time
began = time.perf_counter()
from tui.align import encoder
from tui.pipeline import load_documents
documents = load_documents(sys.argv[1:-1])
texts = [s.text for d in documents for s in d.sentences]
began = time.perf_counter()
encoder.load()
load = time.perf_counter() - began
best = cpu = float("inf")
for _ in range(int(sys.argv[-1])):
    began, began_cpu = time.perf_counter(), time.process_time()
    encoder.encode(texts)
    best = min(best, time.perf_counter() - began)
    cpu = min(cpu, time.process_time() - began_cpu)
tokens = sum(map(len, encoder.load().token_ids(texts)))
figures = {"sentences": len(texts), "tokens": tokens, "load_s": load}
print(json.dumps({**figures, "encode_s": best, "cpu_s": cpu}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    files = sorted(str(p) for p in (ROOT / "samples" / "news").glob("*.txt"))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for threads in (1, 2):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
        out = subprocess.run(
            [sys.executable, "-c", CHILD, *files, str(args.repeat)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{threads} thread(s): load {r['load_s']:.2f} s; {r['sentences']} sentences "
            f"({r['tokens']} tokens) in {r['encode_s']:.2f} s = "
            f"{r['sentences'] / r['encode_s']:.0f} sentences/s (CPU {r['cpu_s']:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
