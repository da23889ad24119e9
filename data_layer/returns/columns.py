"""The returns' sheets and columns: which sheet names mean which kind of sheet, the header words
(and synonyms) of each column, which columns are required, and what goes in each (the column guide the
templates are written from). Rules: returns-spec sections 1-3.
"""

from __future__ import annotations

from dataclasses import dataclass

from data_layer.values import cell_display

SHEET_KINDS = {
    "services": "Services",
    "budget": "Budget",
    "savings": "Savings",
    "kpis": "KPIs",
    "kpi": "KPIs",
    "performance": "KPIs",
    "indicators": "KPIs",
    "pis": "KPIs",
    "staff": "Staff",
    "objectives": "Objectives",
    "risks": "Risks",  # budget risks in words, or a register when its columns say so (likelihood, impact, rating, owner)
    "risk register": "Risk register",
    "risk registers": "Risk register",
    "register": "Risk register",
    "directorate risk register": "Risk register",
    "corporate risk register": "Risk register",
    "service risk register": "Risk register",
    "actions": "Actions",
    "action plan": "Actions",
    "action plans": "Actions",
    "milestones": "Actions",
    "improvement plan": "Actions",
    "service plan actions": "Actions",
    "monitoring": "Monitoring",
    "revenue monitoring": "Monitoring",
    "budget monitoring": "Monitoring",
    "capital": "Capital",
    "capital programme": "Capital",
    "capital monitoring": "Capital",
}
# Read in this order so a Services sheet's directorates are known to the money sheets.
SHEET_ORDER = ("Services", "Budget", "Savings", "KPIs", "Staff", "Objectives", "Risks", "Monitoring", "Capital", "Risk register", "Actions")

_COMMON = {
    "service": "service",
    "service name": "service",
    "directorate": "directorate",
    "head of service": "directorate",
    "portfolio": "directorate",
}
def header_text(value: object) -> str:
    text = " ".join(cell_display(value).replace("\n", " ").split()).casefold()
    return text.strip(" :*")


# A risk register's columns (a Risks sheet with any of REGISTER_MARKERS is read as a register, not budget risks).
REGISTER_SYNONYMS = {
    "risk ref": "reference", "risk reference": "reference", "risk no": "reference", "risk no.": "reference", "risk id": "reference",
    "risk number": "reference", "ref": "reference", "ref.": "reference", "reference": "reference", "no.": "reference", "no": "reference",
    "risk title": "title", "title": "title", "risk description": "title", "description": "title", "risk name": "title",
    "owner": "owner", "risk owner": "owner", "risk owner(s)": "owner", "owner(s)": "owner", "lead officer": "owner",
    "responsible officer": "owner", "risk lead": "owner",
    "source / cause of risk": "cause", "source/cause of risk": "cause", "cause": "cause", "cause of risk": "cause", "source": "cause",
    "risk event": "event", "event": "event",
    "consequence": "consequence", "consequences": "consequence", "effect": "consequence",
    "current likelihood": "current_likelihood", "likelihood": "current_likelihood", "probability": "current_likelihood",
    "current probability": "current_likelihood", "likelihood (current)": "current_likelihood",
    "current impact": "current_impact", "impact": "current_impact", "severity": "current_impact", "impact (current)": "current_impact",
    "current risk rating": "current_rating", "current rating": "current_rating", "risk rating": "current_rating",
    "rating": "current_rating", "current score": "current_rating", "risk score": "current_rating", "score": "current_rating",
    "target likelihood": "target_likelihood", "target residual likelihood": "target_likelihood",
    "residual likelihood": "target_likelihood", "likelihood (target)": "target_likelihood",
    "target impact": "target_impact", "target residual impact": "target_impact", "residual impact": "target_impact",
    "impact (target)": "target_impact",
    "target risk rating": "target_rating", "target rating": "target_rating", "residual rating": "target_rating",
    "target score": "target_rating", "residual risk rating": "target_rating",
    "controls": "controls", "control title": "controls", "existing controls": "controls", "controls / mitigation": "controls",
    "controls/mitigation": "controls", "mitigation": "controls", "mitigating actions": "controls",
    "action being taken": "controls", "controls in place": "controls",
    "review date": "review", "next review": "review", "next review date": "review", "review": "review",
    "register date": "as_at", "as at": "as_at", "date of register": "as_at",
    "comments": "register_commentary", "notes": "register_commentary", "commentary": "register_commentary",
}
REGISTER_MARKERS = {"current_likelihood", "current_impact", "current_rating", "target_likelihood", "target_impact", "target_rating",
                    "owner", "reference", "title"}
HEADER_SYNONYMS: dict[str, dict[str, str]] = {
    "Services": {
        **_COMMON,
        "also known as": "aliases", "aliases": "aliases", "alias": "aliases", "other names": "aliases",
        "committees": "committees", "committee": "committees", "reviewed by": "committees",
        "select committee": "committees", "select committees": "committees",
        "notes": "notes",
    },
    "Budget": dict(_COMMON),
    "Savings": {
        **_COMMON,
        "description": "description", "saving": "description", "details": "description",
        "status": "status", "delivery status": "status",
    },
    "KPIs": {
        **_COMMON,
        "code": "code", "pi code": "code", "ref": "code", "reference": "code", "indicator code": "code",
        "indicator": "indicator", "measure": "indicator", "pi name": "indicator", "pi": "indicator",
        "indicator name": "indicator", "performance indicator": "indicator",
        "period": "period", "month": "period", "quarter": "period",
        "target": "target",
        "actual": "actual", "performance": "actual", "outturn": "actual", "value": "actual", "result": "actual",
        "polarity": "polarity", "good performance is": "polarity",
        "unit": "unit", "units": "unit",
        "tolerance": "tolerance",
        "commentary": "commentary", "comments": "commentary", "comment": "commentary", "notes": "commentary",
        "override": "override", "officer override": "override", "override band": "override",
        "override reason": "override_reason", "reason for override": "override_reason",
        "measure name": "indicator", "indicator description": "indicator", "kpi": "indicator", "kpi name": "indicator",
        "unit of measure": "unit", "units of measure": "unit", "measure unit": "unit",
        "frequency": "frequency", "reporting frequency": "frequency", "freq": "frequency",
        "cumulative": "cumulative", "cumulative?": "cumulative", "ytd": "cumulative", "year to date": "cumulative",
        "type": "type", "indicator type": "type", "kpi type": "type", "pi type": "type", "measure type": "type",
    },
    "Staff": {
        **_COMMON,
        "fte": "fte", "ftes": "fte", "staff": "fte", "staff fte": "fte", "staff ftes": "fte",
        "full time equivalents": "fte", "full time equivalent": "fte",
        "year": "year",
    },
    "Objectives": {
        **_COMMON,
        "objective": "objective", "objectives": "objective", "key objective": "objective",
        "key objectives": "objective", "key service objective": "objective", "key service objectives": "objective",
        "year": "year",
    },
    "Risks": {
        **_COMMON,
        "risk": "commentary", "risks": "commentary", "budget risk": "commentary", "budget risks": "commentary",
        "commentary": "commentary",
        "heading": "heading", "risk area": "heading", "area": "heading",
        "year": "year",
    },
    "Risk register": {**_COMMON, **REGISTER_SYNONYMS, "risk": "title", "risks": "title", "year": "year"},
    "Actions": {
        **_COMMON,
        "ref": "reference", "ref.": "reference", "reference": "reference", "no.": "reference", "no": "reference",
        "action no": "reference", "action ref": "reference", "council action #": "reference",
        "action": "action", "actions": "action", "action title": "action", "milestone": "action", "milestones": "action",
        "smart actions or milestones": "action", "smart* actions or milestones": "action", "actions or milestones": "action",
        "task": "action", "description": "action", "key actions": "action", "project": "action",
        "owner": "owner", "action owner": "owner", "lead officer": "owner", "officer": "owner", "lead": "owner",
        "responsible officer": "owner", "responsibility": "owner", "who": "owner",
        "linked objective": "link", "objective": "link", "link": "link", "links to": "link", "linked indicator": "link",
        "links to corporate plan": "link", "supporting objective": "link", "objective or indicator": "link",
        "due": "due", "due date": "due", "deadline": "due", "target date": "due", "planned completion date": "due",
        "completion by month": "due", "completion date": "due", "end date": "due", "by when": "due", "when": "due",
        "target completion": "due", "deadline (month) for action": "due",
        "status": "status", "progress status": "status", "current status": "status",
        "% complete": "percent_complete", "percent complete": "percent_complete", "complete %": "percent_complete",
        "progress %": "percent_complete", "percentage complete": "percent_complete", "% completed": "percent_complete",
        "commentary": "commentary", "comments": "commentary", "comment": "commentary", "progress": "commentary",
        "progress update": "commentary", "notes": "commentary", "update": "commentary", "progress to date": "commentary",
        "as at": "as_at", "status date": "as_at", "report date": "as_at", "reported": "as_at",
        "year": "year",
    },
    # The in-year sheets read their headings by what they say (returns/monitoring.py, returns/capital.py column_meaning);
    # these are the template's words.
    "Monitoring": {},
    "Capital": {},
}
# A row is the header when it has one of these columns.
HEADER_MARKERS = {
    "Services": {"service"},
    "Budget": {"service"},
    "Savings": {"service"},
    "KPIs": {"indicator", "code"},
    "Staff": {"service"},
    "Objectives": {"service"},
    "Risks": {"service", "directorate"} | REGISTER_MARKERS,
    "Risk register": REGISTER_MARKERS,
    "Actions": {"action"},
    "Monitoring": {"service"},
    "Capital": {"scheme"},
}


@dataclass(frozen=True)
class ColumnGuide:
    """One column of a return: its meaning, the header templates use, whether it is required, and what goes in it."""

    meaning: str
    header: str
    required: bool
    what: str
    example: tuple[object, ...] = ()  # one value per example row of the template


YEAR_COLUMNS = "one column per year"  # the money sheets' period columns, not a single header
# The returns' columns, in template order. The importer's header synonyms include every header
# here and its required columns come from here, and the templates are written from here, so the
# two cannot drift apart.
COLUMN_GUIDE: dict[str, list[ColumnGuide]] = {
    "Services": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR")),
        ColumnGuide("service", "Service", True, "The service's name", ("Revenues", "Finance")),
        ColumnGuide("aliases", "Also known as", False, "Other names returns use for it, separated by ;", ("Revenues & Benefits; Local Tax", None)),
        ColumnGuide("committees", "Reviewed by", False, "Committees reviewing it, separated by ;, the part reviewed in brackets",
                    ("Services Select Committee", "Services Select Committee")),
        ColumnGuide("notes", "Notes", False, "Anything a reader should know", (None, None)),
    ],
    "Budget": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR", None)),
        ColumnGuide("service", "Service", True, "The service's name; a row whose name contains 'total' is a total, checked against its rows",
                    ("Finance", "Revenues", "TOTAL")),
        ColumnGuide(YEAR_COLUMNS, "2012/13", True, "Net budget for each year (headings such as 2012/13, Budget 12/13); "
                    "£000 unless a title or heading says £, £k or £m; negative for net income; - means zero",
                    ("2,834", "(154)", "2,680")),
    ],
    "Savings": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR", None)),
        ColumnGuide("service", "Service", True, "The service's name; a row whose name contains 'total' is a total, checked against its rows",
                    ("Finance", "Revenues", "TOTAL")),
        ColumnGuide(YEAR_COLUMNS, "2012/13", True, "Savings for each period (2012/13, or a range such as 2008 - 10), £000 unless a title says otherwise",
                    (50, 30, 80)),
        ColumnGuide("description", "Description", False, "What the saving is", ("Shared service with Dartford", "Self-service", None)),
        ColumnGuide("status", "Status", False, "delivered, on track, at risk or undeliverable", ("on track", "at risk", None)),
    ],
    "KPIs": [
        ColumnGuide("code", "Code", False, "The indicator's reference", ("HB01", "CS01")),
        ColumnGuide("indicator", "Indicator", True, "The indicator's name", ("Average days to process new benefit claims", "Calls answered within 20 seconds")),
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "IT & Facilities Management")),
        ColumnGuide("service", "Service", True, "The service it belongs to", ("Housing Benefits", "Customer Services")),
        ColumnGuide("period", "Period", True, "A financial year (2012/13), quarter (Q2 2012/13) or month (Aug 2012)", ("Aug 2012", "Q2 2012/13")),
        ColumnGuide("target", "Target", True, "A number (90%+, <12, 3.4+), Yes/No, or text", ("<= 20", "80%")),
        ColumnGuide("actual", "Actual", True, "A number (92.28%, 11.3 sq m), Yes/No, or N/A, TBC... for no data", (26.5, "84%")),
        ColumnGuide("polarity", "Polarity", False, "Higher is better or Lower is better (otherwise the target decides)", ("Lower is better", None)),
        ColumnGuide("unit", "Unit", False, "days, %, £...", ("days", "%")),
        ColumnGuide("frequency", "Frequency", False, "monthly, quarterly or annual; add cumulative YTD for a year-to-date figure",
                    ("monthly", "quarterly")),
        ColumnGuide("type", "Type", False, "data only (or for information) for an indicator shown but never banded", (None, None)),
        ColumnGuide("tolerance", "Tolerance", False, "How far short is still Amber (default 10%)", (None, "5%")),
        ColumnGuide("commentary", "Commentary", False, "Why, and what is being done", ("Backlog after the system upgrade", None)),
        ColumnGuide("override", "Override", False, "An officer's band (Green, Amber or Red) instead of the computed one", (None, None)),
        ColumnGuide("override_reason", "Override reason", False, "Why the band is overridden (required with an Override)", (None, None)),
    ],
    "Staff": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR",)),
        ColumnGuide("service", "Service", True, "The service's name", ("Finance",)),
        ColumnGuide("fte", "FTE", True, "Full time equivalent staff", (24.5,)),
        ColumnGuide("year", "Year", False, "The financial year (or put it in a title row)", ("2012/13",)),
    ],
    "Objectives": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR",)),
        ColumnGuide("service", "Service", True, "The service's name", ("Finance",)),
        ColumnGuide("objective", "Objective", True, "One key service objective per row", ("Close the accounts by 30 June",)),
        ColumnGuide("year", "Year", False, "The financial year (or put it in a title row)", ("2012/13",)),
    ],
    "Risks": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Housing & Communications",)),
        ColumnGuide("service", "Service", False, "The service, if the risk is one service's", (None,)),
        ColumnGuide("heading", "Heading", False, "A short heading", ("Housing - Homeless",)),
        ColumnGuide("commentary", "Budget risk", True, "The budget risk, in words", ("Bed and breakfast costs may exceed the budget",)),
        ColumnGuide("year", "Year", False, "The financial year (or put it in a title row)", ("2012/13",)),
    ],
    "Risk register": [
        ColumnGuide("reference", "Risk ref", True, "The risk's reference, the same in every register (a later register is matched by it)",
                    ("BSS1", "HS2")),
        ColumnGuide("title", "Risk title", True, "The risk in a few words", ("Governance and internal control", "Homelessness demand")),
        ColumnGuide("directorate", "Directorate", False, "The directorate it belongs to (blank for a risk of the whole council)",
                    ("Business Strategy & Support", "Housing & Communications")),
        ColumnGuide("service", "Service", False, "The service, if the risk is one service's", (None, "Housing")),
        ColumnGuide("owner", "Risk owner", False, "Who owns the risk", ("Director of Governance & Law", "Head of Housing")),
        ColumnGuide("cause", "Cause", False, "The source or cause of the risk", (None, "Rising rents and evictions")),
        ColumnGuide("consequence", "Consequence", False, "What happens if it occurs", (None, "Bed and breakfast costs exceed the budget")),
        ColumnGuide("current_likelihood", "Current likelihood", False,
                    "1-5 or the scale's word (Very unlikely, Unlikely, Possible, Likely, Very likely), or 'Possible (3)'; "
                    "blank or 'Risk assessment in progress' for none yet", ("Possible (3)", 4)),
        ColumnGuide("current_impact", "Current impact", False, "1-5 or the scale's word (Minor, Moderate, Significant, Serious, Major)",
                    ("Significant (3)", "Serious")),
        ColumnGuide("target_likelihood", "Target likelihood", False, "The likelihood the controls aim for", ("Unlikely (2)", 2)),
        ColumnGuide("target_impact", "Target impact", False, "The impact the controls aim for", ("Moderate (2)", "Serious")),
        ColumnGuide("current_rating", "Current rating", False, "Optional: likelihood x impact as printed, checked against them", (9, 16)),
        ColumnGuide("controls", "Controls", False, "Controls and mitigating actions", ("Code of Corporate Governance", "Prevention fund")),
        ColumnGuide("review", "Review date", False, "When it is next reviewed", ("March 2013", "Q4 2012/13")),
        ColumnGuide("as_at", "Register date", False, "The register's month (or put it in a title row, e.g. December 2012)",
                    ("December 2012", "December 2012")),
    ],
    "Actions": [
        ColumnGuide("reference", "Ref", False, "The action's reference (a later plan is matched by it, else by the action's words)", ("1.1", "8")),
        ColumnGuide("action", "Action", True, "The action or milestone", ("Review S106 local letting criteria", "Refresh the risk policy")),
        ColumnGuide("directorate", "Directorate", False, "The directorate it belongs to", ("Housing & Communications", "Finance & HR")),
        ColumnGuide("service", "Service", False, "The service it belongs to", ("Housing", None)),
        ColumnGuide("owner", "Owner", False, "Who leads it", ("Head of Housing", "Head of Business Intelligence")),
        ColumnGuide("link", "Linked objective", False, "The objective or indicator it serves (optional)", ("SCAP 11.3 (LPI155)", None)),
        ColumnGuide("due", "Due", True, "A date (31/03/2013), a month (March 2013), a quarter (Q4 2012/13 or 11/12: Q4), a year (12/13), "
                    "or TBC / Ongoing", ("11/12: Q4", "December 2013")),
        ColumnGuide("status", "Status", False, "not started, on track, at risk, complete, late or cancelled", ("on track", "not started")),
        ColumnGuide("percent_complete", "% complete", False, "How far through it is, 0-100%", ("50%", None)),
        ColumnGuide("commentary", "Commentary", False, "Progress, and what is being done", ("Criteria drafted", None)),
        ColumnGuide("as_at", "As at", False, "The month the plan reports at (or put it in a title row, e.g. as at September 2012); "
                    "overdue means due before this", ("Sep 2012", "Sep 2012")),
    ],
    "Monitoring": [
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio", ("Finance & HR", "Finance & HR", None)),
        ColumnGuide("service", "Service", True, "The service or cost centre; a row whose name contains 'total' is a total, checked against its rows",
                    ("Finance", "Revenues", "TOTAL")),
        ColumnGuide("period", "Period", False, "The month reported (Sep 2012), a quarter (Q2 2012/13) or Period 6 with a Year "
                    "(or put the month in a title row)",
                    ("Sep 2012", "Sep 2012", "Sep 2012")),
        ColumnGuide("budget", "Budget", True, "The budget for the year (also Original budget, Revised budget, Working estimate, Cash limit, "
                    "Current budget); £000 unless a title or heading says £, £k or £m; negative for net income", ("2,834", "(154)", "2,680")),
        ColumnGuide("profiled_budget", "Profiled budget to date", False, "The budget profiled to the end of the period", ("1,417", "(77)", "1,340")),
        ColumnGuide("actual_to_date", "Actual to date", False, "Spend (less income) to the end of the period", ("1,450", "(60)", "1,390")),
        ColumnGuide("forecast", "Forecast outturn", True, "The year's projected outturn (also Projected outturn, Forecast); "
                    "give it, or the Variance, or both", ("2,900", "(140)", "2,760")),
        ColumnGuide("variance", "Variance", False, "(Under)/over spend: forecast less budget, positive an overspend; checked against them when both are given",
                    (66, 14, 80)),
        ColumnGuide("previous_variance", "Previous variance", False, "The variance reported last time", (40, 14, 54)),
        ColumnGuide("gross_expenditure", "Gross expenditure", False, "The gross expenditure budget", (None, "1,200", None)),
        ColumnGuide("income", "Income", False, "The income budget (negative)", (None, "(1,354)", None)),
        ColumnGuide("management_action", "Management action", False, "What is being done about a significant variance",
                    ("Vacancy freeze from October", None, None)),
        ColumnGuide("commentary", "Commentary", False, "Why the forecast differs from the budget", ("Agency staff covering sickness", None, None)),
    ],
    "Capital": [
        ColumnGuide("scheme", "Scheme", True, "The capital scheme or project; a row whose name contains 'total' is a total",
                    ("Leisure centre roof", "Vehicle replacement")),
        ColumnGuide("directorate", "Directorate", False, "Head of service, directorate or portfolio (or give the Service)",
                    ("Community & Planning", "Direct Services")),
        ColumnGuide("service", "Service", False, "The service the scheme belongs to", ("Leisure", "Refuse Collection")),
        ColumnGuide("period", "Period", False, "The month reported (Sep 2012) (or put it in a title row)", ("Sep 2012", "Sep 2012")),
        ColumnGuide("total_budget", "Total budget", False, "The scheme's approved budget over all its years", ("1,200", 850)),
        ColumnGuide("budget_year", "Budget this year", True, "This year's budget for the scheme (also Budget 2012/13)", (600, 850)),
        ColumnGuide("spend_to_date", "Spend to date", False, "Spent so far this year", (150, 700)),
        ColumnGuide("forecast_year", "Forecast this year", True, "This year's forecast spend (give this or the Forecast total)", (350, 850)),
        ColumnGuide("forecast_total", "Forecast total", False, "The scheme's forecast cost over all its years", ("1,250", 850)),
        ColumnGuide("slippage", "Slippage", False, "Budget re-phased into later years (positive)", (250, None)),
        ColumnGuide("officer_rag", "RAG", False, "The officer's Green, Amber or Red (otherwise worked out from the forecast)", ("Amber", None)),
        ColumnGuide("rag_reason", "Reason", False, "Why: what has slipped or overspent, and what is being done", ("Contractor delayed to spring", None)),
    ],
}
for _kind, _guide in COLUMN_GUIDE.items():
    for _column in _guide:
        if _column.meaning != YEAR_COLUMNS:
            HEADER_SYNONYMS[_kind].setdefault(header_text(_column.header), _column.meaning)
for _header, _meaning in HEADER_SYNONYMS["Risk register"].items():  # a Risks sheet may be a register: it reads a register's headings
    HEADER_SYNONYMS["Risks"].setdefault(_header, _meaning)
REQUIRED_COLUMNS = {
    kind: tuple(c.meaning for c in guide if c.required and c.meaning != YEAR_COLUMNS)
    for kind, guide in COLUMN_GUIDE.items()
    if kind not in ("Budget", "Savings", "Monitoring", "Capital", "Risks", "Risk register", "Actions")  # those check their own
}
SAVINGS_STATUSES = {
    "delivered": "delivered", "achieved": "delivered", "complete": "delivered", "completed": "delivered",
    "on track": "on track", "on target": "on track",
    "at risk": "at risk",
    "undeliverable": "undeliverable", "not deliverable": "undeliverable", "unachievable": "undeliverable",
}
ACTION_STATUSES = {
    "not started": "not started", "not yet started": "not started", "not begun": "not started", "planned": "not started",
    "on track": "on track", "on target": "on track", "on schedule": "on track", "green": "on track",
    "at risk": "at risk", "amber": "at risk", "some slippage": "at risk",
    "complete": "complete", "completed": "complete", "done": "complete", "achieved": "complete", "delivered": "complete",
    "late": "late", "delayed": "late", "behind": "late", "behind schedule": "late", "overdue": "late", "slipped": "late", "red": "late",
    "cancelled": "cancelled", "canceled": "cancelled", "withdrawn": "cancelled", "deleted": "cancelled", "no longer required": "cancelled",
}
OVERRIDE_BANDS = {"green": "Green", "g": "Green", "amber": "Amber", "a": "Amber", "red": "Red", "r": "Red"}
