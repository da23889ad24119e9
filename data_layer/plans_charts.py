"""Plotly figures for risk registers: the heat map of likelihood x impact on the council's scale (5 x 5 by default, any
size). Pure: risk_metrics.HeatMap in, a figure out.

Every cell says its count and its band in a word and a shape (HeatMap.cell_text: '2 risks / High ▲'), so the map reads
without colour and in black and white; the band tints also differ in lightness (Low lightest, High darkest) and the
cells with risks are in bold. Likelihood runs up the side, highest at the top; impact along the bottom.
"""

from __future__ import annotations

import plotly.graph_objects as go

from data_layer.charts import LAYOUT
from data_layer.risk_metrics import HeatCell, HeatMap
from data_layer.risk_scale import BAND_SHAPES, HIGH, LOW, MEDIUM

# Light tints of the bands' colours (Okabe-Ito green, orange, vermillion), far enough apart in lightness to tell in grey,
# and light enough for black words on each.
BAND_TINTS = {LOW: "#DFF2E9", MEDIUM: "#F2B84B", HIGH: "#E0785A"}
BAND_NUMBER = {LOW: 0, MEDIUM: 1, HIGH: 2}
MOST_TITLE_CHARACTERS = 60  # a risk's title in the hover, cut with an ellipsis beyond this


def _axis_label(number: int, word: str) -> str:
    """'Very likely<br>(5)': the word and its score, on two lines so five labels fit side by side on a tablet."""
    return f"{word}<br>({number})"


def _text(heat: HeatMap, cell: HeatCell) -> str:
    """The cell's words (HeatMap.cell_text) for plotly: the count in bold when there are risks in it."""
    count, band = heat.cell_text(cell).split("\n", 1)
    return f"<b>{count}</b><br>{band}" if cell.count else f"{count}<br>{band}"


def _hover(cell: HeatCell, likelihood: str, impact: str, titles: dict[str, str]) -> str:
    lines = [f"Likelihood {likelihood} ({cell.likelihood}) x impact {impact} ({cell.impact}) = {cell.rating}: "
             f"{BAND_SHAPES[cell.band]} {cell.band}"]
    if not cell.count:
        return lines[0] + "<br>No risks"
    lines.append(f"{cell.count} risk{'' if cell.count == 1 else 's'}:")
    for reference in cell.references:
        title = titles.get(reference, "")
        if len(title) > MOST_TITLE_CHARACTERS:
            title = title[: MOST_TITLE_CHARACTERS - 1].rstrip() + "…"
        lines.append(f"{reference} {title}".rstrip())
    return "<br>".join(lines)


def heat_map_chart(heat: HeatMap, title: str, titles: dict[str, str] | None = None) -> go.Figure:
    """The heat map: one cell per likelihood x impact, each with its count, band word and shape; hover lists the risks
    (their references, and titles when given). The font shrinks for a larger scale so a 10 x 10 map still fits."""
    titles = titles or {}
    rows = list(reversed(heat.rows))  # plotly draws the first row at the bottom: lowest likelihood first
    cells = list(reversed(heat.cells))
    size = max(len(heat.rows), len(heat.columns))
    font = 14 if size <= 5 else (12 if size <= 7 else 10)
    figure = go.Figure(go.Heatmap(
        x=[_axis_label(number, word) for number, word in heat.columns],
        y=[_axis_label(number, word) for number, word in rows],
        z=[[BAND_NUMBER[cell.band] for cell in row] for row in cells],
        text=[[_text(heat, cell) for cell in row] for row in cells],
        texttemplate="%{text}", textfont={"size": font, "color": "#000000"},
        hovertext=[[_hover(cell, rows[r][1], heat.columns[c][1], titles) for c, cell in enumerate(row)] for r, row in enumerate(cells)],
        hoverinfo="text",
        colorscale=[[0.0, BAND_TINTS[LOW]], [1 / 3, BAND_TINTS[LOW]], [1 / 3, BAND_TINTS[MEDIUM]], [2 / 3, BAND_TINTS[MEDIUM]],
                    [2 / 3, BAND_TINTS[HIGH]], [1.0, BAND_TINTS[HIGH]]],
        zmin=0, zmax=2, showscale=False, xgap=3, ygap=3,
    ))
    figure.update_layout(
        title=title,
        xaxis={"title": "Impact", "side": "bottom", "tickfont": {"size": font}, "fixedrange": True},
        yaxis={"title": "Likelihood", "tickfont": {"size": font}, "fixedrange": True, "automargin": True},
        height=max(360, 78 * len(heat.rows) + 170),
        plot_bgcolor="#FFFFFF",
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "t": 50}},
    )
    return figure


__all__ = ["BAND_TINTS", "heat_map_chart"]
