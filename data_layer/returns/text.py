"""Reading the text sheets: Objectives (a service's key objectives) and Risks (budget risks, as commentary per
service or directorate), each for a year from a Year column or a title row."""

from __future__ import annotations

from data_layer.returns.parsed import TextRow
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text


class TextSheetReader(SheetReader):
    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        column = "objective" if self.kind == "Objectives" else "commentary"
        target = self.parsed.objectives if self.kind == "Objectives" else self.parsed.risks
        for number, row in body:
            text = cell_text(row, header[column])
            service = cell_text(row, header.get("service"))
            if not text:
                continue
            if self.kind == "Objectives" and not service:
                self.error(cell_ref(header["service"], number), "the service name is blank: expected the service this objective belongs to")
                continue
            directorate = self._directorate(row, header, service)
            if self.kind == "Risks" and not service and not directorate:
                self.error(f"A{number}", "the risk has neither a service nor a directorate: expected one of them")
                continue
            year = self._row_year(row, header, number)
            if year:
                target.append(TextRow(service, directorate, year, text, cell_ref(header[column], number), cell_text(row, header.get("heading"))))
