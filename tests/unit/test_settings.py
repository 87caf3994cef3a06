"""The settings file: located, read, checked key by key, and the theme written back
without touching anything else the user wrote."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tui.align import DEFAULT_THRESHOLD
from tui.errors import InputError
from tui.settings import Settings, config_dir, default_path, load_settings, save_theme
from tui.settings.save import with_theme

FULL = """\
# My Synoptic settings
theme = "gruvbox"          # the one I like
threshold = 50
show_boilerplate = true
linked = false
reading_line = "top"

[keys]
search = "f"
synopsis = "S,ctrl+s"
"""


def write(tmp_path: Path, text: str, name: str = "settings.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_config_dir_comes_from_the_environment_when_set(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SYNOPTIC_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    assert default_path() == tmp_path / "settings.toml"
    monkeypatch.delenv("SYNOPTIC_CONFIG_DIR")
    assert config_dir().name == "synoptic"  # the platform's, e.g. ~/.config/synoptic


def test_no_file_is_the_defaults_and_no_warning(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SYNOPTIC_CONFIG_DIR", str(tmp_path))
    settings, warnings = load_settings()
    assert warnings == []
    assert settings == Settings(path=tmp_path / "settings.toml")
    assert settings.threshold_or(None) == DEFAULT_THRESHOLD


def test_every_setting_is_read(tmp_path: Path) -> None:
    settings, warnings = load_settings(str(write(tmp_path, FULL)))
    assert warnings == []
    assert settings.theme == "gruvbox"
    assert settings.threshold == 50.0
    assert settings.show_boilerplate is True
    assert settings.linked is False
    assert settings.reading_line == "top"
    assert settings.keys == {"search": "f", "synopsis": "S,ctrl+s"}
    assert settings.readable


def test_the_command_line_wins_over_the_file_over_the_default() -> None:
    assert Settings(threshold=50).threshold_or(70) == 70
    assert Settings(threshold=50).threshold_or(None) == 50
    assert Settings().threshold_or(None) == DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        (
            "threshold = 500",
            f"threshold must be a number from 0 to 100; using {DEFAULT_THRESHOLD:g}",
        ),
        (
            'threshold = "high"',
            f"threshold must be a number from 0 to 100; using {DEFAULT_THRESHOLD:g}",
        ),
        (
            "threshold = true",
            f"threshold must be a number from 0 to 100; using {DEFAULT_THRESHOLD:g}",
        ),
        (
            "threshold = nan",
            f"threshold must be a number from 0 to 100; using {DEFAULT_THRESHOLD:g}",
        ),
        ('show_boilerplate = "yes"', "show_boilerplate must be true or false; using false"),
        ("linked = 1", "linked must be true or false; using true"),
        ('reading_line = "bottom"', 'reading_line must be "middle" or "top"; using "middle"'),
        ("theme = 3", "theme must be a theme name in quotes; using the default theme"),
        (
            'keys = "f"',
            "keys must be a table ([keys]) of binding ids and keys; using the default keys",
        ),
        ("colour = 1", "unknown setting colour ignored"),
    ],
)
def test_a_bad_value_is_one_warning_naming_file_and_key_and_the_default(
    tmp_path: Path, line: str, warning: str
) -> None:
    path = write(tmp_path, line + "\n")
    settings, warnings = load_settings(str(path))
    assert warnings == [f"{path}: {warning}"]
    defaults = Settings(path=path)
    assert (settings.threshold, settings.reading_line, settings.keys) == (
        defaults.threshold,
        defaults.reading_line,
        defaults.keys,
    )


def test_unknown_keys_are_one_warning_and_the_rest_still_applies(tmp_path: Path) -> None:
    path = write(tmp_path, "colour = 1\nthreshold = 40\nsize = 2\n")
    settings, warnings = load_settings(str(path))
    assert warnings == [f"{path}: unknown settings colour, size ignored"]
    assert settings.threshold == 40


def test_a_bad_keys_entry_is_a_warning_and_the_others_apply(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nsearch = "f"\nhelp = 3\n')
    settings, warnings = load_settings(str(path))
    assert settings.keys == {"search": "f"}
    assert warnings == [
        f'{path}: keys.help must be a key in quotes, e.g. "f"; using its default key'
    ]


def test_a_file_that_does_not_parse_is_one_warning_and_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "threshold = \n")
    settings, warnings = load_settings(str(path))
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert warnings[0].startswith(f"{path}: not valid TOML (") and "using defaults" in warnings[0]
    assert settings.threshold is None and not settings.readable


def test_a_file_that_is_not_utf8_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'theme = "caf\xe9"\n')
    settings, warnings = load_settings(str(path))
    assert warnings == [f"{path}: not UTF-8; using defaults"] and not settings.readable


def test_an_explicit_path_that_is_missing_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such settings file"):
        load_settings(str(tmp_path / "nope.toml"))
    with pytest.raises(InputError, match="is a directory"):
        load_settings(str(tmp_path))


# Writing the theme -----------------------------------------------------------


def test_saving_the_theme_changes_only_its_value(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    save_theme(path, "nord")
    assert path.read_text(encoding="utf-8") == FULL.replace('"gruvbox"', '"nord"')


def test_a_theme_not_yet_in_the_file_is_added_and_the_rest_kept_in_order(tmp_path: Path) -> None:
    original = FULL.replace('theme = "gruvbox"          # the one I like\n', "")
    path = write(tmp_path, original)
    save_theme(path, "nord")
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text)["theme"] == "nord"
    assert tomllib.loads(text)["keys"] == {"search": "f", "synopsis": "S,ctrl+s"}
    kept = [line for line in text.splitlines() if line != 'theme = "nord"']
    assert [line for line in kept if line] == [line for line in original.splitlines() if line]


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    original = '# mine\r\nthreshold = 40\r\n[keys]\r\nsearch = "f"\r\n'
    updated = with_theme(original, "nord")
    assert "\n" not in updated.replace("\r\n", "")
    assert tomllib.loads(updated)["theme"] == "nord"


def test_a_missing_file_and_folder_are_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "settings.toml"
    save_theme(path, "nord")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and tomllib.loads(text) == {"theme": "nord"}


def test_a_file_that_does_not_parse_is_never_rewritten(tmp_path: Path) -> None:
    broken = '# half-edited\ntheme = "nord\n'
    path = write(tmp_path, broken)
    with pytest.raises(InputError, match="not valid TOML; theme not saved"):
        save_theme(path, "gruvbox")
    assert path.read_text(encoding="utf-8") == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]  # no temporary left


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = write(tmp_path, "threshold = 40\n", name="dotfiles-settings.toml")
    os.chmod(target, 0o600)
    link = tmp_path / "settings.toml"
    link.symlink_to(target)
    save_theme(link, "nord")
    assert link.is_symlink()
    assert tomllib.loads(target.read_text(encoding="utf-8")) == {"threshold": 40, "theme": "nord"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # its permissions are kept


def test_a_folder_that_cannot_be_made_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the folder should be\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Not a directory.*theme not saved"):
        save_theme(tmp_path / "taken" / "settings.toml", "nord")


def test_an_unwritable_folder_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    path = write(folder, "threshold = 40\n")
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot save the theme"):
            save_theme(path, "nord")
    finally:
        folder.chmod(0o700)
    assert path.read_text(encoding="utf-8") == "threshold = 40\n"


# The command line ------------------------------------------------------------


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


@pytest.mark.process
def test_cli_config_missing_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("--config", str(tmp_path / "nope.toml"), "--export", "json", env={})
    assert result.returncode == 2
    assert result.stderr == f"synoptic: error: {tmp_path / 'nope.toml'}: no such settings file\n"


@pytest.mark.process
def test_cli_bad_setting_warns_and_uses_the_default_threshold(tmp_path: Path) -> None:
    write(tmp_path, "threshold = 500\n")
    result = run("--export", "json", env={"SYNOPTIC_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 0
    path = tmp_path / "settings.toml"
    expected = (
        f"synoptic: {path}: threshold must be a number from 0 to 100; using {DEFAULT_THRESHOLD:g}\n"
    )
    assert result.stderr == expected
    assert f'"threshold": {DEFAULT_THRESHOLD}' in result.stdout


@pytest.mark.process
def test_cli_threshold_comes_from_the_file_unless_given(tmp_path: Path) -> None:
    path = write(tmp_path, "threshold = 60\n", name="mine.toml")
    from_file = run("--config", str(path), "--export", "json", env={})
    assert from_file.returncode == 0 and '"threshold": 60.0' in from_file.stdout
    given = run("--config", str(path), "--threshold", "45", "--export", "json", env={})
    assert given.returncode == 0 and '"threshold": 45.0' in given.stdout


def test_a_threshold_too_big_for_a_float_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("threshold = 1" + "0" * 400 + "\n", encoding="utf-8")
    settings, warnings = load_settings(str(path))
    assert settings.threshold is None
    assert len(warnings) == 1 and "threshold must be a number from 0 to 100" in warnings[0]


def test_a_byte_order_mark_is_read_and_kept_when_the_theme_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xef\xbb\xbf# mine\nthreshold = 50\n")
    settings, warnings = load_settings(str(path))
    assert warnings == [] and settings.threshold == 50
    save_theme(path, "nord")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# mine\nthreshold = 50\n")
    assert load_settings(str(path))[0].theme == "nord"
