"""The ``[keys]`` table of the settings file, checked against the real bindings.

The settings layer (:mod:`tui.settings`) knows only that each entry is a
string; whether a binding id exists and whether a key is one Textual can
deliver is for the UI to say. A wrong entry is one warning line naming the
file and the id, and that binding keeps its default key; the others apply.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}
    | set(KEY_NAME_REPLACEMENTS.values())
)
"""Keys with a name: ``escape``, ``f5``, ``pagedown``, ``plus``, ``slash`` ..."""


def is_key(key: str) -> bool:
    """Whether Textual can deliver ``key`` (``f``, ``F``, ``ctrl+f``, ``f5``, ``?``,
    ``question_mark``); a typo such as ``ctrl-f`` or ``pgdn`` is not a key."""
    *modifiers, base = key.split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers) or not base:
        return False
    if len(set(modifiers)) != len(modifiers):  # ctrl+ctrl+a
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace() and base != ","
    if base in NAMED_KEYS:
        return True
    # A character named as Textual names it: "tilde", "ampersand" ...
    character = key_to_character(base)
    if character is None:
        try:
            character = unicodedata.lookup(base.replace("_", " "))
        except KeyError:
            return False
    if len(character) != 1 or character.isalnum() or not character.isprintable():
        return False  # letters and digits arrive as themselves ("a", not "latin_small_letter_a")
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name) == base


def takes_from_typing(key: str) -> bool:
    """Whether ``key`` is one people type into a text box (``a``, ``colon``, ``escape``...).

    A binding with priority (the command palette's) would take it from every
    search line and file-name box, so it must keep a ctrl/alt key or an F key.
    """
    *modifiers, base = key.split("+")
    if set(modifiers) - {"shift"}:
        return False
    return not (base.startswith("f") and base[1:].isdigit())


MAX_NAMED = 5
"""Unknown binding ids named one line each; more are one line that counts them."""


def checked_keymap(
    keys: Mapping[str, str], bindings: Iterable[BindingType], path: Path | None
) -> tuple[dict[str, str], list[str]]:
    """The entries of ``keys`` that name a binding and real keys, and a warning per other."""
    label = str(path) if path is not None else "settings"
    known = [b for b in bindings if isinstance(b, Binding) and b.id is not None]
    ids = {b.id for b in known}
    priority = {b.id for b in known if b.priority}
    keymap: dict[str, str] = {}
    warnings: list[str] = []
    unknown = [binding_id for binding_id in keys if binding_id not in ids]
    if len(unknown) > MAX_NAMED:  # one line, whatever the file holds (issue 18)
        shown = ", ".join(" ".join(name.split())[:40] for name in unknown[:MAX_NAMED])
        warnings.append(
            f"{label}: {len(unknown):,} keys.… entries are not binding ids "
            f"(the README lists them): {shown}, …; ignored"
        )
    else:
        problem = "is not a binding id (the README lists them); ignored"
        warnings.extend(f"{label}: keys.{binding_id} {problem}" for binding_id in unknown)
    for binding_id, value in keys.items():
        if binding_id not in ids:
            continue
        listed = [key.strip() for key in value.split(",")]
        bad = [key for key in listed if not is_key(key)]
        if bad:
            warnings.append(
                f"{label}: keys.{binding_id}: {', '.join(repr(k) for k in bad)} is not a key; "
                "using its default key"
            )
            continue
        if binding_id in priority and any(takes_from_typing(key) for key in listed):
            warnings.append(
                f"{label}: keys.{binding_id}: works everywhere, so it needs a ctrl+ or alt+ "
                "key or an F key (others would be taken from typing); using its default key"
            )
            continue
        keymap[binding_id] = ",".join(listed)
    warnings.extend(_clashes(keymap, known, label))
    return keymap, warnings


def _clashes(keymap: Mapping[str, str], known: list[Binding], label: str) -> list[str]:
    """One line per remapped key that another binding also has: only one of them
    can answer it (the one nearer the focus), so the user should know."""
    owners: dict[str, list[str]] = {}
    for binding in known:
        assert binding.id is not None
        keys = keymap.get(binding.id, binding.key)
        for key in keys.split(","):
            owners.setdefault(key.strip(), []).append(binding.id)
    lines = []
    for binding_id, keys in keymap.items():
        for key in keys.split(","):
            others = [other for other in owners.get(key, []) if other != binding_id]
            if others:
                lines.append(
                    f"{label}: keys.{binding_id}: {key!r} is also the key of "
                    f"{', '.join(sorted(set(others)))}; only one of them will answer it"
                )
    return lines


def remapped(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> list[BindingType]:
    """``bindings`` with the keys the keymap gives them, as the help should show them."""
    shown: list[BindingType] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id is not None and binding.id in keymap:
            binding = replace(binding, key=keymap[binding.id])
        shown.append(binding)
    return shown
