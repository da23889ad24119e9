"""The briefing pack's risk register and action plans, from the sample council (its illustrative register, May and Aug
2012, and the Housing Strategy Action Plan as at Aug 2012) and from a council of our own, read back in every format;
a head of service with neither gets nothing of them."""

import io
from datetime import date

import pytest
from pptx import Presentation
from sqlmodel import Session

from data_layer.briefing import APPENDIX, AT_A_GLANCE, QUESTIONS, build_briefing
from data_layer.briefing_plans import PLANS_APPENDIX, RISKS_AND_ACTIONS, SAMPLE_PLANS_NOTE
from data_layer.briefing_render import to_html, to_pdf, to_pptx
from data_layer.db import get_engine
from data_layer.loader import import_workbook
from data_layer.views import Filters, build_view, read_council_data
from tests.conftest import ROOT, workbook_bytes
from tests.test_briefing import pdf_texts, slide_text, slide_titles

ARTIFACTS = ROOT / "test-artifacts" / "briefing-plans"
PLANS_RETURN = "06-risks-and-actions-aug-2012.xlsx"
HEAT_MAP = "Heat map of the current ratings, Aug 2012: likelihood down, impact across"
SHAPES = ("▲", "◆", "○")


@pytest.fixture(scope="module")
def sample(sample_council):
    return sample_council[1]


@pytest.fixture(scope="module")
def briefing(sample):
    return build_briefing(build_view(sample, Filters()), generated_on=date(2012, 9, 10))


@pytest.fixture(scope="module")
def deck(briefing):
    return Presentation(io.BytesIO(to_pptx(briefing)))


def section(briefing, title: str):
    return next(s for s in briefing.sections if s.title == title)


def table(part, starting: str):
    return next(t for t in part.tables if t.title.startswith(starting)).frame


# ---------------------------------------------------------------------------------- the content

def test_risks_and_actions_follow_the_scorecard_and_their_appendix_precedes_the_key_objectives(briefing):
    titles = [s.title for s in briefing.sections]
    assert titles[titles.index(RISKS_AND_ACTIONS) - 1] == "Performance scorecard"
    assert titles[titles.index(RISKS_AND_ACTIONS) + 1].startswith("Service plan summary")
    assert titles[titles.index(PLANS_APPENDIX) + 1] == f"{APPENDIX}: Key objectives"


def test_at_a_glance_counts_the_high_risks_and_the_overdue_actions(briefing):
    figures = {f.label: (f.value, f.detail) for f in section(briefing, AT_A_GLANCE).figures}
    assert figures["High risks ▲"] == ("3 of 9", "4 Medium, 1 Low, 1 not rated; as at Aug 2012")
    assert figures["Actions overdue"] == ("3 of 14", "up to 153 days; 5 due by 31 Dec 2012; as at Aug 2012")


def test_questions_name_the_registers_exceptions_and_the_overdue_actions_with_their_owners(briefing):
    asked = [q for q in section(briefing, QUESTIONS).bullets if q.startswith(("SR", "Action "))]
    assert asked[0].startswith("SR7 Government funding falls further than the medium term financial plan assumes (Finance & HR; "
                               "risk owner Chief Finance Officer): High risk, rating unchanged for two registers (at 20; target 12).")
    assert asked[1].startswith("SR1 Homelessness demand exceeds temporary accommodation budget (Private & Social Housing; risk owner "
                               "Head of Housing & Communications): High risk, rating unchanged for two registers")
    assert asked[2].startswith("SR3 Fuel and disposal costs rise beyond the budget (Direct Services; risk owner Head of Environmental & "
                               "Operational Services): High risk, rating rising from 9 to 16 (target 6).")
    assert asked[3].startswith("SR9 ") and "Risk assessment in progress. When will it be assessed?" in asked[3]
    assert not [q for q in asked if q.startswith(("SR2 ", "SR6 ", "SR8 "))]  # falling, or below High: not exceptions
    overdue = asked[4:]
    assert [q.split('"')[0] for q in overdue] == ["Action 11.1 ", "Action 1.2 ", "Action 8.1 "]
    assert all("(Housing Policy; owner HPM) is overdue by 153 days (due 11/12: Q4)" in q for q in overdue)
    assert overdue[1].endswith("and the officer reports it on track. When will it be done, and is its status right?")


def test_the_heat_map_is_a_grid_of_counts_band_words_and_shapes(briefing):
    grid = table(section(briefing, RISKS_AND_ACTIONS), "Heat map").set_index("Likelihood / impact")
    assert list(grid.index) == ["5 Very likely", "4 Likely", "3 Possible", "2 Unlikely", "1 Very unlikely"]
    assert list(grid.columns) == ["1 Minor", "2 Moderate", "3 Significant", "4 Serious", "5 Major"]
    assert grid.loc["4 Likely", "4 Serious"] == "2 risks\nHigh ▲\nSR1, SR3"
    assert grid.loc["5 Very likely", "4 Serious"] == "1 risk\nHigh ▲\nSR7"
    assert grid.loc["2 Unlikely", "3 Significant"] == "1 risk\nLow ○\nSR6"
    assert grid.loc["1 Very unlikely", "1 Minor"] == "0\nLow ○"
    assert grid.loc["5 Very likely", "5 Major"] == "0\nHigh ▲"
    for cell in grid.to_numpy().ravel():  # every cell says its band in words and a shape: no colour needed
        assert cell.split("\n")[1] in ("High ▲", "Medium ◆", "Low ○")
    placed = sum(int(cell.split()[0]) for cell in grid.to_numpy().ravel())
    assert placed == 8  # SR9 has no rating: said beside the map, not placed on it
    assert any(lead.startswith("Not on the heat map: 1 risk with no rating (SR9 ") for lead in section(briefing, RISKS_AND_ACTIONS).lead)


def test_the_section_holds_the_high_risks_the_overdue_actions_and_those_due_next_quarter(briefing):
    part = section(briefing, RISKS_AND_ACTIONS)
    assert part.lead[0] == "Risk register as at Aug 2012 (compared with May 2012): 9 risks, 3 High ▲, 4 Medium ◆, 1 Low ○, 1 not yet rated."
    high = table(part, "High risks")
    assert list(high["Ref"]) == ["SR7", "SR1", "SR3"]
    assert list(high["Current"]) == ["20 High ▲", "16 High ▲", "16 High ▲"]
    assert list(high["Trend since the register before"]) == ["unchanged for two registers", "unchanged for two registers",
                                                              "rising from 9 (May 2012)"]
    overdue = table(part, "Actions overdue as at Aug 2012")
    assert list(overdue["Ref"]) == ["11.1", "1.2", "8.1"]
    assert set(overdue["Owner"]) == {"HPM"} and set(overdue["Overdue by"]) == {"153 days"}
    assert set(overdue["Due"]) == {"11/12: Q4 (31 Mar 2012)"}  # as the plan writes it, with the day it means
    assert overdue.set_index("Ref").loc["1.2", "Officer's status"] == "on track, 75% complete: disagrees with the dates"
    soon = table(part, "Actions due by 31 Dec 2012")
    assert list(soon["Ref"]) == ["5.2", "10.2", "18.1", "5.1", "18.2"]
    assert soon.set_index("Ref").loc["18.2", "Due"] == "12/13: Q3 (31 Dec 2012)"


def test_the_appendix_holds_every_risk_and_every_action(briefing):
    appendix = section(briefing, PLANS_APPENDIX)
    risks = table(appendix, "Every risk on the register, Aug 2012")
    assert list(risks.columns) == ["Ref", "Risk", "Owner", "Current", "Target", "Trend since the register before"]
    assert sorted(risks["Ref"]) == [f"SR{n}" for n in range(1, 10)]
    assert risks.set_index("Ref").loc["SR9", "Current"] == "no rating"
    assert risks.set_index("Ref").loc["SR8", "Trend since the register before"] == "new on the register"
    actions = table(appendix, "Every action, Housing Policy, as at Aug 2012").set_index("Ref")
    assert len(actions) == 14 and list(actions.columns) == ["Action", "Owner", "Due", "Officer's status", "By the dates"]
    assert actions.loc["1.2", "By the dates"] == "overdue 153 days" and actions.loc["13.1", "Due"] == "none given"
    assert actions.loc["6.1", "By the dates"] == "not yet due" and actions.loc["1.1", "By the dates"] == "complete"
    assert appendix.summary.startswith("Every risk on the register (9 risks)")


def test_the_cover_lists_the_register_and_plan_and_the_sample_note_says_they_are_illustrative(briefing):
    assert briefing.sources[0].startswith(f"{PLANS_RETURN}, loaded ")
    assert briefing.sample_note.endswith(SAMPLE_PLANS_NOTE)


def test_a_head_of_service_with_no_register_or_plan_gets_nothing_of_them(sample):
    briefing = build_briefing(build_view(sample, Filters(directorate="Community Development")))
    titles = [s.title for s in briefing.sections]
    assert RISKS_AND_ACTIONS not in titles and PLANS_APPENDIX not in titles
    assert not [f for f in briefing.sections[0].figures if f.label in ("High risks ▲", "Actions overdue")]
    assert not [q for q in section(briefing, QUESTIONS).bullets if q.startswith(("SR", "Action "))]
    assert not [s for s in briefing.sources if s.startswith(PLANS_RETURN)]
    assert SAMPLE_PLANS_NOTE not in (briefing.sample_note or "")
    assert RISKS_AND_ACTIONS not in to_html(briefing)


def test_a_head_of_service_with_a_register_and_no_plan_is_told_so_and_nothing_is_invented(sample):
    briefing = build_briefing(build_view(sample, Filters(directorate="Finance & HR")))
    part = section(briefing, RISKS_AND_ACTIONS)
    assert "No action plan is loaded for this scope." in part.lead
    assert [t.title.split(",")[0] for t in part.tables] == ["Heat map of the current ratings", "High risks ▲"]
    assert [f.label for f in briefing.sections[0].figures if f.label in ("High risks ▲", "Actions overdue")] == ["High risks ▲"]


# ---------------------------------------------------------------------------------- a register in files of its own

COUNCIL = ["Council: Testshire DC"]
BUDGET = {"Budget": [COUNCIL, ["Directorate", "Service", "2011/12", "2012/13"], ["Community", "Leisure", "950", "1,000"]]}
REGISTER_HEADER = ["Risk ref", "Risk title", "Directorate", "Service", "Risk owner", "Current likelihood", "Current impact",
                   "Target likelihood", "Target impact", "Register date"]


def register(month: str, likelihood: int) -> dict:
    return {"Risk register": [COUNCIL, REGISTER_HEADER,
                              ["L1", "Pool closes for repairs", "Community", "Leisure", "Head of Community", likelihood, 4, 2, 2, month]]}


def test_a_register_the_trend_compares_with_from_last_year_is_listed_apart(tmp_path):
    url = f"sqlite:///{tmp_path / 'council.db'}"
    with Session(get_engine(url)) as session:
        for name, sheets in (("budget.xlsx", BUDGET), ("risks-feb-2012.xlsx", register("Feb 2012", 3)),
                             ("risks-aug-2012.xlsx", register("Aug 2012", 4))):
            assert import_workbook(session, workbook_bytes(sheets), name, loaded_by="risk officer").stored
        session.commit()
        data = read_council_data(session=session)
    briefing = build_briefing(build_view(data, Filters("2012/13")))
    assert [s.split(",")[0] for s in briefing.sources] == ["risks-aug-2012.xlsx", "budget.xlsx"]
    assert [s.split(",")[0] for s in briefing.other_sources] == ["risks-feb-2012.xlsx"]  # the trend's "rising from 12 (Feb 2012)"
    assert table(section(briefing, RISKS_AND_ACTIONS), "High risks").iloc[0]["Trend since the register before"] == "rising from 12 (Feb 2012)"
    assert briefing.sample_note is None


# ---------------------------------------------------------------------------------- every format

def test_html_carries_the_section_and_its_heat_map_cells_line_by_line_and_loads_nothing(briefing):
    page = to_html(briefing)
    assert "http://" not in page and "https://" not in page
    assert f"<h2>{RISKS_AND_ACTIONS}</h2>" in page and f"<h2>{PLANS_APPENDIX}</h2>" in page
    assert "<td>2 risks<br>High ▲<br>SR1, SR3</td>" in page
    assert "<section class='starts-page'>\n<div class='opening'><h2>Risks and actions</h2>" in page  # printed, it starts a page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.html").write_text(page, encoding="utf-8")


def test_pptx_carries_the_section_its_heat_map_and_the_glance_figures(deck):
    titles = slide_titles(deck)
    assert RISKS_AND_ACTIONS in titles and titles.index(RISKS_AND_ACTIONS) < titles.index(f"{APPENDIX}")
    glance = slide_text(deck.slides[titles.index(AT_A_GLANCE)])
    assert "3 of 9" in glance and "3 of 14" in glance and "Creditor invoices paid within 30 days" in glance  # every Red still fits
    heat = next(shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table and shape.name == f"Table: {HEAT_MAP}")
    assert heat.cell(2, 4).text == "2 risks\nHigh ▲\nSR1, SR3"  # 4 Likely x 4 Serious
    for row in heat.rows:  # every line of a cell in the table's font, not PowerPoint's 18 pt
        for cell in row.cells:
            assert {paragraph.font.size.pt for paragraph in cell.text_frame.paragraphs} == {10.0}
    appendix = slide_text(deck.slides[-1])
    assert "Every risk on the register (9 risks)" in appendix and "every action (14 actions)" in appendix
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deck.save(ARTIFACTS / "briefing.pptx")


def test_pdf_carries_the_section_on_pages_of_its_own_and_the_appendix(briefing, chromium):
    document = to_pdf(briefing, executable=chromium)
    texts = pdf_texts(document)
    start = next(n for n, text in enumerate(texts) if f"{RISKS_AND_ACTIONS} Risk register as at Aug 2012" in text)
    assert "Performance scorecard" not in texts[start]  # it starts a page
    everything = " ".join(texts)
    for words in (HEAT_MAP, "2 risks High ▲ SR1, SR3", "High risks ▲, Aug 2012", "Actions overdue as at Aug 2012",
                  "Actions due by 31 Dec 2012", PLANS_APPENDIX, "Every action, Housing Policy, as at Aug 2012"):
        assert words in everything, words
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.pdf").write_bytes(document)
