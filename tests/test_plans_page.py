"""The Risks & actions page through AppTest on the sample council (its illustrative register of May and August 2012 and
the Housing Strategy Action Plan as at August 2012), the Service plan summary's risks and actions, and the pure pieces
they draw: the heat map and the words."""

import json
import re
from datetime import date

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_layer import accounts, plans_charts, plans_tables
from data_layer.db import session_scope
from data_layer.risk_metrics import closed_risks, heat_map, risk_table
from data_layer.risk_scale import RiskScale
from tests.apptest_support import APP, loaded, run, tables_on, use_real_navigation

HC = "Housing & Communications"
BUDGET = {"Budget": [["Council: Testshire DC"], ["Directorate", "Service", "2012/13"], ["Finance & HR", "Finance", 2_834]]}


@pytest.fixture
def app(monkeypatch, db_url):
    use_real_navigation(monkeypatch)

    def start(page: str = "pages/risks.py", *returns: dict, sample: bool = True, sign_in: bool = False) -> AppTest:
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "1" if sample else "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        for number, sheets in enumerate(returns, start=1):
            loaded(db_url, sheets, f"return-{number}.xlsx")
        at = AppTest.from_file(APP, default_timeout=60)
        run(at)
        at.switch_page(page)
        return run(at)

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def metrics(at: AppTest) -> dict:
    return {metric.label: metric for metric in at.metric}


def heat_cells(at: AppTest) -> dict[tuple[str, str], str]:
    """The heat map's cells as shown: (likelihood word, impact word) -> the cell's words, markup removed."""
    [trace] = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]

    def word(label: str) -> str:  # 'Very likely<br>(5)' -> 'Very likely'
        return label.split("<br>")[0]

    return {(word(y), word(x)): re.sub(r"</?b>", "", trace["text"][r][c]).replace("<br>", "\n")
            for r, y in enumerate(trace["y"]) for c, x in enumerate(trace["x"])}


def refs(table: pd.DataFrame, column: str) -> list[str]:
    """The references leading each row's words: 'SR7 Government funding ...' -> 'SR7'."""
    return [words.split(" ", 1)[0] for words in table[column]]


def captions(at: AppTest) -> str:
    return "\n".join(caption.value for caption in at.caption)


# ------------------------------------------------------------------------------- the page on the sample council

def test_the_headline_counts_each_band_with_its_word_and_shape_and_the_actions(app):
    shown = metrics(app())
    assert {label: shown[label].value for label in ("▲ High", "◆ Medium", "○ Low", "No rating")} == \
        {"▲ High": "3", "◆ Medium": "4", "○ Low": "1", "No rating": "1"}  # SR1, SR3, SR7 High; SR9 not yet assessed
    assert (shown["Actions overdue"].value, shown["Actions overdue"].delta) == ("3", "most 153 days")
    due = shown["Due by the end of next quarter"]
    assert (due.value, due.delta) == ("5", "by 31 Dec 2012")
    assert shown["Officer's status disagrees with the dates"].value == "1"


def test_the_register_month_and_the_plans_date_are_said(app):
    assert "Risk register as at Aug 2012 (the one before: May 2012) · Action plan as at 31 Aug 2012" in captions(app())


def test_questions_put_the_high_risks_not_falling_first_then_the_overdue_actions_with_owners(app):
    lines = app().warning[0].value.split("\n")
    assert lines[0] == "**Questions members may ask**"
    assert lines[2].startswith("- SR7 Government funding falls further") and "High risk, rating unchanged for two registers" in lines[2]
    assert lines[3].startswith("- SR1 Homelessness demand") and "(Private & Social Housing)" in lines[3]
    assert "SR3" in lines[4] and "High risk, rating rising from 9 to 16" in lines[4]
    overdue = [line for line in lines if "Overdue by 153 days" in line]
    assert len(overdue) == 3 and all("(HPM)" in line for line in overdue)
    assert any("1\\.2" in line and "the officer reports on track" in line for line in overdue)
    assert "SR9" in lines[-1] and "Risk assessment in progress" in lines[-1]


def test_the_heat_map_shows_each_cells_count_and_band_in_words_and_shapes(app):
    at = app()
    cells = heat_cells(at)
    assert len(cells) == 25
    assert cells[("Likely", "Serious")] == "2 risks\nHigh ▲"  # SR1 and SR3, 4 x 4
    assert cells[("Very likely", "Serious")] == "1 risk\nHigh ▲"  # SR7, 5 x 4
    assert cells[("Very unlikely", "Minor")] == "0\nLow ○"
    [trace] = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert trace["y"][-1] == "Very likely<br>(5)" and trace["x"][0] == "Minor<br>(1)"  # highest likelihood at the top
    assert "SR1 Homelessness demand" in trace["hovertext"][3][3] and "SR3" in trace["hovertext"][3][3]
    assert "1 risk is not on the map: SR9 has no current rating" in captions(at)


def test_switching_to_target_redraws_the_grid_with_the_target_ratings(app):
    at = app()
    at.radio(key="risks_heat_map").set_value("Target")
    cells = heat_cells(run(at))
    assert cells[("Likely", "Serious")] == "0\nHigh ▲" and cells[("Very likely", "Serious")] == "0\nHigh ▲"
    assert cells[("Likely", "Significant")] == "1 risk\nMedium ◆"  # SR7's target, 4 x 3
    assert cells[("Unlikely", "Significant")] == "2 risks\nLow ○"  # SR1 and SR8, 2 x 3
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Target ratings")
    assert "SR9 has no target rating" in captions(at)


def test_the_register_lists_the_exceptions_first_with_ratings_and_direction_of_travel(app):
    register = tables_on(app())[0]
    assert refs(register, "Risk") == ["SR7", "SR1", "SR3", "SR8", "SR5", "SR2", "SR4", "SR6", "SR9"]
    assert register.iloc[0]["Risk"] == "SR7 Government funding falls further than the medium term financial plan assumes"
    rows = register.assign(Ref=refs(register, "Risk")).set_index("Ref")
    assert (rows.loc["SR7", "Current"], rows.loc["SR7", "Target (gap)"]) == ("5 x 4 = 20 ▲ High", "4 x 3 = 12 ◆ Medium (gap 8)")
    assert rows.loc["SR7", "Whose (owner)"] == "Finance & HR (Chief Finance Officer)"  # a directorate's own risk
    assert rows.loc["SR1", "Whose (owner)"] == "Private & Social Housing (Head of Housing & Communications)"
    assert rows.loc["SR1", "Since last register"] == "= unchanged for 2 registers"
    assert rows.loc["SR3", "Since last register"] == "▲ rising from 9"
    assert rows.loc["SR2", "Since last register"] == "▼ falling from 12"
    assert rows.loc["SR6", "Since last register"] == "▼ falling from 8"
    assert rows.loc["SR8", "Since last register"] == "new"
    assert (rows.loc["SR9", "Current"], rows.loc["SR9", "Since last register"]) == ("Risk assessment in progress", "no rating")
    assert rows.loc["SR9", "Target (gap)"] == "none given"


def test_overdue_actions_keep_the_officers_status_beside_the_days_overdue(app):
    at = app()
    overdue = tables_on(at)[1]
    assert refs(overdue, "Action") == ["11.1", "1.2", "8.1"]
    row = overdue.set_index("Action").loc["1.2 Review tenure split in response to affordable rent tenure"]
    assert (row["Due"], row["Days overdue"], row["Officer's status"]) == ("11/12: Q4 (31 Mar 2012)", 153, "on track, 75%")
    assert row["Note"].startswith("Status and dates disagree: overdue by 153 days; the officer reports on track.")
    due_soon = tables_on(at)[2]
    assert len(due_soon) == 5 and due_soon.iloc[0]["Due"] == "12/13: Q2 (30 Sep 2012)"
    every = tables_on(at)[3].assign(Ref=lambda table: refs(table, "Action")).set_index("Ref")
    assert len(every) == 14 and list(every.index)[-1] == "13.1"
    assert every.loc["1.2", "Status"] == "overdue by 153 days; officer: on track, 75%"  # the dates' status beside the officer's
    assert (every.loc["13.1", "Status"], every.loc["1.1", "Status"]) == ("no date; officer: on track", "complete, 100%")


def test_the_directorate_filter_shows_its_own_risks_and_actions(app):
    at = app()
    next(box for box in at.selectbox if box.label == "Head of service / directorate").set_value("Finance & HR")
    run(at)
    assert refs(tables_on(at)[0], "Risk") == ["SR7", "SR2", "SR6"]
    assert {label: metrics(at)[label].value for label in ("▲ High", "◆ Medium", "○ Low")} == {"▲ High": "1", "◆ Medium": "1", "○ Low": "1"}
    assert any("No action plan is loaded for Finance & HR, 2012/13" in info.value for info in at.info)


def test_with_no_register_or_plan_the_page_says_what_to_load_and_where_the_templates_are(app):
    at = app("pages/risks.py", BUDGET, sample=False)
    words = [info.value for info in at.info]
    assert words[0].startswith("No risk register is loaded for Whole council, 2012/13.") and "Risk register template" in words[0]
    assert words[1].startswith("No action plan is loaded for Whole council, 2012/13.") and "Actions template" in words[1]
    assert "Import returns" in at.page_link[0].label
    assert not at.metric and not tables_on(at)


def test_a_viewer_can_open_the_page(monkeypatch, db_url):
    assert "risks" in accounts.READ_PAGES
    with session_scope(db_url, writing=True) as session:
        accounts.add_account(session, "vic", "viewer", "correct horse battery")
    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SIGHTLINE_SIGN_IN", "on")
    monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "1")
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=90)
        run(at)
        at.text_input(key="sign_in_name").input("vic")
        at.text_input(key="sign_in_password").input("correct horse battery")
        at.button[0].click()
        run(at)
        at.switch_page("pages/risks.py")
        run(at)
        assert [title.value for title in at.title] == ["Risks & actions"]
        assert not at.error and metrics(at)["▲ High"].value == "3"
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_the_service_plan_summary_shows_the_head_of_services_risks_and_late_actions(app):
    at = app("pages/service_plan.py")
    next(box for box in at.selectbox if box.label == "Head of service").set_value(HC)
    run(at)
    headings = [subheader.value for subheader in at.subheader]
    assert headings[-2:] == ["4. Risk register, exceptions first", "5. Actions overdue and due soon"]
    risks, actions = tables_on(at)[-2:]
    assert refs(risks, "Risk") == ["SR1"] and risks.iloc[0]["Current"] == "4 x 4 = 16 ▲ High"
    assert risks.iloc[0]["Question"] == "High risk, rating unchanged for two registers"
    overdue = actions[actions["Worked out"].str.startswith("overdue")]
    assert refs(overdue, "Action") == ["11.1", "1.2", "8.1"] and set(overdue["Owner"]) == {"HPM"}
    assert (actions["Worked out"] == "due soon").sum() == 5
    assert "Risks & actions page" in at.page_link[-1].label


def test_the_page_leaves_the_shared_cached_register_and_plan_as_they_were(app, db_url):
    """The figures are cached as shared objects: working out the register and plan must not change them in place."""
    from data_layer import streamlit_glue as glue
    from data_layer.db import data_version
    from data_layer.views import Filters, build_view, read_council_data

    at = app()
    at.radio(key="risks_heat_map").set_value("Target")
    run(at)
    with session_scope(db_url) as session:
        fresh = build_view(read_council_data(session=session), Filters())
    cached = glue._view(db_url, data_version(db_url), "2012/13", None, None)
    for name in ("risk_register", "actions"):
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name), obj=name)


# ------------------------------------------------------------------------------- the pure pieces

DEC = ("Dec 2012", date(2012, 12, 31))


def _register(scale_rows: list[tuple]) -> pd.DataFrame:
    """Register rows (ref, current likelihood, impact, target likelihood, impact[, (month, its last day)]), Dec 2012 unless given."""
    rows = [{"directorate": "Corporate", "service": None, "reference": ref, "reference_key": ref.casefold(), "title": f"Risk {ref}",
             "period": (month or DEC)[0], "period_end": (month or DEC)[1], "owner": "Chief Executive", "assessment_note": None,
             "consequence": None, "controls": None, "current_likelihood": cl, "current_impact": ci, "target_likelihood": tl,
             "target_impact": ti} for ref, cl, ci, tl, ti, month in (row if len(row) == 6 else (*row, None) for row in scale_rows)]
    frame = pd.DataFrame(rows)
    for column in ("current_likelihood", "current_impact", "target_likelihood", "target_impact"):
        frame[column] = pd.Series([row[column] for row in rows], dtype=object)
    return frame


def _scored(*rows: tuple) -> pd.DataFrame:
    return risk_table(_register(list(rows)), RiskScale())


def test_the_heat_map_draws_any_scale_with_the_highest_likelihood_at_the_top():
    melton = RiskScale(("Almost impossible", "Very low", "Low", "Significant", "High", "Very high"),
                       ("Negligible", "Marginal", "Critical", "Catastrophic"), medium_from=6, high_from=12)
    table = risk_table(_register([("M1", 6, 4, 3, 2), ("M2", 2, 2, 1, 1)]), melton)
    figure = plans_charts.heat_map_chart(heat_map(table, melton), "Current ratings")
    trace = figure.data[0]
    assert list(trace.y) == [f"{word}<br>({number})" for number, word in enumerate(melton.likelihood, start=1)]
    assert list(trace.x)[-1] == "Catastrophic<br>(4)"
    assert trace.text[5][3] == "<b>1 risk</b><br>High ▲" and trace.text[0][0] == "0<br>Low ○"
    assert figure.layout.yaxis.title.text == "Likelihood" and figure.layout.xaxis.title.text == "Impact"


def test_the_band_tints_get_darker_from_low_to_high_so_they_tell_apart_in_grey():
    def grey(colour: str) -> float:  # the luminance a greyscale print gives
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * red + 0.587 * green + 0.114 * blue

    low, medium, high = (grey(plans_charts.BAND_TINTS[band]) for band in ("Low", "Medium", "High"))
    assert low - medium > 20 and medium - high > 20
    assert high > 128  # black words stay readable on the darkest


def test_the_registers_download_keeps_whose_owner_target_and_gap_apart():
    figures = plans_tables.PlansFigures("Whole council", risks=_scored(("R1", 4, 4, 2, 3)))
    row = plans_tables.register_table(figures).iloc[0]
    assert (row["Whose"], row["Owner"], row["Target"], row["Gap"]) == ("Corporate", "Chief Executive", "2 x 3 = 6 ○ Low", "10")
    assert (row["Current rating"], row["Target rating"]) == (16, 6)


def test_a_plan_with_no_date_of_its_own_says_its_date_is_assumed():
    actions = pd.DataFrame({"as_at": [date(2026, 12, 4)], "as_at_assumed": [True]})
    words = plans_tables.plan_words(plans_tables.PlansFigures("Whole council", actions=actions))
    assert words == "Action plan as at 04 Dec 2026 (assumed: the plan gives no date, so the day it was loaded is taken)"


def test_a_risk_a_later_register_drops_is_listed_as_closed_with_its_last_rating():
    sep = ("Sep 2012", date(2012, 9, 30))
    register = _register([("R1", 3, 3, 2, 2, sep), ("R2", 4, 4, 2, 2, sep), ("R1", 3, 3, 2, 2)])
    figures = plans_tables.PlansFigures("Whole council", risks=_scored(("R1", 3, 3, 2, 2)), closed=closed_risks(register, RiskScale()))
    [row] = plans_tables.closed_table(figures).to_dict("records")
    assert row == {"Risk": "R2 Risk R2", "Whose": "Corporate", "Owner": "Chief Executive", "Last rating": "4 x 4 = 16 ▲ High",
                   "Last listed": "Sep 2012", "Not listed from": "Dec 2012"}
