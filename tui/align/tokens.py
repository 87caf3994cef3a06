"""Words as the aligner counts them.

Lower-cased runs of letters and digits, folded so that outlets' spellings and
inflections meet:

- **stems** (Snowball's English stemmer, through PyStemmer): "apologizes" and
  "apologize", "demanded" and "demands", "sanctions" and "sanction" are one
  word;
- **spelling**: ``z`` is read as ``s`` and a final ``or`` as ``er`` before
  stemming, so "denuclearization"/"denuclearisation" and "Adviser"/"Advisor"
  meet, and long stems are reduced to a consonant skeleton ("judgment" and
  "judgement").

Character-level fuzziness beyond that is rapidfuzz's job; meaning beyond it
(celebrated/applauded) is the embeddings' (``tui.align.embedding``). Numbers and
mixed letter-digit words are kept as they are.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[^\W_]+")
_VOWELS = str.maketrans({"a": None, "e": None, "i": None, "o": None, "u": None, "y": None})
_DOUBLE = re.compile(r"(.)\1+")
SKELETON_MIN = 7
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread: PyStemmer's objects are not safe to share."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """The comparison key of one lower-case word."""
    if not word.isalpha():
        return word
    word = word.replace("z", "s")
    if len(word) > 5 and word.endswith("or"):
        word = word[:-2] + "er"
    stem = _stemmer().stemWord(word)
    if len(stem) >= SKELETON_MIN:
        skeleton = stem[0] + stem[1:].translate(_VOWELS)
        return _DOUBLE.sub(r"\1", skeleton) + "~"
    return stem


def words(text: str) -> list[str]:
    """Folded words of ``text`` in order (duplicates kept)."""
    return [fold(word) for word in _WORD.findall(text.lower())]
