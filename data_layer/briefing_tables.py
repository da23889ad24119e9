"""The briefing's tables laid out: cells as text, columns sized to their content, rows split without orphans.

Pure (no pptx, no browser), shared by the HTML/PDF and the PowerPoint renderers, so both size a table the same way.
Widths are in characters of the table's font (a reader's proportional font averages about half its size per
character); the renderers turn them into inches or percentages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from data_layer import presentation
from data_layer.briefing import Table
from data_layer.money_style import short_money
from data_layer.values import format_pounds

MIN_ROWS = 3  # a table split across slides or pages never leaves fewer rows than this on one (unless it has fewer)
SHORT = 12  # a column whose longest text is this short is never wrapped
MIN_WRAPPED = 10  # a wrapped column is at least this many characters wide
LONGEST_WORD = 16  # and as wide as its longest word up to this, so a name breaks only between words
SAMPLE_ROWS = 80  # column widths are judged on at most about this many rows of a long table
BAND_COLUMNS = ("Band", "Overall")


@dataclass(frozen=True)
class Grid:
    """A table as the reader sees it: header, rows of text, and which columns are money (right-aligned, never wrapped)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    money: list[bool]

    def is_band(self, column: int) -> bool:
        return self.columns[column] in BAND_COLUMNS


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str | Decimal) and pd.isna(value)):
        return ""
    return str(value)


def grid(table: Table) -> Grid:
    """The table's cells as text: money short (£1,083k), or exact pounds when the table compares two figures."""
    money = [str(c).endswith(presentation.MONEY_SUFFIX) for c in table.frame.columns]
    columns = [str(c).removesuffix(presentation.MONEY_SUFFIX) for c in table.frame.columns]

    def cell(value: object, is_money: bool) -> str:
        if not is_money:
            return _text(value)
        if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
            return ""
        return format_pounds(Decimal(value)) if table.exact_money else short_money(value)

    rows = [[cell(v, m) for v, m in zip(row, money, strict=True)] for row in table.frame.itertuples(index=False, name=None)]
    return Grid(table.title, columns, rows, money)


def _words(text: str) -> list[str]:
    return [word for line in text.splitlines() for word in line.replace("-", "- ").split()]


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped at word boundaries in `width` characters (a word longer than the width breaks)."""
    width = max(width, 1.0)
    total = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = 1, 0.0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > width:
                lines, used = lines + 1, 0.0
            if size > width:  # broken mid-word over as many lines as it needs
                lines += math.ceil(size / width) - 1
                used = size % width or width
            else:
                used += (1 if used else 0) + size
        total += lines
    return total


def column_widths(table: Grid, available: float, padding: float = 0.0) -> list[float]:
    """Each column's width in characters, the widths adding up to `available` (each holding `padding` for its margins).

    A column's natural width is its longest text (or its header's longest word). When they all fit, each gets its natural
    width and the spare is shared in proportion. When not, money and short columns keep their natural width (never
    wrapped); the others start at MIN_WRAPPED (or their header's or cells' longest word, up to LONGEST_WORD) and share
    what is left a step at a time, each step to the column whose widening saves the most wrapped lines over the table's
    rows (by the share of their longest text when none does), none beyond its natural width.
    """
    count = len(table.columns)
    if count == 0:
        return []
    header_word = [max((len(w) for w in _words(c)), default=1) for c in table.columns]
    longest = [max([len(row[i]) for row in table.rows] + [header_word[i], 1]) + padding for i in range(count)]
    if sum(longest) <= available:
        spare = available - sum(longest)
        return [width + spare * width / sum(longest) for width in longest]
    fixed = [table.money[i] or longest[i] <= SHORT + padding for i in range(count)]
    sample = table.rows[:: max(1, len(table.rows) // SAMPLE_ROWS)]  # a long table is judged by rows spread through it
    # A wrapped column is at least as wide as its longest word (up to LONGEST_WORD), so 'Communications' never breaks.
    cell_word = [min(LONGEST_WORD, max((len(w) for row in sample for w in _words(row[i])), default=1)) for i in range(count)]
    minimum = [float(longest[i]) if fixed[i] else max(header_word[i], cell_word[i], min(longest[i] - padding, MIN_WRAPPED)) + padding
               for i in range(count)]
    if sum(minimum) >= available:
        return [width * available / sum(minimum) for width in minimum]
    widths = list(minimum)
    left = available - sum(widths)
    lines = {i: [wrapped_lines(row[i], widths[i] - padding) for row in sample] for i in range(count)}
    step = max(left / 40, 0.5)
    while left >= step:
        tallest = [max(row) for row in zip(*lines.values(), strict=True)] if sample else []
        best, saved, wider = None, 0, None
        for i in range(count):
            if fixed[i] or widths[i] + step > longest[i]:
                continue
            trial = [wrapped_lines(row[i], widths[i] + step - padding) for row in sample]
            others = [max(v for j, v in enumerate(column) if j != i) if count > 1 else 0
                      for column in zip(*lines.values(), strict=True)]
            gain = sum(t - max(o, n) for t, o, n in zip(tallest, others, trial, strict=True))
            if gain > saved:
                best, saved, wider = i, gain, trial
        if best is None:
            break
        widths[best] += step
        lines[best] = wider
        left -= step
    open_columns = {i for i in range(count) if not fixed[i] and widths[i] < longest[i]}
    while open_columns and left > 1e-9:  # the rest by the share of the longest text; a column at its natural width takes no more
        weight = sum(longest[i] for i in open_columns)
        shares = {i: left * longest[i] / weight for i in open_columns}
        capped = {i for i in open_columns if widths[i] + shares[i] >= longest[i]}
        if not capped:
            for i in open_columns:
                widths[i] += shares[i]
            left = 0.0
            break
        for i in capped:
            left -= longest[i] - widths[i]
            widths[i] = float(longest[i])
        open_columns -= capped
    if left > 1e-9:  # everything at its natural width: share the rest in proportion
        total = sum(widths)
        widths = [w + left * w / total for w in widths]
    return widths


def row_lines(table: Grid, widths: list[float], padding: float = 1.0) -> list[int]:
    """Each row's height in lines: its tallest cell, wrapped in its column's width (less `padding` characters)."""
    return [max((wrapped_lines(text, width - padding) for text, width in zip(row, widths, strict=True)), default=1)
            for row in table.rows]


def header_lines(table: Grid, widths: list[float], padding: float = 1.0) -> int:
    return max((wrapped_lines(" ".join(_words(name)), width - padding) for name, width in zip(table.columns, widths, strict=True)),
               default=1)


def split_rows(heights: list[float], first_room: float, room: float, minimum: int = MIN_ROWS) -> list[tuple[int, int]]:
    """Rows [start, end) for each slide or page: as many as fit, the first in `first_room`, the others in `room`.

    No part of a split table holds fewer than `minimum` rows (unless the table has fewer): rows move back from a short
    last part, and when fewer than that fit in `first_room`, the first part is empty (start on a fresh slide). A row
    taller than the room goes alone.
    """
    count = len(heights)
    if count == 0:
        return [(0, 0)]
    least = min(minimum, count)
    parts: list[tuple[int, int]] = []
    start, capacity = 0, first_room
    while start < count:
        end, used = start, 0.0
        while end < count and used + heights[end] <= capacity:
            used += heights[end]
            end += 1
        if not parts and end < count and end - start < least:
            parts.append((start, start))  # too little room left here: the table starts on the next slide
            capacity = room
            continue
        end = max(end, start + 1)
        parts.append((start, end))
        start, capacity = end, room
    while len(parts) > 1 and parts[-1][1] - parts[-1][0] < least:  # a short last part borrows rows from the one before
        (a, b), (_, d) = parts[-2], parts[-1]
        if b - a <= least:
            break
        parts[-2], parts[-1] = (a, b - 1), (b - 1, d)
    return parts


__all__ = ["MIN_ROWS", "Grid", "column_widths", "grid", "header_lines", "row_lines", "split_rows", "wrapped_lines"]
