"""Reading a return workbook into a ParsedReturn, collecting every problem in it.

Pure: bytes in, a ParsedReturn out; nothing here touches the database. The loader
decides what to store. Rules: returns-spec sections 1-3 (and 5 for what a load reports).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import unescape

import defusedxml
import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string

from data_layer.periods import YEAR, Period, find_year_period, parse_kpi_period
from data_layer.sheet_xml import Cell, plain_rows, row_chunks
from data_layer.values import (
    DEFAULT_UNIT,
    TEXT,
    Measure,
    ValueProblem,
    cell_display,
    find_unit,
    format_pounds,
    name_key,
    parse_amount,
    parse_measure,
    parse_polarity,
    parse_tolerance,
)

HEADER_SEARCH_ROWS = 20
# Limits that keep a hostile or mistaken file from exhausting the server. A national KPI
# return of 50,000 rows inflates to about 30 MB and has 50,000 rows.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a larger inflated workbook is refused unread
MAX_ROWS = 200_000  # rows in one sheet
MAX_TEXT = 32_767  # characters in one cell: Excel's own limit
SAVE_AS_XLSX = "open it in Excel and save it as an Excel Workbook (.xlsx)"


class WorkbookRefused(Exception):
    """A file that is not a readable .xlsx workbook; the message is one line for the user."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a return, where it is, and what is expected."""

    sheet: str
    cell: str
    message: str

    @property
    def problem(self) -> str:
        """What is wrong (the message before ': expected')."""
        return self.message.split(": expected ", 1)[0]

    @property
    def expected(self) -> str:
        """What is expected instead, where the message says."""
        parts = self.message.split(": expected ", 1)
        return parts[1] if len(parts) == 2 else ""

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}: {self.message}"
        if self.sheet:
            return f"{self.sheet}: {self.message}"
        return self.message


@dataclass
class ServiceRow:
    name: str
    cell: str
    directorate: str | None = None
    aliases: list[str] = field(default_factory=list)
    committees: list[tuple[str, str | None]] = field(default_factory=list)
    notes: str | None = None


@dataclass
class MoneyRow:
    """One amount of a Budget or Savings row, in pounds, for one period."""

    service: str
    directorate: str | None
    period: Period
    amount: Decimal
    text: str
    cell: str
    description: str | None = None
    status: str | None = None


@dataclass
class TotalCheck:
    """A printed TOTAL cell and what the rows it covers add up to."""

    sheet: str
    cell: str
    label: str
    period: str
    printed: Decimal
    computed: Decimal
    covered: list[str] = field(default_factory=list)  # the service names (as written) it covers
    kind: str = "Savings"  # which kind of sheet: Budget or Savings

    @property
    def matches(self) -> bool:
        return self.printed == self.computed


@dataclass
class KpiRow:
    code: str | None
    name: str
    service: str
    directorate: str | None
    period: Period
    target: Measure
    actual: Measure
    cell: str
    polarity: str | None = None
    tolerance: Decimal | None = None
    unit: str | None = None
    commentary: str | None = None
    override: str | None = None
    override_reason: str | None = None


@dataclass
class FteRow:
    service: str
    directorate: str | None
    year: str
    fte: Decimal
    cell: str


@dataclass
class TextRow:
    """A key objective (per service) or a budget risk (per directorate, or service)."""

    service: str | None
    directorate: str | None
    year: str
    text: str
    cell: str
    heading: str | None = None


@dataclass
class ParsedReturn:
    file_name: str
    content_hash: str
    council_name: str | None = None
    services: list[ServiceRow] = field(default_factory=list)
    budget: list[MoneyRow] = field(default_factory=list)
    savings: list[MoneyRow] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    staff: list[FteRow] = field(default_factory=list)
    objectives: list[TextRow] = field(default_factory=list)
    risks: list[TextRow] = field(default_factory=list)
    totals: list[TotalCheck] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    sheets_ignored: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "services": len(self.services),
            "budget lines": len(self.budget),
            "savings lines": len(self.savings),
            "indicator values": len(self.kpis),
            "staff FTEs": len(self.staff),
            "key objectives": len(self.objectives),
            "budget risks": len(self.risks),
        }

    def service_names(self) -> list[str]:
        """Every service name the return mentions, in order of first appearance."""
        seen: dict[str, str] = {}
        rows: Iterable[object] = [*self.services, *self.budget, *self.savings, *self.kpis, *self.staff, *self.objectives, *self.risks]
        for row in rows:
            name = row.name if isinstance(row, ServiceRow) else getattr(row, "service", None)
            if name:
                seen.setdefault(name_key(name), name)
        return list(seen.values())


# ----------------------------------------------------------------------- sheets & headers

SHEET_KINDS = {
    "services": "Services",
    "budget": "Budget",
    "savings": "Savings",
    "kpis": "KPIs",
    "kpi": "KPIs",
    "performance": "KPIs",
    "indicators": "KPIs",
    "pis": "KPIs",
    "staff": "Staff",
    "objectives": "Objectives",
    "risks": "Risks",
}
# Read in this order so a Services sheet's directorates are known to the money sheets.
SHEET_ORDER = ("Services", "Budget", "Savings", "KPIs", "Staff", "Objectives", "Risks")

_COMMON = {
    "service": "service",
    "service name": "service",
    "directorate": "directorate",
    "head of service": "directorate",
    "portfolio": "directorate",
}
def _header_text(value: object) -> str:
    text = " ".join(cell_display(value).replace("\n", " ").split()).casefold()
    return text.strip(" :*")


HEADER_SYNONYMS: dict[str, dict[str, str]] = {
    "Services": {
        **_COMMON,
        "also known as": "aliases", "aliases": "aliases", "alias": "aliases", "other names": "aliases",
        "committees": "committees", "committee": "committees", "reviewed by": "committees",
        "select committee": "committees", "select committees": "committees",
        "notes": "notes",
    },
    "Budget": dict(_COMMON),
    "Savings": {
        **_COMMON,
        "description": "description", "saving": "description", "details": "description",
        "status": "status", "delivery status": "status",
    },
    "KPIs": {
        **_COMMON,
        "code": "code", "pi code": "code", "ref": "code", "reference": "code", "indicator code": "code",
        "indicator": "indicator", "measure": "indicator", "pi name": "indicator", "pi": "indicator",
        "indicator name": "indicator", "performance indicator": "indicator",
        "period": "period", "month": "period", "quarter": "period",
        "target": "target",
        "actual": "actual", "performance": "actual", "outturn": "actual", "value": "actual", "result": "actual",
        "polarity": "polarity", "good performance is": "polarity",
        "unit": "unit", "units": "unit",
        "tolerance": "tolerance",
        "commentary": "commentary", "comments": "commentary", "comment": "commentary", "notes": "commentary",
        "override": "override", "officer override": "override", "override band": "override",
        "override reason": "override_reason", "reason for override": "override_reason",
    },
    "Staff": {
        **_COMMON,
        "fte": "fte", "ftes": "fte", "staff": "fte", "staff fte": "fte", "staff ftes": "fte",
        "full time equivalents": "fte", "full time equivalent": "fte",
        "year": "year",
    },
    "Objectives": {
        **_COMMON,
        "objective": "objective", "objectives": "objective", "key objective": "objective",
        "key objectives": "objective", "key service objective": "objective", "key service objectives": "objective",
        "year": "year",
    },
    "Risks": {
        **_COMMON,
        "risk": "commentary", "risks": "commentary", "budget risk": "commentary", "budget risks": "commentary",
        "commentary": "commentary",
        "heading": "heading", "risk area": "heading", "area": "heading",
        "year": "year",
    },
}
# A row is the header when it has one of these columns.
HEADER_MARKERS = {
    "Services": {"service"},
    "Budget": {"service"},
    "Savings": {"service"},
    "KPIs": {"indicator", "code"},
    "Staff": {"service"},
    "Objectives": {"service"},
    "Risks": {"service", "directorate"},
}


@dataclass(frozen=True)
class ColumnGuide:
    """One column of a return: its meaning, the header templates use, whether it is required, and what goes in it."""

    meaning: str
    header: str
    required: bool
    what: str
    example: tuple[object, ...] = ()  # one value per example row of the template


YEAR_COLUMNS = "one column per year"  # the money sheets' period columns, not a single header
# The returns' columns, in template order. The importer's header synonyms include every header
# here and its required columns come from here, and the templates are written from here, so the
# two cannot drift apart.
COLUMN_GUIDE: dict[str, list[ColumnGuide]] = {
    "Services": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR")),
        ColumnGuide("service", "Service", True, "The service's name", ("Revenues", "Finance")),
        ColumnGuide("aliases", "Also known as", False, "Other names returns use for it, separated by ;", ("Revenues & Benefits; Local Tax", None)),
        ColumnGuide("committees", "Reviewed by", False, "Committees reviewing it, separated by ;, the part reviewed in brackets",
                    ("Services Select Committee", "Services Select Committee")),
        ColumnGuide("notes", "Notes", False, "Anything a reader should know", (None, None)),
    ],
    "Budget": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR", None)),
        ColumnGuide("service", "Service", True, "The service's name; a row whose name contains 'total' is a total, checked against its rows",
                    ("Finance", "Revenues", "TOTAL")),
        ColumnGuide(YEAR_COLUMNS, "2012/13", True, "Net budget for each year (headings such as 2012/13, Budget 12/13); "
                    "£000 unless a title or heading says £, £k or £m; negative for net income; - means zero",
                    ("2,834", "(154)", "2,680")),
    ],
    "Savings": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR", None)),
        ColumnGuide("service", "Service", True, "The service's name; a row whose name contains 'total' is a total, checked against its rows",
                    ("Finance", "Revenues", "TOTAL")),
        ColumnGuide(YEAR_COLUMNS, "2012/13", True, "Savings for each period (2012/13, or a range such as 2008 - 10), £000 unless a title says otherwise",
                    (50, 30, 80)),
        ColumnGuide("description", "Description", False, "What the saving is", ("Shared service with Dartford", "Self-service", None)),
        ColumnGuide("status", "Status", False, "delivered, on track, at risk or undeliverable", ("on track", "at risk", None)),
    ],
    "KPIs": [
        ColumnGuide("code", "Code", False, "The indicator's reference", ("HB01", "CS01")),
        ColumnGuide("indicator", "Indicator", True, "The indicator's name", ("Average days to process new benefit claims", "Calls answered within 20 seconds")),
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "IT & Facilities Management")),
        ColumnGuide("service", "Service", True, "The service it belongs to", ("Housing Benefits", "Customer Services")),
        ColumnGuide("period", "Period", True, "A financial year (2012/13), quarter (Q2 2012/13) or month (Aug 2012)", ("Aug 2012", "Q2 2012/13")),
        ColumnGuide("target", "Target", True, "A number (90%+, <12, 3.4+), Yes/No, or text", ("<= 20", "80%")),
        ColumnGuide("actual", "Actual", True, "A number (92.28%, 11.3 sq m), Yes/No, or N/A, TBC... for no data", (26.5, "84%")),
        ColumnGuide("polarity", "Polarity", False, "Higher is better or Lower is better (otherwise the target decides)", ("Lower is better", None)),
        ColumnGuide("unit", "Unit", False, "days, %, £...", ("days", "%")),
        ColumnGuide("tolerance", "Tolerance", False, "How far short is still Amber (default 10%)", (None, "5%")),
        ColumnGuide("commentary", "Commentary", False, "Why, and what is being done", ("Backlog after the system upgrade", None)),
        ColumnGuide("override", "Override", False, "An officer's band (Green, Amber or Red) instead of the computed one", (None, None)),
        ColumnGuide("override_reason", "Override reason", False, "Why the band is overridden (required with an Override)", (None, None)),
    ],
    "Staff": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR",)),
        ColumnGuide("service", "Service", True, "The service's name", ("Finance",)),
        ColumnGuide("fte", "FTE", True, "Full time equivalent staff", (24.5,)),
        ColumnGuide("year", "Year", False, "The financial year (or put it in a title row)", ("2012/13",)),
    ],
    "Objectives": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR",)),
        ColumnGuide("service", "Service", True, "The service's name", ("Finance",)),
        ColumnGuide("objective", "Objective", True, "One key service objective per row", ("Close the accounts by 30 June",)),
        ColumnGuide("year", "Year", False, "The financial year (or put it in a title row)", ("2012/13",)),
    ],
    "Risks": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Housing & Communications",)),
        ColumnGuide("service", "Service", False, "The service, if the risk is one service's", (None,)),
        ColumnGuide("heading", "Heading", False, "A short heading", ("Housing - Homeless",)),
        ColumnGuide("commentary", "Budget risk", True, "The budget risk, in words", ("Bed and breakfast costs may exceed the budget",)),
        ColumnGuide("year", "Year", False, "The financial year (or put it in a title row)", ("2012/13",)),
    ],
}
for _kind, _guide in COLUMN_GUIDE.items():
    for _column in _guide:
        if _column.meaning != YEAR_COLUMNS:
            HEADER_SYNONYMS[_kind].setdefault(_header_text(_column.header), _column.meaning)
REQUIRED_COLUMNS = {
    kind: tuple(c.meaning for c in guide if c.required and c.meaning != YEAR_COLUMNS)
    for kind, guide in COLUMN_GUIDE.items() if kind not in ("Budget", "Savings")
}
SAVINGS_STATUSES = {
    "delivered": "delivered", "achieved": "delivered", "complete": "delivered", "completed": "delivered",
    "on track": "on track", "on target": "on track",
    "at risk": "at risk",
    "undeliverable": "undeliverable", "not deliverable": "undeliverable", "unachievable": "undeliverable",
}
OVERRIDE_BANDS = {"green": "Green", "g": "Green", "amber": "Amber", "a": "Amber", "red": "Red", "r": "Red"}


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


class _Unreadable(Exception):
    """A sheet too large or malformed to read; the message is for the user."""


def _number_format(row: Row, index: int) -> str:
    return (row[index].number_format or "General") if index < len(row) else "General"


# A national return repeats its targets, placeholders and periods thousands of times.
_parse_measure = lru_cache(maxsize=65536)(parse_measure)
_parse_kpi_period = lru_cache(maxsize=4096)(parse_kpi_period)


def _value(row: Row, index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    value = row[index].value
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _text(row: Row, index: int | None) -> str | None:
    value = _value(row, index)
    if value is None:
        return None
    text = " ".join(cell_display(value).split())
    return text or None


def _cell_ref(index: int, row_number: int) -> str:
    return f"{get_column_letter(index + 1)}{row_number}"


# ---------------------------------------------------------------------------- the reader

UNSAFE_XML = ("the workbook's XML declares entities (a DOCTYPE), which Excel never writes and which can be built to exhaust "
              "the server, so it was not read; save it again from Excel as an Excel Workbook (.xlsx)")


def refuse_unless_xlsx(data: bytes, file_name: str) -> None:
    """Refuse, with a one-line reason and what to do, anything that is not an .xlsx workbook."""
    if not data:
        raise WorkbookRefused(f"{file_name}: the file is empty; expected an Excel workbook (.xlsx)")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise WorkbookRefused(
                f"{file_name}: the workbook is password-protected; remove the password in Excel "
                "(File > Info > Protect Workbook) and save it again as .xlsx"
            )
        raise WorkbookRefused(f"{file_name}: this is an old Excel 97-2003 (.xls) file; {SAVE_AS_XLSX}")
    if data.startswith(b"%PDF"):
        raise WorkbookRefused(f"{file_name}: this is a PDF, not a workbook; load the Excel return it was made from (.xlsx)")
    if not data.startswith(b"PK"):
        kind = "a CSV or text file" if _looks_like_text(data) else "not an Excel workbook"
        raise WorkbookRefused(f"{file_name}: this is {kind}; {SAVE_AS_XLSX}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise WorkbookRefused(f"{file_name}: this is an OpenDocument spreadsheet (.ods); {SAVE_AS_XLSX}")
            if "xl/workbook.xml" not in names:
                raise WorkbookRefused(f"{file_name}: this is a zip file but not an Excel workbook; {SAVE_AS_XLSX}")
            inflated = sum(info.file_size for info in archive.infolist())
            if inflated > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookRefused(
                    f"{file_name}: the workbook would expand to {inflated // (1024 * 1024):,} MB, more than a return "
                    f"can hold ({MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB); check it is the right file"
                )
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")) and _declares_entities(archive, info):
                    raise WorkbookRefused(f"{file_name}: {UNSAFE_XML} ({info.filename})")
    except zipfile.BadZipFile as error:
        raise WorkbookRefused(f"{file_name}: the file is damaged or incomplete ({error}); {SAVE_AS_XLSX}") from error


_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (before its root element) has a DOCTYPE: Excel never writes one."""
    seen = b""
    with archive.open(info) as stream:
        while chunk := stream.read(64 * 1024):
            seen = seen[-16:] + chunk
            root = _ROOT_START.search(seen)
            prolog = seen[: root.start()] if root else seen
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                return True
            if root:
                return False
    return False


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_return(
    data: bytes,
    file_name: str,
    *,
    service_directorates: Mapping[str, str] | None = None,
    strict: bool = False,
) -> ParsedReturn:
    """Read a return workbook, collecting every error and warning rather than stopping at the first.

    `service_directorates` maps service name keys (values.name_key) to directorate names
    already known (from the database), so "<Directorate> Total" rows can be checked.
    `strict` makes a totals mismatch an error instead of a warning.
    Raises WorkbookRefused when the file is not a readable .xlsx workbook at all.
    """
    refuse_unless_xlsx(data, file_name)
    parsed = ParsedReturn(file_name=file_name, content_hash=hashlib.sha256(data).hexdigest())
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many types for damaged files, often wrapping the cause
        raise WorkbookRefused(f"{file_name}: {_unreadable(error)}") from error
    try:
        _read_sheets(parsed, workbook, dict(service_directorates or {}), strict)
    except _Unreadable as problem:
        raise WorkbookRefused(f"{file_name}: {problem}") from problem
    except (defusedxml.DefusedXmlException, zipfile.BadZipFile, SyntaxError, ValueError, KeyError, EOFError, OSError) as error:
        raise WorkbookRefused(f"{file_name}: {_unreadable(error)}") from error  # XML's ParseError is a SyntaxError
    finally:
        workbook.close()
    return parsed


def _unreadable(error: BaseException) -> str:
    """One line for a workbook openpyxl could not read, naming the cause it wraps."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, defusedxml.DefusedXmlException):
            return UNSAFE_XML
        if isinstance(cause, zipfile.BadZipFile):
            return f"the file is damaged or incomplete ({cause}); {SAVE_AS_XLSX}"
        cause = cause.__cause__ or cause.__context__
    return f"the workbook cannot be read ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else 'no detail'}); {SAVE_AS_XLSX}"


def _read_sheets(parsed: ParsedReturn, workbook, directorates: dict[str, str], strict: bool) -> None:  # type: ignore[no-untyped-def]
    by_kind: dict[str, object] = {}
    hidden: list[str] = []
    for sheet in workbook.worksheets:
        kind = SHEET_KINDS.get(" ".join(sheet.title.split()).casefold())
        if sheet.sheet_state != "visible":
            parsed.sheets_ignored.append(f"{sheet.title} (hidden)")
            hidden.append(sheet.title)
            if kind is not None:
                parsed.warnings.append(Problem(sheet.title, "", (
                    "the sheet is hidden in Excel, so it was not read: unhide it (right-click a sheet tab, Unhide) "
                    "and load the file again if it should be")))
        elif kind is None:
            parsed.sheets_ignored.append(sheet.title)
        elif kind in by_kind:
            first = by_kind[kind].title  # type: ignore[attr-defined]
            parsed.errors.append(Problem(sheet.title, "", (
                f'this is a second {kind} sheet (the first is "{first}"): expected one {kind} sheet; '
                "merge them or rename the one that should not be loaded")))
        else:
            by_kind[kind] = sheet
    if not by_kind and not parsed.errors:
        found = ", ".join(t for t in workbook.sheetnames if t not in hidden)
        parsed.errors.append(Problem("", "", (
            "no sheet of a return was found: expected sheets named Services, Budget, Savings, KPIs, "
            "Staff, Objectives or Risks (sheets found: " + (found or "none") + ")"
            + (f"; hidden sheets are not read: {', '.join(hidden)}" if hidden else "")
        )))
    for kind in SHEET_ORDER:
        sheet = by_kind.get(kind)
        if sheet is None:
            continue
        parsed.sheets_read.append(sheet.title)  # type: ignore[attr-defined]
        before = {name: len(getattr(parsed, name)) for name in _ROW_LISTS}
        _SheetReader(parsed, sheet, kind, directorates, strict).read()
        added = [row for name in _ROW_LISTS for row in getattr(parsed, name)[before[name]:]]
        _check_lengths(parsed, sheet.title, added)  # type: ignore[attr-defined]


_ROW_LISTS = ("services", "budget", "savings", "kpis", "staff", "objectives", "risks", "totals")


@lru_cache(maxsize=1)
def _limits() -> dict[str, int]:
    """The most characters each database column holds (its declared size), looked up once: the reader refuses
    longer text at its cell rather than cut it short or leave the database to fail."""
    from data_layer.models import BudgetLine, BudgetRisk, Directorate, Indicator, IndicatorValue, PrintedTotal, SavingsLine, Service

    columns = {"service": Service.name, "directorate": Directorate.name, "notes": Service.notes, "amount": BudgetLine.original_text,
               "description": SavingsLine.description, "indicator": Indicator.name, "code": Indicator.code, "unit": Indicator.unit,
               "target": IndicatorValue.target_text, "actual": IndicatorValue.actual_text, "label": PrintedTotal.label,
               "heading": BudgetRisk.heading}
    return {name: column.type.length for name, column in columns.items()}


def _texts(row: object) -> list[tuple[str, str | None, int]]:
    """A row's texts, each with what it is and the most the database stores of it (its column's size)."""
    size = _limits()
    name, directorate = size["service"], size["directorate"]
    if isinstance(row, ServiceRow):
        return [("service name", row.name, name), ("directorate name", row.directorate, directorate), ("notes", row.notes, size["notes"]),
                *(("other name", alias, name) for alias in row.aliases),
                *(text for committee, scope in row.committees for text in (("committee name", committee, name), ("committee part", scope, name)))]
    if isinstance(row, MoneyRow):
        return [("service name", row.service, name), ("directorate name", row.directorate, directorate),
                ("amount as written", row.text, size["amount"]), ("description", row.description, size["description"])]
    if isinstance(row, KpiRow):
        return [("indicator name", row.name, size["indicator"]), ("indicator code", row.code, size["code"]),
                ("service name", row.service, name), ("directorate name", row.directorate, directorate), ("unit", row.unit, size["unit"]),
                ("target", row.target.text, size["target"]), ("actual", row.actual.text, size["actual"])]
    if isinstance(row, TotalCheck):
        return [("total's label", row.label, size["label"])]
    if isinstance(row, TextRow):
        return [("service name", row.service, name), ("directorate name", row.directorate, directorate), ("heading", row.heading, size["heading"])]
    if isinstance(row, FteRow):
        return [("service name", row.service, name), ("directorate name", row.directorate, directorate)]
    return []


def _check_lengths(parsed: ParsedReturn, sheet: str, rows: Iterable[object]) -> None:
    """Text longer than its place in the database holds is refused with its cell, never cut short or left to fail."""
    seen: set[tuple[str, str]] = set()
    for row in rows:
        for what, text, limit in _texts(row):
            if text is not None and len(text) > limit and (what, text) not in seen:
                seen.add((what, text))
                parsed.errors.append(Problem(sheet, getattr(row, "cell", ""), (
                    f'the {what} is {len(text):,} characters long ("{text[:40]}..."): expected at most {limit:,} characters')))


class _SheetReader:
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
            raise _Unreadable(self._too_many_rows(self.scan.last_row))
        formulas = self.scan.formulas_without_result
        clean: set[str] = set()
        rows = plain_rows(self.sheet, MAX_ROWS)  # the same cells as openpyxl's, several times faster; None for unusual XML
        if rows is None:
            self.sheet.reset_dimensions()
            rows = ((number, raw) for number, raw in enumerate(self.sheet.iter_rows(), start=1) if raw)
        for number, raw in rows:
            if number > MAX_ROWS:
                raise _Unreadable(self._too_many_rows(number))
            row: Row = raw if type(raw) is list else list(raw)  # openpyxl gives tuples; ours are lists of our own
            filled = False
            for index, cell in enumerate(row):
                value = cell.value
                if value is None:
                    if formulas and (number, index) in formulas:
                        formula = formulas[(number, index)]
                        self.error(_cell_ref(index, number), (
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
        ref = _cell_ref(index, number)
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
        if self.kind in ("Budget", "Savings"):
            self._read_money(header, header_row, header_number, body)
        elif self.kind == "Services":
            self._read_services(header, body)
        elif self.kind == "KPIs":
            self._read_kpis(header, body)
        elif self.kind == "Staff":
            self._read_staff(header, body)
        else:
            self._read_text(header, body)

    def _figure_columns(self, header: dict[str, int], header_row: Row) -> set[int]:
        if self.kind in ("Budget", "Savings"):
            return {index for index, cell in enumerate(header_row)
                    if index not in header.values() and cell.value is not None and find_year_period(cell_display(cell.value))}
        figures = {"KPIs": ("target", "actual", "tolerance", "override"), "Staff": ("fte",)}.get(self.kind, ())
        return {header[name] for name in figures if name in header}

    def _merged_cells(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        """Read merged cells as a person sees them.

        A heading merged across columns that hold figures leaves those columns without a
        heading: an error. In the body, a name merged down several rows (a directorate, say)
        applies to each of them; a figure merged across cells is an error.
        """
        rows = dict(body)
        figures = self._figure_columns(header, header_row)
        for min_col, min_row, max_col, max_row in self.scan.merged:
            span = f"{_cell_ref(min_col - 1, min_row)}:{_cell_ref(max_col - 1, max_row)}"
            if max_row < header_number:
                continue  # a title
            if min_row <= header_number:
                if max_col > min_col and any(_value(row, index) is not None for _, row in body for index in range(min_col, max_col)):
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
            meaning = synonyms.get(_header_text(cell.value))
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
        written = _text(row, header.get("year"))
        if written:
            period = find_year_period(written)
            if period is None or period.kind != YEAR:
                self.error(_cell_ref(header["year"], number), f'"{written}" is not a financial year: expected e.g. 2012/13')
                return None
            return period.label
        year = self._title_year()
        if year is None:
            self.error(f"A{number}", "no year given: add a 'Year' column or put the year (e.g. 2012/13) in a title row")
        return year

    def _directorate(self, row: Row, header: dict[str, int], service: str | None) -> str | None:
        written = _text(row, header.get("directorate"))
        if written:
            if service:
                self.directorates.setdefault(name_key(service), written)
            return written
        if service:
            return self.directorates.get(name_key(service))
        return None

    # -- Services
    def _read_services(self, header: dict[str, int], body: list[tuple[int, Row]]) -> None:
        seen: dict[str, int] = {}
        for number, row in body:
            name = _text(row, header["service"])
            if not name:
                self.error(_cell_ref(header["service"], number), "the service name is blank: expected a service name")
                continue
            if name_key(name) in seen:
                self.error(_cell_ref(header["service"], number), f'"{name}" is listed twice (also row {seen[name_key(name)]}): expected one row per service')
                continue
            seen[name_key(name)] = number
            directorate = _text(row, header.get("directorate"))
            if directorate:
                self.directorates[name_key(name)] = directorate
            aliases = [a.strip() for a in (_text(row, header.get("aliases")) or "").split(";") if a.strip()]
            committees = []
            for part in (_text(row, header.get("committees")) or "").split(";"):
                match = re.match(r"^\s*(.*?)\s*(?:\((.*)\))?\s*$", part)
                if match and match.group(1):
                    committees.append((match.group(1), (match.group(2) or "").strip() or None))
            self.parsed.services.append(ServiceRow(
                name=name, cell=_cell_ref(header["service"], number), directorate=directorate,
                aliases=aliases, committees=committees, notes=_text(row, header.get("notes")),
            ))

    # -- Budget and Savings
    def _read_money(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        table_unit = DEFAULT_UNIT
        for text in self.title_texts:
            table_unit = find_unit(text) or table_unit
        periods = self._period_columns(header, header_row, header_number, table_unit)
        target = self.parsed.budget if self.kind == "Budget" else self.parsed.savings
        seen: dict[tuple[str, str], str] = {}
        # Service rows since the last total or header, and every service row of the sheet,
        # each as (directorate key, service name, {period label: amount}).
        since_total: list[tuple[str | None, str, dict[str, Decimal]]] = []
        all_rows: list[tuple[str | None, str, dict[str, Decimal]]] = []
        directorate_covered: dict[str, int] = {}
        for number, row in body:
            label = _text(row, header["service"])
            if label and _header_text(label) in ("service", "service name"):
                header = self._columns(row)  # a second table with its own header
                periods = self._period_columns(header, row, number, table_unit)
                since_total = []
                continue
            if label and "total" in label.casefold():
                amounts = self._amounts(row, number, periods)
                self._check_total(label, number, amounts, periods, since_total, all_rows, directorate_covered)
                since_total = []
                continue
            amounts = self._amounts(row, number, periods)
            if not label:
                if amounts:
                    self.error(_cell_ref(header["service"], number), "amounts without a service name: expected the service in this cell")
                continue
            directorate = self._directorate(row, header, label)
            description = _text(row, header.get("description"))
            status = self._status(row, header, number)
            for period_label, (amount, text, cell, period) in amounts.items():
                key = (name_key(label), period_label)
                if key in seen:
                    self.error(cell, f'"{label}" has a second {period_label} amount in this sheet (first at {seen[key]}): expected one row per service')
                    continue
                seen[key] = cell
                target.append(MoneyRow(label, directorate, period, amount, text, cell, description, status))
            row_amounts = {p: a for p, (a, *_rest) in amounts.items()}
            entry = (name_key(directorate) if directorate else None, label, row_amounts)
            since_total.append(entry)
            all_rows.append(entry)

    def _period_columns(self, header: dict[str, int], header_row: Row, number: int, table_unit: Decimal) -> dict[int, tuple[Period, Decimal]]:
        periods: dict[int, tuple[Period, Decimal]] = {}
        used: dict[str, str] = {}
        for index, cell in enumerate(header_row):
            if index in header.values() or cell.value is None:
                continue
            text = cell_display(cell.value)
            period = find_year_period(text)
            if period is None:
                continue
            ref = _cell_ref(index, number)
            if period.label in used:
                self.error(ref, f'"{text}" is the same period as {used[period.label]}: expected each year in one column')
                continue
            used[period.label] = ref
            periods[index] = (period, find_unit(text) or table_unit)
        if not periods:
            self.error(f"A{number}", "the header has no year columns: expected headings such as 2012/13, Budget 12/13 or 2008 - 10")
        return periods

    def _amounts(self, row: Row, number: int, periods: dict[int, tuple[Period, Decimal]]) -> dict[str, tuple[Decimal, str, str, Period]]:
        amounts: dict[str, tuple[Decimal, str, str, Period]] = {}
        for index, (period, unit) in periods.items():
            value = _value(row, index)
            ref = _cell_ref(index, number)
            try:
                amount = parse_amount(value, unit)
            except ValueProblem as problem:
                self.error(ref, str(problem))
                continue
            if amount is not None:
                amounts[period.label] = (amount, cell_display(value), ref, period)
        return amounts

    def _status(self, row: Row, header: dict[str, int], number: int) -> str | None:
        written = _text(row, header.get("status"))
        if not written:
            return None
        status = SAVINGS_STATUSES.get(written.casefold())
        if status is None:
            self.error(_cell_ref(header["status"], number), f'"{written}" is not a delivery status: expected delivered, on track, at risk or undeliverable')
        return status

    def _check_total(
        self,
        label: str,
        number: int,
        printed: dict[str, tuple[Decimal, str, str, Period]],
        periods: dict[int, tuple[Period, Decimal]],
        since_total: list[tuple[str | None, str, dict[str, Decimal]]],
        all_rows: list[tuple[str | None, str, dict[str, Decimal]]],
        directorate_covered: dict[str, int],
    ) -> None:
        """Check a printed total against the rows it covers.

        '<Directorate> Total' covers every row of that directorate in the sheet (so a total
        spanning two tables of one directorate checks); 'Grand total' covers the whole sheet;
        any other total covers the rows since the previous total or header.
        """
        named = re.sub(r"(?i)\b(sub[\s\-]?)?totals?\b", "", label).strip(" :-–")
        known = {name_key(d) for d in self.directorates.values()} | {d for d, _, _ in all_rows if d}
        if named and name_key(named) in known:
            covered = [(service, amounts) for directorate, service, amounts in all_rows if directorate == name_key(named)]
        elif re.search(r"(?i)\b(grand|overall|council)\b", label):
            covered = [(service, amounts) for _, service, amounts in all_rows]
        else:
            covered = [(service, amounts) for _, service, amounts in since_total]
        for period_label, (amount, _written, cell, _period) in printed.items():
            computed = sum((row.get(period_label, Decimal(0)) for _, row in covered), Decimal(0))
            check = TotalCheck(self.name, cell, label, period_label, amount, computed,
                               [service for service, _ in covered], self.kind)
            self.parsed.totals.append(check)
            if not check.matches:
                message = (f'the printed total "{label}" for {period_label} is {format_pounds(amount)} but the rows it covers '
                           f"add up to {format_pounds(computed)}")
                if self.strict:
                    self.error(cell, message + " (--strict makes this an error)")
                else:
                    self.warning(cell, message)

    # -- KPIs
    def _read_kpis(self, header: dict[str, int], body: list[tuple[int, Row]]) -> None:
        seen: dict[tuple[str, str, str], int] = {}
        for number, row in body:
            code = _text(row, header.get("code"))
            name = _text(row, header.get("indicator")) or code
            service = _text(row, header.get("service"))
            def ref(column: str, number: int = number) -> str:
                return _cell_ref(header[column], number)

            if not name:
                self.error(ref("indicator"), "the indicator name is blank: expected the indicator's name or code")
                continue
            if not service:
                self.error(ref("service"), f'"{name}" has no service: expected the service it belongs to')
                continue
            period_value = _value(row, header["period"])
            period = _parse_kpi_period(period_value)
            if period is None:
                shown = cell_display(period_value)
                self.error(ref("period"), (f'"{shown}" is not a period' if shown else "the period is blank")
                           + ": expected a financial year (2012/13), a quarter (Q2 2012/13) or a month (Aug 2012)")
                continue
            key = (name_key(service), (code or name_key(name)).casefold(), period.label)
            if key in seen:
                self.error(ref("indicator"), f'"{name}" for {period.label} appears twice (also row {seen[key]}): expected one row per indicator per period')
                continue
            seen[key] = number
            target = self._measure(row, header["target"], number)
            actual = self._measure(row, header["actual"], number)
            if target is None or actual is None:
                continue
            if actual.kind == TEXT:
                self.warning(ref("actual"), f'"{actual.text}" is not a number or Yes/No; it is shown as No data')
            polarity = tolerance = None
            try:
                polarity = parse_polarity(_value(row, header.get("polarity")))
            except ValueProblem as problem:
                self.error(ref("polarity"), str(problem))
            if "tolerance" in header:
                try:
                    index = header["tolerance"]
                    tolerance = parse_tolerance(_value(row, index), _number_format(row, index))
                except ValueProblem as problem:
                    self.error(ref("tolerance"), str(problem))
            override = None
            written_override = _text(row, header.get("override"))
            reason = _text(row, header.get("override_reason"))
            if written_override:
                override = OVERRIDE_BANDS.get(written_override.casefold())
                if override is None:
                    self.error(ref("override"), f'"{written_override}" is not a band: expected Green, Amber or Red')
                elif not reason:
                    where = ref("override_reason") if "override_reason" in header else ref("override")
                    self.error(where, f"the override {override} has no reason: expected an 'Override reason' saying why")
            self.parsed.kpis.append(KpiRow(
                code=code, name=name, service=service, directorate=self._directorate(row, header, service),
                period=period, target=target, actual=actual, cell=ref("indicator"), polarity=polarity,
                tolerance=tolerance, unit=_text(row, header.get("unit")), commentary=_text(row, header.get("commentary")),
                override=override, override_reason=reason if override else None,
            ))

    def _measure(self, row: Row, index: int, number: int) -> Measure | None:
        value = _value(row, index)
        try:
            return _parse_measure(value, _number_format(row, index))
        except ValueProblem as problem:
            self.error(_cell_ref(index, number), str(problem))
            return None

    # -- Staff, Objectives, Risks
    def _read_staff(self, header: dict[str, int], body: list[tuple[int, Row]]) -> None:
        for number, row in body:
            service = _text(row, header["service"])
            value = _value(row, header["fte"])
            if not service:
                self.error(_cell_ref(header["service"], number), "the service name is blank: expected a service name")
                continue
            try:
                fte = parse_amount(value, Decimal(1))
            except ValueProblem:
                self.error(_cell_ref(header["fte"], number), f'"{cell_display(value)}" is not a number of staff: expected FTEs such as 12.5')
                continue
            if fte is None:
                continue
            year = self._row_year(row, header, number)
            if year:
                self.parsed.staff.append(FteRow(service, self._directorate(row, header, service), year, fte, _cell_ref(header["fte"], number)))

    def _read_text(self, header: dict[str, int], body: list[tuple[int, Row]]) -> None:
        column = "objective" if self.kind == "Objectives" else "commentary"
        target = self.parsed.objectives if self.kind == "Objectives" else self.parsed.risks
        for number, row in body:
            text = _text(row, header[column])
            service = _text(row, header.get("service"))
            if not text:
                continue
            if self.kind == "Objectives" and not service:
                self.error(_cell_ref(header["service"], number), "the service name is blank: expected the service this objective belongs to")
                continue
            directorate = self._directorate(row, header, service)
            if self.kind == "Risks" and not service and not directorate:
                self.error(f"A{number}", "the risk has neither a service nor a directorate: expected one of them")
                continue
            year = self._row_year(row, header, number)
            if year:
                target.append(TextRow(service, directorate, year, text, _cell_ref(header[column], number), _text(row, header.get("heading"))))
