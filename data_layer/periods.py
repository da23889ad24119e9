"""Financial-year, quarter and month periods as councils write them.

The UK local-government financial year runs April to March, so "2012/13" is
1 April 2012 to 31 March 2013 and Q1 2012/13 is April to June 2012.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

YEAR = "year"
YEARS = "years"  # a multi-year range such as "2008 - 10", kept whole
QUARTER = "quarter"
MONTH = "month"


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; ordering is by end date, then by start date."""

    end: date
    start: date
    label: str
    kind: str

    @property
    def financial_year(self) -> str:
        """The financial year the period ends in (a range reports its last year)."""
        return financial_year_label(self.end.year if self.end.month >= 4 else self.end.year - 1)


def financial_year_label(start_year: int) -> str:
    """2012 -> '2012/13'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year(start_year: int) -> Period:
    return Period(
        end=date(start_year + 1, 3, 31),
        start=date(start_year, 4, 1),
        label=financial_year_label(start_year),
        kind=YEAR,
    )


def year_range(first_start_year: int, last_start_year: int) -> Period:
    return Period(
        end=date(last_start_year + 1, 3, 31),
        start=date(first_start_year, 4, 1),
        label=f"{financial_year_label(first_start_year)}-{financial_year_label(last_start_year)}",
        kind=YEARS,
    )


def quarter(number: int, start_year: int) -> Period:
    first_month = 4 + 3 * (number - 1)
    year = start_year + (first_month - 1) // 12
    first_month = (first_month - 1) % 12 + 1
    last_month = first_month + 2
    return Period(
        end=date(year, last_month, calendar.monthrange(year, last_month)[1]),
        start=date(year, first_month, 1),
        label=f"Q{number} {financial_year_label(start_year)}",
        kind=QUARTER,
    )


def month(year: int, month_number: int) -> Period:
    return Period(
        end=date(year, month_number, calendar.monthrange(year, month_number)[1]),
        start=date(year, month_number, 1),
        label=f"{calendar.month_abbr[month_number]} {year}",
        kind=MONTH,
    )


def _full_year(two_or_four_digits: str) -> int:
    number = int(two_or_four_digits)
    return number if len(two_or_four_digits) == 4 else 2000 + number


# "2012/13", "2012-13", "2012/2013", "2008 - 10", "FY2012-13", "2011/ 12".
_LONG_YEAR = re.compile(r"(?<!\d)(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})(?!\d)")
# "12/13", "Budget 10/11": two-digit pairs only with a slash, so "12-08" is not a year.
_SHORT_YEAR = re.compile(r"(?<![\d/])(\d{2})\s*/\s*(\d{2})(?![\d/])")


def find_year_period(text: str) -> Period | None:
    """The financial year or multi-year range named in a heading, or None.

    Handles '2012/13', '12/13', '2012-13', '2012/2013', 'Budget 12/13', 'FY2012-13',
    '2011/ 12' and ranges such as '2008 - 10' (2008/09 to 2009/10, kept whole).
    Pairs whose second year is not later than the first ('2012-08') are not years.
    """
    for pattern in (_LONG_YEAR, _SHORT_YEAR):
        for match in pattern.finditer(text):
            first = _full_year(match.group(1))
            second_text = match.group(2)
            if len(second_text) == 2:
                second = (first // 100) * 100 + int(second_text)
                if second < first:
                    second += 100
            else:
                second = int(second_text)
            span = second - first
            if span == 1:
                return financial_year(first)
            if 1 < span <= 10:
                return year_range(first, second - 1)
    return None


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_NAME = re.compile(r"^([A-Za-z]+)\.?[\s\-']*(\d{4}|\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_WHOLE_YEAR = re.compile(r"(?:FY\s*)?(?:\d{4}|\d{2})\s*[/\-–]\s*(?:\d{4}|\d{2})", re.IGNORECASE)
_QUARTER = re.compile(r"^Q([1-4])\s*[,:\-]?\s*(.+)$|^(.+?)\s*[,:\-]?\s*Q([1-4])$", re.IGNORECASE)


def parse_kpi_period(value: object) -> Period | None:
    """The period of a KPI row: a financial year, a quarter or a month, else None.

    Accepts '2011/12', 'Q2 2012/13', '2012/13 Q2', '11/12: Q4', 'Aug 2012', 'August 2012',
    '2012-08', and date cells (taken as their month).
    """
    if isinstance(value, (datetime, date)):
        return month(value.year, value.month)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    if match := _QUARTER.match(text):
        number = int(match.group(1) or match.group(4))
        year_text = match.group(2) or match.group(3)
        year = find_year_period(year_text)
        if year is not None and year.kind == YEAR:
            return quarter(number, year.start.year)
        return None
    if match := _ISO_MONTH.match(text):
        year, month_number = int(match.group(1)), int(match.group(2))
        return month(year, month_number) if 1 <= month_number <= 12 else None
    if match := _MONTH_NAME.match(text):
        month_number = _MONTHS.get(match.group(1).lower())
        if month_number:
            return month(_full_year(match.group(2)), month_number)
        return None
    if _WHOLE_YEAR.fullmatch(text):
        year = find_year_period(text)
        if year is not None and year.kind == YEAR:
            return year
    return None


@lru_cache(maxsize=8192)
def period_from_label(label: str) -> Period:
    """Rebuild a Period from a label this module produced (as stored in the database); cached, as labels repeat."""
    if re.fullmatch(r"\d{4}/\d{2}-\d{4}/\d{2}", label):
        first, last = label.split("-")
        return year_range(int(first[:4]), int(last[:4]))
    period = parse_kpi_period(label)
    if period is None:
        raise ValueError(f"not a period label: {label!r}")
    return period


def same_period_last_year(label: str) -> str | None:
    """The same month, quarter or financial year one year earlier: 'Aug 2012' -> 'Aug 2011', 'Q2 2012/13' ->
    'Q2 2011/12', '2012/13' -> '2011/12'; None for a multi-year range. Where a cumulative figure is compared."""
    period = period_from_label(label)
    if period.kind == MONTH:
        return month(period.start.year - 1, period.start.month).label
    if period.kind == QUARTER:
        return quarter(int(period.label[1]), period_from_label(period.financial_year).start.year - 1).label
    if period.kind == YEAR:
        return financial_year_label(period.start.year - 1)
    return None
