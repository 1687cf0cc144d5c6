"""customers module."""
