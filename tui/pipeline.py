"""Files in, comparison out: the one call the CLI, the reader and scripts use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from tui.align import DEFAULT_THRESHOLD
from tui.errors import InputError
from tui.ingest.document import analyse
from tui.ingest.loading import LoadedText
from tui.ingest.sources import load_all
from tui.model import Comparison, Document

if TYPE_CHECKING:
    from tui.align import Progress

MAX_SOURCES = 100


def load_documents(
    specs: Sequence[str], keep_boilerplate: bool = False, stdin: BinaryIO | None = None
) -> list[Document]:
    """Load and analyse every source; raise :class:`InputError` on bad input."""
    if len(specs) > MAX_SOURCES:
        raise InputError("", f"{len(specs)} sources given; Synoptic compares at most {MAX_SOURCES}")
    if list(specs).count("-") > 1:
        raise InputError("-", "standard input can be read only once")
    return analyse_all(load_all(specs, stdin), keep_boilerplate)


def analyse_all(texts: Sequence[LoadedText], keep_boilerplate: bool = False) -> list[Document]:
    """Analyse loaded texts into documents, a text repeated (copies of one story)
    analysed once: what ``load_documents`` does after loading, kept apart so
    ``synoptic batch`` makes the same documents from texts it was given inline."""
    documents: list[Document] = []
    done: dict[tuple[str, str], tuple[Document, list[str]]] = {}
    for loaded in texts:
        key = (loaded.text, loaded.title)
        if key in done:  # the same text again (copies of one story): analysed once
            twin, found = done[key]
            documents.append(_copy_of(twin, loaded, found))
            continue
        document = analyse(loaded, keep_boilerplate)
        done[key] = document, document.notes[len(loaded.notes) :]
        documents.append(document)
    return documents


def _copy_of(twin: Document, loaded: LoadedText, found: list[str]) -> Document:
    """``loaded``, whose text is ``twin``'s, with ``twin``'s analysis (and its
    notes, ``found``)."""
    return replace(
        twin,
        name=loaded.name,
        path=loaded.path,
        encoding=loaded.encoding,
        sentences=list(twin.sentences),
        boilerplate=list(twin.boilerplate),
        paragraphs=list(twin.paragraphs),
        notes=[*loaded.notes, *found],
        format=loaded.format,
        url=loaded.url,
        date=loaded.date,
        site=loaded.site,
    )


def compare(
    specs: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    keep_boilerplate: bool = False,
    progress: Progress | None = None,
) -> Comparison:
    """Load, analyse and align ``specs`` (paths, or ``-`` for stdin)."""
    from tui.align import align  # numpy and scipy: only when aligning

    documents = load_documents(specs, keep_boilerplate)
    return Comparison(documents, align(documents, threshold, progress), threshold)
