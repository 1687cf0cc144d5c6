"""rest_roster module."""
