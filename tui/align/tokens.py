"""Words as the aligner counts them.

Lower-cased runs of letters and digits, with two cheap folds that make
outlets' spellings meet: a plural ``s`` is dropped ("Sanctions"/"sanction"),
and long words are reduced to a consonant skeleton with ``z`` read as ``s``,
so "Adviser"/"Advisor" and "denuclearisation"/"denuclearization" are one
word. Character-level fuzziness beyond that is rapidfuzz's job.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_VOWELS = str.maketrans(
    {"a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "z": "s"}
)
_DOUBLE = re.compile(r"(.)\1+")
SKELETON_MIN = 7


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """The comparison key of one lower-case word."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) >= SKELETON_MIN and word.isalpha():
        skeleton = word[0] + word[1:].translate(_VOWELS)
        return _DOUBLE.sub(r"\1", skeleton) + "~"
    return word


def words(text: str) -> list[str]:
    """Folded words of ``text`` in order (duplicates kept)."""
    return [fold(word) for word in _WORD.findall(text.lower())]
