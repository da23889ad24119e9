"""Reading values as real returns write them: amounts, units, KPI measures, polarity, tolerance."""

from datetime import datetime
from decimal import Decimal

import pytest

from data_layer.values import (
    MILLIONS,
    NO_DATA,
    NUMBER,
    POUNDS,
    TEXT,
    THOUSANDS,
    YES_NO,
    ValueProblem,
    find_unit,
    format_pounds,
    name_key,
    parse_amount,
    parse_measure,
    parse_polarity,
    parse_tolerance,
)


@pytest.mark.parametrize(
    ("written", "unit", "pounds"),
    [
        (4311, THOUSANDS, "4311000"),
        ("4,311", THOUSANDS, "4311000"),
        ("(1,372)", THOUSANDS, "-1372000"),
        ("-1,372", THOUSANDS, "-1372000"),
        ("−1,372", THOUSANDS, "-1372000"),  # Unicode minus
        ("–1,372", THOUSANDS, "-1372000"),  # en dash used as a minus
        ("£2.48m", THOUSANDS, "2480000"),  # a multiplier on the value overrides the column
        ("250k", POUNDS, "250000"),
        ("£3,188", POUNDS, "3188"),
        ("£-22", THOUSANDS, "-22000"),
        ("-£22", THOUSANDS, "-22000"),
        (0.9, THOUSANDS, "900"),  # decimals in £000 tables
        ("0.9", THOUSANDS, "900"),
        ("1.2", MILLIONS, "1200000"),
        ("12.34", POUNDS, "12.34"),
        ("-", THOUSANDS, "0"),  # a dash alone is zero on money sheets
        ("–", THOUSANDS, "0"),
        (" 1,137 ", THOUSANDS, "1137000"),
        ("95*", THOUSANDS, "95000"),  # footnote marker
        (-22, THOUSANDS, "-22000"),  # a reversed saving
        (0, THOUSANDS, "0"),
    ],
)
def test_amount_forms_are_read_exactly_in_pounds(written, unit, pounds):
    assert parse_amount(written, unit) == Decimal(pounds)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_money_cell_is_no_entry_not_zero(blank):
    assert parse_amount(blank, THOUSANDS) is None


@pytest.mark.parametrize(
    ("written", "expected_words"),
    [
        ("12,3x", '"12,3x" is not an amount'),
        ("abc", '"abc" is not an amount'),
        ("(1,372", "is not an amount"),
        ("--5", "two minus signs"),
        ("(-5)", "two minus signs"),
        (True, "true/false value"),
        (datetime(2012, 4, 1), "is a date or time"),
        ("0.000001", "more precise than a penny"),
    ],
)
def test_bad_amounts_say_what_is_wrong_and_what_is_expected(written, expected_words):
    with pytest.raises(ValueProblem) as raised:
        parse_amount(written, THOUSANDS)
    assert expected_words in str(raised.value)
    assert "expected" in str(raised.value)


def test_amounts_have_no_float_drift():
    total = sum((parse_amount(v, THOUSANDS) for v in ["0.1", "0.2", 0.1, 0.2]), Decimal(0))
    assert total == Decimal("600")


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("Part 2b: Resources – 2012/13 Budget (£,000)", THOUSANDS),
        ("Part 2b: Resources – 2012/13 Budget (£ 000)", THOUSANDS),
        ("Net budget £000", THOUSANDS),
        ("Net budget £'000", THOUSANDS),
        ("Net budget £'000s", THOUSANDS),
        ("Net budget £’000", THOUSANDS),
        ("Net budget (£k)", THOUSANDS),
        ("Net budget (£m)", MILLIONS),
        ("Net budget £ millions", MILLIONS),
        ("Net budget (£)", POUNDS),
        ("Savings Plan", None),
    ],
)
def test_units_are_found_in_titles_and_headers(title, unit):
    assert find_unit(title) == unit


@pytest.mark.parametrize(
    ("written", "number", "operator", "percent"),
    [
        ("92.28%", "92.28", None, True),
        ("11.3sq m", "11.3", None, False),
        ("£3,188", "3188", None, False),
        ("95%*", "95", None, True),
        ("3.06 (2 returned)", "3.06", None, False),
        ("90%+", "90", ">=", True),
        ("3.4+", "3.4", ">=", False),
        (">= 90", "90", ">=", False),
        ("≥90%", "90", ">=", True),
        ("> 90", "90", ">", False),
        ("at least 5", "5", ">=", False),
        ("<12", "12", "<", False),
        ("<12 sq m", "12", "<", False),
        ("<= 12", "12", "<=", False),
        ("<£3,500 per fte", "3500", "<", False),
        ("max 5", "5", "<=", False),
        ("5 or less", "5", "<=", False),
        ("74.9", "74.9", None, False),
        ("-3", "-3", None, False),
    ],
)
def test_measure_text_keeps_the_number_operator_and_original(written, number, operator, percent):
    measure = parse_measure(written)
    assert measure.kind == NUMBER
    assert measure.number == Decimal(number)
    assert measure.operator == operator
    assert measure.percent is percent
    assert measure.text == written


def test_percent_formatted_cell_means_the_percentage_shown():
    measure = parse_measure(0.94, "0%")
    assert measure.number == Decimal("94")
    assert measure.percent


def test_plain_number_cell_is_read_without_float_drift():
    assert parse_measure(3.06).number == Decimal("3.06")
    assert parse_measure(12).number == Decimal(12)


@pytest.mark.parametrize(
    "placeholder",
    [None, "", "-", "–", "N/A", "n/a", "Not applicable", "Not recorded", "To be confirmed", "TBC", "TBA",
     "Data unavailable", "Unknown", "Not a target for this period", "  n/a  "],
)
def test_placeholders_are_no_data(placeholder):
    assert parse_measure(placeholder).kind == NO_DATA


@pytest.mark.parametrize(("written", "yes"), [("YES", True), ("Yes", True), ("No", False), ("no", False), (True, True)])
def test_yes_no_values(written, yes):
    measure = parse_measure(written)
    assert measure.kind == YES_NO
    assert measure.yes is yes


@pytest.mark.parametrize("written", ["Achieve", "Positive feedback", "See commentary"])
def test_text_without_a_number_is_text(written):
    assert parse_measure(written).kind == TEXT


def test_malformed_number_in_a_measure_is_a_problem():
    with pytest.raises(ValueProblem, match="is not a number"):
        parse_measure("12,3x")


@pytest.mark.parametrize(
    ("written", "polarity"),
    [("Higher is better", "higher"), ("Lower is better", "lower"), ("higher", "higher"), ("lower", "lower"),
     ("max", "higher"), ("min", "lower"), ("up", "higher"), ("down", "lower"), (None, None), ("", None)],
)
def test_polarity_words(written, polarity):
    assert parse_polarity(written) == polarity


def test_unknown_polarity_is_a_problem():
    with pytest.raises(ValueProblem, match="expected Higher is better or Lower is better"):
        parse_polarity("sideways")


@pytest.mark.parametrize(
    ("written", "number_format", "percent"),
    [("10%", "General", "10"), ("5%", "General", "5"), (0.05, "0%", "5"), (0.05, "General", "5"), (5, "General", "5"), (None, "General", None)],
)
def test_tolerance_is_a_percentage(written, number_format, percent):
    expected = None if percent is None else Decimal(percent)
    assert parse_tolerance(written, number_format) == expected


def test_name_key_ignores_case_spacing_and_punctuation():
    assert name_key("Audit, Risk & Anti Fraud") == name_key("audit risk and anti-fraud")
    assert name_key("Revenues & Benefits") != name_key("Revenues")


@pytest.mark.parametrize(("amount", "shown"), [(Decimal("1137000"), "£1,137,000"), (Decimal("-1711000"), "-£1,711,000"),
                                                (Decimal("900.5"), "£900.50")])
def test_format_pounds(amount, shown):
    assert format_pounds(amount) == shown


# ------------------------------------------------------------------------ frequency, type, units

@pytest.mark.parametrize(("written", "expected"), [
    ("QUARTERLY", ("quarterly", None)), ("Monthly", ("monthly", None)), ("YEARLY", ("annual", None)), ("Annual", ("annual", None)),
    ("cumulative YTD", (None, True)), ("Quarterly (cumulative YTD)", ("quarterly", True)), ("Monthly - cumulative", ("monthly", True)),
    ("Half-yearly", ("six-monthly", None)), (None, (None, None)), ("  ", (None, None)),
])
def test_frequency_cells(written, expected):
    from data_layer.values import parse_frequency

    assert parse_frequency(written) == expected


def test_a_frequency_that_is_not_one_says_what_is_expected():
    from data_layer.values import parse_frequency

    with pytest.raises(ValueProblem, match=r'"fortnightly-ish" is not a frequency: expected monthly, quarterly, annual'):
        parse_frequency("fortnightly-ish")


@pytest.mark.parametrize(("written", "expected"), [("Yes", True), ("Y", True), ("YTD", True), (True, True), ("No", False),
                                                   ("in period", False), (None, None), ("", None)])
def test_cumulative_cells(written, expected):
    from data_layer.values import parse_cumulative

    assert parse_cumulative(written) is expected


@pytest.mark.parametrize("written", ["No notes", "None", "-", "N/A", "n/a", "Nil", "No comment.", "TBC"])
def test_commentary_that_says_there_is_none_is_none(written):
    from data_layer.values import commentary_text

    assert commentary_text(written) is None


def test_real_commentary_is_kept_as_written():
    from data_layer.values import commentary_text

    assert commentary_text("Impact of staffing problems") == "Impact of staffing problems"


@pytest.mark.parametrize(("unit", "target", "actual", "shown"), [
    ("%", "90", "95.5", ("95.5%", "90%")), ("Percentage", "75", "63", ("63%", "75%")), (None, "85%", "74.9", ("74.9%", "85%")),
    ("days", "20", "26.5", ("26.5 days", "20 days")), ("Days", "20", "19", ("19 days", "20 days")), ("Number", "24", "26", ("26", "24")),
    ("£", "22", "25.40", ("£25.40", "£22")), (None, "<12sq m", "11.3sq m", ("11.3 sq m", "12 sq m")),
    (None, "<£3,500 per fte", "£3,188", ("£3,188 per fte", "£3,500 per fte")), (None, "3.4+", "3.06 (2 returned)", ("3.06", "3.4")),
])
def test_figures_are_written_with_their_unit(unit, target, actual, shown):
    from data_layer.values import unit_style

    style = unit_style(unit, parse_measure(target), parse_measure(actual))
    assert (style.show(parse_measure(actual)), style.show(parse_measure(target))) == shown


def test_a_pound_sign_before_brackets_is_an_amount():
    assert parse_amount("£(203,210)", POUNDS) == Decimal("-203210")
