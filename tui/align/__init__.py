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

from tui.align.aligner import DEFAULT_THRESHOLD, Progress, ScoredPairs, align, score, select

__all__ = ["DEFAULT_THRESHOLD", "Progress", "ScoredPairs", "align", "score", "select"]
