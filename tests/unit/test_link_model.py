"""The fitted link score: the shipped file, its threshold, and the versions mapping."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tui.align.features import ENCODER_FEATURES, FEATURES
from tui.align.link_model import VERSIONS_ANCHOR, load_link_model
from tui.align.threshold import DEFAULT_THRESHOLD


def test_the_default_threshold_is_the_fitted_one() -> None:
    """The cheap constant the reader starts with is the threshold the fit chose."""
    assert load_link_model().threshold == DEFAULT_THRESHOLD


def test_the_static_variant_reads_no_encoder_feature() -> None:
    """Every install has the static variant: it must not need the encoder."""
    static = load_link_model().variants["static"]
    names = {FEATURES[k] for k in static.columns.tolist()}
    assert names and not names & set(ENCODER_FEATURES)


@given(st.lists(st.floats(-5, 5), min_size=len(FEATURES), max_size=len(FEATURES)))
def test_scores_are_probabilities(row: list[float]) -> None:
    found = load_link_model().scores(np.asarray([row], dtype=np.float32), encoder=False)
    assert 0.0 <= float(found[0]) <= 100.0


@given(st.floats(0, 100), st.floats(0, 100))
def test_versions_keep_their_order_and_35_lands_on_the_threshold(a: float, b: float) -> None:
    model = load_link_model()
    low, high = sorted((a, b))
    mapped = model.mapped(np.asarray([low, high, 0.0, VERSIONS_ANCHOR, 100.0], dtype=np.float32))
    assert mapped[0] <= mapped[1] + 1e-4
    assert abs(mapped[2]) < 1e-4 and abs(mapped[4] - 100) < 1e-3
    assert abs(mapped[3] - model.threshold) < 1e-3


@given(st.lists(st.floats(-5, 5), min_size=len(FEATURES), max_size=len(FEATURES)))
def test_a_pair_with_only_names_in_common_is_never_a_link_at_the_default(row: list[float]) -> None:
    features = np.asarray([row], dtype=np.float32)
    features[0, FEATURES.index("names_carry")] = 1.0  # only names meet...
    features[0, FEATURES.index("said_dice")] = 0.0  # ...and nothing said
    model = load_link_model()
    for encoder in (False, True):
        assert float(model.scores(features, encoder=encoder)[0]) < DEFAULT_THRESHOLD
