"""The stored records: council > directorate > service, returns' facts and the load history.

Every record belongs to a council, so peer councils can be added later. Facts (budget
lines, savings lines, indicator values, FTEs, objectives, risks) are never deleted: a later
load marks them superseded, so history can show them and restore can bring them back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from data_layer.banding import DEFAULT_TOLERANCE, MOST_INDICATORS

UNASSIGNED = "Unassigned"


class ExactDecimal(TypeDecorator):
    """A Decimal stored without float drift on every database.

    PostgreSQL keeps it as NUMERIC. SQLite has no decimal type (its NUMERIC is a float),
    so there the canonical text of the Decimal is stored instead and read back exactly.
    """

    impl = sa.Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(64))
        return dialect.type_descriptor(sa.Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value)
        return format(value, "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value))


def _decimal_field(nullable: bool = True, default: Decimal | None = None) -> Any:
    return Field(default=default, sa_type=ExactDecimal, nullable=nullable)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Council(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    default_tolerance: Decimal = _decimal_field(nullable=False, default=DEFAULT_TOLERANCE)
    overall_rule: str = Field(default=MOST_INDICATORS, max_length=20)
    # In-year monitoring: when a forecast overspend is Amber or Red (monitoring_metrics.VarianceThresholds); None: the default.
    variance_amber_percent: Decimal | None = _decimal_field()
    variance_amber_amount: Decimal | None = _decimal_field()
    variance_red_percent: Decimal | None = _decimal_field()
    variance_red_amount: Decimal | None = _decimal_field()
    # Risk registers: the scale's words (lowest first, separated by ;) and where Medium and High start; None: the default
    # (risk_scale.DEFAULT_SCALE, the Kent register's 1-5 scales, Low 1-6, Medium 8-15, High 16-25).
    risk_likelihood_words: str | None = Field(default=None, max_length=1000)
    risk_impact_words: str | None = Field(default=None, max_length=1000)
    risk_medium_from: int | None = None
    risk_high_from: int | None = None


class Directorate(SQLModel, table=True):
    """A head of service, directorate or portfolio."""

    __table_args__ = (sa.UniqueConstraint("council_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)


class Service(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("council_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    directorate_id: int = Field(foreign_key="directorate.id", index=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    notes: str | None = Field(default=None, max_length=2000)


class ServiceAlias(SQLModel, table=True):
    """Another name a return uses for a service ('Revenues & Benefits' for 'Revenues')."""

    __table_args__ = (sa.UniqueConstraint("council_id", "alias_key"),)
    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    alias: str = Field(max_length=200)
    alias_key: str = Field(max_length=200)


class Committee(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("council_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    name: str = Field(max_length=200)


class ServiceCommittee(SQLModel, table=True):
    """A select committee that reviews a service, with what part of it where the paper says."""

    service_id: int = Field(foreign_key="service.id", primary_key=True)
    committee_id: int = Field(foreign_key="committee.id", primary_key=True)
    scope: str | None = Field(default=None, max_length=200)


class Load(SQLModel, table=True):
    """One stored return (or a restore), kept with its original file."""

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    file_name: str = Field(max_length=500)
    content_hash: str = Field(max_length=64, index=True)
    loaded_by: str = Field(max_length=200)
    loaded_at: datetime = Field(default_factory=utc_now)
    kind: str = Field(default="import", max_length=20)  # import | restore | settings | withdrawal
    counts_json: str = Field(default="{}", sa_type=sa.Text)
    warnings_json: str = Field(default="[]", sa_type=sa.Text)
    original_file: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    # Set when the load is withdrawn: the history entry that withdrew it (its values superseded, the earlier ones back).
    withdrawn_by_load_id: int | None = Field(default=None, foreign_key="load.id")


class _Fact(SQLModel):
    """Columns every stored fact shares: its council, the load that brought it, and whether
    a later load has superseded it."""

    council_id: int = Field(foreign_key="council.id", index=True)
    load_id: int = Field(foreign_key="load.id", index=True)
    superseded_by_load_id: int | None = Field(default=None, foreign_key="load.id", index=True)
    source_cell: str | None = Field(default=None, max_length=40)


class BudgetLine(_Fact, table=True):
    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    year: str = Field(max_length=20)  # '2012/13'
    year_end: date
    net_budget: Decimal = _decimal_field(nullable=False)  # pounds; negative for net income
    original_text: str = Field(max_length=200)


class SavingsLine(_Fact, table=True):
    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    period: str = Field(max_length=40)  # '2012/13' or a multi-year '2008/09-2009/10'
    period_end: date
    amount: Decimal = _decimal_field(nullable=False)  # pounds; negative for a reversed saving
    original_text: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    status: str | None = Field(default=None, max_length=40)


class Indicator(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("council_id", "service_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    code: str | None = Field(default=None, max_length=60, index=True)
    name: str = Field(max_length=500)
    name_key: str = Field(max_length=500)
    polarity: str | None = Field(default=None, max_length=10)  # set by the Polarity column or settings
    tolerance: Decimal | None = _decimal_field()  # percent; None means the council default
    unit: str | None = Field(default=None, max_length=60)


class IndicatorValue(_Fact, table=True):
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    period: str = Field(max_length=40)  # 'Aug 2012', 'Q2 2012/13', '2012/13'
    period_kind: str = Field(max_length=10)
    period_end: date
    financial_year: str = Field(max_length=10)
    # The texts are the source of truth (a percent-formatted 0.94 is kept as "94%");
    # the values are their numbers, for charts and queries.
    target_text: str = Field(default="", max_length=500)
    target_value: Decimal | None = _decimal_field()
    actual_text: str = Field(default="", max_length=500)
    actual_value: Decimal | None = _decimal_field()
    polarity: str | None = Field(default=None, max_length=10)  # as written in this row's Polarity column
    tolerance: Decimal | None = _decimal_field()
    commentary: str | None = Field(default=None, sa_type=sa.Text)
    override_band: str | None = Field(default=None, max_length=10)
    override_reason: str | None = Field(default=None, sa_type=sa.Text)
    # As the row's Frequency / Cumulative / Type columns say: None when the return does not say.
    frequency: str | None = Field(default=None, max_length=20)  # monthly | quarterly | annual
    cumulative: bool | None = None  # a year-to-date figure that fills up over the year
    for_information: bool | None = None  # "data only" / "for information": shown, never banded


class StaffFte(_Fact, table=True):
    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    year: str = Field(max_length=20)
    fte: Decimal = _decimal_field(nullable=False)


class KeyObjective(_Fact, table=True):
    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    year: str = Field(max_length=20)
    position: int = 0
    objective: str = Field(sa_type=sa.Text)


class BudgetRisk(_Fact, table=True):
    """Budget-risk commentary for a directorate, or for one service in it."""

    id: int | None = Field(default=None, primary_key=True)
    directorate_id: int = Field(foreign_key="directorate.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    year: str = Field(max_length=20)
    position: int = 0
    heading: str | None = Field(default=None, max_length=200)
    commentary: str = Field(sa_type=sa.Text)


class PrintedTotal(_Fact, table=True):
    """A TOTAL row as printed in a return, with the services it covers, to reconcile against the rows."""

    id: int | None = Field(default=None, primary_key=True)
    sheet: str = Field(max_length=40)  # 'Budget' or 'Savings'
    label: str = Field(max_length=200)
    period: str = Field(max_length=40)
    printed: Decimal = _decimal_field(nullable=False)  # pounds
    covered_json: str = Field(default="[]", sa_type=sa.Text)  # service names, as stored
    coverage_key: str = Field(max_length=64)  # identifies "the same total" in a later return


class MonitoringLine(_Fact, table=True):
    """A service's in-year revenue monitoring line for one reporting period: its budget and forecast outturn (pounds).

    A later month's return supersedes the same service and month only; the earlier months stay, as the forecast's path."""

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    period: str = Field(max_length=40)  # 'Sep 2012' or 'Q2 2012/13'
    period_end: date
    financial_year: str = Field(max_length=10)
    budget: Decimal = _decimal_field(nullable=False)
    forecast: Decimal = _decimal_field(nullable=False)
    variance: Decimal = _decimal_field(nullable=False)  # forecast - budget: positive an overspend
    forecast_stated: bool = True  # False: the return gave the variance, and the forecast is budget + variance
    budget_basis: str | None = Field(default=None, max_length=200)  # the heading the budget was read from
    profiled_budget: Decimal | None = _decimal_field()
    actual_to_date: Decimal | None = _decimal_field()
    previous_variance: Decimal | None = _decimal_field()
    gross_expenditure: Decimal | None = _decimal_field()
    income: Decimal | None = _decimal_field()
    management_action: str | None = Field(default=None, sa_type=sa.Text)
    commentary: str | None = Field(default=None, sa_type=sa.Text)


class CapitalScheme(_Fact, table=True):
    """A capital scheme as reported for one period: budgets, spend, forecasts, slippage and the officer's RAG (pounds)."""

    id: int | None = Field(default=None, primary_key=True)
    directorate_id: int = Field(foreign_key="directorate.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    scheme: str = Field(max_length=300)
    scheme_key: str = Field(max_length=300)
    period: str = Field(max_length=40)
    period_end: date
    financial_year: str = Field(max_length=10)
    total_budget: Decimal | None = _decimal_field()
    budget_year: Decimal | None = _decimal_field()
    spend_to_date: Decimal | None = _decimal_field()
    forecast_year: Decimal | None = _decimal_field()
    forecast_total: Decimal | None = _decimal_field()
    slippage: Decimal | None = _decimal_field()
    officer_rag: str | None = Field(default=None, max_length=10)
    rag_reason: str | None = Field(default=None, sa_type=sa.Text)


class RegisteredRisk(_Fact, table=True):
    """A risk of a register as at the register's month: current and target likelihood and impact (scores on the council's
    scale; None for no assessment yet). A later register supersedes the same risk and month only; earlier registers stay,
    so a page can say whether a rating is coming down."""

    id: int | None = Field(default=None, primary_key=True)
    directorate_id: int | None = Field(default=None, foreign_key="directorate.id", index=True)  # None: the whole council's
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    reference: str = Field(max_length=100)
    reference_key: str = Field(max_length=100)
    title: str = Field(max_length=500)
    period: str = Field(max_length=40)  # the register's month, 'Dec 2012'
    period_end: date
    owner: str | None = Field(default=None, sa_type=sa.Text)
    cause: str | None = Field(default=None, sa_type=sa.Text)
    event: str | None = Field(default=None, sa_type=sa.Text)
    consequence: str | None = Field(default=None, sa_type=sa.Text)
    current_likelihood: int | None = None
    current_impact: int | None = None
    target_likelihood: int | None = None
    target_impact: int | None = None
    controls: str | None = Field(default=None, sa_type=sa.Text)
    review: str | None = Field(default=None, max_length=200)
    assessment_note: str | None = Field(default=None, max_length=200)
    commentary: str | None = Field(default=None, sa_type=sa.Text)


class PlannedAction(_Fact, table=True):
    """An action or milestone of a plan as at the plan's month: when it is due (as written, and the day that means), the
    officer's status and percent complete. Overdue is worked out from these (action_metrics), never stored."""

    id: int | None = Field(default=None, primary_key=True)
    directorate_id: int | None = Field(default=None, foreign_key="directorate.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    reference: str | None = Field(default=None, max_length=100)
    action_key: str = Field(max_length=300)
    action: str = Field(sa_type=sa.Text)
    period: str = Field(max_length=40)  # the month the plan reports at, 'Sep 2012'
    as_at: date  # that month's last day: overdue means due before it
    as_at_assumed: bool = False  # the plan gave no date; the day it was loaded was taken
    owner: str | None = Field(default=None, max_length=500)
    link: str | None = Field(default=None, max_length=500)
    due_text: str = Field(default="", max_length=200)
    due_date: date | None = None
    due_kind: str = Field(default="none", max_length=10)  # date | month | quarter | year | none
    status: str | None = Field(default=None, max_length=20)
    percent_complete: Decimal | None = _decimal_field()
    commentary: str | None = Field(default=None, sa_type=sa.Text)


FACT_TABLES: tuple[type[_Fact], ...] = (BudgetLine, SavingsLine, IndicatorValue, StaffFte, KeyObjective, BudgetRisk, PrintedTotal,
                                        MonitoringLine, CapitalScheme, RegisteredRisk, PlannedAction)


class Account(SQLModel, table=True):
    """Someone who may sign in, when sign-in is on (a shared deployment). Not tied to a council."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    name_key: str = Field(max_length=100, unique=True)
    role: str = Field(max_length=10)  # viewer | finance | admin
    password_hash: str = Field(max_length=200)  # argon2id, with its own salt and parameters
    created_at: datetime = Field(default_factory=utc_now)
    password_changed_at: datetime = Field(default_factory=utc_now)


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins per name (known or not), shared by every app process through the database."""

    name_key: str = Field(primary_key=True, max_length=100)
    failures: int = 0
    window_started_at: datetime = Field(default_factory=utc_now)
    locked_until: datetime | None = None
