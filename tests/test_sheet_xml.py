"""The fast sheet reader (data_layer/sheet_xml.py) gives exactly openpyxl's cells, or steps aside.

Every workbook here is read twice: by openpyxl's read-only iteration, as the importer did
before, and by plain_rows. Row numbers, values, their Python types and number formats must be
identical. Files written by Excel's usual writers must take the fast path (so these tests fail
if it silently never runs); unusual XML must make it step aside, and the importer then reads
the file through openpyxl with the same result.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_layer.returns.sheet_xml import plain_rows
from data_layer.returns.workbook import WorkbookRefused, read_return, refuse_unless_xlsx
from tests.hostile_workbooks import CORPUS

ROOT = Path(__file__).resolve().parent.parent


def _described(cells) -> list[tuple[object, type, object]]:  # type: ignore[no-untyped-def]
    return [(cell.value, type(cell.value), cell.number_format) for cell in cells]


def _readings(data: bytes) -> list[tuple[str, list | None, list]]:
    """For each sheet: its title, plain_rows' reading (None if it stepped aside) and openpyxl's."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    found = []
    try:
        for sheet in book.worksheets:
            ours = plain_rows(sheet, 10**9)
            sheet.reset_dimensions()
            theirs = [(number, _described(raw)) for number, raw in enumerate(sheet.iter_rows(), start=1) if raw]
            found.append((sheet.title, None if ours is None else [(number, _described(cells)) for number, cells in ours], theirs))
    finally:
        book.close()
    return found


def _assert_same(data: bytes, *, fast: bool = True) -> None:
    for title, ours, theirs in _readings(data):
        if fast:
            assert ours is not None, f"{title}: the fast reader stepped aside from a plain sheet"
        if ours is not None:
            assert ours == theirs, f"{title}: the fast reader's cells differ from openpyxl's"


# ------------------------------------------------------------------------- files people send

@pytest.mark.parametrize("path", sorted((ROOT / "sample_data").glob("*.xlsx")), ids=lambda p: p.name)
def test_the_sample_returns_read_the_same(path):
    _assert_same(path.read_bytes())


def _opened_by_the_importer(case) -> bool:  # type: ignore[no-untyped-def]
    """Whether the importer gets as far as reading sheets (the rest is refused from the zip alone)."""
    try:
        refuse_unless_xlsx(case.build(), "x.xlsx")
    except WorkbookRefused:
        return False
    return True


READABLE = [case for case in CORPUS if not case.large and _opened_by_the_importer(case)]


@pytest.mark.parametrize("case", READABLE, ids=lambda c: c.name)
def test_the_hostile_corpus_reads_the_same(case):
    _assert_same(case.build(), fast=False)


def _xlsxwriter_book(constant_memory: bool = False) -> bytes:
    """Every kind of cell a return holds, as XlsxWriter (and Excel) write them."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": constant_memory, "in_memory": not constant_memory})
    sheet = book.add_worksheet("KPIs")
    percent, money, day, clock, stamp = (book.add_format({"num_format": f})
                                         for f in ("0.0%", '"£"#,##0;[Red]-"£"#,##0', "dd/mm/yyyy", "hh:mm", "yyyy-mm-dd hh:mm:ss"))
    bold = book.add_format({"bold": True})
    rows = [
        ["Council: Testshire & Wold <DC>", None, "quote \" and 'apostrophe'"],
        [],
        ["Code", "Indicator", "Target", "Actual", "When", "Time", "Flag"],
        ["PI01", "Rent & council tax collected < 5 days", 0.975, 0.9612, date(2012, 8, 31), time(9, 30), True],
        ["PI02", "Line one\nline two", 100, -0.5, datetime(2013, 3, 31, 17, 45, 10), None, False],
        ["PI03", "  spaces kept  ", 1e-10, 1.5e20, "Q2 2012/13", None, None],
        ["PI04", "Welsh ŵ and emoji 📈", "N/A", "TBC", None, None, "_x0007_ literal"],
        ["PI05", "Carriage\r\nreturn", 12345678901234, 0.1 + 0.2],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            is_day = isinstance(value, date) and not isinstance(value, datetime)
            style = {2: percent if isinstance(value, float) and value < 1 else money, 3: percent, 4: day if is_day else stamp, 5: clock}.get(c)
            if isinstance(value, (date, datetime)):
                sheet.write_datetime(r, c, value, style)
            elif isinstance(value, time):
                sheet.write_datetime(r, c, value, clock)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, str):
                sheet.write_string(r, c, value, bold if r == 2 else None)
            else:
                sheet.write_number(r, c, value, style)
    sheet.write_blank(9, 1, None, percent)  # a styled empty cell, then a gap
    sheet.write_number(9, 4, 7)
    sheet.write_number(9, 5, 1.75, book.add_format({"num_format": "[h]:mm"}))  # a duration: openpyxl gives a timedelta
    sheet.write_formula(10, 0, "=1/0", None, "#DIV/0!")
    sheet.write_formula(10, 1, "=A1&\"x\"", None, "Testshire & Wold <DC>x")
    sheet.write_formula(10, 2, "=2+2", None, 4)
    sheet.write_formula(10, 3, "=TRUE()", None, True)
    sheet.write_formula(10, 4, "=SUM(C4:C5)", percent)  # no saved result
    if not constant_memory:  # streamed, rich text is written inline, which the fast reader leaves to openpyxl (below)
        sheet.write_rich_string(11, 0, "plain ", bold, "bold", " plain")
    sheet.write_number(30, 25, 99)  # a far cell: the row is padded to column Z
    book.add_worksheet("Empty")
    book.close()
    return out.getvalue()


def test_every_kind_of_cell_xlsxwriter_writes_reads_the_same():
    _assert_same(_xlsxwriter_book())


def test_inline_strings_as_xlsxwriter_streams_them_read_the_same():
    data = _xlsxwriter_book(constant_memory=True)
    assert b"inlineStr" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    _assert_same(data)


def test_a_workbook_openpyxl_wrote_reads_the_same():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Budget"
    sheet.append(["Directorate", "Service", "2011/12", "2012/13"])
    sheet.append(["Finance & HR", "Finance", 2711.5, None, "=C2*2", datetime(2012, 4, 1)])
    sheet["C2"].number_format = "#,##0.00"
    sheet["F2"].number_format = "d mmm yyyy"
    sheet.cell(row=7, column=3, value=True)
    out = io.BytesIO()
    book.save(out)
    _assert_same(out.getvalue())


def test_a_1904_date_system_workbook_reads_the_same():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "date_1904": True})
    sheet = book.add_worksheet("KPIs")
    sheet.write_datetime(0, 0, date(2012, 8, 31), book.add_format({"num_format": "dd/mm/yy"}))
    book.close()
    _assert_same(out.getvalue())


# ----------------------------------------------------------------- random cells, both writers

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30).map(
    lambda s: re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", s))
VALUES = st.one_of(st.none(), TEXT, st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False, width=64),
                   st.booleans(), st.dates(date(1900, 3, 1), date(2100, 1, 1)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=st.lists(st.lists(VALUES, max_size=8), min_size=1, max_size=12), constant_memory=st.booleans())
def test_random_cells_read_the_same(grid, constant_memory):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": not constant_memory, "constant_memory": constant_memory, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": True})
    sheet = book.add_worksheet("KPIs")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, value, day)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    book.close()
    _assert_same(out.getvalue())


# ------------------------------------------------------------ unusual XML: stepping aside

def _with_sheet_xml(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


KPI_RETURN = ROOT / "sample_data" / "04-kpis-aug-2012.xlsx"
UNUSUAL = {
    "a namespace prefix": lambda xml: re.sub(rb"<(/?)(worksheet|sheetData|row|c|v|f|is|t)\b", rb"<\1x:\2", xml).replace(
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'),
    "pretty-printed": lambda xml: xml.replace(b"><v>", b">\n  <v>").replace(b"</v></c>", b"</v>\n</c>"),
    "attributes in single quotes": lambda xml: re.sub(rb'([a-zA-Z:]+)="([^"]*)"', rb"\1='\2'", xml),
    "attributes in another order": lambda xml: re.sub(rb'<c r="([A-Z]+[0-9]+)" (s="[0-9]+")', rb'<c \2 r="\1"', xml),
    "a row out of order": lambda xml: xml.replace(b"</sheetData>", b'<row r="2"><c r="A2"><v>1</v></c></row></sheetData>'),
    "a comment among the rows": lambda xml: xml.replace(b"</row>", b"</row><!-- a note -->", 1),
}


@pytest.mark.parametrize("name", list(UNUSUAL))
def test_unusual_xml_steps_aside_and_the_importer_reads_it_the_same(name):
    plain = KPI_RETURN.read_bytes()
    unusual = _with_sheet_xml(plain, UNUSUAL[name])
    assert unusual != plain
    readings = {title: ours for title, ours, _ in _readings(unusual)}
    assert readings["KPIs"] is None, f"{name}: the fast reader should have stepped aside"
    _assert_same(unusual, fast=False)
    before, after = read_return(plain, "kpis.xlsx"), read_return(unusual, "kpis.xlsx")
    assert after.kpis == before.kpis and after.errors == before.errors and after.warnings == before.warnings
    assert len(after.kpis) > 50


def test_cells_without_addresses_step_aside_and_read_as_openpyxl_counts_them():
    unusual = _with_sheet_xml(KPI_RETURN.read_bytes(), lambda xml: re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", xml))
    assert {title: ours for title, ours, _ in _readings(unusual)}["KPIs"] is None
    _assert_same(unusual, fast=False)


def test_rich_inline_text_steps_aside_and_reads_the_same():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("KPIs")
    sheet.write_string(0, 0, "Code")
    sheet.write_rich_string(1, 0, "plain ", book.add_format({"bold": True}), "bold", " plain")
    book.close()
    readings = _readings(out.getvalue())
    assert readings[0][1] is None
    _assert_same(out.getvalue(), fast=False)
    assert readings[0][2][1][1][0][0] == "plain bold plain"


def test_a_row_past_the_limit_stops_the_reading_there():
    data = _xlsxwriter_book()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = plain_rows(book["KPIs"], 5)
    assert [number for number, _ in rows] == [1, 3, 4, 5, 6]
