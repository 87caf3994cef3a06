"""Line spans of a text, for the line-based passes (boilerplate, paragraphs).

Offsets stay those of the original text: CRLF and lone CR are line breaks too,
and nothing is rewritten.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, ``end`` excluding the line break."""
    spans: list[tuple[int, int]] = []
    if "\r" not in text:
        position = 0
        for line in text.split("\n"):
            spans.append((position, position + len(line)))
            position += len(line) + 1
        if len(spans) > 1 and spans[-1][0] == len(text):
            spans.pop()  # a final newline ends the last line; it starts none
        return spans
    position = 0
    length = len(text)
    while True:
        match = _BREAK.search(text, position)
        if match is None:
            spans.append((position, length))
            return spans
        spans.append((position, match.start()))
        position = match.end()
        if position == length:
            return spans


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def collapse(text: str) -> str:
    """Runs of whitespace to one space, ends trimmed: how spans are shown."""
    return " ".join(text.split())
