"""The tables of a batch: pyarrow schemas, and one Parquet part file per story.

``OUTDIR/<table>/part-<key>.parquet`` for each table of :data:`SCHEMAS`, so
``pyarrow.dataset.dataset(OUTDIR / "links")`` (or pandas, polars, DuckDB:
``read_parquet('OUTDIR/links/*.parquet')``) reads a table of the whole
corpus. A part is written to a hidden temporary name and renamed into place
(dataset readers skip names starting with ``.``), so a killed run leaves
only complete parts; a story's ``stories`` part is written last, so its
presence is what says the story is done (and what a resumed run skips).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tui.errors import InputError

_STORY = pa.field("story", pa.string(), nullable=False)

SCHEMAS: dict[str, pa.Schema] = {
    "sentences": pa.schema(
        [
            _STORY,
            pa.field("source", pa.int32(), nullable=False),
            pa.field("source_name", pa.string(), nullable=False),
            pa.field("sentence", pa.int32()),
            pa.field("start", pa.int64(), nullable=False),
            pa.field("end", pa.int64(), nullable=False),
            pa.field("paragraph", pa.int32()),
            pa.field("ref", pa.string()),
            pa.field("text", pa.string(), nullable=False),
            pa.field("boilerplate", pa.string()),
        ]
    ),
    "links": pa.schema(
        [
            _STORY,
            pa.field("source_a", pa.int32(), nullable=False),
            pa.field("sentence_a", pa.int32(), nullable=False),
            pa.field("source_b", pa.int32(), nullable=False),
            pa.field("sentence_b", pa.int32(), nullable=False),
            pa.field("score", pa.float64(), nullable=False),
            pa.field("manual", pa.bool_(), nullable=False),
        ]
    ),
    "groups": pa.schema(
        [
            _STORY,
            pa.field("group", pa.int32(), nullable=False),
            pa.field("source", pa.int32(), nullable=False),
            pa.field("sentence", pa.int32(), nullable=False),
            pa.field("score", pa.float64(), nullable=False),
        ]
    ),
    "unique": pa.schema(
        [
            _STORY,
            pa.field("source", pa.int32(), nullable=False),
            pa.field("sentence", pa.int32(), nullable=False),
        ]
    ),
    "flags": pa.schema(
        [
            _STORY,
            pa.field("kind", pa.string(), nullable=False),
            pa.field("group", pa.int32(), nullable=False),
            pa.field("source_a", pa.int32(), nullable=False),
            pa.field("sentence_a", pa.int32(), nullable=False),
            pa.field("source_b", pa.int32(), nullable=False),
            pa.field("sentence_b", pa.int32(), nullable=False),
            pa.field("a_text", pa.string(), nullable=False),
            pa.field("b_text", pa.string(), nullable=False),
            pa.field("minor", pa.bool_(), nullable=False),
            pa.field("note", pa.string(), nullable=False),
        ]
    ),
    "stories": pa.schema(
        [
            _STORY,
            pa.field("sources", pa.list_(pa.string()), nullable=False),
            pa.field("sentences", pa.int64(), nullable=False),
            pa.field("links", pa.int64(), nullable=False),
            pa.field("seconds", pa.float64(), nullable=False),
            pa.field("notes", pa.list_(pa.string()), nullable=False),
            pa.field("source_sentences", pa.list_(pa.int64()), nullable=False),
            pa.field("source_unique", pa.list_(pa.int64()), nullable=False),
            pa.field("source_flagged", pa.list_(pa.int64()), nullable=False),
            pa.field("source_flags", pa.list_(pa.int64()), nullable=False),
        ]
    ),
}
"""Every table, in the order a story's parts are written (``stories`` last)."""

Columns = Mapping[str, list[Any]]


def part_key(story: str) -> str:
    """A file name for ``story``'s parts: readable, safe on every file system,
    and distinct for distinct ids (a hash of the id ends it)."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", story)[:60].strip("._") or "story"
    digest = hashlib.sha256(story.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{readable}-{digest}"


def part_path(outdir: Path, table: str, story: str) -> Path:
    return outdir / table / f"part-{part_key(story)}.parquet"


STAMP_KEY = b"synoptic.settings"
"""Parquet metadata key of the settings a part was made with (``manifest.stamp``)."""


def is_written(outdir: Path, story: str, stamp: str) -> bool:
    """Whether ``story`` was written completely, with these settings, by an
    earlier run: every table's part is there and readable (its footer: a part
    cut short or overwritten has none), and carries ``stamp``."""
    for table in SCHEMAS:
        try:
            found = pq.read_metadata(part_path(outdir, table, story)).metadata or {}
        except (OSError, pa.ArrowException):
            return False
        if found.get(STAMP_KEY) != stamp.encode("ascii"):
            return False
    return True


def remove_story(outdir: Path, story: str) -> None:
    """Remove ``story``'s parts (a story that failed this time keeps no rows of
    an earlier run), ``stories`` first: a kill half-way leaves it not written."""
    for table in ("stories", *(name for name in SCHEMAS if name != "stories")):
        part_path(outdir, table, story).unlink(missing_ok=True)


def prepare(outdir: Path) -> None:
    """Make the table folders and remove temporary parts a killed run left.

    A table folder must be a real folder under OUTDIR: a symbolic link (to
    anywhere) is refused, so no part is ever written outside OUTDIR."""
    for table in SCHEMAS:
        folder = outdir / table
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise InputError(
                str(folder), "is not a real folder (a link, or a file): tables go only into OUTDIR"
            )
        folder.mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(folder):
            if entry.name.startswith(".part-") and entry.name.endswith(".tmp"):
                os.unlink(entry.path)


def encode(table: str, columns: Columns, stamp: str = "") -> bytes:
    """One table's rows of one story as the bytes of a Parquet file: made by the
    worker (a process or a Dask task), so the parent that writes them only writes."""
    schema = SCHEMAS[table].with_metadata({STAMP_KEY: stamp.encode("ascii")})
    data = pa.table(dict(columns), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(data, sink, compression="zstd")
    return bytes(sink.getvalue())


def encode_story(tables: Mapping[str, Columns], stamp: str = "") -> dict[str, bytes]:
    return {table: encode(table, tables[table], stamp) for table in SCHEMAS}


def write_story(outdir: Path, story: str, parts: Mapping[str, bytes]) -> None:
    """Write one story's part of every table, ``stories`` last, each atomically."""
    for table in SCHEMAS:
        target = part_path(outdir, table, story)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                handle.write(parts[table])
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def story_batches(outdir: Path, columns: list[str]) -> Iterator[pa.RecordBatch]:
    """The ``stories`` table a part at a time: reading a million parts as one
    dataset holds many at once (read-ahead); this holds one."""
    folder = outdir / "stories"
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if entry.name.startswith("part-") and entry.name.endswith(".parquet"):
            try:
                with pq.ParquetFile(entry.path) as part:
                    if not set(columns) <= set(part.schema_arrow.names):
                        continue  # not a part of ours (other columns)
                    yield from part.iter_batches(columns=columns)
            except (OSError, KeyError, pa.ArrowException):
                continue  # damaged, or not ours: its story is redone on resume
