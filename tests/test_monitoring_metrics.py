"""In-year monitoring analytics: variance bands and words, movement, roll-ups, forecast paths and the capital programme."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from data_layer import monitoring_metrics as mm
from data_layer.monitoring_metrics import DEFAULT_THRESHOLDS, VarianceThresholds

D = Decimal
MONTH_ENDS = {"Jul 2012": date(2012, 7, 31), "Aug 2012": date(2012, 8, 31), "Sep 2012": date(2012, 9, 30),
              "Oct 2012": date(2012, 10, 31), "Mar 2012": date(2012, 3, 31), "Apr 2012": date(2012, 4, 30)}


def money(value):
    return None if value is None else D(str(value))


def line(service, period, budget, variance, directorate="Planning", previous_variance=None, year=None):
    """One monitoring line; forecast = budget + variance, as the return prints it."""
    end = MONTH_ENDS[period]
    budget, variance = money(budget), money(variance)
    return {"service": service, "directorate": directorate, "period": period, "period_end": end,
            "financial_year": year or (f"{end.year}/{(end.year + 1) % 100:02d}" if end.month >= 4 else
                                       f"{end.year - 1}/{end.year % 100:02d}"),
            "budget": budget, "forecast": budget + variance, "variance": variance,
            "previous_variance": money(previous_variance), "actual_to_date": None, "profiled_budget": None,
            "gross_expenditure": None, "income": None, "management_action": None, "commentary": None}


def lines(*rows):
    return pd.DataFrame(list(rows))


def only(frame, **where):
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, selected
    return selected.iloc[0]


# ---------------------------------------------------------------------------- variance percent and band

@pytest.mark.parametrize(("variance", "budget", "expected"), [
    (D(1), D(3), D(1) / D(3) * 100),                 # exact Decimal, not rounded
    (D(241600), D(-1335330), D(241600) / D(1335330) * 100),  # income line: percent of the absolute budget
    (D(500), D(0), None),
    (D(500), None, None),
    (None, D(1000), None),
])
def test_variance_percent_is_exact_and_none_without_a_budget(variance, budget, expected):
    assert mm.variance_percent(variance, budget) == expected


@pytest.mark.parametrize(("variance", "budget", "thresholds", "band"), [
    # percent boundaries on a £1m budget (amounts all under £100,000)
    ("49900", "1000000", DEFAULT_THRESHOLDS, "Amber"),   # 4.99%
    ("50000", "1000000", DEFAULT_THRESHOLDS, "Amber"),   # exactly 5% is not over 5%
    ("50100", "1000000", DEFAULT_THRESHOLDS, "Red"),     # 5.01%
    # amount boundaries on a £10m budget (1%)
    ("100000", "10000000", DEFAULT_THRESHOLDS, "Amber"),  # exactly £100,000 is not over
    ("100001", "10000000", DEFAULT_THRESHOLDS, "Red"),
    # amber amount with amber_percent 1 on a £10m budget (0.5%)
    ("50000", "10000000", VarianceThresholds(amber_percent=D(1)), "Green"),
    ("50001", "10000000", VarianceThresholds(amber_percent=D(1)), "Amber"),
    ("100001", "10000000", VarianceThresholds(amber_percent=D(1)), "Red"),
    # zero or missing budget: only the amounts decide
    ("50000", "0", DEFAULT_THRESHOLDS, "Green"),
    ("50001", "0", DEFAULT_THRESHOLDS, "Amber"),
    ("100000", "0", DEFAULT_THRESHOLDS, "Amber"),
    ("100001", "0", DEFAULT_THRESHOLDS, "Red"),
    ("100001", None, DEFAULT_THRESHOLDS, "Red"),
    # any overspend is at least Amber by default; on budget and underspends are Green
    ("1", "1000000", DEFAULT_THRESHOLDS, "Amber"),
    ("0", "1000000", DEFAULT_THRESHOLDS, "Green"),
    ("-900000", "1000000", DEFAULT_THRESHOLDS, "Green"),
    (None, "1000000", DEFAULT_THRESHOLDS, "No data"),
    # income lines: South Cambridgeshire's Development Control (Income) shortfall and Land Charges surplus
    ("241600", "-1335330", DEFAULT_THRESHOLDS, "Red"),
    ("-43700", "-203210", DEFAULT_THRESHOLDS, "Green"),
    ("10000", "-1000000", DEFAULT_THRESHOLDS, "Amber"),  # a 1% income shortfall
    # custom thresholds: red at more than 10% or £500,000
    ("60000", "1000000", VarianceThresholds(red_percent=D(10), red_amount=D(500000)), "Amber"),
    ("100000", "1000000", VarianceThresholds(red_percent=D(10), red_amount=D(500000)), "Amber"),
    ("100010", "1000000", VarianceThresholds(red_percent=D(10), red_amount=D(500000)), "Red"),
    ("500001", "100000000", VarianceThresholds(red_percent=D(10), red_amount=D(500000)), "Red"),
])
def test_variance_band_at_the_boundaries(variance, budget, thresholds, band):
    assert mm.variance_band(money(variance), money(budget), thresholds) == band


def test_variance_band_refuses_a_float():
    with pytest.raises(TypeError, match="Decimal"):
        mm.variance_band(50000.0, D(1000000))


@pytest.mark.parametrize(("thresholds", "sentence"), [
    (DEFAULT_THRESHOLDS,
     "Red: an overspend of more than 5% of the budget or more than £100,000; Amber: any other overspend "
     "(more than 0% or more than £50,000); Green: on budget or under. "
     "An income shortfall counts as an overspend; with no budget, only the amounts count."),
    (VarianceThresholds(amber_percent=D("2.50"), amber_amount=D(25000), red_percent=D(10), red_amount=D(250000)),
     "Red: an overspend of more than 10% of the budget or more than £250,000; Amber: any other overspend "
     "of more than 2.5% or more than £25,000; Green: on budget, under, or a smaller overspend. "
     "An income shortfall counts as an overspend; with no budget, only the amounts count."),
])
def test_band_rule_states_the_thresholds_in_words(thresholds, sentence):
    assert mm.band_rule(thresholds) == sentence


def test_band_rule_constant_is_the_default_sentence():
    assert mm.BAND_RULE == mm.band_rule(DEFAULT_THRESHOLDS)
    assert "more than 5% of the budget or more than £100,000" in mm.BAND_RULE


# ---------------------------------------------------------------------------- words

@pytest.mark.parametrize(("variance", "budget", "words"), [
    ("25000", "127000", "overspend £25k (19.7%): adverse"),
    ("-17900", "200000", "underspend £18k (9.0%): favourable"),    # 8.95% rounds half away from zero
    ("-17700", "200000", "underspend £18k (8.9%): favourable"),    # 8.85%: half away from zero, not to even
    ("-17900", "-200000", "income £18k more than budgeted (9.0%): favourable"),
    ("-43700", "-203210", "income £44k more than budgeted (21.5%): favourable"),  # Land Charges
    ("241600", "-1335330", "income £242k short of budget (18.1%): adverse"),     # Development Control (Income)
    ("5000", "0", "overspend £5k: adverse"),                      # no percent without a budget
    ("-950", None, "underspend £950: favourable"),
    ("0", "127000", "on budget"),
    ("0", "-203210", "on budget"),
    (None, "127000", ""),
])
def test_variance_words_say_favourable_or_adverse(variance, budget, words):
    assert mm.variance_words(money(variance), money(budget)) == words


@pytest.mark.parametrize(("movement", "words"), [
    ("43000", "worse by £43k"),
    ("-43000", "better by £43k"),
    ("0", "unchanged"),
    ("-500", "better by £500"),
    (None, ""),
])
def test_movement_words(movement, words):
    assert mm.movement_words(money(movement)) == words


# ---------------------------------------------------------------------------- service variances

MOVEMENT_LINES = lines(
    line("Waste", "Aug 2012", 1000000, 10000),
    line("Waste", "Sep 2012", 1000000, 53000, previous_variance=5000),   # the earlier month wins over the column
    line("Parks", "Sep 2012", 500000, 17000, previous_variance=60000),    # no earlier month: the column
    line("Museums", "Sep 2012", 300000, -2000),                          # neither: no movement
    line("Markets", "Mar 2012", 100000, 90000),                          # 2011/12: not the previous report
    line("Markets", "Apr 2012", 100000, 1000),
)


@pytest.mark.parametrize(("service", "period", "previous", "movement", "words"), [
    ("Waste", "Sep 2012", D(10000), D(43000), "worse by £43k"),
    ("Parks", "Sep 2012", D(60000), D(-43000), "better by £43k"),
    ("Museums", "Sep 2012", None, None, ""),
    ("Markets", "Apr 2012", None, None, ""),
])
def test_movement_from_the_previous_month_else_the_previous_variance_column(service, period, previous, movement, words):
    row = only(mm.service_variances(MOVEMENT_LINES, period), service=service)
    assert (row["previous_variance"], row["movement"], row["movement_words"]) == (previous, movement, words)


def test_service_variances_band_and_words_each_service():
    table = mm.service_variances(lines(line("Development Control (Income)", "Sep 2012", -1335330, 241600),
                                       line("Land Charges", "Sep 2012", -203210, -43700)), "Sep 2012")
    dc, lc = only(table, service="Development Control (Income)"), only(table, service="Land Charges")
    assert (dc["band"], dc["words"], dc["forecast"]) == ("Red", "income £242k short of budget (18.1%): adverse", D(-1093730))
    assert (lc["band"], lc["words"]) == ("Green", "income £44k more than budgeted (21.5%): favourable")


def test_service_variances_put_exceptions_first_then_the_largest_overspend():
    table = mm.service_variances(lines(
        line("Under", "Sep 2012", 100000, -5000),
        line("Small amber", "Sep 2012", 1000000, 20000),
        line("Big red", "Sep 2012", 1000000, 300000),
        line("Big amber", "Sep 2012", 10000000, 90000),
        line("Small red", "Sep 2012", 100000, 6000),
        line("On budget", "Sep 2012", 100000, 0),
    ), "Sep 2012")
    assert list(table["service"]) == ["Big red", "Small red", "Big amber", "Small amber", "On budget", "Under"]
    assert list(table["band"]) == ["Red", "Red", "Amber", "Amber", "Green", "Green"]


def test_service_variances_refuse_two_lines_for_one_service_in_a_period():
    with pytest.raises(mm.MonitoringDataError, match="more than one line for Waste"):
        mm.service_variances(lines(line("Waste", "Sep 2012", 100, 1), line("Waste", "Sep 2012", 100, 2)), "Sep 2012")


def test_service_variances_for_a_period_with_no_lines_is_empty():
    table = mm.service_variances(MOVEMENT_LINES, "Oct 2012")
    assert table.empty and list(table.columns) == mm.SERVICE_COLUMNS


# ---------------------------------------------------------------------------- roll-ups and exceptions

ROLLUP_TABLE = mm.service_variances(lines(
    line("Waste", "Aug 2012", "1000.10", "10", directorate="Environment"),
    line("Waste", "Sep 2012", "1000.10", "0.10", directorate="Environment"),
    line("Parks", "Sep 2012", "2000.20", "0.20", directorate="Environment"),
    line("Parks", "Aug 2012", "2000.20", "0.50", directorate="Environment"),
    line("Museums", "Sep 2012", "3000.30", "-0.40", directorate="Environment"),
    line("Planning", "Sep 2012", "-500", "200000", directorate="Planning"),
), "Sep 2012")


@pytest.mark.parametrize(("level", "name", "budget", "variance", "movement", "movement_services", "band"), [
    ("directorate", "Environment", D("6000.60"), D("-0.10"), D("-10.20"), "2 of 3", "Green"),
    ("directorate", "Planning", D(-500), D(200000), None, "0 of 1", "Red"),
    ("council", "Whole council", D("5500.60"), D("199999.90"), D("-10.20"), "2 of 4", "Red"),
])
def test_rollup_sums_exactly_and_counts_the_services_with_a_movement(level, name, budget, variance, movement,
                                                                      movement_services, band):
    row = only(mm.rollup(ROLLUP_TABLE, level), name=name)
    assert (row["budget"], row["variance"], row["movement"], row["movement_services"], row["band"]) == \
        (budget, variance, movement, movement_services, band)
    assert row["forecast"] == budget + variance


def test_council_rollup_is_one_row():
    assert list(mm.rollup(ROLLUP_TABLE, "council")["name"]) == ["Whole council"]


def test_rollup_refuses_an_unknown_level():
    with pytest.raises(ValueError, match="level"):
        mm.rollup(ROLLUP_TABLE, "service")


def test_exceptions_are_adverse_amber_and_red_only_worst_first():
    table = mm.service_variances(lines(
        line("Amber 60k", "Sep 2012", 10000000, 60000),
        line("Red 150k", "Sep 2012", 10000000, 150000),
        line("Underspend", "Sep 2012", 100000, -90000),
        line("Income surplus", "Sep 2012", -203210, -43700),
        line("Amber 80k", "Sep 2012", 10000000, 80000),
        line("Red 6k", "Sep 2012", 100000, 6000),
        line("Green small", "Sep 2012", 100000, 0),
    ), "Sep 2012")
    assert list(mm.exceptions(table)["service"]) == ["Red 150k", "Red 6k", "Amber 80k", "Amber 60k"]


def test_exceptions_follow_custom_thresholds():
    table = mm.service_variances(lines(line("Half percent", "Sep 2012", 10000000, 50000)), "Sep 2012",
                                 VarianceThresholds(amber_percent=D(1)))
    assert mm.exceptions(table).empty


# ---------------------------------------------------------------------------- forecast path

PATH_LINES = lines(
    line("Waste", "Jul 2012", 1000, 10, directorate="Environment"),
    line("Waste", "Aug 2012", 1000, 20, directorate="Environment"),
    line("Waste", "Sep 2012", 1000, 30, directorate="Environment"),
    line("Parks", "Jul 2012", 500, 5, directorate="Environment"),
    line("Parks", "Sep 2012", 500, 7, directorate="Environment"),      # no August line
    line("Planning", "Aug 2012", 200, 2, directorate="Planning"),      # starts in August
    line("Planning", "Sep 2012", 200, 3, directorate="Planning"),
    line("Waste", "Oct 2012", 1000, 40, directorate="Environment"),
    line("Planning", "Oct 2012", 200, 4, directorate="Planning"),      # no Parks line in October
    line("Waste", "Mar 2012", 9000, 900, directorate="Environment"),   # 2011/12: not on the path
)


def test_service_path_has_a_gap_for_a_missing_month_not_a_zero():
    path = mm.forecast_path(PATH_LINES, "2012/13", "service")
    parks = path[path["name"] == "Parks"]
    assert list(parks["period"]) == ["Jul 2012", "Sep 2012"]
    assert list(parks["variance"]) == [D(5), D(7)]
    assert "complete" not in path.columns


@pytest.mark.parametrize(("level", "name", "period", "budget", "variance", "complete", "carried", "not_reported"), [
    ("council", "Whole council", "Jul 2012", D(1500), D(15), False, "", "Planning"),
    ("council", "Whole council", "Aug 2012", D(1700), D(27), False, "Parks", ""),   # Parks's July line carried forward
    ("council", "Whole council", "Sep 2012", D(1700), D(40), True, "", ""),
    ("council", "Whole council", "Oct 2012", D(1700), D(51), False, "Parks", ""),   # its latest (September) line
    ("directorate", "Environment", "Aug 2012", D(1500), D(25), False, "Parks", ""),
    ("directorate", "Planning", "Aug 2012", D(200), D(2), True, "", ""),
])
def test_council_and_directorate_paths_carry_a_missing_line_forward_and_name_it(level, name, period, budget, variance,
                                                                                complete, carried, not_reported):
    row = only(mm.forecast_path(PATH_LINES, "2012/13", level), name=name, period=period)
    assert (row["budget"], row["variance"], row["complete"], row["carried_forward"], row["not_reported"]) == \
        (budget, variance, complete, carried, not_reported)
    assert row["forecast"] == budget + variance


def test_path_is_in_period_end_order_and_has_no_rows_before_a_directorate_reports():
    path = mm.forecast_path(PATH_LINES, "2012/13", "directorate")
    assert list(path[path["name"] == "Environment"]["period"]) == ["Jul 2012", "Aug 2012", "Sep 2012", "Oct 2012"]
    assert list(path[path["name"] == "Planning"]["period"]) == ["Aug 2012", "Sep 2012", "Oct 2012"]


def path_of(*variances, step_days=31, budget="1000"):
    start = date(2012, 4, 30)
    return pd.DataFrame({"period_end": [date.fromordinal(start.toordinal() + i * step_days) for i in range(len(variances))],
                         "variance": [money(v) for v in variances], "budget": [money(budget)] * len(variances)})


@pytest.mark.parametrize(("variances", "run"), [
    ((10, 20, 30, 40), 3),
    ((40, 30), 0),
    ((10, 20, 20), 0),
    ((10, 30, 20, 25), 1),
    ((10, None, 20, 30), 1),
    ((-40, -30, -20), 2),
    ((10,), 0),
    ((), 0),
])
def test_months_worsening_counts_the_growth_at_the_end(variances, run):
    assert mm.months_worsening(path_of(*variances)) == run


def test_months_worsening_orders_by_period_end():
    shuffled = path_of(10, 20, 30, 40).iloc[[2, 0, 3, 1]]
    assert mm.months_worsening(shuffled) == 3


@pytest.mark.parametrize(("path", "question"), [
    (path_of(10000, 20000, 30000, 40000), "Forecast overspend for Whole council has grown 3 months running (£10k to £40k)"),
    (path_of(5000, 1000, 20000, 40000), "Forecast overspend for Whole council has grown 2 months running (£1k to £40k)"),
    (path_of(10000, 20000, 30000, step_days=91), "Forecast overspend for Whole council has grown 2 quarters running (£10k to £30k)"),
    (path_of(10000, 20000, 30000, budget="-500000"),
     "Forecast income shortfall for Whole council has grown 2 months running (£10k to £30k)"),
    (path_of(30000, 40000), None),             # grew once only
    (path_of(-40000, -30000, -20000), None),   # still an underspend
    (path_of(40000, 30000, 20000), None),
])
def test_path_question_only_for_an_overspend_growing_twice_or_more(path, question):
    assert mm.path_question(path, "Whole council") == question


def test_path_question_on_a_real_council_path():
    path = mm.forecast_path(PATH_LINES, "2012/13", "council")
    assert mm.path_question(path, "Whole council") == "Forecast overspend for Whole council has grown 3 months running (£15 to £51)"


# ---------------------------------------------------------------------------- capital programme

def scheme(name, officer_rag=None, total_budget=None, forecast_total=None, budget_year=None, forecast_year=None,
           spend_to_date=None, slippage=None, directorate="Environment", period="Sep 2012"):
    return {"scheme": name, "service": None, "directorate": directorate, "period": period, "period_end": MONTH_ENDS[period],
            "financial_year": "2012/13", "total_budget": money(total_budget), "budget_year": money(budget_year),
            "spend_to_date": money(spend_to_date), "forecast_year": money(forecast_year),
            "forecast_total": money(forecast_total), "slippage": money(slippage), "officer_rag": officer_rag,
            "rag_reason": "contractor delay" if officer_rag else None}


SCHEMES = pd.DataFrame([
    scheme("Depot", officer_rag="Amber", total_budget=1000000, forecast_total=1200000, budget_year=400000,
           forecast_year=400000, spend_to_date=100000, slippage=50000),
    scheme("Play areas", total_budget=500000, forecast_total=500000, budget_year=200000, forecast_year=300000,
           spend_to_date=50000),
    scheme("Bins", budget_year=100000, forecast_year=103000, spend_to_date=0, slippage=0),
    scheme("Survey", budget_year=0, spend_to_date=1000, directorate="Planning"),
    scheme("Offices", officer_rag=" red ", total_budget=2000000, forecast_total=1900000, budget_year="100000.55",
           forecast_year=90000, spend_to_date="25000.137", slippage="10000.45", directorate="Planning"),
    scheme("Old scheme", officer_rag="Green", total_budget=1, forecast_total=1, period="Aug 2012"),
])


@pytest.mark.parametrize(("name", "computed", "band", "source", "variance_year", "variance_total"), [
    ("Depot", "Red", "Amber", "officer", D(0), D(200000)),        # the officer's RAG wins over the computed one
    ("Play areas", "Green", "Green", "computed", D(100000), D(0)),  # the whole-scheme figures decide, not the year's
    ("Bins", "Amber", "Amber", "computed", D(3000), None),        # no scheme totals: the year's figures
    ("Survey", "No data", "No data", "computed", None, None),
    ("Offices", "Green", "Red", "officer", D("-10000.55"), D(-100000)),
])
def test_capital_band_from_the_officer_else_computed(name, computed, band, source, variance_year, variance_total):
    row = only(mm.capital_programme(SCHEMES, "Sep 2012"), scheme=name)
    assert (row["computed_band"], row["band"], row["band_source"], row["variance_year"], row["variance_total"]) == \
        (computed, band, source, variance_year, variance_total)


@pytest.mark.parametrize(("name", "spend_percent"), [
    ("Depot", D(25)),
    ("Bins", D(0)),
    ("Survey", None),   # no budget this year
    ("Offices", D("25000.137") / D("100000.55") * 100),
])
def test_capital_spend_percent(name, spend_percent):
    assert only(mm.capital_programme(SCHEMES, "Sep 2012"), scheme=name)["spend_percent"] == spend_percent


def test_capital_programme_is_sorted_red_amber_green_no_data_for_the_period_only():
    programme = mm.capital_programme(SCHEMES, "Sep 2012")
    assert list(programme["scheme"]) == ["Offices", "Depot", "Bins", "Play areas", "Survey"]


def test_capital_programme_refuses_an_unknown_officer_rag():
    with pytest.raises(mm.MonitoringDataError, match="Purple"):
        mm.capital_programme(pd.DataFrame([scheme("Odd", officer_rag="Purple")]), "Sep 2012")


@pytest.mark.parametrize(("level", "name", "expected"), [
    ("council", "Whole council", {"schemes": 5, "total_budget": D(3500000), "budget_year": D("800000.55"),
                                  "spend_to_date": D("176000.137"), "forecast_year": D(893000), "slippage": D("60000.45"),
                                  "slippage_schemes": 3, "red": 1, "amber": 2, "green": 1, "no_data": 1}),
    ("directorate", "Planning", {"schemes": 2, "total_budget": D(2000000), "budget_year": D("100000.55"),
                                 "spend_to_date": D("26000.137"), "forecast_year": D(90000), "slippage": D("10000.45"),
                                 "slippage_schemes": 1, "red": 1, "amber": 0, "green": 0, "no_data": 1}),
])
def test_capital_totals_sum_exactly_and_count_the_schemes_with_slippage(level, name, expected):
    row = only(mm.capital_totals(mm.capital_programme(SCHEMES, "Sep 2012"), level), name=name)
    assert {column: row[column] for column in expected} == expected
