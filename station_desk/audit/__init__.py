"""Audit log: who did what, when, to which record, with before/after values. Append-only and hash-chained.

Importing the package turns on the row log (:mod:`station_desk.audit.rows`): from then on every write transaction
of a station ``Database`` records the rows it wrote in the chain."""

from station_desk.audit import rows as _rows

_rows.register()
