"""Reading the KPI sheet: one row per indicator per period, its target and actual as written, and the
optional columns (polarity, unit, tolerance, commentary, override). Rules: returns-spec section 3.
"""

from __future__ import annotations

from functools import lru_cache

from data_layer.periods import parse_kpi_period
from data_layer.returns.columns import OVERRIDE_BANDS
from data_layer.returns.parsed import KpiRow
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text, cell_value, number_format
from data_layer.values import (
    TEXT,
    Measure,
    ValueProblem,
    cell_display,
    commentary_text,
    is_for_information,
    name_key,
    parse_cumulative,
    parse_frequency,
    parse_measure,
    parse_polarity,
    parse_tolerance,
)

# A national return repeats its targets, placeholders and periods thousands of times.
_parse_measure = lru_cache(maxsize=65536)(parse_measure)
_parse_kpi_period = lru_cache(maxsize=4096)(parse_kpi_period)


class KpiSheetReader(SheetReader):
    FIGURES = ("target", "actual", "tolerance", "override")

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        self._read_kpis(header, body)

    def _read_kpis(self, header: dict[str, int], body: list[tuple[int, Row]]) -> None:
        seen: dict[tuple[str, str, str], int] = {}
        for number, row in body:
            code = cell_text(row, header.get("code"))
            name = cell_text(row, header.get("indicator")) or code
            service = cell_text(row, header.get("service"))
            def ref(column: str, number: int = number) -> str:
                return cell_ref(header[column], number)

            if not name:
                self.error(ref("indicator"), "the indicator name is blank: expected the indicator's name or code")
                continue
            if not service:
                self.error(ref("service"), f'"{name}" has no service: expected the service it belongs to')
                continue
            period_value = cell_value(row, header["period"])
            period = _parse_kpi_period(period_value)
            if period is None:
                shown = cell_display(period_value)
                self.error(ref("period"), (f'"{shown}" is not a period' if shown else "the period is blank")
                           + ": expected a financial year (2012/13), a quarter (Q2 2012/13) or a month (Aug 2012)")
                continue
            key = (name_key(service), (code or name_key(name)).casefold(), period.label)
            if key in seen:
                self.error(ref("indicator"), f'"{name}" for {period.label} appears twice (also row {seen[key]}): expected one row per indicator per period')
                continue
            seen[key] = number
            target = self._measure(row, header["target"], number)
            actual = self._measure(row, header["actual"], number)
            if target is None or actual is None:
                continue
            if actual.kind == TEXT:
                self.warning(ref("actual"), f'"{actual.text}" is not a number or Yes/No; it is shown as No data')
            polarity = tolerance = None
            try:
                polarity = parse_polarity(cell_value(row, header.get("polarity")))
            except ValueProblem as problem:
                self.error(ref("polarity"), str(problem))
            if "tolerance" in header:
                try:
                    index = header["tolerance"]
                    tolerance = parse_tolerance(cell_value(row, index), number_format(row, index))
                except ValueProblem as problem:
                    self.error(ref("tolerance"), str(problem))
            override = None
            written_override = cell_text(row, header.get("override"))
            reason = cell_text(row, header.get("override_reason"))
            if written_override:
                override = OVERRIDE_BANDS.get(written_override.casefold())
                if override is None:
                    self.error(ref("override"), f'"{written_override}" is not a band: expected Green, Amber or Red')
                elif not reason:
                    where = ref("override_reason") if "override_reason" in header else ref("override")
                    self.error(where, f"the override {override} has no reason: expected an 'Override reason' saying why")
            frequency = cumulative = None
            try:
                frequency, cumulative = parse_frequency(cell_value(row, header.get("frequency")))
                stated = parse_cumulative(cell_value(row, header.get("cumulative")))
                cumulative = stated if stated is not None else cumulative
            except ValueProblem as problem:
                self.error(ref("frequency" if "frequency" in header and "not a frequency" in str(problem) else "cumulative"), str(problem))
            written_type = cell_text(row, header.get("type"))
            for_information = True if is_for_information(written_type) or is_for_information(target.text) else (
                False if written_type else None)
            self.parsed.kpis.append(KpiRow(
                code=code, name=name, service=service, directorate=self._directorate(row, header, service),
                period=period, target=target, actual=actual, cell=ref("indicator"), polarity=polarity,
                tolerance=tolerance, unit=cell_text(row, header.get("unit")),
                commentary=commentary_text(cell_text(row, header.get("commentary"))),
                override=override, override_reason=reason if override else None,
                frequency=frequency, cumulative=cumulative, for_information=for_information,
            ))

    def _measure(self, row: Row, index: int, number: int) -> Measure | None:
        value = cell_value(row, index)
        try:
            return _parse_measure(value, number_format(row, index))
        except ValueProblem as problem:
            self.error(cell_ref(index, number), str(problem))
            return None

