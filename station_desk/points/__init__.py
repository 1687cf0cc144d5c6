"""points module."""
