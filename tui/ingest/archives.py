"""Zip archives (DOCX, EPUB) read within the source limit, whatever they claim.

The sizes a zip's directory gives are the archive's word, not a fact: a
bomb inflates 64 KB into gigabytes, and an entry may say it holds less than
it does. So the bytes are counted as they are inflated, and inflating stops
as soon as the whole archive has given more than :data:`MAX_BYTES` (the
limit of any one source): nothing is ever held past that.
"""

from __future__ import annotations

import zipfile

from tui.errors import InputError
from tui.ingest.loading import MAX_BYTES

PIECE = 1 << 20
"""Bytes inflated at a time."""


class InflationBudget:
    """What one archive may still inflate to, shared by all its entries."""

    def __init__(self, archive: zipfile.ZipFile, label: str, limit: int = MAX_BYTES) -> None:
        self.archive = archive
        self.label = label
        self.limit = limit
        self.left = limit

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The inflated bytes of ``info``, counted against the budget as they come."""
        pieces: list[bytes] = []
        with self.archive.open(info) as stream:
            while piece := stream.read(min(PIECE, self.left + 1)):
                self.left -= len(piece)
                if self.left < 0:
                    raise self._too_much()
                pieces.append(piece)
        return b"".join(pieces)

    def check_all(self) -> None:
        """Inflate every entry once, keeping nothing: for a library (python-docx)
        that reads the archive itself and would trust its sizes."""
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            with self.archive.open(info) as stream:
                while piece := stream.read(min(PIECE, self.left + 1)):
                    self.left -= len(piece)
                    if self.left < 0:
                        raise self._too_much()

    def _too_much(self) -> InputError:
        return InputError(
            self.label, f"unpacks to more than {self.limit // 2**20} MB (the limit of a source)"
        )
