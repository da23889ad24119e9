"""The pages through AppTest after real-shaped loads: a partial draft year after the sample council's complete one, and a
KPI return whose polarities nothing states (tests/real_returns.py)."""

import pytest
import streamlit as st
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from data_layer.db import session_scope
from data_layer.loader import import_workbook
from data_layer.models import Indicator
from tests import real_returns
from tests.apptest_support import APP, tables_on, use_real_navigation
from tests.conftest import workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(monkeypatch, db_url):
    use_real_navigation(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", db_url)

    def start(page: str = "pages/overview.py", *, sample: bool = True, draft: bool = True) -> AppTest:
        monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "1" if sample else "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()  # loads the sample council
        if draft:
            with session_scope(db_url, writing=True) as session:
                assert import_workbook(session, workbook_bytes(real_returns.draft_budget_2013_14()), "draft-budget-2013-14.xlsx").stored
            at.run()
        if page != "pages/overview.py":
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict:
    return {metric.label: (metric.value, metric.delta) for metric in at.metric}


def year_box(at: AppTest):
    return next(box for box in at.selectbox if box.label == "Financial year")


def test_after_a_partial_draft_the_overview_opens_on_the_complete_year(app):
    at = app()
    assert year_box(at).value == "2012/13"
    shown = metrics(at)
    assert shown["Net budget 2012/13"] == ("£10.4m", "-£791k (-7.1%) on last year")
    assert (shown["✓ Green"][0], shown["● Red"][0]) == ("29", "9")
    assert not at.warning, [w.value for w in at.warning]  # nothing partial about 2012/13
    assert any(c.value.startswith("Sevenoaks District Council · Whole council · 2012/13 · ") for c in at.caption)


def test_the_partial_year_is_labelled_when_chosen(app):
    at = app()
    box = year_box(at)
    assert box.format_func("2013/14") == "2013/14 (partial)"
    box.set_value("2013/14")
    at = run(at)
    shown = metrics(at)
    assert shown["Net budget 2013/14 (partial)"] == ("£3,860k", "-£76k (-1.9%) like for like on last year")
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("The 2013/14 budget is partial: it covers 5 of the 21 services budgeted in 2012/13 (Finance & HR 3 of 5")
    assert "changes on 2012/13 compare like with like" in warning
    info = " ".join(i.value for i in at.info)
    assert "There are no performance figures for 2013/14 yet: 45 indicators are loaded for 2012/13 (latest Aug 2012)." in info
    at.button(key="show-year-2012/13").click()
    at = run(at)
    assert year_box(at).value == "2012/13" and metrics(at)["● Red"][0] == "9"


def test_performance_in_the_partial_year_says_where_the_indicators_are(app):
    at = app("pages/performance.py")
    year_box(at).set_value("2013/14")
    at = run(at)
    assert "45 indicators are loaded for 2012/13 (latest Aug 2012)" in at.info[0].value
    assert "No performance indicators are loaded" not in " ".join(i.value for i in at.info)
    assert at.button(key="show-year-2012/13")


def test_the_budget_page_compares_the_partial_year_like_with_like(app):
    at = app("pages/budget.py")
    year_box(at).set_value("2013/14")
    at = run(at)
    assert at.warning[0].value.startswith("The 2013/14 budget is partial")
    table = tables_on(at)[0].set_index("Directorate")
    assert table.loc["Environmental & Operational Services", "What the change means"] == (
        "no 2013/14 budget loaded for any of its services (the 2013/14 budget is partial)")
    assert table.loc["Finance & HR", "What the change means"].startswith("like for like on the 3 services budgeted in both years")


def test_the_import_preview_says_the_year_is_partial(app, db_url):
    at = app("pages/import_returns.py", draft=False)
    at.file_uploader(key="returns").set_value([("draft.xlsx", workbook_bytes(real_returns.draft_budget_2013_14()), XLSX)])
    at = run(at)
    partial = [w.value for w in at.warning if w.value.startswith("**Partial year.**")]
    assert partial == ["**Partial year.** draft.xlsx: the 2013/14 budget covers 5 of the 21 services budgeted in 2012/13 (Finance & HR 3 "
                       "of 5, Legal & Democratic Services 2 of 5; none of Environmental & Operational Services, Housing & Communications, "
                       "IT & Facilities Management). Until the rest is loaded, 2013/14 is labelled partial, its totals and changes compare "
                       "like with like, and pages open on the latest complete year."]


def test_assumed_polarities_are_listed_and_a_flip_is_stored(app, db_url):
    at = app("pages/import_returns.py", sample=False, draft=False)
    at.file_uploader(key="returns").set_value([("scorecard.xlsx", workbook_bytes(real_returns.south_cambs_scorecard()), XLSX)])
    at = run(at)
    assumed = next(frame for frame in tables_on(at) if "Judged as" in frame)
    rows = assumed.set_index("Indicator")
    assert rows.loc["NI014a - SCDC- Unnecessary clarification category - South Cambs", "Judged as"] == "lower is better"
    assert rows.loc["NI014a - SCDC- Unnecessary clarification category - South Cambs", "Why"] == 'assumed from the name ("unnecessary")'
    assert rows.loc["SX001 - % election turnout in May", "Why"] == "assumed: nothing in the return states it, so higher is better"
    flip = at.multiselect(key="flip_polarity")
    survey = next(option for option in flip.options if option.startswith("Partnerships: ACTION 09"))
    flip.set_value([survey])
    at = run(at)
    at.button(key="confirm").click()
    at = run(at)
    assert "with 10 polarities confirmed" in at.success[0].value
    with session_scope(db_url) as session:
        settings = {i.name: i.polarity for i in session.exec(select(Indicator))}
    assert settings["ACTION 09 - Fear of Crime 09/10 Survey"] == "higher"
    assert settings["NI017 - Perceptions of anti-social behaviour"] == "lower"
