"""Analytics as pure functions: budget trends, savings, roll-ups, direction of travel."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from data_layer import metrics
from data_layer.banding import band_reasons, overall_bands

D = Decimal


def budget(*rows):
    return pd.DataFrame([{"directorate": d, "service": s, "year": y, "net_budget": D(str(v))} for d, s, y, v in rows])


def row(frame, **where):
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, selected
    return selected.iloc[0]


# ---------------------------------------------------------------------------- budget trends

def test_income_budget_change_uses_the_absolute_base_and_says_favourable():
    trends = metrics.budget_trends(budget(("EOS", "Parking", "2011/12", -1624000), ("EOS", "Parking", "2012/13", -1711000)))
    latest = row(trends, year="2012/13")
    assert (latest["change"], latest["change_pct"], latest["direction"]) == (D(-87000), D("-5.4"), "favourable")
    assert latest["wording"] == "net income up £87k (5.4%) since 2011/12: favourable"


def test_less_income_is_adverse():
    trends = metrics.budget_trends(budget(("EOS", "BC", "2011/12", -69000), ("EOS", "BC", "2012/13", -58000)))
    assert row(trends, year="2012/13")["wording"] == "net income down £11k (15.9%) since 2011/12: adverse"


def test_crossing_from_cost_to_income():
    trends = metrics.budget_trends(budget(("EOS", "BC", "2010/11", 33000), ("EOS", "BC", "2011/12", -69000)))
    latest = row(trends, year="2011/12")
    assert latest["direction"] == "favourable"
    assert latest["change_pct"] == D("-309.1")
    assert latest["wording"] == "from £33k net cost to £69k net income since 2010/11: favourable"


def test_cost_up_is_adverse():
    trends = metrics.budget_trends(budget(("L", "Dem", "2011/12", 89000), ("L", "Dem", "2012/13", 116000)))
    assert row(trends, year="2012/13")["wording"] == "net cost up £27k (30.3%) since 2011/12: adverse"


def test_new_and_removed_services_are_shown_as_such_not_as_a_100_percent_change():
    trends = metrics.budget_trends(budget(
        ("F", "Finance", "2011/12", 100), ("F", "Finance", "2012/13", 110),
        ("F", "Old service", "2011/12", 50),
        ("F", "New service", "2012/13", 70),
    ))
    new = row(trends, service="New service", year="2012/13")
    assert (new["direction"], new["change"], new["change_pct"]) == ("new", None, None)
    assert new["wording"] == "new since 2011/12: £70 net cost"
    removed = row(trends, service="Old service", year="2012/13")
    assert (removed["direction"], removed["net_budget"], removed["change_pct"]) == ("removed", None, None)
    assert removed["wording"] == "no budget this year (was £50 net cost in 2011/12)"
    assert row(trends, service="Finance", year="2011/12")["direction"] is None  # first year loaded: nothing to compare


def test_zero_base_has_no_percentage():
    trends = metrics.budget_trends(budget(("C", "Customer Services", "2011/12", 0), ("C", "Customer Services", "2012/13", 40000)))
    latest = row(trends, year="2012/13")
    assert (latest["change"], latest["change_pct"], latest["direction"]) == (D(40000), None, "adverse")


def test_directorate_and_council_trends_sum_their_services():
    frame = budget(("A", "x", "2011/12", 10), ("A", "y", "2011/12", -4), ("B", "z", "2011/12", 1),
                   ("A", "x", "2012/13", 12), ("A", "y", "2012/13", -5), ("B", "z", "2012/13", 1))
    directorates = metrics.budget_trends(frame, "directorate")
    assert row(directorates, directorate="A", year="2012/13")["net_budget"] == D(7)
    assert row(directorates, directorate="A", year="2012/13")["change"] == D(1)
    council = metrics.budget_trends(frame, "council")
    assert list(council["net_budget"]) == [D(7), D(8)]


def test_change_over_the_whole_span():
    trends = metrics.budget_trends(budget(("E", "DS", "2010/11", 4311000), ("E", "DS", "2011/12", 3671000), ("E", "DS", "2012/13", 3662000)))
    span = metrics.budget_span(trends).iloc[0]
    assert (span["first_year"], span["last_year"], span["change"], span["change_pct"]) == ("2010/11", "2012/13", D(-649000), D("-15.1"))


def test_budget_trends_are_exact():
    trends = metrics.budget_trends(budget(("A", "x", "2011/12", "0.1"), ("A", "y", "2011/12", "0.2"),
                                          ("A", "x", "2012/13", "0.3"), ("A", "y", "2012/13", "0")), "council")
    assert list(trends["net_budget"]) == [D("0.3"), D("0.3")]
    assert trends.iloc[1]["change"] == D(0) and trends.iloc[1]["direction"] == "no change"


# --------------------------------------------------------------------------------- savings

def savings(*rows):
    from data_layer.periods import find_year_period

    records = []
    for directorate, service, period, amount, status in rows:
        p = find_year_period(period)
        records.append({"directorate": directorate, "service": service, "period": p.label, "period_end": p.end,
                        "amount": D(str(amount)), "status": status})
    return pd.DataFrame(records)


def test_multi_year_period_is_kept_whole_and_ordered_first():
    frame = savings(("E", "DS", "2011/12", 668, None), ("E", "DS", "2008 - 10", 456, None), ("E", "BC", "2008 - 10", 67, None))
    totals = metrics.savings_by(frame, "directorate")
    assert list(totals["period"]) == ["2008/09-2009/10", "2011/12"]
    assert list(totals["amount"]) == [D(523), D(668)]
    assert list(totals["cumulative"]) == [D(523), D(1191)]


def test_savings_per_service_directorate_and_council_with_a_reversed_saving():
    frame = savings(("L", "Dem", "2011/12", 37, None), ("L", "Elections", "2011/12", -22, None), ("F", "Finance", "2011/12", 40, None))
    assert row(metrics.savings_by(frame, "service"), service="Elections")["amount"] == D(-22)
    assert row(metrics.savings_by(frame, "directorate"), directorate="L")["amount"] == D(15)
    assert metrics.savings_by(frame, "council").iloc[0]["amount"] == D(55)


def test_savings_by_delivery_status():
    frame = savings(("E", "DS", "2012/13", 16, "delivered"), ("E", "BC", "2012/13", 10, "at risk"),
                    ("E", "PA", "2012/13", 13, "at risk"), ("E", "LI", "2012/13", 15, None))
    breakdown = metrics.savings_by_status(frame)
    assert dict(zip(breakdown["status"], breakdown["amount"], strict=True)) == {"at risk": D(23), "delivered": D(16), "not given": D(15)}


def test_printed_totals_are_reconciled_against_the_current_rows():
    frame = savings(("E", "A", "2012/13", 1, None), ("E", "B", "2012/13", 2, None))
    printed = pd.DataFrame([
        {"sheet": "Savings", "label": "TOTAL", "period": "2012/13", "printed": D(3), "covered": ["A", "B"], "file_name": "s.xlsx",
         "cell": "Savings!C4"},
        {"sheet": "Savings", "label": "TOTAL", "period": "2012/13", "printed": D(5), "covered": ["A"], "file_name": "s.xlsx",
         "cell": "Savings!C9"},
    ])
    reconciled = metrics.reconcile_totals(printed, pd.DataFrame(), frame)
    assert list(reconciled["matches"]) == [True, False]
    assert reconciled.iloc[1]["difference"] == D(4)


def test_a_budget_total_is_reconciled_against_budget_lines_not_savings():
    budget = pd.DataFrame([{"directorate": "E", "service": s, "year": "2012/13", "net_budget": D(v)} for s, v in (("A", 1000), ("B", 2000))])
    saving = savings(("E", "A", "2012/13", 7, None))
    printed = pd.DataFrame([
        {"sheet": "Budget", "label": "TOTAL", "period": "2012/13", "printed": D(3000), "covered": ["A", "B"], "file_name": "b.xlsx",
         "cell": "Budget!C4"},
        {"sheet": "Savings", "label": "TOTAL", "period": "2012/13", "printed": D(7), "covered": ["A"], "file_name": "s.xlsx",
         "cell": "Savings!C4"},
    ])
    reconciled = metrics.reconcile_totals(printed, budget, saving)
    assert list(reconciled["rows"]) == [D(3000), D(7)]
    assert list(reconciled["matches"]) == [True, True]


# ------------------------------------------------------------------------- indicators

def values(*rows):
    records = []
    for indicator_id, service, period, end, target, actual, *rest in rows:
        polarity = rest[0] if rest else None
        records.append({"indicator_id": indicator_id, "indicator": f"PI {indicator_id}", "service": service, "directorate": "D",
                        "period": period, "period_kind": "month", "period_end": end, "financial_year": "2012/13",
                        "target_text": target, "actual_text": actual, "polarity": polarity, "tolerance": None,
                        "override_band": None, "override_reason": None, "commentary": None})
    return pd.DataFrame(records)


SAMPLE = values(
    (1, "S", "Jul 2012", date(2012, 7, 31), "90%", "80%"), (1, "S", "Aug 2012", date(2012, 8, 31), "90%", "85%"),
    (2, "S", "Jul 2012", date(2012, 7, 31), "20", "24.1", "lower"), (2, "S", "Aug 2012", date(2012, 8, 31), "20", "26.5", "lower"),
    (3, "S", "Aug 2012", date(2012, 8, 31), "YES", "Yes"),
    (4, "T", "Jul 2012", date(2012, 7, 31), "<12", "12"), (4, "T", "Aug 2012", date(2012, 8, 31), "<12", "12"),
    (5, "T", "Aug 2012", date(2012, 8, 31), "85", "N/A"),
)


def latest(frame=SAMPLE, **options):
    return metrics.latest_values(metrics.band_values(frame, default_tolerance=D(10)), default_tolerance=D(10), **options)


def test_direction_of_travel_is_judged_by_polarity():
    directions = {indicator: (direction if isinstance(direction, str) else None)  # missing: no direction
                  for indicator, direction in zip(latest()["indicator_id"], latest()["direction"], strict=True)}
    assert directions == {1: "improving", 2: "worsening", 3: None, 4: "no change", 5: None}


def test_latest_values_carry_a_reason_for_every_band():
    frame = latest().set_index("indicator_id")
    assert frame.loc[1, "reason"] == "85% against a target of 90% (higher is better): 5.6% short; Amber (Amber is within 10%)"
    assert frame.loc[5, "reason"] == "no actual recorded (N/A)"


def test_latest_period_within_a_financial_year():
    frame = SAMPLE.copy()
    frame.loc[frame["period"] == "Jul 2012", "financial_year"] = "2011/12"  # pretend July is last year
    assert set(latest(frame, financial_year="2011/12")["period"]) == {"Jul 2012"}


def test_scorecard_per_service_directorate_and_council():
    services = pd.DataFrame({"directorate": ["D", "D", "D"], "service": ["S", "T", "U"]})
    cards = metrics.scorecard(latest(), services)
    s = row(cards, service="S")
    assert (s["green"], s["amber"], s["red"], s["no_data"], s["improved"], s["worsened"]) == (1, 1, 1, 0, 1, 1)
    assert s["overall"] == "Red"  # one each: the tie goes to the worst
    assert row(cards, service="U")["overall"] == "No data"
    council = metrics.scorecard(latest(), services, level="council").iloc[0]
    assert (council["green"], council["amber"], council["red"], council["no_data"]) == (1, 2, 1, 1)
    assert council["overall"] == "Amber"
    assert metrics.scorecard(latest(), services, level="council", rule="worst").iloc[0]["overall"] == "Red"


def test_officer_override_wins_for_roll_ups_and_keeps_the_computed_band():
    frame = values((1, "S", "Aug 2012", date(2012, 8, 31), "85", "74.9"))
    frame["override_band"] = "Amber"
    frame["override_reason"] = "annual data lags"
    banded = metrics.band_values(frame, default_tolerance=D(10))
    assert (banded.iloc[0]["band"], banded.iloc[0]["computed_band"]) == ("Amber", "Red")
    reasons = band_reasons(banded, default_tolerance=D(10))
    assert reasons.iloc[0]["reason"].endswith("Officer override to Amber: annual data lags")
    assert metrics.scorecard(latest(frame), pd.DataFrame({"directorate": ["D"], "service": ["S"]})).iloc[0]["amber"] == 1


@pytest.mark.parametrize(("green", "amber", "red", "rule", "overall"), [
    (4, 1, 4, "most", "Red"), (2, 0, 0, "most", "Green"), (1, 1, 0, "most", "Amber"), (3, 1, 1, "worst", "Red"),
    (0, 0, 0, "most", "No data"), (0, 0, 0, "worst", "No data"), (2, 2, 1, "most", "Amber"),
])
def test_overall_rules_from_counts(green, amber, red, rule, overall):
    assert overall_bands([green], [amber], [red], rule) == [overall]
