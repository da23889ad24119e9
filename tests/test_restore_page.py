"""The History page through AppTest: restoring after a preview and a confirmation, the entry chosen at first, the warnings
column, and the name typed for the history remembered from page to page."""

import pytest
from sqlmodel import select

from data_layer.db import session_scope
from data_layer.models import Load
from tests.apptest_support import budget, loaded, run, tables_on
from tests.apptest_support import choose_entry as choose
from tests.conftest import database_snapshot

BUDGET = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2011/12", "2012/13"],
                     ["Finance & HR", "Finance", "2,711", "2,834"], ["Finance & HR", "Revenues", 233, 154]]}
REVISED = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"], ["Parking", 50]]}
FINAL = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "3,000"]]}
WITH_A_WRONG_TOTAL = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2013/14"], ["Finance & HR", "Finance", "2,950"],
                                 ["Finance & HR", "Revenues", 150], ["", "TOTAL", "3,200"]]}


@pytest.fixture
def app(app_on_an_empty_database):  # type: ignore[no-untyped-def]
    return app_on_an_empty_database


def rows(table, *columns) -> list:
    return table[list(columns)].values.tolist()


def test_restore_without_confirming_changes_nothing_and_confirming_restores_what_the_preview_showed(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, REVISED, "revised.xlsx")
    before = database_snapshot(db_url)
    at = choose(app("pages/history.py"), "1: budget.xlsx")
    at.button(key="restore").click()
    at = run(at)
    coming, replaced = tables_on(at)[1], tables_on(at)[2]
    assert rows(coming, "What", "Service", "Period", "What changes", "Comes back", "Replaces") == [
        ["budget", "Finance", "2012/13", "Net budget: £2,900,000 -> £2,834,000", "£2,834,000", "£2,900,000"]]
    assert rows(replaced, "Service", "Current value", "From") == [["Finance", "£2,900,000", "revised.xlsx (entry 2)"]]
    assert at.button(key="confirm_restore").proto.type == "primary"
    at = run(run(at))  # the page runs again (any other widget) and still nothing is restored
    assert database_snapshot(db_url) == before
    assert budget(db_url)[("Finance", "2012/13")] == 2900000

    at.button(key="confirm_restore").click()
    at = run(at)
    assert at.success[0].value == 'Restored 1 value from "budget.xlsx" (entry 1), replacing 1 current value, as history entry 3'
    assert budget(db_url) == {("Finance", "2011/12"): 2711000, ("Finance", "2012/13"): 2834000, ("Revenues", "2011/12"): 233000,
                              ("Revenues", "2012/13"): 154000, ("Parking", "2012/13"): 50000}  # exactly the previewed value changed
    assert list(tables_on(at)[0]["Kind"])[:1] == ["restore"]
    assert not [button for button in at.button if button.key == "confirm_restore"]  # the preview is done with


def test_a_restore_is_refused_when_the_database_changed_after_the_preview(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, REVISED, "revised.xlsx")
    at = choose(app("pages/history.py"), "1: budget.xlsx")
    at.button(key="restore").click()
    at = run(at)
    loaded(db_url, FINAL, "final.xlsx")  # another officer's load, between the preview and the confirmation
    before = database_snapshot(db_url)
    at.button(key="confirm_restore").click()
    at = run(at)
    assert any("would now change other values than the preview showed" in error.value and "nothing was restored" in error.value
               for error in at.error), [error.value for error in at.error]
    assert database_snapshot(db_url) == before
    assert rows(tables_on(at)[1], "Comes back", "Replaces") == [["£2,834,000", "£3,000,000"]]  # the new preview, to confirm again
    at.button(key="confirm_restore").click()
    at = run(at)
    assert budget(db_url)[("Finance", "2012/13")] == 2834000


def test_an_entry_with_nothing_to_restore_says_so_and_offers_no_confirmation(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    before = database_snapshot(db_url)
    at = choose(app("pages/history.py"), "1: budget.xlsx")
    at.button(key="restore").click()
    at = run(at)
    assert 'Nothing from "budget.xlsx" has been superseded, so there is nothing to restore.' in [error.value for error in at.error]
    assert not [button for button in at.button if button.key == "confirm_restore"]
    assert database_snapshot(db_url) == before


def test_the_entry_chosen_at_first_is_the_one_the_latest_replaced(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, REVISED, "revised.xlsx")
    loaded(db_url, {"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "Finance", "Aug 2012", "80%", "70%"]]},
           "kpis.xlsx")  # replaces nothing
    loaded(db_url, FINAL, "final.xlsx")  # replaces revised.xlsx's Finance
    at = app("pages/history.py")
    assert at.selectbox(key="history_entry").value.startswith("2: revised.xlsx")


def test_with_nothing_replaced_the_entry_chosen_at_first_is_the_one_before_the_latest(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, {"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "Finance", "Aug 2012", "80%", "70%"]]},
           "kpis.xlsx")
    at = app("pages/history.py")
    assert at.selectbox(key="history_entry").value.startswith("1: budget.xlsx")


def test_the_history_has_a_warnings_column_and_every_warning_in_full(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, WITH_A_WRONG_TOTAL, "budget-2013-14.xlsx")
    at = app("pages/history.py")
    history = tables_on(at)[0].set_index("Entry")
    assert history.loc[1, "Warnings"] == "none"
    assert history.loc[2, "Warnings"].startswith('1 warning: Budget!C5: the printed total "TOTAL" for 2013/14 is £3,200,000 but')
    assert len(history.loc[2, "Warnings"]) <= len("1 warning: ") + 90
    full = tables_on(at)[-1]
    assert rows(full, "Entry", "Warning") == [[2, 'Budget!C5: the printed total "TOTAL" for 2013/14 is £3,200,000 but the rows it '
                                                  "covers add up to £3,100,000"]]


def test_the_name_typed_for_the_history_is_remembered_on_every_page(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, REVISED, "revised.xlsx")
    at = app("pages/import_returns.py")
    at.text_input(key="your_name").input("Jo Smith")
    at = run(at)
    for page in ("pages/history.py", "pages/settings.py", "pages/budget.py", "pages/import_returns.py", "pages/history.py"):
        at.switch_page(page)
        at = run(at)
        if page != "pages/budget.py":
            assert at.text_input(key="your_name").value == "Jo Smith", page
    at = choose(at, "1: budget.xlsx")
    at.button(key="restore").click()
    at = run(at)
    at.button(key="confirm_restore").click()
    run(at)
    with session_scope(db_url) as session:
        assert session.exec(select(Load).order_by(Load.id.desc())).first().loaded_by == "Jo Smith"
