"""The default score threshold, in a module of its own so that it costs nothing to import.

The reader and the command line need the number at once; the aligner (numpy,
scipy, the embedding model) is imported only when alignment starts, in the
reader's worker thread, while the screen is being drawn.
"""

DEFAULT_THRESHOLD = 85.0
"""Links score at least this much by default (README.md, "What the score means")."""
