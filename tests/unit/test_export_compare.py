"""Exports of the comparison features: flags, manual links, only-here, HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.documents import find_sentence
from tui.cli import main
from tui.corrections import CorrectionStore
from tui.export.formats import to_dict, to_markdown
from tui.export.html import to_html
from tui.model import Comparison
from tui.pipeline import compare


def test_json_gains_flags_without_renaming(news: Comparison) -> None:
    data = to_dict(news)
    assert list(data)[:7] == [
        "version", "threshold", "sources", "links", "groups", "unique", "flags",
    ]  # fmt: skip
    kinds = {flag["kind"] for flag in data["flags"]}
    assert kinds == {"name", "quote"}
    adviser = next(f for f in data["flags"] if f["kind"] == "name")
    sentence = data["sources"][adviser["a"][0]]["sentences"][adviser["a"][1]]["text"]
    assert sentence[adviser["a_start"] : adviser["a_end"]] == adviser["a_text"] == "Adviser"
    assert adviser["group"] == news.alignment.group_of(tuple(adviser["a"]))


def test_markdown_lists_only_here_per_source(news: Comparison) -> None:
    text = to_markdown(news)
    section = text.split("## Only here", 1)[1]
    assert [line for line in section.splitlines() if line.startswith("### ")] == [
        "### bbc.txt", "### business-standard.txt", "### cbs-news.txt",
    ]  # fmt: skip
    assert "inter-Korean liaison office" in section.split("### business-standard.txt")[0]
    assert "| # | score |" in text.split("## Only here")[0]


def test_html_is_self_contained_and_highlights(news: Comparison) -> None:
    page = to_html(news)
    assert page.startswith("<!DOCTYPE html>") and "<table" in page
    assert not re.search(r"""(src|href)\s*=|<script|<link|@import|url\(""", page, re.I)
    # Compared with the BBC, the others lack the name; compared with
    # Business Standard, the BBC inserts it.
    assert "<del>[Jong-un]</del>" in page and "<ins>[Jong-un]</ins>" not in page
    assert "<ins>[Jong-un]</ins>" in to_html(news, reference=1)
    assert '<span class="minor">Sanctions</span>' in page
    assert 'class="badge">only here' in page
    assert "name, a spelling variant: Adviser vs Advisor" in page
    assert page.count("<th>bbc.txt</th>") == 2  # coverage row and synopsis column
    # A flag said once per cell, however many sentence pairs raise it.
    for cell in re.findall(r'<td class="cell">(.*?)</td>', page):
        said = re.findall(r'<span class="flag">(.*?)</span>', cell)
        assert len(said) == len(set(said)), said
    # The BBC's two sentences quoting the tweet, against business-standard and
    # CBS: one cell, said once, and not twice inside the note either.
    case = "⚑ quote spelled differently: &#x27;Sanctions&#x27; vs &#x27;sanctions&#x27;<"
    assert page.count(case) == 1


def test_html_shows_markup_in_sources_literally(tmp_path: Path) -> None:
    a = tmp_path / "a<b>.txt"
    b = tmp_path / "b.txt"
    a.write_text("The mayor said <script>alert(1)</script> at noon today. Nothing else.\n")
    b.write_text("The mayor said <script>alert(2)</script> at noon today & left.\n")
    page = to_html(compare([str(a), str(b)]))
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(" in page and "a&lt;b&gt;.txt" in page and "&amp;" in page


def test_cli_html_and_corrections(
    capsys: pytest.CaptureFixture[str],
    news: Comparison,
    news_paths: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(tmp_path / "data"))
    a = find_sentence(news, "business-standard.txt", "Trump walked out of that summit")
    b = find_sentence(news, "cbs-news.txt", "A second summit earlier this year in Vietnam")
    CorrectionStore().link(news, a, b)

    assert main(["--export", "json", *news_paths]) == 0
    links = json.loads(capsys.readouterr().out)["links"]
    manual = [x for x in links if x["manual"]]
    assert [(x["source_a"], x["sentence_a"], x["source_b"], x["sentence_b"]) for x in manual] == [
        (*a, *b)
    ]
    assert main(["--export", "json", "--no-corrections", *news_paths]) == 0
    assert not any(x["manual"] for x in json.loads(capsys.readouterr().out)["links"])

    target = tmp_path / "cmp.html"
    assert main(["--export", "html", "-o", str(target), *news_paths]) == 0
    assert "wrote html" in capsys.readouterr().err
    assert "<del>[Jong-un]</del>" in target.read_text(encoding="utf-8")


def test_cli_warns_about_a_corrupt_store(
    capsys: pytest.CaptureFixture[str],
    news_paths: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(tmp_path))
    store = tmp_path / "corrections.json"
    store.write_text("{oops")
    assert main(["--export", "csv", *news_paths]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("row,score,")
    (line,) = captured.err.splitlines()
    assert "corrections file is not valid JSON" in line and "Traceback" not in captured.err
    assert store.read_text() == "{oops"


@pytest.mark.parametrize("sample", ["news", "gospels"])
def test_flags_follow_the_synopsis_without_building_it(sample: str) -> None:
    """``all_flags`` orders groups with ``group_order`` (no row per unique sentence):
    the same order as the groups' rows in the synopsis, for any reference."""
    from tui import resources
    from tui.compare.synopsis import group_order, synopsis_rows

    comparison = compare([str(path) for path in resources.sample_files(sample)])
    for reference in range(len(comparison.documents)):
        rows = synopsis_rows(comparison, reference)
        expected = [row.group for row in rows if row.group is not None]
        assert len(expected) > 5
        assert group_order(comparison, reference) == expected
