"""``OUTDIR/manifest.json``: what made the tables, so a resumed run cannot mix settings.

It records the Synoptic version, the threshold, ``--keep-boilerplate`` and
the SHA-256 of the embedding model's files: links made with another model or
threshold are other links. A run into a folder whose manifest says otherwise
stops with one line (``--force`` redoes every story with the new settings).
"""

from __future__ import annotations

import hashlib
import json
import time
from functools import cache
from pathlib import Path
from typing import Any

from tui import __version__
from tui.batch.lock import LOCK_NAME
from tui.errors import InputError
from tui.export.output import write_atomically

NAME = "manifest.json"
FORMAT = 1
_SETTINGS = ("synoptic", "threshold", "keep_boilerplate", "model")
"""The keys that must match for a run to add stories to an existing folder."""


@cache
def model_files() -> dict[str, str]:
    """SHA-256 of each file of the embedding model, by its path in the package
    (read once per process: every story's parts are stamped with it)."""
    from tui.align.embedding import TOKENIZER_FILE, WEIGHTS_FILE, model_directory

    directory = model_directory()
    hashes: dict[str, str] = {}
    if directory is None:
        return hashes
    for name in (TOKENIZER_FILE, WEIGHTS_FILE):
        digest = hashlib.sha256()
        try:
            with (directory / name).open("rb") as handle:
                while block := handle.read(1 << 20):
                    digest.update(block)
        except OSError:
            continue
        hashes[name] = digest.hexdigest()
    return hashes


def settings(threshold: float, keep_boilerplate: bool) -> dict[str, Any]:
    """What this run would record."""
    return {
        "format": FORMAT,
        "synoptic": __version__,
        "threshold": threshold,
        "keep_boilerplate": keep_boilerplate,
        "model": model_files(),
    }


def stamp(threshold: float, keep_boilerplate: bool) -> str:
    """A short name for the settings that decide a story's rows: each part
    carries it (``tables.encode``), and resume redoes every story whose parts
    carry another (a ``--force`` run killed half-way, a new model)."""
    wanted = settings(threshold, keep_boilerplate)
    key = json.dumps({name: wanted[name] for name in _SETTINGS}, sort_keys=True)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def read(outdir: Path) -> dict[str, Any] | None:
    """The folder's manifest, or None when it has none."""
    path = outdir / NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(str(path), "is not a readable manifest; use another -o folder") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "is not a readable manifest; use another -o folder")
    return data


def check_folder(outdir: Path, wanted: dict[str, Any], force: bool) -> None:
    """Refuse a folder that is not ours, or ours with other settings (unless ``force``)."""
    if outdir.exists() and not outdir.is_dir():
        raise InputError(str(outdir), "is not a folder")
    if not outdir.is_dir():
        return
    existing = read(outdir)
    if existing is None:
        if any(path.name != LOCK_NAME for path in outdir.iterdir()):
            raise InputError(
                str(outdir), "is not empty and has no manifest.json; give a new or empty folder"
            )
        return
    if force:
        return
    for key in _SETTINGS:
        if existing.get(key) != wanted[key]:
            what = "model files" if key == "model" else key
            raise InputError(
                str(outdir),
                f"was written with another {what} ({existing.get(key)!r}, now "
                f"{wanted[key]!r}); add --force to redo every story, or use another folder",
            )


def write(outdir: Path, data: dict[str, Any]) -> None:
    record = {**data, "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    write_atomically(outdir / NAME, json.dumps(record, indent=1) + "\n")
