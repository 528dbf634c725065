"""The rules of domain.md 4: pure functions over validated tables (no I/O, no presentation)."""
