"""When an action is due, as action plans write it: a date cell, 31/03/2013, a month (March 2013, Nov 13, "By March
2014", "June 2013 (review)"), a quarter (Q4 2012/13, or the papers' "11/12: Q4"), a financial year (12/13), or no date
at all (TBC, Ongoing, monthly, "February 2013 onwards"). A month, quarter or year is due at its last day. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from data_layer.periods import MONTH, QUARTER, YEAR, parse_kpi_period

DATE, NO_DATE = "date", "none"
EXPECTED = ("expected a date (31/03/2013), a month (March 2013), a quarter (Q4 2012/13 or 11/12: Q4), a financial year "
            "(2012/13), or TBC / Ongoing for none")


@dataclass(frozen=True)
class Due:
    text: str  # as written
    day: date | None  # the last day it may be done on; None: no date (TBC, ongoing)
    kind: str  # date | month | quarter | year | none
    note: str | None = None  # what the plan adds: 'review', 'ongoing', 'TBC'


class DueProblem(ValueError):
    """A due date that is not one; the message says what is expected."""


_NO_DATE = re.compile(r"^(tbc|tbd|tba|to be (confirmed|agreed|decided)|ongoing|on-going|continuous|continual|as required|as needed|"
                      r"monthly|quarterly|annually|weekly|once pa|each year|n/?a|-|–)\b", re.IGNORECASE)
_ONWARDS = re.compile(r"\b(onwards|ongoing|from)\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*\(([^)]*)\)\s*$")
_BY = re.compile(r"^(by|before|end of|end|due|no later than)\s+", re.IGNORECASE)
_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DAY_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{2}|\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_due(value: object, *, year: str | None = None) -> Due:
    """The due date of an action cell; `year` (2012/13, from the sheet's title or Year column) places a bare 'Q4'.

    Raises DueProblem for text that is not a date of any kind."""
    if value is None:
        return Due("", None, NO_DATE)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Due(value.strftime("%d %b %Y"), value, DATE)
    text = " ".join(str(value).split())
    if not text:
        return Due("", None, NO_DATE)
    if _NO_DATE.match(text):
        return Due(text, None, NO_DATE, "ongoing" if "going" in text.lower() or "contin" in text.lower() else text)
    note = None
    core = text
    if match := _BRACKETS.search(core):  # 'June 2013 (review)'
        note, core = match.group(1).strip() or None, core[: match.start()].strip()
    if re.search(r"\bonwards\b", core, re.IGNORECASE):  # 'February 2013 onwards': a start, no end
        return Due(text, None, NO_DATE, "ongoing")
    core = _BY.sub("", core).rstrip(";:,. ")
    if re.fullmatch(r"Q[1-4]", core, re.IGNORECASE):
        if not year:
            raise DueProblem(f'the due date "{text}" is a quarter without its year: write e.g. {core.upper()} 2012/13, or put the '
                             "plan's year (2012/13) in a title row or a 'Year' column")
        core = f"{core.upper()} {year}"
    day = _day(core)
    if day is not None:
        return Due(text, day, DATE, note)
    period = parse_kpi_period(core)
    if period is None and (short := re.fullmatch(r"([A-Za-z]+)[\s\-']*(\d{2})", core)):
        period = parse_kpi_period(f"{short.group(1)} 20{short.group(2)}")
    if period is not None and period.kind in (MONTH, QUARTER, YEAR):
        return Due(text, period.end, period.kind, note)
    raise DueProblem(f'the due date "{text}" is not a date: {EXPECTED}')


_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def _day(text: str) -> date | None:
    try:
        if match := _ISO_DAY.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _DAY.match(text):  # British order: day/month/year
            year = int(match.group(3))
            return date(year + 2000 if year < 100 else year, int(match.group(2)), int(match.group(1)))
        if match := _DAY_WORDS.match(text):
            number = _MONTHS.get(match.group(2)[:3].lower())
            if number is None:
                return None
            year = int(match.group(3))
            return date(year + 2000 if year < 100 else year, number, int(match.group(1)))
    except ValueError:
        raise DueProblem(f'the due date "{text}" is not a real day: {EXPECTED}') from None
    return None


def due_words(due: Due) -> str:
    """The due date as a page shows it: '31 Mar 2012 (11/12: Q4)', 'no date (TBC)'."""
    if due.day is None:
        return f"no date ({due.text})" if due.text else "no date given"
    shown = due.day.strftime("%d %b %Y")
    return shown if due.kind == DATE else f"{shown} ({due.text})"
