"""Withdrawing a load: taking a wrong return back out, with the earlier values it replaced back in place.

A withdrawal is a history entry itself (a Load of kind 'withdrawal'), and, like a restore, it never
deletes or un-supersedes anything: the withdrawn load's current values are superseded by the entry,
and the earlier values they had replaced are copied into new rows belonging to the entry. So the
history reads: load 1, load 2 (superseding 1), withdrawal of 2 (superseding 2, holding copies of 1).
Services, indicators and aliases the load created stay: they are not facts.

`plan_withdrawal` is the preview, computed without writing; `withdraw_load` does exactly what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
from sqlmodel import Session, select

from data_layer.history import FACT_KEYS, HistoryProblem, _new_entry, supersede_and_copy
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
from data_layer.store_in_year import capital_words, monitoring_words
from data_layer.store_plans import action_words, plan_labels, risk_words
from data_layer.values import format_pounds

WITHDRAWABLE_KINDS = ("import", "restore")


@dataclass(frozen=True)
class EarlierValue:
    """A value the withdrawn load had replaced, and that comes back: its text and where it came from."""

    value: str
    file_name: str
    entry: int  # the history entry that holds it
    withdrawn: bool = False  # that entry was itself withdrawn since (its value comes back all the same)


@dataclass(frozen=True)
class GoingValue:
    """One current value (or, for objectives and risks, one set of them) the withdrawal takes out."""

    what: str  # 'budget', 'savings', 'indicator: Calls answered', 'staff', 'objectives', 'risks', 'printed total (Budget)'
    service: str  # the service; the directorate for risks; the label for a printed total
    period: str
    value: str
    rows: int
    earlier: EarlierValue | None  # None: nothing earlier, the value simply goes
    no_earlier: str = "none: the service has no earlier value"


@dataclass
class WithdrawalPlan:
    """What withdrawing a load would do: the values that go, the earlier ones that come back, and what stays."""

    load_id: int
    file_name: str
    kind: str
    loaded_at: datetime
    loaded_by: str
    going: list[GoingValue]
    removed: int  # stored values (rows) that go
    back: int  # earlier values (rows) that come back
    left: int  # values of the load later loads already replaced: they stay as those loads set them
    _going_rows: dict[type, list[Any]] = field(default_factory=dict, repr=False)
    _back_rows: dict[type, list[Any]] = field(default_factory=dict, repr=False)


@dataclass
class WithdrawalOutcome:
    """A withdrawal done: its own history entry, what it took out and brought back, and its message for the user."""

    load_id: int  # the withdrawal's own history entry
    withdrawn_load_id: int
    removed: int
    back: int
    left: int
    message: str


# ----------------------------------------------------------------------------- the preview

def plan_withdrawal(session: Session, load_id: int) -> WithdrawalPlan:
    """What withdrawing `load_id` would take out and bring back, computed without writing anything.

    A value counts as the load's while it is current, including when an earlier withdrawal of a later
    load brought it back as a copy. Raises HistoryProblem for: no such entry; a load already withdrawn;
    a settings or withdrawal entry; a load that stored no values or none of whose values is still current.
    """
    load = _withdrawable(session, load_id)
    withdrawals = _withdrawn_targets(session, load.council_id)
    own_rows = 0
    going_rows: dict[type, list[Any]] = {}
    back_rows: dict[type, list[Any]] = {}
    for model, key in FACT_KEYS.items():
        own = list(session.exec(select(model).where(model.load_id == load_id)))
        own_rows += len(own)
        current = [row for row in own if row.superseded_by_load_id is None] + _copies_of(session, model, key, load_id, withdrawals)
        if not current:
            continue
        keys = {key(row) for row in current}
        going_rows[model] = current
        back_rows[model] = [row for row in session.exec(select(model).where(model.superseded_by_load_id == load_id)) if key(row) in keys]
    removed = sum(len(rows) for rows in going_rows.values())
    if removed == 0:
        if own_rows == 0:
            raise HistoryProblem(f'"{load.file_name}" (entry {load_id}) stored no values (only service names or aliases, which stay), '
                                 "so withdrawing it changes nothing")
        raise HistoryProblem(f'nothing of "{load.file_name}" (entry {load_id}) is still current: later loads replaced all of it, '
                             "so withdrawing it changes nothing")
    back = sum(len(rows) for rows in back_rows.values())
    return WithdrawalPlan(
        load_id=load_id, file_name=load.file_name, kind=load.kind, loaded_at=load.loaded_at, loaded_by=load.loaded_by,
        going=_describe(session, load.council_id, going_rows, back_rows, withdrawals), removed=removed, back=back,
        left=max(own_rows - removed, 0), _going_rows=going_rows, _back_rows=back_rows,
    )


def _withdrawable(session: Session, load_id: int) -> Load:
    load = session.get(Load, load_id)
    if load is None:
        raise HistoryProblem(f"there is no entry {load_id} in the history; expected the number in the History's Entry column")
    if load.kind == "settings":
        raise HistoryProblem(f'entry {load_id} is a settings change ("{load.file_name}"), not a load; '
                             "settings are changed back on the Settings page")
    if load.kind == "withdrawal":
        withdrawn = session.exec(select(Load).where(Load.withdrawn_by_load_id == load_id)).first()
        undo = f"restore entry {withdrawn.id}" if withdrawn is not None else "restore the entry it withdrew"
        raise HistoryProblem(f'entry {load_id} is itself a withdrawal ("{load.file_name}"), not a load; to undo it, {undo}; '
                             "settings are changed back on the Settings page")
    if load.kind not in WITHDRAWABLE_KINDS:
        raise HistoryProblem(f'entry {load_id} ("{load.file_name}") is a {load.kind} entry; only loads and restores can be withdrawn')
    if load.withdrawn_by_load_id is not None:
        entry = session.get(Load, load.withdrawn_by_load_id)
        when = f" on {entry.loaded_at:%d %b %Y at %H:%M} by {entry.loaded_by}" if entry is not None else ""
        raise HistoryProblem(f'"{load.file_name}" (entry {load_id}) was already withdrawn{when}, as history entry '
                             f"{load.withdrawn_by_load_id}; to bring its values back, restore entry {load_id}")
    return load


def _withdrawn_targets(session: Session, council_id: int) -> dict[int, int]:
    """Each withdrawal entry of the council, mapped to the load it withdrew."""
    rows = session.exec(select(Load.withdrawn_by_load_id, Load.id).where(Load.council_id == council_id, Load.withdrawn_by_load_id.is_not(None)))
    return {entry: target for entry, target in rows}


def _copies_of(session: Session, model: type, key: Callable[[Any], tuple], load_id: int, withdrawals: dict[int, int]) -> list[Any]:
    """The load's values that are current as copies an earlier withdrawal brought back.

    When load 3 is withdrawn, the values of load 2 it had replaced come back as copies held by the
    withdrawal entry. They are still load 2's values: withdrawing load 2 next takes them out too.
    A copy's origin is the entry holding the fact the withdrawn load had superseded, followed back
    through withdrawals of withdrawals to the load that first brought the value.
    """
    superseded: dict[int, dict[tuple, int]] = {}  # withdrawn load -> {key: the entry holding the value it had superseded}

    def origin(entry: int, fact_key: tuple) -> int | None:
        for _ in range(len(withdrawals) + 1):  # entries only ever point back in time; the bound is a safeguard
            target = withdrawals[entry]
            if target not in superseded:
                superseded[target] = {key(row): row.load_id for row in session.exec(select(model).where(model.superseded_by_load_id == target))}
            found = superseded[target].get(fact_key)
            if found not in withdrawals:
                return found
            entry = found
        return None

    copies = []
    for entry in withdrawals:
        if entry == load_id:
            continue
        copies += [row for row in session.exec(select(model).where(model.load_id == entry, model.superseded_by_load_id.is_(None)))
                   if origin(entry, key(row)) == load_id]
    return copies


def _describe(session: Session, council_id: int, going_rows: dict[type, list[Any]], back_rows: dict[type, list[Any]],
              withdrawals: dict[int, int]) -> list[GoingValue]:
    services = {s.id: s.name for s in session.exec(select(Service).where(Service.council_id == council_id))}
    directorates = {d.id: d.name for d in session.exec(select(Directorate).where(Directorate.council_id == council_id))}
    indicators = {i.id: i for i in session.exec(select(Indicator).where(Indicator.council_id == council_id))}
    entries = {load.id: load.file_name for load in session.exec(select(Load).where(Load.council_id == council_id))}
    withdrawn_entries = set(withdrawals.values())

    def labels(model: type, row: Any) -> tuple[str, str, str, str]:
        """What, service (or directorate, or label), period, and the noun for 'has no earlier value'."""
        if model is IndicatorValue:
            indicator = indicators[row.indicator_id]
            return f"indicator: {indicator.name}", services.get(indicator.service_id, ""), row.period, "indicator"
        if model is BudgetRisk:
            return "risks", directorates.get(row.directorate_id, ""), row.year, "directorate"
        if model is PrintedTotal:
            return f"printed total ({row.sheet})", row.label, row.period, "total"
        if model is CapitalScheme:
            return f"capital: {row.scheme}", services.get(row.service_id, "") or directorates.get(row.directorate_id, ""), row.period, "scheme"
        if model in (RegisteredRisk, PlannedAction):
            return (*plan_labels(model, row, services, directorates), "risk" if model is RegisteredRisk else "action")
        period = row.period if model in (SavingsLine, MonitoringLine) else row.year
        return _WHAT[model], services.get(row.service_id, ""), period, "service"

    going = []
    for model, rows in going_rows.items():  # in FACT_KEYS' order: budget, savings, indicators, ...
        key = FACT_KEYS[model]
        earlier_by_key = _grouped(back_rows.get(model, []), key)
        described = []
        for fact_key, group in _grouped(rows, key).items():
            what, service, period, noun = labels(model, group[0])
            earlier_group = earlier_by_key.get(fact_key)
            earlier = None
            if earlier_group:
                holder = earlier_group[0].load_id
                earlier = EarlierValue(_value_text(model, earlier_group), entries.get(holder, ""), holder, holder in withdrawn_entries)
            described.append(GoingValue(what, service, period, _value_text(model, group), len(group), earlier,
                                        f"none: the {noun} has no earlier value"))
        going += sorted(described, key=lambda g: (g.what, g.service, g.period))
    return going


_WHAT: dict[type, str] = {BudgetLine: "budget", SavingsLine: "savings", IndicatorValue: "indicator", StaffFte: "staff",
                          KeyObjective: "objectives", BudgetRisk: "risks", PrintedTotal: "printed total", MonitoringLine: "monitoring",
                          CapitalScheme: "capital", RegisteredRisk: "risk register", PlannedAction: "action"}


def _grouped(rows: Iterable[Any], key: Callable[[Any], tuple]) -> dict[tuple, list[Any]]:
    groups: dict[tuple, list[Any]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_text(model: type, rows: list[Any]) -> str:
    """A value as the user reads it: '£2,834,000', 'actual 92%, target 90%', '12.5 FTE', the objectives themselves."""
    first = rows[0]
    if model is BudgetLine:
        return format_pounds(first.net_budget)
    if model is SavingsLine:
        return format_pounds(first.amount) + (f": {_clip(first.description, 80)}" if first.description else "")
    if model is IndicatorValue:
        return f"actual {first.actual_text or 'blank'}, target {first.target_text or 'blank'}"
    if model is StaffFte:
        return f"{first.fte} FTE"
    if model is PrintedTotal:
        return format_pounds(first.printed)
    if model is MonitoringLine:
        return monitoring_words(first)
    if model is CapitalScheme:
        return capital_words(first)
    if model is RegisteredRisk:
        return risk_words(first)
    if model is PlannedAction:
        return action_words(first)
    if model is KeyObjective:
        return _clip("; ".join(row.objective for row in sorted(rows, key=lambda r: r.position)))
    return _clip("; ".join(f"{row.heading}: {row.commentary}" if row.heading else row.commentary
                           for row in sorted(rows, key=lambda r: r.position)))


# ----------------------------------------------------------------------------- the change

def withdraw_load(session: Session, load_id: int, *, withdrawn_by: str, expected: list[GoingValue] | None = None) -> WithdrawalOutcome:
    """Withdraw a load, exactly as `plan_withdrawal` shows, in the caller's transaction.

    A new history entry supersedes every current value of the load and holds copies of the earlier
    values they had replaced; the load is marked withdrawn by that entry. Nothing is deleted or
    un-superseded, so restoring the load later brings its values back. Raises HistoryProblem as
    `plan_withdrawal` does, and when `expected` (the preview the user confirmed) is no longer what
    would happen, because a load, restore or withdrawal came in between.
    """
    plan = plan_withdrawal(session, load_id)
    if expected is not None and plan.going != expected:
        raise HistoryProblem(f'withdrawing "{plan.file_name}" would now change other values than the preview showed '
                             "(a load, restore or withdrawal came in between): check the new preview and confirm again")
    load = session.get(Load, load_id)
    assert load is not None
    entry = _new_entry(session, council_id=load.council_id, file_name=f"Withdrawal of {load.file_name} (load {load_id})",
                       kind="withdrawal", by=withdrawn_by,
                       counts={"values removed": plan.removed, "earlier values back": plan.back,
                               "values already replaced": plan.left, "withdrawn load": load_id})
    load.withdrawn_by_load_id = entry.id
    session.add(load)
    session.flush()
    assert entry.id is not None
    supersede_and_copy(session, entry.id, superseded=plan._going_rows, copied=plan._back_rows)
    message = f'withdrew "{plan.file_name}": {plan.removed} values removed, {plan.back} earlier values back, as history entry {entry.id}'
    return WithdrawalOutcome(entry.id, load_id, plan.removed, plan.back, plan.left, message)


# ----------------------------------------------------------------------------- words and tables

def going_table(plan: WithdrawalPlan) -> pd.DataFrame:
    """'These values go': each current value of the load, and the earlier value that takes its place (or none)."""
    return pd.DataFrame({
        "What": [g.what for g in plan.going], "Service": [g.service for g in plan.going], "Period": [g.period for g in plan.going],
        "Value": [g.value for g in plan.going],
        "Earlier value back": [g.earlier.value if g.earlier else g.no_earlier for g in plan.going],
    }, columns=["What", "Service", "Period", "Value", "Earlier value back"])


def coming_back_table(plan: WithdrawalPlan) -> pd.DataFrame:
    """'These earlier values come back': each with the file and history entry it came from."""
    back = [g for g in plan.going if g.earlier is not None]
    return pd.DataFrame({
        "What": [g.what for g in back], "Service": [g.service for g in back], "Period": [g.period for g in back],
        "Value": [g.earlier.value for g in back if g.earlier], "From": [_source(g.earlier) for g in back if g.earlier],
    }, columns=["What", "Service", "Period", "Value", "From"])


def _source(earlier: EarlierValue) -> str:
    return f"{earlier.file_name} (entry {earlier.entry}" + (", since withdrawn)" if earlier.withdrawn else ")")


def left_caption(plan: WithdrawalPlan) -> str:
    """How many of the load's values later loads already replaced, which the withdrawal leaves as they are."""
    if plan.left == 0:
        return "None of this load's values has been replaced by a later load: all of them go."
    return (f"{plan.left} of this load's values {'was' if plan.left == 1 else 'were'} already replaced by later loads; "
            "they stay as those loads set them.")


def preview_lines(plan: WithdrawalPlan) -> list[str]:
    """The preview in words, for the command line."""
    lines = [f'Withdrawing entry {plan.load_id}: "{plan.file_name}", loaded {plan.loaded_at:%d %b %Y at %H:%M} by {plan.loaded_by}',
             f"These values go ({plan.removed}):"]
    lines += [f"  {g.what}, {g.service}, {g.period}: {g.value}" for g in plan.going]
    back = [g for g in plan.going if g.earlier is not None]
    lines.append(f"These earlier values come back ({plan.back}):" if back else "No earlier values come back: every value simply goes.")
    lines += [f"  {g.what}, {g.service}, {g.period}: {g.earlier.value}, from {_source(g.earlier)}" for g in back if g.earlier]
    gone = [g for g in plan.going if g.earlier is None]
    if back and gone:
        lines.append(f"These go with nothing earlier in their place ({sum(g.rows for g in gone)}):")
        lines += [f"  {g.what}, {g.service}, {g.period}: {g.no_earlier}" for g in gone]
    lines.append(f"Left as later loads set them: {plan.left} value{'' if plan.left == 1 else 's'}")
    return lines


def withdrawn_entries(session: Session, council_id: int) -> dict[int, int]:
    """Each withdrawn load of the council, mapped to the history entry that withdrew it."""
    rows = session.exec(select(Load.id, Load.withdrawn_by_load_id).where(Load.council_id == council_id, Load.withdrawn_by_load_id.is_not(None)))
    return {load_id: entry for load_id, entry in rows}


def mark_withdrawn(history: pd.DataFrame, withdrawn: dict[int, int]) -> pd.DataFrame:
    """The history table with each withdrawn load's Kind saying so: 'return loaded, withdrawn by entry 7'."""
    marked = history.copy()
    marked["Kind"] = [f"{kind}, withdrawn by entry {withdrawn[entry]}" if entry in withdrawn else kind
                      for entry, kind in zip(history["Entry"], history["Kind"], strict=True)]
    return marked


def not_withdrawable(kind: str, entry: int, withdrawn: dict[int, int]) -> str | None:
    """Why the History page offers no withdrawal for an entry, or None when it may be withdrawn (a load or restore still in place)."""
    if kind == "settings":
        return "This entry is a settings change, not a load: settings are changed back on the Settings page."
    if kind == "withdrawal":
        target = next((load for load, by in withdrawn.items() if by == entry), None)
        return ("This entry is a withdrawal: to undo it, restore the entry it withdrew"
                + (f" (entry {target})." if target is not None else "."))
    if kind not in WITHDRAWABLE_KINDS:
        return f"A {kind} entry cannot be withdrawn."
    if entry in withdrawn:
        return f"This load was withdrawn by entry {withdrawn[entry]}: restoring it brings its values back."
    return None
