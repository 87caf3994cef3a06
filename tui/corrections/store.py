"""Manual corrections: links the reader adds by hand and links they cut.

The aligner is right most of the time; where it is not, the reader fixes it
with one key, and expects the fix to be there next time and in exports.
Corrections are kept in one JSON file in the user's data directory
(``platformdirs.user_data_dir("synoptic")``, or ``$SYNOPTIC_DATA_DIR``).

Each end of a correction is addressed by the SHA-256 of its document's text
plus the sentence's character offsets, never by file name or position on
the command line: the fix survives renaming, moving and reordering files,
applies whenever both sentences are open together, and silently waits when
a document has changed (its hash no longer matches).

The store is bounded: each pair of sentences holds one decision (the latest;
an earlier one for the same pair is superseded and dropped on the next save),
and at most :data:`MAX_CORRECTIONS` decisions are kept; beyond that the
oldest are pruned on save (entries are kept in the order they were made).
Corrections of documents that are not open are kept like any other: the
reader may open those files again.

The file is written to a temporary name and renamed into place, so a crash
leaves the old version. A file that cannot be read is never overwritten:
loading raises :class:`CorruptStore` with a message that says where it is
and what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

try:
    import fcntl
except ImportError:  # Windows: no lock, as before
    fcntl = None  # type: ignore[assignment]

from tui.align.groups import group_all
from tui.errors import InputError
from tui.export.output import write_atomically
from tui.model import Comparison, Document, Link, SentenceRef
from tui.regular_files import FileRefused, read_regular

ENV_DIR = "SYNOPTIC_DATA_DIR"
FILE_NAME = "corrections.json"
STORE_VERSION = 1
MAX_CORRECTIONS = 20_000
"""The most decisions the store keeps; a save beyond it drops the oldest."""
MAX_STORE_BYTES = 16 * 1024 * 1024
"""A store of :data:`MAX_CORRECTIONS` decisions is about 5 MB; a bigger file
was not written by Synoptic and is refused (with a warning) rather than read."""
MANUAL_SCORE = 100.0
"""The score of a hand-made link: the reader is sure."""

Action = Literal["link", "cut"]
Anchor = tuple[str, int, int]
"""(document hash, sentence start, sentence end)."""


class CorruptStore(InputError):
    """The corrections file exists but cannot be used as it is."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One stored decision about a pair of sentences; ``a`` sorts before ``b``."""

    action: Action
    a: Anchor
    b: Anchor


def data_dir() -> Path:
    """Where corrections live: ``$SYNOPTIC_DATA_DIR`` or the platform's data directory."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("synoptic", appauthor=False))


def document_hash(document: Document) -> str:
    """The content key of a document: SHA-256 of its decoded text."""
    return hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).hexdigest()


class CorrectionStore:
    """The corrections file; every change is read-modify-write, so two readers open
    at once lose nothing but a simultaneous edit."""

    kept = "saved"
    """Where a correction goes, as the reader says after it."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else data_dir()
        self.path = self.directory / FILE_NAME

    def load(self) -> list[Correction]:
        """Every stored correction; [] when there is no file yet."""
        try:
            # Only a regular file, read without blocking and up to a cap: a FIFO
            # or a link to /dev/zero must neither hang nor fill the memory.
            raw = read_regular(self.path, MAX_STORE_BYTES).decode("utf-8")
        except FileNotFoundError:
            return []
        except FileRefused as error:
            raise self._corrupt(str(error)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise self._corrupt(f"cannot be read ({error})") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise self._corrupt(f"is not valid JSON (line {error.lineno})") from None
        except RecursionError:
            raise self._corrupt("is not valid JSON (nested too deeply)") from None
        except ValueError as error:  # e.g. an integer of more than 4,300 digits
            raise self._corrupt(f"is not valid JSON ({str(error)[:80]})") from None
        try:
            return _parse(data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise self._corrupt(f"has an unexpected shape ({error})") from None

    def link(self, comparison: Comparison, one: SentenceRef, two: SentenceRef) -> None:
        """Remember that ``one`` and ``two`` say the same thing."""
        self._record("link", comparison, one, two)

    def cut(self, comparison: Comparison, one: SentenceRef, two: SentenceRef) -> None:
        """Remember that ``one`` and ``two`` must not be linked."""
        self._record("cut", comparison, one, two)

    def decision(self, comparison: Comparison, one: SentenceRef, two: SentenceRef) -> Action | None:
        """What is stored about this pair: "link", "cut" or nothing."""
        a, b = _anchors(comparison, one, two)
        return next((c.action for c in self.load() if (c.a, c.b) == (a, b)), None)

    def forget(self, comparison: Comparison, one: SentenceRef, two: SentenceRef) -> None:
        """Drop any correction about this pair (undo)."""
        a, b = _anchors(comparison, one, two)
        with self._locked():
            self._save([c for c in self.load() if (c.a, c.b) != (a, b)])

    def _record(
        self, action: Action, comparison: Comparison, one: SentenceRef, two: SentenceRef
    ) -> None:
        a, b = _anchors(comparison, one, two)
        # Read again under the lock: another reader's saves since ours are kept.
        with self._locked():
            # The latest decision about a pair replaces any earlier one.
            kept = [c for c in self.load() if (c.a, c.b) != (a, b)]
            self._save([*kept, Correction(action, a, b)])

    def add_missing(self, corrections: Sequence[Correction]) -> int:
        """Record each of ``corrections`` whose pair holds no decision yet (a
        decision already stored is newer than a carried one); how many were added."""
        if not corrections:
            return 0
        with self._locked():
            stored = self.load()
            known = {(c.a, c.b) for c in stored}
            new = [c for c in corrections if (c.a, c.b) not in known]
            if new:
                self._save([*stored, *new])
        return len(new)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the store's lock (``flock`` on its directory, so no lock file is
        left about) for one read-modify-write: two readers saving at once lose nothing."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.directory, os.O_RDONLY)
        except OSError as error:
            raise InputError(str(self.directory), f"cannot save corrections: {error}") from None
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)  # closing releases the lock

    def _save(self, corrections: list[Correction]) -> None:
        corrections = pruned(corrections)
        data = {
            "version": STORE_VERSION,
            "corrections": [
                {"action": c.action, "a": list(c.a), "b": list(c.b)} for c in corrections
            ],
        }
        text = json.dumps(data, indent=1) + "\n"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(str(self.directory), f"cannot save corrections: {error}") from None
        write_atomically(self.path, text, failure="cannot save corrections")

    def _corrupt(self, problem: str) -> CorruptStore:
        return CorruptStore(
            str(self.path),
            f"corrections file {problem}; it was left untouched. Move it aside to start "
            "afresh, or fix it by hand",
        )


def pruned(corrections: Sequence[Correction], limit: int = MAX_CORRECTIONS) -> list[Correction]:
    """``corrections`` (oldest first) without stale entries: a decision superseded
    by a later one about the same pair, and the oldest beyond ``limit``."""
    latest: dict[tuple[Anchor, Anchor], Correction] = {}
    for correction in corrections:
        latest.pop((correction.a, correction.b), None)  # re-inserted as the newest
        latest[(correction.a, correction.b)] = correction
    kept = list(latest.values())
    return kept[-limit:] if limit > 0 else []


def apply_corrections(comparison: Comparison, store: CorrectionStore) -> Comparison:
    """The comparison with stored links added (``manual=True``) and cut links removed.

    Groups and unique sentences are rebuilt from the corrected links with
    :func:`tui.align.groups.group_all`, which drops no link. Corrections whose
    sentences are not all in this comparison are ignored (they belong to other
    documents).
    """
    return apply(comparison, store.load())


def apply(comparison: Comparison, corrections: Sequence[Correction]) -> Comparison:
    """:func:`apply_corrections` on corrections already loaded."""
    if not corrections:
        return comparison
    decisions = decided_pairs(comparison.documents, corrections)
    if not decisions:
        return comparison
    links = [
        link for link in comparison.alignment.links if decisions.get((link.a, link.b)) != "cut"
    ]
    present = {(link.a, link.b) for link in links}
    for (a, b), action in decisions.items():
        if action == "link" and (a, b) not in present:
            links.append(Link(a[0], a[1], b[0], b[1], MANUAL_SCORE, manual=True))
        elif action == "link":
            links = [
                replace(link, manual=True) if (link.a, link.b) == (a, b) else link for link in links
            ]
    links.sort(key=lambda link: (link.a, link.b))
    # Every link kept: a link added by hand never costs one the user did not cut.
    alignment = group_all(links, comparison.documents)
    return Comparison(comparison.documents, alignment, comparison.threshold)


def decided_pairs(
    documents: Sequence[Document], corrections: Sequence[Correction]
) -> dict[tuple[SentenceRef, SentenceRef], Action]:
    """The stored decision about each pair of open sentences, ``(a, b)`` with ``a < b``.

    Also what the reader's suggestions leave out: a pair cut (or linked) by
    hand is decided and never suggested again.
    """
    where = _anchor_index(documents)
    decisions: dict[tuple[SentenceRef, SentenceRef], Action] = {}
    for correction in corrections:
        # Byte-identical sources (one wire story, two outlets) share their
        # anchors: the decision holds between each pair of distinct sources.
        for one in where.get(correction.a, ()):
            for two in where.get(correction.b, ()):
                if one[0] != two[0]:
                    decisions[(min(one, two), max(one, two))] = correction.action
    return decisions


def manual_links(comparison: Comparison) -> list[Link]:
    """The links of ``comparison`` that a person made."""
    return [link for link in comparison.alignment.links if link.manual]


def _anchors(comparison: Comparison, one: SentenceRef, two: SentenceRef) -> tuple[Anchor, Anchor]:
    if one[0] == two[0]:
        raise ValueError("a link joins sentences of two different sources")
    documents = comparison.documents
    anchors = []
    for source, index in sorted((one, two)):
        sentence = documents[source].sentences[index]
        anchors.append((document_hash(documents[source]), sentence.start, sentence.end))
    first, second = sorted(anchors)
    return first, second


def _anchor_index(documents: Sequence[Document]) -> dict[Anchor, list[SentenceRef]]:
    """Every sentence by its anchor; identical documents give one anchor several refs."""
    index: dict[Anchor, list[SentenceRef]] = {}
    for source, document in enumerate(documents):
        key = document_hash(document)
        for number, sentence in enumerate(document.sentences):
            index.setdefault((key, sentence.start, sentence.end), []).append((source, number))
    return index


def _parse(data: Any) -> list[Correction]:
    if not isinstance(data, dict) or data.get("version") != STORE_VERSION:
        raise ValueError(f"version {data.get('version') if isinstance(data, dict) else '?'}")
    corrections = []
    for entry in data["corrections"]:
        action = entry["action"]
        if action not in ("link", "cut"):
            raise ValueError(f"action {action!r}")
        a, b = (_anchor(entry[key]) for key in ("a", "b"))
        corrections.append(Correction(action, min(a, b), max(a, b)))
    return corrections


def _anchor(value: Any) -> Anchor:
    digest, start, end = value
    if not isinstance(digest, str) or not isinstance(start, int) or not isinstance(end, int):
        raise TypeError(f"bad sentence address {value!r}")
    return digest, start, end
