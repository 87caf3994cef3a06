"""How many examples a costly property test asks Hypothesis for.

``make test-fast`` loads the ``fast`` profile (``tests/conftest.py``), which
caps every test at a few examples: the inner loop runs each property, the
whole suite runs it in full.
"""

from __future__ import annotations

from hypothesis import settings


def examples(wanted: int) -> int:
    """``wanted``, or the active profile's cap when that is lower."""
    return min(wanted, settings.default.max_examples)
