"""Briefing packs from the sample council, in every format, read back: packs that fit a meeting."""

import dataclasses
import io
import re
import shutil
import subprocess
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from sqlmodel import Session

from data_layer.briefing import (
    APPENDIX,
    AT_A_GLANCE,
    QUESTIONS,
    SECTIONS,
    SERVICE_PLAN,
    Table,
    build_briefing,
    short_words,
)
from data_layer.briefing_monitoring import CAPITAL, MONITORING, MONITORING_APPENDIX
from data_layer.briefing_plans import PLANS_APPENDIX, RISKS_AND_ACTIONS
from data_layer.briefing_render import _plotly_js, to_html, to_pdf, to_pptx
from data_layer.briefing_tables import Grid, column_widths, grid, split_rows, wrapped_lines
from data_layer.db import get_engine
from data_layer.loader import import_workbook
from data_layer.sample import load_sample_data
from data_layer.views import Filters, build_view, read_council_data
from tests import real_returns
from tests.conftest import ROOT, run_cli, workbook_bytes

ARTIFACTS = ROOT / "test-artifacts" / "briefing"
SCOPE_LINE = "Sevenoaks District Council · Whole council · 2012/13, performance as at Aug 2012"
SAMPLE_RETURNS = ["06-risks-and-actions-aug-2012.xlsx", "05-monitoring-apr-aug-2012.xlsx", "04-kpis-aug-2012.xlsx", "03-savings-plan-2012-13.xlsx",
                  "02-budget-2012-13.xlsx", "01-services-and-plans-2012-13.xlsx"]
DETAIL = ["Exceptions", "Budget", "Savings plan and delivery", "Performance scorecard", SERVICE_PLAN]


@pytest.fixture(scope="module")
def sample(sample_council):
    return sample_council


@pytest.fixture(scope="module")
def briefing(sample):
    return build_briefing(build_view(sample[1], Filters()), generated_on=date(2012, 9, 10))


@pytest.fixture(scope="module")
def exceptions(briefing):
    return list(next(s for s in briefing.sections if s.title == "Exceptions").tables[0].frame["Indicator"])


@pytest.fixture(scope="module")
def deck(briefing):
    return Presentation(io.BytesIO(to_pptx(briefing)))


@pytest.fixture(scope="module")
def with_a_draft_next_year(tmp_path_factory):
    """The sample council, then a draft 2013/14 budget return (five services, 2013/14 only) loaded after it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('draft') / 'draft.db'}"
    with Session(get_engine(url)) as session:
        load_sample_data(session=session)
        assert import_workbook(session, workbook_bytes(real_returns.draft_budget_2013_14()), "draft-budget-2013-14.xlsx").stored
        session.commit()
        return url, read_council_data(session=session)


def section_kinds(titles):
    """Section titles with each head of service's service plan summary, and each appendix part, counted once as its kind
    (and in-year monitoring's sections without their month: 'In-year monitoring, as at Aug 2012')."""
    kinds = [title.split(":")[0] if title.startswith((SERVICE_PLAN, APPENDIX)) else title.split(", as at ")[0] for title in titles]
    return [kind for index, kind in enumerate(kinds) if index == 0 or kind != kinds[index - 1]]


def slide_titles(deck):
    return [slide.shapes.title.text for slide in deck.slides]


def pdf_texts(document: bytes) -> list[str]:
    """Each page's text, its whitespace made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document)).pages]


def slide_text(slide):
    text = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    text += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    return " ".join(text)


# ---------------------------------------------------------------------------------- the content model

def test_sections_come_in_the_order_members_read_them(briefing):
    titles = [section.title for section in briefing.sections]
    # in-year monitoring after the budget, the risk register and action plans after the scorecard
    assert section_kinds(titles) == [*SECTIONS[:4], MONITORING, CAPITAL, *SECTIONS[4:6], RISKS_AND_ACTIONS, *SECTIONS[6:]]
    assert titles[:2] == [AT_A_GLANCE, QUESTIONS]  # at a glance, then the questions, then the detail, the appendix last
    assert [t for t in titles if t.startswith(SERVICE_PLAN)] == [  # one per head of service with figures
        f"{SERVICE_PLAN}: {d}" for d in ["Environmental & Operational Services", "Finance & HR", "Housing & Communications",
                                          "IT & Facilities Management", "Legal & Democratic Services"]]
    assert [t for t in titles if t.startswith(APPENDIX)] == [
        f"{APPENDIX}: Savings plan per service", f"{APPENDIX}: Net budget per service", MONITORING_APPENDIX, PLANS_APPENDIX,
        f"{APPENDIX}: Key objectives"]
    plan = next(section for section in briefing.sections if section.title == f"{SERVICE_PLAN}: Housing & Communications")
    assert plan.bullets == ["Budget risk (Housing - Homeless): Expenditure on Bed and Breakfast accommodation is at risk of being "
                            "over budget as the Council sees an increasing demand for the temporary accommodation due to the recession."]
    assert briefing.scope_line == SCOPE_LINE


def test_at_a_glance_holds_the_red_indicators_and_the_money(briefing, sample):
    glance = briefing.sections[0]
    figures = {figure.label: (figure.value, figure.detail) for figure in glance.figures}
    assert figures["Red indicators"] == ("9 of 45", "5 Amber, 29 Green, 2 no data, as at Aug 2012")
    assert figures["Net budget 2012/13"] == ("£10.4m", "-£791k (-7.1%) on 2011/12: favourable")
    assert figures["Savings planned for 2012/13"] == ("£298k", "£4,682k over the whole plan (5 periods)")
    assert figures["At risk or undeliverable"] == ("not stated", "the savings return gives no delivery status")
    red = glance.tables[0].frame
    view = build_view(sample[1], Filters())
    assert set(red["Indicator"]) == set(view.latest.loc[view.latest["band"].astype(object) == "Red", "indicator"])
    assert list(red.columns) == ["Service", "Indicator", "Actual", "Target", "Direction of travel"]
    assert red.set_index("Indicator").loc["Creditor invoices paid within 30 days", "Direction of travel"] == "↓ worsening"
    assert figures["Forecast outturn"] == ("£10.4m", "against a budget of £10.4m, as at Aug 2012")
    assert figures["Forecast variance"] == ("+£47k", "overspend £47k (0.5%): adverse; ▲ Amber; worse by £22k since Jul 2012")


def test_questions_members_may_ask_come_from_the_data(briefing):
    questions = briefing.sections[1].bullets
    assert any(q.startswith("Fly-tipping incidents cleared within 2 working days (Direct Services) has been Red for two periods running")
               for q in questions)
    assert any("shown as Amber by officer judgement, though the figures make it Red" in q for q in questions)
    # money read in the pack's one style (it was exact pounds, "£27,000")
    assert any(q.startswith("Democratic Services's net budget for 2012/13: net cost up £27k (30.3%)") for q in questions)


def test_money_in_words_is_written_short_and_only_exact_pounds_are_touched():
    assert short_words("net cost down £790,900 (7.1%) since 2011/12") == "net cost down £791k (7.1%) since 2011/12"
    assert short_words("income up £5,100; was £950.50") == "income up £5k; was £950.50"
    assert short_words("already short: £1,083k and £10.4m") == "already short: £1,083k and £10.4m"
    assert short_words("-£1,372,000 net income") == "-£1,372k net income"


def test_the_sample_councils_pack_says_its_indicators_are_illustrative(briefing, sample):
    assert briefing.sample_note and "illustrative" in briefing.sample_note and "as printed" in briefing.sample_note
    assert "Its in-year monitoring and capital figures are illustrative too" in briefing.sample_note
    own_returns = dataclasses.replace(build_view(sample[1], Filters()), loads=sample[1].loads.assign(loaded_by="finance officer"))
    assert build_briefing(own_returns).sample_note is None  # a council's own returns are not called illustrative


def test_a_select_committees_briefing_covers_only_the_services_it_reviews(sample):
    view = build_view(sample[1], Filters(committee="Environment Select Committee"))
    briefing = build_briefing(view)
    assert briefing.scope == "Services reviewed by the Environment Select Committee"
    services = set(view.services["service"])
    assert "Parking & Amenity" in services and "Finance" not in services
    exceptions = next(s for s in briefing.sections if s.title == "Exceptions")
    assert set(exceptions.tables[0].frame["Service"]) <= services
    assert not [s for s in briefing.sections if s.title.startswith(f"{APPENDIX}: Savings plan")]  # its savings table is per service


def test_file_names_carry_the_scope_and_the_period_not_the_day(sample, briefing):
    assert briefing.file_name("pptx") == "sightline-briefing-whole-council-2012-13.pptx"
    finance = build_briefing(build_view(sample[1], Filters(directorate="Finance & HR")), generated_on=date(2030, 1, 1))
    assert finance.file_name("pdf") == "sightline-briefing-finance-hr-2012-13.pdf"
    committee = build_briefing(build_view(sample[1], Filters(committee="Environment Select Committee")))
    assert committee.file_name("html") == "sightline-briefing-environment-select-committee-2012-13.html"


# ---------------------------------------------------------------------------------- the cover: which returns

def test_the_cover_lists_only_the_returns_with_figures_for_the_period(with_a_draft_next_year):
    _, data = with_a_draft_next_year
    this_year = build_briefing(build_view(data, Filters("2012/13")))
    assert [s.split(",")[0] for s in this_year.sources] == SAMPLE_RETURNS
    assert this_year.other_sources == []
    for page in (to_html(this_year), slide_text(Presentation(io.BytesIO(to_pptx(this_year))).slides[0])):
        assert "draft-budget-2013-14.xlsx" not in page
        assert "02-budget-2012-13.xlsx" in page
    next_year = build_briefing(build_view(data, Filters("2013/14")))
    listed = [s.split(",")[0] for s in next_year.sources]
    assert listed[0] == "draft-budget-2013-14.xlsx"
    assert "03-savings-plan-2012-13.xlsx" in listed  # its plan runs to 2014/15
    assert "02-budget-2012-13.xlsx" not in listed  # 2010/11 to 2012/13 only: last year's figures, for comparison
    assert "02-budget-2012-13.xlsx" in [s.split(",")[0] for s in next_year.other_sources]


def test_a_later_return_holding_the_year_as_its_comparison_is_listed(tmp_path):
    url = f"sqlite:///{tmp_path / 'later.db'}"
    with Session(get_engine(url)) as session:
        load_sample_data(session=session)
        revised = {"Budget": [["Council: Sevenoaks District Council"], ["Directorate", "Service", "2012/13", "2013/14"],
                              ["Finance & HR", "Finance", "2,900", "2,790"]]}  # 2012/13 revised (from £2,834k)
        assert import_workbook(session, workbook_bytes(revised), "finance-2013-14.xlsx").stored
        session.commit()
        data = read_council_data(session=session)
    listed = [s.split(",")[0] for s in build_briefing(build_view(data, Filters("2012/13"))).sources]
    assert listed[0] == "finance-2013-14.xlsx"  # its 2012/13 column is the figure the pack shows for Finance


# ---------------------------------------------------------------------------------- tables laid out

def test_words_wrap_at_word_boundaries():
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("short", 10) == 1
    assert wrapped_lines("two words here", 9) == 2
    assert wrapped_lines("averyveryverylongword", 10) == 3


def test_columns_are_as_wide_as_their_content(briefing):
    exceptions = grid(next(s for s in briefing.sections if s.title == "Exceptions").tables[0])
    widths = dict(zip(exceptions.columns, column_widths(exceptions, 170, padding=1.5), strict=True))
    assert abs(sum(widths.values()) - 170) < 1e-6
    assert widths["Reason"] > 2 * widths["Band"] and widths["Indicator"] > widths["Band"]
    budget = grid(next(s for s in briefing.sections if s.title == "Budget").tables[0])
    sized = column_widths(budget, 100, padding=1.5)
    natural = [max(len(row[n]) for row in budget.rows) + 1.5 for n in range(len(budget.columns))]
    assert sum(natural) > 100  # so some columns have to wrap
    for number, is_money in enumerate(budget.money):  # but money keeps its natural width: never wrapped
        if is_money:
            assert sized[number] >= max(len(row[number]) for row in budget.rows) + 1.5


def test_a_wrapped_column_is_as_wide_as_its_longest_word():
    reasons = "Occupational therapy assessments delayed by Kent County Council; grants approved but not yet paid. " * 2
    table = Grid("Schemes", ["Service", "Reason"], [["Communications", reasons], ["Facilities Management", reasons]], [False, False])
    service, reason = column_widths(table, 60, padding=2.0)
    assert service >= len("Communications") + 2.0 and service >= len("Management") + 2.0  # breaks between words only
    assert abs(service + reason - 60) < 1e-6


def test_a_split_never_leaves_fewer_than_three_rows_on_a_slide():
    assert split_rows([1.0] * 5, 4.0, 4.0) == [(0, 3), (3, 5)]  # slides of four cannot hold five as 3 + 3: the nearest
    assert split_rows([1.0] * 10, 2.0, 8.0) == [(0, 0), (0, 7), (7, 10)]  # two would fit here: start afresh; 8 + 2 becomes 7 + 3
    assert split_rows([1.0] * 9, 8.0, 8.0) == [(0, 6), (6, 9)]  # not 8 + 1
    assert split_rows([1.0] * 2, 1.0, 8.0) == [(0, 0), (0, 2)]  # a two-row table is kept together
    assert split_rows([], 5.0, 5.0) == [(0, 0)]
    assert split_rows([9.0, 1.0, 1.0], 5.0, 5.0)[0] == (0, 0)


# ---------------------------------------------------------------------------------- HTML

def test_html_is_self_contained_and_loads_nothing(briefing, exceptions):
    page = to_html(briefing)
    assert "http://" not in page and "https://" not in page  # anywhere, plotly.js included
    markup = page.replace(_plotly_js(), "")  # the document itself, without the inlined library
    assert not re.search(r"""(src|href)\s*=""", markup)
    assert "@import" not in markup and "url(" not in markup
    assert page.count("Plotly.newPlot") == 5  # budget, forecast path, variance per head of service, savings, scorecard: interactive
    assert "@page { size: A4" in page
    assert "● Red" in page and "▲ Amber" in page
    for indicator in exceptions:
        assert indicator in page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.html").write_text(page, encoding="utf-8")


def test_html_sizes_columns_aligns_money_and_says_where_the_rest_is(briefing):
    page = to_html(briefing)
    first_table = page[page.index("<colgroup>"):page.index("</colgroup>")]
    assert len(set(re.findall(r"width:([\d.]+)%", first_table))) > 1  # the at-a-glance table's columns differ in width
    assert '<td class="money">£10,367k</td>' in page or '<td class="money">£3,929k</td>' in page
    assert "The savings plan per service, as the paper prints it, is in the Appendix at the end of this pack." in page
    assert "Key objectives: Legal &amp; Democratic Services" in page  # the appendix in full
    assert page.index("At a glance") < page.index(QUESTIONS) < page.index("<h2>Exceptions")


def test_user_text_is_never_rendered_as_html(sample):
    view = build_view(sample[1], Filters())
    briefing = build_briefing(view)
    briefing.sections[2].lead.append("<script>alert(1)</script>")
    page = to_html(briefing)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ---------------------------------------------------------------------------------- PDF

def test_pdf_has_the_scope_line_on_every_page_and_every_exception(briefing, exceptions, chromium):
    document = to_pdf(briefing, executable=chromium)
    reader = PdfReader(io.BytesIO(document))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert 5 < len(texts) <= 28
    for number, text in enumerate(texts, start=1):
        assert SCOPE_LINE in text, f"page {number} has no scope line"
        assert f"page {number} of {len(texts)}" in text
    everything = " ".join(texts)
    for indicator in exceptions:
        assert " ".join(indicator.split()) in everything
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1  # A4
    assert sum(len(page.images) for page in reader.pages) == 5  # the charts, as images
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.pdf").write_bytes(document)
    if shutil.which("pdftoppm"):  # the pages as pictures, to look at (test-artifacts/briefing/page-*.png)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(ARTIFACTS / "briefing.pdf"), str(ARTIFACTS / "page")], check=True)
        assert len(list(ARTIFACTS.glob("page-*.png"))) == len(texts)


def test_pdf_opens_at_a_glance_asks_the_questions_next_and_leaves_no_row_alone(briefing, exceptions, chromium):
    reader = PdfReader(io.BytesIO(to_pdf(briefing, executable=chromium)))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "At a glance" in texts[0] and "9 of 45" in texts[0] and "£10.4m" in texts[0] and "illustrative" in texts[0]
    assert "Figures for 2012/13 from:" in texts[0]
    questions = next(n for n, text in enumerate(texts) if QUESTIONS in text)
    detail = next(n for n, text in enumerate(texts) if "Red and Amber indicators" in text)
    assert 0 < questions < detail
    for number, text in enumerate(texts, start=1):  # a page holding any exception holds at least three of them
        shown = sum(" ".join(name.split()) in text for name in exceptions)
        assert shown == 0 or shown >= 3, f"page {number} holds {shown} exception rows"


# ---------------------------------------------------------------------------------- PowerPoint

def test_pptx_opens_with_the_expected_slides_and_native_chart_data(deck):
    titles = slide_titles(deck)
    assert titles[0] == "Briefing: Whole council"
    for section in SECTIONS:
        assert section in section_kinds([t.removesuffix(" (continued)") for t in titles])
    budget = next(slide for slide in deck.slides if slide.shapes.title.text == "Budget")
    chart = next(shape.chart for shape in budget.shapes if shape.has_chart)
    assert list(chart.plots[0].categories) == ["2010/11", "2011/12", "2012/13"]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series["Legal & Democratic Services"] == [1353000.0, 1082900.0, 978000.0]  # exact in Edit Data
    assert chart.value_axis.tick_labels.number_format == '"£"#,##0,"k"'  # the axis reads £k, as the tables
    scorecard = next(slide for slide in deck.slides if slide.shapes.title.text == "Performance scorecard")
    bands = {s.name: list(s.values) for s in next(shape.chart for shape in scorecard.shapes if shape.has_chart).plots[0].series}
    assert sum(bands["Red"]) == 9 and sum(bands["Amber"]) == 5 and sum(bands["Green"]) == 29
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deck.save(ARTIFACTS / "briefing.pptx")


def test_whole_council_powerpoint_fits_a_meeting(deck):
    assert len(deck.slides) <= 25


def test_first_content_slide_is_at_a_glance_and_questions_come_before_the_detail(deck, briefing):
    titles = [t.removesuffix(" (continued)") for t in slide_titles(deck)]
    assert titles[1] == AT_A_GLANCE
    assert titles[2] == QUESTIONS
    first_detail = min(titles.index(t) for t in titles if t.startswith(tuple(DETAIL)))
    assert max(n for n, t in enumerate(titles) if t == QUESTIONS) < first_detail
    assert titles[-1] == APPENDIX
    glance = slide_text(deck.slides[1])
    for words in ("9 of 45", "£10.4m", "-£791k (-7.1%) on 2011/12: favourable", "£298k", "not stated", "↓ worsening",
                  "Creditor invoices paid within 30 days", "illustrative"):
        assert words in glance
    assert briefing.sample_note in slide_text(deck.slides[0])  # the cover says it too


def test_at_a_glance_keeps_to_one_slide_however_many_are_red(sample):
    briefing = build_briefing(build_view(sample[1], Filters()))
    glance = briefing.sections[0]
    many = glance.tables[0].frame.sample(n=60, replace=True, random_state=1).reset_index(drop=True)
    glance.tables[0] = Table(glance.tables[0].title, many, stands_for=75)  # as for a council with 75 Red indicators
    titles = slide_titles(Presentation(io.BytesIO(to_pptx(briefing))))
    assert titles[1:3] == [AT_A_GLANCE, QUESTIONS]
    deck = Presentation(io.BytesIO(to_pptx(briefing)))
    shown = next(len(shape.table.rows) - 1 for shape in deck.slides[1].shapes if shape.has_table)
    assert f"… and {75 - shown} more Red indicators: every one is in the Exceptions." in slide_text(deck.slides[1])
    assert "… and 15 more Red indicators: every one is in the Exceptions." in to_html(briefing)


def test_at_a_glance_lists_the_worst_red_first(briefing):
    red = list(briefing.sections[0].tables[0].frame["Indicator"])
    assert red[:4] == ["Fly-tipping incidents cleared within 2 working days", "Average days to process new benefit claims",
                       "Disabled facilities grants completed within 20 weeks",  # Red twice and worsening
                       "Climate Local Kent commitments signed"]  # Red twice, no change


def test_no_table_slide_holds_fewer_than_three_rows_and_no_row_is_dropped(deck, briefing):
    rows = defaultdict(list)  # each table's data rows, slide by slide
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows[shape.name].append(len(shape.table.rows) - 1)
    tables = {f"Table: {t.title}": len(t.frame) for s in briefing.sections if not s.appendix for t in s.tables}
    assert set(rows) == set(tables)  # every table of the pack's body is in the deck
    for name, parts in rows.items():
        assert sum(parts) == tables[name], name
        if tables[name] >= 3:
            assert min(parts) >= 3, f"{name} is split {parts}"
    assert rows["Table: Savings per head of service and period"] == [6]  # the 5 + 1 rows kept together


def test_pptx_columns_are_sized_to_their_content_and_money_is_short(deck):
    exceptions = next(shape.table for slide in deck.slides for shape in slide.shapes
                      if shape.has_table and shape.name.startswith("Table: Red and Amber"))
    widths = [column.width for column in exceptions.columns]
    header = [cell.text for cell in exceptions.rows[0].cells]
    assert len(set(widths)) > 3
    assert widths[header.index("Reason")] > 2 * widths[header.index("Band")]
    budget = next(shape.table for slide in deck.slides for shape in slide.shapes
                  if shape.has_table and shape.name == "Table: Year-on-year change, 2012/13")
    cells = [cell.text for row in budget.rows for cell in row.cells]
    assert "£3,929k" in cells and "-£395k" in cells  # Finance & HR, 2012/13 and its change


def test_pptx_appendix_says_what_is_in_the_html_and_pdf_packs(deck):
    appendix = slide_text(deck.slides[-1])
    assert "In full in the HTML and PDF packs" in appendix
    assert "The savings plan per service" in appendix and "71 objectives" in appendix
    savings = next(slide for slide in deck.slides if slide.shapes.title.text == "Savings plan and delivery")
    assert "The savings plan per service, as the paper prints it, is in the HTML and PDF packs (Appendix)." in slide_text(savings)


def test_command_line_writes_each_format(sample, tmp_path):
    url, _ = sample
    result = run_cli("briefing", "--db", url, "--scope", "Finance & HR", "--period", "2012/13", "--format", "pptx",
                     "--out", str(tmp_path / "fhr.pptx"))
    assert result.returncode == 0, result.stderr
    assert Presentation(str(tmp_path / "fhr.pptx")).slides[0].shapes.title.text == "Briefing: Finance & HR"
    refused = run_cli("briefing", "--db", url, "--scope", "committee:Nobody", "--out", str(tmp_path / "x.html"))
    assert refused.returncode == 2 and '"Nobody" is not a committee here' in refused.stderr
    assert not Path(tmp_path / "x.html").exists()
