"""Small helpers for widgets that paint text with component styles."""

from __future__ import annotations

from rich.style import Style


def foreground(style: Style) -> Style:
    """``style`` without its background, so a difference mark keeps the highlight under it."""
    return Style(
        color=style.color,
        bold=style.bold,
        italic=style.italic,
        underline=style.underline,
        strike=style.strike,
    )
