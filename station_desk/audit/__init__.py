"""Audit log: who did what, when, to which record, with before/after values. Append-only and hash-chained."""
