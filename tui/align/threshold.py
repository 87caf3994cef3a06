"""The default score threshold, in a module of its own so that it costs nothing to import.

The reader and the command line need the number at once; the aligner (numpy,
scipy, the embedding model) is imported only when alignment starts, in the
reader's worker thread, while the screen is being drawn.
"""

import argparse

DEFAULT_THRESHOLD = 72.0
"""Links score at least this much by default (README.md, "What the score means")."""


def threshold_argument(value: str) -> float:
    """``--threshold``'s value (the reader's and ``synoptic batch``'s): 0-100."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"{value} is outside 0-100")
    return number
