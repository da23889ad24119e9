"""Reads: small typed functions, each taking a keyword-only session, returning frames.

Only current facts (not superseded) are returned. Pages and the command line read through
here and never touch SQL themselves.
"""

from __future__ import annotations

import json

import pandas as pd
from sqlmodel import Session, select

from data_layer.models import (
    BudgetLine,
    BudgetRisk,
    Committee,
    Council,
    Directorate,
    Indicator,
    IndicatorValue,
    KeyObjective,
    Load,
    PrintedTotal,
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


def services(*, session: Session, council_id: int) -> pd.DataFrame:
    """Every service with its directorate (service_id, service, directorate, notes)."""
    rows = session.exec(
        select(Service, Directorate).join(Directorate, Service.directorate_id == Directorate.id)
        .where(Service.council_id == council_id).order_by(Directorate.name, Service.name)
    )
    return pd.DataFrame(
        [{"service_id": s.id, "service": s.name, "directorate": d.name, "notes": s.notes} for s, d in rows],
        columns=["service_id", "service", "directorate", "notes"],
    )


def committees(*, session: Session, council_id: int) -> pd.DataFrame:
    """Which select committees review which services (service, committee, scope)."""
    rows = session.exec(
        select(Service.name, Committee.name, ServiceCommittee.scope)
        .join(ServiceCommittee, ServiceCommittee.service_id == Service.id)
        .join(Committee, Committee.id == ServiceCommittee.committee_id)
        .where(Service.council_id == council_id)
    )
    return pd.DataFrame(list(rows), columns=["service", "committee", "scope"])


def _with_service(model: type, council_id: int):  # type: ignore[no-untyped-def]
    return (
        select(model, Service.name, Directorate.name, Load.file_name, Load.loaded_at)
        .join(Service, model.service_id == Service.id)
        .join(Directorate, Service.directorate_id == Directorate.id)
        .join(Load, model.load_id == Load.id)
        .where(model.council_id == council_id, model.superseded_by_load_id.is_(None))
    )


def budget(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current net budget lines: directorate, service, year, year_end, net_budget (Decimal, pounds), source."""
    rows = session.exec(_with_service(BudgetLine, council_id))
    return pd.DataFrame(
        [{"directorate": d, "service": s, "year": b.year, "year_end": b.year_end, "net_budget": b.net_budget,
          "original_text": b.original_text, "source_cell": b.source_cell, "file_name": f, "loaded_at": at}
         for b, s, d, f, at in rows],
        columns=["directorate", "service", "year", "year_end", "net_budget", "original_text", "source_cell", "file_name", "loaded_at"],
    )


def savings(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current savings lines: directorate, service, period, period_end, amount (Decimal, pounds), description, status."""
    rows = session.exec(_with_service(SavingsLine, council_id))
    return pd.DataFrame(
        [{"directorate": d, "service": s, "period": line.period, "period_end": line.period_end, "amount": line.amount,
          "description": line.description, "status": line.status, "source_cell": line.source_cell, "file_name": f, "loaded_at": at}
         for line, s, d, f, at in rows],
        columns=["directorate", "service", "period", "period_end", "amount", "description", "status", "source_cell", "file_name", "loaded_at"],
    )


def indicator_values(*, session: Session, council_id: int) -> pd.DataFrame:
    """Current indicator values with their indicator, service and directorate.

    polarity and tolerance are the row's own, else the indicator's setting, else None.
    """
    rows = session.exec(
        select(IndicatorValue, Indicator, Service.name, Directorate.name, Load.file_name, Load.loaded_at)
        .join(Indicator, IndicatorValue.indicator_id == Indicator.id)
        .join(Service, Indicator.service_id == Service.id)
        .join(Directorate, Service.directorate_id == Directorate.id)
        .join(Load, IndicatorValue.load_id == Load.id)
        .where(IndicatorValue.council_id == council_id, IndicatorValue.superseded_by_load_id.is_(None))
    )
    records = []
    for value, indicator, service, directorate, file_name, loaded_at in rows:
        records.append({
            "indicator_id": indicator.id, "code": indicator.code, "indicator": indicator.name, "unit": indicator.unit,
            "service": service, "directorate": directorate,
            "period": value.period, "period_kind": value.period_kind, "period_end": value.period_end,
            "financial_year": value.financial_year,
            "target_text": value.target_text, "target_value": value.target_value,
            "actual_text": value.actual_text, "actual_value": value.actual_value,
            "setting_polarity": indicator.polarity, "polarity": value.polarity,
            "tolerance": indicator.tolerance if indicator.tolerance is not None else value.tolerance,
            "commentary": value.commentary, "override_band": value.override_band, "override_reason": value.override_reason,
            "source_cell": value.source_cell, "file_name": file_name, "loaded_at": loaded_at,
        })
    columns = ["indicator_id", "code", "indicator", "unit", "service", "directorate", "period", "period_kind", "period_end",
               "financial_year", "target_text", "target_value", "actual_text", "actual_value", "setting_polarity", "polarity",
               "tolerance", "commentary", "override_band", "override_reason", "source_cell", "file_name", "loaded_at"]
    frame = pd.DataFrame(records, columns=columns)
    return frame.assign(polarity=indicator_polarity(frame)).drop(columns="setting_polarity")


def indicator_polarity(values: pd.DataFrame) -> pd.Series:
    """Each value's polarity: the Settings page's choice wins; else the row's own Polarity cell; else what the
    same indicator's nearest other return stated (polarity belongs to the indicator, and a later return often
    leaves the column blank); else None, and the target decides."""
    if values.empty:
        return pd.Series([], dtype=object)
    ordered = values.sort_values("period_end")
    stated = ordered["polarity"].astype(object).where(ordered["polarity"].notna(), None)
    filled = stated.groupby(ordered["indicator_id"]).transform(lambda s: s.ffill().bfill())
    chosen = ordered["setting_polarity"].astype(object).where(ordered["setting_polarity"].notna(), filled)
    return chosen.reindex(values.index).astype(object).where(lambda s: s.notna(), None)


def staff(*, session: Session, council_id: int) -> pd.DataFrame:
    rows = session.exec(_with_service(StaffFte, council_id))
    return pd.DataFrame([{"directorate": d, "service": s, "year": f.year, "fte": f.fte} for f, s, d, _file, _at in rows],
                        columns=["directorate", "service", "year", "fte"])


def objectives(*, session: Session, council_id: int) -> pd.DataFrame:
    rows = session.exec(_with_service(KeyObjective, council_id).order_by(Service.name, KeyObjective.position))
    return pd.DataFrame([{"directorate": d, "service": s, "year": o.year, "objective": o.objective} for o, s, d, _f, _at in rows],
                        columns=["directorate", "service", "year", "objective"])


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
    rows = session.exec(select(Load).where(Load.council_id == council_id).order_by(Load.loaded_at.desc(), Load.id.desc()))
    return pd.DataFrame(
        [{"load_id": r.id, "file_name": r.file_name, "loaded_by": r.loaded_by, "loaded_at": r.loaded_at, "kind": r.kind,
          "counts_json": r.counts_json, "warnings_json": r.warnings_json} for r in rows],
        columns=["load_id", "file_name", "loaded_by", "loaded_at", "kind", "counts_json", "warnings_json"],
    )


def original_file(*, session: Session, load_id: int) -> tuple[str, bytes] | None:
    """The file a load stored, as it was uploaded, for download again."""
    load = session.get(Load, load_id)
    if load is None or load.original_file is None:
        return None
    return load.file_name, load.original_file


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
