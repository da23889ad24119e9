"""Reading a return workbook into a ParsedReturn, collecting every problem in it: the file refused unread when it is
not a safe .xlsx workbook, then each sheet handed to its kind's reader (READERS).

Pure: bytes in, a ParsedReturn out; nothing here touches the database. The loader
decides what to store. Rules: returns-spec sections 1-3 (and 5 for what a load reports).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache

import defusedxml
import openpyxl

from data_layer.returns.actions import ActionsSheetReader
from data_layer.returns.capital import CapitalSheetReader
from data_layer.returns.columns import (  # noqa: F401  (re-exported: the column guide and header words, as before the split)
    COLUMN_GUIDE,
    HEADER_MARKERS,
    HEADER_SYNONYMS,
    OVERRIDE_BANDS,
    REQUIRED_COLUMNS,
    SAVINGS_STATUSES,
    SHEET_KINDS,
    SHEET_ORDER,
    YEAR_COLUMNS,
    ColumnGuide,
)
from data_layer.returns.kpis import KpiSheetReader
from data_layer.returns.money import MoneySheetReader
from data_layer.returns.monitoring import MonitoringSheetReader
from data_layer.returns.parsed import (  # noqa: F401  (re-exported)
    ActionRow,
    CapitalRow,
    FteRow,
    KpiRow,
    MoneyRow,
    MonitoringRow,
    ParsedReturn,
    Problem,
    RiskRow,
    ServiceRow,
    TextRow,
    TotalCheck,
)
from data_layer.returns.risk_register import RisksSheetReader
from data_layer.returns.services import ServicesSheetReader
from data_layer.returns.sheet import HEADER_SEARCH_ROWS, MAX_ROWS, MAX_TEXT, SheetReader, Unreadable  # noqa: F401
from data_layer.returns.staff import StaffSheetReader
from data_layer.returns.text import TextSheetReader
from data_layer.risk_scale import DEFAULT_SCALE, RiskScale

# Limits that keep a hostile or mistaken file from exhausting the server. A national KPI
# return of 50,000 rows inflates to about 30 MB and has 50,000 rows.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a larger inflated workbook is refused unread
SAVE_AS_XLSX = "open it in Excel and save it as an Excel Workbook (.xlsx)"
# Each sheet kind's reader, each in its own module.
READERS: dict[str, type[SheetReader]] = {
    "Services": ServicesSheetReader, "Budget": MoneySheetReader, "Savings": MoneySheetReader, "KPIs": KpiSheetReader,
    "Staff": StaffSheetReader, "Objectives": TextSheetReader, "Risks": RisksSheetReader,
    "Monitoring": MonitoringSheetReader, "Capital": CapitalSheetReader, "Risk register": RisksSheetReader, "Actions": ActionsSheetReader,
}


class WorkbookRefused(Exception):
    """A file that is not a readable .xlsx workbook; the message is one line for the user."""


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
    risk_scale: RiskScale | None = None,
    today: date | None = None,
) -> ParsedReturn:
    """Read a return workbook, collecting every error and warning rather than stopping at the first.

    `service_directorates` maps service name keys (values.name_key) to directorate names
    already known (from the database), so "<Directorate> Total" rows can be checked.
    `strict` makes a totals mismatch an error instead of a warning. `risk_scale` is the council's (its words and bands);
    `today` is the day an action plan with no date of its own is taken as at.
    Raises WorkbookRefused when the file is not a readable .xlsx workbook at all.
    """
    refuse_unless_xlsx(data, file_name)
    parsed = ParsedReturn(file_name=file_name, content_hash=hashlib.sha256(data).hexdigest())
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many types for damaged files, often wrapping the cause
        raise WorkbookRefused(f"{file_name}: {_unreadable(error)}") from error
    try:
        _read_sheets(parsed, workbook, dict(service_directorates or {}), strict, risk_scale or DEFAULT_SCALE, today)
    except Unreadable as problem:
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


def _read_sheets(parsed: ParsedReturn, workbook, directorates: dict[str, str], strict: bool,  # type: ignore[no-untyped-def]
                 scale: RiskScale, today: date | None) -> None:
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
            "Staff, Objectives, Risks, Monitoring, Capital, Risk register or Actions (sheets found: " + (found or "none") + ")"
            + (f"; hidden sheets are not read: {', '.join(hidden)}" if hidden else "")
        )))
    for kind in SHEET_ORDER:
        sheet = by_kind.get(kind)
        if sheet is None:
            continue
        parsed.sheets_read.append(sheet.title)  # type: ignore[attr-defined]
        before = {name: len(getattr(parsed, name)) for name in _ROW_LISTS}
        reader = READERS[kind](parsed, sheet, kind, directorates, strict)
        if isinstance(reader, RisksSheetReader):
            reader.scale = scale
        elif isinstance(reader, ActionsSheetReader):
            reader.today = today
        if kind == "Risk register" and parsed.risk_register:
            parsed.errors.append(Problem(sheet.title, "", (  # type: ignore[attr-defined]
                "this is a second risk register (a Risks sheet already holds one): expected one register; merge them")))
            continue
        reader.read()
        added = [row for name in _ROW_LISTS for row in getattr(parsed, name)[before[name]:]]
        _check_lengths(parsed, sheet.title, added)  # type: ignore[attr-defined]


_ROW_LISTS = ("services", "budget", "savings", "kpis", "staff", "objectives", "risks", "monitoring", "capital", "risk_register", "actions",
              "totals")


@lru_cache(maxsize=1)
def _limits() -> dict[str, int]:
    """The most characters each database column holds (its declared size), looked up once: the reader refuses
    longer text at its cell rather than cut it short or leave the database to fail."""
    from data_layer.models import (
        BudgetLine,
        BudgetRisk,
        CapitalScheme,
        Directorate,
        Indicator,
        IndicatorValue,
        MonitoringLine,
        PrintedTotal,
        SavingsLine,
        Service,
    )

    columns = {"service": Service.name, "directorate": Directorate.name, "notes": Service.notes, "amount": BudgetLine.original_text,
               "description": SavingsLine.description, "indicator": Indicator.name, "code": Indicator.code, "unit": Indicator.unit,
               "target": IndicatorValue.target_text, "actual": IndicatorValue.actual_text, "label": PrintedTotal.label,
               "heading": BudgetRisk.heading, "scheme": CapitalScheme.scheme, "basis": MonitoringLine.budget_basis}
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
    if isinstance(row, MonitoringRow):
        return [("service name", row.service, name), ("directorate name", row.directorate, directorate),
                ("budget heading", row.budget_basis, size["basis"])]
    if isinstance(row, CapitalRow):
        return [("scheme name", row.scheme, size["scheme"]), ("service name", row.service, name),
                ("directorate name", row.directorate, directorate)]
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


