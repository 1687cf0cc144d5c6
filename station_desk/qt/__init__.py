"""The Qt layer: shows and asks, never decides. Services do the work (see docs/layout.md)."""
