"""Withdrawing a load from the History page through AppTest: preview, confirm, and the pages show the earlier figures."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_support import budget, loaded, run, tables_on
from tests.apptest_support import choose_entry as choose
from tests.conftest import database_snapshot

BUDGET = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2011/12", "2012/13"],
                     ["Finance & HR", "Finance", "2,711", "2,834"], ["Finance & HR", "Revenues", 233, 154]]}
DRAFT = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"], ["Parking", 50]]}


@pytest.fixture
def app(app_on_an_empty_database):  # type: ignore[no-untyped-def]
    return app_on_an_empty_database


def tables(at: AppTest) -> list:
    return tables_on(at)


def test_withdrawing_the_later_load_shows_a_preview_then_the_earlier_figures(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, DRAFT, "draft.xlsx")
    at = choose(app("pages/history.py"), "2: draft.xlsx")
    at.button(key="withdraw").click()
    at = run(at)
    going, back = tables(at)[1], tables(at)[2]
    assert going[["Service", "Value", "Earlier value back"]].values.tolist() == [
        ["Finance", "£2,900,000", "£2,834,000"], ["Parking", "£50,000", "none: the service has no earlier value"]]
    assert back[["Service", "Value", "From"]].values.tolist() == [["Finance", "£2,834,000", "budget.xlsx (entry 1)"]]
    assert any("None of this load's values has been replaced" in caption.value for caption in at.caption)
    assert budget(db_url)[("Finance", "2012/13")] == 2900000  # nothing changed before confirming
    confirm = at.button(key="confirm_withdrawal")
    assert confirm.proto.type == "primary"
    confirm.click()
    at = run(at)
    assert at.success[0].value == 'Withdrew "draft.xlsx": 2 values removed, 1 earlier values back, as history entry 3'
    assert list(tables(at)[0]["Kind"]) == ["withdrawal", "return loaded, withdrawn by entry 3", "return loaded"]
    at.switch_page("pages/budget.py")
    at = run(at)
    next(radio for radio in at.radio if radio.label == "Show").set_value("By service")
    at = run(at)
    by_service = tables(at)[0].set_index("Service")
    assert by_service.loc["Finance", "2012/13"] == "£2,834k"
    assert "Parking" not in by_service.index


def test_the_preview_stays_when_the_page_runs_again(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    loaded(db_url, DRAFT, "draft.xlsx")
    at = choose(app("pages/history.py"), "2: draft.xlsx")
    at.button(key="withdraw").click()
    at = run(run(at))  # any other widget's rerun
    assert [button.key for button in at.button if button.key == "confirm_withdrawal"] == ["confirm_withdrawal"]
    at = choose(at, "1: budget.xlsx")  # another entry: its own preview is not asked for yet
    assert not [button for button in at.button if button.key == "confirm_withdrawal"]


def test_a_load_whose_values_were_all_replaced_says_withdrawing_changes_nothing(app, db_url):
    loaded(db_url, DRAFT, "draft.xlsx")
    loaded(db_url, {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "3,000"], ["Parking", 60]]}, "final.xlsx")
    before = database_snapshot(db_url)
    at = choose(app("pages/history.py"), "1: draft.xlsx")
    at.button(key="withdraw").click()
    at = run(at)
    assert 'Nothing of "draft.xlsx" (entry 1) is still current' in at.error[0].value
    assert not [button for button in at.button if button.key == "confirm_withdrawal"]
    assert database_snapshot(db_url) == before


def test_a_settings_entry_offers_no_withdrawal_and_says_where_settings_change(app, db_url):
    loaded(db_url, BUDGET, "budget.xlsx")
    at = app("pages/settings.py")
    at.number_input(key="default_tolerance").set_value(5.0)
    at.button(key="save_bands").click()
    run(at)
    at = choose(app("pages/history.py"), "2: Settings")
    assert not [button for button in at.button if button.key == "withdraw"]
    assert any("settings are changed back on the Settings page" in caption.value for caption in at.caption)
