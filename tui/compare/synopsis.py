"""Synopsis rows: one row per aligned group or unique sentence, in reading order.

A synopsis reads down one source (the reference) while showing, beside each
of its sentences, what every other source says. Rows the reference lacks are
placed right after the row their own source showed just before them, so a
passage only the BBC has appears where the BBC tells it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.model import Comparison


@dataclass(slots=True)
class Row:
    """One synopsis row: for each source, its sentences in this passage."""

    cells: list[list[int]]
    score: float | None
    """Mean link score of the group, or None for a sentence found only once."""
    group: int | None

    @property
    def sources(self) -> list[int]:
        return [number for number, cell in enumerate(self.cells) if cell]


def synopsis_rows(comparison: Comparison, reference: int = 0) -> list[Row]:
    """All rows, ordered by the ``reference`` source's order."""
    documents = comparison.documents
    alignment = comparison.alignment
    count = len(documents)
    rows: list[Row] = []
    row_of: dict[tuple[int, int], int] = {}
    for number, group in enumerate(alignment.groups):
        cells: list[list[int]] = [[] for _ in range(count)]
        for source, sentence in group.members:
            cells[source].append(sentence)
            row_of[(source, sentence)] = len(rows)
        rows.append(Row([sorted(cell) for cell in cells], group.score, number))
    for source, sentence in alignment.unique:
        cells = [[] for _ in range(count)]
        cells[source].append(sentence)
        row_of[(source, sentence)] = len(rows)
        rows.append(Row(cells, None, None))
    # Linked sentences left out of any group (a refused merge) get a row each.
    for source, document in enumerate(documents):
        for sentence in range(len(document.sentences)):
            if (source, sentence) not in row_of:
                cells = [[] for _ in range(count)]
                cells[source].append(sentence)
                row_of[(source, sentence)] = len(rows)
                rows.append(Row(cells, None, None))

    keys = _reading_keys(comparison, row_of, reference)
    return [rows[index] for index in sorted(range(len(rows)), key=lambda r: keys[r])]


def group_order(comparison: Comparison, reference: int = 0) -> list[int]:
    """The groups' numbers in the order of their rows in :func:`synopsis_rows`.

    Without a row for every unique sentence: rows of one sentence never move
    the others, and two million of them (a file of "Hi. ") took seconds.
    """
    row_of = {
        member: number
        for number, group in enumerate(comparison.alignment.groups)
        for member in group.members
    }
    keys = _reading_keys(comparison, row_of, reference)
    return sorted(range(len(comparison.alignment.groups)), key=lambda g: keys[g])


def _reading_keys(
    comparison: Comparison, row_of: dict[tuple[int, int], int], reference: int
) -> dict[int, tuple[int, int, int]]:
    """A sort key per row: the reference's own rows by its order; any other row
    right after the row its source showed before it (sentences without a row
    are passed over)."""
    documents = comparison.documents
    count = len(documents)
    keys: dict[int, tuple[int, int, int]] = {}
    if 0 <= reference < count:
        for sentence in range(len(documents[reference].sentences)):
            row = row_of.get((reference, sentence))
            if row is not None:
                keys.setdefault(row, (sentence, -1, 0))
    order = [reference] + [s for s in range(count) if s != reference]
    for source in order:
        last = -1
        sequence = 0
        for sentence in range(len(documents[source].sentences)):
            row = row_of.get((source, sentence))
            if row is None:
                continue
            if row in keys:
                last = keys[row][0]
            else:
                sequence += 1
                keys[row] = (last, source, sequence)
    return keys
