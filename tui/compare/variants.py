"""Differences that are no disagreement: spelling variants and editors' insertions.

"Adviser" against "Advisor", "organise" against "organize", "Mohammed"
against "Mohamed" name one thing spelled two accepted ways; "Chairman Kim
[Jong-un]" against "Chairman Kim" is an editor's gloss inside a quote, not
other words put in the speaker's mouth. The disagreement rules still show
them (a reader may care), but as *minor*, after the real ones, so that a
changed number or a misquoted sentence is not lost among them.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

VARIANT_ENDINGS = (
    ("iser", "isor"),
    ("ise", "ize"),
    ("isation", "ization"),
    ("yse", "yze"),
    ("our", "or"),
    ("re", "er"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
)
"""Endings that British, American and house styles spell two ways."""

KNOWN_VARIANTS = frozenset(
    frozenset(pair)
    for pair in [
        ("grey", "gray"),
        ("judgement", "judgment"),
        ("ageing", "aging"),
        ("jewellery", "jewelry"),
        ("programme", "program"),
        ("kerb", "curb"),
        ("tyre", "tire"),
        ("aluminium", "aluminum"),
        ("pyjamas", "pajamas"),
        ("sceptic", "skeptic"),
        ("whisky", "whiskey"),
        ("moustache", "mustache"),
    ]
)
"""Whole words spelled two accepted ways, case-folded."""

TRANSLITERATED = {"i", "y"}
"""One letter for the other is how transliterations differ most."""
_BRACKETED = re.compile(r"\s*\[[^\[\]]*\]\s*")


def is_spelling_variant(one: str, other: str) -> bool:
    """Whether two different words are one word spelled two accepted ways.

    Besides the endings and words listed above, two transliterations in a
    word of five letters or more: an ``i`` for a ``y`` ("Gaddafi" /
    "Gaddafy") or a letter doubled ("Mohammed" / "Mohamed"). Any other
    changed letter ("Trump" / "Tramp") may be a misspelt name: still real.
    """
    a, b = one.casefold(), other.casefold()
    if a == b:
        return True
    if frozenset((a, b)) in KNOWN_VARIANTS:
        return True
    for first, second in VARIANT_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(first) and y.endswith(second) and x[: -len(first)] == y[: -len(second)]:
                return True
    if min(len(a), len(b)) < 5 or Levenshtein.distance(a, b) != 1:
        return False
    if len(a) == len(b):
        changed = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
        return {a[changed], b[changed]} == TRANSLITERATED
    short, long = sorted((a, b), key=len)
    extra = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return extra > 0 and long[extra] == long[extra - 1]  # a doubled letter


def is_editors_insertion(text: str) -> bool:
    """Whether ``text`` is wholly a bracketed insertion, as ``[Jong-un]`` or ``[the]``."""
    return bool(text.strip()) and _BRACKETED.fullmatch(text) is not None
