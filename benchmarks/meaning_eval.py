"""How well does a cosine alone tell linked sentences from unlinked ones? MiniLM vs WordLlama.

    .venv/bin/python benchmarks/meaning_eval.py [--corpus ../shared/corpora/news-dev] [--json OUT]

For each story of news-dev (Fox News, New York Times, HuffPost; gold.json
graded strong / medium / weak), every pair of sentences from two different
outlets is one candidate. Positives are the gold pairs; negatives every
other cross-outlet pair of the same story (weak pairs are left out of both:
a link there is tolerated, not wanted). Each pair is scored by the cosine of
its two sentence vectors, and for each model we report, pooled over the ten
stories:

- AUC of strong pairs against negatives, and of strong+medium against negatives;
- strong recall at precision 0.90 (the issue's figure): the highest strong
  recall over cosine thresholds at which 90 % of the pairs above the
  threshold are gold pairs (of any grade, as the news scorer counts them);
- the same two figures with each story's chance cosine (the median over its
  cross-outlet pairs) subtracted first, as the aligner does, so that one
  threshold fits stories of different topics.

The sentences are the reader's own (``tui.pipeline.load_documents``); the
WordLlama vectors are the aligner's (``sentence_vectors`` over the story's
corpus), the MiniLM vectors ``tui.align.encoder``. It also prints MiniLM's
encoding speed on these sentences. The texts are the publishers' copyright:
``../shared/tools/make_news_dev.py`` builds them; nothing of them is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.align import encoder  # noqa: E402
from tui.align.candidates import build_corpus  # noqa: E402
from tui.align.embedding import load_model, sentence_vectors  # noqa: E402
from tui.pipeline import load_documents  # noqa: E402

DEFAULT_CORPUS = ROOT.parent.parent / "shared" / "corpora" / "news-dev"
PRECISION = 0.90
RANK = {"weak": 1, "medium": 2, "strong": 3}


def locate(texts: dict[str, str], spans: dict[str, list[tuple[int, int]]], key: str, quote: str):
    """The sentence index holding ``quote`` (the one its start falls in, else the first overlap)."""
    start = texts[key].find(quote)
    if start < 0:
        raise ValueError(f"gold quote not found in {key}: {quote!r}")
    end = start + len(quote)
    hits = [i for i, (a, b) in enumerate(spans[key]) if a < end and start < b]
    if not hits:
        return None
    inside = [i for i in hits if spans[key][i][0] <= start < spans[key][i][1]]
    return (inside or hits)[0]


def story(name: str, event: dict, textdir: Path, static) -> dict:
    """Cosines and labels of every cross-outlet pair of one story."""
    keys = sorted(event["files"])
    paths = [str(textdir / name / event["files"][key]) for key in keys]
    documents = load_documents(paths)
    texts = {key: doc.text for key, doc in zip(keys, documents, strict=True)}
    spans = {
        key: [(s.start, s.end) for s in doc.sentences]
        for key, doc in zip(keys, documents, strict=True)
    }
    offsets = dict(zip(keys, np.cumsum([0] + [len(d.sentences) for d in documents]), strict=False))
    sentences = [s.text for doc in documents for s in doc.sentences]
    source = np.repeat(np.arange(len(documents)), [len(d.sentences) for d in documents])

    gold: dict[tuple[int, int], str] = {}
    for ka, qa, kb, qb, grade in event["links"]:
        ia, ib = locate(texts, spans, ka, qa), locate(texts, spans, kb, qb)
        if ia is None or ib is None:
            continue
        a, b = int(offsets[ka] + ia), int(offsets[kb] + ib)
        pair = (min(a, b), max(a, b))
        if RANK[grade] > RANK.get(gold.get(pair, ""), 0):
            gold[pair] = grade

    corpus = build_corpus(documents)
    _, _, wordllama = sentence_vectors(static, corpus.counts, corpus.surface)
    began = time.perf_counter()
    minilm = encoder.encode(sentences)
    seconds = time.perf_counter() - began

    rows, cols = np.triu_indices(len(sentences), k=1)
    cross = source[rows] != source[cols]
    rows, cols = rows[cross], cols[cross]
    label = np.array([gold.get((int(a), int(b)), "") for a, b in zip(rows, cols, strict=True)])
    result = {"label": label, "sentences": len(sentences), "seconds": seconds}
    for model, vectors in (("wordllama", wordllama), ("minilm", minilm)):
        cosine = np.einsum("ij,ij->i", vectors[rows], vectors[cols])
        result[model] = cosine
        result[model + "_centred"] = cosine - np.median(cosine)
    return result


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    scores = np.concatenate([positive, negative])
    ranks = np.empty(len(scores))
    order = np.argsort(scores, kind="mergesort")
    ranks[order] = np.arange(1, len(scores) + 1)
    # Average the ranks of ties.
    sorted_scores = scores[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for begin, count in zip(first[counts > 1], counts[counts > 1], strict=True):
        ranks[order[begin : begin + count]] = begin + (count + 1) / 2
    n_pos, n_neg = len(positive), len(negative)
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def recall_at_precision(score: np.ndarray, label: np.ndarray) -> tuple[float, float]:
    """Best strong recall where precision (gold of any grade) is >= 0.90, and its threshold."""
    keep = label != "weak"
    score, label = score[keep], label[keep]
    order = np.argsort(-score, kind="mergesort")
    right = np.cumsum(label[order] != "")
    strong = np.cumsum(label[order] == "strong")
    precision = right / np.arange(1, len(order) + 1)
    ok = np.flatnonzero(precision >= PRECISION)
    if len(ok) == 0:
        return 0.0, float("nan")
    best = ok[np.argmax(strong[ok])]
    return float(strong[best] / max(1, (label == "strong").sum())), float(score[order][best])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    gold_path, textdir = args.corpus / "gold.json", args.corpus / "texts"
    if not gold_path.is_file() or not textdir.is_dir():
        print(f"meaning_eval: no news-dev gold and texts under {args.corpus}", file=sys.stderr)
        return 2
    if encoder.load() is None:
        problem = encoder.problem()
        print(f"meaning_eval: the MiniLM encoder cannot be loaded: {problem}", file=sys.stderr)
        return 2
    static = load_model()
    if static is None:
        print("meaning_eval: the WordLlama vectors are not installed", file=sys.stderr)
        return 2
    began = time.perf_counter()
    encoder.load()
    load_seconds = time.perf_counter() - began
    events = json.loads(gold_path.read_text(encoding="utf-8"))["events"]
    stories = [story(name, event, textdir, static) for name, event in events.items()]
    label = np.concatenate([s["label"] for s in stories])
    sentences = sum(s["sentences"] for s in stories)
    seconds = sum(s["seconds"] for s in stories)
    figures: dict[str, object] = {
        "pairs": len(label),
        "strong": int((label == "strong").sum()),
        "medium": int((label == "medium").sum()),
        "sentences": sentences,
        "minilm_load_s": round(load_seconds, 2),
        "minilm_sentences_per_s": round(sentences / seconds, 1),
    }
    negative = label == ""
    print(
        f"{len(stories)} stories, {sentences} sentences, {len(label):,} cross-outlet pairs "
        f"({figures['strong']} strong, {figures['medium']} medium gold); "
        f"MiniLM load {load_seconds:.2f} s, {sentences / seconds:.0f} sentences/s"
    )
    print(f"{'cosine':<20} {'AUC strong':>10} {'AUC s+m':>8} {'R@P0.90':>8} {'at':>7}")
    for model in ("wordllama", "minilm", "wordllama_centred", "minilm_centred"):
        score = np.concatenate([s[model] for s in stories])
        auc_strong = auc(score[label == "strong"], score[negative])
        auc_sm = auc(score[(label == "strong") | (label == "medium")], score[negative])
        recall, threshold = recall_at_precision(score, label)
        figures[model] = {
            "auc_strong": round(auc_strong, 4),
            "auc_strong_medium": round(auc_sm, 4),
            "strong_recall_at_p90": round(recall, 4),
            "threshold": round(threshold, 4),
        }
        print(f"{model:<20} {auc_strong:>10.3f} {auc_sm:>8.3f} {recall:>8.3f} {threshold:>7.3f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
