"""Banding exactly as returns-spec section 4, from how real returns write targets and actuals."""

from decimal import Decimal

import pandas as pd
import pytest

from data_layer.banding import band_for, band_frame, direction_of_travel, overall_band
from data_layer.values import cell_display, parse_measure, parse_tolerance


def band(target, actual, polarity=None, tolerance=None, target_format="General", actual_format="General"):
    return band_for(parse_measure(target, target_format), parse_measure(actual, actual_format),
                    polarity=polarity, tolerance=parse_tolerance(tolerance))


BAND_TABLE = [
        # Higher is better, the default.
        ("85", "90", None, None, "Green"),
        ("85", "85", None, None, "Green"),
        ("85", "74.9", None, None, "Red"),  # 11.9% short
        ("85", "80", None, None, "Amber"),  # 5.9% short
        ("3.4+", "3.06", None, None, "Red"),  # exactly 10% short
        ("3.4+", "3.07", None, None, "Amber"),
        ("3.4+", "3.06 (2 returned)", None, None, "Red"),
        ("90%+", "92.28%", None, None, "Green"),
        ("90%", "92", None, None, "Green"),  # percent without the sign next to one with it
        ("95%", "95%*", None, None, "Green"),
        ("100", "90", None, None, "Red"),  # exactly 10%
        ("100", "90.01", None, None, "Amber"),
        ("100", "95", None, "5%", "Red"),  # per-indicator tolerance
        ("100", "95.01", None, "5%", "Amber"),
        ("100", "85", None, "20%", "Amber"),
        # Strict targets.
        ("> 90", "90", None, None, "Amber"),
        ("> 90", "90.1", None, None, "Green"),
        # Lower is better, from the target or the Polarity column.
        ("<12", "11.3", None, None, "Green"),
        ("<12", "12", None, None, "Amber"),  # strict: equal is not met
        ("<= 12", "12", None, None, "Green"),
        ("<12 sq m", "11.3sq m", None, None, "Green"),
        ("<£3,500 per fte", "£3,188", None, None, "Green"),
        ("<£3,500 per fte", "£3,850", None, None, "Red"),  # exactly 10% over
        ("<£3,500 per fte", "£3,849", None, None, "Amber"),
        ("max 5", "5.4", None, None, "Amber"),
        ("20", "26.5", "lower", None, "Red"),
        ("20", "19", "lower", None, "Green"),
        ("20", "21", "lower", None, "Amber"),
        ("90%+", "80%", "lower", None, "Green"),  # the Polarity column wins over the target
        # Negative and zero targets.
        ("-10", "-12", None, None, "Red"),  # 2 short on the absolute target 10: 20%
        ("-10", "-10.5", None, None, "Amber"),  # 5% short
        ("0", "0", "lower", None, "Green"),
        ("0", "1", "lower", None, "Red"),  # target 0 and not met: no tolerance exists
        ("0", "-1", None, None, "Red"),
        # Yes/no.
        ("YES", "Yes", None, None, "Green"),
        ("Yes", "No", None, None, "Red"),
        ("No", "No", None, None, "Green"),
        # No data.
        ("85", "N/A", None, None, "No data"),
        ("85", "Not recorded", None, None, "No data"),
        ("85", None, None, None, "No data"),
        ("85", "-", None, None, "No data"),
        ("85", "TBC", None, None, "No data"),
        (None, "85", None, None, "No data"),
        ("Achieve", "Achieved", None, None, "No data"),
        ("Positive feedback", "92%", None, None, "No data"),
        ("Not a target for this period", "92%", None, None, "No data"),
        ("YES", "N/A", None, None, "No data"),
]


@pytest.mark.parametrize(("target", "actual", "polarity", "tolerance", "expected"), BAND_TABLE)
def test_band_table(target, actual, polarity, tolerance, expected):
    assert band(target, actual, polarity, tolerance).band == expected


def test_band_table_through_the_fast_frame_path():
    """The same cases banded at once as one frame, as pages and the report do."""
    cases = [case for case in BAND_TABLE]
    frame = pd.DataFrame({
        "target_text": [cell_display(target) for target, *_ in cases],
        "actual_text": [cell_display(actual) for _, actual, *_ in cases],
        "polarity": [polarity for _, _, polarity, _, _ in cases],
        "tolerance": [parse_tolerance(tolerance) for *_, tolerance, _ in cases],
    })
    assert list(band_frame(frame, default_tolerance=Decimal(10))["computed_band"]) == [expected for *_, expected in cases]


def test_percent_formatted_actual_cell_is_banded_as_the_percentage_shown():
    assert band("90%", 0.94, actual_format="0%").band == "Green"
    assert band("90%", 0.8, actual_format="0.0%").band == "Red"


def test_reason_reads_aloud_with_the_gap_and_the_rule():
    result = band("85", "74.9")
    assert result.reason == "74.9 against a target of 85 (higher is better): 11.9% short; Red (Amber is within 10%)"


def test_reason_at_the_exact_boundary_is_not_rounded_onto_the_rule():
    assert "10.0% short; Red" in band("3.4+", "3.06").reason
    amber = band("100", "90.01").reason
    assert "9.99% short; Amber" in amber


def test_reason_for_lower_is_better_says_over():
    assert band("20", "26.5", "lower").reason == (
        "26.5 against a target of 20 or less (lower is better): 32.5% over; Red (Amber is within 10%)"
    )


def test_reason_for_unmeasurable_target():
    assert band("Achieve", "Yes").reason == 'target "Achieve" is not measurable'


def test_reason_keeps_pounds_and_percent_signs():
    assert band("<£22", "£25.40").reason.startswith("£25.40 against a target of less than £22 (lower is better)")
    assert band("90%", 0.94, actual_format="0%").reason.startswith("94% against a target of 90%")


@pytest.mark.parametrize(
    ("bands", "rule", "overall"),
    [
        (["Green", "Green", "Red"], "most", "Green"),
        (["Green", "Amber", "Red", "Red", "Green"], "most", "Red"),  # tie goes to the worse
        (["Green"] * 4 + ["Amber"] + ["Red"] * 4, "most", "Red"),
        (["Green", "Amber"], "most", "Amber"),
        (["Green", "Green", "Amber"], "worst", "Amber"),
        (["No data", "Green"], "most", "Green"),
        (["No data"], "most", "No data"),
        ([], "worst", "No data"),
    ],
)
def test_overall_band(bands, rule, overall):
    assert overall_band(bands, rule) == overall


@pytest.mark.parametrize(
    ("previous", "current", "polarity", "direction"),
    [
        ("80", "85", "higher", "improving"),
        ("85", "80", "higher", "worsening"),
        ("24.1", "26.5", "lower", "worsening"),
        ("13.4", "12.9", "lower", "improving"),
        ("85", "85", "higher", "no change"),
        ("No", "Yes", None, "improving"),
        ("N/A", "85", "higher", None),
    ],
)
def test_direction_of_travel_by_polarity(previous, current, polarity, direction):
    assert direction_of_travel(parse_measure(previous), parse_measure(current), polarity) == direction


def test_no_previous_period_has_no_direction():
    assert direction_of_travel(None, parse_measure("85"), "higher") is None
