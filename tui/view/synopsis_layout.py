"""The synopsis table wrapped into screen lines, with word differences, without Textual.

The synopsis view draws with Textual's Line API like the panes do, so every
line of the table must be known up front and cheap to fetch: this module
turns :func:`tui.compare.synopsis.synopsis_rows` into lines of cells, each cell a
tuple of :class:`Span` (text and how to paint it). Word differences are taken
against the reference (active) source's cell, so a reader sees at a glance
what each other outlet adds (``ins``), leaves out (``del`` in the reference
cell) or spells differently (``minor``). Every character passes through
:func:`tui.ingest.safe_text.visible`, which keeps offsets, so marks stay true.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from tui.compare.pairwise import row_marks
from tui.compare.synopsis import Row, synopsis_rows
from tui.compare.wordiff import Mark, MarkKind
from tui.ingest.safe_text import visible
from tui.model import Comparison, SentenceRef
from tui.view.layout import wrap_spans

SEPARATOR = " │ "
"""Between two columns (three cells wide)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of one cell line painted one way."""

    text: str
    kind: MarkKind


CellLine = tuple[Span, ...]


@dataclass(slots=True)
class SynopsisLayout:
    """The whole table at one width: lines, and which synopsis row each belongs to.

    Wrapping (cheap) is done for every row up front, because the scroll
    extent needs every row's height; word differences (dearer) are computed
    only for the rows drawn, and kept, so a long comparison opens at once.
    """

    comparison: Comparison
    width: int
    column_width: int
    rows: list[Row]
    reference: int = 0
    line_row: list[int] = field(default_factory=list)
    """For each line, its synopsis row (the blank rule after a row belongs to it)."""
    row_first: list[int] = field(default_factory=list)
    """For each synopsis row, its first line."""
    row_last: list[int] = field(default_factory=list)
    """For each synopsis row, its last text line (before the rule)."""
    row_texts: list[list[str]] = field(default_factory=list)
    """For each synopsis row, each source's text (empty: the source lacks it)."""
    row_wraps: list[list[list[tuple[int, int]]]] = field(default_factory=list)
    """For each synopsis row and source, the ``(start, end)`` of each wrapped line."""
    ref_row: dict[tuple[int, int], int] = field(default_factory=dict)
    _marks: dict[int, list[list[Mark]]] = field(default_factory=dict)

    @property
    def height(self) -> int:
        return len(self.line_row)

    def row_at(self, line: int) -> int:
        """The synopsis row drawn on ``line`` (clamped into the table)."""
        if not self.rows:
            return -1
        return max(0, min(len(self.rows) - 1, bisect_right(self.row_first, line) - 1))

    def row_of(self, ref: SentenceRef) -> int:
        """The synopsis row holding sentence ``ref``; -1 if none does."""
        return self.ref_row.get(ref, -1)

    def cells_at(self, line: int) -> list[CellLine]:
        """One cell line per source for table ``line`` (all empty on a row's rule)."""
        row = self.line_row[line]
        offset = line - self.row_first[row]
        texts = self.row_texts[row]
        if line > self.row_last[row]:
            return [() for _ in texts]
        marks = self._marks.get(row)
        if marks is None:
            marks = self._marks[row] = cell_marks(self.comparison, self.rows[row], self.reference)
        cells: list[CellLine] = []
        for text, wraps, mark in zip(texts, self.row_wraps[row], marks, strict=True):
            if offset < len(wraps):
                cells.append(cut_line(visible(text), wraps[offset], mark))
            else:
                cells.append(())
        return cells


def column_width(width: int, columns: int) -> int:
    """The text width of each column when ``columns`` share ``width`` cells."""
    columns = max(1, columns)
    return max(4, (width - len(SEPARATOR) * (columns - 1)) // columns)


def cell_marks(comparison: Comparison, row: Row, reference: int) -> list[list[Mark]]:
    """Word-difference marks of each cell of ``row``, in the offsets of its text
    (its sentences joined by a space), against the reference cell.

    The base is the reference cell, or the first non-empty cell when the
    reference source lacks the passage. Each sentence is compared with the
    base sentences it is linked to, as the HTML export does
    (:func:`tui.compare.pairwise.row_marks`): diffing two whole cells lined up
    words of unrelated sentences.
    """
    filled = [index for index, cell in enumerate(row.cells) if cell]
    if not filled:
        return [[] for _ in row.cells]
    base = reference if 0 <= reference < len(row.cells) and row.cells[reference] else filled[0]
    documents = comparison.documents
    marks: list[list[Mark]] = []
    for source, painted in enumerate(row_marks(comparison, row, base)):
        cell: list[Mark] = []
        offset = 0
        for item in painted:
            cell.extend(
                Mark(mark.start + offset, mark.end + offset, mark.kind) for mark in item.marks
            )
            offset += len(documents[source].sentences[item.sentence].text) + 1
        marks.append(cell)
    return marks


def cut_line(shown: str, span: tuple[int, int], marks: list[Mark]) -> CellLine:
    """The wrapped line ``span`` of ``shown`` cut into spans by ``marks``."""
    start, end = span
    spans: list[Span] = []
    for mark in marks:
        low, high = max(start, mark.start), min(end, mark.end)
        if low < high:
            spans.append(Span(shown[low:high], mark.kind))
    if not spans and start < end:
        spans.append(Span(shown[start:end], "equal"))
    return tuple(spans)


def wrap_cell(text: str, marks: list[Mark], width: int) -> list[CellLine]:
    """``text`` wrapped at ``width``, each line cut into spans by ``marks``."""
    shown = visible(text)
    return [cut_line(shown, span, marks) for span in wrap_spans(shown, width)]


def wrap_sentences(sentences: list[str], width: int) -> list[tuple[int, int]]:
    """Wrapped lines of ``" ".join(sentences)``, each sentence starting a line.

    A headline and the lead of one cell read as two sentences only when the
    second starts on a line of its own ("…sanctions US President…" was one
    run-on line); the offsets stay those of the joined text, which the word
    differences are computed on.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for sentence in sentences:
        spans.extend(
            (offset + start, offset + end) for start, end in wrap_spans(visible(sentence), width)
        )
        offset += len(sentence) + 1
    return spans


def layout_synopsis(comparison: Comparison, reference: int, width: int) -> SynopsisLayout:
    """The synopsis of ``comparison`` ordered by ``reference``, wrapped to ``width`` cells."""
    documents = comparison.documents
    cell_width = column_width(width, len(documents))
    rows = synopsis_rows(comparison, reference)
    result = SynopsisLayout(comparison, width, cell_width, rows, reference)
    for number, row in enumerate(rows):
        sentences = [
            [documents[source].sentences[index].text for index in cell]
            for source, cell in enumerate(row.cells)
        ]
        texts = [" ".join(cell) for cell in sentences]
        for source, cell in enumerate(row.cells):
            for index in cell:
                result.ref_row.setdefault((source, index), number)
        wraps = [wrap_sentences(cell, cell_width) for cell in sentences]
        height = max([1, *(len(lines) for lines in wraps)])
        result.row_texts.append(texts)
        result.row_wraps.append(wraps)
        result.row_first.append(result.height)
        result.line_row.extend([number] * (height + 1))
        result.row_last.append(result.height - 2)
    return result
