"""Reads: small typed functions, each taking a keyword-only session, returning frames.

Only current facts (not superseded) are returned. Pages and the command line read through
here and never touch SQL themselves.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
from sqlmodel import Session, select

from data_layer.models import (
    BudgetLine,
    BudgetRisk,
    CapitalScheme,
    Committee,
    Council,
    Directorate,
    Indicator,
    KeyObjective,
    Load,
    MonitoringLine,
    PlannedAction,
    PrintedTotal,
    RegisteredRisk,
    SavingsLine,
    Service,
    ServiceAlias,
    ServiceCommittee,
    StaffFte,
)


def councils(*, session: Session) -> list[Council]:
    return list(session.exec(select(Council).order_by(Council.name)))


def council(*, session: Session, council_id: int | None = None) -> Council | None:
    """The council with this id, or the first one when none is given (one council by default)."""
    if council_id is not None:
        return session.get(Council, council_id)
    return session.exec(select(Council).order_by(Council.id)).first()


def _frame(session: Session, statement, columns: list[str], *, shared: tuple[str, ...] = ()) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Rows of plain columns (no ORM objects: a national council has over a million) as a frame.

    Columns in `shared` repeat a few thousand texts across many rows; each distinct text is kept
    once in memory (factorised, then taken back), which at national scale saves gigabytes.
    """
    frame = pd.DataFrame.from_records(list(session.exec(statement)), columns=columns)
    for column in shared:
        frame[column] = _shared(frame[column])
    return frame


def services(*, session: Session, council_id: int) -> pd.DataFrame:
    """Every service with its directorate (service_id, service, directorate, notes)."""
    return _frame(session, select(Service.id, Service.name, Directorate.name, Service.notes)
                  .join(Directorate, Service.directorate_id == Directorate.id)
                  .where(Service.council_id == council_id).order_by(Directorate.name, Service.name),
                  ["service_id", "service", "directorate", "notes"])


def committees(*, session: Session, council_id: int) -> pd.DataFrame:
    """Which select committees review which services (service, committee, scope)."""
    rows = session.exec(
        select(Service.name, Committee.name, ServiceCommittee.scope)
        .join(ServiceCommittee, ServiceCommittee.service_id == Service.id)
        .join(Committee, Committee.id == ServiceCommittee.committee_id)
        .where(Service.council_id == council_id)
    )
    return pd.DataFrame(list(rows), columns=["service", "committee", "scope"])


def _with_service(model: type, council_id: int, *columns):  # type: ignore[no-untyped-def]
    return (
        select(Directorate.name, Service.name, *columns, model.source_cell, Load.file_name, Load.loaded_at)
        .join(Service, model.service_id == Service.id)
        .join(Directorate, Service.directorate_id == Directorate.id)
        .join(Load, model.load_id == Load.id)
        .where(model.council_id == council_id, model.superseded_by_load_id.is_(None))
    )


_SOURCE = ["source_cell", "file_name", "loaded_at"]


def budget(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current net budget lines: directorate, service, year, year_end, net_budget (Decimal, pounds), source."""
    columns = ["directorate", "service", "year", "year_end", "net_budget", "original_text"]
    statement = _with_service(BudgetLine, council_id, BudgetLine.year, BudgetLine.year_end, BudgetLine.net_budget, BudgetLine.original_text)
    frame = _frame(session, statement, columns + _SOURCE, shared=("directorate", "service", "year", "file_name"))
    return frame[["directorate", "service", "year", "year_end", "net_budget", "original_text", "source_cell", "file_name", "loaded_at"]]


def savings(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current savings lines: directorate, service, period, period_end, amount (Decimal, pounds), description, status."""
    columns = ["directorate", "service", "period", "period_end", "amount", "description", "status"]
    statement = _with_service(SavingsLine, council_id, SavingsLine.period, SavingsLine.period_end, SavingsLine.amount,
                              SavingsLine.description, SavingsLine.status)
    return _frame(session, statement, columns + _SOURCE, shared=("directorate", "service", "period", "file_name"))


def indicator_values(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current indicator values with their indicator, service and directorate.

    polarity and tolerance are the row's own, else the indicator's setting, else None.

    A national database holds over a million values, so they are read as the driver gives
    them (no per-row conversion) and each distinct date and number is converted once; the
    indicators, services and loads they refer to are read separately and joined here.
    """
    result = session.connection().exec_driver_sql(  # the driver's own rows: plain tuples, no per-row processing
        "SELECT indicator_id, period, period_kind, period_end, financial_year, target_text, target_value, actual_text, "
        "actual_value, polarity, tolerance, commentary, override_band, override_reason, source_cell, load_id, frequency, cumulative, "
        "for_information "
        f"FROM indicatorvalue WHERE council_id = {int(council_id)} AND superseded_by_load_id IS NULL")
    columns = ["indicator_id", "period", "period_kind", "period_end", "financial_year", "target_text", "target_value", "actual_text",
               "actual_value", "polarity", "tolerance", "commentary", "override_band", "override_reason", "source_cell", "load_id",
               "frequency", "cumulative", "for_information"]
    chunks = []
    while rows := result.cursor.fetchmany(250_000):  # in parts, so a million rows never sit in memory twice over
        chunk = pd.DataFrame.from_records(rows, columns=columns)
        del rows
        for column in ("period", "period_kind", "financial_year", "target_text", "polarity", "frequency"):
            chunk[column] = _shared(chunk[column])
        for column in ("cumulative", "for_information"):  # SQLite gives 0/1, PostgreSQL booleans; None stays None
            chunk[column] = _converted(chunk[column], bool)
        chunk["period_end"] = _converted(chunk["period_end"], _as_date)
        for column in ("target_value", "actual_value", "tolerance"):
            chunk[column] = _converted(chunk[column], _as_decimal)
        chunks.append(chunk)
    result.close()
    values = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=columns)
    indicators = _frame(session, select(Indicator.id, Indicator.code, Indicator.name, Indicator.unit, Service.name, Directorate.name,
                                        Indicator.polarity, Indicator.tolerance)
                        .join(Service, Indicator.service_id == Service.id).join(Directorate, Service.directorate_id == Directorate.id)
                        .where(Indicator.council_id == council_id),
                        ["indicator_id", "code", "indicator", "unit", "service", "directorate", "setting_polarity", "setting_tolerance"])
    loads = _frame(session, select(Load.id, Load.file_name, Load.loaded_at).where(Load.council_id == council_id),
                   ["load_id", "file_name", "loaded_at"])
    at = indicators.set_index("indicator_id").reindex(values["indicator_id"].to_numpy()).reset_index(drop=True)
    load_names = dict(zip(loads["load_id"], loads["file_name"], strict=True))
    load_times = dict(zip(loads["load_id"], loads["loaded_at"], strict=True))
    setting_tolerance = at["setting_tolerance"].astype(object)
    frame = pd.DataFrame({
        "indicator_id": values["indicator_id"],
        **{c: at[c] for c in ("code", "indicator", "unit", "service", "directorate")},  # Arrow strings: no Python object per row
        **{c: values[c] for c in ("period", "period_kind", "period_end", "financial_year", "target_text", "target_value",
                                  "actual_text", "actual_value")},
        "setting_polarity": at["setting_polarity"].astype(object).where(at["setting_polarity"].notna(), None),
        "polarity": values["polarity"],
        "tolerance": setting_tolerance.where(setting_tolerance.notna(), values["tolerance"]),
        **{c: values[c] for c in ("commentary", "override_band", "override_reason", "source_cell", "frequency")},
        "cumulative": values["cumulative"], "for_information": values["for_information"],
        "file_name": values["load_id"].map(load_names), "loaded_at": values["load_id"].map(load_times),
    })
    frame["tolerance"] = frame["tolerance"].astype(object).where(frame["tolerance"].notna(), None)
    return frame.assign(polarity=indicator_polarity(frame), cumulative=nearest_stated(frame, "cumulative"),
                        for_information=nearest_stated(frame, "for_information")).drop(columns="setting_polarity")


def _shared(column: pd.Series) -> pd.Series:
    """The column with each distinct text held once (the driver makes a new string per row)."""
    if len(column) < 1000:
        return column
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    if (codes < 0).any():
        return column
    return pd.Series(uniques.to_numpy(dtype=object)[codes], index=column.index, dtype=object)


def _converted(column: pd.Series, convert) -> pd.Series:  # type: ignore[no-untyped-def]
    """Each distinct value converted once (dates and exact numbers repeat across a million rows)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    converted = pd.Series([convert(u) for u in uniques] + [None], dtype=object).to_numpy()
    return pd.Series(converted[codes], index=column.index, dtype=object)  # code -1 (missing) takes the trailing None


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _as_decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _by_period(values: pd.DataFrame) -> pd.DataFrame:
    """The values in order of their period's end (dates are Python objects: ranked by their distinct values, not compared
    a million times)."""
    codes, distinct = pd.factorize(values["period_end"])
    rank = np.argsort(np.argsort(np.asarray(list(distinct), dtype="datetime64[D]"), kind="stable"), kind="stable")
    return values.take(np.argsort(rank[codes], kind="stable"))


def nearest_stated(values: pd.DataFrame, column: str) -> pd.Series:
    """Each value's `column` as its own row states it, else as the same indicator's nearest other row states it (earlier,
    then later): whether an indicator is cumulative or for information belongs to the indicator, and later returns often
    leave the column blank; None when no row says."""
    if values.empty:
        return pd.Series([], dtype=object)
    if values[column].isna().all():
        return pd.Series([None] * len(values), index=values.index, dtype=object)
    ordered = _by_period(values)
    stated = ordered[column].astype(object).where(ordered[column].notna(), None)
    filled = stated.groupby(ordered["indicator_id"]).ffill().groupby(ordered["indicator_id"]).bfill()
    return filled.reindex(values.index).astype(object).where(lambda s: s.notna(), None)


def indicator_polarity(values: pd.DataFrame) -> pd.Series:
    """Each value's polarity: the Settings page's choice wins; else the row's own Polarity cell; else what the
    same indicator's nearest other return stated (polarity belongs to the indicator, and a later return often
    leaves the column blank); else None, and the target decides."""
    if values.empty:
        return pd.Series([], dtype=object)
    setting = values["setting_polarity"].astype(object)
    return setting.where(setting.notna(), nearest_stated(values, "polarity")).where(lambda s: s.notna(), None)


def staff(*, session: Session, council_id: int) -> pd.DataFrame:
    frame = _frame(session, _with_service(StaffFte, council_id, StaffFte.year, StaffFte.fte),
                   ["directorate", "service", "year", "fte", *_SOURCE])
    return frame[["directorate", "service", "year", "fte"]]


def objectives(*, session: Session, council_id: int) -> pd.DataFrame:
    frame = _frame(session, _with_service(KeyObjective, council_id, KeyObjective.year, KeyObjective.objective)
                   .order_by(Service.name, KeyObjective.position), ["directorate", "service", "year", "objective", *_SOURCE])
    return frame[["directorate", "service", "year", "objective"]]


def budget_risks(*, session: Session, council_id: int) -> pd.DataFrame:
    rows = session.exec(
        select(BudgetRisk, Directorate.name)
        .join(Directorate, BudgetRisk.directorate_id == Directorate.id)
        .where(BudgetRisk.council_id == council_id, BudgetRisk.superseded_by_load_id.is_(None))
        .order_by(Directorate.name, BudgetRisk.position)
    )
    return pd.DataFrame([{"directorate": d, "year": r.year, "heading": r.heading, "commentary": r.commentary} for r, d in rows],
                        columns=["directorate", "year", "heading", "commentary"])


def loads(*, session: Session, council_id: int) -> pd.DataFrame:
    """The load history, newest first (without the original files)."""
    return _frame(session, select(Load.id, Load.file_name, Load.loaded_by, Load.loaded_at, Load.kind, Load.counts_json, Load.warnings_json)
                  .where(Load.council_id == council_id).order_by(Load.loaded_at.desc(), Load.id.desc()),
                  ["load_id", "file_name", "loaded_by", "loaded_at", "kind", "counts_json", "warnings_json"])  # not the files themselves


def original_file(*, session: Session, load_id: int) -> tuple[str, bytes] | None:
    """The file a load stored, as it was uploaded, for download again."""
    load = session.get(Load, load_id)
    if load is None or load.original_file is None:
        return None
    return load.file_name, load.original_file


MONITORING_COLUMNS = ["budget", "forecast", "variance", "forecast_stated", "budget_basis", "profiled_budget", "actual_to_date",
                      "previous_variance", "gross_expenditure", "income", "management_action", "commentary"]


def monitoring(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current in-year monitoring lines, every month kept: directorate, service, period, period_end, financial_year, budget,
    forecast, variance (Decimal, pounds; variance = forecast - budget), the optional figures and texts, and the source."""
    statement = _with_service(MonitoringLine, council_id, MonitoringLine.period, MonitoringLine.period_end, MonitoringLine.financial_year,
                              *(getattr(MonitoringLine, name) for name in MONITORING_COLUMNS))
    return _frame(session, statement, ["directorate", "service", "period", "period_end", "financial_year", *MONITORING_COLUMNS, *_SOURCE],
                  shared=("directorate", "service", "period", "file_name"))


CAPITAL_COLUMNS = ["total_budget", "budget_year", "spend_to_date", "forecast_year", "forecast_total", "slippage", "officer_rag", "rag_reason"]


def capital(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current capital schemes per period: scheme, service (or None), directorate, period, period_end, financial_year, the
    budgets, spend, forecasts and slippage (Decimal, pounds, or None), officer_rag, rag_reason, and the source."""
    statement = (
        select(CapitalScheme.scheme, Service.name, Directorate.name, CapitalScheme.period, CapitalScheme.period_end,
               CapitalScheme.financial_year, *(getattr(CapitalScheme, name) for name in CAPITAL_COLUMNS), CapitalScheme.source_cell,
               Load.file_name, Load.loaded_at)
        .join(Directorate, CapitalScheme.directorate_id == Directorate.id)
        .outerjoin(Service, CapitalScheme.service_id == Service.id)
        .join(Load, CapitalScheme.load_id == Load.id)
        .where(CapitalScheme.council_id == council_id, CapitalScheme.superseded_by_load_id.is_(None))
    )
    return _frame(session, statement, ["scheme", "service", "directorate", "period", "period_end", "financial_year", *CAPITAL_COLUMNS, *_SOURCE])


def printed_totals(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current printed TOTAL rows: sheet, label, period, printed (Decimal), covered (service names), file, cell."""
    rows = session.exec(
        select(PrintedTotal, Load.file_name).join(Load, PrintedTotal.load_id == Load.id)
        .where(PrintedTotal.council_id == council_id, PrintedTotal.superseded_by_load_id.is_(None))
        .order_by(PrintedTotal.id)
    )
    return pd.DataFrame(
        [{"sheet": t.sheet, "label": t.label, "period": t.period, "printed": t.printed, "covered": json.loads(t.covered_json),
          "file_name": f, "cell": t.source_cell} for t, f in rows],
        columns=["sheet", "label", "period", "printed", "covered", "file_name", "cell"],
    )


def aliases(*, session: Session, council_id: int) -> pd.DataFrame:
    """Every service alias: alias_id, alias, service."""
    rows = session.exec(select(ServiceAlias, Service.name).join(Service, ServiceAlias.service_id == Service.id)
                        .where(ServiceAlias.council_id == council_id).order_by(Service.name, ServiceAlias.alias))
    return pd.DataFrame([{"alias_id": a.id, "alias": a.alias, "service": s} for a, s in rows], columns=["alias_id", "alias", "service"])


def indicators(*, session: Session, council_id: int) -> pd.DataFrame:
    """Every indicator with its settings: indicator_id, code, indicator, service, polarity, tolerance (None: as returned / default)."""
    rows = session.exec(select(Indicator, Service.name).join(Service, Indicator.service_id == Service.id)
                        .where(Indicator.council_id == council_id).order_by(Service.name, Indicator.name))
    return pd.DataFrame([{"indicator_id": i.id, "code": i.code, "indicator": i.name, "service": s, "polarity": i.polarity,
                          "tolerance": i.tolerance} for i, s in rows],
                        columns=["indicator_id", "code", "indicator", "service", "polarity", "tolerance"], dtype=object)


RISK_COLUMNS = ["reference", "reference_key", "title", "period", "period_end", "owner", "cause", "event", "consequence",
                "current_likelihood", "current_impact", "target_likelihood", "target_impact", "controls", "review", "assessment_note",
                "commentary"]
_SCORE_COLUMNS = ("current_likelihood", "current_impact", "target_likelihood", "target_impact")


def risk_register(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current registered risks, every register month kept: directorate (None for a risk of the whole council), service
    (or None), the reference, title and texts, period ('Dec 2012') and period_end, and the four scores (int, or None for
    no assessment: never NaN), with the source."""
    statement = (
        select(Directorate.name, Service.name, *(getattr(RegisteredRisk, name) for name in RISK_COLUMNS), RegisteredRisk.source_cell,
               Load.file_name, Load.loaded_at)
        .outerjoin(Directorate, RegisteredRisk.directorate_id == Directorate.id)
        .outerjoin(Service, RegisteredRisk.service_id == Service.id)
        .join(Load, RegisteredRisk.load_id == Load.id)
        .where(RegisteredRisk.council_id == council_id, RegisteredRisk.superseded_by_load_id.is_(None))
        .order_by(RegisteredRisk.period_end, RegisteredRisk.id)
    )
    frame = _frame(session, statement, ["directorate", "service", *RISK_COLUMNS, *_SOURCE])
    for column in _SCORE_COLUMNS:  # whole numbers or None, never floats with NaN
        frame[column] = pd.Series([None if pd.isna(v) else int(v) for v in frame[column]], index=frame.index, dtype=object)
    return frame


ACTION_COLUMNS = ["reference", "action_key", "action", "period", "as_at", "as_at_assumed", "owner", "link", "due_text", "due_date",
                  "due_kind", "status", "percent_complete", "commentary"]


def actions(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current planned actions, every plan month kept: directorate (or None), service (or None), the action and its
    reference, period ('Sep 2012') and as_at (its last day), due_text as written, due_date (date or None), due_kind,
    the officer's status, percent_complete (Decimal or None), commentary, and the source."""
    statement = (
        select(Directorate.name, Service.name, *(getattr(PlannedAction, name) for name in ACTION_COLUMNS), PlannedAction.source_cell,
               Load.file_name, Load.loaded_at)
        .outerjoin(Directorate, PlannedAction.directorate_id == Directorate.id)
        .outerjoin(Service, PlannedAction.service_id == Service.id)
        .join(Load, PlannedAction.load_id == Load.id)
        .where(PlannedAction.council_id == council_id, PlannedAction.superseded_by_load_id.is_(None))
        .order_by(PlannedAction.as_at, PlannedAction.id)
    )
    frame = _frame(session, statement, ["directorate", "service", *ACTION_COLUMNS, *_SOURCE])
    frame["due_date"] = pd.Series([None if v is None or pd.isna(v) else v for v in frame["due_date"]], index=frame.index, dtype=object)
    return frame
