"""What every sheet of a return shares: its rows as openpyxl gives them (cleaned, capped), the header found below
any title rows, title rows (the council, the year, the unit), merged cells read as a person sees them, and a
row's year and directorate.

Each sheet kind has a reader of its own built on SheetReader, in its own module of data_layer/returns/:
services, money (Budget and Savings), kpis, staff, text (Objectives and budget Risks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import unescape

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string

from data_layer.periods import YEAR, find_year_period
from data_layer.returns.columns import HEADER_MARKERS, HEADER_SYNONYMS, REQUIRED_COLUMNS, header_text
from data_layer.returns.parsed import ParsedReturn, Problem
from data_layer.returns.sheet_xml import Cell, plain_rows, row_chunks
from data_layer.values import cell_display, name_key

HEADER_SEARCH_ROWS = 20
MAX_ROWS = 200_000  # rows in one sheet
MAX_TEXT = 32_767  # characters in one cell: Excel's own limit

Row = list[Cell]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|_x(?:00[01][0-9A-Fa-f]|007[Ff])_")


@dataclass
class _SheetScan:
    """What the streaming reader does not give: merged ranges and formulas saved without a result."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min col, min row, max col, max row (1-based)
    last_row: int = 0  # the highest row number the sheet's XML names
    formulas_without_result: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column index) -> formula


_LAST_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]+)\"(?!.*<(?:\w+:)?row\b)", re.S)
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_XML = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,3})([0-9]+)\"")
_CELL_TYPE = re.compile(rb"\bt=\"(\w+)\"")
_FORMULA_XML = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_CACHED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_MERGE_XML = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def _scan_sheet(sheet) -> _SheetScan:  # type: ignore[no-untyped-def]
    """Stream the sheet's XML once, in chunks, for merged ranges and formulas with no saved result."""
    scan = _SheetScan()
    with sheet._get_source() as stream:  # openpyxl's own handle on the sheet's XML in the archive
        for complete in row_chunks(stream):
            last = _LAST_ROW.search(complete[-65536:])
            if last is not None:
                scan.last_row = max(scan.last_row, int(last.group(1)))
                if scan.last_row > MAX_ROWS:
                    return scan  # refused by the reader before anything is parsed
            if _HAS_FORMULA.search(complete):
                for cell in _CELL_XML.finditer(complete):
                    body = cell.group(2)
                    if not body or not _HAS_FORMULA.search(body) or _CACHED_VALUE.search(body):
                        continue
                    attributes = cell.group(1)
                    kind = _CELL_TYPE.search(attributes)
                    if kind and kind.group(1) == b"str":  # a formula whose saved result is empty text
                        continue
                    ref = _CELL_REF.search(attributes)
                    formula = _FORMULA_XML.search(body)
                    if ref is None:
                        continue
                    text = unescape((formula.group(1) or b"").decode("utf-8", "replace")) if formula else ""
                    key = (int(ref.group(2)), column_index_from_string(ref.group(1).decode()) - 1)
                    scan.formulas_without_result[key] = text
            if b"mergeCell" in complete:
                for merge in _MERGE_XML.finditer(complete):
                    scan.merged.append(range_boundaries(merge.group(1).decode()))  # type: ignore[arg-type]
    return scan


class Unreadable(Exception):
    """A sheet too large or malformed to read; the message is for the user."""

def number_format(row: Row, index: int) -> str:
    return (row[index].number_format or "General") if index < len(row) else "General"


def cell_value(row: Row, index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    value = row[index].value
    if isinstance(value, str) and not value.strip():
        return None
    return value


def cell_text(row: Row, index: int | None) -> str | None:
    value = cell_value(row, index)
    if value is None:
        return None
    text = " ".join(cell_display(value).split())
    return text or None


def cell_ref(index: int, row_number: int) -> str:
    return f"{get_column_letter(index + 1)}{row_number}"



class SheetReader:
    def __init__(self, parsed: ParsedReturn, sheet, kind: str, directorates: dict[str, str], strict: bool) -> None:  # type: ignore[no-untyped-def]
        self.parsed = parsed
        self.sheet = sheet
        self.name: str = sheet.title
        self.kind = kind
        self.directorates = directorates
        self.strict = strict
        self.title_texts: list[str] = []
        self.scan = _scan_sheet(sheet)
        self.cleaned: set[str] = set()

    def _rows(self) -> Iterable[tuple[int, Row]]:
        """The sheet's rows as (row number, cells), skipping blank rows.

        The claimed dimensions are ignored (a hostile file can claim a million rows by a
        million columns); text is cleaned of control characters; a formula saved without its
        result is an error; more than MAX_ROWS rows refuses the sheet.
        """
        if self.scan.last_row > MAX_ROWS:
            raise Unreadable(self._too_many_rows(self.scan.last_row))
        formulas = self.scan.formulas_without_result
        clean: set[str] = set()
        rows = plain_rows(self.sheet, MAX_ROWS)  # the same cells as openpyxl's, several times faster; None for unusual XML
        if rows is None:
            self.sheet.reset_dimensions()
            rows = ((number, raw) for number, raw in enumerate(self.sheet.iter_rows(), start=1) if raw)
        for number, raw in rows:
            if number > MAX_ROWS:
                raise Unreadable(self._too_many_rows(number))
            row: Row = raw if type(raw) is list else list(raw)  # openpyxl gives tuples; ours are lists of our own
            filled = False
            for index, cell in enumerate(row):
                value = cell.value
                if value is None:
                    if formulas and (number, index) in formulas:
                        formula = formulas[(number, index)]
                        self.error(cell_ref(index, number), (
                            f"the formula {'=' + formula if formula else ''} has no saved result (the file was written by a program, "
                            "not saved by Excel): open it in Excel, save it, and load it again").replace("formula  has", "formula has"))
                elif isinstance(value, str):
                    if value not in clean:  # a national return repeats its texts: each is checked once
                        if len(value) > MAX_TEXT or _CONTROL.search(value):
                            value = self._clean(value, index, number)
                            row[index] = Cell(value, cell.number_format or "General")
                        elif len(clean) < 100_000:
                            clean.add(value)
                    filled = filled or bool(value.strip())
                else:
                    filled = True
            if filled:
                yield number, row

    def _too_many_rows(self, number: int) -> str:
        return (f"the {self.name} sheet has something in row {number:,}, beyond the {MAX_ROWS:,} rows a return may have; "
                "check it is the right file, or split the return")

    def _clean(self, value: str, index: int, number: int) -> str:
        ref = cell_ref(index, number)
        if len(value) > MAX_TEXT:
            self.error(ref, f"the text is {len(value):,} characters long: expected at most {MAX_TEXT:,} (the most an Excel cell holds)")
            return value[:200]  # shown cut short in the message; the file is refused anyway
        found = sorted({m.group(0) if m.group(0).startswith("_x") else f"U+{ord(m.group(0)):04X}" for m in _CONTROL.finditer(value)})
        self.warning(ref, f"removed control characters ({', '.join(found)}) that cannot be seen or printed; check the text reads as intended")
        return _CONTROL.sub("", value)

    # -- helpers
    def error(self, cell: str, message: str) -> None:
        self.parsed.errors.append(Problem(self.name, cell, message))

    def warning(self, cell: str, message: str) -> None:
        self.parsed.warnings.append(Problem(self.name, cell, message))

    def read(self) -> None:
        rows = iter(self._rows())
        header: dict[str, int] | None = None
        header_row: Row = []
        header_number = 0
        for number, row in rows:
            if number > HEADER_SEARCH_ROWS:
                break
            columns = self._columns(row)
            if HEADER_MARKERS[self.kind] & set(columns):
                header, header_row, header_number = columns, row, number
                break
            self._title_row(row)
        if header is None:
            wanted = " or ".join(sorted(f"'{marker.title()}'" for marker in HEADER_MARKERS[self.kind]))
            self.error("", f"no header row found in the first {HEADER_SEARCH_ROWS} rows: expected a row with a {wanted} column")
            return
        missing = [column for column in REQUIRED_COLUMNS.get(self.kind, ()) if column not in header]
        if missing:
            self.error(f"A{header_number}", "the header has no " + ", ".join(f"'{m.replace('_', ' ').title()}'" for m in missing)
                       + " column: expected " + ", ".join(f"'{c.title()}'" for c in REQUIRED_COLUMNS[self.kind]))
            return
        body = list(rows)
        if self.scan.merged:
            self._merged_cells(header, header_row, header_number, body)
        self.read_body(header, header_row, header_number, body)

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        """The rows below the header: each sheet kind's reader (its own module in data_layer/returns/) reads its own."""
        raise NotImplementedError

    FIGURES: tuple[str, ...] = ()  # the columns holding figures, which a merged cell may not span

    def _figure_columns(self, header: dict[str, int], header_row: Row) -> set[int]:
        return {header[name] for name in self.FIGURES if name in header}

    def _merged_cells(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        """Read merged cells as a person sees them.

        A heading merged across columns that hold figures leaves those columns without a
        heading: an error. In the body, a name merged down several rows (a directorate, say)
        applies to each of them; a figure merged across cells is an error.
        """
        rows = dict(body)
        figures = self._figure_columns(header, header_row)
        for min_col, min_row, max_col, max_row in self.scan.merged:
            span = f"{cell_ref(min_col - 1, min_row)}:{cell_ref(max_col - 1, max_row)}"
            if max_row < header_number:
                continue  # a title
            if min_row <= header_number:
                if max_col > min_col and any(cell_value(row, index) is not None for _, row in body for index in range(min_col, max_col)):
                    columns = ", ".join(get_column_letter(index + 1) for index in range(min_col, max_col))
                    self.error(span, f"the heading is merged across columns, so column {columns} has no heading of its own: "
                                     "unmerge the cells and give each column its own heading (e.g. 2013/14)")
                continue
            top = rows.get(min_row)
            first = top[min_col - 1] if top is not None and len(top) >= min_col else Cell(None, "General")
            if first.value is None:
                continue
            for number in range(min_row, max_row + 1):
                row = rows.get(number)
                if row is None:
                    continue
                for index in range(min_col - 1, max_col):
                    if number == min_row and index == min_col - 1:
                        continue
                    if index in figures:
                        if min_col - 1 in figures:
                            self.error(span, "a figure is merged across several cells: unmerge them and give each row and column its own figure")
                            return
                        continue
                    row.extend(Cell(None, "General") for _ in range(index + 1 - len(row)))
                    row[index] = first

    def _columns(self, row: Row) -> dict[str, int]:
        synonyms = HEADER_SYNONYMS[self.kind]
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            meaning = synonyms.get(header_text(cell.value))
            if meaning and meaning not in columns:
                columns[meaning] = index
        return columns

    def _title_row(self, row: Row) -> None:
        texts = [cell_display(cell.value) for cell in row if cell.value is not None and cell_display(cell.value)]
        if not texts:
            return
        self.title_texts.append(" ".join(texts))
        match = re.match(r"^\s*council\s*[:\-–]?\s*(.*)$", texts[0], re.IGNORECASE)
        if match:
            name = match.group(1).strip() or (texts[1].strip() if len(texts) > 1 else "")
            if name and self.parsed.council_name is None:
                self.parsed.council_name = name

    def _title_year(self) -> str | None:
        for text in self.title_texts:
            period = find_year_period(text)
            if period is not None and period.kind == YEAR:
                return period.label
        return None

    def _row_year(self, row: Row, header: dict[str, int], number: int) -> str | None:
        written = cell_text(row, header.get("year"))
        if written:
            period = find_year_period(written)
            if period is None or period.kind != YEAR:
                self.error(cell_ref(header["year"], number), f'"{written}" is not a financial year: expected e.g. 2012/13')
                return None
            return period.label
        year = self._title_year()
        if year is None:
            self.error(f"A{number}", "no year given: add a 'Year' column or put the year (e.g. 2012/13) in a title row")
        return year

    def _directorate(self, row: Row, header: dict[str, int], service: str | None) -> str | None:
        written = cell_text(row, header.get("directorate"))
        if written:
            if service:
                self.directorates.setdefault(name_key(service), written)
            return written
        if service:
            return self.directorates.get(name_key(service))
        return None
