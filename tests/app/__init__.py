"""Tests that run the Textual app (Pilot and snapshots)."""
