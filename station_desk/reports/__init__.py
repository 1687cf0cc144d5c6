"""Printed sheets (ReportLab, Qt-free).

``pdf_common`` holds the shared A4 page template (embedded CJK font, title block, repeated header row, zebra
table, totals, notes, signature lines, 第 x 页 / 共 y 页 footer); each wall-posted sheet is one module beside it.
ReportLab is imported only when a sheet is rendered, never when ``station_desk`` is imported.
"""
