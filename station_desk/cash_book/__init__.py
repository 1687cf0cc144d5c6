"""cash_book module."""
