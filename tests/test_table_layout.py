"""How a table is laid out for reading: which columns stay on one line, which wrap, what goes to the download."""

from decimal import Decimal

import pandas as pd

from data_layer.presentation import column_styles, screen_columns


def _styles(table):
    return {style["selector"]: style["props"] for style in column_styles(table)}


def test_short_columns_stay_on_one_line_and_sentences_wrap():
    table = pd.DataFrame({"Band": ["● Red", "▲ Amber"], "Reason": ["81% against a target of 95% (higher is better): 14.7% short", "x"],
                          "2012/13 (£)": [Decimal(1_082_900), Decimal(-104_900)], "Count": [4, 1]})
    styles = _styles(table)
    assert styles["td.col0"] == "white-space: nowrap;" and styles["td.col0 *"] == "white-space: nowrap;"  # Markdown inside too
    assert styles["td.col1"] == "min-width: 6em;" and "td.col1 *" not in styles
    assert "text-align: right" in styles["td.col2"] and "text-align: right" in styles["th.col_heading.col2"]  # money
    assert styles["td.col3"].startswith("white-space: nowrap")  # numbers


def test_a_period_every_row_shares_is_said_once_and_left_out_columns_are_named():
    table = pd.DataFrame({"Indicator": ["A", "B"], "Period": ["Aug 2012", "Aug 2012"], "Actual": ["1", "2"], "Reason": ["r", "s"]})
    shown, note = screen_columns(table, ["Indicator", "Period", "Reason"])
    assert list(shown.columns) == ["Indicator", "Reason"]
    assert note == "Period: Aug 2012 for every row. Actual is in the download."
    shown, note = screen_columns(table, ["Indicator", "Period", "Actual", "Reason"], period_said=True)
    assert list(shown.columns) == ["Indicator", "Actual", "Reason"] and note is None
    mixed = table.assign(Period=["Jul 2012", "Aug 2012"])
    assert list(screen_columns(mixed)[0].columns) == ["Indicator", "Period", "Actual", "Reason"]
