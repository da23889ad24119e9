"""A risk register's and an action plan's loads in the history: the import preview says what changes, a wrong load is
withdrawn (the earlier register comes back) and restored, on SQLite and PostgreSQL."""

from data_layer.history import plan_restore, restore_load
from data_layer.loader import import_workbook
from data_layer.report import build_report
from data_layer.withdrawal import plan_withdrawal, withdraw_load
from tests.conftest import run_cli, workbook_bytes

HEADER = ["Risk ref", "Risk title", "Directorate", "Risk owner", "Current likelihood", "Current impact", "Target likelihood",
          "Target impact"]
DECEMBER = {
    "Risk register": [["Council: Testshire DC"], ["Directorate risk register, December 2012"], HEADER,
                      ["R1", "Funding falls", "Finance & HR", "Chief Finance Officer", "Likely (4)", "Serious (4)", 2, 3],
                      ["R2", "System fails", "Finance & HR", "Head of IT", 2, 5, 1, 5]],
    "Actions": [["Council: Testshire DC"], ["Action plan as at December 2012"], ["Ref", "Action", "Directorate", "Owner", "Due", "Status"],
                ["1", "Refresh the medium term plan", "Finance & HR", "Chief Finance Officer", "12/13: Q4", "on track"]],
}
DECEMBER_REVISED = {
    "Risk register": [["Council: Testshire DC"], ["Directorate risk register, December 2012"], HEADER,
                      ["R1", "Funding falls", "Finance & HR", "Chief Finance Officer", "Very likely (5)", "Serious (4)", 2, 3],
                      ["R2", "System fails", "Finance & HR", "Head of IT", 2, 5, 1, 5]],
}
MARCH = {
    "Risk register": [["Council: Testshire DC"], ["Directorate risk register, March 2013"], HEADER,
                      ["R1", "Funding falls", "Finance & HR", "Chief Finance Officer", 3, 4, 2, 3]],
}


def stored(session, sheets, name):  # type: ignore[no-untyped-def]
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="officer")
    session.commit()
    assert outcome.stored, [str(p) for p in outcome.problems]
    return outcome


def ratings(session) -> dict:  # type: ignore[no-untyped-def]
    return {(r["reference"], r["period"]): r["current_rating"] for r in build_report(session=session)["risks"]}


def test_the_preview_says_what_a_register_adds_and_changes(session):
    first = stored(session, DECEMBER, "december.xlsx")
    assert sorted((c.what, c.service, c.period, c.new) for c in first.added) == [
        ("action", "Finance & HR", "Dec 2012", "Refresh the medium term plan: due 12/13: Q4, on track"),
        ("risk R1", "Finance & HR", "Dec 2012", "Funding falls: current 4 x 4 = 16, target 2 x 3 = 6"),
        ("risk R2", "Finance & HR", "Dec 2012", "System fails: current 2 x 5 = 10, target 1 x 5 = 5"),
    ]
    revised = import_workbook(session, workbook_bytes(DECEMBER_REVISED), "december-revised.xlsx", dry_run=True)
    assert [(c.what, c.old, c.new) for c in revised.superseded] == [
        ("risk R1", "Funding falls: current 4 x 4 = 16, target 2 x 3 = 6", "Funding falls: current 5 x 4 = 20, target 2 x 3 = 6")]
    assert revised.superseded[0].changes == "Current: 4 x 4 = 16 -> 5 x 4 = 20"
    assert revised.unchanged == 1  # R2


def test_a_later_register_adds_its_month_and_a_revised_one_replaces_only_its_own(session):
    stored(session, DECEMBER, "december.xlsx")
    stored(session, MARCH, "march.xlsx")
    stored(session, DECEMBER_REVISED, "december-revised.xlsx")
    assert ratings(session) == {("R1", "Dec 2012"): 20, ("R2", "Dec 2012"): 10, ("R1", "Mar 2013"): 12}
    march = {r["reference"]: r for r in build_report(session=session)["risks"] if r["period"] == "Mar 2013"}
    assert (march["R1"]["previous_rating"], march["R1"]["trend"]) == (20, "falling")


def test_withdrawing_a_revised_register_brings_the_earlier_ratings_back_and_a_restore_undoes_it(session):
    stored(session, DECEMBER, "december.xlsx")
    revised = stored(session, DECEMBER_REVISED, "december-revised.xlsx").load_id
    plan = plan_withdrawal(session, revised)
    assert [(g.what, g.service, g.period, g.value, g.earlier.value if g.earlier else None) for g in plan.going] == [
        ("risk R1", "Finance & HR", "Dec 2012", "Funding falls: current 5 x 4 = 20, target 2 x 3 = 6",
         "Funding falls: current 4 x 4 = 16, target 2 x 3 = 6")]
    withdraw_load(session, revised, withdrawn_by="officer")
    session.commit()
    assert ratings(session) == {("R1", "Dec 2012"): 16, ("R2", "Dec 2012"): 10}
    back = plan_restore(session, revised)
    assert [(c.what, c.value, c.current) for c in back.coming] == [
        ("risk R1", "Funding falls: current 5 x 4 = 20, target 2 x 3 = 6", "Funding falls: current 4 x 4 = 16, target 2 x 3 = 6")]
    restore_load(session, revised, restored_by="officer")
    session.commit()
    assert ratings(session) == {("R1", "Dec 2012"): 20, ("R2", "Dec 2012"): 10}


def test_withdrawing_an_action_plan_takes_its_actions_out(session):
    load_id = stored(session, DECEMBER, "december.xlsx").load_id
    assert len(build_report(session=session)["actions"]) == 1
    plan = plan_withdrawal(session, load_id)
    assert ("action: Refresh the medium term plan", "Finance & HR", "Dec 2012") in [(g.what, g.service, g.period) for g in plan.going]
    withdraw_load(session, load_id, withdrawn_by="officer")
    session.commit()
    report = build_report(session=session)
    assert report["actions"] == [] and report["risks"] == []


def test_the_command_line_loads_a_register_and_reports_its_ratings(tmp_path, db_url):
    path = tmp_path / "december.xlsx"
    path.write_bytes(workbook_bytes(DECEMBER))
    loaded = run_cli("import", str(path), "--db", db_url)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "2 registered risks" in loaded.stdout and "1 actions" in loaded.stdout
    reported = run_cli("report", "--db", db_url)
    assert "High risks (each at its latest register)\n  R1 Funding falls (Dec 2012): 4 x 4 = 16, target 6; new" in reported.stdout
    assert "R2" not in reported.stdout.split("High risks")[1]  # 10 is Medium


def test_a_registers_source_cell_names_its_own_sheet_beside_a_budget_risks_sheet(session):
    from data_layer import repository

    both = {**DECEMBER, "Risks": [["Budget risks 2012/13"], ["Directorate", "Service", "Budget risk"], ["Finance & HR", None, "Fees fall"]]}
    stored(session, both, "both.xlsx")
    council_id = repository.council(session=session).id
    assert set(repository.risk_register(session=session, council_id=council_id)["source_cell"]) == {"Risk register!A4", "Risk register!A5"}
    assert set(repository.actions(session=session, council_id=council_id)["source_cell"]) == {"Actions!B4"}
