"""What a return will mean once stored, said before it is: how complete its budget years are, which
indicators' polarity nothing in it states, and which fields of a value a replacement (or a restore) changes.

Pure: the loader gives the stored facts it has already read and the return as read; these say what the
preview, the command line and the load's history entry report. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from data_layer import metrics
from data_layer.polarity import higher_cue, polarity_from_name
from data_layer.returns.parsed import KpiRow, MoneyRow
from data_layer.values import HIGHER, LOWER, NUMBER, name_key

POLARITY_WORDS = {HIGHER: "higher is better", LOWER: "lower is better"}


@dataclass(frozen=True)
class Coverage:
    """A budget year of the return that, with what is stored, covers fewer services than the year before."""

    year: str
    services: int
    of: int
    compared_with: str
    words: str  # '5 of the 22 services budgeted in 2012/13 (Finance & HR 3 of 5, ...)'

    @property
    def message(self) -> str:
        return (f"Budget {self.year} covers {self.words}: {self.year} is shown as a partial year, its totals and changes compare "
                f"like with like, and pages open on the latest complete year until the rest of {self.year} is loaded")


@dataclass(frozen=True)
class AssumedPolarity:
    """An indicator whose polarity neither a Polarity column, the Settings page nor its target states."""

    service: str
    indicator: str
    polarity: str  # 'higher' or 'lower', as it will be judged
    cue: str | None  # the words of the name that say lower is better; None: the spec's default, higher is better
    higher_words: str | None = None  # words of the name that say higher is better ('within'), when there are any

    @property
    def why(self) -> str:
        if self.cue:
            return f'assumed from the name ("{self.cue}")'
        if self.higher_words:
            return f'assumed: nothing in the return states it, and the name says "{self.higher_words}"'
        return "assumed: nothing in the return states it, so higher is better"

    @property
    def judged(self) -> str:
        return POLARITY_WORDS[self.polarity]


def budget_coverage(stored: Iterable[tuple[str, str, str, Decimal]], rows: Iterable[MoneyRow], *,
                    service_of: Callable[[str], str], directorate_of: Callable[[str, str | None], str]) -> list[Coverage]:
    """The return's budget years that would be partial once stored (metrics.budget_coverage on the stored lines with the
    return's in their place). `stored` is (directorate, service, year, net budget) for the current lines; `service_of` maps a
    return's name to the stored (or new) service's name, `directorate_of` gives that service's directorate."""
    lines = {(service, year): (directorate, amount) for directorate, service, year, amount in stored}
    years = set()
    for row in rows:
        service = service_of(row.service)
        lines[(service, row.period.label)] = (directorate_of(service, row.directorate), row.amount)
        years.add(row.period.label)
    if not years:
        return []
    frame = pd.DataFrame([{"directorate": d, "service": s, "year": y, "net_budget": a} for (s, y), (d, a) in lines.items()])
    coverage = metrics.budget_coverage(frame)
    partial = coverage[coverage["year"].isin(years) & coverage["partial"].astype(bool)]
    return [Coverage(r["year"], int(r["services"]), int(r["of"]), str(r["compared_with"]), metrics.coverage_words(r))
            for _, r in partial.iterrows()]


def assumed_polarities(rows: Iterable[KpiRow], *, service_of: Callable[[str], str],
                       stated: Mapping[tuple[str, str], str | None]) -> list[AssumedPolarity]:
    """Each indicator of the return whose latest row will be judged by an assumed polarity: no Polarity cell on any of its
    rows, none stored for it (`stated`: (service key, indicator name key) -> the Settings choice or a stated polarity), and
    a target with no operator ('20', not '<20'). In the order the return lists them."""
    latest: dict[tuple[str, str], KpiRow] = {}
    said: set[tuple[str, str]] = set()
    for row in rows:
        key = (name_key(service_of(row.service)), name_key(row.name))
        if row.polarity:
            said.add(key)
        if key not in latest or row.period.end >= latest[key].period.end:
            latest[key] = row
    found = []
    for key, row in latest.items():
        if key in said or stated.get(key) or row.target.operator or row.target.kind != NUMBER or row.for_information:
            continue
        named = polarity_from_name(row.name)
        found.append(AssumedPolarity(service_of(row.service), row.name, named[0] if named else HIGHER, named[1] if named else None,
                                     None if named else higher_cue(row.name)))
    return found


def _said(value: object) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def field_changes(fields: Sequence[tuple[str, object, object]], *, long_text: Sequence[str] = ()) -> str:
    """The fields whose value differs, in words: 'Status: on track -> at risk; Commentary changed'.

    `fields` is (label, old, new); a label in `long_text` (commentary, descriptions) is said as added, removed or
    changed rather than quoted. None and '' both read 'none'; True/False 'yes'/'no'."""
    said = []
    for label, old, new in fields:
        if (None if old == "" else old) == (None if new == "" else new):
            continue
        if label in long_text:
            said.append(f"{label} added" if not old else f"{label} removed" if not new else f"{label} changed")
        else:
            said.append(f"{label}: {_said(old)} -> {_said(new)}")
    return "; ".join(said)


def percent_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value}%"


INDICATOR_LONG_TEXT = ("Commentary", "Override reason")


def indicator_value_fields(value: object) -> dict[str, object]:
    """A stored indicator value's fields as the preview names them, for field_changes."""
    v: Any = value  # an IndicatorValue (models); this module reads no database
    return {"Actual": v.actual_text, "Target": v.target_text, "Polarity": v.polarity, "Tolerance": percent_text(v.tolerance),
            "Commentary": v.commentary, "Override": v.override_band, "Override reason": v.override_reason,
            "Frequency": v.frequency, "Cumulative": v.cumulative, "For information": v.for_information}
