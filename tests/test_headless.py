"""The logic layer must work without Textual: scripts and exports rely on it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui

UI_MODULES = ("tui.ui", "tui.__main__")


def logic_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(tui.__path__, prefix="tui.")
        if not info.name.startswith(UI_MODULES)
    ]
    assert "tui.align" in names and "tui.export" in names
    return names


def test_logic_imports_without_textual() -> None:
    modules = logic_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_export_runs_without_textual(news_paths: list[str]) -> None:
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"code = main(['--export', 'json', *{news_paths!r}])\n"
        "assert not any(m.startswith('textual') for m in sys.modules), 'textual imported'\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '"version": 1' in result.stdout
