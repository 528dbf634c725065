"""Presentation: rich tables and openpyxl workbooks; they receive results and compute nothing."""
