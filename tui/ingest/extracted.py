"""What an extractor gives back: the text people read, and what is known about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Extracted:
    text: str
    encoding: str = "utf-8"
    title: str = ""
    date: str | None = None
    site: str | None = None
    notes: list[str] = field(default_factory=list)


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs, one per blank-line-separated block, whitespace tidied."""
    kept = [" ".join(p.split()) for p in paragraphs]
    return "\n\n".join(p for p in kept if p) + "\n"
