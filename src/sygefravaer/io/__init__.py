"""Reading: files to validated, immutable tables (no rules, no presentation)."""
