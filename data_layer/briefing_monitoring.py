"""The briefing pack's in-year monitoring: its at-a-glance figures, its questions, its detail and its appendix.

Pure, like briefing.py: a view's monitoring_view.monitoring_figures in, parts of the content model out, so the pack and
the Monitoring page never disagree. A pack whose view has no monitoring and no capital programme for its year gets none
of this (build_briefing asks MonitoringFigures.empty first).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from data_layer import presentation
from data_layer.banding import band_label
from data_layer.briefing import APPENDIX, Chart, KeyFigure, Section, Series, Table
from data_layer.money_style import short_money
from data_layer.monitoring_charts import MOST_BARS, MOST_LINES, VARIANCE_AXIS
from data_layer.monitoring_metrics import AMBER, NO_DATA_BAND, RED, movement_words
from data_layer.monitoring_tables import movement_heading
from data_layer.monitoring_view import MonitoringFigures

MONITORING = "In-year monitoring"  # the detail's section: "In-year monitoring, as at Aug 2012"
CAPITAL = "Capital programme"  # its section follows: "Capital programme, as at Aug 2012"
MONITORING_APPENDIX = f"{APPENDIX}: In-year monitoring per service"
# Added to the sample council's note when its pack shows monitoring (the sample's monitoring workbook says the same).
SAMPLE_MONITORING_NOTE = (" Its in-year monitoring and capital figures are illustrative too (the paper prints no monthly "
                          "monitoring); only their budgets are as printed.")
NO_ACTION = "none given"
M = presentation.MONEY_SUFFIX
ONE_DP = Decimal("0.1")


def _row(frame: pd.DataFrame) -> pd.Series | None:
    return frame.iloc[0] if not frame.empty else None


def _percent(value: object) -> str:
    """'8.6%' (one decimal, halves away from zero); '' for no figure."""
    return f"{Decimal(value).quantize(ONE_DP, rounding=ROUND_HALF_UP)}%" if isinstance(value, Decimal) else ""


def _money(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _signed(amount: object) -> str:
    """'+£47k' for an overspend, '-£6k' for an underspend (as the Monitoring page writes a variance); '–' for no figure."""
    return ("+" if isinstance(amount, Decimal) and amount > 0 else "") + short_money(amount)


def _movement(row: pd.Series, figures: MonitoringFigures) -> str:
    """'worse by £22k since Jul 2012' ('since last reported' for a first month whose return gives the previous variance);
    '' when there is nothing to compare with."""
    words = movement_words(_money(row["movement"]))
    return f"{words} {movement_heading(figures.previous_period).removeprefix('Movement ')}" if words else ""


# ---------------------------------------------------------------------------------- at a glance

def glance_figures(figures: MonitoringFigures) -> list[KeyFigure]:
    """'Forecast outturn': £10.4m against a budget of £10.4m, as at Aug 2012; 'Forecast variance': +£47k, overspend £47k
    (0.5%): adverse, its band, and its movement since the previous report. None when only capital is loaded."""
    total = _row(figures.total)
    if total is None:
        return []
    outturn = KeyFigure("Forecast outturn", short_money(total["forecast"]),
                        f"against a budget of {short_money(total['budget'])}, as at {figures.period}")
    detail = [str(total["words"] or "no variance given"), band_label(str(total["band"]))]
    moved = _movement(total, figures)
    return [outturn, KeyFigure("Forecast variance", _signed(total["variance"]), "; ".join([*detail, *([moved] if moved else [])]))]


# ---------------------------------------------------------------------------------- questions

def questions(figures: MonitoringFigures) -> list[str]:
    """The forecast growing month after month; each Red overspend with no management action; each Red capital scheme."""
    asked = [f"{question}. What is behind it, and what will bring it back within budget?" for question in figures.questions]
    for row in figures.exceptions.itertuples() if not figures.exceptions.empty else []:
        if row.band != RED or (isinstance(row.management_action, str) and row.management_action.strip()):
            continue
        income = isinstance(row.budget, Decimal) and row.budget < 0
        what = f"forecast to fall {short_money(row.variance)} short of its income budget" if income else \
            f"forecast to overspend {short_money(row.variance)}"
        asked.append(f"{row.service} is {what} ({RED}) and no management action is given. What will be done, and by when?")
    for row in figures.capital.itertuples() if not figures.capital.empty else []:
        if row.band != RED:
            continue
        over = _money(row.variance_total)
        money = (f"forecast {short_money(over)} over its total budget of {short_money(row.total_budget)}"
                 if over is not None and over > 0 else f"total budget {short_money(row.total_budget)}")
        reason = f": {row.rag_reason.strip()}" if isinstance(row.rag_reason, str) and row.rag_reason.strip() else ", with no reason given"
        reason += "" if reason.endswith((".", "!", "?")) else "."
        asked.append(f"The capital scheme {row.scheme} is {RED} ({money}){reason} Will it be delivered within its budget?")
    return asked


# ---------------------------------------------------------------------------------- the detail

def monitoring_section(figures: MonitoringFigures, by: str) -> Section | None:
    """'In-year monitoring, as at Aug 2012': the forecast outturn and variance, how the forecast moved month by month,
    the variance per head of service (or service), the overspends with their management action. `by` is 'directorate'
    for the whole council, else 'service'. None when only a capital programme is loaded (capital_section has it)."""
    total = _row(figures.total)
    if total is None:
        return None
    section = Section(f"{MONITORING}, as at {figures.period}")
    moved = _movement(total, figures)
    section.lead.append(f"Forecast outturn {short_money(total['forecast'])} against a budget of {short_money(total['budget'])}: "
                        f"{total['words'] or 'no variance given'} ({band_label(str(total['band']))})" + (f", {moved}." if moved else "."))
    carried = figures.path["carried_forward"].iloc[-1] if "carried_forward" in figures.path and not figures.path.empty else None
    if isinstance(carried, str) and carried:  # the month's lines leave them out; the path carries them forward
        section.lead.append(f"No line for {figures.period} from {carried}: the month's totals leave {'it' if ',' not in carried else 'them'} "
                            "out; the forecast path carries forward the latest figure.")
    section.lead.append(f"Bands: {figures.band_rule}")
    section.elsewhere.append("Every service's monitoring line is in {where}.")
    section.charts.extend(chart for chart in (_path_chart(figures), _variance_chart(figures, by)) if chart.categories)  # none: no figure
    section.tables.append(_exceptions_table(figures))
    return section


def _path_chart(figures: MonitoringFigures) -> Chart:
    """The forecast variance month by month: the scope's total, and each head of service's when there are several (the
    ones with the largest latest variance when there are more than a chart can tell apart, the title says so)."""
    path, title = figures.path, "Forecast (under)/overspend month by month"
    by_directorate = figures.path_by_directorate
    names = list(dict.fromkeys(by_directorate["name"])) if not by_directorate.empty else []
    if len(names) > 1:
        room = MOST_LINES - 1  # the total is one of the lines
        if len(names) > room:
            latest = by_directorate.sort_values("period_end", kind="stable").groupby("name", sort=False).tail(1)
            size = {n: abs(v) if isinstance(v, Decimal) else Decimal(-1) for n, v in zip(latest["name"], latest["variance"], strict=True)}
            title += f" (the {room} heads of service with the largest, of {len(names)})"
            names = sorted(sorted(names, key=lambda n: size[n], reverse=True)[:room])
        chosen = by_directorate[by_directorate["name"].isin(names)]
        path = pd.concat([path, chosen[[c for c in path.columns if c in chosen.columns]]], ignore_index=True)
    months = list(dict.fromkeys(figures.path.sort_values("period_end")["period"]))
    series = []
    for name in dict.fromkeys(path["name"]):
        rows = dict(zip(path.loc[path["name"] == name, "period"], path.loc[path["name"] == name, "variance"], strict=True))
        series.append(Series(str(name), [float(rows[m]) if isinstance(rows.get(m), Decimal) else None for m in months]))
    return Chart(title, "forecast path", months, series, VARIANCE_AXIS, frame=path)


def _variance_chart(figures: MonitoringFigures, by: str) -> Chart:
    """The forecast variance per head of service (whole council) or per service, the worst overspend first (the largest
    either way when there are more than a chart can label, the title says so)."""
    table, name = (figures.by_directorate, "name") if by == "directorate" else (figures.by_service, "service")
    drawn = table[table["variance"].map(lambda v: isinstance(v, Decimal))]
    title = f"Forecast (under)/overspend per {'head of service' if by == 'directorate' else 'service'}, {figures.period}"
    if len(drawn) > MOST_BARS:
        title += f" (the {MOST_BARS} largest of {len(drawn)})"
        drawn = drawn.assign(_size=[abs(v) for v in drawn["variance"]]).sort_values("_size", ascending=False, kind="stable") \
            .head(MOST_BARS).drop(columns="_size")
    drawn = drawn.assign(_worst=[-v for v in drawn["variance"]]).sort_values(["_worst", name], kind="stable").drop(columns="_worst")
    return Chart(title, "variance", [str(n) for n in drawn[name]], [Series("Forecast variance", [float(v) for v in drawn["variance"]])],
                 VARIANCE_AXIS, frame=drawn, by=name)


def _exceptions_table(figures: MonitoringFigures) -> Table:
    """The Amber and Red overspends, worst first: variance, its share of the budget, band, movement, management action."""
    rows = figures.exceptions
    movement = movement_heading(figures.previous_period)
    frame = pd.DataFrame({
        "Service": rows["service"] if not rows.empty else [],
        f"Forecast variance{M}": rows["variance"] if not rows.empty else [],
        "% of budget": [_percent(v) for v in rows["variance_percent"]] if not rows.empty else [],
        "Band": [band_label(str(b)) for b in rows["band"]] if not rows.empty else [],
        movement: [movement_words(_money(v)) for v in rows["movement"]] if not rows.empty else [],
        "Management action": [a if isinstance(a, str) and a.strip() else NO_ACTION for a in rows["management_action"]]
        if not rows.empty else [],
    }).reset_index(drop=True)
    return Table(f"Forecast overspends, {RED} and {AMBER}, as at {figures.period}" if not rows.empty
                 else f"No service is forecast to overspend enough to be {AMBER} or {RED} as at {figures.period}", _unmoved(frame, movement))


def capital_section(figures: MonitoringFigures) -> Section | None:
    """'Capital programme, as at Aug 2012': the programme in two sentences, its Red and Amber schemes with the reasons;
    None when no capital programme is loaded."""
    total = _row(figures.capital_total)
    if total is None:
        return None
    section = Section(f"{CAPITAL}, as at {figures.capital_period}")
    spend = total["spend_to_date"] / total["budget_year"] * 100 if total["budget_year"] else None
    slipping = (f"; {short_money(total['slippage'])} slipping to later years "
                f"({presentation.plural(int(total['slippage_schemes']), 'scheme')})" if total["slippage"] else "")
    section.lead.append(
        f"Capital programme as at {figures.capital_period}: {presentation.plural(int(total['schemes']), 'scheme')}, total budget "
        f"{short_money(total['total_budget'])}, forecast {short_money(total['forecast_total'])}. This year: budget "
        f"{short_money(total['budget_year'])}, spent {short_money(total['spend_to_date'])}"
        + (f" ({_percent(spend)})" if spend is not None else "")
        + f", forecast {short_money(total['forecast_year'])}{slipping}. "
        + ", ".join(f"{int(total[column])} {band}" for column, band in (("red", RED), ("amber", AMBER), ("green", "Green"),
                                                                           ("no_data", NO_DATA_BAND)) if int(total[column]))
        + ".")
    section.elsewhere.append("Every capital scheme is in {where}.")
    schemes = figures.capital[figures.capital["band"].isin([RED, AMBER])]
    if schemes.empty:
        section.lead.append(f"No capital scheme is {RED} or {AMBER}.")
        return section
    section.tables.append(Table(f"Capital schemes {RED} and {AMBER}, with the reason", pd.DataFrame({
        "Scheme": schemes["scheme"], f"Total budget{M}": schemes["total_budget"], f"Forecast total{M}": schemes["forecast_total"],
        f"Budget this year{M}": schemes["budget_year"], f"Forecast this year{M}": schemes["forecast_year"],
        f"Slippage{M}": schemes["slippage"], "Band": [band_label(str(b)) for b in schemes["band"]],
        "Reason": [_scheme_reason(r) for r in schemes.itertuples()],
    }).reset_index(drop=True)))
    return section


def _scheme_reason(row: Any) -> str:
    """The scheme's reason, said to be the officer's RAG when it differs from the figures' ('Set by the officer (the
    figures make it ✓ Green). Roof works re-tendered...'); 'none given' for a Red or Amber scheme without one."""
    reason = row.rag_reason.strip() if isinstance(row.rag_reason, str) else ""
    if row.band_source == "officer" and str(row.computed_band) != str(row.band):
        return f"Set by the officer (the figures make it {band_label(str(row.computed_band))}). {reason}".strip()
    return reason or ("none given" if row.band in (RED, AMBER) else "")


# ---------------------------------------------------------------------------------- appendix

def monitoring_appendix(figures: MonitoringFigures, by: str) -> Section:
    """Every service's monitoring line at the month (one table per head of service for the whole council), and every
    capital scheme."""
    tables = []
    lines = figures.by_service
    if not lines.empty:
        lines = lines.sort_values(["directorate", "service"], kind="stable")
        groups = lines.groupby("directorate", sort=True) if by == "directorate" else [(None, lines)]
        for directorate, rows in groups:
            tables.append(Table(f"Monitoring {figures.period}" + (f": {directorate}" if directorate else ""), _lines_table(rows, figures)))
    if not figures.capital.empty:
        tables.append(Table(f"Capital programme per scheme, {figures.capital_period}", _schemes_table(figures.capital)))
    services = presentation.plural(len(figures.by_service), "service")
    schemes = presentation.plural(len(figures.capital), "scheme")
    summary = (f"Every service's monitoring line at {figures.period} ({services}): budget, forecast, variance, band, movement "
               "and commentary" if not figures.by_service.empty else "")
    summary = "; ".join(part for part in (summary, f"every capital scheme ({schemes})" if not figures.capital.empty else "") if part)
    return Section(MONITORING_APPENDIX, tables=tables, summary=summary[:1].upper() + summary[1:] + ".")


def _lines_table(rows: pd.DataFrame, figures: MonitoringFigures) -> pd.DataFrame:
    movement = movement_heading(figures.previous_period)

    def said(row: pd.Series) -> str:
        """The line's commentary, then its management action: 'Agency staff. Management action: Vacancy freeze'."""
        parts = [text.strip() for text in (row["commentary"],) if isinstance(text, str) and text.strip()]
        if isinstance(row["management_action"], str) and row["management_action"].strip():
            parts.append(f"Management action: {row['management_action'].strip()}")
        return " ".join(part if part.endswith((".", "!", "?")) or number == len(parts) - 1 else f"{part}."
                        for number, part in enumerate(parts))

    return pd.DataFrame({
        "Service": rows["service"], f"Budget{M}": rows["budget"], f"Forecast{M}": rows["forecast"], f"Variance{M}": rows["variance"],
        "% of budget": [_percent(v) for v in rows["variance_percent"]], "Band": [band_label(str(b)) for b in rows["band"]],
        movement: [movement_words(_money(v)) for v in rows["movement"]],
        "Commentary": [said(row) for _, row in rows.iterrows()],
    }).reset_index(drop=True).pipe(_unmoved, movement)


def _unmoved(table: pd.DataFrame, movement: str) -> pd.DataFrame:
    """The table without its movement column when no line has an earlier figure to move from (a year's first month)."""
    return table.drop(columns=movement) if not table.empty and not any(table[movement]) else table


def _schemes_table(schemes: pd.DataFrame) -> pd.DataFrame:
    """Every scheme: its whole-life and this year's figures, band and reason (slippage is in the detail's total and the
    reasons; fewer columns leave the reasons room on an A4 page)."""
    return pd.DataFrame({
        "Scheme": schemes["scheme"], f"Total budget{M}": schemes["total_budget"], f"Forecast total{M}": schemes["forecast_total"],
        f"Budget this year{M}": schemes["budget_year"], f"Spend to date{M}": schemes["spend_to_date"],
        f"Forecast this year{M}": schemes["forecast_year"], "Band": [band_label(str(b)) for b in schemes["band"]],
        "Reason": [_scheme_reason(r) for r in schemes.itertuples()],
    }).reset_index(drop=True)


__all__ = ["CAPITAL", "MONITORING", "MONITORING_APPENDIX", "SAMPLE_MONITORING_NOTE", "capital_section", "glance_figures", "monitoring_appendix",
           "monitoring_section", "questions"]
