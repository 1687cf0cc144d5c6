"""station_desk — offline desk program for one broadband / cable-TV service station.

Layers (see docs/layout.md): ``<module>/models.py`` (SQLModel tables) → ``<module>/service.py`` (rules and
transactions, never Qt) → ``<module>/tab.py`` and ``qt/`` (Qt views that only show and ask).
"""

__version__ = "0.1.0"
APP_NAME = "station_desk"
