"""Reading a Staff sheet: full-time equivalents per service and year."""

from __future__ import annotations

from decimal import Decimal

from data_layer.returns.parsed import FteRow
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text, cell_value
from data_layer.values import ValueProblem, cell_display, parse_amount


class StaffSheetReader(SheetReader):
    FIGURES = ("fte",)

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        for number, row in body:
            service = cell_text(row, header["service"])
            value = cell_value(row, header["fte"])
            if not service:
                self.error(cell_ref(header["service"], number), "the service name is blank: expected a service name")
                continue
            try:
                fte = parse_amount(value, Decimal(1))
            except ValueProblem:
                self.error(cell_ref(header["fte"], number), f'"{cell_display(value)}" is not a number of staff: expected FTEs such as 12.5')
                continue
            if fte is None:
                continue
            year = self._row_year(row, header, number)
            if year:
                self.parsed.staff.append(FteRow(service, self._directorate(row, header, service), year, fte, cell_ref(header["fte"], number)))
