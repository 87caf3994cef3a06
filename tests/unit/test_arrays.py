"""The sort-based set operations give numpy's answers (tui/align/arrays.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tui.align.arrays import members, unique

keys = st.lists(st.integers(-(2**40), 2**40), max_size=200)


@given(keys)
def test_unique_is_numpys(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    found = unique(array)
    assert found.dtype == np.int64
    assert np.array_equal(found, np.unique(array))


@given(keys, keys)
def test_members_is_isin(values: list[int], table: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    assert np.array_equal(
        members(array, unique(np.array(table, dtype=np.int64))), np.isin(array, table)
    )


def test_unique_of_many_keys_is_quick_and_right() -> None:
    """Millions of keys, many repeated: the export's pair keys (no timing here:
    benchmarks/ has it; the answer must match numpy's)."""
    rng = np.random.default_rng(7)
    array = rng.integers(0, 10**9, size=300_000).astype(np.int64)
    array = np.concatenate([array, array[:100_000]])
    assert np.array_equal(unique(array), np.unique(array))
