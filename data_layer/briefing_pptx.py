"""A Briefing as a PowerPoint deck that fits a meeting: a title slide, the at-a-glance slide, the questions, the detail,
and one slide saying what the appendix (in full in the HTML and PDF packs) holds.

Slides are filled top to bottom: every text box, chart and table is measured first (text wrapped at an estimated
character width), so a slide takes as many table rows as its height allows, columns are as wide as their content, and
a table split over slides never leaves fewer than briefing_tables.MIN_ROWS rows on one. Charts are native, so officers
can edit them; money is written by money_style (short in tables, the chart axis in £k or £m).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from data_layer import presentation
from data_layer.banding import BAND_COLOURS, NO_DATA_BAND, band_label, band_of_label
from data_layer.briefing import APPENDIX, AT_A_GLANCE, Briefing, Chart, KeyFigure, Section, Table, rows_left_out
from data_layer.briefing_tables import column_widths, grid, header_lines, row_lines, split_rows, wrapped_lines
from data_layer.charts import SAFE_COLOURS
from data_layer.money_style import MoneyAxis, short_money

INCH = 914400
POINT = 12700
SLIDE_WIDTH, SLIDE_HEIGHT = 12192000, 6858000  # 16:9
LEFT = int(0.45 * INCH)
WIDTH = SLIDE_WIDTH - 2 * LEFT
TOP = int(1.0 * INCH)  # below the title
BOTTOM = SLIDE_HEIGHT - int(0.55 * INCH)  # above the scope line (with a little to spare)
GAP = int(0.1 * INCH)
CHAR = 0.52  # a character's average width, as a share of the font size (Calibri averages a little less)
LINE = 1.22  # a line's height, as a share of the font size
TABLE_FONT = 10
CELL_MARGIN_X, CELL_MARGIN_Y = int(0.06 * INCH), int(0.035 * INCH)
TEXT_INSET_X, TEXT_INSET_Y = int(0.1 * INCH), int(0.05 * INCH)
MIN_CHART = int(2.3 * INCH)
WHERE = "the HTML and PDF packs (Appendix)"


def _chars(width: int, size: float) -> float:
    """How many characters of a `size` pt font fit in `width` EMU."""
    return width / (size * CHAR * POINT)


def _text_height(lines: list[str], size: float, width: int = WIDTH, spacing: float = 0.25) -> int:
    """The height of a text box holding these paragraphs, wrapped in `width`."""
    usable = _chars(width - 2 * TEXT_INSET_X, size)
    count = sum(wrapped_lines(line, usable) for line in lines)
    return int(count * size * LINE * POINT + len(lines) * spacing * size * POINT + 2 * TEXT_INSET_Y)


@dataclass
class _Layout:
    """A table measured for a width: columns in EMU, each row's height, the header's."""

    widths: list[int]
    heights: list[int]
    header: int
    title: int


def _measure(table: Table, size: float = TABLE_FONT) -> _Layout:
    cells = grid(table)
    padding = 2 * CELL_MARGIN_X / (size * CHAR * POINT)
    chars = column_widths(cells, _chars(WIDTH, size), padding)
    line = size * LINE * POINT
    widths = [int(WIDTH * c / sum(chars)) for c in chars] if chars else []
    heights = [int(n * line + 2 * CELL_MARGIN_Y) for n in row_lines(cells, chars, padding)]
    header = int(header_lines(cells, chars, padding) * line + 2 * CELL_MARGIN_Y)
    return _Layout(widths, heights, header, _text_height([table.title], 14))


class _Deck:
    def __init__(self, briefing: Briefing) -> None:
        from pptx import Presentation
        from pptx.util import Emu

        self.briefing = briefing
        self.deck = Presentation()
        self.deck.slide_width, self.deck.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
        self.page = None
        self.top = TOP
        self.heading = ""

    # -------------------------------------------------------------- slides and text

    def slide(self, title: str) -> None:
        from pptx.util import Emu, Pt

        page = self.deck.slides.add_slide(self.deck.slide_layouts[5])  # title only
        heading = page.shapes.title
        heading.left, heading.top, heading.width, heading.height = Emu(LEFT), Emu(int(0.22 * INCH)), Emu(WIDTH), Emu(int(0.72 * INCH))
        heading.text = title
        heading.text_frame.paragraphs[0].font.size = Pt(28 if len(title) < 60 else 22)
        footer = page.shapes.add_textbox(Emu(LEFT), Emu(SLIDE_HEIGHT - int(0.42 * INCH)), Emu(WIDTH), Emu(int(0.3 * INCH)))
        footer.text_frame.text = self.briefing.scope_line
        footer.text_frame.paragraphs[0].font.size = Pt(10)
        self.page, self.top = page, TOP

    def section(self, title: str) -> None:
        self.heading = title
        self.slide(title)

    def more(self) -> None:
        self.slide(f"{self.heading} (continued)")

    @property
    def room(self) -> int:
        return BOTTOM - self.top

    def text(self, lines: list[str], size: float, *, bold: bool = False, italic: bool = False, top: int | None = None,
             left: int = LEFT, width: int = WIDTH, spacing: float = 0.25) -> int:
        """A text box at the cursor (or `top`), as tall as its wrapped lines; returns its height."""
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Emu, Pt

        height = _text_height(lines, size, width, spacing)
        box = self.page.shapes.add_textbox(Emu(left), Emu(self.top if top is None else top), Emu(width), Emu(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.font.bold = bold
            paragraph.font.italic = italic
            paragraph.space_after = Pt(spacing * size)
        if top is None:
            self.top += height + GAP
        return height

    def flowing(self, lines: list[str], size: float, *, italic: bool = False, minimum: int = 2) -> None:
        """Paragraphs (bullets) from the cursor on, onto further slides as needed, never one alone on a slide."""
        heights = [_text_height([line], size) - 2 * TEXT_INSET_Y for line in lines]
        for number, (start, end) in enumerate(split_rows(heights, self.room - 2 * TEXT_INSET_Y, BOTTOM - TOP - 2 * TEXT_INSET_Y, minimum)):
            if number:
                self.more()
            if end > start:
                self.text(lines[start:end], size, italic=italic)

    # -------------------------------------------------------------- charts

    def chart(self, chart: Chart, height: int) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
        from pptx.util import Emu, Pt

        kinds = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "stacked": XL_CHART_TYPE.COLUMN_STACKED, "scorecard": XL_CHART_TYPE.BAR_STACKED,
                 "forecast path": XL_CHART_TYPE.LINE_MARKERS, "variance": XL_CHART_TYPE.BAR_CLUSTERED}
        data = _chart_data()
        data.categories = chart.categories
        for series in chart.series:  # a line keeps its gaps (a month with no figure is not a zero)
            data.add_series(series.name, [v if chart.kind == "forecast path" else 0 if v is None else v for v in series.values])
        graphic = self.page.shapes.add_chart(kinds[chart.kind], Emu(LEFT), Emu(self.top), Emu(WIDTH), Emu(height), data).chart
        graphic.has_title = True
        graphic.chart_title.text_frame.text = chart.title
        graphic.chart_title.text_frame.paragraphs[0].font.size = Pt(14)
        graphic.has_legend = chart.kind != "variance"  # one series, its bars labelled with their band
        if graphic.has_legend:
            graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
            graphic.legend.include_in_layout = False
            graphic.legend.font.size = Pt(10)
        graphic.category_axis.tick_labels.font.size = Pt(10)
        graphic.value_axis.tick_labels.font.size = Pt(10)
        graphic.value_axis.has_title = True
        if chart.money:  # values stay in pounds (Edit Data shows them exact); the axis reads £k or £m as the tables do
            axis = MoneyAxis(v for series in chart.series for v in series.values)
            graphic.value_axis.tick_labels.number_format = axis.excel_format
            graphic.value_axis.tick_labels.number_format_is_linked = False
            graphic.value_axis.axis_title.text_frame.text = axis.title(chart.axis)
        else:
            graphic.value_axis.axis_title.text_frame.text = chart.axis
        graphic.value_axis.axis_title.text_frame.paragraphs[0].font.size = Pt(10)
        if chart.kind in ("forecast path", "variance"):  # a variance is read against zero: names beside the axis, not on the zero line
            graphic.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        if chart.kind == "forecast path":
            _style_lines(graphic)
        elif chart.kind == "variance":
            _style_variance_bars(graphic, chart)
        else:
            for index, series in enumerate(graphic.plots[0].series):
                name = chart.series[index].name
                colour = BAND_COLOURS.get(name) if chart.kind == "scorecard" else SAFE_COLOURS[index % len(SAFE_COLOURS)]
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = RGBColor.from_string((colour or "#999999").lstrip("#"))
        self.top += height + GAP

    # -------------------------------------------------------------- tables

    def table(self, table: Table, *, most: int | None = None) -> None:
        """The table from the cursor on, split over as many slides as it needs (at most `most` rows, on this slide only)."""
        layout = _measure(table)
        heights = layout.heights[:most] if most is not None else layout.heights
        above = layout.title + layout.header
        parts = split_rows(heights, self.room - above, BOTTOM - TOP - above)
        if most is not None:
            parts = [(0, len(heights))]
        for number, (start, end) in enumerate(parts):
            if number:
                self.more()
            if end == start:
                continue
            self.text([table.title + (" (continued)" if start else "")], 14, bold=True, spacing=0)
            self._grid(table, layout, start, end)

    def _grid(self, table: Table, layout: _Layout, start: int, end: int) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Emu, Pt

        cells = grid(table)
        height = layout.header + sum(layout.heights[start:end])
        self.top -= GAP  # the title sits on the table
        frame = self.page.shapes.add_table(end - start + 1, len(cells.columns), Emu(LEFT), Emu(self.top), Emu(WIDTH), Emu(height))
        frame.name = f"Table: {table.title}"  # the same name on every slide of the table (tests count its rows by it)
        shape = frame.table
        for index, width in enumerate(layout.widths):
            shape.columns[index].width = Emu(width)
        shape.rows[0].height = Emu(layout.header)
        for number, row_height in enumerate(layout.heights[start:end], start=1):
            shape.rows[number].height = Emu(row_height)
        rows = [cells.columns, *cells.rows[start:end]]
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                cell = shape.cell(row_number, column)
                cell.margin_left = cell.margin_right = Emu(CELL_MARGIN_X)
                cell.margin_top = cell.margin_bottom = Emu(CELL_MARGIN_Y)
                cell.text = value
                for paragraph in cell.text_frame.paragraphs:  # a cell of several lines (the heat map's): each its own paragraph
                    paragraph.font.size = Pt(TABLE_FONT)
                    if cells.money[column]:
                        paragraph.alignment = PP_ALIGN.RIGHT
                band = band_of_label(value) if row_number and cells.is_band(column) else None
                if band:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = RGBColor.from_string(_tint(BAND_COLOURS[band]))
        self.top += height + GAP


def _style_lines(graphic) -> None:  # type: ignore[no-untyped-def]
    """Each line its own colour, marker and dash (as the HTML's), so the lines read in black and white."""
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    markers = [XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE, XL_MARKER_STYLE.DIAMOND, XL_MARKER_STYLE.TRIANGLE,
               XL_MARKER_STYLE.STAR, XL_MARKER_STYLE.X, XL_MARKER_STYLE.PLUS, XL_MARKER_STYLE.DASH]
    dashes = [MSO_LINE_DASH_STYLE.SOLID, MSO_LINE_DASH_STYLE.DASH, MSO_LINE_DASH_STYLE.ROUND_DOT, MSO_LINE_DASH_STYLE.DASH_DOT,
              MSO_LINE_DASH_STYLE.LONG_DASH, MSO_LINE_DASH_STYLE.LONG_DASH_DOT]
    for index, series in enumerate(graphic.plots[0].series):
        colour = RGBColor.from_string(SAFE_COLOURS[index % len(SAFE_COLOURS)].lstrip("#"))
        series.smooth = False
        series.format.line.color.rgb = colour
        series.format.line.width = Pt(2.5)
        series.format.line.dash_style = dashes[index % len(dashes)]
        series.marker.style = markers[index % len(markers)]
        series.marker.size = 8
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
        series.marker.format.line.color.rgb = colour


def _style_variance_bars(graphic, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    """Each bar in its band's colour, labelled with its short figure and band ('+£58k ● Red'); the worst at the top."""
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.util import Pt

    frame = chart.frame
    bands = dict(zip(frame[chart.by].astype(str), frame["band"], strict=True)) if frame is not None and not frame.empty else {}
    graphic.category_axis.reverse_order = True  # the first category (the largest overspend) at the top
    values = [v for v in chart.series[0].values if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    room = (high - low or 1.0) * 0.35  # the labels ('+£58k ● Red') sit outside the bars: room for them either side
    step = _round_step((high - low + 2 * room) / 5)
    graphic.value_axis.major_unit = step
    graphic.value_axis.minimum_scale = math.floor((low - room) / step) * step if low < 0 else 0.0
    graphic.value_axis.maximum_scale = math.ceil((high + room) / step) * step if high > 0 else 0.0
    series = graphic.plots[0].series[0]
    for index, (name, value) in enumerate(zip(chart.categories, chart.series[0].values, strict=True)):
        band = str(bands.get(name, NO_DATA_BAND))
        point = series.points[index]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(BAND_COLOURS.get(band, "#999999").lstrip("#"))
        point.format.line.color.rgb = RGBColor.from_string("000000")
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.text_frame.text = f"{'+' if value and value > 0 else ''}{short_money(value)} {band_label(band)}"
        label.text_frame.paragraphs[0].font.size = Pt(10)


def _round_step(rough: float) -> float:
    """An axis step a reader counts in: 1, 2 or 5 times a power of ten, at least `rough` (£20k, not £19.7k)."""
    power = 10 ** math.floor(math.log10(rough)) if rough > 0 else 1.0
    return next(power * m for m in (1, 2, 5, 10) if power * m >= rough)


def _tint(colour: str, strength: float = 0.35) -> str:
    """A light version of a band colour (as the HTML's), so black text on it reads."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(255 - (255 - c) * strength):02X}" for c in (red, green, blue))


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


# ------------------------------------------------------------------------------ the deck

def _title_slide(deck: _Deck) -> None:
    from pptx.util import Emu, Pt

    briefing = deck.briefing
    page = deck.deck.slides.add_slide(deck.deck.slide_layouts[0])
    title, subtitle = page.shapes.title, page.placeholders[1]
    title.left, title.top, title.width, title.height = Emu(LEFT), Emu(int(0.5 * INCH)), Emu(WIDTH), Emu(int(1.0 * INCH))
    title.text = f"Briefing: {briefing.scope}"
    title.text_frame.paragraphs[0].font.size = Pt(36 if len(title.text) < 50 else 28)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Emu(LEFT), Emu(int(1.6 * INCH)), Emu(WIDTH), Emu(int(1.2 * INCH))
    subtitle.text = f"{briefing.council}\n{briefing.period}\nPrepared {briefing.generated_on:%d %B %Y}"
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.font.size = Pt(18)
    deck.page, deck.top = page, int(3.0 * INCH)
    lines = [f"Figures for {briefing.year or 'the period'} from:", *[f"• {s}" for s in briefing.sources or ["no return loaded"]]]
    if briefing.other_sources:
        lines += ["Also drawn on, for other years' figures:", *[f"• {s}" for s in briefing.other_sources]]
    deck.text(lines, 12, spacing=0.1)
    if briefing.sample_note:
        deck.text([briefing.sample_note], 12, italic=True)
    deck.text(["Bands: ✓ Green at or above target; ▲ Amber within tolerance (10% unless stated); ● Red missing by more; ○ No data."], 12)


def _at_a_glance(deck: _Deck, section: Section) -> None:
    """Key figures as tiles across the slide (up to six in a row, more in two even rows), the lead, the Red indicators (as
    many as fit; the rest are in Exceptions)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Pt

    deck.section(section.title)
    if section.figures:
        two_rows = len(section.figures) > 6  # with risks and actions too: two rows, tight to their text, so the Red still fit
        gap = GAP if two_rows else int(0.15 * INCH)
        across = -(-len(section.figures) // 2) if two_rows else len(section.figures)
        width = (WIDTH - gap * (across - 1)) // across
        value_size = 20 if two_rows else 26 if across <= 4 else 22  # six tiles across (with in-year monitoring) are narrower
        sizes = (11, value_size, 10) if two_rows else (12, value_size, 11)  # label, value, detail
        height = max(_tile_height(f, width, sizes) if two_rows else
                     _text_height([f.label], 12, width) + _text_height([f.value], value_size, width) + _text_height([f.detail], 11, width)
                     for f in section.figures)
        for index, figure in enumerate(section.figures):
            row, column = divmod(index, across)
            tile = deck.page.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(LEFT + column * (width + gap)), Emu(deck.top + row * (height + gap)),
                                              Emu(width), Emu(height))
            tile.fill.solid()
            tile.fill.fore_color.rgb = RGBColor.from_string(_tint("#0072B2", 0.12))
            tile.line.color.rgb = RGBColor.from_string("0072B2")
            frame = tile.text_frame
            frame.word_wrap = True
            for number, (text, size) in enumerate(zip((figure.label, figure.value, figure.detail), sizes, strict=True)):
                paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
                paragraph.text = text
                paragraph.font.size, paragraph.font.bold = Pt(size), number == 1
                paragraph.font.color.rgb = RGBColor.from_string("1A1A1A" if figure.label != "Red indicators" or number != 1 else "A23E00")
        rows = -(-len(section.figures) // across)
        deck.top += rows * height + (rows - 1) * gap + GAP
    if section.lead:
        deck.text(section.lead, 14)
    # The sample council's note in a line here (presentation.SAMPLE_NOTE, as every page of the app says it); in full on the cover.
    sample_note = presentation.SAMPLE_NOTE if deck.briefing.sample_note else None
    note = _text_height([sample_note], 11) if sample_note else 0
    for table in section.tables:
        layout = _measure(table)
        room = deck.room - note - layout.title - layout.header - GAP
        fits = _rows_fitting(layout.heights, room)
        if rows_left_out(table, fits):  # a line to say how many more there are, and where
            fits = max(1, _rows_fitting(layout.heights, room - _text_height(["…"], 12) - GAP))
        deck.table(table, most=fits)
        if rows_left_out(table, fits):
            deck.text([rows_left_out(table, fits)], 12, italic=True)
    if sample_note:
        deck.text([sample_note], 11, italic=True, top=BOTTOM - note)


def _tile_height(figure: KeyFigure, width: int, sizes: tuple[float, float, float]) -> int:
    """A key figure's tile as tall as its three paragraphs (label, value, detail in these sizes), one frame's margins and a
    little to spare."""
    usable = width - 2 * TEXT_INSET_X
    lines = sum(wrapped_lines(text, _chars(usable, size)) * size for text, size in zip((figure.label, figure.value, figure.detail), sizes,
                                                                                       strict=True))
    return int(lines * LINE * POINT + 2 * TEXT_INSET_Y + 0.25 * sizes[0] * POINT)


def _rows_fitting(heights: list[int], room: int) -> int:
    """How many of the first rows fit in `room`."""
    fits, used = 0, 0
    while fits < len(heights) and used + heights[fits] <= room:
        used += heights[fits]
        fits += 1
    return fits


def _detail(deck: _Deck, section: Section) -> None:
    deck.section(section.title)
    if section.lead:
        deck.text(section.lead, 14)
    if section.elsewhere:  # where the rest of this section is, read before the detail
        deck.text([line.format(where=WHERE) for line in section.elsewhere], 11, italic=True)
    for number, chart in enumerate(section.charts):
        if number:
            deck.more()
        per_bar = {"scorecard": 0.2, "variance": 0.25}.get(chart.kind)  # bars across: as tall as their count needs
        wanted = MIN_CHART if per_bar is None else max(MIN_CHART, int((per_bar * len(chart.categories) + 1.2) * INCH))
        height = deck.room
        if number == len(section.charts) - 1:  # what follows, below the chart when both fit: all of it, or the first table
            for below in (_height_of(section.tables, section.bullets), _height_of(section.tables[:1], [])):
                if below and deck.room - below >= wanted:
                    height = deck.room - below
                    break
        deck.chart(chart, height)
    for table in section.tables:
        deck.table(table)
    if section.bullets:
        deck.flowing(section.bullets, 14)


def _height_of(tables: list[Table], bullets: list[str]) -> int:
    """The height these take on one slide, whole (0 for nothing)."""
    height = 0
    for table in tables:
        layout = _measure(table)
        height += layout.title + layout.header + sum(layout.heights) + GAP
    height += (_text_height(bullets, 14) + GAP) if bullets else 0
    return height + GAP if height else 0


def _appendix(deck: _Deck, sections: list[Section]) -> None:
    """One slide: what the appendix holds, each in a line, and that it is in full in the HTML and PDF packs."""
    deck.section(APPENDIX)
    deck.text(["In full in the HTML and PDF packs of this briefing (the same figures, from the same returns):"], 16)
    deck.flowing([f"• {section.summary or section.title.removeprefix(APPENDIX + ': ')}" for section in sections], 14, minimum=1)


def to_pptx(briefing: Briefing) -> bytes:
    """Title slide, at a glance, questions, the detail (each section continued where it is long), the appendix's contents."""
    deck = _Deck(briefing)
    _title_slide(deck)
    appendix = [section for section in briefing.sections if section.appendix]
    for section in briefing.sections:
        if section.appendix:
            continue
        if section.title == AT_A_GLANCE:
            _at_a_glance(deck, section)
        else:
            _detail(deck, section)
    if appendix:
        _appendix(deck, appendix)
    buffer = io.BytesIO()
    deck.deck.save(buffer)
    return buffer.getvalue()


__all__ = ["to_pptx"]
