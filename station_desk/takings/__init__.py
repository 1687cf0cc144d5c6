"""takings module."""
