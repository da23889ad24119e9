"""Reading return workbooks: sheets, headers, synonyms, periods, units, totals, and every problem at once."""

from decimal import Decimal

import pytest

from data_layer.returns.workbook import read_return
from tests.conftest import PERCENT, workbook_bytes

HEADER = ["Service", "2010/11", "2011/12", "2012/13"]


def read(sheets, **options):
    return read_return(workbook_bytes(sheets), "return.xlsx", **options)


def amounts(parsed, sheet="budget"):
    return {(row.service, row.period.label): row.amount for row in getattr(parsed, sheet)}


def test_header_is_found_below_title_rows_and_units_come_from_a_title():
    parsed = read({"Budget": [
        ["Council: Sevenoaks District Council"],
        ["Part 2b: Resources – 2012/13 Budget (£,000)"],
        [],
        ["", "Budget 10/11", "Budget 11/12", "Budget 12/13"],  # a header without 'Service' is a title
        HEADER,
        ["Direct Services", "4,311", "3,671", 3662],
    ]})
    assert parsed.errors == []
    assert parsed.council_name == "Sevenoaks District Council"
    assert amounts(parsed)[("Direct Services", "2012/13")] == Decimal("3662000")


def test_header_beyond_the_first_20_rows_is_not_found():
    rows = [[f"title {n}"] for n in range(20)] + [HEADER, ["Finance", 1, 2, 3]]
    parsed = read({"Budget": rows})
    assert [str(e) for e in parsed.errors] == [
        "Budget: no header row found in the first 20 rows: expected a row with a 'Service' column"
    ]


@pytest.mark.parametrize("sheet_name", ["budget", " BUDGET ", "Budget"])
def test_sheet_names_ignore_case_and_surrounding_spaces(sheet_name):
    parsed = read({sheet_name: [HEADER, ["Finance", 1, 2, 3]]})
    assert len(parsed.budget) == 3


def test_other_sheets_are_ignored_and_listed():
    parsed = read({"Budget": [HEADER, ["Finance", 1, 2, 3]], "Notes": [["anything"]], "Chart data": [[1]]})
    assert parsed.sheets_ignored == ["Notes", "Chart data"]


@pytest.mark.parametrize(
    ("sheet", "header"),
    [("KPIs", "Indicator"), ("Performance", "Measure"), ("Indicators", "PI name"), ("PIs", "Indicator")],
)
def test_kpi_sheet_names_and_header_synonyms(sheet, header):
    parsed = read({sheet: [
        [header, "Portfolio", "Service", "Period", "Target", "Outturn", "Notes"],
        ["Calls answered", "IT & FM", "Customer Services", "Aug 2012", "80%", "84%", "Good month"],
    ]})
    assert parsed.errors == []
    (row,) = parsed.kpis
    assert (row.name, row.directorate, row.actual.number, row.commentary) == ("Calls answered", "IT & FM", Decimal(84), "Good month")


@pytest.mark.parametrize("directorate_header", ["Directorate", "Head of Service", "Portfolio"])
def test_directorate_synonyms_on_money_sheets(directorate_header):
    parsed = read({"Budget": [[directorate_header, *HEADER], ["Finance & HR", "Finance", 1, 2, 3]]})
    assert {row.directorate for row in parsed.budget} == {"Finance & HR"}


@pytest.mark.parametrize(
    ("headings", "labels"),
    [
        (["2010/11", "2011/12", "2012/13"], ["2010/11", "2011/12", "2012/13"]),
        (["10/11", "11/12", "12/13"], ["2010/11", "2011/12", "2012/13"]),
        (["2010-11", "2011/2012", "FY2012-13"], ["2010/11", "2011/12", "2012/13"]),
        (["2008 - 10", "2011/ 12", "Budget 12/13"], ["2008/09-2009/10", "2011/12", "2012/13"]),
    ],
)
def test_year_columns(headings, labels):
    parsed = read({"Savings": [["Service", *headings], ["Finance", 1, 2, 3]]})
    assert [row.period.label for row in parsed.savings] == labels


def test_every_money_value_form_in_a_real_workbook():
    parsed = read({"Budget": [
        ["Net budget (£000)"],
        ["Service", "2012/13"],
        ["A number", 4311],
        ["Thousands separator", "4,311"],
        ["Brackets", "(1,372)"],
        ["Hyphen minus", "-1,372"],
        ["Unicode minus", "−1,372"],
        ["Millions on the value", "£2.48m"],
        ["Decimal in £000", 0.9],
        ["Dash is zero", "-"],
        ["En dash is zero", "–"],
        ["Footnote", "95*"],
        ["Blank is no entry", None],
        ["Spaces only", "   "],
    ]})
    assert parsed.errors == []
    assert amounts(parsed) == {
        ("A number", "2012/13"): Decimal("4311000"),
        ("Thousands separator", "2012/13"): Decimal("4311000"),
        ("Brackets", "2012/13"): Decimal("-1372000"),
        ("Hyphen minus", "2012/13"): Decimal("-1372000"),
        ("Unicode minus", "2012/13"): Decimal("-1372000"),
        ("Millions on the value", "2012/13"): Decimal("2480000"),
        ("Decimal in £000", "2012/13"): Decimal("900"),
        ("Dash is zero", "2012/13"): Decimal("0"),
        ("En dash is zero", "2012/13"): Decimal("0"),
        ("Footnote", "2012/13"): Decimal("95000"),
    }


@pytest.mark.parametrize(
    ("title", "header", "pounds"),
    [
        ("Budget £", "2012/13", "5"),
        ("Budget (£000)", "2012/13", "5000"),
        ("Budget £'000s", "2012/13", "5000"),
        ("Budget £k", "2012/13", "5000"),
        ("Budget (£m)", "2012/13", "5000000"),
        ("Budget", "2012/13", "5000"),  # default £000
        ("Budget (£000)", "2012/13 (£)", "5"),  # the header's unit wins for its column
    ],
)
def test_units_from_title_or_header(title, header, pounds):
    parsed = read({"Budget": [[title], ["Service", header], ["Finance", 5]]})
    assert parsed.budget[0].amount == Decimal(pounds)


def test_all_errors_are_reported_together_with_sheet_and_cell():
    parsed = read({
        "Budget": [HEADER, ["Finance", "12,3x", 2, "abc"], ["", 5, None, None]],
        "KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "CS", "someday", "80%", "84%"]],
    })
    assert [str(e) for e in parsed.errors] == [
        'Budget!B2: "12,3x" is not an amount: expected an amount such as 4,311, (1,372), -1,372, £2.48m or - for zero',
        'Budget!D2: "abc" is not an amount: expected an amount such as 4,311, (1,372), -1,372, £2.48m or - for zero',
        "Budget!A3: amounts without a service name: expected the service in this cell",
        'KPIs!C2: "someday" is not a period: expected a financial year (2012/13), a quarter (Q2 2012/13) or a month (Aug 2012)',
    ]


def test_missing_required_kpi_columns_are_named():
    parsed = read({"KPIs": [["Indicator", "Service", "Target"], ["Calls", "CS", "80%"]]})
    assert [str(e) for e in parsed.errors] == [
        "KPIs!A1: the header has no 'Period', 'Actual' column: expected 'Indicator', 'Service', 'Period', 'Target', 'Actual'"
    ]


def test_same_service_twice_in_one_sheet_is_an_error():
    parsed = read({"Budget": [HEADER, ["Finance", 1, 2, 3], ["FINANCE", 4, 5, 6]]})
    assert len(parsed.errors) == 3
    assert 'Budget!B3: "FINANCE" has a second 2010/11 amount in this sheet (first at B2)' in str(parsed.errors[0])


def test_same_indicator_and_period_twice_is_an_error():
    parsed = read({"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"],
                            ["Calls", "CS", "Aug 2012", "80%", "84%"], ["Calls", "CS", "August 2012", "80%", "85%"]]})
    assert '"Calls" for Aug 2012 appears twice (also row 2)' in str(parsed.errors[0])


def test_dates_and_booleans_in_money_cells_are_errors():
    from datetime import datetime

    parsed = read({"Budget": [HEADER, ["Finance", datetime(2012, 4, 1), True, 3]]})
    assert len(parsed.errors) == 2
    assert "is a date or time, not an amount" in str(parsed.errors[0])
    assert "true/false value, not an amount" in str(parsed.errors[1])


# ------------------------------------------------------------------------------------ totals

def test_matching_total_gives_no_warning():
    parsed = read({"Savings": [["Service", "2012/13"], ["A", 1], ["B", "(3)"], ["TOTAL", -2]]})
    assert parsed.warnings == []
    assert [(t.printed, t.computed) for t in parsed.totals] == [(Decimal(-2000), Decimal(-2000))]
    assert len(parsed.savings) == 2  # the total is never stored as a service


def test_wrong_total_is_a_warning_with_both_figures():
    parsed = read({"Savings": [["Service", "2012/13"], ["A", 1], ["B", 2], ["Total", 4]]})
    assert parsed.errors == []
    assert [str(w) for w in parsed.warnings] == [
        'Savings!B4: the printed total "Total" for 2012/13 is £4,000 but the rows it covers add up to £3,000'
    ]


def test_wrong_total_is_an_error_when_strict():
    parsed = read({"Savings": [["Service", "2012/13"], ["A", 1], ["Total", 4]]}, strict=True)
    assert "(--strict makes this an error)" in str(parsed.errors[0])


def test_total_covers_rows_since_the_previous_total():
    parsed = read({"Savings": [["Service", "2012/13"], ["A", 1], ["TOTAL", 1], ["B", 5], ["C", "-"], ["TOTAL", 5]]})
    assert parsed.warnings == []


def test_directorate_total_spans_two_tables_of_that_directorate():
    parsed = read({"Savings": [
        ["Directorate", "Service", "2008 - 10", "2011/ 12"],
        ["Legal & Democratic Services", "Democratic Services", None, 37],
        ["Legal & Democratic Services", "Legal Services", 30, 55],
        [None, "TOTAL", 30, 92],
        ["Legal & Democratic Services", "Policy & Performance", 58, 70],
        [None, "Legal & Democratic Services Total", 88, 162],
    ]})
    assert parsed.warnings == []


def test_dash_in_a_total_is_zero_and_checked():
    parsed = read({"Savings": [["Service", "2013/14"], ["A", None], ["TOTAL", "-"]]})
    assert parsed.warnings == []
    parsed = read({"Savings": [["Service", "2013/14"], ["A", 5], ["TOTAL", "-"]]})
    assert "is £0 but the rows it covers add up to £5,000" in str(parsed.warnings[0])


# ------------------------------------------------------------------------------ KPI sheet

def test_kpi_values_keep_their_original_text_and_percent_cells():
    parsed = read({"KPIs": [
        ["Code", "Indicator", "Service", "Period", "Target", "Actual", "Polarity", "Tolerance"],
        ["BC01", "Checked in 10 days", "Building Control", "Aug 2012", "90%+", (PERCENT, 0.94), None, "5%"],
        ["HB01", "Days to process", "Housing Benefits", "Q2 2012/13", 20, "26.5", "Lower is better", None],
    ]})
    assert parsed.errors == []
    first, second = parsed.kpis
    assert (first.actual.number, first.actual.text, first.tolerance) == (Decimal(94), "94%", Decimal(5))
    assert (second.polarity, second.period.label) == ("lower", "Q2 2012/13")


@pytest.mark.parametrize(
    "placeholder",
    ["N/A", "n/a", "Not applicable", "Not recorded", "To be confirmed", "TBC", "TBA", "Data unavailable",
     "Unknown", "Not a target for this period", "-", None],
)
def test_every_placeholder_is_no_data_in_a_real_workbook(placeholder):
    parsed = read({"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "CS", "Aug 2012", "80%", placeholder]]})
    assert parsed.errors == []
    assert parsed.kpis[0].actual.kind == "no data"


def test_override_needs_a_reason():
    parsed = read({"KPIs": [["Indicator", "Service", "Period", "Target", "Actual", "Override", "Override reason"],
                            ["Calls", "CS", "Aug 2012", "80%", "60%", "Amber", None]]})
    assert "the override Amber has no reason" in str(parsed.errors[0])


def test_override_must_be_a_band():
    parsed = read({"KPIs": [["Indicator", "Service", "Period", "Target", "Actual", "Override", "Override reason"],
                            ["Calls", "CS", "Aug 2012", "80%", "60%", "Purple", "because"]]})
    assert '"Purple" is not a band: expected Green, Amber or Red' in str(parsed.errors[0])


def test_text_actual_is_a_warning_and_no_data():
    parsed = read({"KPIs": [["Indicator", "Service", "Period", "Target", "Actual"], ["Calls", "CS", "Aug 2012", "80%", "See note"]]})
    assert parsed.errors == []
    assert '"See note" is not a number or Yes/No; it is shown as No data' in str(parsed.warnings[0])


def test_services_sheet_gives_directorates_aliases_and_committees():
    parsed = read({"Services": [
        ["Head of Service", "Service", "Also known as", "Reviewed by"],
        ["Finance & HR", "Revenues", "Revenues & Benefits; Local Tax Shared Service", "Services Select Committee"],
        ["Environmental & Operational Services", "Direct Services", None,
         "Environment Select Committee (Street Cleaning); Services Select Committee"],
    ]})
    revenues, direct = parsed.services
    assert revenues.aliases == ["Revenues & Benefits", "Local Tax Shared Service"]
    assert direct.committees == [("Environment Select Committee", "Street Cleaning"), ("Services Select Committee", None)]


def test_objectives_and_risks_take_their_year_from_a_title_row():
    parsed = read({
        "Objectives": [["Key service objectives 2012/13"], ["Service", "Objective"], ["Finance", "Close the accounts by 30 June"]],
        "Risks": [["Budget risks 2012/13"], ["Directorate", "Service", "Risk"], ["Housing", None, "B&B demand"]],
        "Staff": [["Service", "FTE", "Year"], ["Finance", 12.5, "2012/13"]],
    })
    assert parsed.errors == []
    assert (parsed.objectives[0].year, parsed.risks[0].directorate, parsed.staff[0].fte) == ("2012/13", "Housing", Decimal("12.5"))


def test_objectives_without_a_year_are_an_error():
    parsed = read({"Objectives": [["Service", "Objective"], ["Finance", "Close the accounts"]]})
    assert "no year given" in str(parsed.errors[0])


def test_workbook_with_no_return_sheet_is_an_error():
    parsed = read({"Sheet1": [["hello"]]})
    assert "no sheet of a return was found" in str(parsed.errors[0])
