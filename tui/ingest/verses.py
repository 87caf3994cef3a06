"""Verse numbers: recognise a verse-numbered text and read a sentence's reference.

Scripture and other numbered texts start each verse with ``chapter:verse``
(``3:19 But Herod the tetrarch...``). The number is a *position*, not words:
it must not be aligned or compared (every source would "share" it), but the
reader wants it back ("Luke 3:19") and so do exports (``ref``).

A number of that shape also starts ordinary prose now and then ("2:30 pm
was too late", a score "3:1", a log "10:01 The meeting opened"), so a
document counts as verse-numbered only as a whole: the numbers run in
sequence (the next verse, or verse 1 of a later chapter) and there are
enough of them, judged two ways so that scripture laid out as poetry (a
verse over several lines, only the first numbered) counts as well as a verse
a line:

- most paragraphs that start a sentence start with a number (a line that
  goes on with the sentence of the line before, after ``;`` or ``,``, is a
  continuation and not judged; a title or heading may have no number), or
- at least ``MIN_RUN`` numbers, on average one every ``MAX_VERSE``
  characters or less from the first to the last (verses are short: the
  longest in the King James Bible is about 530 characters).

A time of day is never a verse number: verse numbers are not zero-padded,
so a number whose verse part has a leading zero while its chapter part has
none (``10:01``, ``9:05``), a part that is 0 (``12:00``), or one followed by
am/pm is a time. Fixed-width numbering pads both parts (``01:09``) and is
read as ``1:9``. Times stay in the text, and a text where more than one
number in ``MAX_TIMES`` is a time (a log, a timetable) is not verse-numbered.
Only then are the numbers taken out of the sentences; otherwise the text is
left exactly as written.

Bare verse numbers (``19 But Herod...``) are not recognised: a numbered
list or a recipe ("1 cup flour", "2 eggs") looks the same and would lose
its numbers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from tui.model import Sentence

MARKER = re.compile(r"(\d{1,3}):(\d{1,3})\s+")
"""A ``chapter:verse`` number and the space after it, where a sentence starts
(``01:09`` is ``1:9``)."""

_INSIDE = re.compile(r"(?:[.!?;:…][\"'”’»)\]]*\s+|\n\s*)(?=\d{1,3}:\d{1,3}\s)")
"""What goes before a number that starts a verse inside a paragraph: the end
of a sentence or clause ("...heaven. 1:2 And", "...shepherd; 23:2 He") or
of a line (a hard-wrapped verse text)."""

_TIME_AFTER = re.compile(r"[ap]\.?m(?!\w)\.?", re.IGNORECASE)
"""``am``, ``p.m.`` after a number: a time."""

_SPACES = re.compile(r"\s*")
_FINISHED = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
"""How a paragraph that ends its sentence ends (the next one starts a new one)."""

MOST_PARAGRAPHS = 0.5
"""More than this share of the paragraphs that start a sentence must start
with a number (a title or heading paragraph may not)."""
MIN_RUN = 5
"""Numbers needed to judge by how close together they are."""
MAX_VERSE = 600
"""Characters per number, on average, at most, to judge by closeness."""
IN_SEQUENCE = 0.8
"""At least this share of steps between numbers must be to the next verse."""
MAX_TIMES = 20
"""More than one number in this many being a time means a log, not verses."""
SAMPLE = 2000
"""Paragraphs judged: the first 2,000 say how a text is numbered, and a 30 MB
book costs no more to judge than a chapter."""


def is_verse_text(text: str, blocks: list[tuple[int, int]]) -> bool:
    """Is ``text`` numbered by ``chapter:verse``, with ``blocks`` its paragraph spans?

    The numbers must run in sequence, mostly as the next verse (``3:19``
    then ``3:20``, or a later chapter's ``4:1``), few of them may be times,
    and they must be frequent: see the module docstring. Only the first
    ``SAMPLE`` paragraphs are judged.
    """
    blocks = blocks[:SAMPLE]
    leading = [_marker_at(text, start, end) for start, end in blocks]
    # Cheap test first: a 10 MB line of prose is never scanned for numbers inside.
    if not any(found is not None and not is_time(text, found) for found in leading):
        return False
    numbers: list[tuple[int, int]] = []
    positions: list[int] = []
    times = 0
    for start, end in blocks:
        for found in _markers_in(text, start, end):
            if is_time(text, found):
                times += 1
            else:
                numbers.append((int(found[1]), int(found[2])))
                positions.append(found.start())
    if len(numbers) < 2 or times * MAX_TIMES > len(numbers) + times:
        return False
    following = sum(_follows(a, b) for a, b in itertools.pairwise(numbers))
    if following < IN_SEQUENCE * (len(numbers) - 1):
        return False
    close = positions[-1] - positions[0] <= MAX_VERSE * (len(numbers) - 1)
    return (len(numbers) >= MIN_RUN and close) or _most_start_with_one(text, blocks, leading)


def _most_start_with_one(
    text: str, blocks: list[tuple[int, int]], leading: list[re.Match[str] | None]
) -> bool:
    """Do most paragraphs that start a sentence start with a verse number?"""
    judged = numbered = 0
    finished = True  # the first paragraph starts a sentence
    for (start, end), found in zip(blocks, leading, strict=True):
        is_number = found is not None and not is_time(text, found)
        if is_number or finished:
            judged += 1
            numbered += is_number
        finished = _FINISHED.search(text, max(start, end - 20), end) is not None
    return numbered > MOST_PARAGRAPHS * judged


def _marker_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The number at the start of ``text[start:end]``, past leading whitespace."""
    spaces = _SPACES.match(text, start, end)
    return MARKER.match(text, spaces.end() if spaces else start, end)


def _markers_in(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Every number that starts a paragraph or a verse inside it, times included."""
    found = _marker_at(text, start, end)
    last = -1
    if found is not None:
        last = found.start()
        yield found
    for before in _INSIDE.finditer(text, start, end):
        inner = MARKER.match(text, before.end(), end)
        if inner is not None and inner.start() > last:
            last = inner.start()
            yield inner


def verse_starts(text: str, start: int, end: int) -> list[int]:
    """Where verses start inside ``text[start:end]`` (past its start): the
    paragraph is cut there, so every verse number starts a sentence."""
    return [
        found.start()
        for found in _markers_in(text, start, end)
        if found.start() > start and not is_time(text, found)
    ]


def is_time(text: str, found: re.Match[str]) -> bool:
    """Is the number ``found`` by :data:`MARKER` a time of day, not a verse?"""
    chapter, verse = found[1], found[2]
    if int(chapter) == 0 or int(verse) == 0:
        return True
    if verse.startswith("0") and not chapter.startswith("0"):
        return True  # "10:01", "9:05": verses are not zero-padded, minutes are
    return _TIME_AFTER.match(text, found.end()) is not None


def _follows(before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Is ``after`` the verse after ``before``: the next one, or a later chapter's first?"""
    chapter, verse = before
    return after == (chapter, verse + 1) or (after[0] > chapter and after[1] == 1)


def verse_ref(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The reference at ``start`` (``"3:19"``) and where the words after it
    begin; None when there is no number there, or a time."""
    found = MARKER.match(text, start, end)
    if found is None or is_time(text, found):
        return None
    return f"{int(found[1])}:{int(found[2])}", found.end()


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
