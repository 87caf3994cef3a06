"""What the "Only here" and "Disagreements" screens list, as plain entries.

The screens are thin: they show :class:`Entry` lines and, on Enter, hand the
entry's sentence back to the app, which moves the panes there. Building the
entries here, without Textual, keeps the wording and ordering testable and
lets a huge comparison be summarised without touching the UI thread's code.
Text is made visible (control characters replaced) but otherwise kept as
the sources wrote it; the screens wrap it in ``rich.text.Text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.compare.coverage import lacking, only_here
from tui.compare.flags import Flag, real_first
from tui.ingest.safe_text import visible
from tui.model import Comparison, SentenceRef
from tui.wording import count

SNIPPET = 110
"""Characters of a passage shown on its line of the list."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a jump list: a heading (no ``ref``) or a place to jump to."""

    label: str
    ref: SentenceRef | None = None
    detail: str = ""
    """A second, quieter part of the line (which source, how many sentences)."""


def snippet(text: str, limit: int = SNIPPET) -> str:
    """``text`` made visible, on one line, cut to ``limit`` characters with an ellipsis."""
    flat = visible(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def only_here_entries(comparison: Comparison, active: int = 0) -> list[Entry]:
    """Per source (the active one first) what only it tells, then what each other lacks."""
    documents = comparison.documents
    order = [active] + [source for source in range(len(documents)) if source != active]
    per_source = only_here(comparison)
    entries: list[Entry] = []
    for source in order:
        name = visible(documents[source].name)
        passages = per_source[source]
        entries.append(Entry(f"Only in {name}", detail=count(len(passages), "passage")))
        for passage in passages:
            sentences = len(passage.sentences)
            detail = count(sentences, "sentence") if sentences > 1 else ""
            entries.append(Entry(snippet(passage.text), (source, passage.first), detail))
    for source in order:
        for other in order:
            if other == source:
                continue
            missing = lacking(comparison, source, other)
            title = (
                f"{visible(documents[other].name)} lacks, from {visible(documents[source].name)}"
            )
            entries.append(Entry(title, detail=count(len(missing), "passage")))
            for passage in missing:
                entries.append(Entry(snippet(passage.text), (passage.source, passage.first)))
    return entries


MINOR_KINDS = "case, punctuation, spelling, editors' insertions"
"""What the "Minor wording" part of the list holds, in its heading."""


def flag_entries(comparison: Comparison, flags: list[Flag], active: int = 0) -> list[Entry]:
    """One line per possible conflict, jumping to its side in the active source if any.

    Real disagreements come first, under their own heading, then the minor
    ones (case or punctuation, a spelling variant such as "Adviser" /
    "Advisor", an editor's "[Jong-un]" in a quote); each part keeps reading
    order.
    """
    ordered = real_first(flags)
    real = [flag for flag in ordered if not flag.minor]
    minor = ordered[len(real) :]
    entries: list[Entry] = []
    if real:
        detail = f"{len(real)} · numbers, dates, names, quote wording"
        entries.append(Entry("Real disagreements", detail=detail))
        entries.extend(_flag_entry(comparison, flag, active) for flag in real)
    if minor:
        entries.append(Entry("Minor wording", detail=f"{len(minor)} · {MINOR_KINDS}"))
        entries.extend(_flag_entry(comparison, flag, active) for flag in minor)
    return entries


def _flag_entry(comparison: Comparison, flag: Flag, active: int) -> Entry:
    documents = comparison.documents
    ref = flag.b if flag.b[0] == active and flag.a[0] != active else flag.a
    names = f"{visible(documents[flag.a[0]].name)} vs {visible(documents[flag.b[0]].name)}"
    note = snippet(flag.note or f"{flag.a_text} vs {flag.b_text}", 80)
    label = f"{flag.kind}: {note}"
    if flag.minor:
        label += " (minor)"
    return Entry(label, ref, names)
