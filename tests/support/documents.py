"""Documents for tests: synthetic ones for layout and sync (offsets made up),
and finding a sentence of the news sample by a fragment of its text."""

from __future__ import annotations

from pathlib import Path

from tui.model import Comparison, Document, Paragraph, Sentence

ROOT = Path(__file__).resolve().parents[2]
"""The repository (README, pyproject)."""


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


def find_sentence(comparison: Comparison, source_name: str, fragment: str) -> tuple[int, int]:
    """The (source, sentence) whose text contains ``fragment``; fails if not exactly one."""
    names = [document.name for document in comparison.documents]
    source = names.index(source_name)
    hits = [
        index
        for index, sentence in enumerate(comparison.documents[source].sentences)
        if fragment in sentence.text
    ]
    assert len(hits) == 1, f"{fragment!r} found {len(hits)} times in {source_name}"
    return source, hits[0]
