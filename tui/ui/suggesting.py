"""The reader's suggestions: found in the workers, explained on the status line.

Suggestions (:mod:`tui.view.suggestions`) are worked out wherever links are
made, in the same thread worker: after an alignment or a threshold change
(``workers._publish``) and after a correction (``workers.correct``), so
an accepted or rejected suggestion disappears with the links it changed.
"""

from __future__ import annotations

from tui.corrections import Corrector
from tui.corrections.session import Sources
from tui.model import Alignment, Document, SentenceRef
from tui.view.position import sentence_label
from tui.view.suggestions import Suggestions, find_suggestions


def suggestions_for(
    corrector: Corrector, view: Sources, base: Alignment | None, shown: Alignment
) -> Suggestions:
    """The suggestions beside ``shown`` (the corrected links), from ``base``'s
    scores, in ``view``'s documents at its threshold (a worker's snapshot: never
    the live reading, which the screen may change meanwhile)."""
    if base is None:
        return Suggestions()
    documents = list(view.documents)
    return find_suggestions(documents, base, shown, view.threshold, corrector.decided(view))


def suggestion_note(suggestions: Suggestions, documents: list[Document], ref: SentenceRef) -> str:
    """What the status line says while the cursor is on a sentence with a suggestion."""
    best = suggestions.best(ref)
    if best is None:
        return ""
    source, sentence = best.other(ref)
    where = sentence_label(documents[source], sentence)  # "Luke 3:23" in a gospel
    return f"? {where} ({best.score:g}): a accepts, A rejects"
