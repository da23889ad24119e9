"""Reading a risk register (a "Risk register" sheet, or a "Risks" sheet whose columns are a register's: likelihood,
impact, rating, owner, reference): one row per risk as at the register's month, each with its current and target
likelihood and impact on the council's scale (risk_scale.py). A Risks sheet of budget risks in words is still read as
before (text.py).

"Risk assessment in progress" and blanks are no rating, never zero; a printed rating is checked against likelihood x
impact; a word that disagrees with its printed number is a warning (the number is taken, as printed).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from data_layer.periods import MONTH, Period, month, parse_kpi_period
from data_layer.returns.columns import REGISTER_MARKERS
from data_layer.returns.in_year import period_in_text
from data_layer.returns.parsed import RiskRow, reference_key
from data_layer.returns.sheet import Row, cell_ref, cell_text, cell_value
from data_layer.returns.text import TextSheetReader
from data_layer.risk_scale import DEFAULT_SCALE, NOT_ASSESSED, RiskScale, ScaleProblem, score

_SCORES = (("current_likelihood", "likelihood", "current"), ("current_impact", "impact", "current"),
           ("target_likelihood", "likelihood", "target"), ("target_impact", "impact", "target"))
_TEXTS = ("owner", "cause", "event", "consequence", "controls", "review")


def register_date(value: object) -> Period | None:
    """A register's month from a cell: a date, 'December 2012', 'Dec 2012'."""
    if isinstance(value, (datetime, date)):
        return month(value.year, value.month)
    text = "" if value is None else " ".join(str(value).split())
    if not text:
        return None
    period = parse_kpi_period(text) or period_in_text(text)
    return period if period is not None and period.kind == MONTH else None


def _note(value: str) -> str | None:
    """What a register says instead of a score, kept to show beside 'no rating': words, not a dash or N/A."""
    text = " ".join(value.replace("*", " ").split())
    return None if text.casefold() in ("-", "–", "n/a", "na") else text


def title_month(texts: list[str]) -> Period | None:
    """The month title rows give: the one a title says the sheet is 'as at', else the first month named."""
    first = None
    for text in texts:
        found = register_date(text)
        if found is not None and "as at" in text.casefold():
            return found
        first = first or found
    return first


class RisksSheetReader(TextSheetReader):
    """A Risks sheet: budget risks in words (TextSheetReader) unless its columns are a register's."""

    scale: RiskScale = DEFAULT_SCALE

    def read_body(self, header: dict[str, int], header_row: Row, header_number: int, body: list[tuple[int, Row]]) -> None:
        if self.kind == "Risk register" or REGISTER_MARKERS & set(header):
            self._read_register(header, header_number, body)
            return
        if "commentary" not in header:
            self.error(f"A{header_number}", "the header has no 'Budget Risk' column: expected 'Budget Risk' (the budget risk in words), "
                       "or a register's columns ('Risk ref', 'Risk title', 'Current likelihood', 'Current impact')")
            return
        super().read_body(header, header_row, header_number, body)

    def _read_register(self, header: dict[str, int], header_number: int, body: list[tuple[int, Row]]) -> None:
        title_column = header.get("title", header.get("commentary") if "title" not in header else None)
        if title_column is None and "reference" not in header:
            self.error(f"A{header_number}", "the register has no 'Risk title' or 'Risk ref' column: expected 'Risk ref' and "
                       "'Risk title', with 'Current likelihood' and 'Current impact'")
            return
        if (("current_likelihood" in header) != ("current_impact" in header)
                or ("target_likelihood" in header) != ("target_impact" in header)):
            self.error(f"A{header_number}", "the register has a likelihood column without its impact column (or the other way): "
                       "expected both, as a rating is likelihood x impact")
            return
        title_period = title_month(self.title_texts)
        if title_period is None and "as_at" not in header:  # said once for the sheet, not once for every risk
            self.error(f"A{header_number}", "no register date: put the register's month in a title row (e.g. December 2012) or a "
                       "'Register date' column, so a later register can show which risks are coming down")
            return
        seen: dict[tuple[str, str], str] = {}
        for number, row in body:
            reference = cell_text(row, header.get("reference"))
            title = cell_text(row, title_column)
            if not reference and not title:
                continue
            cell = cell_ref(header.get("reference", title_column or 0), number)
            period = self._register_period(row, header, number, title_period)
            if period is None:
                continue
            reference = reference or title or ""
            key = (reference_key(reference), period.label)
            if key in seen:
                self.error(cell, f'the risk "{reference}" is listed twice in the {period.label} register (first at {seen[key]}): '
                           "expected each risk once; give the second its own reference")
                continue
            seen[key] = cell
            scores, note = self._scores(row, header, number)
            if scores is None:
                continue
            service = cell_text(row, header.get("service"))
            texts = {name: cell_text(row, header.get(name)) for name in _TEXTS}
            commentary_column = header.get("register_commentary", header.get("commentary") if "title" in header else None)
            risk = RiskRow(reference=reference, title=title or reference, service=service,
                           directorate=self._directorate(row, header, service), period=period, cell=cell,
                           assessment_note=note, commentary=cell_text(row, commentary_column), sheet=self.name, **texts, **scores)  # type: ignore[arg-type]
            if self._rating_checked(row, header, number, risk):
                self.parsed.risk_register.append(risk)

    def _register_period(self, row: Row, header: dict[str, int], number: int, title_period: Period | None) -> Period | None:
        written = cell_value(row, header.get("as_at"))
        if written is not None:
            period = register_date(written)
            if period is None:
                self.error(cell_ref(header["as_at"], number), f'"{cell_text(row, header["as_at"])}" is not a month: expected the '
                           "register's month, e.g. December 2012")
            return period
        if title_period is None:
            self.error(f"A{number}", "no register date: put the register's month in a title row (e.g. December 2012) or a "
                       "'Register date' column, so a later register can show which risks are coming down")
        return title_period

    def _scores(self, row: Row, header: dict[str, int], number: int) -> tuple[dict[str, int | None] | None, str | None]:
        scores: dict[str, int | None] = {}
        note = None
        ok = True
        for meaning, what, when in _SCORES:
            value = cell_value(row, header.get(meaning))
            if isinstance(value, str) and NOT_ASSESSED.match(" ".join(value.split())):
                note = note or _note(value)
            try:
                found, warning = score(value, what, self.scale)
            except ScaleProblem as problem:
                self.error(cell_ref(header[meaning], number), f"{when} {problem}".replace(f"{when} the {what}", f"the {when} {what}"))
                ok = False
                continue
            if warning:
                self.warning(cell_ref(header[meaning], number), warning)
            scores[meaning] = found
        for rating in ("current_rating", "target_rating"):
            value = cell_value(row, header.get(rating))
            if isinstance(value, str) and NOT_ASSESSED.match(" ".join(value.split())):
                note = note or _note(value)
        for when in ("current", "target"):
            likelihood, impact = scores.get(f"{when}_likelihood"), scores.get(f"{when}_impact")
            if ok and (likelihood is None) != (impact is None):
                given = "likelihood" if likelihood is not None else "impact"
                self.error(f"A{number}", f"the {when} {given} is given without the {when} "
                           f"{'impact' if given == 'likelihood' else 'likelihood'}: expected both (the rating is likelihood x impact), "
                           "or neither with 'Risk assessment in progress'")
                ok = False
        return (scores if ok else None), note

    def _rating_checked(self, row: Row, header: dict[str, int], number: int, risk: RiskRow) -> bool:
        """A printed rating must be likelihood x impact; one printed without them cannot be placed on the grid."""
        for when in ("current", "target"):
            column = header.get(f"{when}_rating")
            value = cell_value(row, column)
            if value is None or column is None or (isinstance(value, str) and NOT_ASSESSED.match(" ".join(value.split()))):
                continue
            ref = cell_ref(column, number)
            try:  # 9, 9.0 (a number cell, or a formula's result) and "9" are all 9
                written = None if isinstance(value, bool) else Decimal(str(value).strip())
            except InvalidOperation:
                written = None
            if written is None or not written.is_finite():
                self.error(ref, f'the {when} rating "{cell_text(row, column)}" is not a number: expected likelihood x impact, e.g. 9')
                return False
            if written != written.to_integral_value():
                self.error(ref, f"the {when} rating {cell_text(row, column)} is not a whole number: expected likelihood x impact, e.g. 9")
                return False
            printed = int(written)
            computed = risk.current_rating if when == "current" else risk.target_rating
            if computed is None:
                self.error(ref, f"the {when} rating {printed} is given without its likelihood and impact: expected the {when} likelihood "
                           "and impact it is made of, so the risk can be placed on the grid")
                return False
            if computed != printed:
                likelihood = risk.current_likelihood if when == "current" else risk.target_likelihood
                impact = risk.current_impact if when == "current" else risk.target_impact
                self.error(ref, f"the {when} rating {printed} is not likelihood {likelihood} x impact {impact} = {computed}: "
                           "expected them to agree; correct the rating, the likelihood or the impact")
                return False
        return True
