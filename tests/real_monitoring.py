"""In-year revenue monitoring returns (a "Monitoring" sheet), shaped the way councils really write them, built by the
tests (deterministic, no files in the repo). Every figure and label is transcribed exactly as printed in the seeds in
../shared/seeds/; every cell the papers do not print is said to be added, here, beside it.

- south_cambs_monitoring(): South Cambridgeshire DC, south-cambs-policy-performance-portfolio-2010-03.txt (lines
  3815-3880; the title at 3544-3545): "Significant Budget Items", Appendix 1 of the "INTEGRATED BUSINESS MONITORING
  REPORT FIRST 9 MONTHS (APRIL 2009 TO DECEMBER 2009)" (PFH - Finance and Staffing 17 February 2010, PFH - Policy and
  Performance 11 March 2010). Whole pounds; under/overspends in brackets, e.g. "(17,900)".
- kent_cash_limits(): Kent County Council, kent-policy-resources-cabinet-committee-2013-01.txt (lines 2644-2690):
  "BUSINESS STRATEGY & SUPPORT DIRECTORATE SUMMARY SEPTEMBER 2012-13 FULL MONITORING REPORT", 1.1 REVENUE, Table 1
  (the revenue position by A-Z budget). £'000s; minus signs, e.g. "-7,469"; G = gross, I = income, N = net.

Figures are the printed strings ("16,600,710", "(17,900)", "-7,469"); a printed 0 is the number 0; an empty cell is None.

Checked (by a script, against the seed text): every printed total equals the sum of the rows it covers, in every column
of both tables, exactly as printed. South Cambridgeshire: the first "Total" is the 17 lines above it; the second "Total"
is the first plus the two interest lines; "General Fund Total" is the second "Total" plus "Less Departmental/Overheads
recharged to HRA & Capital"; "Net General Fund Total" is "General Fund Total" plus "Use of Specific Reserves"; "Housing
Revenue Account Total" is its 9 lines; "Capital Total" is its 12 lines (HRA Capital, GF Capital and Capital Receipts);
and on every line "Movement from Previous Month's Position" is projected minus previously reported. Kent: each "Total
... portfolio" is its lines (the BSP&HR one spanning the page break, 4 lines before it and 2 after), "Total BSS
Controllable" is all 11 lines (and the three portfolio totals), G + I = N on every row, and "Forecast after Mgmt Action"
is "Total BSS Controllable"'s variance plus the management action (3,594 - 848 = 2,746; -3,156; 438 - 848 = -410).
None fails to add up.

What a reader of these sheets meets:
- South Cambridgeshire: the label column has no heading (each table's header row leaves it empty; "Service" is added
  here); heading rows carry no figures, and sit in different columns ("Revenue", "Expenditure" in the label column;
  "Housing Revenue Account", "Capital", "Capital Expenditure", "HRA Capital", "GF Capital", "Capital Receipts" in the
  first, figures', column); a sub-heading row mid-table with only "Original Estimate 2009/10 £", in the third column,
  whose header says "Revised Estimate 2009/10 £" (the lines either side of it, and the Total over both, are in that one
  column); the second table's header repeats the first's but for that third column ("Original Estimate 2009/10 £");
  running totals ("Total" twice, then "General Fund Total", "Net General Fund Total") with adjustment lines between
  them; "=====" rulings above and below the HRA and Capital totals; an empty actual ("Reduction from Original to
  Revised Estimates"); repeated labels: "Other" (Expenditure, HRA Capital, GF Capital), "Recharged Departmental &
  Overhead Accounts" (Housing Revenue Account, Capital Receipts), "Total" (twice); no grand total over the tables.
- Kent: a three-row header ("Cash Limit" and "Variance" each spanning G, I, N; then "£'000s" under each); portfolio
  headings without figures; a page break that repeats the header's three rows and the portfolio heading mid-portfolio;
  a sub-heading ("Local Democracy:") over one "- " line; a "Total BSS Controllable" over the portfolio totals;
  "Assumed Management Action:" rows, also "- " lines, that are adjustments to the variance, not budget lines (one for
  "R&E", a portfolio with no lines in this table), with figures only in some variance cells; and "Forecast after Mgmt
  Action" with no cash limit. Comments in the last column on some lines only.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import TEXT

# ----------------------------------------------------------------------------------------------------------------------
# South Cambridgeshire DC: Significant Budget Items, April to December 2009 (whole pounds)
# ----------------------------------------------------------------------------------------------------------------------

SOUTH_CAMBS = "Council: South Cambridgeshire District Council"  # as tests/real_returns.SOUTH_CAMBS: the paper prints no such row
SOUTH_CAMBS_TITLE = "INTEGRATED BUSINESS MONITORING REPORT FIRST 9 MONTHS (APRIL 2009 TO DECEMBER 2009)"  # printed on two lines
SOUTH_CAMBS_CAPTION = "Significant Budget Items"

SC_PREVIOUSLY = "Previously Reported (Under)/ Over Spend Compared to Working Estimate £"
SC_SERVICE = "Service"  # added: the paper leaves the label column unheaded, in both tables
SC_REVISED = "Revised Estimate 2009/10 £"  # the first (General Fund) table's third column
SC_ORIGINAL = "Original Estimate 2009/10 £"  # the second (HRA and Capital) table's third column
SC_WORKING = "Working Estimate 2009/10 £"
SC_ACTUAL = "Actual Income & Expenditure to 31st December as at 15/01/10 £"
SC_PROJECTED = "Projected (Under)/ Over Spend Compared to Working Estimate £"
SC_MOVEMENT = "Movement from Previous Month's Position £"
SC_REFERENCES = "Report Paragraph References"
SC_HEADER = [SC_PREVIOUSLY, SC_SERVICE, SC_REVISED, SC_WORKING, SC_ACTUAL, SC_PROJECTED, SC_MOVEMENT, SC_REFERENCES]
SC_SECOND_HEADER = [SC_PREVIOUSLY, SC_SERVICE, SC_ORIGINAL, SC_WORKING, SC_ACTUAL, SC_PROJECTED, SC_MOVEMENT, SC_REFERENCES]
RULE = (TEXT, "=====")  # the paper's "=====" ruling, kept as text (Excel would take "=====" for a formula)

# Every line that is not a total, as printed, keyed by (the printed heading it sits under, its label): the General
# Fund's lines sit under "Revenue" / "Expenditure" (the paper names the General Fund only in its totals), the capital
# lines under "HRA Capital", "GF Capital" and "Capital Receipts". Ints in pounds, None for an empty cell:
# (previously reported, third column (revised estimate in the first table, original estimate in the second),
#  working estimate, actual to 31 December, projected (under)/over spend, movement from previous month)
SOUTH_CAMBS_LINES: dict[tuple[str, str], tuple[int, int, int, int | None, int, int]] = {
    ("Expenditure", "Departmental Accounts (note 1)"): (-21_900, 16_600_710, 16_600_710, 12_166_294, -17_900, 4_000),
    ("Expenditure", "Central Overheads (note 2)"): (0, 1_127_780, 1_127_780, 766_922, 0, 0),
    ("Expenditure", "Reduction from Original to Revised Estimates"): (-74_000, 74_000, 74_000, None, -74_000, 0),
    ("Expenditure", "Land Charges"): (-43_000, -203_210, -203_210, -192_171, -43_700, -700),
    ("Expenditure", "Refuse Collection"): (0, 2_120_640, 2_120_640, 1_718_128, 78_700, 78_700),
    ("Expenditure", "Street Cleansing"): (0, 606_550, 606_550, 468_026, -42_700, -42_700),
    ("Expenditure", "Kerbside Recycling"): (0, 891_620, 891_620, 703_006, -36_100, -36_100),
    ("Expenditure", "Homelessness"): (0, 155_950, 110_950, 13_945, -200, -200),
    ("Expenditure", "Net HRA Recharges"): (0, -334_940, -374_940, 0, 0, 0),
    ("Expenditure", "Development Control (Gross Expenditure)"): (25_000, 126_750, 126_750, 94_888, 25_000, 0),
    ("Expenditure", "Development Control (Income)"): (332_000, -1_335_330, -1_335_330, -651_057, 241_600, -90_400),
    ("Expenditure", "Building Control"): (170_000, -476_640, -476_640, -227_553, 170_000, 0),
    ("Expenditure", "Concessionary Fares"): (65_500, 427_100, 427_100, -219_467, 99_100, 33_600),
    ("Expenditure", "Growth Agenda"): (0, -622_780, -622_780, -370_130, -6_100, -6_100),
    ("Expenditure", "Planning Policy"): (0, 189_040, 189_040, 45_012, -46_300, -46_300),
    ("Expenditure", "Other"): (-56_900, 785_460, 1_096_760, 1_084_975, 6_300, 63_200),
    ("Expenditure", "Savings Target"): (-156_000, -325_000, -325_000, 0, -156_000, 0),
    # between the running totals
    ("Expenditure", "Interest on Balances"): (380_000, -1_250_000, -1_250_000, -845_067, 380_000, 0),
    ("Expenditure", "Interest transferred to Housing Revenue account"): (-14_700, 48_000, 48_000, 0, -14_700, 0),
    ("Expenditure", "Less Departmental/Overheads recharged to HRA & Capital"): (-26_000, -3_262_850, -3_311_720, 0, -24_500, 1_500),
    ("Expenditure", "Use of Specific Reserves"): (-177_000, 0, 0, 0, -177_000, 0),
    # the second table
    ("Housing Revenue Account", "Housing Repairs - Revenue"): (0, 3_190_300, 3_127_300, 1_833_717, 0, 0),
    ("Housing Revenue Account", "Building Maintenance Contractor (net less recharges)"): (0, -373_650, -381_390, -134_504, 0, 0),
    ("Housing Revenue Account", "Supported Housing (Gross Expenditure)"): (-90_000, 1_816_680, 1_781_680, 1_130_826, -90_000, 0),
    ("Housing Revenue Account", "Supported Housing (Gross Income)"): (0, -1_477_000, -1_477_000, -716_369, 0, 0),
    ("Housing Revenue Account", "General Administration"): (0, 425_050, 421_180, -4_065, 0, 0),
    ("Housing Revenue Account", "Outdoor Maintenance"): (-30_000, 231_360, 169_360, 146_969, -36_300, -6_300),
    ("Housing Revenue Account", "Other (including Payment to Government & Capital Charges)"): (14_700, 16_197_380, 15_640_120, 64_814, 14_700, 0),
    ("Housing Revenue Account", "Rent Income"): (0, -22_160_000, -21_480_000, -7_327_111, -100_000, -100_000),
    ("Housing Revenue Account", "Recharged Departmental & Overhead Accounts"): (4_500, 3_015_890, 3_064_760, 0, 3_000, -1_500),
    ("HRA Capital", "Housing Repairs - Capital"): (0, 4_760_000, 4_741_000, 3_062_076, 0, 0),
    ("HRA Capital", "Acquisition of Existing Dwellings"): (-200_000, 3_000_000, 3_000_000, 1_071_270, -1_000_000, -800_000),
    ("HRA Capital", "Other"): (-115_000, 234_770, 253_770, 98_871, 0, 115_000),
    ("GF Capital", "ICT Development"): (-196_000, 605_500, 657_950, 113_129, -421_000, -225_000),
    ("GF Capital", "Improvement Grants"): (0, 770_000, 847_000, 550_588, 0, 0),
    ("GF Capital", "Other"): (0, 945_600, 965_590, 844_034, -59_500, -59_500),
    ("Capital Receipts", "Right to Buy Sales"): (0, -1_216_550, -1_216_550, -777_867, 200_000, 200_000),
    ("Capital Receipts", "Equity Share & Other Sales"): (200_000, -3_046_220, -3_046_220, -1_438_575, 1_000_000, 800_000),
    ("Capital Receipts", "Other Capital Receipts"): (-19_200, 0, 0, -20_143, -19_200, 0),
    ("Capital Receipts", "Pooling of capital receipts paid to the Government"): (0, 2_300_000, 2_300_000, 0, -950_000, -950_000),
    ("Capital Receipts", "Other Grants & Allowances"): (0, -4_575_490, -4_575_490, -333_070, 0, 0),
    ("Capital Receipts", "Recharged Departmental & Overhead Accounts"): (21_500, 246_960, 246_960, 0, 21_500, 0),
}
SOUTH_CAMBS_PREVIOUSLY = {key: figures[0] for key, figures in SOUTH_CAMBS_LINES.items()}
SOUTH_CAMBS_WORKING = {key: figures[2] for key, figures in SOUTH_CAMBS_LINES.items()}
SOUTH_CAMBS_PROJECTED = {key: figures[4] for key, figures in SOUTH_CAMBS_LINES.items()}
SOUTH_CAMBS_MOVEMENT = {key: figures[5] for key, figures in SOUTH_CAMBS_LINES.items()}

# The printed total rows, keyed by (label, which occurrence of that label in the sheet: "Total" is printed twice), in
# the same column order as SOUTH_CAMBS_LINES.
_SOUTH_CAMBS_TOTALS: dict[tuple[str, int], tuple[int, int, int, int, int, int]] = {
    ("Total", 1): (240_700, 19_807_700, 20_034_000, 15_400_818, 197_700, -43_000),
    ("Total", 2): (606_000, 18_605_700, 18_832_000, 14_555_751, 563_000, -43_000),
    ("General Fund Total", 1): (580_000, 15_342_850, 15_520_280, 14_555_751, 538_500, -41_500),
    ("Net General Fund Total", 1): (403_000, 15_342_850, 15_520_280, 14_555_751, 361_500, -41_500),
    ("Housing Revenue Account Total", 1): (-100_800, 866_010, 866_010, -5_005_723, -208_600, -107_800),
    ("Capital Total", 1): (-308_700, 4_024_570, 4_174_010, 3_170_313, -1_228_200, -919_500),
}
_FIRST_TABLE = (SC_PREVIOUSLY, SC_REVISED, SC_WORKING, SC_ACTUAL, SC_PROJECTED, SC_MOVEMENT)
_SECOND_TABLE = (SC_PREVIOUSLY, SC_ORIGINAL, SC_WORKING, SC_ACTUAL, SC_PROJECTED, SC_MOVEMENT)
# {total: {column header (as its table heads it): printed figure in pounds}}
SOUTH_CAMBS_TOTALS: dict[tuple[str, int], dict[str, int]] = {
    key: dict(zip(_SECOND_TABLE if key[0] in ("Housing Revenue Account Total", "Capital Total") else _FIRST_TABLE, figures, strict=True))
    for key, figures in _SOUTH_CAMBS_TOTALS.items()
}
# What each printed total adds up (lines of SOUTH_CAMBS_LINES and totals above it); each adds up exactly as printed.
_GENERAL_FUND_LINES = list(SOUTH_CAMBS_LINES)[:17]
SOUTH_CAMBS_TOTAL_COVERS: dict[tuple[str, int], list[tuple[str, Any]]] = {
    ("Total", 1): _GENERAL_FUND_LINES,
    ("Total", 2): [("Total", 1), ("Expenditure", "Interest on Balances"), ("Expenditure", "Interest transferred to Housing Revenue account")],
    ("General Fund Total", 1): [("Total", 2), ("Expenditure", "Less Departmental/Overheads recharged to HRA & Capital")],
    ("Net General Fund Total", 1): [("General Fund Total", 1), ("Expenditure", "Use of Specific Reserves")],
    ("Housing Revenue Account Total", 1): [key for key in SOUTH_CAMBS_LINES if key[0] == "Housing Revenue Account"],
    ("Capital Total", 1): [key for key in SOUTH_CAMBS_LINES if key[0] in ("HRA Capital", "GF Capital", "Capital Receipts")],
}


def south_cambs_monitoring() -> dict[str, list[list[Any]]]:
    """The paper's two tables on one Monitoring sheet, in its order: the General Fund with its running totals, then the
    HRA and Capital under a second header row. Rows are eight cells wide, as the paper's are."""
    return {"Monitoring": [
        [SOUTH_CAMBS], [SOUTH_CAMBS_TITLE], [SOUTH_CAMBS_CAPTION],
        SC_HEADER,
        [None, "Revenue", None, None, None, None, None, None],
        [None, "Expenditure", None, None, None, None, None, None],
        ["(21,900)", "Departmental Accounts (note 1)", "16,600,710", "16,600,710", "12,166,294", "(17,900)", "4,000", "a"],
        [0, "Central Overheads (note 2)", "1,127,780", "1,127,780", "766,922", 0, 0, None],
        ["(74,000)", "Reduction from Original to Revised Estimates", "74,000", "74,000", None, "(74,000)", 0, "b"],
        [None, None, "Original Estimate 2009/10 £", None, None, None, None, None],  # the paper's sub-heading row, as printed
        ["(43,000)", "Land Charges", "(203,210)", "(203,210)", "(192,171)", "(43,700)", "(700)", "c"],
        [0, "Refuse Collection", "2,120,640", "2,120,640", "1,718,128", "78,700", "78,700", "d"],
        [0, "Street Cleansing", "606,550", "606,550", "468,026", "(42,700)", "(42,700)", "d"],
        [0, "Kerbside Recycling", "891,620", "891,620", "703,006", "(36,100)", "(36,100)", "d"],
        [0, "Homelessness", "155,950", "110,950", "13,945", "(200)", "(200)", None],
        [0, "Net HRA Recharges", "(334,940)", "(374,940)", 0, 0, 0, None],
        ["25,000", "Development Control (Gross Expenditure)", "126,750", "126,750", "94,888", "25,000", 0, "e"],
        ["332,000", "Development Control (Income)", "(1,335,330)", "(1,335,330)", "(651,057)", "241,600", "(90,400)", "f"],
        ["170,000", "Building Control", "(476,640)", "(476,640)", "(227,553)", "170,000", 0, "g"],
        ["65,500", "Concessionary Fares", "427,100", "427,100", "(219,467)", "99,100", "33,600", "h"],
        [0, "Growth Agenda", "(622,780)", "(622,780)", "(370,130)", "(6,100)", "(6,100)", None],
        [0, "Planning Policy", "189,040", "189,040", "45,012", "(46,300)", "(46,300)", "l"],
        ["(56,900)", "Other", "785,460", "1,096,760", "1,084,975", "6,300", "63,200", "j,k,l"],
        ["(156,000)", "Savings Target", "(325,000)", "(325,000)", 0, "(156,000)", 0, "m"],
        ["240,700", "Total", "19,807,700", "20,034,000", "15,400,818", "197,700", "(43,000)", None],
        ["380,000", "Interest on Balances", "(1,250,000)", "(1,250,000)", "(845,067)", "380,000", 0, "n"],
        ["(14,700)", "Interest transferred to Housing Revenue account", "48,000", "48,000", 0, "(14,700)", 0, "n"],
        ["606,000", "Total", "18,605,700", "18,832,000", "14,555,751", "563,000", "(43,000)", None],
        ["(26,000)", "Less Departmental/Overheads recharged to HRA & Capital", "(3,262,850)", "(3,311,720)", 0, "(24,500)", "1,500", None],
        ["580,000", "General Fund Total", "15,342,850", "15,520,280", "14,555,751", "538,500", "(41,500)", None],
        ["(177,000)", "Use of Specific Reserves", 0, 0, 0, "(177,000)", 0, "g"],
        ["403,000", "Net General Fund Total", "15,342,850", "15,520,280", "14,555,751", "361,500", "(41,500)", None],
        [],
        SC_SECOND_HEADER,
        ["Housing Revenue Account", None, None, None, None, None, None, None],  # headings from here on in the first column, as printed
        [0, "Housing Repairs - Revenue", "3,190,300", "3,127,300", "1,833,717", 0, 0, None],
        [0, "Building Maintenance Contractor (net less recharges)", "(373,650)", "(381,390)", "(134,504)", 0, 0, None],
        ["(90,000)", "Supported Housing (Gross Expenditure)", "1,816,680", "1,781,680", "1,130,826", "(90,000)", 0, "o"],
        [0, "Supported Housing (Gross Income)", "(1,477,000)", "(1,477,000)", "(716,369)", 0, 0, None],
        [0, "General Administration", "425,050", "421,180", "(4,065)", 0, 0, None],
        ["(30,000)", "Outdoor Maintenance", "231,360", "169,360", "146,969", "(36,300)", "(6,300)", "p"],
        ["14,700", "Other (including Payment to Government & Capital Charges)", "16,197,380", "15,640,120", "64,814", "14,700", 0, "n"],
        [0, "Rent Income", "(22,160,000)", "(21,480,000)", "(7,327,111)", "(100,000)", "(100,000)", "q"],
        ["4,500", "Recharged Departmental & Overhead Accounts", "3,015,890", "3,064,760", 0, "3,000", "(1,500)", None],
        [RULE, None, None, None, None, None, None, None],
        ["(100,800)", "Housing Revenue Account Total", "866,010", "866,010", "(5,005,723)", "(208,600)", "(107,800)", None],
        [RULE, None, None, None, None, None, None, None],
        ["Capital", None, None, None, None, None, None, None],
        ["Capital Expenditure", None, None, None, None, None, None, None],
        ["HRA Capital", None, None, None, None, None, None, None],
        [0, "Housing Repairs - Capital", "4,760,000", "4,741,000", "3,062,076", 0, 0, None],
        ["(200,000)", "Acquisition of Existing Dwellings", "3,000,000", "3,000,000", "1,071,270", "(1,000,000)", "(800,000)", "r"],
        ["(115,000)", "Other", "234,770", "253,770", "98,871", 0, "115,000", None],
        ["GF Capital", None, None, None, None, None, None, None],
        ["(196,000)", "ICT Development", "605,500", "657,950", "113,129", "(421,000)", "(225,000)", "t"],
        [0, "Improvement Grants", "770,000", "847,000", "550,588", 0, 0, None],
        [0, "Other", "945,600", "965,590", "844,034", "(59,500)", "(59,500)", "u"],
        ["Capital Receipts", None, None, None, None, None, None, None],
        [0, "Right to Buy Sales", "(1,216,550)", "(1,216,550)", "(777,867)", "200,000", "200,000", "v"],
        ["200,000", "Equity Share & Other Sales", "(3,046,220)", "(3,046,220)", "(1,438,575)", "1,000,000", "800,000", "s"],
        ["(19,200)", "Other Capital Receipts", 0, 0, "(20,143)", "(19,200)", 0, None],
        [0, "Pooling of capital receipts paid to the Government", "2,300,000", "2,300,000", 0, "(950,000)", "(950,000)", "v"],
        [0, "Other Grants & Allowances", "(4,575,490)", "(4,575,490)", "(333,070)", 0, 0, None],
        ["21,500", "Recharged Departmental & Overhead Accounts", "246,960", "246,960", 0, "21,500", 0, None],
        [RULE, None, None, None, None, None, None, None],
        ["(308,700)", "Capital Total", "4,024,570", "4,174,010", "3,170,313", "(1,228,200)", "(919,500)", None],
        [RULE, None, None, None, None, None, None, None],
    ]}


# ----------------------------------------------------------------------------------------------------------------------
# Kent County Council: Business Strategy & Support, September 2012-13, Table 1 (£'000s)
# ----------------------------------------------------------------------------------------------------------------------

KENT = "Council: Kent County Council"  # the paper prints no such row
KENT_TITLE = "BUSINESS STRATEGY & SUPPORT DIRECTORATE SUMMARY SEPTEMBER 2012-13 FULL MONITORING REPORT"
KENT_CAPTION = "1.1.2 Table 1 below details the revenue position by A-Z budget:"  # as printed, without its bold ("**Table 1**")
KENT_HEADER = [
    ["Budget Book Heading", "Cash Limit", None, None, "Variance", None, None, "Comment"],
    [None, "G", "I", "N", "G", "I", "N", None],
    [None, "£'000s", "£'000s", "£'000s", "£'000s", "£'000s", "£'000s", None],
]
KENT_COMMENTS = {
    "Finance & Procurement": "Many staff appointed at bottom of grade, budget based on mid-point of grade",
    "Governance & Law": "Revised business objectives as a result of Unit's Evolution programme",
    "Business Strategy": "Staffing vacancies and delays in recruitment",
    "Property & Infrastructure": "Extension to leasehold payments; more cautious approach to capitalising spend",
    "Human Resources": ("Under recovery of income on Schools Personnel Services, partially offset by underspend on staffing; "
                        "increased demand to support restructures resulting in staffing pressure on Employee Services; "
                        "increase in Rewards spend, offset with extra income"),
    "Information & Communication Technology": "IT pay as you go activity funded by additional income; staffing pressure due to continued demand",
    "- BSP&HR portfolio": "P&I, HR & ICT action - see section 1.1.7",
}

# Every budget line, as printed: {label: (cash limit G, I, N, variance G, I, N)} in £000.
KENT_LINES: dict[str, tuple[int, int, int, int, int, int]] = {
    "Finance & Procurement": (18_690, -7_469, 11_221, -285, 19, -266),
    "Strategic Management & Directorate Support budgets": (2_895, -4_520, -1_625, 62, -56, 6),
    "Governance & Law": (10_356, -12_470, -2_114, -490, 464, -26),
    "Business Strategy": (3_228, -139, 3_089, -201, 5, -196),
    "Property & Infrastructure": (28_526, -4_517, 24_009, 1_299, -700, 599),
    "Human Resources": (16_754, -5_645, 11_109, 186, -35, 151),
    "Information & Communication Technology": (32_815, -13_966, 18_849, 3_100, -2_786, 314),
    "Finance - Internal Audit": (1_107, -34, 1_073, -70, -42, -112),
    "Business Strategy - International & Partnerships": (997, -223, 774, -82, 46, -36),
    "Democratic & Member Services": (3_902, -3, 3_899, 75, -71, 4),
    "- Member Grants incl. County Council Elections": (1_273, 0, 1_273, 0, 0, 0),  # under "Local Democracy:"
}
KENT_PORTFOLIO_OF: dict[str, str] = {
    **dict.fromkeys(["Finance & Procurement"], "Finance & Business Support portfolio"),
    **dict.fromkeys(["Strategic Management & Directorate Support budgets", "Governance & Law", "Business Strategy", "Property & Infrastructure",
                     "Human Resources", "Information & Communication Technology"], "Business Strategy, Performance & Health Reform portfolio"),
    **dict.fromkeys(["Finance - Internal Audit", "Business Strategy - International & Partnerships", "Democratic & Member Services",
                     "- Member Grants incl. County Council Elections"], "Democracy & Partnerships portfolio"),
}
# The printed totals (£000), and the lines each adds up; each adds up exactly as printed.
KENT_TOTALS: dict[str, tuple[int, int, int, int, int, int]] = {
    "Total F&BS portfolio": (18_690, -7_469, 11_221, -285, 19, -266),
    "Total BSP&HR portfolio": (94_574, -41_257, 53_317, 3_956, -3_108, 848),
    "Total D&P portfolio": (7_279, -260, 7_019, -77, -67, -144),
    "Total BSS Controllable": (120_543, -48_986, 71_557, 3_594, -3_156, 438),
}
KENT_TOTAL_COVERS: dict[str, list[str]] = {
    "Total F&BS portfolio": [line for line, portfolio in KENT_PORTFOLIO_OF.items() if portfolio == "Finance & Business Support portfolio"],
    "Total BSP&HR portfolio": [line for line, portfolio in KENT_PORTFOLIO_OF.items()
                               if portfolio == "Business Strategy, Performance & Health Reform portfolio"],
    "Total D&P portfolio": [line for line, portfolio in KENT_PORTFOLIO_OF.items() if portfolio == "Democracy & Partnerships portfolio"],
    "Total BSS Controllable": list(KENT_LINES),
}
# Below the totals, as printed (None where the paper prints nothing): the assumed management action by portfolio, and
# the forecast after it (= "Total BSS Controllable"'s variance plus the action), in the same six columns.
KENT_MANAGEMENT_ACTION: dict[str, tuple[int | None, ...]] = {
    "- R&E portfolio": (None, None, None, None, None, 0),
    "- F&BS portfolio": (None, None, None, None, None, 0),
    "- BSP&HR portfolio": (None, None, None, -848, None, -848),
    "- D&P portfolio": (None, None, None, None, None, 0),
}
KENT_FORECAST_AFTER_ACTION: tuple[int | None, ...] = (None, None, None, 2_746, -3_156, -410)


def kent_cash_limits() -> dict[str, list[list[Any]]]:
    """Table 1 as printed, across its page break (the header's three rows and the BSP&HR portfolio heading repeated).
    Rows are eight cells wide, as the paper's are."""
    bsp_hr = "Business Strategy, Performance & Health Reform portfolio"
    return {"Monitoring": [
        [KENT], [KENT_TITLE], [KENT_CAPTION],
        *[list(row) for row in KENT_HEADER],
        ["Finance & Business Support portfolio", None, None, None, None, None, None, None],
        ["Finance & Procurement", "18,690", "-7,469", "11,221", "-285", "19", "-266", KENT_COMMENTS["Finance & Procurement"]],
        ["Total F&BS portfolio", "18,690", "-7,469", "11,221", "-285", "19", "-266", None],
        [bsp_hr, None, None, None, None, None, None, None],
        ["Strategic Management & Directorate Support budgets", "2,895", "-4,520", "-1,625", "62", "-56", "6", None],
        ["Governance & Law", "10,356", "-12,470", "-2,114", "-490", "464", "-26", KENT_COMMENTS["Governance & Law"]],
        ["Business Strategy", "3,228", "-139", "3,089", "-201", "5", "-196", KENT_COMMENTS["Business Strategy"]],
        ["Property & Infrastructure", "28,526", "-4,517", "24,009", "1,299", "-700", "599", KENT_COMMENTS["Property & Infrastructure"]],
        [],  # the page break: the seed prints a blank line, then the header's three rows and the portfolio heading again
        *[list(row) for row in KENT_HEADER],
        [bsp_hr, None, None, None, None, None, None, None],
        ["Human Resources", "16,754", "-5,645", "11,109", "186", "-35", "151", KENT_COMMENTS["Human Resources"]],
        ["Information & Communication Technology", "32,815", "-13,966", "18,849", "3,100", "-2,786", "314",
         KENT_COMMENTS["Information & Communication Technology"]],
        ["Total BSP&HR portfolio", "94,574", "-41,257", "53,317", "3,956", "-3,108", "848", None],
        ["Democracy & Partnerships portfolio", None, None, None, None, None, None, None],
        ["Finance - Internal Audit", "1,107", "-34", "1,073", "-70", "-42", "-112", None],
        ["Business Strategy - International & Partnerships", "997", "-223", "774", "-82", "46", "-36", None],
        ["Democratic & Member Services", "3,902", "-3", "3,899", "75", "-71", "4", None],
        ["Local Democracy:", None, None, None, None, None, None, None],
        ["- Member Grants incl. County Council Elections", "1,273", 0, "1,273", 0, 0, 0, None],
        ["Total D&P portfolio", "7,279", "-260", "7,019", "-77", "-67", "-144", None],
        ["Total BSS Controllable", "120,543", "-48,986", "71,557", "3,594", "-3,156", "438", None],
        ["Assumed Management Action:", None, None, None, None, None, None, None],
        ["- R&E portfolio", None, None, None, None, None, 0, None],
        ["- F&BS portfolio", None, None, None, None, None, 0, None],
        ["- BSP&HR portfolio", None, None, None, "-848", None, "-848", KENT_COMMENTS["- BSP&HR portfolio"]],
        ["- D&P portfolio", None, None, None, None, None, 0, None],
        ["Forecast after Mgmt Action", None, None, None, "2,746", "-3,156", "-410", None],
    ]}
