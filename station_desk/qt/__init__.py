"""The Qt layer: shows and asks, never decides. Services do the work (see docs/layout.md)."""

from station_desk.qt import pyside_imports

pyside_imports.install()  # before the layer's imports: PySide's import hook stops keeping every module's source
