"""Tests of everything outside ``tui.ui``: no Textual app is started."""
