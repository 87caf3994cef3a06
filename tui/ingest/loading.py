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


def load_source(spec: str, stdin: BinaryIO | None = None) -> LoadedText:
    """Load ``spec``, a path or ``-`` for standard input."""
    if spec == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("-", "standard input is closed")
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("-", f"standard input is larger than {MAX_BYTES // 2**20} MB")
        return decode("-", None, data)
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
    return decode(without_surrogates(path.name), os.path.abspath(path), data, spec)


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
        raise InputError(label, "looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_legacy(name, path, data, label, error)
    return LoadedText(name, path, _check_text(label, text), "utf-8")


def _decode_legacy(
    name: str, path: str | None, data: bytes, label: str, utf8_error: UnicodeDecodeError
) -> LoadedText:
    """Bytes that are not UTF-8: ask charset-normalizer what they are."""
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
