"""Risk register and action plan analytics: ratings and trend, exceptions and questions, closed risks, the heat map;
overdue, due next quarter, no date and where the officer's status disagrees with the dates."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from data_layer.action_metrics import action_table, actions_by_status, next_quarter_end, overdue_summary
from data_layer.repository import ACTION_COLUMNS, RISK_COLUMNS
from data_layer.risk_metrics import closed_risks, heat_map, risk_table, risks_by_band, with_trend
from data_layer.risk_scale import DEFAULT_SCALE, RiskScale

SEP, DEC, MAR = ("Sep 2012", date(2012, 9, 30)), ("Dec 2012", date(2012, 12, 31)), ("Mar 2013", date(2013, 3, 31))


def risk(reference, month, current=(None, None), target=(None, None), directorate="Children", service=None, note=None):
    """One register row with repository.risk_register's columns; scores int or None (object dtype, as stored)."""
    row = dict.fromkeys(["directorate", "service", *RISK_COLUMNS, "source_cell", "file_name", "loaded_at"])
    row.update(directorate=directorate, service=service, reference=reference, reference_key=reference.casefold().rstrip("."),
               title=f"Risk {reference}", period=month[0], period_end=month[1], assessment_note=note,
               current_likelihood=current[0], current_impact=current[1], target_likelihood=target[0], target_impact=target[1])
    return row


def register(*rows):
    frame = pd.DataFrame(list(rows))
    for column in ("current_likelihood", "current_impact", "target_likelihood", "target_impact"):
        frame[column] = pd.Series([row[column] for row in rows], dtype=object)
    return frame


def only(frame, **where):
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, selected
    return selected.iloc[0]


# ---------------------------------------------------------------------------- ratings

@pytest.mark.parametrize(("current", "target", "rating", "band", "target_rating", "target_band", "gap"), [
    ((3, 3), (2, 2), 9, "Medium", 4, "Low", 5),       # Kent: Possible x Significant -> Unlikely x Moderate
    ((4, 3), (2, 3), 12, "Medium", 6, "Low", 6),
    ((4, 4), (2, 4), 16, "High", 8, "Medium", 8),     # 16 is the first High
    ((5, 3), (5, 3), 15, "Medium", 15, "Medium", 0),  # 15 is the last Medium
    ((1, 1), (1, 1), 1, "Low", 1, "Low", 0),
    ((None, None), (2, 2), None, None, 4, "Low", None),  # Risk assessment in progress: no rating, never 0
    ((3, None), (None, None), None, None, None, None, None),
])
def test_rating_is_likelihood_times_impact_or_none(current, target, rating, band, target_rating, target_band, gap):
    row = with_trend(register(risk("1", DEC, current, target)), DEFAULT_SCALE).iloc[0]
    assert row["current_rating"] == rating if rating is not None else row["current_rating"] is None
    assert row["band"] == band if band else row["band"] is None
    assert row["target_rating"] == target_rating if target_rating is not None else row["target_rating"] is None
    assert row["target_band"] == target_band if target_band else row["target_band"] is None
    assert row["gap"] == gap if gap is not None else row["gap"] is None


def test_ratings_are_ints_in_an_object_column_never_floats():
    frame = with_trend(register(risk("1", DEC, (3, 3)), risk("2", DEC)), DEFAULT_SCALE)
    assert frame["current_rating"].dtype == object
    assert list(frame["current_rating"]) == [9, None]
    assert type(frame["current_rating"][0]) is int


# ---------------------------------------------------------------------------- trend over three registers

def three_registers():
    return register(
        risk("1", SEP, (4, 4)), risk("1", DEC, (4, 4)), risk("1", MAR, (4, 4)),   # unchanged three times
        risk("2", SEP, (5, 4)), risk("2", DEC, (4, 4)), risk("2", MAR, (4, 4)),   # falling, then unchanged twice
        risk("3", SEP, (3, 4)), risk("3", DEC, (3, 4)), risk("3", MAR, (4, 4)),   # rising 12 -> 16
        risk("4", MAR, (5, 4)),                                                   # new at 20
        risk("5", SEP, (4, 4)), risk("5", DEC, (3, 3)), risk("5", MAR, (3, 3)),
        risk("6", DEC, (4, 3), (2, 3)), risk("6", MAR, (4, 3), (2, 3)),
        risk("7", DEC, note="Risk assessment in progress"), risk("7", MAR, note="Risk assessment in progress"),
        risk("8", DEC, (2, 2)), risk("8", MAR, (5, 4)),                          # High now, was 4
    )


@pytest.mark.parametrize(("reference", "month", "trend", "previous", "runs"), [
    ("1", SEP, "new", None, 1), ("1", DEC, "unchanged", 16, 2), ("1", MAR, "unchanged", 16, 3),
    ("2", SEP, "new", None, 1), ("2", DEC, "falling", 20, 1), ("2", MAR, "unchanged", 16, 2),
    ("3", DEC, "unchanged", 12, 2), ("3", MAR, "rising", 12, 1),
    ("4", MAR, "new", None, 1),
    ("7", MAR, "not rated", None, 0),
])
def test_trend_compares_with_the_same_risks_previous_register(reference, month, trend, previous, runs):
    row = only(with_trend(three_registers(), DEFAULT_SCALE), reference=reference, period=month[0])
    assert row["trend"] == trend
    assert row["previous_rating"] == previous if previous is not None else row["previous_rating"] is None
    assert row["unchanged_registers"] == runs


def test_previous_period_names_the_previous_register():
    frame = with_trend(three_registers(), DEFAULT_SCALE)
    assert only(frame, reference="1", period="Mar 2013")["previous_period"] == "Dec 2012"
    assert only(frame, reference="4", period="Mar 2013")["previous_period"] is None


def test_same_reference_of_another_directorate_is_another_risk():
    frame = with_trend(register(risk("1", DEC, (2, 2)), risk("1", MAR, (4, 4), directorate="Adults"),
                                risk("1", MAR, (2, 2), directorate=None)), DEFAULT_SCALE)
    assert list(frame["trend"]) == ["new", "new", "new"]


@pytest.mark.parametrize(("reference", "question", "exception"), [
    ("1", "High risk, rating unchanged for three registers", True),
    ("2", "High risk, rating unchanged for two registers", True),
    ("3", "High risk, rating rising from 12 to 16", True),
    ("4", "High risk, new on the register at 20", True),
    ("5", None, False),                                   # Medium, no target: nothing to ask
    ("6", "Rating 12 is 6 above its target of 6", False),
    ("7", "No rating yet: Risk assessment in progress", False),
    ("8", "High risk, rating rising from 4 to 20", True),
])
def test_risk_table_questions_and_exceptions(reference, question, exception):
    row = only(risk_table(three_registers(), DEFAULT_SCALE), reference=reference)
    assert row["period"] == "Mar 2013"
    assert row["question"] == question
    assert bool(row["exception"]) is exception


def test_high_risk_coming_down_is_not_an_exception():
    table = risk_table(register(risk("1", SEP, (5, 5)), risk("1", DEC, (4, 4))), DEFAULT_SCALE)
    assert table.iloc[0]["trend"] == "falling"
    assert not table.iloc[0]["exception"]
    assert table.iloc[0]["question"] is None


def test_no_rating_without_a_note_says_no_scores_given():
    assert risk_table(register(risk("1", DEC)), DEFAULT_SCALE).iloc[0]["question"] == "No rating yet: no likelihood and impact given"


def test_risk_table_sorts_exceptions_then_rating_then_no_rating_last():
    table = risk_table(three_registers(), DEFAULT_SCALE)
    assert list(table["reference"]) == ["4", "8", "1", "2", "3", "6", "5", "7"]


def test_risk_dropped_from_a_later_register_goes_to_closed_risks():
    frame = register(risk("1", SEP, (4, 4)), risk("2", SEP, (3, 3)), risk("1", DEC, (4, 4)),
                     risk("9", SEP, (2, 2), directorate="Adults"))  # Adults has no later register: still open
    table = risk_table(frame, DEFAULT_SCALE)
    assert sorted(table["reference"]) == ["1", "9"]
    closed = closed_risks(frame, DEFAULT_SCALE)
    assert list(closed["reference"]) == ["2"]
    assert closed.iloc[0]["period"] == "Sep 2012"
    assert closed.iloc[0]["dropped_in"] == "Dec 2012"


def test_a_services_later_register_does_not_close_another_services_risks():
    frame = register(risk("1", SEP, (4, 4), service="Libraries"), risk("2", DEC, (3, 3), service="Museums"))
    assert sorted(risk_table(frame, DEFAULT_SCALE)["reference"]) == ["1", "2"]
    assert closed_risks(frame, DEFAULT_SCALE).empty


def test_whole_council_register_closes_its_own_risks_only():
    frame = register(risk("C1", SEP, (4, 4), directorate=None), risk("C2", DEC, (2, 2), directorate=None),
                     risk("1", SEP, (3, 3)))
    assert list(closed_risks(frame, DEFAULT_SCALE)["reference"]) == ["C1"]
    assert sorted(risk_table(frame, DEFAULT_SCALE)["reference"]) == ["1", "C2"]


def test_risks_by_band_has_all_four_keys():
    table = risk_table(three_registers(), DEFAULT_SCALE)
    assert risks_by_band(table) == {"High": 5, "Medium": 2, "Low": 0, "No rating": 1}
    assert risks_by_band(risk_table(register(risk("1", DEC, (1, 1))), DEFAULT_SCALE)) == {"High": 0, "Medium": 0, "Low": 1, "No rating": 0}


# ---------------------------------------------------------------------------- heat map

def test_heat_map_on_the_default_5x5():
    table = risk_table(three_registers(), DEFAULT_SCALE)
    grid = heat_map(table, DEFAULT_SCALE)
    assert [number for number, _ in grid.rows] == [5, 4, 3, 2, 1]
    assert grid.rows[0] == (5, "Very likely") and grid.columns[0] == (1, "Minor")
    assert [len(row) for row in grid.cells] == [5] * 5
    four_four = grid.cells[1][3]  # likelihood 4, impact 4
    assert (four_four.likelihood, four_four.impact, four_four.rating, four_four.band) == (4, 4, 16, "High")
    assert four_four.count == 3 and sorted(four_four.references) == ["1", "2", "3"]
    assert grid.cell_text(four_four) == "3 risks\nHigh ▲"
    five_four = grid.cells[0][3]
    assert five_four.count == 2 and grid.cell_text(five_four) == "2 risks\nHigh ▲"
    assert grid.cell_text(grid.cells[2][2]) == "1 risk\nMedium ◆"   # 3 x 3 = 9: risk 5
    assert grid.cell_text(grid.cells[4][0]) == "0\nLow ○"
    assert sum(cell.count for row in grid.cells for cell in row) == 7
    assert grid.unplaced == 1  # risk 7, not yet assessed


def test_heat_map_of_targets_counts_risks_without_a_target_as_unplaced():
    grid = heat_map(risk_table(three_registers(), DEFAULT_SCALE), DEFAULT_SCALE, which="target")
    assert grid.cells[3][2].count == 1 and grid.cells[3][2].references == ("6",)  # 2 x 3
    assert grid.unplaced == 7


def test_heat_map_on_a_6x4_scale():
    scale = RiskScale(likelihood=("A", "B", "C", "D", "E", "F"), impact=("I", "II", "III", "IV"), medium_from=6, high_from=13)
    table = risk_table(register(risk("1", DEC, (6, 4)), risk("2", DEC, (6, 4)), risk("3", DEC, (1, 3)), risk("4", DEC, (3, 3))), scale)
    grid = heat_map(table, scale)
    assert len(grid.cells) == 6 and all(len(row) == 4 for row in grid.cells)
    assert grid.rows == ((6, "F"), (5, "E"), (4, "D"), (3, "C"), (2, "B"), (1, "A"))
    assert grid.columns == ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    assert grid.cell_text(grid.cells[0][3]) == "2 risks\nHigh ▲"   # 6 x 4 = 24
    assert grid.cell_text(grid.cells[5][2]) == "1 risk\nLow ○"     # 1 x 3 = 3
    assert grid.cell_text(grid.cells[3][2]) == "1 risk\nMedium ◆"  # 3 x 3 = 9
    assert grid.cells[3][2].rating == 9 and grid.cells[5][0].band == "Low"
    assert grid.unplaced == 0


def test_heat_map_score_off_a_smaller_scale_is_unplaced():
    scale = RiskScale(likelihood=("Low", "High"), impact=("Low", "High"), medium_from=2, high_from=4)
    grid = heat_map(register(risk("1", DEC, (5, 5)), risk("2", DEC, (2, 2))), scale)
    assert grid.unplaced == 1 and grid.cells[0][1].count == 1


# ---------------------------------------------------------------------------- actions

AS_AT = date(2012, 9, 30)


def action(name, due=None, status="on track", as_at=AS_AT, percent=None, due_text=None, due_kind=None, directorate="Children"):
    """One plan row with repository.actions' columns."""
    row = dict.fromkeys(["directorate", "service", *ACTION_COLUMNS, "source_cell", "file_name", "loaded_at"])
    row.update(directorate=directorate, action_key=name.casefold(), action=name, period=as_at.strftime("%b %Y"), as_at=as_at,
               as_at_assumed=False, due_date=due, due_text=due_text if due_text is not None else (due.strftime("%d %b %Y") if due else "TBC"),
               due_kind=due_kind or ("date" if due else "none"), status=status,
               percent_complete=None if percent is None else Decimal(percent))
    return row


def plan(*rows):
    frame = pd.DataFrame(list(rows))
    frame["due_date"] = pd.Series([row["due_date"] for row in rows], dtype=object)
    return frame


@pytest.mark.parametrize(("as_at", "end"), [
    (date(2012, 9, 30), date(2012, 12, 31)),
    (date(2012, 8, 15), date(2012, 12, 31)),
    (date(2012, 4, 1), date(2012, 9, 30)),
    (date(2012, 12, 31), date(2013, 3, 31)),
    (date(2013, 1, 1), date(2013, 6, 30)),
    (date(2013, 3, 31), date(2013, 6, 30)),
])
def test_next_quarter_end(as_at, end):
    assert next_quarter_end(as_at) == end


@pytest.mark.parametrize(("due", "report", "overdue", "days", "soon", "computed"), [
    (date(2012, 9, 30), date(2012, 9, 30), False, None, True, "due soon"),   # due today; its quarter ends today
    (date(2012, 9, 29), date(2012, 9, 30), True, 1, False, "overdue"),       # due yesterday
    (date(2012, 9, 30), date(2012, 10, 1), True, 1, False, "overdue"),       # a quarter that ended yesterday
    (date(2012, 8, 19), date(2012, 9, 30), True, 42, False, "overdue"),
    (date(2012, 12, 31), date(2012, 9, 30), False, None, True, "due soon"),  # the last day of next quarter
    (date(2013, 1, 1), date(2012, 9, 30), False, None, False, "not yet due"),
    (None, date(2012, 9, 30), False, None, False, "no date"),
])
def test_overdue_boundaries(due, report, overdue, days, soon, computed):
    row = action_table(plan(action("Review", due)), as_at=report).iloc[0]
    assert bool(row["overdue"]) is overdue
    assert row["days_overdue"] == days if days is not None else row["days_overdue"] is None
    assert bool(row["due_next_quarter"]) is soon
    assert row["computed_status"] == computed
    assert bool(row["no_date"]) is (due is None)
    assert row["report_date"] == report


def test_report_date_is_the_plans_own_as_at_when_none_is_given():
    row = action_table(plan(action("Review", date(2012, 9, 29), as_at=date(2012, 10, 31)))).iloc[0]
    assert row["report_date"] == date(2012, 10, 31) and row["days_overdue"] == 32


@pytest.mark.parametrize("status", ["complete", "cancelled"])
def test_complete_or_cancelled_is_never_overdue_nor_no_date(status):
    table = action_table(plan(action("Past", date(2012, 1, 1), status, percent="100"), action("Undated", None, status)))
    assert not table["overdue"].any() and not table["no_date"].any() and not table["due_next_quarter"].any()
    assert list(table["computed_status"]) == [status, status]
    assert list(table["done"]) == [True, True]


@pytest.mark.parametrize(("row", "differs", "note", "question"), [
    (action("A", date(2012, 8, 19), "on track", due_text="11/12: Q4", due_kind="quarter"), True,
     "overdue by 42 days; the officer reports on track", "Overdue by 42 days (due 11/12: Q4): the officer reports on track"),
    (action("A", date(2012, 8, 19), None), True, "overdue by 42 days; no status reported",
     "Overdue by 42 days (due 19 Aug 2012): no status reported"),
    (action("A", date(2012, 9, 29), "late"), False, None, "Overdue by 1 day (due 29 Sep 2012): the officer reports late"),
    (action("A", date(2013, 3, 31), "late"), True, "the officer reports late; due 31 Mar 2013, not yet due",
     "Reported late but not due until 31 Mar 2013"),
    (action("A", date(2012, 9, 30), "late"), True, "the officer reports late; due 30 Sep 2012, due today",
     "Reported late but not due until 30 Sep 2012"),
    (action("A", None, "late"), True, "the officer reports late; no due date", "Reported late with no due date"),
    (action("A", date(2012, 1, 1), "complete", percent="80"), True, "reported complete at 80%", "Reported complete at 80%"),
    (action("A", date(2012, 1, 1), "complete", percent="100.00"), False, None, None),
    (action("A", date(2012, 1, 1), "complete"), False, None, None),
    (action("A", date(2012, 12, 1), "at risk"), False, None, "Due 01 Dec 2012 and reported at risk"),
    (action("A", date(2013, 6, 1), "on track"), False, None, None),
    (action("A", None, "on track", due_text="TBC"), False, None, "No due date (TBC)"),
])
def test_status_differs_and_questions(row, differs, note, question):
    result = action_table(plan(row)).iloc[0]
    assert bool(result["status_differs"]) is differs
    assert result["status_note"] == note
    assert result["question"] == question


def test_each_action_at_its_latest_plan_month():
    frame = plan(action("Review", date(2012, 12, 31), "on track", as_at=date(2012, 9, 30)),
                 action("Review", date(2012, 12, 31), "complete", as_at=date(2012, 12, 31), percent="100"),
                 action("Review", date(2012, 12, 31), "late", as_at=date(2012, 12, 31), directorate="Adults"))
    table = action_table(frame)
    assert len(table) == 2
    assert only(table, directorate="Children")["status"] == "complete"


def test_action_table_sort_order():
    frame = plan(action("Later", date(2013, 6, 30)), action("Undated", None), action("Two days", date(2012, 9, 28)),
                 action("Soon b", date(2012, 12, 1)), action("Ten days", date(2012, 9, 20)), action("Soon a", date(2012, 10, 1)),
                 action("Done", date(2012, 5, 1), "complete"), action("Also later", date(2013, 6, 30)))
    assert list(action_table(frame)["action"]) == ["Ten days", "Two days", "Soon a", "Soon b", "Done", "Also later", "Later", "Undated"]


def test_actions_by_status_has_every_key():
    table = action_table(plan(action("A"), action("B", status="late"), action("C", status=None), action("D", status=float("nan"))))
    assert actions_by_status(table) == {"not started": 0, "on track": 1, "at risk": 0, "late": 1, "complete": 0, "cancelled": 0,
                                        "no status": 2}


def test_overdue_summary():
    frame = plan(action("Ten days", date(2012, 9, 20)), action("One day", date(2012, 9, 29), "late"), action("Soon", date(2012, 11, 1)),
                 action("Undated", None), action("Done", date(2012, 1, 1), "complete", percent="50"))
    assert overdue_summary(action_table(frame)) == {
        "overdue": 2, "most_days_overdue": 10, "due_next_quarter": 1, "next_quarter_end": date(2012, 12, 31), "no_date": 1,
        "status_differs": 2, "report_date": date(2012, 9, 30)}


def test_empty_plan_and_register():
    assert overdue_summary(action_table(plan(action("A")).iloc[0:0]))["report_date"] is None
    assert risks_by_band(risk_table(register(risk("1", DEC)).iloc[0:0], DEFAULT_SCALE)) == {"High": 0, "Medium": 0, "Low": 0, "No rating": 0}
    assert closed_risks(register(risk("1", DEC)).iloc[0:0], DEFAULT_SCALE).empty
