"""Small corpora for the batch tests: story folders and JSON Lines, made on the fly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from tui.batch.tables import SCHEMAS

TOWNS = ["Arden", "Belmont", "Corran", "Dunmore", "Elkton", "Farrow", "Glenby", "Harwick"]


def story_texts(number: int) -> dict[str, str]:
    """Three short accounts of story ``number``: shared facts reworded, one unique line each."""
    town = TOWNS[number % len(TOWNS)]
    count = 10 + number
    return {
        "alpha": (
            f"Flood waters reached {town} on Monday.\n\n"
            f"The mayor said {count} homes were damaged by the river.\n\n"
            f"Volunteers filled sandbags through the night in {town}.\n\n"
            "A school gym was opened as a shelter.\n"
        ),
        "beta": (
            f"On Monday the flood reached the town of {town}.\n\n"
            f"According to the mayor, {count} homes were damaged when the river rose.\n\n"
            "Residents were told to boil their drinking water.\n\n"
            f"Through the night, volunteers in {town} filled sandbags.\n"
        ),
        "gamma": (
            f"{town} was hit by flood waters on Monday.\n\n"
            f"The river damaged {count + 2} homes, the mayor said.\n\n"
            "Power was cut to the eastern districts for six hours.\n"
        ),
    }


def make_folder(root: Path, stories: int, start: int = 0) -> Path:
    """``root`` with a sub-folder per story: ``alpha.txt``, ``beta.txt``, ``gamma.txt``."""
    root.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + stories):
        folder = root / f"story-{number:03d}"
        folder.mkdir()
        for name, text in story_texts(number).items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def write_jsonl(path: Path, records: list[Any]) -> Path:
    lines = [record if isinstance(record, str) else json.dumps(record) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def inline_story(story_id: str, number: int) -> dict[str, Any]:
    return {
        "id": story_id,
        "sources": [{"name": name, "text": text} for name, text in story_texts(number).items()],
    }


def table_rows(outdir: Path, table: str, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every row of a table (but the ``drop`` columns), sorted, so two runs' tables
    compare equal whatever the order."""
    rows = pq.read_table(outdir / table, schema=SCHEMAS[table]).drop_columns(list(drop)).to_pylist()
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))


def batch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", "batch", *args]


def start_batch(*args: str) -> subprocess.Popen[str]:
    """``synoptic batch`` in a process group of its own (so a test can stop all of it)."""
    return subprocess.Popen(
        batch_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_parts(outdir: Path, count: int, process: subprocess.Popen[str], limit: float) -> int:
    """Wait (bounded) until ``count`` stories are written; the number written."""
    deadline = time.monotonic() + limit
    folder = outdir / "stories"
    while time.monotonic() < deadline and process.poll() is None:
        written = len(list(folder.glob("part-*.parquet"))) if folder.is_dir() else 0
        if written >= count:
            return written
        time.sleep(0.05)
    return len(list(folder.glob("part-*.parquet"))) if folder.is_dir() else 0


def stop_group(process: subprocess.Popen[str], sign: signal.Signals) -> None:
    os.killpg(process.pid, sign)
