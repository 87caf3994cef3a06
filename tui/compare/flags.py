"""A possible conflict between two aligned sentences: what every layer passes around.

Found by ``tui.compare.disagreements`` (numbers, dates, names) and
``tui.compare.quotes`` (quote wording); listed, exported and highlighted by
the views and exporters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tui.model import SentenceRef

Kind = Literal["number", "date", "name", "quote"]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Flag:
    """One possible conflict between two sentences of one group."""

    kind: Kind
    group: int
    a: SentenceRef
    b: SentenceRef
    a_text: str
    a_span: Span
    """Offsets into ``Sentence.text`` of ``a``."""
    b_text: str
    b_span: Span
    minor: bool = False
    """No real disagreement: case or punctuation, a spelling variant
    ("Adviser" / "Advisor") or an editor's bracketed insertion in a quote
    (:mod:`tui.compare.variants`): shown, but quietly."""
    note: str = ""
    """One line for people, e.g. ``12 vs 15``."""


def real_first(flags: Iterable[Flag]) -> list[Flag]:
    """``flags`` with the real disagreements (numbers, dates, names, quote wording)
    before the minor ones (a quote's case or punctuation), each part in its
    original (reading) order.

    A reader opening the list wants what may be a mistake or a changed story
    first; a capital letter in a quote is worth seeing, but after those.
    """
    return sorted(flags, key=lambda flag: flag.minor)  # sorted() is stable
