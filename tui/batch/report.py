"""The coverage report of a batch: per source name, across all its stories.

"What does each outlet leave out?": for every source name (``fox``, ``nyt``
...) the stories it is in, its sentences, the share of them another source
of the same story also reports, the sentences it alone reports, and the real
disagreements (numbers, dates, names, quote wording; minor ones left out) it
is part of per story. Read from the ``stories`` table only (its per-source
counts), so a report of a million stories reads a few columns, not the
sentences. Written as ``report.md`` and ``report.html`` (a bar chart of the
shares, inline SVG, every name escaped).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from tui.batch.tables import story_batches
from tui.export.formats import md_escape
from tui.export.output import write_atomically
from tui.ingest.safe_text import visible
from tui.wording import count as counted

COLUMNS = ["sources", "source_sentences", "source_unique", "source_flags"]


@dataclass(slots=True)
class OutletLine:
    """One source name's figures across the corpus."""

    name: str
    stories: int = 0
    sentences: int = 0
    unique: int = 0
    flags: int = 0

    @property
    def shared(self) -> int:
        return self.sentences - self.unique

    @property
    def shared_share(self) -> float | None:
        return self.shared / self.sentences if self.sentences else None

    @property
    def flags_per_story(self) -> float:
        return self.flags / self.stories if self.stories else 0.0


def outlet_lines(outdir: Path) -> tuple[int, list[OutletLine]]:
    """(stories, one line per source name, most stories first, then by name)."""
    stories = 0
    lines: dict[str, OutletLine] = {}
    for batch in story_batches(outdir, COLUMNS):
        stories += batch.num_rows
        columns = [batch.column(name).to_pylist() for name in COLUMNS]
        for names, sentences, unique, flags in zip(*columns, strict=True):
            for name, count, alone, flagged in zip(names, sentences, unique, flags, strict=True):
                line = lines.setdefault(name, OutletLine(name))
                line.stories += 1
                line.sentences += count
                line.unique += alone
                line.flags += flagged
    ordered = sorted(lines.values(), key=lambda line: (-line.stories, line.name))
    return stories, ordered


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.1%}"


def to_markdown(stories: int, lines: list[OutletLine]) -> str:
    rows = [
        "# Synoptic batch: coverage per source",
        "",
        f"{counted(stories, 'story')}. *Shared*: the share of a source's sentences that another "
        "source of the same story also reports; *only here*: the sentences no other "
        "source of the story has; *flags*: real disagreements (numbers, dates, names, "
        "quote wording) the source is part of, per story.",
        "",
        "| source | stories | sentences | shared | only here | flags per story |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for line in lines:
        name = md_escape(visible(line.name))  # no <script>, no [link](javascript:)
        rows.append(
            f"| {name} | {line.stories} | {line.sentences} | {_percent(line.shared_share)} "
            f"| {line.unique} | {line.flags_per_story:.2f} |"
        )
    return "\n".join(rows) + "\n"


def to_html(stories: int, lines: list[OutletLine]) -> str:
    bar_height, gap, label_width, width = 18, 6, 160, 300
    bars = []
    for number, line in enumerate(lines):
        y = number * (bar_height + gap)
        share = line.shared_share or 0.0
        name = html.escape(visible(line.name))
        bars.append(
            f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">{name}</text>'
            f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar_height}" '
            f'fill="#eee"/><rect x="{label_width}" y="{y}" width="{share * width:.1f}" '
            f'height="{bar_height}" fill="#4a7ab5"><title>{name}: '
            f"{_percent(line.shared_share)} shared</title></rect>"
            f'<text x="{label_width + width + 6}" y="{y + 13}">'
            f"{_percent(line.shared_share)}</text>"
        )
    height = max(1, len(lines)) * (bar_height + gap)
    rows = "".join(
        f"<tr><td>{html.escape(visible(line.name))}</td><td>{line.stories}</td>"
        f"<td>{line.sentences}</td><td>{_percent(line.shared_share)}</td>"
        f"<td>{line.unique}</td><td>{line.flags_per_story:.2f}</td></tr>"
        for line in lines
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Synoptic batch: coverage per source</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
svg text {{ font-size: 12px; }}
</style></head><body>
<h1>Coverage per source</h1>
<p>{stories} stories. Share of each source's sentences that another source of the
same story also reports:</p>
<svg width="{label_width + width + 60}" height="{height}" role="img"
 aria-label="shared share per source">{"".join(bars)}</svg>
<table><thead><tr><th>source</th><th>stories</th><th>sentences</th><th>shared</th>
<th>only here</th><th>flags per story</th></tr></thead><tbody>{rows}</tbody></table>
</body></html>
"""


def write_report(outdir: Path) -> str:
    """Write ``report.md`` and ``report.html`` into ``outdir``; return the Markdown."""
    stories, lines = outlet_lines(outdir)
    markdown = to_markdown(stories, lines)
    write_atomically(outdir / "report.md", markdown)
    write_atomically(outdir / "report.html", to_html(stories, lines))
    return markdown
