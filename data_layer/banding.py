"""Green / Amber / Red banding exactly as returns-spec section 4 defines it.

Pure functions over Decimal values. The tolerance test is done by cross-multiplying,
(t - a) * 100 < tolerance * |t|, rather than dividing, so it is exact for every value as
written: 3.06 against 3.4+ is exactly 10% short, and therefore Red.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from data_layer.values import HIGHER, LOWER, NO_DATA, NUMBER, TEXT, YES_NO, Measure, normalise_decimal

GREEN = "Green"
AMBER = "Amber"
RED = "Red"
NO_DATA_BAND = "No data"
BANDS = (GREEN, AMBER, RED, NO_DATA_BAND)
# Worse bands sort higher: ties in a roll-up go to the worse band.
SEVERITY = {GREEN: 0, AMBER: 1, RED: 2}

DEFAULT_TOLERANCE = Decimal(10)
MOST_INDICATORS = "most"
WORST = "worst"
OVERALL_RULES = (MOST_INDICATORS, WORST)


@dataclass(frozen=True)
class BandResult:
    """The computed band of one indicator value, the polarity it was judged by, and why."""

    band: str
    reason: str
    polarity: str | None


def resolve_polarity(explicit: str | None, target: Measure) -> str:
    """The Polarity column wins; else the target's operator ('90%+', '<12'); else higher."""
    if explicit in (HIGHER, LOWER):
        return explicit
    if target.operator in (">", ">="):
        return HIGHER
    if target.operator in ("<", "<="):
        return LOWER
    return HIGHER


def band_for(
    target: Measure,
    actual: Measure,
    *,
    polarity: str | None = None,
    tolerance: Decimal | None = None,
) -> BandResult:
    """Band one actual against its target, with a reason a councillor can read aloud.

    Handles polarity (explicit or from the target), strict '>'/'<' targets, per-indicator
    tolerance (percent; default 10), yes/no targets, a zero target (no relative tolerance,
    so any miss is Red), missing actual or target and unmeasurable text targets (No data).
    """
    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    if target.kind == YES_NO:
        return _band_yes_no(target, actual)
    resolved = resolve_polarity(polarity, target)
    if target.kind == NO_DATA:
        reason = f"no target set ({target.text})" if target.text else "no target set"
        return BandResult(NO_DATA_BAND, reason, resolved)
    if target.kind == TEXT:
        return BandResult(NO_DATA_BAND, f'target "{target.text}" is not measurable', resolved)
    if actual.kind == NO_DATA:
        reason = f"no actual recorded ({actual.text})" if actual.text else "no actual recorded"
        return BandResult(NO_DATA_BAND, reason, resolved)
    if actual.kind != NUMBER or actual.number is None:
        return BandResult(NO_DATA_BAND, f'actual "{actual.text}" is not a number to compare with the target', resolved)
    assert target.number is not None
    t, a = target.number, actual.number
    strict = (resolved == HIGHER and target.operator == ">") or (resolved == LOWER and target.operator == "<")
    direction = "higher is better" if resolved == HIGHER else "lower is better"
    written_target = _written_target(target, resolved, strict)
    opening = f"{actual.display} against a target of {written_target} ({direction})"
    met = (a > t if strict else a >= t) if resolved == HIGHER else (a < t if strict else a <= t)
    if met:
        return BandResult(GREEN, f"{opening}: target met; Green", resolved)
    gap = (t - a) if resolved == HIGHER else (a - t)  # >= 0 here
    if t == 0:
        return BandResult(RED, f"{opening}: target missed, and a target of 0 has no tolerance; Red", resolved)
    # Exact: gap / |t| < tolerance / 100  <=>  gap * 100 < tolerance * |t|.
    amber = gap * 100 < tolerance * abs(t)
    band = AMBER if amber else RED
    tolerance_text = f"{normalise_decimal(tolerance)}%"
    if gap == 0:  # equal to a strict target
        miss = "equal to the target, which must be " + ("exceeded" if resolved == HIGHER else "beaten")
    else:
        share = _percent_text(gap / abs(t) * 100, tolerance)
        miss = f"{share} short" if resolved == HIGHER else f"{share} over"
    return BandResult(band, f"{opening}: {miss}; {band} (Amber is within {tolerance_text})", resolved)


def _band_yes_no(target: Measure, actual: Measure) -> BandResult:
    wanted = "Yes" if target.yes else "No"
    if actual.kind == NO_DATA:
        reason = f"no actual recorded ({actual.text})" if actual.text else "no actual recorded"
        return BandResult(NO_DATA_BAND, reason, None)
    if actual.kind != YES_NO:
        return BandResult(NO_DATA_BAND, f'actual "{actual.text}" is not Yes or No, as the target {wanted} needs', None)
    if actual.yes == target.yes:
        return BandResult(GREEN, f"{actual.display} against a target of {wanted}: met; Green", None)
    return BandResult(RED, f"{actual.display} against a target of {wanted}: not met; Red", None)


def _written_target(target: Measure, polarity: str, strict: bool) -> str:
    shown = target.display
    if strict:
        return ("more than " if polarity == HIGHER else "less than ") + shown
    return shown


def _percent_text(percent: Decimal, tolerance: Decimal) -> str:
    """A share to one decimal place, with more places when rounding would land on the tolerance."""
    for places in (1, 2, 3, 4):
        rounded = percent.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if rounded != tolerance or percent == tolerance:
            return f"{rounded}%"
    return f"{rounded}%"


def overall_band(bands: list[str], rule: str = MOST_INDICATORS) -> str:
    """Overall band from indicator bands: the most held (ties to the worse) or the worst.

    No data indicators are left out; with none that have data, the result is No data.
    """
    with_data = [band for band in bands if band in SEVERITY]
    if not with_data:
        return NO_DATA_BAND
    if rule == WORST:
        return max(with_data, key=SEVERITY.__getitem__)
    counts = {band: with_data.count(band) for band in SEVERITY}
    return max(counts, key=lambda band: (counts[band], SEVERITY[band]))


def direction_of_travel(previous: Measure | None, current: Measure, polarity: str | None) -> str | None:
    """'improving', 'worsening' or 'no change' against the previous period, judged by polarity.

    None when either value is missing or they cannot be compared (text, mixed kinds).
    """
    if previous is None:
        return None
    if previous.kind == NUMBER and current.kind == NUMBER and previous.number is not None and current.number is not None:
        if current.number == previous.number:
            return "no change"
        went_up = current.number > previous.number
        return "improving" if went_up == (polarity != LOWER) else "worsening"
    if previous.kind == YES_NO and current.kind == YES_NO:
        if previous.yes == current.yes:
            return "no change"
        return "improving" if current.yes else "worsening"
    return None


# Bands carry a word and a shape as well as a colour (colour-blind members, black-and-white
# print); the shapes are the ones the council's own paper uses.
BAND_SHAPES = {GREEN: "✓", AMBER: "▲", RED: "●", NO_DATA_BAND: "○"}
# Colour-blind-safe colours (Okabe-Ito bluish green, orange, vermillion; grey for no data).
BAND_COLOURS = {GREEN: "#009E73", AMBER: "#E69F00", RED: "#D55E00", NO_DATA_BAND: "#999999"}


def band_label(band: str) -> str:
    """'● Red', '▲ Amber', '✓ Green', '○ No data': a band readable without colour."""
    return f"{BAND_SHAPES.get(band, '')} {band}".strip()
