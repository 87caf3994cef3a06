"""Make untrusted text safe to put on a terminal, one character for one.

Sources come from the web and from users' files: they may hold escape
sequences, carriage returns or bidirectional overrides that would move the
cursor, recolour the screen or reorder what the reader sees. Rich ``Text``
never interprets markup, but it still passes control characters through to
the terminal, so every such character is replaced by a visible symbol.

The replacement is strictly one character for one character, so offsets into
``Document.text`` (and lengths of sentences) stay valid after cleaning.
"""

from __future__ import annotations

import re
from functools import lru_cache

# C0 controls (0x00-0x1F) have "control picture" symbols at U+2400 + code:
# ESC shows as "␛", NUL as "␀", CR as "␍". DEL has U+2421 "␡".
_DEL_SYMBOL = "\u2421"
_OTHER_SYMBOL = "\ufffd"
"""Shown for C1 controls and for invisible direction/format controls."""
_JOINER_SYMBOL = "+"
"""Shown for a zero-width joiner (U+200D). Terminals disagree on how wide an
emoji ZWJ sequence ("👨\u200d👩\u200d👧") is drawn (tmux: each emoji, 6 cells;
others: one glyph, 2 cells; Rich counts 2), so a row holding one was drawn
shifted. Unjoined, the emoji are drawn one by one everywhere: 2 + 1 + 2 + 1 + 2
cells, as Rich and the wrapping count them."""

# Characters that reorder or hide text without being C0/C1 controls:
# bidi embeddings and overrides, isolates, and the BOM / zero-width no-break.
_FORMAT_CONTROLS = frozenset(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0xFEFF]
)


_NEEDS_WORK = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200d\u200e\u200f\u061c\ufeff\ud800-\udfff]"
)
"""Finds any character the table replaces; most text has none, and the search is fast."""


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """The ``str.translate`` table: built once, then translation runs in C."""
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x09] = " "  # a tab is whitespace the reader expects to see as a gap
    table[0x7F] = _DEL_SYMBOL
    for code in range(0x80, 0xA0):
        table[code] = _OTHER_SYMBOL
    for code in _FORMAT_CONTROLS:
        table[code] = _OTHER_SYMBOL
    table[0x200D] = _JOINER_SYMBOL
    # Lone surrogates: the undecodable bytes of a file name (surrogateescape).
    # They cannot be encoded, so they would break any write; one U+FFFD each.
    for code in range(0xD800, 0xE000):
        table[code] = _OTHER_SYMBOL
    return table


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol.

    >>> visible("a\\x1b[31mb")
    'a␛[31mb'
    """
    if _NEEDS_WORK.search(text) is None:
        return text
    return text.translate(_table())


_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (an undecodable byte of a file name,
    kept by ``surrogateescape``) replaced by U+FFFD, so it can be encoded as
    UTF-8; one character for one, like :func:`visible`.

    """
    if text.isascii() or _encodes(text):
        return text
    return _SURROGATES.sub(_OTHER_SYMBOL, text)


_ENCODED_AT_ONCE = 1 << 24


def _encodes(text: str) -> bool:
    """Whether ``text`` is valid UTF-8 material (no lone surrogate).

    ``str.isascii`` is a flag CPython keeps; for other text, encoding a slice
    at a time finds out several times faster than a regular expression over
    the hundreds of megabytes of a large export, and holds little at once.
    """
    try:
        for start in range(0, len(text), _ENCODED_AT_ONCE):
            text[start : start + _ENCODED_AT_ONCE].encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
