"""Rendering a Briefing: one self-contained HTML file, a PDF printed from it, and (briefing_pptx) a PowerPoint deck.

All three lay out the same content model (briefing.Briefing), so they never disagree, and size tables the same way
(briefing_tables). HTML embeds plotly.js and its styles: it loads nothing from anywhere, so it works offline. The PDF
is that HTML printed by Chromium (A4, selectable text, charts as images, the scope line and page numbers on every
page; page 1 is the cover and the at-a-glance; a table that fits a page is kept whole, a longer one never leaves
fewer than three of its rows on a page). The PowerPoint uses native charts, so officers can edit them.
"""

from __future__ import annotations

import html
from functools import lru_cache

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from data_layer.banding import BAND_COLOURS, BAND_SHAPES, band_of_label
from data_layer.briefing import (
    APPENDIX,
    AT_A_GLANCE,
    BUDGET,
    EXCEPTIONS,
    QUESTIONS,
    SERVICE_PLAN,
    Briefing,
    Chart,
    Section,
    Table,
    rows_left_out,
)
from data_layer.briefing_monitoring import MONITORING
from data_layer.briefing_plans import RISKS_AND_ACTIONS
from data_layer.briefing_pptx import to_pptx
from data_layer.briefing_tables import MIN_ROWS, column_widths, grid, row_lines
from data_layer.charts import BAND_PATTERNS, LAYOUT, SAFE_COLOURS
from data_layer.money_style import MoneyAxis, short_and_exact
from data_layer.monitoring_charts import forecast_path_chart, variance_chart

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


class BriefingProblem(RuntimeError):
    """A briefing that cannot be produced here (e.g. no browser for the PDF); the message says what to do."""


# ------------------------------------------------------------------------------------ HTML

@lru_cache(maxsize=1)
def _plotly_js() -> str:
    """plotly.js, with every '://' written ':\\/\\/' (the same string to JavaScript), so the file holds no
    web address at all; none of them is used by these charts, and nothing is ever fetched."""
    return get_plotlyjs().replace("://", ":\\/\\/").replace("</script", "<\\/script")


def figure(chart: Chart) -> go.Figure:
    """A chart of the briefing as a plotly figure (HTML and PDF): money axes in £k or £m as the tables, hover exact.
    In-year monitoring's are monitoring_charts' own, as the Monitoring page draws them."""
    if chart.kind == "forecast path" and chart.frame is not None:
        # Its legend (a line per head of service) below the month axis's title, not over it.
        return forecast_path_chart(chart.frame, chart.title).update_layout(height=480, legend={"yanchor": "top", "y": -0.2})
    if chart.kind == "variance" and chart.frame is not None:
        return variance_chart(chart.frame, chart.by, chart.title)
    fig = go.Figure()
    if chart.kind == "scorecard":
        for series in chart.series:
            fig.add_bar(y=chart.categories, x=series.values, name=f"{BAND_SHAPES[series.name]} {series.name}", orientation="h",
                        marker={"color": BAND_COLOURS[series.name], "pattern": {"shape": BAND_PATTERNS[series.name]}})
        fig.update_layout(barmode="stack", xaxis={"title": chart.axis, "dtick": 1}, yaxis={"autorange": "reversed"},
                          height=max(320, 22 * len(chart.categories) + 150))
    else:
        axis = MoneyAxis(v for series in chart.series for v in series.values) if chart.money else None
        for index, series in enumerate(chart.series):
            hover = [f"{html.escape(str(category))}: {short_and_exact(value) if chart.money else value}"
                     for category, value in zip(chart.categories, series.values, strict=True)]
            fig.add_bar(x=chart.categories, y=axis.scaled(series.values) if axis else series.values, name=series.name,
                        marker_color=SAFE_COLOURS[index % len(SAFE_COLOURS)], hovertext=hover,
                        hovertemplate="%{hovertext}<extra>" + html.escape(series.name) + "</extra>")
        fig.update_layout(barmode="relative" if chart.kind == "stacked" else "group",
                          yaxis=axis.layout(chart.axis) if axis else {"title": chart.axis}, height=380)
    fig.update_layout(title=chart.title, **LAYOUT)
    return fig


STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 1100px; margin: 0 auto; padding: 1em; line-height: 1.4;
       font-variant-ligatures: none; }  /* no "fi" ligatures: the PDF's text searches as typed */
header.scope { font-size: 0.9em; color: #444; border-bottom: 2px solid #0072B2; padding-bottom: 0.3em; margin-bottom: 1em; }
h1 { font-size: 1.8em; margin: 0.1em 0; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin: 1.2em 0 0.5em; }
h3 { font-size: 1.05em; margin: 1em 0 0.4em; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 0.8em; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef3f8; }
th.money { text-align: right; } td.money { text-align: right; white-space: nowrap; }
td.band { font-weight: bold; }
.band-Green { background: #009E7333; box-shadow: inset 4px 0 0 #009E73; }
.band-Amber { background: #E69F0033; box-shadow: inset 4px 0 0 #E69F00; }
.band-Red { background: #D55E0033; box-shadow: inset 4px 0 0 #D55E00; }
.band-No-data { background: #99999933; box-shadow: inset 4px 0 0 #999999; }
.band-For-information { background: #56B4E933; box-shadow: inset 4px 0 0 #56B4E9; }
.cover { border: 1px solid #ccc; padding: 0.6em 1.2em; }
.cover ul { margin: 0.2em 0 0.4em; }
.cover p { margin: 0.3em 0; }
.sample { border-left: 4px solid #E69F00; background: #E69F0014; padding: 0.4em 0.8em; font-style: italic; }
.lead { font-size: 1.05em; margin: 0.4em 0; }
.elsewhere { font-style: italic; color: #333; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10em, 1fr)); gap: 0.6em; margin: 0.6em 0; }
.figures.rows-of-three { grid-template-columns: repeat(3, 1fr); }  /* six figures: two even rows, not five and one */
.figures.rows-of-four { grid-template-columns: repeat(4, 1fr); }  /* seven or eight (with risks and actions) */
.figures div.figure { border: 1px solid #0072B2; background: #0072B20f; padding: 0.4em 0.6em; break-inside: avoid; }
.figure .label { font-size: 0.9em; } .figure .value { font-size: 1.6em; font-weight: bold; white-space: nowrap; }
.figure .detail { font-size: 0.85em; color: #333; }
.chart { break-inside: avoid; page-break-inside: avoid; }
.whole { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 16mm 11mm 16mm 11mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  header.scope { display: none; }  /* printed in every page's margin instead */
  section.starts-page { break-before: page; }
  tr, .chart, h3, li { break-inside: avoid; page-break-inside: avoid; }
  section.keep { break-inside: avoid; page-break-inside: avoid; }
  tbody.keep { break-inside: avoid; page-break-inside: avoid; }  /* a long table's first and last rows: never one alone on a page */
  h2, h3, .lead, .elsewhere, .opening { break-after: avoid; page-break-after: avoid; }
  .opening { break-inside: avoid; page-break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
}
"""

HTML_CHARS = 95  # characters of the tables' font across an A4 page (for the column widths; the screen scales them)
WHOLE_LINES = 36  # a table of up to this many lines is kept whole on one page
WHERE = "the Appendix at the end of this pack"
# Printed, these start a page (as do in-year monitoring, the service plans and the appendix).
PAGE_STARTS = (QUESTIONS, EXCEPTIONS, BUDGET, RISKS_AND_ACTIONS)


def _cell(tag: str, column: str, value: str, money: bool, band_column: bool) -> str:
    text = html.escape(value).replace("\n", "<br>")  # a cell of several lines (the heat map's) keeps them
    if band_column and tag == "td":
        band = band_of_label(value)
        if band:
            return f'<td class="band band-{band.replace(" ", "-")}">{text}</td>'
    if tag == "th":
        text = text.replace("-", "-<wbr>")  # '2008/09-2009/10' may break after its hyphen
    return f'<{tag} class="money">{text}</{tag}>' if money else f"<{tag}>{text}</{tag}>"


def _table_html(table: Table) -> str:
    """A table with its columns sized to their content (money right-aligned, never wrapped); kept whole on a page when it
    fits, otherwise split so no page holds fewer than MIN_ROWS of its rows."""
    cells = grid(table)
    widths = column_widths(cells, HTML_CHARS, padding=2.0)
    total = sum(widths) or 1
    columns = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
    head = "".join(_cell("th", c, c, m, False) for c, m in zip(cells.columns, cells.money, strict=True))

    def rows(part: list[list[str]]) -> str:
        return "".join("<tr>" + "".join(_cell("td", c, v, m, c in ("Band", "Overall"))
                                        for c, v, m in zip(cells.columns, row, cells.money, strict=True)) + "</tr>" for row in part)

    lines = sum(row_lines(cells, widths, 2.0))
    whole = lines <= WHOLE_LINES or len(cells.rows) < 2 * MIN_ROWS
    if whole:
        body = f"<tbody>{rows(cells.rows)}</tbody>"
    else:
        first, last = cells.rows[:MIN_ROWS], cells.rows[-MIN_ROWS:]
        body = (f'<tbody class="keep">{rows(first)}</tbody><tbody>{rows(cells.rows[MIN_ROWS:-MIN_ROWS])}</tbody>'
                f'<tbody class="keep">{rows(last)}</tbody>')
    return (f"<div class='table{' whole' if whole else ''}'><h3>{html.escape(table.title)}</h3>"
            f"<table><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>{body}</table></div>")


def _figures_html(section: Section) -> str:
    """The key figures as tiles: up to four in a row, more in even rows (five or six in rows of three, seven or eight of four)."""
    count = len(section.figures)
    across = -(-count // -(-count // 4))  # the fewest rows of at most four, as even as they go
    rows = "" if count <= 4 else " rows-of-three" if across == 3 else " rows-of-four"
    return f"<div class='figures{rows}'>" + "".join(
        f"<div class='figure'><div class='label'>{html.escape(f.label)}</div><div class='value'>{html.escape(f.value)}</div>"
        f"<div class='detail'>{html.escape(f.detail)}</div></div>" for f in section.figures) + "</div>"


def _cover_html(briefing: Briefing) -> str:
    sources = briefing.sources or ["no return loaded"]
    parts = ['<div class="cover">', f"<h1>Briefing: {html.escape(briefing.scope)}</h1>",
             f"<p class='lead'><strong>{html.escape(briefing.council)}</strong> · {html.escape(briefing.period)} · "
             f"prepared {briefing.generated_on:%d %B %Y}</p>"]
    if briefing.sample_note:
        parts.append(f"<p class='sample'>{html.escape(briefing.sample_note)}</p>")
    parts.append(f"<p>Figures for {html.escape(briefing.year or 'the period')} from:</p><ul>"
                 + "".join(f"<li>{html.escape(s)}</li>" for s in sources) + "</ul>")
    if briefing.other_sources:
        parts.append("<p>Also drawn on, for other years' figures:</p><ul>"
                     + "".join(f"<li>{html.escape(s)}</li>" for s in briefing.other_sources) + "</ul>")
    parts.append("<p>Bands: ✓ Green at or above target; ▲ Amber within tolerance (10% unless stated); ● Red missing by more; "
                 "○ No data.</p></div>")
    return "".join(parts)


def to_html(briefing: Briefing, *, static_width: int | None = None) -> str:
    """The briefing as one self-contained HTML file: plotly.js and styles inline, no web address in it.

    Page 1 is the cover and the at-a-glance; each part after starts a page when printed (the service plans and the
    appendix as a whole, not each head of service). `static_width` fixes the charts' width in pixels (for printing);
    otherwise they follow the window.
    """
    parts = [f'<header class="scope">{html.escape(briefing.scope_line)}</header>']
    chart_number, seen_plan, seen_appendix = 0, False, False
    for section in briefing.sections:
        first_page = section.title == AT_A_GLANCE
        starts, kind = section.title in PAGE_STARTS or section.title.startswith(MONITORING), "follows"
        if section.title.startswith(SERVICE_PLAN):  # each head of service kept on one page (they are short)
            starts, seen_plan, kind = not seen_plan, True, "follows keep"
        if section.appendix:
            starts, seen_appendix = not seen_appendix, True
        parts.append(f"<section class='{'cover-section' if first_page else 'starts-page' if starts else kind}'>")
        if first_page:
            parts.append(_cover_html(briefing))
        if section.appendix and starts:
            parts.append(f"<h2>{APPENDIX}</h2><p class='lead'>The long tables, in full: "
                         + "; ".join(html.escape(s.title.removeprefix(APPENDIX + ": ").lower()) for s in briefing.sections if s.appendix)
                         + ".</p>")
        parts.append(f"<div class='opening'><h2>{html.escape(section.title)}</h2>")  # kept together, and with what follows
        if section.figures:
            parts.append(_figures_html(section))
        parts.extend(f"<p class='lead'>{html.escape(text)}</p>" for text in section.lead)
        parts.extend(f"<p class='elsewhere'>{html.escape(line.format(where=WHERE))}</p>" for line in section.elsewhere)
        parts.append("</div>")
        for chart in section.charts:
            chart_number += 1
            fig = figure(chart)
            if static_width:
                fig.update_layout(width=static_width)
            parts.append("<div class='chart'>" + fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{chart_number}",
                                                              config={"displaylogo": False, "responsive": static_width is None,
                                                                      "staticPlot": static_width is not None}) + "</div>")
        for table in section.tables:
            parts.append(_table_html(table))
            if rows_left_out(table):
                parts.append(f"<p class='elsewhere'>{html.escape(rows_left_out(table) or '')}</p>")
        if section.bullets:
            parts.append("<ul>" + "".join(f"<li>{html.escape(text)}</li>" for text in section.bullets) + "</ul>")
        parts.append("</section>")
    body = "\n".join(parts).replace("://", ":\\/\\/")  # plotly's own output names its site; keep the file address-free
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{html.escape(briefing.scope_line)}</title>"
            f"<style>{STYLE}</style><script>{_plotly_js()}</script></head><body>\n{body}\n</body></html>\n")


# ------------------------------------------------------------------------------------- PDF

_CHARTS_TO_IMAGES = """async () => {
  for (const holder of document.querySelectorAll('.chart')) {
    const plot = holder.querySelector('.js-plotly-plot');
    const url = await Plotly.toImage(plot, {format: 'png', scale: 2});
    const image = document.createElement('img');
    image.src = url;
    image.alt = plot.layout.title && plot.layout.title.text ? plot.layout.title.text : 'chart';
    image.style.width = '100%';
    holder.replaceChildren(image);
  }
}"""


def to_pdf(briefing: Briefing, *, executable: str = CHROMIUM) -> bytes:
    """The briefing printed to A4 by Chromium: selectable text, charts as images, scope line and page numbers on every page.

    Raises BriefingProblem when Chromium or Playwright is not installed.
    """
    import os

    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise BriefingProblem("PDF briefings need the playwright package: pip install -r requirements.txt") from error
    if not os.path.exists(executable):
        raise BriefingProblem(f"PDF briefings are printed by Chromium, and {executable} is missing: install it "
                              "(Debian: apt-get install chromium), or choose HTML and print it from your browser")
    document = to_html(briefing, static_width=700)
    scope = html.escape(briefing.scope_line)
    header = f"<div style='font-size:8px;width:100%;padding:0 11mm;color:#333'>{scope}</div>"
    footer = ("<div style='font-size:8px;width:100%;padding:0 11mm;color:#333;text-align:right'>"
              f"{scope} · page <span class='pageNumber'></span> of <span class='totalPages'></span></div>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 794, "height": 1123})
            page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("data:", "about:")) else route.continue_())
            page.set_content(document, wait_until="load")
            page.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= document.querySelectorAll('.chart').length")
            # Charts go into the PDF as images (PNG at twice the resolution), drawn by plotly in the page itself.
            page.evaluate(_CHARTS_TO_IMAGES)
            page.wait_for_function("document.querySelectorAll('.chart img').length === document.querySelectorAll('.chart').length")
            return page.pdf(format="A4", print_background=True, display_header_footer=True, header_template=header,
                            footer_template=footer, margin={"top": "16mm", "bottom": "16mm", "left": "11mm", "right": "11mm"})
        finally:
            browser.close()


def render(briefing: Briefing, file_format: str) -> bytes:
    """The briefing in 'html', 'pdf' or 'pptx'."""
    if file_format == "html":
        return to_html(briefing).encode("utf-8")
    if file_format == "pdf":
        return to_pdf(briefing)
    if file_format == "pptx":
        return to_pptx(briefing)
    raise BriefingProblem(f'"{file_format}" is not a briefing format: expected html, pdf or pptx')
