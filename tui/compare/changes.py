"""What changed in a source read again: its sentences matched by text, counted, said.

When the reader reloads its sources (``r``), three things need the old
sentences found again in the new text: the notification ("bbc.txt 3
sentences added, 1 removed"), the manual corrections (which follow a
sentence only while its text is unchanged) and the reading position.
Sentences are compared by their text, in order, with :mod:`difflib`'s
opcodes: a sentence is *the same* when an ``equal`` run keeps it; an edited
sentence is *changed* (a ``replace`` pairs it with its new wording), and
what a ``replace`` has more on one side is added or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tui.model import Document

MAX_LISTED_UNCHANGED = 4
"""More unchanged sources than this are counted ("6 others unchanged"), not named."""


@dataclass(frozen=True, slots=True)
class SentenceChanges:
    """How the sentences of one source differ between two readings."""

    same: dict[int, int] = field(default_factory=dict)
    """Old sentence number -> new number, for each sentence whose text was kept."""
    opcodes: tuple[tuple[str, int, int, int, int], ...] = ()
    added: int = 0
    removed: int = 0
    changed: int = 0
    text_changed: bool = False
    """Whether the text differs at all (spacing or boilerplate may change alone)."""
    new_count: int = 0
    """Sentences in the new reading."""

    @property
    def sentences_changed(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def nearest(self, old: int) -> int:
        """Where old sentence ``old`` is in the new text: the same sentence if it
        was kept, else what took its place, else the sentence after the gap
        (-1 when the new text has no sentences)."""
        if self.new_count == 0 or old < 0:
            return -1
        if old in self.same:
            return self.same[old]
        for _tag, i1, i2, j1, j2 in self.opcodes:
            if i1 <= old < i2:
                spot = j1 + (old - i1) if j2 > j1 else j1
                return min(max(spot, 0), self.new_count - 1)
        return self.new_count - 1  # past the old end: the new end


def sentence_changes(old: Document, new: Document) -> SentenceChanges:
    """Match the sentences of ``old`` and ``new`` by their text."""
    before = [sentence.text for sentence in old.sentences]
    after = [sentence.text for sentence in new.sentences]
    if old.text == new.text and before == after:
        identity = {number: number for number in range(len(before))}
        run = (("equal", 0, len(before), 0, len(after)),) if before else ()
        return SentenceChanges(identity, run, new_count=len(after))
    opcodes = tuple(SequenceMatcher(None, before, after, autojunk=False).get_opcodes())
    same: dict[int, int] = {}
    added = removed = changed = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            same.update(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        paired = min(i2 - i1, j2 - j1)
        changed += paired
        removed += (i2 - i1) - paired
        added += (j2 - j1) - paired
    return SentenceChanges(
        same, opcodes, added, removed, changed, text_changed=True, new_count=len(after)
    )


def describe_changes(changes: SentenceChanges) -> str:
    """``3 sentences added, 1 removed``; ``unchanged``; or, when only the text
    around the sentences moved, ``same sentences (other text changed)``."""
    counts = [
        (changes.added, "added"),
        (changes.removed, "removed"),
        (changes.changed, "changed"),
    ]
    parts = [f"{count} {verb}" for count, verb in counts if count]
    if not parts:
        return "same sentences (other text changed)" if changes.text_changed else "unchanged"
    first_count = next(count for count, _verb in counts if count)
    noun = "sentence" if first_count == 1 else "sentences"
    number, verb = parts[0].split(" ", 1)
    parts[0] = f"{number} {noun} {verb}"
    return ", ".join(parts)


def reload_summary(names: Sequence[str], changes: Sequence[SentenceChanges | None]) -> str:
    """The one line the reader shows after ``r``.

    ``changes[i]`` is None for a source that was not read again (its old text
    is kept; the reason is said separately). ``Reloaded: nothing changed``
    when no source changed; otherwise each changed source, then the others.
    """
    told = [
        (name, change)
        for name, change in zip(names, changes, strict=True)
        if change is not None and change.text_changed
    ]
    if not told:
        return "Reloaded: nothing changed"
    parts = [f"{name} {describe_changes(change)}" for name, change in told]
    quiet = [
        name
        for name, change in zip(names, changes, strict=True)
        if change is not None and not change.text_changed
    ]
    if len(quiet) > MAX_LISTED_UNCHANGED:
        parts.append(f"{len(quiet)} others unchanged")
    else:
        parts.extend(f"{name} unchanged" for name in quiet)
    return "Reloaded: " + "; ".join(parts)
