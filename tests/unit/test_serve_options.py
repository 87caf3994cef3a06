"""``--serve`` without a server: the options, the visitor's command, the checks.

What each visitor's process runs is checked through a real ``/bin/sh``, with
a stand-in for Python that reports the arguments it received, so quoting is
proved by the shell that will parse it, not by our own reading of it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser, main
from tui.ui.downloads import download_name
from tui.ui.serve import exposure_warning, is_loopback, page_url, visitor_command


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("LocalHost", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
        ("example.org", False),
        ("localhost.example.org", False),
        ("128.0.0.1", False),
    ],
)
def test_only_this_machine_counts_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    warning = exposure_warning(host)
    if loopback:
        assert warning is None
    else:
        assert warning is not None and host in warning and "anyone" in warning
        assert "\n" not in warning


def argv_through_the_shell(tmp_path: Path, command: str) -> list[str]:
    """Run ``command`` with /bin/sh, the stand-in Python printing its argv as JSON."""
    result = subprocess.run(
        ["/bin/sh", "-c", command], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


@pytest.fixture
def fake_python(tmp_path: Path) -> str:
    script = tmp_path / "bin dir" / "python's"
    script.parent.mkdir()
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n", encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.process
def test_the_visitor_runs_the_users_arguments_quoted_and_absolute(
    tmp_path: Path, fake_python: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    odd = [
        "a b.txt",
        "it's.txt",
        "$(touch pwned).txt",
        "-x.txt",
        "ünï.txt",
        "https://e.org/a?b=1&c",
    ]
    command = visitor_command(odd, 47.5, True, python=fake_python)
    assert command.startswith("exec ")
    argv = argv_through_the_shell(tmp_path, command)
    assert not (tmp_path / "pwned").exists()
    assert argv[:2] == ["-m", "tui"]
    args = build_parser().parse_args(argv[2:])
    assert args.files == [
        os.path.join(tmp_path, "a b.txt"),
        os.path.join(tmp_path, "it's.txt"),
        os.path.join(tmp_path, "$(touch pwned).txt"),
        os.path.join(tmp_path, "-x.txt"),
        os.path.join(tmp_path, "ünï.txt"),
        "https://e.org/a?b=1&c",
    ]
    assert args.threshold == 47.5 and args.keep_boilerplate
    assert not args.serve and args.port is None and args.host is None


@pytest.mark.process
def test_the_visitor_gets_the_defaults_when_the_user_gave_none(
    tmp_path: Path, fake_python: str
) -> None:
    command = visitor_command(["/srv/a.txt"], 35.0, False, fake_python)
    argv = argv_through_the_shell(tmp_path, command)
    args = build_parser().parse_args(argv[2:])
    assert args.files == ["/srv/a.txt"]
    assert args.threshold == 35.0 and not args.keep_boilerplate


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("::1", "http://[::1]:8000/"),
        ("localhost", "http://localhost:8000/"),
    ],
)
def test_the_url_to_open(host: str, url: str) -> None:
    assert page_url(host, 8000) == url


def test_a_wildcard_host_prints_the_machines_name() -> None:
    assert "0.0.0.0" not in page_url("0.0.0.0", 8000)


@pytest.mark.parametrize(
    ("typed", "kind", "name"),
    [
        ("/home/someone/synoptic.json", "json", "synoptic.json"),
        ("", "markdown", "synoptic.md"),
        ("   ", "html", "synoptic.html"),
        ("report 2026; final.csv", "csv", "report_2026_final.csv"),
        ('x"\r\nSet-Cookie: a=b.html', "html", "x_Set-Cookie_a_b.html"),
        ("..", "json", "synoptic.json"),
        ("dir/", "json", "dir"),
    ],
)
def test_a_download_gets_a_plain_file_name(typed: str, kind: str, name: str) -> None:
    assert download_name(typed, kind) == name


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "8000"], "--port and --host go with --serve"),
        (["--host", "127.0.0.1"], "--port and --host go with --serve"),
        (["--max-visitors", "3"], "--max-visitors goes with --serve"),
        (["--serve", "--export", "json"], "--serve opens the reader; it does not go with --export"),
        (["--serve", "-"], "-: standard input cannot be served to every visitor"),
    ],
)
def test_options_that_do_not_go_together(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in one_error_line(capsys)


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_port_outside_the_range_is_refused(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--serve", "--port", port])
    assert exit_.value.code == 2
    assert "--port" in capsys.readouterr().err


@pytest.mark.parametrize("number", ["0", "-2", "1001", "many", "1.5"])
def test_max_visitors_outside_the_range_is_refused(
    number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--serve", "--max-visitors", number])
    assert exit_.value.code == 2
    assert "--max-visitors" in capsys.readouterr().err


def test_max_visitors_is_read() -> None:
    assert build_parser().parse_args(["--serve", "--max-visitors", "1"]).max_visitors == 1
    assert build_parser().parse_args(["--serve"]).max_visitors is None


@pytest.mark.process
def test_the_visitor_reads_the_same_settings_file_and_corrections_choice(
    tmp_path: Path, fake_python: str
) -> None:
    """--config and --no-corrections reach every visitor's reader."""
    command = visitor_command(
        ["/srv/a.txt"],
        35.0,
        False,
        fake_python,
        config="my settings.toml",
        no_corrections=True,
    )
    argv = argv_through_the_shell(tmp_path, command)
    args = build_parser().parse_args(argv[2:])
    assert args.config == str(Path("my settings.toml").resolve())
    assert args.no_corrections and args.files == ["/srv/a.txt"]
