"""Excel in/out (openpyxl, Qt-free). openpyxl is imported only inside the export/import functions."""
