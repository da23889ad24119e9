"""Pure analytics for risk registers: ratings and bands on the council's scale, the direction of travel from one
register to the next, the exceptions and questions for committee, and the heat map.

Frames in (repository.risk_register), frames and dataclasses out; no database, no Streamlit. A rating is likelihood x
impact, an int, or None when either score is missing: never 0, never NaN. A risk is (directorate, service,
reference_key), each part None-safe; its owner is its service, else its directorate, else the whole council, as the
store scopes a register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from data_layer.risk_scale import BAND_SHAPES, HIGH, LOW, MEDIUM, RiskScale

NO_RATING = "No rating"
NEW, FALLING, UNCHANGED, RISING, NOT_RATED = "new", "falling", "unchanged", "rising", "not rated"
TREND_COLUMNS = ["current_rating", "target_rating", "band", "target_band", "gap", "previous_period", "previous_rating", "trend",
                 "unchanged_registers"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def value_or_none(value: Any) -> Any:
    """None for a blank cell (None, NaN, NaT), else the value (the action plans' analytics read cells the same way)."""
    if value is None or (not isinstance(value, (str, tuple, list)) and pd.isna(value)):
        return None
    return value


def day_or_none(value: Any) -> date | None:
    """A date cell as a date (a pandas Timestamp too), or None."""
    value = value_or_none(value)
    if isinstance(value, datetime):  # pd.Timestamp too
        return value.date()
    return value


_value, _day = value_or_none, day_or_none


def _rating(likelihood: Any, impact: Any) -> int | None:
    likelihood, impact = _value(likelihood), _value(impact)
    if likelihood is None or impact is None:
        return None
    return int(likelihood) * int(impact)


def _objects(values: list[Any], index: pd.Index) -> pd.Series:
    """A column of ints (or texts) and None: object dtype, so pandas never turns None into NaN or ints into floats."""
    return pd.Series(values, index=index, dtype=object)


def _risk_keys(frame: pd.DataFrame) -> list[tuple[Any, Any, Any]]:
    return list(zip((_value(v) for v in frame["directorate"]), (_value(v) for v in frame["service"]),
                    (_value(v) for v in frame["reference_key"]), strict=True))


def with_trend(register: pd.DataFrame, scale: RiskScale) -> pd.DataFrame:
    """Every register row with its ratings, bands, gap to target and the change since the same risk's previous register.

    trend is "new" for a risk's first register (or its first rating after a register that gave none), "not rated" when
    it has no current rating; unchanged_registers counts the consecutive registers at this rating (0 when not rated)."""
    frame = register.copy()
    current = [_rating(li, im) for li, im in zip(frame["current_likelihood"], frame["current_impact"], strict=True)]
    target = [_rating(li, im) for li, im in zip(frame["target_likelihood"], frame["target_impact"], strict=True)]
    keys = _risk_keys(frame)
    ends = [_day(v) for v in frame["period_end"]]
    periods = [_value(v) for v in frame["period"]]
    size = len(frame)
    previous_period: list[Any] = [None] * size
    previous_rating: list[Any] = [None] * size
    trend: list[str] = [NOT_RATED] * size
    run = [0] * size
    last: dict[tuple[Any, Any, Any], int] = {}  # each risk's latest row so far, walking the registers in date order
    for position in sorted(range(size), key=lambda p: (ends[p], p)):
        earlier = last.get(keys[position])
        last[keys[position]] = position
        rating = current[position]
        if earlier is not None:
            previous_period[position], previous_rating[position] = periods[earlier], current[earlier]
        if rating is None:
            continue
        before = previous_rating[position]
        if earlier is None or before is None:
            trend[position], run[position] = NEW, 1
        elif rating == before:
            trend[position], run[position] = UNCHANGED, run[earlier] + 1
        else:
            trend[position], run[position] = (RISING if rating > before else FALLING), 1
    index = frame.index
    frame["current_rating"] = _objects(current, index)
    frame["target_rating"] = _objects(target, index)
    frame["band"] = _objects([scale.band(r) for r in current], index)
    frame["target_band"] = _objects([scale.band(r) for r in target], index)
    frame["gap"] = _objects([None if c is None or t is None else c - t for c, t in zip(current, target, strict=True)], index)
    frame["previous_period"] = _objects(previous_period, index)
    frame["previous_rating"] = _objects(previous_rating, index)
    frame["trend"] = pd.Series(trend, index=index, dtype=object)
    frame["unchanged_registers"] = pd.Series(run, index=index, dtype="int64")
    return frame


def _latest_and_closed(register: pd.DataFrame, scale: RiskScale) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each risk at its latest register month, split into those its owner still lists and those a later register of
    its owner dropped (with dropped_in: that owner's first register month after the risk's last)."""
    trended = with_trend(register, scale).reset_index(drop=True)
    keys = _risk_keys(trended)
    ends = [_day(v) for v in trended["period_end"]]
    latest: dict[tuple[Any, Any, Any], int] = {}
    owner_months: dict[tuple[Any, Any], dict[date, str]] = {}
    for position, key in enumerate(keys):
        if key not in latest or ends[position] >= ends[latest[key]]:
            latest[key] = position
        owner_months.setdefault(key[:2], {})[ends[position]] = trended.at[position, "period"]
    listed, dropped, dropped_in = [], [], []
    for key, position in latest.items():
        later = sorted(end for end in owner_months[key[:2]] if end > ends[position])
        if later:
            dropped.append(position)
            dropped_in.append(owner_months[key[:2]][later[0]])
        else:
            listed.append(position)
    closed = trended.loc[dropped].reset_index(drop=True)
    closed["dropped_in"] = _objects(dropped_in, closed.index)
    if len(closed):
        closed = closed.sort_values("reference", key=lambda s: s.map(lambda v: str(_value(v) or "").casefold()), kind="stable")
    return trended.loc[sorted(listed)].reset_index(drop=True), closed.reset_index(drop=True)


def _times(count: int) -> str:
    return NUMBER_WORDS.get(count, str(count))


def risk_question(row: Any) -> str | None:
    """What committee may ask of a risk: a High risk not coming down, a rating above its target, or no rating yet."""
    rating, band, trend = _value(row["current_rating"]), _value(row["band"]), row["trend"]
    if rating is None:
        note = _value(row.get("assessment_note"))
        return f"No rating yet: {note if note else 'no likelihood and impact given'}"
    if band == HIGH:
        if trend == UNCHANGED:
            return f"High risk, rating unchanged for {_times(int(row['unchanged_registers']))} registers"
        if trend == RISING:
            return f"High risk, rating rising from {row['previous_rating']} to {rating}"
        if trend == NEW:
            if _value(row["previous_period"]) is None:
                return f"High risk, new on the register at {rating}"
            return f"High risk, first rated at {rating} (no rating in {row['previous_period']})"
        return None
    gap, target = _value(row["gap"]), _value(row["target_rating"])
    if gap is not None and gap > 0:
        return f"Rating {rating} is {gap} above its target of {target}"
    return None


def _table_order(table: pd.DataFrame) -> pd.DataFrame:
    order = sorted(range(len(table)), key=lambda p: (
        not table.at[p, "exception"],
        _value(table.at[p, "current_rating"]) is None,
        -(_value(table.at[p, "current_rating"]) or 0),
        str(_value(table.at[p, "reference"]) or "").casefold()))
    return table.loc[order].reset_index(drop=True)


def risk_table(register: pd.DataFrame, scale: RiskScale) -> pd.DataFrame:
    """Each risk at its latest register month (a risk its owner's later register no longer lists is left out: see
    closed_risks), with exception (High and not falling) and question; exceptions first, then highest rating, no
    rating last, then reference."""
    table, _ = _latest_and_closed(register, scale)
    table["exception"] = pd.Series([band == HIGH and trend != FALLING for band, trend in zip(table["band"], table["trend"], strict=True)],
                                   index=table.index, dtype=bool)
    table["question"] = _objects([risk_question(row) for _, row in table.iterrows()], table.index)
    return _table_order(table) if len(table) else table


def closed_risks(register: pd.DataFrame, scale: RiskScale) -> pd.DataFrame:
    """The risks a later register of their owner no longer lists, each at its last register month, with dropped_in
    (the first register month without it); empty when none was dropped."""
    return _latest_and_closed(register, scale)[1]


def risks_by_band(table: pd.DataFrame) -> dict[str, int]:
    """How many risks in each band, worst first, and with no rating: all four keys, zero when none."""
    counts = {HIGH: 0, MEDIUM: 0, LOW: 0, NO_RATING: 0}
    for band in table["band"] if "band" in table else []:
        counts[_value(band) or NO_RATING] += 1
    return counts


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    rating: int
    band: str
    count: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class HeatMap:
    """A likelihood x impact grid of the council's scale: rows are likelihood highest first, columns impact lowest
    first, each as (score, word); cells[row][column]; unplaced counts risks with no rating of this kind (or a score off
    the scale, as when the scale was changed after the register was loaded)."""

    which: str
    rows: tuple[tuple[int, str], ...]
    columns: tuple[tuple[int, str], ...]
    cells: list[list[HeatCell]]
    unplaced: int

    def cell_text(self, cell: HeatCell) -> str:
        """What a cell shows, readable without colour: '2 risks\\nHigh ▲', '1 risk\\nMedium ◆', '0\\nLow ○'."""
        count = "0" if cell.count == 0 else f"{cell.count} risk{'' if cell.count == 1 else 's'}"
        return f"{count}\n{cell.band} {BAND_SHAPES[cell.band]}"


def heat_map(table: pd.DataFrame, scale: RiskScale, which: str = "current") -> HeatMap:
    """The heat map of the table's current (or target) likelihood and impact; every cell present, empty ones at 0."""
    if which not in ("current", "target"):
        raise ValueError(f'which must be "current" or "target", not {which!r}')
    placed: dict[tuple[int, int], list[str]] = {}
    unplaced = 0
    for _, row in table.iterrows():
        likelihood, impact = _value(row[f"{which}_likelihood"]), _value(row[f"{which}_impact"])
        if likelihood is None or impact is None or not (1 <= likelihood <= len(scale.likelihood) and 1 <= impact <= len(scale.impact)):
            unplaced += 1
            continue
        placed.setdefault((int(likelihood), int(impact)), []).append(str(row["reference"]))
    rows = tuple((number, word) for number, word in reversed(list(enumerate(scale.likelihood, start=1))))
    columns = tuple(enumerate(scale.impact, start=1))
    cells = [[HeatCell(likelihood, impact, likelihood * impact, scale.band(likelihood * impact) or LOW,
                       len(placed.get((likelihood, impact), [])), tuple(placed.get((likelihood, impact), [])))
              for impact, _ in columns] for likelihood, _ in rows]
    return HeatMap(which, rows, columns, cells, unplaced)
