"""Every page through AppTest on the sample council (and on an empty database), each test on its own database."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.apptest_support import APP, PAGES, tables_on, use_real_navigation


@pytest.fixture
def app(monkeypatch, db_url):
    use_real_navigation(monkeypatch)

    def start(page: str = "pages/overview.py", *, load_sample: bool = True) -> AppTest:
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "1" if load_sample else "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def table(at: AppTest, index: int = 0):
    return tables_on(at)[index]


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [h.value for h in at.header] + [i.value for i in at.info] + [t.value for t in at.title]
    for frame in tables_on(at):
        parts.append(frame.to_string())
    return "\n".join(parts)


def choose(at: AppTest, label: str, value: str) -> AppTest:
    next(box for box in at.selectbox if box.label == label).set_value(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample_with_scope_and_freshness(app, page):
    at = app(page)
    text = all_text(at)
    assert "Sevenoaks District Council · Whole council · 2012/13 · latest load " in text
    assert "· 6 returns" in text  # one short line, however many loads there have been
    behind = next(e for e in at.expander if e.label == "The 6 returns behind these figures")
    assert "04\\-kpis\\-aug\\-2012\\.xlsx, loaded" in behind.markdown[0].value  # escaped: shown exactly as named
    assert "other figures and statuses illustrative" in text  # the sample council says so on every page


@pytest.mark.parametrize("page", PAGES)
def test_every_page_on_an_empty_database_shows_guidance(app, page):
    at = app(page, load_sample=False)
    assert "No returns are loaded yet" in at.info[0].value
    assert "python -m data_layer import" in at.info[0].value


def test_overview_headline_figures(app):
    at = app()
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Net budget 2012/13"] == "£10.4m"  # the one money style; the exact figure in the help
    assert metrics["Savings planned 2012/13"] == "£298k"
    assert next(m for m in at.metric if m.label == "Net budget 2012/13").help.startswith("Exactly £10,367,000; ")
    assert (metrics["✓ Green"], metrics["▲ Amber"], metrics["● Red"], metrics["○ No data"]) == ("29", "5", "9", "2")
    red = next(metric for metric in at.metric if metric.label == "● Red")
    assert red.delta == "+2 since Jul 2012"


def test_overview_exceptions_first_with_reasons(app):
    exceptions = table(app())
    assert list(exceptions["Band"].unique()) == ["● Red", "▲ Amber"]
    land = exceptions[exceptions["Indicator"].str.startswith("Land charges")].iloc[0]
    assert "Officer override to Amber" in land["Reason"]


def test_budget_page_shows_the_papers_figures_by_service(app):
    at = app("pages/budget.py")
    next(radio for radio in at.radio if radio.label == "Show").set_value("By service")
    at.run()
    budget = table(at).set_index("Service")
    assert budget.loc["Direct Services", "2012/13"] == "£3,662k"
    assert budget.loc["Parking & Amenity", "2012/13"] == "-£1,711k"
    assert budget.loc["Parking & Amenity", "What the change means"] == "net income up £87k (5.4%) since 2011/12: favourable"


def test_budget_page_follows_the_directorate_filter(app):
    at = choose(app("pages/budget.py"), "Head of service / directorate", "Finance & HR")
    budget = table(at)
    assert set(budget["Service"]) == {"Audit, Risk & Anti Fraud", "Finance", "Housing Benefits", "Human Resources", "Revenues"}
    assert "Finance & HR · 2012/13" in all_text(at)


def test_budget_page_follows_the_year_filter(app):
    at = choose(app("pages/budget.py"), "Financial year", "2011/12")
    assert "2012/13" not in table(at).columns
    assert "Year-on-year change, 2011/12" in all_text(at)


def test_savings_page_totals_match_the_papers_total_rows(app):
    at = app("pages/savings.py")
    tables = {frame["Service"].iloc[0]: frame for frame in tables_on(at) if "Service" in frame}
    environmental = tables["Building Control"].set_index("Service")
    assert [environmental.loc["TOTAL", p] for p in ["2008/09-2009/10", "2011/12", "2012/13", "2013/14", "2014/15"]] == \
        ["£1,137k", "£1,096k", "£44k", "£14k", "£50k"]
    assert "Every TOTAL row agrees with the rows it covers." in all_text(at)


def test_performance_scorecard_reproduces_part_3b(app):
    at = app("pages/performance.py")
    scorecard = table(at, 0).set_index("Service")
    assert tuple(scorecard.loc["Direct Services", ["✓ Green", "▲ Amber", "● Red"]]) == (4, 1, 4)
    assert scorecard.loc["Direct Services", "Overall"] == "● Red"
    assert tuple(scorecard.loc["Housing Benefits", ["✓ Green", "▲ Amber", "● Red"]]) == (0, 1, 1)
    indicators = table(at, 1)
    assert indicators["Band"].iloc[0] == "● Red"
    override = indicators[indicators["Band"].str.contains("override")].iloc[0]
    assert override["Band"] == "▲ Amber (officer override; computed ● Red)"
    assert "Officer override to Amber: Not a true Red" in override["Reason"]


def test_performance_puts_the_worst_first(app):
    at = app("pages/performance.py")
    scorecard = table(at, 0)
    reds = list(scorecard["● Red"])
    assert reds == sorted(reds, reverse=True) and scorecard.iloc[0]["Service"] == "Direct Services"  # 4 Red, the most
    counted = scorecard[["✓ Green", "▲ Amber", "● Red", "○ No data"]].sum(axis=1)
    assert (counted > 0).all(), "no all-zero rows: services with no indicators are listed apart"
    assert "Directorate" not in scorecard.columns  # on screen; it is in the download
    empty = next(e for e in at.expander if e.label.startswith("No indicators this period"))
    assert "Community Planning & Safety" in empty.markdown[0].value
    chooser = at.selectbox(key="indicator")
    assert chooser.value.startswith("Direct Services: "), chooser.value  # the worst exception: Red, and worsening
    indicators = table(at, 1).set_index("Indicator")
    first = chooser.value.split(": ", 1)[1]
    shown = next(name for name in indicators.index if name.endswith(first))
    assert indicators.loc[shown, "Band"] == "● Red" and indicators.loc[shown, "Direction of travel"].startswith("↓ worsening")
    assert {"Actual", "Target", "Period"}.isdisjoint(indicators.columns)  # in each reason, the caption and the download


def test_performance_follows_the_period_filter(app):
    at = choose(app("pages/performance.py"), "Performance as at", "Jul 2012")
    indicators = table(at, 1)
    assert len(indicators) == 45
    # the period said once above the table, not in each row
    assert "Period: Jul 2012 for every row. Actual and Target are in the download." in [c.value for c in at.caption]


def test_performance_indicator_history(app):
    at = app("pages/performance.py")
    choose(at, "Indicator", "Housing Benefits: Average days to process new benefit claims")
    history = tables_on(at)[-1]
    assert list(history["Period"]) == ["Aug 2012", "Jul 2012"]
    assert list(history["Direction of travel"]) == ["↓ worsening", "– none"]


def test_service_plan_summary_for_a_head_of_service(app):
    at = app("pages/service_plan.py")
    choose(at, "Head of service", "Housing & Communications")
    text = all_text(at)
    assert "Housing & Communications Service Plan Summary 2012/13" in text
    assert "Enable the development of affordable housing" in text
    assert "Expenditure on Bed and Breakfast accommodation is at risk" in text
    budget = tables_on(at)[0].set_index("Service")
    assert budget.loc["Private & Social Housing", "2012/13"] == "£699k"


def test_service_plan_defaults_to_a_head_of_service_with_figures(app):
    at = app("pages/service_plan.py")
    assert next(box for box in at.selectbox if box.label == "Head of service").value == "Environmental & Operational Services"


def test_briefing_page_generates_a_pack_to_download(app):
    at = app("pages/briefing.py")
    at.radio(key="briefing_kind").set_value("A select committee")
    at.run()
    at.selectbox(key="briefing_committee").set_value("Environment Select Committee")
    at.button(key="generate").click()
    at.run()
    assert not at.exception
    downloads = [button.label for button in at.get("download_button")]
    assert "Download sightline-briefing-environment-select-committee-2012-13.html" in downloads  # the scope and period, not the day


def _same(cached, fresh) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    import pandas as pd

    for field in dataclasses.fields(fresh):
        if not field.compare:
            continue  # a cache of figures per scope (CouncilData._by_scope), checked through the views below
        mine, theirs = getattr(cached, field.name), getattr(fresh, field.name)
        if isinstance(theirs, pd.DataFrame):
            pd.testing.assert_frame_equal(mine, theirs, check_like=False, obj=field.name)
        else:
            assert mine == theirs, field.name


def test_a_tour_of_every_page_leaves_the_shared_cached_figures_as_they_were(app, db_url):
    """The figures are cached as shared objects (never copied per run): no page may change them in place."""
    from data_layer import streamlit_glue as glue
    from data_layer.db import data_version, session_scope
    from data_layer.views import Filters, build_view, read_council_data

    at = app()
    for directorate in (None, "Environmental & Operational Services"):
        if directorate:
            choose(at, "Head of service / directorate", directorate)
        for page in [*PAGES, "pages/briefing.py"]:
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])
    at.switch_page("pages/briefing.py").run()
    at.button(key="generate").click().run()
    assert not at.exception
    version = data_version(db_url)
    with session_scope(db_url) as session:
        fresh = read_council_data(session=session)
    cached = glue._council_data(db_url, version)
    assert cached is glue._council_data(db_url, version)  # shared, not a copy
    _same(cached, fresh)
    for directorate in (None, "Environmental & Operational Services"):
        view = glue._view(db_url, version, "2012/13", None, directorate)
        _same(view, build_view(fresh, Filters("2012/13", None, directorate)))
        for year in fresh.financial_years:  # views made now from what the tour left shared, figures per scope included
            _same(build_view(cached, Filters(year, None, directorate)), build_view(fresh, Filters(year, None, directorate)))
