"""Time ``tui.align.align`` on synthetic stories, each in a cold process.

A story is a list of base "facts" (sentences of 8-35 pseudo-words drawn
from a Zipf vocabulary plus a few hundred function words). Every source
paraphrases a subset of the facts (substitutions, insertions, deletions,
case, "large- scale" hyphenation, spelling variants) in a locally shuffled,
partly block-reordered order, and adds ~15% sentences of its own. Two
sentences of different sources made from one fact form a *planted pair*.

    .venv/bin/python benchmarks/align_bench.py [--scenario small|large|all]
        [--naive] [--profile] [--set CANDIDATE_RATIO=0.25 ...]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = {"small": (10, 2_000, 3.0), "large": (2, 30_000, 5.0)}  # sources, sentences, s
MEMORY_TARGET_MB = 1024
SEED = 20_240_611
VOCABULARY = 30_000
FUNCTION_WORDS = 300
FUNCTION_SHARE = 0.42
UNIQUE_SHARE = 0.15


def _pseudo_words(
    rng: random.Random, count: int, syllables: tuple[int, int], avoid: set[str]
) -> list[str]:
    onsets = [*"bcdfghjklmnprstvwz", "br", "ch", "cl", "dr", "gr", "pl", "sh", "st", "th", "tr"]
    vowels = [*"aeiou", "ai", "ea", "ou", "y"]
    codas = ["", "", "", "", "n", "r", "s", "l", "t", "m", "ck", "nd", "st"]
    found: list[str] = []
    seen = set(avoid)
    while len(found) < count:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(*syllables))
        )
        if word not in seen:
            seen.add(word)
            found.append(word)
    return found


class _Words:
    """Zipf draws from the function words and from the content vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.function = _pseudo_words(rng, FUNCTION_WORDS, (1, 1), set())
        self.content = _pseudo_words(rng, VOCABULARY, (1, 3), set(self.function))
        self.kind = {word: True for word in self.function}
        self.cum_f = _zipf_cumulative(FUNCTION_WORDS, 1.0)
        self.cum_c = _zipf_cumulative(VOCABULARY, 1.0)

    def draw(self, function: bool) -> str:
        if function:
            return self.rng.choices(self.function, cum_weights=self.cum_f)[0]
        return self.rng.choices(self.content, cum_weights=self.cum_c)[0]

    def fact(self) -> list[str]:
        size = self.rng.randint(8, 35)
        return [self.draw(self.rng.random() < FUNCTION_SHARE) for _ in range(size)]

    def like(self, word: str) -> str:
        """A random word of the same kind (function or content)."""
        return self.draw(word in self.kind)


def _zipf_cumulative(size: int, exponent: float) -> list[float]:
    total = 0.0
    cumulative = []
    for rank in range(1, size + 1):
        total += rank**-exponent
        cumulative.append(total)
    return cumulative


def _variant(rng: random.Random, word: str) -> str:
    """A spelling variant: s/z, a doubled or dropped letter, a transposition."""
    choice = rng.randrange(4)
    if choice == 0 and ("s" in word or "z" in word):
        return word.replace("s", "z") if "s" in word else word.replace("z", "s")
    position = rng.randrange(1, len(word) - 1)
    if choice == 1:
        return word[:position] + word[position] + word[position:]
    if choice == 2:
        return word[:position] + word[position + 1 :]
    return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]


def _paraphrase(rng: random.Random, words: _Words, fact: list[str]) -> str:
    substitute = rng.uniform(0.15, 0.25)
    tokens: list[str] = []
    for word in fact:
        roll = rng.random()
        if roll < 0.06:
            continue
        tokens.append(words.like(word) if roll < 0.06 + substitute else word)
        if rng.random() < 0.06:
            tokens.append(words.draw(rng.random() < FUNCTION_SHARE))
    out: list[str] = []
    for word in tokens or fact[:1]:
        roll = rng.random()
        if len(word) >= 6 and roll < 0.05:
            word = _variant(rng, word)
        elif len(word) >= 8 and roll < 0.08:
            cut = rng.randrange(3, len(word) - 3)
            word = f"{word[:cut]}- {word[cut:]}"
        elif roll < 0.10:
            word = word.upper() if rng.random() < 0.2 else word.title()
        elif out and roll < 0.12:
            out[-1] += "-" + word
            continue
        elif out and roll < 0.17:
            out[-1] += ","
        out.append(word)
    out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out) + "."


def make_story(sources: int, sentences: int, seed: int) -> tuple[list[str], list[list[int]]]:
    """Texts (one sentence a line) and the fact of each line (-1: unique)."""
    rng = random.Random(seed)
    words = _Words(rng)
    shared_per_source = round(sentences * (1 - UNIQUE_SHARE))
    mean_cover = (2 + sources) / 2
    count = round(shared_per_source * sources / mean_cover)
    members: list[list[tuple[float, int]]] = [[] for _ in range(sources)]
    for fact in range(count):
        for source in rng.sample(range(sources), rng.randint(2, sources)):
            members[source].append((float(fact), fact))
    facts = [words.fact() for _ in range(count)]
    texts: list[str] = []
    labels: list[list[int]] = []
    for source in range(sources):
        chosen = members[source][:sentences]
        chosen += [(rng.uniform(0, count), -1) for _ in range(sentences - len(chosen))]
        chosen.sort()
        keyed = sorted((rank + rng.gauss(0, 2.0), fact) for rank, (_, fact) in enumerate(chosen))
        order = [fact for _, fact in keyed]
        blocks = [order[i : i + 40] for i in range(0, len(order), 40)]
        for _ in range(len(blocks) // 7):  # move ~15% of the blocks elsewhere
            blocks.insert(rng.randrange(len(blocks)), blocks.pop(rng.randrange(len(blocks))))
        order = [fact for block in blocks for fact in block]
        lines = [_paraphrase(rng, words, facts[f] if f >= 0 else words.fact()) for f in order]
        texts.append("\n".join(lines) + "\n")
        labels.append(order)
    return texts, labels


def _child(path: str, options: argparse.Namespace) -> dict[str, Any]:
    """Runs in the fresh process: import, split, align, then score quality."""
    start = time.perf_counter()
    import importlib.util

    import tui.align.aligner as align_module
    from tui.ingest.document import analyse
    from tui.ingest.loading import LoadedText

    if options.module:  # a candidate implementation to compare
        spec = importlib.util.spec_from_file_location("candidate_align", options.module)
        assert spec is not None and spec.loader is not None
        align_module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(align_module)
    imported = time.perf_counter()
    data = json.loads(Path(path).read_text())
    import tui.align.candidates as candidates_module

    for setting in options.set:
        name, value = setting.split("=", 1)
        # Scoring constants live in tui.align.aligner, candidate ones in tui.align.candidates.
        owner = align_module if hasattr(align_module, name) else candidates_module
        setattr(owner, name, type(getattr(owner, name))(float(value)))
    loaded = time.perf_counter()
    documents = [
        analyse(LoadedText(f"source{n}.txt", None, text, "utf-8"))
        for n, text in enumerate(data["texts"])
    ]
    split = time.perf_counter()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    marks: list[tuple[float, str]] = []
    profiler = None
    if options.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    begin = time.perf_counter()
    alignment = align_module.align(
        documents,
        align_module.DEFAULT_THRESHOLD,  # read at call time, so --set can change it
        lambda fraction, message: marks.append((time.perf_counter(), message)),
    )
    end = time.perf_counter()
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(22)
    phases: dict[str, float] = {}
    for (t0, message), (t1, _) in itertools.pairwise(marks):
        label = "scoring" if message.startswith("scor") else message.split(" ")[0]
        phases[label] = phases.get(label, 0.0) + t1 - t0
    candidates = next((m.split()[1] for _, m in marks if m.startswith("scoring ")), "?")
    result: dict[str, Any] = {
        "import": imported - start,
        "split": split - loaded,
        "align": end - begin,
        "phases": phases,
        "candidates": candidates,
        "rss_before_align": rss_before,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "sentences": [len(d.sentences) for d in documents],
    }
    result.update(_quality(documents, data["labels"], alignment))
    if options.naive:
        result["naive"] = _naive(documents)
    return result


def _quality(documents: list[Any], labels: list[list[int]], alignment: Any) -> dict[str, Any]:
    from bisect import bisect_right

    facts: dict[tuple[int, int], int] = {}
    by_fact: dict[int, list[tuple[int, int]]] = {}
    for number, document in enumerate(documents):
        text = document.text
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        for index, sentence in enumerate(document.sentences):
            fact = labels[number][bisect_right(starts, sentence.start) - 1]
            if fact >= 0:
                facts[(number, index)] = fact
                by_fact.setdefault(fact, []).append((number, index))
    planted = {(a, b) for refs in by_fact.values() for a in refs for b in refs if a[0] < b[0]}
    links = {(link.a, link.b) for link in alignment.links}
    group = {ref: n for n, g in enumerate(alignment.groups) for ref in g.members}
    found = sum(1 for a, b in planted if (a, b) in links or group.get(a, -1) == group.get(b, -2))
    good = sum(1 for pair in links if pair in planted)
    return {
        "links": len(links),
        "groups": len(alignment.groups),
        "planted": len(planted),
        "recall": found / max(1, len(planted)),
        "link_recall": len(links & planted) / max(1, len(planted)),
        "precision": good / max(1, len(links)),
    }


def _naive(documents: list[Any]) -> dict[str, float]:
    """Time all-pairs cdist(token_sort_ratio) on a sample and extrapolate."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    texts = [[default_process(s.text) for s in d.sentences] for d in documents]
    left, right = texts[0][:300], texts[1][:3000]
    begin = time.perf_counter()
    process.cdist(left, right, scorer=fuzz.token_sort_ratio, workers=-1)
    per_pair = (time.perf_counter() - begin) / (len(left) * len(right))
    sizes = [len(t) for t in texts]
    pairs = (sum(sizes) ** 2 - sum(n * n for n in sizes)) / 2
    return {"pairs": pairs, "seconds": per_pair * pairs}


def run(name: str, options: argparse.Namespace) -> None:
    sources, sentences, target = SCENARIOS[name]
    made = time.perf_counter()
    texts, labels = make_story(sources, sentences, options.seed)
    made = time.perf_counter() - made
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"texts": texts, "labels": labels}, handle)
    args = [sys.executable, __file__, "--child", handle.name, "--seed", str(options.seed)]
    args += [f"--set={s}" for s in options.set] + ["--naive"] * options.naive
    args += ["--profile"] * options.profile + (
        ["--module", options.module] if options.module else []
    )
    wall = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - wall
    os.unlink(handle.name)
    sys.stderr.write(done.stderr)
    if done.returncode:
        raise SystemExit(f"{name}: child failed ({done.returncode})")
    r = json.loads(done.stdout.strip().splitlines()[-1])
    cold = r["import"] + r["split"] + r["align"]
    verdict = "ok" if cold <= target and r["peak_mb"] <= MEMORY_TARGET_MB else "MISSED"
    phases = ", ".join(f"{k} {v:.2f}" for k, v in r["phases"].items())
    lines = [
        f"== {name}: {sources} sources x {sentences:,} sentences, {megabytes:.1f} MB"
        f" (generated in {made:.1f} s; {sum(r['sentences']):,} sentences after splitting)",
        f"cold {cold:.2f} s = import {r['import']:.2f} + split {r['split']:.2f} + align"
        f" {r['align']:.2f} [target {target:.0f} s, {MEMORY_TARGET_MB} MB: {verdict}]"
        f" (child wall {wall:.2f} s)",
        f"align phases: {phases} ({r['candidates']} candidates)",
        f"peak RSS {r['peak_mb']:.0f} MB (before align {r['rss_before_align']:.0f} MB)",
        f"links {r['links']:,}, groups {r['groups']:,}, planted pairs {r['planted']:,}:"
        f" recall {r['recall']:.3f} (links alone {r['link_recall']:.3f}),"
        f" precision {r['precision']:.3f}",
    ]
    if "naive" in r:
        naive = r["naive"]
        lines.append(
            f"naive cdist(token_sort_ratio) over {naive['pairs']:,.0f} pairs:"
            f" ~{naive['seconds']:.0f} s, {naive['seconds'] / r['align']:.0f}x the aligner"
        )
    print("\n   ".join(lines), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--naive", action="store_true", help="estimate all-pairs cdist time")
    parser.add_argument("--profile", action="store_true", help="cProfile align (stderr)")
    parser.add_argument(
        "--set", action="append", default=[], help="NAME=VALUE (tui.align.aligner/candidates)"
    )
    parser.add_argument("--module", default="", help="align.py variant to time instead")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(_child(options.child, options)))
        return
    for name in SCENARIOS if options.scenario == "all" else [options.scenario]:
        run(name, options)


if __name__ == "__main__":
    main()
