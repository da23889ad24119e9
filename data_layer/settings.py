"""Council settings a finance officer can change, each change recorded in the history.

The default tolerance and the overall-band rule, service aliases, and per-indicator polarity
and tolerance overrides. Bad values raise HistoryProblem with a message for the user; nothing
is changed then.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from data_layer.banding import OVERALL_RULES
from data_layer.history import HistoryProblem, record_settings_change
from data_layer.models import Council, Indicator, Service, ServiceAlias
from data_layer.values import HIGHER, LOWER, name_key

RULE_WORDS = {"most": "the band most indicators hold (ties go to the worse)", "worst": "the worst band of any indicator"}


def _tolerance(value: object) -> Decimal:
    try:
        tolerance = Decimal(str(value))
    except InvalidOperation as error:
        raise HistoryProblem(f'"{value}" is not a tolerance: expected a percentage between 0 and 100, such as 10') from error
    if not Decimal(0) <= tolerance <= Decimal(100):
        raise HistoryProblem(f'"{value}" is not a tolerance: expected a percentage between 0 and 100, such as 10')
    return tolerance


def set_default_tolerance(session: Session, *, council_id: int, tolerance: object, by: str) -> str:
    council = session.get(Council, council_id)
    assert council is not None
    new = _tolerance(tolerance)
    if new == council.default_tolerance:
        return "no change"
    what = f"default tolerance {council.default_tolerance}% -> {new}%"
    council.default_tolerance = new
    session.add(council)
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what


def set_overall_rule(session: Session, *, council_id: int, rule: str, by: str) -> str:
    council = session.get(Council, council_id)
    assert council is not None
    if rule not in OVERALL_RULES:
        raise HistoryProblem(f'"{rule}" is not an overall rule: expected {" or ".join(OVERALL_RULES)}')
    if rule == council.overall_rule:
        return "no change"
    what = f"overall band rule {council.overall_rule} -> {rule}"
    council.overall_rule = rule
    session.add(council)
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what


THRESHOLD_WORDS = {"amber_percent": "Amber over % of budget", "amber_amount": "Amber over £", "red_percent": "Red over % of budget",
                   "red_amount": "Red over £"}


def _threshold(name: str, value: object) -> Decimal:
    words = "a percentage between 0 and 100, such as 5" if name.endswith("percent") else "an amount in pounds, such as 100000"
    try:
        number = Decimal(str(value).replace(",", "").replace("£", "").replace("%", "").strip())
    except InvalidOperation as error:
        raise HistoryProblem(f'"{value}" is not a threshold for {THRESHOLD_WORDS[name]}: expected {words}') from error
    if not number.is_finite() or number < 0 or (name.endswith("percent") and number > 100):
        raise HistoryProblem(f'"{value}" is not a threshold for {THRESHOLD_WORDS[name]}: expected {words}')
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()  # 3.0 is 3


def _threshold_words(name: str, value: Decimal) -> str:
    return f"{value}%" if name.endswith("percent") else f"£{value:,}"


def set_variance_thresholds(session: Session, *, council_id: int, thresholds: dict[str, object], by: str) -> str:
    """The council's Amber and Red thresholds for a forecast overspend (percent of budget, pounds); Red's must not be
    below Amber's. Unchanged values change nothing; every change is one history entry."""
    from data_layer.monitoring_metrics import DEFAULT_THRESHOLDS

    council = session.get(Council, council_id)
    assert council is not None
    new = {name: _threshold(name, value) for name, value in thresholds.items()}
    current = {name: getattr(council, f"variance_{name}") if getattr(council, f"variance_{name}") is not None
               else getattr(DEFAULT_THRESHOLDS, name) for name in THRESHOLD_WORDS}
    merged = {**current, **new}
    for kind in ("percent", "amount"):
        if merged[f"red_{kind}"] < merged[f"amber_{kind}"]:
            raise HistoryProblem(f"Red over {merged[f'red_{kind}']} is below Amber over {merged[f'amber_{kind}']}: expected Red's "
                                 "threshold at or above Amber's")
    names = {"amber_percent": "Amber over", "amber_amount": "Amber over", "red_percent": "Red over", "red_amount": "Red over"}
    changed = [f"{names[name]} {_threshold_words(name, current[name])} -> {_threshold_words(name, value)}"
               for name, value in new.items() if value != current[name]]
    if not changed:
        return "no change"
    for name, value in new.items():
        setattr(council, f"variance_{name}", value)
    session.add(council)
    what = "variance thresholds: " + ", ".join(changed)
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what


def add_alias(session: Session, *, council_id: int, service: str, alias: str, by: str) -> str:
    """Another name for a service, so returns that use it load into that service."""
    alias = " ".join(alias.split())
    key = name_key(alias)
    if not key:
        raise HistoryProblem("the alias is blank: expected another name for the service")
    target = session.exec(select(Service).where(Service.council_id == council_id, Service.name == service)).first()
    if target is None:
        raise HistoryProblem(f'there is no service "{service}"')
    clash = session.exec(select(Service).where(Service.council_id == council_id, Service.name_key == key)).first()
    if clash is not None:
        raise HistoryProblem(f'"{alias}" is already the name of the service {clash.name}: expected a name no service has')
    taken = session.exec(select(ServiceAlias).where(ServiceAlias.council_id == council_id, ServiceAlias.alias_key == key)).first()
    if taken is not None:
        owner = session.get(Service, taken.service_id)
        raise HistoryProblem(f'"{alias}" already means {owner.name if owner else "another service"}: expected each alias to name one service')
    session.add(ServiceAlias.model_validate({"council_id": council_id, "service_id": target.id, "alias": alias, "alias_key": key}))
    what = f'alias "{alias}" added for {target.name}'
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what


def remove_alias(session: Session, *, council_id: int, alias_id: int, by: str) -> str:
    alias = session.get(ServiceAlias, alias_id)
    if alias is None or alias.council_id != council_id:
        raise HistoryProblem("there is no such alias")
    service = session.get(Service, alias.service_id)
    what = f'alias "{alias.alias}" removed from {service.name if service else "its service"}'
    session.delete(alias)
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what


def set_indicator_settings(session: Session, *, council_id: int, indicator_id: int, polarity: str | None,
                           tolerance: object | None, by: str) -> str:
    """Override an indicator's polarity (higher / lower, or None for 'as the return says') and tolerance (None: the default)."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None or indicator.council_id != council_id:
        raise HistoryProblem("there is no such indicator")
    if polarity not in (None, HIGHER, LOWER):
        raise HistoryProblem(f'"{polarity}" is not a polarity: expected higher or lower')
    new_tolerance = None if tolerance in (None, "") else _tolerance(tolerance)
    if (indicator.polarity, indicator.tolerance) == (polarity, new_tolerance):
        return "no change"
    shown = lambda p, t: f"polarity {p or 'as returned'}, tolerance {f'{t}%' if t is not None else 'default'}"  # noqa: E731
    what = f"{indicator.name}: {shown(indicator.polarity, indicator.tolerance)} -> {shown(polarity, new_tolerance)}"
    indicator.polarity, indicator.tolerance = polarity, new_tolerance
    session.add(indicator)
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what


def set_risk_scale(session: Session, *, council_id: int, likelihood: str, impact: str, medium_from: object, high_from: object,
                   by: str) -> str:
    """The council's risk scale: its likelihood and impact words (lowest first, separated by ;) and where Medium and
    High start. A register already loaded keeps its scores; the bands follow the new setting. One history entry."""
    from data_layer.risk_scale import check_scale, council_scale, parse_words

    council = session.get(Council, council_id)
    assert council is not None
    current = council_scale(council)
    try:
        medium, high = int(str(medium_from).strip()), int(str(high_from).strip())
    except ValueError as error:
        raise HistoryProblem(f'"{medium_from}" / "{high_from}" are not ratings: expected whole numbers, such as 8 and 16') from error
    words = parse_words(likelihood), parse_words(impact)
    problem = check_scale(words[0], words[1], medium, high)
    if problem:
        raise HistoryProblem(problem)
    changed = []
    if words[0] != current.likelihood:
        changed.append(f"likelihood {'; '.join(current.likelihood)} -> {'; '.join(words[0])}")
    if words[1] != current.impact:
        changed.append(f"impact {'; '.join(current.impact)} -> {'; '.join(words[1])}")
    if (medium, high) != (current.medium_from, current.high_from):
        changed.append(f"Medium from {current.medium_from} -> {medium}, High from {current.high_from} -> {high}")
    if not changed:
        return "no change"
    council.risk_likelihood_words, council.risk_impact_words = "; ".join(words[0]), "; ".join(words[1])
    council.risk_medium_from, council.risk_high_from = medium, high
    session.add(council)
    what = "risk scale: " + ", ".join(changed)
    record_settings_change(session, council_id=council_id, what=what, by=by)
    return what
