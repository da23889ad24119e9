"""A faster way through a worksheet's cells than openpyxl's read-only iteration, giving the same cells.

A national KPI return has 50,000 rows and 400,000 cells. openpyxl's read-only mode builds an
XML element, a dictionary and a cell object for each, in Python; that alone took longer than
the whole import may take (issue 9). Here the sheet's XML is streamed in parts and its cells are
picked out by one compiled pattern (in C), then decoded exactly as openpyxl decodes them: shared
strings, numbers, dates by their number format, booleans, errors, formula results and inline
strings, with openpyxl's own shared strings, styles and date system for the workbook.

Only the plain form every spreadsheet program writes is read here: `<row r=..>` elements holding
`<c r="A1" s=.. t=..>` cells in column order, each with at most a formula, a value or a simple
inline string. Anything else (a namespace prefix, a cell without its address, rich inline text,
comments, an unusual encoding, a cell out of order) makes `plain_rows` return None, and the
caller reads the sheet with openpyxl as before: an unusual file is slower, never read
differently. tests/test_sheet_xml.py holds the two readers to the same cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601

CHUNK = 4 * 1024 * 1024


class Cell:
    """One cell as the return reader sees it: its value and its number format (never changed once made)."""

    __slots__ = ("value", "number_format")

    def __init__(self, value: object, number_format: str | None = "General") -> None:
        self.value = value
        self.number_format = number_format

    def __repr__(self) -> str:
        return f"Cell({self.value!r}, {self.number_format!r})"


EMPTY = Cell(None, None)  # a gap between cells, as openpyxl's EMPTY_CELL (no number format)


class NotPlain(Exception):
    """The sheet's XML is not in the plain form this reader knows: read it with openpyxl instead."""


_SHEET_DATA = re.compile(rb"<sheetData\s*(/?)>")
_SHEET_DATA_END = b"</sheetData>"
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=["']([^"']+)["']""")
# One alternative per thing met in sheetData, so one findall (in C) gives them in order:
# a row's start (its number), a cell (column, attributes, formula, value, inline text), a row's end,
# or any other non-space character, which means the XML is not plain.
_ITEMS = re.compile(
    rb'<row\b[^>]*?\sr="([0-9]{1,7})"[^>]*?(/?)>'
    rb'|<c r="([A-Z]{1,3})[0-9]{1,7}"((?: [a-z]+="[^"<>]*")*)\s?'
    rb'(?:/>|>(<f\b[^>]*?/>|<f\b[^>]*>[^<]*</f>)?(?:<v>([^<]*)</v>|(<v/>)|(<is><t(?: xml:space="preserve")?>)([^<]*)</t></is>)?</c>)'
    rb"|(</row>)"
    rb"|(\S)"
)
_ATTRIBUTE = re.compile(rb'([a-z]+)="([^"<>]*)"')
_ENTITY = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_text(raw: bytes) -> str:
    """Character data as an XML parser gives it: line ends normalised, then references replaced."""
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text = raw.decode("utf-8")
    if "&" in text:
        text = _ENTITY.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else chr(int(m.group(2))) if m.group(2) else _NAMED[m.group(3)], text)
    return text


def _number(text: str) -> int | float:
    """openpyxl's reading of a number: an int unless it has a point or an exponent."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class _Decoder:
    """Turns a cell's attributes and raw value into the Cell openpyxl would give, remembering repeats."""

    def __init__(self, sheet) -> None:  # type: ignore[no-untyped-def]
        workbook = sheet.parent
        self.sheet = sheet
        self.shared_strings = sheet._shared_strings  # openpyxl's own reading of sharedStrings.xml
        self.epoch = workbook.epoch
        self.date_styles = workbook._date_formats
        self.timedelta_styles = workbook._timedelta_formats
        self.attributes: dict[bytes, tuple[int, str]] = {}
        self.formats: dict[int, str] = {}
        self.cells: dict[tuple[bytes, bytes, bool], Cell] = {}
        self.columns: dict[bytes, int] = {}

    def column(self, letters: bytes) -> int:
        index = self.columns.get(letters)
        if index is None:
            index = self.columns[letters] = column_index_from_string(letters.decode())
        return index

    def style_and_type(self, attributes: bytes) -> tuple[int, str]:
        known = self.attributes.get(attributes)
        if known is None:
            found = dict(_ATTRIBUTE.findall(attributes))
            if _ATTRIBUTE.sub(b"", attributes).strip():
                raise NotPlain("cell attributes")
            style = found.get(b"s", b"0")
            if not style.isdigit():
                raise NotPlain("style")
            known = self.attributes[attributes] = (int(style), found.get(b"t", b"n").decode())
        return known

    def number_format(self, style: int) -> str:
        found = self.formats.get(style)
        if found is None:
            found = self.formats[style] = ReadOnlyCell(self.sheet, 1, 1, None, "n", style).number_format  # openpyxl's own lookup
        return found

    def cell(self, attributes: bytes, raw: bytes | None, inline: bool) -> Cell:
        key = (attributes, raw if raw is not None else b"", inline)
        known = self.cells.get(key)
        if known is not None:
            return known
        style, kind = self.style_and_type(attributes)
        value = self.value(kind, style, raw, inline)
        made = Cell(value, self.number_format(style))
        if len(self.cells) < 200_000:
            self.cells[key] = made
        return made

    def value(self, kind: str, style: int, raw: bytes | None, inline: bool) -> object:
        if kind == "inlineStr":
            return _xml_text(raw or b"") if inline else None
        if inline:
            raise NotPlain("inline text in a cell not marked inlineStr")
        if not raw:
            return None  # no value, or an empty one (openpyxl: findtext(...) or None)
        if kind == "n":
            number = _number(raw.decode("ascii"))
            if style in self.date_styles:
                try:
                    return from_excel(number, self.epoch, timedelta=style in self.timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # as openpyxl: a date serial out of range is an error value
            return number
        if kind == "s":
            return self.shared_strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind in ("str", "e"):
            return _xml_text(raw)
        if kind == "d":
            return from_ISO8601(_xml_text(raw))
        raise NotPlain(f"cell type {kind}")


_ROW_END = re.compile(rb"</(?:\w+:)?row>")


def row_chunks(stream, carry: bytes = b"") -> Iterator[bytes]:  # type: ignore[no-untyped-def]
    """A sheet's XML in parts of about CHUNK bytes, each cut just after a row's end, so no row is split between
    parts (the last part is whatever remains). `carry` is XML already read from the stream."""
    while True:
        chunk = stream.read(CHUNK)
        data = carry + chunk
        if not chunk:
            if data:
                yield data
            return
        ends = [m.end() for m in _ROW_END.finditer(data, max(0, len(data) - 65536))] or [m.end() for m in _ROW_END.finditer(data)]
        cut = ends[-1] if ends else 0
        if cut:
            yield data[:cut]
        carry = data[cut:]


def plain_rows(sheet, stop_after_row: int) -> list[tuple[int, list[Cell]]] | None:  # type: ignore[no-untyped-def]
    """Every row with a cell in it, as (row number, cells from column A), or None when the XML is not plain.

    `sheet` is an openpyxl read-only worksheet. A row numbered beyond `stop_after_row` ends the
    reading (it is returned, so the caller can refuse the sheet for it).
    """
    try:
        return _read(sheet, stop_after_row)
    except (NotPlain, UnicodeDecodeError, ValueError, IndexError, KeyError, OverflowError):
        return None  # read it with openpyxl, which gives its own answer for a damaged file


def _read(sheet, stop_after_row: int) -> list[tuple[int, list[Cell]]]:  # type: ignore[no-untyped-def]
    decoder = _Decoder(sheet)
    rows: list[tuple[int, list[Cell]]] = []
    with sheet._get_source() as stream:  # openpyxl's own handle on the sheet's XML in the archive
        head = b""
        while (start := _SHEET_DATA.search(head)) is None:
            chunk = stream.read(64 * 1024)
            if not chunk:
                raise NotPlain("no sheetData")
            head += chunk
        declared = _ENCODING.search(head)
        if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8":
            raise NotPlain("encoding")
        if start.group(1):  # <sheetData/>: no rows
            return rows
        number: int | None = None
        last_number = 0  # rows must come in order, empty ones included (openpyxl drops a row that goes back)
        cells: list[Cell] = []
        last_column = 0
        finished = False
        for part in row_chunks(stream, head[start.end():]):
            end = part.find(_SHEET_DATA_END)
            if end >= 0:
                part, finished = part[:end], True
            for row_number, row_empty, column, attributes, _formula, value, _empty, inline, text, row_end, other in _ITEMS.findall(part):
                if column:
                    if number is None:
                        raise NotPlain("a cell outside a row")
                    index = decoder.column(column)
                    if index <= last_column:
                        raise NotPlain("cells out of order")
                    if index > last_column + 1:
                        cells.extend([EMPTY] * (index - last_column - 1))
                    cells.append(decoder.cell(attributes, text if inline else value, bool(inline)))
                    last_column = index
                elif row_number:
                    if number is not None:
                        raise NotPlain("a row inside a row")
                    at = int(row_number)
                    if at <= last_number:
                        raise NotPlain("rows out of order")
                    last_number = at
                    if row_empty:
                        continue
                    number, cells, last_column = at, [], 0
                elif row_end:
                    if number is None:
                        raise NotPlain("a row's end without its start")
                    if cells:
                        rows.append((number, cells))
                        if number > stop_after_row:
                            return rows
                    number = None
                else:
                    raise NotPlain(f"unexpected XML {other!r}")
            if finished:
                break
        if not finished:
            raise NotPlain("sheetData not closed")
        if number is not None:
            raise NotPlain("a row not closed")
    return rows
