"""What the in-year sheets (Monitoring, Capital) share: the reporting period of a row (a Period column, else the
sheet's titles), kept inside its financial year, and their headings read by what they say rather than by an exact
word (real papers head a column "Projected (Under)/ Over Spend Compared to Working Estimate £").
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property, lru_cache

from data_layer.periods import MONTH, QUARTER, YEAR, Period, find_year_period, month, parse_kpi_period
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text, cell_value
from data_layer.values import cell_display, find_unit

# The headings both in-year sheets read the same way.
SHARED_HEADINGS = {
    **dict.fromkeys(("directorate", "head of service", "portfolio", "department"), "directorate"),
    **dict.fromkeys(("period", "month", "quarter", "reporting period", "as at"), "period"),
    **dict.fromkeys(("year", "financial year"), "year"),
}
PERIOD_EXPECTED = "expected a month (Sep 2012), a quarter (Q2 2012/13) or a period of the financial year (Period 6, with the year)"
_MONTH_WORDS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
                "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH_IN_TEXT = re.compile(rf"(?i)\b({_MONTH_WORDS})\.?\s+(\d{{4}}(?:\s*[/\-–]\s*\d{{2,4}})?)")
_QUARTER_IN_TEXT = re.compile(r"(?i)\b(Q[1-4])\s*[,:\-]?\s*(\d{4}\s*/\s*\d{2}|\d{2}\s*/\s*\d{2})")
_PERIOD_N = re.compile(r"(?i)^\s*(?:period|p)\s*(\d{1,2})\s*$")


def financial_month(number: int, year: Period) -> Period:
    """Period N of a financial year: 1 is April, 12 is March."""
    calendar_month = (number + 2) % 12 + 1
    return month(year.start.year + (0 if calendar_month >= 4 else 1), calendar_month)


def period_in_text(text: str) -> Period | None:
    """The last month or quarter a title names: "FIRST 9 MONTHS (APRIL 2009 TO DECEMBER 2009)" is December 2009;
    "SUMMARY SEPTEMBER 2012-13" is September 2012 (the month in that financial year)."""
    found: Period | None = None
    for match in _MONTH_IN_TEXT.finditer(text):
        written = match.group(2)
        year = find_year_period(written) if re.search(r"[/\-–]", written) else None
        named = parse_kpi_period(f"{match.group(1)[:3]} {written[:4]}")
        if named is None:
            continue
        if year is not None and year.kind == YEAR and named.start.month < 4:
            named = month(year.start.year + 1, named.start.month)
        found = named
    for match in _QUARTER_IN_TEXT.finditer(text):
        found = parse_kpi_period(f"{match.group(1)} {match.group(2)}") or found
    return found


@lru_cache(maxsize=4096)
def _period_written(text: str) -> Period | None:
    return parse_kpi_period(text)  # a national return writes the same twelve months 14,000 times


class InYearSheetReader(SheetReader):
    """A sheet whose rows are for a reporting period within a financial year, its headings read by `column_meaning`
    (what each says its column holds), its figures the columns of `MEASURES`."""

    MEASURES: dict[str, str] = {}

    @staticmethod
    def column_meaning(text: str) -> str | None:
        raise NotImplementedError

    def _columns(self, row: Row) -> dict[str, int]:
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            meaning = self.column_meaning(cell_display(cell.value)) if cell.value is not None else None
            if meaning and meaning not in columns:  # the first column of a meaning is its column
                columns[meaning] = index
        return columns

    def _figure_columns(self, header: dict[str, int], header_row: Row) -> set[int]:
        return {index for meaning, index in header.items() if meaning in self.MEASURES}

    def title_unit(self) -> Decimal | None:
        """The money unit the titles state (the last that states one), or None."""
        stated = None
        for text in self.title_texts:
            stated = find_unit(text) or stated
        return stated

    @cached_property
    def _title_periods(self) -> tuple[Period | None, Period | None]:
        """The titles' month (the last named) and financial year, read once: the titles are all above the header."""
        period = year = None
        for text in self.title_texts:
            period = period_in_text(text) or period
            found = find_year_period(text)
            if year is None and found is not None and found.kind == YEAR:
                year = found
        return period, year

    def sheet_period(self) -> Period | None:
        return self._title_periods[0]

    def title_financial_year(self) -> Period | None:
        return self._title_periods[1]

    def row_period(self, row: Row, header: dict[str, int], number: int) -> Period | None:
        """The row's reporting period (its Period column, else the titles'), within its financial year (a Year column
        or a title's); None, with the problem reported, when it has none or it falls outside that year."""
        year_written = cell_text(row, header.get("year"))
        year = find_year_period(year_written) if year_written else self.title_financial_year()
        if year_written and (year is None or year.kind != YEAR):
            self.error(cell_ref(header["year"], number), f'"{year_written}" is not a financial year: expected e.g. 2012/13')
            return None
        value = cell_value(row, header.get("period"))
        where = cell_ref(header["period"], number) if "period" in header else f"A{number}"
        if value is None or (isinstance(value, str) and not value.strip()):
            period = self.sheet_period()
            if period is None:
                self.error(where, "no reporting period: add a 'Period' column (e.g. Sep 2012) or put the month in a title row, "
                           + PERIOD_EXPECTED)
                return None
        else:
            written = cell_display(value)
            numbered = _PERIOD_N.match(written) if isinstance(value, str) else None
            if numbered:
                if year is None:
                    self.error(where, f'"{written}" needs its financial year: add a \'Year\' column or a title row such as 2012/13')
                    return None
                if not 1 <= int(numbered.group(1)) <= 12:
                    self.error(where, f'"{written}" is not a period of the financial year: expected Period 1 (April) to Period 12 (March)')
                    return None
                period = financial_month(int(numbered.group(1)), year)
            else:
                period = parse_kpi_period(value) if not isinstance(value, str) else _period_written(value)
                if period is None or period.kind not in (MONTH, QUARTER):
                    self.error(where, f'"{written}" is not a reporting period: ' + PERIOD_EXPECTED)
                    return None
        if year is not None and period.financial_year != year.label:
            self.error(where, f"{period.label} is outside the financial year {year.label}: expected a month from April "
                       f"{year.start.year} to March {year.start.year + 1}")
            return None
        return period
