"""Import contracts: the tree is layered, and only ``tui.ui`` imports Textual.

Scripts, exports and the tests of the logic rely on everything outside
``tui/ui/`` working without Textual; and a lower layer importing an upper
one is how a codebase stops showing its architecture. Every module of the
package is found by walking it, so a new module is checked without anyone
adding it to a list.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui

PACKAGE = Path(tui.__file__).parent

ALLOWED: dict[str, set[str]] = {
    "tui": set(),
    "tui.errors": set(),
    "tui.wording": set(),
    "tui.regular_files": set(),
    "tui.model": set(),
    "tui.ingest": {"tui.errors", "tui.model", "tui.wording"},
    "tui.align": {"tui.errors", "tui.model", "tui.wording"},
    "tui.compare": {"tui.errors", "tui.model", "tui.ingest", "tui.align", "tui.wording"},
    "tui.view": {
        "tui.errors",
        "tui.model",
        "tui.ingest",
        "tui.align",
        "tui.compare",
        "tui.wording",
    },
    "tui.export": {
        "tui.errors",
        "tui.model",
        "tui.ingest",
        "tui.align",
        "tui.compare",
        "tui.wording",
    },
    "tui.corrections": {
        "tui.errors",
        "tui.model",
        "tui.align",
        "tui.export.output",
        "tui.regular_files",
        "tui.wording",
    },
    "tui.resources": {"tui.errors"},
    "tui.pipeline": {"tui.errors", "tui.model", "tui.ingest", "tui.align"},
    "tui.scoring_ahead": {"tui.model", "tui.align", "tui.pipeline"},
    "tui.settings": {"tui.errors", "tui.align", "tui.export.output", "tui.regular_files"},
    "tui.batch": {
        "tui",
        "tui.errors",
        "tui.model",
        "tui.ingest",
        "tui.align",
        "tui.compare",
        "tui.export",
        "tui.pipeline",
        "tui.settings",
        "tui.regular_files",
        "tui.wording",
    },
    "tui.cli": {"tui", "tui.*"},
    "tui.__main__": {"tui.cli"},
    "tui.ui": {"tui.*"},
}
"""For each layer (a top-level module or sub-package), the parts of the package
it may import, besides itself; ``tui.*`` is any of them. Nothing may import
``tui.ui`` but the CLI, which opens the reader."""

ENTRY_POINTS = ("tui.__main__",)
"""Run on import (``python -m tui``): checked statically only."""


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["tui", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def layer(name: str) -> str:
    """``tui.compare.coverage`` belongs to ``tui.compare``; ``tui.cli`` to itself."""
    return ".".join(name.split(".")[:2])


def imported(path: Path) -> set[str]:
    """Every absolute import in the file, lazy ones inside functions included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def allowed(importer: str, target: str) -> bool:
    own = layer(importer)
    if layer(target) == own:
        return True
    for rule in ALLOWED[own]:
        if rule == "tui.*" and target != "tui.cli":
            return True
        if target == rule or target.startswith(rule + "."):
            return True
    return False


def test_every_layer_has_a_contract() -> None:
    assert {layer(name) for name in modules()} <= set(ALLOWED)


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_follow_the_layers(name: str) -> None:
    path = modules()[name]
    wrong = sorted(
        target
        for target in imported(path)
        if (target == "tui" or target.startswith("tui.")) and not allowed(name, target)
    )
    assert not wrong, f"{name} ({layer(name)}) must not import {wrong}"
    if layer(name) != "tui.ui":
        textual = sorted(t for t in imported(path) if t.split(".")[0] == "textual")
        assert not textual, f"only tui.ui imports Textual; {name} imports {textual}"


@pytest.mark.process
def test_logic_imports_without_textual() -> None:
    """The same, at run time: importing every module outside tui.ui loads no Textual."""
    logic = [
        info.name
        for info in pkgutil.walk_packages(tui.__path__, prefix="tui.")
        if layer(info.name) != "tui.ui" and info.name not in ENTRY_POINTS
    ]
    assert "tui.align.aligner" in logic and "tui.export.formats" in logic
    code = (
        "import importlib, sys\n"
        f"for name in {logic!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.process
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
