"""What the reader's status line says of the links, as text, without Textual."""

from __future__ import annotations

from tui.model import Alignment
from tui.view.suggestions import count_phrase
from tui.wording import count

REFINING = "refining…"
"""Said while the links shown are of the first scores (the encoder's pass
still runs); ``benchmarks/terminal_bench.py`` waits for it to go."""


def summary_texts(
    alignment: Alignment, suggestions: int, threshold: float, refining: bool
) -> tuple[str, str]:
    """The links in one line, long ("22 links · 4 suggestions · 7 groups · 25
    unique · threshold 72 (+/-)") and short, for a narrow terminal ("22 links ·
    4 suggestions · threshold 72")."""
    links = count_phrase(len(alignment.links), suggestions)
    if refining:
        links = f"{links} · {REFINING}"
    groups = count(len(alignment.groups), "group")
    long = f"{links} · {groups} · {len(alignment.unique)} unique · threshold {threshold:g} (+/-)"
    return long, f"{links} · threshold {threshold:g}"


def state_text(search: str, linked: bool, window: tuple[int, int], sources: int, note: str) -> str:
    """The states that change what keys do, in one line: the search's hits,
    linked scrolling off, which sources of how many are shown (``window``:
    the first shown and how many), the cursor's suggestion (``note``)."""
    parts = [search] if search else []
    if not linked:
        parts.append("UNLINKED (x relinks)")
    first, size = window
    if size < sources:
        parts.append(f"sources {first + 1}–{first + size} of {sources} (h/l)")
    if note:
        parts.append(note)
    return " · ".join(parts)
