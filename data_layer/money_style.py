"""The one way Sightline writes money for reading: tables, charts (axes, bar labels, hover), headlines and packs.

The rule (the README's "How money is written"):

- under £1,000: in pounds, as it is: £950, -£40, £900.50;
- from £1,000 to under £10m: whole £k: £1,083k, -£105k, £9,950k;
- £10m and above: £m to one decimal: £10.4m, £2,480.0m;
- negatives with a leading minus: -£105k (below zero is a saving or net income; the words beside it say which);
- halves round away from zero (£104,500 is £105k), as a reader rounding by hand would.

The exact figure in pounds (format_pounds) is kept where a short one could mislead: hover text beside the
short figure, the downloads, import messages about a cell, and any check that compares two figures.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from data_layer.values import format_pounds

THOUSAND = Decimal(1_000)
MILLION = Decimal(1_000_000)
MILLIONS_FROM = Decimal(10_000_000)  # from here on, £m
NO_FIGURE = "–"


def _decimal(amount: Any) -> Decimal | None:
    """Decimal pounds from a Decimal, int or float (charts hand floats); None for no figure (None, NaN, '')."""
    if amount is None or isinstance(amount, bool) or amount == "":
        return None
    if isinstance(amount, Decimal):
        return None if amount.is_nan() else amount
    if isinstance(amount, int):
        return Decimal(amount)
    if isinstance(amount, float):
        return None if amount != amount else Decimal(repr(amount))
    try:
        return Decimal(str(amount))
    except ArithmeticError:
        return None


def short_money(amount: Any) -> str:
    """£950, £1,083k, -£105k, £10.4m, £2,480.0m; '–' when there is no figure."""
    value = _decimal(amount)
    if value is None:
        return NO_FIGURE
    sign, magnitude = ("-" if value < 0 else ""), abs(value)
    if magnitude < THOUSAND:
        shown = format_pounds(magnitude)[1:]
        return f"{sign if shown not in ('0', '0.00') else ''}£{shown}"
    if magnitude < MILLIONS_FROM:
        thousands = (magnitude / THOUSAND).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if thousands >= MILLIONS_FROM / THOUSAND:  # £9,999,500 rounds up to the next unit, not to "£10,000k"
            return f"{sign}£{(magnitude / MILLION).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}m"
        return f"{sign}£{thousands:,}k"
    return f"{sign}£{(magnitude / MILLION).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}m"


def short_and_exact(amount: Any) -> str:
    """'£1,083k (£1,082,900)' for hover text: the short figure a reader compares, then the exact one; the short one alone
    when they are the same."""
    value = _decimal(amount)
    if value is None:
        return NO_FIGURE
    short, exact = short_money(value), format_pounds(value)
    return short if short == exact else f"{short} ({exact})"


# ----------------------------------------------------------------------------- chart axes

class MoneyAxis:
    """The unit a money chart's axis is drawn in, so it reads like the tables: £m when the largest figure is £10m or more,
    £k otherwise. Values are plotted divided by the unit; tick labels carry £ and the unit's letter."""

    def __init__(self, amounts: Any) -> None:
        largest = max((abs(v) for v in (_decimal(a) for a in amounts) if v is not None), default=Decimal(0))
        self.millions = largest >= MILLIONS_FROM
        self.divisor = MILLION if self.millions else THOUSAND
        self.letter = "m" if self.millions else "k"

    def scaled(self, amounts: Any) -> list[float | None]:
        """Each amount in the axis's unit (None kept, for a gap)."""
        return [None if v is None else float(v / self.divisor) for v in (_decimal(a) for a in amounts)]

    def scale(self, amount: Any) -> float:
        value = _decimal(amount)
        return 0.0 if value is None else float(value / self.divisor)

    @property
    def unit(self) -> str:
        return f"£{self.letter}"

    def title(self, what: str) -> str:
        """'Net budget (£m)', or with a note: title('Net budget', 'below zero is net income') -> 'Net budget (£m; below zero ...)'."""
        head, _, note = what.partition(";")
        return f"{head.strip()} ({self.unit}{'; ' + note.strip() if note else ''})"

    def layout(self, what: str) -> dict[str, Any]:
        """Plotly axis settings: title with the unit, '£' before and the unit's letter after each tick, thousands separated,
        and the axis from zero (bars are read by their length)."""
        return {"title": self.title(what), "tickprefix": "£", "ticksuffix": self.letter, "separatethousands": True,
                "tickformat": ",.1f" if self.millions else ",.0f", "rangemode": "tozero"}

    @property
    def excel_format(self) -> str:
        """The same ticks as an Excel number format for PowerPoint's native charts (each ',' at the end divides by 1,000)."""
        return '"£"#,##0.0,,"m"' if self.millions else '"£"#,##0,"k"'


__all__ = ["NO_FIGURE", "MoneyAxis", "format_pounds", "short_and_exact", "short_money"]
