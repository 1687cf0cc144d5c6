"""work_orders module."""
