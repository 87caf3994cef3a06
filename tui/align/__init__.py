"""Alignment: which sentences of different sources tell the same thing.

``tokens`` folds words (stems, spellings); ``candidates`` picks the pairs
worth scoring by rare words and ``neighbours`` adds pairs by meaning
(``embedding``: static vectors shipped with the package) and the opening
sentences; ``scoring`` scores pairs from words, characters, meaning and
quotes, ``clauses`` compares short sentences with parts of long ones,
``structure`` adds the prior of confident runs; ``aligner`` runs these steps
and selects links; ``groups`` gathers them into coherent synopsis rows. The
package exports what the rest of the program needs.
"""

from typing import TYPE_CHECKING, Any

from tui.align.threshold import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from tui.align.aligner import Progress, ScoredPairs, align, refine, score, select

__all__ = ["DEFAULT_THRESHOLD", "Progress", "ScoredPairs", "align", "refine", "score", "select"]
_HOME = {"ScoredPairs": "scored", "select": "selection"}
"""Where the light names live (the rest is in ``aligner``)."""


def __getattr__(name: str) -> Any:
    """The aligner's names, imported on first use (numpy and scipy take 0.2 s)."""
    if name in __all__:
        # Choosing links needs numpy alone; scoring needs scipy and the models too.
        from importlib import import_module

        return getattr(import_module(f"tui.align.{_HOME.get(name, 'aligner')}"), name)
    raise AttributeError(f"module 'tui.align' has no attribute {name!r}")
