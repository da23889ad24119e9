"""Importing the in-year sheets: a Monitoring sheet's headings read by what they say, its amounts, units and periods,
its printed totals, the returns refused (leaving the database as it was), a later month superseding the same service
and month only, South Cambridgeshire's and Kent's real tables, and the Capital sheet."""

import json
from collections import Counter
from decimal import Decimal

import pytest
from sqlmodel import select

from data_layer.loader import import_workbook
from data_layer.models import Load, MonitoringLine, Service
from data_layer.report import build_report
from data_layer.returns.workbook import read_return
from data_layer.values import format_pounds
from tests.conftest import database_snapshot, run_cli, workbook_bytes, write_workbook
from tests.real_monitoring import (
    KENT_LINES,
    KENT_MANAGEMENT_ACTION,
    KENT_PORTFOLIO_OF,
    KENT_TOTALS,
    SC_ACTUAL,
    SC_MOVEMENT,
    SC_PREVIOUSLY,
    SC_PROJECTED,
    SC_WORKING,
    SOUTH_CAMBS_LINES,
    SOUTH_CAMBS_MOVEMENT,
    SOUTH_CAMBS_PREVIOUSLY,
    SOUTH_CAMBS_PROJECTED,
    SOUTH_CAMBS_TOTALS,
    SOUTH_CAMBS_WORKING,
    kent_cash_limits,
    south_cambs_monitoring,
)

COUNCIL = ["Council: Testshire DC"]
HEADER = ["Service", "Period", "Budget", "Forecast outturn"]


def read(sheets, **options):
    return read_return(workbook_bytes(sheets), "return.xlsx", **options)


def load(session, sheets, name="return.xlsx", **options):
    outcome = import_workbook(session, workbook_bytes(sheets), name, loaded_by="tester", **options)
    session.commit()
    return outcome


def only_line(parsed):
    assert [str(e) for e in parsed.errors] == []
    (line,) = parsed.monitoring
    return line


def report(session):
    return build_report(session=session)


def current_lines(session):
    """{(service, period): MonitoringLine} of the lines no later load has superseded."""
    names = {s.id: s.name for s in session.exec(select(Service))}
    rows = session.exec(select(MonitoringLine).where(MonitoringLine.superseded_by_load_id.is_(None))).all()
    return {(names[row.service_id], row.period): row for row in rows}


# ------------------------------------------------------------------------------------------------ headings

@pytest.mark.parametrize("sheet_name", ["Monitoring", "Revenue monitoring", "Budget monitoring", " budget  MONITORING "])
def test_monitoring_sheet_names_are_read_as_a_monitoring_sheet(sheet_name):
    parsed = read({sheet_name: [HEADER, ["Finance", "Sep 2012", "2,834", "2,900"]]})
    assert parsed.sheets_read == [sheet_name]
    assert only_line(parsed).forecast == Decimal(2_900_000)


@pytest.mark.parametrize("heading", ["Budget", "Original budget", "Revised budget", "Working estimate", "Cash limit", "Current budget"])
def test_budget_headings_are_read_as_the_budget(heading):
    parsed = read({"Monitoring": [["Service", "Period", heading, "Forecast outturn"], ["Finance", "Sep 2012", "2,834", "2,900"]]})
    line = only_line(parsed)
    assert (line.budget, line.budget_basis, line.variance) == (Decimal(2_834_000), heading, Decimal(66_000))
    assert parsed.warnings == []


@pytest.mark.parametrize("heading", ["Forecast outturn", "Projected outturn", "Forecast"])
def test_forecast_headings_are_read_as_the_forecast_outturn(heading):
    line = only_line(read({"Monitoring": [["Service", "Period", "Budget", heading], ["Finance", "Sep 2012", "2,834", "2,900"]]}))
    assert (line.forecast, line.variance, line.forecast_stated) == (Decimal(2_900_000), Decimal(66_000), True)


@pytest.mark.parametrize("heading", ["Variance", "(Under)/Over spend", "Projected (Under)/ Over Spend Compared to Working Estimate £"])
def test_variance_headings_are_read_as_the_variance(heading):
    line = only_line(read({"Monitoring": [["£"], ["Service", "Period", "Working estimate", heading], ["Finance", "Sep 2012", "2,834", "(17)"]]}))
    assert (line.variance, line.forecast, line.forecast_stated) == (Decimal(-17), Decimal(2_817), False)


@pytest.mark.parametrize(
    ("heading", "written", "field", "expected"),
    [
        ("Previous variance", "40", "previous_variance", Decimal(40_000)),
        ("Previously Reported (Under)/ Over Spend", "(21)", "previous_variance", Decimal(-21_000)),
        ("Profiled budget to date", "1,417", "profiled_budget", Decimal(1_417_000)),
        ("Actual to date", "1,450", "actual_to_date", Decimal(1_450_000)),
        ("Gross expenditure", "3,000", "gross_expenditure", Decimal(3_000_000)),
        ("Income", "(166)", "income", Decimal(-166_000)),
        ("Management action", "Vacancy freeze from October", "management_action", "Vacancy freeze from October"),
        ("Commentary", "Agency staff covering sickness", "commentary", "Agency staff covering sickness"),
        ("Directorate", "Finance & HR", "directorate", "Finance & HR"),
    ],
)
def test_each_other_monitoring_column_is_read_as_its_meaning(heading, written, field, expected):
    line = only_line(read({"Monitoring": [[*HEADER, heading], ["Finance", "Sep 2012", "2,834", "2,900", written]]}))
    assert getattr(line, field) == expected
    assert (line.budget, line.forecast) == (Decimal(2_834_000), Decimal(2_900_000))


@pytest.mark.parametrize(
    ("budgets", "variance_heading", "chosen"),
    [
        (["Original budget", "Revised budget", "Working estimate"], "Variance against revised budget", "Revised budget"),
        (["Revised Estimate 2009/10 £", "Working Estimate 2009/10 £"], "Projected (Under)/ Over Spend Compared to Working Estimate £",
         "Working Estimate 2009/10 £"),
        (["Working estimate", "Cash limit"], "Variance against cash limit", "Cash limit"),
        (["Original budget", "Revised budget"], "Variance against original budget", "Original budget"),
        (["Original estimate", "Revised estimate"], "Variance compared to original estimate", "Original estimate"),
    ],
    ids=["revised named", "working estimate named (South Cambs)", "cash limit named", "original budget named", "original estimate named"],
)
def test_with_several_budget_columns_the_one_the_variance_heading_names_is_the_budget(budgets, variance_heading, chosen):
    amounts = {heading: 1_000 + 100 * number for number, heading in enumerate(budgets)}
    header = ["Service", "Period", *budgets, "Forecast outturn", variance_heading]
    row = ["Finance", "Sep 2012", *amounts.values(), 2_000, 2_000 - amounts[chosen]]
    parsed = read({"Monitoring": [["£"], header, row]})
    line = only_line(parsed)
    assert (line.budget, line.budget_basis) == (Decimal(amounts[chosen]), chosen)
    (warning,) = [str(w) for w in parsed.warnings]
    column = "ABCDEFGH"[header.index(chosen)]
    assert warning.startswith(f'Monitoring!{column}2: the budget is read from "{chosen}"')
    assert all(f'"{other}"' in warning for other in budgets if other != chosen) and warning.endswith("not stored")


@pytest.mark.parametrize(
    ("budgets", "chosen"),
    [
        (["Original budget", "Revised budget"], "Revised budget"),
        (["Original budget", "Revised budget", "Current budget"], "Current budget"),
        (["Original estimate", "Working estimate"], "Working estimate"),
        (["Cash limit", "Original budget"], "Cash limit"),
        (["Original budget", "Budget"], "Budget"),
    ],
    ids=["revised over original", "current over revised", "working over original estimate", "cash limit over original", "budget over original"],
)
def test_with_several_budget_columns_and_a_plain_variance_the_latest_kind_is_the_budget(budgets, chosen):
    amounts = {heading: 1_000 + 100 * number for number, heading in enumerate(budgets)}
    parsed = read({"Monitoring": [["£"], ["Service", "Period", *budgets, "Forecast outturn"], ["Finance", "Sep 2012", *amounts.values(), 2_000]]})
    line = only_line(parsed)
    assert (line.budget, line.budget_basis) == (Decimal(amounts[chosen]), chosen)
    (warning,) = [str(w) for w in parsed.warnings]
    assert f'the budget is read from "{chosen}"' in warning and warning.endswith("not stored")


# ------------------------------------------------------------------------------------------------ amounts

@pytest.mark.parametrize(
    ("written", "pounds"),
    [("(1,372)", -1_372_000), ("-1,372", -1_372_000), ("−1,372", -1_372_000), ("–1,372", -1_372_000), ("-", 0),
     ("£2.48m", 2_480_000), (1372, 1_372_000), (-1372.5, -1_372_500), ("1,372", 1_372_000)],
)
def test_amounts_are_read_as_on_the_budget_sheet(written, pounds):
    line = only_line(read({"Monitoring": [HEADER, ["Finance", "Sep 2012", written, written]]}))
    assert (line.budget, line.forecast, line.variance) == (Decimal(pounds), Decimal(pounds), Decimal(0))


@pytest.mark.parametrize(
    ("title", "budget_heading", "forecast_heading", "unit"),
    [
        ("Revenue monitoring (£000)", "Budget", "Forecast outturn", 1000),
        ("Figures in £'000s", "Budget", "Forecast outturn", 1000),
        ("Figures in £", "Budget", "Forecast outturn", 1),
        (None, "Budget £", "Forecast outturn £", 1),
        (None, "Budget £000", "Forecast outturn £000", 1000),
        (None, "Budget", "Forecast outturn", 1000),  # no unit stated: £000
    ],
    ids=["title £000", "title £'000s", "title £", "heading £", "heading £000", "default £000"],
)
def test_units_come_from_a_title_or_a_heading_else_thousands(title, budget_heading, forecast_heading, unit):
    rows = [[title]] if title else []
    rows += [["Service", "Period", budget_heading, forecast_heading], ["Finance", "Sep 2012", "1,372", "1,400"]]
    line = only_line(read({"Monitoring": rows}))
    assert (line.budget, line.forecast, line.variance) == (1_372 * unit, 1_400 * unit, 28 * unit)


def test_a_line_given_one_of_forecast_and_variance_has_the_other_worked_out(session):
    outcome = load(session, {"Monitoring": [COUNCIL, ["Service", "Period", "Budget", "Forecast outturn", "Variance"],
                                            ["Finance", "Sep 2012", "2,834", None, "66"], ["Revenues", "Sep 2012", "154", "140", None]]})
    assert outcome.stored and outcome.errors == []
    lines = current_lines(session)
    finance, revenues = lines[("Finance", "Sep 2012")], lines[("Revenues", "Sep 2012")]
    assert (finance.budget, finance.forecast, finance.variance, finance.forecast_stated) == (2_834_000, 2_900_000, 66_000, False)
    assert (revenues.budget, revenues.forecast, revenues.variance, revenues.forecast_stated) == (154_000, 140_000, -14_000, True)


@pytest.mark.parametrize(
    ("title", "headings", "unit"),
    [
        ("£", ["Budget", "Forecast outturn", "Variance"], Decimal(1)),
        (None, ["Budget £000", "Forecast outturn £000", "Variance £000"], Decimal(1000)),
        ("Revenue monitoring £000", ["Budget", "Forecast outturn", "Variance"], Decimal(1000)),
        (None, ["Budget", "Forecast outturn", "Variance"], Decimal(1000)),  # £000 by default
    ],
    ids=["pounds by title", "thousands by heading", "thousands by title", "thousands by default"],
)
def test_a_variance_within_one_unit_of_forecast_less_budget_is_a_warning_and_stored_as_printed(title, headings, unit):
    rows = ([[title]] if title else []) + [["Service", "Period", *headings], ["Finance", "Sep 2012", "2,834", "2,900", "67"]]
    parsed = read({"Monitoring": rows})
    line = only_line(parsed)
    assert (line.budget, line.forecast, line.variance) == (2_834 * unit, 2_900 * unit, 67 * unit)
    (warning,) = [str(w) for w in parsed.warnings]
    assert warning.startswith(f"Monitoring!E{len(rows)}: the variance is {format_pounds(67 * unit)}")
    assert "within the table's rounding" in warning


# ------------------------------------------------------------------------------------------------ periods

@pytest.mark.parametrize(
    ("heading", "written", "year", "label"),
    [
        ("Period", "Sep 2012", None, "Sep 2012"),
        ("Month", "Sep 2012", None, "Sep 2012"),
        ("Period", "September 2012", None, "Sep 2012"),
        ("Period", "Q2 2012/13", None, "Q2 2012/13"),
        ("Period", "Period 6", "2012/13", "Sep 2012"),
        ("Period", "Period 10", "2012/13", "Jan 2013"),
        ("Period", "P12", "2012/13", "Mar 2013"),
    ],
)
def test_a_period_column_gives_each_line_its_reporting_period(heading, written, year, label):
    header = ["Service", heading, *(["Year"] if year else []), "Budget", "Forecast outturn"]
    row = ["Finance", written, *([year] if year else []), "2,834", "2,900"]
    assert only_line(read({"Monitoring": [header, row]})).period.label == label


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("BUSINESS STRATEGY & SUPPORT DIRECTORATE SUMMARY SEPTEMBER 2012-13 FULL MONITORING REPORT", "Sep 2012"),
        ("INTEGRATED BUSINESS MONITORING REPORT FIRST 9 MONTHS (APRIL 2009 TO DECEMBER 2009)", "Dec 2009"),
        ("REVENUE MONITORING SUMMARY JANUARY 2012-13", "Jan 2013"),
        ("Budget monitoring Q3 2012/13", "Q3 2012/13"),
    ],
)
def test_a_title_gives_the_reporting_period_when_there_is_no_period_column(title, label):
    line = only_line(read({"Monitoring": [[title], ["Service", "Budget", "Forecast outturn"], ["Finance", "2,834", "2,900"]]}))
    assert line.period.label == label


@pytest.mark.parametrize(
    ("written", "year", "message"),
    [
        ("Apr 2013", "2012/13", "Monitoring!B2: Apr 2013 is outside the financial year 2012/13"),
        ("Period 13", "2012/13", 'Monitoring!B2: "Period 13" is not a period of the financial year'),
        ("Period 6", None, 'Monitoring!B2: "Period 6" needs its financial year'),
        ("Week 3", None, 'Monitoring!B2: "Week 3" is not a reporting period'),
    ],
)
def test_a_period_outside_its_year_or_not_a_period_is_an_error_at_its_cell(written, year, message):
    header = ["Service", "Period", *(["Year"] if year else []), "Budget", "Forecast outturn"]
    parsed = read({"Monitoring": [header, ["Finance", written, *([year] if year else []), "2,834", "2,900"]]})
    assert parsed.monitoring == []
    assert [str(e).startswith(message) for e in parsed.errors] == [True]


# ------------------------------------------------------------------------------------------------ totals

TOTALLED = [
    ["Service", "Period", "Budget", "Actual to date", "Forecast outturn", "Variance"],
    ["Finance", "Sep 2012", "2,834", "1,450", "2,900", None],  # the variance worked out
    ["Revenues", "Sep 2012", "154", "60", None, "(14)"],  # the forecast worked out
]
TOTAL_ROW = {"C": "2,988", "D": "1,510", "E": "3,040", "F": "52"}


def totalled(**misprinted):
    printed = {**TOTAL_ROW, **misprinted}
    return {"Monitoring": [*TOTALLED, ["TOTAL", "Sep 2012", printed["C"], printed["D"], printed["E"], printed["F"]]]}


def test_a_total_row_that_adds_up_is_checked_for_each_figure_without_a_warning():
    parsed = read(totalled())
    assert parsed.errors == [] and parsed.warnings == []
    assert sorted((t.cell, t.period, t.printed, t.matches) for t in parsed.totals) == [
        ("C4", "Sep 2012 budget", 2_988_000, True), ("D4", "Sep 2012 actual to date", 1_510_000, True),
        ("E4", "Sep 2012 forecast outturn", 3_040_000, True), ("F4", "Sep 2012 variance", 52_000, True),
    ]
    assert len(parsed.monitoring) == 2


def test_a_total_row_with_its_period_left_blank_takes_the_period_of_the_lines_it_totals():
    rows = totalled()["Monitoring"]
    rows[-1] = [rows[-1][0], None, *rows[-1][2:]]
    parsed = read({"Monitoring": rows})
    assert parsed.errors == [] and parsed.warnings == []
    assert {t.period for t in parsed.totals} == {"Sep 2012 budget", "Sep 2012 actual to date", "Sep 2012 forecast outturn", "Sep 2012 variance"}
    assert all(t.matches for t in parsed.totals)


@pytest.mark.parametrize(
    ("column", "printed", "figure", "rows"),
    [("C", "2,989", "budget", "£2,988,000"), ("D", "1,500", "actual to date", "£1,510,000"),
     ("E", "3,041", "forecast outturn", "£3,040,000"), ("F", "50", "variance", "£52,000")],
)
def test_a_total_that_does_not_add_up_is_a_warning_naming_its_cell_and_figure(column, printed, figure, rows):
    parsed = read(totalled(**{column: printed}))
    assert parsed.errors == []
    assert [str(w) for w in parsed.warnings] == [
        f'Monitoring!{column}4: the printed total "TOTAL" for Sep 2012 {figure} is {format_pounds(Decimal(printed.replace(",", "")) * 1000)} '
        f"but the rows it covers add up to {rows}"
    ]
    assert len(parsed.monitoring) == 2


def test_with_strict_a_total_that_does_not_add_up_is_an_error(session, db_url):
    load(session, {"Monitoring": [COUNCIL, *TOTALLED[:2]]})
    before = database_snapshot(db_url)
    outcome = load(session, totalled(E="3,041"), strict=True)
    assert outcome.refused
    assert [e.startswith('Monitoring!E4: the printed total "TOTAL" for Sep 2012 forecast outturn is £3,041,000') for e in outcome.errors] == [True]
    assert database_snapshot(db_url) == before


@pytest.mark.parametrize(("sheets", "totals"), [(south_cambs_monitoring, 6 * 5), (kent_cash_limits, 4 * 4)],
                         ids=["South Cambridgeshire", "Kent"])
def test_running_totals_and_a_header_repeated_after_a_page_break_check_without_false_warnings(sheets, totals):
    parsed = read(sheets())
    assert parsed.errors == []
    assert [str(w) for w in parsed.warnings if "printed total" in str(w)] == []
    assert len(parsed.totals) == totals and all(t.matches for t in parsed.totals)


# ------------------------------------------------------------------------------------------------ refusals

GOOD = {
    "Services": [["Service", "Also known as"], ["Revenues", "Revenues & Benefits"], ["Finance", None]],
    "Monitoring": [COUNCIL, HEADER, ["Finance", "Aug 2012", "2,834", "2,880"], ["Revenues", "Aug 2012", "154", "150"]],
}
REFUSED = [
    pytest.param({"Monitoring": [["Figures in £"], ["Service", "Period", "Budget", "Forecast outturn", "Variance"],
                                 ["Finance", "Sep 2012", "2,834", "2,900", "68"]]}, {},
                 "Monitoring!E3: the variance is £68 but the forecast outturn less the budget is £66", id="variance contradicts, £"),
    pytest.param({"Monitoring": [["Figures in £000"], ["Service", "Period", "Budget", "Forecast outturn", "Variance"],
                                 ["Finance", "Sep 2012", "2,834", "2,900", "76"]]}, {},
                 "Monitoring!E3: the variance is £76,000 but the forecast outturn less the budget is £66,000", id="variance contradicts, £000"),
    pytest.param({"Monitoring": [["Service", "Year", "Period", "Budget", "Forecast outturn"], ["Finance", "2012/13", "Apr 2013", "2,834", "2,900"]]}, {},
                 "Monitoring!C2: Apr 2013 is outside the financial year 2012/13", id="month outside the year"),
    pytest.param({"Monitoring": [HEADER, ["Finance", "Sep 2012", "2,834", "2,900"], ["FINANCE", "Sep 2012", "2,834", "2,950"]]}, {},
                 'Monitoring!C3: "FINANCE" has a second line for Sep 2012 in this sheet (first at C2)', id="same service and month twice"),
    pytest.param({"Monitoring": [HEADER, ["Revenues", "Sep 2012", "154", "150"], ["Revenues & Benefits", "Sep 2012", "154", "160"]]}, {},
                 'Monitoring!C3: "Revenues & Benefits" and "Revenues" (C2) are the same service, Revenues, so Sep 2012 is given twice',
                 id="an alias stored by a Services sheet"),
    pytest.param({"Services": [["Service", "Also known as"], ["Revenues", "Local Taxation"]],
                  "Monitoring": [HEADER, ["Revenues", "Sep 2012", "154", "150"], ["Local Taxation", "Sep 2012", "154", "160"]]}, {},
                 'Monitoring!C3: "Local Taxation" and "Revenues" (C2) are the same service, Revenues, so Sep 2012 is given twice',
                 id="an alias in the return's own Services sheet"),
    pytest.param({"Monitoring": [HEADER, ["Local Tax", "Sep 2012", "154", "150"], ["Revenues", "Sep 2012", "154", "160"]]},
                 {"service_mapping": {"Local Tax": "Revenues"}},
                 'Monitoring!C3: "Revenues" and "Local Tax" (C2) are the same service, Revenues, so Sep 2012 is given twice',
                 id="a second name mapped to the same service"),
    pytest.param({"Monitoring": [["Service", "Period", "Budget", "Forecast outturn", "Variance"], ["Finance", "Sep 2012", "2,834", None, None]]}, {},
                 'Monitoring!D2: "Finance" has neither a forecast outturn nor a variance', id="budget only"),
    pytest.param({"Monitoring": [HEADER, ["Finance", "Sep 2012", "12,3x", "2,900"]]}, {},
                 'Monitoring!C2: "12,3x" is not an amount', id="malformed amount"),
    pytest.param({"Capital": [["Scheme", "Service", "Period", "Budget this year", "Forecast this year", "RAG"],
                              ["Leisure centre roof", "Finance", "Sep 2012", "600", "650", "purple"]]}, {},
                 'Capital!F2: "purple" is not a RAG', id="capital RAG purple"),
]


@pytest.mark.parametrize(("sheets", "options", "error"), REFUSED)
def test_a_refused_return_leaves_the_database_exactly_as_it_was(session, db_url, sheets, options, error):
    assert load(session, GOOD, "august.xlsx").stored
    before = database_snapshot(db_url)
    outcome = load(session, sheets, "bad.xlsx", **options)
    assert outcome.refused and not outcome.stored
    assert any(e.startswith(error) for e in outcome.errors), outcome.errors
    assert database_snapshot(db_url) == before


# ------------------------------------------------------------------------------------------------ supersession

def month(label, finance, revenues):
    return {"Monitoring": [COUNCIL, HEADER, ["Finance", label, "2,834", finance], ["Revenues", label, "154", revenues]]}


def test_a_later_month_is_stored_beside_the_earlier_one(session):
    load(session, month("Aug 2012", "2,880", "150"), "august.xlsx")
    outcome = load(session, month("Sep 2012", "2,900", "160"), "september.xlsx")
    assert outcome.superseded == []
    assert {(c.service, c.period) for c in outcome.added} == {("Finance", "Sep 2012"), ("Revenues", "Sep 2012")}
    forecasts = {(m["service"], m["period"]): m["forecast"] for m in report(session)["monitoring"]}
    assert forecasts == {("Finance", "Aug 2012"): 2_880_000, ("Revenues", "Aug 2012"): 150_000,
                         ("Finance", "Sep 2012"): 2_900_000, ("Revenues", "Sep 2012"): 160_000}


def test_a_second_return_for_a_month_supersedes_only_that_service_and_month(session):
    load(session, month("Aug 2012", "2,880", "150"), "august.xlsx")
    september = load(session, month("Sep 2012", "2,900", "160"), "september.xlsx")
    revised = month("Sep 2012", "2,950", "160")
    preview = import_workbook(session, workbook_bytes(revised), "september revised.xlsx", loaded_by="tester", dry_run=True)
    assert preview.added == [] and preview.unchanged == 1
    assert [(c.what, c.service, c.period) for c in preview.superseded] == [("monitoring", "Finance", "Sep 2012")]
    assert "Forecast outturn: £2,900,000 -> £2,950,000" in preview.superseded[0].changes
    outcome = load(session, revised, "september revised.xlsx")
    assert outcome.stored
    lines = current_lines(session)
    assert {key: line.forecast for key, line in lines.items()} == {
        ("Finance", "Aug 2012"): 2_880_000, ("Revenues", "Aug 2012"): 150_000,
        ("Finance", "Sep 2012"): 2_950_000, ("Revenues", "Sep 2012"): 160_000}
    assert lines[("Revenues", "Sep 2012")].load_id == september.load_id
    (old,) = [m for m in session.exec(select(MonitoringLine)) if m.superseded_by_load_id is not None]
    assert (old.period, old.forecast, old.superseded_by_load_id) == ("Sep 2012", 2_900_000, outcome.load_id)


def test_reloading_the_same_file_stores_nothing(session, db_url):
    data = workbook_bytes(month("Sep 2012", "2,900", "160"))
    assert import_workbook(session, data, "september.xlsx", loaded_by="tester").stored
    session.commit()
    before = database_snapshot(db_url)
    again = import_workbook(session, data, "september copy.xlsx", loaded_by="tester")
    session.commit()
    assert not again.stored and "already loaded" in again.already_loaded
    assert database_snapshot(db_url) == before
    assert len(session.exec(select(Load)).all()) == 1


# ------------------------------------------------------------------------------------------------ South Cambridgeshire

_REPEATED = Counter(label for _section, label in SOUTH_CAMBS_LINES)


def south_cambs_name(key):
    """The name a line is stored under: a label printed in several sections carries its section's."""
    section, label = key
    return f"{label} ({section})" if _REPEATED[label] > 1 else label


# The figures the Monitoring sheet stores, as its totals name them; the third column (revised or original estimate) is
# a budget the sheet does not store (the working estimate is the budget), so its totals are not reconciled.
SOUTH_CAMBS_FIGURES = {SC_PREVIOUSLY: "previous variance", SC_WORKING: "budget", SC_ACTUAL: "actual to date",
                       SC_PROJECTED: "variance", SC_MOVEMENT: "movement"}
SOUTH_CAMBS_PRINTED = sorted((label, f"Dec 2009 {SOUTH_CAMBS_FIGURES[column]}", printed)
                             for (label, _occurrence), columns in SOUTH_CAMBS_TOTALS.items()
                             for column, printed in columns.items() if column in SOUTH_CAMBS_FIGURES)


def test_south_cambridgeshire_loads_every_line_without_errors(session):
    outcome = load(session, south_cambs_monitoring(), "south cambs.xlsx")
    assert outcome.stored and outcome.errors == []
    assert outcome.counts["monitoring lines"] == len(SOUTH_CAMBS_LINES)
    assert sorted(current_lines(session)) == sorted((south_cambs_name(key), "Dec 2009") for key in SOUTH_CAMBS_LINES)


def test_south_cambridgeshire_printed_totals_all_match_their_rows_in_the_report(session):
    load(session, south_cambs_monitoring(), "south cambs.xlsx")
    totals = [t for t in report(session)["printed_totals"] if t["sheet"] == "Monitoring"]
    assert all(t["matches"] and t["rows"] == t["printed"] for t in totals), [t for t in totals if not t["matches"]]
    assert sorted((t["label"], t["period"], t["printed"]) for t in totals) == SOUTH_CAMBS_PRINTED
    assert len(totals) == len(SOUTH_CAMBS_TOTALS) * len(SOUTH_CAMBS_FIGURES)


def test_south_cambridgeshire_projected_spend_of_every_line_is_as_printed(session):
    load(session, south_cambs_monitoring(), "south cambs.xlsx")
    lines = {m["service"]: m for m in report(session)["monitoring"]}
    assert {name: line["variance"] for name, line in lines.items()} == {
        south_cambs_name(key): projected for key, projected in SOUTH_CAMBS_PROJECTED.items()}
    assert all(line["forecast"] == line["budget"] + line["variance"] for line in lines.values())


def test_south_cambridgeshire_budget_is_the_working_estimate(session):
    load(session, south_cambs_monitoring(), "south cambs.xlsx")
    lines = {m["service"]: m for m in report(session)["monitoring"]}
    assert {name: line["budget"] for name, line in lines.items()} == {
        south_cambs_name(key): working for key, working in SOUTH_CAMBS_WORKING.items()}
    assert {line["budget_basis"] for line in lines.values()} == {SC_WORKING}


def test_south_cambridgeshire_previously_reported_spend_and_movement_are_as_printed(session):
    load(session, south_cambs_monitoring(), "south cambs.xlsx")
    lines = {m["service"]: m for m in report(session)["monitoring"]}
    assert {name: line["previous_variance"] for name, line in lines.items()} == {
        south_cambs_name(key): previously for key, previously in SOUTH_CAMBS_PREVIOUSLY.items()}
    assert {name: line["movement"] for name, line in lines.items()} == {
        south_cambs_name(key): movement for key, movement in SOUTH_CAMBS_MOVEMENT.items()}


def test_south_cambridgeshire_through_the_command_line_reports_every_monitoring_total_matching(tmp_path, db_url):
    path = write_workbook(tmp_path / "south cambs.xlsx", south_cambs_monitoring())
    imported = run_cli("import", str(path), "--db", db_url)
    assert imported.returncode == 0, imported.stderr
    reported = run_cli("report", "--json", "--db", db_url)
    assert reported.returncode == 0, reported.stderr
    totals = [t for t in json.loads(reported.stdout)["printed_totals"] if t["sheet"] == "Monitoring"]
    assert len(totals) == len(SOUTH_CAMBS_PRINTED)
    assert all(t["matches"] and t["rows"] == t["printed"] for t in totals)


# ------------------------------------------------------------------------------------------------ Kent

def kent_name(label):
    return label.removeprefix("- ")  # the paper's "- " bullet under "Local Democracy:"


def test_kent_stores_its_eleven_lines_with_the_net_cash_limit_and_net_variance(session):
    outcome = load(session, kent_cash_limits(), "kent.xlsx")
    assert outcome.stored and outcome.errors == []
    lines = {m["service"]: m for m in report(session)["monitoring"]}
    assert {name: (line["budget"], line["variance"], line["gross_expenditure"], line["income"]) for name, line in lines.items()} == {
        kent_name(label): (net * 1000, variance * 1000, gross * 1000, income * 1000)
        for label, (gross, income, net, _vg, _vi, variance) in KENT_LINES.items()}
    assert all(line["period"] == "Sep 2012" and line["forecast_stated"] is False for line in lines.values())


def test_kent_lines_are_in_the_directorate_of_their_portfolio_heading(session):
    load(session, kent_cash_limits(), "kent.xlsx")
    directorates = {m["service"]: m["directorate"] for m in report(session)["monitoring"]}
    assert directorates == {kent_name(label): portfolio for label, portfolio in KENT_PORTFOLIO_OF.items()}


def test_kent_portfolio_totals_all_match_their_lines(session):
    load(session, kent_cash_limits(), "kent.xlsx")
    totals = [t for t in report(session)["printed_totals"] if t["sheet"] == "Monitoring"]
    assert all(t["matches"] and t["rows"] == t["printed"] for t in totals), [t for t in totals if not t["matches"]]
    printed = {(t["label"], t["period"]): t["printed"] for t in totals}
    assert printed == {
        (label, f"Sep 2012 {figure}"): amount * 1000
        for label, (gross, income, net, _vg, _vi, variance) in KENT_TOTALS.items()
        for figure, amount in (("gross expenditure", gross), ("income", income), ("budget", net), ("variance", variance))}


def test_kent_management_action_rows_are_not_stored_but_named_in_a_warning(session):
    outcome = load(session, kent_cash_limits(), "kent.xlsx")
    (warning,) = [w for w in outcome.warnings if "management action" in w]
    assert "not stored" in warning
    assert all(kent_name(label) in warning for label in KENT_MANAGEMENT_ACTION)
    assert f"BSP&HR portfolio ({format_pounds(Decimal(-848_000))})" in warning and "Forecast after Mgmt Action" in warning
    stored = {s.name for s in session.exec(select(Service))}
    assert stored == {kent_name(label) for label in KENT_LINES}


# ------------------------------------------------------------------------------------------------ Capital

CAPITAL_HEADER = ["Scheme", "Directorate", "Service", "Period", "Total budget", "Budget this year", "Spend to date",
                  "Forecast this year", "Forecast total", "Slippage", "RAG", "Reason"]
ROOF = ["Leisure centre roof", "Community", "Leisure", "Sep 2012", "1,200", "600", "150", "350", "1,250", "250", "Green", "Contractor delayed"]
VEHICLES = ["Vehicle replacement", "Direct Services", "Fleet", "Sep 2012", "850", "850", "700", "850", "850", None, None, None]
DEPOT = ["Depot", "Direct Services", "Fleet", "Sep 2012", "1,000", "500", "100", "700", "1,400", None, None, None]


@pytest.mark.parametrize(
    ("budget_year", "slippage", "rag", "reason"),
    [("Budget this year", "Slippage", "RAG", "Reason"), ("Budget 2012/13", "Re-phasing", "RAG status", "Comments")],
    ids=["template headings", "other headings"],
)
def test_capital_columns_are_read_as_their_meaning(budget_year, slippage, rag, reason):
    header = [*CAPITAL_HEADER[:5], budget_year, *CAPITAL_HEADER[6:9], slippage, rag, reason]
    parsed = read({"Capital": [header, ROOF]})
    assert parsed.errors == []
    (scheme,) = parsed.capital
    assert (scheme.scheme, scheme.directorate, scheme.service, scheme.period.label) == ("Leisure centre roof", "Community", "Leisure", "Sep 2012")
    assert (scheme.total_budget, scheme.budget_year, scheme.spend_to_date, scheme.forecast_year, scheme.forecast_total, scheme.slippage) == (
        1_200_000, 600_000, 150_000, 350_000, 1_250_000, 250_000)
    assert (scheme.officer_rag, scheme.rag_reason) == ("Green", "Contractor delayed")


def test_a_capital_total_row_is_checked_against_its_schemes():
    total = ["TOTAL", None, None, "Sep 2012", "3,050", "1,950", "950", "1,900", "3,501", "250", None, None]
    parsed = read({"Capital": [CAPITAL_HEADER, ROOF, VEHICLES, DEPOT, total]})
    assert parsed.errors == [] and len(parsed.capital) == 3
    assert [str(w) for w in parsed.warnings] == [
        'Capital!I5: the printed total "TOTAL" for Sep 2012 forecast total is £3,501,000 but the rows it covers add up to £3,500,000']
    assert sorted((t.period, t.matches) for t in parsed.totals) == [
        ("Sep 2012 budget this year", True), ("Sep 2012 forecast this year", True), ("Sep 2012 forecast total", False),
        ("Sep 2012 slippage", True), ("Sep 2012 spend to date", True), ("Sep 2012 total budget", True)]


def test_capital_band_is_the_officers_rag_when_given_else_computed(session):
    outcome = load(session, {"Capital": [COUNCIL, CAPITAL_HEADER, ROOF, VEHICLES, DEPOT]})
    assert outcome.stored and outcome.errors == []
    bands = {c["scheme"]: (c["band"], c["band_source"], c["computed_band"]) for c in report(session)["capital"]}
    assert bands == {"Leisure centre roof": ("Green", "officer", "Amber"), "Vehicle replacement": ("Green", "computed", "Green"),
                     "Depot": ("Red", "computed", "Red")}


def test_a_capital_scheme_with_a_directorate_only_is_stored_under_that_directorate(session):
    programme = ["Corporate ICT refresh", "Resources", None, "Sep 2012", "400", "200", "50", "200", "400", None, None, None]
    outcome = load(session, {"Capital": [COUNCIL, CAPITAL_HEADER, ROOF, programme]})
    assert outcome.stored and outcome.errors == []
    schemes = {c["scheme"]: (c["service"], c["directorate"], c["budget_year"]) for c in report(session)["capital"]}
    assert schemes == {"Leisure centre roof": ("Leisure", "Community", 600_000), "Corporate ICT refresh": (None, "Resources", 200_000)}


def test_withdrawing_a_revised_month_brings_back_the_earlier_forecast_and_leaves_other_months(session):
    from data_layer.history import restore_load
    from data_layer.withdrawal import plan_withdrawal, withdraw_load

    load(session, month("Aug 2012", "2,880", "150"), "august.xlsx")
    load(session, month("Sep 2012", "2,900", "160"), "september.xlsx")
    revised = load(session, month("Sep 2012", "2,950", "160"), "september revised.xlsx")
    plan = plan_withdrawal(session, revised.load_id)
    (going,) = plan.going
    assert (going.what, going.service, going.period) == ("monitoring", "Finance", "Sep 2012")
    assert going.earlier is not None and "forecast £2,900,000" in going.earlier.value
    withdraw_load(session, revised.load_id, withdrawn_by="tester")
    session.commit()
    assert {key: line.forecast for key, line in current_lines(session).items()} == {
        ("Finance", "Aug 2012"): 2_880_000, ("Revenues", "Aug 2012"): 150_000,
        ("Finance", "Sep 2012"): 2_900_000, ("Revenues", "Sep 2012"): 160_000}
    restore_load(session, revised.load_id, restored_by="tester")  # and brought back again
    session.commit()
    assert current_lines(session)[("Finance", "Sep 2012")].forecast == 2_950_000
