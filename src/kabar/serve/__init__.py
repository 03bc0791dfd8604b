"""Serve stage: the interchange record, exports and terminal views (later: report and web UI)."""
