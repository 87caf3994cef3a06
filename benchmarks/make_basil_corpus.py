"""The 100 BASIL stories as a ``synoptic batch`` input: one folder per story.

BASIL (Fan et al., EMNLP 2019) holds 100 stories, each told by Fox News, the
New York Times and HuffPost. This writes ``OUT/<year>-<uuid>/{fox,nyt,hpo}.txt``
(the title, a blank line, then the body paragraphs separated by blank
lines, as ``../shared/tools/make_news_dev.py`` renders them) from a mirror of
launchnlp/BASIL: a bare git mirror (read at the pinned commit, else HEAD) or
a checkout. The texts are the publishers' copyright: they go to a temporary
folder (or ``--out``, outside the repository), never into the repo.

    .venv/bin/python benchmarks/make_basil_corpus.py [--mirror PATH] [--out DIR]
    .venv/bin/synoptic batch DIR -o OUTDIR
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIRROR = Path("/work/.mirror/launchnlp+BASIL/repo")
BASIL_COMMIT = "4fdbc4f68d5ddae648990063cb6dd11424d96222"
OUTLETS = ("fox", "nyt", "hpo")


def _collapse(text: str) -> str:
    return " ".join(text.split())


def render(article: dict[str, object]) -> str:
    """One article's text file: what ``make_news_dev.render`` writes."""
    title = _collapse(str(article["title"]))
    paragraphs = []
    for paragraph in article["body-paragraphs"]:  # type: ignore[attr-defined]
        text = " ".join(s for s in (_collapse(sentence) for sentence in paragraph) if s)
        if text:
            paragraphs.append(text)
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


class Mirror:
    """Files of a BASIL checkout, or of a bare mirror at the pinned commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = (path / "articles").is_dir()
        self.rev = "HEAD"
        if not self.tree:
            known = subprocess.run(
                ["git", "-C", str(path), "cat-file", "-e", BASIL_COMMIT + "^{commit}"],
                capture_output=True,
            )
            if known.returncode == 0:
                self.rev = BASIL_COMMIT
            else:
                print(f"warning: {BASIL_COMMIT[:12]} not in {path}; reading HEAD", file=sys.stderr)

    def articles(self) -> list[str]:
        if self.tree:
            return sorted(
                str(p.relative_to(self.path)) for p in self.path.glob("articles/*/*.json")
            )
        listing = subprocess.run(
            ["git", "-C", str(self.path), "ls-tree", "-r", "--name-only", self.rev, "articles"],
            capture_output=True,
            text=True,
            check=True,
        )
        return sorted(line for line in listing.stdout.splitlines() if line.endswith(".json"))

    def read(self, name: str) -> str:
        if self.tree:
            return (self.path / name).read_text(encoding="utf-8")
        shown = subprocess.run(
            ["git", "-C", str(self.path), "show", f"{self.rev}:{name}"],
            capture_output=True,
            check=True,
        )
        return shown.stdout.decode("utf-8")


def make_basil_corpus(mirror: Path, out: Path) -> int:
    """Write every story; the number of stories written."""
    source = Mirror(mirror)
    stories: dict[str, dict[str, str]] = defaultdict(dict)
    for name in source.articles():
        year, file = name.split("/")[1:3]
        uuid = file.rsplit("_", 1)[0]
        article = json.loads(source.read(name))
        outlet = str(article["source"]).lower()
        if outlet in OUTLETS:
            stories[f"{year}-{uuid}"][outlet] = render(article)
    for story, texts in stories.items():
        folder = out / story
        folder.mkdir(parents=True, exist_ok=True)
        for outlet, text in texts.items():
            (folder / f"{outlet}.txt").write_text(text, encoding="utf-8", newline="\n")
    return len(stories)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--out", type=Path, help="folder to write (default: a new temporary one)")
    args = parser.parse_args()
    if not args.mirror.exists():
        print(
            f"make_basil_corpus: no BASIL mirror at {args.mirror} "
            "(clone github.com/launchnlp/BASIL and pass --mirror)",
            file=sys.stderr,
        )
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="synoptic-basil-"))
    if out.resolve().is_relative_to(ROOT):
        print(
            "make_basil_corpus: the texts are copyright; write them outside the repo",
            file=sys.stderr,
        )
        return 2
    count = make_basil_corpus(args.mirror, out)
    print(f"{count} stories -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
