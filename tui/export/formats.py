"""Write a comparison as JSON, CSV, Markdown or HTML.

JSON is the documented, stable contract (``version`` 1, see the README):
the reader, the tests and users' scripts rely on its shape, so fields are
only ever added, never renamed or removed (``flags`` was added with the
disagreements; manual links carry ``manual: true``). CSV and Markdown are
for people: one row per synopsis row, control characters made visible so
that a file printed to a terminal cannot drive it; in verse-numbered texts
each cell starts with the verses it covers (``[3:19–20]``). HTML lives in
:mod:`tui.export.html`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from tui.compare.coverage import only_here
from tui.compare.disagreements import all_flags
from tui.compare.flags import Flag
from tui.compare.synopsis import synopsis_rows
from tui.export.html import to_html
from tui.export.json_layout import Records, dumps, plain
from tui.export.kinds import EXTENSIONS as KINDS_EXTENSIONS
from tui.ingest.safe_text import visible, without_surrogates
from tui.ingest.verses import ref_span
from tui.model import Comparison, Document, Link
from tui.wording import count

FORMAT_VERSION = 1


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The JSON contract as plain data."""
    result: dict[str, Any] = plain(_contract(comparison))
    return result


def _contract(comparison: Comparison) -> dict[str, Any]:
    """The JSON contract, its long lists as :class:`Records` made when written."""
    alignment = comparison.alignment
    return {
        "version": FORMAT_VERSION,
        "threshold": comparison.threshold,
        "sources": [
            {
                "name": document.name,
                "path": None if document.path is None else without_surrogates(document.path),
                "title": document.title,
                "encoding": document.encoding,
                "sentences": Records.of_fields(
                    document.sentences,
                    _attributes("start", "end", "paragraph", "text", "ref"),
                ),
                "boilerplate": Records.of_fields(
                    document.boilerplate,
                    _attributes("start", "end", "text", "kind"),
                ),
                **_source_format(document),
            }
            for document in comparison.documents
        ],
        "links": Records.of_fields(
            alignment.links,
            {
                **_attributes(
                    "source_a", "sentence_a", "source_b", "sentence_b", "score", "manual"
                ),
                "why": _why_of(comparison),
            },
        ),
        "groups": Records(
            alignment.groups,
            lambda group: {
                "members": [list(member) for member in group.members],
                "score": group.score,
            },
        ),
        "unique": Records(alignment.unique, list),
        "flags": Records(all_flags(comparison), _flag_dict),
    }


def _attributes(*names: str) -> dict[str, Callable[[Any], Any]]:
    """JSON fields named as the object's attributes they are read from."""
    return {name: attrgetter(name) for name in names}


def _source_format(document: Document) -> dict[str, Any]:
    """``format``; for every format but text (and for a fetched URL, which has no
    file to point into), the extracted ``text`` the offsets index; ``url``,
    ``date`` and ``site`` when known (added with issue 11)."""
    extra: dict[str, Any] = {"format": document.format}
    if document.format != "text" or document.url is not None:
        extra["text"] = document.text
    for key in ("url", "date", "site"):
        value = getattr(document, key)
        if value is not None:
            extra[key] = value
    return extra


def _flag_dict(flag: Flag) -> dict[str, Any]:
    """A disagreement; spans are offsets into the two sentences' ``text``."""
    return {
        "kind": flag.kind,
        "group": flag.group,
        "a": list(flag.a),
        "b": list(flag.b),
        "a_text": flag.a_text,
        "a_start": flag.a_span[0],
        "a_end": flag.a_span[1],
        "b_text": flag.b_text,
        "b_start": flag.b_span[0],
        "b_end": flag.b_span[1],
        "minor": flag.minor,
        "note": flag.note,
    }


def to_json(comparison: Comparison) -> str:
    """The contract as JSON text, a record a line (:mod:`tui.export.json_layout`)."""
    return dumps(_contract(comparison))


CSV_SENTENCE_BREAK = "\n"
"""Between two sentences of one CSV cell: a line break inside the quoted cell,
which spreadsheets show as one, so a headline does not run into the lead."""
MARKDOWN_SENTENCE_BREAK = "<br>"
"""Between two sentences of one Markdown table cell (a table row is one line)."""


def _cell_texts(
    comparison: Comparison,
) -> list[tuple[str, list[list[str]], list[str | None]]]:
    """(score, each source's sentences, the verses each covers) for every synopsis row.

    The sentences of a cell are kept apart, for each format to separate in
    its own way: joined with a space, "Trump cancels new North Korea
    sanctions US President Donald Trump says…" read as one sentence.
    """
    documents = comparison.documents
    table = []
    for row in synopsis_rows(comparison):
        texts = []
        refs = []
        for source, cell in enumerate(row.cells):
            sentences = [documents[source].sentences[index] for index in cell]
            texts.append([visible(sentence.text) for sentence in sentences])
            refs.append(ref_span(sentences))
        table.append(("" if row.score is None else f"{row.score:.1f}", texts, refs))
    return table


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (CSV injection)."""


def _as_text(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets
    a leading apostrophe (the OWASP advice for CSV injection)."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def to_csv(comparison: Comparison) -> str:
    """A row per synopsis row: its score, then each source's text.

    Scraped text may start with ``=``, ``+``, ``-`` or ``@``; such cells are
    prefixed with ``'`` so that spreadsheets show them rather than run them.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [_as_text(visible(doc.name)) for doc in comparison.documents]
    writer.writerow(["row", "score", *names])
    for number, (score, texts, refs) in enumerate(_cell_texts(comparison), start=1):
        joined = [CSV_SENTENCE_BREAK.join(cell) for cell in texts]
        cells = [
            text if ref is None else f"[{ref}] {text}"
            for text, ref in zip(joined, refs, strict=True)
        ]
        writer.writerow([number, score, *(_as_text(cell) for cell in cells)])
    return buffer.getvalue()


def md_escape(text: str) -> str:
    """Escape a cell or heading for Markdown.

    ``<``, ``>`` and ``&`` become entities, never backslash escapes: a viewer
    that renders inline HTML (most do) would otherwise run a source's
    ``<script>`` or ``<img onerror=…>``; an entity is shown as the character.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace("\\", "\\\\").replace("|", "\\|")
    for char in "*_`[]#":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def to_markdown(comparison: Comparison) -> str:
    """The synopsis as a Markdown table, with a summary per source."""
    documents = comparison.documents
    alignment = comparison.alignment
    lines = ["# Synoptic comparison", ""]
    unique_count = [0] * len(documents)
    for source, _ in alignment.unique:
        unique_count[source] += 1
    for number, document in enumerate(documents):
        title = f": {md_escape(visible(document.title))}" if document.title else ""
        total = len(document.sentences)
        lines.append(
            f"- **{md_escape(visible(document.name))}**{title} — {count(total, 'sentence')}, "
            f"{total - unique_count[number]} shared, {unique_count[number]} only here"
        )
    lines += [
        "",
        "| # | score | " + " | ".join(md_escape(visible(d.name)) for d in documents) + " |",
    ]
    lines.append("|---:|---:|" + "---|" * len(documents))
    for number, (score, texts, refs) in enumerate(_cell_texts(comparison), start=1):
        joined = [MARKDOWN_SENTENCE_BREAK.join(md_escape(text) for text in cell) for cell in texts]
        cells = [
            t if r is None else f"**{md_escape(r)}** {t}" for t, r in zip(joined, refs, strict=True)
        ]
        lines.append(f"| {number} | {score} | " + " | ".join(cells) + " |")
    lines += _only_here_lines(comparison)
    return "\n".join(lines) + "\n"


def _only_here_lines(comparison: Comparison) -> list[str]:
    """The "Only here" section: per source, the passages no other source has."""
    lines = ["", "## Only here"]
    for document, passages in zip(comparison.documents, only_here(comparison), strict=True):
        lines += ["", f"### {md_escape(visible(document.name))}", ""]
        if not passages:
            lines.append("Nothing: every sentence is found in another source.")
        for passage in passages:
            first, last = passage.first + 1, passage.last + 1
            where = f"sentence {first}" if first == last else f"sentences {first}–{last}"
            sentences = document.sentences
            verses = ref_span([sentences[passage.first], sentences[passage.last]])
            if verses is not None:
                where = verses
            lines.append(f"- {md_escape(where)}: {md_escape(visible(passage.text))}")
    return lines


FORMATS: dict[str, Callable[[Comparison], str]] = {
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
    "html": to_html,
}
"""Every export format by name, in the order the CLI and the dialog offer them."""

EXTENSIONS = KINDS_EXTENSIONS
"""The usual file extension of each format (``tui.export.kinds``)."""


def export_text(comparison: Comparison, kind: str) -> str:
    """The export of ``comparison`` in format ``kind``: the one path of ``--export``
    and the reader's dialog, so both write the same file (sources in command-line
    order, HTML rows in the first source's order)."""
    # File names that are not UTF-8 are shown with U+FFFD: the export is valid UTF-8.
    return without_surrogates(FORMATS[kind](comparison))


def _why_of(comparison: Comparison) -> Callable[[Link], list[str]]:
    """The links' ``why`` (``tui.export.why_field``), imported only when an export
    is made: numpy and the evidence helpers are not for the reader's first frame."""
    from tui.export.why_field import why_of

    return why_of(comparison)
