"""Real published tables, as councils write them (tests/real_returns.py), loaded into a real database (SQLite, and
PostgreSQL when TEST_DATABASE_URL is set): the figures and the words a councillor would then see."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer import repository
from data_layer.loader import import_workbook
from data_layer.models import Indicator
from data_layer.report import build_report
from data_layer.sample import load_sample_data
from data_layer.views import Filters, build_view, read_council_data
from tests import real_returns
from tests.conftest import database_snapshot, run_cli, workbook_bytes

D = Decimal


def load(session, sheets, name="return.xlsx", **options):
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="tester", **options)
    session.commit()
    return outcome


def budget_lines(session):
    frame = repository.budget(session=session, council_id=repository.council(session=session).id)
    return {(row.service, row.year): row.net_budget for row in frame.itertuples()}


def total_warnings(outcome):
    return [w for w in outcome.warnings if "printed total" in w]


# ------------------------------------------------------------------------------------------ totals

def test_running_totals_and_a_second_table_all_check_against_their_own_rows(session):
    outcome = load(session, real_returns.south_cambs_budget(), "significant-budget-items.xlsx")
    assert outcome.stored and outcome.errors == []
    assert total_warnings(outcome) == []
    checked = {(t.label, t.printed): t.computed for t in outcome.totals}
    assert checked == {("Total", D(20034000)): D(20034000), ("Total", D(18832000)): D(18832000),
                       ("General Fund Total", D(15520280)): D(15520280), ("Net General Fund Total", D(15520280)): D(15520280),
                       ("Housing Revenue Account Total", D(866010)): D(866010)}
    lines = budget_lines(session)
    assert lines[("Departmental Accounts (note 1)", "2009/10")] == D(16600710)  # '£' in the heading: pounds, as printed
    assert lines[("Rent Income", "2009/10")] == D(-21480000)
    assert not any(service in ("Total", "Revenue", "Expenditure", "=====", "Housing Revenue Account") for service, _ in lines)
    assert len(lines) == 17 + 4 + 9  # the service lines; no total, heading or rule is a service


@pytest.mark.parametrize("hra_subtotal", [False, True])
def test_a_grand_total_after_a_subtotal_covers_both_sections_without_a_false_warning(session, hra_subtotal):
    outcome = load(session, real_returns.general_fund_then_hra_then_totals(hra_subtotal=hra_subtotal))
    assert total_warnings(outcome) == []
    grand = next(t for t in outcome.totals if t.label == "Totals")
    assert grand.computed == grand.printed == D(20900010)
    assert len(grand.covered) == 17 + 9


def test_a_wrong_grand_total_is_still_a_warning_that_gives_both_readings(session):
    outcome = load(session, real_returns.general_fund_then_hra_then_totals(hra_subtotal=False, grand_total="20,900,000"))
    (warning,) = total_warnings(outcome)
    assert 'the printed total "Totals" for 2009/10 is £20,900,000' in warning
    assert "£866,010 since the previous total, and to £20,900,010 with every row above it in the table" in warning


def test_report_printed_totals_are_the_rows_of_their_own_sheet(db_url, tmp_path):
    """report --json: each Budget total against budget lines, each Savings total against savings lines, summed independently."""
    budget = tmp_path / "budget.xlsx"
    budget.write_bytes(workbook_bytes(real_returns.general_fund_then_hra_then_totals(hra_subtotal=True)))
    savings = tmp_path / "savings.xlsx"
    savings.write_bytes(workbook_bytes({"Savings": [[real_returns.SOUTH_CAMBS], ["Savings (£000)"], ["Service", "2009/10", "2010/11"],
                                                    ["Refuse Collection", 40, 25], ["Street Cleansing", 10, None], ["TOTAL", 50, 25]]}))
    for path in (budget, savings):
        assert run_cli("import", str(path), env={"DATABASE_URL": db_url}).returncode == 0
    result = run_cli("report", "--json", env={"DATABASE_URL": db_url})
    report = json.loads(result.stdout)
    lines = {"Budget": {(r["service"], r["year"]): r["net_budget"] for r in report["budget"]},
             "Savings": {(r["service"], r["period"]): r["amount"] for r in report["savings"]}}
    stored = repository_totals(db_url)
    assert {t["sheet"] for t in report["printed_totals"]} == {"Budget", "Savings"}
    for total in report["printed_totals"]:
        covered = stored[(total["sheet"], total["cell"])]
        assert total["rows"] == sum(lines[total["sheet"]].get((service, total["period"]), 0) for service in covered)
        assert total["matches"] is True and total["rows"] == total["printed"], total
    assert {(t["label"], t["rows"]) for t in report["printed_totals"] if t["sheet"] == "Budget"} == {
        ("Total: General Fund", 20034000), ("Total: Housing Revenue Account", 866010), ("Totals", 20900010)}


def repository_totals(url):
    from data_layer.db import session_scope

    with session_scope(url) as session:
        frame = repository.printed_totals(session=session, council_id=repository.council(session=session).id)
    return {(row.sheet, row.cell): row.covered for row in frame.itertuples()}


# ------------------------------------------------------------------------------------------- units

def test_full_pounds_with_no_unit_are_read_as_pounds_and_said_so(session):
    outcome = load(session, real_returns.full_pounds_without_a_unit())
    assert outcome.stored and outcome.errors == []
    (warning,) = [w for w in outcome.warnings if "no unit is stated" in w]
    assert warning.startswith("Budget!B3: no unit is stated")
    assert '"£16,600,710" would be £16,600,710,000 for one service, so the amounts are read as pounds (£)' in warning
    lines = budget_lines(session)
    assert lines[("Departmental Accounts (note 1)", "2009/10")] == D(16600710)
    assert lines[("Land Charges", "2009/10")] == D(-203210)
    assert sum(lines.values()) == real_returns.GENERAL_FUND_TOTAL


def test_small_amounts_in_pounds_with_no_unit_are_refused_until_the_unit_is_stated(session, db_url):
    small = [row for row in real_returns.SOUTH_CAMBS_GENERAL_FUND if abs(int(str(row[2]).strip("()").replace(",", ""))) < 1_000_000]
    load(session, real_returns.south_cambs_budget())
    before = database_snapshot(db_url)
    outcome = load(session, real_returns.full_pounds_without_a_unit(small))
    assert outcome.refused and not outcome.stored
    (problem,) = outcome.problems
    assert (problem.sheet, problem.cell) == ("Budget", "B3")
    assert problem.problem == 'the amounts are written in pounds ("£74,000") but no unit is stated, so they could be pounds or £000'
    assert problem.expected == 'the unit in a title or heading, e.g. "£" for pounds or "£000" for thousands'
    assert database_snapshot(db_url) == before


def test_a_comparison_row_and_a_memo_are_not_services(session):
    outcome = load(session, real_returns.sevenoaks_budget_with_a_comparison_row())
    assert outcome.stored
    assert 'Budget!B25: "2011/12 Comparison" is a comparison or memorandum row, not a service, so it is not stored' \
        in " ".join(outcome.warnings)
    services = {service for service, _year in budget_lines(session)}
    assert "2011/12 Comparison" not in services and not any(s.startswith("Memo") for s in services)
    report = build_report(session=session)
    council = {row["year"]: row["net_budget"] for row in report["council_budget"]}
    assert council["2012/13"] == 10367000  # the paper's total, not doubled by last year's


# ------------------------------------------------------------------------------------ partial years

@pytest.fixture
def sample_then_draft(session):
    load_sample_data(session=session)
    session.commit()
    outcome = load(session, real_returns.draft_budget_2013_14(), "draft-budget-2013-14.xlsx")
    return outcome, read_council_data(session=session)


def test_a_partial_year_is_said_at_import(sample_then_draft):
    outcome, _data = sample_then_draft
    (coverage,) = outcome.coverage
    assert (coverage.year, coverage.services, coverage.of, coverage.compared_with) == ("2013/14", 5, 21, "2012/13")
    assert coverage.words == ("5 of the 21 services budgeted in 2012/13 (Finance & HR 3 of 5, Legal & Democratic Services 2 of 5; "
                              "none of Environmental & Operational Services, Housing & Communications, IT & Facilities Management)")
    assert coverage.message in outcome.warnings


def test_pages_open_on_the_latest_complete_year_with_its_own_figures(sample_then_draft):
    _outcome, data = sample_then_draft
    assert data.financial_years[0] == "2013/14" and data.default_year == "2012/13"
    view = build_view(data, Filters())
    assert view.year == "2012/13" and view.coverage is None
    assert (view.headline["net_budget"], view.headline["change"]) == (D(10367000), D(-790900))
    assert (view.headline["red"], view.headline["green"]) == (9, 29)  # the indicators, not "none loaded"


def test_a_partial_year_chosen_compares_like_with_like_and_says_so(sample_then_draft):
    _outcome, data = sample_then_draft
    view = build_view(data, Filters("2013/14"))
    assert view.partial_label.startswith("partial: 5 of the 21 services budgeted in 2012/13")
    assert data.year_label("2013/14") == "2013/14 (partial)"
    headline = view.headline
    assert headline["net_budget"] == D(3860000)  # the five services loaded
    assert headline["change"] == D(-76000)  # those five, 2012/13 (3,936,000) to 2013/14: not -£6,507,000
    assert headline["wording"].startswith("like for like on the 5 services budgeted in both years (the 2013/14 budget is partial)")
    by_directorate = view.budget_by_directorate[view.budget_by_directorate["year"] == "2013/14"].set_index("directorate")
    assert by_directorate.loc["Environmental & Operational Services", "direction"] == "not loaded"
    assert by_directorate.loc["Environmental & Operational Services", "net_budget"] is None  # not a fall to £0
    assert by_directorate.loc["Finance & HR", "change"] == D(-47000)
    assert view.latest.empty and view.kpi_elsewhere == {"2012/13": (45, "Aug 2012")}


def test_the_report_marks_the_partial_year(sample_then_draft, session):
    report = build_report(session=session)
    coverage = {row["year"]: row for row in report["budget_coverage"]}
    assert coverage["2013/14"]["partial"] is True and coverage["2012/13"]["partial"] is False
    assert len(coverage["2013/14"]["missing"]) == 16
    council = {row["year"]: row for row in report["council_budget"]}
    assert council["2013/14"]["like_for_like"] is True and council["2013/14"]["change"] == -76000
    assert {row["last_year"] for row in report["budget_span"]} == {"2012/13"}  # the span ends at the last complete year


def test_a_service_given_zero_has_ended_and_does_not_make_the_year_partial(session):
    load(session, {"Budget": [["Service", "2011/12"], ["Finance", 100], ["Revenues", 50]]})
    outcome = load(session, {"Budget": [["Service", "2012/13"], ["Finance", 110], ["Revenues", "-"]]})
    assert outcome.coverage == []
    partial = load(session, {"Budget": [["Service", "2013/14"], ["Finance", 120]]})
    assert [c.year for c in partial.coverage] == ["2013/14"]


# -------------------------------------------------------------------------------------------- polarity

def test_polarity_is_assumed_from_the_name_when_nothing_states_it(session):
    outcome = load(session, real_returns.south_cambs_scorecard(), "scorecard-q3.xlsx")
    assert outcome.stored and outcome.errors == []
    lower = {a.indicator: a.cue for a in outcome.assumed_polarities if a.polarity == "lower"}
    assert lower == real_returns.SOUTH_CAMBS_LOWER_BY_NAME
    assert len(outcome.assumed_polarities) == len(real_returns.SOUTH_CAMBS_SCORECARD)  # every one: nothing states any
    report = {row["name"]: row for row in build_report(session=session)["indicators"]}
    perceptions = report["NI017 - Perceptions of anti-social behaviour"]
    assert (perceptions["polarity"], perceptions["band"]) == ("lower", "Red")
    assert perceptions["reason"] == ('12.2% against a target of 9.8% or less (lower is better, assumed from the name ("anti-social '
                                     'behaviour")): 24.5% over; Red (Amber is within 10%)')
    assert report["NI014 - SCDC - Avoidable customer contact - South Cambs"]["band"] == "Green"  # 29% against 35% or less
    assert report["NI014c - SCDC - Repeat notification category - South Cambs"]["band"] == "Green"  # 6%: Red were it higher
    assert report["NI021 - Dealing anti-social behaviour concerns"]["polarity"] == "higher"  # "dealing" outranks
    within = report["SX048 - Cambourne HQ - % customers seen within 10 mins"]
    assert within["reason"] == "80% against a target of 90% (higher is better): 11.1% short; Red (Amber is within 10%)"
    villages = report["SX016 - Villages with Parish plans"]
    assert villages["reason"] == "26 against a target of 24 (higher is better): target met; Green"  # Unit of Measure: Number


def test_confirming_and_flipping_assumed_polarities_stores_them_as_settings(session):
    rows = real_returns.south_cambs_scorecard()
    outcome = import_workbook(session, workbook_bytes(rows), "scorecard-q3.xlsx", dry_run=True)
    session.rollback()
    survey = next(a for a in outcome.assumed_polarities if a.indicator.startswith("ACTION 09"))
    choices = {(a.service, a.indicator): a.polarity for a in outcome.assumed_polarities if a.cue}
    choices[(survey.service, survey.indicator)] = "higher"  # the officer flips the false cue
    stored = load(session, rows, "scorecard-q3.xlsx", polarities=choices)
    assert stored.polarities_confirmed == len(real_returns.SOUTH_CAMBS_LOWER_BY_NAME)
    settings = {i.name: i.polarity for i in session.exec(select(Indicator))}
    assert settings["ACTION 09 - Fear of Crime 09/10 Survey"] == "higher"
    assert settings["NI014 - SCDC - Avoidable customer contact - South Cambs"] == "lower"
    assert settings["SX001 - % election turnout in May"] is None  # nothing assumed from its name: left to the rule
    report = {row["name"]: row for row in build_report(session=session)["indicators"]}
    assert "assumed" not in report["NI014 - SCDC - Avoidable customer contact - South Cambs"]["reason"]
    again = import_workbook(session, workbook_bytes(real_returns.south_cambs_scorecard()), "scorecard-q3 again.xlsx", dry_run=True)
    assert {a.indicator for a in again.assumed_polarities if a.cue} == set()


def test_a_data_only_indicator_is_shown_but_never_banded(session):
    load(session, {"KPIs": [["Indicator", "Service", "Period", "Type", "Target", "Actual", "Unit"],
                            ["Households in the district", "Housing Policy", "2012/13", "Contextual", None, "48,210", "households"],
                            ["Homelessness cases prevented", "Social Housing", "2012/13", "Output", "30+", "41", None],
                            ["Empty homes brought back into use", "Private Housing", "2012/13", None, "Data only", "17", None]]})
    report = build_report(session=session)
    rows = {row["name"]: row for row in report["indicators"]}
    assert rows["Households in the district"]["band"] == "No data" and rows["Households in the district"]["for_information"] is True
    assert rows["Households in the district"]["reason"] == "48,210 households: for information only, not banded"
    assert rows["Empty homes brought back into use"]["for_information"] is True
    assert rows["Homelessness cases prevented"]["band"] == "Green"
    counts = {row["service"]: row for row in report["services"]}
    assert (counts["Housing Policy"]["no_data"], counts["Housing Policy"]["overall"]) == (0, "No data")  # not counted as missing


# ------------------------------------------------------------------------------------------ cumulative

@pytest.mark.parametrize("column", ["Frequency", "Cumulative"])
def test_a_cumulative_figure_is_compared_with_the_same_period_last_year(session, column):
    load(session, real_returns.cumulative_collection(column))
    report = build_report(session=session)
    (rate,) = report["indicators"]
    assert (rate["period"], rate["actual"]) == ("Q2 2012/13", 57.4)
    # 33.6% to 57.4% is the year filling up; against Q2 2011/12 (58.0%) it is worse
    assert (rate["direction"], rate["previous_period"], rate["direction_basis"]) == ("worsening", "Q2 2011/12", "same period last year")
    first = build_report(session=session, period="2011/12")["indicators"][0]
    assert first["period"] == "Q4 2011/12" and first["direction"] is None and first["direction_basis"] == "profiled target"


def test_without_the_column_the_same_figures_would_read_improving(session):
    sheets = real_returns.cumulative_collection("Frequency")
    for row in sheets["KPIs"][2:]:
        row[4] = "Quarterly"
    load(session, sheets)
    (rate,) = build_report(session=session)["indicators"]
    assert (rate["direction"], rate["previous_period"]) == ("improving", "Q1 2012/13")


# ------------------------------------------------------------------------------------ no data, reasons

def test_an_indicator_red_then_see_note_stays_in_the_exceptions(session):
    load_sample_data(session=session)
    session.commit()
    outcome = load(session, {"KPIs": [["Council: Sevenoaks District Council"],
                                      ["Code", "Indicator", "Service", "Period", "Target", "Actual", "Commentary"],
                                      ["HB01", "Average days to process new benefit claims", "Housing Benefits", "Sep 2012", "20", "See note",
                                       "No notes"]]}, "kpis-sep-2012.xlsx")
    assert outcome.stored
    data = read_council_data(session=session)
    view = build_view(data, Filters("2012/13", "Sep 2012"))
    from data_layer import presentation

    exceptions = presentation.exceptions_table(view.latest)
    lapsed = exceptions[exceptions["Indicator"] == "Average days to process new benefit claims"].iloc[0]
    assert lapsed["Band"] == "○ No data (was ● Red)"
    assert lapsed["Reason"] == ('actual "See note" is not a number to compare with the target; it was Red in Aug 2012 (actual 26.5)')
    assert lapsed["Commentary"] == ""  # "No notes" is no commentary
    no_data = presentation.no_data_table(view.latest).set_index("Indicator")
    assert no_data.loc["Average days to process new benefit claims", "Before"] == "● Red in Aug 2012"


def test_reasons_carry_the_unit(session):
    load(session, {"KPIs": [["Indicator", "Service", "Period", "Target", "Actual", "Unit", "Polarity", "Commentary"],
                            ["Calls answered", "Contact centre", "2012/13", 90, 95.5, "%", None, "N/A"],
                            ["Average days to process new claims", "Benefits", "2012/13", 20, 26.5, "days", "Lower is better", "-"]]})
    report = {row["name"]: row for row in build_report(session=session)["indicators"]}
    assert report["Calls answered"]["reason"].startswith("95.5% against a target of 90% (higher is better): target met")
    assert report["Average days to process new claims"]["reason"].startswith(
        "26.5 days against a target of 20 days or fewer (lower is better): 32.5% over; Red")
    assert {report[name]["commentary"] for name in report} == {None}
