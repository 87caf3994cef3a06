"""The coverage report of a batch: per source name across stories, Markdown and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.corpus import make_folder, table_rows
from tui.batch.report import outlet_lines, to_html, write_report
from tui.cli import main


def test_the_report_adds_up_each_source_across_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_folder(tmp_path / "in", 3)
    (root / "story-002" / "gamma.txt").unlink()  # gamma is in two stories only
    out = tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    stories, lines = outlet_lines(out)
    assert stories == 3
    by_name = {line.name: line for line in lines}
    assert [line.name for line in lines] == ["alpha", "beta", "gamma"]
    assert (by_name["alpha"].stories, by_name["gamma"].stories) == (3, 2)
    rows = table_rows(out, "sentences")
    unique = table_rows(out, "unique")
    for name, line in by_name.items():
        mine = [r for r in rows if r["source_name"] == name and r["boilerplate"] is None]
        assert line.sentences == len(mine)
        sources = {(r["story"], r["source"]) for r in mine}
        assert line.unique == sum((r["story"], r["source"]) in sources for r in unique)
        assert 0 < line.shared_share < 1  # type: ignore[operator]
    markdown = (out / "report.md").read_text()
    alpha = by_name["alpha"]
    assert (
        f"| alpha | 3 | {alpha.sentences} | {alpha.shared_share:.1%} | {alpha.unique} |" in markdown
    )
    page = (out / "report.html").read_text()
    assert page.count("<rect") == 2 * len(lines)  # a track and a bar per source
    assert main(["batch", "--report", str(out)]) == 0
    assert capsys.readouterr().out == markdown


def test_names_are_escaped_in_the_page(tmp_path: Path) -> None:
    from tui.batch.report import OutletLine

    page = to_html(1, [OutletLine("<script>alert(1)</script>", 1, 10, 2, 0)])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert re.search(r'width="240\.0"', page)  # 80% shared of a 300-pixel track


def test_a_report_of_no_stories(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    markdown = write_report(tmp_path / "out")
    assert markdown.startswith("# Synoptic batch") and "0 stories" in markdown


def test_names_are_escaped_in_the_markdown_too() -> None:
    """Issue 30, case 15: report.md kept <script>, onerror and javascript: links."""
    from tui.batch.report import OutletLine, to_markdown

    hostile = [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
    ]
    text = to_markdown(1, [OutletLine(name, 1, 10, 2, 0) for name in hostile])
    assert "<script>" not in text and "<img" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text), text  # a link only if unescaped
    assert "&lt;script&gt;" in text and "\\[x\\](javascript:" in text


def test_report_of_a_folder_with_a_part_not_ours_or_no_stories_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 30, case 14: a stories part with other columns gave a KeyError; a
    stories that is a file gave "0 stories", exit 0."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.support.corpus import make_folder
    from tui.cli import main

    root = make_folder(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--workers", "1"]) == 0
    pq.write_table(pa.table({"x": [1, 2]}), out / "stories" / "part-weird.parquet")
    capsys.readouterr()
    assert main(["batch", "--report", str(out)]) == 0
    assert "1 story." in capsys.readouterr().out
    for path in (out / "stories").iterdir():
        path.unlink()
    (out / "stories").rmdir()
    (out / "stories").write_text("not a folder")
    assert main(["batch", "--report", str(out)]) == 2
    assert "is not a folder of story parts" in capsys.readouterr().err
