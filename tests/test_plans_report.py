"""The Kent register through `report --json`, as the issue asks: the paper's ratings, current and target, and no
rating for the risk still being assessed; the actions with their due dates and overdue worked out."""

import json

from tests.conftest import run_cli, workbook_bytes
from tests.real_plans import kent_register


def reported(tmp_path, db_url, sheets, name="kent.xlsx"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(workbook_bytes(sheets))
    loaded = run_cli("import", str(path), "--db", db_url)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    result = run_cli("report", "--json", "--db", db_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_kent_s_six_risks_give_the_paper_s_ratings_through_report_json(tmp_path, db_url):
    report = reported(tmp_path, db_url, kent_register())
    risks = {r["reference"]: r for r in report["risks"]}
    assert list(risks) == ["BSS1", "BSS2", "BSS3", "BSS4", "BSS5", "BSS6"]
    ratings = {ref: (r["current_likelihood"], r["current_impact"], r["current_rating"], r["target_likelihood"], r["target_impact"],
                     r["target_rating"]) for ref, r in risks.items()}
    assert ratings == {  # the Summary Risk Profile: 9 -> 4, 9 -> 4, 12 -> 8, 12 -> 6, 12 -> 8, in progress
        "BSS1": (3, 3, 9, 2, 2, 4), "BSS2": (3, 3, 9, 2, 2, 4), "BSS3": (3, 4, 12, 2, 4, 8), "BSS4": (4, 3, 12, 2, 3, 6),
        "BSS5": (3, 4, 12, 2, 4, 8), "BSS6": (None, None, None, None, None, None)}
    assert {ref: (r["current_band"], r["target_band"]) for ref, r in risks.items()} == {
        "BSS1": ("Medium", "Low"), "BSS2": ("Medium", "Low"), "BSS3": ("Medium", "Medium"), "BSS4": ("Medium", "Low"),
        "BSS5": ("Medium", "Medium"), "BSS6": (None, None)}
    assert risks["BSS6"]["assessment_note"] == "Risk assessment in progress"
    assert risks["BSS4"]["gap"] == 6 and risks["BSS6"]["gap"] is None
    assert all(r["period"] == "Dec 2012" and r["trend"] in ("new", "not rated") and r["latest"] for r in risks.values())
    assert risks["BSS1"]["directorate"] == "Business Strategy & Support" and risks["BSS1"]["service"] is None


def test_kent_s_actions_are_reported_with_their_due_dates_as_written_and_overdue_at_the_register_s_month(tmp_path, db_url):
    report = reported(tmp_path, db_url, kent_register())
    actions = {a["reference"]: a for a in report["actions"]}
    assert len(actions) == 23
    assert all(a["as_at"] == "2012-12-31" and not a["as_at_assumed"] for a in actions.values())
    due = {(a["due_text"], a["due_date"], a["due_kind"]) for a in actions.values()}
    assert {("December 2013", "2013-12-31", "month"), ("March 2013", "2013-03-31", "month"), ("TBC", None, "none"),
            ("June 2013 (review)", "2013-06-30", "month"), ("Ongoing (June 2013 review)", None, "none"),
            ("By March 2014", "2014-03-31", "month"), ("February 2013 onwards", None, "none")} <= due
    assert not any(a["overdue"] for a in actions.values())  # nothing in Kent's December 2012 register is due before 31 Dec 2012
    soon = sorted(a["due_text"] for a in actions.values() if a["due_next_quarter"])
    assert soon and set(soon) <= {"January 2013", "February 2013", "March 2013", "March 2013 (review)"}
