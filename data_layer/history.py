"""The load history's own actions: restoring an earlier load, and recording settings changes.

Both are history entries themselves (a Load of kind 'restore' or 'settings'), so the history
shows who changed what and when, and nothing is ever deleted.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from data_layer.models import (
    BudgetLine,
    BudgetRisk,
    IndicatorValue,
    KeyObjective,
    Load,
    PrintedTotal,
    SavingsLine,
    StaffFte,
)


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
}
_NOT_COPIED = {"id", "load_id", "superseded_by_load_id"}


@dataclass
class RestoreOutcome:
    load_id: int
    restored: int
    message: str


def _new_entry(session: Session, *, council_id: int, file_name: str, kind: str, by: str, counts: dict[str, Any]) -> Load:
    entry = Load.model_validate({
        "council_id": council_id, "file_name": file_name[:500], "content_hash": f"{kind}-{uuid.uuid4().hex}",
        "loaded_by": by, "kind": kind, "counts_json": json.dumps(counts), "warnings_json": "[]",
    })
    session.add(entry)
    session.flush()
    return entry


def restore_load(session: Session, load_id: int, *, restored_by: str) -> RestoreOutcome:
    """Bring back the values of an earlier load that later loads superseded.

    The values now current for the same keys are superseded by a new history entry, which holds
    copies of the earlier values, so the history reads: load 1, load 2 (superseding 1), restore
    of 1 (superseding 2). Values of the earlier load that are still current are left alone.
    Raises HistoryProblem when there is no such load or nothing of it was superseded.
    """
    original = session.get(Load, load_id)
    if original is None:
        raise HistoryProblem(f"there is no load {load_id} in the history")
    superseded = {model: list(session.exec(select(model).where(model.load_id == load_id, model.superseded_by_load_id.is_not(None))))
                  for model in FACT_KEYS}
    total = sum(len(rows) for rows in superseded.values())
    if total == 0:
        raise HistoryProblem(f'nothing from "{original.file_name}" has been superseded, so there is nothing to restore')
    entry = _new_entry(session, council_id=original.council_id, file_name=f"Restore of {original.file_name} (load {load_id})",
                       kind="restore", by=restored_by, counts={"restored values": total, "restored load": load_id})
    for model, rows in superseded.items():
        if not rows:
            continue
        key = FACT_KEYS[model]
        keys = {key(row) for row in rows}
        current = session.exec(select(model).where(model.council_id == original.council_id, model.superseded_by_load_id.is_(None)))
        for row in current:
            if key(row) in keys:
                row.superseded_by_load_id = entry.id
                session.add(row)
        for row in rows:
            copy = {name: value for name, value in row.model_dump().items() if name not in _NOT_COPIED}
            session.add(model.model_validate({**copy, "load_id": entry.id}))
    session.flush()
    assert entry.id is not None
    return RestoreOutcome(entry.id, total, f'restored {total} values from "{original.file_name}", as history entry {entry.id}')


def record_settings_change(session: Session, *, council_id: int, what: str, by: str) -> Load:
    """A settings change as a history entry, e.g. 'Default tolerance 10% -> 5%'."""
    return _new_entry(session, council_id=council_id, file_name=f"Settings: {what}", kind="settings", by=by, counts={})
