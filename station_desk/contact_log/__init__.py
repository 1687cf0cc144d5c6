"""contact_log module."""
