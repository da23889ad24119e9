"""Chart builders as pure functions: their traces, values, colours, shapes and labels, on the sample council."""

from decimal import Decimal

import pytest

from data_layer import charts
from data_layer.banding import BAND_COLOURS
from data_layer.views import Filters, build_view


@pytest.fixture(scope="module")
def view(sample_council):
    return build_view(sample_council[1], Filters())


def test_budget_trend_has_one_bar_series_per_directorate_in_the_tables_unit(view):
    figure = charts.budget_trend(view.budget_by_directorate, "directorate", "Net budget")
    names = [trace.name for trace in figure.data]
    assert names == sorted(view.budget_by_directorate["directorate"].unique())
    legal = next(trace for trace in figure.data if trace.name == "Legal & Democratic Services")
    assert list(legal.x) == ["2010/11", "2011/12", "2012/13"]
    assert list(legal.y) == [1353.0, 1082.9, 978.0]  # £k: no directorate's budget reaches £10m
    assert (figure.layout.yaxis.tickprefix, figure.layout.yaxis.ticksuffix, figure.layout.yaxis.tickformat) == ("£", "k", ",.0f")
    assert figure.layout.yaxis.title.text == "Net budget (£k; below zero is net income)"
    assert figure.layout.yaxis.rangemode == "tozero"
    assert figure.layout.barmode == "group"
    patterns = [trace.marker.pattern.shape for trace in figure.data]
    assert len(set(patterns)) == len(patterns), "each directorate's bars carry a pattern of their own, not colour alone"


def test_budget_trend_says_net_income_for_negative_budgets(view):
    services = view.budget_by_service[view.budget_by_service["service"] == "Parking & Amenity"]
    figure = charts.budget_trend(services, "service", "Parking")
    assert list(figure.data[0].y) == [-1372.0, -1624.0, -1711.0]
    assert "2012/13: -£1,711k (-£1,711,000) net income" in figure.data[0].hovertext[-1]
    assert "favourable" in figure.data[0].hovertext[-1]


def test_waterfall_goes_from_last_years_total_to_this_years(view):
    figure = charts.budget_waterfall(view.budget_by_directorate, "directorate", "2012/13", "2011/12", "Change")
    waterfall = figure.data[0]
    assert waterfall.measure[0] == "absolute" and waterfall.measure[-1] == "total"
    assert waterfall.y[0] == 11.1579 and waterfall.y[-1] == 10.367  # £m, as the tables write £10m and more
    assert sum(waterfall.y[1:-1]) == pytest.approx(10.367 - 11.1579)
    assert (waterfall.text[0], waterfall.text[-1]) == ("£11.2m", "£10.4m")
    assert "▼ -£395k" in waterfall.text  # the way of each step in a shape, not colour alone
    assert waterfall.decreasing.marker.color == charts.FAVOURABLE_COLOUR
    assert waterfall.increasing.marker.color == charts.ADVERSE_COLOUR
    assert "Finance & HR: -£395k (-£395,000) (favourable)" in waterfall.hovertext
    assert figure.layout.yaxis.rangemode == "tozero" and figure.layout.yaxis.range is None  # from zero: a 7% fall looks like 7%
    assert figure.layout.yaxis.title.text.startswith("Net budget (£m")


def test_savings_chart_stacks_periods_with_a_cumulative_line(view):
    figure = charts.savings_by_period(view.savings_by_directorate, "directorate", view.savings_total, "Savings")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    line = figure.data[-1]
    assert figure.layout.barmode == "relative"
    environmental = next(trace for trace in bars if trace.name == "Environmental & Operational Services")
    assert list(environmental.x) == ["2008/09-2009/10", "2011/12", "2012/13", "2013/14", "2014/15"]
    assert list(environmental.y) == [1137.0, 1096.0, 44.0, 14.0, 50.0]
    assert line.name == "Cumulative over the plan" and line.y[-1] == 4682.0
    assert figure.layout.yaxis.title.text == "Savings (£k)"
    assert list(figure.layout.xaxis.categoryarray)[0] == "2008/09-2009/10"


def test_scorecard_bars_carry_colour_and_pattern_for_each_band(view):
    figure = charts.scorecard_bars(view.scorecard, "service", "Scorecard")
    by_band = {trace.name: trace for trace in figure.data}
    assert list(by_band) == ["Green", "Amber", "Red", "No data"]
    assert by_band["Red"].marker.pattern.shape == "x" and by_band["Amber"].marker.pattern.shape == "/"
    assert by_band["Red"].marker.color == BAND_COLOURS["Red"]
    direct = list(by_band["Red"].y).index("Direct Services")
    assert (by_band["Green"].x[direct], by_band["Amber"].x[direct], by_band["Red"].x[direct]) == (4, 1, 4)


def test_indicator_history_shows_band_shapes_and_the_amber_band(view):
    history = view.indicators[view.indicators["indicator"] == "Average days to process new benefit claims"]
    figure = charts.indicator_history(history, "Days to process", Decimal(10))
    edge, target, actual = figure.data
    assert list(actual.y) == [24.1, 26.5] and list(actual.text) == ["Red", "Red"]
    assert list(actual.marker.symbol) == ["square", "square"]
    assert list(target.y) == [20.0, 20.0] and target.fill == "tonexty"
    assert list(edge.y) == [22.0, 22.0]  # lower is better: Amber runs up to 10% over the target
    assert figure.layout.yaxis.title.text == "Days"


@pytest.mark.parametrize(("unit", "target", "actual", "title"), [
    ("%", "90", "85", "Per cent (%)"),
    (None, "90%", "85", "Per cent (%)"),
    ("£", "3,188", "3,000", "£"),
    (None, "<12sq m", "11.3sq m", "Sq m"),
    ("days", "20", "24.1", "Days"),
    (None, "20", "24.1", "Value (no unit stated)"),
])
def test_an_indicators_axis_says_its_unit(unit, target, actual, title):
    import pandas as pd

    history = pd.DataFrame({"unit": [unit], "target_text": [target], "actual_text": [actual]})
    assert charts.indicator_axis_title(history) == title
