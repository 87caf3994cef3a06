"""Throughput (MB/s of UTF-8 input) of the sentence splitter, ``tui.ingest.document.analyse``.

Inputs: (a) the gospels sample repeated ``--gospels`` times, (b) the news
sample repeated to ~5 MB, (c) 10 MB of news prose on a single line, (d)
10 MB on one line with no punctuation at all (the hard-split path).
``analyse`` is timed with boilerplate detection (what the app runs) and
with ``keep_boilerplate=True`` (paragraphs and sentences only).

With ``--blingfire PYTHON`` (an interpreter that has blingfire, which is not
a dependency), blingfire's ``text_to_sentences_and_offsets`` is timed on the
same inputs for comparison.

    .venv/bin/python benchmarks/split_bench.py [--gospels 10] [--blingfire /tmp/probe/bin/python]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tui.ingest.sentences  # noqa: E402
from tui.ingest.document import analyse  # noqa: E402
from tui.ingest.loading import LoadedText  # noqa: E402

TARGET_MB_S = 5.0
BLINGFIRE = """
import json, sys, time
from blingfire import text_to_sentences_and_offsets
out = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        _, offsets = text_to_sentences_and_offsets(text)
        best = min(best, time.perf_counter() - start)
    out.append([best, len(offsets)])
print(json.dumps(out))
"""


def inputs(gospels: int) -> dict[str, list[str]]:
    """Name -> texts (each text is one document)."""
    samples = ROOT / "samples"
    gospel_texts = [p.read_text("utf-8") for p in sorted((samples / "gospels").glob("*.txt"))]
    news = "\n\n".join(p.read_text("utf-8") for p in sorted((samples / "news").glob("*.txt")))
    news_big = "\n\n".join([news] * (5_000_000 // len(news.encode()) + 1))
    prose = " ".join(news.split())
    one_line = " ".join([prose] * (10_000_000 // len(prose.encode()) + 1))
    letters = "".join(ch for ch in prose if ch.isalpha() or ch == " ")
    bare = " ".join([letters] * (10_000_000 // len(letters.encode()) + 1))
    return {
        f"gospels x{gospels}": ["\n".join([text] * gospels) for text in gospel_texts],
        "news to ~5 MB": [news_big],
        "10 MB one line": [one_line],
        "10 MB unpunctuated": [bare],
    }


# The splitter itself is measured: no budget of sentences (gospels x10 has 316,000).
tui.ingest.sentences.MAX_SENTENCES = 10**9


def time_analyse(texts: list[str], keep_boilerplate: bool) -> tuple[float, int]:
    """Best of two runs: seconds for all texts, and sentences found."""
    best = float("inf")
    found = 0
    for _ in range(2):
        start = time.perf_counter()
        documents = [
            analyse(LoadedText("bench.txt", None, text, "utf-8"), keep_boilerplate)
            for text in texts
        ]
        best = min(best, time.perf_counter() - start)
        found = sum(len(d.sentences) for d in documents)
    return best, found


def time_blingfire(python: str, texts: list[str]) -> tuple[float, int] | None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(texts):
            path = Path(folder) / f"{number}.txt"
            path.write_text(text, "utf-8")
            paths.append(str(path))
        done = subprocess.run(
            [python, "-c", BLINGFIRE, *paths], capture_output=True, text=True, check=False
        )
    if done.returncode:
        print(f"   blingfire failed: {done.stderr.strip().splitlines()[-1:]}")
        return None
    results = json.loads(done.stdout)
    return sum(r[0] for r in results), sum(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gospels", type=int, default=10, help="repeat the gospels N times")
    parser.add_argument("--blingfire", metavar="PYTHON", help="interpreter with blingfire")
    options = parser.parse_args()
    blingfire = options.blingfire
    if blingfire is None and importlib.util.find_spec("blingfire") is not None:
        blingfire = sys.executable
    print(f"target: >= {TARGET_MB_S:.0f} MB/s with boilerplate detection")
    for name, texts in inputs(options.gospels).items():
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        full, sentences = time_analyse(texts, keep_boilerplate=False)
        bare, _ = time_analyse(texts, keep_boilerplate=True)
        verdict = "ok" if megabytes / full >= TARGET_MB_S else "MISSED"
        line = (
            f"{name:20} {megabytes:5.1f} MB  analyse {megabytes / full:6.1f} MB/s"
            f" ({full:.2f} s, {sentences:,} sentences) [{verdict}]"
            f"  without boilerplate {megabytes / bare:6.1f} MB/s"
        )
        if blingfire:
            measured = time_blingfire(blingfire, texts)
            if measured:
                line += f"  blingfire {megabytes / measured[0]:6.1f} MB/s ({measured[1]:,})"
        print(line)


if __name__ == "__main__":
    main()
