"""Synoptic: read several accounts of one story side by side.

The package is split in two layers. Everything that turns files into an
aligned comparison (loading, boilerplate, sentences, alignment, export) is
plain Python and never imports Textual, so it can be tested and scripted
headless. The reader (``tui.app`` and ``tui.widgets``) sits on top of it.
"""

__version__ = "0.1.0"
