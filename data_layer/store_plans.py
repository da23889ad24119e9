"""The risk register and action plan of a load: what they will add or replace (for the preview), and writing them in the
load's transaction. A later register (or plan) supersedes the same risk (or action) and month only; earlier months
stay, so the pages can say whether a rating is coming down and how long an action has been late.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from data_layer.load_checks import field_changes
from data_layer.models import Council, Load, PlannedAction, RegisteredRisk, Service
from data_layer.returns.parsed import ActionRow, RiskRow, reference_key
from data_layer.values import name_key

if TYPE_CHECKING:
    from data_layer.loader import _Plan

RISK_FIELDS = ("title", "owner", "cause", "event", "consequence", "current_likelihood", "current_impact", "target_likelihood",
               "target_impact", "controls", "review", "assessment_note", "commentary")
ACTION_FIELDS = ("reference", "action", "owner", "link", "due_text", "due_date", "due_kind", "status", "percent_complete", "commentary",
                 "as_at_assumed")


def _rating(likelihood: int | None, impact: int | None) -> str:
    return f"{likelihood} x {impact} = {likelihood * impact}" if likelihood and impact else "no rating"


def risk_words(risk: RegisteredRisk | RiskRow) -> str:
    """'Governance and internal control: current 3 x 3 = 9, target 2 x 2 = 4'."""
    current = _rating(risk.current_likelihood, risk.current_impact)
    if current == "no rating" and risk.assessment_note:
        current = f"no rating ({risk.assessment_note})"
    return f"{risk.title}: current {current}, target {_rating(risk.target_likelihood, risk.target_impact)}"


def action_words(action: PlannedAction | ActionRow) -> str:
    """'Review S106 local letting criteria: due 11/12: Q4, on track'."""
    due = f"due {action.due_text}" if action.due_text else "no due date"
    return f"{action.action[:120]}: {due}" + (f", {action.status}" if action.status else "")


def risk_changes(old: Any, new: Any) -> str:
    return field_changes([
        ("Current", _rating(old.current_likelihood, old.current_impact), _rating(new.current_likelihood, new.current_impact)),
        ("Target", _rating(old.target_likelihood, old.target_impact), _rating(new.target_likelihood, new.target_impact)),
        ("Owner", old.owner, new.owner), ("Title", old.title, new.title), ("Controls", old.controls, new.controls),
    ], long_text=("Controls",))


def action_changes(old: Any, new: Any) -> str:
    return field_changes([
        ("Due", old.due_text, new.due_text), ("Status", old.status, new.status), ("Owner", old.owner, new.owner),
        ("% complete", old.percent_complete, new.percent_complete), ("Commentary", old.commentary, new.commentary),
    ], long_text=("Commentary",))


def plan_labels(model: type, row: Any, services: dict[int, str], directorates: dict[int, str]) -> tuple[str, str, str]:
    """What, whose (service, directorate or the whole council) and when, as the history and a withdrawal list them."""
    whose = services.get(row.service_id, "") or directorates.get(row.directorate_id, "") or "whole council"
    what = f"risk {row.reference}" if model is RegisteredRisk else f"action: {row.action[:60]}"
    return what, whose, row.period


def _same(old: Any, row: Any, fields: tuple[str, ...]) -> bool:
    return all(getattr(old, name) == getattr(row, name) for name in fields)


def _scope_key(plan: _Plan, row: RiskRow | ActionRow) -> str:
    """Who a risk or action belongs to, as a key: its service, else its directorate, else the whole council ('')."""
    if row.service:
        return "s:" + plan.canonical_key(row.service)
    return "d:" + name_key(row.directorate) if row.directorate else ""


def _stored_scope(plan: _Plan) -> Callable[[Any], str]:
    """The scope key of a stored risk or action (as _scope_key gives a row's)."""
    services = {s.id: s.name_key for s in plan.services.values()}
    directorates = {d.id: d.name_key for d in plan.directorates.values()}

    def key(fact: Any) -> str:
        if fact.service_id is not None:
            return "s:" + services.get(fact.service_id, "")
        return "d:" + directorates.get(fact.directorate_id, "") if fact.directorate_id is not None else ""

    return key


def diff_plans(plan: _Plan, current: Callable[[type], list[Any]]) -> None:
    """Record each registered risk and planned action the return adds or replaces; count those unchanged."""
    from data_layer.loader import Change

    outcome = plan.outcome
    if not plan.parsed.risk_register and not plan.parsed.actions:
        return
    scope = _stored_scope(plan)
    risks = {(scope(r), r.reference_key, r.period): r for r in current(RegisteredRisk)} if plan.council else {}
    for row in plan.parsed.risk_register:
        old = risks.get((_scope_key(plan, row), reference_key(row.reference), row.period.label))
        if old is not None and _same(old, row, RISK_FIELDS):
            outcome.unchanged += 1
            continue
        change = Change(f"risk {row.reference}", row.service or row.directorate or "whole council", row.period.label, risk_words(row),
                        risk_words(old) if old else None, row.cell, risk_changes(old, row) if old else "")
        (outcome.superseded if old is not None else outcome.added).append(change)
    actions = {(scope(a), a.action_key, a.period): a for a in current(PlannedAction)} if plan.council else {}
    for row in plan.parsed.actions:
        old = actions.get((_scope_key(plan, row), row.key, row.as_at.label))
        if old is not None and _same(old, row, ACTION_FIELDS):
            outcome.unchanged += 1
            continue
        change = Change("action", row.service or row.directorate or "whole council", row.as_at.label, action_words(row),
                        action_words(old) if old else None, row.cell, action_changes(old, row) if old else "")
        (outcome.superseded if old is not None else outcome.added).append(change)


def store_plans(plan: _Plan, council: Council, load: Load, services: dict[str, Service], current: Callable[[type], list[Any]],
                supersede: Callable[[list[Any]], None], directorate_id: Callable[[str | None], int]) -> None:
    """Write the return's register and action plan, superseding the same risk (or action) and month only."""
    session = plan.session
    common = {"council_id": council.id, "load_id": load.id}

    def owner_ids(row: RiskRow | ActionRow) -> dict[str, int | None]:
        if row.service:
            service = services[plan.canonical_key(row.service)]
            return {"service_id": service.id, "directorate_id": service.directorate_id}
        return {"service_id": None, "directorate_id": directorate_id(row.directorate) if row.directorate else None}

    scope = _stored_scope(plan)
    if plan.parsed.risk_register:
        risks = {(scope(r), r.reference_key, r.period): r for r in current(RegisteredRisk)}
        for row in plan.parsed.risk_register:
            old = risks.get((_scope_key(plan, row), reference_key(row.reference), row.period.label))
            if old is not None and _same(old, row, RISK_FIELDS):
                continue
            supersede([old] if old else [])
            session.add(RegisteredRisk.model_validate({
                **common, **owner_ids(row), "reference": row.reference, "reference_key": reference_key(row.reference),
                "period": row.period.label, "period_end": row.period.end, **{name: getattr(row, name) for name in RISK_FIELDS},
                "source_cell": f"{row.sheet}!{row.cell}"[:40],
            }))
    if plan.parsed.actions:
        actions = {(scope(a), a.action_key, a.period): a for a in current(PlannedAction)}
        for row in plan.parsed.actions:
            old = actions.get((_scope_key(plan, row), row.key, row.as_at.label))
            if old is not None and _same(old, row, ACTION_FIELDS):
                continue
            supersede([old] if old else [])
            session.add(PlannedAction.model_validate({
                **common, **owner_ids(row), "action_key": row.key, "period": row.as_at.label, "as_at": row.as_at.end,
                **{name: getattr(row, name) for name in ACTION_FIELDS}, "source_cell": f"{row.sheet}!{row.cell}"[:40],
            }))

