"""Plotly figures: pure functions from frames to figures, so they are tested without a browser.

Money is written the one way the tables write it (money_style): axes in £k, or £m when the largest
figure is £10m or more, from zero; bar labels short; hover the short figure and the exact one. Colours
come from a colour-blind-safe palette, and every bar also carries a pattern (bands: their band's
pattern; services: one each) or marker shape, so a chart survives colour blindness and black-and-white print.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from data_layer.banding import AMBER, BAND_COLOURS, GREEN, INFORMATION, NO_DATA_BAND, RED
from data_layer.money_style import MoneyAxis, short_and_exact, short_money
from data_layer.periods import period_from_label
from data_layer.values import parse_measure, unit_style

# Okabe-Ito, the palette recommended for colour-blind readers, then Paul Tol's muted set.
SAFE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
BAND_PATTERNS = {GREEN: "", AMBER: "/", RED: "x", NO_DATA_BAND: ".", INFORMATION: "-"}
BAND_MARKERS = {GREEN: "circle", AMBER: "triangle-up", RED: "square", NO_DATA_BAND: "circle-open", INFORMATION: "diamond-open"}
FAVOURABLE_COLOUR, ADVERSE_COLOUR, TOTAL_COLOUR = "#009E73", "#D55E00", "#0072B2"
SERIES_PATTERNS = ["", "/", ".", "x", "\\", "-", "|", "+"]  # one per service or directorate, beside its colour
LAYOUT = {"template": "plotly_white", "font": {"size": 14}, "legend": {"orientation": "h", "y": -0.2},
          "margin": {"l": 10, "r": 10, "t": 60, "b": 10}, "hoverlabel": {"font_size": 14}}


def _money_text(value: Decimal | None) -> str:
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return "no budget"
    return short_and_exact(value)


def _series_marker(index: int) -> dict:
    return {"color": SAFE_COLOURS[index % len(SAFE_COLOURS)],
            "pattern": {"shape": SERIES_PATTERNS[index % len(SERIES_PATTERNS)], "fgcolor": "#000000", "fgopacity": 0.45}}


def _year_order(labels: pd.Series) -> list[str]:
    return sorted(set(labels), key=lambda label: period_from_label(label).end)


def budget_trend(trends: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Net budget per year, one bar group per year and one colour per service or directorate.

    Negative bars are net income and are labelled so in the hover.
    """
    figure = go.Figure()
    years = _year_order(trends["year"]) if not trends.empty else []
    axis = MoneyAxis(trends["net_budget"] if not trends.empty else [])
    for index, (name, group) in enumerate(trends.groupby(by, sort=True) if not trends.empty else []):
        group = group[group["net_budget"].notna()]
        hover = [f"{name}<br>{year}: {_money_text(v)}{' net income' if v is not None and v < 0 else ''}<br>{w or ''}"
                 for year, v, w in zip(group["year"], group["net_budget"], group["wording"], strict=True)]
        figure.add_bar(x=list(group["year"]), y=axis.scaled(group["net_budget"]), name=str(name),
                       marker=_series_marker(index), hovertext=hover, hoverinfo="text")
    figure.update_layout(title=title, barmode="group", xaxis={"title": "Financial year", "categoryorder": "array",
                                                                "categoryarray": years},
                         yaxis=axis.layout("Net budget; below zero is net income"), **LAYOUT)
    return figure


def budget_waterfall(trends: pd.DataFrame, by: str, year: str, previous_year: str, title: str) -> go.Figure:
    """From last year's total net budget to this year's, one step per service or directorate.

    Steps down (less net cost or more net income) are favourable and drawn in bluish green;
    steps up are adverse, in vermillion; the hover says which. Into a partial year (trends'
    like_for_like rows) it runs between the totals of the services budgeted in both years, and
    leaves out those with no line in the partial year rather than show them falling to £0.
    """
    this = trends[trends["year"] == year]
    before = trends[trends["year"] == previous_year]
    like_for_like = "like_for_like" in this and bool(this["like_for_like"].fillna(False).astype(bool).any())
    if like_for_like:  # a partial year: from and to the same services' totals, the missing ones left out (not cut to £0)
        compared = this[this["change"].map(lambda v: isinstance(v, Decimal))]
        previous_by_name = dict(zip(compared[by], compared["previous"], strict=True))
        current_by_name = {name: old + change for name, old, change in zip(compared[by], compared["previous"], compared["change"], strict=True)}
        start_label, end_label = f"Total {previous_year}, the same services", f"Total {year}, partial"
    else:
        previous_by_name = dict(zip(before[by], before["net_budget"], strict=True))
        current_by_name = dict(zip(this[by], this["net_budget"], strict=True))
        start_label, end_label = f"Total {previous_year}", f"Total {year}"
    start = sum((v for v in previous_by_name.values() if isinstance(v, Decimal)), Decimal(0))
    end = sum((v for v in current_by_name.values() if isinstance(v, Decimal)), Decimal(0))
    names, steps, texts = [], [], []
    for name in sorted(set(previous_by_name) | set(current_by_name)):
        old = previous_by_name.get(name) if isinstance(previous_by_name.get(name), Decimal) else Decimal(0)
        new = current_by_name.get(name) if isinstance(current_by_name.get(name), Decimal) else Decimal(0)
        change = new - old
        if change == 0:
            continue
        names.append(str(name))
        steps.append(change)
        texts.append(f"{name}: {'+' if change > 0 else ''}{short_and_exact(change)} ({'favourable' if change < 0 else 'adverse'})")
    # From zero, so a bar's height is the budget and a 7% fall looks like 7% (not, from a cut axis, like half of it).
    axis = MoneyAxis([start, end])
    figure = go.Figure(go.Waterfall(
        x=[wrapped(label) for label in (start_label, *names, end_label)],
        # Each step's label says its way in a shape and a sign, not in colour alone (waterfalls take no patterns).
        text=[short_money(start), *[("▲ +" if s > 0 else "▼ ") + short_money(s) for s in steps], short_money(end)],
        textposition="outside",
        y=[axis.scale(start), *[axis.scale(s) for s in steps], axis.scale(end)],
        measure=["absolute", *["relative"] * len(steps), "total"],
        hovertext=[f"{start_label}: {_money_text(start)}", *texts, f"{end_label}: {_money_text(end)}"],
        hoverinfo="text",
        decreasing={"marker": {"color": FAVOURABLE_COLOUR}},
        increasing={"marker": {"color": ADVERSE_COLOUR, "line": {"color": "#000000", "width": 2}}},
        totals={"marker": {"color": TOTAL_COLOUR}},
        connector={"line": {"color": "#999999"}},
    ))
    figure.update_layout(title=title, yaxis=axis.layout("Net budget; ▼ down favourable, ▲ up adverse"),
                         xaxis={"tickangle": 0, "automargin": True},
                         showlegend=False, **LAYOUT)
    return figure


def wrapped(label: str, width: int = 10) -> str:
    """A category label on lines of about `width` characters ('Environmental &<br>Operational<br>Services'), so an axis
    shows it whole, level, instead of tilted and cut at the chart's edge."""
    import textwrap

    return "<br>".join(textwrap.wrap(label, width, break_long_words=False)) or label


def savings_by_period(savings: pd.DataFrame, by: str, cumulative: pd.DataFrame, title: str) -> go.Figure:
    """Savings per period stacked by service or directorate, with the cumulative total over the plan as a line."""
    figure = go.Figure()
    periods = list(dict.fromkeys(savings.sort_values("period_end")["period"])) if not savings.empty else []
    axis = MoneyAxis(list(cumulative["cumulative"]) if not cumulative.empty else [])
    for index, (name, group) in enumerate(savings.groupby(by, sort=True) if not savings.empty else []):
        hover = [f"{name}<br>{p}: {_money_text(v)}" for p, v in zip(group["period"], group["amount"], strict=True)]
        figure.add_bar(x=list(group["period"]), y=axis.scaled(group["amount"]), name=str(name),
                       marker=_series_marker(index), hovertext=hover, hoverinfo="text")
    if not cumulative.empty:
        figure.add_scatter(x=list(cumulative["period"]), y=axis.scaled(cumulative["cumulative"]), name="Cumulative over the plan",
                           mode="lines+markers", line={"color": "#000000", "dash": "dot", "width": 3},
                           marker={"symbol": "diamond", "size": 10},
                           hovertext=[f"Cumulative to {p}: {_money_text(v)}" for p, v in zip(cumulative["period"], cumulative["cumulative"], strict=True)],
                           hoverinfo="text")
    figure.update_layout(title=title, barmode="relative", xaxis={"title": "Period", "categoryorder": "array", "categoryarray": periods},
                         yaxis=axis.layout("Savings"), **LAYOUT)
    return figure


def scorecard_bars(cards: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Green, Amber, Red and No data counts per service with indicators, as stacked horizontal bars with patterns: the
    most Red at the top, then the most Amber (services with none are left out)."""
    figure = go.Figure()
    with_indicators = cards[cards[["green", "amber", "red", "no_data"]].sum(axis=1) > 0] if not cards.empty else cards
    ordered = with_indicators.sort_values(["red", "amber", "no_data", by], ascending=[False, False, False, True], kind="stable")
    for band, column in ((GREEN, "green"), (AMBER, "amber"), (RED, "red"), (NO_DATA_BAND, "no_data")):
        values = list(ordered[column]) if not ordered.empty else []
        figure.add_bar(y=list(ordered[by]) if not ordered.empty else [], x=values, name=band, orientation="h",
                       marker={"color": BAND_COLOURS[band], "pattern": {"shape": BAND_PATTERNS[band]}},
                       hovertemplate="%{y}: %{x} " + band + "<extra></extra>")
    figure.update_layout(title=title, barmode="stack", xaxis={"title": "Number of indicators", "dtick": 1},
                         yaxis={"autorange": "reversed"},  # the first (the worst) at the top
                         height=max(300, 32 * len(ordered) + 180), **{**LAYOUT, "legend": {**LAYOUT["legend"], "traceorder": "normal"}})
    return figure


def indicator_history(history: pd.DataFrame, title: str, tolerance: Decimal) -> go.Figure:
    """An indicator's actuals over time against its target, with the Amber tolerance band shaded.

    Each point's marker shape and hover say its band. Non-numeric values (yes/no, no data) are
    left out of the line; their band is still in the table beside the chart.
    """
    frame = history.sort_values("period_end")
    numeric = frame[frame["actual_value"].map(lambda v: isinstance(v, Decimal)) & frame["target_value"].map(lambda v: isinstance(v, Decimal))]
    figure = go.Figure()
    if not numeric.empty:
        periods = list(numeric["period"])
        targets = [float(v) for v in numeric["target_value"]]
        lower = list(numeric["polarity_used"] == "lower")
        share = float(tolerance) / 100
        edge = [t * (1 + share) if low else t - abs(t) * share for t, low in zip(targets, lower, strict=True)]
        figure.add_scatter(x=periods, y=edge, mode="lines", line={"width": 0}, hoverinfo="skip", showlegend=False)
        figure.add_scatter(x=periods, y=targets, mode="lines", fill="tonexty", fillcolor="rgba(230,159,0,0.2)",
                           line={"color": "#000000", "dash": "dash"}, name=f"Target (shaded: Amber, within {tolerance}%)",
                           hovertext=[f"Target {p}: {t}" for p, t in zip(periods, numeric["target_text"], strict=True)], hoverinfo="text")
        bands = [str(b) for b in numeric["band"]]
        figure.add_scatter(x=periods, y=[float(v) for v in numeric["actual_value"]], mode="lines+markers+text", name="Actual",
                           line={"color": "#0072B2", "width": 3},
                           marker={"size": 14, "symbol": [BAND_MARKERS[b] for b in bands], "color": [BAND_COLOURS[b] for b in bands],
                                   "line": {"color": "#000000", "width": 1}},
                           text=bands, textposition="top center",
                           hovertext=[f"{p}: {a} ({b})" for p, a, b in zip(periods, numeric["actual_text"], bands, strict=True)],
                           hoverinfo="text")
    figure.update_layout(title=title, xaxis={"title": "Period"}, yaxis={"title": indicator_axis_title(frame)}, **LAYOUT)
    return figure


def indicator_axis_title(history: pd.DataFrame) -> str:
    """What an indicator's axis counts, from its Unit column or the unit written with its figures: 'Per cent (%)',
    '£', 'Days'; 'Value (no unit stated)' when nothing says."""
    if history.empty:
        return "Value (no unit stated)"
    row = history.iloc[-1]
    unit = row["unit"] if "unit" in history and isinstance(row["unit"], str) else None
    style = unit_style(unit, parse_measure(row["target_text"] if isinstance(row["target_text"], str) else None),
                       parse_measure(row["actual_text"] if isinstance(row["actual_text"], str) else None))
    if style.percent:
        return "Per cent (%)"
    if style.pounds:
        return f"£ {style.suffix}" if style.suffix else "£"
    return style.suffix[0].upper() + style.suffix[1:] if style.suffix else "Value (no unit stated)"
