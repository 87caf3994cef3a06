"""Wrap a document into display lines at a given width, remembering sentences.

The reader draws panes with Textual's Line API: it asks for one screen row at
a time, so everything about rows must be known up front and cheap to look
up. This module turns a :class:`~tui.model.Document` into those rows, with,
for every row, the pieces of text on it and the sentence each belongs to,
and for every sentence the rows it occupies. Linked scrolling (``tui.sync``)
works entirely on these numbers.

It is pure Python without Textual so it can be unit- and property-tested and
run in a thread for very large sources.

Rules: paragraphs are separated by one blank row; the sentences of a
paragraph flow on together, separated by one space; lines break at spaces,
and a word wider than the pane is cut. Boilerplate is left out, or, when
asked, shown as its own dimmed paragraph where it stood in the text.
Every character goes through :func:`tui.safe_text.visible` first.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from rich.cells import get_character_cell_size

from tui.model import Document
from tui.safe_text import visible

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
class Layout:
    """A document wrapped at ``width`` columns."""

    width: int
    lines: list[Line] = field(default_factory=list)
    line_sentence: list[int] = field(default_factory=list)
    """For each row, the sentence whose text the row starts with, or -1."""
    sentence_first: list[int] = field(default_factory=list)
    """For each sentence, the row it starts on (non-decreasing)."""
    sentence_last: list[int] = field(default_factory=list)
    """For each sentence, the row it ends on."""

    @property
    def height(self) -> int:
        return len(self.lines)

    def sentence_at(self, row: int) -> int:
        """The last sentence starting at or before ``row``; -1 before the first.

        On a blank row after a paragraph this is the paragraph's last
        sentence, which lets callers tell "inside" from "just after".
        """
        return bisect_right(self.sentence_first, row) - 1

    def sentence_at_cell(self, row: int, column: int) -> int:
        """The sentence drawn at ``(column, row)``; the nearest on the row if none."""
        if not 0 <= row < len(self.lines):
            return NO_SENTENCE
        nearest = NO_SENTENCE
        position = 0
        for piece in self.lines[row]:
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


def layout_document(document: Document, width: int, show_boilerplate: bool = False) -> Layout:
    """Wrap ``document`` into rows of at most ``width`` cells."""
    width = max(1, width)
    result = Layout(width)
    count = len(document.sentences)
    result.sentence_first = [0] * count
    result.sentence_last = [0] * count
    for block in _blocks(document, show_boilerplate):
        if result.lines:
            result.lines.append(())
            result.line_sentence.append(NO_SENTENCE)
        if isinstance(block, str):
            for start, end in _wrap(block, width):
                result.lines.append((Piece(block[start:end], NO_SENTENCE, True),))
                result.line_sentence.append(NO_SENTENCE)
        else:
            _add_paragraph(result, document, block, width)
    return result


def _blocks(document: Document, show_boilerplate: bool) -> list[str | list[int]]:
    """Paragraphs (lists of sentence numbers) and boilerplate texts, in text order."""
    paragraphs: list[tuple[int, list[int]]] = []
    previous = None
    for index, sentence in enumerate(document.sentences):
        if sentence.paragraph != previous or not paragraphs:
            paragraphs.append((sentence.start, []))
            previous = sentence.paragraph
        paragraphs[-1][1].append(index)
    if not show_boilerplate or not document.boilerplate:
        return [sentences for _, sentences in paragraphs]
    furniture = [
        (span.start, visible(" ".join(span.text.split()))) for span in document.boilerplate
    ]
    merged: list[tuple[int, int, str | list[int]]] = [
        (start, 1, sentences) for start, sentences in paragraphs
    ]
    merged += [(start, 0, text) for start, text in furniture if text]
    merged.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, block in merged]


def _add_paragraph(result: Layout, document: Document, numbers: list[int], width: int) -> None:
    """Flow the sentences ``numbers`` together and wrap them."""
    texts = [visible(document.sentences[number].text) for number in numbers]
    starts: list[int] = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    paragraph = " ".join(texts)
    ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]
    first_row = len(result.lines)
    for number in numbers:
        result.sentence_first[number] = result.sentence_last[number] = -1
    for start, end in _wrap(paragraph, width):
        row = len(result.lines)
        pieces: list[Piece] = []
        k = max(0, bisect_right(starts, start) - 1)
        cursor = start
        while cursor < end:
            if k < len(starts) and cursor >= ends[k]:
                # In the gap between sentence k and k+1 (a space).
                gap_end = min(end, starts[k + 1]) if k + 1 < len(starts) else end
                pieces.append(Piece(paragraph[cursor:gap_end]))
                cursor = gap_end
                k += 1
                continue
            piece_end = min(end, ends[k])
            number = numbers[k]
            pieces.append(Piece(paragraph[cursor:piece_end], number))
            if cursor == starts[k]:
                result.sentence_first[number] = row
            result.sentence_last[number] = row
            cursor = piece_end
        result.lines.append(tuple(pieces))
        first = next((piece.sentence for piece in pieces if piece.sentence != NO_SENTENCE), -1)
        result.line_sentence.append(first)
    # An empty sentence has no characters to place: give it its predecessor's row.
    previous_row = first_row
    for number in numbers:
        if result.sentence_first[number] < 0:
            result.sentence_first[number] = result.sentence_last[number] = previous_row
        previous_row = result.sentence_last[number]


def _wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: ``(start, end)`` of each row's slice of ``text``.

    Rows never start with the space they broke at; a word wider than
    ``width`` is cut. ASCII text takes a fast path (one cell per character).
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
    return sum(get_character_cell_size(character) for character in text)
