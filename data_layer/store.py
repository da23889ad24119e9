"""Writing a planned load: services (in the directorates the officer chose) and aliases, every fact superseding the
one it replaces, printed totals, confirmed polarities; all in the caller's transaction, so a load is stored whole or not at all.

`loader.plan_load` works out what to write; `store_plan` writes it. Indicator values go in one bulk insert
(a national return has 50,000 of them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session, select

from data_layer.models import (
    UNASSIGNED,
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
from data_layer.returns.parsed import KpiRow
from data_layer.store_in_year import store_in_year
from data_layer.store_plans import store_plans
from data_layer.values import HIGHER, LOWER, name_key

if TYPE_CHECKING:
    from data_layer.loader import _Plan


def _current(session: Session, model: type, council_id: int) -> list[Any]:
    return list(session.exec(select(model).where(model.council_id == council_id, model.superseded_by_load_id.is_(None))))


def _same_indicator_value(existing: IndicatorValue, row: KpiRow) -> bool:
    return (
        existing.actual_text == row.actual.text
        and existing.target_text == row.target.text
        and existing.polarity == row.polarity
        and existing.tolerance == row.tolerance
        and existing.commentary == row.commentary
        and existing.override_band == row.override
        and existing.override_reason == row.override_reason
        and (existing.frequency, existing.cumulative, existing.for_information) == (row.frequency, row.cumulative, row.for_information)
    )


def store_plan(plan: _Plan, *, loaded_by: str, original: bytes, polarities: Mapping[tuple[str, str], str] | None = None) -> Load:
    """Write a plan in the session's transaction (the caller commits). The plan must have no errors.

    `polarities` maps (service, indicator) to 'higher' or 'lower': the officer's answer to the preview's assumed
    polarities, stored as each indicator's polarity (as the Settings page would) and counted in the load's entry.
    """
    if plan.outcome.problems or plan.outcome.already_loaded:
        raise ValueError("a plan with errors, or of content already loaded, cannot be stored")
    session, parsed = plan.session, plan.parsed
    council = plan.council
    if council is None:
        council = Council.model_validate({"name": plan.council_name})
        session.add(council)
        session.flush()
        plan.council = council
    assert council.id is not None
    load = Load.model_validate({
        "council_id": council.id, "file_name": parsed.file_name, "content_hash": parsed.content_hash,
        "loaded_by": loaded_by, "counts_json": json.dumps(plan.outcome.counts),
        "warnings_json": json.dumps(plan.outcome.warnings), "original_file": original,
    })
    session.add(load)
    session.flush()
    services = _store_services(plan, council)
    _store_facts(plan, council, load, services)
    if polarities:
        plan.outcome.polarities_confirmed = _store_polarities(plan, council, services, polarities)
        load.counts_json = json.dumps({**plan.outcome.counts, "polarities confirmed": plan.outcome.polarities_confirmed})
        session.add(load)
        session.flush()
    plan.outcome.stored = True
    plan.outcome.load_id = load.id
    return load


def _store_polarities(plan: _Plan, council: Council, services: dict[str, Service], polarities: Mapping[tuple[str, str], str]) -> int:
    """Each confirmed polarity as its indicator's setting; how many were set."""
    session = plan.session
    indicators = {(i.service_id, i.name_key): i for i in session.exec(select(Indicator).where(Indicator.council_id == council.id))}
    stored = 0
    for (service, indicator_name), polarity in polarities.items():
        if polarity not in (HIGHER, LOWER):
            raise ValueError(f"a polarity is higher or lower, not {polarity!r}")
        service_row = services.get(plan.canonical_key(service))
        indicator = indicators.get((service_row.id, name_key(indicator_name))) if service_row is not None else None
        if indicator is None:
            continue  # not an indicator of this return
        if indicator.polarity != polarity:
            indicator.polarity = polarity
            session.add(indicator)
        stored += 1
    session.flush()
    return stored


def _directorate(plan: _Plan, council: Council, name: str | None) -> Directorate:
    name = name or UNASSIGNED
    key = name_key(name)
    if key not in plan.directorates:
        directorate = Directorate.model_validate({"council_id": council.id, "name": name, "name_key": key})
        plan.session.add(directorate)
        plan.session.flush()
        plan.directorates[key] = directorate
    return plan.directorates[key]


def _store_services(plan: _Plan, council: Council) -> dict[str, Service]:
    session = plan.session
    unassigned_key = name_key(UNASSIGNED)
    for key, (name, directorate_name) in plan.new_services.items():
        service = Service.model_validate({
            "council_id": council.id, "name": name, "name_key": key,
            "directorate_id": _directorate(plan, council, directorate_name).id,
        })
        session.add(service)
        plan.services[key] = service
    session.flush()
    # A Services sheet (or a Directorate column) gives an unassigned service its directorate;
    # only a Services sheet moves a service that already has one.
    sheet_directorates = {plan.canonical_key(r.name): r.directorate for r in plan.parsed.services if r.directorate}
    for row in [*plan.parsed.budget, *plan.parsed.savings, *plan.parsed.kpis, *plan.parsed.staff, *plan.parsed.objectives]:
        if row.service and row.directorate:
            key = plan.canonical_key(row.service)
            current = plan.services[key]
            if key not in sheet_directorates and plan.directorates.get(unassigned_key) is not None \
                    and current.directorate_id == plan.directorates[unassigned_key].id:
                current.directorate_id = _directorate(plan, council, row.directorate).id
    for key, directorate_name in sheet_directorates.items():
        plan.services[key].directorate_id = _directorate(plan, council, directorate_name).id
    # The directorate the officer chose in the preview for a new service wins over what the return says.
    for key, directorate_name in plan.chosen_directorates.items():
        plan.services[key].directorate_id = _directorate(plan, council, directorate_name).id
    committees = {c.name: c for c in session.exec(select(Committee).where(Committee.council_id == council.id))}
    for row in plan.parsed.services:
        service = plan.services[plan.canonical_key(row.name)]
        if row.notes:
            service.notes = row.notes
        for committee_name, scope in row.committees:
            committee = committees.get(committee_name)
            if committee is None:
                committee = Committee.model_validate({"council_id": council.id, "name": committee_name})
                session.add(committee)
                session.flush()
                committees[committee_name] = committee
            link = session.get(ServiceCommittee, (service.id, committee.id))
            if link is None:
                session.add(ServiceCommittee.model_validate({"service_id": service.id, "committee_id": committee.id, "scope": scope}))
            else:
                link.scope = scope
    for alias_key, service_key in plan.new_aliases.items():
        if alias_key in plan.aliases:
            continue
        alias_name = next(a for r in plan.parsed.services for a in r.aliases if name_key(a) == alias_key)
        session.add(ServiceAlias.model_validate({
            "council_id": council.id, "service_id": plan.services[service_key].id, "alias": alias_name, "alias_key": alias_key,
        }))
    for written_key, target in plan.mapping.items():
        target_key = name_key(target)
        if written_key != target_key and written_key not in plan.aliases and written_key not in plan.new_aliases:
            written = next((n for n in plan.parsed.service_names() if name_key(n) == written_key), target)
            session.add(ServiceAlias.model_validate({
                "council_id": council.id, "service_id": plan.services[target_key].id, "alias": written, "alias_key": written_key,
            }))
    session.flush()
    return plan.services


def _supersede(session: Session, rows: list[Any], load: Load) -> None:
    for row in rows:
        row.superseded_by_load_id = load.id
        session.add(row)


def _store_facts(plan: _Plan, council: Council, load: Load, services: dict[str, Service]) -> None:
    session, parsed = plan.session, plan.parsed
    common = {"council_id": council.id, "load_id": load.id}

    def service_id(name: str) -> int:
        return services[plan.canonical_key(name)].id  # type: ignore[return-value]

    current_budget = {(b.service_id, b.year): b for b in _current(session, BudgetLine, council.id)}
    for row in parsed.budget:
        old = current_budget.get((service_id(row.service), row.period.label))
        if old is not None and old.net_budget == row.amount:
            continue
        _supersede(session, [old] if old else [], load)
        session.add(BudgetLine.model_validate({
            **common, "service_id": service_id(row.service), "year": row.period.label, "year_end": row.period.end,
            "net_budget": row.amount, "original_text": row.text[:200], "source_cell": f"Budget!{row.cell}",
        }))
    current_savings = {(s.service_id, s.period): s for s in _current(session, SavingsLine, council.id)}
    for row in parsed.savings:
        old = current_savings.get((service_id(row.service), row.period.label))
        if old is not None and (old.amount, old.description, old.status) == (row.amount, row.description, row.status):
            continue
        _supersede(session, [old] if old else [], load)
        session.add(SavingsLine.model_validate({
            **common, "service_id": service_id(row.service), "period": row.period.label, "period_end": row.period.end,
            "amount": row.amount, "original_text": row.text[:200], "description": row.description, "status": row.status,
            "source_cell": f"Savings!{row.cell}",
        }))
    _store_indicator_values(plan, council, load, service_id)
    current_staff = {(f.service_id, f.year): f for f in _current(session, StaffFte, council.id)}
    for row in parsed.staff:
        old = current_staff.get((service_id(row.service), row.year))
        if old is not None and old.fte == row.fte:
            continue
        _supersede(session, [old] if old else [], load)
        session.add(StaffFte.model_validate({**common, "service_id": service_id(row.service), "year": row.year, "fte": row.fte,
                                             "source_cell": f"Staff!{row.cell}"}))
    # Objectives and risks are replaced as a set per service (or directorate) and year.
    current_objectives: dict[tuple[int, str], list[KeyObjective]] = {}
    for objective in _current(session, KeyObjective, council.id):
        current_objectives.setdefault((objective.service_id, objective.year), []).append(objective)
    grouped: dict[tuple[int, str], list[Any]] = {}
    for row in parsed.objectives:
        grouped.setdefault((service_id(row.service or ""), row.year), []).append(row)
    for (sid, year), rows in grouped.items():
        old_objectives = current_objectives.get((sid, year), [])
        if [o.objective for o in sorted(old_objectives, key=lambda o: o.position)] == [r.text for r in rows]:
            continue
        _supersede(session, old_objectives, load)
        for position, row in enumerate(rows):
            session.add(KeyObjective.model_validate({**common, "service_id": sid, "year": year, "position": position,
                                                     "objective": row.text, "source_cell": f"Objectives!{row.cell}"}))
    current_risks: dict[tuple[int, str], list[BudgetRisk]] = {}
    for risk in _current(session, BudgetRisk, council.id):
        current_risks.setdefault((risk.directorate_id, risk.year), []).append(risk)
    grouped_risks: dict[tuple[int, str], list[tuple[Any, int | None]]] = {}
    for row in parsed.risks:
        sid = service_id(row.service) if row.service else None
        directorate_id = services[plan.canonical_key(row.service)].directorate_id if row.service else _directorate(plan, council, row.directorate).id
        grouped_risks.setdefault((directorate_id, row.year), []).append((row, sid))
    for (directorate_id, year), rows in grouped_risks.items():
        _supersede(session, current_risks.get((directorate_id, year), []), load)
        for position, (row, sid) in enumerate(rows):
            session.add(BudgetRisk.model_validate({**common, "directorate_id": directorate_id, "service_id": sid, "year": year,
                                                   "position": position, "heading": row.heading, "commentary": row.text,
                                                   "source_cell": f"Risks!{row.cell}"}))
    store_in_year(plan, council, load, services, lambda model: _current(session, model, council.id),
                  lambda rows: _supersede(session, rows, load), lambda name: _directorate(plan, council, name).id)  # type: ignore[arg-type,return-value]
    store_plans(plan, council, load, services, lambda model: _current(session, model, council.id),
                lambda rows: _supersede(session, rows, load), lambda name: _directorate(plan, council, name).id)  # type: ignore[arg-type,return-value]
    _store_printed_totals(plan, council, load, services)
    session.flush()


def _store_printed_totals(plan: _Plan, council: Council, load: Load, services: dict[str, Service]) -> None:
    """Keep each printed total with the services it covers; a later one for the same sheet,
    period and services supersedes it."""
    session = plan.session
    current = {(t.sheet, t.period, t.coverage_key): t for t in _current(session, PrintedTotal, council.id)}
    for total in plan.parsed.totals:
        covered = sorted(set(total.covered) if total.kind == "Capital" else  # a capital total covers schemes, not services
                         {services[plan.canonical_key(name)].name for name in total.covered})
        coverage_key = hashlib.sha256(json.dumps(covered).encode()).hexdigest()
        old = current.get((total.kind, total.period, coverage_key))
        if old is not None and old.printed == total.printed and old.label == total.label:
            continue
        _supersede(session, [old] if old else [], load)
        session.add(PrintedTotal.model_validate({
            "council_id": council.id, "load_id": load.id, "sheet": total.kind, "label": total.label[:200],
            "period": total.period, "printed": total.printed, "covered_json": json.dumps(covered),
            "coverage_key": coverage_key, "source_cell": f"{total.sheet}!{total.cell}",
        }))


def _store_indicator_values(plan: _Plan, council: Council, load: Load, service_id: Any) -> None:
    """New indicators in one batch, then every value in one bulk insert (a national return has 50,000)."""
    session = plan.session
    indicators = {(i.service_id, i.name_key): i for i in session.exec(select(Indicator).where(Indicator.council_id == council.id))}
    current = {(v.indicator_id, v.period): v for v in _current(session, IndicatorValue, council.id)}
    rows = [(service_id(row.service), name_key(row.name), row) for row in plan.parsed.kpis]
    ids = {key: indicator.id for key, indicator in indicators.items()}
    new: dict[tuple[int, str], dict[str, Any]] = {}
    for sid, key, row in rows:
        indicator = indicators.get((sid, key))
        if indicator is None:
            if (sid, key) not in new:
                new[(sid, key)] = {"council_id": council.id, "service_id": sid, "code": row.code, "name": row.name, "name_key": key,
                                   "unit": row.unit, "polarity": None, "tolerance": None}
            else:
                made = new[(sid, key)]
                made["code"], made["unit"] = row.code or made["code"], row.unit or made["unit"]
        else:  # set only what changes: each assignment on a stored indicator is tracked by the ORM
            if row.code and row.code != indicator.code:
                indicator.code = row.code
            if row.unit and row.unit != indicator.unit:
                indicator.unit = row.unit
    if new:
        session.flush()
        keys = list(new)
        made_ids = bulk_insert(session, Indicator, list(new.values()), returning_ids=True)
        ids.update(zip(keys, made_ids, strict=True))
    values = []
    superseded = []
    for sid, key, row in rows:
        indicator_id = ids[(sid, key)]
        old = current.get((indicator_id, row.period.label))
        if old is not None:
            if _same_indicator_value(old, row):
                continue
            superseded.append(old.id)
        values.append({
            "council_id": council.id, "load_id": load.id, "superseded_by_load_id": None, "indicator_id": indicator_id,
            "period": row.period.label, "period_kind": row.period.kind, "period_end": row.period.end,
            "financial_year": row.period.financial_year,
            "target_text": row.target.text[:500], "target_value": row.target.number,
            "actual_text": row.actual.text[:500], "actual_value": row.actual.number,
            "polarity": row.polarity, "tolerance": row.tolerance, "commentary": row.commentary,
            "override_band": row.override, "override_reason": row.override_reason,
            "frequency": row.frequency, "cumulative": row.cumulative, "for_information": row.for_information,
            "source_cell": f"KPIs!{row.cell}",
        })
    for start in range(0, len(superseded), 5000):  # within every database's limit on bound parameters
        session.execute(sa.update(IndicatorValue).where(IndicatorValue.id.in_(superseded[start:start + 5000]))
                        .values(superseded_by_load_id=load.id).execution_options(synchronize_session=False))
    if values:
        bulk_insert(session, IndicatorValue, values)
    if superseded or new:
        session.expire_all()  # rows changed behind the ORM's back


def bulk_insert(session: Session, model: type, rows: list[dict[str, Any]], *, returning_ids: bool = False) -> list[int]:
    """Insert many rows in one executemany on the database driver; with `returning_ids`, their new ids in order.

    SQLAlchemy's bulk insert converts each of the 950,000 values of a national KPI return through
    its type machinery one by one, which took longer than reading the workbook. Here each column's
    own conversion (the same bind processor SQLAlchemy would use: ExactDecimal's exact text on
    SQLite, dates as ISO text) runs once per distinct value, and the driver gets plain tuples.
    Every column but the id must be given, so no default is silently skipped.
    """
    table = model.__table__  # type: ignore[attr-defined]
    columns = [column for column in table.columns if not column.primary_key]
    missing = {column.name for column in columns} - set(rows[0])
    if missing:
        raise ValueError(f"bulk_insert into {table.name} is missing {sorted(missing)}")
    connection = session.connection()
    dialect = connection.dialect
    statement = sa.insert(table)
    if returning_ids:  # a few thousand new indicators: SQLAlchemy's own conversion, and their ids back in order
        result = connection.execute(statement.returning(table.c.id, sort_by_parameter_order=True), rows)
        return [row_id for (row_id,) in result]
    converted = []
    for column in columns:
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        values = [row[column.name] for row in rows]
        if processor is not None:  # each distinct object once: by identity, as Decimal('2.5') == Decimal('2.50') is stored as written
            seen: dict[int, Any] = {}
            values = [None if value is None else seen[id(value)] if id(value) in seen else seen.setdefault(id(value), processor(value))
                      for value in values]
        converted.append(values)
    compiled = statement.compile(dialect=dialect, column_keys=[column.name for column in columns])
    if compiled.positional:
        order = [[column.name for column in columns].index(name) for name in compiled.positiontup]  # type: ignore[union-attr]
        parameters: list[Any] = [tuple(row[i] for i in order) for row in zip(*converted, strict=True)]
    else:
        names = [column.name for column in columns]  # PostgreSQL's driver takes %(name)s parameters
        parameters = [dict(zip(names, row, strict=True)) for row in zip(*converted, strict=True)]
    connection.exec_driver_sql(str(compiled), parameters)
    return []


