"""What councillors read of in-year monitoring, built from monitoring_view.MonitoringFigures: the headline figures, the
exceptions, every service, the capital programme, and the words around them. Pure: no Streamlit, no database.

Tables follow presentation's convention: user-facing column names, money exact (Decimal pounds) in columns named
"... (£)", which the screen writes the one way (£1,083k) and the downloads keep to the pound.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import pandas as pd

from data_layer.banding import band_label
from data_layer.money_style import short_money
from data_layer.monitoring_metrics import movement_words
from data_layer.monitoring_view import MonitoringFigures
from data_layer.presentation import MONEY_SUFFIX, exactly, plural
from data_layer.values import format_pounds

if TYPE_CHECKING:
    from data_layer.views import CouncilData, View

ONE_DP = Decimal("0.1")


@dataclass(frozen=True)
class Headline:
    """One headline figure as st.metric shows it: the delta's arrow ('up', 'down', 'off') and colour ('red', 'green',
    'gray') are chosen here, so 'better' never gets an up arrow and 'worse' never a green one."""

    label: str
    value: str
    delta: str | None = None
    arrow: str = "off"
    colour: str = "gray"
    help: str | None = None


def _money(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _signed(amount: Decimal | None) -> str:
    """'+£47k' for an overspend, '-£6k' for an underspend; '–' for no figure."""
    return ("+" if amount is not None and amount > 0 else "") + short_money(amount)


def _percent(value: object, places: Decimal = ONE_DP) -> Decimal | None:
    return value.quantize(places, rounding=ROUND_HALF_UP) if isinstance(value, Decimal) else None


def movement_heading(previous_period: str | None) -> str:
    """'Movement since Jul 2012'; 'Movement since last reported' for a first month whose return gives its previous variance."""
    return f"Movement since {previous_period}" if previous_period else "Movement since last reported"


# ------------------------------------------------------------------------------- headline

def _over_or_under(amount: Decimal | None, of: str = "") -> str | None:
    """'£10k over', '£320k under', 'on budget' (of: ' budget' to say what it is over); None for no figure. Short, so a
    headline's change stays on its one line at 820 px wide (Streamlit never wraps it)."""
    if amount is None:
        return None
    return "on budget" if amount == 0 else f"{short_money(abs(amount))} {'over' if amount > 0 else 'under'}{of}"


def _percent_words(percent: Decimal | None) -> str | None:
    """'4.3% adverse', '0.2% favourable', 'on budget' (of the absolute budget, so income lines read right)."""
    if percent is None:
        return None
    return "on budget" if percent == 0 else f"{abs(percent)}% {'adverse' if percent > 0 else 'favourable'}"


def revenue_headline(figures: MonitoringFigures) -> list[Headline]:
    """The scope's forecast outturn against its budget, the variance with its movement since the previous report, and
    its band; [] when no month is reported. What each delta leaves out (the exact figures, the variance in words, how
    many services the movement covers) is in its help."""
    if figures.period is None or figures.total.empty:
        return []
    total = figures.total.iloc[0]
    budget, forecast, variance = _money(total["budget"]), _money(total["forecast"]), _money(total["variance"])
    movement, services = _money(total["movement"]), int(total["services"])
    since = f"since {figures.previous_period}" if figures.previous_period else "since last reported"
    if movement is None:
        delta, arrow, colour = "no earlier figure", "off", "gray"
    else:
        delta = movement_words(movement)
        arrow, colour = ("up", "red") if movement > 0 else (("down", "green") if movement < 0 else ("off", "gray"))
    covered = "" if total["movement_services"] == f"{services} of {services}" else \
        f" The movement is over the {total['movement_services']} services with an earlier figure."
    percent = _percent(total["variance_percent"])
    return [
        Headline(f"Forecast outturn, {figures.period}", short_money(forecast), f"budget {short_money(budget)}",
                 help=(f"Exactly {format_pounds(forecast)} against a budget of {format_pounds(budget)}."
                       if forecast is not None and budget is not None else None)),
        Headline(f"Forecast variance, change {since}" if movement is not None else "Forecast variance", _signed(variance),
                 delta, arrow, colour,
                 help=(f"Exactly {format_pounds(variance)}: {total['words']}, over {plural(services, 'service')}.{covered}"
                       if variance is not None else None)),
        Headline("Band", band_label(str(total["band"])), _percent_words(percent),
                 help=str(figures.band_rule) or None),
    ]


def capital_headline(figures: MonitoringFigures) -> list[Headline]:
    """The capital programme's totals: this year's budget, spend to date (and its share), forecast (over or under this
    year's budget), slippage; [] when no capital report is loaded."""
    if figures.capital_period is None or figures.capital_total.empty:
        return []
    total = figures.capital_total.iloc[0]
    budget, spent = _money(total["budget_year"]), _money(total["spend_to_date"])
    forecast, slippage = _money(total["forecast_year"]), _money(total["slippage"])
    share = _percent(spent / budget * 100, Decimal(1)) if spent is not None and budget else None
    against = forecast - budget if forecast is not None and budget is not None else None
    return [
        Headline("Capital budget this year", short_money(budget), plural(int(total["schemes"]), "scheme"), help=exactly(budget)),
        Headline("Spent to date", short_money(spent), None if share is None else f"{share}% of budget",
                 help=exactly(spent, None if share is None else f"{share}% of this year's budget")),
        Headline("Forecast this year", short_money(forecast), _over_or_under(against),
                 help=exactly(forecast, None if against is None else
                              f"{_over_or_under(against, ' budget')} this year ({format_pounds(abs(against))})")),
        Headline("Slippage into later years", short_money(slippage), plural(int(total["slippage_schemes"]), "scheme"),
                 help=exactly(slippage, "budget moved into later years")),
    ]


# ------------------------------------------------------------------------------- revenue tables

def services_table(by_service: pd.DataFrame, previous_period: str | None) -> pd.DataFrame:
    """Every service at the month, exceptions first (the order monitoring_view gives): band, service, directorate, the
    money, the variance in words, its movement, actual to date, management action and commentary."""
    moved = movement_heading(previous_period)
    columns = ["Band", "Service", "Directorate", "Period", f"Budget{MONEY_SUFFIX}", f"Forecast outturn{MONEY_SUFFIX}",
               f"Variance{MONEY_SUFFIX}", "Variance %", "What it means", moved, f"Change in variance{MONEY_SUFFIX}",
               f"Actual to date{MONEY_SUFFIX}", "Management action", "Commentary"]
    if by_service.empty:
        return pd.DataFrame(columns=columns)
    frame = by_service
    return pd.DataFrame({
        "Band": frame["band"].map(band_label),
        "Service": frame["service"],
        "Directorate": frame["directorate"],
        "Period": frame["period"],
        f"Budget{MONEY_SUFFIX}": frame["budget"],
        f"Forecast outturn{MONEY_SUFFIX}": frame["forecast"],
        f"Variance{MONEY_SUFFIX}": frame["variance"],
        "Variance %": frame["variance_percent"].map(_percent),
        "What it means": frame["words"].map(_text),
        moved: frame["movement_words"].map(_text),
        f"Change in variance{MONEY_SUFFIX}": frame["movement"],
        f"Actual to date{MONEY_SUFFIX}": frame["actual_to_date"],
        "Management action": frame["management_action"].map(_text),
        "Commentary": frame["commentary"].map(_text),
    }, columns=columns).reset_index(drop=True)


def services_screen(table: pd.DataFrame) -> list[str]:
    """The full table's columns a councillor reads on screen; the rest (directorate, percent, the change in variance
    in pounds, actual to date, management action, commentary) are in the download."""
    moved = next(c for c in table.columns if str(c).startswith("Movement since"))
    return ["Band", "Service", "Period", f"Budget{MONEY_SUFFIX}", f"Forecast outturn{MONEY_SUFFIX}", f"Variance{MONEY_SUFFIX}",
            "What it means", moved]


WHY_AND_ACTION = "Why, and what is being done"


def _why_and_action(commentary: str, action: str) -> str:
    """'Fuel costs above budget. Action: rounds re-routed from October.': one column, so the exceptions read whole at 820 px."""
    return " ".join(part for part in (commentary, f"Action: {action}" if action else "") if part)


def exceptions_table(figures: MonitoringFigures) -> pd.DataFrame:
    """The adverse variances over the Amber threshold, worst first: band, service, directorate, variance, its words,
    movement, and the commentary with the management action (each apart in the full table's download)."""
    table = services_table(figures.exceptions, figures.previous_period)
    moved = movement_heading(figures.previous_period)
    table[WHY_AND_ACTION] = [_why_and_action(why, action) for why, action in
                             zip(table["Commentary"], table["Management action"], strict=True)]
    return table[["Band", "Service", "Directorate", "Period", f"Variance{MONEY_SUFFIX}", "What it means", moved, WHY_AND_ACTION]]


def exceptions_screen(table: pd.DataFrame, one_directorate: bool) -> list[str]:
    """The exceptions' columns on screen, six so they read whole at 820 px: the variance is in its words ('overspend
    £242k (8.1%): adverse'; exact in the download), and the Period and a Directorate every row shares are said in the
    page's headings."""
    return [c for c in table.columns if c not in (f"Variance{MONEY_SUFFIX}", "Period") and not (one_directorate and c == "Directorate")]


def band_rule_words(figures: MonitoringFigures) -> str:
    """The rule the bands follow, with the council's own thresholds, and where they are set."""
    return f"How a variance is banded: {figures.band_rule} Finance staff set the thresholds on the Settings page."


def exceptions_none_words(figures: MonitoringFigures) -> str:
    return f"No service is forecast to overspend past the Amber threshold at {figures.period}."


# ------------------------------------------------------------------------------- capital

CAPITAL_SOURCES = {"officer": "officer", "computed": "worked out"}


def _capital_band(band: object, source: object, computed: object) -> str:
    """'● Red (officer)', '✓ Green (worked out)', or '▲ Amber (officer; worked out ✓ Green)' when the officer's RAG
    differs from the figures' (as an indicator's officer override is shown)."""
    shown = CAPITAL_SOURCES.get(str(source), str(source))
    differs = source == "officer" and band != computed
    return f"{band_label(str(band))} ({shown}{f'; worked out {band_label(str(computed))}' if differs else ''})"


def capital_table(capital: pd.DataFrame) -> pd.DataFrame:
    """The capital schemes, worst first: band (the officer's RAG, or worked out) saying where it came from, the scheme,
    the budgets, spend, forecasts, slippage and the reason. Band from repeats the source alone, to sort by in the download."""
    columns = ["Band", "Band from", "Scheme", "Directorate", "Service", "Period", f"Total budget{MONEY_SUFFIX}",
               f"Budget this year{MONEY_SUFFIX}", f"Spend to date{MONEY_SUFFIX}", "Spent %", f"Forecast this year{MONEY_SUFFIX}",
               f"Forecast total{MONEY_SUFFIX}", f"Slippage{MONEY_SUFFIX}", "Reason"]
    if capital.empty:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame({
        "Band": [_capital_band(b, s, c) for b, s, c in zip(capital["band"], capital["band_source"], capital["computed_band"], strict=True)],
        "Band from": capital["band_source"].map(lambda source: CAPITAL_SOURCES.get(str(source), str(source))),
        "Scheme": capital["scheme"],
        "Directorate": capital["directorate"],
        "Service": capital["service"].map(_text),
        "Period": capital["period"],
        f"Total budget{MONEY_SUFFIX}": capital["total_budget"],
        f"Budget this year{MONEY_SUFFIX}": capital["budget_year"],
        f"Spend to date{MONEY_SUFFIX}": capital["spend_to_date"],
        "Spent %": capital["spend_percent"].map(lambda v: _percent(v, Decimal(1))),
        f"Forecast this year{MONEY_SUFFIX}": capital["forecast_year"],
        f"Forecast total{MONEY_SUFFIX}": capital["forecast_total"],
        f"Slippage{MONEY_SUFFIX}": capital["slippage"],
        "Reason": capital["rag_reason"].map(_text),
    }, columns=columns).reset_index(drop=True)


CAPITAL_SCREEN = ["Band", "Scheme", "Period", f"Budget this year{MONEY_SUFFIX}", f"Spend to date{MONEY_SUFFIX}",
                  f"Forecast this year{MONEY_SUFFIX}", f"Slippage{MONEY_SUFFIX}", "Reason"]
CAPITAL_BAND_WORDS = ("Band: the officer's RAG where the return gives one (officer), otherwise worked out from the "
                      "forecast against the budget by the thresholds above (worked out). Slippage is budget moved into "
                      "later years.")


# ------------------------------------------------------------------------------- nothing loaded

def empty_words(view: View) -> str:
    """What to load when the scope has no monitoring for its year."""
    return (f"No monitoring return is loaded for {view.filters.scope}, {view.year or 'this year'}. Load a workbook with a "
            "Monitoring sheet (Service, Budget, and Forecast outturn or Variance; optionally Directorate, Period, Actual to "
            "date, Management action and Commentary) and, for the capital programme, a Capital sheet (Scheme, Budget this "
            "year, Forecast this year; optionally Spend to date, Slippage, RAG and Reason). Money is in £000 unless a title "
            "or heading says otherwise.")


def monitoring_elsewhere(data: CouncilData | None, view: View) -> dict[str, tuple[int, int, str]]:
    """The other years with monitoring for the view's scope: {year: (services with a monitoring line, capital schemes,
    the latest month)}, newest first; {} when there are none."""
    if data is None:
        return {}
    scoped = view.filters.directorate is not None or view.filters.committee is not None
    counts: dict[str, list[int]] = {}
    latest: dict[str, tuple[str, object]] = {}
    for index, (frame, name) in enumerate(((data.monitoring, "service"), (data.capital, "scheme"))):
        if frame.empty:
            continue
        others = frame[frame["financial_year"] != view.year]
        if scoped:  # the view's services; a capital scheme by its directorate (a scheme need not name a service)
            column, names = ("service", view.services["service"]) if name == "service" else ("directorate", view.services["directorate"])
            others = others[others[column].isin(set(names))]
        for year, lines in others.groupby("financial_year", sort=False):
            counts.setdefault(str(year), [0, 0])[index] = int(lines[name].nunique())
            newest = lines.sort_values("period_end", kind="stable").iloc[-1]
            if str(year) not in latest or newest["period_end"] > latest[str(year)][1]:
                latest[str(year)] = (str(newest["period"]), newest["period_end"])
    ordered = sorted(counts, key=lambda year: latest[year][1], reverse=True)  # type: ignore[arg-type, return-value]
    return {year: (counts[year][0], counts[year][1], latest[year][0]) for year in ordered}


def elsewhere_words(view: View, elsewhere: dict[str, tuple[int, int, str]]) -> str | None:
    """'There is no monitoring for 2013/14 yet: it is loaded for 2012/13 (21 services and 7 capital schemes, latest
    Aug 2012).'; None when no other year has any."""
    if not elsewhere:
        return None
    found = []
    for year, (services, schemes, month) in elsewhere.items():
        what = [plural(services, "service")] if services else []
        what += [plural(schemes, "capital scheme")] if schemes else []
        found.append(f"{year} ({' and '.join(what)}, latest {month})")
    scope = "" if view.filters.scope == "Whole council" else f" ({view.filters.scope})"
    return f"There is no monitoring for {view.year or 'this year'}{scope} yet: it is loaded for {'; '.join(found)}."


__all__ = ["CAPITAL_BAND_WORDS", "CAPITAL_SCREEN", "Headline", "band_rule_words", "capital_headline",
           "capital_table", "elsewhere_words", "empty_words", "exceptions_none_words", "exceptions_screen",
           "exceptions_table", "monitoring_elsewhere", "movement_heading", "revenue_headline", "services_screen",
           "services_table"]
