"""What the import preview says before storing: which field of a replaced value changes, and where a new service goes."""

import pytest

from data_layer import repository
from data_layer.loader import import_workbook
from tests.conftest import workbook_bytes

BUDGET = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2012/13"],
                     ["Finance & HR", "Finance", "2,834"], ["Finance & HR", "Revenues", 154]]}
KPIS = ["Indicator", "Service", "Period", "Target", "Actual", "Commentary", "Override", "Override reason"]
SAVINGS = ["Service", "2012/13", "Status", "Description"]


def load(session, sheets, name="return.xlsx", **options):
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="tester", **options)
    session.commit()
    assert outcome.stored or options.get("dry_run"), outcome.errors
    return outcome


def directorates(session) -> dict[str, str]:
    services = repository.services(session=session, council_id=repository.council(session=session).id)
    return dict(zip(services["service"], services["directorate"], strict=True))


@pytest.mark.parametrize(("first", "second", "changes"), [
    ({"Budget": [["Service", "2012/13"], ["Finance", "30"]]}, {"Budget": [["Service", "2012/13"], ["Finance", "32"]]},
     "Net budget: £30,000 -> £32,000"),
    ({"Savings": [SAVINGS, ["Finance", 30, "on track", "Shared service"]]},
     {"Savings": [SAVINGS, ["Finance", 30, "at risk", "Shared service"]]}, "Status: on track -> at risk"),
    ({"Savings": [SAVINGS, ["Finance", 30, "on track", "Shared service"]]},
     {"Savings": [SAVINGS, ["Finance", 30, "on track", "Shared service with Sevenoaks"]]}, "Description changed"),
    ({"Savings": [SAVINGS, ["Finance", 30, "on track", None]]}, {"Savings": [SAVINGS, ["Finance", 25, "delivered", None]]},
     "Amount: £30,000 -> £25,000; Status: on track -> delivered"),
    ({"KPIs": [KPIS, ["Calls answered", "Finance", "Aug 2012", "90%", "85%", "Staff off sick", None, None]]},
     {"KPIs": [KPIS, ["Calls answered", "Finance", "Aug 2012", "90%", "85%", "Two staff off sick; cover from September", None, None]]},
     "Commentary changed"),
    ({"KPIs": [KPIS, ["Calls answered", "Finance", "Aug 2012", "90%", "85%", None, None, None]]},
     {"KPIs": [KPIS, ["Calls answered", "Finance", "Aug 2012", "90%", "88%", "Improving", None, None]]},
     "Actual: 85% -> 88%; Commentary added"),
    ({"KPIs": [KPIS, ["Calls answered", "Finance", "Aug 2012", "90%", "85%", None, None, None]]},
     {"KPIs": [KPIS, ["Calls answered", "Finance", "Aug 2012", "90%", "85%", None, "Green", "New phone system from Sept"]]},
     "Override: none -> Green; Override reason added"),
    ({"Staff": [["Service", "FTE", "Year"], ["Finance", 12.5, "2012/13"]]}, {"Staff": [["Service", "FTE", "Year"], ["Finance", 13, "2012/13"]]},
     "FTE: 12.5 -> 13"),
    ({"Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Close the accounts"]]},
     {"Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Balance the budget"], ["Finance", "Pay on time"]]},
     "Objectives: 1 -> 2"),
    ({"Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Close the accounts"]]},
     {"Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Close the accounts by June"]]}, "Objectives reworded"),
], ids=["budget", "savings status", "savings description", "savings amount and status", "indicator commentary",
        "indicator actual and commentary", "indicator override", "staff", "objectives added", "objectives reworded"])
def test_a_replacement_says_which_field_changes(session, first, second, changes):
    load(session, {"Budget": [["Council: Testshire DC"], ["Service", "2011/12"], ["Finance", "1"]], **first}, "first.xlsx")
    outcome = load(session, {"Budget": [["Council: Testshire DC"], ["Service", "2011/12"], ["Finance", "1"]], **second}, "second.xlsx",
                   dry_run=True)
    assert [change.changes for change in outcome.superseded] == [changes]


def test_a_savings_value_shows_its_status_beside_the_amount(session):
    load(session, {"Savings": [SAVINGS, ["Finance", 30, "on track", None]]}, "first.xlsx")
    outcome = load(session, {"Savings": [SAVINGS, ["Finance", 30, "at risk", None]]}, "second.xlsx", dry_run=True)
    assert [(c.old, c.new) for c in outcome.superseded] == [("£30,000 (on track)", "£30,000 (at risk)")]


def test_a_new_service_is_suggested_the_directorate_the_return_gives_it(session):
    load(session, BUDGET, "budget.xlsx")
    outcome = load(session, {"Budget": [["Directorate", "Service", "2013/14"], ["Environment", "Parking", 50]]}, dry_run=True)
    [suggested] = outcome.new_service_directorates
    assert (suggested.service, suggested.directorate, suggested.source, suggested.stated) == (
        "Parking", "Environment", "the return says", "Environment")
    assert outcome.directorates == ["Finance & HR"]


def test_a_new_service_is_suggested_the_directorate_all_the_returns_other_services_are_in(session):
    load(session, BUDGET, "budget.xlsx")
    outcome = load(session, {"Budget": [["Service", "2013/14"], ["Finance", 3000], ["Revenues", 160], ["Local Tax", 10]]}, dry_run=True)
    assert [(s.service, s.directorate, s.source) for s in outcome.new_service_directorates] == [
        ("Local Tax", "Finance & HR", "the return's other services are in it")]


def test_a_new_service_among_services_of_several_directorates_is_suggested_unassigned(session):
    load(session, {"Budget": [["Directorate", "Service", "2012/13"], ["Finance & HR", "Finance", 1], ["Environment", "Waste", 2]]})
    outcome = load(session, {"Budget": [["Service", "2013/14"], ["Finance", 1], ["Waste", 2], ["Parking", 3]]}, dry_run=True)
    assert [(s.service, s.directorate, s.source) for s in outcome.new_service_directorates] == [
        ("Parking", "Unassigned", "the return does not say")]


def test_the_directorate_chosen_for_a_new_service_is_used_over_what_the_return_says(session):
    load(session, BUDGET, "budget.xlsx")
    load(session, {"Services": [["Directorate", "Service"], ["Environment", "Parking"]],
                   "Budget": [["Directorate", "Service", "2013/14"], ["Environment", "Parking", 50]]},
         directorates={"Parking": "finance & hr"})
    assert directorates(session)["Parking"] == "Finance & HR"  # the existing directorate, matched ignoring case
    council = repository.council(session=session)
    assert "Environment" not in set(repository.services(session=session, council_id=council.id)["directorate"])


def test_without_a_choice_the_command_line_still_puts_a_new_service_in_unassigned(session):
    load(session, BUDGET, "budget.xlsx")
    load(session, {"Budget": [["Service", "2013/14"], ["Finance", 3000], ["Local Tax", 10]]})
    assert directorates(session)["Local Tax"] == "Unassigned"


def test_a_choice_for_a_name_that_is_not_new_is_ignored(session):
    load(session, BUDGET, "budget.xlsx")
    load(session, {"Budget": [["Service", "2013/14"], ["Finance", 3000]]}, directorates={"Finance": "Environment", "Nowhere": "X"})
    assert directorates(session) == {"Finance": "Finance & HR", "Revenues": "Finance & HR"}
