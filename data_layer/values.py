"""Reading the values councils type into returns: amounts, units and KPI measures.

Everything here is exact: numbers become Decimal straight from the text (or from the
shortest repr of an Excel float), never through float arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

POUNDS = Decimal(1)
THOUSANDS = Decimal(1000)
MILLIONS = Decimal(1_000_000)
DEFAULT_UNIT = THOUSANDS
UNIT_NAMES = {POUNDS: "£", THOUSANDS: "£000", MILLIONS: "£m"}

PENNY = Decimal("0.01")
MINUS_SIGNS = "-−–—"  # hyphen, Unicode minus, en dash, em dash


class ValueProblem(ValueError):
    """A cell that cannot be read; the message says what is wrong and what is expected."""


def cell_display(value: object) -> str:
    """The text of a cell as the officer typed or saw it, for messages and history."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value).strip()


def decimal_from_cell_number(value: int | float) -> Decimal:
    """An Excel number as the Decimal it displays (0.1 stays 0.1, not 0.1000000000000000055)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def normalise_decimal(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent form (900 stays 900, not 9E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# ---------------------------------------------------------------------------------- units

_UNIT_PATTERNS: list[tuple[re.Pattern[str], Decimal]] = [
    (re.compile(r"£\s*[',’]?\s*000"), THOUSANDS),  # £000, £'000, £,000, £ 000, £'000s
    (re.compile(r"£\s*(k|thousands?)\b", re.IGNORECASE), THOUSANDS),
    (re.compile(r"£\s*(m|mn|millions?)\b", re.IGNORECASE), MILLIONS),
    (re.compile(r"£\s*(?=[)\]]|$|pounds\b)", re.IGNORECASE), POUNDS),  # "(£)", "£ pounds"
]


def find_unit(text: str) -> Decimal | None:
    """The money unit named in a title or header ('£000', "£'000s", '£k', '£m', '(£)'), or None."""
    for pattern, unit in _UNIT_PATTERNS:
        if pattern.search(text):
            return unit
    return None


# -------------------------------------------------------------------------------- amounts

_AMOUNT = re.compile(
    r"""^
    (?P<currency0>£)?\s*
    (?P<open>\()?\s*
    (?P<sign1>[-−–—])?\s*
    (?P<currency>£)?\s*
    (?P<sign2>[-−–—])?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*
    (?P<multiplier>k|m|mn|bn|thousand|million|billion)?\s*
    (?P<close>\))?\s*
    (?P<marker>\*+)?
    $""",
    re.VERBOSE | re.IGNORECASE,
)
_MULTIPLIERS = {
    "k": THOUSANDS,
    "thousand": THOUSANDS,
    "m": MILLIONS,
    "mn": MILLIONS,
    "million": MILLIONS,
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}
AMOUNT_EXPECTED = "expected an amount such as 4,311, (1,372), -1,372, £2.48m or - for zero"


def parse_amount(value: object, unit: Decimal) -> Decimal | None:
    """An amount in pounds from a money cell in the given unit; None for a blank cell.

    '-' or '–' alone is zero. Brackets and any minus sign (hyphen, Unicode minus, dash)
    mean negative. Thousands separators, a leading '£' and footnote '*' are allowed; a
    multiplier stuck to the value ('£2.48m', '250k') overrides the column's unit.
    Dates, booleans and text that is not an amount raise ValueProblem.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueProblem(f"{cell_display(value)} is a true/false value, not an amount: {AMOUNT_EXPECTED}")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise ValueProblem(f'"{value}" is a date or time, not an amount: {AMOUNT_EXPECTED}')
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueProblem(f'"{value}" is not an amount: {AMOUNT_EXPECTED}')
        return _in_pounds(decimal_from_cell_number(value), unit, cell_display(value))
    text = str(value).strip()
    if not text:
        return None
    if text in MINUS_SIGNS:
        return Decimal(0)
    match = _AMOUNT.match(text)
    if match is None or bool(match.group("open")) != bool(match.group("close")) or (match.group("currency0") and match.group("currency")):
        raise ValueProblem(f'"{_clip(text)}" is not an amount: {AMOUNT_EXPECTED}')
    negative = bool(match.group("open")) + bool(match.group("sign1")) + bool(match.group("sign2"))
    if negative > 1:
        raise ValueProblem(f'"{_clip(text)}" has two minus signs: {AMOUNT_EXPECTED}')
    number = Decimal(match.group("number").replace(",", ""))
    if negative:
        number = -number
    multiplier = match.group("multiplier")
    if multiplier:
        unit = _MULTIPLIERS[multiplier.lower()]
    return _in_pounds(number, unit, text)


def _in_pounds(number: Decimal, unit: Decimal, text: str) -> Decimal:
    pounds = number * unit
    if pounds != pounds.quantize(PENNY):
        raise ValueProblem(
            f'"{_clip(text)}" is more precise than a penny in {UNIT_NAMES.get(unit, "£")}: '
            "expected at most two decimal places in pounds"
        )
    return normalise_decimal(pounds)


def format_pounds(amount: Decimal) -> str:
    """£1,137,000 / -£1,711,000 / £900.50."""
    sign = "-" if amount < 0 else ""
    magnitude = abs(amount)
    shown = f"{magnitude:,.0f}" if magnitude == magnitude.to_integral_value() else f"{magnitude:,.2f}"
    return f"{sign}£{shown}"


def _clip(text: str, limit: int = 60) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------- measures

NUMBER = "number"
YES_NO = "yes/no"
NO_DATA = "no data"
TEXT = "text"

PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "–",
        "—",
        "n/a",
        "na",
        "n.a.",
        "not applicable",
        "not recorded",
        "to be confirmed",
        "tbc",
        "tba",
        "to be advised",
        "data unavailable",
        "data not available",
        "not available",
        "unknown",
        "not a target for this period",
    }
)
_YES = frozenset({"yes", "y", "achieved", "met", "completed", "complete", "done"})
_NO = frozenset({"no", "n", "not achieved", "not met", "not completed", "not done"})

# Operators written before a target, and what they say about polarity and strictness.
_PREFIX_OPERATORS: list[tuple[str, str]] = [
    (">=", ">="), ("=>", ">="), ("≥", ">="), ("<=", "<="), ("=<", "<="), ("≤", "<="),
    (">", ">"), ("<", "<"),
    ("at least", ">="), ("minimum of", ">="), ("minimum", ">="), ("min.", ">="), ("min", ">="),
    ("no less than", ">="), ("not less than", ">="),
    ("more than", ">"), ("greater than", ">"), ("above", ">"), ("over", ">"),
    ("at most", "<="), ("maximum of", "<="), ("maximum", "<="), ("max.", "<="), ("max", "<="),
    ("no more than", "<="), ("not more than", "<="), ("up to", "<="),
    ("less than", "<"), ("fewer than", "<"), ("below", "<"), ("under", "<"),
]
_SUFFIX_OPERATORS: list[tuple[str, str]] = [
    ("or more", ">="), ("or above", ">="), ("or higher", ">="), ("or better", ">="),
    ("or less", "<="), ("or fewer", "<="), ("or below", "<="), ("or lower", "<="),
]
_LEADING_NUMBER = re.compile(
    r"^(?P<sign>[-−–])?\s*£?\s*(?P<sign2>[-−–])?\s*"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<percent>%)?"
)


@dataclass(frozen=True)
class Measure:
    """A target or actual as written: its kind, exact number, operator and original text."""

    kind: str
    text: str
    number: Decimal | None = None
    yes: bool | None = None
    operator: str | None = None  # '>=', '>', '<=', '<' when the target states one
    percent: bool = False
    pounds: bool = False  # written with a £ sign


    @property
    def display(self) -> str:
        """The value as a councillor reads it in a reason: '92.28%', '3.4', 'Yes'."""
        if self.kind == NUMBER and self.number is not None:
            number = self.number  # as written: £25.40 stays £25.40
            shown = f"{abs(number):,f}"
            sign = "-" if number < 0 else ""
            return f"{sign}{'£' if self.pounds else ''}{shown}{'%' if self.percent else ''}"
        if self.kind == YES_NO:
            return "Yes" if self.yes else "No"
        return self.text


# ---------------------------------------------------------------------------------- units

_PERCENT_UNITS = frozenset({"%", "percent", "percentage", "per cent", "pct", "percentage (%)", "(%)", "% age"})
_BARE_UNITS = frozenset({"number", "numbers", "no", "no.", "nr", "count", "numeric", "#", "score", "index", "rate", "ratio",
                         "value", "figure", "n/a", "-", "units", "unit", "level", "scale"})
_COUNTABLE = frozenset({"days", "day", "weeks", "week", "hours", "hour", "hrs", "minutes", "mins", "seconds", "secs", "months",
                        "years", "visits", "calls", "incidents", "complaints", "cases", "items", "households", "people",
                        "applications", "claims", "properties", "homes", "working"})
# A unit written after the number when no Unit column names one: '11.3sq m', '<£3,500 per fte', '26 days'.
_TEXT_UNIT = re.compile(r"^\s*(sq\.? ?m(?:etres)?|sqm|m2|m²|days?|working days|weeks?|hours?|hrs|minutes?|mins|seconds?|secs|"
                        r"months?|years?|kg|tonnes|kwh|per (?:fte|head|household|member of staff))\b(?:\s+per (?:fte|head|household))?",
                        re.IGNORECASE)


_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?\s*%?")


@dataclass(frozen=True)
class UnitStyle:
    """How an indicator's figures are written in a reason: '95.5%', '£3,188', '26.5 days'."""

    percent: bool = False
    pounds: bool = False
    suffix: str | None = None

    @property
    def countable(self) -> bool:
        """Whether the unit counts things (days, complaints): 'or fewer' rather than 'or less'."""
        return bool(self.suffix) and self.suffix.split()[0].casefold() in _COUNTABLE

    def show(self, measure: Measure) -> str:
        if measure.kind != NUMBER or measure.number is None:
            return measure.display
        number = measure.number  # as written: £25.40 stays £25.40
        sign = "-" if number < 0 else ""
        pounds = "£" if self.pounds or measure.pounds else ""
        percent = "%" if self.percent or measure.percent else ""
        return f"{sign}{pounds}{abs(number):,f}{percent}" + (f" {self.suffix}" if self.suffix else "")


def _text_unit(measure: Measure) -> str | None:
    if measure.kind != NUMBER:
        return None
    match = _FIRST_NUMBER.search(measure.text)
    if match is None:
        return None
    found = _TEXT_UNIT.match(measure.text[match.end():].lstrip(" +*"))
    if found is None:
        return None
    unit = " ".join(found.group(0).split()).casefold()
    return re.sub(r"^(sq\.? ?m(?:etres)?|sqm|m2|m²)", "sq m", unit)


def unit_style(unit: str | None, target: Measure, actual: Measure) -> UnitStyle:
    """The unit a reason writes an indicator's figures in: the Unit column ('%', 'Percentage', '£', 'days') when
    given, else a unit written with the figures ('<12sq m'). A % on either the target or the actual means both
    are percentages (returns print '74.9' beside a target of '85%')."""
    percent = target.percent or actual.percent
    written = " ".join((unit or "").split())
    folded = written.casefold()
    if folded in _PERCENT_UNITS or folded.startswith("percentage"):
        return UnitStyle(percent=True)
    if folded in _BARE_UNITS:
        return UnitStyle(percent=percent)
    if folded.startswith("£") or folded in ("pounds", "gbp", "£s"):
        rest = written.lstrip("£").strip()
        return UnitStyle(percent=percent, pounds=True, suffix=rest if rest and rest.casefold() not in ("s", "pounds") else None)
    if written:
        return UnitStyle(percent=percent, suffix=written.lower() if written.istitle() else written)
    return UnitStyle(percent=percent, suffix=_text_unit(target) or _text_unit(actual))


MEASURE_EXPECTED = "expected a number (92.28%, 11.3sq m, £3,188), Yes/No, or a placeholder such as N/A"


def parse_measure(value: object, number_format: str = "General") -> Measure:
    """A KPI target or actual cell as a Measure.

    Handles percent-formatted cells (0.94 shown as 94% means 94), units and markers stuck
    to numbers ('11.3sq m', '95%*', '3.06 (2 returned)', '£3,188'), operators ('90%+',
    '<12', '>= 90', 'at least 5', 'max 5'), yes/no, and placeholders (no data).
    Text with no number is kind TEXT. A malformed number such as '12,3x' raises ValueProblem.
    """
    if value is None:
        return Measure(NO_DATA, "")
    if isinstance(value, bool):
        return Measure(YES_NO, "Yes" if value else "No", yes=value)
    if isinstance(value, (datetime, date, time, timedelta)):
        raise ValueProblem(f'"{value}" is a date, not a value: {MEASURE_EXPECTED}')
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueProblem(f'"{value}" is not a number: {MEASURE_EXPECTED}')
        number = decimal_from_cell_number(value)
        if "%" in (number_format or ""):
            number = normalise_decimal(number * 100)
            return Measure(NUMBER, f"{number}%", number=number, percent=True)
        return Measure(NUMBER, cell_display(value), number=number)
    text = " ".join(str(value).split())
    folded = text.casefold().rstrip(".") if text not in (".",) else text
    if folded in PLACEHOLDERS or text.casefold() in PLACEHOLDERS:
        return Measure(NO_DATA, text)
    if folded in _YES:
        return Measure(YES_NO, text, yes=True)
    if folded in _NO:
        return Measure(YES_NO, text, yes=False)
    return _parse_measure_text(text)


def _parse_measure_text(text: str) -> Measure:
    rest = text
    operator = None
    lowered = rest.casefold()
    for written, meaning in _PREFIX_OPERATORS:
        if lowered.startswith(written) and (not written[0].isalpha() or not lowered[len(written):len(written) + 1].isalpha()):
            operator = meaning
            rest = rest[len(written):].lstrip(" :")
            break
    match = _LEADING_NUMBER.match(rest)
    if match is None:
        return Measure(TEXT, text)
    after = rest[match.end():]
    if re.match(r"^[,.]\d", after):
        raise ValueProblem(f'"{_clip(text)}" is not a number: {MEASURE_EXPECTED}')
    number = Decimal(match.group("number").replace(",", ""))
    if match.group("sign") or match.group("sign2"):
        number = -number
    trailing = after.strip().casefold()
    if operator is None:
        if trailing.startswith("+"):
            operator = ">="
        else:
            for written, meaning in _SUFFIX_OPERATORS:
                if written in trailing:
                    operator = meaning
                    break
    return Measure(NUMBER, text, number=number, operator=operator, percent=bool(match.group("percent")),
                   pounds="£" in match.group(0))


# ------------------------------------------------------------------------------ polarity

HIGHER = "higher"
LOWER = "lower"
_POLARITY_WORDS = {
    "higher is better": HIGHER, "higher": HIGHER, "high": HIGHER, "max": HIGHER,
    "maximise": HIGHER, "maximize": HIGHER, "up": HIGHER, "bigger is better": HIGHER,
    "increase": HIGHER,
    "lower is better": LOWER, "lower": LOWER, "low": LOWER, "min": LOWER,
    "minimise": LOWER, "minimize": LOWER, "down": LOWER, "smaller is better": LOWER,
    "decrease": LOWER,
}
POLARITY_EXPECTED = "expected Higher is better or Lower is better (or higher, lower, max, min, up, down)"


def parse_polarity(value: object) -> str | None:
    """A Polarity cell as 'higher' or 'lower'; None when blank. 'max'/'up' mean maximise."""
    if value is None or str(value).strip() == "":
        return None
    polarity = _POLARITY_WORDS.get(" ".join(str(value).split()).casefold())
    if polarity is None:
        raise ValueProblem(f'"{_clip(str(value))}" is not a polarity: {POLARITY_EXPECTED}')
    return polarity


def parse_tolerance(value: object, number_format: str = "General") -> Decimal | None:
    """A Tolerance cell as a percentage: '10%', '5', 0.05 formatted as a percent, or 0.05 (a fraction)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    expected = "expected a percentage such as 10% or 5%"
    if isinstance(value, bool) or isinstance(value, (datetime, date, time, timedelta)):
        raise ValueProblem(f'"{value}" is not a tolerance: {expected}')
    if isinstance(value, (int, float)):
        number = decimal_from_cell_number(value)
        percent = "%" in (number_format or "") or Decimal(0) < number < Decimal(1)
        tolerance = number * 100 if percent else number
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*", str(value))
        if match is None:
            raise ValueProblem(f'"{_clip(str(value))}" is not a tolerance: {expected}')
        tolerance = Decimal(match.group(1))
    if not Decimal(0) <= tolerance <= Decimal(100):
        raise ValueProblem(f'"{_clip(cell_display(value))}" is not a tolerance: {expected}, between 0% and 100%')
    return normalise_decimal(tolerance)


# ----------------------------------------------------------------- frequency, type, commentary

MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"
_FREQUENCIES = {
    "monthly": MONTHLY, "month": MONTHLY, "mthly": MONTHLY, "per month": MONTHLY, "4 weekly": MONTHLY, "four weekly": MONTHLY,
    "quarterly": QUARTERLY, "quarter": QUARTERLY, "qtrly": QUARTERLY, "qtr": QUARTERLY, "per quarter": QUARTERLY,
    "annual": ANNUAL, "annually": ANNUAL, "yearly": ANNUAL, "year": ANNUAL, "per year": ANNUAL, "year end": ANNUAL,
    "six monthly": "six-monthly", "six-monthly": "six-monthly", "half yearly": "six-monthly", "half-yearly": "six-monthly",
    "bi-annual": "six-monthly", "biannual": "six-monthly", "weekly": "weekly", "daily": "daily",
}
# Words that make a frequency (or a Cumulative cell) say the figure is year to date: it fills up over the year.
_CUMULATIVE_WORDS = re.compile(r"(?i)\b(cumulative|cumulatively|ytd|year[\s-]+to[\s-]+date|accumulative)\b")
FREQUENCY_EXPECTED = "expected monthly, quarterly, annual, or one of them with cumulative YTD (e.g. monthly cumulative YTD)"


def parse_frequency(value: object) -> tuple[str | None, bool | None]:
    """A Frequency cell as (frequency, cumulative): 'Monthly' -> ('monthly', None); 'cumulative YTD' -> (None, True);
    'Quarterly (cumulative)' -> ('quarterly', True); blank -> (None, None). Anything else raises ValueProblem."""
    if value is None or not str(value).strip():
        return None, None
    text = " ".join(str(value).replace("(", " ").replace(")", " ").split()).casefold()
    cumulative = True if _CUMULATIVE_WORDS.search(text) else None
    rest = " ".join(_CUMULATIVE_WORDS.sub(" ", text).replace(",", " ").replace("-", " - ").split()).replace(" - ", "-").strip(" -/")
    if not rest:
        return None, cumulative
    frequency = _FREQUENCIES.get(rest) or _FREQUENCIES.get(rest.replace("-", " "))
    if frequency is None:
        raise ValueProblem(f'"{_clip(str(value))}" is not a frequency: {FREQUENCY_EXPECTED}')
    return frequency, cumulative


_TRUE = frozenset({"yes", "y", "true", "cumulative", "ytd", "year to date", "1"})
_FALSE = frozenset({"no", "n", "false", "not cumulative", "0", "discrete", "in period", "in-period"})


def parse_cumulative(value: object) -> bool | None:
    """A Cumulative cell: Yes / No (also true / false, YTD, in period); blank is None (the return does not say)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = " ".join(cell_display(value).split()).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f'"{_clip(str(value))}" is not yes or no: expected Yes if the figure is cumulative (year to date), else No')


# A Type column (or a target) saying the indicator is reported for information: shown, never banded.
FOR_INFORMATION_WORDS = frozenset({
    "data only", "data-only", "for information", "for information only", "information only", "info only", "for info",
    "information", "contextual", "context", "contextual indicator", "monitor only", "monitoring only", "monitor",
    "for monitoring", "no target", "not targeted", "untargeted", "tracking only", "baseline", "baseline year",
})


def is_for_information(text: object) -> bool:
    """Whether a Type cell or a target says the indicator is data only / for information (not to be banded)."""
    if text is None:
        return False
    return " ".join(str(text).split()).casefold().strip(" .*") in FOR_INFORMATION_WORDS


# Commentary cells that say there is no commentary.
COMMENTARY_PLACEHOLDERS = PLACEHOLDERS | frozenset({
    "none", "no notes", "no note", "no comment", "no comments", "nil", "nothing to report", "no commentary", "no update",
    "no issues", "n/k", "not known", ".", "?",
})


def commentary_text(text: str | None) -> str | None:
    """Commentary as written, or None for a placeholder ('No notes', 'None', '-', 'N/A'): never shown as commentary."""
    if text is None:
        return None
    folded = " ".join(text.split()).casefold()
    return None if folded in COMMENTARY_PLACEHOLDERS or folded.rstrip(".") in COMMENTARY_PLACEHOLDERS else text


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A service or directorate name for matching: case, spacing, '&'/'and' and punctuation ignored.

    Cached: a national return names the same few thousand services and indicators again and again.
    """
    lowered = name.casefold().replace("&", " and ")
    return "".join(ch for ch in lowered if ch.isalnum())
