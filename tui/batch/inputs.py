"""The stories of a batch: a folder of story folders, or a JSON Lines file.

Both are read lazily, a story at a time, so a corpus of a million stories
never sits in memory as one list (only the ids seen, to refuse a repeated
one: two stories with one id would write the same part files). A story that
cannot be described (a bad JSON line, an empty folder) comes out as a
:class:`BadStory`, reported and skipped by the run while the others go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.errors import InputError
from tui.ingest.fetch import is_url
from tui.ingest.safe_text import without_surrogates


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source of a story: a file, an inline text or a URL (exactly one)."""

    name: str
    path: str | None = None
    text: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class StorySpec:
    """One story: its id (the folder's name, or the line's ``id``) and its sources."""

    id: str
    sources: tuple[SourceSpec, ...]


@dataclass(frozen=True, slots=True)
class BadStory:
    """A story that could not even be described; ``id`` may be ``line N``."""

    id: str
    problem: str


Item = StorySpec | BadStory


def _under(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is inside ``folder``."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def _valid(name: str) -> bool:
    """Whether ``name`` is valid Unicode (no lone surrogate: a JSON ``\\ud800``
    or an undecodable byte of a file name), so that a table can hold it."""
    return without_surrogates(name) == name


def read_stories(
    source: Path, exclude: Path | None = None, *, allow_paths: bool = False
) -> Iterator[Item]:
    """Every story of ``source`` (a folder or a ``.jsonl`` file), in order.

    ``exclude`` is a folder never read as a story (the output folder, should
    it be inside the input folder). A JSON line's ``path`` must stay under the
    JSON Lines file's folder (after links are followed) unless ``allow_paths``:
    a corpus file from elsewhere must not put any file its user can read into
    the ``sentences`` table.
    """
    if source.is_dir():
        return _folder_stories(source, exclude)
    if source.is_file():
        return _jsonl_stories(source, allow_paths)
    raise InputError(str(source), "no such folder or JSON Lines file")


def count_stories(source: Path, exclude: Path | None = None) -> int:
    """How many stories ``source`` holds (for the progress bar), read without
    keeping them (``exclude`` as in :func:`read_stories`)."""
    if source.is_dir():
        return sum(1 for _ in _story_folders(source, exclude))
    with source.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _story_folders(folder: Path, exclude: Path | None) -> Iterator[Path]:
    excluded = exclude.resolve() if exclude is not None else None
    names = sorted(entry.name for entry in os.scandir(folder) if not entry.name.startswith("."))
    for name in names:
        path = folder / name
        if path.is_dir() and (excluded is None or path.resolve() != excluded):
            yield path


def _folder_stories(folder: Path, exclude: Path | None) -> Iterator[Item]:
    for path in _story_folders(folder, exclude):
        if not _valid(path.name):  # said with U+FFFD in place, as the reader names files
            yield BadStory(without_surrogates(path.name), "the folder's name is not valid UTF-8")
            continue
        files = sorted(
            entry.name
            for entry in os.scandir(path)
            if not entry.name.startswith(".") and entry.is_file()
        )
        if not files:
            yield BadStory(path.name, "the folder holds no source files")
            continue
        bad = [name for name in files if not _valid(name)]
        if bad:
            yield BadStory(
                path.name, f"the file name {without_surrogates(bad[0])} is not valid UTF-8"
            )
            continue
        stems = [Path(name).stem for name in files]
        # The source's name is the file's stem (fox.txt: fox), its whole name if two share one.
        names = [
            stem if stems.count(stem) == 1 else name
            for stem, name in zip(stems, files, strict=True)
        ]
        yield StorySpec(
            path.name,
            tuple(
                SourceSpec(name, path=str(path / file))
                for name, file in zip(names, files, strict=True)
            ),
        )


def _jsonl_stories(path: Path, allow_paths: bool) -> Iterator[Item]:
    base = path.parent
    seen: set[str] = set()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            label = f"line {number}"
            try:
                record = json.loads(raw)
            except UnicodeDecodeError:
                yield BadStory(label, "is not UTF-8")
                continue
            except json.JSONDecodeError as error:
                yield BadStory(label, f"is not JSON ({error.msg} at column {error.colno})")
                continue
            except ValueError:  # a number of more than 4,300 digits
                yield BadStory(label, "is JSON with a number too long to read")
                continue
            except RecursionError:
                yield BadStory(label, "is JSON nested too deeply to read")
                continue
            try:
                story = _story(record, base, allow_paths)
            except ValueError as error:
                story_id = record.get("id") if isinstance(record, dict) else None
                if isinstance(story_id, str) and story_id.strip():
                    label = without_surrogates(story_id)
                yield BadStory(label, str(error))
                continue
            if story.id in seen:
                yield BadStory(story.id, f"{label} repeats a story id given before")
                continue
            seen.add(story.id)
            yield story


def _story(record: Any, base: Path, allow_paths: bool = False) -> StorySpec:
    """The story a JSON line describes; ``ValueError`` says what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("is not a JSON object")
    story_id = record.get("id")
    if not isinstance(story_id, str) or not story_id.strip():
        raise ValueError('has no "id" (a non-empty string)')
    if not _valid(story_id):
        raise ValueError('its "id" is not valid Unicode (a lone surrogate)')
    sources = record.get("sources")
    if not isinstance(sources, list) or not sources:
        raise ValueError('has no "sources" (a non-empty list)')
    specs = []
    for number, item in enumerate(sources, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f'source {number} is not an object with a "name"')
        if not _valid(item["name"]):
            raise ValueError(f"source {number}: its name is not valid Unicode (a lone surrogate)")
        kinds = [key for key in ("path", "text", "url") if key in item]
        if len(kinds) != 1 or not isinstance(item[kinds[0]], str):
            raise ValueError(f'source {number} needs exactly one of "path", "text" or "url"')
        kind, value = kinds[0], item[kinds[0]]
        if kind != "text" and not _valid(value):
            raise ValueError(f"source {number}: its {kind} is not valid Unicode (a lone surrogate)")
        if kind == "url" and not is_url(value):
            raise ValueError(f"source {number}: {value!r} is not an http(s) URL")
        if kind == "path":
            value = str(base / Path(value).expanduser())
            if not allow_paths and not _under(Path(value), base):
                raise ValueError(
                    f"source {number}: its path leads out of the JSON Lines file's folder "
                    "(--allow-paths reads it)"
                )
        specs.append(SourceSpec(item["name"], **{kind: value}))
    names = [spec.name for spec in specs]
    if len(set(names)) != len(names):
        raise ValueError("two sources have the same name")
    return StorySpec(story_id, tuple(specs))
