"""Issue 18, points 17 and 18: an export must not carry what it read into
the program that shows it. Markdown writes ``<``, ``>`` and ``&`` as
entities (a viewer that renders HTML would run a source's ``<script>``);
JSON writes C1 controls and bidi overrides as ``\\uXXXX`` (printed to a
terminal, U+009B acts as CSI; U+202E reverses what follows)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
HOSTILE = "\u009b31m\u202ereversed\u202c and \u2066isolated\u2069"


@pytest.fixture(autouse=True)
def _own_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNOPTIC_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(tmp_path / "data"))


def _sources(tmp_path: Path, title: str, name: str) -> list[str]:
    one = tmp_path / "one.md"
    one.write_text(
        f"---\ntitle: {title}\n---\n\n"
        f"The bridge reopened on Saturday {SCRIPT} after repairs & tests.\n\n"
        "Engineers replaced the cables.\n",
        encoding="utf-8",
    )
    two = tmp_path / name
    two.write_text(
        f"The bridge reopened on Saturday {IMAGE} after repairs & tests.\n\n"
        "Only this source says the mayor came.\n",
        encoding="utf-8",
    )
    return [str(one), str(two)]


def _export(kind: str, files: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--export", kind, "--no-corrections", *files]) == 0
    return capsys.readouterr().out


def test_markdown_writes_html_as_entities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: cells, title and headings carried the tags as \\<script\\>, which
    some viewers still render as HTML; the file name went into a heading."""
    files = _sources(tmp_path, f"Title {SCRIPT}", f"{IMAGE}.txt")
    out = _export("markdown", files, capsys)
    assert "<" not in out and ">" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out  # the sentence and the title
    assert out.count("&lt;img src=x onerror=alert(2)&gt;") >= 3  # name, heading, cell
    assert "repairs &amp; tests" in out
    assert "&amp;lt;" not in out  # escaped once, not twice


def test_json_escapes_c1_controls_and_bidi_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: U+009B, U+202E, U+202C from a front-matter title and a file name raw."""
    files = _sources(tmp_path, f"Title {HOSTILE}", f"name{HOSTILE}.txt")
    out = _export("json", files, capsys)
    for char in "\u009b\u202e\u202c\u2066\u2069":
        assert char not in out
    assert "\\u009b31m\\u202ereversed\\u202c" in out
    data = json.loads(out)  # and the escapes mean the same text
    assert data["sources"][0]["title"] == f"Title {HOSTILE}"
    assert data["sources"][1]["name"] == f"name{HOSTILE}.txt"


def test_json_of_plain_text_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Accented letters and other non-ASCII text stay as they are (not \\u escapes)."""
    files = _sources(tmp_path, "Café crème", "deux.txt")
    out = _export("json", files, capsys)
    assert "Café crème" in out
