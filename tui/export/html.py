"""The synopsis as one self-contained HTML page.

Meant to be mailed, archived or opened years later: inline CSS, no script,
no font, image or link to anything outside the file. One table, one column
per source, one row per aligned passage in the reference source's order;
inside a row, each sentence is compared with the sentence of the
reference it is linked to (the reference is the first source that has the
passage when the reference lacks it; see :mod:`tui.compare.pairwise`): for
a close pair, words a source adds are ``<ins>``, words of the reference it
lacks or changes are ``<del>``, case and punctuation changes are
``.minor``; a loose paraphrase is shown plainly, the words both share
marked ``.same``. Each sentence of a cell starts a line (``<br>``). In a
verse-numbered text each cell starts with the verses it covers
(``<span class="ref">3:19–20</span>``). Passages
only one source has are marked ``only here``; rows with a possible
disagreement carry its description.

All source text is escaped with :func:`html.escape` after control characters
are made visible, so a ``<script>`` in a scraped page is shown, never run.
"""

from __future__ import annotations

import html
from collections import defaultdict

from tui.compare.coverage import coverage
from tui.compare.disagreements import all_flags
from tui.compare.flags import Flag
from tui.compare.pairwise import row_marks
from tui.compare.synopsis import Row, synopsis_rows
from tui.compare.wordiff import Mark
from tui.ingest.safe_text import visible
from tui.ingest.verses import ref_span
from tui.model import Comparison

CSS = """
body { font: 15px/1.45 Georgia, serif; margin: 1.5em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c8c8c8; padding: .35em .5em; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; position: sticky; top: 0; }
td.num, td.score { color: #666; font-size: .85em; white-space: nowrap; text-align: right; }
td.empty { background: #f6f6f6; }
tr.only td.cell:not(.empty) { background: #fff8e1; }
ins { background: #c9f2c9; text-decoration: none; }
del { background: #f8cdcd; text-decoration: line-through #b44; }
.minor { background: #e6e6fa; border-bottom: 1px dotted #669; }
.moved { background: #eef0f3; border-bottom: 1px dashed #667; }
.same { border-bottom: 2px solid #6a9fd4; }
.badge { font: .75em sans-serif; background: #f0c36d; padding: 0 .35em; border-radius: 3px; }
.ref { font: .8em sans-serif; color: #555; margin-right: .3em; }
.flag { display: block; font: .8em sans-serif; color: #8a4b00; margin-top: .3em; }
.legend span, .legend ins, .legend del { padding: 0 .3em; }
"""


SENTENCE_BREAK = "<br>"
"""Between two sentences of one cell."""


def to_html(comparison: Comparison, reference: int = 0) -> str:
    """The whole page as a string."""
    documents = comparison.documents
    title = "Synoptic comparison"
    flags = all_flags(comparison, reference)
    by_group: dict[int, list[Flag]] = defaultdict(list)
    for flag in flags:
        by_group[flag.group].append(flag)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        _summary(comparison, flags),
        '<p class="legend">Compared with the first column that has the passage: '
        "<ins>added</ins> <del>missing or changed</del> "
        '<span class="minor">case or punctuation only</span> '
        '<span class="moved">said at another place</span> '
        '<span class="same">shared by a loose paraphrase</span> '
        '<span class="badge">only here</span></p>',
        '<table class="synopsis"><thead><tr><th>#</th><th>score</th>',
        *(f"<th>{_escape(document.name)}</th>" for document in documents),
        "</tr></thead><tbody>",
    ]
    for number, row in enumerate(synopsis_rows(comparison, reference), start=1):
        notes = by_group.get(row.group, []) if row.group is not None else []
        parts.append(_row(comparison, row, number, reference, notes))
    parts += ["</tbody></table>", "</body></html>", ""]
    return "\n".join(parts)


def _summary(comparison: Comparison, flags: list[Flag]) -> str:
    """The coverage table: sentences, share found in each other source, unique, flagged."""
    documents = comparison.documents
    head = "".join(f"<th>in {_escape(d.name)}</th>" for d in documents)
    rows = []
    for line in coverage(comparison, flags):
        shares = "".join(
            "<td>–</td>" if share is None else f"<td>{share:.0%}</td>" for share in line.found_in
        )
        rows.append(
            f"<tr><th>{_escape(documents[line.source].name)}</th><td>{line.sentences}</td>"
            f"{shares}<td>{line.unique}</td><td>{line.flagged}</td></tr>"
        )
    return (
        '<h2>Coverage</h2><table class="coverage"><thead><tr><th>source</th><th>sentences</th>'
        f"{head}<th>only here</th><th>flagged</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table><h2>Synopsis</h2>"
    )


def _row(comparison: Comparison, row: Row, number: int, reference: int, flags: list[Flag]) -> str:
    documents = comparison.documents
    present = row.sources
    base = reference if row.cells[reference] else present[0]
    painted = row_marks(comparison, row, base)
    only = len(present) == 1
    classes = "only" if only else "shared"
    if flags:
        classes += " flagged"
    score = "" if row.score is None else f"{row.score:.1f}"
    cells = [f'<td class="num">{number}</td><td class="score">{score}</td>']
    for source, cell in enumerate(row.cells):
        if not cell:
            cells.append('<td class="cell empty"></td>')
            continue
        sentences = documents[source].sentences
        # One sentence a line: a headline never runs into the lead.
        body = SENTENCE_BREAK.join(
            _paint(sentences[item.sentence].text, item.marks) for item in painted[source]
        )
        verses = ref_span([sentences[index] for index in cell])
        if verses is not None:  # a verse-numbered text: where the passage is, cited
            body = f'<span class="ref">{_escape(verses)}</span>' + body
        if only:
            body = '<span class="badge">only here</span> ' + body
        if source == base and flags:
            # One line per thing said: a case change the base's quote makes
            # against two sources (or twice in one) is one flag for a reader.
            said = dict.fromkeys(_flag_text(flag) for flag in flags)
            body += "".join(f'<span class="flag">⚑ {text}</span>' for text in said)
        cells.append(f'<td class="cell">{body}</td>')
    return f'<tr class="{classes}" id="row-{number}">' + "".join(cells) + "</tr>"


def _paint(text: str, marks: list[Mark]) -> str:
    """Escape ``text`` and wrap its marked spans in ins/del/minor/moved markup."""
    if not marks:
        return _escape(text)
    pieces = []
    for mark in marks:
        chunk = _escape(text[mark.start : mark.end])
        if mark.kind == "ins":
            pieces.append(f"<ins>{chunk}</ins>")
        elif mark.kind == "del":
            pieces.append(f"<del>{chunk}</del>")
        elif mark.kind in ("minor", "moved"):
            pieces.append(f'<span class="{mark.kind}">{chunk}</span>')
        elif mark.kind == "shared":
            pieces.append(f'<span class="same">{chunk}</span>')
        else:
            pieces.append(chunk)
    return "".join(pieces)


def _flag_text(flag: Flag) -> str:
    kind = {"number": "number", "date": "date", "name": "name spelled two ways"}.get(
        flag.kind, "quote worded differently"
    )
    if flag.kind == "quote" and flag.minor:
        kind = "quote spelled differently"
    if flag.kind == "name" and flag.minor:
        kind = "name, a spelling variant"
    return _escape(f"{kind}: {flag.note}")


def _escape(text: str) -> str:
    return html.escape(visible(text), quote=True)
