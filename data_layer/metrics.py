"""Pure analytics: frames in, frames out. No database, no Streamlit.

Money is Decimal in object columns, so totals are exact. Bands come from banding.band_frame
(exact scaled integers, fast on a whole frame); reasons from banding.band_reasons, for the
rows that are shown. Every figure a page, the report or a briefing shows comes from here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from data_layer.banding import (
    AMBER,
    GREEN,
    KIND_NUMBER,
    KIND_YES_NO,
    MOST_INDICATORS,
    NO_DATA_BAND,
    RED,
    band_frame,
    band_reasons,
    overall_bands,
)
from data_layer.money_style import short_money
from data_layer.periods import YEAR, period_from_label, same_period_last_year
from data_layer.polarity import CUMULATIVE_WORDS, cumulative_from_name, names_matching
from data_layer.returns.capital import MEASURES as CAPITAL_MEASURES
from data_layer.returns.monitoring import MEASURES as MONITORING_MEASURES

ONE_DP = Decimal("0.1")
LEVELS = {"service": ["directorate", "service"], "directorate": ["directorate"], "council": []}
FAVOURABLE, ADVERSE, NO_CHANGE, NEW, REMOVED = "favourable", "adverse", "no change", "new", "removed"


def _keys(level: str) -> list[str]:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    return LEVELS[level]


def _sum(values: pd.Series) -> Decimal:
    return sum(values, Decimal(0))


def percent_change(change: Decimal | None, base: Decimal | None) -> Decimal | None:
    """Change as a percentage of the absolute base (so income budgets read right), to 1 dp.

    None when there is no base or the base is zero (no percentage exists).
    """
    if change is None or base is None or base == 0:
        return None
    return (change / abs(base) * 100).quantize(ONE_DP, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------- budgets

def change_wording(before: Decimal | None, after: Decimal | None, since: str) -> str:
    """Plain words for a change in net budget, saying whether it is favourable.

    A net budget is a cost; a negative one is net income. Less net cost or more net income is
    favourable. Handles a budget crossing from cost to income, and new or removed services.
    """
    if before is None and after is None:
        return ""
    if before is None:
        return f"new since {since}: {_net(after)}"
    if after is None:
        return f"no budget this year (was {_net(before)} in {since})"
    change = after - before
    if change == 0:
        return f"no change since {since}"
    verdict = FAVOURABLE if change < 0 else ADVERSE
    percent = percent_change(change, before)
    share = f" ({abs(percent)}%)" if percent is not None else ""
    if before >= 0 and after >= 0:
        what = f"net cost {'down' if change < 0 else 'up'} {short_money(abs(change))}{share}"
    elif before <= 0 and after <= 0:
        what = f"net income {'up' if change < 0 else 'down'} {short_money(abs(change))}{share}"
    else:
        what = f"from {_net(before)} to {_net(after)}"
    return f"{what} since {since}: {verdict}"


def _net(amount: Decimal | None) -> str:
    if amount is None:
        return "no budget"
    return f"{short_money(abs(amount))} net income" if amount < 0 else f"{short_money(amount)} net cost"


def budget_coverage(budget: pd.DataFrame) -> pd.DataFrame:
    """How complete each year's budget is: the services it covers against the latest complete year before it.

    A year is partial when some service budgeted in that earlier year has no budget line in it (a draft
    return for five services, one directorate's return loaded first). A service that has really ended
    should be given 0 or '-' for the year, which is a budget line, not a gap. The first year loaded has
    nothing to compare with and counts as complete; a partial year is never the reference for a later one.
    Columns: year, services, compared_with, of (services budgeted then), partial, missing (their names),
    by_directorate ([(directorate, services, of)] for the directorates the year does not fully cover).
    """
    columns = ["year", "services", "compared_with", "of", "partial", "missing", "by_directorate"]
    present = budget[budget["net_budget"].notna()] if not budget.empty else budget
    if present.empty:
        return pd.DataFrame(columns=columns)
    directorate_of = dict(zip(present["service"], present["directorate"], strict=True))
    by_year: dict[str, set[str]] = {}
    for year, service in zip(present["year"], present["service"], strict=True):
        by_year.setdefault(year, set()).add(service)
    rows = []
    reference: tuple[str, set[str]] | None = None
    for year in sorted(by_year, key=lambda label: period_from_label(label).end):
        services = by_year[year]
        if reference is None or period_from_label(year).kind != YEAR:
            rows.append({"year": year, "services": len(services), "compared_with": None, "of": None, "partial": False,
                         "missing": [], "by_directorate": []})
            reference = (year, services) if period_from_label(year).kind == YEAR else reference
            continue
        earlier, expected = reference
        missing = sorted(expected - services)
        short: dict[str, list[int]] = {}
        for service in expected:
            counts = short.setdefault(directorate_of.get(service, ""), [0, 0])
            counts[0] += service in services
            counts[1] += 1
        rows.append({"year": year, "services": len(services & expected), "compared_with": earlier, "of": len(expected),
                     "partial": bool(missing), "missing": missing,
                     "by_directorate": sorted((d, n, of) for d, (n, of) in short.items() if n < of)})
        if not missing:
            reference = (year, services)
    return pd.DataFrame(rows, columns=columns, dtype=object)  # object: counts stay ints beside None


def partial_years(coverage: pd.DataFrame) -> frozenset[str]:
    """The years budget_coverage finds partial."""
    return frozenset(coverage.loc[coverage["partial"].astype(bool), "year"]) if not coverage.empty else frozenset()


def coverage_words(row: dict | pd.Series) -> str:
    """'5 of the 22 services budgeted in 2012/13 (Finance & HR 3 of 5, Legal & Democratic Services 2 of 5; none of
    Environmental & Operational Services, IT & Facilities Management)', for the import preview and the pages."""
    partly = [f"{d} {n} of {of}" for d, n, of in row["by_directorate"] if n]
    none = [d for d, n, _of in row["by_directorate"] if not n]
    detail = ", ".join(partly) + ("; " if partly and none else "") + (f"none of {', '.join(none)}" if none else "")
    return f"{row['services']} of the {row['of']} services budgeted in {row['compared_with']}" + (f" ({detail})" if detail else "")


NOT_LOADED = "not loaded"  # a service or directorate with no line in a partial year's budget: not a cut to nothing


def budget_trends(budget: pd.DataFrame, level: str = "service", partial: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Net budget per service, directorate or council for every year loaded, with the change.

    Expects directorate, service, year ('2012/13'), net_budget (Decimal, pounds). Each row
    compares with the same key's previous financial year: change, change_pct (on the absolute
    base), direction (favourable / adverse / no change) and wording. A service with no budget
    the year before is 'new'; one whose budget stops is shown once as 'removed' (no budget)
    in the year after its last; neither is a 100% change. The first year loaded has no change.

    `partial` names the years whose budget is partial (budget_coverage). A comparison with or
    from such a year is like for like: a directorate's or the council's change adds up only the
    services with a budget in both years (like_for_like is True and the wording says how many), a
    service missing from the partial year is 'not loaded' rather than removed or new, and a
    directorate with no line in it has no total for it.
    """
    keys = _keys(level)
    columns = [*keys, "year", "net_budget", "previous", "change", "change_pct", "direction", "wording", "like_for_like"]
    if budget.empty:
        return pd.DataFrame(columns=columns)
    if keys and not budget.duplicated([*keys, "year"]).any():
        grouped = budget[[*keys, "year", "net_budget"]]  # one row per key and year already: nothing to add up
    else:
        grouped = budget.groupby([*keys, "year"], sort=False)["net_budget"].agg(_sum).reset_index() if keys else \
            budget.groupby("year", sort=False)["net_budget"].agg(_sum).reset_index()
    start = {label: period_from_label(label).start.year for label in grouped["year"].unique()}
    label_of = {year: label for label, year in start.items()}
    partial_starts = {start[label] for label in partial if label in start}
    first_loaded, last_loaded = min(start.values()), max(start.values())
    amounts: dict[tuple, dict[int, Decimal]] = {}
    for row in grouped.itertuples(index=False):
        key = tuple(getattr(row, k) for k in keys)
        amounts.setdefault(key, {})[start[row.year]] = row.net_budget
    per_service = _per_service(budget, keys, start) if partial_starts and level != "service" else {}
    rows = []
    for key, by_year in amounts.items():
        for year in range(min(by_year), max(by_year) + 2):
            if year > last_loaded:
                break
            after, before = by_year.get(year), by_year.get(year - 1)
            since = label_of.get(year - 1, f"{year - 1}/{year % 100:02d}")
            label = label_of.get(year, f"{year}/{(year + 1) % 100:02d}")
            if after is None and before is None:
                continue  # a gap of more than one year: said once, as removed
            row = {**dict(zip(keys, key, strict=True)), "year": label, "net_budget": after, "previous": before,
                   "like_for_like": False}
            if year in partial_starts or year - 1 in partial_starts:
                services = None if level == "service" else per_service.get(key, {})
                rows.append({**row, **_like_for_like(after, before, services, year, label, since, year in partial_starts,
                                                     year - 1 in partial_starts)})
                continue
            if after is None:
                direction = REMOVED
                change = percent = None
            elif before is None:
                direction = None if year == first_loaded else NEW
                change = percent = None
            else:
                change = after - before
                percent = percent_change(change, before)
                direction = NO_CHANGE if change == 0 else (FAVOURABLE if change < 0 else ADVERSE)
            wording = "" if direction is None else change_wording(before, after, since)
            rows.append({**row, "change": change, "change_pct": percent, "direction": direction, "wording": wording})
    frame = pd.DataFrame(rows, columns=columns, dtype=object)  # object: None stays None, Decimals stay exact
    frame["_start"] = frame["year"].map(lambda label: period_from_label(label).start.year)
    return frame.sort_values([*keys, "_start"]).drop(columns="_start").reset_index(drop=True)


def _per_service(budget: pd.DataFrame, keys: list[str], start: dict[str, int]) -> dict[tuple, dict[str, dict[int, Decimal]]]:
    """Each key's services' net budgets by year, for comparing like with like across a partial year."""
    found: dict[tuple, dict[str, dict[int, Decimal]]] = {}
    present = budget[budget["net_budget"].notna()]
    for *key_values, service, year, amount in zip(*(present[k] for k in keys), present["service"], present["year"],
                                                  present["net_budget"], strict=True):
        found.setdefault(tuple(key_values), {}).setdefault(service, {})[start[year]] = amount
    return found


def _like_for_like(after: Decimal | None, before: Decimal | None, services: dict[str, dict[int, Decimal]] | None, year: int,
                   label: str, since: str, this_year_partial: bool, last_year_partial: bool) -> dict[str, object]:
    """The change into or out of a partial year, on the services with a budget in both years only (`services`: the
    key's services' budgets by year; None for one service)."""
    partial_year = label if this_year_partial else since
    none = {"net_budget": after, "change": None, "change_pct": None, "like_for_like": True}
    if services is None:  # one service
        if after is None:
            return {**none, "direction": NOT_LOADED, "wording": f"not in the partial {label} budget ({since}: {_net(before)})"}
        if before is None:
            if not last_year_partial:  # a service new in the partial year itself
                return {**none, "direction": NEW, "like_for_like": False, "wording": change_wording(None, after, since)}
            return {**none, "direction": None, "wording": f"no {since} budget to compare with (the {since} budget is partial)"}
        change = after - before
        return {**none, "previous": before, "change": change, "change_pct": percent_change(change, before),
                "direction": NO_CHANGE if change == 0 else (FAVOURABLE if change < 0 else ADVERSE), "like_for_like": False,
                "wording": change_wording(before, after, since)}
    both = [amounts for amounts in services.values() if year in amounts and year - 1 in amounts]
    if after is None:
        return {**none, "previous": before, "direction": NOT_LOADED,
                "wording": f"no {label} budget loaded for any of its services (the {label} budget is partial)"}
    if not both:
        return {**none, "previous": None, "direction": None,
                "wording": f"none of its services has a budget in both {since} and {label} (the {partial_year} budget is partial)"}
    then = sum((amounts[year - 1] for amounts in both), Decimal(0))
    now = sum((amounts[year] for amounts in both), Decimal(0))
    change = now - then
    return {**none, "previous": then, "change": change, "change_pct": percent_change(change, then),
            "direction": NO_CHANGE if change == 0 else (FAVOURABLE if change < 0 else ADVERSE),
            "wording": f"like for like on the {len(both)} service{'s' if len(both) != 1 else ''} budgeted in both years "
                       f"(the {partial_year} budget is partial): {change_wording(then, now, since)}"}


def budget_span(trends: pd.DataFrame, level: str = "service", partial: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Change over the whole span loaded, per key: first and last year with a budget, change, wording.

    Partial years (budget_coverage) are left out: a span from or to a draft would not compare like with like.
    """
    keys = _keys(level)
    columns = [*keys, "first_year", "first_budget", "last_year", "last_budget", "change", "change_pct", "direction", "wording"]
    present = trends[trends["net_budget"].notna() & ~trends["year"].isin(partial)] if not trends.empty else trends
    if present.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for key, group in (present.groupby(keys, sort=False) if keys else [((), present)]):
        key = key if isinstance(key, tuple) else (key,)
        first, last = group.iloc[0], group.iloc[-1]
        change = last["net_budget"] - first["net_budget"]
        rows.append({**dict(zip(keys, key, strict=True)), "first_year": first["year"], "first_budget": first["net_budget"],
                     "last_year": last["year"], "last_budget": last["net_budget"], "change": change,
                     "change_pct": percent_change(change, first["net_budget"]),
                     "direction": NO_CHANGE if change == 0 else (FAVOURABLE if change < 0 else ADVERSE),
                     "wording": change_wording(first["net_budget"], last["net_budget"], first["year"])})
    return pd.DataFrame(rows, columns=columns, dtype=object)


# ------------------------------------------------------------------------------- savings

def savings_by(savings: pd.DataFrame, level: str = "directorate") -> pd.DataFrame:
    """Savings per service, directorate or council per period, with the cumulative total over the plan.

    Multi-year periods ('2008/09-2009/10') are kept whole and ordered by their end.
    """
    keys = _keys(level)
    columns = [*keys, "period", "period_end", "amount", "cumulative"]
    if savings.empty:
        return pd.DataFrame(columns=columns)
    by = [*keys, "period", "period_end"]
    totals: dict[tuple, Decimal] = {}  # one pass in first-seen order (a national plan has 70,000 lines)
    keyed = savings[savings[by].notna().all(axis=1)]  # as groupby: a line without its key is in no group
    for *group, amount in zip(*(keyed[column] for column in by), keyed["amount"], strict=True):
        key = tuple(group)
        totals[key] = totals.get(key, Decimal(0)) + amount
    grouped = pd.DataFrame([(*key, amount) for key, amount in totals.items()], columns=[*by, "amount"])
    grouped = grouped.sort_values([*keys, "period_end"]).reset_index(drop=True)
    running, total, previous = [], Decimal(0), None
    for *key, amount in zip(*(grouped[column] for column in keys), grouped["amount"], strict=True):
        if key != previous:
            total, previous = Decimal(0), key
        total += amount
        running.append(total)
    grouped["cumulative"] = pd.Series(running, index=grouped.index, dtype=object)
    grouped["amount"] = grouped["amount"].astype(object)
    return grouped[columns]


def savings_totals(savings: pd.DataFrame) -> pd.DataFrame:
    """Savings per directorate per period (the report's savings_totals)."""
    return savings_by(savings, "directorate").drop(columns="cumulative")


def savings_by_status(savings: pd.DataFrame, level: str = "directorate") -> pd.DataFrame:
    """Savings per key, period and delivery status; rows without a status are 'not given'."""
    keys = _keys(level)
    columns = [*keys, "period", "period_end", "status", "amount"]
    if savings.empty:
        return pd.DataFrame(columns=columns)
    frame = savings.assign(status=savings["status"].astype(object).where(savings["status"].notna(), "not given"))
    grouped = frame.groupby([*keys, "period", "period_end", "status"], sort=False)["amount"].agg(_sum).reset_index()
    return grouped.sort_values([*keys, "period_end", "status"]).reset_index(drop=True)[columns]


def reconcile_totals(printed: pd.DataFrame, budget: pd.DataFrame, savings: pd.DataFrame,
                     monitoring: pd.DataFrame | None = None, capital: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each printed TOTAL against the current rows of its own sheet that it covers: printed, rows, difference, matches.

    `printed` has sheet ('Budget', 'Savings', 'Monitoring' or 'Capital'), label, period, printed, covered (service names;
    scheme names for Capital), file_name, cell. A Budget total is checked against the net budget lines, a Savings total
    against the savings lines, a Monitoring or Capital total against the same figure (its period says which: "Dec 2009
    variance") of the lines it covers; the rows are the current ones, so a later return that changes a covered service
    shows up here as a difference from the paper's total.
    """
    columns = ["sheet", "file_name", "cell", "label", "period", "printed", "rows", "difference", "matches"]
    if printed.empty:
        return pd.DataFrame(columns=columns)
    amounts = {
        "Budget": dict(zip(zip(budget["service"], budget["year"], strict=True), budget["net_budget"], strict=True)) if not budget.empty else {},
        "Savings": dict(zip(zip(savings["service"], savings["period"], strict=True), savings["amount"], strict=True)) if not savings.empty else {},
        "Monitoring": _in_year_amounts(monitoring, "service", MONITORING_MEASURES),
        "Capital": _in_year_amounts(capital, "scheme", CAPITAL_MEASURES),
    }
    rows = []
    for total in printed.itertuples():
        lines = amounts.get(total.sheet, amounts["Savings"])
        covered = sum((lines.get((service, total.period), Decimal(0)) for service in total.covered), Decimal(0))
        rows.append({"sheet": total.sheet, "file_name": total.file_name, "cell": total.cell, "label": total.label, "period": total.period,
                     "printed": total.printed, "rows": covered, "difference": total.printed - covered,
                     "matches": total.printed == covered})
    return pd.DataFrame(rows, columns=columns)


def _in_year_amounts(frame: pd.DataFrame | None, name: str, measures: dict[str, str]) -> dict[tuple[str, str], Decimal]:
    """{(service or scheme, "Dec 2009 variance"): amount} for every figure of every current line (movement worked out)."""
    amounts: dict[tuple[str, str], Decimal] = {}
    if frame is None or frame.empty:
        return amounts
    for line in frame.to_dict("records"):
        figures = {column: line.get(column) for column in measures}
        if "movement" in measures and line.get("previous_variance") is not None:
            figures["movement"] = line["variance"] - line["previous_variance"]
        for column, amount in figures.items():
            if amount is not None and not (isinstance(amount, float) and pd.isna(amount)):
                amounts[(line[name], f"{line['period']} {measures[column]}")] = amount
    return amounts


# ------------------------------------------------------------------------------ indicators

def band_values(values: pd.DataFrame, *, default_tolerance: Decimal) -> pd.DataFrame:
    """Band every indicator value (vectorised, exact); see banding.band_frame."""
    if values.empty:
        return values.assign(computed_band=pd.Series(dtype=object), polarity_used=pd.Series(dtype=object),
                             overridden=pd.Series(dtype=bool), band=pd.Series(dtype=object))
    return band_frame(values, default_tolerance=default_tolerance)


def _rank(column: pd.Series) -> np.ndarray:
    """Integer ranks of a column's values (dates, labels) that sort like the values; cheap when few are distinct."""
    codes, uniques = pd.factorize(column, sort=True)
    return codes


def _chronological_order(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Row order by indicator, frequency, then period end; and, in that order, whether each row
    follows an earlier value of the same indicator and frequency."""
    indicator = _rank(frame["indicator_id"])
    kind = _rank(frame["period_kind"])
    end = _rank(frame["period_end"])
    order = np.lexsort((end, kind, indicator))
    same_series = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        same_series[1:] = (indicator[order][1:] == indicator[order][:-1]) & (kind[order][1:] == kind[order][:-1])
    return order, same_series


PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, PROFILED_TARGET = "previous period", "same period last year", "profiled target"
ON_PROFILE, BEHIND_PROFILE = "on or ahead of profile", "behind profile"


def with_direction(banded: pd.DataFrame) -> pd.DataFrame:
    """Adds direction of travel, what it was judged against, and the value just before, to every row.

    A value is compared with the same indicator's previous value of the same frequency (monthly with
    monthly, quarterly with quarterly), judged by polarity: improving, worsening, no change, or None when
    there is no earlier value or the two cannot be compared. A cumulative (year-to-date) value fills up
    over the year, so it is compared with the same period last year instead, never with last month; with
    no same period last year, only against its profiled target (the period's own target: `profile`).

    Adds direction, direction_basis (previous period / same period last year / profiled target / None),
    previous_period and previous_actual (what the direction compares with), profile, cumulative_used
    and cumulative_source (stated / name / None), and prior_position: where the value just before is,
    whatever the basis (latest_values turns it into prior_period, prior_actual and prior_band, for
    "No data (was Red)" and "Red two periods running").
    Vectorised: one sort, then each row is compared with the row before it.
    """
    n = len(banded)
    order, has_previous = _chronological_order(banded)
    previous_row = np.full(n, -1, dtype=np.int64)  # positional index of each row's previous value
    previous_row[order[1:][has_previous[1:]]] = order[:-1][has_previous[1:]]
    prior_row = previous_row.copy()
    cumulative, cumulative_source = _cumulative(banded)
    basis = np.where(previous_row >= 0, 0, -1).astype(np.int8)  # codes into BASES; -1: none
    if cumulative.any():
        rows = np.flatnonzero(banded["indicator_id"].isin(set(banded["indicator_id"].to_numpy()[cumulative])).to_numpy())
        positions = {(indicator, kind, label): position for position, indicator, kind, label in
                     zip(rows, banded["indicator_id"].to_numpy()[rows], banded["period_kind"].to_numpy()[rows],
                         banded["period"].to_numpy()[rows], strict=True)}
        for position in np.flatnonzero(cumulative):
            row = banded.iloc[position]
            last_year = same_period_last_year(row["period"])
            found = positions.get((row["indicator_id"], row["period_kind"], last_year)) if last_year else None
            previous_row[position] = -1 if found is None else found
            basis[position] = 1 if found is not None else 2
    has = previous_row >= 0
    before = np.where(has, previous_row, 0)
    kind = banded["actual_kind"].to_numpy()
    exact = banded["actual_exact"].to_numpy(dtype=bool)
    numbers = has & (kind == KIND_NUMBER) & (kind[before] == KIND_NUMBER) & exact & exact[before]
    yes_no = has & (kind == KIND_YES_NO) & (kind[before] == KIND_YES_NO)
    value = banded["actual_scaled"].to_numpy()
    lower = banded["lower_is_better"].to_numpy(dtype=bool)
    # Direction codes, made into a categorical at the end (cheaper than a million strings).
    code = np.full(n, -1, dtype=np.int8)  # -1: no direction
    if numbers.any():
        now, then = value[numbers], value[before[numbers]]
        went_up, same = now > then, now == then
        better = np.where(lower[numbers], ~went_up & ~same, went_up)
        code[numbers] = np.where(same, 2, np.where(better, 0, 1))
    if yes_no.any():
        yes = banded["actual_yes"].to_numpy(dtype=bool)
        now_yes, then_yes = yes[yes_no], yes[before[yes_no]]
        code[yes_no] = np.where(now_yes == then_yes, 2, np.where(now_yes, 0, 1))
    missing = pd.Series(~has, index=banded.index)
    profiled = basis == 2
    profile = np.full(n, None, dtype=object)
    if profiled.any():  # few values: a cumulative indicator's first year
        computed = banded["computed_band"].astype(object).to_numpy()
        profile[profiled & (computed == GREEN)] = ON_PROFILE
        profile[profiled & np.isin(computed, [AMBER, RED])] = BEHIND_PROFILE
    basis[~has & ~profiled] = -1
    return banded.assign(
        direction=pd.Categorical.from_codes(code, categories=["improving", "worsening", "no change"]),
        direction_basis=pd.Categorical.from_codes(basis, categories=[PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, PROFILED_TARGET]),
        previous_period=banded["period"].take(before).set_axis(banded.index).mask(missing),
        previous_actual=banded["actual_text"].take(before).set_axis(banded.index).mask(missing),
        profile=pd.Series(profile, index=banded.index, dtype=object),
        cumulative_used=cumulative,
        cumulative_source=pd.Series(cumulative_source, index=banded.index, dtype=object),
        prior_position=prior_row,
    )


def _with_prior(latest: pd.DataFrame, every: pd.DataFrame) -> pd.DataFrame:
    """The value just before each latest value (its period, actual and band), from with_direction's prior_position into
    `every`: worked out for the rows shown only, not for a million."""
    positions = latest["prior_position"].to_numpy()
    none = pd.Series(positions < 0, index=latest.index)
    before = every.iloc[np.where(positions >= 0, positions, 0)]
    return latest.assign(**{f"prior_{name}": before[column].astype(object).set_axis(latest.index).mask(none)
                            for name, column in (("period", "period"), ("actual", "actual_text"), ("band", "band"))})


def _cumulative(banded: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Which values are cumulative (year to date): as the return says (Cumulative or Frequency column, nearest stated),
    else as the indicator's name says ('YTD', 'cumulative'); and where that came from."""
    n = len(banded)
    said = np.zeros(n, dtype=bool)
    chosen = np.zeros(n, dtype=bool)
    if "cumulative" in banded and banded["cumulative"].notna().any():
        stated = banded["cumulative"]
        said = stated.notna().to_numpy(dtype=bool)
        chosen[said] = stated[said].astype(bool).to_numpy()
    named = np.zeros(n, dtype=bool)
    if "indicator" in banded:
        codes, distinct = pd.factorize(banded["indicator"], sort=False, use_na_sentinel=True)
        flags = np.append(names_matching(distinct, CUMULATIVE_WORDS, cumulative_from_name), False)
        named = flags[codes] & ~said
    source = np.full(n, None, dtype=object)
    source[said & chosen] = "stated"
    source[named] = "name"
    return chosen | named, source


def latest_values(banded: pd.DataFrame, *, financial_year: str | None = None,
                  default_tolerance: Decimal | None = None, reasons: bool = True) -> pd.DataFrame:
    """Each indicator at its latest period (within `financial_year` if given), with direction and reason.

    The reason is written only for these rows (pass the council's default tolerance);
    reasons=False leaves it out, for roll-ups that need only the bands.
    """
    if banded.empty:
        return banded.assign(direction=pd.Series(dtype=object), previous_period=pd.Series(dtype=object),
                             previous_actual=pd.Series(dtype=object), reason=pd.Series(dtype=object),
                             computed_reason=pd.Series(dtype=object))
    every = frame = with_direction(banded)
    if financial_year:
        frame = frame[(frame["financial_year"] == financial_year).to_numpy()]
        if frame.empty:
            return latest_values(banded.iloc[0:0], reasons=reasons)
    indicator = _rank(frame["indicator_id"])
    order = np.lexsort((_rank(frame["period_end"]), indicator))
    last_of_indicator = np.ones(len(order), dtype=bool)
    last_of_indicator[:-1] = indicator[order][:-1] != indicator[order][1:]
    latest = _with_prior(frame.iloc[order[last_of_indicator]].reset_index(drop=True), every)
    if not reasons:
        return latest
    written = band_reasons(latest, default_tolerance=default_tolerance if default_tolerance is not None else Decimal(10))
    return latest.assign(reason=written["reason"], computed_reason=written["computed_reason"])


def scorecard(latest: pd.DataFrame, services: pd.DataFrame, *, rule: str = MOST_INDICATORS, level: str = "service") -> pd.DataFrame:
    """Counts of Green, Amber, Red and No data, the overall band, and how many improved or worsened.

    Per service (every service in `services` appears, zeros when it has no indicators),
    directorate or council. Overall uses the council's rule: 'most' (the band most indicators
    hold, ties to the worse) or 'worst'; No data when no indicator has data.
    """
    keys = _keys(level)
    columns = [*keys, "green", "amber", "red", "no_data", "overall", "improved", "worsened"]
    base = services[["directorate", "service"]].drop_duplicates() if not services.empty else pd.DataFrame(columns=["directorate", "service"])
    if not latest.empty:
        extra = latest[["directorate", "service"]].drop_duplicates()
        base = pd.concat([base, extra]).drop_duplicates(subset=["service"], keep="first")
        bands = latest["band"].astype(object)
        counts = pd.DataFrame({
            "service": latest["service"],
            "green": (bands == GREEN).astype(int), "amber": (bands == AMBER).astype(int),
            "red": (bands == RED).astype(int), "no_data": (bands == NO_DATA_BAND).astype(int),
            "improved": (latest["direction"] == "improving").astype(int),
            "worsened": (latest["direction"] == "worsening").astype(int),
        }).groupby("service", sort=False).sum().reset_index()
        per_service = base.merge(counts, on="service", how="left")
    else:
        per_service = base.assign(green=0, amber=0, red=0, no_data=0, improved=0, worsened=0)
    number_columns = ["green", "amber", "red", "no_data", "improved", "worsened"]
    per_service[number_columns] = per_service[number_columns].fillna(0).astype(int)
    if keys == ["directorate", "service"]:
        rolled = per_service.sort_values(["directorate", "service"]).reset_index(drop=True)
    elif keys:
        rolled = per_service.groupby(keys, sort=True)[number_columns].sum().reset_index()
    else:
        rolled = pd.DataFrame([per_service[number_columns].sum().to_dict()]) if not per_service.empty else \
            pd.DataFrame([dict.fromkeys(number_columns, 0)])
    rolled["overall"] = overall_bands(rolled["green"], rolled["amber"], rolled["red"], rule)
    return rolled[columns]


# -------------------------------------------------------------------------------- overview

def overview_figures(trends: pd.DataFrame, totals: pd.DataFrame, cards: pd.DataFrame) -> dict[str, object]:
    """Headline figures for the council: latest net budget and change, savings, band counts.

    `trends` is budget_trends at council level, up to the view's year; the latest year is its last with a budget;
    savings are for that year and over the whole plan (multi-year periods included).
    """
    figures: dict[str, object] = {"year": None, "net_budget": None, "change": None, "change_pct": None,
                                  "wording": "", "savings_this_year": None, "savings_plan": None}
    present = trends[trends["net_budget"].notna()] if not trends.empty else trends
    if not present.empty:
        latest = present.iloc[-1]
        figures.update(year=latest["year"], net_budget=latest["net_budget"], change=latest["change"],
                       change_pct=latest["change_pct"], wording=latest["wording"])
    if not totals.empty:
        figures["savings_plan"] = _sum(totals["amount"])
        if figures["year"] is not None:
            figures["savings_this_year"] = _sum(totals.loc[totals["period"] == figures["year"], "amount"])
    for column in ("green", "amber", "red", "no_data"):
        figures[column] = int(cards[column].sum()) if not cards.empty else 0
    return figures
