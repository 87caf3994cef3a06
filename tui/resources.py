"""Where the bundled styles and samples are, installed or in a checkout.

A wheel carries them inside the package (``tui/_data``, see pyproject's
force-include); a source checkout or editable install has them at the top
of the repository. Looking in both keeps ``synoptic`` working from any
directory in either case.
"""

from __future__ import annotations

from pathlib import Path

from tui.errors import InputError

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_SAMPLE = "news"


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name} folder is missing from this installation")


def styles_dir() -> Path:
    return _data_dir("styles")


def samples_dir() -> Path:
    return _data_dir("samples")


def sample_names() -> list[str]:
    """The bundled sample sets, by folder name."""
    return sorted(path.name for path in samples_dir().iterdir() if path.is_dir())


MANIFEST = "ORDER"
"""In a sample folder: its files in the order the panes open, one a line (``#`` comments)."""


def sample_files(name: str = DEFAULT_SAMPLE) -> list[Path]:
    """The text files of one sample set, in its manifest's order (else name order)."""
    folder = samples_dir() / name
    # A name, not a path: "../samples/news" or "/etc" are not samples.
    if name not in sample_names():
        known = ", ".join(sample_names())
        raise InputError("", f"no sample called {name!r}; the samples are: {known}")
    manifest = folder / MANIFEST
    if manifest.is_file():
        lines = manifest.read_text(encoding="utf-8").splitlines()
        listed = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        files = [folder / file_name for file_name in listed]
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise FileNotFoundError(
                f"the sample manifest {manifest} lists missing files: {missing}"
            )
        return files
    return sorted(path for path in folder.glob("*.txt") if not path.name.startswith("LICENSE"))
