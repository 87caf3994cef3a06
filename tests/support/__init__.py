"""Helpers the tests share (imported, not collected)."""
