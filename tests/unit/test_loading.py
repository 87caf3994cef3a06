"""Loading: encodings, stdin and every kind of unreadable input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tui.errors import InputError
from tui.ingest.loading import load_source

TEXT = "Café owners say “déjà vu” — prices rose 5 % in São Paulo.\nSecond line.\n"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
)
def test_unicode_encodings_decode_exactly(tmp_path: Path, data: bytes, encoding: str) -> None:
    loaded = load_source(write(tmp_path, "a.txt", data))
    assert loaded.text == TEXT
    assert loaded.encoding == encoding
    assert not loaded.text.startswith("\ufeff")


def test_legacy_encoding_is_detected_and_noted(tmp_path: Path) -> None:
    text = ("Les élèves ont étudié la Révolution française à l'école. " * 8).strip()
    loaded = load_source(write(tmp_path, "latin.txt", text.encode("cp1252")))
    assert loaded.text == text
    assert loaded.notes and "decoded as" in loaded.notes[0]


def test_crlf_is_kept_so_offsets_stay_true(tmp_path: Path) -> None:
    loaded = load_source(write(tmp_path, "crlf.txt", b"One.\r\nTwo.\r\n"))
    assert loaded.text == "One.\r\nTwo.\r\n"


def test_stdin_is_read_with_dash() -> None:
    loaded = load_source("-", io.BytesIO(b"Hello there."))
    assert (loaded.name, loaded.path, loaded.text) == ("-", None, "Hello there.")


def test_path_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "rel.txt", b"Text.")
    monkeypatch.chdir(tmp_path)
    assert load_source("rel.txt").path == str(tmp_path / "rel.txt")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: str(p / "missing.txt"), "no such file"),
        (lambda p: str(p), "is a directory"),
        (lambda p: write(p, "bin.dat", bytes(range(256)) * 4), "binary"),
        (lambda p: write(p, "png.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 200), "binary"),
    ],
)
def test_unreadable_input_names_the_file(tmp_path: Path, make, message: str) -> None:
    spec = make(tmp_path)
    with pytest.raises(InputError) as caught:
        load_source(spec)
    assert message in str(caught.value)
    assert str(caught.value).startswith(spec)
    assert "\n" not in str(caught.value)


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = write(tmp_path, "secret.txt", b"Text.")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match="permission denied"):
        load_source(spec)


def test_undecodable_bytes_fail_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    class Nothing:
        def best(self) -> None:
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: Nothing())
    spec = write(tmp_path, "odd.txt", b"abc \xff\xfe\xfa def")
    with pytest.raises(InputError, match="encoding could not be detected"):
        load_source(spec)


def test_empty_file_loads(tmp_path: Path) -> None:
    assert load_source(write(tmp_path, "empty.txt", b"")).text == ""


def test_escape_sequences_are_kept_as_text(tmp_path: Path) -> None:
    loaded = load_source(write(tmp_path, "esc.txt", b"Red \x1b[31malert\x1b[0m [bold]x[/bold]."))
    assert "\x1b[31m" in loaded.text and "[bold]" in loaded.text
