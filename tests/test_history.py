"""Restoring an earlier load, and settings changes, in the data layer: both recorded in the history."""

from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer import repository, settings
from data_layer.history import (
    HistoryProblem,
    coming_back_table,
    entry_to_offer,
    plan_restore,
    replaced_table,
    restorable_entries,
    restore_load,
)
from data_layer.loader import import_workbook
from data_layer.models import Load
from data_layer.report import build_report
from data_layer.withdrawal import withdraw_load
from tests.conftest import database_snapshot, workbook_bytes

FIRST = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,834"], ["Revenues", 154]],
         "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "Finance", "Aug 2012", "80%", "70%"]],
         "Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Close the accounts"]]}
SECOND = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"]],
          "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "Finance", "Aug 2012", "80%", "85%"]],
          "Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Balance the budget"], ["Finance", "Pay on time"]]}


def stored(session, sheets, name):
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="officer")
    session.commit()
    assert outcome.stored, outcome.errors
    return outcome


def current(session):
    report = build_report(session=session)
    council = repository.council(session=session)
    objectives = list(repository.objectives(session=session, council_id=council.id)["objective"])
    return ({(r["service"], r["year"]): r["net_budget"] for r in report["budget"]},
            {r["name"]: r["band"] for r in report["indicators"]}, objectives)


def rows(table):
    return table.values.tolist()


def test_restore_brings_back_every_kind_of_value_a_later_load_superseded(session):
    first = stored(session, FIRST, "first.xlsx")
    stored(session, SECOND, "second.xlsx")
    assert current(session) == ({("Finance", "2012/13"): 2900000, ("Revenues", "2012/13"): 154000}, {"Calls": "Green"},
                                ["Balance the budget", "Pay on time"])
    outcome = restore_load(session, first.load_id, restored_by="officer")
    session.commit()
    assert outcome.restored == 3  # a budget line, an indicator value, an objective
    assert current(session) == ({("Finance", "2012/13"): 2834000, ("Revenues", "2012/13"): 154000}, {"Calls": "Red"},
                                ["Close the accounts"])
    entry = session.get(Load, outcome.load_id)
    assert (entry.kind, entry.loaded_by, entry.file_name) == ("restore", "officer", "Restore of first.xlsx (load 1)")


def test_restoring_the_later_load_again_undoes_the_restore(session):
    first = stored(session, FIRST, "first.xlsx")
    second = stored(session, SECOND, "second.xlsx")
    restore_load(session, first.load_id, restored_by="officer")
    session.commit()
    restore_load(session, second.load_id, restored_by="officer")
    session.commit()
    assert current(session)[0][("Finance", "2012/13")] == 2900000


def test_nothing_to_restore_is_said_plainly(session):
    first = stored(session, FIRST, "first.xlsx")
    with pytest.raises(HistoryProblem, match='nothing from "first.xlsx" has been superseded'):
        restore_load(session, first.load_id, restored_by="officer")
    with pytest.raises(HistoryProblem, match="there is no load 99"):
        restore_load(session, 99, restored_by="officer")


def test_settings_changes_validate_and_are_recorded(session):
    stored(session, FIRST, "first.xlsx")
    council = repository.council(session=session)
    assert settings.set_default_tolerance(session, council_id=council.id, tolerance="12.5", by="officer") == \
        "default tolerance 10% -> 12.5%"
    with pytest.raises(HistoryProblem, match="expected a percentage between 0 and 100"):
        settings.set_default_tolerance(session, council_id=council.id, tolerance="150", by="officer")
    with pytest.raises(HistoryProblem, match="expected most or worst"):
        settings.set_overall_rule(session, council_id=council.id, rule="average", by="officer")
    with pytest.raises(HistoryProblem, match='"finance" is already the name of the service Finance'):
        settings.add_alias(session, council_id=council.id, service="Revenues", alias="finance", by="officer")
    indicator = repository.indicators(session=session, council_id=council.id).iloc[0]
    settings.set_indicator_settings(session, council_id=council.id, indicator_id=indicator["indicator_id"], polarity="lower",
                                    tolerance=None, by="officer")
    session.commit()
    assert build_report(session=session)["indicators"][0]["band"] == "Green"  # 70% against 80% is met when lower is better
    entries = [load.file_name for load in session.exec(select(Load).where(Load.kind == "settings"))]
    assert entries == ["Settings: default tolerance 10% -> 12.5%", "Settings: Calls: polarity as returned, tolerance default -> "
                       "polarity lower, tolerance default"]
    assert council.default_tolerance == Decimal("12.5")


# ----------------------------------------------------------------------------- the restore's preview

def test_plan_restore_says_what_comes_back_and_what_it_replaces_and_writes_nothing(session, db_url):
    first = stored(session, FIRST, "first.xlsx")
    stored(session, SECOND, "second.xlsx")
    before = database_snapshot(db_url)
    plan = plan_restore(session, first.load_id)
    assert database_snapshot(db_url) == before
    assert [(c.what, c.service, c.period, c.value, c.current, c.current_entry) for c in plan.coming] == [
        ("budget", "Finance", "2012/13", "£2,834,000", "£2,900,000", 2),
        ("indicator: Calls", "Finance", "Aug 2012", "actual 70%, target 80%", "actual 85%, target 80%", 2),
        ("objectives", "Finance", "2012/13", "Close the accounts", "Balance the budget; Pay on time", 2)]
    assert (plan.restored, plan.replaced, plan.already_current) == (3, 4, 0)  # two objectives go for the one that comes back
    assert rows(coming_back_table(plan))[0] == ["budget", "Finance", "2012/13", "Net budget: £2,900,000 -> £2,834,000", "£2,834,000",
                                                "£2,900,000"]
    assert [c.changes for c in plan.coming] == ["Net budget: £2,900,000 -> £2,834,000", "Actual: 85% -> 70%", "Objectives: 2 -> 1"]
    assert rows(replaced_table(plan))[0] == ["budget", "Finance", "2012/13", "£2,900,000", "second.xlsx (entry 2)"]


def test_restore_does_exactly_what_the_preview_showed(session):
    first = stored(session, FIRST, "first.xlsx")
    stored(session, SECOND, "second.xlsx")
    plan = plan_restore(session, first.load_id)
    outcome = restore_load(session, first.load_id, restored_by="officer", expected=plan.coming)
    session.commit()
    assert (outcome.restored, outcome.replaced) == (3, 4)
    assert current(session) == ({("Finance", "2012/13"): 2834000, ("Revenues", "2012/13"): 154000}, {"Calls": "Red"},
                                ["Close the accounts"])
    assert outcome.message == 'restored 3 values from "first.xlsx" (entry 1), replacing 4 current values, as history entry 3'


def test_restore_refuses_when_the_values_changed_since_the_preview(session, db_url):
    first = stored(session, FIRST, "first.xlsx")
    stored(session, SECOND, "second.xlsx")
    plan = plan_restore(session, first.load_id)
    stored(session, {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "3,000"]]}, "third.xlsx")
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match="would now change other values than the preview showed"):
        restore_load(session, first.load_id, restored_by="officer", expected=plan.coming)
    session.rollback()
    assert database_snapshot(db_url) == before


def test_restoring_what_is_already_current_again_says_there_is_nothing_to_restore(session):
    first = stored(session, FIRST, "first.xlsx")
    stored(session, SECOND, "second.xlsx")
    restore_load(session, first.load_id, restored_by="officer")
    session.commit()
    with pytest.raises(HistoryProblem, match="are current again"):
        plan_restore(session, first.load_id)


def test_a_settings_entry_has_no_values_to_restore(session):
    stored(session, FIRST, "first.xlsx")
    council = repository.council(session=session)
    settings.set_default_tolerance(session, council_id=council.id, tolerance="5", by="officer")
    session.commit()
    with pytest.raises(HistoryProblem, match="is a settings change"):
        plan_restore(session, 2)


def test_a_value_that_had_none_before_comes_back_replacing_nothing(session):
    first = stored(session, {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Parking", 50]]}, "draft.xlsx")
    withdraw_load(session, first.load_id, withdrawn_by="officer")
    session.commit()
    plan = plan_restore(session, first.load_id)
    assert [(c.service, c.value, c.current) for c in plan.coming] == [("Parking", "£50,000", None)]
    assert rows(coming_back_table(plan)) == [["budget", "Parking", "2012/13", "", "£50,000", "none: nothing is current for it now"]]
    assert replaced_table(plan).empty


def test_the_entry_offered_first_is_the_newest_but_the_latest_with_values_replaced(session):
    first = stored(session, FIRST, "first.xlsx")
    stored(session, SECOND, "second.xlsx")
    council = repository.council(session=session)
    restorable = restorable_entries(session, council.id)
    assert restorable == {first.load_id}
    assert entry_to_offer([3, 2, 1], restorable) == 2  # entry 1, past entry 2 which nothing replaced
    assert entry_to_offer([3, 2, 1], set()) == 1 and entry_to_offer([1], set()) == 0


def test_a_restore_that_changes_only_a_savings_status_says_so(session):
    savings = ["Service", "2012/13", "Status"]
    first = stored(session, {"Savings": [["Council: Testshire DC"], savings, ["Finance", 30, "on track"]]}, "first.xlsx")
    stored(session, {"Savings": [["Council: Testshire DC"], savings, ["Finance", 30, "at risk"]]}, "second.xlsx")
    [coming] = plan_restore(session, first.load_id).coming
    assert (coming.changes, coming.value, coming.current) == ("Status: at risk -> on track", "£30,000 (on track)", "£30,000 (at risk)")
