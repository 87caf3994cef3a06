"""Score a Synoptic JSON export of the news sample against the graded gold alignment.

    .venv/bin/synoptic --export json -o /tmp/news.json \\
        samples/news/bbc.txt samples/news/business-standard.txt samples/news/cbs-news.txt
    python benchmarks/score_news.py /tmp/news.json [--gold tests/data/news_gold.json] [--json]

The gold (``tests/data/news_gold.json``) lists pairs of sentences from two different
outlets that a careful reader links, graded ``strong``, ``medium`` or ``weak``. Each side
is given as a file name and a quote: an exact substring of the decoded file text lying
inside one sentence. The quote, not a sentence index, is the anchor, so the gold survives
changes to the sentence splitter.

Each gold side maps to the export sentence(s) of that source whose ``[start, end)`` span
overlaps the quote's span. Then:

- a gold pair is FOUND when some link joins a sentence of side a to a sentence of side b;
- a link is RIGHT when it joins the sentences of some gold pair, of any grade.

Recall is reported per grade; precision is over all links between two different files of
the sample (links to or within other sources are ignored). Source texts are read from the
export's ``sources[].path`` when that file exists, else from ``samples/news/<name>``.

Exit status: 0 on success, 2 (with a one-line message) when the export does not contain
the sample's files or the gold does not fit the texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "data" / "news_gold.json"
SAMPLE_DIR = ROOT / "samples" / "news"
GRADES = ("strong", "medium", "weak")

Sentence = tuple[int, int]  # (source index in the export, sentence index)


class ScoreError(ValueError):
    """The export, the gold or the texts do not fit together."""


def _base(name: str) -> str:
    return Path(name).name


def source_indices(export: dict[str, Any], files: list[str]) -> dict[str, int]:
    """Map each gold file name to the index of the export source that holds it.

    A source matches by the base name of its ``name`` or ``path``. Raises ScoreError
    when a file is missing or held by several sources.
    """
    found: dict[str, list[int]] = {f: [] for f in files}
    for index, source in enumerate(export.get("sources", [])):
        names = {_base(str(source.get(key) or "")) for key in ("name", "path")}
        for f in files:
            if f in names:
                found[f].append(index)
    missing = [f for f, hits in found.items() if not hits]
    if missing:
        raise ScoreError(f"export does not contain {', '.join(missing)} (need {', '.join(files)})")
    doubled = [f for f, hits in found.items() if len(hits) > 1]
    if doubled:
        raise ScoreError(f"export contains {', '.join(doubled)} more than once")
    return {f: hits[0] for f, hits in found.items()}


def locate(
    export: dict[str, Any], source: int, text: str, file: str, quote: str
) -> frozenset[Sentence]:
    """Return the sentences of ``source`` whose span overlaps the quote's span in ``text``."""
    start = text.find(quote)
    if start < 0:
        raise ScoreError(f"gold quote not found in {file}: {quote!r}")
    if text.find(quote, start + 1) >= 0:
        raise ScoreError(f"gold quote not unique in {file}: {quote!r}")
    end = start + len(quote)
    sentences = export["sources"][source].get("sentences", [])
    hits = frozenset(
        (source, i)
        for i, s in enumerate(sentences)
        if int(s["start"]) < end and start < int(s["end"])
    )
    if not hits:
        raise ScoreError(f"gold quote lies in no sentence of {file}: {quote!r}")
    return hits


def _joins(link: frozenset[Sentence], a: frozenset[Sentence], b: frozenset[Sentence]) -> bool:
    """True when the link's two sentences lie one in ``a`` and the other in ``b``."""
    x, y = tuple(link)
    return (x in a and y in b) or (y in a and x in b)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(export: dict[str, Any], gold: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """Score ``export`` (a Synoptic JSON export) against ``gold``.

    ``texts`` maps each file name of ``gold["files"]`` to its decoded text, the one the
    export's character offsets refer to. Returns a dict with ``grades`` (per grade:
    ``gold``, ``found``, ``recall``), ``all`` (the same over every grade), ``links``,
    ``right``, ``precision``, ``strong_recall``, and ``missed`` / ``wrong_links`` for
    inspection. Raises ScoreError when the export lacks a file or a quote does not fit.
    """
    files: list[str] = list(gold["files"])
    index = source_indices(export, files)
    for f in files:
        if f not in texts:
            raise ScoreError(f"no text given for {f}")

    considered = set(index.values())
    links: set[frozenset[Sentence]] = set()
    for link in export.get("links", []):
        a: Sentence = (int(link["source_a"]), int(link["sentence_a"]))
        b: Sentence = (int(link["source_b"]), int(link["sentence_b"]))
        if a[0] != b[0] and a[0] in considered and b[0] in considered:
            links.add(frozenset((a, b)))

    per_grade = {g: {"gold": 0, "found": 0} for g in GRADES}
    right: set[frozenset[Sentence]] = set()
    best_grade: dict[frozenset[Sentence], str] = {}
    missed: list[dict[str, str]] = []
    for pair in gold["pairs"]:
        grade = str(pair["grade"])
        if grade not in per_grade:
            raise ScoreError(f"unknown grade {grade!r} in gold")
        sides = []
        for key in ("a", "b"):
            side = pair[key]
            f = str(side["file"])
            if f not in index:
                raise ScoreError(f"gold names {f}, which is not in its files list")
            sides.append(locate(export, index[f], texts[f], f, str(side["quote"])))
        hits = {link for link in links if _joins(link, sides[0], sides[1])}
        per_grade[grade]["gold"] += 1
        if hits:
            per_grade[grade]["found"] += 1
        else:
            missed.append({"grade": grade, "a": pair["a"]["quote"], "b": pair["b"]["quote"]})
        for link in hits:
            right.add(link)
            previous = best_grade.get(link)
            if previous is None or GRADES.index(grade) < GRADES.index(previous):
                best_grade[link] = grade

    grades = {
        g: {**counts, "recall": _ratio(counts["found"], counts["gold"])}
        for g, counts in per_grade.items()
    }
    total_gold = sum(c["gold"] for c in per_grade.values())
    total_found = sum(c["found"] for c in per_grade.values())
    names = {i: f for f, i in index.items()}
    sentences = {i: export["sources"][i].get("sentences", []) for i in index.values()}

    def describe(link: frozenset[Sentence]) -> dict[str, str]:
        (sa, ia), (sb, ib) = sorted(link)
        return {
            "a": f"{names[sa]}#{ia}: {sentences[sa][ia].get('text', '')}",
            "b": f"{names[sb]}#{ib}: {sentences[sb][ib].get('text', '')}",
        }

    return {
        "grades": grades,
        "all": {
            "gold": total_gold,
            "found": total_found,
            "recall": _ratio(total_found, total_gold),
        },
        "links": len(links),
        "right": len(right),
        "precision": _ratio(len(right), len(links)),
        "right_by_grade": {g: sum(1 for v in best_grade.values() if v == g) for g in GRADES},
        "strong_recall": grades["strong"]["recall"],
        "missed": missed,
        "wrong_links": [describe(link) for link in sorted(links - right, key=sorted)],
    }


def read_texts(export: dict[str, Any], files: list[str]) -> dict[str, str]:
    """Read each sample file's text: the export's ``path`` if it exists, else samples/news."""
    index = source_indices(export, files)
    texts: dict[str, str] = {}
    for f in files:
        source = export["sources"][index[f]]
        encoding = str(source.get("encoding") or "utf-8")
        path = Path(str(source.get("path") or ""))
        if not (source.get("path") and path.is_file()):
            path = SAMPLE_DIR / f
        try:
            texts[f] = path.read_text(encoding=encoding)
        except (OSError, LookupError, UnicodeDecodeError) as error:
            raise ScoreError(f"cannot read {f} from {path}: {error}") from error
    return texts


def format_table(result: dict[str, Any]) -> str:
    """Render the result of :func:`score` as a plain-text table."""
    lines = [f"{'grade':<8}{'gold':>6}{'found':>7}{'recall':>8}"]
    for g in GRADES:
        row = result["grades"][g]
        lines.append(f"{g:<8}{row['gold']:>6}{row['found']:>7}{row['recall']:>8.3f}")
    row = result["all"]
    lines.append(f"{'all':<8}{row['gold']:>6}{row['found']:>7}{row['recall']:>8.3f}")
    lines.append("")
    by_grade = ", ".join(f"{g} {n}" for g, n in result["right_by_grade"].items())
    lines.append(f"{'links':<8}{'right':>6}{'precision':>11}")
    lines.append(f"{result['links']:<8}{result['right']:>6}{result['precision']:>11.3f}")
    lines.append(f"right links by best grade: {by_grade}")
    lines.append("")
    lines.append(f"strong R {result['strong_recall']:.3f}  P {result['precision']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="Synoptic JSON export of the news sample")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="graded gold JSON")
    parser.add_argument("--json", action="store_true", help="print the result dict as JSON")
    args = parser.parse_args(argv)
    try:
        export = json.loads(args.export.read_text(encoding="utf-8"))
        gold = json.loads(args.gold.read_text(encoding="utf-8"))
        texts = read_texts(export, list(gold["files"]))
        result = score(export, gold, texts)
    except ScoreError as error:
        print(f"score_news: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"score_news: cannot read input: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
