"""A return as read: its rows (services, money, indicator values, FTEs, texts), printed totals, and every
problem found. Plain data; the sheet readers fill it, the loader stores it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from data_layer.periods import Period
from data_layer.values import Measure, name_key


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a return, where it is, and what is expected."""

    sheet: str
    cell: str
    message: str

    @property
    def problem(self) -> str:
        """What is wrong (the message before ': expected')."""
        return self.message.split(": expected ", 1)[0]

    @property
    def expected(self) -> str:
        """What is expected instead, where the message says."""
        parts = self.message.split(": expected ", 1)
        return parts[1] if len(parts) == 2 else ""

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}: {self.message}"
        if self.sheet:
            return f"{self.sheet}: {self.message}"
        return self.message


@dataclass
class ServiceRow:
    name: str
    cell: str
    directorate: str | None = None
    aliases: list[str] = field(default_factory=list)
    committees: list[tuple[str, str | None]] = field(default_factory=list)
    notes: str | None = None


@dataclass
class MoneyRow:
    """One amount of a Budget or Savings row, in pounds, for one period."""

    service: str
    directorate: str | None
    period: Period
    amount: Decimal
    text: str
    cell: str
    description: str | None = None
    status: str | None = None


@dataclass
class TotalCheck:
    """A printed TOTAL cell and what the rows it covers add up to."""

    sheet: str
    cell: str
    label: str
    period: str
    printed: Decimal
    computed: Decimal
    covered: list[str] = field(default_factory=list)  # the service names (as written) it covers
    kind: str = "Savings"  # which kind of sheet: Budget or Savings

    @property
    def matches(self) -> bool:
        return self.printed == self.computed


@dataclass
class KpiRow:
    code: str | None
    name: str
    service: str
    directorate: str | None
    period: Period
    target: Measure
    actual: Measure
    cell: str
    polarity: str | None = None
    tolerance: Decimal | None = None
    unit: str | None = None
    commentary: str | None = None
    override: str | None = None
    override_reason: str | None = None
    frequency: str | None = None  # monthly | quarterly | annual ... as the Frequency column says
    cumulative: bool | None = None  # year to date, as the Cumulative or Frequency column says
    for_information: bool | None = None  # data only / for information, as the Type column or the target says


@dataclass
class FteRow:
    service: str
    directorate: str | None
    year: str
    fte: Decimal
    cell: str


@dataclass
class TextRow:
    """A key objective (per service) or a budget risk (per directorate, or service)."""

    service: str | None
    directorate: str | None
    year: str
    text: str
    cell: str
    heading: str | None = None


@dataclass
class MonitoringRow:
    """One service's (or cost centre's) line of an in-year revenue monitoring return, in pounds, for one reporting period.

    The forecast outturn and the variance are both always set: one given, the other worked out from the budget
    (`forecast_stated` says whether the forecast was written in the return)."""

    service: str
    directorate: str | None
    period: Period
    budget: Decimal
    forecast: Decimal
    variance: Decimal  # forecast - budget: positive is an overspend (or an income shortfall)
    cell: str
    forecast_stated: bool = True
    budget_basis: str | None = None  # the heading the budget was read from: "Working Estimate 2009/10 £"
    profiled_budget: Decimal | None = None
    actual_to_date: Decimal | None = None
    previous_variance: Decimal | None = None
    gross_expenditure: Decimal | None = None
    income: Decimal | None = None
    management_action: str | None = None
    commentary: str | None = None


@dataclass
class CapitalRow:
    """One scheme of a capital programme return, in pounds, for one reporting period."""

    scheme: str
    service: str | None
    directorate: str | None
    period: Period
    cell: str
    total_budget: Decimal | None = None
    budget_year: Decimal | None = None
    spend_to_date: Decimal | None = None
    forecast_year: Decimal | None = None
    forecast_total: Decimal | None = None
    slippage: Decimal | None = None
    officer_rag: str | None = None
    rag_reason: str | None = None


def reference_key(reference: str) -> str:
    """A risk's or action's reference as a key: case and spaces ignored, a trailing full stop dropped ('1.' is '1'),
    other punctuation kept ('1.1' is not '11')."""
    return " ".join(reference.casefold().split()).rstrip(".")


@dataclass
class RiskRow:
    """One risk of a register as at its date: current and target likelihood and impact (scores on the council's scale;
    None for no assessment), and the words around them."""

    reference: str
    title: str
    service: str | None
    directorate: str | None
    period: Period  # the register's month
    cell: str
    owner: str | None = None
    cause: str | None = None
    event: str | None = None
    consequence: str | None = None
    current_likelihood: int | None = None
    current_impact: int | None = None
    target_likelihood: int | None = None
    target_impact: int | None = None
    controls: str | None = None
    review: str | None = None  # the review date as written
    assessment_note: str | None = None  # 'Risk assessment in progress', where the register says so
    commentary: str | None = None
    sheet: str = "Risk register"  # the sheet it was read from, as the workbook names it

    @property
    def current_rating(self) -> int | None:
        return self.current_likelihood * self.current_impact if self.current_likelihood and self.current_impact else None

    @property
    def target_rating(self) -> int | None:
        return self.target_likelihood * self.target_impact if self.target_likelihood and self.target_impact else None


@dataclass
class ActionRow:
    """One action or milestone of a plan as at the plan's date: when it is due (the text kept beside the day it means),
    the officer's status and percent complete."""

    action: str
    reference: str | None
    service: str | None
    directorate: str | None
    as_at: Period  # the month the plan reports at
    cell: str
    owner: str | None = None
    link: str | None = None  # the objective or indicator it serves
    due_text: str = ""
    due_date: date | None = None
    due_kind: str = "none"
    status: str | None = None
    percent_complete: Decimal | None = None
    commentary: str | None = None
    as_at_assumed: bool = False  # True: the plan gave no date, and the load's day was taken
    sheet: str = "Actions"  # the sheet it was read from, as the workbook names it

    @property
    def key(self) -> str:
        return reference_key(self.reference) if self.reference else name_key(self.action)[:300]


@dataclass
class ParsedReturn:
    file_name: str
    content_hash: str
    council_name: str | None = None
    services: list[ServiceRow] = field(default_factory=list)
    budget: list[MoneyRow] = field(default_factory=list)
    savings: list[MoneyRow] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    staff: list[FteRow] = field(default_factory=list)
    objectives: list[TextRow] = field(default_factory=list)
    risks: list[TextRow] = field(default_factory=list)
    monitoring: list[MonitoringRow] = field(default_factory=list)
    capital: list[CapitalRow] = field(default_factory=list)
    risk_register: list[RiskRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    totals: list[TotalCheck] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    sheets_ignored: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "services": len(self.services),
            "budget lines": len(self.budget),
            "savings lines": len(self.savings),
            "indicator values": len(self.kpis),
            "staff FTEs": len(self.staff),
            "key objectives": len(self.objectives),
            "budget risks": len(self.risks),
            # The in-year sheets are counted only when a return has them, so other returns' history reads as before.
            **({"monitoring lines": len(self.monitoring)} if self.monitoring else {}),
            **({"capital schemes": len(self.capital)} if self.capital else {}),
            **({"registered risks": len(self.risk_register)} if self.risk_register else {}),
            **({"actions": len(self.actions)} if self.actions else {}),
        }

    def service_names(self) -> list[str]:
        """Every service name the return mentions, in order of first appearance."""
        seen: dict[str, str] = {}
        rows: Iterable[object] = [*self.services, *self.budget, *self.savings, *self.kpis, *self.staff, *self.objectives, *self.risks,
                                  *self.monitoring, *self.capital, *self.risk_register, *self.actions]
        for row in rows:
            name = row.name if isinstance(row, ServiceRow) else getattr(row, "service", None)
            if name:
                seen.setdefault(name_key(name), name)
        return list(seen.values())
