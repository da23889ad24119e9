"""Restoring an earlier load, and settings changes, in the data layer: both recorded in the history."""

from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer import repository, settings
from data_layer.history import HistoryProblem, restore_load
from data_layer.loader import import_workbook
from data_layer.models import Load
from data_layer.report import build_report
from tests.conftest import workbook_bytes

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
