"""How one row of a source pane is painted: gutter marks, sentence roles, diff marks, hits.

Kept apart from :mod:`tui.ui.widgets.source_pane` (which owns scrolling, the
cursor and wrapping) so that the paint rules read in one place: which mark
goes in the gutter, which style a piece of a sentence takes, and how word
differences and search hits split a piece into segments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.compare.wordiff import Mark
from tui.view.following import Role
from tui.view.layout import NO_SENTENCE, Piece
from tui.view.marking import split_by_marks, split_by_spans

GUTTER = 2
"""Columns left of the text for the unique / other-counterpart marks."""


def edge_line(row: int, height: int, width: int, base: Style, styles: dict[str, Style]) -> Strip:
    """Padding rows are blank, but the one touching the text says where it ends.

    Without it a follower lined up far from its start shows an unexplained
    empty band; with it the reader sees the text begins (or ends) here.
    """
    if height and row in (-1, height):
        label = " start of text " if row < 0 else " end of text "
        rule = label.center(max(0, width - GUTTER), "╌")
        segments = [Segment(" " * GUTTER, base), Segment(rule, base + styles["boilerplate"])]
        return Strip(segments).adjust_cell_length(width, base)
    return Strip.blank(width, base)


def gutter(
    sentences: set[int],
    pending: int,
    roles: Mapping[int, Role],
    unique: frozenset[int],
    styles: dict[str, Style],
    base: Style,
    suggested: frozenset[int] = frozenset(),
) -> Segment | list[Segment]:
    """The mark left of a row: a pending manual link, another counterpart, a
    suggestion (a dimmed ``?``: a pair a little below the threshold), or "only here".

    ``suggested``: the sentences with a suggestion that *begin* on this row,
    so the ``?`` stands once beside a sentence and its other rows keep their marks.
    """
    if pending >= 0 and pending in sentences:
        return Segment("✎ ", base + styles["other-mark"])
    if any(roles.get(number) is Role.OTHER for number in sentences):
        return Segment("◆ ", base + styles["other-mark"])
    mark = "▌" if sentences & unique else " "
    if suggested and not suggested.isdisjoint(sentences):
        # The ? in the second column: a unique sentence keeps its bar beside it.
        first = Segment(mark, base + styles["unique-mark"])
        return [first, Segment("?", base + styles["suggestion-mark"])]
    if sentences & unique:
        return Segment("▌ ", base + styles["unique-mark"])
    return Segment("  ", base)


def piece_style(
    piece: Piece, styles: dict[str, Style], cursor: int | None, roles: Mapping[int, Role]
) -> Style:
    """The style of one piece of a row; ``cursor`` is None unless the pane leads."""
    if piece.boilerplate:
        return styles["boilerplate"]
    number = piece.sentence
    if number == NO_SENTENCE:
        return Style()
    if number == cursor:
        return styles["cursor"]
    role = roles.get(number)
    if role is Role.LINED_UP:
        return styles["lined-up"]
    if role in (Role.OTHER, Role.SUGGESTED):
        return styles["other"]
    return Style()


def marked_segments(
    text: str,
    offset: int,
    style: Style,
    marks: Sequence[Mark] | None,
    spans: Sequence[tuple[int, int]] | None,
    styles: dict[str, Style],
) -> list[Segment]:
    """A piece split by its word-difference marks, and only the searched words as hits."""
    segments: list[Segment] = []
    parts = split_by_marks(text, offset, marks) if marks is not None else [(text, "equal")]
    for part, kind in parts:
        paint = style if kind == "equal" else style + styles[kind]
        if not spans:
            segments.append(Segment(part, paint))
        else:
            for words, inside in split_by_spans(part, offset, spans):
                segments.append(Segment(words, paint + styles["hit"] if inside else paint))
        offset += len(part)
    return segments
