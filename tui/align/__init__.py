"""Alignment: which sentences of different sources tell the same thing.

``tokens`` folds words, ``candidates`` picks the pairs worth scoring,
``aligner`` scores them and ``groups`` gathers links into passages. The
package exports what the rest of the program needs.
"""

from tui.align.aligner import DEFAULT_THRESHOLD, Progress, align

__all__ = ["DEFAULT_THRESHOLD", "Progress", "align"]
