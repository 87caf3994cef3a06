"""Untrusted text must reach the terminal with every control made visible."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.ingest.safe_text import visible


def test_escape_sequence_is_shown_not_interpreted() -> None:
    assert visible("red \x1b[31mALERT\x1b[0m") == "red ␛[31mALERT␛[0m"


def test_other_controls_become_symbols() -> None:
    assert visible("a\x00b\x07c\rd\x7fe") == "a␀b␇c␍d␡e"
    assert visible("\x9b31m") == "\ufffd31m"  # C1 CSI
    assert visible("abc\u202edef") == "abc\ufffddef"  # right-to-left override


def test_tab_becomes_a_space_and_ordinary_text_is_untouched() -> None:
    assert visible("a\tb") == "a b"
    assert visible("Kim Jong-un «quoted» 界") == "Kim Jong-un «quoted» 界"


@given(st.text())
def test_one_character_for_one_and_nothing_dangerous_left(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in shown)


def test_a_zero_width_joiner_is_shown_one_for_one() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    shown = visible(family)
    assert shown == "\U0001f468+\U0001f469+\U0001f467"
    assert len(shown) == len(family)


def test_lone_surrogates_are_replaced_in_any_text_and_any_slice(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An undecodable file name byte (``surrogateescape``) becomes U+FFFD; the
    check encodes a slice at a time, so a surrogate in a later slice counts."""
    from tui.ingest import safe_text
    from tui.ingest.safe_text import without_surrogates

    assert without_surrogates("plain ascii") == "plain ascii"
    text = "«café» 界"
    assert without_surrogates(text) is text
    monkeypatch.setattr(safe_text, "_ENCODED_AT_ONCE", 3)
    assert without_surrogates("é" * 7 + "\udcff.txt") == "é" * 7 + "\ufffd.txt"
    assert without_surrogates("a\udc80b界") == "a\ufffdb界"
    assert without_surrogates("é" * 7) == "é" * 7
