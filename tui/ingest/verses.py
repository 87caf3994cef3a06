"""Verse numbers: recognise a verse-numbered text and read a sentence's reference.

Scripture and other numbered texts start each verse with ``chapter:verse``
(``3:19 But Herod the tetrarch...``). The number is a *position*, not words:
it must not be aligned or compared (every source would "share" it), but the
reader wants it back ("Luke 3:19") and so do exports (``ref``).

A number of that shape also starts ordinary prose now and then ("2:30 pm
was too late", a score "3:1"), so a document counts as verse-numbered only
as a whole: most of its paragraphs start with ``chapter:verse`` and the
numbers run in sequence (the next verse, or verse 1 of a later chapter).
Only then are the numbers taken out of the sentences; otherwise the text is
left exactly as written.

Bare verse numbers (``19 But Herod...``) are not recognised: a numbered
list or a recipe ("1 cup flour", "2 eggs") looks the same and would lose
its numbers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from tui.model import Sentence

MARKER = re.compile(r"0*(\d{1,3}):0*(\d{1,3})\s+")
"""A ``chapter:verse`` number and the space after it, where a sentence starts
(leading zeros outside the groups: ``01:09`` is ``1:9``)."""

_SENTENCE_START = re.compile(r"[.!?;:][\"'”’)\]]? 0*(\d{1,3}):0*(\d{1,3})\s")
"""A marker after the end of a sentence or clause, inside a paragraph ("...heaven. 1:2 And")."""

_SPACES = re.compile(r"\s*")

MOST_PARAGRAPHS = 0.5
"""More than this share of paragraphs must start with a marker (a title or
heading paragraph may not)."""
IN_SEQUENCE = 0.8
"""At least this share of steps between markers must be to the next verse."""
SAMPLE = 2000
"""Paragraphs judged: the first 2,000 say how a text is numbered, and a 30 MB
book costs no more to judge than a chapter."""


def is_verse_text(text: str, blocks: list[tuple[int, int]]) -> bool:
    """Is ``text`` numbered by ``chapter:verse``, with ``blocks`` its paragraph spans?

    Most paragraphs must start with a marker and at least two markers must
    follow each other, mostly as the next verse (``3:19`` then ``3:20``, or a
    later chapter's ``4:1``); times of day, scores or ratios do not. Only the
    first ``SAMPLE`` paragraphs are judged.
    """
    blocks = blocks[:SAMPLE]
    if not blocks:
        return False
    starts = [_marker_at(text, start, end) for start, end in blocks]
    # Cheap test first: a 10 MB line of prose is never scanned for markers inside.
    if sum(found is not None for found in starts) <= MOST_PARAGRAPHS * len(blocks):
        return False
    numbers: list[tuple[int, int]] = []
    for (_, end), found in zip(blocks, starts, strict=True):
        if found is None:
            continue
        numbers.append((int(found.group(1)), int(found.group(2))))
        for inner in _SENTENCE_START.finditer(text, found.end(), end):
            numbers.append((int(inner.group(1)), int(inner.group(2))))
    if len(numbers) < 2:
        return False
    steps = len(numbers) - 1
    following = sum(_follows(a, b) for a, b in itertools.pairwise(numbers))
    return following >= IN_SEQUENCE * steps


def _marker_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The marker at the start of ``text[start:end]``, past leading whitespace."""
    spaces = _SPACES.match(text, start, end)
    return MARKER.match(text, spaces.end() if spaces else start, end)


def _follows(before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Is ``after`` the verse after ``before``: the next one, or a later chapter's first?"""
    chapter, verse = before
    return after == (chapter, verse + 1) or (after[0] > chapter and after[1] == 1)


def verse_ref(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The reference at ``start`` (``"3:19"``) and where the words after it begin."""
    found = MARKER.match(text, start, end)
    if found is None:
        return None
    return f"{found[1]}:{found[2]}", found.end()


def ref_span(sentences: Sequence[Sentence]) -> str | None:
    """The verses a run of sentences covers, as cited: ``"3:19"``, ``"3:19–20"``
    (one chapter) or ``"3:19–4:2"``; None when the first has no reference."""
    if not sentences or sentences[0].ref is None:
        return None
    first = sentences[0].ref
    last = next((s.ref for s in reversed(sentences) if s.ref is not None), first)
    if last == first:
        return first
    chapter, _, verse = last.partition(":")
    same_chapter = first.partition(":")[0] == chapter
    return f"{first}–{verse if same_chapter else last}"
