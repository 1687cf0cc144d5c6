"""gift_stock module."""
