"""Reading returns: bytes of an .xlsx workbook in, a ParsedReturn (returns/parsed.py) out, every problem collected.

workbook (the file, its sheets, each handed to its reader), columns (sheet kinds and header words, the column
guide templates are written from), sheet (what every sheet shares: rows, header, titles, merged cells),
sheet_xml (a sheet's cells straight from its XML, as openpyxl gives them), and one reader per sheet kind:
services, money (Budget and Savings: units, totals), kpis, staff, text (Objectives and budget Risks).
Pure: nothing here touches the database.
"""
