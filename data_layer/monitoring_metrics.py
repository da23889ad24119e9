"""Pure analytics for in-year financial monitoring: revenue forecast outturn and variance, and the capital programme.

Frames in, frames out; no database, no Streamlit. Money is Decimal pounds in object columns (None for no figure), so
every band and total is exact. Variance is forecast - budget: positive is an overspend or an income shortfall (adverse),
negative an underspend or more income than budgeted (favourable), for expenditure and income lines alike.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from data_layer.money_style import short_money
from data_layer.values import format_pounds

GREEN, AMBER, RED, NO_DATA_BAND = "Green", "Amber", "Red", "No data"
BAND_ORDER = {RED: 0, AMBER: 1, GREEN: 2, NO_DATA_BAND: 3}
WHOLE_COUNCIL = "Whole council"
ROLLUP_LEVELS = ("directorate", "council")
PATH_LEVELS = ("service", "directorate", "council")
ONE_DP = Decimal("0.1")
ZERO = Decimal(0)

SERVICE_COLUMNS = ["service", "directorate", "period", "budget", "forecast", "variance", "variance_percent", "band", "words",
                   "previous_variance", "movement", "movement_words", "actual_to_date", "management_action", "commentary"]
ROLLUP_COLUMNS = ["name", "period", "services", "budget", "forecast", "variance", "variance_percent", "band", "words",
                  "movement", "movement_services"]
PATH_COLUMNS = ["name", "period", "period_end", "budget", "forecast", "variance"]
PATH_COVERAGE_COLUMNS = ["complete", "carried_forward", "not_reported"]
CAPITAL_COLUMNS = ["scheme", "service", "directorate", "period", "period_end", "financial_year", "total_budget", "budget_year",
                   "spend_to_date", "spend_percent", "forecast_year", "variance_year", "forecast_total", "variance_total",
                   "slippage", "officer_rag", "computed_band", "band", "band_source", "rag_reason"]
CAPITAL_SUMMED = ["total_budget", "budget_year", "spend_to_date", "forecast_year", "forecast_total", "slippage"]
CAPITAL_TOTAL_COLUMNS = ["name", "schemes", *CAPITAL_SUMMED, "slippage_schemes", "red", "amber", "green", "no_data"]


class MonitoringDataError(ValueError):
    """A monitoring return that cannot be read as one figure per service or scheme; the message is for the user."""


@dataclass(frozen=True)
class VarianceThresholds:
    """The council's variance tolerances: percent of the absolute budget, and amounts in pounds."""

    amber_percent: Decimal = Decimal(0)
    amber_amount: Decimal = Decimal(50000)
    red_percent: Decimal = Decimal(5)
    red_amount: Decimal = Decimal(100000)


DEFAULT_THRESHOLDS = VarianceThresholds()


def council_thresholds(council: Any) -> VarianceThresholds:
    """The council's variance thresholds (its variance_* settings), each unset one the default."""
    given = {name: getattr(council, f"variance_{name}", None) for name in ("amber_percent", "amber_amount", "red_percent", "red_amount")}
    return VarianceThresholds(**{name: Decimal(value) for name, value in given.items() if value is not None})


def _amount(value: Any) -> Decimal | None:
    """Decimal pounds, or None for no figure (None, NaN, pd.NA). An int is taken as whole pounds.

    Raises TypeError for a float or anything else: a float would make a band or total inexact.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, Decimal):
        return None if value.is_nan() else value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"money must be Decimal pounds, not {type(value).__name__} ({value!r})")


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _total(values: list[Decimal | None]) -> Decimal | None:
    """Sum of the figures given; None when none is given (no figure is not zero)."""
    given = [v for v in values if v is not None]
    return sum(given, ZERO) if given else None


def _difference(after: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if after is None or before is None else after - before


def _plain(number: Decimal) -> str:
    """5 -> '5', 2.50 -> '2.5', 100 -> '100' (no exponent)."""
    return f"{number.normalize():f}"


# ------------------------------------------------------------------------------- bands and words

def variance_percent(variance: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """Variance as a percentage of the absolute budget (so income lines read right), unrounded.

    None when the budget is zero or None, or there is no variance.
    """
    variance, budget = _amount(variance), _amount(budget)
    if variance is None or budget is None or budget == 0:
        return None
    return variance / abs(budget) * 100


def variance_band(variance: Decimal | None, budget: Decimal | None, thresholds: VarianceThresholds = DEFAULT_THRESHOLDS) -> str:
    """Red, Amber or Green for a forecast variance (positive = adverse).

    Only an overspend (or income shortfall) is banded above Green; "over" is strictly greater, so exactly the red
    percent is Amber and exactly the red amount is not Red by amount. With a zero or missing budget only the amounts
    decide (so a small overspend on a zero budget is Green). 'No data' when there is no variance.
    """
    variance = _amount(variance)
    if variance is None:
        return NO_DATA_BAND
    if variance <= 0:
        return GREEN
    percent = variance_percent(variance, budget)
    if (percent is not None and percent > thresholds.red_percent) or variance > thresholds.red_amount:
        return RED
    if (percent is not None and percent > thresholds.amber_percent) or variance > thresholds.amber_amount:
        return AMBER
    return GREEN


def band_rule(thresholds: VarianceThresholds = DEFAULT_THRESHOLDS) -> str:
    """The banding rule in words for the Settings page and README, for any thresholds."""
    red = f"more than {_plain(thresholds.red_percent)}% of the budget or more than {format_pounds(thresholds.red_amount)}"
    amber = f"more than {_plain(thresholds.amber_percent)}% or more than {format_pounds(thresholds.amber_amount)}"
    if thresholds.amber_percent == 0:
        amber_words, green_words = f"any other overspend ({amber})", "on budget or under"
    else:
        amber_words, green_words = f"any other overspend of {amber}", "on budget, under, or a smaller overspend"
    return (f"Red: an overspend of {red}; Amber: {amber_words}; Green: {green_words}. "
            "An income shortfall counts as an overspend; with no budget, only the amounts count.")


BAND_RULE = band_rule(DEFAULT_THRESHOLDS)


def _percent_words(variance: Decimal, budget: Decimal | None) -> str:
    percent = variance_percent(variance, budget)
    return "" if percent is None else f" ({abs(percent).quantize(ONE_DP, rounding=ROUND_HALF_UP)}%)"


def variance_words(variance: Decimal | None, budget: Decimal | None) -> str:
    """'overspend £25k (19.7%): adverse', 'income £44k more than budgeted (21.5%): favourable', 'on budget'.

    An income line (budget below zero) speaks of income; a zero or missing budget reads as expenditure without a
    percent. '' when there is no variance.
    """
    variance, budget = _amount(variance), _amount(budget)
    if variance is None:
        return ""
    if variance == 0:
        return "on budget"
    money, share = short_money(abs(variance)), _percent_words(variance, budget)
    if budget is not None and budget < 0:
        what = f"income {money} short of budget" if variance > 0 else f"income {money} more than budgeted"
    else:
        what = f"overspend {money}" if variance > 0 else f"underspend {money}"
    return f"{what}{share}: {'adverse' if variance > 0 else 'favourable'}"


def movement_words(movement: Decimal | None) -> str:
    """'worse by £43k', 'better by £43k' or 'unchanged' (positive movement = worse); '' when there is no earlier figure."""
    movement = _amount(movement)
    if movement is None:
        return ""
    if movement == 0:
        return "unchanged"
    return f"{'worse' if movement > 0 else 'better'} by {short_money(abs(movement))}"


# ------------------------------------------------------------------------------- revenue

def _revenue_lines(lines: pd.DataFrame) -> list[dict[str, Any]]:
    """The lines as dicts with money read exactly; variance filled from forecast - budget when the return left it out.

    The last frame's records are kept (with the frame itself, so its id cannot be reused): a page asks for the
    variances and two forecast paths of the same lines. Callers must not change the records.
    """
    global _LAST
    frame, records = _LAST  # one tuple, read and replaced whole: pages run on several threads at once
    if frame is lines:
        return records
    records = _records_of(lines)
    _LAST = (lines, records)
    return records


_LAST: tuple[pd.DataFrame | None, list[dict[str, Any]]] = (None, [])


def _records_of(lines: pd.DataFrame) -> list[dict[str, Any]]:
    # Only the columns read here, each taken as a list (a national return has 168,000 lines: DataFrame.to_dict boxes
    # every cell of every column, the sources and load times too, and took most of the page's time).
    columns = [c for c in _LINE_COLUMNS if c in lines.columns]
    money = [c for c in _LINE_MONEY if c in lines.columns]
    values = {c: lines[c].tolist() for c in columns}
    for column in money:  # each distinct object read once
        seen: dict[int, Decimal | None] = {}
        values[column] = [seen[id(v)] if id(v) in seen else seen.setdefault(id(v), _amount(v)) for v in values[column]]
    records = [dict(zip(columns, row, strict=True)) for row in zip(*(values[c] for c in columns), strict=True)]
    for record in records:
        for column in _LINE_MONEY:
            record.setdefault(column, None)
        if record["variance"] is None:
            record["variance"] = _difference(record["forecast"], record["budget"])
    return records


_LINE_MONEY = ("budget", "forecast", "variance", "previous_variance", "actual_to_date")
_LINE_COLUMNS = ("service", "directorate", "period", "period_end", "financial_year", *_LINE_MONEY, "management_action", "commentary")


def _sort_by_band(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Red, Amber, Green, No data; then the largest overspend first (no figure last); then by name."""
    if frame.empty:
        return frame
    order = frame.assign(_band=frame["band"].map(BAND_ORDER),
                         _missing=frame["variance"].isna(),
                         _variance=[-v if v is not None else ZERO for v in frame["variance"]])
    return order.sort_values(["_band", "_missing", "_variance", name]).drop(columns=["_band", "_missing", "_variance"]) \
        .reset_index(drop=True)


def service_variances(lines: pd.DataFrame, period: str, thresholds: VarianceThresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """One row per service at `period`: variance, percent, band, words and movement since the previous report.

    The previous variance is the same service's at the latest earlier period of the same financial year in `lines`;
    when there is none, the line's own previous_variance column (what the return says was reported last time); else
    None, and so no movement. Exceptions first: Red, Amber, Green, then the largest overspend. Empty frame for a
    period with no lines. Raises MonitoringDataError when a service has two lines at the period.
    """
    records = _revenue_lines(lines)
    current = [r for r in records if r["period"] == period]
    counted = Counter(r["service"] for r in current)
    twice = sorted(service for service, times in counted.items() if times > 1)
    if twice:
        raise MonitoringDataError(f"{period} has more than one line for {', '.join(twice)}: one line per service is expected")
    history: dict[str, list[dict[str, Any]]] = {}  # each service's lines: a national return has 14,000 services
    for record in records:
        history.setdefault(record["service"], []).append(record)
    rows = []
    for line in current:
        earlier = [r for r in history[line["service"]] if r["financial_year"] == line["financial_year"]
                   and r["period_end"] < line["period_end"] and r["variance"] is not None]
        previous = max(earlier, key=lambda r: r["period_end"])["variance"] if earlier else line["previous_variance"]
        movement = _difference(line["variance"], previous)
        rows.append({
            "service": line["service"], "directorate": line["directorate"], "period": period,
            "budget": line["budget"], "forecast": line["forecast"], "variance": line["variance"],
            "variance_percent": variance_percent(line["variance"], line["budget"]),
            "band": variance_band(line["variance"], line["budget"], thresholds),
            "words": variance_words(line["variance"], line["budget"]),
            "previous_variance": previous, "movement": movement, "movement_words": movement_words(movement),
            "actual_to_date": line["actual_to_date"],
            "management_action": _text(line.get("management_action")), "commentary": _text(line.get("commentary")),
        })
    return _sort_by_band(pd.DataFrame(rows, columns=SERVICE_COLUMNS, dtype=object), "service")


def rollup(service_table: pd.DataFrame, level: str = "directorate", thresholds: VarianceThresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """Service variances (service_variances) added up per directorate, or into one 'Whole council' row.

    Budget, forecast and variance are exact sums of the figures given (None when no service gives one). The band is
    of the total, so over- and underspends within a directorate offset. Movement is summed only over the services
    that have one; movement_services says how many of how many ('3 of 4'), and movement is None when none has.
    Sorted as service_variances. Raises ValueError for an unknown level.
    """
    if level not in ROLLUP_LEVELS:
        raise ValueError(f"level must be one of {', '.join(ROLLUP_LEVELS)}")
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in service_table.to_dict("records"):
        groups.setdefault(WHOLE_COUNCIL if level == "council" else record["directorate"], []).append(record)
    rows = []
    for name, members in groups.items():
        budget = _total([_amount(m["budget"]) for m in members])
        variance = _total([_amount(m["variance"]) for m in members])
        movements = [_amount(m["movement"]) for m in members if _amount(m["movement"]) is not None]
        rows.append({
            "name": name, "period": ", ".join(sorted({str(m["period"]) for m in members})), "services": len(members),
            "budget": budget, "forecast": _total([_amount(m["forecast"]) for m in members]), "variance": variance,
            "variance_percent": variance_percent(variance, budget), "band": variance_band(variance, budget, thresholds),
            "words": variance_words(variance, budget), "movement": _total(movements),
            "movement_services": f"{len(movements)} of {len(members)}",
        })
    return _sort_by_band(pd.DataFrame(rows, columns=ROLLUP_COLUMNS, dtype=object), "name")


def exceptions(service_table: pd.DataFrame) -> pd.DataFrame:
    """Only the adverse variances banded Amber or Red, worst first: Red before Amber, then the larger overspend.

    variance_band gives Amber or Red only to an overspend or income shortfall, so the band alone picks them.
    """
    if service_table.empty:
        return service_table.copy()
    chosen = service_table[service_table["band"].isin([RED, AMBER])]
    return _sort_by_band(chosen, "service" if "service" in chosen.columns else "name")


# ------------------------------------------------------------------------------- forecast path

def forecast_path(lines: pd.DataFrame, financial_year: str, level: str = "council") -> pd.DataFrame:
    """Budget, forecast and variance per name per period of one financial year, in period_end order.

    Service level: one row per line; a service missing a period has no row for it (a gap, never a zero).
    Directorate and council levels: each period adds every service that has reported that year; a service with no
    line in the period but one earlier has its latest earlier line carried forward (named in carried_forward, so a
    month does not look like a sudden fall); a service whose first line is later is named in not_reported; complete
    is True when neither happened. A directorate has rows from the first period one of its services reported.
    Names are comma-separated, alphabetical. Raises ValueError for an unknown level.
    """
    if level not in PATH_LEVELS:
        raise ValueError(f"level must be one of {', '.join(PATH_LEVELS)}")
    columns = PATH_COLUMNS if level == "service" else [*PATH_COLUMNS, *PATH_COVERAGE_COLUMNS]
    records = [r for r in _revenue_lines(lines) if r["financial_year"] == financial_year]
    if level == "service":
        rows = [{"name": r["service"], **{c: r[c] for c in PATH_COLUMNS[1:]}} for r in records]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        return frame.sort_values(["name", "period_end"]).reset_index(drop=True) if rows else frame
    periods = sorted({(r["period_end"], r["period"]) for r in records})
    by_service: dict[str, list[dict[str, Any]]] = {}
    for record in sorted(records, key=lambda r: (r["period_end"], r["period"])):
        by_service.setdefault(record["service"], []).append(record)
    rows = []
    at: dict[str, dict[str, dict[str, Any]]] = {service: {r["period"]: r for r in history} for service, history in by_service.items()}
    latest: dict[str, dict[str, Any] | None] = dict.fromkeys(by_service)  # each service's line at or before the period
    for period_end, period in periods:
        groups: dict[str, dict[str, list]] = {}
        for service, history in by_service.items():
            here = at[service].get(period)
            before = latest[service]
            if here is not None:
                latest[service] = here
            line = here or before or history[0]
            how = "reported" if here is not None else ("carried_forward" if before is not None else "not_reported")
            name = WHOLE_COUNCIL if level == "council" else line["directorate"]
            group = groups.setdefault(name, {"reported": [], "carried_forward": [], "not_reported": []})
            group[how].append(line)
        for name, group in groups.items():
            counted = group["reported"] + group["carried_forward"]
            if not counted:
                continue
            carried = sorted(r["service"] for r in group["carried_forward"])
            missing = sorted(r["service"] for r in group["not_reported"])
            rows.append({"name": name, "period": period, "period_end": period_end,
                         **{c: _total([r[c] for r in counted]) for c in ("budget", "forecast", "variance")},
                         "complete": not carried and not missing, "carried_forward": ", ".join(carried),
                         "not_reported": ", ".join(missing)})
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.sort_values(["name", "period_end"], kind="stable").reset_index(drop=True) if rows else frame


def _ordered_variances(path: pd.DataFrame) -> pd.DataFrame:
    return path.sort_values("period_end", kind="stable") if not path.empty else path


def months_worsening(path: pd.DataFrame) -> int:
    """How many consecutive reports at the end of one name's path the variance grew: 3 for 10, 20, 30, 40.

    0 when the latest did not grow, when there is one report, or when the latest has no variance; a report with no
    variance ends the run.
    """
    variances = [_amount(v) for v in _ordered_variances(path)["variance"]] if not path.empty else []
    run = 0
    for later, earlier in zip(reversed(variances), list(reversed(variances))[1:], strict=False):
        if later is None or earlier is None or later <= earlier:
            break
        run += 1
    return run


def path_question(path: pd.DataFrame, name: str) -> str | None:
    """'Forecast overspend for Whole council has grown 3 months running (£10k to £40k)', or None.

    Asked only when the variance grew at least twice running and the latest is adverse (> 0). An income line (latest
    budget below zero) is an income shortfall. Says 'quarters' when every step of the run is more than 62 days.
    """
    run = months_worsening(path)
    if run < 2:
        return None
    ordered = _ordered_variances(path)
    variances, ends = [_amount(v) for v in ordered["variance"]], list(ordered["period_end"])
    latest, start = variances[-1], variances[-1 - run]
    if latest is None or start is None or latest <= 0:
        return None
    steps = [(ends[i] - ends[i - 1]).days for i in range(len(ends) - run, len(ends))]
    unit = "quarters" if all(step > 62 for step in steps) else "months"
    budget = _amount(ordered["budget"].iloc[-1]) if "budget" in ordered.columns else None
    what = "income shortfall" if budget is not None and budget < 0 else "overspend"
    return f"Forecast {what} for {name} has grown {run} {unit} running ({short_money(start)} to {short_money(latest)})"


# ------------------------------------------------------------------------------- capital programme

def _officer_band(value: Any, scheme: str) -> str | None:
    """The officer's RAG as 'Green'/'Amber'/'Red' (any case, spaces trimmed); None when not given."""
    text = _text(value)
    if text is None or not text.strip():
        return None
    band = text.strip().capitalize()
    if band not in (GREEN, AMBER, RED):
        raise MonitoringDataError(f"Scheme {scheme}: RAG status {text!r} is not Green, Amber or Red")
    return band


def capital_programme(schemes: pd.DataFrame, period: str, thresholds: VarianceThresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """The capital schemes at `period` with their variances, band and spend so far.

    computed_band bands variance_total against total_budget when both forecast_total and total_budget are given,
    else variance_year against budget_year, else 'No data'. band is the officer's RAG when given (band_source
    'officer'), else the computed one ('computed'). spend_percent is spend_to_date / budget_year * 100, unrounded,
    None when budget_year is 0 or None. Sorted Red, Amber, Green, No data, then the larger overspend. Raises
    MonitoringDataError for an officer RAG that is not Green, Amber or Red.
    """
    rows = []
    for record in schemes[schemes["period"] == period].to_dict("records") if not schemes.empty else []:
        money = {c: _amount(record.get(c)) for c in ("total_budget", "budget_year", "spend_to_date", "forecast_year",
                                                      "forecast_total", "slippage")}
        variance_year = _difference(money["forecast_year"], money["budget_year"])
        variance_total = _difference(money["forecast_total"], money["total_budget"])
        if variance_total is not None:
            computed, variance = variance_band(variance_total, money["total_budget"], thresholds), variance_total
        elif variance_year is not None:
            computed, variance = variance_band(variance_year, money["budget_year"], thresholds), variance_year
        else:
            computed, variance = NO_DATA_BAND, None
        officer = _officer_band(record.get("officer_rag"), str(record["scheme"]))
        spend = money["spend_to_date"]
        budget_year = money["budget_year"]
        rows.append({
            **{c: record.get(c) for c in ("scheme", "service", "directorate", "period", "period_end", "financial_year")},
            **money, "spend_percent": None if spend is None or not budget_year else spend / budget_year * 100,
            "variance_year": variance_year, "variance_total": variance_total, "officer_rag": officer,
            "computed_band": computed, "band": officer or computed, "band_source": "officer" if officer else "computed",
            "rag_reason": _text(record.get("rag_reason")), "variance": variance,
        })
    frame = pd.DataFrame(rows, columns=[*CAPITAL_COLUMNS, "variance"], dtype=object)
    return _sort_by_band(frame, "scheme").drop(columns="variance")


def capital_totals(programme: pd.DataFrame, level: str = "council") -> pd.DataFrame:
    """The capital programme (capital_programme) added up per directorate or for the whole council.

    Sums of total_budget, budget_year, spend_to_date, forecast_year, forecast_total and slippage, exact, a missing
    figure counting as 0; slippage_schemes counts the schemes that gave a slippage figure (0 included), and red,
    amber, green, no_data count the schemes in each band. Sorted by name. Raises ValueError for an unknown level.
    """
    if level not in ROLLUP_LEVELS:
        raise ValueError(f"level must be one of {', '.join(ROLLUP_LEVELS)}")
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in programme.to_dict("records"):
        groups.setdefault(WHOLE_COUNCIL if level == "council" else record["directorate"], []).append(record)
    rows = []
    for name in sorted(groups, key=str):
        members = groups[name]
        sums = {c: sum((_amount(m[c]) or ZERO for m in members), ZERO) for c in CAPITAL_SUMMED}
        bands = [m["band"] for m in members]
        rows.append({"name": name, "schemes": len(members), **sums,
                     "slippage_schemes": sum(_amount(m["slippage"]) is not None for m in members),
                     "red": bands.count(RED), "amber": bands.count(AMBER), "green": bands.count(GREEN),
                     "no_data": bands.count(NO_DATA_BAND)})
    return pd.DataFrame(rows, columns=CAPITAL_TOTAL_COLUMNS, dtype=object)


__all__ = [
    "AMBER", "BAND_RULE", "DEFAULT_THRESHOLDS", "GREEN", "NO_DATA_BAND", "RED", "WHOLE_COUNCIL", "MonitoringDataError",
    "VarianceThresholds", "band_rule", "capital_programme", "capital_totals", "exceptions", "forecast_path",
    "months_worsening", "movement_words", "path_question", "rollup", "service_variances", "variance_band",
    "variance_percent", "variance_words",
]
