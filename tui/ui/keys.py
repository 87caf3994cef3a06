"""What every key does, for people: the help screen and the command palette.

The bindings themselves stay on the widgets and screens that own them, in
footer order; each has an ``id``. This module only says how to explain
them: a help row names the ids of the bindings it explains, and the keys
it shows are read from those bindings, so a key changed on a widget (or in
a keymap) changes the help with it. A row may also offer its first
binding's action in the command palette.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "Space",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "escape": "Escape",
    "enter": "Enter",
    "ctrl+p": "Ctrl+P",
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
}
"""How a key is written for people; any other key is written as it is named."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the help: the bindings it explains and what they do."""

    ids: tuple[str, ...]
    """Binding ids; their keys are shown joined by ``joiner``."""
    meaning: str
    joiner: str = " / "
    inputs: str = ""
    """What to show instead of keys, for input that is not a binding (the mouse)."""
    command: str = ""
    """Title in the command palette, which runs the first binding's action."""
    command_help: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    rows: tuple[Row, ...]


HELP: tuple[Section, ...] = (
    Section(
        "Reading",
        (
            Row(
                ("next-sentence", "previous-sentence"),
                "next / previous sentence (the others follow)",
            ),
            Row(("page-down", "page-up"), "page down / up, the cursor along (the others follow)"),
            Row(("start", "end"), "start / end of the source, the cursor along"),
            Row((), "focus that sentence and that source", inputs="mouse click"),
            Row((), "scroll (the others follow)", inputs="wheel, scrollbar"),
        ),
    ),
    Section(
        "Sources",
        (
            Row(("next-source", "previous-source"), "next / previous source"),
            Row(("next-source-letter", "previous-source-letter"), "next / previous source"),
            Row(("source-1", "source-9"), "go to source 1 … 9", joiner=" … "),
            Row(
                ("counterpart",),
                "jump to the counterpart in another source",
                command="Jump to counterpart",
                command_help="The matching sentence elsewhere",
            ),
        ),
    ),
    Section(
        "Comparing",
        (
            Row(
                ("next-shared", "previous-shared"),
                "next / previous passage shared with other sources",
                command="Next shared passage",
                command_help="Text other sources share",
            ),
            Row(
                ("next-unique", "previous-unique"),
                "next / previous passage unique to this source",
                command="Next unique passage",
                command_help="Text only this source has",
            ),
            Row(
                ("cycle",),
                "cycle through several counterparts",
                command="Cycle counterparts",
                command_help="Line up the next of several",
            ),
            Row(
                ("toggle-link",),
                "unlink / relink the panes",
                command="Unlink / relink panes",
                command_help="Stop or resume linked scrolling",
            ),
            Row(
                ("boilerplate",),
                "show / hide boilerplate (dimmed)",
                command="Show / hide boilerplate",
                command_help="Page furniture, dimmed",
            ),
            Row(
                ("threshold-up", "threshold-down"),
                "stricter / looser links: raise / lower the score threshold by 5",
                command="Stricter links",
                command_help="Raise the score threshold by 5 (fewer, surer links)",
            ),
        ),
    ),
    Section(
        "Views",
        (
            Row(
                ("synopsis",),
                "synopsis table: every source per row (s / Esc / Enter back)",
                command="Synopsis",
                command_help="Every source's telling, row by row",
            ),
            Row(
                ("only-here",),
                "only here: passages one source alone has; Enter jumps",
                command="Only here",
                command_help="Passages no other source has",
            ),
            Row(
                ("disagreements",),
                "disagreements: numbers, dates, names, quotes first, then minor wording",
                command="Disagreements",
                command_help="Numbers, dates, names, quotes told differently",
            ),
            Row(
                ("coverage",),
                "coverage: shares each source tells of the others",
                command="Coverage",
                command_help="How much of each source the others tell",
            ),
        ),
    ),
    Section(
        "Corrections",
        (
            Row(
                ("mark",),
                "mark this sentence; m in another source links the two",
                command="Mark / link sentences",
                command_help="m here, then m on its match",
            ),
            Row(
                ("cut",),
                "cut the link to the sentence lined up in the pane you came from",
                command="Cut link",
                command_help="Unlink the cursor and its lined-up match",
            ),
            Row(
                ("undo", "redo"),
                "undo / redo the last m … m, X, a or A (saved at once)",
                command="Undo correction",
                command_help="Take back the last link or cut",
            ),
            Row(
                ("accept-suggestion", "reject-suggestion"),
                "accept / reject the suggestion (?) of this sentence: a link by hand / a cut",
                command="Accept suggestion",
                command_help="Link the cursor and its suggested match (?)",
            ),
            Row(
                ("why",),
                "why: the score and the evidence of the lined-up pair (or the suggestion)",
                command="Why linked",
                command_help="Score and evidence of the lined-up pair",
            ),
            Row((), "corrections are saved and applied whenever these texts are reopened"),
        ),
    ),
    Section(
        "Search",
        (
            Row(
                ("search",),
                "search this source; Enter goes to the first hit",
                command="Search this source",
                command_help="Find text in the active pane",
            ),
            Row(
                ("search-all",),
                "search every source at once; Enter goes to the first hit",
                command="Search all sources",
                command_help="Find text in every source at once",
            ),
            Row(("next-hit", "previous-hit"), "next / previous hit (across sources after f)"),
            Row(("clear-search",), "clear the search; first cancels a pending m"),
        ),
    ),
    Section(
        "App",
        (
            Row(
                ("export",),
                "export: JSON, CSV, Markdown or HTML (↑ ↓ choose); runs in the background",
                command="Export",
                command_help="JSON, CSV, Markdown or HTML to a file",
            ),
            Row(
                ("reload",),
                "reload: read every file and URL again; corrections and place kept",
                command="Reload sources",
                command_help="Read every file or URL again",
            ),
            Row(("help",), "this help", command="Keys", command_help="Show every key"),
            Row(("command-palette",), "command palette"),
            Row(("quit",), "quit"),
        ),
    ),
)


def key_name(key: str) -> str:
    """``key`` as written for people (``right_square_bracket`` is ``]``)."""
    return KEY_NAMES.get(key, key)


def by_id(bindings: Iterable[BindingType]) -> dict[str, Binding]:
    """The bindings that have an id, by id."""
    return {b.id: b for b in bindings if isinstance(b, Binding) and b.id is not None}


def row_keys(row: Row, bindings: dict[str, Binding]) -> str:
    """The keys of ``row`` as the help shows them, e.g. ``↓ j / ↑ k``."""
    if row.inputs or not row.ids:
        return row.inputs
    labels = []
    for binding_id in row.ids:
        keys = bindings[binding_id].key.split(",")
        labels.append(" ".join(key_name(key.strip()) for key in keys))
    return row.joiner.join(labels)


def help_table(bindings: Sequence[BindingType]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each section's title and its (keys, meaning) rows."""
    found = by_id(bindings)
    return [
        (section.title, [(row_keys(row, found), row.meaning) for row in section.rows])
        for section in HELP
    ]


def commands(bindings: Sequence[BindingType]) -> list[tuple[str, str, str]]:
    """(title, help, action) of each command the palette offers, in help order."""
    found = by_id(bindings)
    return [
        (row.command, row.command_help, found[row.ids[0]].action)
        for section in HELP
        for row in section.rows
        if row.command
    ]


def documented_ids() -> set[str]:
    """Every binding id some help row explains (``source-1 … source-9`` spans the range)."""
    ids = {binding_id for section in HELP for row in section.rows for binding_id in row.ids}
    return ids | {f"source-{n}" for n in range(1, 10)}
