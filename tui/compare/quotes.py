"""Quotes: where two aligned sentences quote one statement in different words.

A quote is told apart from its surroundings by its marks (``quote_spans``);
two quotes are one statement worded or spelled differently when they share
enough words in order and differ in more than typesetting
(``typography_key``: curly or straight marks, dash kinds, ``&`` for "and" are
never a difference). The edits editors make at the edges (quoting more,
a capital, a final comma) are not a different wording either.
"""

from __future__ import annotations

import re

from tui.compare.flags import Flag, Span
from tui.compare.variants import is_editors_insertion, is_spelling_variant
from tui.compare.wordiff import Op, WordDiff, diff_words
from tui.model import SentenceRef

QUOTE_MIN_SHARED = 3
"""Words two quotes must share (in order) to be taken for the same quote."""
QUOTE_MIN_SHARE = 0.6
"""...and the share of the shorter quote's words those must make up."""

QUOTE_MARK = re.compile(r"[\"“”]")


def quote_spans(text: str) -> list[Span]:
    """Outermost quoted passages; an unclosed quote runs to the end of the sentence.

    A closing mark with no opening one (a quote that began in the sentence
    before) makes the text up to it a quote. Marks are told apart by what
    stands beside them, so nested curly or straight quotes stay inside.
    """
    spans: list[Span] = []
    opened: list[int] = []
    for match in QUOTE_MARK.finditer(text):
        mark = match.start()
        if not _looks_closing(text, mark):
            opened.append(mark)
        elif opened:
            start = opened.pop()
            if not opened:
                spans.append((start + 1, mark))
        elif not spans:
            spans.append((0, mark))
    if opened:
        spans.append((opened[0] + 1, len(text)))
    return [span for span in spans if text[span[0] : span[1]].strip()]


def _looks_closing(text: str, mark: int) -> bool:
    """A quote mark after a word or punctuation, as in ``necessary," she said``."""
    if text[mark] in "“”":
        return text[mark] == "”"
    return mark > 0 and not text[mark - 1].isspace() and text[mark - 1] not in "(["


def compare_quotes(
    group: int,
    a: SentenceRef,
    a_text: str,
    a_span: Span,
    b: SentenceRef,
    b_text: str,
    b_span: Span,
) -> Flag | None:
    """A flag when two quotes are one quote worded (or spelled) differently."""
    a_quote, b_quote = a_text[a_span[0] : a_span[1]], b_text[b_span[0] : b_span[1]]
    if typography_key(a_quote) == typography_key(b_quote):
        return None
    diff = diff_words(a_quote, b_quote)
    ops = _trim(diff)
    if not ops:
        return None
    shared = sum(
        sum(diff.a_tokens[i].is_word for i in range(*op.a_tokens))
        for op in ops
        if op.tag == "equal"
    )
    words = min(
        sum(t.is_word for t in diff.a_tokens[ops[0].a_tokens[0] : ops[-1].a_tokens[1]]),
        sum(t.is_word for t in diff.b_tokens[ops[0].b_tokens[0] : ops[-1].b_tokens[1]]),
    )
    changes = [
        op
        for op in ops
        if op.tag != "equal"
        and typography_key(a_quote[op.a_start : op.a_end])
        != typography_key(b_quote[op.b_start : op.b_end])
    ]
    if shared < QUOTE_MIN_SHARED or shared < QUOTE_MIN_SHARE * words or not changes:
        return None
    a_start, a_end = a_span[0] + ops[0].a_start, a_span[0] + ops[-1].a_end
    b_start, b_end = b_span[0] + ops[0].b_start, b_span[0] + ops[-1].b_end
    quiet = {id(op) for op in changes if _is_minor_change(op, a_quote, b_quote)}
    minor = len(quiet) == len(changes)
    ordered = sorted(changes, key=lambda op: id(op) in quiet)  # wording first, then spelling
    # The same change made twice ("Sanctions" twice in one quote) is said once.
    said = dict.fromkeys(_describe(op, a_quote, b_quote) for op in ordered)
    note = "; ".join(list(said)[:3])
    return Flag(
        "quote",
        group,
        a,
        b,
        a_text[a_start:a_end],
        (a_start, a_end),
        b_text[b_start:b_end],
        (b_start, b_end),
        minor=minor,
        note=note,
    )


_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # ‘ ’ ‚ ‛ ′ and the modifier apostrophe: '
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',  # “ ” „ ‟ ″ « »: "
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphens, dashes and the minus sign: -
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",  # no-break space
    }
)


def typography_key(text: str) -> str:
    """``text`` with typography alone made alike: quote and apostrophe shapes,
    dash kinds, ``&`` for "and", spacing (including around dashes). Two texts
    with the same key differ in typesetting, never in what they say."""
    plain = text.translate(_TYPOGRAPHY).replace("&", " and ")
    plain = re.sub(r"\s*-{2,}\s*|\s+-\s+", " - ", plain)
    return " ".join(plain.split())


def _trim(diff: WordDiff) -> list[Op]:
    """The ops where both quotes overlap, without the edits editors make at the edges.

    One outlet quotes more of a statement than another, begins a quote with
    a capital, or ends it with a comma instead of a full stop: none of that
    is a different wording, so leading and trailing one-sided or
    punctuation-only ops are dropped, and a case change of the first word.
    """
    ops = diff.ops
    first = 0
    while first < len(ops) and _edge(diff, ops[first]):
        first += 1
    last = len(ops)
    while last > first and _edge(diff, ops[last - 1]):
        last -= 1
    return ops[first:last]


def _edge(diff: WordDiff, op: Op) -> bool:
    """Whether an op at either end of a quote is editing rather than wording."""
    a_words = any(token.is_word for token in diff.a_tokens[slice(*op.a_tokens)])
    b_words = any(token.is_word for token in diff.b_tokens[slice(*op.b_tokens)])
    if op.tag == "equal":
        return not a_words  # a stray comma matched far away in the longer quote
    if not a_words or not b_words:
        return True  # one side quotes more, or only punctuation differs
    return op.minor and (op.a_tokens[0] == 0 or op.b_tokens[0] == 0)


def _is_minor_change(op: Op, a_quote: str, b_quote: str) -> bool:
    """Case, punctuation, an accepted spelling variant ("advisor") or an
    editor's bracketed insertion ("Chairman Kim [Jong-un]"): no other words
    put in the speaker's mouth."""
    if op.minor:
        return True
    left, right = a_quote[op.a_start : op.a_end], b_quote[op.b_start : op.b_end]
    if is_editors_insertion(left) or is_editors_insertion(right):
        return True
    left_words, right_words = left.split(), right.split()
    return len(left_words) == len(right_words) > 0 and all(
        is_spelling_variant(x, y) for x, y in zip(left_words, right_words, strict=True)
    )


def _describe(op: Op, a_quote: str, b_quote: str) -> str:
    left, right = a_quote[op.a_start : op.a_end], b_quote[op.b_start : op.b_end]
    gloss = " (editor's insertion)" if is_editors_insertion(left or right) else ""
    if op.tag == "insert":
        return f"only the second has {right!r}{gloss}"
    if op.tag == "delete":
        return f"only the first has {left!r}{gloss}"
    return f"{left!r} vs {right!r}"
