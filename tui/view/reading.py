"""What the reader is reading: the one owner of its documents, threshold and links.

Before this module the documents lived in five objects and the threshold in
three, and a copy left behind went stale: press ``+`` four times, reload,
and the new alignment used the threshold of start-up. Now the reader screen
owns one :class:`Reading`, and everything else asks it.

Thread workers never read it while they work: they take a :class:`Snapshot`
on the UI thread, work on that, and post the result back with the snapshot
it was made from; :meth:`Reading.current` then tells whether the result
still belongs to what is on screen (a reselect overtaken by another ``+``,
an alignment of sources read again since). Pure Python, tested headless.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.model import Alignment, Comparison, Document
from tui.view.linking import LinkIndex
from tui.view.suggestions import Suggestions

if TYPE_CHECKING:
    from tui.align import ScoredPairs


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The reading as a worker sees it: fixed when the work starts."""

    documents: tuple[Document, ...]
    threshold: float
    base: Alignment | None
    """The aligner's own (uncorrected) result, if there is one yet."""
    scores: ScoredPairs | None
    """The scores links are chosen from (``Reading.scores``)."""
    generation: int
    """Counts reloads: a result from an older generation is for text no longer shown."""

    def comparison(self, alignment: Alignment) -> Comparison:
        """``alignment`` of these documents at this threshold."""
        return Comparison(list(self.documents), alignment, self.threshold)


class Reading:
    """Documents, threshold, the aligner's result, the corrected one, the link index.

    Changed only on the UI thread, by the reader screen; the panes, the
    corrector and the reloader read it.
    """

    def __init__(self, documents: Sequence[Document], threshold: float) -> None:
        self.documents: list[Document] = list(documents)
        self.threshold = threshold
        self.base: Alignment | None = None
        """The aligner's own result (the scores kept for ``+`` and ``-``)."""
        self.alignment: Alignment | None = None
        """``base`` with the manual corrections applied: what the reader shows."""
        self.links = LinkIndex(self.documents)
        """The panes' per-source and per-pair tables of :attr:`alignment`."""
        self.suggestions = Suggestions()
        """Pairs a little below the threshold, beside :attr:`alignment`."""
        self.scores: ScoredPairs | None = None
        """The scores links are chosen from at any threshold: the base's, or
        the final ones once the encoder's pass is in and their links on the way."""
        self.refining = False
        """The links shown are of the first scores; the final ones are coming."""
        self.generation = 0

    @property
    def ready(self) -> bool:
        """Links to act on (corrections, views, ``+``/``-``) are there."""
        return self.alignment is not None

    def snapshot(self) -> Snapshot:
        return Snapshot(
            tuple(self.documents), self.threshold, self.base, self.scores, self.generation
        )

    def current(self, snapshot: Snapshot) -> bool:
        """Whether a result made from ``snapshot`` belongs to what is shown now:
        the same text, threshold and scores (links of the first scores that
        arrive after the final ones are no longer wanted)."""
        return (
            snapshot.generation == self.generation
            and snapshot.threshold == self.threshold
            and snapshot.scores is self.scores
        )

    def comparison(self) -> Comparison | None:
        """The corrected alignment as a comparison, once there is one."""
        if self.alignment is None:
            return None
        return Comparison(self.documents, self.alignment, self.threshold)

    def aligned(self, base: Alignment, links: LinkIndex) -> None:
        """New links from the aligner (``links``: the corrected ones, prebuilt)."""
        self.base = base
        self.scores = base.scored
        self.refining = bool(getattr(base.scored, "pending", False))
        self.corrected(links)

    def refined(self, scores: ScoredPairs | None) -> None:
        """The encoder's pass is done: links are chosen from ``scores`` from now
        on (None: it failed, and the first scores stay)."""
        if scores is None:
            self.refining = False
        else:
            self.scores = scores

    def corrected(self, links: LinkIndex) -> None:
        """New corrected links (a manual correction, or a new alignment)."""
        assert links.alignment is not None
        self.alignment = links.alignment
        self.links = links

    def hold(self) -> Alignment | None:
        """A reload starts: no links to act on until the new ones arrive (the
        panes keep showing the old ones). Returns the base, to give back with
        :meth:`aligned` if the reload changes nothing."""
        held = self.base
        self.base = self.alignment = self.scores = None
        return held

    def reload(self, documents: Sequence[Document]) -> None:
        """The sources were read again: new text, no links until they are aligned."""
        self.documents = list(documents)
        self.base = self.alignment = self.scores = None
        self.refining = False
        self.links = LinkIndex(self.documents)
        self.suggestions = Suggestions()  # they named the old sentences
        self.generation += 1
