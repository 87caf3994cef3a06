"""Bad input, odd streams and odd names on the command line: each case runs
``synoptic`` as a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.ingest.loading import MAX_BYTES

pytestmark = pytest.mark.process  # starts whole processes: not in make test-fast

BBC = "Trump cancels the sanctions. He likes Kim. The markets rose on Monday.\n"
CBS = "Trump has cancelled the sanctions. The president likes Kim. Stocks fell.\n"


def synoptic(
    *args: str | bytes,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=kwargs.pop("capture_output", True),  # type: ignore[arg-type]
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    (tmp_path / "bbc.txt").write_text(BBC, encoding="utf-8")
    (tmp_path / "cbs.txt").write_text(CBS, encoding="utf-8")
    return [tmp_path / "bbc.txt", tmp_path / "cbs.txt"]


def one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err


# 2. File names that are not UTF-8 ------------------------------------------


@pytest.mark.parametrize("kind", ["json", "csv", "markdown", "html"])
def test_a_name_that_is_not_utf8_is_shown_with_replacement_characters(
    tmp_path: Path, pair: list[Path], kind: str
) -> None:
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(BBC.encode())
    out = tmp_path / f"out.{kind}"
    result = synoptic("--export", kind, "-o", str(out), odd, str(pair[1]), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = out.read_bytes().decode("utf-8")  # valid UTF-8, or this raises
    assert "caf\ufffd.txt" in text
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    stdout = synoptic("--export", "json", odd, str(pair[1]))
    assert stdout.returncode == 0, stdout.stderr
    data = json.loads(stdout.stdout.decode("utf-8"))
    assert data["sources"][0]["name"] == "caf\ufffd.txt"
    assert data["sources"][0]["path"].endswith("caf\ufffd.txt")


# 3. Input over the size limit, pipes included --------------------------------


def test_a_pipe_over_the_limit_is_a_one_line_error(tmp_path: Path, pair: list[Path]) -> None:
    fifo = tmp_path / "big.fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--export", "json", str(fifo), str(pair[0])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    chunk = b"Hi there. " * 100_000
    with open(fifo, "wb") as writer:
        try:
            for _ in range(MAX_BYTES // len(chunk) + 2):
                writer.write(chunk)
        except BrokenPipeError:
            pass
    out, err = process.communicate(timeout=120)
    result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    assert "limit" in one_line_error(result)
    assert out == b""


def test_stdin_over_the_limit_is_a_one_line_error(pair: list[Path]) -> None:
    data = b"Hi there. " * (MAX_BYTES // 10 + 1)
    result = synoptic("--export", "json", "-", str(pair[0]), input=data)
    assert "larger than" in one_line_error(result)


# 7. CSV formula injection -----------------------------------------------------


def test_csv_cells_that_would_be_formulas_are_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text('=HYPERLINK("http://x")\n\n+1 and more.\n', "utf-8")
    (tmp_path / "b.txt").write_text("@SUM(A1) was here.\n\n-2 is a number.\n", "utf-8")
    result = synoptic("--export", "csv", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    cells = [c for row in csv.reader(io.StringIO(result.stdout.decode())) for c in row[2:]]
    texts = [c for c in cells if c]
    assert texts and all(not c.startswith(("=", "+", "-", "@")) for c in texts)
    assert '\'=HYPERLINK("http://x")' in texts


# 11. Closed standard streams, 12. a stdout that cannot encode ----------------


def test_closed_stdin_with_dash_is_one_line(pair: list[Path]) -> None:
    result = synoptic("--export", "json", "-", str(pair[0]), stdin=subprocess.DEVNULL, pass_fds=())
    assert result.returncode == 0  # /dev/null is an empty source, not a closed one
    closed = subprocess.run(
        f'exec <&- ; exec "{sys.executable}" -m tui --export json - "{pair[0]}"',
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert "standard input is closed" in one_line_error(closed)


@pytest.mark.parametrize("redirect", ["<&-", ">&-"])
def test_the_reader_with_a_closed_stream_is_one_line(pair: list[Path], redirect: str) -> None:
    closed = subprocess.run(
        f'exec "{sys.executable}" -m tui "{pair[0]}" "{pair[1]}" {redirect} 2>&2',
        shell=True,
        stdout=subprocess.PIPE if redirect == "<&-" else None,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    assert closed.returncode == 2
    err = closed.stderr.decode()
    assert "Traceback" not in err and err.count("\n") == 1, err


def test_list_samples_to_a_full_disk_is_one_line() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        result = synoptic(
            "--list-samples", stdout=full, capture_output=False, stderr=subprocess.PIPE
        )
    assert "cannot write" in one_line_error(result)


def test_closed_stderr_keeps_notes_out_of_the_json(pair: list[Path]) -> None:
    result = subprocess.run(
        f'exec "{sys.executable}" -m tui --export json "{pair[0]}" 2>&-',
        shell=True,
        capture_output=False,
        stdout=subprocess.PIPE,
        timeout=120,
    )
    assert result.returncode == 0
    data = json.loads(result.stdout.decode("utf-8"))  # the one-source note is not in it
    assert len(data["sources"]) == 1


def test_an_ascii_stdout_gets_utf8_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Café au lait — “quoted”. Ünïcode.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Café au lait — quoted. Unicode.\n", "utf-8")
    result = synoptic(
        "--export", "json", "a.txt", "b.txt", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["sources"][0]["sentences"][0]["text"].startswith("Café")


# 6. -o through a symbolic link ------------------------------------------------


def test_o_through_a_symlink_writes_the_target_and_keeps_the_link(
    tmp_path: Path, pair: list[Path]
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    refused = synoptic("--export", "json", "-o", str(link), *map(str, pair))
    assert "already exists" in one_line_error(refused)
    result = synoptic("--export", "json", "-o", str(link), "--force", *map(str, pair))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["version"] == 1
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "new.json")
    result = synoptic("--export", "json", "-o", str(dangling), *map(str, pair))
    assert result.returncode == 0, result.stderr
    assert dangling.is_symlink() and json.loads((tmp_path / "new.json").read_text("utf-8"))
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert "loop" in one_line_error(synoptic("--export", "json", "-o", str(loop), *map(str, pair)))
    assert loop.is_symlink()


def test_the_store_through_a_symlink_stays_a_link(tmp_path: Path, pair: list[Path]) -> None:
    from tui.corrections import CorrectionStore
    from tui.pipeline import compare

    data = tmp_path / "data"
    data.mkdir()
    real = tmp_path / "elsewhere.json"
    real.write_text('{"version": 1, "corrections": []}\n', "utf-8")
    (data / "corrections.json").symlink_to(real)
    store = CorrectionStore(data)
    store.link(compare([str(p) for p in pair]), (0, 0), (1, 2))
    assert (data / "corrections.json").is_symlink()
    assert len(json.loads(real.read_text("utf-8"))["corrections"]) == 1


# 10. A file created at the -o path during the export ------------------------

RACE = """
import sys
import tui.cli
import tui.export.formats  # --export imports export_text from here when it runs
original = tui.export.formats.export_text
def export_text(comparison, kind):
    with open(sys.argv[-1], "w") as other:  # another program gets there first
        other.write("theirs\\n")
    return original(comparison, kind)
tui.export.formats.export_text = export_text
raise SystemExit(tui.cli.main(sys.argv[1:-1]))
"""


def test_a_file_created_during_the_export_is_not_overwritten(
    tmp_path: Path, pair: list[Path]
) -> None:
    out = tmp_path / "out.json"
    args = ["--export", "json", "-o", str(out), *map(str, pair), str(out)]
    result = subprocess.run([sys.executable, "-c", RACE, *args], capture_output=True, timeout=120)
    assert "appeared while" in one_line_error(result)
    assert out.read_text("utf-8") == "theirs\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    forced = subprocess.run(
        [sys.executable, "-c", RACE, *args[:4], "--force", *args[4:]],
        capture_output=True,
        timeout=120,
    )
    assert forced.returncode == 0, forced.stderr
    assert json.loads(out.read_text("utf-8"))["version"] == 1


# 15. Smaller ones ---------------------------------------------------------------


def test_an_output_name_of_255_bytes_is_written(tmp_path: Path, pair: list[Path]) -> None:
    for length in (247, 255):
        out = tmp_path / ("x" * (length - 5) + ".json")
        result = synoptic("--export", "json", "-o", str(out), *map(str, pair))
        assert result.returncode == 0, result.stderr
        assert json.loads(out.read_text("utf-8"))["version"] == 1


def test_o_with_a_trailing_slash_is_refused(tmp_path: Path, pair: list[Path]) -> None:
    result = synoptic("--export", "json", "-o", "dir/", *map(str, pair), cwd=tmp_path)
    assert "slash" in one_line_error(result)
    assert not (tmp_path / "dir").exists()


def test_sample_takes_a_name_not_a_path(tmp_path: Path) -> None:
    result = synoptic("--export", "json", "--sample", "../samples/news", cwd=tmp_path)
    assert "no sample called" in one_line_error(result)


# 13. Encoding guesses ---------------------------------------------------------

ARTICLE = (
    "Trump’s talks with Kim were cancelled on Monday, officials said. "
    "The café owner in Zürich called it “a façade”. Prices rose – again.\n"
)


def _first_sentence(tmp_path: Path, data: bytes) -> tuple[str, str]:
    (tmp_path / "odd.txt").write_bytes(data)
    (tmp_path / "plain.txt").write_text("Trump talks. Cafe owner.\n", "utf-8")
    result = synoptic("--export", "json", "odd.txt", "plain.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    source = json.loads(result.stdout)["sources"][0]
    text = " ".join(sentence["text"] for sentence in source["sentences"])
    return text, result.stderr.decode()


def test_cp1252_is_preferred_to_other_code_pages(tmp_path: Path) -> None:
    text, err = _first_sentence(tmp_path, ARTICLE.encode("cp1252"))
    assert text == " ".join(ARTICLE.split())
    assert "cp1252" in err


def test_mixed_utf8_and_cp1252_decodes_line_by_line(tmp_path: Path) -> None:
    data = "Café one is here.\n".encode() + "Café two is there.\n".encode("cp1252")
    text, err = _first_sentence(tmp_path, data)
    assert text == "Café one is here. Café two is there."
    assert "line by line" in err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text(tmp_path: Path, encoding: str) -> None:
    text, err = _first_sentence(tmp_path, ARTICLE.encode(encoding))
    assert text == " ".join(ARTICLE.split())
    assert encoding.upper() in err


def test_cyrillic_is_still_detected(tmp_path: Path) -> None:
    russian = "Президент отменил новые санкции против Северной Кореи в понедельник.\n" * 3
    text, _ = _first_sentence(tmp_path, russian.encode("cp1251"))
    assert text.startswith("Президент отменил")
