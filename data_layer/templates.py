"""Blank returns to download, written from the importer's own column guide (returns/columns.py COLUMN_GUIDE).

Each template has a title row, the header row, and an Instructions sheet describing every
column with example rows. Because the headers come from the guide the importer reads, a
template cannot ask for a column the importer does not understand.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from data_layer.periods import financial_year_label
from data_layer.returns.workbook import COLUMN_GUIDE, YEAR_COLUMNS

RETURN_KINDS = ("Services", "Budget", "Savings", "KPIs", "Staff", "Objectives", "Risks", "Monitoring", "Capital", "Risk register", "Actions")
TITLES = {
    "Services": "Services, heads of service and the committees reviewing them",
    "Budget": "Net budget per service (£000)",
    "Savings": "Savings plan per service (£000)",
    "KPIs": "Performance indicators: one row per indicator per period",
    "Staff": "Staff: full time equivalents per service",
    "Objectives": "Key service objectives: one row per objective",
    "Risks": "Budget risks",
    "Monitoring": "Revenue monitoring: budget and forecast outturn per service for the month (£000)",
    "Capital": "Capital programme: budget, spend and forecast per scheme for the month (£000)",
    "Risk register": "Risk register as at December 2012: one row per risk, likelihood x impact now and at target",
    "Actions": "Action plan as at September 2012: one row per action or milestone",
}
GENERAL_NOTES = [
    "Fill in the sheets you need and delete or ignore the others; a return may hold any of them.",
    "Keep the header row. Title rows above it are fine; put the council's name in one as 'Council: Your Council'.",
    "Money is in £000 unless a title or a heading says £, £k or £m. Negative amounts may be written -1,372 or (1,372).",
    "On money sheets '-' means zero and a blank cell means nothing entered. A row whose Service contains 'total' is checked, not stored.",
    "On the KPIs sheet, N/A, TBC, Not recorded and similar mean no data; 90%+ or >= 90 means higher is better, <12 or max 12 lower.",
    "Loading the same file twice stores nothing; a later return replaces earlier values for the same service and period.",
]


def _years(today: date) -> list[str]:
    start = today.year if today.month >= 4 else today.year - 1
    return [financial_year_label(start - 1), financial_year_label(start)]


def _headers(kind: str, years: list[str]) -> list[str]:
    headers: list[str] = []
    for column in COLUMN_GUIDE[kind]:
        headers.extend(years if column.meaning == YEAR_COLUMNS else [column.header])
    return headers


def example_rows(kind: str, years: list[str]) -> list[list[object]]:
    """The guide's example rows for a sheet, a year column's example repeated for each year."""
    guide = COLUMN_GUIDE[kind]
    count = max(len(column.example) for column in guide)
    rows = []
    for index in range(count):
        row: list[object] = []
        for column in guide:
            value = column.example[index] if index < len(column.example) else None
            row.extend([value] * len(years) if column.meaning == YEAR_COLUMNS else [value])
        rows.append(row)
    return rows


def template_workbook(kinds: tuple[str, ...] = RETURN_KINDS, *, today: date | None = None) -> bytes:
    """An .xlsx return template with the given sheets, and an Instructions sheet."""
    years = _years(today or date.today())
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = "Instructions"
    instructions.append(["How to fill in this return"])
    instructions["A1"].font = Font(bold=True, size=14)
    for note in GENERAL_NOTES:
        instructions.append([note])
    for kind in kinds:
        sheet = workbook.create_sheet(kind)
        sheet.append([TITLES[kind]])
        sheet.append(_headers(kind, years))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for index, header in enumerate(_headers(kind, years), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
        instructions.append([])
        instructions.append([f"Sheet {kind}: {TITLES[kind]}"])
        instructions.cell(row=instructions.max_row, column=1).font = Font(bold=True)
        instructions.append(["Column", "Required", "What to put in it"])
        for column in COLUMN_GUIDE[kind]:
            header = f"{column.header} (and other years)" if column.meaning == YEAR_COLUMNS else column.header
            instructions.append([header, "yes" if column.required else "optional", column.what])
        instructions.append([f"Example rows for {kind}:"])
        instructions.append(_headers(kind, years))
        for row in example_rows(kind, years):
            instructions.append(row)
    instructions.column_dimensions["A"].width = 45
    instructions.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
