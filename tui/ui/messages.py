"""What the reader's thread workers send back, and the app's notices.

The reader screen runs its work in thread workers (:mod:`tui.ui.workers`),
each given a :class:`~tui.view.reading.Snapshot` of the reading; workers
never write to the app's or a widget's state: they post one of the results
here (``post_message`` is thread-safe), and the screen's handler, on the UI
thread, takes it from there (dropping a result whose snapshot is no longer
current).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from textual.message import Message
from textual.notifications import SeverityLevel

from tui.corrections import Outcome
from tui.model import Alignment, Comparison
from tui.view.linking import LinkIndex
from tui.view.reading import Snapshot
from tui.view.suggestions import Suggestions

if TYPE_CHECKING:
    from tui.align import ScoredPairs
    from tui.compare.flags import Flag
    from tui.view.jump_lists import Entry


@dataclass
class AlignProgress(Message):
    """How far the alignment is and what it does."""

    fraction: float
    message: str


@dataclass
class AlignmentReady(Message):
    """The aligner's result (``base``) and the links to show (corrections applied)."""

    base: Alignment
    links: LinkIndex
    snapshot: Snapshot
    """What the links were made from: the reader drops them if it is no longer current."""
    warning: str = ""
    """Why the stored corrections could not be applied, if they could not."""
    suggestions: Suggestions | None = None
    """Pairs a little below the threshold (:mod:`tui.ui.suggesting`)."""


@dataclass
class ScoresRefined(Message):
    """The encoder's pass is done (``tui.align.refine``): the links shown, of the
    first scores, are to be chosen again from ``scores``."""

    scores: ScoredPairs | None
    """The final scores; None when the pass failed (``error``)."""
    snapshot: Snapshot
    """The alignment's snapshot: scores of text read again since are dropped."""
    error: str = ""


@dataclass
class CorrectionSaved(Message):
    """A correction job is done: what to tell the reader, and the new links if any."""

    outcome: Outcome
    links: LinkIndex | None
    suggestions: Suggestions | None = None
    """The suggestions beside the new links, when the links changed."""
    snapshot: Snapshot | None = None
    """What the job was made from: links from an older threshold or text are
    not shown (the reader chooses them again at the threshold it shows)."""


@dataclass
class AlignmentFailed(Message):
    """The aligner raised: the text stays readable, without links."""

    error: str
    snapshot: Snapshot | None = None
    """What the failed work was made from: a failure of work since overtaken
    (another + or -, a reload) is not shown over newer links."""


class View(Enum):
    """The views whose content is gathered in a worker; the value names it for people."""

    ONLY_HERE = "only here"
    DISAGREEMENTS = "disagreements"
    COVERAGE = "coverage"


@dataclass
class JumpListReady(Message):
    """The entries of a list of places to go ("Only here", "Disagreements")."""

    title: str
    entries: list[Entry]
    empty: str
    """What the list says when it has no entries."""


@dataclass
class CoverageReady(Message):
    """The flags the coverage table counts."""

    comparison: Comparison
    flags: list[Flag]


@dataclass
class ExportProgress(Message):
    """How far an export is (``None``: under way, no fraction known) and what it does."""

    fraction: float | None
    message: str


@dataclass
class ExportDone(Message):
    """An export finished: what to tell the reader (written where, or why not)."""

    message: str
    ok: bool = True


@dataclass
class Notice(Message):
    """A notice (``App.notify``), carried to the UI thread, where the app shows
    it in the reader's status line or, over another screen, as Textual's toast."""

    message: str
    title: str
    severity: SeverityLevel
    timeout: float
    markup: bool
