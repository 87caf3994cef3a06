"""Where a sentence is in its source, in words a reader uses.

A verse-numbered text says it as a citation, "Luke 3:19" (the source's name
without its extension, plus the sentence's ``ref``); any other text as its
paragraph and how far through it is, "¶ 12 · 34%". The pane headers show it
for the cursor (and for each lined-up counterpart) on every cursor step, so
it is O(1): two lookups and a division, no scan of the document.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from tui.model import Document

_SEPARATORS = re.compile(r"[-_\s]+")
_LEADING_NUMBER = re.compile(r"^(\d+)([^\W\d_].*)$")


def source_label(name: str) -> str:
    """A file name as a book is cited: ``luke.txt`` -> ``Luke``, ``1-samuel.txt``
    and ``1samuel.txt`` -> ``1 Samuel``. Words with capitals are kept (``KJV``)."""
    stem = PurePosixPath(name.replace("\\", "/")).stem or name
    words = []
    for word in _SEPARATORS.split(stem):
        if not word:
            continue
        split = _LEADING_NUMBER.match(word)
        parts = [split.group(1), split.group(2)] if split else [word]
        words += [part.capitalize() if part.islower() else part for part in parts]
    return " ".join(words) or stem


def percent_read(document: Document, sentence: int) -> int:
    """How far through the text the end of ``sentence`` is, 0-100 (by characters,
    so a long sentence counts for more than a short one)."""
    sentences = document.sentences
    first, last = sentences[0].start, sentences[-1].end
    if last <= first:
        return 100
    return round(100 * (sentences[sentence].end - first) / (last - first))


def position_label(document: Document, sentence: int, label: str | None = None) -> str:
    """ "Luke 3:19" for a sentence with a verse reference, else "¶ 12 · 34%";
    "" for no sentence. ``label`` is :func:`source_label` of the document's
    name, passed in by callers that show it often."""
    if not 0 <= sentence < len(document.sentences):
        return ""
    found = document.sentences[sentence]
    if found.ref is not None:
        return f"{label if label is not None else source_label(document.name)} {found.ref}"
    return f"¶ {found.paragraph + 1} · {percent_read(document, sentence)}%"


def sentence_label(document: Document, sentence: int) -> str:
    """A sentence named for a reader: "Luke 3:33" in a verse-numbered text (as its
    header says), else the file name and the sentence's number, "bbc.txt 17"."""
    if document.sentences[sentence].ref is not None:
        return position_label(document, sentence)
    return f"{document.name} {sentence + 1}"
