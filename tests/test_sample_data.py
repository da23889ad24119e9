"""The sample council: the Sevenoaks 2012/13 paper's printed figures, through the real command line."""

import json
from pathlib import Path

import openpyxl
import pytest

from data_layer import monitoring_metrics, repository
from data_layer.db import session_scope
from sample_data import make_sample_data
from tests.conftest import ROOT, run_cli

SAMPLE_FILES = sorted(str(path) for path in (ROOT / "sample_data").glob("*.xlsx"))

# Part 3b of the paper: Green, Amber, Red per service ("-" and blanks are 0).
PART_3B = {
    "Building Control": (2, 0, 0), "Direct Services": (4, 1, 4), "Environmental Health": (1, 0, 1),
    "Licensing": (1, 1, 0), "Parking & Amenity": (1, 0, 0),
    "Audit, Risk & Anti Fraud": (1, 0, 0), "Finance": (0, 0, 1), "Housing Benefits": (0, 1, 1),
    "Human Resources": (1, 0, 0), "Revenues": (2, 0, 0),
    "Communications": (0, 0, 0), "Housing Policy": (1, 0, 1), "Private Housing": (1, 0, 1), "Social Housing": (3, 0, 0),
    "Customer Services": (3, 0, 0), "IT Services": (0, 1, 0), "Facilities Management": (1, 0, 0),
    "Democratic Services": (3, 0, 0), "Elections & Land Charges": (0, 1, 0), "Legal Services": (3, 0, 0),
    "Policy & Performance": (1, 0, 0), "Property Services": (0, 0, 0),
}
# Where the paper prints an Overall Performance judgement.
PART_3B_OVERALL = {"Customer Services": "Green", "IT Services": "Amber", "Facilities Management": "Green",
                   "Democratic Services": "Green", "Elections & Land Charges": "Amber", "Legal Services": "Green",
                   "Policy & Performance": "Green"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'x.db'}"
    result = run_cli("import", *SAMPLE_FILES, "--db", url)
    return url, result


@pytest.fixture(scope="module")
def report(imported):
    url, _ = imported
    result = run_cli("report", "--db", url, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sample_imports_cleanly_with_no_totals_warnings(imported):
    _, result = imported
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stdout + result.stderr


def test_budget_figures_as_printed(report):
    budget = {(row["service"], row["year"]): row for row in report["budget"]}
    assert budget[("Direct Services", "2012/13")]["net_budget"] == 3662000
    assert budget[("Parking & Amenity", "2012/13")]["net_budget"] == -1711000
    assert budget[("Policy & Performance", "2011/12")]["net_budget"] == 900
    assert budget[("Direct Services", "2012/13")]["change"] == -9000
    # An income budget growing is favourable; its percentage is on the absolute base.
    assert budget[("Parking & Amenity", "2012/13")]["change_pct"] == -5.4
    assert budget[("Parking & Amenity", "2012/13")]["direction"] == "favourable"
    assert budget[("Direct Services", "2010/11")]["change"] is None


def test_savings_totals_match_the_papers_total_rows(report):
    totals = {}
    for row in report["savings_totals"]:
        totals.setdefault(row["directorate"], []).append(row["amount"])
    assert totals["Environmental & Operational Services"] == [1137000, 1096000, 44000, 14000, 50000]
    # This directorate's total spans two tables in the paper.
    assert totals["Legal & Democratic Services"] == [176000, 233000, 15000, 75000]
    assert totals["Finance & HR"] == [570000, 131000, 50000, 50000]
    assert totals["Housing & Communications"] == [231000, 114000, 69000]
    assert totals["IT & Facilities Management"] == [247000, 180000, 120000, 20000, 60000]
    periods = [row["period"] for row in report["savings_totals"] if row["directorate"] == "Environmental & Operational Services"]
    assert periods == ["2008/09-2009/10", "2011/12", "2012/13", "2013/14", "2014/15"]


def test_reversed_saving_is_negative(report):
    savings = {(row["service"], row["period"]): row["amount"] for row in report["savings"]}
    assert savings[("Elections & Land Charges", "2011/12")] == -22000
    assert savings[("Revenues", "2008/09-2009/10")] == 123000  # printed as "Revenues & Benefits"


def test_band_counts_reproduce_part_3b(report):
    services = {row["service"]: row for row in report["services"]}
    for service, (green, amber, red) in PART_3B.items():
        row = services[service]
        assert (row["green"], row["amber"], row["red"]) == (green, amber, red), service
    for service, overall in PART_3B_OVERALL.items():
        assert services[service]["overall"] == overall, service


def test_indicator_fields_and_an_officer_override(report):
    indicators = {row["code"]: row for row in report["indicators"]}
    land_charges = indicators["EL01"]
    assert (land_charges["band"], land_charges["computed_band"]) == ("Amber", "Red")
    assert land_charges["computed_reason"] == (
        "74.9% against a target of 85% (higher is better): 11.9% short; Red (Amber is within 10%)"  # the Unit column says %
    )
    assert "Officer override to Amber" in land_charges["reason"]
    licensing = indicators["LI02"]
    assert (licensing["actual"], licensing["target"], licensing["band"], licensing["polarity"]) == (3.07, 3.4, "Amber", "higher")
    assert indicators["HB01"]["direction"] == "worsening"
    assert indicators["HB02"]["direction"] == "improving"
    assert {row["period"] for row in report["indicators"]} == {"Aug 2012"}


def test_report_period_selects_the_latest_period_within_that_year(imported):
    url, _ = imported
    result = run_cli("report", "--db", url, "--period", "2011/12", "--json")
    assert json.loads(result.stdout)["indicators"] == []
    result = run_cli("report", "--db", url, "--period", "12/13", "--json")
    assert len(json.loads(result.stdout)["indicators"]) == len(make_sample_data.KPIS)


def test_committed_sample_workbooks_match_their_transcription():
    """The .xlsx files in sample_data/ are exactly what make_sample_data.py writes."""
    builders = {
        "01-services-and-plans-2012-13.xlsx": make_sample_data.services_workbook,
        "02-budget-2012-13.xlsx": make_sample_data.budget_workbook,
        "03-savings-plan-2012-13.xlsx": make_sample_data.savings_workbook,
        "04-kpis-aug-2012.xlsx": make_sample_data.kpi_workbook,
        "05-monitoring-apr-aug-2012.xlsx": make_sample_data.monitoring_workbook,
        "06-risks-and-actions-aug-2012.xlsx": make_sample_data.plans_workbook,
    }
    assert sorted(Path(f).name for f in SAMPLE_FILES) == sorted(builders)
    for name, build in builders.items():
        committed = openpyxl.load_workbook(ROOT / "sample_data" / name)
        expected = build()
        assert committed.sheetnames == expected.sheetnames, name
        for sheet in expected.sheetnames:
            assert _cells(committed[sheet]) == _cells(expected[sheet]), f"{name} {sheet}"


def _cells(sheet):
    return [[(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]


# ------------------------------------------------------------------------ the illustrative monitoring return (05-)

MONITORING_RETURN = ROOT / "sample_data" / "05-monitoring-apr-aug-2012.xlsx"
MONTHS = ["Apr 2012", "May 2012", "Jun 2012", "Jul 2012", "Aug 2012"]


def test_the_monitoring_return_says_it_is_illustrative():
    workbook = openpyxl.load_workbook(MONITORING_RETURN)
    assert workbook.sheetnames == ["Monitoring", "Capital", "About"]
    about = " ".join(str(cell.value) for row in workbook["About"].iter_rows() for cell in row if cell.value)
    assert "illustrative, invented for the sample" in about
    assert "print no monthly monitoring" in about
    for sheet in ("Monitoring", "Capital"):
        assert workbook[sheet]["A1"].value == "Council: Sevenoaks District Council"
        assert workbook[sheet]["A3"].value.startswith("ILLUSTRATIVE FIGURES"), sheet
        assert "(£000)" in workbook[sheet]["A2"].value, sheet


def test_monitoring_budgets_are_the_budget_sheets_2012_13_figures(report):
    budget = {row["service"]: row["net_budget"] for row in report["budget"] if row["year"] == "2012/13"}
    lines = report["monitoring"]
    assert {line["service"] for line in lines} == set(budget)  # every budgeted service, and no other
    for line in lines:
        assert line["budget"] == budget[line["service"]], (line["service"], line["period"])
    # As the workbooks print them, too: the Monitoring sheet's Budget column against the Budget sheet's "Budget 12/13".
    printed = {row[1]: int(str(row[4]).replace(",", "")) * 1000 for row in
               openpyxl.load_workbook(ROOT / "sample_data" / "02-budget-2012-13.xlsx")["Budget"].iter_rows(min_row=5, values_only=True)}
    sheet = openpyxl.load_workbook(MONITORING_RETURN)["Monitoring"]
    for service, budget_000 in ((row[1], row[3]) for row in sheet.iter_rows(min_row=5, values_only=True)):
        assert budget_000 * 1000 == printed[service], service


def test_every_monitoring_line_has_actual_forecast_and_variance_that_agree(report):
    lines = report["monitoring"]
    assert len(lines) == 21 * 5 - 1  # Communications has no June line
    for line in lines:
        assert line["forecast_stated"] is True
        assert line["variance"] == line["forecast"] - line["budget"], line["service"]
        assert line["actual_to_date"] is not None, line["service"]
    assert [line["period"] for line in lines if line["service"] == "Communications"] == ["Apr 2012", "May 2012", "Jul 2012", "Aug 2012"]


def test_the_monitoring_story(report):
    lines = {(line["service"], line["period"]): line for line in report["monitoring"]}
    council = [sum(line["variance"] for line in report["monitoring"] if line["period"] == month) for month in MONTHS]
    assert council == [5000, 10000, 15000, 25000, 47000]  # the council's forecast overspend grows every month
    growing = {service: [lines[(service, month)]["variance"] for month in MONTHS]
               for service in ("Direct Services", "Housing Benefits", "Private & Social Housing")}
    for service, variances in growing.items():
        assert variances == sorted(set(variances)) and variances[-1] > 0, service
    reds = {(service, period) for (service, period), line in lines.items() if line["band"] == "Red"}
    assert reds == {("Private & Social Housing", "Jul 2012"), ("Private & Social Housing", "Aug 2012")}
    red = lines[("Private & Social Housing", "Aug 2012")]
    assert (red["variance"], red["wording"]) == (60000, "overspend £60k (8.6%): adverse")
    assert "Bed and breakfast" in red["commentary"] and red["management_action"]
    parking = lines[("Parking & Amenity", "Aug 2012")]
    assert (parking["budget"], parking["variance"], parking["band"]) == (-1711000, -60000, "Green")
    assert parking["wording"] == "income £60k more than budgeted (3.5%): favourable"
    august = [line for line in report["monitoring"] if line["period"] == "Aug 2012"]
    assert sum(line["band"] == "Green" for line in august) == 16  # most services on or under budget


def test_the_council_forecast_path_carries_the_june_gap_and_asks_the_question(imported):
    url, _ = imported
    with session_scope(url) as session:
        lines = repository.monitoring(session=session, council_id=repository.council(session=session).id)
    path = monitoring_metrics.forecast_path(lines, "2012/13")
    assert [int(v) for v in path["variance"]] == [5000, 10000, 15000, 25000, 47000]
    june = path[path["period"] == "Jun 2012"].iloc[0]
    assert (june["complete"], june["carried_forward"]) == (False, "Communications")
    assert monitoring_metrics.path_question(path, monitoring_metrics.WHOLE_COUNCIL) == (
        "Forecast overspend for Whole council has grown 4 months running (£5k to £47k)")


def test_the_capital_programme(report):
    schemes = {row["scheme"]: row for row in report["capital"]}
    assert len(schemes) == len(make_sample_data.CAPITAL) == 7
    assert {row["period"] for row in schemes.values()} == {"Aug 2012"}
    car_park = schemes["Car park resurfacing: Buckhurst 2"]
    assert (car_park["band"], car_park["band_source"], car_park["computed_band"]) == ("Red", "officer", "Red")
    assert car_park["variance_total"] == 30000 and "car parks reserve" in car_park["rag_reason"]
    leisure = schemes["Sevenoaks Leisure Centre: roof and pool plant"]
    assert (leisure["band"], leisure["slippage"], leisure["forecast_year"] + leisure["slippage"]) == ("Amber", 180000, leisure["budget_year"])
    assert {row["band"] for row in schemes.values()} == {"Red", "Amber", "Green"}
