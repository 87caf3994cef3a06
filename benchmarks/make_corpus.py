"""A generated corpus for ``synoptic batch``: N stories x 3 sources x 40 sentences.

Sentences come from the bundled samples (the King James gospels, public
domain, and the news sample's raw scrapes), so nothing outside the repo is
needed. Each story plants 16 shared sentences in all three sources (each
source words some of them a little differently: a word dropped, a word
added, another case) among 24 sentences of its own, in a lightly shuffled
order; a paragraph a line, as scraped articles come. Fixed seed: the same
corpus every time. Written to a temporary folder (never into the repo):

    .venv/bin/python benchmarks/make_corpus.py [--stories 1000] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SOURCES = ("wire", "daily", "herald")
SENTENCES = 40
SHARED = 16
SEED = 17


def sentence_pool() -> list[str]:
    """Distinct sentences of reasonable length from the bundled samples."""
    pool: list[str] = []
    for path in sorted((SAMPLES / "gospels").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = re.sub(r"^\d+:\d+\s+", "", line).strip()
            if 6 <= len(text.split()) <= 40:
                pool.append(text if text.endswith((".", "?", "!")) else text.rstrip(",;:") + ".")
    for path in sorted((SAMPLES / "news").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for text in re.split(r"(?<=[.!?])\s+", line.strip()):
                if 6 <= len(text.split()) <= 40 and text.endswith((".", "?", "!")):
                    pool.append(text)
    return sorted(set(pool))


def _reworded(text: str, rng: random.Random) -> str:
    """The planted sentence as another outlet might print it."""
    words = text.split()
    change = rng.random()
    if change < 0.3 and len(words) > 8:
        del words[rng.randrange(1, len(words) - 1)]
    elif change < 0.5:
        words.insert(rng.randrange(1, len(words)), rng.choice(["reportedly", "then", "also"]))
    elif change < 0.6:
        words = [words[0].upper(), *words[1:]]
    return " ".join(words)


def story_sources(number: int, pool: list[str]) -> dict[str, str]:
    rng = random.Random(SEED * 100_003 + number)
    picked = rng.sample(pool, SHARED + (SENTENCES - SHARED) * len(SOURCES))
    shared, own = picked[:SHARED], picked[SHARED:]
    texts = {}
    for index, name in enumerate(SOURCES):
        mine = own[index * (SENTENCES - SHARED) : (index + 1) * (SENTENCES - SHARED)]
        lines = [_reworded(text, rng) for text in shared] + mine
        # Lightly shuffled: each line moves a few places at most.
        keyed = sorted(enumerate(lines), key=lambda item: item[0] + rng.uniform(0, 12))
        texts[name] = f"Story {number}: {shared[0][:60]}\n\n" + "\n\n".join(t for _, t in keyed)
    return texts


def make_corpus(out: Path, stories: int) -> Path:
    pool = sentence_pool()
    out.mkdir(parents=True, exist_ok=True)
    for number in range(stories):
        folder = out / f"story-{number:05d}"
        folder.mkdir(exist_ok=True)
        for name, text in story_sources(number, pool).items():
            (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="folder to write (default: a new temporary one)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="synoptic-corpus-"))
    if out.resolve().is_relative_to(ROOT):
        print("make_corpus: write the corpus outside the repository", file=sys.stderr)
        return 2
    make_corpus(out, args.stories)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
