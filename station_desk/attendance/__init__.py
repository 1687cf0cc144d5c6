"""attendance module."""
