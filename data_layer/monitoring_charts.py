"""Plotly figures for in-year monitoring: the forecast variance month by month, and the variance per directorate or service.

Pure functions from monitoring_view's frames (money in Decimal pounds) to figures, drawn the way charts.py draws: money
the one way (money_style: axes in £k or £m, bar labels short, hover the short figure and the exact one), colour-blind-safe
colours, and each line its own marker symbol and dash, each bar its band's pattern and word, so a chart reads in black
and white.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from data_layer.banding import band_label
from data_layer.charts import BAND_COLOURS, BAND_PATTERNS, LAYOUT, SAFE_COLOURS, wrapped
from data_layer.money_style import MoneyAxis, short_and_exact, short_money
from data_layer.monitoring_metrics import AMBER, GREEN, NO_DATA_BAND, RED

VARIANCE_AXIS = "Forecast (under)/overspend"
LINE_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "star", "hexagon", "triangle-down", "pentagon", "cross", "x"]
LINE_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
MOST_LINES = 10  # more names than this and the lines cannot be told apart: the largest latest variances are drawn
MOST_BARS = 30  # more than this and the labels cannot be read: the largest variances are drawn
BAND_ORDER = (RED, AMBER, GREEN, NO_DATA_BAND)


def _money(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _signed(amount: Decimal | None) -> str:
    """'+£242k' for an overspend, '-£6k' for an underspend, '£0' on budget; '–' for no figure."""
    return ("+" if amount is not None and amount > 0 else "") + short_money(amount)


def _signed_exact(amount: Decimal | None) -> str:
    """'+£47k (£47,000): overspend', '-£6k (-£6,000): underspend', '£0: on budget'; '–' for no figure."""
    if amount is None:
        return short_money(None)
    what = "overspend" if amount > 0 else ("underspend" if amount < 0 else "on budget")
    return f"{'+' if amount > 0 else ''}{short_and_exact(amount)}: {what}"


def _axis_layout(axis: MoneyAxis) -> dict:
    """The money axis as charts.py draws it, titled 'Forecast (under)/overspend, £k': a variance is read against zero."""
    return {**axis.layout(VARIANCE_AXIS), "title": f"{VARIANCE_AXIS}, {axis.unit}", "zeroline": True,
            "zerolinecolor": "#000000", "zerolinewidth": 2}


def _line_style(index: int) -> tuple[str, str, str]:
    """(colour, marker symbol, dash) of the index-th line: symbol and dash each cycle on their own, so no two of the first
    thirty lines share all three."""
    return SAFE_COLOURS[index % len(SAFE_COLOURS)], LINE_SYMBOLS[index % len(LINE_SYMBOLS)], LINE_DASHES[index % len(LINE_DASHES)]


def _coverage_words(row: pd.Series) -> list[str]:
    """What a month's total leaves out or carries: 'includes Finance carried forward from an earlier month'."""
    words = []
    carried = row.get("carried_forward")
    if isinstance(carried, str) and carried:
        words.append(f"includes {carried} carried forward from an earlier month")
    missing = row.get("not_reported")
    if isinstance(missing, str) and missing:
        words.append(f"{missing} not reported yet")
    return words


def _names_drawn(path: pd.DataFrame) -> tuple[list[str], int]:
    """The names to draw (the largest latest variances first when there are too many, else alphabetical), and how many
    names there are in all."""
    names = sorted({str(name) for name in path["name"]})
    if len(names) <= MOST_LINES:
        return names, len(names)
    latest = path.sort_values("period_end", kind="stable").groupby("name", sort=False).tail(1)
    size = {str(name): abs(v) if isinstance(v, Decimal) else Decimal(-1) for name, v in zip(latest["name"], latest["variance"], strict=True)}
    return sorted(sorted(names, key=lambda name: size[name], reverse=True)[:MOST_LINES]), len(names)


def forecast_path_chart(path: pd.DataFrame, title: str) -> go.Figure:
    """The forecast variance month by month, one line per name (MonitoringFigures.path or path_by_directorate).

    Above zero is an overspend; the zero line is labelled 'On budget'. A month whose total carries a service's earlier
    line forward (or leaves out one not yet reporting) has an open marker, and its hover says which. A service-level
    path (no coverage columns) is drawn the same. A month with no variance is a gap, never a zero. With more than
    MOST_LINES names, the ones with the largest latest variance are drawn and the title says so. An empty path gives
    an empty chart with the zero line.
    """
    figure = go.Figure()
    ordered = path.sort_values("period_end", kind="stable") if not path.empty else path
    months = list(dict.fromkeys(ordered["period"])) if not ordered.empty else []
    axis = MoneyAxis(list(ordered["variance"]) if not ordered.empty else [])
    names, everyone = _names_drawn(ordered) if not ordered.empty else ([], 0)
    carries = False
    for index, name in enumerate(names):
        rows = ordered[ordered["name"].astype(str) == name]
        colour, symbol, dash = _line_style(index)
        symbols, hover = [], []
        for _, row in rows.iterrows():
            coverage = _coverage_words(row)
            carries = carries or bool(coverage)
            symbols.append(f"{symbol}-open" if coverage else symbol)
            variance = _money(row["variance"])
            lines = [f"<b>{name}</b>, {row['period']}", f"Forecast variance: {_signed_exact(variance)}",
                     f"Forecast outturn {short_and_exact(_money(row['forecast']))} against a budget of {short_and_exact(_money(row['budget']))}",
                     *coverage]
            hover.append("<br>".join(lines))
        figure.add_scatter(x=list(rows["period"]), y=axis.scaled([_money(v) for v in rows["variance"]]), name=name,
                           mode="lines+markers", line={"color": colour, "dash": dash, "width": 3},
                           marker={"symbol": symbols, "size": 12, "color": colour, "line": {"color": colour, "width": 2}},
                           hovertext=hover, hoverinfo="text", connectgaps=False)
    if carries:  # the open marker explained in the legend, not in colour or hover alone
        figure.add_scatter(x=[None], y=[None], mode="markers", name="Open marker: a figure carried forward from an earlier month",
                           marker={"symbol": "circle-open", "size": 12, "color": "#000000"}, hoverinfo="skip")
    # The zero line's label sits just outside the plot, on the right, where no month's marker can cover it.
    figure.add_hline(y=0, line={"color": "#000000", "width": 2})
    figure.add_annotation(text="On budget", xref="paper", x=1, xanchor="left", yref="y", y=0, showarrow=False)
    shown = f" (the {len(names)} with the largest latest variance, of {everyone})" if everyone > len(names) else ""
    figure.update_layout(title=title + shown, xaxis={"title": "Month", "categoryorder": "array", "categoryarray": months},
                         yaxis=_axis_layout(axis), **{**LAYOUT, "margin": {**LAYOUT["margin"], "r": 90}})
    return figure


def _bars(table: pd.DataFrame, by: str) -> tuple[pd.DataFrame, int]:
    """The rows to draw, the worst first as the tables list them (Red, Amber, Green, then the larger overspend), at most
    MOST_BARS of those with the largest variances either way; and how many rows there are in all."""
    given = table[table["variance"].map(lambda v: isinstance(v, Decimal))]
    if len(given) > MOST_BARS:
        given = given.assign(_size=[abs(v) for v in given["variance"]]).sort_values("_size", ascending=False, kind="stable") \
            .head(MOST_BARS).drop(columns="_size")
    order = {band: index for index, band in enumerate(BAND_ORDER)}
    ordered = given.assign(_band=given["band"].map(order), _variance=[-v for v in given["variance"]]) \
        .sort_values(["_band", "_variance", by], kind="stable").drop(columns=["_band", "_variance"])
    return ordered, len(table)


def variance_chart(table: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Horizontal bars of the forecast variance per directorate (by='name', a rollup table) or service (by='service'),
    the worst at the top (Red, then Amber, each the larger overspend first, as the tables list them); each bar in its
    band's colour and pattern, labelled with its short figure and band ('+£242k ● Red').

    Rows with no variance are left out (they have no bar), and said in the title; with more than MOST_BARS rows, the
    largest variances either way are drawn and the title says so. Long names wrap instead of being cut.
    """
    figure = go.Figure()
    ordered, everyone = _bars(table, by) if not table.empty else (table, 0)
    names = [str(name) for name in ordered[by]] if not ordered.empty else []
    axis = MoneyAxis(list(ordered["variance"]) if not ordered.empty else [])
    for band in BAND_ORDER:
        rows = ordered[ordered["band"] == band] if not ordered.empty else ordered
        if rows.empty:
            continue
        variances = list(rows["variance"])
        words = list(rows["words"]) if "words" in rows else [""] * len(rows)
        figure.add_bar(
            y=[wrapped(str(name), 24) for name in rows[by]], x=axis.scaled(variances), orientation="h", name=band_label(band),
            marker={"color": BAND_COLOURS[band], "pattern": {"shape": BAND_PATTERNS[band], "fgcolor": "#000000", "fgopacity": 0.5},
                    "line": {"color": "#000000", "width": 1}},
            text=[f"{_signed(v)} {band_label(band)}" for v in variances], textposition="outside", cliponaxis=False,
            hovertext=[f"<b>{name}</b><br>{_signed_exact(v)}, {band_label(band)}" + (f"<br>{w}" if isinstance(w, str) and w else "")
                       for name, v, w in zip(rows[by], variances, words, strict=True)],
            hoverinfo="text",
        )
    scaled = [value for value in axis.scaled(list(ordered["variance"])) if value is not None] if not ordered.empty else []
    low, high = min([0.0, *scaled]), max([0.0, *scaled])
    room = (high - low or 1.0) * 0.45  # the labels ('+£242k ● Red') sit outside the bars: room for them either side
    layout = _axis_layout(axis)
    layout["range"] = [low - (room if low < 0 else room * 0.1), high + (room if high > 0 else room * 0.1)]
    layout.pop("rangemode", None)
    left_out = everyone - len(names)
    note = f" (the {len(names)} largest of {everyone})" if left_out and len(names) == MOST_BARS else \
        (f" ({left_out} with no figure left out)" if left_out else "")
    figure.update_layout(
        title=title + note, barmode="overlay", xaxis=layout,
        yaxis={"categoryorder": "array", "categoryarray": [wrapped(name, 24) for name in names], "autorange": "reversed",
               "automargin": True},  # the worst overspend at the top
        height=max(300, 44 * len(names) + 200), uniformtext={"minsize": 12, "mode": "show"},
        # The legend above the bars, where it is seen with them however many there are.
        **{**LAYOUT, "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "traceorder": "normal"},
           "margin": {**LAYOUT["margin"], "t": 100}},
    )
    return figure


__all__ = ["forecast_path_chart", "variance_chart"]
