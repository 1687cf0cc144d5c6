"""backup module."""
