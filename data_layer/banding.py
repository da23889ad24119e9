"""Green / Amber / Red banding exactly as returns-spec section 4 defines it.

Pure functions over Decimal values. The tolerance test is done by cross-multiplying,
(t - a) * 100 < tolerance * |t|, rather than dividing, so it is exact for every value as
written: 3.06 against 3.4+ is exactly 10% short, and therefore Red.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_layer.polarity import LOWER_PREFILTER, names_matching, polarity_from_name
from data_layer.values import HIGHER, LOWER, NO_DATA, NUMBER, TEXT, YES_NO, Measure, UnitStyle, normalise_decimal, parse_measure, unit_style

GREEN = "Green"
AMBER = "Amber"
RED = "Red"
NO_DATA_BAND = "No data"
INFORMATION = "For information"  # a data-only indicator: shown with its values and trend, never banded
BANDS = (GREEN, AMBER, RED, NO_DATA_BAND)  # the spec's bands; INFORMATION is not one of them
# Worse bands sort higher: ties in a roll-up go to the worse band.
SEVERITY = {GREEN: 0, AMBER: 1, RED: 2}

DEFAULT_TOLERANCE = Decimal(10)
MOST_INDICATORS = "most"
WORST = "worst"
OVERALL_RULES = (MOST_INDICATORS, WORST)


# Where the polarity an indicator is judged by came from.
STATED = "stated"  # a Polarity column, or the Settings page
FROM_TARGET = "target"  # the target's operator: '90%+', '<12'
FROM_NAME = "name"  # assumed from the indicator's name (data_layer/polarity.py)
BY_DEFAULT = "default"  # nothing said: higher is better (returns-spec section 3)
POLARITY_SOURCES = (STATED, FROM_TARGET, FROM_NAME, BY_DEFAULT)


@dataclass(frozen=True)
class BandResult:
    """The computed band of one indicator value, the polarity it was judged by, and why."""

    band: str
    reason: str
    polarity: str | None
    polarity_source: str | None = None


def resolve_polarity(explicit: str | None, target: Measure, named: tuple[str, str] | None = None) -> str:
    """The Polarity column (or Settings) wins; else the target's operator ('90%+', '<12'); else the name's cue
    (polarity.polarity_from_name); else higher."""
    return _resolved(explicit, target, named)[0]


def _resolved(explicit: str | None, target: Measure, named: tuple[str, str] | None) -> tuple[str, str]:
    if explicit in (HIGHER, LOWER):
        return explicit, STATED  # type: ignore[return-value]
    if target.operator in (">", ">="):
        return HIGHER, FROM_TARGET
    if target.operator in ("<", "<="):
        return LOWER, FROM_TARGET
    if named is not None:
        return named[0], FROM_NAME
    return HIGHER, BY_DEFAULT


def band_for(
    target: Measure,
    actual: Measure,
    *,
    polarity: str | None = None,
    tolerance: Decimal | None = None,
    named: tuple[str, str] | None = None,
    unit: str | None = None,
    for_information: bool = False,
) -> BandResult:
    """Band one actual against its target, with a reason a councillor can read aloud.

    Handles polarity (explicit, from the target, or assumed from the indicator's name: `named`, as
    polarity.polarity_from_name gives it, and said so in the reason), strict '>'/'<' targets,
    per-indicator tolerance (percent; default 10), yes/no targets, a zero target (no relative tolerance,
    so any miss is Red), missing actual or target and unmeasurable text targets (No data), and
    indicators for information only (never banded). `unit` (the Unit column: '%', 'days', '£') is
    written with the figures: '26.5 days against a target of 20 days or fewer'.
    """
    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    resolved, source = _resolved(polarity, target, named)
    style = unit_style(unit, target, actual)
    if for_information:
        shown = f"{style.show(actual)}" if actual.kind in (NUMBER, YES_NO) else (actual.text or "no actual recorded")
        return BandResult(INFORMATION, f"{shown}: for information only, not banded", resolved, source)
    if target.kind == YES_NO:
        return _band_yes_no(target, actual)
    if target.kind == NO_DATA:
        reason = f"no target set ({target.text})" if target.text else "no target set"
        return BandResult(NO_DATA_BAND, reason, resolved, source)
    if target.kind == TEXT:
        return BandResult(NO_DATA_BAND, f'target "{target.text}" is not measurable', resolved, source)
    if actual.kind == NO_DATA:
        reason = f"no actual recorded ({actual.text})" if actual.text else "no actual recorded"
        return BandResult(NO_DATA_BAND, reason, resolved, source)
    if actual.kind != NUMBER or actual.number is None:
        return BandResult(NO_DATA_BAND, f'actual "{actual.text}" is not a number to compare with the target', resolved, source)
    assert target.number is not None
    t, a = target.number, actual.number
    strict = (resolved == HIGHER and target.operator == ">") or (resolved == LOWER and target.operator == "<")
    direction = "higher is better" if resolved == HIGHER else "lower is better"
    if source == FROM_NAME and named is not None:
        direction += f', assumed from the name ("{named[1]}")'
    opening = f"{style.show(actual)} against a target of {_written_target(target, resolved, strict, style)} ({direction})"
    met = (a > t if strict else a >= t) if resolved == HIGHER else (a < t if strict else a <= t)
    if met:
        return BandResult(GREEN, f"{opening}: target met; Green", resolved, source)
    gap = (t - a) if resolved == HIGHER else (a - t)  # >= 0 here
    if t == 0:
        return BandResult(RED, f"{opening}: target missed, and a target of 0 has no tolerance; Red", resolved, source)
    # Exact: gap / |t| < tolerance / 100  <=>  gap * 100 < tolerance * |t|.
    amber = gap * 100 < tolerance * abs(t)
    band = AMBER if amber else RED
    tolerance_text = f"{normalise_decimal(tolerance)}%"
    if gap == 0:  # equal to a strict target
        miss = "equal to the target, which must be " + ("exceeded" if resolved == HIGHER else "beaten")
    else:
        share = _percent_text(gap / abs(t) * 100, tolerance)
        miss = f"{share} short" if resolved == HIGHER else f"{share} over"
    return BandResult(band, f"{opening}: {miss}; {band} (Amber is within {tolerance_text})", resolved, source)


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


def _written_target(target: Measure, polarity: str, strict: bool, style: UnitStyle) -> str:
    shown = style.show(target)
    if strict:
        return ("more than " if polarity == HIGHER else "less than ") + shown
    if polarity == LOWER:  # a target is read as a minimum unless it says otherwise: say it is a maximum
        return shown + (" or fewer" if style.countable else " or less")
    return shown


def _percent_text(percent: Decimal, tolerance: Decimal) -> str:
    """A share to one decimal place, never printed equal to the tolerance unless it is equal.

    With more places when rounding would land on the tolerance; past four places it is
    rounded away from the tolerance, so the words always agree with the band.
    """
    if percent == tolerance:
        return f"{percent.quantize(Decimal('0.1'))}%"
    for places in (1, 2, 3, 4):
        rounded = percent.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if rounded != tolerance:
            return f"{rounded}%"
    away = ROUND_DOWN if percent < tolerance else ROUND_UP
    return f"{percent.quantize(Decimal('0.0001'), rounding=away)}%"


def overall_band(bands: list[str], rule: str = MOST_INDICATORS) -> str:
    """Overall band from indicator bands: the most held (ties to the worse) or the worst.

    No data indicators are left out; with none that have data, the result is No data.
    """
    return overall_bands([bands.count(GREEN)], [bands.count(AMBER)], [bands.count(RED)], rule)[0]


def overall_bands(green: object, amber: object, red: object, rule: str = MOST_INDICATORS) -> list[str]:
    """Overall bands from counts of Green, Amber and Red, for many services at once.

    'most': the band held by the most indicators, ties going to the worse; 'worst': the
    worst band any indicator holds. No indicator with data: No data.
    """
    g, a, r = (np.asarray(x, dtype=np.int64) for x in (green, amber, red))
    if rule == WORST:
        choice = np.select([r > 0, a > 0, g > 0], [RED, AMBER, GREEN], NO_DATA_BAND)
    elif rule == MOST_INDICATORS:
        choice = np.select([(r > 0) & (r >= a) & (r >= g), (a > 0) & (a >= g), g > 0], [RED, AMBER, GREEN], NO_DATA_BAND)
    else:
        raise ValueError(f"the overall rule must be {MOST_INDICATORS} or {WORST}, not {rule!r}")
    return [str(band) for band in choice]


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
BAND_SHAPES = {GREEN: "✓", AMBER: "▲", RED: "●", NO_DATA_BAND: "○", INFORMATION: "◇"}
# Colour-blind-safe colours (Okabe-Ito bluish green, orange, vermillion, sky blue for information; grey for no data).
BAND_COLOURS = {GREEN: "#009E73", AMBER: "#E69F00", RED: "#D55E00", NO_DATA_BAND: "#999999", INFORMATION: "#56B4E9"}


def band_of_label(label: object) -> str | None:
    """The band a label shows first: '● Red' and '○ No data (was ● Red)' -> 'Red', 'No data'; None for other text."""
    text = str(label)
    return next((band for band, shape in BAND_SHAPES.items() if text.startswith(f"{shape} {band}")), None)


def band_label(band: str) -> str:
    """'● Red', '▲ Amber', '✓ Green', '○ No data': a band readable without colour."""
    return f"{BAND_SHAPES.get(band, '')} {band}".strip()


# ------------------------------------------------------------------------------------------
# Banding a whole frame at once.
#
# The scalar band_for above is the reference and writes the reasons. Banding a million values
# through it would take tens of seconds, so band_frame below does the same decisions on
# arrays: each distinct text is parsed once, and numbers become integers scaled by a common
# power of ten (10**scale), so "gap * 100 < tolerance * |target|" is decided in exact integer
# arithmetic, never in floats (3.06 against 3.4 is 306 vs 340 at scale 2: exactly 10% short).
# Python integers take over where int64 could overflow; a value that cannot be scaled exactly
# goes through band_for. A property test checks that band_frame always agrees with band_for.
# ------------------------------------------------------------------------------------------



KIND_NUMBER, KIND_YES_NO, KIND_NO_DATA, KIND_TEXT = 0, 1, 2, 3
_KIND_CODES = {NUMBER: KIND_NUMBER, YES_NO: KIND_YES_NO, NO_DATA: KIND_NO_DATA, TEXT: KIND_TEXT}
OP_NONE, OP_GE, OP_GT, OP_LE, OP_LT = 0, 1, 2, 3, 4
_OPERATOR_CODES = {None: OP_NONE, ">=": OP_GE, ">": OP_GT, "<=": OP_LE, "<": OP_LT, "≥": OP_GE, "≤": OP_LE}
POLARITY_NONE, POLARITY_HIGHER, POLARITY_LOWER = 0, 1, 2
BAND_CODES = (GREEN, AMBER, RED, NO_DATA_BAND, INFORMATION)  # band code i is BAND_CODES[i]
MAX_SCALE = 9  # more decimal places than this go through band_for
TOLERANCE_SCALE = 4  # tolerances are percentages with up to 4 decimal places
_INT64_SAFE = 2**61  # so that differences of two values still fit in an int64

_SIMPLE_NUMBER = (
    r"^\s*(?P<op>>=|<=|≥|≤|>|<)?\s*(?P<neg>-)?(?P<int>\d{1,15})(?:\.(?P<frac>\d{1,9}))?"
    r"\s*(?P<pct>%)?\s*(?P<plus>\+)?\s*$"
)


class ParsedTexts:
    """Target or actual texts parsed column-wise: kind, operator, yes, and the number scaled by 10**scale.

    `exact` is False where the number could not be held at the common scale; those rows are
    banded by band_for instead.
    """

    def __init__(self, texts: pd.Series) -> None:
        codes, found = pd.factorize(texts, sort=False, use_na_sentinel=True)
        uniques = [*(str(text) for text in found), ""]  # a missing text (code -1) reads as blank
        codes = np.where(codes < 0, len(uniques) - 1, codes)
        count = len(uniques)
        kinds = np.full(count, KIND_TEXT, dtype=np.int8)
        operators = np.zeros(count, dtype=np.int8)
        yes = np.zeros(count, dtype=bool)
        digits: list[tuple[int, str, str] | None] = [None] * count  # sign, integer digits, fraction digits
        unique_texts = pa.array(uniques, type=pa.string())
        simple = pc.extract_regex(unique_texts, _SIMPLE_NUMBER)
        matched = pc.is_valid(simple).to_numpy(zero_copy_only=False)
        fields = {name: simple.field(name).to_pylist() for name in ("op", "neg", "int", "frac", "plus")}
        for index in range(count):
            if matched[index]:
                operator = fields["op"][index] or (">=" if fields["plus"][index] else None)
                kinds[index] = KIND_NUMBER
                operators[index] = _OPERATOR_CODES[operator or None]
                digits[index] = (-1 if fields["neg"][index] else 1, fields["int"][index], fields["frac"][index] or "")
                continue
            try:
                measure = parse_measure(uniques[index])
            except ValueError:  # stored text that no longer reads as a value: not measurable
                continue
            kinds[index] = _KIND_CODES[measure.kind]
            operators[index] = _OPERATOR_CODES[measure.operator]
            yes[index] = bool(measure.yes)
            if measure.kind == NUMBER and measure.number is not None:
                sign, whole, exponent = measure.number.as_tuple()
                text = "".join(map(str, whole))
                exponent = int(exponent)
                if exponent >= 0:
                    digits[index] = (-1 if sign else 1, text + "0" * exponent, "")
                else:
                    text = text.rjust(-exponent + 1, "0")
                    digits[index] = (-1 if sign else 1, text[:exponent], text[exponent:])
        scale = min(MAX_SCALE, max((len(d[2].rstrip("0")) for d in digits if d is not None), default=0))
        values = np.zeros(count, dtype=object)
        exact = np.ones(count, dtype=bool)
        for index, parts in enumerate(digits):
            if parts is None:
                continue
            sign, whole, fraction = parts
            fraction = fraction.rstrip("0")
            if len(fraction) > scale:
                exact[index] = False
                continue
            values[index] = sign * int((whole or "0") + fraction.ljust(scale, "0"))
        self.scale = scale
        self.kind = kinds[codes]
        self.operator = operators[codes]
        self.yes = yes[codes]
        self.exact = exact[codes]
        self._values = values[codes]

    def values_at(self, scale: int) -> np.ndarray:
        """The numbers as integers scaled by 10**scale (scale >= self.scale): int64 when safe, else Python ints."""
        values = self._values * (10 ** (scale - self.scale)) if scale != self.scale else self._values
        return _as_int64_if_safe(values)


def _as_int64_if_safe(values: np.ndarray) -> np.ndarray:
    if values.dtype != object:
        return values
    if len(values) == 0:
        return values.astype(np.int64)
    largest = max(abs(int(values.max())), abs(int(values.min())))
    return values.astype(np.int64) if largest < _INT64_SAFE else values


def _codes(column: pd.Series, mapping: dict[object, int], missing: int) -> np.ndarray:
    """Small integer codes for a column with few distinct values, looked up once per distinct value."""
    codes, uniques = pd.factorize(column, sort=False, use_na_sentinel=True)
    table = np.array([mapping.get(value, missing) for value in uniques] + [missing], dtype=np.int8)
    return table[codes]  # code -1 (missing) takes the last entry


def _polarity_codes(polarity: pd.Series) -> np.ndarray:
    return _codes(polarity, {HIGHER: POLARITY_HIGHER, LOWER: POLARITY_LOWER}, POLARITY_NONE)


def _tolerances(tolerance: pd.Series, default: Decimal) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tolerances used (Decimal percent), as integers scaled by 10**TOLERANCE_SCALE, and which are exact at that scale."""
    codes, found = pd.factorize(tolerance, sort=False, use_na_sentinel=True)
    uniques = [Decimal(str(value)) for value in found] + [default]  # code -1: the council's default
    codes = np.where(codes < 0, len(uniques) - 1, codes)
    used = np.array(uniques, dtype=object)[codes]
    scaled = np.zeros(len(uniques), dtype=object)
    exact = np.ones(len(uniques), dtype=bool)
    for index, value in enumerate(uniques):
        shifted = value.scaleb(TOLERANCE_SCALE)
        if shifted != shifted.to_integral_value():
            exact[index] = False
        else:
            scaled[index] = int(shifted)
    return used, scaled[codes], exact[codes]


def band_frame(values: pd.DataFrame, *, default_tolerance: Decimal) -> pd.DataFrame:
    """Band every row of a frame of indicator values at once, exactly as band_for would.

    Expects target_text, actual_text, and optionally polarity ('higher'/'lower'/None),
    tolerance (percent Decimal or None: the council default) and override_band.
    Adds computed_band, polarity_used, band (an officer override wins) and overridden; the
    reasons come from band_reasons, for the rows that are shown.
    """
    frame = values.copy()
    n = len(frame)
    target = ParsedTexts(frame["target_text"])
    actual = ParsedTexts(frame["actual_text"])
    explicit = _polarity_codes(frame["polarity"]) if "polarity" in frame else np.zeros(n, dtype=np.int8)
    tolerance_values = frame["tolerance"] if "tolerance" in frame else pd.Series([None] * n, index=frame.index)
    tolerance_used, tolerance, tolerance_exact = _tolerances(tolerance_values, default_tolerance)

    # Polarity: the Polarity column (or Settings) wins, then the target's operator, then the name's cue, then higher.
    named, cues = _named_polarity(frame["indicator"]) if "indicator" in frame else (np.zeros(n, dtype=bool), np.full(n, None, dtype=object))
    has_operator = target.operator != OP_NONE
    from_target = np.where(np.isin(target.operator, (OP_LE, OP_LT)), POLARITY_LOWER, POLARITY_HIGHER)
    stated = explicit != POLARITY_NONE
    polarity = np.where(stated, explicit, np.where(has_operator, from_target, np.where(named, POLARITY_LOWER, POLARITY_HIGHER))).astype(np.int8)
    source = np.select([stated, has_operator, named], [0, 1, 2], 3).astype(np.int8)  # codes into POLARITY_SOURCES
    higher = polarity == POLARITY_HIGHER
    strict = (higher & (target.operator == OP_GT)) | (~higher & (target.operator == OP_LT))

    bands = np.full(n, 3, dtype=np.int8)  # No data unless decided below
    # Yes/no targets: Green when the actual matches, Red when it does not.
    yes_no = (target.kind == KIND_YES_NO) & (actual.kind == KIND_YES_NO)
    bands[yes_no] = np.where(actual.yes[yes_no] == target.yes[yes_no], 0, 2)

    numeric = (target.kind == KIND_NUMBER) & (actual.kind == KIND_NUMBER)
    fast = numeric & target.exact & actual.exact & tolerance_exact
    if fast.any():
        scale = max(target.scale, actual.scale)
        t = target.values_at(scale)[fast]
        a = actual.values_at(scale)[fast]
        tol = tolerance[fast].astype(np.int64)  # at most 100% * 10**4
        up = higher[fast]
        is_strict = strict[fast]
        met = np.where(up, np.where(is_strict, a > t, a >= t), np.where(is_strict, a < t, a <= t))
        gap = np.where(up, t - a, a - t)
        magnitude = np.abs(t)
        if gap.dtype != object and (np.abs(gap).max(initial=0) >= _INT64_SAFE // (100 * 10**TOLERANCE_SCALE)
                                    or magnitude.max(initial=0) >= _INT64_SAFE // (100 * 10**TOLERANCE_SCALE)):
            gap, magnitude, tol = gap.astype(object), magnitude.astype(object), tol.astype(object)
        # Exact: gap / |t| < tolerance / 100  <=>  gap * 100 * 10**TOLERANCE_SCALE < tol_scaled * |t|.
        amber = (gap * (100 * 10**TOLERANCE_SCALE)) < (tol * magnitude)
        decided = np.where(met, 0, np.where(t == 0, 2, np.where(amber, 1, 2)))
        bands[fast] = decided.astype(np.int8)
    slow = numeric & ~fast
    if slow.any():
        for position in np.flatnonzero(slow):
            row = frame.iloc[position]
            result = band_for(parse_measure(row["target_text"]), parse_measure(row["actual_text"]),
                              polarity=_explicit_polarity(row), tolerance=_row_tolerance(row, default_tolerance),
                              named=polarity_from_name(row["indicator"]) if "indicator" in frame else None)
            bands[position] = BAND_CODES.index(result.band)

    if "for_information" in frame:  # data only: shown with its values and trend, never banded
        bands[frame["for_information"].fillna(False).to_numpy(dtype=bool)] = BAND_CODES.index(INFORMATION)
    computed = pd.Categorical.from_codes(bands, categories=list(BAND_CODES))
    frame["computed_band"] = computed
    polarity_names = np.where(polarity == POLARITY_LOWER, LOWER, HIGHER).astype(object)
    polarity_names[target.kind == KIND_YES_NO] = None
    frame["polarity_used"] = pd.Series(polarity_names, index=frame.index, dtype=object)  # None stays None
    yes_no_target = target.kind == KIND_YES_NO
    source[yes_no_target] = -1  # a yes/no target has no polarity
    frame["polarity_source"] = pd.Categorical.from_codes(source, categories=list(POLARITY_SOURCES))
    by_name = named & ~stated & ~has_operator & ~yes_no_target
    frame["polarity_cue"] = pd.Series(np.where(by_name, cues, None) if by_name.any() else np.full(n, None, dtype=object),
                                      index=frame.index, dtype=object)
    frame["lower_is_better"] = polarity == POLARITY_LOWER
    frame["tolerance_used"] = pd.Series(tolerance_used, index=frame.index, dtype=object)
    override_codes = (_codes(frame["override_band"], {GREEN: 0, AMBER: 1, RED: 2}, -1) if "override_band" in frame
                      else np.full(n, -1, dtype=np.int8))
    overridden = override_codes >= 0
    frame["overridden"] = overridden
    frame["band"] = pd.Categorical.from_codes(np.where(overridden, override_codes, bands), categories=list(BAND_CODES))
    # Kept for direction of travel: the actual as an exact scaled integer, comparable within the frame.
    frame["actual_kind"] = actual.kind
    frame["actual_scaled"] = actual.values_at(actual.scale)
    frame["actual_yes"] = actual.yes
    frame["actual_exact"] = actual.exact
    return frame


def _named_polarity(names: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Whether each row's indicator name says lower is better, and the words that say it: once per distinct name."""
    codes, distinct = pd.factorize(names, sort=False, use_na_sentinel=True)
    lower = np.append(names_matching(distinct, LOWER_PREFILTER, polarity_from_name), False)
    cues = np.full(len(lower), None, dtype=object)
    for position in np.flatnonzero(lower):  # the few names with a lower cue
        cues[position] = polarity_from_name(distinct[position])[1]  # type: ignore[index]
    return lower[codes], cues[codes]  # code -1 (no name) takes the trailing False / None


def _explicit_polarity(row: pd.Series) -> str | None:
    polarity = row.get("polarity")
    return polarity if isinstance(polarity, str) else None


def _row_tolerance(row: pd.Series, default: Decimal) -> Decimal:
    tolerance = row.get("tolerance")
    return default if tolerance is None or (not isinstance(tolerance, Decimal) and pd.isna(tolerance)) else Decimal(str(tolerance))


def band_reasons(banded: pd.DataFrame, *, default_tolerance: Decimal) -> pd.DataFrame:
    """The reason for each row's band, read aloud (reason), and for the computed band alone
    (computed_reason); an officer override adds its own reason to the first.

    Uses band_for, once per distinct target, actual, polarity and tolerance (a national
    dataset repeats them across a hundred thousand latest values).
    """
    def column(name: str) -> list[object]:
        return list(banded[name]) if name in banded else [None] * len(banded)

    worded: dict[tuple[object, ...], str] = {}
    reasons, computed = [], []
    for target, actual, polarity, tolerance, overridden, band, override_reason, name, unit, information in zip(
            column("target_text"), column("actual_text"), column("polarity"), column("tolerance"), column("overridden"),
            column("band"), column("override_reason"), column("indicator"), column("unit"), column("for_information"), strict=True):
        polarity = polarity if isinstance(polarity, str) else None
        tolerance = default_tolerance if tolerance is None or (not isinstance(tolerance, Decimal) and pd.isna(tolerance)) \
            else Decimal(str(tolerance))
        unit = unit if isinstance(unit, str) else None
        information = information is True or (isinstance(information, (bool, np.bool_)) and bool(information))
        named = polarity_from_name(name) if isinstance(name, str) else None
        key = (target, actual, polarity, tolerance, named, unit, information)
        reason = worded.get(key)
        if reason is None:
            reason = worded[key] = band_for(_measure(target), _measure(actual), polarity=polarity, tolerance=tolerance, named=named,
                                            unit=unit, for_information=information).reason
        computed.append(reason)
        if overridden is True or (overridden is not None and not isinstance(overridden, float) and bool(overridden)):
            reasons.append(f"{reason}. Officer override to {band}: {override_reason}")
        else:
            reasons.append(reason)
    return pd.DataFrame({"reason": reasons, "computed_reason": computed}, index=banded.index, dtype=object)


@lru_cache(maxsize=65536)
def _measure(text: object) -> Measure:
    return parse_measure(text)
