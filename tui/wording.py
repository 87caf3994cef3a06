"""Counts in words: "1 passage", "2 passages".

Every count the reader or an export shows goes through :func:`count`, so a
singular is never followed by a plural noun ("1 passages") and no caller
has to remember the rule. Kept apart from every layer (it imports nothing)
so that logic and UI alike may use it.
"""

from __future__ import annotations

IRREGULAR = {"match": "matches", "copy": "copies", "entry": "entries", "story": "stories"}
"""Plurals that are not the noun plus ``s``."""


def plural(noun: str, number: int) -> str:
    """``noun`` as it reads after ``number``: singular for exactly one."""
    if number == 1:
        return noun
    return IRREGULAR.get(noun, noun + "s")


def count(number: int, noun: str, *, grouped: bool = False) -> str:
    """``"1 passage"``, ``"3 passages"``, ``"0 passages"``; ``grouped`` writes ``1,234``."""
    shown = f"{number:,}" if grouped else str(number)
    return f"{shown} {plural(noun, number)}"
