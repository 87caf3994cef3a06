"""What a follower pane shows about the leader's cursor: which of its sentences
are lined up, other counterparts or a suggestion, and what its header says.

Worked out without Textual from the link tables and the suggestions, once per
cursor step for each follower (:class:`~tui.ui.widgets.linked_panes.LinkedPanes`
applies the result), so the rules are testable headless:

- a counterpart: the chosen one (``c`` cycles) is lined up, the others are
  marked, and the header gives its score (or says it was linked by hand);
- none, but the cursor's best suggestion is in this pane: that sentence is
  lined up as a preview (what ``a`` would link);
- neither: "no counterpart", and the pane holds still.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from tui.model import SentenceRef
from tui.view.linking import LinkIndex
from tui.view.suggestions import Suggestions


class Role(Enum):
    """How a sentence in a follower relates to the leader's cursor."""

    LINED_UP = "lined-up"
    OTHER = "other"
    SUGGESTED = "suggested"
    """No counterpart here, but the cursor's best suggestion: lined up as a
    preview, so the reader sees what ``a`` would link before pressing it."""


SHOWN = (Role.LINED_UP, Role.SUGGESTED)
"""The roles a follower lines up on the cursor's row."""


@dataclass(frozen=True, slots=True)
class Status:
    """What the header says about the pane's relation to the leader."""

    text: str = ""
    style: str = ""
    """A component name: "score", "none" or "info"."""


@dataclass(frozen=True, slots=True)
class Follower:
    """One follower's roles, header status and the sentence its header places."""

    roles: dict[int, Role] = field(default_factory=dict)
    status: Status = Status()
    shown: int = -1


def follower_view(
    links: LinkIndex,
    cursor: SentenceRef,
    index: int,
    *,
    choice: int,
    linked: bool,
    suggestions: Suggestions,
    manual: Callable[[SentenceRef, SentenceRef], bool],
) -> Follower:
    """What pane ``index`` shows for the leader's ``cursor`` (``choice``: which of
    several counterparts ``c`` has chosen; ``manual``: whether a pair was linked
    by hand)."""
    unlinked = "" if linked else " · unlinked"
    if not links.ready:
        return Follower()
    found = links.counterparts(cursor[0], cursor[1], index)
    if found:
        position = choice % len(found)
        chosen, score = found[position]
        roles = {n: Role.LINED_UP if n == chosen else Role.OTHER for n, _ in found}
        text = "✎ manual link" if manual(cursor, (index, chosen)) else f"↔ {score:.1f}"
        if len(found) > 1:
            text += f" · {position + 1} of {len(found)} (c cycles)"
        return Follower(roles, Status(text + unlinked, "score"), chosen)
    best = suggestions.best(cursor) if cursor[1] >= 0 else None
    if best is not None and best.other(cursor)[0] == index:
        preview = best.other(cursor)[1]
        status = Status(f"? suggested: a accepts, A rejects{unlinked}", "info")
        return Follower({preview: Role.SUGGESTED}, status, preview)
    # Unlinked mode is said here too: the label must not depend on a link.
    return Follower({}, Status("no counterpart" + unlinked, "none"))
