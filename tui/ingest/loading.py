"""Read a source file (or stdin) into text, whatever encoding it arrived in.

Scraped articles arrive as UTF-8 with or without a byte-order mark, UTF-16
from Windows tools, or a legacy code page. We decode them without losing
characters and report, as a note, anything the user may want to know. Every
problem becomes an :class:`InputError` with a message fit for one line.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tui.errors import InputError
from tui.ingest.safe_text import without_surrogates

MAX_BYTES = 64 * 1024 * 1024
"""Refuse anything larger: it is not an article, and reading it would stall."""

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


@dataclass(slots=True)
class LoadedText:
    """Decoded text and where it came from."""

    name: str
    path: str | None
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    # Set by tui.ingest.formats for what is not plain text (issue 11).
    format: str = "text"
    title: str = ""
    url: str | None = None
    date: str | None = None
    site: str | None = None


Converter = Callable[[str, str | None, bytes, str | None], LoadedText]
"""``decode``'s signature: (name, path, data, label) -> LoadedText."""


def load_source(
    spec: str, stdin: BinaryIO | None = None, convert: Converter | None = None
) -> LoadedText:
    """Load ``spec``, a path or ``-`` for standard input.

    ``convert`` turns the bytes into text (default :func:`decode`);
    ``tui.ingest.formats.convert`` also reads HTML, PDF, DOCX, EPUB, Markdown.
    """
    convert = convert or decode
    if spec == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("-", "standard input is closed")
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("-", f"standard input is larger than {MAX_BYTES // 2**20} MB")
        return convert("-", None, data, None)
    path = Path(spec).expanduser()
    try:
        info = path.stat()
    except OSError as error:
        raise _os_problem(spec, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(spec, "is a directory, not a text file")
    if info.st_size > MAX_BYTES:
        raise InputError(
            spec, f"is {info.st_size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise _os_problem(spec, error) from None
    if len(data) > MAX_BYTES:  # a pipe, a FIFO or /dev/fd/N: stat said nothing
        raise InputError(spec, f"is larger than the limit of {MAX_BYTES // 2**20} MB")
    # A name that is not UTF-8 is shown with U+FFFD; the path stays as it is.
    return convert(without_surrogates(path.name), os.path.abspath(path), data, spec)


def _os_problem(spec: str, error: OSError) -> InputError:
    """The user's words for what the operating system refused."""
    if isinstance(error, FileNotFoundError):
        return InputError(spec, "no such file")
    if isinstance(error, PermissionError):
        return InputError(spec, "permission denied")
    if isinstance(error, IsADirectoryError):
        return InputError(spec, "is a directory, not a text file")
    return InputError(spec, error.strerror or "cannot be read")


def decode(name: str, path: str | None, data: bytes, label: str | None = None) -> LoadedText:
    """Turn bytes into text, detecting the encoding; raise on binary data."""
    label = label or name
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    label,
                    f"starts with a {encoding} byte-order mark but has invalid bytes "
                    f"at {error.start}",
                ) from None
            notes = [] if encoding == "utf-8-sig" else [f"decoded as {encoding.upper()}"]
            return LoadedText(name, path, _check_text(label, text), encoding, notes)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(label, "looks like a binary file (it contains NUL bytes), not text")
        text, encoding = utf16
        note = f"decoded as {encoding.upper()} (no byte-order mark)"
        return LoadedText(name, path, _check_text(label, text), encoding, [note])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_legacy(name, path, data, label, error)
    return LoadedText(name, path, _check_text(label, text), "utf-8")


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark (Windows tools): text whose ASCII
    characters leave a NUL in every other byte. None when it is not that."""
    sample = data[: 1 << 16]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= pairs * 0.3 and others <= pairs * 0.02:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


WESTERN = "cp1252"
"""The legacy code page most Western text arrives in (a superset of Latin-1's letters)."""


def _western(data: bytes) -> str | None:
    """``data`` as cp1252 when it looks like Western text: letters mostly ASCII,
    a few accented ones (Cyrillic or Greek code pages are nearly all high bytes).
    The five bytes cp1252 leaves undefined are read as Latin-1."""
    letters = sum(1 for byte in data[: 1 << 16] if byte >= 0x80 or chr(byte).isalpha())
    high = sum(1 for byte in data[: 1 << 16] if byte >= 0x80)
    if letters == 0 or high > letters * 0.3:
        return None
    return data.decode(WESTERN, errors="latin1fallback")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _mixed(data: bytes) -> str | None:
    """Text with UTF-8 lines and cp1252 lines (a file pasted together): each
    line in the encoding it decodes in. None unless some line is real UTF-8."""
    lines = data.splitlines(keepends=True)
    decoded = []
    utf8 = False
    for line in lines:
        try:
            text = line.decode("utf-8")
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            text = line.decode(WESTERN, errors="latin1fallback")
        decoded.append(text)
    return "".join(decoded) if utf8 else None


def _decode_legacy(
    name: str, path: str | None, data: bytes, label: str, utf8_error: UnicodeDecodeError
) -> LoadedText:
    """Bytes that are not UTF-8: UTF-8 and cp1252 mixed line by line, then
    Western text in cp1252, then whatever charset-normalizer says."""
    mixed = _mixed(data)
    if mixed is not None:
        note = f"decoded line by line: UTF-8 mixed with {WESTERN}"
        return LoadedText(name, path, _check_text(label, mixed), "utf-8", [note])
    western = _western(data)
    if western is not None:
        note = f"decoded as {WESTERN}"
        return LoadedText(name, path, _check_text(label, western), WESTERN, [note])
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            label,
            f"is not UTF-8 (invalid byte at offset {utf8_error.start}) and its encoding "
            "could not be detected; convert it with iconv",
        )
    text = str(best)
    encoding = best.encoding
    return LoadedText(name, path, _check_text(label, text), encoding, [f"decoded as {encoding}"])


def _check_text(label: str, text: str) -> str:
    """Reject decoded text that is mostly control characters (binary data)."""
    sample = text[:65536]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\x0c\x1b")
        if controls > max(8, len(sample) // 100):
            raise InputError(label, "looks like a binary file, not text")
    return text
