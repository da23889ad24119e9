"""Reading a Services sheet: each service's directorate, its other names, the committees reviewing it, notes."""

from __future__ import annotations

import re

from data_layer.returns.parsed import ServiceRow
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text
from data_layer.values import name_key


class ServicesSheetReader(SheetReader):
    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        seen: dict[str, int] = {}
        for number, row in body:
            name = cell_text(row, header["service"])
            if not name:
                self.error(cell_ref(header["service"], number), "the service name is blank: expected a service name")
                continue
            if name_key(name) in seen:
                self.error(cell_ref(header["service"], number), f'"{name}" is listed twice (also row {seen[name_key(name)]}): expected one row per service')
                continue
            seen[name_key(name)] = number
            directorate = cell_text(row, header.get("directorate"))
            if directorate:
                self.directorates[name_key(name)] = directorate
            aliases = [a.strip() for a in (cell_text(row, header.get("aliases")) or "").split(";") if a.strip()]
            committees = []
            for part in (cell_text(row, header.get("committees")) or "").split(";"):
                match = re.match(r"^\s*(.*?)\s*(?:\((.*)\))?\s*$", part)
                if match and match.group(1):
                    committees.append((match.group(1), (match.group(2) or "").strip() or None))
            self.parsed.services.append(ServiceRow(
                name=name, cell=cell_ref(header["service"], number), directorate=directorate,
                aliases=aliases, committees=committees, notes=cell_text(row, header.get("notes")),
            ))
