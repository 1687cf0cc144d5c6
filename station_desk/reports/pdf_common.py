"""The printed sheets' toolkit in one place (A4 page template, title block, tables, totals, signature lines,
page x/y, embedded CJK font): the page (:mod:`.pdf_page`), tables and blocks (:mod:`.pdf_tables`) and rendering
(:mod:`.pdf_render`). Sheets import from here."""

from station_desk.reports.pdf_page import *  # noqa: F401,F403
from station_desk.reports.pdf_page import __all__ as _page
from station_desk.reports.pdf_render import *  # noqa: F401,F403
from station_desk.reports.pdf_render import __all__ as _render
from station_desk.reports.pdf_tables import *  # noqa: F401,F403
from station_desk.reports.pdf_tables import __all__ as _tables

__all__ = [*_page, *_tables, *_render]
