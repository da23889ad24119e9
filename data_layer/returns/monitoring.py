"""Reading a Monitoring sheet (also "Revenue monitoring", "Budget monitoring"): one line per service or cost centre per
reporting period, with its budget, forecast outturn and (under)/over spend, as councils print them in committee.

Units, brackets, dashes, totals rows and memorandum rows as on the Budget sheet (money.py). What real monitoring
tables add, and how each is read:

- headings read by what they say: "Projected (Under)/ Over Spend Compared to Working Estimate £" is the variance,
  "Previously Reported (Under)/ Over Spend ..." the variance reported last time, "Working Estimate 2009/10 £" a budget;
- several budget columns (Revised and Working estimate): the one the variance heading names, else the latest kind
  (current, working, revised, cash limit, budget, original), said in a warning;
- a heading over two or three rows (Kent's "Cash Limit" over G / I / N over £'000s);
- the header repeated after a page break (the table goes on: totals cover both parts);
- section headings without figures ("Revenue", "HRA Capital"); a name printed in two sections ("Other") is stored as
  "Other (GF Capital)", with a warning;
- the assumed management action rows under the totals ("Assumed Management Action:" ... "Forecast after Mgmt Action")
  are not services: not stored, said in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from data_layer.periods import Period
from data_layer.returns.columns import header_text
from data_layer.returns.in_year import SHARED_HEADINGS, InYearSheetReader
from data_layer.returns.money import MEMO_ROW, MoneySheetReader
from data_layer.returns.parsed import MonitoringRow
from data_layer.returns.sheet import Row, cell_ref, cell_text, cell_value
from data_layer.values import ValueProblem, cell_display, find_unit, format_pounds, name_key, parse_amount

# The measures a line may carry, in the words a message uses.
MEASURES = {
    "budget": "budget", "profiled_budget": "profiled budget to date", "actual_to_date": "actual to date",
    "forecast": "forecast outturn", "variance": "variance", "previous_variance": "previous variance", "movement": "movement",
    "gross_expenditure": "gross expenditure", "income": "income",
}
TEXTS = ("management_action", "commentary")
SERVICE_HEADINGS = {"service", "service name", "service area", "budget book heading", "budget heading", "cost centre",
                    "cost center", "budget line", "services", "heading"}
# Budget headings, latest kind first: with several, the variance heading's kind wins, else the first of these found.
BUDGET_KINDS = ("current budget", "working budget", "working estimate", "revised budget", "revised estimate", "cash limit",
                "approved budget", "annual budget", "budget", "original budget", "original estimate")
_SUB_HEADINGS = {"g": "gross", "i": "income", "n": "net", "gross": "gross", "income": "income", "net": "net",
                 "exp": "gross", "expenditure": "gross", "inc": "income"}
_RULE = re.compile(r"^[\s=\-_*.]+$")  # "=====" rules under a table


def column_meaning(text: str) -> str | None:
    """What a Monitoring heading says its column holds, or None for a column not read (references, notes to the paper)."""
    t = header_text(text)
    if t in SERVICE_HEADINGS:
        return "service"
    if t in SHARED_HEADINGS:
        return SHARED_HEADINGS[t]
    spend = re.search(r"\bvariance\b|over\s*spend|under\s*spend|\(?under\)?\s*/\s*\(?over\)?|over\s*/\s*\(?under", t)
    if re.search(r"\bmovement\b|change since", t):
        return "movement"
    if spend and re.search(r"\bprevious(ly)?\b|\blast (month|report|time|period)\b|\bprior\b", t):
        return "previous_variance"
    if spend:
        return "ignored" if re.search(r"\b(gross|income)\b", t) else "variance"
    if re.search(r"\bmanagement action\b|\bactions?\b", t):
        return "management_action"
    if re.search(r"\bcomments?\b|\bcommentary\b|\breasons?\b|\bexplanation\b", t):
        return "commentary"
    if re.search(r"\bforecast|\bprojected\b|\bprojection\b|\bout-?turn\b", t):
        return "forecast"
    if re.search(r"\bprofiled?\b|budget to date", t):
        return "profiled_budget"
    if re.search(r"^actuals?\b|\bactual\b|spend to date|spent to date|expenditure to date", t):
        return "actual_to_date"
    if re.search(r"\bbudget\b|\bestimates?\b|\bcash limit\b", t):
        if re.search(r"\bgross\b", t):
            return "gross_expenditure"
        if re.search(r"\bincome\b", t):
            return "income"
        return "budget"
    if re.search(r"^gross( expenditure)?\b", t):
        return "gross_expenditure"
    if re.search(r"^income\b", t):
        return "income"
    return None


def budget_kind(text: str) -> int:
    """The rank in BUDGET_KINDS of the kind a budget heading names: the longest kind it contains ("original budget", not
    "budget"); a bare "Estimate 2009/10" is a budget."""
    t = header_text(text)
    found = [kind for kind in BUDGET_KINDS if kind in t]
    if found:
        return BUDGET_KINDS.index(max(found, key=len))
    return BUDGET_KINDS.index("budget") if "estimate" in t else len(BUDGET_KINDS)


@dataclass
class _Table:
    """The columns of one table of the sheet, from its heading rows."""

    headings: dict[int, str]
    columns: dict[str, int] = field(default_factory=dict)
    units: dict[int, Decimal | None] = field(default_factory=dict)
    budget_note: str | None = None


def _heading_elsewhere(row: Row) -> str | None:
    """The text of a row holding nothing but one text that is neither a rule, a figure nor a column's heading."""
    filled = [cell.value for cell in row if cell.value is not None and cell_display(cell.value).strip()]
    if len(filled) != 1 or not isinstance(filled[0], str):
        return None
    text = filled[0].strip()
    if _RULE.match(text) or column_meaning(text) is not None or find_unit(text) is not None or text.casefold() in _SUB_HEADINGS:
        return None
    try:
        if parse_amount(text, Decimal(1)) is not None:
            return None
    except ValueProblem:
        pass
    return text


class MonitoringSheetReader(InYearSheetReader, MoneySheetReader):
    column_meaning = staticmethod(column_meaning)
    MEASURES = MEASURES

    # -- the table's headings
    def _table(self, header_row: Row, continuation: list[Row]) -> _Table:
        """The table's columns from its heading row and the heading rows under it (G / I / N, £'000s)."""
        headings = {index: cell_display(cell.value) for index, cell in enumerate(header_row) if cell.value is not None}
        for row in continuation:
            group = ""
            for index, cell in enumerate(row):
                if index in headings and headings[index]:
                    group = headings[index]
                if cell.value is None:
                    continue
                text = cell_display(cell.value).strip()
                word = _SUB_HEADINGS.get(text.casefold())
                if word is not None:  # "Cash Limit" over G, I, N: each column takes the group's heading
                    headings[index] = f"{headings.get(index) or group} {word}".strip()
                else:
                    headings[index] = f"{headings.get(index, '')} {text}".strip()
        table = _Table(headings)
        budgets: list[tuple[int, int]] = []
        for index, text in sorted(headings.items()):
            meaning = column_meaning(text)
            if meaning == "budget":
                budgets.append((budget_kind(text), index))
            elif meaning and meaning != "ignored" and meaning not in table.columns:
                table.columns[meaning] = index
            table.units[index] = find_unit(text)
        if budgets:
            chosen = min(budgets)[1]
            variance_heading = header_text(headings.get(table.columns.get("variance", -1), ""))
            for _rank, index in budgets:
                kind = BUDGET_KINDS[budget_kind(headings[index])] if budget_kind(headings[index]) < len(BUDGET_KINDS) else None
                if kind and f"compared to {kind}" in variance_heading or (kind and f"against {kind}" in variance_heading):
                    chosen = index
            table.columns["budget"] = chosen
            others = [headings[index] for _rank, index in budgets if index != chosen]
            if others:
                table.budget_note = (f'the budget is read from "{headings[chosen]}"'
                                     + (" (the one the variance is compared with)" if "compared" in variance_heading or
                                        "against" in variance_heading else "")
                                     + "; " + ", ".join(f'"{o}"' for o in others) + " not stored")
        return table

    @staticmethod
    def _is_heading_continuation(row: Row, service_index: int) -> bool:
        texts = [cell for index, cell in enumerate(row) if cell.value is not None and cell_display(cell.value).strip()]
        if not texts or cell_text(row, service_index):
            return False
        for cell in texts:
            text = cell_display(cell.value).strip()
            if not isinstance(cell.value, str):
                return False
            if text.casefold() not in _SUB_HEADINGS and find_unit(text) is None and column_meaning(text) is None:
                return False  # a section heading ("Housing Revenue Account"), not part of the column headings
        return True

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        service_index = header["service"]
        stated = self.title_unit()
        position = 0
        continuation: list[Row] = []
        while position < len(body) and self._is_heading_continuation(body[position][1], service_index):
            continuation.append(body[position][1])
            position += 1
        table = self._table(header_row, continuation)
        if "budget" not in table.columns or not ({"forecast", "variance"} & set(table.columns)):
            self.error(f"A{header_number}", "the header has no 'Budget' column and 'Forecast outturn' or 'Variance' column: expected "
                       "'Service', 'Budget' (or Working estimate, Cash limit...), and 'Forecast outturn' or '(Under)/Over spend'")
            return
        table_unit = stated or self._unit_from_amounts(
            {"service": service_index}, {index: (None, table.units.get(index)) for meaning, index in table.columns.items()  # type: ignore[misc]
                                         if meaning in MEASURES}, body[position:])
        if table.budget_note:
            self.warning(cell_ref(table.columns["budget"], header_number), table.budget_note)
        first_headings = table.headings
        names = self._names_by_section(body[position:], service_index)
        seen: dict[tuple[str, str], str] = {}
        since_total: list = []
        in_table: list = []
        all_rows: list = []
        totals_in_table = 0
        section_directorate: str | None = None
        last_period: Period | None = None
        action_rows: list[str] = []
        capital_lines: list[str] = []
        in_action = False
        section = None
        while position < len(body):
            number, row = body[position]
            position += 1
            label = cell_text(row, service_index)
            label = re.sub(r"^\s*[-–•]\s+", "", label).strip() if label else label
            if label and header_text(label) in SERVICE_HEADINGS:  # the header again: a page break, or a second table
                continuation = []
                while position < len(body) and self._is_heading_continuation(body[position][1], service_index):
                    continuation.append(body[position][1])
                    position += 1
                repeated = self._table(row, continuation)
                if repeated.headings != first_headings:  # a second table; the same headings again are a page break
                    table, first_headings = repeated, repeated.headings
                    if table.budget_note:
                        self.warning(cell_ref(table.columns.get("budget", 0), number), table.budget_note)
                    since_total, in_table, totals_in_table = [], [], 0
                in_action = False
                continue
            if not label:
                heading = _heading_elsewhere(row)
                if heading:  # a section heading printed in another column ("HRA Capital" in the first)
                    section = heading
                continue  # else a sub-heading row ("Original Estimate 2009/10 £"), or a rule under the table
            if _RULE.match(label):
                continue
            if re.match(r"(?i)^(assumed\s+)?management\s+action\b", label):
                in_action = True
                action_rows.append(label.rstrip(":"))
                continue
            if in_action or re.match(r"(?i)^forecast after\b", label):
                figures = self._figures(row, number, table, table_unit, report=False)
                action_rows.append(label + (f" ({format_pounds(figures['variance'])})" if figures.get("variance") else ""))
                if re.match(r"(?i)^forecast after\b", label):
                    in_action = False
                continue
            if MEMO_ROW.search(label):
                if self._figures(row, number, table, table_unit, report=False):
                    self.warning(cell_ref(service_index, number), (
                        f'"{label}" is a comparison or memorandum row, not a service, so it is not stored and no total covers it'))
                continue
            is_total = "total" in label.casefold()
            if is_total and last_period is not None and cell_value(row, table.columns.get("period")) is None:
                period = last_period  # a total row's period left blank: the period of the lines it totals
            else:
                period = self.row_period(row, table.columns, number)
            figures = self._figures(row, number, table, table_unit)
            if is_total and period is not None:
                printed = {f"{period.label} {MEASURES[m]}": (amount, cell_display(cell_value(row, table.columns[m])),
                                                             cell_ref(table.columns[m], number), period)
                           for m, amount in figures.items() if m in MEASURES and m in table.columns}
                self._check_total(label, printed, since_total, in_table if totals_in_table else None, all_rows)
                since_total = []
                totals_in_table += 1
                continue
            if not figures:
                section = label
                if re.search(r"(?i)\b(portfolio|directorate|department)\s*:?$", label) or name_key(label) in {
                        name_key(d) for d in self.directorates.values()}:
                    section_directorate = label.rstrip(":").strip()
                continue
            if period is None:
                continue
            name = f"{label} ({section})" if section and name_key(label) in names["repeated"] else label
            line = self._line(name, row, number, table, figures, period, section_directorate, table_unit)
            last_period = period
            if line is None:
                continue
            key = (name_key(name), period.label)
            if key in seen:
                self.error(line.cell, f'"{name}" has a second line for {period.label} in this sheet (first at {seen[key]}): '
                           "expected one line per service per month")
                continue
            seen[key] = line.cell
            self.parsed.monitoring.append(line)
            if section and re.search(r"(?i)\bcapital\b", section):
                capital_lines.append(name)
            entry = (name_key(line.directorate) if line.directorate else None, name, {
                f"{period.label} {MEASURES[m]}": amount for m, amount in self._line_measures(line, figures).items()})
            since_total.append(entry)
            in_table.append(entry)
            all_rows.append(entry)
        for label in sorted(names["repeated"]):
            self.warning("", f'"{names["written"][label]}" is printed in more than one section, so each is stored with its '
                             f'section\'s name: {", ".join(names["as stored"][label])}')
        if capital_lines:
            self.warning("", f"{len(capital_lines)} lines are under a capital heading, so they are stored as revenue lines and added into "
                             "the revenue totals on the Monitoring page: " + ", ".join(capital_lines[:5]) + (", ..." if len(capital_lines) > 5 else "")
                         + "; for the capital programme, give its schemes on a Capital sheet")
        if action_rows:
            self.warning("", "the assumed management action under the table is not a service, so it is not stored, and the "
                             "forecasts shown are before it: " + "; ".join(action_rows))

    def _names_by_section(self, body: list[tuple[int, Row]], service_index: int) -> dict:
        """Names printed in more than one section of the sheet, to store each with its section's name."""
        sections: dict[str, list[str]] = {}
        written: dict[str, str] = {}
        section = None
        for _number, row in body:
            label = cell_text(row, service_index)
            label = re.sub(r"^\s*[-–•]\s+", "", label).strip() if label else label
            if not label:
                section = _heading_elsewhere(row) or section
                continue
            if _RULE.match(label) or "total" in label.casefold() or header_text(label) in SERVICE_HEADINGS:
                continue
            others = [cell for index, cell in enumerate(row) if index != service_index and cell.value is not None
                      and cell_display(cell.value).strip()]
            if not others:
                section = label
                continue
            sections.setdefault(name_key(label), []).append(section or "")
            written.setdefault(name_key(label), label)
        repeated = {key for key, where in sections.items() if len(where) > 1 and len(set(where)) == len(where) and all(where)}
        return {"repeated": repeated, "written": written,
                "as stored": {key: [f"{written[key]} ({where})" for where in sections[key]] for key in repeated}}

    def _figures(self, row: Row, number: int, table: _Table, table_unit: Decimal, *, report: bool = True) -> dict[str, Decimal]:
        figures: dict[str, Decimal] = {}
        for meaning, index in table.columns.items():
            if meaning not in MEASURES:
                continue
            value = cell_value(row, index)
            try:
                amount = parse_amount(value, table.units.get(index) or table_unit)
            except ValueProblem as problem:
                if report:
                    self.error(cell_ref(index, number), str(problem))
                continue
            if amount is not None:
                figures[meaning] = amount
        return figures

    def _line(self, name: str, row: Row, number: int, table: _Table, figures: dict[str, Decimal], period: Period,
              section_directorate: str | None, table_unit: Decimal) -> MonitoringRow | None:
        columns = table.columns
        cell = cell_ref(columns["budget"], number)
        budget = figures.get("budget")
        if budget is None:
            self.error(cell, f'"{name}" has no budget: expected its budget in this cell (0 or - for none)')
            return None
        forecast, variance = figures.get("forecast"), figures.get("variance")
        if forecast is None and variance is None:
            where = cell_ref(columns.get("forecast", columns.get("variance", 0)), number)
            self.error(where, f'"{name}" has neither a forecast outturn nor a variance: expected one of them')
            return None
        if forecast is not None and variance is not None and variance != forecast - budget:
            ref = cell_ref(columns["variance"], number)
            unit = table.units.get(columns["variance"]) or table_unit
            message = (f'the variance is {format_pounds(variance)} but the forecast outturn less the budget is '
                       f"{format_pounds(forecast - budget)} ({cell_ref(columns['forecast'], number)} - {cell}): expected the two to agree")
            if abs(variance - (forecast - budget)) <= unit:
                self.warning(ref, message + "; the difference is within the table's rounding, so the variance is stored as printed")
            else:
                self.error(ref, message)
                return None
        if "movement" in figures and variance is not None and figures.get("previous_variance") is not None:
            if figures["movement"] != variance - figures["previous_variance"]:
                self.warning(cell_ref(columns["movement"], number), (
                    f"the movement is {format_pounds(figures['movement'])} but the variance less the previous variance is "
                    f"{format_pounds(variance - figures['previous_variance'])}: check the figures"))
        written_directorate = cell_text(row, columns.get("directorate"))
        directorate = self._directorate(row, columns, name)
        if directorate is None and not written_directorate and section_directorate:
            directorate = section_directorate
        texts = {meaning: cell_text(row, columns.get(meaning)) for meaning in TEXTS}
        return MonitoringRow(
            service=name, directorate=directorate, period=period, budget=budget,
            forecast=forecast if forecast is not None else budget + variance,  # type: ignore[operator]
            variance=variance if variance is not None else forecast - budget,  # type: ignore[operator]
            cell=cell, forecast_stated=forecast is not None, budget_basis=table.headings.get(columns["budget"]),
            profiled_budget=figures.get("profiled_budget"), actual_to_date=figures.get("actual_to_date"),
            previous_variance=figures.get("previous_variance"), gross_expenditure=figures.get("gross_expenditure"),
            income=figures.get("income"), management_action=texts["management_action"], commentary=texts["commentary"],
        )

    @staticmethod
    def _line_measures(line: MonitoringRow, figures: dict[str, Decimal]) -> dict[str, Decimal]:
        """A line's figures as its totals add them up: as printed, with the forecast or variance worked out when not."""
        return {**figures, "forecast": line.forecast, "variance": line.variance}
