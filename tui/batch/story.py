"""One story in, its rows out: what a worker (a process or a Dask task) runs.

The documents and the alignment are made exactly as ``synoptic --export
json`` makes them (``pipeline.analyse_all``, ``align.align``, the
disagreements of ``compare``), so the ``links`` rows are that export's links.
A story's bad input (a missing file, a binary file, an unreachable URL) is a
:class:`StoryFailure` with the one line the CLI would print: the run reports
it and goes on. The rows are encoded here, in the worker, as the Parquet
bytes of each table's part: they cross process and machine boundaries
compressed, and the parent only writes files.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tui.batch import manifest
from tui.batch.inputs import SourceSpec, StorySpec
from tui.batch.tables import encode_story
from tui.errors import InputError
from tui.ingest.loading import MAX_BYTES, LoadedText, decode
from tui.ingest.sources import load_all
from tui.model import Comparison, Document
from tui.pipeline import MAX_SOURCES, analyse_all
from tui.regular_files import kind_of


@dataclass(slots=True)
class StoryRows:
    """A story's part of every table (``tables.SCHEMAS``), as Parquet file bytes."""

    id: str
    parts: dict[str, bytes]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoryFailure:
    """A story that could not be aligned, and why (one line)."""

    id: str
    problem: str


StoryResult = StoryRows | StoryFailure


class WorkerDied(RuntimeError):
    """The workers could not run a story at all (a process killed or out of memory,
    a Dask worker without Synoptic): the run stops, what was written stays."""


def warm_up() -> None:
    """Load the embedding model, the encoder and the aligner's modules once per
    worker process, before its first story (cached for the process's life; the
    encoder's vectors go to the reader's cache, ``tui.align.vector_cache``)."""
    from tui.align import embedding, encoder

    embedding.load_model()
    encoder.load()  # the close-meaning encoder too: once per worker, not per story


class StoryTimedOut(Exception):
    """The story took longer than its time limit."""


def process_story(
    story: StorySpec, threshold: float, keep_boilerplate: bool = False, limit: float = 0.0
) -> StoryResult:
    """Align ``story``; never raises for its input (nor for a bug: that is a
    failure too). ``limit``: seconds before the story is given up (0: none),
    where a timer can interrupt it (a worker process's main thread; a Dask
    worker's thread cannot be, and goes without)."""
    started = time.perf_counter()
    try:
        with _time_limit(limit):
            documents = _documents(story, keep_boilerplate)
            comparison = _compare(documents, threshold)
    except StoryTimedOut:
        return StoryFailure(
            story.id, f"took longer than {limit:g} s: given up (--story-timeout SECONDS raises it)"
        )
    except InputError as error:
        return StoryFailure(story.id, str(error))
    except Exception as error:  # a bug must not stop a corpus of thousands
        return StoryFailure(story.id, f"internal error: {type(error).__name__}: {error}")
    columns = story_columns(story.id, comparison, time.perf_counter() - started)
    notes = columns["stories"]["notes"][0]
    stamp = manifest.stamp(threshold, keep_boilerplate)
    return StoryRows(story.id, encode_story(columns, stamp), notes)


@contextmanager
def _time_limit(limit: float) -> Iterator[None]:
    """Raise :class:`StoryTimedOut` in the block after ``limit`` seconds (a
    blocking read included: the signal interrupts it)."""
    usable = (
        limit > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise StoryTimedOut

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _documents(story: StorySpec, keep_boilerplate: bool) -> list[Document]:
    if len(story.sources) > MAX_SOURCES:
        raise InputError("", f"{len(story.sources)} sources; Synoptic compares at most 100")
    for source in story.sources:
        if source.path is not None:
            _check_regular(source)
    specs = [source.path or source.url for source in story.sources if source.text is None]
    loaded = iter(load_all([spec for spec in specs if spec is not None]))
    texts = [
        _inline(source) if source.text is not None else next(loaded) for source in story.sources
    ]
    for text, source in zip(texts, story.sources, strict=True):
        text.name = source.name
    return analyse_all(texts, keep_boilerplate)


def _check_regular(source: SourceSpec) -> None:
    """A story's file must be a regular file: a FIFO would wait for a writer
    for ever, a device never end (the reader reads pipes on purpose, for
    ``synoptic <(cmd)``; a corpus has no use for them)."""
    assert source.path is not None
    try:
        mode = os.stat(source.path).st_mode
    except OSError:
        return  # said by the loader in its own words (no such file, permission)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(source.name, f"is {kind_of(mode)}, not a regular file")


def _inline(source: SourceSpec) -> LoadedText:
    """A source given as text in the JSON line: checked as a file's text would be."""
    assert source.text is not None
    # Already text: no encoding to detect (NULs once made it "UTF-16").
    if "\x00" in source.text:
        raise InputError(source.name, "holds NUL characters: the inline text is not text")
    try:
        data = source.text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(source.name, "holds a lone surrogate: not valid Unicode") from None
    if len(data) > MAX_BYTES:
        raise InputError(source.name, f"is larger than the limit of {MAX_BYTES // 2**20} MB")
    return decode(source.name, None, data)


def _compare(documents: list[Document], threshold: float) -> Comparison:
    from tui.align import align  # numpy and scipy: loaded once per worker

    return Comparison(documents, align(documents, threshold), threshold)


def story_columns(
    story: str, comparison: Comparison, seconds: float
) -> dict[str, dict[str, list[Any]]]:
    """The rows of every table for one aligned story, as columns of lists."""
    from tui.compare.coverage import coverage
    from tui.compare.disagreements import all_flags

    documents = comparison.documents
    alignment = comparison.alignment
    flags = all_flags(comparison)
    notes = [f"{doc.name}: {note}" for doc in documents for note in doc.notes]
    notes += alignment.notes
    summary = coverage(comparison, [flag for flag in flags if not flag.minor])
    per_source_flags = [0] * len(documents)
    for flag in flags:
        if not flag.minor:
            for source in {flag.a[0], flag.b[0]}:
                per_source_flags[source] += 1
    links = alignment.links
    tables: dict[str, dict[str, list[Any]]] = {
        "sentences": _sentence_columns(story, documents),
        "links": {
            "story": [story] * len(links),
            "source_a": [link.source_a for link in links],
            "sentence_a": [link.sentence_a for link in links],
            "source_b": [link.source_b for link in links],
            "sentence_b": [link.sentence_b for link in links],
            "score": [link.score for link in links],
            "manual": [link.manual for link in links],
        },
        "groups": _group_columns(story, comparison),
        "unique": {
            "story": [story] * len(alignment.unique),
            "source": [source for source, _ in alignment.unique],
            "sentence": [sentence for _, sentence in alignment.unique],
        },
        "flags": {
            "story": [story] * len(flags),
            "kind": [flag.kind for flag in flags],
            "group": [flag.group for flag in flags],
            "source_a": [flag.a[0] for flag in flags],
            "sentence_a": [flag.a[1] for flag in flags],
            "source_b": [flag.b[0] for flag in flags],
            "sentence_b": [flag.b[1] for flag in flags],
            "a_text": [flag.a_text for flag in flags],
            "b_text": [flag.b_text for flag in flags],
            "minor": [flag.minor for flag in flags],
            "note": [flag.note for flag in flags],
        },
        "stories": {
            "story": [story],
            "sources": [[doc.name for doc in documents]],
            "sentences": [sum(len(doc.sentences) for doc in documents)],
            "links": [len(links)],
            "seconds": [seconds],
            "notes": [notes],
            "source_sentences": [[line.sentences for line in summary]],
            "source_unique": [[line.unique for line in summary]],
            "source_flagged": [[line.flagged for line in summary]],
            "source_flags": [per_source_flags],
        },
    }
    return tables


def _sentence_columns(story: str, documents: list[Document]) -> dict[str, list[Any]]:
    """Sentences, then each source's boilerplate spans (``sentence`` null, ``boilerplate``
    their kind), so the table holds every span of text a source has."""
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "story",
            "source",
            "source_name",
            "sentence",
            "start",
            "end",
            "paragraph",
            "ref",
            "text",
            "boilerplate",
        )
    }
    for source, document in enumerate(documents):
        for number, sentence in enumerate(document.sentences):
            _append(columns, story, source, document.name, number, sentence.start, sentence.end)
            columns["paragraph"].append(sentence.paragraph)
            columns["ref"].append(sentence.ref)
            columns["text"].append(sentence.text)
            columns["boilerplate"].append(None)
        for span in document.boilerplate:
            _append(columns, story, source, document.name, None, span.start, span.end)
            columns["paragraph"].append(None)
            columns["ref"].append(None)
            columns["text"].append(span.text)
            columns["boilerplate"].append(span.kind)
    return columns


def _append(
    columns: dict[str, list[Any]],
    story: str,
    source: int,
    name: str,
    sentence: int | None,
    start: int,
    end: int,
) -> None:
    for key, value in (
        ("story", story),
        ("source", source),
        ("source_name", name),
        ("sentence", sentence),
        ("start", start),
        ("end", end),
    ):
        columns[key].append(value)


def _group_columns(story: str, comparison: Comparison) -> dict[str, list[Any]]:
    """One row per member of each coherent group (a synopsis row)."""
    columns: dict[str, list[Any]] = {
        "story": [],
        "group": [],
        "source": [],
        "sentence": [],
        "score": [],
    }
    for number, group in enumerate(comparison.alignment.groups):
        for source, sentence in group.members:
            columns["story"].append(story)
            columns["group"].append(number)
            columns["source"].append(source)
            columns["sentence"].append(sentence)
            columns["score"].append(group.score)
    return columns
