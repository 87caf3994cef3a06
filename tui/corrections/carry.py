"""Corrections follow their sentences through a reload.

A correction is anchored to its document's text (a SHA-256) and the
sentence's offsets, so once a file changes every correction touching it
stops applying, even those about sentences that are still there, word for
word. When the reader reloads a source, the corrections about sentences
whose text was kept are recorded again, anchored in the new text; the old
entries stay in the store (the old text may come back, and other readers
may still have it open), and those about sentences that are gone are
quietly not carried.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.corrections.store import Anchor, Correction, document_hash
from tui.model import Document, SentenceRef


def carried(
    corrections: Sequence[Correction],
    old: Sequence[Document],
    new: Sequence[Document],
    same: Sequence[Mapping[int, int]],
) -> list[Correction]:
    """The ``corrections`` about the ``old`` documents, anchored in the ``new`` ones.

    ``same[source]`` maps an old sentence number of that source to its new
    number when its text was kept. Only corrections that touch a document
    whose text changed are returned (the others still apply as they are),
    and only when both of their sentences were kept.
    """
    old_hashes = [document_hash(document) for document in old]
    new_hashes = [document_hash(document) for document in new]
    changed = {
        source for source, (a, b) in enumerate(zip(old_hashes, new_hashes, strict=True)) if a != b
    }
    if not changed:
        return []
    where = _refs(old, old_hashes)
    result: list[Correction] = []
    seen: set[tuple[Anchor, Anchor]] = set()
    for correction in corrections:
        for one in where.get(correction.a, ()):
            for two in where.get(correction.b, ()):
                if one[0] == two[0] or not {one[0], two[0]} & changed:
                    continue
                a, b = (_moved(ref, new, new_hashes, same) for ref in (one, two))
                if a is None or b is None:
                    continue  # a sentence is gone: the correction waits for its old text
                pair = (min(a, b), max(a, b))
                if pair not in seen:
                    seen.add(pair)
                    result.append(Correction(correction.action, *pair))
    return result


def _refs(documents: Sequence[Document], hashes: Sequence[str]) -> dict[Anchor, list[SentenceRef]]:
    """Every sentence by its anchor (identical documents share anchors)."""
    index: dict[Anchor, list[SentenceRef]] = {}
    for source, (document, key) in enumerate(zip(documents, hashes, strict=True)):
        for number, sentence in enumerate(document.sentences):
            index.setdefault((key, sentence.start, sentence.end), []).append((source, number))
    return index


def _moved(
    ref: SentenceRef,
    new: Sequence[Document],
    hashes: Sequence[str],
    same: Sequence[Mapping[int, int]],
) -> Anchor | None:
    source, number = ref
    kept = same[source].get(number)
    if kept is None:
        return None
    sentence = new[source].sentences[kept]
    return hashes[source], sentence.start, sentence.end
