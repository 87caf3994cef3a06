"""The data every layer shares: documents, sentences, links and groups.

These are plain dataclasses with no behaviour beyond cheap lookups, so that
the pipeline, the exporters, the reader and users' scripts all speak the same
language. Offsets (``start``/``end``) always index the decoded text of the
document (``Document.text``), never a cleaned copy: that is what lets the
reader show boilerplate on request and lets exports point back into files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# A sentence is addressed across the whole comparison by (source, sentence).
SentenceRef = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: a span of the document text, its paragraph number and,
    in a verse-numbered text, its reference."""

    start: int
    end: int
    paragraph: int
    text: str
    """The span with runs of whitespace collapsed to one space."""
    ref: str | None = None
    """The verse the sentence starts in (``"3:19"``), taken out of ``text`` so
    it is never aligned or compared; None in texts without verse numbers."""


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A span recognised as page furniture (paywall, cookies, links...).

    Kept, not deleted, so offsets stay true and the reader can show it.
    """

    start: int
    end: int
    text: str
    kind: str
    """Why it was recognised: paywall, price, cookie, link, slug, credit, stray."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph span of the text (a line, or lines between blank lines)."""

    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One source after loading and analysis."""

    name: str
    """What the user calls it: the file name, or ``-`` for stdin."""
    path: str | None
    """Absolute path, or None for stdin."""
    text: str
    encoding: str
    title: str
    sentences: list[Sentence]
    boilerplate: list[Boilerplate]
    paragraphs: list[Paragraph]
    notes: list[str] = field(default_factory=list)
    """What the loader did that the user may want to know (odd encoding...)."""
    format: str = "text"
    """What the source was: text, html, pdf, docx, epub or markdown. For every
    format but text, ``text`` is the text extracted from it."""
    url: str | None = None
    """The address it was fetched from (after redirects), or None."""
    date: str | None = None
    """The publication date when the source says it (ISO, ``2026-03-14``)."""
    site: str | None = None
    """The site or publisher's name when the source says it."""


@dataclass(frozen=True, slots=True)
class Link:
    """Two sentences in different sources that say the same thing.

    Stored with ``(source_a, sentence_a) < (source_b, sentence_b)`` so each
    pair appears once.
    """

    source_a: int
    sentence_a: int
    source_b: int
    sentence_b: int
    score: float
    manual: bool = False

    @property
    def a(self) -> SentenceRef:
        return (self.source_a, self.sentence_a)

    @property
    def b(self) -> SentenceRef:
        return (self.source_b, self.sentence_b)


@dataclass(slots=True)
class Group:
    """Sentences linked across sources: what one fact looks like in each."""

    members: list[SentenceRef]
    score: float


@dataclass
class Alignment:
    """The links between sources, the groups they form and what is unique."""

    links: list[Link]
    groups: list[Group]
    unique: list[SentenceRef]
    notes: list[str] = field(default_factory=list, compare=False)
    """What the aligner left out to stay within its bounds, for people (stderr, a notice)."""
    scored: Any = field(default=None, repr=False, compare=False)
    """Every scored candidate pair (``tui.align.ScoredPairs``), kept so that the
    threshold can change without scoring again; None when built by hand."""

    @cached_property
    def _neighbours(self) -> dict[SentenceRef, list[tuple[SentenceRef, float]]]:
        table: dict[SentenceRef, list[tuple[SentenceRef, float]]] = defaultdict(list)
        for link in self.links:
            table[link.a].append((link.b, link.score))
            table[link.b].append((link.a, link.score))
        for refs in table.values():
            refs.sort(key=lambda item: (-item[1], item[0]))
        return dict(table)

    @cached_property
    def _group_index(self) -> dict[SentenceRef, int]:
        return {ref: number for number, group in enumerate(self.groups) for ref in group.members}

    def links_of(self, ref: SentenceRef) -> list[tuple[SentenceRef, float]]:
        """Every sentence linked to ``ref``, best score first."""
        return self._neighbours.get(ref, [])

    def counterparts(self, ref: SentenceRef, source: int) -> list[tuple[int, float]]:
        """The sentences of ``source`` linked to ``ref``, best first."""
        return [(other[1], score) for other, score in self.links_of(ref) if other[0] == source]

    def group_of(self, ref: SentenceRef) -> int | None:
        """The index of the group ``ref`` belongs to, if any."""
        return self._group_index.get(ref)


@dataclass
class Comparison:
    """Everything the reader and the exporters need."""

    documents: list[Document]
    alignment: Alignment
    threshold: float
