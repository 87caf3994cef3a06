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
from tui.compare.wordiff import Mark, MarkKind, WordDiff, diff_words, worst_marks
from tui.model import Comparison

CLOSE_SHARE = 0.5
"""A pair is close when the words they share are at least this share of the
longer sentence's words; below it, the wording is the sources' own."""
PARTNER_SHARE = 0.5
"""A second linked sentence of the base is compared too when at least this
share of its words is found in the sentence..."""
MORE_WORDS = 3
"""...and it adds at least this many words found alike."""


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
    sentence in the row). A sentence linked to several sentences of the base
    cell (one source says in one sentence what the base says in two) is
    compared with them all, in the base's order: against its best link
    alone, what the base's second sentence says came out as added.
    """
    documents = comparison.documents
    alignment = comparison.alignment
    base_cell = set(row.cells[base])
    base_texts = documents[base].sentences
    close: dict[int, list[list[Mark]]] = defaultdict(list)
    loose: dict[int, list[list[Mark]]] = defaultdict(list)
    result: list[list[SentenceMarks]] = [[] for _ in row.cells]
    for source, cell in enumerate(row.cells):
        if source == base:
            continue
        for sentence in cell:
            text = documents[source].sentences[sentence].text
            linked = [
                number
                for number, _score in alignment.counterparts((source, sentence), base)
                if number in base_cell
            ]
            if not linked:
                result[source].append(SentenceMarks(sentence, _plain(text)))
                continue
            partners, starts, diff = _compared(linked, [t.text for t in base_texts], text)
            if shared_share(diff) >= CLOSE_SHARE:
                theirs, ours, kept = diff.marks("b"), diff.marks("a"), close
            else:
                theirs, ours, kept = shared_marks([diff], "b"), shared_marks([diff], "a"), loose
            result[source].append(SentenceMarks(sentence, theirs))
            for number, start in zip(partners, starts, strict=True):
                length = len(base_texts[number].text)
                piece = _shifted(ours, start, length)
                if kept is close and _found_share(diff, start, start + length) < CLOSE_SHARE:
                    # One of several partners that only paraphrases the sentence
                    # (a lead beside the quote it sums up): shown as a loose pair.
                    loose[number].append(_loosened(piece))
                else:
                    kept[number].append(piece)
    for sentence in row.cells[base]:
        text = base_texts[sentence].text
        lists = close[sentence] or loose[sentence]
        result[base].append(SentenceMarks(sentence, worst_marks(text, lists) or _plain(text)))
    return result


def _compared(
    linked: list[int], texts: list[str], text: str
) -> tuple[list[int], list[int], WordDiff]:
    """``text`` against its best link in the base cell, and against more of its
    links (best first) while each says words of ``text`` the others do not
    (:data:`MORE_WORDS`) and is mostly found in it (:data:`PARTNER_SHARE`);
    the partners in the base's order, where each starts, and the diff."""
    # The link most of whose words the sentence says first: where several tie
    # (the sentence quotes one and sums up another), the one it says alike.
    linked = sorted(
        linked,
        key=lambda number: -_found_share(diff_words(texts[number], text), 0, len(texts[number])),
    )
    partners = [linked[0]]
    starts, diff = _against([texts[number] for number in partners], text)
    alike = _equal_words(diff, 0, len(diff.a))
    for candidate in linked[1:]:
        trial = sorted([*partners, candidate])
        trial_starts, trial_diff = _against([texts[number] for number in trial], text)
        start = trial_starts[trial.index(candidate)]
        found = _found_share(trial_diff, start, start + len(texts[candidate]))
        trial_alike = _equal_words(trial_diff, 0, len(trial_diff.a))
        if found >= PARTNER_SHARE and trial_alike - alike >= MORE_WORDS:
            partners, starts, diff, alike = trial, trial_starts, trial_diff, trial_alike
    return partners, starts, diff


def _found_share(diff: WordDiff, start: int, end: int) -> float:
    """The share of the words of side ``a`` within ``start:end`` that the other
    side says alike (0 where there are none)."""
    words = sum(1 for token in diff.a_tokens if token.is_word and start <= token.start < end)
    return _equal_words(diff, start, end) / words if words else 0.0


def _loosened(marks: list[Mark]) -> list[Mark]:
    """Close-pair marks read as a loose pair's: what is alike is ``shared``, the
    rest plain (nothing struck)."""
    kinds: dict[MarkKind, MarkKind] = {"equal": "shared", "minor": "shared"}
    return [Mark(mark.start, mark.end, kinds.get(mark.kind, "equal")) for mark in marks]


def _against(partners: list[str], text: str) -> tuple[list[int], WordDiff]:
    """``text`` against the partners one after another (a space between): where
    each partner starts in the joined text, and the diff."""
    starts, position = [], 0
    for partner in partners:
        starts.append(position)
        position += len(partner) + 1
    return starts, diff_words(" ".join(partners), text)


def _equal_words(diff: WordDiff, start: int, end: int) -> int:
    """Words of side ``a`` within ``start:end`` that the other side says alike."""
    return sum(
        1
        for op in diff.ops
        if op.tag == "equal"
        for token in diff.a_tokens[slice(*op.a_tokens)]
        if token.is_word and start <= token.start < end
    )


def _shifted(marks: list[Mark], start: int, length: int) -> list[Mark]:
    """The marks of ``start:start + length`` of a joined text, in that piece's offsets."""
    end = start + length
    return [
        Mark(max(mark.start, start) - start, min(mark.end, end) - start, mark.kind)
        for mark in marks
        if mark.start < end and mark.end > start
    ]


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
