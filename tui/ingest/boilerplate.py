"""Recognise page furniture in scraped plain text: paywalls, cookies, links.

Scrapes arrive with the subscription pitch, the price table, the cookie
notice, "READ MORE" and the URL slug of the next article left in. Aligning
those would link outlets by their furniture, so we find them here, line by
line, and keep them as spans (never deleting text, so offsets stay true).

Two passes:

1. Each line is tested against specific patterns. A short line needs one
   hit; a long line (a real paragraph) needs two different hits, so that a
   news sentence *about* subscriptions or cookies survives.
2. Paywall and price tables are mostly bland lines ("Smart Quarterly",
   "3 Months", "Archives"). A run of short unpunctuated lines that contains a
   paywall, price or cookie line is boilerplate as a whole. A real sentence
   (ending in punctuation) ends the run, so text next to a paywall survives.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tui.ingest.lines import collapse, line_spans, strip_span
from tui.model import Boilerplate

# (kind, pattern), matched against the lower-cased line: specific phrases,
# not lone words, to spare real sentences.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        ("paywall", r"\bsubscribe (now|today|to (read|continue|get|unlock))\b"),
        ("paywall", r"\balready (a )?(subscribed|subscriber|member)\b"),
        ("paywall", r"\b(digital |our )?subscription (plans?|offers?|options)\b"),
        ("paywall", r"\b(log|sign) ?(in|up)\b\W*$"),
        ("paywall", r"\b(free|premium) (articles?|stories|content)\b"),
        ("paywall", r"\bunlimited (digital )?access\b"),
        ("paywall", r"\breached your (limit|free)\b"),
        ("paywall", r"\brenews automatically\b|\bcancel anytime\b"),
        ("paywall", r"\bad-free\b|\bno advertisements\b"),
        ("paywall", r"\{\{[^}]*\}\}"),
        ("paywall", r"\b(e-?paper|newsletters?)\b"),
        ("price", r"^\W{0,2}[₹$€£¥]\s?\d[\d,.]*(\s*/\s*\w+)?\W*$"),
        ("price", r"^\s*\d+\s+(months?|years?|weeks?|days?)\s*$"),
        ("price", r"[₹$€£¥]\s?\d[\d,.]*\s*(/|per)\s*(month|year|week)\b"),
        ("cookie", r"\b(use|uses|using|accept|these) cookies\b"),
        ("cookie", r"\bcookie (policy|settings|preferences|notice)\b"),
        ("cookie", r"\bmanage (settings|preferences|cookies)\b"),
        ("cookie", r"\bprivacy (policy|notice)\b"),
        ("cookie", r"\bby continuing to use\b"),
        (
            "link",
            r"^\W*(read more|see also|related( articles?| stories)?|more on this story"
            r"|recommended|share this( article)?|click here|follow us( on)?|advertisement|"
            r"skip to (main )?content|continue reading)\W*$",
        ),
        ("link", r"^\s*(https?://|www\.)\S+\s*$"),
        ("slug", r"^\s*[a-z0-9]+(-[a-z0-9]+){3,}/?\s*$"),
        ("credit", r"\bcontributed to this report\b|\ball rights reserved\b|©"),
        ("credit", r"^\s*(additional )?(reporting|writing|editing) by\b"),
        (
            "credit",
            r"^\s*((photo(graph)?s?|image|picture) credits?|credits?:)"
            r"\s*\S[^/.]{0,60}/[^/.]{1,40}$",
        ),
        ("stray", r"^\s*\S{1,2}\s*$"),
    ]
]

# Every pattern above needs one of these words, unless the line is short or
# has no spaces. Finding them with str.find over the whole text is what keeps
# this pass fast (a regex per line is ten times slower).
_TRIGGERS = (
    "subscri",
    "sign in",
    "sign up",
    "signin",
    "signup",
    "log in",
    "login",
    "free article",
    "free stor",
    "free content",
    "premium",
    "unlimited",
    "reached your",
    "renews",
    "cancel anytime",
    "ad-free",
    "advertis",
    "{{",
    "paper",
    "newsletter",
    "₹",
    "$",
    "€",
    "£",
    "¥",
    "cookie",
    "privacy",
    "by continuing",
    "read more",
    "see also",
    "related",
    "more on this",
    "recommended",
    "share this",
    "click here",
    "follow us",
    "skip to",
    "continue reading",
    "http",
    "www.",
    "contributed",
    "rights reserved",
    "©",
    "reporting by",
    "writing by",
    "editing by",
    "credit",
)
_FEW_WORDS = 6
"""Lines this short are always checked against every pattern."""

# Kinds whose presence makes a neighbouring run of bland lines boilerplate.
_BLOCK_KINDS = {"paywall", "price", "cookie"}
_SHORT_WORDS = 25
_LONGEST = 3000
"""No furniture line is longer; skipping longer ones keeps huge lines fast."""
_BLAND_WORDS = 16
_TERMINAL = tuple('.!?:;…"”’»)')
_GLUED_CREDIT = re.compile(
    r"[a-z.!?’”\")]Credit[A-Z][^.!?]{0,80}$|^Credit:?\s*[A-Z][^/.!?]{0,60}/[A-Z][^.!?]{0,40}$"
)
"""A photo caption run into its credit, as scrapes of captioned pictures
give it: "…at the Capitol.CreditJoshua Roberts/Reuters" (or the credit on a
line of its own, "Credit Joshua Roberts/Reuters"). The glued, capitalised
"Credit" near the end of the line is the sign; it is matched
case-sensitively, so "discredited" or "credit cards" never are."""


def classify_line(line: str) -> str | None:
    """The boilerplate kind of one line, or None if it reads as content."""
    stripped = line.strip()
    if not stripped or len(stripped) > _LONGEST:
        return None
    if len(stripped) <= 2:
        return "stray"
    if _GLUED_CREDIT.search(stripped):
        return "credit"
    lowered = stripped.lower()
    needed = 1 if len(stripped.split()) <= _SHORT_WORDS else 2
    first: str | None = None
    hits = 0
    for kind, pattern in _PATTERNS:
        if pattern.search(lowered):
            first = first or kind
            hits += 1
            if hits == needed:
                return first
    return None


def _is_bland(line: str) -> bool:
    """A short line without closing punctuation: a label, a plan name, a price."""
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped.split()) <= _BLAND_WORDS
        and not stripped.endswith(_TERMINAL)
    )


def find_boilerplate(text: str, lines: list[tuple[int, int]] | None = None) -> list[Boilerplate]:
    """Boilerplate spans of ``text``, in order, merged across adjacent lines."""
    if lines is None:
        lines = line_spans(text)
    suspects = _suspect_lines(text, lines)
    kinds: list[str | None] = [None] * len(lines)
    for index in suspects:
        start, end = lines[index]
        kinds[index] = classify_line(text[start:end])
    _extend_blocks(text, lines, kinds)
    spans: list[Boilerplate] = []
    run_start = run_end = -1
    run_kind = ""
    for (start, end), kind in zip(lines, kinds, strict=True):
        if kind is None:
            if text[start:end].strip() and run_start >= 0:
                spans.append(_span(text, run_start, run_end, run_kind))
                run_start = -1
            continue
        start, end = strip_span(text, start, end)
        if run_start >= 0 and not _same_run(run_kind, kind):
            spans.append(_span(text, run_start, run_end, run_kind))
            run_start = -1
        if run_start < 0:
            run_start, run_kind = start, kind
        run_end = end
    if run_start >= 0:
        spans.append(_span(text, run_start, run_end, run_kind))
    return spans


def _same_run(first: str, second: str) -> bool:
    """Adjacent lines merge into one span when they are the same furniture."""
    return first == second or (first in _BLOCK_KINDS and second in _BLOCK_KINDS)


def _span(text: str, start: int, end: int, kind: str) -> Boilerplate:
    return Boilerplate(start, end, collapse(text[start:end]), kind)


def _suspect_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Lines worth testing: short ones, unspaced ones, and those with a trigger."""
    starts = [start for start, _ in lines]
    suspects: set[int] = set()
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character changed length: test every line
        return set(range(len(lines)))
    for trigger in _TRIGGERS:
        position = lowered.find(trigger)
        while position >= 0:
            number = bisect_right(starts, position) - 1
            suspects.add(number)
            position = lowered.find(trigger, lines[number][1])
    for index, (start, end) in enumerate(lines):
        if end - start < 80 and index not in suspects:
            line = text[start:end]
            if len(line.split()) <= _FEW_WORDS or " " not in line.strip():
                suspects.add(index)
    return suspects


def _extend_blocks(text: str, lines: list[tuple[int, int]], kinds: list[str | None]) -> None:
    """Mark runs of bland lines next to a paywall/price/cookie line.

    Walks outwards from each such line over blank and bland lines; a line of
    real text (or the first line, a headline) stops the walk.
    """
    first_content = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), -1)
    seeds = [i for i, kind in enumerate(kinds) if kind in _BLOCK_KINDS]
    for seed in seeds:
        block_kind = kinds[seed]
        for step in (-1, 1):
            cursor = seed + step
            while 0 <= cursor < len(lines):
                start, end = lines[cursor]
                line = text[start:end]
                if kinds[cursor] is None:
                    if not line.strip():
                        cursor += step
                        continue
                    if cursor == first_content or not _is_bland(line):
                        break
                    kinds[cursor] = block_kind
                elif kinds[cursor] in _BLOCK_KINDS and cursor != seed:
                    break  # that seed walks on from here itself
                cursor += step
