"""Issue 29's named wrong links: two verses that share names and nothing said
(Matthew 1:2, "Abraham begat Isaac…", and Luke 13:28, "…when ye shall see
Abraham, and Isaac, and Jacob…", linked at 98.7 before)."""

from __future__ import annotations

import pytest

from tests.support.documents import find_sentence
from tui.align.threshold import DEFAULT_THRESHOLD
from tui.model import Comparison
from tui.pipeline import compare
from tui.resources import sample_files


@pytest.fixture(scope="module")
def gospels() -> Comparison:
    return compare([str(path) for path in sample_files("gospels")])


def test_verses_that_share_only_names_are_not_linked(gospels: Comparison) -> None:
    begat = find_sentence(gospels, "matthew.txt", "Abraham begat Isaac")
    weeping = find_sentence(gospels, "luke.txt", "weeping and gnashing of teeth, when ye shall")
    linked = [number for number, _ in gospels.alignment.counterparts(begat, weeping[0])]
    assert weeping[1] not in linked
    assert gospels.threshold == DEFAULT_THRESHOLD
