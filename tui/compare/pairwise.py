"""Word differences of one synopsis row, sentence by linked sentence.

A row holds every source's sentences of one passage; diffing the cells as
two long strings lines up words of unrelated sentences, and a paraphrase
came out almost wholly struck through. Here each sentence is compared with
the sentence of the base cell it is linked to (its best link there):

- a *close* pair (most words in common, :data:`CLOSE_SHARE`) shows its
  difference: words added (``ins``), lacking or changed (``del`` on the
  base side), case or punctuation only (``minor``);
- a *loose* pair, a paraphrase in other words, shows both sentences plainly,
  with only the words they share marked (``shared``): striking the rest
  would say "wrong" where the wording merely differs;
- a sentence linked to nothing in the base cell is shown plainly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tui.compare.synopsis import Row
from tui.compare.wordiff import Mark, WordDiff, diff_words, merged_marks
from tui.model import Comparison

CLOSE_SHARE = 0.5
"""A pair is close when the words they share are at least this share of the
longer sentence's words; below it, the wording is the sources' own."""


@dataclass(frozen=True, slots=True)
class SentenceMarks:
    """How to paint one sentence of a row: marks covering its whole text."""

    sentence: int
    marks: list[Mark]


def shared_share(diff: WordDiff) -> float:
    """Words the two texts have in common, as a share of the longer one's words."""
    longest = max(
        sum(token.is_word for token in diff.a_tokens),
        sum(token.is_word for token in diff.b_tokens),
    )
    if not longest:
        return 1.0
    shared = sum(
        diff.a_tokens[index].is_word
        for op in diff.ops
        if op.tag == "equal"
        for index in range(*op.a_tokens)
    )
    return shared / longest


def row_marks(comparison: Comparison, row: Row, base: int) -> list[list[SentenceMarks]]:
    """For each source, the marks of each sentence of its cell in ``row``.

    ``base`` is the source the others are compared with (it must have a
    sentence in the row).
    """
    documents = comparison.documents
    alignment = comparison.alignment
    base_cell = set(row.cells[base])
    close: dict[int, list[WordDiff]] = defaultdict(list)
    loose: dict[int, list[WordDiff]] = defaultdict(list)
    result: list[list[SentenceMarks]] = [[] for _ in row.cells]
    for source, cell in enumerate(row.cells):
        if source == base:
            continue
        for sentence in cell:
            text = documents[source].sentences[sentence].text
            partner = next(
                (
                    number
                    for number, _score in alignment.counterparts((source, sentence), base)
                    if number in base_cell
                ),
                None,
            )
            if partner is None:
                result[source].append(SentenceMarks(sentence, _plain(text)))
                continue
            diff = diff_words(documents[base].sentences[partner].text, text)
            if shared_share(diff) >= CLOSE_SHARE:
                close[partner].append(diff)
                result[source].append(SentenceMarks(sentence, diff.marks("b")))
            else:
                loose[partner].append(diff)
                result[source].append(SentenceMarks(sentence, shared_marks([diff], "b")))
    for sentence in row.cells[base]:
        text = documents[base].sentences[sentence].text
        if close[sentence]:
            marks = merged_marks(close[sentence])
        elif loose[sentence]:
            marks = shared_marks(loose[sentence], "a")
        else:
            marks = _plain(text)
        result[base].append(SentenceMarks(sentence, marks))
    return result


def shared_marks(diffs: list[WordDiff], side: str) -> list[Mark]:
    """Marks of one side of ``diffs`` (all with the same text there): the words
    any of them has in common with its other side are ``shared``, the rest
    plain."""
    text = diffs[0].a if side == "a" else diffs[0].b
    spans: set[tuple[int, int]] = set()
    for diff in diffs:
        tokens = diff.a_tokens if side == "a" else diff.b_tokens
        for op in diff.ops:
            if op.tag != "equal":
                continue
            first, last = op.a_tokens if side == "a" else op.b_tokens
            spans.update((token.start, token.end) for token in tokens[first:last] if token.is_word)
    marks: list[Mark] = []
    position = 0
    for start, end in sorted(spans):
        if marks and marks[-1].kind == "shared" and not text[marks[-1].end : start].strip():
            marks[-1] = Mark(marks[-1].start, end, "shared")
        else:
            if start > position:
                marks.append(Mark(position, start, "equal"))
            marks.append(Mark(start, end, "shared"))
        position = end
    if position < len(text):
        marks.append(Mark(position, len(text), "equal"))
    return marks


def _plain(text: str) -> list[Mark]:
    return [Mark(0, len(text), "equal")] if text else []
