"""Set operations on integer key arrays, by sorting.

numpy 2.4's ``np.unique`` (without indices) finds unique values with a hash
table, and ``np.isin`` calls it on both its arguments: on the 10 × 2,000
export's pair keys (millions of int64) that took 5.8 s where sorting takes
0.15 s, most of the export's time. The results are the same arrays.
"""

from __future__ import annotations

import numpy as np


def unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` (sorted, flattened) of integer keys, by one sort."""
    keys = np.sort(np.asarray(values).ravel())
    if keys.size < 2:
        return keys
    keep = np.empty(keys.size, dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def members(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``np.isin(values, table)`` where ``table`` is sorted and unique
    (:func:`unique`'s result): a binary search each, no table built again."""
    values = np.asarray(values)
    if table.size == 0:
        return np.zeros(values.shape, dtype=bool)
    where = np.searchsorted(table, values)
    where[where == table.size] = 0
    return np.asarray(table[where] == values)
