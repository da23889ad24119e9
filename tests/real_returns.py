"""Returns shaped the way councils really write them, built by the tests (deterministic, no files in the repo).

Figures are transcribed exactly from the seeds in ../shared/seeds/ where the seeds print them; where a test
needs a layout the seeds do not print (a grand total under two sections, a draft next year, a second year of
a cumulative indicator), the rows are arranged in that layout and every figure the seeds do not print is said
to be invented, here, beside it.
"""

from __future__ import annotations

from typing import Any

from sample_data.make_sample_data import BUDGET as SEVENOAKS_BUDGET
from tests.conftest import TEXT

SOUTH_CAMBS = "Council: South Cambridgeshire District Council"

# South Cambridgeshire DC, Policy & Performance portfolio, March 2010: "Significant Budget Items", the General Fund
# rows with their "Working Estimate 2009/10 £" and "Previously Reported (Under)/ Over Spend" columns, as printed.
# (label, previously reported, working estimate 2009/10, report paragraph)
SOUTH_CAMBS_GENERAL_FUND: list[tuple[str, Any, Any, str | None]] = [
    ("Departmental Accounts (note 1)", "(21,900)", "16,600,710", "a"),
    ("Central Overheads (note 2)", 0, "1,127,780", None),
    ("Reduction from Original to Revised Estimates", "(74,000)", "74,000", "b"),
    ("Land Charges", "(43,000)", "(203,210)", "c"),
    ("Refuse Collection", 0, "2,120,640", "d"),
    ("Street Cleansing", 0, "606,550", "d"),
    ("Kerbside Recycling", 0, "891,620", "d"),
    ("Homelessness", 0, "110,950", None),
    ("Net HRA Recharges", 0, "(374,940)", None),
    ("Development Control (Gross Expenditure)", "25,000", "126,750", "e"),
    ("Development Control (Income)", "332,000", "(1,335,330)", "f"),
    ("Building Control", "170,000", "(476,640)", "g"),
    ("Concessionary Fares", "65,500", "427,100", "h"),
    ("Growth Agenda", 0, "(622,780)", None),
    ("Planning Policy", 0, "189,040", "l"),
    ("Other", "(56,900)", "1,096,760", "j,k,l"),
    ("Savings Target", "(156,000)", "(325,000)", "m"),
]
# The running totals under it, as printed: each adds the lines since the one before.
SOUTH_CAMBS_RUNNING: list[tuple[str, Any, Any, str | None]] = [
    ("Total", "240,700", "20,034,000", None),
    ("Interest on Balances", "380,000", "(1,250,000)", "n"),
    ("Interest transferred to Housing Revenue account", "(14,700)", "48,000", "n"),
    ("Total", "606,000", "18,832,000", None),
    ("Less Departmental/Overheads recharged to HRA & Capital", "(26,000)", "(3,311,720)", None),
    ("General Fund Total", "580,000", "15,520,280", None),
    ("Use of Specific Reserves", "(177,000)", "0", "g"),
    ("Net General Fund Total", "403,000", "15,520,280", None),
]
# The Housing Revenue Account table that follows, as printed (its total: 866,010).
SOUTH_CAMBS_HRA: list[tuple[str, Any, Any, str | None]] = [
    ("Housing Repairs - Revenue", 0, "3,127,300", None),
    ("Building Maintenance Contractor (net less recharges)", 0, "(381,390)", None),
    ("Supported Housing (Gross Expenditure)", "(90,000)", "1,781,680", "o"),
    ("Supported Housing (Gross Income)", 0, "(1,477,000)", None),
    ("General Administration", 0, "421,180", None),
    ("Outdoor Maintenance", "(30,000)", "169,360", "p"),
    ("Other (including Payment to Government & Capital Charges)", "14,700", "15,640,120", "n"),
    ("Rent Income", 0, "(21,480,000)", "q"),
    ("Recharged Departmental & Overhead Accounts", "4,500", "3,064,760", None),
]
GENERAL_FUND_TOTAL, HRA_TOTAL = 20_034_000, 866_010  # the paper's printed totals of the two lists above
PREVIOUSLY = "Previously Reported (Under)/ Over Spend Compared to Working Estimate £"
WORKING = "Working Estimate 2009/10 £"


def _money_rows(rows: list[tuple[str, Any, Any, str | None]]) -> list[list[Any]]:
    return [[previously, label, working, reference] for label, previously, working, reference in rows]


def south_cambs_budget() -> dict[str, list[list[Any]]]:
    """The monitoring paper's General Fund (running totals) and HRA (a second table with its own header), as a Budget sheet."""
    header = [PREVIOUSLY, "Service", WORKING, "Report Paragraph References"]
    return {"Budget": [
        [SOUTH_CAMBS], ["Significant Budget Items"], header,
        [None, "Revenue"], [None, "Expenditure"],
        *_money_rows(SOUTH_CAMBS_GENERAL_FUND), *_money_rows(SOUTH_CAMBS_RUNNING),
        [], header, ["Housing Revenue Account"],
        *_money_rows(SOUTH_CAMBS_HRA),
        [None, (TEXT, "=====")], ["(100,800)", "Housing Revenue Account Total", "866,010"], [None, (TEXT, "=====")],
    ]}


def general_fund_then_hra_then_totals(*, hra_subtotal: bool, grand_total: str = "20,900,010") -> dict[str, list[list[Any]]]:
    """The same lines in the layout of a budget summary: 'Total: General Fund', the HRA's lines (with or without their
    own total), then 'Totals' for both. 20,900,010 is the sum of the paper's two printed totals; the paper prints no
    grand total of its own."""
    rows = [["Service", "Working Estimate 2009/10"]]
    rows += [[label, working] for label, _previously, working, _reference in SOUTH_CAMBS_GENERAL_FUND]
    rows.append(["Total: General Fund", "20,034,000"])
    rows += [[label, working] for label, _previously, working, _reference in SOUTH_CAMBS_HRA]
    if hra_subtotal:
        rows.append(["Total: Housing Revenue Account", "866,010"])
    rows.append(["Totals", grand_total])
    return {"Budget": [[SOUTH_CAMBS], ["Net budget (£)"], *rows]}


def full_pounds_without_a_unit(rows: list[tuple[str, Any, Any, str | None]] = SOUTH_CAMBS_GENERAL_FUND) -> dict[str, list[list[Any]]]:
    """The General Fund lines written as pounds ('£16,600,710') under a heading that states no unit, as a draft table
    copied out of a report often is."""
    def pounds(written: Any) -> Any:
        text = str(written)
        return f"(£{text[1:]}" if text.startswith("(") else f"£{text}"

    return {"Budget": [[SOUTH_CAMBS], ["Service", "Working Estimate 2009/10"],
                       *[[label, pounds(working)] for label, _previously, working, _reference in rows]]}


def sevenoaks_budget_with_a_comparison_row() -> dict[str, list[list[Any]]]:
    """Sevenoaks' Part 2b (£000, as printed) with last year's total printed under the table for comparison, as budget
    books do. 11,157.9 is the sum of the paper's 2011/12 column; the paper prints no such row."""
    rows = [[directorate, service, b10, b11, b12] for directorate, service, b10, b11, b12 in SEVENOAKS_BUDGET]
    return {"Budget": [["Council: Sevenoaks District Council"], ["Net budget (£000)"],
                       ["Directorate", "Service", "Budget 10/11", "Budget 11/12", "Budget 12/13"], *rows,
                       [None, "2011/12 Comparison", None, None, "11,157.9"],
                       [None, "Memo: figures exclude capital charges", None, None, None]]}


# A draft 2013/14 budget for five of Sevenoaks' services. The paper prints no 2013/14 budget: these figures are
# invented, shaped as a draft return from two heads of service arrives (£000).
DRAFT_2013_14 = [("Finance & HR", "Finance", "2,790"), ("Finance & HR", "Revenues", 150), ("Finance & HR", "Housing Benefits", 170),
                 ("Legal & Democratic Services", "Legal Services", 300), ("Legal & Democratic Services", "Property Services", 450)]


def draft_budget_2013_14() -> dict[str, list[list[Any]]]:
    return {"Budget": [["Council: Sevenoaks District Council"], ["Draft net budget 2013/14 (£000)"],
                       ["Directorate", "Service", "Budget 13/14"], *[list(row) for row in DRAFT_2013_14]]}


# South Cambridgeshire's Scorecard Performance Detail Report, Community and Customer Services 09/10, at the nine-month
# point: every measure as printed, with its Frequency and Unit of Measure columns and its "Current Performance" target
# and actual. No Polarity column and bare numeric targets, as the paper has them. The Aim each measure sits under is
# the service. (aim, measure name, frequency, unit of measure, target, actual)
SOUTH_CAMBS_SCORECARD: list[tuple[str, str, str, str, str, str]] = [
    ("Communications", "C4 - Monthly Corporate Brief", "QUARTERLY", "Percentage", "75", "75"),
    ("Communications", "SX056 - Staff who feel well informed", "YEARLY", "Percentage", "75", "63"),
    ("Communications", "C1 - Plain English guidance", "QUARTERLY", "Percentage", "100", "100"),
    ("Communications", "C2 - Equalities best practice in South Cambs magazine", "QUARTERLY", "Percentage", "100", "80"),
    ("Communications", "C3 - Corporate publications meet corporate equality guidelines", "QUARTERLY", "Percentage", "50", "100"),
    ("Communications", "C5 - Residents who value South Cambs Magazine", "YEARLY", "Percentage", "100", "75"),
    ("Elections", "E1 - % Uncontested May ward elections", "YEARLY", "Percentage", "100", "95"),
    ("Elections", "SX001 - % election turnout in May", "YEARLY", "Percentage", "43", "41.35"),
    ("Elections", "SX002 - % annual canvass forms returned", "YEARLY", "Percentage", "99", "98"),
    ("Partnerships", "NI017 - Perceptions of anti-social behaviour", "YEARLY", "Percentage", "9.8", "12.2"),
    ("Partnerships", "NI021 - Dealing anti-social behaviour concerns", "YEARLY", "Percentage", "28.8", "26.7"),
    ("Partnerships", "NI027 - Concerns about anti-social behaviour", "YEARLY", "Percentage", "25.3", "27.5"),
    ("Partnerships", "NI004 - Peoples influence over decisions", "YEARLY", "Percentage", "34", "33.6"),
    ("Partnerships", "PA1 - Community Engagement Strategy adoption", "QUARTERLY", "Percentage", "100", "100"),
    ("Partnerships", "ACTION 03 - Hard-to-reach and vulnerable residents", "QUARTERLY", "Percentage", "80", "75"),
    ("Partnerships", "ACTION 04 - Advice at events in 20 villages", "QUARTERLY", "Percentage", "16", "14"),
    ("Partnerships", "ACTION 07 - Anti Social Behaviour Working Group", "QUARTERLY", "Percentage", "75", "100"),
    ("Partnerships", "ACTION 08 - CCTV in the District", "QUARTERLY", "Percentage", "70", "80"),
    ("Partnerships", "ACTION 09 - Fear of Crime 09/10 Survey", "QUARTERLY", "Percentage", "50", "50"),
    ("Partnerships", "ACTION 29 - Three Parish Plans produced", "QUARTERLY", "Percentage", "75", "100"),
    ("Partnerships", "ACTION 30 - Meetings with Parish Councils", "QUARTERLY", "Percentage", "66", "66"),
    ("Partnerships", "ACTION 31 - PFH attendance at other Parish Council meetings", "QUARTERLY", "Percentage", "66", "29"),
    ("Partnerships", "ACTION 33 - Community Transport Plan by March 2010", "QUARTERLY", "Percentage", "80", "85"),
    ("Partnerships", "SX057 - % SCS PIs on target (i.e. GREEN)", "QUARTERLY", "Percentage", "80", ""),
    ("Partnerships", "NI016 - SCDC - Serious acquisitive crime rate - South Cambs", "QUARTERLY", "Percentage", "3.03", ""),
    ("Partnerships", "SX008 - Feelings of safety during the night", "YEARLY", "Percentage", "65", "68"),
    ("Partnerships", "SX016 - Villages with Parish plans", "QUARTERLY", "Number", "24", "26"),
    ("Partnerships", "NI007 - CC - Environment for a thriving third sector - All Cambs", "YEARLY", "Percentage", "19.2", "15.3"),
    ("Policy and Performance Team", "PP32 - Equalities communication strategy", "QUARTERLY", "Percentage", "75", "75"),
    ("Policy and Performance Team", "NI001 - % of people from different backgrounds get on well", "YEARLY", "Percentage", "81", "82.4"),
    ("Policy and Performance Team", "PP31 - Level 2 of Equality Standard", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP16 - Annual Place Survey", "QUARTERLY", "Percentage", "50", "0"),
    ("Policy and Performance Team", "PP17 - Consultation on the 10/11 budget", "QUARTERLY", "Percentage", "100", "0"),
    ("Policy and Performance Team", "PP1 - Values Project Plan", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP2 - Review of 3 As", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP28 - Values project plan", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP4 - % of Service Plans agreed by March 31st", "YEARLY", "Percentage", "100", "83"),
    ("Policy and Performance Team", "PP18 - Performance Management system (CorVu)", "QUARTERLY", "Percentage", "75", "75"),
    ("Policy and Performance Team", "ACTION 01 - Resident user groups", "QUARTERLY", "Percentage", "75", "75"),
    ("Policy and Performance Team", "ACTION 05 - Satisfaction surveys", "QUARTERLY", "Percentage", "70", "70"),
    ("Policy and Performance Team", "ACTION 15 - Revised Gypsy & Travellers policy", "QUARTERLY", "Percentage", "100", "90"),
    ("Policy and Performance Team", "PP13 - Cabinet development of Council Actions for 10/11", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP14 - 3 As reflected in 10/11 Service Plans", "QUARTERLY", "Percentage", "75", "75"),
    ("Policy and Performance Team", "PP10 - Equalities actions in 10/11 service Plans", "QUARTERLY", "Percentage", "100", "85"),
    ("Policy and Performance Team", "PP11 - Assessment of Level 2 Equalities and Diversity achievement", "QUARTERLY", "Percentage",
     "100", "100"),
    ("Policy and Performance Team", "PP12 - Up to date equality schemes.", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP8 - Equality Standard achieved", "QUARTERLY", "Number", "2", "2"),
    ("Policy and Performance Team", "PP9 - Equalities impact assessments", "QUARTERLY", "Number", "35", "43"),
    ("Policy and Performance Team", "NI140 - SCDC - Fair treatment by local services - South Cambs", "YEARLY", "Percentage", "78.9", "77.5"),
    ("Policy and Performance Team", "NI014 - SCDC - Avoidable customer contact - South Cambs", "QUARTERLY", "Percentage", "35", "29"),
    ("Policy and Performance Team", "NI014a - SCDC- Unnecessary clarification category - South Cambs", "QUARTERLY", "Percentage", "20", "25"),
    ("Policy and Performance Team", "NI014b - SCDC - Poor signposting, or poor call transfer category - South Cambs", "QUARTERLY",
     "Percentage", "20", "32"),
    ("Policy and Performance Team", "NI014c - SCDC - Repeat notification category - South Cambs", "QUARTERLY", "Percentage", "20", "6"),
    ("Policy and Performance Team", "NI014d - SCDC - Progress chasing category - South Cambs", "QUARTERLY", "Percentage", "20", "36"),
    ("Policy and Performance Team", "NI014e -SCDC - Repeat contact category - South Cambs", "QUARTERLY", "Percentage", "20", "4"),
    ("Policy and Performance Team", "PP23 - Recording scheme for NI014", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "SX006 - Customer satisfaction - Cambourne reception", "QUARTERLY", "Percentage", "90", "100"),
    ("Policy and Performance Team", "SX046 - Cambourne reception - Satisfaction with welcome", "QUARTERLY", "Percentage", "90", "93"),
    ("Policy and Performance Team", "SX047 - Cambourne reception - Satisfaction with room availability", "QUARTERLY", "Percentage",
     "90", "100"),
    ("Policy and Performance Team", "SX048 - Cambourne HQ - % customers seen within 10 mins", "QUARTERLY", "Percentage", "90", "80"),
    ("Policy and Performance Team", "SX058 - % Complainants receiving apology", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP29 - Scrutiny topics and task & finish groups", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP19 - LAA targets inclusion in 10/11 Service Plans", "QUARTERLY", "Percentage", "75", "75"),
    ("Policy and Performance Team", "PP22 - Visible performance management and rewards", "QUARTERLY", "Percentage", "50", "75"),
    ("Policy and Performance Team", "PP5 - CAA performance management", "QUARTERLY", "Percentage", "50", "50"),
    ("Policy and Performance Team", "PP21 - Performance management strategy", "QUARTERLY", "Percentage", "50", "100"),
    ("Policy and Performance Team", "PP24 - Customer Service Excellence Standard", "QUARTERLY", "Percentage", "100", "100"),
    ("Policy and Performance Team", "PP25 - Customer Service Strategy", "QUARTERLY", "Percentage", "100", "0"),
    ("Policy and Performance Team", "PP26 - Improved complaints system", "QUARTERLY", "Percentage", "75", "90"),
    ("Policy and Performance Team", "PP27 - Customer Service Training", "QUARTERLY", "Percentage", "60", "80"),
    ("Policy and Performance Team", "PP30 - Service reviews programme", "QUARTERLY", "Percentage", "100", "60"),
    ("Policy and Performance Team", "PP15 - Publish the annual Corporate Plan", "YEARLY", "Percentage", "100", "80"),
    ("Policy and Performance Team", "PP20 - Health Card development", "QUARTERLY", "Percentage", "75", "75"),
    ("Policy and Performance Team", "PP6 - Scrutiny Members in training & development", "QUARTERLY", "Number", "25", "29"),
    ("Policy and Performance Team", "PP7 - Members involved in scrutiny", "QUARTERLY", "Number", "18", "22"),
    ("Policy and Performance Team", "SX052 - % Scrutiny recs accepted by Cabinet", "QUARTERLY", "Percentage", "90", "90"),
    ("Policy and Performance Team", "SX053 - Public participation in Scrutiny Committee work", "QUARTERLY", "Number", "30", "20"),
]
# The measures whose names say lower is better (data_layer/polarity.py), with the words that say it.
SOUTH_CAMBS_LOWER_BY_NAME = {
    "NI017 - Perceptions of anti-social behaviour": "anti-social behaviour",
    "NI027 - Concerns about anti-social behaviour": "anti-social behaviour",
    "NI016 - SCDC - Serious acquisitive crime rate - South Cambs": "crime",
    "NI014 - SCDC - Avoidable customer contact - South Cambs": "avoidable",
    "NI014a - SCDC- Unnecessary clarification category - South Cambs": "unnecessary",
    "NI014b - SCDC - Poor signposting, or poor call transfer category - South Cambs": "poor",
    "NI014c - SCDC - Repeat notification category - South Cambs": "repeat notification",
    "NI014d - SCDC - Progress chasing category - South Cambs": "progress chasing",
    "NI014e -SCDC - Repeat contact category - South Cambs": "repeat contact",
    # A false cue: an action to run a survey, reported as progress. The preview lists it, and the officer flips it.
    "ACTION 09 - Fear of Crime 09/10 Survey": "fear of crime",
}


def south_cambs_scorecard() -> dict[str, list[list[Any]]]:
    header = ["Measure Name", "Frequency", "Unit of Measure", "Service", "Period", "Target", "Actual"]
    return {"KPIs": [[SOUTH_CAMBS], ["Scorecard Performance Detail Report"], header,
                     *[[name, frequency, unit, aim, "Q3 2009/10", target, actual or None]
                       for aim, name, frequency, unit, target, actual in SOUTH_CAMBS_SCORECARD]]}


# A council tax collection rate, reported quarterly as a cumulative year-to-date percentage, over two years.
# 33.6 and 57.4 are the first two quarters the issue quotes; the rest are invented, shaped as such a rate fills up.
COLLECTION = [("Q1 2011/12", "30%", "30.1%"), ("Q2 2011/12", "58%", "58.0%"), ("Q3 2011/12", "86%", "85.2%"), ("Q4 2011/12", "98%", "98.5%"),
              ("Q1 2012/13", "30%", "33.6%"), ("Q2 2012/13", "58%", "57.4%")]


def cumulative_collection(column: str = "Frequency") -> dict[str, list[list[Any]]]:
    """The collection rate with a Frequency column saying 'Quarterly (cumulative YTD)', or a Cumulative column saying Yes."""
    say = "Quarterly (cumulative YTD)" if column == "Frequency" else "Yes"
    return {"KPIs": [["Council: Sevenoaks District Council"], ["Code", "Indicator", "Service", "Period", column, "Target", "Actual"],
                     *[["LT03", "Council tax in-year collection rate", "Revenues", period, say, target, actual]
                       for period, target, actual in COLLECTION]]}
