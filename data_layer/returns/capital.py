"""Reading a Capital sheet (also "Capital programme", "Capital monitoring"): one row per scheme per reporting period,
with its approved budget, this year's budget, spend to date, forecasts, slippage into later years and the officer's
RAG with its reason. Units, brackets, dashes and totals rows as on the Budget sheet (money.py).
"""

from __future__ import annotations

import re
from decimal import Decimal

from data_layer.returns.columns import OVERRIDE_BANDS, header_text
from data_layer.returns.in_year import SHARED_HEADINGS, InYearSheetReader
from data_layer.returns.money import MEMO_ROW, MoneySheetReader
from data_layer.returns.parsed import CapitalRow
from data_layer.returns.sheet import Row, cell_ref, cell_text, cell_value
from data_layer.values import ValueProblem, cell_display, find_unit, name_key, parse_amount

MEASURES = {
    "total_budget": "total budget", "budget_year": "budget this year", "spend_to_date": "spend to date",
    "forecast_year": "forecast this year", "forecast_total": "forecast total", "slippage": "slippage",
}


def column_meaning(text: str) -> str | None:
    """What a Capital heading says its column holds, or None for a column not read."""
    t = header_text(text)
    if t in ("scheme", "scheme name", "project", "project name", "capital scheme", "capital project", "scheme / project"):
        return "scheme"
    if t in ("service", "service name", "service area"):
        return "service"
    if t in SHARED_HEADINGS:
        return SHARED_HEADINGS[t]
    if re.search(r"slippage|re-?phas|re-?profil", t):
        return "slippage"
    if re.search(r"\breason\b|\bcomments?\b|\bcommentary\b|\bnotes?\b|\bexplanation\b", t):
        return "rag_reason"
    if re.search(r"\brag\b|\bstatus\b", t):
        return "officer_rag"
    if re.search(r"forecast|projected", t):
        return "forecast_total" if re.search(r"\btotal\b|scheme cost|whole life|all years", t) else "forecast_year"
    if re.search(r"spend to date|spent to date|actual", t):
        return "spend_to_date"
    if re.search(r"budget|approved|programme", t):
        return "total_budget" if re.search(r"\btotal\b|approved|scheme budget|whole life|all years", t) else "budget_year"
    return None


class CapitalSheetReader(InYearSheetReader, MoneySheetReader):
    column_meaning = staticmethod(column_meaning)
    MEASURES = MEASURES

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        if not {"budget_year", "total_budget"} & set(header) or not {"forecast_year", "forecast_total", "spend_to_date"} & set(header):
            self.error(f"A{header_number}", "the header has no budget column and forecast (or spend to date) column: expected "
                       "'Scheme', 'Total budget' or 'Budget this year', and 'Forecast this year', 'Forecast total' or 'Spend to date'")
            return
        stated = self.title_unit()
        units = {index: find_unit(cell_display(header_row[index].value)) for meaning, index in header.items() if meaning in MEASURES}
        table_unit = stated or self._unit_from_amounts({"service": header["scheme"]}, {i: (None, u) for i, u in units.items()}, body)  # type: ignore[misc]
        seen: dict[tuple[str, str], str] = {}
        since_total: list = []
        in_table: list = []
        totals = 0
        for number, row in body:
            name = cell_text(row, header["scheme"])
            if not name or re.match(r"^[\s=\-_*.]+$", name):
                continue
            if MEMO_ROW.search(name):
                continue
            figures: dict[str, Decimal] = {}
            for meaning, index in header.items():
                if meaning not in MEASURES:
                    continue
                try:
                    amount = parse_amount(cell_value(row, index), units.get(index) or table_unit)
                except ValueProblem as problem:
                    self.error(cell_ref(index, number), str(problem))
                    continue
                if amount is not None:
                    figures[meaning] = amount
            period = self.row_period(row, header, number)
            if period is None:
                continue
            if "total" in name.casefold():
                printed = {f"{period.label} {MEASURES[m]}": (amount, cell_display(cell_value(row, header[m])), cell_ref(header[m], number), period)
                           for m, amount in figures.items()}
                self._check_total(name, printed, since_total, in_table if totals else None, in_table)
                since_total, totals = [], totals + 1
                continue
            if not figures:
                continue  # a heading
            service = cell_text(row, header.get("service"))
            directorate = self._directorate(row, header, service) if service else cell_text(row, header.get("directorate"))
            cell = cell_ref(header["scheme"], number)
            if not service and not directorate:
                self.error(cell, f'"{name}" has neither a service nor a directorate: expected one of them')
                continue
            rag_written = cell_text(row, header.get("officer_rag"))
            rag = OVERRIDE_BANDS.get(rag_written.casefold()) if rag_written else None
            if rag_written and rag is None:
                self.error(cell_ref(header["officer_rag"], number), f'"{rag_written}" is not a RAG: expected Green, Amber or Red (or G, A, R)')
                continue
            key = (name_key(name), period.label)
            if key in seen:
                self.error(cell, f'"{name}" has a second row for {period.label} in this sheet (first at {seen[key]}): expected one row per scheme')
                continue
            seen[key] = cell
            self.parsed.capital.append(CapitalRow(
                scheme=name, service=service, directorate=directorate, period=period, cell=cell,
                officer_rag=rag, rag_reason=cell_text(row, header.get("rag_reason")),
                **{meaning: figures.get(meaning) for meaning in MEASURES}))
            entry = (name_key(directorate) if directorate else None, name,
                     {f"{period.label} {MEASURES[m]}": amount for m, amount in figures.items()})
            since_total.append(entry)
            in_table.append(entry)
