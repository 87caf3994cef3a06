"""One source of truth for keys: the help, the palette and the README follow the bindings."""

from __future__ import annotations

import re

from tests.support.documents import ROOT
from tui.ui.app import SynopticApp
from tui.ui.keys import HELP, by_id, commands, documented_ids, key_name


def key_table() -> str:
    """The rows of the README's key table (the first table under "The reader")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The reader", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("| `"))


def test_every_binding_has_an_id_the_help_explains() -> None:
    bindings = SynopticApp.key_bindings()
    ids = [binding.id for binding in bindings if not isinstance(binding, tuple)]
    assert None not in ids and len(ids) == len(bindings)
    assert set(ids) == documented_ids()


def test_help_rows_and_commands_name_real_bindings() -> None:
    found = by_id(SynopticApp.key_bindings())
    for section in HELP:
        for row in section.rows:
            assert all(binding_id in found for binding_id in row.ids), row
    titles = [title for title, _help, _action in commands(SynopticApp.key_bindings())]
    assert "Unlink / relink panes" in titles and "Keys" in titles


def test_the_readme_key_table_lists_every_binding() -> None:
    table = key_table()
    shown = set(re.findall(r"`([^`]+)`", table))
    missing = []
    for binding in SynopticApp.key_bindings():
        assert not isinstance(binding, tuple)
        for key in binding.key.split(","):
            name = key_name(key)
            if name.isdigit() and "`1`–`9`" in table:
                continue
            if name not in shown:
                missing.append(f"{name} ({binding.action})")
    assert not missing, f"README key table lacks {missing}"
