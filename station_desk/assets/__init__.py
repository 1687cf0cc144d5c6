"""assets module."""
