"""SQLite that keeps its connections for the next request: see base.py."""
