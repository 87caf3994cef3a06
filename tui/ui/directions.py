"""Action arguments as words, so a binding reads as what it does:
``passage('shared', 'next')`` rather than ``passage(0, 1)``."""

from __future__ import annotations

from typing import Literal

Direction = Literal["next", "previous"]
Page = Literal["down", "up"]
Edge = Literal["start", "end"]
PassageKind = Literal["shared", "unique"]


def step(direction: Direction | Page) -> int:
    """+1 for ``next`` and ``down``, -1 for ``previous`` and ``up``."""
    return 1 if direction in ("next", "down") else -1
