"""The test suite: ``unit/`` tests the logic without a screen, ``app/`` drives the
Textual app through Pilot (snapshots included); ``support/`` holds shared helpers."""
