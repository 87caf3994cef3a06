"""Wrap a document into display lines at a given width, remembering sentences.

The reader draws panes with Textual's Line API: it asks for one screen row at
a time, so everything about rows must be known up front and cheap to look
up. This module turns a :class:`~tui.model.Document` into those rows, with,
for every row, the pieces of text on it and the sentence each belongs to,
and for every sentence the rows it occupies. Linked scrolling (``tui.view.sync``)
works entirely on these numbers.

It is pure Python without Textual so it can be unit- and property-tested and
run in a thread for very large sources.

Rules: paragraphs are separated by one blank row; the sentences of a
paragraph flow on together, separated by one space; lines break at spaces,
and a word wider than the pane is cut. Boilerplate is left out, or, when
asked, shown as its own dimmed paragraph where it stood in the text.
Every character goes through :func:`tui.ingest.safe_text.visible` first.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from rich.cells import cell_len, get_character_cell_size

from tui.ingest.safe_text import visible
from tui.model import Document

NO_SENTENCE = -1
"""The sentence number of a piece that is not a sentence (gaps, boilerplate)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text on one row belonging to one sentence (or to none)."""

    text: str
    sentence: int = NO_SENTENCE
    boilerplate: bool = False


Line = tuple[Piece, ...]
"""One display row; the empty tuple is a blank row."""


@dataclass(slots=True)
class Block:
    """A paragraph (its sentences joined by spaces) or a boilerplate span."""

    text: str
    numbers: list[int] = field(default_factory=list)
    """The sentence numbers in the paragraph, in order (empty for boilerplate)."""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    """Where each sentence starts and ends in ``text``."""
    boilerplate: bool = False


@dataclass(slots=True)
class WrappedText:
    """A document wrapped at ``width`` columns.

    Rows are stored as slices of blocks (three integers each) and turned into
    :class:`Piece` tuples only when drawn, so wrapping a 30,000-sentence
    source stays fast and small.
    """

    width: int
    blocks: list[Block] = field(default_factory=list)
    row_block: list[int] = field(default_factory=list)
    """For each row, its block, or -1 for a blank row."""
    row_start: list[int] = field(default_factory=list)
    row_end: list[int] = field(default_factory=list)
    line_sentence: list[int] = field(default_factory=list)
    """For each row, the sentence whose text the row starts with, or -1."""
    sentence_first: list[int] = field(default_factory=list)
    """For each sentence, the row it starts on (non-decreasing)."""
    sentence_last: list[int] = field(default_factory=list)
    """For each sentence, the row it ends on."""

    @property
    def height(self) -> int:
        return len(self.row_block)

    def line(self, row: int) -> Line:
        """The pieces drawn on ``row``: sentence parts and the gaps between them."""
        number = self.row_block[row]
        if number < 0:
            return ()
        block = self.blocks[number]
        start, end = self.row_start[row], self.row_end[row]
        if block.boilerplate:
            return (Piece(block.text[start:end], NO_SENTENCE, True),)
        pieces: list[Piece] = []
        starts, ends = block.starts, block.ends
        k = max(0, bisect_right(starts, start) - 1)
        cursor = start
        while cursor < end:
            if k >= len(starts):
                pieces.append(Piece(block.text[cursor:end]))
                break
            if cursor >= ends[k]:
                gap_end = min(end, starts[k + 1]) if k + 1 < len(starts) else end
                pieces.append(Piece(block.text[cursor:gap_end]))
                cursor = gap_end
                k += 1
                continue
            piece_end = min(end, ends[k])
            pieces.append(Piece(block.text[cursor:piece_end], block.numbers[k]))
            cursor = piece_end
        return tuple(pieces)

    def sentence_at(self, row: int) -> int:
        """The last sentence starting at or before ``row``; -1 before the first.

        On a blank row after a paragraph this is the paragraph's last
        sentence, which lets callers tell "inside" from "just after".
        """
        return bisect_right(self.sentence_first, row) - 1

    def sentence_at_cell(self, row: int, column: int) -> int:
        """The sentence drawn at ``(column, row)``; the nearest on the row if none."""
        if not 0 <= row < self.height:
            return NO_SENTENCE
        nearest = NO_SENTENCE
        position = 0
        for piece in self.line(row):
            position += _width(piece.text)
            if piece.sentence != NO_SENTENCE:
                nearest = piece.sentence
                if column < position:
                    return nearest
            elif column < position and nearest != NO_SENTENCE:
                return nearest
        if nearest == NO_SENTENCE:
            return self.line_sentence[row]
        return nearest


def empty_wrapped_text(document: Document) -> WrappedText:
    """A layout with no rows, for a pane that has not been sized yet."""
    count = len(document.sentences)
    return WrappedText(0, sentence_first=[0] * count, sentence_last=[0] * count)


def layout_document(
    document: Document, width: int, show_boilerplate: bool = False, limit: int | None = None
) -> WrappedText:
    """Wrap ``document`` into rows of at most ``width`` cells.

    With ``limit``, only the paragraphs holding the first ``limit`` sentences
    are wrapped (the later sentences all sit on the last row): a quick first
    screen for a huge source while the whole is wrapped in a thread.
    """
    width = max(1, width)
    result = WrappedText(width)
    count = len(document.sentences)
    result.sentence_first = [0] * count
    result.sentence_last = [0] * count
    sentences = document.sentences if limit is None else document.sentences[: max(0, limit)]
    texts = [visible(sentence.text) for sentence in sentences]
    for block in _blocks(document, texts, show_boilerplate):
        if result.row_block:
            _add_row(result, -1, 0, 0, NO_SENTENCE)
        number = len(result.blocks)
        result.blocks.append(block)
        if block.boilerplate:
            for start, end in wrap_spans(block.text, width):
                _add_row(result, number, start, end, NO_SENTENCE)
        else:
            _add_paragraph(result, number, block, width)
    laid_out = sum(len(block.numbers) for block in result.blocks)
    for number in range(laid_out, count):
        result.sentence_first[number] = result.sentence_last[number] = max(0, result.height - 1)
    return result


def _add_row(result: WrappedText, block: int, start: int, end: int, sentence: int) -> None:
    result.row_block.append(block)
    result.row_start.append(start)
    result.row_end.append(end)
    result.line_sentence.append(sentence)


def _blocks(document: Document, texts: list[str], show_boilerplate: bool) -> list[Block]:
    """Paragraph and (if shown) boilerplate blocks, in text order."""
    grouped: list[tuple[int, list[int]]] = []
    previous = None
    for index, sentence in enumerate(document.sentences[: len(texts)]):
        if sentence.paragraph != previous or not grouped:
            grouped.append((sentence.start, []))
            previous = sentence.paragraph
        grouped[-1][1].append(index)
    ordered: list[tuple[int, int, Block]] = []
    for start, numbers in grouped:
        starts: list[int] = []
        position = 0
        for number in numbers:
            starts.append(position)
            position += len(texts[number]) + 1
        ends = [begin + len(texts[n]) for begin, n in zip(starts, numbers, strict=True)]
        text = " ".join(texts[number] for number in numbers)
        ordered.append((start, 1, Block(text, numbers, starts, ends)))
    if show_boilerplate:
        for span in document.boilerplate:
            text = visible(" ".join(span.text.split()))
            if text:
                ordered.append((span.start, 0, Block(text, boilerplate=True)))
        ordered.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, block in ordered]


def _add_paragraph(result: WrappedText, number: int, block: Block, width: int) -> None:
    """Wrap one paragraph and record the rows of its sentences."""
    starts, ends, numbers = block.starts, block.ends, block.numbers
    count = len(numbers)
    first_k = last_k = line_k = 0
    sentence_first, sentence_last = result.sentence_first, result.sentence_last
    first_row = result.height
    for start, end in wrap_spans(block.text, width):
        row = result.height
        while line_k < count and ends[line_k] <= start:
            line_k += 1
        while first_k < count and starts[first_k] < end:
            sentence_first[numbers[first_k]] = row
            first_k += 1
        while last_k < count and ends[last_k] <= end:
            sentence_last[numbers[last_k]] = row
            last_k += 1
        covering = numbers[line_k] if line_k < count and starts[line_k] <= start else NO_SENTENCE
        _add_row(result, number, start, end, covering)
    # Sentences past the last row (only empty ones can be) end where the paragraph does.
    last_row = max(first_row, result.height - 1)
    for k in range(first_k, count):
        sentence_first[numbers[k]] = last_row
    for k in range(last_k, count):
        sentence_last[numbers[k]] = max(last_row, sentence_first[numbers[k]])


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: ``(start, end)`` of each row's slice of ``text``.

    Rows never start with the space they broke at; a word wider than
    ``width`` is cut. ASCII text takes a fast path (one cell per character).
    A non-ASCII row is measured again with Rich's ``cell_len``, which the
    panes draw with (it counts a grapheme such as "❤\ufe0f" as 2 cells where its
    characters add up to 1), and shortened until it fits.
    """
    length = len(text)
    if length == 0:
        return []
    if text.isascii():
        cells = None
    else:
        cells = list(accumulate((get_character_cell_size(ch) for ch in text), initial=0))
    rows: list[tuple[int, int]] = []
    position = 0
    while position < length:
        if cells is None:
            limit = min(length, position + width)
        else:
            limit = bisect_right(cells, cells[position] + width) - 1
            while limit - position > 1 and cell_len(text[position:limit]) > width:
                limit -= 1
            limit = max(limit, position + 1)
        if limit >= length:
            rows.append((position, length))
            break
        if text[limit] == " ":
            rows.append((position, limit))
            position = limit + 1
            continue
        space = text.rfind(" ", position, limit)
        if space > position:
            rows.append((position, space))
            position = space + 1
        else:
            rows.append((position, limit))
            position = limit
    return rows


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return cell_len(text)
