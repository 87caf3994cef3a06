"""What the reader's "why" panel says about one pair, worked out without Textual.

The pair is the cursor sentence and its counterpart lined up in another
pane; when nothing is lined up, the cursor's best suggestion (a pair a
little below the threshold), so the reader can judge it before pressing
``a`` or ``A``. The reasons are :func:`tui.align.why.reasons`, as in the
JSON export's ``why``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.align.why import link_reasons
from tui.model import Alignment, Document, SentenceRef
from tui.view.position import sentence_label
from tui.view.suggestions import Suggestions


@dataclass(frozen=True, slots=True)
class WhyPanel:
    """A title, the score line, the two sentences and the reasons."""

    title: str
    score: str
    sentences: tuple[str, str]
    reasons: list[str]


def why_panel(
    documents: Sequence[Document],
    alignment: Alignment,
    suggestions: Suggestions,
    ref: SentenceRef,
    lined_up: SentenceRef | None,
) -> WhyPanel | None:
    """The panel for ``ref`` and its lined-up counterpart ``lined_up`` (else its
    best suggestion); None when there is neither."""
    if lined_up is not None:
        other = lined_up
        found = [(s, score) for s, score in alignment.counterparts(ref, other[0]) if s == other[1]]
        a, b = min(ref, other), max(ref, other)
        manual = any(link.manual for link in alignment.links if (link.a, link.b) == (a, b))
        score = "linked by hand" if manual else f"score {found[0][1]:g}" if found else "linked"
        kind = "Why linked"
    else:
        best = suggestions.best(ref)
        if best is None:
            return None
        other, manual = best.other(ref), False
        score = f"score {best.score:g}, below the threshold: a suggestion (a accepts, A rejects)"
        kind = "Why suggested"
    reasons = link_reasons(documents, alignment, ref, other, manual=manual)
    names = [sentence_label(documents[r[0]], r[1]) for r in (ref, other)]
    return WhyPanel(
        f"{kind}: {names[0]} ↔ {names[1]}",
        score,
        (documents[ref[0]].sentences[ref[1]].text, documents[other[0]].sentences[other[1]].text),
        reasons,
    )
