"""Pictures of a briefing deck's slides where LibreOffice is not installed, drawn from the slides' own shapes.

Run: .venv/bin/python docs/draw_pptx_slides.py DECK.pptx OUT-PREFIX [2,5,...]   (writes OUT-PREFIX-02.png, ...)

Not PowerPoint: each text box, tile and table is placed where the deck puts it, at its size, with its fonts' sizes,
in Liberation Sans (Arial's widths, a little wider than PowerPoint's Calibri, so text that fits here fits there); a
native chart is drawn as a box naming its data. Used for docs/screenshots/briefing-pptx-slide.png and to look at a
deck's layout after changing briefing_pptx.
"""

from __future__ import annotations

import html
import sys

from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.enum.text import PP_ALIGN

PIXELS_PER_EMU = 96 / 914400


def _px(emu: int) -> str:
    return f"{emu * PIXELS_PER_EMU:.1f}px"


def _paragraph(paragraph, default: float) -> str:  # type: ignore[no-untyped-def]
    size = paragraph.font.size.pt if paragraph.font.size else default
    style = f"margin:0 0 {paragraph.space_after.pt if paragraph.space_after is not None else 0}pt 0;font-size:{size}pt;line-height:1.2;"
    style += "font-weight:bold;" if paragraph.font.bold else ""
    style += "font-style:italic;" if paragraph.font.italic else ""
    style += "text-align:right;" if paragraph.alignment == PP_ALIGN.RIGHT else ""
    return f"<p style='{style}'>{html.escape(''.join(run.text for run in paragraph.runs)) or '&nbsp;'}</p>"


def _fill(shape) -> str:  # type: ignore[no-untyped-def]
    try:
        return f"background:#{shape.fill.fore_color.rgb};" if shape.fill.type == MSO_FILL.SOLID else ""
    except (AttributeError, TypeError):
        return ""


def slide_html(slide, width: int, height: int) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for shape in slide.shapes:
        box = f"position:absolute;left:{_px(shape.left)};top:{_px(shape.top)};width:{_px(shape.width)};"
        if shape.has_table:
            table = shape.table
            columns = "".join(f"<col style='width:{_px(column.width)}'>" for column in table.columns)
            rows = []
            for number, row in enumerate(table.rows):
                cells = []
                for cell in row.cells:
                    colour = _fill(cell) or ("background:#4472C4;color:white;font-weight:bold;" if number == 0
                                             else "background:#CFD5EA;" if number % 2 else "background:#E9EBF5;")
                    inner = "".join(_paragraph(p, 10) for p in cell.text_frame.paragraphs)
                    cells.append(f"<td style='{colour}padding:{_px(cell.margin_top)} {_px(cell.margin_right)};vertical-align:top;"
                                 f"border:1px solid white'>{inner}</td>")
                rows.append(f"<tr style='height:{_px(row.height)}'>{''.join(cells)}</tr>")
            parts.append(f"<table style='{box}border-collapse:collapse;table-layout:fixed'>{columns}{''.join(rows)}</table>")
        elif shape.has_chart:
            chart = shape.chart
            title = chart.chart_title.text_frame.text if chart.has_title else ""
            names = ", ".join(series.name for series in chart.plots[0].series)
            parts.append(f"<div style='{box}height:{_px(shape.height)};background:#f3f3f3;border:1px solid #999;font-size:11pt;"
                         f"padding:6px;box-sizing:border-box'><b>Native chart: {html.escape(title)}</b><br>"
                         f"{html.escape(', '.join(map(str, chart.plots[0].categories)))}<br>{html.escape(names)}</div>")
        elif shape.has_text_frame:
            border = "border:1px solid #0072B2;" if _fill(shape) else ""
            inner = "".join(_paragraph(p, 18) for p in shape.text_frame.paragraphs)
            parts.append(f"<div style='{box}height:{_px(shape.height)};{_fill(shape)}{border}padding:0.05in 0.1in;"
                         f"box-sizing:border-box'>{inner}</div>")
    return (f"<div style='position:relative;width:{_px(width)};height:{_px(height)};background:white;"
            f"font-family:\"Liberation Sans\",Arial,sans-serif;overflow:hidden'>{''.join(parts)}</div>")


def main() -> None:
    from playwright.sync_api import sync_playwright

    deck = Presentation(sys.argv[1])
    prefix = sys.argv[2]
    numbers = [int(n) for n in sys.argv[3].split(",")] if len(sys.argv) > 3 else list(range(1, len(deck.slides) + 1))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": round(deck.slide_width * PIXELS_PER_EMU),
                                          "height": round(deck.slide_height * PIXELS_PER_EMU)})
        for number in numbers:
            page.set_content("<html><body style='margin:0'>" + slide_html(deck.slides[number - 1], deck.slide_width, deck.slide_height)
                             + "</body></html>")
            page.screenshot(path=f"{prefix}-{number:02d}.png")
        browser.close()


if __name__ == "__main__":
    main()
