"""The coverage summary as a table of strings, ready for any front end.

The coverage screen (and anything else that prints the summary) shows, per
source, its sentences, the share of them each other source tells too, and
its unique and flagged counts. Formatting lives here, without Textual, so the
numbers a reader sees are tested once, headless.
"""

from __future__ import annotations

from tui.compare.coverage import coverage
from tui.compare.flags import Flag
from tui.ingest.safe_text import visible
from tui.model import Comparison


def coverage_table(comparison: Comparison, flags: list[Flag]) -> tuple[list[str], list[list[str]]]:
    """(column headers, one row per source) of the coverage summary.

    A cell of the matrix reads "in source X, this share of my sentences";
    the diagonal is a dash (a source trivially tells all of itself).
    """
    names = [visible(document.name) for document in comparison.documents]
    headers = ["Source", "Sentences", *(f"in {number + 1}" for number in range(len(names)))]
    headers += ["Unique", "Flagged"]
    rows = []
    for line in coverage(comparison, flags):
        shares = ["—" if share is None else f"{round(100 * share)}%" for share in line.found_in]
        rows.append(
            [
                f"{line.source + 1} {names[line.source]}",
                str(line.sentences),
                *shares,
                str(line.unique),
                str(line.flagged),
            ]
        )
    return headers, rows
