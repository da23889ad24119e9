"""A corpus of hostile and malformed workbooks, each built here, with what the importer must say.

Used by tests/test_hostile.py (each refused or read safely, the database unchanged, memory
bounded) and by benchmarks/bench_hostile.py (the time and memory each one costs).
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

from tests.conftest import workbook_bytes

COUNCIL = ["Council: Testshire DC"]
BUDGET = {"Budget": [COUNCIL, ["Directorate", "Service", "2011/12", "2012/13"],
                     ["Finance & HR", "Finance", "2,711", "2,834"], ["Finance & HR", "Revenues", 233, 154]]}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Hostile:
    """One file: how to build it, and whether it is refused (with `message`) or read safely (with `message` a warning or None)."""

    name: str
    build: Callable[[], bytes]
    refused: bool
    message: str | None
    large: bool = False  # worth measuring memory in a process of its own


def _replace(data: bytes, member: str, content: bytes) -> bytes:
    """The workbook with one part of its zip replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == member else source.read(info.filename))
    return out.getvalue()


def _sheet_xml(rows: str, dimension: str = "A1:D4") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
            f"<sheetData>{rows}</sheetData></worksheet>").encode()


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _row(number: int, *values: object) -> str:
    return f'<row r="{number}">' + "".join(_cell(f"{'ABCD'[i]}{number}", v) for i, v in enumerate(values)) + "</row>"


BUDGET_ROWS = (_row(1, "Council: Testshire DC") + _row(2, "Service", "2012/13") + _row(3, "Finance", 2834) + _row(4, "Revenues", 154))


def not_a_zip() -> bytes:
    return bytes(range(256)) * 40


def truncated_zip() -> bytes:
    data = workbook_bytes(BUDGET)
    return data[: len(data) // 2]


def old_xls() -> bytes:
    book = xlwt.Workbook()
    book.add_sheet("Budget").write(0, 0, "Service")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def encrypted() -> bytes:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook_bytes(BUDGET))).encrypt("secret", encrypted)
    return encrypted.getvalue()


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


def billion_laughs_in_a_sheet() -> bytes:
    xml = _sheet_xml(BUDGET_ROWS.replace("<t>Finance</t>", "<t>&lol9;</t>")).replace(b"?>", b"?>" + LAUGHS.encode(), 1)
    return _replace(workbook_bytes(BUDGET), "xl/worksheets/sheet1.xml", xml)


def billion_laughs_in_the_workbook() -> bytes:
    data = workbook_bytes(BUDGET)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/workbook.xml")
    return _replace(data, "xl/workbook.xml", LAUGHS.encode() + xml if not xml.startswith(b"<?xml") else xml.replace(b"?>", b"?>" + LAUGHS.encode(), 1))


@cache
def decompression_bomb() -> bytes:
    """A 9 MB file whose sheet inflates to 2 GB (of blanks inside the sheet data: valid XML)."""
    data = workbook_bytes(BUDGET)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
                continue
            start, end = _sheet_xml(BUDGET_ROWS).split(b"</sheetData>")
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(start)
                block = b" " * (16 << 20)
                for _ in range(128):
                    sheet.write(block)
                sheet.write(b"</sheetData>" + end)
    return out.getvalue()


@cache
def lying_bomb() -> bytes:
    """A sheet that inflates to 150 MB while its zip entry claims 2,000 bytes."""
    data = workbook_bytes(BUDGET)
    start, end = _sheet_xml(BUDGET_ROWS).split(b"</sheetData>")
    sheet = start + b" " * (150 << 20) + b"</sheetData>" + end
    packed = bytearray(_replace(data, "xl/worksheets/sheet1.xml", sheet))
    with zipfile.ZipFile(io.BytesIO(bytes(packed))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", packed, info.header_offset + 22, 2000)  # the local header's uncompressed size
    name = info.filename.encode()
    at = packed.find(b"PK\x01\x02")
    while packed[at + 46: at + 46 + len(name)] != name:  # the member's entry in the central directory
        at = packed.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", packed, at + 24, 2000)
    return bytes(packed)


def million_rows_claimed() -> bytes:
    """A sheet whose dimension claims every row and column Excel has, holding four rows."""
    return _replace(workbook_bytes(BUDGET), "xl/worksheets/sheet1.xml", _sheet_xml(BUDGET_ROWS, "A1:XFD1048576"))


def last_row_used() -> bytes:
    """Four rows at the top and one cell in Excel's last row, 1,048,576."""
    rows = BUDGET_ROWS + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _replace(workbook_bytes(BUDGET), "xl/worksheets/sheet1.xml", _sheet_xml(rows, "A1:B1048576"))


@cache
def million_rows() -> bytes:
    """A Budget sheet with a million real rows (2 MB compressed)."""
    rows = BUDGET_ROWS + "".join(_row(n, f"Service {n}", n) for n in range(5, 1_000_005))
    return _replace(workbook_bytes(BUDGET), "xl/worksheets/sheet1.xml", _sheet_xml(rows, "A1:B1000004"))


def formulas_without_results() -> bytes:
    """Written by a program (openpyxl), never opened in Excel: the formula has no saved result."""
    return workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Finance", 2834], ["Revenues", 154], ["Total", "=SUM(B3:B4)"]]})


def merged_header() -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(
        {"Budget": [COUNCIL, ["Service", "2011/12", None, "2013/14"], ["Finance", 2711, 2834, 2900]]})))
    workbook["Budget"].merge_cells("B2:C2")
    return _save(workbook)


def merged_directorate() -> bytes:
    """A directorate written once and merged down over its two services: read as a person reads it."""
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(BUDGET)))
    workbook["Budget"].merge_cells("A3:A4")
    return _save(workbook)


def merged_figure() -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(BUDGET)))
    workbook["Budget"].merge_cells("D3:D4")
    return _save(workbook)


def hidden_sheet() -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(
        {**BUDGET, "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "Finance", "2012/13", "80%", "10%"]]})))
    workbook["KPIs"].sheet_state = "hidden"
    return _save(workbook)


def only_hidden_sheets() -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes({**BUDGET, "Notes": [["read me"]]})))
    workbook["Budget"].sheet_state = "veryHidden"
    return _save(workbook)


def date_in_a_money_cell() -> bytes:
    return workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Finance", datetime(2012, 4, 1)]]})


def boolean_in_a_money_cell() -> bytes:
    return workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Finance", True]]})


def text_longer_than_a_cell_holds() -> bytes:
    """40,000 characters in one cell, more than Excel allows (openpyxl cuts text to Excel's limit, so written as XML)."""
    rows = _row(1, "Council: Testshire DC") + _row(2, "Service", "2012/13") + _row(3, "F" * 40_000, 2834)
    return _replace(workbook_bytes(BUDGET), "xl/worksheets/sheet1.xml", _sheet_xml(rows))


def very_long_name() -> bytes:
    return workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Finance " * 125, 2834]]})


def long_savings_description() -> bytes:
    """A paragraph pasted into a Description cell: longer than the database keeps, so refused (PostgreSQL would fail)."""
    return workbook_bytes({"Savings": [COUNCIL, ["Service", "2012/13", "Description"], ["Finance", 50, "Shared service. " * 200]]})


def long_kpi_actual() -> bytes:
    header = ["Indicator", "Service", "Period", "Target", "Actual"]
    return workbook_bytes({"KPIs": [COUNCIL, header, ["Calls", "Finance", "Aug 2012", "80%", "see note " * 100]]})


def control_characters() -> bytes:
    """Excel writes a control character in a cell as _x0007_; a tab and a newline come through as themselves."""
    return workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Fin_x0007_ance", 2834], ["Reve\tnues\n", 154]]})


FORMULA_NAMES = ['=HYPERLINK("http://evil.example","Click")', "+44 7700 900123", "-Parking", "@SUM(1+1)"]


def formula_like_names() -> bytes:
    """Names starting with = + - @, typed as text (as Excel saves them): stored as written, neutralised in every export."""
    from xml.sax.saxutils import escape

    rows = _row(1, "Council: Testshire DC") + _row(2, "Service", "2012/13")
    rows += "".join(_row(3 + i, escape(name), 100 + i) for i, name in enumerate(FORMULA_NAMES))
    return _replace(workbook_bytes(BUDGET), "xl/worksheets/sheet1.xml", _sheet_xml(rows))


def same_service_and_period_twice() -> bytes:
    return workbook_bytes({"Budget": [COUNCIL, ["Service", "2012/13"], ["Finance", 2834], ["FINANCE", 2900]]})


def same_indicator_and_period_twice() -> bytes:
    header = ["Indicator", "Service", "Period", "Target", "Actual"]
    return workbook_bytes({"KPIs": [COUNCIL, header, ["Calls", "Finance", "Aug 2012", "80%", "84%"], ["Calls", "Finance", "Aug 2012", "80%", "70%"]]})


def two_budget_sheets() -> bytes:
    return workbook_bytes({**BUDGET, "budget ": [["Service", "2012/13"], ["Finance", 1]]})


def _save(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SAVE = "open it in Excel and save it as an Excel Workbook (.xlsx)"
CORPUS = [
    Hostile("not a zip", not_a_zip, True, f"not an Excel workbook; {SAVE}"),
    Hostile("truncated zip", truncated_zip, True, "the file is damaged or incomplete"),
    Hostile("old .xls", old_xls, True, f"old Excel 97-2003 (.xls) file; {SAVE}"),
    Hostile("encrypted", encrypted, True, "the workbook is password-protected"),
    Hostile("billion laughs in a sheet", billion_laughs_in_a_sheet, True, "declares entities (a DOCTYPE), which Excel never writes", large=True),
    Hostile("billion laughs in the workbook part", billion_laughs_in_the_workbook, True, "declares entities (a DOCTYPE), which Excel never writes"),
    Hostile("decompression bomb", decompression_bomb, True, "the workbook would expand to 2,048 MB, more than a return can hold (200 MB)",
            large=True),
    Hostile("bomb with a lying size", lying_bomb, True, "the file is damaged or incomplete (Bad CRC-32", large=True),
    Hostile("a million rows claimed", million_rows_claimed, False, None, large=True),
    Hostile("a cell in the last row", last_row_used, True, "the Budget sheet has something in row 1,048,576, beyond the 200,000 rows",
            large=True),
    Hostile("a million rows", million_rows, True, "beyond the 200,000 rows a return may have", large=True),
    Hostile("formulas without results", formulas_without_results, True,
            "Budget!B5: the formula =SUM(B3:B4) has no saved result (the file was written by a program, not saved by Excel)"),
    Hostile("merged header", merged_header, True, "Budget!B2:C2: the heading is merged across columns, so column C has no heading of its own"),
    Hostile("merged directorate", merged_directorate, False, None),
    Hostile("merged figure", merged_figure, True, "Budget!D3:D4: a figure is merged across several cells"),
    Hostile("hidden sheet", hidden_sheet, False, "KPIs: the sheet is hidden in Excel, so it was not read"),
    Hostile("only hidden sheets", only_hidden_sheets, True, "hidden sheets are not read: Budget"),
    Hostile("date in a money cell", date_in_a_money_cell, True, "Budget!B3: \"2012-04-01 00:00:00\" is a date or time, not an amount"),
    Hostile("boolean in a money cell", boolean_in_a_money_cell, True, "Budget!B3: True is a true/false value, not an amount"),
    Hostile("text longer than a cell holds", text_longer_than_a_cell_holds, True, "Budget!A3: the text is 40,000 characters long: expected at most 32,767",
            large=True),
    Hostile("a very long name", very_long_name, True, "Budget!B3: the service name is 999 characters long"),
    Hostile("a long savings description", long_savings_description, True, "Savings!B3: the description is 3,199 characters long"),
    Hostile("a long text actual", long_kpi_actual, True, "KPIs!A3: the actual is 899 characters long"),
    Hostile("control characters", control_characters, False, "Budget!A3: removed control characters (_x0007_)"),
    Hostile("names starting = + - @", formula_like_names, False, None),
    Hostile("same service and period twice", same_service_and_period_twice, True, '"FINANCE" has a second 2012/13 amount in this sheet (first at B3)'),
    Hostile("same indicator and period twice", same_indicator_and_period_twice, True, '"Calls" for Aug 2012 appears twice (also row 3)'),
    Hostile("two Budget sheets", two_budget_sheets, True, 'this is a second Budget sheet (the first is "Budget")'),
]


SCRIPT = "<script>alert(1)</script>"
HOSTILE_NAMES = [SCRIPT, *FORMULA_NAMES]


def hostile_names_return(council: str = "Council: Sevenoaks District Council") -> bytes:
    """Budget, savings and indicators for services named like markup and formulas, typed as text as Excel saves them."""
    header = ["Indicator", "Directorate", "Service", "Period", "Target", "Actual", "Commentary"]
    sheets = {
        "Budget": [[council], ["Directorate", "Service", "2011/12", "2012/13"],
                   *([SCRIPT, name, 100 + i, 120 + i] for i, name in enumerate(HOSTILE_NAMES))],
        "Savings": [[council], ["Directorate", "Service", "2012/13", "Description", "Status"],
                    *([SCRIPT, name, 10 + i, name, "at risk"] for i, name in enumerate(HOSTILE_NAMES))],
        "KPIs": [[council], header,
                 *([name, SCRIPT, name, "Aug 2012", "90%", "50%", name] for name in HOSTILE_NAMES)],
    }
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(sheets)))
    for sheet in workbook.worksheets:  # openpyxl would store text starting with = as a formula
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return _save(workbook)
