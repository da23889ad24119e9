"""Financial years, ranges, quarters and months as councils label them."""

from datetime import date

import pytest

from data_layer.periods import find_year_period, parse_kpi_period, period_from_label


@pytest.mark.parametrize(
    ("heading", "label", "kind"),
    [
        ("2012/13", "2012/13", "year"),
        ("12/13", "2012/13", "year"),
        ("2012-13", "2012/13", "year"),
        ("2012/2013", "2012/13", "year"),
        ("Budget 12/13", "2012/13", "year"),
        ("FY2012-13", "2012/13", "year"),
        ("2011/ 12", "2011/12", "year"),
        ("2011/12 Budget", "2011/12", "year"),
        ("1999/00", "1999/00", "year"),
        ("2008 - 10", "2008/09-2009/10", "years"),
        ("2008-10", "2008/09-2009/10", "years"),
    ],
)
def test_year_labels_are_normalised(heading, label, kind):
    period = find_year_period(heading)
    assert period is not None
    assert (period.label, period.kind) == (label, kind)


@pytest.mark.parametrize("heading", ["Service", "Directorate", "2012-08", "Notes 2012", "Total"])
def test_headings_without_a_financial_year(heading):
    assert find_year_period(heading) is None


def test_multi_year_range_is_kept_whole():
    period = find_year_period("2008 - 10")
    assert period.start == date(2008, 4, 1)
    assert period.end == date(2010, 3, 31)


@pytest.mark.parametrize(
    ("written", "label", "end"),
    [
        ("2011/12", "2011/12", date(2012, 3, 31)),
        ("Q2 2012/13", "Q2 2012/13", date(2012, 9, 30)),
        ("2012/13 Q4", "Q4 2012/13", date(2013, 3, 31)),
        ("11/12: Q4", "Q4 2011/12", date(2012, 3, 31)),
        ("Aug 2012", "Aug 2012", date(2012, 8, 31)),
        ("August 2012", "Aug 2012", date(2012, 8, 31)),
        ("2012-08", "Aug 2012", date(2012, 8, 31)),
        (date(2012, 8, 15), "Aug 2012", date(2012, 8, 31)),
    ],
)
def test_kpi_periods(written, label, end):
    period = parse_kpi_period(written)
    assert (period.label, period.end) == (label, end)


def test_month_falls_in_its_financial_year():
    assert parse_kpi_period("Feb 2013").financial_year == "2012/13"
    assert parse_kpi_period("Apr 2012").financial_year == "2012/13"


@pytest.mark.parametrize("written", ["soon", "Q5 2012/13", "2012-13-14x", "", None, 42])
def test_not_a_period(written):
    assert parse_kpi_period(written) is None


@pytest.mark.parametrize("label", ["2012/13", "2008/09-2009/10", "Q2 2012/13", "Aug 2012"])
def test_stored_labels_round_trip(label):
    assert period_from_label(label).label == label
