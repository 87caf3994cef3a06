"""Synoptic: read several accounts of one story side by side.

The sub-packages are layers, lowest first: ``ingest`` (file bytes to
documents) and ``align``, then ``compare``, then ``view`` (what panes draw),
``export`` and ``corrections``; ``ui`` (the Textual app, its screens and
widgets) sits on top and is the only part that imports Textual, so
everything else can be tested and scripted headless. The contracts are in
tests/unit/test_import_contracts.py.
"""

__version__ = "0.1.0"
