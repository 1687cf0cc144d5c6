"""rewards module."""
