"""Disagreements: facts that aligned sentences state differently.

Two sentences in one group say the same thing, so where they differ in a
number, a day or month, the spelling of a name or the wording of a quote, a
reader wants to look: one outlet may have a mistake, or the story changed.
These are *possible* conflicts, found by cheap rules that prefer missing a
case to crying wolf: a detail only one sentence mentions is no conflict
(sources often leave things out), and a value both sentences share silences
the rule. Every flag carries spans into ``Sentence.text`` of both sides so
the reader can highlight them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import Indel

from tui.align.tokens import fold
from tui.compare.flags import Flag, Kind, Span
from tui.compare.quotes import QUOTE_MARK, QUOTE_MIN_SHARED, compare_quotes, quote_spans
from tui.compare.synopsis import group_order
from tui.compare.variants import is_spelling_variant
from tui.compare.wordiff import tokenize
from tui.model import Comparison, SentenceRef

NAME_SIMILARITY = 0.82
"""Indel similarity above which two different names look like one name."""


_WRITTEN = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_WRITTEN |= {"ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "dozen": 12}
_NUMBER = re.compile(
    r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])|\b(?:" + "|".join(_WRITTEN) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE = re.compile(r"\b(?:" + "|".join(_DAYS + _MONTHS) + r")\b", re.IGNORECASE)
# A capital not preceded by a letter or digit (``\b[A-Z]``, written so that
# the pattern starts with the capital and the scan can skip to candidates).
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[^\W_]*(?:-[^\W_]+)*(?:\s+[A-Z][^\W_]*(?:-[^\W_]+)*)*")
_STOPWORDS = frozenset(
    "the and but for are was were has had have his her its their they them this that "
    "with from into than then there these those who which what when said says".split()
)
_POSSESSIVES = ("'s", "’s")
_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S+")
_JOINERS = re.compile(r"[-\s]+")
_ASCII_DIGIT = re.compile(r"[0-9]")
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"\w+")
_VALUE_WORD_TEXTS = frozenset([*_WRITTEN, *_DAYS, *_MONTHS])
_VALUE_WORDS = frozenset(word.encode() for word in _VALUE_WORD_TEXTS)
_ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"
"""The non-ASCII characters a case-insensitive pattern takes for ASCII letters (İ ı ſ K)."""
_LOOKALIKE = re.compile(f"[{_ASCII_LOOKALIKES}]")
_ASCII_RUNS = (
    bytes(
        byte if chr(byte).isalnum() or byte == ord("_") else ord(" ") for byte in range(128)
    ).lower()
    + b" " * 128
)
"""ASCII bytes to themselves in lower case if ``\\w`` matches them, to a space if not."""
_DAYS_AND_MONTHS = frozenset(_DAYS + _MONTHS)


@dataclass(frozen=True, slots=True)
class _Item:
    key: str
    text: str
    span: Span


@dataclass(slots=True)
class _Values:
    """The numbers (or days and months) of one sentence, each with its nearby words."""

    items: list[_Item]
    keys: set[str]
    contexts: list[set[str]]


@dataclass(slots=True)
class _Features:
    """What the rules compare, read once from the text of one sentence."""

    text: str
    numbers: _Values
    dates: _Values
    names: list[_Item]
    name_surfaces: set[str]
    quotes: list[tuple[Span, Counter[str]]]
    """Each quoted passage and its case-folded words, counted."""


def _features(text: str) -> _Features:
    if _may_state_values(text):
        numbers, dates = _values(text, _numbers(text)), _values(text, _dates(text))
    else:
        numbers = dates = _NO_VALUES
    names = _name_items(text)
    quotes: list[tuple[Span, Counter[str]]] = []
    for span in quote_spans(text) if QUOTE_MARK.search(text) else ():
        tokens = tokenize(text[span[0] : span[1]])
        quotes.append((span, Counter(t.text.casefold() for t in tokens if t.is_word)))
    return _Features(text, numbers, dates, names, {item.text for item in names}, quotes)


def _may_state_values(text: str) -> bool:
    """False only if the number and date patterns cannot match ``text``.

    They are slow (long case-insensitive alternations tried at every
    position), and can only match at a digit or at a whole word that is a
    number, day or month, which is quick to rule out: ASCII text through
    bytes, other text by its words unless it has a character that matches
    an ASCII letter once case is ignored (then the patterns run).
    """
    if text.isascii():
        return bool(_ASCII_DIGIT.search(text)) or not _VALUE_WORDS.isdisjoint(_ascii_words(text))
    if _DIGIT.search(text) or _LOOKALIKE.search(text):
        return True
    return not _VALUE_WORD_TEXTS.isdisjoint([word.lower() for word in _RUN.findall(text)])


def _ascii_words(text: str) -> list[bytes]:
    """The ``\\w+`` runs of ASCII ``text``, lower-cased, as bytes: a C-speed ``findall``."""
    return text.encode("ascii").translate(_ASCII_RUNS).split()


def _values(text: str, items: list[_Item]) -> _Values:
    if not items:
        return _NO_VALUES
    contexts = [_context(text, item.span) for item in items]
    return _Values(items, {item.key for item in items}, contexts)


_NO_VALUES = _Values([], set(), [])


def _group_flags(comparison: Comparison, group: int) -> list[Flag]:
    """The flags of one group, each member's features read once.

    A sentence belongs to one group, so its features are needed only here
    and die with the group: keeping them all for the whole comparison
    would only give the garbage collector more to walk.
    """
    members = sorted(comparison.alignment.groups[group].members)
    documents = comparison.documents
    texts = {ref: documents[ref[0]].sentences[ref[1]].text for ref in members}
    # Copies of one source repeat each sentence word for word: read each text
    # once, and two equal texts cannot disagree (a group of copies of one
    # sentence is not read at all).
    distinct = set(texts.values())
    if len(distinct) < 2:
        return []
    features = {text: _features(text) for text in distinct}
    flags: list[Flag] = []
    for a, b in combinations(members, 2):
        if a[0] != b[0] and texts[a] != texts[b]:
            flags.extend(_pair_flags(group, a, features[texts[a]], b, features[texts[b]]))
    return flags


def _pair_flags(
    group: int, a: SentenceRef, left: _Features, b: SentenceRef, right: _Features
) -> list[Flag]:
    """Every possible conflict between two sentences, from their features."""
    found: list[tuple[Kind, list[tuple[_Item, _Item]]]] = [
        ("number", _differing(left.numbers, right.numbers, lone=False)),
        ("date", _differing(left.dates, right.dates, lone=True)),
        ("name", _names(left, right)),
    ]
    flags: list[Flag] = []
    for kind, pairs in found:
        for one, other in pairs:
            note = f"{one.text} vs {other.text}"
            # "Kim Jong-un" / "Kim Jong Un", "Adviser" / "Advisor": one name, two spellings.
            minor = kind == "name" and (one.key == other.key or _variant_words(one, other))
            if minor:
                note += " (spelling variant)"
            flags.append(
                Flag(
                    kind,
                    group,
                    a,
                    b,
                    one.text,
                    one.span,
                    other.text,
                    other.span,
                    minor=minor,
                    note=note,
                )
            )
    flags.extend(_quotes(group, a, left, b, right))
    return flags


def sentence_flags(
    group: int, a: SentenceRef, a_text: str, b: SentenceRef, b_text: str
) -> list[Flag]:
    """Every possible conflict between two sentences of ``group``."""
    return _pair_flags(group, a, _features(a_text), b, _features(b_text))


def group_flags(comparison: Comparison, group: int) -> list[Flag]:
    """The flags between sentences of different sources in one group."""
    return _group_flags(comparison, group)


def all_flags(comparison: Comparison, reference: int = 0) -> list[Flag]:
    """Every flag of the comparison, in the reading order of ``reference``.

    Each sentence's numbers, dates, names and quotes are read once, however
    many sentences of its group it is compared with.
    """
    flags: list[Flag] = []
    for group in group_order(comparison, reference):
        flags.extend(_group_flags(comparison, group))
    return flags


def flagged_sentences(flags: Iterable[Flag]) -> set[SentenceRef]:
    """The sentences some flag points at."""
    return {ref for flag in flags for ref in (flag.a, flag.b)}


def _numbers(text: str) -> list[_Item]:
    """Numbers in digits or words; "five hundred" and "3 million" are one value."""
    runs: list[list[re.Match[str]]] = []
    for match in _NUMBER.finditer(text):
        if runs and _joins(text[runs[-1][-1].end() : match.start()], match.group()):
            runs[-1].append(match)
        else:
            runs.append([match])
    items = []
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        items.append(_Item(_value(m.group() for m in run), text[start:end], (start, end)))
    return items


def _joins(gap: str, word: str) -> bool:
    """Whether a number word continues the previous one ("five hundred", "twenty-one")."""
    return gap in (" ", "-") and not word[0].isdigit()


def _value(parts: Iterable[str]) -> str:
    """The value of a run such as ``five hundred`` or ``3 million``, as a key."""
    total = current = 0.0
    for part in parts:
        if part[0].isdigit():
            current += float(part.replace(",", ""))
            continue
        number = _WRITTEN[part.lower()]
        if number == 100:
            current = (current or 1) * 100
        elif number >= 1000:
            total += (current or 1) * number
            current = 0
        else:
            current += number
    value = total + current
    return str(int(value)) if value.is_integer() else str(value)


def _dates(text: str) -> list[_Item]:
    items = []
    for match in _DATE.finditer(text):
        word = match.group()
        if word.lower() == "may" and not word[0].isupper():
            continue  # the verb
        items.append(_Item(word.lower(), word, match.span()))
    return items


def _differing(left: _Values, right: _Values, lone: bool) -> list[tuple[_Item, _Item]]:
    """Pairs of values found on one side only, matched by a shared nearby word.

    "12 people are dead" and "15 dead" share "dead": the same fact with two
    values. Two numbers without a shared neighbour are as often two facts
    as one disputed fact, so they are left alone; with ``lone`` (days and
    months), one differing value on each side is flagged even so, since two
    accounts of one event rarely name two different days for two reasons.
    """
    if not left.items or not right.items:
        return []
    left_only = [
        (item, context)
        for item, context in zip(left.items, left.contexts, strict=True)
        if item.key not in right.keys
    ]
    right_only = [
        (item, context)
        for item, context in zip(right.items, right.contexts, strict=True)
        if item.key not in left.keys
    ]
    if not left_only or not right_only:
        return []
    pairs = []
    used: set[int] = set()
    for item, context in left_only:
        for number, (other, other_context) in enumerate(right_only):
            if number not in used and context & other_context:
                pairs.append((item, other))
                used.add(number)
                break
    if (
        not pairs
        and lone
        and len({i.key for i, _ in left_only}) == len({i.key for i, _ in right_only}) == 1
    ):
        pairs.append((left_only[0][0], right_only[0][0]))
    return pairs


def _context(text: str, span: Span) -> set[str]:
    """The content words near a value (one before, three after), folded."""
    before = _WORD.findall(text[max(0, span[0] - 40) : span[0]])
    after = _WORD.findall(text[span[1] : span[1] + 60])
    return {
        fold(word.lower())
        for word in before[-1:] + after[:3]
        if len(word) > 2 and word.lower() not in _STOPWORDS
    }


def _name_items(text: str) -> list[_Item]:
    """Capitalised words, and runs of them, that are not dates."""
    items = []
    for match in _NAME.finditer(text):
        run, offset = match.group(), match.start()
        if run.isalpha():  # one word of letters only, the usual case: the loop below, unrolled
            kept = len(run) >= 3 and run.lower() not in _DAYS_AND_MONTHS
            if kept and not _opens_clause(text, offset):
                items.append(_Item(run.casefold(), run, (offset, match.end())))
            continue
        if _SPACE.search(run) is None:
            words = [(offset, match.end())]
        else:
            words = [(offset + m.start(), offset + m.end()) for m in _NON_SPACE.finditer(run)]
        for first in range(len(words)):
            start = words[first][0]
            for last in range(first, min(first + 3, len(words))):
                surface = text[start : words[last][1]]
                if surface.endswith(_POSSESSIVES):
                    surface = surface[:-2]
                if len(surface) < 3 or surface.lower() in _DAYS_AND_MONTHS:
                    continue
                if first == last:
                    if _opens_clause(text, start):
                        continue  # "There" / "These": capitalised because it comes first
                    key = surface if "-" not in surface else _JOINERS.sub("", surface)
                else:
                    key = _JOINERS.sub("", surface)
                items.append(_Item(key.casefold(), surface, (start, start + len(surface))))
    return items


def _opens_clause(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in "\"“‘'(:.!?"


def _names(left: _Features, right: _Features) -> list[tuple[_Item, _Item]]:
    """Names written two ways: same letters, other hyphens/spaces/case, or a near spelling."""
    others = [other for other in right.names if other.text not in left.name_surfaces]
    pairs: list[tuple[_Item, _Item]] = []
    if not others:
        return pairs
    for item in left.names:
        if item.text in right.name_surfaces:
            continue
        for other in others:
            if not _same_name(item, other):
                continue
            if any(_overlaps(item.span, p.span) or _overlaps(other.span, q.span) for p, q in pairs):
                continue
            pairs.append((item, other))
    return pairs


def _same_name(item: _Item, other: _Item) -> bool:
    if item.key == other.key:
        return True
    if " " in item.text or " " in other.text:
        return False  # multi-word runs only match by key; single words do the rest
    short, long = sorted((item.key, other.key), key=len)
    if len(short) < 5:
        return False
    if long.startswith(short) or long.endswith(short):
        return False  # Korea / Korean, though / although: another word, not a misspelling
    return Indel.normalized_similarity(item.key, other.key) >= NAME_SIMILARITY


def _variant_words(one: _Item, other: _Item) -> bool:
    """Whether two names differ only by accepted spelling variants, word by word."""
    left, right = one.text.split(), other.text.split()
    return len(left) == len(right) and all(
        is_spelling_variant(x, y) for x, y in zip(left, right, strict=True)
    )


def _overlaps(one: Span, two: Span) -> bool:
    return one[0] < two[1] and two[0] < one[1]


def _quotes(
    group: int, a: SentenceRef, left: _Features, b: SentenceRef, right: _Features
) -> list[Flag]:
    flags = []
    for a_span, a_words in left.quotes:
        for b_span, b_words in right.quotes:
            # Words the diff finds equal are equal once case-folded, each used
            # once, so with fewer such words in common than a flag needs, the
            # (costly) diff could only say no.
            if (
                sum(min(n, b_words[w]) for w, n in a_words.items() if w in b_words)
                < QUOTE_MIN_SHARED
            ):
                continue
            flag = compare_quotes(group, a, left.text, a_span, b, right.text, b_span)
            if flag is not None:
                flags.append(flag)
    return flags
