"""The load history's own actions: restoring an earlier load, and recording settings changes.

Both are history entries themselves (a Load of kind 'restore' or 'settings'), so the history
shows who changed what and when, and nothing is ever deleted. `plan_restore` is a restore's
preview, computed without writing; `restore_load` does exactly what it shows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlmodel import Session, select

from data_layer.load_checks import INDICATOR_LONG_TEXT, field_changes, indicator_value_fields
from data_layer.models import (
    BudgetLine,
    BudgetRisk,
    CapitalScheme,
    Directorate,
    Indicator,
    IndicatorValue,
    KeyObjective,
    Load,
    MonitoringLine,
    PlannedAction,
    PrintedTotal,
    RegisteredRisk,
    SavingsLine,
    Service,
    StaffFte,
)
from data_layer.store_in_year import capital_changes, monitoring_changes
from data_layer.store_plans import action_changes, plan_labels, risk_changes
from data_layer.values import format_pounds


class HistoryProblem(ValueError):
    """A restore or settings change that cannot be done; the message is for the user."""


# What makes two facts "the same value": a later one with the same key supersedes an earlier one.
# Objectives and risks are replaced as a set, so their key leaves out the position.
FACT_KEYS: dict[type, Callable[[Any], tuple]] = {
    BudgetLine: lambda f: (f.service_id, f.year),
    SavingsLine: lambda f: (f.service_id, f.period),
    IndicatorValue: lambda f: (f.indicator_id, f.period),
    StaffFte: lambda f: (f.service_id, f.year),
    KeyObjective: lambda f: (f.service_id, f.year),
    BudgetRisk: lambda f: (f.directorate_id, f.year),
    PrintedTotal: lambda f: (f.sheet, f.period, f.coverage_key),
    MonitoringLine: lambda f: (f.service_id, f.period),  # a later month adds to the path, replacing only its own month
    CapitalScheme: lambda f: (f.scheme_key, f.period),
    RegisteredRisk: lambda f: (f.directorate_id, f.service_id, f.reference_key, f.period),  # a later register adds to the path
    PlannedAction: lambda f: (f.directorate_id, f.service_id, f.action_key, f.period),
}
_NOT_COPIED = {"id", "load_id", "superseded_by_load_id"}
_CHUNK = 5000  # ids per UPDATE, within every database's limit on bound parameters


@dataclass(frozen=True)
class ComingBack:
    """One value (for objectives and risks, one set of them) a restore brings back, and the current one it replaces."""

    what: str  # 'budget', 'savings', 'indicator: Calls answered', 'staff', 'objectives', 'risks', 'printed total (Budget)'
    service: str  # the service; the directorate for risks; the label for a printed total
    period: str
    value: str  # the earlier value, as it comes back
    rows: int
    current: str | None  # the value current now for the same service and period, which it replaces; None: there is none
    current_entry: int | None = None  # the history entry holding the current value
    current_file: str = ""
    changes: str = ""  # the fields that change, current -> restored: 'Status: at risk -> on track', 'Commentary changed'


@dataclass
class RestorePlan:
    """What restoring an earlier entry would do: the values that come back and the current values they replace."""

    load_id: int
    file_name: str
    kind: str
    loaded_at: datetime
    loaded_by: str
    coming: list[ComingBack]
    restored: int  # stored values (rows) that come back
    replaced: int  # current values (rows) they replace
    already_current: int  # values of the entry replaced since by the very same values: nothing to bring back
    _back_rows: dict[type, list[Any]] = field(default_factory=dict, repr=False)
    _current_rows: dict[type, list[Any]] = field(default_factory=dict, repr=False)


@dataclass
class RestoreOutcome:
    load_id: int  # the restore's own history entry
    restored: int
    message: str
    replaced: int = 0


def _new_entry(session: Session, *, council_id: int, file_name: str, kind: str, by: str, counts: dict[str, Any]) -> Load:
    entry = Load.model_validate({
        "council_id": council_id, "file_name": file_name[:500], "content_hash": f"{kind}-{uuid.uuid4().hex}",
        "loaded_by": by, "kind": kind, "counts_json": json.dumps(counts), "warnings_json": "[]",
    })
    session.add(entry)
    session.flush()
    return entry


def restorable_entries(session: Session, council_id: int) -> set[int]:
    """The history entries some of whose values a later entry superseded: those a restore may bring back."""
    found: set[int] = set()
    for model in FACT_KEYS:
        found |= set(session.exec(select(model.load_id).where(model.council_id == council_id, model.superseded_by_load_id.is_not(None))
                                  .distinct()))
    return found


def entry_to_offer(entries: list[int], restorable: set[int]) -> int:
    """Which of the history's entries (newest first) to offer first, as an index: the newest but the latest that a restore
    could bring back (usually the one the latest replaced), else the one before the latest, else the only one."""
    for index, entry in enumerate(entries[1:], start=1):
        if entry in restorable:
            return index
    return 1 if len(entries) > 1 else 0


def _grouped(rows: Iterable[Any], key: Callable[[Any], tuple]) -> dict[tuple, list[Any]]:
    groups: dict[tuple, list[Any]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _content(rows: list[Any]) -> list[str]:
    """What a value (or set of values) says, leaving out which load holds it and where it was read from."""
    return sorted(repr(sorted((name, value) for name, value in row.model_dump().items() if name not in {*_NOT_COPIED, "source_cell"}))
                  for row in rows)


def plan_restore(session: Session, load_id: int) -> RestorePlan:
    """What restoring `load_id` would bring back and which current values it would replace, without writing anything.

    The entry's values that later entries superseded come back; a value now current for the same service and period
    (or indicator and period) is replaced. Values of the entry still current, and those superseded since by the very
    same values (a restore already done), are left alone. Raises HistoryProblem for: no such entry; a settings entry;
    an entry none of whose values was superseded, or all of whose superseded values are current again.
    """
    original = session.get(Load, load_id)
    if original is None:
        raise HistoryProblem(f"there is no load {load_id} in the history; expected the number in the History's Entry column")
    if original.kind == "settings":
        raise HistoryProblem(f'entry {load_id} is a settings change ("{original.file_name}"), not a load: it holds no values to '
                             "restore; settings are changed on the Settings page")
    back_rows: dict[type, list[Any]] = {}
    current_rows: dict[type, list[Any]] = {}
    superseded_any = already_current = 0
    for model, key in FACT_KEYS.items():
        superseded = list(session.exec(select(model).where(model.load_id == load_id, model.superseded_by_load_id.is_not(None))))
        if not superseded:
            continue
        superseded_any += len(superseded)
        earlier = _grouped(superseded, key)
        current = _grouped((row for row in session.exec(select(model).where(model.council_id == original.council_id,
                                                                            model.superseded_by_load_id.is_(None)))
                            if key(row) in earlier), key)
        for fact_key, rows in earlier.items():
            now = current.get(fact_key, [])
            if now and _content(now) == _content(rows):
                already_current += len(rows)
                continue
            back_rows.setdefault(model, []).extend(rows)
            current_rows.setdefault(model, []).extend(now)
    if superseded_any == 0:
        raise HistoryProblem(f'nothing from "{original.file_name}" has been superseded, so there is nothing to restore')
    if not back_rows:
        raise HistoryProblem(f'the values of "{original.file_name}" that later loads replaced are current again (the very same '
                             "values are in place), so there is nothing to restore")
    return RestorePlan(
        load_id=load_id, file_name=original.file_name, kind=original.kind, loaded_at=original.loaded_at, loaded_by=original.loaded_by,
        coming=_describe(session, original.council_id, back_rows, current_rows),
        restored=sum(len(rows) for rows in back_rows.values()), replaced=sum(len(rows) for rows in current_rows.values()),
        already_current=already_current, _back_rows=back_rows, _current_rows=current_rows,
    )


def _describe(session: Session, council_id: int, back_rows: dict[type, list[Any]], current_rows: dict[type, list[Any]]) -> list[ComingBack]:
    # withdrawal.py imports this module, so its words for a value are imported here, when first needed.
    from data_layer.withdrawal import _WHAT

    services = {s.id: s.name for s in session.exec(select(Service).where(Service.council_id == council_id))}
    directorates = {d.id: d.name for d in session.exec(select(Directorate).where(Directorate.council_id == council_id))}
    indicators = {i.id: i for i in session.exec(select(Indicator).where(Indicator.council_id == council_id))}
    entries = {load.id: load.file_name for load in session.exec(select(Load).where(Load.council_id == council_id))}

    def labels(model: type, row: Any) -> tuple[str, str, str]:
        if model is IndicatorValue:
            indicator = indicators[row.indicator_id]
            return f"indicator: {indicator.name}", services.get(indicator.service_id, ""), row.period
        if model is BudgetRisk:
            return "risks", directorates.get(row.directorate_id, ""), row.year
        if model is PrintedTotal:
            return f"printed total ({row.sheet})", row.label, row.period
        if model is CapitalScheme:
            return f"capital: {row.scheme}", services.get(row.service_id, "") or directorates.get(row.directorate_id, ""), row.period
        if model in (RegisteredRisk, PlannedAction):
            return plan_labels(model, row, services, directorates)
        return _WHAT[model], services.get(row.service_id, ""), row.period if model in (SavingsLine, MonitoringLine) else row.year

    coming = []
    for model, rows in back_rows.items():  # in FACT_KEYS' order: budget, savings, indicators, ...
        key = FACT_KEYS[model]
        now_by_key = _grouped(current_rows.get(model, []), key)
        described = []
        for fact_key, group in _grouped(rows, key).items():
            what, service, period = labels(model, group[0])
            now = now_by_key.get(fact_key)
            holder = now[0].load_id if now else None
            described.append(ComingBack(what, service, period, _value_words(model, group), len(group),
                                        _value_words(model, now) if now else None, holder, entries.get(holder, "") if holder else "",
                                        _what_changes(model, now, group) if now else ""))
        coming += sorted(described, key=lambda c: (c.what, c.service, c.period))
    return coming


def _value_words(model: type, rows: list[Any]) -> str:
    """A value as withdrawal words it, with a saving's delivery status beside its amount: '£30,000 (at risk): Shared service'."""
    from data_layer.withdrawal import _value_text

    text = _value_text(model, rows)
    if model is SavingsLine and rows[0].status:
        amount = format_pounds(rows[0].amount)
        return f"{amount} ({rows[0].status})" + text[len(amount):]
    return text


def _what_changes(model: type, now: list[Any], back: list[Any]) -> str:
    """The fields a restore changes, from the current value (`now`) to the one that comes back (`back`)."""
    old, new = now[0], back[0]
    if model is BudgetLine:
        return field_changes([("Net budget", format_pounds(old.net_budget), format_pounds(new.net_budget))])
    if model is SavingsLine:
        return field_changes([("Amount", format_pounds(old.amount), format_pounds(new.amount)), ("Status", old.status, new.status),
                              ("Description", old.description, new.description)], long_text=("Description",))
    if model is IndicatorValue:
        before, after = indicator_value_fields(old), indicator_value_fields(new)
        return field_changes([(label, before[label], after[label]) for label in before], long_text=INDICATOR_LONG_TEXT)
    if model is StaffFte:
        return field_changes([("FTE", old.fte, new.fte)])
    if model is MonitoringLine:
        return monitoring_changes(old, new)
    if model is CapitalScheme:
        return capital_changes(old, new)
    if model is RegisteredRisk:
        return risk_changes(old, new)
    if model is PlannedAction:
        return action_changes(old, new)
    if model is PrintedTotal:
        return field_changes([("Printed total", format_pounds(old.printed), format_pounds(new.printed)), ("Label", old.label, new.label)])
    noun = "Objectives" if model is KeyObjective else "Risks"
    return f"{noun}: {len(now)} -> {len(back)}" if len(now) != len(back) else f"{noun} reworded"


def supersede_and_copy(session: Session, entry_id: int, *, superseded: dict[type, list], copied: dict[type, list]) -> None:
    """The one write a restore and a withdrawal both make: the `superseded` rows are marked superseded by history entry
    `entry_id`, and copies of the `copied` rows are stored as that entry's own (current) values."""
    copies = {model: [{**{name: value for name, value in row.model_dump().items() if name not in _NOT_COPIED},
                       "load_id": entry_id, "superseded_by_load_id": None} for row in rows]
              for model, rows in copied.items() if rows}  # read before the UPDATE below changes what the ORM holds
    for model, rows in superseded.items():
        ids = [row.id for row in rows]
        for start in range(0, len(ids), _CHUNK):  # a national KPI return has 50,000 values: one UPDATE per chunk, not per row
            session.execute(sa.update(model).where(model.id.in_(ids[start:start + _CHUNK]))
                            .values(superseded_by_load_id=entry_id).execution_options(synchronize_session=False))
    for model, rows in copies.items():
        session.execute(sa.insert(model), rows)
    session.expire_all()  # rows changed behind the ORM's back


def restore_load(session: Session, load_id: int, *, restored_by: str, expected: list[ComingBack] | None = None) -> RestoreOutcome:
    """Bring back the values of an earlier load that later loads superseded, exactly as `plan_restore` shows.

    The values now current for the same keys are superseded by a new history entry, which holds
    copies of the earlier values, so the history reads: load 1, load 2 (superseding 1), restore
    of 1 (superseding 2). Values of the earlier load that are still current are left alone.
    Raises HistoryProblem as `plan_restore` does, and when `expected` (the preview the user confirmed)
    is no longer what would happen, because a load, restore or withdrawal came in between.
    """
    plan = plan_restore(session, load_id)
    if expected is not None and plan.coming != expected:
        raise HistoryProblem(f'restoring "{plan.file_name}" would now change other values than the preview showed '
                             "(a load, restore or withdrawal came in between): nothing was restored; check the new preview and "
                             "confirm again")
    original = session.get(Load, load_id)
    assert original is not None
    entry = _new_entry(session, council_id=original.council_id, file_name=f"Restore of {original.file_name} (load {load_id})",
                       kind="restore", by=restored_by,
                       counts={"restored values": plan.restored, "values replaced": plan.replaced, "restored load": load_id})
    assert entry.id is not None
    supersede_and_copy(session, entry.id, superseded=plan._current_rows, copied=plan._back_rows)
    replacing = f", replacing {_plural(plan.replaced, 'current value')}" if plan.replaced else ""
    return RestoreOutcome(entry.id, plan.restored,
                          f'restored {_plural(plan.restored, "value")} from "{plan.file_name}" (entry {load_id}){replacing}, '
                          f"as history entry {entry.id}", plan.replaced)


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


# ----------------------------------------------------------------------------- words and tables

def coming_back_table(plan: RestorePlan) -> pd.DataFrame:
    """'These values come back': each earlier value, the fields that change, and the current value it replaces (or none)."""
    return pd.DataFrame({
        "What": [c.what for c in plan.coming], "Service": [c.service for c in plan.coming], "Period": [c.period for c in plan.coming],
        "What changes": [c.changes for c in plan.coming], "Comes back": [c.value for c in plan.coming],
        "Replaces": [c.current if c.current is not None else "none: nothing is current for it now" for c in plan.coming],
    }, columns=["What", "Service", "Period", "What changes", "Comes back", "Replaces"])


def replaced_table(plan: RestorePlan) -> pd.DataFrame:
    """'These current values are replaced': each with the file and history entry it came from (it stays in the history)."""
    now = [c for c in plan.coming if c.current is not None]
    return pd.DataFrame({
        "What": [c.what for c in now], "Service": [c.service for c in now], "Period": [c.period for c in now],
        "Current value": [c.current for c in now], "From": [f"{c.current_file} (entry {c.current_entry})" for c in now],
    }, columns=["What", "Service", "Period", "Current value", "From"])


def restore_caption(plan: RestorePlan) -> str:
    """What the restore leaves alone: the entry's values still current, or current again."""
    if plan.already_current == 0:
        return "Every value of this entry that a later load replaced comes back."
    return (f"{_plural(plan.already_current, 'value')} of this entry {'is' if plan.already_current == 1 else 'are'} current again "
            "already (the very same values are in place), so they are left as they are.")


def record_settings_change(session: Session, *, council_id: int, what: str, by: str) -> Load:
    """A settings change as a history entry, e.g. 'Default tolerance 10% -> 5%'."""
    return _new_entry(session, council_id=council_id, file_name=f"Settings: {what}", kind="settings", by=by, counts={})
