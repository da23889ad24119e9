"""The finance officer's pages through AppTest, with real .xlsx bytes: import, history and restore, settings."""

import pytest
from streamlit.testing.v1 import AppTest

from data_layer.db import session_scope
from data_layer.report import build_report
from tests.apptest_support import tables_on
from tests.conftest import database_snapshot, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BUDGET = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2011/12", "2012/13"],
                     ["Finance & HR", "Finance", "2,711", "2,834"], ["Finance & HR", "Revenues", 233, 154]]}
REVISED = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"]]}
BROKEN = {"Budget": [["Service", "2012/13"], ["Finance", "12,3x"], ["Revenues", "abc"]],
          "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "CS", "someday", "80%", "84%"]]}


@pytest.fixture
def app(app_on_an_empty_database):  # type: ignore[no-untyped-def]
    return app_on_an_empty_database


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files])  # its key changes after each store
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def confirm(at: AppTest) -> AppTest:
    at.button(key="confirm").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(at: AppTest) -> list:
    return tables_on(at)


def budget(db_url: str) -> dict:
    with session_scope(db_url) as session:
        return {(row["service"], row["year"]): row["net_budget"] for row in build_report(session=session)["budget"]}


def load(at_factory, sheets_or_bytes, name="budget.xlsx"):
    data = sheets_or_bytes if isinstance(sheets_or_bytes, bytes) else workbook_bytes(sheets_or_bytes)
    return confirm(upload(at_factory("pages/import_returns.py"), (name, data)))


def test_clean_return_shows_a_preview_and_stores_on_confirm(app, db_url):
    at = upload(app("pages/import_returns.py"), ("budget.xlsx", workbook_bytes(BUDGET)))
    new_values = next(t for t in tables(at) if "New value" in t and "Old value" not in t)
    assert len(new_values) == 4 and "£2,834,000" in set(new_values["New value"])
    assert budget(db_url) == {}  # nothing stored before confirming
    at = confirm(at)
    assert "Stored: budget.xlsx as history entry 1" in at.success[0].value
    assert budget(db_url)[("Finance", "2012/13")] == 2834000


def test_return_with_errors_shows_them_all_and_stores_nothing(app, db_url):
    load(app, BUDGET)
    before = database_snapshot(db_url)
    at = upload(app("pages/import_returns.py"), ("broken.xlsx", workbook_bytes(BROKEN)))
    problems = next(t for t in tables(at) if "Problem" in t)
    assert list(zip(problems["Sheet"], problems["Cell"], strict=True)) == [("Budget", "B2"), ("Budget", "B3"), ("KPIs", "C2")]
    assert problems["Problem"].iloc[0] == '"12,3x" is not an amount'
    assert problems["What is expected"].iloc[0].startswith("an amount such as 4,311")
    assert "3 problems" in at.error[0].value
    assert not [button for button in at.button if button.key == "confirm"]
    assert database_snapshot(db_url) == before


def test_superseding_return_shows_old_and_new_side_by_side(app, db_url):
    load(app, BUDGET)
    at = upload(app("pages/import_returns.py"), ("revised.xlsx", workbook_bytes(REVISED)))
    replacing = next(t for t in tables(at) if "Old value" in t)
    assert replacing[["Service", "Period", "Old value", "New value"]].values.tolist() == [["Finance", "2012/13", "£2,834,000", "£2,900,000"]]
    confirm(at)
    assert budget(db_url)[("Finance", "2012/13")] == 2900000


def test_a_new_service_name_can_be_mapped_to_an_existing_service(app, db_url):
    load(app, BUDGET)
    at = upload(app("pages/import_returns.py"), ("local-tax.xlsx", workbook_bytes(
        {"Budget": [["Council: Testshire DC"], ["Service", "2013/14"], ["Local Tax Shared Service", 160]]})))
    choice = at.selectbox(key="map|local-tax.xlsx|Local Tax Shared Service")
    assert choice.value == "A new service"
    choice.set_value("Revenues")
    at.run()
    added = next(t for t in tables(at) if "New value" in t and "Old value" not in t)
    assert list(added["Service"]) == ["Revenues"]
    confirm(at)
    assert budget(db_url)[("Revenues", "2013/14")] == 160000
    again = upload(app("pages/import_returns.py"), ("local-tax-2.xlsx", workbook_bytes(
        {"Budget": [["Council: Testshire DC"], ["Service", "2014/15"], ["Local Tax Shared Service", 170]]})))
    assert not [box for box in again.selectbox if box.key and box.key.startswith("map|")]  # the alias was saved


def test_loading_the_same_file_twice_says_so_and_stores_nothing(app, db_url):
    data = workbook_bytes(BUDGET)
    load(app, data, "budget.xlsx")
    before = database_snapshot(db_url)
    at = upload(app("pages/import_returns.py"), ("budget again.xlsx", data))
    assert "already loaded on" in tables(at)[0]["Already loaded"].iloc[0]
    assert not [button for button in at.button if button.key == "confirm"]
    assert database_snapshot(db_url) == before


def test_a_resaved_copy_with_the_same_content_stores_nothing(app, db_url):
    load(app, BUDGET, "budget.xlsx")
    before = database_snapshot(db_url)
    resaved = workbook_bytes({**BUDGET, "Notes": [["checked by J. Smith"]]})  # other bytes for certain, the same values
    at = upload(app("pages/import_returns.py"), ("budget resaved.xlsx", resaved))
    assert "all 4 values in it are already stored, unchanged" in tables(at)[0]["Already loaded"].iloc[0]
    assert not [button for button in at.button if button.key == "confirm"]
    assert database_snapshot(db_url) == before


def test_restore_puts_the_earlier_values_back(app, db_url):
    load(app, BUDGET, "budget.xlsx")
    load(app, REVISED, "revised.xlsx")
    assert budget(db_url)[("Finance", "2012/13")] == 2900000
    at = app("pages/history.py")
    at.selectbox(key="history_entry").set_value(next(o for o in at.selectbox(key="history_entry").options if o.startswith("1: budget.xlsx")))
    at.run()
    at.button(key="restore").click()
    at.run()
    at.button(key="confirm_restore").click()  # Restore shows a preview first (tests/test_restore_page.py)
    at.run()
    assert not at.exception
    assert at.success[0].value == 'Restored 1 value from "budget.xlsx" (entry 1), replacing 1 current value, as history entry 3'
    assert budget(db_url)[("Finance", "2012/13")] == 2834000
    history = tables(at)[0]
    assert list(history["Kind"])[:3] == ["restore", "return loaded", "return loaded"]


def test_history_offers_the_original_file(app, db_url):
    load(app, BUDGET, "budget.xlsx")
    at = app("pages/history.py")
    assert any(button.label == "Download the original file" for button in at.get("download_button"))


def test_a_file_over_the_size_limit_is_refused_before_reading(app, db_url, monkeypatch):
    monkeypatch.setenv("SIGHTLINE_MAX_UPLOAD_MB", "0.001")
    at = upload(app("pages/import_returns.py"), ("big.xlsx", workbook_bytes(BUDGET)))
    problems = next(t for t in tables(at) if "Problem" in t)
    assert "more than the 0 MB a return may be" in problems["Problem"].iloc[0] or "MB a return may be" in problems["Problem"].iloc[0]
    assert budget(db_url) == {}


def test_settings_changes_are_recorded_in_the_history(app, db_url):
    load(app, BUDGET)
    at = app("pages/settings.py")
    at.number_input(key="default_tolerance").set_value(5.0)
    at.radio(key="overall_rule").set_value("worst")
    at.button(key="save_bands").click()
    at.run()
    assert not at.exception
    assert "default tolerance 10% -> 5.0%" in at.success[0].value.lower()
    with session_scope(db_url) as session:
        report = build_report(session=session)
    assert (report["default_tolerance"], report["overall_rule"]) == (5, "worst")
    history = tables(app("pages/history.py"))[0]
    assert "Settings: default tolerance 10% -> 5.0%" in set(history["What"])


def test_an_alias_added_in_settings_is_used_by_the_next_return(app, db_url):
    load(app, BUDGET)
    at = app("pages/settings.py")
    at.selectbox(key="alias_service").set_value("Revenues")
    at.text_input(key="alias_text").set_value("Council Tax")
    at.button(key="add_alias").click()
    at.run()
    assert 'Alias "Council Tax" added for Revenues' in at.success[0].value
    at = upload(app("pages/import_returns.py"), ("ct.xlsx", workbook_bytes({"Budget": [["Service", "2013/14"], ["Council tax", 1]]})))
    confirm(at)
    assert budget(db_url)[("Revenues", "2013/14")] == 1000


def test_after_confirming_every_page_shows_the_new_figures_at_once(app, db_url):
    load(app, BUDGET)
    at = app("pages/budget.py")  # the budget page, cached
    next(radio for radio in at.radio if radio.label == "Show").set_value("By service")
    at.run()
    assert tables(at)[0].set_index("Service").loc["Finance", "2012/13"] == "£2,834k"
    at.switch_page("pages/import_returns.py")
    at.run()
    upload(at, ("revised.xlsx", workbook_bytes(REVISED)))
    confirm(at)
    at.switch_page("pages/budget.py")
    at.run()
    next(radio for radio in at.radio if radio.label == "Show").set_value("By service")
    at.run()
    assert tables(at)[0].set_index("Service").loc["Finance", "2012/13"] == "£2,900k"


def test_hostile_files_uploaded_together_are_refused_and_the_app_goes_on(app, db_url):
    """A decompression bomb, entity expansion and a million rows, uploaded at once through the page."""
    from tests.hostile_workbooks import billion_laughs_in_a_sheet, decompression_bomb, million_rows

    load(app, BUDGET)
    before = database_snapshot(db_url)
    at = upload(app("pages/import_returns.py"), ("bomb.xlsx", decompression_bomb()), ("laughs.xlsx", billion_laughs_in_a_sheet()),
                ("rows.xlsx", million_rows()))
    problems = " ".join(" ".join(t["Problem"]) for t in tables(at) if "Problem" in t)
    assert "would expand to 2,048 MB" in problems and "declares entities" in problems and "beyond the 200,000 rows" in problems
    assert not [button for button in at.button if button.key == "confirm"]
    assert database_snapshot(db_url) == before
    at.switch_page("pages/budget.py").run()  # the app still serves its pages
    assert not at.exception and [t.value for t in at.title] == ["Budget"]


# ------------------------------------------------------------------------ issue 15: the import's questions and outcome

def test_after_confirming_the_one_outcome_shown_is_what_was_stored_and_the_uploader_is_empty(app, db_url):
    at = confirm(upload(app("pages/import_returns.py"), ("budget.xlsx", workbook_bytes(BUDGET))))
    assert [message.value for message in at.success] == [
        "Stored: budget.xlsx as history entry 1, adding 2 new services: Finance (in Finance & HR), Revenues (in Finance & HR)"]
    assert not at.warning and not at.error and not at.info  # no "Already loaded" for the files just stored, nor any guidance
    assert not tables(at) and not [button for button in at.button if button.key == "confirm"]
    [uploader] = at.file_uploader
    assert uploader.key != "returns" and not at.session_state[uploader.key]  # a fresh, empty uploader
    at = upload(at, ("revised.xlsx", workbook_bytes(REVISED)))  # the next return goes in as the first did
    assert not at.success  # the message was said once
    confirm(at)
    assert budget(db_url)[("Finance", "2012/13")] == 2900000


SAVINGS = {"Savings": [["Council: Testshire DC"], ["Service", "2012/13", "Status"], ["Finance", 30, "on track"]]}


def test_a_replacement_shows_the_field_that_changes(app, db_url):
    load(app, SAVINGS, "savings.xlsx")
    at = upload(app("pages/import_returns.py"), ("savings-revised.xlsx", workbook_bytes(
        {"Savings": [["Council: Testshire DC"], ["Service", "2012/13", "Status"], ["Finance", 30, "at risk"]]})))
    replacing = next(t for t in tables(at) if "Old value" in t)
    assert replacing[["What", "Service", "What changes", "Old value", "New value"]].values.tolist() == [
        ["savings", "Finance", "Status: on track -> at risk", "£30,000 (on track)", "£30,000 (at risk)"]]


def services_and_directorates(db_url: str) -> dict[str, str]:
    from data_layer import repository

    with session_scope(db_url) as session:
        council = repository.council(session=session)
        frame = repository.services(session=session, council_id=council.id)
    return dict(zip(frame["service"], frame["directorate"], strict=True))


def test_a_new_service_asks_its_directorate_and_the_store_uses_the_answer(app, db_url):
    load(app, BUDGET)
    at = upload(app("pages/import_returns.py"), ("parking.xlsx", workbook_bytes(
        {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2013/14"], ["Environment", "Parking", 50]]})))
    asked = at.selectbox(key="directorate|parking.xlsx|Parking")
    assert asked.options == ["Finance & HR", "Environment", "Unassigned"]
    assert "Suggested: Environment (the return says)" in [caption.value for caption in at.caption]
    assert asked.value == "Environment"  # the return's own, unless the officer says otherwise
    asked.set_value("Finance & HR")
    at.run()
    at = confirm(at)
    assert at.success[0].value == "Stored: parking.xlsx as history entry 2, adding 1 new service: Parking (in Finance & HR)"
    assert services_and_directorates(db_url) == {"Finance": "Finance & HR", "Revenues": "Finance & HR", "Parking": "Finance & HR"}


def test_a_new_service_the_return_gives_no_directorate_defaults_to_its_other_services_one(app, db_url):
    load(app, BUDGET)
    at = upload(app("pages/import_returns.py"), ("local-tax.xlsx", workbook_bytes(
        {"Budget": [["Council: Testshire DC"], ["Service", "2013/14"], ["Revenues", 160], ["Local Tax Shared Service", 10]]})))
    asked = at.selectbox(key="directorate|local-tax.xlsx|Local Tax Shared Service")
    assert asked.value == "Finance & HR"
    assert "Suggested: Finance & HR (the return's other services are in it)" in [caption.value for caption in at.caption]
    confirm(at)
    assert services_and_directorates(db_url)["Local Tax Shared Service"] == "Finance & HR"  # not left Unassigned


def test_a_new_name_mapped_to_an_existing_service_is_not_asked_a_directorate(app, db_url):
    load(app, BUDGET)
    at = upload(app("pages/import_returns.py"), ("local-tax.xlsx", workbook_bytes(
        {"Budget": [["Council: Testshire DC"], ["Service", "2013/14"], ["Local Tax Shared Service", 160]]})))
    assert at.selectbox(key="directorate|local-tax.xlsx|Local Tax Shared Service")
    at.selectbox(key="map|local-tax.xlsx|Local Tax Shared Service").set_value("Revenues")
    at.run()
    assert not [box for box in at.selectbox if box.key and box.key.startswith("directorate|")]
    confirm(at)
    assert set(services_and_directorates(db_url)) == {"Finance", "Revenues"}


MONITORING = {"Monitoring": [["Council: Testshire DC"], ["Revenue monitoring September 2012, £000"],
                             ["Directorate", "Service", "Budget", "Forecast outturn"],
                             ["Finance & HR", "Finance", "2,834", "2,947"], ["Finance & HR", "Revenues", "154", "160"]]}


def test_monitoring_thresholds_changed_in_settings_band_the_forecasts_and_are_in_the_history(app, db_url):
    load(app, MONITORING, "september.xlsx")
    with session_scope(db_url) as session:
        before = {m["service"]: m["band"] for m in build_report(session=session)["monitoring"]}
    assert before == {"Finance": "Red", "Revenues": "Amber"}  # £113k is over £100k; £6k is 3.9%, under 5%
    at = app("pages/settings.py")
    assert any("The defaults: Amber over 0% or £50,000; Red over 5% or £100,000" in caption.value for caption in at.caption)
    at.number_input(key="variance_red_percent").set_value(3.0)
    at.number_input(key="variance_red_amount").set_value(200_000.0)
    at.button(key="save_thresholds").click()
    at.run()
    assert not at.exception
    assert "Variance thresholds: Red over 5% -> 3%, Red over £100,000 -> £200,000" in at.success[0].value
    with session_scope(db_url) as session:
        after = {m["service"]: m["band"] for m in build_report(session=session)["monitoring"]}
    assert after == {"Finance": "Red", "Revenues": "Red"}  # 3.99% and 3.9% are both over 3%
    history = tables_on(app("pages/history.py"))[0]
    assert any(what.startswith("Settings: variance thresholds") for what in history["What"])


def test_a_red_threshold_below_amber_is_refused_and_nothing_changes(app, db_url):
    load(app, MONITORING, "september.xlsx")
    before = database_snapshot(db_url)
    at = app("pages/settings.py")
    at.number_input(key="variance_amber_percent").set_value(6.0)
    at.button(key="save_thresholds").click()
    at.run()
    assert not at.exception
    assert "Red's threshold at or above Amber's" in at.error[0].value
    assert database_snapshot(db_url) == before
