"""Properties of banding that must hold for every value, checked with hypothesis."""

from decimal import Decimal

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from data_layer.banding import AMBER, SEVERITY, band_for, band_frame
from data_layer.values import parse_measure

values = st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False, allow_infinity=False)
tolerances = st.sampled_from(["0", "5", "10", "12.5", "20", "33.3333", "100"])
strictness = st.booleans()


def band_of(target: str, actual: str, polarity: str, tolerance: str) -> str:
    return band_for(parse_measure(target), parse_measure(actual), polarity=polarity, tolerance=Decimal(tolerance)).band


def target_text(target: Decimal, polarity: str, strict: bool) -> str:
    if polarity == "higher":
        return f"{'>' if strict else '>='} {target}"
    return f"{'<' if strict else '<='} {target}"


@given(target=values, first=values, second=values, polarity=st.sampled_from(["higher", "lower"]),
       tolerance=tolerances, strict=strictness)
def test_a_better_actual_never_gives_a_worse_band(target, first, second, polarity, tolerance, strict):
    better, worse = (max(first, second), min(first, second)) if polarity == "higher" else (min(first, second), max(first, second))
    written = target_text(target, polarity, strict)
    assert SEVERITY[band_of(written, str(better), polarity, tolerance)] <= SEVERITY[band_of(written, str(worse), polarity, tolerance)]


@given(target=values, actual=values, tolerance=tolerances, strict=strictness)
def test_swapping_polarity_mirrors_the_result(target, actual, tolerance, strict):
    higher = band_of(target_text(target, "higher", strict), str(actual), "higher", tolerance)
    lower = band_of(target_text(-target, "lower", strict), str(-actual), "lower", tolerance)
    assert higher == lower


@given(target=values, actual=values, polarity=st.sampled_from(["higher", "lower"]), strict=strictness)
def test_with_tolerance_zero_there_is_no_amber(target, actual, polarity, strict):
    assert band_of(target_text(target, polarity, strict), str(actual), polarity, "0") != AMBER


@given(target=st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
       actual=st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
       polarity=st.sampled_from(["higher", "lower"]), tolerance=tolerances)
def test_the_band_does_not_depend_on_float_noise(target, actual, polarity, tolerance):
    """A value typed as text and the same value as an Excel float cell give the same band."""
    as_text = band_for(parse_measure(str(target)), parse_measure(str(actual)), polarity=polarity, tolerance=Decimal(tolerance))
    as_float = band_for(parse_measure(float(target)), parse_measure(float(actual)), polarity=polarity, tolerance=Decimal(tolerance))
    assert as_text.band == as_float.band


# Texts as returns write them, to check the fast frame banding against the reference.
written_values = st.one_of(
    values.map(str),
    values.map(lambda v: f"{v}%"),
    values.map(lambda v: f"{v}+"),
    values.map(lambda v: f"< {v}"),
    values.map(lambda v: f"> {v}"),
    values.map(lambda v: f"max {v}"),
    values.map(lambda v: f"£{abs(v):,} per fte"),
    values.map(lambda v: f"{v} (2 returned)"),
    st.decimals(min_value=-1, max_value=1, places=12, allow_nan=False, allow_infinity=False).map(str),  # beyond the fast scale
    st.integers(min_value=-(10**17), max_value=10**17).map(str),  # beyond int64 once scaled
    st.sampled_from(["N/A", "TBC", "", "-", "Yes", "No", "YES", "Achieve", "0", "0%"]),
)


@settings(max_examples=60)
@given(rows=st.lists(st.tuples(written_values, written_values, st.sampled_from([None, "higher", "lower"]),
                               st.sampled_from([None, Decimal("5"), Decimal("12.5"), Decimal("0.00001")])),
                     min_size=1, max_size=40))
def test_frame_banding_agrees_with_the_reference_for_every_row(rows):
    frame = pd.DataFrame(rows, columns=["target_text", "actual_text", "polarity", "tolerance"])
    banded = band_frame(frame, default_tolerance=Decimal(10))
    for position, (target, actual, polarity, tolerance) in enumerate(rows):
        expected = band_for(parse_measure(target), parse_measure(actual), polarity=polarity,
                            tolerance=tolerance if tolerance is not None else Decimal(10))
        assert banded["computed_band"].iloc[position] == expected.band, (target, actual, polarity, tolerance)
        assert banded["polarity_used"].iloc[position] == expected.polarity
