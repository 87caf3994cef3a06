"""The ``?`` screen: every key, grouped by what it is for."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Reading",
        [
            ("↓ j / ↑ k", "next / previous sentence (the others follow)"),
            ("PgDn Space / PgUp", "page down / up (the others follow)"),
            ("Home / End", "start / end of the source"),
            ("mouse click", "focus that sentence and that source"),
            ("wheel, scrollbar", "scroll (the others follow)"),
        ],
    ),
    (
        "Sources",
        [
            ("Tab / Shift+Tab", "next / previous source"),
            ("l → / h ←", "next / previous source"),
            ("1 … 9", "go to source 1 … 9"),
            ("o", "jump to the counterpart in another source"),
        ],
    ),
    (
        "Comparing",
        [
            ("] / [", "next / previous passage shared with other sources"),
            ("u / U", "next / previous passage unique to this source"),
            ("c", "cycle through several counterparts"),
            ("x", "unlink / relink the panes"),
            ("b", "show / hide boilerplate (dimmed)"),
        ],
    ),
    (
        "Views",
        [
            ("s", "synopsis table: every source per row (s / Esc / Enter back)"),
            ("O", "only here: passages one source alone has; Enter jumps"),
            ("d", "disagreements: numbers, dates, names, quotes; Enter jumps"),
            ("C", "coverage: shares each source tells of the others"),
        ],
    ),
    (
        "Corrections",
        [
            ("m", "mark this sentence; m in another source links the two"),
            ("X", "cut the link to the sentence lined up in the next source"),
            ("", "corrections are saved and applied whenever these texts are reopened"),
        ],
    ),
    (
        "Search",
        [
            ("/", "search this source; Enter goes to the first hit"),
            ("n / N", "next / previous hit"),
            ("Escape", "close the search"),
        ],
    ),
    (
        "App",
        [
            ("e", "export: JSON, CSV, Markdown or HTML; asks before overwriting"),
            ("?", "this help"),
            ("Ctrl+P", "command palette"),
            ("q", "quit"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help")
    ]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in KEYS:
            table.add_row(Text(title, style="underline"), "")
            for keys, meaning in rows:
                table.add_row(keys, meaning)
            table.add_row("", "")
        with VerticalScroll(id="help-body"):
            yield Static(Text("Synoptic keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("Escape, q or ? closes this help."), id="help-hint")
