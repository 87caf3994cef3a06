"""The command line: exports, the JSON contract and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_contract(capsys: pytest.CaptureFixture[str], news_paths: list[str]) -> None:
    code, out, _ = run(capsys, "--export", "json", *news_paths)
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    assert [s["name"] for s in data["sources"]] == [
        "bbc.txt",
        "business-standard.txt",
        "cbs-news.txt",
    ]
    for number, source in enumerate(data["sources"]):
        text = Path(source["path"]).read_text(encoding="utf-8")
        assert Path(source["path"]).is_absolute()
        for sentence in source["sentences"]:
            assert " ".join(text[sentence["start"] : sentence["end"]].split()) == sentence["text"]
        for span in source["boilerplate"]:
            assert " ".join(text[span["start"] : span["end"]].split()) == span["text"]
        assert all(isinstance(s["paragraph"], int) for s in source["sentences"])
        assert number in {u[0] for u in data["unique"]}
    assert data["sources"][0]["title"] == "Trump cancels new North Korea sanctions"
    for link in data["links"]:
        assert link["source_a"] < link["source_b"] and 0 <= link["score"] <= 100
    members = {tuple(m) for group in data["groups"] for m in group["members"]}
    assert members.isdisjoint({tuple(u) for u in data["unique"]})


def test_csv_and_markdown(capsys: pytest.CaptureFixture[str], news_paths: list[str]) -> None:
    code, out, _ = run(capsys, "--export", "csv", *news_paths)
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == [
        "row",
        "score",
        "bbc.txt",
        "business-standard.txt",
        "cbs-news.txt",
    ]
    sanders = [r for r in rows if "President Trump likes Chairman Kim" in r[2]]
    assert sanders and all(cell for cell in sanders[0][2:])
    code, out, _ = run(capsys, "--export", "markdown", *news_paths)
    assert code == 0 and "| # | score | bbc.txt | business-standard.txt | cbs-news.txt |" in out
    assert "Chairman Kim \\[Jong-un\\]" in out


def test_output_file_is_never_overwritten_without_force(
    capsys: pytest.CaptureFixture[str], news_paths: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious")
    code, _, err = run(capsys, "--export", "json", "-o", str(target), *news_paths)
    assert code == 2 and "already exists" in err and target.read_text() == "precious"
    code, _, err = run(capsys, "--export", "json", "-o", str(target), "--force", *news_paths)
    assert code == 0 and json.loads(target.read_text())["version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"], "temporary file left behind"


def test_output_never_replaces_an_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Some text here.")
    code, _, err = run(capsys, "--export", "json", "-o", str(source), "--force", str(source))
    assert code == 2 and "input" in err and source.read_text() == "Some text here."


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda p: [str(p / "nope.txt")], "no such file"),
        (lambda p: [str(p)], "is a directory"),
        (lambda p: [_write(p, "b.bin", b"\x00\x01\x02" * 100)], "binary"),
        (lambda p: [_write(p, f"{i}.txt", b"x.") for i in range(101)], "at most 100"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make, fragment: str
) -> None:
    code, out, err = run(capsys, "--export", "json", *make(tmp_path))
    assert code == 2 and out == ""
    line = one_line_error(err)
    assert line.startswith("synoptic: error:") and fragment in line


def _write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


def test_odd_but_valid_input_works_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = _write(tmp_path, "empty.txt", b"")
    code, out, err = run(capsys, "--export", "json", empty)
    assert code == 0
    assert "the file is empty" in err and "only one source" in err
    assert json.loads(out)["sources"][0]["sentences"] == []


def test_escape_sequences_and_markup_stay_literal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a = _write(tmp_path, "a.txt", b"The \x1b[31mred\x1b[0m alert [bold red]was[/] raised today.")
    b = _write(tmp_path, "b.txt", b"The red alert [bold red]was[/] raised today in the city.")
    code, out, _ = run(capsys, "--export", "json", a, b)
    assert code == 0
    data = json.loads(out)
    assert data["sources"][0]["sentences"][0]["text"].startswith("The \x1b[31mred")
    assert "[bold red]was[/]" in data["sources"][1]["sentences"][0]["text"]
    assert "\x1b" not in out, "raw escape bytes reached stdout"
    _code, out, _ = run(capsys, "--export", "markdown", a, b)
    assert "\x1b" not in out and "␛" in out


def test_hundred_sources_work(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, f"{i:03}.txt", f"Source {i} reports the flood. Item {i}.".encode())
        for i in range(100)
    ]
    code, out, _ = run(capsys, "--export", "json", *paths)
    assert code == 0 and len(json.loads(out)["sources"]) == 100


def test_ten_megabytes_without_newline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = _write(tmp_path, "big.txt", b"lorem ipsum dolor sit amet " * 400_000)
    small = _write(tmp_path, "small.txt", b"lorem ipsum dolor sit amet.")
    code, out, _ = run(capsys, "--export", "csv", big, small)
    assert code == 0 and out.startswith("row,score,big.txt,small.txt")


@pytest.mark.process
def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--export", "json", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert (
        one_line_error(result.stderr)
        == f"synoptic: error: {tmp_path / 'missing.txt'}: no such file"
    )


@pytest.mark.process
def test_stdin_dash(tmp_path: Path, news_paths: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--export", "json", "-", news_paths[0]],
        input=Path(news_paths[1]).read_bytes(),
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sources"][0]["name"] == "-" and data["sources"][0]["path"] is None
    assert data["links"]


@pytest.mark.process
def test_reader_refuses_without_terminal(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tui"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "needs a terminal" in one_line_error(result.stderr)


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "examples:" in capsys.readouterr().out


def test_export_file_gets_ordinary_permissions(
    capsys: pytest.CaptureFixture[str], news_paths: list[str], tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.csv"
    assert run(capsys, "--export", "csv", "-o", str(fresh), *news_paths)[0] == 0
    assert fresh.stat().st_mode & 0o044, "a new export is readable by others, as files are"
    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    kept.chmod(0o640)
    assert run(capsys, "--export", "csv", "-o", str(kept), "--force", *news_paths)[0] == 0
    assert kept.stat().st_mode & 0o777 == 0o640


def test_empty_output_name_is_refused(
    capsys: pytest.CaptureFixture[str], news_paths: list[str]
) -> None:
    code, out, err = run(capsys, "--export", "csv", "-o", "", *news_paths)
    assert code == 2 and out == "" and "needs a file name" in one_line_error(err)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.process
def test_full_stdout_is_one_line(news_paths: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--export", "json", *news_paths],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 2
    assert "stdout: cannot write" in one_line_error(result.stderr)


def test_long_punctuation_runs_stay_fast(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A run of 100,000 dots took minutes with a backtracking pattern."""
    dots = _write(tmp_path, "dots.txt", b"." * 100_000 + b"\n" + "…".encode() * 30_000)
    other = _write(tmp_path, "other.txt", b"Some words here.")
    assert run(capsys, "--export", "csv", dots, other)[0] == 0


@pytest.mark.process
def test_bounds_hit_by_the_aligner_are_said_on_stderr(tmp_path) -> None:
    import subprocess
    import sys

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Hi. " * 400, encoding="utf-8")
    second.write_text("Hi. " * 401, encoding="utf-8")  # not a copy of the first
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--export", "json", "-o", str(out), str(first), str(second)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "repeated more than" in done.stderr
    assert "Traceback" not in done.stderr
