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
    if match is None or bool(match.group("open")) != bool(match.group("close")):
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


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A service or directorate name for matching: case, spacing, '&'/'and' and punctuation ignored.

    Cached: a national return names the same few thousand services and indicators again and again.
    """
    lowered = name.casefold().replace("&", " and ")
    return "".join(ch for ch in lowered if ch.isalnum())
