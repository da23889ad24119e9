"""The sample council: the Sevenoaks 2012/13 paper's printed figures, through the real command line."""

import json
from pathlib import Path

import openpyxl
import pytest

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
