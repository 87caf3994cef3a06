"""Issue 18, points 5, 8, 10, 11 and 16: what sits where Synoptic keeps its
own files (the settings, the corrections store) or where it writes an export
may be a FIFO, a link to /dev/zero, a huge or deeply nested file. Nothing
may hang, fill the memory or end in a traceback. Every call that used to
hang runs in a thread the test waits for a bounded time."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from tui.cli import main
from tui.corrections.store import MAX_STORE_BYTES, CorrectionStore, CorruptStore
from tui.errors import InputError
from tui.settings.load import CONFIG_DIR_VARIABLE, MAX_SETTINGS_BYTES, load_settings

T = TypeVar("T")
BOUND = 10.0
"""Seconds any one call here may take (each takes well under one)."""

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def bounded(call: Callable[[], T]) -> T:
    """``call()``, failing the test (not hanging it) if it does not return in time."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as caught:  # handed to the test's thread
            error.append(caught)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(BOUND)
    assert not thread.is_alive(), f"still running after {BOUND:g} s"
    if error:
        raise error[0]
    return result[0]


def _unblock_fifo(path: Path) -> None:
    """Open the FIFO for writing and close it, so a reader stuck in open() goes
    on (the hang a failing test leaves behind ends with the test)."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(handle)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _texts(tmp_path: Path) -> list[str]:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("The bridge opened on Saturday. Traffic was light.\n", encoding="utf-8")
    two.write_text("On Saturday the bridge opened. Few cars came.\n", encoding="utf-8")
    return [str(one), str(two)]


# --- the corrections store --------------------------------------------------------------


@needs_fifo
def test_a_store_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """Before: open() waited for a writer for ever."""
    fifo = _fifo(tmp_path / "corrections.json")
    try:
        with pytest.raises(CorruptStore, match=r"is a named pipe \(FIFO\), not a regular file"):
            bounded(CorrectionStore(tmp_path).load)
    finally:
        _unblock_fifo(fifo)


@needs_dev_zero
def test_a_store_linked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    """Before: read until 3.5 GB and killed."""
    (tmp_path / "corrections.json").symlink_to("/dev/zero")
    with pytest.raises(CorruptStore, match=r"is a device, not a regular file"):
        bounded(CorrectionStore(tmp_path).load)


def test_a_store_over_its_bound_is_refused_unread(tmp_path: Path) -> None:
    """A 400 MB store took 41 s and 2.5 GB; one over the cap is not read at all."""
    _sparse(tmp_path / "corrections.json", MAX_STORE_BYTES + 1)
    with pytest.raises(CorruptStore, match=r"is larger than 16 MB; it was left untouched"):
        bounded(CorrectionStore(tmp_path).load)
    assert (tmp_path / "corrections.json").stat().st_size == MAX_STORE_BYTES + 1


@needs_fifo
def test_export_with_a_fifo_store_warns_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SYNOPTIC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path / "config"))
    (tmp_path / "data").mkdir()
    fifo = _fifo(tmp_path / "data" / "corrections.json")
    try:
        code = bounded(lambda: main(["--export", "json", *_texts(tmp_path)]))
    finally:
        _unblock_fifo(fifo)
    assert code == 0
    err = capsys.readouterr().err
    assert "named pipe (FIFO)" in err and "exporting without corrections" in err


# --- the settings file ----------------------------------------------------------------


@needs_fifo
def test_config_fifo_is_a_one_line_error(tmp_path: Path) -> None:
    """Before: --config FIFO hung (killed after 15 s)."""
    fifo = _fifo(tmp_path / "settings.toml")
    try:
        with pytest.raises(InputError) as caught:
            bounded(lambda: load_settings(str(fifo)))
    finally:
        _unblock_fifo(fifo)
    assert str(caught.value) == (
        f"{fifo}: settings file is a named pipe (FIFO), not a regular file"
    )


@needs_fifo
def test_a_default_settings_fifo_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path))
    fifo = _fifo(tmp_path / "settings.toml")
    try:
        settings, warnings = bounded(load_settings)
    finally:
        _unblock_fifo(fifo)
    assert warnings == [f"{fifo}: is a named pipe (FIFO), not a regular file; using defaults"]
    assert not settings.readable  # so the theme is never saved over it


@needs_dev_zero
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_settings_linked_to_a_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, device: str
) -> None:
    """Before: read until 3.5 GB and killed."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path))
    link = tmp_path / "settings.toml"
    link.symlink_to(device)
    settings, warnings = bounded(load_settings)
    assert not settings.readable
    assert warnings == [f"{link}: is a device, not a regular file; using defaults"]
    with pytest.raises(InputError, match="settings file is a device"):
        bounded(lambda: load_settings(str(link)))


def test_settings_over_a_megabyte_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path))
    big = tmp_path / "settings.toml"
    big.write_bytes(b"# " + b"x" * MAX_SETTINGS_BYTES + b"\n")
    settings, warnings = bounded(load_settings)
    assert warnings == [f"{big}: is larger than 1 MB; using defaults"]
    assert not settings.readable


@pytest.mark.parametrize(
    "nested", ["a = " + "[" * 3000 + "]" * 3000, "a = " + "{b = " * 3000 + "1" + "}" * 3000]
)
def test_deeply_nested_settings_are_a_warning(tmp_path: Path, nested: str) -> None:
    """Before: RecursionError out of tomllib, a traceback."""
    path = tmp_path / "settings.toml"
    path.write_text(nested + "\n", encoding="utf-8")
    settings, warnings = load_settings(str(path))
    assert warnings == [f"{path}: not valid TOML (nested too deeply); using defaults"]
    assert not settings.readable


def test_ten_thousand_unknown_keys_are_one_short_line(tmp_path: Path) -> None:
    """Before: one warning of 68,966 characters."""
    path = tmp_path / "settings.toml"
    path.write_text("".join(f"key{n} = 1\n" for n in range(10_000)), encoding="utf-8")
    _, warnings = load_settings(str(path))
    assert warnings == [f"{path}: 10,000 unknown settings: key0, key1, key2, key3, key4, … ignored"]


def test_a_few_unknown_keys_are_all_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("colour = 1\nsize = 2\n", encoding="utf-8")
    assert load_settings(str(path))[1] == [f"{path}: unknown settings colour, size ignored"]
    path.write_text("colour = 1\n", encoding="utf-8")
    assert load_settings(str(path))[1] == [f"{path}: unknown setting colour ignored"]


# --- the export's target ----------------------------------------------------------------


@needs_fifo
def test_export_to_a_fifo_nobody_reads_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: -o FIFO without a reader hung (killed after 20 s)."""
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path / "config"))
    fifo = _fifo(tmp_path / "out.json")
    arguments = ["--export", "json", "--no-corrections", "-o", str(fifo), *_texts(tmp_path)]
    try:
        code = bounded(lambda: main(arguments))
    finally:
        handle = None
        try:  # a hung writer is let go by a reader that opens and closes
            handle = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        finally:
            if handle is not None:
                os.close(handle)
    assert code == 2
    assert capsys.readouterr().err == (
        f"synoptic: error: {fifo}: cannot write: a named pipe (FIFO) that nothing reads\n"
    )


@needs_fifo
def test_export_to_a_fifo_with_a_reader_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path / "config"))
    fifo = _fifo(tmp_path / "out.json")
    # A reader is there before the export opens the FIFO (the small export fits
    # the pipe's buffer, so it is read after the export is done).
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        arguments = ["--export", "json", "--no-corrections", "-o", str(fifo), *_texts(tmp_path)]
        code = bounded(lambda: main(arguments))
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert code == 0
    assert b'"sources"' in received


def test_a_300_byte_file_name_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: OSError: [Errno 36] File name too long, a traceback."""
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path / "config"))
    target = tmp_path / ("n" * 295 + ".json")
    code = main(["--export", "json", "--no-corrections", "-o", str(target), *_texts(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"synoptic: error: {target}: the file name is too long (at most 255 bytes a name)\n"
    )


@needs_fifo
def test_saving_the_theme_over_a_fifo_leaves_it(tmp_path: Path) -> None:
    """The settings file became a FIFO after start: the save says so, never waits."""
    from tui.settings import save_theme

    fifo = _fifo(tmp_path / "settings.toml")
    try:
        with pytest.raises(InputError, match=r"is a named pipe \(FIFO\), not a regular file"):
            bounded(lambda: save_theme(fifo, "nord"))
    finally:
        _unblock_fifo(fifo)
    assert fifo.is_fifo()


def test_a_full_store_stays_far_under_its_read_cap(tmp_path: Path) -> None:
    """The store never grows past MAX_CORRECTIONS decisions, so a file Synoptic
    wrote is always read: even with long offsets it is a third of the cap."""
    from tui.corrections.store import MAX_CORRECTIONS, Correction

    store = CorrectionStore(tmp_path)
    digest = "f" * 64
    corrections = [
        Correction("link", (digest, 10**9 + n, 10**9 + n + 1), ("e" * 64, 10**9, 10**9 + 1))
        for n in range(MAX_CORRECTIONS + 500)
    ]
    store._save(corrections)
    assert store.path.stat().st_size < MAX_STORE_BYTES / 3
    assert len(store.load()) == MAX_CORRECTIONS


def test_ten_thousand_bad_key_bindings_are_one_line_each_kind(tmp_path: Path) -> None:
    """The [keys] table too: unknown binding ids and values that are no keys
    are counted in one line each, not 10,000 lines."""
    from textual.binding import Binding

    from tui.ui.keymap import checked_keymap

    path = tmp_path / "settings.toml"
    lines = ["[keys]"]
    lines += [f'nothing{n} = "f"' for n in range(10_000)]
    lines += [f"find{n} = 1" for n in range(10_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings, warnings = load_settings(str(path))
    assert warnings == [
        f'{path}: 10,000 keys.… entries must be keys in quotes, e.g. "f" '
        "(find0, find1, find2, find3, find4, …); using their default keys"
    ]
    _, problems = checked_keymap(settings.keys, [Binding("f", "find", "Find", id="find")], path)
    assert problems == [
        f"{path}: 10,000 keys.… entries are not binding ids (the README lists them): "
        "nothing0, nothing1, nothing2, nothing3, nothing4, …; ignored"
    ]
