"""The one money formatter, used by tables, charts and packs, over amounts as councils print them."""

from decimal import Decimal

import pytest

from data_layer.money_style import MoneyAxis, short_and_exact, short_money


@pytest.mark.parametrize(("amount", "shown"), [
    (Decimal(0), "£0"),
    (Decimal(950), "£950"),
    (Decimal("900.50"), "£900.50"),
    (Decimal(-40), "-£40"),
    (Decimal(1_000), "£1k"),
    (Decimal(1_082_900), "£1,083k"),
    (Decimal(922_000), "£922k"),
    (Decimal(-104_900), "-£105k"),
    (Decimal(-136_000), "-£136k"),
    (Decimal(104_500), "£105k"),  # half away from zero, as a reader rounds
    (Decimal(-104_500), "-£105k"),
    (Decimal(9_950_000), "£9,950k"),
    (Decimal(9_999_499), "£9,999k"),
    (Decimal(9_999_500), "£10.0m"),  # never "£10,000k"
    (Decimal(10_000_000), "£10.0m"),
    (Decimal(10_367_000), "£10.4m"),
    (Decimal(-10_367_000), "-£10.4m"),
    (Decimal(2_480_000_000), "£2,480.0m"),
    (Decimal(-2_480_000_000), "-£2,480.0m"),
    (-790_900, "-£791k"),
    (10_367_000.0, "£10.4m"),
    (None, "–"),
    (float("nan"), "–"),
    (Decimal("NaN"), "–"),
])
def test_one_rule_for_every_amount(amount, shown):
    assert short_money(amount) == shown


def test_hover_gives_the_exact_figure_beside_the_short_one():
    assert short_and_exact(Decimal(1_082_900)) == "£1,083k (£1,082,900)"
    assert short_and_exact(Decimal(-104_900)) == "-£105k (-£104,900)"
    assert short_and_exact(Decimal(950)) == "£950"
    assert short_and_exact(None) == "–"


def test_an_axis_is_in_the_unit_its_largest_figure_is_written_in():
    small = MoneyAxis([Decimal(1_082_900), Decimal(-104_900), None])
    assert (small.unit, small.scaled([Decimal(1_082_900), None])) == ("£k", [1082.9, None])
    assert small.layout("Net budget")["title"] == "Net budget (£k)"
    assert small.layout("Net budget")["rangemode"] == "tozero"
    large = MoneyAxis([Decimal(10_367_000), Decimal(2_302_000)])
    assert (large.unit, large.scale(Decimal(10_367_000))) == ("£m", 10.367)
    assert large.title("Net budget; below zero is net income") == "Net budget (£m; below zero is net income)"
    assert large.excel_format == '"£"#,##0.0,,"m"' and small.excel_format == '"£"#,##0,"k"'
