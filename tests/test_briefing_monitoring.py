"""The briefing pack's in-year monitoring, from a real database (a budget, then a three-month monitoring return whose
overspend grows, with a capital programme), read back in every format; and a pack without monitoring has none."""

import io
from datetime import date

import pytest
from pptx import Presentation
from sqlmodel import Session

from data_layer.briefing import APPENDIX, AT_A_GLANCE, QUESTIONS, build_briefing
from data_layer.briefing_monitoring import CAPITAL, MONITORING, MONITORING_APPENDIX
from data_layer.briefing_render import to_html, to_pdf, to_pptx
from data_layer.db import get_engine
from data_layer.loader import import_workbook
from data_layer.views import Filters, build_view, read_council_data
from tests.conftest import ROOT, workbook_bytes
from tests.test_briefing import pdf_texts, slide_text, slide_titles

ARTIFACTS = ROOT / "test-artifacts" / "briefing-monitoring"
COUNCIL = ["Council: Testshire DC"]
BUDGET = {"Budget": [COUNCIL, ["Directorate", "Service", "2011/12", "2012/13"],
                     ["Community", "Leisure", "950", "1,000"], ["Community", "Libraries", "2,100", "2,000"],
                     ["Resources", "Finance", "3,100", "3,000"], ["Resources", "Revenues", "-450", "-500"]]}
# Forecast outturn (£000) per month: Leisure's overspend grows to £152k (Red, no management action), Libraries' to £70k
# (Amber, with one), Finance underspends; the whole council's overspend grows £20k, £70k, £172k.
FORECASTS = {"Jul 2012": ("1,020", "2,010", "2,990"), "Aug 2012": ("1,060", "2,030", "2,980"), "Sep 2012": ("1,152", "2,070", "2,950")}
ACTION = "Vacancy freeze from October"
GROWN = "Forecast overspend for Whole council has grown 2 months running (£20k to £172k)"
NO_ACTION = "Leisure is forecast to overspend £152k (Red) and no management action is given"
SCHEME_RED = "The capital scheme Pool roof is Red (forecast £150k over its total budget of £800k): Asbestos found under the roof."


def monitoring_return(months: tuple[str, ...] = tuple(FORECASTS)) -> dict:
    rows = [COUNCIL, ["Directorate", "Service", "Period", "Budget", "Forecast outturn", "Management action", "Commentary"]]
    for month, (leisure, libraries, finance) in ((month, FORECASTS[month]) for month in months):
        rows += [["Community", "Leisure", month, "1,000", leisure, None, "Pool closed for repairs: swimming income lost"],
                 ["Community", "Libraries", month, "2,000", libraries, ACTION if month != "Jul 2012" else None, "Agency staff"],
                 ["Resources", "Finance", month, "3,000", finance, None, None],
                 ["Resources", "Revenues", month, "-500", "-500", None, None]]
    capital = [COUNCIL, ["Scheme", "Directorate", "Service", "Period", "Total budget", "Budget this year", "Spend to date",
                         "Forecast this year", "Forecast total", "Slippage", "RAG", "Reason"],
               ["Pool roof", "Community", "Leisure", "Sep 2012", "800", "500", "300", "600", "950", None, "Red", "Asbestos found under the roof"],
               ["Library van", "Community", "Libraries", "Sep 2012", "60", "60", "60", "60", "60", None, None, None]]
    return {"Monitoring": rows, "Capital": capital}


def council_data(tmp_path_factory, name: str, *returns: tuple[str, dict]):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'council.db'}"
    with Session(get_engine(url)) as session:
        for file_name, sheets in returns:
            assert import_workbook(session, workbook_bytes(sheets), file_name, loaded_by="finance officer").stored
        session.commit()
        return read_council_data(session=session)


@pytest.fixture(scope="module")
def monitored(tmp_path_factory):
    return council_data(tmp_path_factory, "monitored", ("budget-2012-13.xlsx", BUDGET), ("monitoring-sep-2012.xlsx", monitoring_return()))


@pytest.fixture(scope="module")
def briefing(monitored):
    return build_briefing(build_view(monitored, Filters()), generated_on=date(2012, 10, 15))


@pytest.fixture(scope="module")
def unmonitored(tmp_path_factory):
    """The same council with its budget only."""
    return build_briefing(build_view(council_data(tmp_path_factory, "budget-only", ("budget-2012-13.xlsx", BUDGET)), Filters()))


@pytest.fixture(scope="module")
def deck(briefing):
    return Presentation(io.BytesIO(to_pptx(briefing)))


def section(briefing, starting: str):
    return next(s for s in briefing.sections if s.title.startswith(starting))


# ---------------------------------------------------------------------------------- the content model

def test_at_a_glance_gives_the_forecast_outturn_and_variance_with_band_and_movement(briefing):
    figures = {figure.label: (figure.value, figure.detail) for figure in section(briefing, AT_A_GLANCE).figures}
    assert figures["Forecast outturn"] == ("£5,672k", "against a budget of £5,500k, as at Sep 2012")
    assert figures["Forecast variance"] == ("+£172k", "overspend £172k (3.1%): adverse; ● Red; worse by £102k since Aug 2012")
    assert list(figures)[:2] == ["Net budget 2012/13", "Savings 2012/13"]  # after the pack's other money figures


def test_questions_ask_about_the_growing_overspend_red_lines_without_action_and_red_schemes(briefing):
    questions = section(briefing, QUESTIONS).bullets
    assert f"{GROWN}. What is behind it, and what will bring it back within budget?" in questions
    assert f"{NO_ACTION}. What will be done, and by when?" in questions
    assert f"{SCHEME_RED} Will it be delivered within its budget?" in questions
    assert not any(q.startswith("Libraries") for q in questions)  # Amber, and it has a management action


def test_the_detail_holds_the_exceptions_with_their_management_action_and_the_capital_programme(briefing):
    titles = [s.title for s in briefing.sections]
    monitoring = section(briefing, MONITORING)
    assert monitoring.title == "In-year monitoring, as at Sep 2012"
    assert titles.index("Budget") < titles.index(monitoring.title) < titles.index("Capital programme, as at Sep 2012") \
        < titles.index("Savings plan and delivery")
    assert monitoring.lead[0] == ("Forecast outturn £5,672k against a budget of £5,500k: overspend £172k (3.1%): adverse (● Red), "
                                  "worse by £102k since Aug 2012.")
    exceptions = monitoring.tables[0].frame
    assert list(exceptions.columns) == ["Service", "Forecast variance (£)", "% of budget", "Band", "Movement since Aug 2012",
                                        "Management action"]
    assert exceptions.drop(columns="Forecast variance (£)").values.tolist() == [
        ["Leisure", "15.2%", "● Red", "worse by £92k", "none given"],
        ["Libraries", "3.5%", "▲ Amber", "worse by £40k", ACTION]]
    path = monitoring.charts[0]
    assert (path.kind, path.categories) == ("forecast path", ["Jul 2012", "Aug 2012", "Sep 2012"])
    assert {s.name: s.values for s in path.series} == {"Whole council": [20000.0, 70000.0, 172000.0],
                                                       "Community": [30000.0, 90000.0, 222000.0], "Resources": [-10000.0, -20000.0, -50000.0]}
    capital = section(briefing, CAPITAL)
    assert capital.lead[0].startswith("Capital programme as at Sep 2012: 2 schemes, total budget £860k, forecast £1,010k.")
    assert capital.tables[0].frame[["Scheme", "Band", "Reason"]].values.tolist() == [["Pool roof", "● Red", "Asbestos found under the roof"]]


def test_the_appendix_holds_every_services_line_and_every_scheme(briefing):
    appendix = section(briefing, MONITORING_APPENDIX)
    assert [t.title for t in appendix.tables] == ["Monitoring Sep 2012: Community", "Monitoring Sep 2012: Resources",
                                                  "Capital programme per scheme, Sep 2012"]
    assert list(appendix.tables[0].frame["Commentary"]) == ["Pool closed for repairs: swimming income lost",
                                                            f"Agency staff. Management action: {ACTION}"]
    assert list(appendix.tables[1].frame["Service"]) == ["Finance", "Revenues"]
    assert list(appendix.tables[2].frame["Scheme"]) == ["Pool roof", "Library van"]
    assert appendix.summary.startswith("Every service's monitoring line at Sep 2012 (4 services)")


def test_the_cover_lists_the_monitoring_return(briefing):
    assert [source.split(",")[0] for source in briefing.sources] == ["monitoring-sep-2012.xlsx", "budget-2012-13.xlsx"]


def test_a_head_of_services_pack_names_its_own_total(monitored):
    community = build_briefing(build_view(monitored, Filters(directorate="Community")))
    assert f"{GROWN.replace('Whole council', 'Community').replace('£20k to £172k', '£30k to £222k')}. What is behind it, and what " \
           "will bring it back within budget?" in section(community, QUESTIONS).bullets
    variance = section(community, MONITORING).charts[1]
    assert (variance.kind, variance.categories) == ("variance", ["Leisure", "Libraries"])  # per service, the worst first


def test_a_first_month_has_no_movement_and_no_growing_overspend(tmp_path_factory):
    data = council_data(tmp_path_factory, "first-month", ("budget-2012-13.xlsx", BUDGET), ("monitoring-jul-2012.xlsx", monitoring_return(("Jul 2012",))))
    first = build_briefing(build_view(data, Filters()))
    figures = {figure.label: (figure.value, figure.detail) for figure in section(first, AT_A_GLANCE).figures}
    assert figures["Forecast variance"] == ("+£20k", "overspend £20k (0.4%): adverse; ▲ Amber")
    assert not any("running" in question for question in section(first, QUESTIONS).bullets)
    assert list(section(first, MONITORING).tables[0].frame.columns) == ["Service", "Forecast variance (£)", "% of budget", "Band",
                                                                       "Management action"]


def test_a_pack_without_monitoring_has_no_monitoring_section(unmonitored):
    titles = [s.title for s in unmonitored.sections]
    assert not [t for t in titles if t.startswith((MONITORING, CAPITAL, MONITORING_APPENDIX))]
    assert [f.label for f in section(unmonitored, AT_A_GLANCE).figures] == ["Net budget 2012/13", "Savings 2012/13"]
    assert not any("forecast" in text.lower() for s in unmonitored.sections for text in [*s.lead, *s.bullets])
    assert [t for t in titles if t.startswith(APPENDIX)] == [f"{APPENDIX}: Net budget per service"]
    page = to_html(unmonitored)
    assert "In-year monitoring" not in page and "Forecast outturn" not in page
    deck = Presentation(io.BytesIO(to_pptx(unmonitored)))
    assert not any("monitoring" in title.lower() or "capital" in title.lower() for title in slide_titles(deck))


# ---------------------------------------------------------------------------------- every format

def test_html_shows_the_figures_the_question_and_the_exceptions_with_their_action(briefing):
    page = to_html(briefing)
    for words in ("Forecast outturn", "£5,672k", "against a budget of £5,500k, as at Sep 2012",
                  "overspend £172k (3.1%): adverse; ● Red; worse by £102k since Aug 2012", GROWN, NO_ACTION,
                  "<h2>In-year monitoring, as at Sep 2012</h2>", ACTION, "Asbestos found under the roof",
                  "Every service&#x27;s monitoring line is in the Appendix at the end of this pack."):
        assert words in page, words
    assert page.count("Plotly.newPlot") == 3  # the budget, the forecast path and the variance per head of service
    assert page.index(AT_A_GLANCE) < page.index(QUESTIONS) < page.index("<h2>In-year monitoring")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.html").write_text(page, encoding="utf-8")


def test_pdf_shows_the_figures_first_then_the_question_then_the_exceptions(briefing, chromium):
    document = to_pdf(briefing, executable=chromium)
    texts = pdf_texts(document)
    assert "Forecast outturn" in texts[0] and "£5,672k" in texts[0] and "worse by £102k since Aug 2012" in texts[0]
    assert "monitoring-sep-2012.xlsx" in texts[0]
    questions = next(n for n, text in enumerate(texts) if QUESTIONS in text)
    assert GROWN in texts[questions] and NO_ACTION in texts[questions]
    detail = next(n for n, text in enumerate(texts) if "In-year monitoring, as at Sep 2012" in text)
    assert questions < detail
    held = " ".join(texts[detail:detail + 3])
    assert "Forecast overspends, Red and Amber, as at Sep 2012" in held and ACTION in held and "none given" in held
    assert "Capital schemes Red and Amber, with the reason" in held
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.pdf").write_bytes(document)


def test_pptx_shows_the_figures_the_question_and_the_exceptions_with_a_native_line_chart(deck):
    titles = slide_titles(deck)
    assert titles[1] == AT_A_GLANCE
    glance = slide_text(deck.slides[1])
    assert "Forecast outturn" in glance and "£5,672k" in glance and "worse by £102k since Aug 2012" in glance
    asked = " ".join(slide_text(slide) for slide, title in zip(deck.slides, titles, strict=True) if title.startswith(QUESTIONS))
    assert GROWN in asked and NO_ACTION in asked
    monitoring = [slide for slide, title in zip(deck.slides, titles, strict=True) if title.startswith(MONITORING)]
    shown = " ".join(slide_text(slide) for slide in monitoring)
    assert "Forecast overspends, Red and Amber, as at Sep 2012" in shown and ACTION in shown and "none given" in shown
    charts = [shape.chart for slide in monitoring for shape in slide.shapes if shape.has_chart]
    path = charts[0]
    assert list(path.plots[0].categories) == ["Jul 2012", "Aug 2012", "Sep 2012"]
    assert {s.name: list(s.values) for s in path.plots[0].series}["Whole council"] == [20000.0, 70000.0, 172000.0]  # exact, in pounds
    assert path.value_axis.tick_labels.number_format == '"£"#,##0,"k"'
    assert str(path.chart_type).startswith("LINE")
    bars = charts[1]
    assert list(bars.plots[0].categories) == ["Community", "Resources"]
    assert [point.data_label.text_frame.text for point in bars.plots[0].series[0].points][:2] == ["+£222k ● Red", "-£50k ✓ Green"]
    capital = next(slide for slide, title in zip(deck.slides, titles, strict=True) if title.startswith(CAPITAL))
    assert "Asbestos found under the roof" in slide_text(capital)
    appendix = slide_text(deck.slides[-1])
    assert "Every service's monitoring line at Sep 2012 (4 services)" in appendix
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deck.save(ARTIFACTS / "briefing.pptx")
