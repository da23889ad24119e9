"""Importing risk registers and action plans: Kent's directorate register and its actions, Melton's six-by-four matrix,
Sevenoaks' housing action plan and South Cambridgeshire's ICT milestones as printed (tests/real_plans.py); scores as
numbers, words or both; placeholders as no rating, never zero; every due form; the refusals, each naming its cell and
leaving the database as it was; a later register beside the earlier; a budget-risks Risks sheet still read as words."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer import repository
from data_layer.loader import import_workbook
from data_layer.models import Council, Load
from data_layer.returns.workbook import read_return
from data_layer.risk_scale import council_scale
from data_layer.settings import set_risk_scale
from tests.conftest import PERCENT, database_snapshot, run_cli, workbook_bytes, write_workbook
from tests.real_plans import (
    KENT_ACTIONS,
    KENT_DIRECTORATE,
    KENT_RISKS,
    MELTON_GRID_PRINTED,
    MELTON_HIGH_FROM,
    MELTON_IMPACT,
    MELTON_LIKELIHOOD,
    MELTON_MEDIUM_FROM,
    MELTON_RISKS,
    SEVENOAKS_ACTIONS,
    SEVENOAKS_LEADS,
    SOUTH_CAMBS_MILESTONES,
    grid_numbers,
    kent_action_refs,
    kent_register,
    melton_grid,
    melton_register,
    sevenoaks_actions,
    south_cambs_milestones,
)

REGISTER = ["Risk ref", "Risk title", "Current likelihood", "Current impact", "Current rating"]
PLAN = ["Ref", "Action", "Due", "Status", "% complete"]


def register(*rows, title="December 2012", header=REGISTER):
    return {"Risk register": [[title], header, *rows]}


def plan(*rows, title="Action plan as at December 2012"):
    return {"Actions": [[title], PLAN, *rows]}


def read(sheets, **options):
    return read_return(workbook_bytes(sheets), "return.xlsx", **options)


def load(session, sheets, name="return.xlsx"):
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="tester")
    session.commit()
    return outcome


def council_id(session):
    return session.exec(select(Council)).one().id


def risks(session):
    """{(reference, period): the stored risk, as the pages read it}."""
    frame = repository.risk_register(session=session, council_id=council_id(session))
    return {(row["reference"], row["period"]): row for row in frame.to_dict("records")}


def actions(session):
    """{(reference or action, period): the stored action, as the pages read it}."""
    frame = repository.actions(session=session, council_id=council_id(session))
    return {(row["reference"] or row["action"], row["period"]): row for row in frame.to_dict("records")}


def scores(risk):
    return risk["current_likelihood"], risk["current_impact"], risk["target_likelihood"], risk["target_impact"]


# ------------------------------------------------------------------------------------------------ Kent

def test_kent_register_stores_its_six_risks_with_the_papers_ratings(session):
    outcome = load(session, kent_register(), "kent december 2012.xlsx")
    assert outcome.stored and outcome.errors == [] and outcome.sheets_ignored == ["Scales"]
    stored = risks(session)
    assert sorted(stored) == [(f"BSS{n}", "Dec 2012") for n in range(1, 7)]
    assert {ref: scores(risk) for (ref, _), risk in stored.items()} == {
        "BSS1": (3, 3, 2, 2), "BSS2": (3, 3, 2, 2), "BSS3": (3, 4, 2, 4), "BSS4": (4, 3, 2, 3), "BSS5": (3, 4, 2, 4),
        "BSS6": (None, None, None, None)}
    for printed in KENT_RISKS[:5]:  # the Summary Risk Profile's ratings are likelihood x impact
        likelihood, impact, target_likelihood, target_impact = scores(stored[(printed["ref"], "Dec 2012")])
        assert (likelihood * impact, target_likelihood * target_impact) == printed["rating"]


def test_kent_bss6_has_no_rating_never_zero_with_its_note(session):
    load(session, kent_register())
    bss6 = risks(session)[("BSS6", "Dec 2012")]
    assert scores(bss6) == (None, None, None, None)  # None, not 0 and not NaN
    assert bss6["assessment_note"] == "Risk assessment in progress"


def test_kent_words_are_stored_as_printed_in_the_directorate_of_the_title(session):
    load(session, kent_register())
    stored = risks(session)
    for printed in KENT_RISKS:
        risk = stored[(printed["ref"], "Dec 2012")]
        assert (risk["title"], risk["owner"], risk["cause"], risk["event"], risk["consequence"]) == (
            printed["title"], printed["owner"], printed["cause"], printed["event"], printed["consequence"])
        assert risk["controls"] == "; ".join(printed["controls"])
        assert (risk["directorate"], risk["service"]) == (KENT_DIRECTORATE, None)


def test_kent_bss3_significant_4_is_a_warning_naming_its_cell_and_4_is_taken(session):
    outcome = load(session, kent_register())
    assert outcome.warnings == ['Risk register!I9: the impact "Significant (4)": on the council\'s scale Significant is 3, not 4; '
                                "4 was taken, as printed (check which the register means)"]
    assert risks(session)[("BSS3", "Dec 2012")]["current_impact"] == 4


KENT_DUE = {"December 2013": date(2013, 12, 31), "March 2013": date(2013, 3, 31), "June 2013 (review)": date(2013, 6, 30),
            "TBC": None, "Ongoing (June 2013 review)": None, "July 2013 (review)": date(2013, 7, 31),
            "January 2013": date(2013, 1, 31), "March 2013 (review)": date(2013, 3, 31), "April 2013": date(2013, 4, 30),
            "By March 2014": date(2014, 3, 31), "February 2013 onwards": None}


def test_kent_actions_are_due_as_their_planned_completion_dates_say_tbc_and_ongoing_no_date(session):
    load(session, kent_register())
    stored = actions(session)
    assert sorted(stored) == sorted((ref, "Dec 2012") for ref in kent_action_refs())
    for ref, (_risk, action, owner, due) in zip(kent_action_refs(), KENT_ACTIONS, strict=True):
        row = stored[(ref, "Dec 2012")]
        assert (row["action"], row["owner"], row["due_text"], row["due_date"]) == (action, owner, due, KENT_DUE[due])
        assert row["status"] is None and row["directorate"] == KENT_DIRECTORATE and not row["as_at_assumed"]


def test_kent_through_the_command_line_stores_the_register_and_prints_the_warning(tmp_path, db_url):
    path = write_workbook(tmp_path / "kent.xlsx", kent_register())
    imported = run_cli("import", str(path), "--db", db_url)
    assert imported.returncode == 0, imported.stderr
    assert 'Risk register!I9: the impact "Significant (4)"' in imported.stdout


# ------------------------------------------------------------------------------------------------ Melton

PROBABILITY_SCORE = {"A Very high": 6, "B High": 5, "C Significant": 4, "D Low": 3, "E Very Low": 2, "F Almost impossible": 1}
IMPACT_SCORE = {"IV Negligible": 1, "III Marginal": 2, "II Critical": 3, "I Catastrophic": 4}


def melton_scale(session):
    """Melton Borough Council in the database with its six-by-four scale (our bands: Medium from 6, High from 12)."""
    session.add(Council.model_validate({"name": "Melton Borough Council"}))
    session.commit()
    set_risk_scale(session, council_id=council_id(session), likelihood=MELTON_LIKELIHOOD, impact=MELTON_IMPACT,
                   medium_from=MELTON_MEDIUM_FROM, high_from=MELTON_HIGH_FROM, by="tester")
    session.commit()


def test_melton_grid_cells_are_read_as_printed():
    assert grid_numbers(MELTON_GRID_PRINTED[("C Significant", "II Critical")]) == [6, 9, 41, 54]
    assert grid_numbers(MELTON_GRID_PRINTED[("C Significant", "III Marginal")]) == [7, 11, 19, 38, 42, 51, 55, 62]
    assert sorted(melton_grid()) == sorted(int(no.rstrip(".")) for no, _, _ in MELTON_RISKS)  # each listed risk placed once


def test_melton_as_printed_is_refused_once_for_its_missing_register_month(session, db_url):
    melton_scale(session)
    before = database_snapshot(db_url)
    outcome = load(session, melton_register())
    assert outcome.refused and outcome.errors == [
        "Risks!A5: no register date: put the register's month in a title row (e.g. December 2012) or a 'Register date' column, "
        "so a later register can show which risks are coming down"]
    assert database_snapshot(db_url) == before


def test_melton_with_a_month_added_places_every_risk_on_its_scale_as_its_grid_does(session):
    melton_scale(session)
    outcome = load(session, melton_register(as_at="April 2012"))
    assert outcome.stored and outcome.errors == [] and outcome.warnings == []
    stored = risks(session)
    assert len(stored) == len(MELTON_RISKS) == 57
    grid = melton_grid()
    for no, description, service in MELTON_RISKS:
        risk = stored[(no, "Apr 2012")]
        probability, impact = grid[int(no.rstrip("."))]
        assert scores(risk) == (PROBABILITY_SCORE[probability], IMPACT_SCORE[impact], None, None), no
        assert (risk["title"], risk["service"]) == (description, service)


def test_melton_ratings_fall_in_the_bands_of_its_scale(session):
    melton_scale(session)
    load(session, melton_register(as_at="April 2012"))
    scale = council_scale(session.exec(select(Council)).one())
    stored = risks(session)
    band = {no: scale.band(stored[(f"{no}.", "Apr 2012")]["current_likelihood"] * stored[(f"{no}.", "Apr 2012")]["current_impact"])
            for no in (60, 43, 7, 16, 1, 50)}
    # 60: High x Critical 5 x 3 = 15; 43: Very high x Marginal 6 x 2 = 12; 7: Significant x Marginal 4 x 2 = 8;
    # 16: High x Negligible 5 x 1 = 5; 1: Very Low x Marginal 2 x 2 = 4; 50: Almost impossible x Critical 1 x 3 = 3
    assert band == {60: "High", 43: "High", 7: "Medium", 16: "Low", 1: "Low", 50: "Low"}


def test_melton_on_the_default_scale_is_refused_naming_the_grid_labels_it_lacks(session):
    outcome = load(session, melton_register(as_at="April 2012"))
    assert outcome.refused
    assert outcome.errors[0].startswith('Risks!D7: the current likelihood "E Very Low" is not on the council\'s scale: expected 1-5')
    assert outcome.errors[1].startswith('Risks!E7: the current impact "III Marginal" is not on the council\'s scale')


# ------------------------------------------------------------------------------------------------ Sevenoaks, South Cambs

SEVENOAKS_DUE = {"11/12: Q4": date(2012, 3, 31), "12/13: Q2": date(2012, 9, 30), "12/13: Q3": date(2012, 12, 31),
                 "12/13: Q4": date(2013, 3, 31), "13/14: Q2": date(2013, 9, 30), "13/14 Q2": date(2013, 9, 30),
                 "13/14: Q3": date(2013, 12, 31), "11/12": date(2012, 3, 31), "12/13": date(2013, 3, 31), "13/14": date(2014, 3, 31),
                 "12/13: Q2 (SHMA, p18, 1.16)": date(2012, 9, 30)}


def test_sevenoaks_deadlines_are_the_last_day_of_the_quarter_or_year_they_name(session):
    outcome = load(session, sevenoaks_actions())
    assert outcome.stored and outcome.errors == [] and outcome.warnings == []
    stored = actions(session)
    assert len(stored) == len(SEVENOAKS_ACTIONS) == 25
    for objective, action, due in SEVENOAKS_ACTIONS:
        row = stored[(action, "Jan 2012")]  # the plan's cover: January 2012
        assert (row["due_text"], row["due_date"]) == (due, SEVENOAKS_DUE[due])
        assert (row["link"], row["owner"], row["status"]) == (objective, SEVENOAKS_LEADS[objective], None)
    assert stored[("Review S106 local letting criteria", "Jan 2012")]["due_date"] == date(2012, 3, 31)  # 11/12: Q4
    assert stored[("Complete 1 new scheme", "Jan 2012")]["due_date"] == date(2013, 12, 31)  # 13/14: Q3


def test_south_cambs_milestones_are_due_in_their_completion_month_as_at_the_day_loaded(session):
    outcome = load(session, south_cambs_milestones())
    assert outcome.stored and outcome.errors == []
    assert [w.split(":")[0] for w in outcome.warnings] == ["Milestones"]
    assert "the plan gives no date it reports at" in outcome.warnings[0]
    stored = {row["action"]: row for row in repository.actions(session=session, council_id=council_id(session)).to_dict("records")}
    due = {"Mar 2011": date(2011, 3, 31), "Sept 2010": date(2010, 9, 30), "Sep 2010": date(2010, 9, 30), "Dec 2010": date(2010, 12, 31)}
    for objective, milestone, month, officer in SOUTH_CAMBS_MILESTONES:
        row = stored[milestone]
        assert (row["link"], row["owner"], row["due_text"], row["due_date"]) == (objective, officer, month, due[month])
        assert row["as_at_assumed"]


# ------------------------------------------------------------------------------------------------ scores

@pytest.mark.parametrize(("likelihood", "impact", "expected"), [
    (3, 3, (3, 3)), (3.0, 4.0, (3, 4)), ("3", "4", (3, 4)), ("Possible", "Serious", (3, 4)), (" POSSIBLE ", "serious", (3, 4)),
    ("Possible (3)", "Significant (3)", (3, 3)), ("Very Likely (5)", "Major (5)", (5, 5)), ("very  likely  (5)", "Minor(1)", (5, 1)),
    ("Very unlikely", "Moderate (2)", (1, 2)),
], ids=["numbers", "3.0", "number text", "words", "case and spaces", "Kent", "Very Likely (5)", "spaces in brackets", "mixed"])
def test_a_score_is_a_number_a_word_of_the_scale_or_both(likelihood, impact, expected):
    parsed = read(register(["R1", "Flood", likelihood, impact, None]))
    assert parsed.errors == [] and parsed.warnings == []
    (risk,) = parsed.risk_register
    assert (risk.current_likelihood, risk.current_impact) == expected


@pytest.mark.parametrize(("likelihood", "impact", "rating", "note"), [
    ("Risk assessment in progress", None, None, "Risk assessment in progress"),
    ("*Risk assessment in progress", "*Risk assessment in progress", None, "Risk assessment in progress"),
    (None, None, "Risk assessment in progress", "Risk assessment in progress"),
    ("TBC", "TBC", "TBC", "TBC"),
    (None, None, None, None),
], ids=["in progress", "Kent's footnote", "in the rating", "TBC", "blank"])
def test_a_placeholder_or_blank_is_no_rating_never_zero(likelihood, impact, rating, note):
    parsed = read(register(["R1", "Flood", likelihood, impact, rating]))
    assert parsed.errors == []
    (risk,) = parsed.risk_register
    assert (risk.current_likelihood, risk.current_impact, risk.current_rating, risk.assessment_note) == (None, None, None, note)


# ------------------------------------------------------------------------------------------------ due dates and statuses

@pytest.mark.parametrize(("written", "day", "kind"), [
    (datetime(2013, 3, 31), date(2013, 3, 31), "date"), ("31/03/2013", date(2013, 3, 31), "date"),
    ("31 March 2013", date(2013, 3, 31), "date"), ("March 2013", date(2013, 3, 31), "month"), ("Nov 13", date(2013, 11, 30), "month"),
    ("By March 2014", date(2014, 3, 31), "month"), ("June 2013 (review)", date(2013, 6, 30), "month"),
    ("Q4 2012/13", date(2013, 3, 31), "quarter"), ("11/12: Q4", date(2012, 3, 31), "quarter"), ("Q4", date(2013, 3, 31), "quarter"),
    ("12/13", date(2013, 3, 31), "year"), ("TBC", None, "none"), ("Ongoing", None, "none"), ("monthly", None, "none"),
    ("February 2013 onwards", None, "none"), (None, None, "none"),
], ids=lambda value: str(value) if not isinstance(value, date) else None)
def test_every_due_form_is_the_last_day_it_allows_or_no_date(written, day, kind):
    parsed = read(plan(["1", "Refresh the risk policy", written, None, None], title="Action plan 2012/13 as at September 2012"))
    assert parsed.errors == [] and parsed.warnings == []
    (action,) = parsed.actions
    assert (action.due_date, action.due_kind, action.as_at.label) == (day, kind, "Sep 2012")


@pytest.mark.parametrize(("written", "status", "warned"), [
    ("on track", "on track", False), ("Not Started", "not started", False), ("Complete", "complete", False), ("Amber", "at risk", False),
    ("In progress", "on track", True), (None, None, False),
])
def test_a_status_is_one_of_the_plans_words(written, status, warned):
    parsed = read(plan(["1", "Refresh the risk policy", "March 2013", written, (PERCENT, 0.5)]))
    assert parsed.errors == []
    (action,) = parsed.actions
    assert (action.status, action.percent_complete) == (status, 50)
    assert bool(parsed.warnings) == warned


# ------------------------------------------------------------------------------------------------ refusals

REFUSED = [
    pytest.param(register(["R1", "Flood", 6, 3, None]), "Risk register!C3: the current likelihood 6 is off the council's 1-5 scale",
                 id="likelihood 6"),
    pytest.param(register(["R1", "Flood", 3, "high-ish", None]), 'Risk register!D3: the current impact "high-ish" is not on the council\'s scale',
                 id="impact high-ish"),
    pytest.param(register(["R1", "Flood", 3, 3, 12]), "Risk register!E3: the current rating 12 is not likelihood 3 x impact 3 = 9",
                 id="rating not likelihood x impact"),
    pytest.param(register(["R1", "Flood", 3, 3, 9.5]), "Risk register!E3: the current rating 9.5 is not a whole number", id="rating 9.5"),
    pytest.param(register(["R1", "Flood", None, None, 9]), "Risk register!E3: the current rating 9 is given without its likelihood and impact",
                 id="rating alone"),
    pytest.param(register(["R1", "Flood", 3, None, None]), "Risk register!A3: the current likelihood is given without the current impact",
                 id="likelihood without impact"),
    pytest.param(register(["R1", "Flood", 3], header=REGISTER[:3]),
                 "Risk register!A2: the register has a likelihood column without its impact column", id="no impact column"),
    pytest.param(register(["R1", "Flood", 3, 3, 9], [" r1 ", "Flood again", 2, 2, 4]),
                 'Risk register!A4: the risk "r1" is listed twice in the Dec 2012 register (first at A3)', id="risk listed twice"),
    pytest.param(register(["R1", "Flood", 3, 3, 9], title="Directorate risk register"), "Risk register!A2: no register date",
                 id="no register month"),
    pytest.param(plan(["1", "Refresh the risk policy", "soon-ish", None, None]), 'Actions!C3: the due date "soon-ish" is not a date: expected',
                 id="due soon-ish"),
    pytest.param(plan(["1", "Refresh the risk policy", "Q4", None, None]), 'Actions!C3: the due date "Q4" is a quarter without its year',
                 id="Q4 without a year"),
    pytest.param(plan(["1", "Refresh the risk policy", "March 2013", "half done", None]),
                 'Actions!D3: the status "half done" is not one Sightline knows: expected not started, on track', id="status half done"),
    pytest.param(plan(["1", "Refresh the risk policy", "March 2013", "on track", "120%"]),
                 "Actions!E3: the percent complete 120% is outside 0% to 100%", id="120%"),
    pytest.param(plan(["1", "Refresh the risk policy", "March 2013", None, (PERCENT, 1.2)]),
                 "Actions!E3: the percent complete 120% is outside 0% to 100%", id="120% formatted"),
    pytest.param(plan(["1", "Refresh the risk policy", "March 2013", None, None], ["1.", "Refresh the risk policy again", "TBC", None, None]),
                 'Actions!B4: the action "Refresh the risk policy again" is listed twice (first at B3)', id="action listed twice"),
]


@pytest.mark.parametrize(("sheets", "error"), REFUSED)
def test_a_refused_register_or_plan_names_the_cell_and_leaves_the_database_as_it_was(session, db_url, sheets, error):
    assert load(session, kent_register(), "kent december 2012.xlsx").stored
    before = database_snapshot(db_url)
    outcome = load(session, sheets, "bad.xlsx")
    assert outcome.refused and not outcome.stored
    assert any(e.startswith(error) for e in outcome.errors), outcome.errors
    assert database_snapshot(db_url) == before


# ------------------------------------------------------------------------------------------------ later registers

def kent_march_2013():
    """Kent's register as if reissued in March 2013 with BSS1 down to Unlikely (2) x Significant (3) = 6: INVENTED (the paper
    prints only December 2012's), to show a later register beside the earlier one."""
    sheets = kent_register(month="March 2013")
    bss1 = sheets["Risk register"][6]
    assert bss1[0] == "BSS1"
    bss1[7], bss1[11] = "Unlikely (2)", 6
    return sheets


def test_a_later_register_adds_its_month_and_keeps_the_earlier_one(session):
    load(session, kent_register(), "kent december 2012.xlsx")
    outcome = load(session, kent_march_2013(), "kent march 2013.xlsx")
    assert outcome.stored and outcome.superseded == []
    assert {(c.what, c.period) for c in outcome.added} >= {(f"risk BSS{n}", "Mar 2013") for n in range(1, 7)}
    stored = risks(session)
    assert len(stored) == 12
    assert scores(stored[("BSS1", "Dec 2012")]) == (3, 3, 2, 2)
    assert scores(stored[("BSS1", "Mar 2013")]) == (2, 3, 2, 2)
    assert len(actions(session)) == 2 * len(KENT_ACTIONS)


def test_reloading_the_same_register_stores_nothing(session, db_url):
    data = workbook_bytes(kent_register())
    assert import_workbook(session, data, "kent.xlsx", loaded_by="tester").stored
    session.commit()
    before = database_snapshot(db_url)
    again = import_workbook(session, data, "kent copy.xlsx", loaded_by="tester")
    session.commit()
    assert not again.stored and "already loaded" in again.already_loaded
    assert database_snapshot(db_url) == before
    assert len(session.exec(select(Load)).all()) == 1


# ------------------------------------------------------------------------------------------------ budget risks

def test_a_risks_sheet_of_budget_risks_in_words_is_still_read_as_commentary(session):
    text = "Income continues to be affected by the depressed state of the housing market."  # Sevenoaks 3c, as printed
    sheets = {"Risks": [["Council: Sevenoaks District Council"], ["Part 3c: Budget Risks 2012/13"],
                        ["Head of Service", "Service", "Heading", "Budget risk"],
                        ["Legal & Democratic Services", "Elections & Land Charges", "Land Charges", text]]}
    parsed = read(sheets)
    assert parsed.errors == [] and parsed.risk_register == []
    (risk,) = parsed.risks
    assert (risk.service, risk.text, risk.heading) == ("Elections & Land Charges", text, "Land Charges")
    outcome = load(session, sheets)
    assert outcome.stored and outcome.counts["budget risks"] == 1 and "registered risks" not in outcome.counts


def test_a_dash_is_no_rating_without_a_note_and_a_bare_fraction_of_complete_is_questioned():
    parsed = read_return(workbook_bytes({
        "Risk register": [["Risk register, December 2012"], ["Risk ref", "Risk title", "Current likelihood", "Current impact"],
                          ["R1", "Funding falls", "-", "-"], ["R2", "System fails", "TBC", None]],
        "Actions": [["Action plan as at December 2012"], ["Action", "Due", "% complete"], ["Refresh the plan", "March 2013", 0.5]],
    }), "plans.xlsx")
    assert parsed.errors == []
    assert [(r.current_rating, r.assessment_note) for r in parsed.risk_register] == [(None, None), (None, "TBC")]
    assert parsed.actions[0].percent_complete == Decimal("0.5")
    assert [str(w) for w in parsed.warnings] == [
        "Actions!C3: the percent complete 0.5 was read as 0.5%: if it means 50%, format the cell as a percentage or write 50%"]
