"""Withdrawing a load: its values go, the earlier values they replaced come back, and nothing is deleted."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from data_layer import load_tables, repository, settings
from data_layer.db import get_engine
from data_layer.history import HistoryProblem, restore_load
from data_layer.loader import import_workbook
from data_layer.models import Load
from data_layer.report import build_report
from data_layer.withdrawal import (
    coming_back_table,
    going_table,
    mark_withdrawn,
    plan_withdrawal,
    withdraw_load,
    withdrawn_entries,
)
from tests.conftest import database_snapshot, run_cli, workbook_bytes

EARLIER = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,834"], ["Revenues", 154]]}
WRONG = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"], ["Revenues", 160], ["Parking", 50]]}
LATER = {"Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "3,000"]]}

EVERY_KIND_FIRST = {
    "Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,834"]],
    "Savings": [["Service", "2012/13"], ["Finance", 10], ["Revenues", 20], ["TOTAL", 30]],
    "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls answered", "Finance", "Aug 2012", "90%", "92%"]],
    "Staff": [["Service", "FTE", "Year"], ["Finance", 12.5, "2012/13"]],
    "Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Close the accounts"]],
    "Risks": [["Budget risks 2012/13"], ["Directorate", "Service", "Risk"], ["Housing", None, "B&B demand"]],
}
EVERY_KIND_SECOND = {
    "Budget": [["Council: Testshire DC"], ["Service", "2012/13"], ["Finance", "2,900"]],
    "Savings": [["Service", "2012/13"], ["Finance", 15], ["Revenues", 20], ["TOTAL", 35]],
    "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls answered", "Finance", "Aug 2012", "90%", "85%"]],
    "Staff": [["Service", "FTE", "Year"], ["Finance", 13, "2012/13"]],
    "Objectives": [["2012/13"], ["Service", "Objective"], ["Finance", "Balance the budget"], ["Finance", "Pay on time"]],
    "Risks": [["Budget risks 2012/13"], ["Directorate", "Service", "Risk"], ["Housing", None, "Homelessness up"]],
}


def stored(session, sheets, name):
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="officer")
    session.commit()
    assert outcome.stored, outcome.errors
    return outcome.load_id


def withdrawn(session, load_id):
    outcome = withdraw_load(session, load_id, withdrawn_by="officer")
    session.commit()
    return outcome


def budget(session):
    return {(row["service"], row["year"]): row["net_budget"] for row in build_report(session=session)["budget"]}


def council_id(session):
    return repository.council(session=session).id


def test_the_preview_lists_exactly_the_values_that_go_and_the_earlier_values_that_come_back(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    before = database_snapshot(db_url)
    plan = plan_withdrawal(session, wrong)
    session.commit()
    assert going_table(plan).values.tolist() == [
        ["budget", "Finance", "2012/13", "£2,900,000", "£2,834,000"],
        ["budget", "Parking", "2012/13", "£50,000", "none: the service has no earlier value"],
        ["budget", "Revenues", "2012/13", "£160,000", "£154,000"],
    ]
    assert coming_back_table(plan).values.tolist() == [
        ["budget", "Finance", "2012/13", "£2,834,000", "budget-2012-13.xlsx (entry 1)"],
        ["budget", "Revenues", "2012/13", "£154,000", "budget-2012-13.xlsx (entry 1)"],
    ]
    assert (plan.removed, plan.back, plan.left) == (3, 2, 0)
    assert database_snapshot(db_url) == before  # a preview writes nothing


def test_after_withdrawal_the_current_budget_is_the_earlier_one(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    expected = budget(session)
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    outcome = withdrawn(session, wrong)
    assert budget(session) == expected == {("Finance", "2012/13"): Decimal(2834000), ("Revenues", "2012/13"): Decimal(154000)}
    assert outcome.message == 'withdrew "budget-draft.xlsx": 3 values removed, 2 earlier values back, as history entry 3'
    entry = session.get(Load, outcome.load_id)
    assert (entry.kind, entry.loaded_by, entry.file_name) == ("withdrawal", "officer", "Withdrawal of budget-draft.xlsx (load 2)")
    assert session.get(Load, wrong).withdrawn_by_load_id == entry.id


def _rows_by_id(url, table):
    columns = [column["name"] for column in sa.inspect(get_engine(url)).get_columns(table)]
    with get_engine(url).connect() as connection:
        return columns, {row.id: dict(row._mapping) for row in connection.execute(sa.text(f'SELECT * FROM "{table}"'))}


def test_a_withdrawal_only_adds_rows_and_marks_superseded_and_withdrawn(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    before = database_snapshot(db_url)
    withdrawn(session, wrong)
    after = database_snapshot(db_url)
    assert set(after) == set(before)
    for table in before:
        if table in ("load", "budgetline"):
            continue
        assert after[table] == before[table], table  # services, aliases, indicators and the rest as they were
    _, loads = _rows_by_id(db_url, "load")
    _, lines = _rows_by_id(db_url, "budgetline")
    assert len(after["load"]) == len(before["load"]) + 1
    assert len(after["budgetline"]) == len(before["budgetline"]) + 2  # the two earlier values, copied
    for table, rows, changeable in (("load", loads, {"withdrawn_by_load_id"}), ("budgetline", lines, {"superseded_by_load_id"})):
        columns = [column["name"] for column in sa.inspect(get_engine(db_url)).get_columns(table)]
        for old in before[table]:
            now = rows[old[columns.index("id")]]
            changed = {name for name, value in zip(columns, old, strict=True) if now[name] != value}
            assert changed <= changeable, (table, changed)


def test_a_value_for_a_service_that_had_none_before_simply_goes(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    withdrawn(session, wrong)
    assert ("Parking", "2012/13") not in budget(session)
    assert "Parking" in set(repository.services(session=session, council_id=council_id(session))["service"])  # the service stays


def test_values_a_later_load_replaced_stay_as_it_set_them_and_are_counted(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    stored(session, LATER, "budget-final.xlsx")
    plan = plan_withdrawal(session, wrong)
    assert plan.left == 1
    assert [(g.service, g.value) for g in plan.going] == [("Parking", "£50,000"), ("Revenues", "£160,000")]
    withdrawn(session, wrong)
    assert budget(session) == {("Finance", "2012/13"): Decimal(3000000), ("Revenues", "2012/13"): Decimal(154000)}


def test_indicator_values_savings_printed_totals_staff_objectives_and_risks_withdraw_too(session):
    stored(session, EVERY_KIND_FIRST, "first.xlsx")
    wrong = stored(session, EVERY_KIND_SECOND, "second.xlsx")
    plan = plan_withdrawal(session, wrong)
    back = {g.what: (g.value, g.earlier.value) for g in plan.going}
    assert back == {
        "budget": ("£2,900,000", "£2,834,000"), "savings": ("£15,000", "£10,000"),
        "indicator: Calls answered": ("actual 85%, target 90%", "actual 92%, target 90%"), "staff": ("13 FTE", "12.5 FTE"),
        "objectives": ("Balance the budget; Pay on time", "Close the accounts"), "risks": ("Homelessness up", "B&B demand"),
        "printed total (Savings)": ("£35,000", "£30,000"),
    }
    assert (plan.removed, plan.back) == (8, 7)  # two objectives go, one comes back
    withdrawn(session, wrong)
    cid = council_id(session)
    report = build_report(session=session)
    assert [(r["name"], r["actual"], r["band"]) for r in report["indicators"]] == [("Calls answered", 92, "Green")]
    savings = repository.savings(session=session, council_id=cid)
    assert dict(zip(savings["service"], savings["amount"], strict=True)) == {"Finance": Decimal(10000), "Revenues": Decimal(20000)}
    assert list(repository.printed_totals(session=session, council_id=cid)["printed"]) == [Decimal(30000)]
    assert list(repository.staff(session=session, council_id=cid)["fte"]) == [Decimal("12.5")]
    assert list(repository.objectives(session=session, council_id=cid)["objective"]) == ["Close the accounts"]
    assert list(repository.budget_risks(session=session, council_id=cid)["commentary"]) == ["B&B demand"]


def test_withdrawing_a_load_that_does_not_exist_is_refused(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match="there is no entry 99 in the history; expected the number in the History's Entry column"):
        withdraw_load(session, 99, withdrawn_by="officer")
    session.rollback()
    assert database_snapshot(db_url) == before


def test_withdrawing_a_load_again_is_refused_saying_when_and_by_which_entry(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    entry = withdrawn(session, wrong).load_id
    before = database_snapshot(db_url)
    when = f"{session.get(Load, entry).loaded_at:%d %b %Y at %H:%M}"
    with pytest.raises(HistoryProblem) as refusal:
        withdraw_load(session, wrong, withdrawn_by="officer")
    session.rollback()
    assert str(refusal.value) == (f'"budget-draft.xlsx" (entry 2) was already withdrawn on {when} by officer, as history entry 3; '
                                  "to bring its values back, restore entry 2")
    assert database_snapshot(db_url) == before


def test_a_settings_entry_cannot_be_withdrawn(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    settings.set_default_tolerance(session, council_id=council_id(session), tolerance="5", by="officer")
    session.commit()
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match="entry 2 is a settings change .*, not a load; settings are changed back on the Settings page"):
        withdraw_load(session, 2, withdrawn_by="officer")
    session.rollback()
    assert database_snapshot(db_url) == before


def test_a_withdrawal_entry_cannot_be_withdrawn(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    entry = withdrawn(session, wrong).load_id
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match="entry 3 is itself a withdrawal .*; to undo it, restore entry 2"):
        withdraw_load(session, entry, withdrawn_by="officer")
    session.rollback()
    assert database_snapshot(db_url) == before


def test_a_load_none_of_whose_values_is_current_is_refused(session, db_url):
    wrong = stored(session, LATER, "budget-final-draft.xlsx")
    stored(session, EARLIER, "budget-2012-13.xlsx")
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match='nothing of "budget-final-draft.xlsx" \\(entry 1\\) is still current: later loads replaced all of it, '
                                             "so withdrawing it changes nothing"):
        withdraw_load(session, wrong, withdrawn_by="officer")
    session.rollback()
    assert database_snapshot(db_url) == before


def test_a_withdrawal_refuses_when_the_values_changed_since_the_preview(session, db_url):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    shown = plan_withdrawal(session, wrong).going
    stored(session, LATER, "budget-final.xlsx")  # another officer's load in between
    before = database_snapshot(db_url)
    with pytest.raises(HistoryProblem, match="would now change other values than the preview showed"):
        withdraw_load(session, wrong, withdrawn_by="officer", expected=shown)
    session.rollback()
    assert database_snapshot(db_url) == before


def test_the_same_file_loads_again_after_its_load_was_withdrawn(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    withdrawn(session, wrong)
    again = stored(session, WRONG, "budget-draft.xlsx")
    assert again != wrong
    assert budget(session)[("Finance", "2012/13")] == Decimal(2900000)


def test_restoring_a_withdrawn_load_brings_its_values_back(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    expected = budget(session)
    withdrawn(session, wrong)
    outcome = restore_load(session, wrong, restored_by="officer")
    session.commit()
    assert outcome.restored == 3
    assert budget(session) == expected


def test_withdrawing_a_restore_undoes_the_restore(session):
    first = stored(session, EARLIER, "budget-2012-13.xlsx")
    stored(session, WRONG, "budget-draft.xlsx")
    expected = budget(session)
    restore = restore_load(session, first, restored_by="officer").load_id
    session.commit()
    withdrawn(session, restore)
    assert budget(session) == expected


def test_withdrawing_the_load_before_a_withdrawn_one_brings_back_the_values_before_both(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    wronger = stored(session, LATER, "budget-final.xlsx")
    withdrawn(session, wronger)  # Finance back to the draft's £2,900,000, as a copy held by the withdrawal
    plan = plan_withdrawal(session, wrong)
    assert (plan.removed, plan.back, plan.left) == (3, 2, 0)
    withdrawn(session, wrong)
    assert budget(session) == {("Finance", "2012/13"): Decimal(2834000), ("Revenues", "2012/13"): Decimal(154000)}


def test_the_history_says_which_loads_were_withdrawn(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    withdrawn(session, wrong)
    cid = council_id(session)
    history = mark_withdrawn(load_tables.load_history_table(repository.loads(session=session, council_id=cid)),
                             withdrawn_entries(session, cid))
    assert list(history["Kind"]) == ["withdrawal", "return loaded, withdrawn by entry 3", "return loaded"]


# ----------------------------------------------------------------------------- the command line

def cli_loaded(session):
    stored(session, EARLIER, "budget-2012-13.xlsx")
    wrong = stored(session, WRONG, "budget-draft.xlsx")
    session.close()
    return wrong


def test_cli_withdraw_with_yes_prints_what_went_and_came_back(session, db_url):
    wrong = cli_loaded(session)
    result = run_cli("withdraw", str(wrong), "--yes", "--by", "J. Smith", env={"DATABASE_URL": db_url})
    assert result.returncode == 0, result.stderr
    assert "budget, Finance, 2012/13: £2,900,000" in result.stdout
    assert "budget, Finance, 2012/13: £2,834,000, from budget-2012-13.xlsx (entry 1)" in result.stdout
    assert "budget, Parking, 2012/13: none: the service has no earlier value" in result.stdout
    assert 'withdrew "budget-draft.xlsx": 3 values removed, 2 earlier values back, as history entry 3' in result.stdout
    assert budget(session)[("Finance", "2012/13")] == Decimal(2834000)
    assert session.get(Load, 3).loaded_by == "J. Smith"


def test_cli_withdraw_without_yes_and_no_terminal_shows_the_preview_and_changes_nothing(session, db_url):
    wrong = cli_loaded(session)
    before = database_snapshot(db_url)
    result = run_cli("withdraw", str(wrong), env={"DATABASE_URL": db_url}, input_text="")
    assert result.returncode == 1
    assert "These values go (3):" in result.stdout
    assert "add --yes to confirm" in result.stderr and "nothing changed" in result.stderr
    assert database_snapshot(db_url) == before


def test_cli_withdraw_of_an_unknown_load_exits_1(session, db_url):
    cli_loaded(session)
    result = run_cli("withdraw", "99", "--yes", env={"DATABASE_URL": db_url})
    assert result.returncode == 1
    assert result.stderr.strip() == "error: there is no entry 99 in the history; expected the number in the History's Entry column; nothing changed"


def test_cli_withdraw_without_a_load_number_is_bad_usage(db_url):
    result = run_cli("withdraw", "draft.xlsx", env={"DATABASE_URL": db_url})
    assert result.returncode == 2
    assert "invalid int value" in result.stderr
