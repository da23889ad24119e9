"""Reading a Budget or Savings sheet: one row per service, one column per period, in the table's unit, with
every printed total checked against the rows it covers. Rules: returns-spec section 2 and the README.
"""

from __future__ import annotations

import re
from decimal import Decimal

from data_layer.periods import Period, find_year_period
from data_layer.returns.columns import SAVINGS_STATUSES, header_text
from data_layer.returns.parsed import MoneyRow, TotalCheck
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text, cell_value
from data_layer.values import DEFAULT_UNIT, POUNDS, ValueProblem, cell_display, find_unit, format_pounds, name_key, parse_amount


class MoneySheetReader(SheetReader):
    def _figure_columns(self, header: dict[str, int], header_row: Row) -> set[int]:
        return {index for index, cell in enumerate(header_row)
                if index not in header.values() and cell.value is not None and find_year_period(cell_display(cell.value))}

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        self._read_money(header, header_row, header_number, body)

    def _read_money(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        stated = None
        for text in self.title_texts:
            stated = find_unit(text) or stated
        periods = self._period_columns(header, header_row, header_number)
        table_unit = stated or self._unit_from_amounts(header, periods, body)
        target = self.parsed.budget if self.kind == "Budget" else self.parsed.savings
        seen: dict[tuple[str, str], str] = {}
        # Service rows since the last total or header, since the table's header, and in the whole sheet,
        # each as (directorate key, service name, {period label: amount}).
        since_total: list[_Line] = []
        table: list[_Line] = []
        all_rows: list[_Line] = []
        totals_in_table = 0
        for number, row in body:
            label = cell_text(row, header["service"])
            if label and header_text(label) in ("service", "service name"):
                header = self._columns(row)  # a second table with its own header
                periods = self._period_columns(header, row, number)
                since_total, table, totals_in_table = [], [], 0
                continue
            if label and MEMO_ROW.search(label):
                if self._amounts(row, number, periods, table_unit):
                    self.warning(cell_ref(header["service"], number), (
                        f'"{label}" is a comparison or memorandum row, not a service, so it is not stored and no total covers it'))
                continue
            if label and "total" in label.casefold():
                amounts = self._amounts(row, number, periods, table_unit)
                self._check_total(label, amounts, since_total, table if totals_in_table else None, all_rows)
                since_total = []
                totals_in_table += 1
                continue
            amounts = self._amounts(row, number, periods, table_unit)
            if not label:
                if amounts:
                    self.error(cell_ref(header["service"], number), "amounts without a service name: expected the service in this cell")
                continue
            directorate = self._directorate(row, header, label)
            description = cell_text(row, header.get("description"))
            status = self._status(row, header, number)
            for period_label, (amount, text, cell, period) in amounts.items():
                key = (name_key(label), period_label)
                if key in seen:
                    self.error(cell, f'"{label}" has a second {period_label} amount in this sheet (first at {seen[key]}): expected one row per service')
                    continue
                seen[key] = cell
                target.append(MoneyRow(label, directorate, period, amount, text, cell, description, status))
            row_amounts = {p: a for p, (a, *_rest) in amounts.items()}
            entry = (name_key(directorate) if directorate else None, label, row_amounts)
            since_total.append(entry)
            table.append(entry)
            all_rows.append(entry)

    def _period_columns(self, header: dict[str, int], header_row: Row, number: int, *, report: bool = True) -> dict[int, tuple[Period, Decimal | None]]:
        """The year columns of a header row, each with the unit its own heading states (None: the table's unit)."""
        periods: dict[int, tuple[Period, Decimal | None]] = {}
        used: dict[str, str] = {}
        for index, cell in enumerate(header_row):
            if index in header.values() or cell.value is None:
                continue
            text = cell_display(cell.value)
            period = find_year_period(text)
            if period is None:
                continue
            ref = cell_ref(index, number)
            if period.label in used:
                if report:
                    self.error(ref, f'"{text}" is the same period as {used[period.label]}: expected each year in one column')
                continue
            used[period.label] = ref
            periods[index] = (period, find_unit(text))
        if not periods and report:
            self.error(f"A{number}", "the header has no year columns: expected headings such as 2012/13, Budget 12/13 or 2008 - 10")
        return periods

    def _unit_from_amounts(self, header: dict[str, int], periods: dict[int, tuple[Period, Decimal | None]], body: list[tuple[int, Row]]) -> Decimal:
        """The unit of a table whose titles state none, for the year columns whose headings state none either.

        £000 by default (returns-spec section 2). Councils also print tables in whole pounds without saying
        so, and £000 would then make every figure a thousand times too large. So: when a service's amount,
        read in £000, would be £1bn or more, the amounts are pounds, read as such with a warning; when the
        amounts carry a £ sign (written "£45,000", or a £ cell format) but are smaller, pounds and £000 are
        equally likely, and the sheet is refused until the officer states the unit. Never a silent guess.
        """
        largest: tuple[Decimal, str, str] | None = None
        pound_sign: tuple[str, str] | None = None
        for number, row in body:
            label = cell_text(row, header["service"])
            if label and header_text(label) in ("service", "service name"):
                header = self._columns(row)
                periods = self._period_columns(header, row, number, report=False)
                continue
            if not label or MEMO_ROW.search(label) or "total" in label.casefold():
                continue
            for index, (_period, own_unit) in periods.items():
                value = cell_value(row, index)
                if own_unit is not None or value is None or (isinstance(value, str) and _MULTIPLIER.search(value)):
                    continue
                try:
                    amount = parse_amount(value, POUNDS)
                except ValueProblem:
                    continue  # reported when the row is read
                if amount is None:
                    continue
                written = cell_display(value)
                if largest is None or abs(amount) > abs(largest[0]):
                    largest = (amount, written, cell_ref(index, number))
                if pound_sign is None and ("£" in written or "£" in (row[index].number_format or "")):
                    pound_sign = (written if "£" in written else f"£{abs(amount):,}", cell_ref(index, number))
        if largest is not None and abs(largest[0]) >= IMPLAUSIBLE_IN_THOUSANDS:
            amount, written, ref = largest
            self.warning(ref, (f'no unit is stated, and in £000 (the default) "{written}" would be {format_pounds(amount * DEFAULT_UNIT)} '
                               "for one service, so the amounts are read as pounds (£); if they are £000, say so in a title or "
                               'heading (e.g. "£000") and load the file again'))
            return POUNDS
        if pound_sign is not None:
            written, ref = pound_sign
            self.error(ref, (f'the amounts are written in pounds ("{written}") but no unit is stated, so they could be pounds or £000: '
                             'expected the unit in a title or heading, e.g. "£" for pounds or "£000" for thousands'))
        return DEFAULT_UNIT

    def _amounts(self, row: Row, number: int, periods: dict[int, tuple[Period, Decimal | None]],
                 table_unit: Decimal) -> dict[str, tuple[Decimal, str, str, Period]]:
        amounts: dict[str, tuple[Decimal, str, str, Period]] = {}
        for index, (period, own_unit) in periods.items():
            value = cell_value(row, index)
            ref = cell_ref(index, number)
            try:
                amount = parse_amount(value, own_unit or table_unit)
            except ValueProblem as problem:
                self.error(ref, str(problem))
                continue
            if amount is not None:
                amounts[period.label] = (amount, cell_display(value), ref, period)
        return amounts

    def _status(self, row: Row, header: dict[str, int], number: int) -> str | None:
        written = cell_text(row, header.get("status"))
        if not written:
            return None
        status = SAVINGS_STATUSES.get(written.casefold())
        if status is None:
            self.error(cell_ref(header["status"], number), f'"{written}" is not a delivery status: expected delivered, on track, at risk or undeliverable')
        return status

    def _check_total(self, label: str, printed: dict[str, tuple[Decimal, str, str, Period]], since_total: list[_Line],
                     table: list[_Line] | None, all_rows: list[_Line]) -> None:
        """Check a printed total against the rows it covers.

        '<Directorate> Total' covers every row of that directorate in the sheet (so a total spanning two
        tables of one directorate checks); 'Grand total' covers the whole sheet; any other total covers the
        rows since the previous total or header. A total that follows other totals of its table (`table`,
        None for a table's first total) and does not add up to the rows since the previous one is read as
        a running or grand total: it covers every row of the table above it, the rows under its subtotals
        included (each once). It is checked against that when it agrees in every year it prints, so
        "Total: General Fund", the HRA's rows, then "Totals" checks without a false warning.
        """
        alternative: list[tuple[str, dict[str, Decimal]]] | None = None
        named = re.sub(r"(?i)\b(sub[\s\-]?)?totals?\b", "", label).strip(" :-–")
        known = {name_key(d) for d in self.directorates.values()} | {d for d, _, _ in all_rows if d}
        if named and name_key(named) in known:
            covered = [(service, amounts) for directorate, service, amounts in all_rows if directorate == name_key(named)]
        elif re.search(r"(?i)\b(grand|overall|council)\b", label):
            covered = [(service, amounts) for _, service, amounts in all_rows]
        else:
            covered = [(service, amounts) for _, service, amounts in since_total]
            if table is not None and not _adds_up(printed, covered):
                above = [(service, amounts) for _, service, amounts in table]
                if _adds_up(printed, above):
                    covered = above
                else:
                    alternative = above
        for period_label, (amount, _written, cell, _period) in printed.items():
            computed = _sum(covered, period_label)
            check = TotalCheck(self.name, cell, label, period_label, amount, computed,
                               [service for service, amounts in covered if amounts], self.kind)  # section headings hold none
            self.parsed.totals.append(check)
            if not check.matches:
                message = (f'the printed total "{label}" for {period_label} is {format_pounds(amount)} but the rows it covers '
                           f"add up to {format_pounds(computed)}")
                if alternative is not None:  # neither reading agrees: say both
                    message += (f" since the previous total, and to {format_pounds(_sum(alternative, period_label))} with every row above it "
                                "in the table")
                if self.strict:
                    self.error(cell, message + " (--strict makes this an error)")
                else:
                    self.warning(cell, message)


_Line = tuple[str | None, str, dict[str, Decimal]]  # (directorate key, service name, {period label: amount})
# A row that is not a service of the council this year: last year's total printed for comparison, a memorandum
# line, a note. Stored, such a row would be a service and double a total.
MEMO_ROW = re.compile(r"(?i)\b(comparison|comparative|comparator|memo|memorandum|memoranda|for information|last year|previous year|"
                      r"prior year)\b|^\s*(notes?|n\.?\s?b\.?)\b")
_MULTIPLIER = re.compile(r"(?i)\d\s*(k|m|mn|bn|thousand|million|billion)\b")
IMPLAUSIBLE_IN_THOUSANDS = Decimal(1_000_000)  # a service's amount written this large would be £1bn or more in £000


def _sum(covered: list[tuple[str, dict[str, Decimal]]], period_label: str) -> Decimal:
    return sum((amounts.get(period_label, Decimal(0)) for _, amounts in covered), Decimal(0))


def _adds_up(printed: dict[str, tuple[Decimal, str, str, Period]], covered: list[tuple[str, dict[str, Decimal]]]) -> bool:
    return all(amount == _sum(covered, period_label) for period_label, (amount, *_rest) in printed.items())
