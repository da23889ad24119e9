"""The report uses the council's own settings: default tolerance and overall-band rule, stored in the database."""

from decimal import Decimal

from data_layer import repository
from data_layer.loader import import_workbook
from data_layer.report import build_report
from tests.conftest import workbook_bytes

KPIS = {"KPIs": [
    ["Indicator", "Service", "Period", "Target", "Actual"],
    ["Calls answered", "Contact centre", "Aug 2012", "80%", "75%"],  # 6.25% short
    ["Calls abandoned", "Contact centre", "Aug 2012", "<8%", "5%"],
    ["Complaints closed", "Contact centre", "Aug 2012", "90%", "95%"],
]}


def stored(session):
    import_workbook(session, workbook_bytes(KPIS), "kpis.xlsx")
    session.commit()
    return repository.council(session=session)


def services(session):
    return {row["service"]: row for row in build_report(session=session)["services"]}


def test_default_settings_are_ten_percent_and_most_indicators(session):
    council = stored(session)
    assert (council.default_tolerance, council.overall_rule) == (Decimal(10), "most")
    row = services(session)["Contact centre"]
    assert (row["green"], row["amber"], row["overall"]) == (2, 1, "Green")


def test_worst_rule_stored_for_the_council_changes_the_overall_band(session):
    council = stored(session)
    council.overall_rule = "worst"
    session.add(council)
    session.commit()
    assert services(session)["Contact centre"]["overall"] == "Amber"


def test_council_default_tolerance_changes_the_bands(session):
    council = stored(session)
    council.default_tolerance = Decimal(5)
    session.add(council)
    session.commit()
    report = build_report(session=session)
    calls = next(row for row in report["indicators"] if row["name"] == "Calls answered")
    assert calls["band"] == "Red"
    assert calls["reason"] == "75% against a target of 80% (higher is better): 6.3% short; Red (Amber is within 5%)"
