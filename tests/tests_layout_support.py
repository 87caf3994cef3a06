"""Synthetic documents for layout and sync tests (offsets are made up)."""

from __future__ import annotations

from tui.model import Document, Paragraph, Sentence


def document_of_lengths(paragraphs: list[list[int]]) -> Document:
    """Paragraphs of sentences made of ``n`` letters each, in words of up to five."""
    sentences: list[Sentence] = []
    spans: list[Paragraph] = []
    position = 0
    for number, lengths in enumerate(paragraphs):
        begin = position
        for length in lengths:
            letters = "x" * length
            text = " ".join(letters[i : i + 5] for i in range(0, length, 5)) + "."
            sentences.append(Sentence(position, position + len(text), number, text))
            position += len(text) + 1
        spans.append(Paragraph(begin, position))
        position += 1
    return Document("t.txt", None, " " * position, "utf-8", "", sentences, [], spans)
