"""Reading an Actions sheet (also "Action plan", "Milestones", "Improvement plan"): one row per action or milestone as at
the plan's month, with its owner, when it is due (due_dates.py: a date, a month, a quarter such as "11/12: Q4", a
year, or TBC), the officer's status and percent complete. Whether it is overdue is worked out later, never read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from data_layer.due_dates import DueProblem, parse_due
from data_layer.periods import Period, month
from data_layer.returns.columns import ACTION_STATUSES
from data_layer.returns.parsed import ActionRow
from data_layer.returns.risk_register import register_date, title_month
from data_layer.returns.sheet import Row, SheetReader, cell_ref, cell_text, cell_value, number_format

STATUS_WORDS = "not started, on track, at risk, complete, late or cancelled"
_READ_AS_ON_TRACK = {"in progress", "ongoing", "on-going", "started", "underway", "under way"}


class ActionsSheetReader(SheetReader):
    today: date | None = None  # the day a plan with no date of its own is taken as at (the load's day)

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        if "due" not in header:
            self.error(f"A{header_number}", "the header has no 'Due' column: expected 'Action' and 'Due' (a date, a month, a quarter "
                       "such as 11/12: Q4, or TBC), with 'Owner' and 'Status' where the plan has them")
            return
        as_at, assumed = self._plan_date(body, header)
        year = self._title_year()
        seen: dict[tuple[str | None, str], str] = {}
        for number, row in body:
            action = cell_text(row, header["action"])
            if not action:
                continue
            cell = cell_ref(header["action"], number)
            row_as_at = as_at
            if (written := cell_value(row, header.get("as_at"))) is not None:
                row_as_at = register_date(written)
                if row_as_at is None:
                    self.error(cell_ref(header["as_at"], number), f'"{cell_text(row, header["as_at"])}" is not a month: expected the '
                               "month the plan reports at, e.g. Sep 2012")
                    continue
            if row_as_at is None:
                continue
            row_year = cell_text(row, header.get("year")) or year
            try:
                due = parse_due(cell_value(row, header["due"]), year=row_year)
            except DueProblem as problem:
                self.error(cell_ref(header["due"], number), str(problem))
                continue
            status = self._status(row, header, number)
            if status is False:
                continue
            percent = self._percent(row, header, number)
            if percent is False:
                continue
            service = cell_text(row, header.get("service"))
            parsed = ActionRow(action=action, reference=cell_text(row, header.get("reference")), service=service,
                               directorate=self._directorate(row, header, service), as_at=row_as_at, cell=cell,
                               owner=cell_text(row, header.get("owner")), link=cell_text(row, header.get("link")),
                               due_text=due.text, due_date=due.day, due_kind=due.kind, status=status,  # type: ignore[arg-type]
                               percent_complete=percent, commentary=cell_text(row, header.get("commentary")),  # type: ignore[arg-type]
                               as_at_assumed=assumed and written is None, sheet=self.name)
            scope = (parsed.service or parsed.directorate or "").casefold() or None
            if (scope, parsed.key) in seen:
                self.error(cell, f'the action "{action[:60]}" is listed twice (first at {seen[(scope, parsed.key)]}): expected each once; '
                           "give each its own Ref")
                continue
            seen[(scope, parsed.key)] = cell
            self.parsed.actions.append(parsed)

    def _plan_date(self, body: list[tuple[int, Row]], header: dict[str, int]) -> tuple[Period | None, bool]:
        found = title_month(self.title_texts)
        if found is not None:
            return found, False
        if "as_at" in header and all(cell_value(row, header["as_at"]) is not None for _, row in body if cell_text(row, header["action"])):
            return None, False  # each row says
        today = self.today or date.today()
        self.warning("", f"the plan gives no date it reports at: overdue is counted from the day it was loaded ({today:%d %b %Y}), "
                     "labelled assumed; put e.g. 'As at September 2012' in a title row, or an 'As at' column")
        return month(today.year, today.month), True

    def _status(self, row: Row, header: dict[str, int], number: int) -> str | None | bool:
        written = cell_text(row, header.get("status"))
        if not written:
            return None
        key = " ".join(written.casefold().replace("-", " ").split()).strip(" .")
        if key in ACTION_STATUSES:
            return ACTION_STATUSES[key]
        if key in _READ_AS_ON_TRACK:
            self.warning(cell_ref(header["status"], number), f'the status "{written}" was read as on track: write on track or at risk '
                         "to say which")
            return "on track"
        self.error(cell_ref(header["status"], number), f'the status "{written}" is not one Sightline knows: expected {STATUS_WORDS}')
        return False

    def _percent(self, row: Row, header: dict[str, int], number: int) -> Decimal | None | bool:
        index = header.get("percent_complete")
        value = cell_value(row, index)
        if value is None or index is None:
            return None
        ref = cell_ref(index, number)
        try:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                amount = Decimal(str(value))
                if "%" in number_format(row, index):
                    amount *= 100
                elif 0 < amount < 1:
                    self.warning(ref, f"the percent complete {cell_text(row, index)} was read as {amount}%: if it means "
                                 f"{(amount * 100).normalize():f}%, format the cell as a percentage or write {(amount * 100).normalize():f}%")
            else:
                text = str(value).strip().rstrip("%").strip()
                amount = Decimal(text)
        except (InvalidOperation, ValueError):
            self.error(ref, f'the percent complete "{cell_text(row, index)}" is not a number: expected 0% to 100%')
            return False
        if not 0 <= amount <= 100:
            # as the officer sees it: a cell formatted as a percentage holds 1.2 and shows 120%
            self.error(ref, f"the percent complete {amount.normalize():f}% is outside 0% to 100%: expected 0% to 100%")
            return False
        return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
