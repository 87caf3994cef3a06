"""Where word-difference marks fall on a pane's wrapped rows (pure, no Textual).

Marks (:mod:`tui.compare.wordiff`) are character offsets into ``Sentence.text``; the
pane draws rows made of pieces of paragraph text (:mod:`tui.view.layout`). A
paragraph joins its sentences' texts (made visible one character for one)
with single spaces, so a piece's offset in its sentence is its offset in
the paragraph minus where the sentence starts there: this module does that
arithmetic so the pane only paints.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from tui.compare.pairwise import CLOSE_SHARE, shared_marks, shared_share
from tui.compare.wordiff import Mark, MarkKind, diff_words, worst_marks
from tui.view.layout import NO_SENTENCE, WrappedText


def piece_offsets(layout: WrappedText, row: int) -> list[int]:
    """For each piece of ``row``, its start offset in its sentence's text (-1 for gaps)."""
    line = layout.line(row)
    number = layout.row_block[row]
    if number < 0:
        return []
    block = layout.blocks[number]
    position = layout.row_start[row]
    offsets = []
    for piece in line:
        if piece.sentence == NO_SENTENCE or block.boilerplate:
            offsets.append(-1)
        else:
            k = max(0, bisect_right(block.starts, position) - 1)
            offsets.append(position - block.starts[k])
        position += len(piece.text)
    return offsets


def split_by_marks(text: str, offset: int, marks: Sequence[Mark]) -> list[tuple[str, MarkKind]]:
    """``text`` (starting at ``offset`` of the marked sentence) cut where the marks change."""
    end = offset + len(text)
    parts: list[tuple[str, MarkKind]] = []
    covered = offset
    for mark in marks:
        low, high = max(offset, mark.start), min(end, mark.end)
        if low >= high:
            continue
        if low > covered:
            parts.append((text[covered - offset : low - offset], "equal"))
        parts.append((text[low - offset : high - offset], mark.kind))
        covered = high
    if covered < end:
        parts.append((text[covered - offset :], "equal"))
    return parts


def split_by_spans(
    text: str, offset: int, spans: Sequence[tuple[int, int]]
) -> list[tuple[str, bool]]:
    """``text`` (starting at ``offset`` of its sentence) cut into parts in and out of
    ``spans`` (sorted, non-overlapping sentence offsets, e.g. search hits)."""
    end = offset + len(text)
    parts: list[tuple[str, bool]] = []
    covered = offset
    for start, stop in spans:
        low, high = max(covered, start), min(end, stop)
        if low >= high:
            continue
        if low > covered:
            parts.append((text[covered - offset : low - offset], False))
        parts.append((text[low - offset : high - offset], True))
        covered = high
    if covered < end:
        parts.append((text[covered - offset :], False))
    return parts


def cursor_marks(
    text: str, counterparts: Mapping[int, str]
) -> tuple[list[Mark], dict[int, list[Mark]]]:
    """Word differences between the cursor sentence (``text``) and each lined-up
    counterpart (by pane: its text): the marks of the cursor sentence (what
    any of them lacks, merged) and each counterpart's own. Only the focused
    group is marked: differences everywhere would drown the text, and the
    synopsis view shows them for every row. As there (:mod:`tui.compare.pairwise`),
    a loose paraphrase is not struck through: both sentences are shown with
    the words they share underlined, and the cursor sentence's differences
    are those of its close counterparts when it has any."""
    close: list[list[Mark]] = []
    loose: list[list[Mark]] = []
    theirs: dict[int, list[Mark]] = {}
    for pane, other in counterparts.items():
        diff = diff_words(text, other)
        if shared_share(diff) >= CLOSE_SHARE:
            theirs[pane] = diff.marks("b")
            close.append(diff.marks("a"))
        else:
            theirs[pane] = shared_marks([diff], "b")
            loose.append(shared_marks([diff], "a"))
    return worst_marks(text, close or loose), theirs
