"""Chart builders as pure functions: their traces, values, colours, shapes and labels, on the sample council."""

from decimal import Decimal

import pytest

from data_layer import charts
from data_layer.banding import BAND_COLOURS
from data_layer.views import Filters, build_view


@pytest.fixture(scope="module")
def view(sample_council):
    return build_view(sample_council[1], Filters())


def test_budget_trend_has_one_bar_series_per_directorate_in_pounds(view):
    figure = charts.budget_trend(view.budget_by_directorate, "directorate", "Net budget")
    names = [trace.name for trace in figure.data]
    assert names == sorted(view.budget_by_directorate["directorate"].unique())
    legal = next(trace for trace in figure.data if trace.name == "Legal & Democratic Services")
    assert list(legal.x) == ["2010/11", "2011/12", "2012/13"]
    assert list(legal.y) == [1353000.0, 1082900.0, 978000.0]
    assert figure.layout.yaxis.tickprefix == "£" and figure.layout.yaxis.tickformat == ",.0f"
    assert figure.layout.barmode == "group"


def test_budget_trend_says_net_income_for_negative_budgets(view):
    services = view.budget_by_service[view.budget_by_service["service"] == "Parking & Amenity"]
    figure = charts.budget_trend(services, "service", "Parking")
    assert list(figure.data[0].y) == [-1372000.0, -1624000.0, -1711000.0]
    assert "2012/13: -£1,711,000 net income" in figure.data[0].hovertext[-1]
    assert "favourable" in figure.data[0].hovertext[-1]


def test_waterfall_goes_from_last_years_total_to_this_years(view):
    figure = charts.budget_waterfall(view.budget_by_directorate, "directorate", "2012/13", "2011/12", "Change")
    waterfall = figure.data[0]
    assert waterfall.measure[0] == "absolute" and waterfall.measure[-1] == "total"
    assert waterfall.y[0] == 11157900.0 and waterfall.y[-1] == 10367000.0
    assert sum(waterfall.y[1:-1]) == pytest.approx(10367000.0 - 11157900.0)
    assert waterfall.decreasing.marker.color == charts.FAVOURABLE_COLOUR
    assert waterfall.increasing.marker.color == charts.ADVERSE_COLOUR
    assert "Finance & HR: -£395,000 (favourable)" in waterfall.hovertext
    assert "the axis starts at" in figure.layout.yaxis.title.text


def test_savings_chart_stacks_periods_with_a_cumulative_line(view):
    figure = charts.savings_by_period(view.savings_by_directorate, "directorate", view.savings_total, "Savings")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    line = figure.data[-1]
    assert figure.layout.barmode == "relative"
    environmental = next(trace for trace in bars if trace.name == "Environmental & Operational Services")
    assert list(environmental.x) == ["2008/09-2009/10", "2011/12", "2012/13", "2013/14", "2014/15"]
    assert list(environmental.y) == [1137000.0, 1096000.0, 44000.0, 14000.0, 50000.0]
    assert line.name == "Cumulative over the plan" and line.y[-1] == 4682000.0
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
