"""Word-level differences between two wordings of one passage.

The reader and the HTML export highlight, inside an aligned group, the words
one source adds, drops or changes. Everything is in character offsets of the
texts given (normally ``Sentence.text``), so any front end can paint them.

Texts are cut into tokens: words (with inner apostrophes, ``doesn't``),
numbers (``1,000.5``) and single punctuation characters; whitespace is never
a token, so a line-wrap artefact such as ``large- scale`` against
``large-scale`` is no difference at all. Tokens are matched on their
case-folded form (a longest common subsequence, via rapidfuzz's ``Indel``), so
that a capital letter cannot derail the alignment, and then compared exactly:
``Sanctions`` against ``sanctions`` comes out as a *minor* replacement, as
does any change made only of punctuation. Quotes are thus compared exactly:
an inserted ``[Jong-un]`` is an insertion, never hidden.

Words one text drops at one place and the other adds at another, mostly the
same words (stemmed), are *moved*, not missing and added: "In a tweet on
Friday, Trump wrote: “…”" against "“…” Trump tweeted on Friday" is one
attribution put before the quote and after it, and striking it in one
column and underlining it in the other said the sources disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import Stemmer

Tag = Literal["equal", "insert", "delete", "replace"]
MarkKind = Literal["equal", "ins", "del", "minor", "moved", "shared"]
"""``shared``: a word two loosely linked sentences have in common (see
:mod:`tui.compare.pairwise`); the other kinds come from :meth:`WordDiff.marks`."""
RANK: dict[MarkKind, int] = {"equal": 0, "shared": 1, "minor": 2, "moved": 3, "del": 4, "ins": 4}
"""Which mark wins where several comparisons mark one word (the worst difference)."""
MOVED_SHARE = 0.6
"""Runs are moved when their stems in common are at least this share of the
shorter run's words, :data:`MOVED_SHARE_LONGER` of the longer one's, and two
words at least."""
MOVED_SHARE_LONGER = 0.4
"""("on North Korea" is not moved into a thirteen-word run that mentions it.)"""

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['’][^\W_]+)*|\S")


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or punctuation character and where it stands."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


@dataclass(frozen=True, slots=True)
class Op:
    """One step of the difference, in token indices and character offsets.

    ``a_start:a_end`` and ``b_start:b_end`` are character spans of the two
    texts, from the first token's start to the last token's end (an empty
    span at the insertion point for an insert or delete).
    """

    tag: Tag
    minor: bool
    """Only case or punctuation differs (always False for ``equal``)."""
    a_tokens: tuple[int, int]
    b_tokens: tuple[int, int]
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of one text and how to paint it."""

    start: int
    end: int
    kind: MarkKind


@dataclass(slots=True)
class WordDiff:
    """The difference from text ``a`` to text ``b``."""

    a: str
    b: str
    a_tokens: list[Token]
    b_tokens: list[Token]
    ops: list[Op]
    moved: tuple[frozenset[int], frozenset[int]] = field(default=(frozenset(), frozenset()))
    """Indices of the ops whose words on side ``a`` (first) or ``b`` (second)
    are said at another place of the other text (:func:`_moved`)."""

    @property
    def identical(self) -> bool:
        """True when no token differs (whitespace may)."""
        return all(op.tag == "equal" for op in self.ops)

    @property
    def minor_only(self) -> bool:
        """True when every difference is case or punctuation only."""
        return all(op.tag == "equal" or op.minor for op in self.ops)

    def marks(self, side: Literal["a", "b"]) -> list[Mark]:
        """Spans that cover one text exactly, in order, each with its paint.

        On side ``a`` what ``b`` lacks is ``del``; on side ``b`` what it adds
        is ``ins``. Minor changes are ``minor`` on both sides. Whitespace
        between tokens is ``equal`` except inside a changed run.
        """
        text = self.a if side == "a" else self.b
        moved = self.moved[0] if side == "a" else self.moved[1]
        pieces: list[Mark] = []
        for number, op in enumerate(self.ops):
            start, end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
            if start == end:
                continue
            if op.tag == "equal":
                kind: MarkKind = "equal"
            elif op.minor:
                kind = "minor"
            elif number in moved:
                kind = "moved"
            else:
                kind = "del" if side == "a" else "ins"
            pieces.append(Mark(start, end, kind))
        return _fill(pieces, len(text))


def tokenize(text: str) -> list[Token]:
    """Words, numbers and punctuation characters of ``text`` with offsets."""
    return [Token(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(text)]


def diff_words(a: str, b: str) -> WordDiff:
    """The word-level difference from ``a`` to ``b``."""
    # Imported here: the panes import this module, and rapidfuzz (12 ms) is
    # not needed before the first frame (issue 27).
    from rapidfuzz.distance import Indel

    a_tokens, b_tokens = tokenize(a), tokenize(b)
    a_keys = [token.text.casefold() for token in a_tokens]
    b_keys = [token.text.casefold() for token in b_tokens]
    steps: list[tuple[Tag, int, int, int, int]] = []
    open_change = False
    """Whether the last step is an insert/delete that the next may join."""
    for code in Indel.opcodes(a_keys, b_keys):
        tag: Tag = code.tag  # type: ignore[assignment]
        i1, i2, j1, j2 = code.src_start, code.src_end, code.dest_start, code.dest_end
        if tag == "equal":
            steps.extend(_split_equal(a_tokens, b_tokens, i1, i2, j1, j2))
            open_change = False
        elif open_change:
            # An insert next to a delete is one replacement for a reader.
            _, p1, _, q1, _ = steps.pop()
            steps.append(("replace", p1, i2, q1, j2))
        else:
            steps.append((tag, i1, i2, j1, j2))
            open_change = True
    ops = [_op(tag, i1, i2, j1, j2, a_tokens, b_tokens) for tag, i1, i2, j1, j2 in steps]
    return WordDiff(a, b, a_tokens, b_tokens, ops, _moved(ops, a_tokens, b_tokens))


def _moved(
    ops: list[Op], a_tokens: list[Token], b_tokens: list[Token]
) -> tuple[frozenset[int], frozenset[int]]:
    """The changed runs said at another place of the other text: a run of side
    ``a`` and a run of side ``b`` of two different ops whose word stems are
    mostly the same (:data:`MOVED_SHARE`, two words at least)."""
    changed = [(n, op) for n, op in enumerate(ops) if op.tag != "equal" and not op.minor]
    if len(changed) < 2:
        return frozenset(), frozenset()
    a_stems = {n: _stems(a_tokens[slice(*op.a_tokens)]) for n, op in changed}
    b_stems = {n: _stems(b_tokens[slice(*op.b_tokens)]) for n, op in changed}
    a_moved: set[int] = set()
    b_moved: set[int] = set()
    for i, dropped in a_stems.items():
        for j, added in b_stems.items():
            if i == j or len(dropped) < 2 or len(added) < 2:
                continue
            common = len(dropped & added)
            shorter, longer = sorted((len(dropped), len(added)))
            if common >= 2 and common >= max(MOVED_SHARE * shorter, MOVED_SHARE_LONGER * longer):
                a_moved.add(i)
                b_moved.add(j)
    return frozenset(a_moved), frozenset(b_moved)


def _stems(tokens: Sequence[Token]) -> frozenset[str]:
    words = [token.text.casefold() for token in tokens if token.is_word]
    return frozenset(_stemmer().stemWords(words))


@cache
def _stemmer() -> Stemmer.Stemmer:
    """Snowball's English stemmer, loaded on the first diff that needs it."""
    import Stemmer

    return Stemmer.Stemmer("english")


def worst_marks(text: str, lists: Sequence[Sequence[Mark]]) -> list[Mark]:
    """One text's marks from several comparisons (each covering ``text``, or
    part of it): where they differ, the worst (:data:`RANK`) wins."""
    if not lists:
        return []
    kinds: list[MarkKind] = ["equal"] * len(text)
    for marks in lists:
        for mark in marks:
            if mark.kind == "equal":
                continue
            for index in range(mark.start, min(mark.end, len(text))):
                if RANK[mark.kind] > RANK[kinds[index]]:
                    kinds[index] = mark.kind
    pieces: list[Mark] = []
    for index, kind in enumerate(kinds):
        if kind == "equal" or text[index].isspace():
            continue
        if pieces and pieces[-1].kind == kind and pieces[-1].end == index:
            pieces[-1] = Mark(pieces[-1].start, index + 1, kind)
        else:
            pieces.append(Mark(index, index + 1, kind))
    return _fill(_join(pieces, text), len(text))


def _split_equal(
    a_tokens: list[Token], b_tokens: list[Token], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[Tag, int, int, int, int]]:
    """Cut a case-folded ``equal`` block where the exact texts differ."""
    steps: list[tuple[Tag, int, int, int, int]] = []
    for offset in range(i2 - i1):
        same = a_tokens[i1 + offset].text == b_tokens[j1 + offset].text
        tag: Tag = "equal" if same else "replace"
        if steps and steps[-1][0] == tag:
            _, p1, _, q1, _ = steps.pop()
            steps.append((tag, p1, i1 + offset + 1, q1, j1 + offset + 1))
        else:
            steps.append((tag, i1 + offset, i1 + offset + 1, j1 + offset, j1 + offset + 1))
    return steps


def _op(
    tag: Tag, i1: int, i2: int, j1: int, j2: int, a_tokens: list[Token], b_tokens: list[Token]
) -> Op:
    a_start, a_end = _span(a_tokens, i1, i2)
    b_start, b_end = _span(b_tokens, j1, j2)
    minor = tag != "equal" and _is_minor(a_tokens[i1:i2], b_tokens[j1:j2])
    return Op(tag, minor, (i1, i2), (j1, j2), a_start, a_end, b_start, b_end)


def _span(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    """Character span of tokens ``first:last``; empty at the gap if none."""
    if first < last:
        return tokens[first].start, tokens[last - 1].end
    point = tokens[first - 1].end if first > 0 else 0
    return point, point


def _is_minor(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """Case-only or punctuation-only: the same words once both are ignored."""
    a_words = [token.text.casefold() for token in a if token.is_word]
    b_words = [token.text.casefold() for token in b if token.is_word]
    return a_words == b_words


def _join(pieces: list[Mark], text: str) -> list[Mark]:
    """Join neighbouring marks of one kind across the whitespace between them."""
    joined: list[Mark] = []
    for piece in pieces:
        if (
            joined
            and joined[-1].kind == piece.kind
            and piece.kind != "equal"
            and not text[joined[-1].end : piece.start].strip()
        ):
            joined[-1] = Mark(joined[-1].start, piece.end, piece.kind)
        else:
            joined.append(piece)
    return joined


def _fill(pieces: list[Mark], length: int) -> list[Mark]:
    """Add ``equal`` marks in the gaps so the marks cover ``0:length``."""
    result: list[Mark] = []
    position = 0
    for piece in pieces:
        if piece.start > position:
            result.append(Mark(position, piece.start, "equal"))
        result.append(piece)
        position = piece.end
    if position < length:
        result.append(Mark(position, length, "equal"))
    merged: list[Mark] = []
    for mark in result:
        if merged and merged[-1].kind == mark.kind == "equal":
            merged[-1] = Mark(merged[-1].start, mark.end, "equal")
        else:
            merged.append(mark)
    return merged
