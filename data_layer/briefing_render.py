"""Rendering a Briefing: one self-contained HTML file, a PDF printed from it, and a PowerPoint deck.

All three lay out the same content model (briefing.Briefing), so they never disagree.
HTML embeds plotly.js and its styles: it loads nothing from anywhere, so it works offline.
The PDF is that HTML printed by Chromium (A4, selectable text, charts as images, the scope
line and page numbers on every page). The PowerPoint uses native charts, so officers can edit them.
"""

from __future__ import annotations

import html
import io
from functools import lru_cache

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from data_layer import presentation
from data_layer.banding import BAND_COLOURS, BAND_SHAPES, band_of_label
from data_layer.briefing import Briefing, Chart, Table
from data_layer.charts import BAND_PATTERNS, LAYOUT, POUNDS_AXIS, SAFE_COLOURS

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
    """A chart of the briefing as a plotly figure (HTML and PDF)."""
    fig = go.Figure()
    if chart.kind == "scorecard":
        for series in chart.series:
            fig.add_bar(y=chart.categories, x=series.values, name=f"{BAND_SHAPES[series.name]} {series.name}", orientation="h",
                        marker={"color": BAND_COLOURS[series.name], "pattern": {"shape": BAND_PATTERNS[series.name]}})
        fig.update_layout(barmode="stack", xaxis={"title": chart.axis, "dtick": 1}, yaxis={"autorange": "reversed"},
                          height=max(320, 26 * len(chart.categories) + 160))
    else:
        for index, series in enumerate(chart.series):
            fig.add_bar(x=chart.categories, y=series.values, name=series.name, marker_color=SAFE_COLOURS[index % len(SAFE_COLOURS)],
                        hovertemplate="%{x}: £%{y:,.0f}<extra>" + html.escape(series.name) + "</extra>")
        fig.update_layout(barmode="relative" if chart.kind == "stacked" else "group",
                          yaxis={"title": chart.axis, **(POUNDS_AXIS if chart.money else {})}, height=420)
    fig.update_layout(title=chart.title, **LAYOUT)
    return fig


STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 1100px; margin: 0 auto; padding: 1em; line-height: 1.4;
       font-variant-ligatures: none; }  /* no "fi" ligatures: the PDF's text searches as typed */
header.scope { font-size: 0.9em; color: #444; border-bottom: 2px solid #0072B2; padding-bottom: 0.3em; margin-bottom: 1em; }
h1 { font-size: 2em; margin: 0.2em 0; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 1em; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef3f8; }
td.money { text-align: right; white-space: nowrap; }
td.band { font-weight: bold; white-space: nowrap; }
.band-Green { background: #009E7333; border-left: 4px solid #009E73; }
.band-Amber { background: #E69F0033; border-left: 4px solid #E69F00; }
.band-Red { background: #D55E0033; border-left: 4px solid #D55E00; }
.band-No-data { background: #99999933; border-left: 4px solid #999999; }
.band-For-information { background: #56B4E933; border-left: 4px solid #56B4E9; }
.cover { border: 1px solid #ccc; padding: 1em 1.5em; }
.lead { font-size: 1.05em; }
.chart { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 16mm 11mm 16mm 11mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  header.scope { display: none; }  /* printed in every page's margin instead */
  section { break-before: page; }
  section.cover-section { break-before: avoid; }
  tr, .chart, h3 { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def _cell(column: str, value: object, money: bool) -> str:
    text = html.escape("" if value is None else str(value))
    if column in ("Band", "Overall"):
        band = band_of_label(value)
        if band:
            return f'<td class="band band-{band.replace(" ", "-")}">{text}</td>'
    return f'<td class="money">{text}</td>' if money else f"<td>{text}</td>"


def _table_html(table: Table) -> str:
    shown = presentation.for_display(table.frame)
    money = {str(c)[: -len(presentation.MONEY_SUFFIX)] for c in table.frame.columns if str(c).endswith(presentation.MONEY_SUFFIX)}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    rows = "".join("<tr>" + "".join(_cell(str(c), v, str(c) in money) for c, v in zip(shown.columns, row, strict=True)) + "</tr>"
                   for row in shown.itertuples(index=False))
    return f"<h3>{html.escape(table.title)}</h3><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def to_html(briefing: Briefing, *, static_width: int | None = None) -> str:
    """The briefing as one self-contained HTML file: plotly.js and styles inline, no web address in it.

    `static_width` fixes the charts' width in pixels (for printing); otherwise they follow the window.
    """
    parts = [f'<header class="scope">{html.escape(briefing.scope_line)}</header>',
             '<section class="cover-section"><div class="cover">',
             f"<h1>Briefing: {html.escape(briefing.scope)}</h1>",
             f"<p class='lead'><strong>{html.escape(briefing.council)}</strong><br>{html.escape(briefing.period)}<br>"
             f"Prepared {briefing.generated_on:%d %B %Y}</p>",
             "<p>Figures from:</p><ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in briefing.sources) + "</ul>",
             "<p>Bands: ✓ Green at or above target; ▲ Amber within tolerance (10% unless stated); ● Red missing by more; ○ No data.</p>",
             "</div></section>"]
    chart_number = 0
    for section in briefing.sections:
        parts.append(f"<section><h2>{html.escape(section.title)}</h2>")
        parts.extend(f"<p class='lead'>{html.escape(text)}</p>" for text in section.lead)
        for chart in section.charts:
            chart_number += 1
            fig = figure(chart)
            if static_width:
                fig.update_layout(width=static_width)
            parts.append("<div class='chart'>" + fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{chart_number}",
                                                              config={"displaylogo": False, "responsive": static_width is None,
                                                                      "staticPlot": static_width is not None}) + "</div>")
        parts.extend(_table_html(table) for table in section.tables)
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


# ------------------------------------------------------------------------------ PowerPoint

def _chart_data():  # type: ignore[no-untyped-def]
    """python-pptx's chart data, whose embedded workbook (PowerPoint's Edit Data) keeps text as text.

    python-pptx writes it with XlsxWriter, which by default turns text starting with = into a
    formula: a service named '=HYPERLINK(...)' would run when someone edits the chart's data.
    """
    from contextlib import contextmanager

    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class TextStaysText(CategoryWorkbookWriter):  # type: ignore[misc]
        @contextmanager
        def _open_worksheet(self, xlsx_file):  # type: ignore[no-untyped-def]
            workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
            worksheet = workbook.add_worksheet()
            yield workbook, worksheet
            workbook.close()

    class ChartData(CategoryChartData):  # type: ignore[misc]
        @property
        def _workbook_writer(self):  # type: ignore[no-untyped-def]
            return TextStaysText(self)

    return ChartData()


def to_pptx(briefing: Briefing) -> bytes:
    """A title slide, then a slide per section (continued where a table is long); charts are native, so editable."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    width = deck.slide_width

    def slide(title: str):  # type: ignore[no-untyped-def]
        page = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        page.shapes.title.text = title
        page.shapes.title.text_frame.paragraphs[0].font.size = Pt(28)
        footer = page.shapes.add_textbox(Emu(300000), deck.slide_height - Emu(400000), width - Emu(600000), Emu(300000))
        footer.text_frame.text = briefing.scope_line
        footer.text_frame.paragraphs[0].font.size = Pt(10)
        return page

    def text(page, lines: list[str], top: int, height: int, size: int = 16) -> None:  # type: ignore[no-untyped-def]
        box = page.shapes.add_textbox(Emu(450000), Emu(top), width - Emu(900000), Emu(height))
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)

    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = f"Briefing: {briefing.scope}"
    title.placeholders[1].text = f"{briefing.council}\n{briefing.period}\nPrepared {briefing.generated_on:%d %B %Y}"

    chart_types = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "stacked": XL_CHART_TYPE.COLUMN_STACKED, "scorecard": XL_CHART_TYPE.BAR_STACKED}
    first_top = 1300000
    for section in briefing.sections:
        page = slide(section.title)
        top, placed = first_top, False  # placed: a chart or table is already on this slide
        if section.lead:
            text(page, section.lead, top, 600000, 18)
            top += 650000
        for chart in section.charts:
            if placed:
                page, top = slide(f"{section.title} (continued)"), first_top
            data = _chart_data()
            data.categories = chart.categories
            for series in chart.series:
                data.add_series(series.name, [0 if v is None else v for v in series.values])
            frame = page.shapes.add_chart(chart_types[chart.kind], Emu(450000), Emu(top), width - Emu(900000),
                                          deck.slide_height - Emu(top) - Emu(500000), data)
            graphic = frame.chart
            graphic.has_title = True
            graphic.chart_title.text_frame.text = chart.title
            graphic.has_legend = True
            graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
            graphic.legend.include_in_layout = False
            if chart.money:
                graphic.value_axis.tick_labels.number_format = '"£"#,##0'
                graphic.value_axis.tick_labels.number_format_is_linked = False
            for index, series in enumerate(graphic.plots[0].series):
                name = chart.series[index].name
                colour = BAND_COLOURS.get(name) if chart.kind == "scorecard" else SAFE_COLOURS[index % len(SAFE_COLOURS)]
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
            placed = True
        for table in section.tables:
            shown = presentation.for_display(table.frame)
            # Rows holding sentences (reasons, commentary) wrap to several lines: fewer of them fit a slide.
            per_slide = 4 if presentation.long_text_columns(shown) else 10
            start = 0
            while start < max(len(shown), 1):
                if placed:
                    page, top = slide(f"{section.title} (continued)"), first_top
                fits = per_slide if top == first_top else max(2, per_slide - 2)
                chunk = shown.iloc[start:start + fits]
                text(page, [table.title + (" (continued)" if start else "")], top, 400000, 16)
                grid = page.shapes.add_table(len(chunk) + 1, len(shown.columns), Emu(450000), Emu(top + 450000),
                                             width - Emu(900000), Emu(300000 * (len(chunk) + 1))).table
                for column, name in enumerate(shown.columns):
                    grid.cell(0, column).text = str(name)
                for row_number, row in enumerate(chunk.itertuples(index=False), start=1):
                    for column, value in enumerate(row):
                        cell = grid.cell(row_number, column)
                        cell.text = "" if value is None else str(value)
                        is_band = shown.columns[column] in ("Band", "Overall")
                        band = band_of_label(value) if is_band else None
                        if band:
                            cell.fill.solid()
                            cell.fill.fore_color.rgb = RGBColor.from_string(BAND_COLOURS[band].lstrip("#"))
                for cell_row in grid.rows:
                    for cell in cell_row.cells:
                        for paragraph in cell.text_frame.paragraphs:
                            paragraph.font.size = Pt(10)
                placed = True
                start += fits
        if section.bullets:
            for start in range(0, len(section.bullets), 6):
                if placed or start:
                    page, top = slide(f"{section.title} (continued)"), first_top
                text(page, [f"• {line}" for line in section.bullets[start:start + 6]], top, 4500000, 14)
                placed = True
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def render(briefing: Briefing, file_format: str) -> bytes:
    """The briefing in 'html', 'pdf' or 'pptx'."""
    if file_format == "html":
        return to_html(briefing).encode("utf-8")
    if file_format == "pdf":
        return to_pdf(briefing)
    if file_format == "pptx":
        return to_pptx(briefing)
    raise BriefingProblem(f'"{file_format}" is not a briefing format: expected html, pdf or pptx')
