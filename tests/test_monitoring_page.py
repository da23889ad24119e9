"""The Monitoring page through AppTest on a council of the tests' own (real .xlsx returns loaded as an officer would), and
the pure pieces it draws: its tables and its charts."""

import json
from decimal import Decimal

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_layer import monitoring_charts, monitoring_tables
from data_layer.monitoring_view import MonitoringFigures
from tests.apptest_support import APP, loaded, run, tables_on, use_real_navigation

COUNCIL = ["Council: Testshire DC"]
HEADER = ["Directorate", "Service", "Period", "Budget", "Forecast outturn", "Management action", "Commentary"]
FIN, ENV = "Finance & HR", "Environment"
# £000: the whole council's forecast variance is +£70k in June, +£156k in July, +£220k in August (Red by amount).
MONTHS = {
    "Jun 2012": {"Finance": 2_854, "Revenues": 1_000, "Waste": 3_050, "Parking": -1_700},
    "Jul 2012": {"Finance": 2_900, "Revenues": 990, "Waste": 3_150, "Parking": -1_750},
    "Aug 2012": {"Finance": 2_877, "Revenues": 995, "Waste": 3_242, "Parking": -1_760},
}
BUDGETS = {"Finance": 2_834, "Revenues": 1_000, "Waste": 3_000, "Parking": -1_700}
DIRECTORATES = {"Finance": FIN, "Revenues": FIN, "Waste": ENV, "Parking": ENV}
WASTE_ACTION = "Rounds re-routed from October to cut mileage"
WASTE_WHY = "Disposal costs above budget: landfill tax up"


def monitoring_return() -> dict:
    rows = [COUNCIL, ["Revenue monitoring 2012/13 (£000)"], HEADER]
    for month, forecasts in MONTHS.items():
        for service, forecast in forecasts.items():
            late = service == "Waste" and month != "Jun 2012"
            rows.append([DIRECTORATES[service], service, month, BUDGETS[service], forecast,
                         WASTE_ACTION if late else None, WASTE_WHY if late else None])
    capital = [COUNCIL, ["Capital programme 2012/13 (£000)"],
               ["Scheme", "Directorate", "Period", "Budget this year", "Spend to date", "Forecast this year", "Slippage", "RAG", "Reason"],
               ["Finance system replacement", FIN, "Aug 2012", 300, 150, 250, 50, None, None],
               ["Depot roof", ENV, "Aug 2012", 500, 120, 560, None, "Red", "Asbestos found under the old roof"]]
    return {"Monitoring": rows, "Capital": capital}


def budget_return(year: str) -> dict:
    return {"Budget": [COUNCIL, ["Directorate", "Service", year],
                       *[[DIRECTORATES[service], service, budget] for service, budget in BUDGETS.items()]]}


@pytest.fixture
def app(monkeypatch, db_url):
    use_real_navigation(monkeypatch)

    def start(*returns: dict) -> AppTest:
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("SIGHTLINE_LOAD_SAMPLE", "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        for number, sheets in enumerate(returns, start=1):
            loaded(db_url, sheets, f"return-{number}.xlsx")
        at = AppTest.from_file(APP, default_timeout=60)
        run(at)
        at.switch_page("pages/monitoring.py")
        return run(at)

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def metrics(at: AppTest) -> dict:
    return {metric.label: metric for metric in at.metric}


def choose(at: AppTest, label: str, value: str) -> AppTest:
    next(box for box in at.selectbox if box.label == label).set_value(value)
    return run(at)


def test_the_headline_shows_the_forecast_outturn_variance_and_band_at_the_latest_month(app):
    shown = metrics(app(monitoring_return()))
    assert shown["Forecast outturn, Aug 2012"].value == "£5,354k"
    assert shown["Forecast outturn, Aug 2012"].help == "Exactly £5,354,000 against a budget of £5,134,000."
    assert shown["Forecast outturn, Aug 2012"].delta == "budget £5,134k"
    variance = shown["Forecast variance, change since Jul 2012"]
    assert (variance.value, variance.delta) == ("+£220k", "worse by £64k")
    assert variance.help == "Exactly £220,000: overspend £220k (4.3%): adverse, over 4 services."
    assert (shown["Band"].value, shown["Band"].delta) == ("● Red", "4.3% adverse")
    assert "more than £100,000" in shown["Band"].help


def test_the_question_members_may_ask_is_a_callout(app):
    at = app(monitoring_return())
    assert "Forecast overspend for Whole council has grown 2 months running (£70k to £220k)" in at.warning[0].value


def test_choosing_an_earlier_month_shows_its_figures_and_movement(app):
    at = choose(app(monitoring_return()), "Monitoring as at", "Jul 2012")
    shown = metrics(at)
    assert shown["Forecast outturn, Jul 2012"].value == "£5,290k"
    variance = shown["Forecast variance, change since Jun 2012"]
    assert (variance.value, variance.delta) == ("+£156k", "worse by £86k")
    assert "Every service, Jul 2012" in [s.value for s in at.subheader]


def test_the_months_are_offered_latest_first(app):
    box = next(box for box in app(monitoring_return()).selectbox if box.label == "Monitoring as at")
    assert (box.options, box.value) == (["Aug 2012", "Jul 2012", "Jun 2012"], "Aug 2012")


def test_the_directorate_filter_shows_that_directorates_figures_and_services(app):
    at = choose(app(monitoring_return()), "Head of service / directorate", FIN)
    shown = metrics(at)
    assert shown["Forecast outturn, Aug 2012"].value == "£3,872k"
    variance = shown["Forecast variance, change since Jul 2012"]
    assert (variance.value, variance.delta, shown["Band"].value) == ("+£38k", "better by £18k", "▲ Amber")
    services = tables_on(at)[1]
    assert set(services["Service"]) == {"Finance", "Revenues"}
    assert not [radio for radio in at.radio if radio.label == "Show"]  # one directorate: no by-directorate view


def test_the_whole_council_path_can_be_shown_by_directorate(app):
    at = app(monitoring_return())
    next(radio for radio in at.radio if radio.label == "Show").set_value("By directorate")
    path = json.loads(run(at).get("plotly_chart")[0].proto.spec)
    assert {trace["name"] for trace in path["data"]} >= {FIN, ENV}
    assert path["layout"]["title"]["text"] == "Forecast variance month by month, by directorate, to Aug 2012"


def test_exceptions_come_first_red_before_amber_with_their_commentary_and_action(app):
    at = app(monitoring_return())
    exceptions = tables_on(at)[0]  # the first table on the page
    assert list(exceptions["Service"]) == ["Waste", "Finance"]
    assert list(exceptions["Band"]) == ["● Red", "▲ Amber"]
    waste = exceptions.iloc[0]
    assert waste["What it means"] == "overspend £242k (8.1%): adverse"  # the variance in words (exact in the download)
    assert waste["Movement since Jul 2012"] == "worse by £92k"
    assert waste["Why, and what is being done"] == f"{WASTE_WHY} Action: {WASTE_ACTION}"
    assert any("more than £100,000" in caption.value and "Settings page" in caption.value for caption in at.caption)


def test_every_service_is_listed_worst_first_with_its_money(app):
    services = tables_on(app(monitoring_return()))[1].set_index("Service")
    assert list(services.index) == ["Waste", "Finance", "Revenues", "Parking"]
    assert (services.loc["Parking", "Budget"], services.loc["Parking", "Forecast outturn"]) == ("-£1,700k", "-£1,760k")
    assert services.loc["Parking", "What it means"] == "income £60k more than budgeted (3.5%): favourable"


def test_the_capital_programme_shows_its_totals_and_schemes_worst_first(app):
    at = app(monitoring_return())
    shown = metrics(at)
    assert (shown["Capital budget this year"].value, shown["Spent to date"].value) == ("£800k", "£270k")
    assert shown["Spent to date"].delta == "34% of budget"
    assert (shown["Forecast this year"].value, shown["Forecast this year"].delta) == ("£810k", "£10k over")
    assert (shown["Slippage into later years"].value, shown["Slippage into later years"].delta) == ("£50k", "1 scheme")
    schemes = tables_on(at)[2]
    assert list(schemes["Scheme"]) == ["Depot roof", "Finance system replacement"]
    assert list(schemes["Band"]) == ["● Red (officer)", "✓ Green (worked out)"]


def test_a_capital_return_alone_shows_the_programme_without_a_revenue_month(app):
    at = app(budget_return("2012/13"), {"Capital": monitoring_return()["Capital"]})
    assert not [box for box in at.selectbox if box.label == "Monitoring as at"]
    assert [s.value for s in at.subheader] == ["Capital programme as at Aug 2012"]
    assert metrics(at)["Capital budget this year"].value == "£800k"


def test_with_no_monitoring_the_page_says_what_to_load_and_where_the_templates_are(app):
    at = app(budget_return("2012/13"))
    words = at.info[0].value
    assert words.startswith("No monitoring return is loaded for Whole council, 2012/13.")
    assert "Monitoring sheet (Service, Budget, and Forecast outturn or Variance" in words and "Capital sheet" in words
    assert "Import returns" in at.page_link[0].label
    assert not at.metric


def test_with_monitoring_only_in_another_year_the_page_says_which_and_shows_it(app):
    at = app(budget_return("2013/14"), monitoring_return())
    assert at.info[0].value == ("There is no monitoring for 2013/14 yet: it is loaded for 2012/13 (4 services and 2 capital "
                                "schemes, latest Aug 2012).")
    at.button(key="monitoring-show-year-2012/13").click()
    shown = metrics(run(at))
    assert shown["Forecast variance, change since Jul 2012"].value == "+£220k"


# ------------------------------------------------------------------------------- the pure pieces

def _figures() -> MonitoringFigures:
    by_service = pd.DataFrame([
        {"service": "Waste", "directorate": ENV, "period": "Aug 2012", "budget": Decimal(3_000_000), "forecast": Decimal(3_242_000),
         "variance": Decimal(242_000), "variance_percent": Decimal("8.066"), "band": "Red", "words": "overspend £242k (8.1%): adverse",
         "previous_variance": Decimal(150_000), "movement": Decimal(92_000), "movement_words": "worse by £92k",
         "actual_to_date": Decimal("1234567.89"), "management_action": None, "commentary": "why"},
    ], dtype=object)
    return MonitoringFigures(periods=["Jul 2012", "Aug 2012"], period="Aug 2012", previous_period="Jul 2012",
                             by_service=by_service, exceptions=by_service)


def test_the_full_table_keeps_money_exact_for_the_download():
    table = monitoring_tables.services_table(_figures().by_service, "Jul 2012")
    row = table.iloc[0]
    assert (row["Actual to date (£)"], row["Variance (£)"], row["Variance %"]) == (Decimal("1234567.89"), Decimal(242_000), Decimal("8.1"))
    assert row["Movement since Jul 2012"] == "worse by £92k"


def _path() -> pd.DataFrame:
    rows = [("Whole council", "Jun 2012", "2012-06-30", 70_000, ""), ("Whole council", "Jul 2012", "2012-07-31", 156_000, "Parking"),
            ("Whole council", "Aug 2012", "2012-08-31", 220_000, "")]
    return pd.DataFrame([{"name": n, "period": p, "period_end": pd.Timestamp(e).date(), "budget": Decimal(5_134_000),
                          "forecast": Decimal(5_134_000 + v), "variance": Decimal(v), "complete": not c, "carried_forward": c,
                          "not_reported": ""} for n, p, e, v, c in rows], dtype=object)


def test_the_forecast_path_marks_a_month_carrying_a_service_forward():
    figure = monitoring_charts.forecast_path_chart(_path(), "Path")
    line = figure.data[0]
    assert list(line.x) == ["Jun 2012", "Jul 2012", "Aug 2012"]
    assert list(line.y) == [70.0, 156.0, 220.0]  # in £k
    assert list(line.marker.symbol) == ["circle", "circle-open", "circle"]
    assert "includes Parking carried forward from an earlier month" in line.hovertext[1]
    assert "Forecast variance: +£156k (£156,000): overspend" in line.hovertext[1]
    assert figure.layout.yaxis.title.text == "Forecast (under)/overspend, £k"
    assert any(note.text == "On budget" for note in figure.layout.annotations)


def test_each_directorates_line_has_its_own_marker_and_dash():
    path = pd.concat([_path().assign(name=name) for name in ("A", "B", "C")], ignore_index=True)
    lines = [trace for trace in monitoring_charts.forecast_path_chart(path, "By directorate").data if trace.name in ("A", "B", "C")]
    assert len({trace.marker.symbol[0] for trace in lines}) == 3
    assert len({trace.line.dash for trace in lines}) == 3


def test_the_variance_chart_puts_the_worst_at_the_top_labelled_with_money_and_band():
    table = pd.DataFrame([
        {"name": "Finance & HR", "variance": Decimal(38_000), "band": "Amber", "words": "overspend £38k (1.0%): adverse"},
        {"name": "Environment", "variance": Decimal(182_000), "band": "Red", "words": "overspend £182k (14.0%): adverse"},
        {"name": "Leisure", "variance": Decimal(-6_000), "band": "Green", "words": "underspend £6k (0.3%): favourable"},
    ], dtype=object)
    figure = monitoring_charts.variance_chart(table, "name", "By directorate")
    assert list(figure.layout.yaxis.categoryarray) == ["Environment", "Finance & HR", "Leisure"]
    assert figure.layout.yaxis.autorange == "reversed"
    bars = {trace.name: trace for trace in figure.data}
    assert list(bars["● Red"].text) == ["+£182k ● Red"]
    assert list(bars["✓ Green"].text) == ["-£6k ✓ Green"]
    assert bars["● Red"].marker.pattern.shape == "x" and bars["▲ Amber"].marker.pattern.shape == "/"
