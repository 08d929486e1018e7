"""Data handed over in files other programs read: Excel workbooks (``xlsx_export``)."""
