"""Turn loaded text into a :class:`Document`: boilerplate, title, sentences."""

from __future__ import annotations

from tui.ingest.boilerplate import find_boilerplate
from tui.ingest.lines import collapse, line_spans
from tui.ingest.loading import LoadedText
from tui.ingest.sentences import is_hard_wrapped, paragraph_blocks, split_sentences
from tui.model import Boilerplate, Document

TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 160


def analyse(loaded: LoadedText, keep_boilerplate: bool = False) -> Document:
    """Find boilerplate, paragraphs, sentences and the title of one source.

    With ``keep_boilerplate`` the furniture is treated as ordinary text (and
    aligned like it), so no boilerplate spans are reported.
    """
    text = loaded.text
    lines = line_spans(text)
    boilerplate: list[Boilerplate] = [] if keep_boilerplate else find_boilerplate(text, lines)
    excluded = _covered_lines(lines, boilerplate)
    wrapped = is_hard_wrapped(text, lines)
    title = loaded.title or _title(text, lines, excluded)
    blocks = paragraph_blocks(text, lines, excluded, wrapped)
    if wrapped and title and blocks:
        blocks = _detach_title(text, lines, blocks)
    notes = list(loaded.notes)
    sentences, paragraphs = split_sentences(text, blocks, notes)
    if not sentences:
        notes.append("no sentences found" if text.strip() else "the file is empty")
    return Document(
        name=loaded.name,
        path=loaded.path,
        text=text,
        encoding=loaded.encoding,
        title=title,
        sentences=sentences,
        boilerplate=boilerplate,
        paragraphs=paragraphs,
        notes=notes,
        format=loaded.format,
        url=loaded.url,
        date=loaded.date,
        site=loaded.site,
    )


def _covered_lines(lines: list[tuple[int, int]], spans: list[Boilerplate]) -> set[int]:
    """Indices of lines whose content lies inside a boilerplate span."""
    covered: set[int] = set()
    span_index = 0
    for index, (start, end) in enumerate(lines):
        while span_index < len(spans) and spans[span_index].end < start:
            span_index += 1
        if span_index == len(spans):
            break
        span = spans[span_index]
        if span.start <= end and start <= span.end and start < end:
            covered.add(index)
    return covered


def _title(text: str, lines: list[tuple[int, int]], excluded: set[int]) -> str:
    """A short first line without final punctuation, followed by more text."""
    content = [i for i, (s, e) in enumerate(lines) if text[s:e].strip() and i not in excluded]
    if len(content) < 2:
        return ""
    start, end = lines[content[0]]
    line = collapse(text[start:end])
    following = text[lines[content[1]][0] : lines[content[1]][1]].lstrip()
    if (
        not following[:1].islower()
        and len(line) <= TITLE_MAX_CHARS
        and len(line.split()) <= TITLE_MAX_WORDS
        and not line.endswith((".", "!", "?", ",", ";", ":", "…"))
        and any(ch.isalpha() for ch in line)
    ):
        return line
    return ""


def _detach_title(
    text: str, lines: list[tuple[int, int]], blocks: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """In hard-wrapped text, the title line is a paragraph of its own."""
    first_start, first_end = blocks[0]
    for start, end in lines:
        if start >= first_start and text[start:end].strip():
            if end < first_end:
                return [(first_start, end), (end, first_end), *blocks[1:]]
            break
    return blocks
