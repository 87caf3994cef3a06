"""Split text into paragraphs and sentences, with offsets into the text.

A hand-written splitter, chosen by measuring: pysbd splits "Freight Co. Ltd"
wrongly and runs at 0.1 MB/s; blingfire splits "Mr." and the inside of
quotes, and runs at ~3 MB/s on verse text here. This one runs at tens of
MB/s (``benchmarks/split_bench.py``) and knows what news and scripture need:

- abbreviations: titles (Mr., Dr.) never end a sentence; ambiguous ones
  (U.S., Co., Ltd, Inc.) end it only before a typical sentence opener;
- a quote of several sentences stays one sentence when it closes in the
  same paragraph, and an attribution after a quote
  (``..." Trump tweeted on Friday.``) stays with it;
- in a verse-numbered text (:mod:`tui.ingest.verses`) the numbers
  (``1:1 The beginning``) start a sentence, are left outside it and kept as
  its ``ref``; elsewhere, and for times, "2:30 pm" stays in the text;
- a line is a paragraph, unless the text is hard-wrapped (lines continue in
  lower case), when blank lines separate paragraphs;
- a run of text with no punctuation is cut at whitespace every
  ``MAX_SENTENCE`` characters, so a 10 MB line cannot become one sentence.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace

from tui.ingest.lines import collapse, strip_span
from tui.ingest.verses import is_verse_text, verse_ref, verse_starts
from tui.model import Paragraph, Sentence

MAX_SENTENCE = 1200
MAX_QUOTE = 700
MAX_SENTENCES = 100_000
"""Sentences found one by one in a source (a few microseconds each). Past them
the rest is cut by paragraph, in pieces of at most ``MAX_SENTENCE``
characters, and a note says so: four megabytes of "Hi. " would otherwise be
a million sentences to split, align, show and export."""

# Sentence-ending punctuation, closing quotes/brackets, then whitespace. The
# look-behind (a match never starts inside a run) and possessive quantifiers
# keep a run of 100,000 dots linear; starting with the character class lets
# the regex engine skip ahead to candidates quickly.
_CANDIDATE = re.compile(r"[.!?…](?<![.!?…].)[.!?…]*+[\"'”’»)\]]*+(?=\s)")
_ALNUM = re.compile(r"[^\W_]")
_CURLY = re.compile(r"[“«”»]")
_WORD_BEFORE = re.compile(r"[\w.'’-]*$")
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]?([\w'’.-]*)")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_SPEECH = re.compile(
    r"\b(said|says|say|tweeted|tweets|wrote|writes|added|adds|told|tells|asked|asks|"
    r"explained|stated|noted|replied|declared|insisted|posted|announced|continued|"
    r"recalled|warned|argued|according|claimed|cried|answered)\b",
    re.IGNORECASE,
)

# Abbreviations that never end a sentence (compared lower-case, no dot).
_TITLES = frozenset(
    "mr mrs ms mx dr prof st sen rep gov gen lt col capt sgt cmdr adm rev hon messrs mme "
    "mt ft no nos vol pp fig approx dept univ vs v cf jan feb mar apr jun jul aug sep sept "
    "oct nov dec".split()
)
# Abbreviations that end a sentence only before a typical sentence opener.
_AMBIGUOUS = frozenset("co ltd inc corp llc plc bros etc jr sr al esq".split())
_OPENERS = frozenset(
    "the a an in it he she they we i you but and this that these those there however "
    "meanwhile on at for his her their our its as if when while after before since so "
    "yet what who why how some many most all one two three later earlier then also "
    "mr mrs ms dr president officials".split()
)


def split_paragraph(
    text: str,
    start: int,
    end: int,
    paragraph: int,
    verses: bool = False,
    room: int | None = None,
) -> list[Sentence]:
    """Sentences of ``text[start:end]``, a span that no sentence crosses.

    With ``verses``, a ``chapter:verse`` number starting a sentence is taken
    out of it and becomes its ``ref``; a sentence without one has the ref of
    the sentence before it in the paragraph (the verse it starts in).
    After ``room`` sentences the rest of the span is cut only by length.
    """
    start, end = strip_span(text, start, end)
    if start >= end:
        return []
    sentences: list[Sentence] = []
    if room is None:
        room = MAX_SENTENCES
    # A verse always starts a sentence, even after ";" or ":" (its number is its ref).
    cuts = [start, *verse_starts(text, start, end), end] if verses else [start, end]
    for piece_start, piece_end in itertools.pairwise(cuts):
        _split_span(text, piece_start, piece_end, paragraph, sentences, verses, room)
    return sentences


def _split_span(
    text: str,
    start: int,
    end: int,
    paragraph: int,
    sentences: list[Sentence],
    verses: bool,
    room: int,
) -> None:
    """Add the sentences of ``text[start:end]`` to ``sentences``; past ``room``
    sentences in all, cut by length only."""
    if len(sentences) >= room:
        cut_at = _hard_split(text, start, end, paragraph, sentences, verses)
        _emit(text, cut_at, end, paragraph, sentences, verses)
        return
    quotes = _quote_regions(text, start, end)
    quote_starts = [region[0] for region in quotes]
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if len(sentences) >= room:
            break
        if match.end() - sentence_start > MAX_SENTENCE:
            sentence_start = _hard_split(
                text, sentence_start, match.start(), paragraph, sentences, verses
            )
        if _is_boundary(text, match, end, quotes, quote_starts):
            _emit(text, sentence_start, match.end(), paragraph, sentences, verses)
            sentence_start = match.end()
    if end - sentence_start > MAX_SENTENCE:
        sentence_start = _hard_split(text, sentence_start, end, paragraph, sentences, verses)
    _emit(text, sentence_start, end, paragraph, sentences, verses)


def _emit(
    text: str, start: int, end: int, paragraph: int, out: list[Sentence], verses: bool
) -> None:
    start, end = strip_span(text, start, end)
    ref = out[-1].ref if out else None
    if verses:
        found = verse_ref(text, start, end)
        if found:  # "1:2 And the earth..." - the number is a reference, not words
            ref, start = found
    if start < end and _ALNUM.search(text, start, end):
        out.append(Sentence(start, end, paragraph, collapse(text[start:end]), ref))


def _hard_split(
    text: str, start: int, end: int, paragraph: int, out: list[Sentence], verses: bool
) -> int:
    """Cut an unpunctuated run into pieces of at most MAX_SENTENCE characters."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", start + MAX_SENTENCE // 2, limit), text.rfind("\n", start, limit))
        if cut <= start:
            cut = limit
        _emit(text, start, cut, paragraph, out, verses)
        start = cut
    return start


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(open, close)`` positions of double quotes that close in this span."""
    regions: list[tuple[int, int]] = []
    segment = text[start:end]
    if segment.count('"') % 2 == 0:
        position = segment.find('"')
        while position >= 0:
            close = segment.find('"', position + 1)
            regions.append((start + position, start + close))
            position = segment.find('"', close + 1)
    opened = -1
    for found in _CURLY.finditer(text, start, end):
        if found.group() in "“«":
            opened = found.start()
        elif opened >= 0:
            regions.append((opened, found.start()))
            opened = -1
    regions.sort()
    return regions


def _inside_quote(position: int, quotes: list[tuple[int, int]], quote_starts: list[int]) -> bool:
    index = bisect_right(quote_starts, position) - 1
    if index < 0:
        return False
    opened, closed = quotes[index]
    return opened < position < closed and closed - opened <= MAX_QUOTE


def _is_boundary(
    text: str,
    match: re.Match[str],
    end: int,
    quotes: list[tuple[int, int]],
    quote_starts: list[int],
) -> bool:
    """Decide whether the punctuation in ``match`` ends a sentence."""
    after = match.end()
    following = after
    while following < end and text[following].isspace():
        following += 1
    if following >= end:
        return True
    next_char = text[following]
    if next_char.islower():
        return False
    punct = match.group()
    if _inside_quote(match.start(), quotes, quote_starts) and _inside_quote(
        after - 1, quotes, quote_starts
    ):
        return False
    closes_quote = punct[-1] in "\"'”’»"
    if closes_quote and _is_attribution(text, following, end):
        return False
    if punct.rstrip("\"'”’»)]") != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    before = word.group() if word else ""
    bare = before.strip("'’-").lower()
    if bare.rstrip(".") in _TITLES or (len(before) == 1 and before.isupper()):
        return False
    if bare.rstrip(".") in _AMBIGUOUS or _DOTTED.match(before):
        return _next_word(text, following, end).lower() in _OPENERS or next_char in "\"“'‘"
    return True


def _next_word(text: str, position: int, end: int) -> str:
    found = _NEXT_WORD.match(text, position, end)
    return found.group(1).rstrip(".") if found else ""


def _is_attribution(text: str, position: int, end: int) -> bool:
    """Is the clause at ``position`` a short "X said" after a quote?"""
    stop = _CANDIDATE.search(text, position, end)
    clause = text[position : stop.end() if stop else end]
    return len(clause.split()) <= 10 and _SPEECH.search(clause) is not None


def is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Does the text wrap paragraphs over several lines (e-texts, e-mail)?

    Sign of it: many lines that end without punctuation and continue on the
    next line in lower case. Article scrapes (a paragraph a line) have none.
    """
    content = 0
    continued = 0
    for (start, end), (next_start, next_end) in itertools.pairwise(lines):
        line = text[start:end].rstrip()
        if not line:
            continue
        content += 1
        following = text[next_start:next_end].lstrip()
        if following and following[0].islower() and not line.endswith((".", "!", "?")):
            continued += 1
    return content >= 4 and continued * 4 >= content


def paragraph_blocks(
    text: str, lines: list[tuple[int, int]], excluded: Iterable[int], wrapped: bool
) -> list[tuple[int, int]]:
    """Paragraph spans: each content line, or runs of lines when ``wrapped``.

    ``excluded`` holds the indices of boilerplate lines; they end a paragraph.
    """
    skip = set(excluded)
    blocks: list[tuple[int, int]] = []
    block_start = -1
    block_end = -1
    for index, (start, end) in enumerate(lines):
        blank = index in skip or not text[start:end].strip()
        if not wrapped:
            if not blank:
                blocks.append((start, end))
            continue
        if blank:
            if block_start >= 0:
                blocks.append((block_start, block_end))
                block_start = -1
            continue
        if block_start < 0:
            block_start = start
        block_end = end
    if wrapped and block_start >= 0:
        blocks.append((block_start, block_end))
    return blocks


def split_sentences(
    text: str,
    blocks: list[tuple[int, int]],
    notes: list[str] | None = None,
    limit: int | None = None,
) -> tuple[list[Sentence], list[Paragraph]]:
    """Sentences of every block, numbering only paragraphs that have any.

    Verse numbers become references only when the whole text is numbered
    that way (:func:`tui.ingest.verses.is_verse_text`); a paragraph without
    one at its start is then in the verse before it. Past ``limit``
    sentences the rest is cut by paragraph and length only; ``notes`` then
    receives a line that says so.
    """
    verses = is_verse_text(text, blocks)
    if limit is None:
        limit = MAX_SENTENCES  # read now: benchmarks of the splitter lift it
    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    cut = False
    for start, end in blocks:
        room = limit - len(sentences)
        found = split_paragraph(text, start, end, len(paragraphs), verses, room)
        if found and verses and sentences:
            found = _in_verse(found, sentences[-1].ref)
        if found:
            cut = cut or len(found) > max(room, 0)
            sentences.extend(found)
            paragraphs.append(Paragraph(*strip_span(text, start, end)))
    if cut and notes is not None:
        notes.append(
            f"more than {limit:,} sentences: the rest is cut by paragraph "
            f"(at most {MAX_SENTENCE:,} characters a piece), not by sentence"
        )
    return sentences, paragraphs


def _in_verse(found: list[Sentence], ref: str | None) -> list[Sentence]:
    """A paragraph's sentences before its first verse number are in the verse
    before it: poetry lays a verse out over several lines, numbering the first."""
    inherited = []
    for sentence in found:
        if sentence.ref is not None:
            break
        inherited.append(replace(sentence, ref=ref))
    return inherited + found[len(inherited) :]
