"""Loading a read return: services matched, changes planned, then stored in one transaction.

`plan_load` works out, without writing, what a return will add, what it will supersede
(old and new side by side, and which fields change), which service names are new and which
directorate each would go in, which budget years it leaves partial and which polarities it
leaves assumed (load_checks), and any further errors.
`store_plan` (data_layer/store.py) writes a plan in the caller's transaction. `import_workbook` does both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session, select

from data_layer.load_checks import (
    INDICATOR_LONG_TEXT,
    AssumedPolarity,
    Coverage,
    assumed_polarities,
    budget_coverage,
    field_changes,
    indicator_value_fields,
    percent_text,
)
from data_layer.models import (
    UNASSIGNED,
    BudgetLine,
    Council,
    Directorate,
    Indicator,
    IndicatorValue,
    KeyObjective,
    Load,
    SavingsLine,
    Service,
    ServiceAlias,
    StaffFte,
)
from data_layer.returns.parsed import MonitoringRow
from data_layer.returns.workbook import (
    KpiRow,
    MoneyRow,
    ParsedReturn,
    Problem,
    ServiceRow,
    TotalCheck,
    WorkbookRefused,
    read_return,
)
from data_layer.risk_scale import RiskScale, council_scale
from data_layer.store import _current, _same_indicator_value, store_plan
from data_layer.store_in_year import diff_in_year
from data_layer.store_plans import diff_plans
from data_layer.values import format_pounds, name_key

DEFAULT_COUNCIL_NAME = "My council"
DEFAULT_LOADED_BY = "command line"


@dataclass
class Change:
    """One value a load will write: new, or superseding an earlier one."""

    what: str  # 'budget', 'savings', 'indicator', 'staff', 'objectives', 'risks'
    service: str
    period: str
    new: str
    old: str | None = None
    cell: str = ""
    changes: str = ""  # for a superseding value, the fields that change: 'Status: on track -> at risk; Commentary changed'


@dataclass(frozen=True)
class NewServiceDirectorate:
    """Where a service new to the database would go, as the preview suggests it before asking."""

    service: str  # the name as the return writes it (as in LoadOutcome.new_services)
    directorate: str  # suggested: the return's own, else the one all its other services are in, else Unassigned
    source: str  # why: 'the return says', "the return's other services are in it", 'the return does not say'
    stated: str | None = None  # the directorate the return gives it, if it gives one


@dataclass
class LoadOutcome:
    """What happened (or, in a dry run or preview, would happen) to one return."""

    file_name: str
    stored: bool = False
    load_id: int | None = None
    already_loaded: str | None = None  # the message when identical content was loaded before
    council: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    added: list[Change] = field(default_factory=list)
    superseded: list[Change] = field(default_factory=list)
    unchanged: int = 0
    new_services: list[str] = field(default_factory=list)
    new_service_directorates: list[NewServiceDirectorate] = field(default_factory=list)  # one per new service, in order
    directorates: list[str] = field(default_factory=list)  # the council's directorates already stored, to choose from
    sheets_ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors: any one refuses the workbook
    warnings: list[str] = field(default_factory=list)
    totals: list[TotalCheck] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)  # budget years the return leaves partial
    assumed_polarities: list[AssumedPolarity] = field(default_factory=list)  # indicators nothing states the polarity of
    polarities_confirmed: int = 0  # how many of them the officer confirmed or flipped when storing

    @property
    def errors(self) -> list[str]:
        """Each error as one line: 'Sheet!Cell: what is wrong: expected ...'."""
        return [str(problem) for problem in self.problems]

    @property
    def refused(self) -> bool:
        return bool(self.problems)


class _Plan:
    """The resolved content of a return, ready to store."""

    def __init__(self, session: Session, parsed: ParsedReturn, council: Council | None, council_name: str,
                 service_mapping: Mapping[str, str], directorate_choices: Mapping[str, str] | None = None) -> None:
        self.session = session
        self.parsed = parsed
        self.council = council
        self.council_name = council_name
        self.mapping = {name_key(k): v for k, v in service_mapping.items()}
        # The officer's answer for each new service (name as written -> directorate), keyed by name key in resolve().
        self.directorate_choices = {k: v.strip()[:200] for k, v in (directorate_choices or {}).items() if v and v.strip()}
        self.chosen_directorates: dict[str, str] = {}
        self.outcome = LoadOutcome(parsed.file_name, council=council_name, counts=parsed.counts,
                                   sheets_ignored=list(parsed.sheets_ignored))
        self.services: dict[str, Service] = {}
        self.aliases: dict[str, int] = {}
        self.directorates: dict[str, Directorate] = {}
        if council is not None:
            cid = council.id
            self.services = {s.name_key: s for s in session.exec(select(Service).where(Service.council_id == cid))}
            self.aliases = {a.alias_key: a.service_id for a in session.exec(select(ServiceAlias).where(ServiceAlias.council_id == cid))}
            self.directorates = {d.name_key: d for d in session.exec(select(Directorate).where(Directorate.council_id == cid))}
        self.by_id = {s.id: s for s in self.services.values()}
        # Names the return introduces: key -> (display name, directorate name or None)
        self.new_services: dict[str, tuple[str, str | None]] = {}
        self.new_aliases: dict[str, str] = {}  # alias key -> canonical service key

    def error(self, problem: Problem | str) -> None:
        self.outcome.problems.append(problem if isinstance(problem, Problem) else Problem("", "", problem))

    def canonical_key(self, name: str) -> str:
        """The name key of the service a return's name means: itself, an alias, or a mapping."""
        key = name_key(name)
        if key in self.mapping:
            return name_key(self.mapping[key])
        if key in self.new_aliases:
            return self.new_aliases[key]
        if key in self.aliases:
            return self.by_id[self.aliases[key]].name_key
        return key

    def display_name(self, key: str) -> str:
        if key in self.services:
            return self.services[key].name
        return self.new_services[key][0]

    def resolve(self) -> None:
        parsed = self.parsed
        # Services sheet first: it names services, their directorates and aliases.
        for row in parsed.services:
            key = self.canonical_key(row.name)
            if key not in self.services:
                self.new_services.setdefault(key, (row.name, row.directorate))
            for alias in row.aliases:
                alias_key = name_key(alias)
                if alias_key == key:
                    continue
                owner = self._owner_of(alias_key)
                if owner is not None and owner != key:
                    self.error(Problem("Services", row.cell, f'the alias "{alias}" already means {self.display_name(owner)}: '
                                       "expected each alias to name one service"))
                    continue
                self.new_aliases[alias_key] = key
        for row in [*parsed.budget, *parsed.savings, *parsed.kpis, *parsed.staff, *parsed.objectives, *parsed.risks,
                    *parsed.monitoring, *parsed.capital, *parsed.risk_register, *parsed.actions]:
            if row.service:
                key = self.canonical_key(row.service)
                if key not in self.services:
                    self.new_services.setdefault(key, (row.service, row.directorate))
                    if row.directorate and self.new_services[key][1] is None:
                        self.new_services[key] = (self.new_services[key][0], row.directorate)
        self.outcome.new_services = [name for name, _ in self.new_services.values()]
        self.outcome.directorates = sorted(d.name for d in self.directorates.values())
        self.outcome.new_service_directorates = self._suggested_directorates()
        # The officer's answers win over what the return says (store_plan applies them last, too).
        for written, directorate in self.directorate_choices.items():
            key = self.canonical_key(written)
            if key in self.new_services:
                self.chosen_directorates[key] = directorate
                self.new_services[key] = (self.new_services[key][0], directorate)
        self._check_duplicates(parsed.budget, "Budget")
        self._check_duplicates(parsed.savings, "Savings")
        self._check_duplicates(parsed.monitoring, "Monitoring")  # type: ignore[arg-type]
        self._check_kpi_duplicates(parsed.kpis)

    def _suggested_directorates(self) -> list[NewServiceDirectorate]:
        """For each new service: the directorate the return gives it; else the one every other service of the return is in
        (as the return says, or as stored); else Unassigned."""
        directorate_names = {d.id: d.name for d in self.directorates.values()}
        others: dict[str, str] = {}  # service key -> its directorate, for the return's services that have one
        for row in [*self.parsed.services, *self.parsed.budget, *self.parsed.savings, *self.parsed.kpis, *self.parsed.staff,
                    *self.parsed.objectives]:
            name = row.name if isinstance(row, ServiceRow) else row.service
            if not name:
                continue
            key = self.canonical_key(name)
            stored = directorate_names.get(self.services[key].directorate_id) if key in self.services else None
            directorate = row.directorate or (stored if stored != UNASSIGNED else None)
            if directorate:
                others.setdefault(key, directorate)
        suggested = []
        for key, (name, stated) in self.new_services.items():
            if stated:
                suggested.append(NewServiceDirectorate(name, stated, "the return says", stated))
                continue
            around = {name_key(d): d for k, d in others.items() if k != key}
            if len(around) == 1:
                suggested.append(NewServiceDirectorate(name, next(iter(around.values())), "the return's other services are in it"))
            else:
                suggested.append(NewServiceDirectorate(name, UNASSIGNED, "the return does not say"))
        return suggested

    def _owner_of(self, alias_key: str) -> str | None:
        if alias_key in self.services:
            return alias_key
        if alias_key in self.new_services:
            return alias_key
        if alias_key in self.aliases:
            return self.by_id[self.aliases[alias_key]].name_key
        return self.new_aliases.get(alias_key)

    def _check_duplicates(self, rows: list[MoneyRow] | list[MonitoringRow], sheet: str) -> None:
        seen: dict[tuple[str, str], MoneyRow] = {}
        for row in rows:
            key = (self.canonical_key(row.service), row.period.label)
            if key in seen and name_key(seen[key].service) != name_key(row.service):
                first = seen[key]
                self.error(Problem(sheet, row.cell, f'"{row.service}" and "{first.service}" ({first.cell}) are the same service, '
                                   f"{self.display_name(key[0])}, so {row.period.label} is given twice: expected one row per service"))
            seen.setdefault(key, row)

    def _check_kpi_duplicates(self, rows: list[KpiRow]) -> None:
        seen: dict[tuple[str, str, str], KpiRow] = {}
        for row in rows:
            key = (self.canonical_key(row.service), name_key(row.name), row.period.label)
            if key in seen and name_key(seen[key].service) != name_key(row.service):
                self.error(Problem("KPIs", row.cell, f'"{row.name}" for {row.period.label} is given twice for {self.display_name(key[0])} '
                                   f"(also {seen[key].cell}): expected one row per indicator per period"))
            seen.setdefault(key, row)


def find_council(session: Session, name: str | None) -> tuple[Council | None, str, str | None]:
    """The council a return is for: (existing council or None, its name, an error or None)."""
    councils = list(session.exec(select(Council)))
    if name:
        for council in councils:
            if council.name.casefold() == name.casefold():
                return council, council.name, None
        if councils:
            held = ", ".join(c.name for c in councils)
            return None, name, (f'this return is for "{name}" but the database holds {held}: '
                                "expected a return for that council (or a separate database for this one)")
        return None, name, None
    if len(councils) == 1:
        return councils[0], councils[0].name, None
    if not councils:
        return None, DEFAULT_COUNCIL_NAME, None
    return None, "", "the return does not say which council it is for: add a title row such as 'Council: Sevenoaks District Council'"


def stored_risk_scale(session: Session) -> RiskScale:
    """The risk scale of the council in the database (the default when there is none yet)."""
    return council_scale(session.exec(select(Council)).first())


def known_service_directorates(session: Session) -> dict[str, str]:
    """Service name keys (and alias keys) mapped to their directorate names, for totals checks."""
    directorates = {d.id: d.name for d in session.exec(select(Directorate))}
    known: dict[str, str] = {}
    services = {s.id: s for s in session.exec(select(Service))}
    for service in services.values():
        known[service.name_key] = directorates[service.directorate_id]
    for alias in session.exec(select(ServiceAlias)):
        known[alias.alias_key] = directorates[services[alias.service_id].directorate_id]
    return known


def plan_load(session: Session, parsed: ParsedReturn, *, service_mapping: Mapping[str, str] | None = None,
              directorates: Mapping[str, str] | None = None) -> _Plan:
    """Work out what storing `parsed` would do, without writing anything.

    `directorates` maps a new service's name (as written) to the directorate the officer chose for it in the preview;
    it wins over what the return says. Names that are not new services are ignored.
    """
    council, council_name, problem = find_council(session, parsed.council_name)
    plan = _Plan(session, parsed, council, council_name, service_mapping or {}, directorates)
    plan.outcome.problems.extend(parsed.errors)
    plan.outcome.warnings.extend(str(p) for p in parsed.warnings)
    plan.outcome.totals = list(parsed.totals)
    if problem:
        plan.error(problem)
        return plan
    if council is not None:
        previous = session.exec(
            select(Load).where(Load.council_id == council.id, Load.content_hash == parsed.content_hash, Load.kind == "import",
                               Load.withdrawn_by_load_id.is_(None))  # a withdrawn return may be loaded again
        ).first()
        if previous is not None:
            plan.outcome.already_loaded = (
                f"{parsed.file_name}: this content was already loaded on {previous.loaded_at:%d %b %Y at %H:%M} "
                f'as "{previous.file_name}"; nothing stored'
            )
            return plan
    for target_name in plan.mapping.values():
        if name_key(target_name) not in plan.services:
            plan.error(f'cannot map to "{target_name}": there is no such service')
    plan.resolve()
    _diff(plan)
    outcome = plan.outcome
    new_aliases = [key for key in plan.new_aliases if key not in plan.aliases] + \
        [key for key in plan.mapping if key not in plan.aliases and key not in plan.services]
    if not (outcome.problems or outcome.added or outcome.superseded or outcome.new_services or new_aliases) and outcome.unchanged:
        # A re-saved copy of a return: different bytes, same content.
        outcome.already_loaded = (f"{parsed.file_name}: all {outcome.unchanged} values in it are already stored, unchanged; "
                                  "nothing stored")
    return plan


# --------------------------------------------------------------------------------- diffing

def _money_text(amount: Decimal) -> str:
    return format_pounds(amount)


def _savings_text(amount: Decimal, status: str | None) -> str:
    """'£30,000 (at risk)': the amount, and its delivery status where given."""
    return _money_text(amount) + (f" ({status})" if status else "")


def _kpi_row_fields(row: KpiRow) -> dict[str, object]:
    return {"Actual": row.actual.text, "Target": row.target.text, "Polarity": row.polarity, "Tolerance": percent_text(row.tolerance),
            "Commentary": row.commentary, "Override": row.override, "Override reason": row.override_reason,
            "Frequency": row.frequency, "Cumulative": row.cumulative, "For information": row.for_information}


def _indicator_changes(existing: IndicatorValue, row: KpiRow) -> str:
    old, new = indicator_value_fields(existing), _kpi_row_fields(row)
    return field_changes([(label, old[label], new[label]) for label in old], long_text=INDICATOR_LONG_TEXT)


def _diff(plan: _Plan) -> None:
    """Fill the outcome's added / superseded / unchanged from the current stored facts."""
    parsed, outcome = plan.parsed, plan.outcome
    session, council = plan.session, plan.council
    current_budget: dict[tuple[str, str], BudgetLine] = {}
    current_savings: dict[tuple[str, str], SavingsLine] = {}
    current_values: dict[tuple[str, str, str], IndicatorValue] = {}
    current_staff: dict[tuple[str, str], StaffFte] = {}
    current_objectives: dict[tuple[str, str], list[KeyObjective]] = {}
    if council is not None:
        key_of = {s.id: s.name_key for s in plan.services.values()}
        current_budget = {(key_of[b.service_id], b.year): b for b in _current(session, BudgetLine, council.id)}
        current_savings = {(key_of[s.service_id], s.period): s for s in _current(session, SavingsLine, council.id)}
        indicators = {i.id: i for i in session.exec(select(Indicator).where(Indicator.council_id == council.id))}
        for value in _current(session, IndicatorValue, council.id):
            indicator = indicators[value.indicator_id]
            current_values[(key_of[indicator.service_id], indicator.name_key, value.period)] = value
        current_staff = {(key_of[f.service_id], f.year): f for f in _current(session, StaffFte, council.id)}
        for objective in _current(session, KeyObjective, council.id):
            current_objectives.setdefault((key_of[objective.service_id], objective.year), []).append(objective)

    def record(what: str, service_key: str, period: str, new: str, old: str | None, cell: str, changes: str = "") -> None:
        change = Change(what, plan.display_name(service_key), period, new, old, cell, changes)
        (outcome.superseded if old is not None else outcome.added).append(change)

    for what, rows, current in (("budget", parsed.budget, current_budget), ("savings", parsed.savings, current_savings)):
        for row in rows:
            key = (plan.canonical_key(row.service), row.period.label)
            existing = current.get(key)
            if existing is not None:
                existing_amount = existing.net_budget if what == "budget" else existing.amount
                same = existing_amount == row.amount
                if what == "savings":
                    same = same and existing.description == row.description and existing.status == row.status
                if same:
                    outcome.unchanged += 1
                    continue
                if what == "budget":
                    record(what, key[0], row.period.label, _money_text(row.amount), _money_text(existing_amount), row.cell,
                           field_changes([("Net budget", _money_text(existing_amount), _money_text(row.amount))]))
                else:
                    record(what, key[0], row.period.label, _savings_text(row.amount, row.status),
                           _savings_text(existing_amount, existing.status), row.cell,
                           field_changes([("Amount", _money_text(existing_amount), _money_text(row.amount)),
                                          ("Status", existing.status, row.status),
                                          ("Description", existing.description, row.description)], long_text=("Description",)))
            else:
                new_text = _money_text(row.amount) if what == "budget" else _savings_text(row.amount, row.status)
                record(what, key[0], row.period.label, new_text, None, row.cell)
    for row in parsed.kpis:
        service_key = plan.canonical_key(row.service)
        existing_value = current_values.get((service_key, name_key(row.name), row.period.label))
        new_text = f"{row.name}: actual {row.actual.text or 'blank'}, target {row.target.text or 'blank'}"
        if existing_value is not None:
            if _same_indicator_value(existing_value, row):
                outcome.unchanged += 1
                continue
            old_text = f"{row.name}: actual {existing_value.actual_text or 'blank'}, target {existing_value.target_text or 'blank'}"
            record("indicator", service_key, row.period.label, new_text, old_text, row.cell, _indicator_changes(existing_value, row))
        else:
            record("indicator", service_key, row.period.label, new_text, None, row.cell)
    for row in parsed.staff:
        key = (plan.canonical_key(row.service), row.year)
        existing_fte = current_staff.get(key)
        if existing_fte is not None and existing_fte.fte == row.fte:
            outcome.unchanged += 1
            continue
        record("staff", key[0], row.year, f"{row.fte} FTE", f"{existing_fte.fte} FTE" if existing_fte else None, row.cell,
               field_changes([("FTE", existing_fte.fte, row.fte)]) if existing_fte else "")
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in parsed.objectives:
        grouped.setdefault((plan.canonical_key(row.service or ""), row.year), []).append(row.text)
    for (service_key, year), texts in grouped.items():
        existing_objectives = current_objectives.get((service_key, year))
        old = [o.objective for o in sorted(existing_objectives, key=lambda o: o.position)] if existing_objectives else None
        if old == texts:
            outcome.unchanged += len(texts)
            continue
        changes = "" if not old else f"Objectives: {len(old)} -> {len(texts)}" if len(old) != len(texts) else "Objectives reworded"
        record("objectives", service_key, year, f"{len(texts)} objectives", f"{len(old)} objectives" if old else None, "", changes)
    diff_in_year(plan, lambda model: _current(session, model, council.id), record)  # type: ignore[union-attr]
    diff_plans(plan, lambda model: _current(session, model, council.id))  # type: ignore[union-attr]
    if parsed.risks:
        outcome.added.append(Change("risks", "", ", ".join(sorted({r.year for r in parsed.risks})), f"{len(parsed.risks)} risk commentaries"))
    _what_it_will_mean(plan, current_budget, indicators if council is not None else {}, current_values)


def _what_it_will_mean(plan: _Plan, current_budget: dict[tuple[str, str], BudgetLine], indicators: dict[int, Indicator],
                       current_values: dict[tuple[str, str, str], IndicatorValue]) -> None:
    """The budget years the return leaves partial (a warning too), and the indicators whose polarity it leaves assumed."""
    outcome = plan.outcome
    directorate_names = {d.id: d.name for d in plan.directorates.values()}

    def service_of(written: str) -> str:
        return plan.display_name(plan.canonical_key(written))

    def directorate_of(service: str, written: str | None) -> str:
        key = name_key(service)
        if key in plan.services:
            return directorate_names.get(plan.services[key].directorate_id, UNASSIGNED)
        return written or plan.new_services.get(key, (service, None))[1] or UNASSIGNED

    stored = [(directorate_names.get(plan.services[service_key].directorate_id, UNASSIGNED), plan.services[service_key].name, year,
               line.net_budget) for (service_key, year), line in current_budget.items()]
    outcome.coverage = budget_coverage(stored, plan.parsed.budget, service_of=service_of, directorate_of=directorate_of)
    outcome.warnings.extend(coverage.message for coverage in outcome.coverage)
    service_keys = {s.id: s.name_key for s in plan.services.values()}
    stated: dict[tuple[str, str], str | None] = {(service_keys[i.service_id], i.name_key): i.polarity for i in indicators.values() if i.polarity}
    for (service_key, indicator_key, _period), value in current_values.items():
        if value.polarity:
            stated.setdefault((service_key, indicator_key), value.polarity)
    outcome.assumed_polarities = assumed_polarities(plan.parsed.kpis, service_of=service_of, stated=stated)


# ------------------------------------------------------------------------------ one call

def import_workbook(
    session: Session,
    data: bytes,
    file_name: str,
    *,
    loaded_by: str = DEFAULT_LOADED_BY,
    strict: bool = False,
    dry_run: bool = False,
    service_mapping: Mapping[str, str] | None = None,
    polarities: Mapping[tuple[str, str], str] | None = None,
    directorates: Mapping[str, str] | None = None,
) -> LoadOutcome:
    """Read, check and (unless refused, already loaded or a dry run) store one return.

    All or nothing: any error means nothing is written. The caller's session commits.
    A file larger than the upload limit is refused before it is read. `directorates`: the directorate chosen for
    each new service (plan_load).
    """
    try:
        check_size(len(data), file_name)
        parsed = read_return(data, file_name, service_directorates=known_service_directorates(session), strict=strict,
                             risk_scale=stored_risk_scale(session))
    except WorkbookRefused as refusal:
        return LoadOutcome(file_name, problems=[Problem("", "", str(refusal))])
    plan = plan_load(session, parsed, service_mapping=service_mapping, directorates=directorates)
    if plan.outcome.problems or plan.outcome.already_loaded or dry_run:
        return plan.outcome
    store_plan(plan, loaded_by=loaded_by, original=data, polarities=polarities)
    return plan.outcome


def max_upload_bytes() -> int:
    """The largest return accepted: SIGHTLINE_MAX_UPLOAD_MB megabytes (default 20)."""
    import os

    try:
        megabytes = float(os.environ.get("SIGHTLINE_MAX_UPLOAD_MB", "20"))
    except ValueError:
        megabytes = 20.0
    return int(megabytes * 1024 * 1024)


def check_size(size: int, file_name: str) -> None:
    """Refuse, before reading, a file larger than the upload limit."""
    limit = max_upload_bytes()
    if size > limit:
        raise WorkbookRefused(
            f"{file_name}: the file is {size / 1024 / 1024:,.1f} MB, more than the {limit / 1024 / 1024:,.0f} MB a return may be; "
            "check it is the right file (an administrator can raise the limit with SIGHTLINE_MAX_UPLOAD_MB)"
        )


def import_workbooks(
    session: Session,
    files: list[tuple[str, bytes]],
    *,
    loaded_by: str,
    service_mappings: Mapping[str, Mapping[str, str]] | None = None,
    polarities: Mapping[str, Mapping[tuple[str, str], str]] | None = None,
    directorates: Mapping[str, Mapping[str, str]] | None = None,
) -> list[LoadOutcome]:
    """Store several returns in the caller's one transaction: if any is refused, nothing is stored.

    Identical content already loaded is skipped (and said so); the caller commits only when
    no outcome is refused, and rolls back otherwise.
    """
    outcomes = []
    for name, data in files:
        outcome = import_workbook(session, data, name, loaded_by=loaded_by,
                                  service_mapping=(service_mappings or {}).get(name), polarities=(polarities or {}).get(name),
                                  directorates=(directorates or {}).get(name))
        outcomes.append(outcome)
        if outcome.refused:
            session.rollback()
            return outcomes
        session.flush()
    return outcomes
