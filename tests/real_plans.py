"""Risk registers and action plans (a "Risk register" or "Risks" sheet, an "Actions" or "Milestones" sheet), shaped the way
councils really write them, built by the tests (deterministic, no files in the repo). Every word and figure is transcribed
exactly as printed in the seeds in ../shared/seeds/; every cell the papers do not print is said to be added, here, beside
it. The papers print these as report pages, not spreadsheets: each is laid out as a council officer would type it into
Excel (title rows, one header row, one row per risk or action). Where a printed cell runs over several printed rows, its
parts are joined with a space; a risk's controls are one cell, their titles joined with "; " (their owners are left out).
HTML left in the seed text by its conversion ("<i>New Work Spaces</i>", list markers "- ") is dropped.

- kent_register(): Kent County Council, kent-policy-resources-cabinet-committee-2013-01.txt (lines 419-557): the
  "Business Strategy & Support Directorate Risk Register", "December 2012". The six risks BSS1-BSS6 as their detail
  pages print them (Risk ID, Risk Title, Source / Cause of Risk, Risk Event, Consequence, Risk Owner, Current and Target
  Residual Likelihood and Impact, e.g. "Possible (3)"), with the Summary Risk Profile's Current and Target Risk Rating
  beside them (lines 434-440); the Directorate column ("Business Strategy & Support") is added, from the title. BSS3
  prints "Significant (4)" for its current impact, while the paper's scale (line 445) makes Significant 3: the summary's
  12 is 3 x 4, so the printed number is meant. BSS6 prints no likelihood or impact, only "*Risk assessment in progress"
  under its target likelihood (kept in that cell); its summary rating is "Risk assessment in progress", its target
  rating blank. The risks' own actions (Action Title, Action Owner, Planned Completion Date: 23) are the Actions sheet,
  each with a Ref added ("BSS1.1": the risk and the action's place under it). The paper's Likelihood & Impact Scales
  table is a sheet of its own ("Scales", not read): typed above the header, its "Likelihood" row would be taken for it.
- melton_register(): Melton Borough Council, melton-central-services-service-plan-2012-13.txt, section 5 Risk
  Management (lines 390-479): the likelihood x impact matrix, MELTON_GRID (probability A Very high ... F Almost
  impossible; impact IV Negligible ... I Catastrophic), and the 57 risks listed under Finance, Property /Legal
  /Procurement, Change, Internal Audit and IT (their Risk No. as printed, "1."; the section heading as the Service). Each
  risk's Likelihood and Impact are the labels of the grid row and column it is printed in ("B High", "III Marginal");
  the grid places all 57, and places no number the list does not have. The grid's cells are kept as printed
  (MELTON_GRID_PRINTED: "6,9,,41,54", "7, 11,19 38,42,51,55,62") and read by grid_numbers(). Melton's scale is six
  by four (MELTON_LIKELIHOOD, MELTON_IMPACT, lowest first); the paper prints no bands: MELTON_MEDIUM_FROM and
  MELTON_HIGH_FROM are ours (see there). The plan prints no month, only "Central Services Service Plan 2012/13", and
  the importer needs the register's month (a title row or a 'Register date' column) so that a later register can say
  which risks are coming down: melton_register() as printed is refused with that message; melton_register(as_at="April
  2012") adds a title row "April 2012" (NOT printed: the first month of the plan's year, added by us) and loads.
- sevenoaks_actions(): Sevenoaks District Council, sevenoaks-services-select-committee-2012-01.txt, the Housing
  Strategy Action Plan (2012) (its cover, line 622-630: "HOUSING STRATEGY ACTION PLAN (2012)", "January 2012"; the
  plan, lines 692-742): 25 actions that print a deadline, each split where the plan writes "by": the action's words
  before it, its deadline after it ("11/12: Q4", "12/13: Q2", "13/14: Q3", "12/13", "13/14", "13/14 Q2" as printed,
  one with its reference "12/13: Q2 (SHMA, p18, 1.16)"); the objective's number (the plan's NO column) as the Linked
  objective; its LEAD cell as the Owner, the leads joined with "; " as listed ("HPM; DCM; PPM; HAs"). The plan gives
  no status: Status is blank. A bullet split over a page break is joined with a space.
- south_cambs_milestones(): South Cambridgeshire District Council, south-cambs-policy-performance-portfolio-2010-03.txt,
  "IMPROVEMENT PLAN: ICT Service (draft)" (lines 2029-2080, the ICT service plan 2010/11): 8 of its milestones (SMART*
  Actions or Milestones, Completion by Month, Officer; with the COUNCIL Aim/ Approach, Service Objective and Supporting
  Objective columns as printed). Its long "Supporting Information" column is left out; so is the one row whose Officer
  is cut short ("IC"). The plan prints no month it reports at.

The council title rows ("Council: Kent County Council", ...) are added: the papers print no such row.
"""

from __future__ import annotations

import re
from typing import Any

# ----------------------------------------------------------------------------------------------------------------------
# Kent County Council: Business Strategy & Support Directorate Risk Register, December 2012
# ----------------------------------------------------------------------------------------------------------------------

KENT = "Council: Kent County Council"  # added
KENT_TITLE = "Business Strategy & Support Directorate Risk Register"
KENT_MONTH = "December 2012"
KENT_DRAFT = "DRAFT AHEAD OF P&R CABINET COMMITTEE – 08/01/13"
KENT_NB = ("NB: THE FOCUS FOR THE DIRECTORATE REGISTER IS ON CROSS-CUTTING RISKS AFFECTING THE WHOLE DIRECTORATE (OR SEVERAL "
           "SERVICE UNITS).")
KENT_DIRECTORATE = "Business Strategy & Support"  # added column, from the title
KENT_HEADER = ["Risk ID", "Risk Title", "Directorate", "Source / Cause of Risk", "Risk Event", "Consequence", "Risk Owner",
               "Current Likelihood", "Current Impact", "Target Residual Likelihood", "Target Residual Impact",
               "Current Risk Rating", "Target Risk Rating", "Control Title"]
KENT_SCALES = [  # line 443-445, as printed
    ["Likelihood & Impact Scales (Risk Rating = Likelihood x Impact)"],
    ["Likelihood", "Very Unlikely (1)", "Unlikely (2)", "Possible (3)", "Likely (4)", "Very Likely (5)"],
    ["Impact", "Minor (1)", "Moderate (2)", "Significant (3)", "Serious (4)", "Major (5)"],
    [],
    ["Low = 1-6"], ["Medium = 8-15"], ["High = 16-25"],
]

# Each risk as its detail page prints it. "likelihood" etc.: (current likelihood, current impact, target residual
# likelihood, target residual impact), None for a cell the page leaves empty. "rating": the Summary Risk Profile's
# (current, target) rating.
KENT_RISKS: list[dict[str, Any]] = [
    {
        "ref": "BSS1", "title": "Governance and Internal Control",
        "cause": ("The directorate has a lead role in ensuring that the Council has adequate governance arrangements in place to "
                  "help achieve its statutory responsibilities and protect the Council's assets and finances. This has been "
                  "particularly important during a period of significant organisational change. It is also important that the "
                  "internal operations of the directorate are sound, in particularly relating to budgetary control."),
        "event": ("Failure to ensure that adequate governance arrangements for the Council are in place and well communicated. "
                  "Major governance or internal control failure within the directorate."),
        "consequence": ("Major reputational damage and financial loss Fail external inspection/audit Loss of confidence in the "
                        "Council and possible government intervention."),
        "owner": "Corporate Director Finance & Procurement Director Governance & Law",
        "scores": ("Possible (3)", "Significant (3)", "Unlikely (2)", "Moderate (2)"),
        "rating": (9, 4),
        "controls": [
            "KCC Constitution Incorporating: Articles of the Constitution; Statement of Executive Arrangements; Allocation and "
            "Delegation of Functions and Responsibilities; Policy Framework; Procedure Rules; Resource Management "
            "Responsibilities Statement; Ethical Behavior Codes and Protocols; Members' Allowances Scheme; Management Structure; "
            "Member Details and Code of Corporate Governance",
            "Redesigned and refreshed Code of Corporate Governance in place in line with CIPFA/SOLACE guidelines and new KCC "
            "Governance Arrangements. It references evidence of KCC operating controls, procedures, practices, policies, rules, "
            "regulatory rules, schemes, systems of internal control, plans, strategies, etc.",
            "Blue Book – Kent Scheme manual sets out the detail of Kent Scheme terms and conditions of employment, legal "
            "references and other relevant links for all staff.",
            "Kent Manager standard- defines managers' role clearly, setting out exactly what is required of KCC managers",
            "Governance and Audit Committee & Internal Audit roles",
            "Standards Committee, Scrutiny Committee & Cabinet Committee roles",
            "KCC Constitution revised to accord with new governance arrangements, including introduction of a new Forward Plan "
            "template. New scheme of delegation to officers approved by Cabinet.",
            "Counter Fraud Team – anti-fraud strategy in place",
            "Robust and well established financial controls including monthly and quarterly monitoring, monthly monitoring of "
            "savings delivery plan",
        ],
    },
    {
        "ref": "BSS2", "title": "Responsiveness to emerging Government reforms and directives",
        "cause": ("KCC must remain responsive to and be prepared for Government Reforms and Directives and endeavour to implement "
                  "them efficiently and effectively."),
        "event": ("Failure to effectively monitor Central Government activity (Horizon Scanning) Inability to predict / forecast "
                  "implications on KCC strategic priorities, and business plans and finances. Failure to take advantage of new "
                  "initiatives and opportunities Failure to establish reasonable contingent actions to minimise any adverse impact"),
        "consequence": ("KCC falls behind other Local Authorities in its development impacting national reputation, economy and "
                        "future opportunities. KCC does not prepare for, or implement change effectively and realise predicted "
                        "benefits attracting undesirable government attention, penalties or intervention or reputational damage."),
        "owner": "Head of Policy & Strategic Relationships Head of Business Intelligence",
        "scores": ("Possible (3)", "Significant (3)", "Unlikely (2)", "Moderate (2)"),
        "rating": (9, 4),
        "controls": [
            "Horizon scanning by Policy & Strategic Relationships and Business Intelligence teams",
            "Regular briefings on emerging Government policy by policy staff and appropriate representation on relevant Boards",
            "CMT/Cabinet and DMT discussions on significant issues in order to inform strategic business planning and highlight "
            "potential risks",
            "Engagement with national and local working groups and networks to raise KCC profile, influence Government policy "
            "and get early warning of developments",
            "Maximising of value from regional and national networks.",
            "Strategic Business Advisors liaise closely with directorate management teams to share information on latest "
            "developments",
            "Engage where appropriate in pilot schemes to test and assess new initiatives",
        ],
    },
    {
        "ref": "BSS3", "title": "Maintaining a healthy and effective workforce across BSS through significant change",
        "cause": ("The BSS workforce plays a vital role in supporting the organisation to run effectively and efficiently. The "
                  "staff across the directorate need to be healthy, motivated and have the right skills to help the organisation "
                  "develop."),
        "event": ("Low morale or stress related to organisational change or other factors. Increased sickness levels. Failure to "
                  "develop the right skills in staff. Lack of depth / resilience in key staff. Ineffective workforce / "
                  "succession planning."),
        "consequence": "Negative impact on organisational effectiveness and service levels.",
        "owner": "Corporate Director Human Resources",
        "scores": ("Possible (3)", "Significant (4)", "Unlikely (2)", "Serious (4)"),  # Significant (4): as printed
        "rating": (12, 8),
        "controls": [
            "Attendance management policies and training for managers in place",
            "Wellbeing initiatives and health promotions for staff",
            "Employee Engagement Strategy",
            "Staff Care Services",
            "Coaching and mentoring network in place",
            "Managing stress at work policy",
            "Arrangements in place for active monitoring and response to absence",
            "Directorate Organisational Development Group established",
            "Directorate feeds in to KCC Training Plan",
        ],
    },
    {
        "ref": "BSS4", "title": "Utilisation of Enterprise Resource Planning and other transactional systems",
        "cause": ("KCC is dependent on the ongoing development and use of systems, such as those on the Oracle platform, to "
                  "maximise the efficiencies to be achieved from moving away from manual or less efficient processes and to aid "
                  "the concept of the 'self-sufficient manager' in KCC. Effective systems are also necessary to extract and "
                  "report on data for the purposes of making better, more informed decisions."),
        "event": ("That there is insufficient funding on an ongoing basis to maintain and further develop systems to the level "
                  "required. Key stakeholders do not engage with the processes supported by those systems and therefore systems "
                  "are not utilised."),
        "consequence": ("Development will cease/be reduced which will limit opportunities to replace manual and other less "
                        "efficient systems. This will result in more manual processes across the organisation limiting the "
                        "potential to achieve efficiencies. The availability and reliability of the data used for business "
                        "intelligence purposes could be compromised. KCC fails to improve efficiency of intelligence and makes "
                        "poor decisions."),
        "owner": ("Head of Business Intelligence Director of ICT Corporate Director Human Resources Corporate Director Finance & "
                  "Procurement"),
        "scores": ("Likely (4)", "Significant (3)", "Unlikely (2)", "Significant (3)"),
        "rating": (12, 6),
        "controls": [
            "Programme Governance arrangements in place, including ERP Sponsoring Group, Programme Board, dedicated Programme "
            "Manager and Project Management Capacity",
            "Budget Programme Board and Performance & Evaluation Board both monitor progress of the ERP Programme",
            "Communications & Training functions represented on ERP Sponsoring Group",
            "Licences and some hardware bought.",
            "Some in-house expertise available for development.",
            "Revenue and Capital funding available for Phase 2 development",
        ],
    },
    {
        "ref": "BSS5", "title": "Implementation of the New Work Spaces Programme",
        "cause": ("The New Work Spaces programme sets out to deliver refreshed office environments & smarter ways of working across "
                  "the organisation, acting as an enabler for change. The programme also has significant savings attached."),
        "event": ("The key interfaces across BSS are not identified or coherently brought together, which would make "
                  "implementation across the Authority more challenging or prevent successful programme delivery."),
        "consequence": ("The Organisation fails to engage with the programme. Programme objectives including more efficient "
                        "working practices, asset rationalisation and allocated savings not met, or not met on time."),
        "owner": "Director of Property & Infrastructure Corporate Director Human Resources Director of ICT",
        "scores": ("Possible (3)", "Serious (4)", "Unlikely (2)", "Serious (4)"),
        "rating": (12, 8),
        "controls": [
            "Robust programme management mechanisms – Programme Board and dedicated Programme Managers in place.",
            "Independent assurance being gained from monitoring by Corporate Programme Office and Budget Programme Board",
            "Interdependencies with other programmes being mapped",
            "A joint Business Strategy & Support vision for New Work Spaces developed",
        ],
    },
    {
        "ref": "BSS6", "title": "Directorate dependency on external relationships",
        "cause": ("Each of the BSS functions individually has external relationships on which they rely for cooperation to achieve "
                  "key aims of the Council."),
        "event": ("A service / function acts with an external body in a way that may hamper the relationship with that external "
                  "body."),
        "consequence": "External body withdraws cooperation with more than one service. Traded income may be affected.",
        "owner": "Directorate Management Team",
        "scores": (None, None, "*Risk assessment in progress", None),
        "rating": ("Risk assessment in progress", None),
        "controls": [
            "Business Strategy & Support Directorate Management Team meets frequently to discuss any relevant areas of concern",
        ],
    },
]

# The risks' actions, as printed: (risk, Action Title, Action Owner, Planned Completion Date).
KENT_ACTIONS: list[tuple[str, str, str, str]] = [
    ("BSS1", "Development of a Partnerships Policy and Register for KCC", "Head of Policy & Strategic Relationships", "December 2013"),
    ("BSS2", "Development of modelling capability within Business Intelligence to support improved forecasting",
     "Head of Business Intelligence", "March 2013"),
    ("BSS2", "Review of 2012/13 Business Planning process and development and QA of 2013/14 process.",
     "Head of Policy & Strategic Relationships", "March 2013"),
    ("BSS3", "Extension of the Employment Value Proposition (EVP) survey as part of the staff engagement programme",
     "Head of Employment Strategy", "June 2013 (review)"),
    ("BSS3", "Review of Wellbeing strategy with interested parties", "Organisation Effectiveness Manager", "TBC"),
    ("BSS3", "Ensure publicity available for managers to appreciate the tools associated with managing stress at work policy "
             "(through HR Communications Group)", "Head of Health & Safety", "Ongoing (June 2013 review)"),
    ("BSS3", 'Support the development and implementation of the "Because of You" staff engagement campaign',
     "Organisation Effectiveness Manager", "Ongoing (June 2013 review)"),
    ("BSS3", "Proactive monitoring of skill sets within key functions", "Directorate Management Team", "Ongoing (June 2013 review)"),
    ("BSS4", "Any further investment needed will be supported by a full business case detailing offsetting savings and "
             "efficiencies.", "Head of Business Intelligence", "July 2013 (review)"),
    ("BSS4", "Implementation of new joined-up communications plan.", "ERP Programme Manager", "January 2013"),
    ("BSS4", "Complete proof of Concept for Hi-Path data into Oracle Business Intelligence", "Corporate Performance Manager",
     "January 2013"),
    ("BSS4", "Provision of technology support for OBI dashboards", "ICT Programme Manager", "March 2013 (review)"),
    ("BSS4", "Refresh of Training programme", "ERP Programme Manager (to coordinate)", "March 2013"),
    ("BSS4", "Refresh of Oracle servers", "Director of ICT", "April 2013"),
    ("BSS4", "Continued development of Oracle self-service in accordance with project plan",
     "Head of Employment Strategy / Head of HR Business Centre", "By March 2014"),
    ("BSS5", "Establish appropriate arrangements across the Business Strategy & Support directorate for the roll out of the "
             "programme, including interconnections to HR and ICT work streams.", "Director of Property & Infrastructure Support",
     "By March 2014"),
    ("BSS5", "Undertake engagement and communication work with KCC staff on the programme and its impact",
     "Director of Property & Infrastructure Support", "By March 2014"),
    ("BSS5", "Manage the implications of any new governance arrangements required by the programme",
     "Director of Property & Infrastructure Support", "By March 2014"),
    ("BSS5", "Lead the 'people management' work streams of the programme, including communication / consultation, staff "
             "forecasting, change management, training for managers and staff and terms & conditions issues",
     "Head of Employment Strategy", "By March 2014"),
    ("BSS5", "Support the cultural implications and new work and management practices that the programme will require.",
     "Organisation Effectiveness Manager", "By March 2014"),
    ("BSS5", "Provide timely input of ICT strategy and delivery programme to facilitate new ways of working", "Director of ICT",
     "By March 2014"),
    ("BSS6", "Conduct mapping exercise of key external dependencies and decide next steps", "Directorate Management Team",
     "March 2013"),
    ("BSS6", "Introduction of specific Directorate Management Team item to check relevant external stakeholders when new "
             "initiatives / programmes are being devised.", "Directorate Management Team", "February 2013 onwards"),
]
KENT_ACTIONS_HEADER = ["Ref", "Directorate", "Action Title", "Action Owner", "Planned Completion Date"]


def kent_action_refs() -> list[str]:
    """'BSS1.1', 'BSS2.1', 'BSS2.2', ...: the Refs added to Kent's actions, in their order."""
    refs, count = [], {}
    for risk, *_ in KENT_ACTIONS:
        count[risk] = count.get(risk, 0) + 1
        refs.append(f"{risk}.{count[risk]}")
    return refs


def kent_register_rows(month: str = KENT_MONTH) -> list[list[Any]]:
    """The Risk register sheet: the titles, the header, one row per risk."""
    rows: list[list[Any]] = [[KENT], [KENT_TITLE], [month], [KENT_DRAFT], [KENT_NB], KENT_HEADER]
    for risk in KENT_RISKS:
        rows.append([risk["ref"], risk["title"], KENT_DIRECTORATE, risk["cause"], risk["event"], risk["consequence"], risk["owner"],
                     *risk["scores"], *risk["rating"], "; ".join(risk["controls"])])
    return rows


def kent_actions_rows(month: str = KENT_MONTH) -> list[list[Any]]:
    """The Actions sheet: the register's title and month, the header, one row per action."""
    rows: list[list[Any]] = [[KENT], [KENT_TITLE], [month], KENT_ACTIONS_HEADER]
    for ref, (_risk, action, owner, due) in zip(kent_action_refs(), KENT_ACTIONS, strict=True):
        rows.append([ref, KENT_DIRECTORATE, action, owner, due])
    return rows


def kent_register(month: str = KENT_MONTH) -> dict[str, list[list[Any]]]:
    """Kent's register as a workbook: {"Risk register": ..., "Actions": ..., "Scales": ...}."""
    return {"Risk register": kent_register_rows(month), "Actions": kent_actions_rows(month), "Scales": [list(r) for r in KENT_SCALES]}


# ----------------------------------------------------------------------------------------------------------------------
# Melton Borough Council: Central Services Service Plan 2012/13, section 5 Risk Management
# ----------------------------------------------------------------------------------------------------------------------

MELTON = "Council: Melton Borough Council"  # added (the plan prints "Melton Borough Council" on its cover)
MELTON_TITLE = "Central Services Service Plan 2012/13"
MELTON_CAPTION = "The table below sets out the key risks and the action being taken to manage them."
MELTON_ADDED_MONTH = "April 2012"  # NOT printed: added by us, the plan's first month, for the variant that loads
MELTON_HEADER = ["Risk No.", "Description", "Service", "Likelihood", "Impact"]

# The matrix's row labels (Probability, highest first) and column labels (impact, as printed left to right).
MELTON_PROBABILITY = ("A Very high", "B High", "C Significant", "D Low", "E Very Low", "F Almost impossible")
MELTON_IMPACTS = ("IV Negligible", "III Marginal", "II Critical", "I Catastrophic")
# Its cells as printed, blank cells left out: {(probability, impact): the printed cell}.
MELTON_GRID_PRINTED: dict[tuple[str, str], str] = {
    ("A Very high", "III Marginal"): "43",
    ("B High", "IV Negligible"): "16,18,20,23",
    ("B High", "III Marginal"): "21,22,33,46",
    ("B High", "II Critical"): "60",
    ("C Significant", "IV Negligible"): "15,17,",
    ("C Significant", "III Marginal"): "7, 11,19 38,42,51,55,62",
    ("C Significant", "II Critical"): "6,9,,41,54",
    ("D Low", "IV Negligible"): "14,48,68",
    ("D Low", "III Marginal"): "3,8,12, 39,45,49,52, 69",
    ("D Low", "II Critical"): "13, 36,44,47,56,61",
    ("E Very Low", "III Marginal"): "1, 34,67",
    ("E Very Low", "II Critical"): "2,4,5,10, 53, 57,58, 59, 63,64,65,66",
    ("F Almost impossible", "II Critical"): "50",
}
# Melton's scale, lowest first, for Settings (settings.set_risk_scale): the grid's words without their letters and numerals.
MELTON_LIKELIHOOD = "Almost impossible; Very Low; Low; Significant; High; Very high"
MELTON_IMPACT = "Negligible; Marginal; Critical; Catastrophic"
# Ours, not printed (the paper shades no cells): ratings run 1-24; Medium from 6 and High from 12 split them in about
# thirds, so that High is Significant x Critical (4 x 3 = 12) and above, or Very high x Marginal (6 x 2 = 12), and a
# Negligible impact is never High (at most 6 x 1 = 6).
MELTON_MEDIUM_FROM = 6
MELTON_HIGH_FROM = 12


def grid_numbers(printed: str) -> list[int]:
    """The risk numbers of a printed grid cell: '7, 11,19 38' -> [7, 11, 19, 38] (commas, spaces, or both; ',,' is one gap)."""
    return [int(number) for number in re.findall(r"\d+", printed)]


def melton_grid() -> dict[int, tuple[str, str]]:
    """{risk number: (probability label, impact label)}: where the grid prints each risk."""
    return {number: cell for cell, printed in MELTON_GRID_PRINTED.items() for number in grid_numbers(printed)}


# The register as printed, under its section headings: (Risk No., Description, the heading).
_MELTON_SECTIONS: dict[str, list[tuple[str, str]]] = {
    "Finance": [
        ("1.", "Unavailability of Oracle Financials & Small IT systems"),
        ("2.", "Poor investment"),
        ("3.", "Budget overspend"),
        ("4.", "Depletion in level of working balances"),
        ("5.", "Failure of Financial Contracts"),
        ("6.", "Uncertainty and risks over the future government funding following the Local Government Finance Bill and the "
               "resultant impact on the Council's finances"),
        ("7.", "Level of financial management awareness within the organisation"),
        ("8.", "Fraud or Corruption occurs"),
        ("9.", "Capacity to adequately support number and range of corporate initiatives as well as mainstream activities."),
        ("10.", "Failure of investment counterparties"),
        ("11.", "Lack of adequate reporting tool to support data requirements"),
    ],
    "Property /Legal /Procurement": [
        ("12.", "Assets that the Council is responsible for maintaining or owns, for example, bridges, of which the Council has no "
                "record become dangerous or a liability"),
        ("13.", "There could be insufficient budget for property maintenance at Waterfield Leisure pools or cattle market if there "
                "is failure of building fabric/ component due to age & condition"),
        ("14.", "Current economic climate continues to impact on planned property disposals resulting in impact on spend available "
                "for capital programme"),
        ("15.", "New maintenance & revenue liabilities are introduced over which the Council has no control or that have not been "
                "properly costed e.g. closed church yards/potential replacement wall at play close"),
        ("16.", "Service charge variations at Parkside may be necessary due to change in strategy or wrong assumptions being made"),
        ("17.", "Snagging issues are unresolved and disputed with Hallams at 12 month post -completion stage"),
        ("18.", "Market conditions result in failure to lease Phoenix House , Industrial Units and other commercial space"),
        ("19.", 'New systems and building management system at Parkside has "teething" problems'),
        ("20.", "Planned changes in service delivery for FM services lead to temporary dip in performance of services/ issues"),
        ("21.", "Legal services have insufficient capacity/skills or resources to deliver services -LS"),
        ("22.", "European Procurement changes may impact on resources-WPU"),
        ("23.", "Staffing changes impact on skills available - WPU"),
    ],
    "Change": [
        ("33.", "Conflicting Priorities,"),
        ("34.", "Operational split between ICT/Change undefined"),
        ("36.", "Organisational resistance to Change"),
        ("38.", "Vision is only partially converted into a meaningful strategy for support services"),
        ("39.", "Failure for services to adopt new processes defined"),
        ("41.", "Limited investment in change and technology"),
        ("42.", "Cultural integration across partners within Parkside is restrained"),
        ("43.", "Lack of meaningful process performance data on which to base changes"),
        ("44.", "Lack of meaningful customer data"),
        ("45.", "Impact of Socitm recommendations unknown"),
        ("46.", "Non-change activities can't be handed over to ICT or Services"),
        ("47.", "Failure to meet the achieving level of the Equalities Framework."),
    ],
    "Internal Audit": [
        ("48.", "As a shared service the influence exercised overall is limited which on occasions can lead to conflict of "
                "interests."),
        ("49.", "Following decision to cease buying in specialist IT support there may be short-term skill gaps."),
    ],
    "IT": [
        ("50.", "Major IT disaster affecting service delivery"),
        ("51.", "Lack of user (MBC/partners) ICT skills"),
        ("52.", "Reliance on Key Software Suppliers and their Systems"),
        ("53.", "Costs of emerging technology"),
        ("54.", "Lack of ICT Human Resources"),
        ("55.", "Lack of in depth ICT Skills"),
        ("56.", "Out of date ICT policies and procedures result in service disruption"),
        ("57.", "New shared infrastructure fails"),
        ("58.", "Programme management does not deliver outcomes"),
        ("59.", "Failure of external IT support arrangements"),
        ("60.", "Long term ICT service that meets the need of the organisation not within budget"),
        ("61.", "Parkside support and technical arrangements not fully in place"),
        ("62.", "VPN WAN may have insufficient bandwidth"),
        ("63.", "Remote access system has a single point of failure"),
        ("64.", "Internet connection has a single point of failure"),
        ("65.", "Virtual server SAN has a single point of failure"),
        ("66.", "Firewall is a single point of failure"),
        ("67.", "WiFi access has a single point of failure"),
        ("68.", "Lack of an Intruder Detection System may allow hackers to go undetected"),
        ("69.", "Oracle financials auditing is not enabled, inappropriate access may not be detected"),
    ],
}
MELTON_RISKS: list[tuple[str, str, str]] = [(no, text, service) for service, risks in _MELTON_SECTIONS.items() for no, text in risks]


def melton_register(as_at: str | None = None) -> dict[str, list[list[Any]]]:
    """Melton's register as a Risks sheet: as printed (no month: refused), or with an added title row `as_at`."""
    grid = melton_grid()
    rows: list[list[Any]] = [[MELTON], [MELTON_TITLE]]
    if as_at is not None:
        rows.append([as_at])  # NOT printed: see MELTON_ADDED_MONTH
    rows += [["SECTION 5 Risk Management"], [MELTON_CAPTION], MELTON_HEADER]
    for no, text, service in MELTON_RISKS:
        likelihood, impact = grid.get(int(no.rstrip(".")), (None, None))
        rows.append([no, text, service, likelihood, impact])
    return {"Risks": rows}


# ----------------------------------------------------------------------------------------------------------------------
# Sevenoaks District Council: Housing Strategy Action Plan (2012), January 2012
# ----------------------------------------------------------------------------------------------------------------------

SEVENOAKS = "Council: Sevenoaks District Council"  # added
SEVENOAKS_TITLE = "HOUSING STRATEGY ACTION PLAN (2012)"
SEVENOAKS_MONTH = "January 2012"  # printed on the plan's cover
SEVENOAKS_HEADER = ["Linked objective", "Action", "Lead", "Deadline", "Status"]
# Each objective's LEAD cell, as listed.
SEVENOAKS_LEADS = {
    "1": "HPM; DCM; PPM; HAs", "5": "HPM; HM; DCM; HAs", "6": "HPM; HM; DCM; HAs", "8": "HPM; DCM", "9": "HPM; DCM; PPM",
    "10": "HPM; DCM; PPM; HAs; PCs; ACRK; ERHA", "11": "HPM; DCM; HAs", "12": "HM; HAs; HPM", "13": "HM; HPM",
    "14": "HM; DCM; HPM; PPM", "15": "HM; HPM; HAs; In-Touch", "18": "HAS; ECO; HM; HPM",
}
# (objective NO, the action's words before "by", the deadline after it), as printed.
SEVENOAKS_ACTIONS: list[tuple[str, str, str]] = [
    ("1", "Agree target for 12/13", "11/12: Q4"),
    ("1", "Review tenure split in response to affordable rent tenure", "11/12: Q4"),
    ("5", "Review intermediate provision in response to affordable rent tenure", "12/13: Q2"),
    ("5", "Consider practical issues for intermediate rented housing", "12/13: Q2 (SHMA, p18, 1.16)"),
    ("6", "Work with Moat to enable the redevelopment of St Andrew's Court to provide mixed tenure choice for older people", "13/14"),
    ("6", "Undertake options appraisals in partnership with HAS for under-used and outdated social housing stock;", "12/13: Q4"),
    ("8", "To agree spending priorities with DC; develop criteria/procedures for best use of funds", "11/12: Q4"),
    ("9", "Review SHLAA for sites consistent with CS on completion of Allocations and Development DPD", "11/12: Q4"),
    ("10", "Complete 1 new scheme", "13/14: Q3"),
    ("10", "Develop operational procedure note with DC and Community Development (to cover initial project stages)", "12/13: Q2"),
    ("10", "Review S106 local letting criteria", "11/12: Q4"),
    ("10", "Continue to part-fund independent rural enabler post to 12/13 - to consider further funding from 13/14 onwards",
     "12/13: Q3"),
    ("10", "Consider reducing HAs to selected specialist partners", "11/12: Q4"),
    ("10", "Arrange a promotional rural tour of the District for parish councils, ward members and the HCA;", "11/12: Q4"),
    ("11", "Review Preferred Partner Agreement/membership; to consider new agreement", "11/12: Q4"),
    ("12", "Review each plan after 2-years - review and produce progress report on effectiveness of all plans to date", "12/13: Q4"),
    ("12", "Work with Kent Consortium to develop strategic tenant policy in response to coalition policy (affordable "
           "rent/flexible tenancies)", "13/14: Q2"),
    ("12", "Develop local sub-policy of Kent tenant policy", "13/14 Q2"),
    ("13", "Provide rent-in-advance and deposit bonds to enable access to the private rented sector; consider operating partner "
           "LA services to increase income", "12/13: Q4"),
    ("13", "Consider a private sector leasing scheme", "12/13"),
    ("14", "Provide 4 x new pitches at SDC site (external CLG funding secured and planning consent in place)", "11/12: Q4"),
    ("14", "Provide new amenity blocks for all new and existing pitches; upgrade electrical supply, fire safety equip and drainage",
     "11/12: Q4"),
    ("15", "Achieve full spend of remaining RHP programme", "11/12"),
    ("18", "Produce domestic sector element of upcoming climate change strategy", "12/13: Q2"),
    ("18", "Work with KCC to introduce and facilitate Green Deal", "12/13: Q3"),  # printed without "by"
]


def sevenoaks_actions() -> dict[str, list[list[Any]]]:
    """The Housing Strategy Action Plan's actions as an Actions sheet, Status blank (the plan gives none)."""
    rows: list[list[Any]] = [[SEVENOAKS], [SEVENOAKS_TITLE], [SEVENOAKS_MONTH], SEVENOAKS_HEADER]
    for objective, action, due in SEVENOAKS_ACTIONS:
        rows.append([objective, action, SEVENOAKS_LEADS[objective], due, None])
    return {"Actions": rows}


# ----------------------------------------------------------------------------------------------------------------------
# South Cambridgeshire District Council: IMPROVEMENT PLAN: ICT Service (draft), 2010/11
# ----------------------------------------------------------------------------------------------------------------------

SOUTH_CAMBS = "Council: South Cambridgeshire District Council"  # added, as tests/real_returns.SOUTH_CAMBS
SOUTH_CAMBS_TITLE = "IMPROVEMENT PLAN: ICT Service (draft)"
SOUTH_CAMBS_HEADER = ["COUNCIL Aim/ Approach # See Key", "Service Objective # See Key", "Supporting Objective",
                      "SMART* Actions or Milestones", "Completion by Month", "Officer"]
SOUTH_CAMBS_AIMS = "A i A iii A iv A v"
SOUTH_CAMBS_OBJECTIVES = "I 1 I 2 I 3 I 4"
# (Supporting Objective, SMART* Actions or Milestones, Completion by Month, Officer), as printed.
SOUTH_CAMBS_MILESTONES: list[tuple[str, str, str, str]] = [
    ("ICT Service Review implementation to ensure an effective, efficient and customer focussed service.",
     "Work to requirements of the ICT Service Review. Recognise the importance of customer expectations and ensure a positive "
     "experience. Develop internal process and procedure in support of the above. Customer satisfaction surveys November 2010 "
     "Post implementation review March 2011", "Mar 2011", "Head of ICT"),
    ("Continue to develop transactional services on the Councils web site.",
     "Where a viable business case is demonstrated, investigate and implement opportunities to deliver joined up ICT systems and "
     "services.", "Mar 2011", "ICT GIS and Information Manager"),
    ("Review DR arrangements",
     "Review current DR arrangements to ensure they are adequate but not over stated. Consider shared contract with other local "
     "Councils. Termination notice on existing service to be issued September 2010.", "Sept 2010", "ICT Support Services Manager"),
    ("CCN replacement discussions with County",
     "Ensure SCDC requirements are understood and catered for in discussions about CCN replacement. Use ICT Champions to engage "
     "with service areas and ensure required outcomes are understood and achievable.", "Mar 2011", "Head of ICT"),
    ("Desktop operating system upgrade",
     "Evaluate Windows 7, when SP1 is available. Use ICT Champions to engage with service areas and ensure required outcomes are "
     "understood and achievable.", "Mar 2011", "ICT Support Services Manager"),
    ("Server Virtualisation programme",
     "Complete the migration programme for the current servers. Remove all non essential servers from data centre and reduce "
     "power consumption and carbon footprint.", "Sep 2010", "ICT Support Services Manager"),
    ("Desktop virtualisation programme",
     "Define various group requirements, build environments and roll out to selected users as required. Use ICT Champions to "
     "engage with service areas and ensure required outcomes are understood and achievable.", "Dec 2010",
     "ICT Support Services Manager"),
    ("Replacement system – Housing", "Support the requirements for the introduction of a new Housing Management system.",
     "Mar 2011", "Head of ICT"),
]


def south_cambs_milestones() -> dict[str, list[list[Any]]]:
    """The ICT improvement plan's milestones as a Milestones sheet (no month printed)."""
    rows: list[list[Any]] = [[SOUTH_CAMBS], [SOUTH_CAMBS_TITLE], SOUTH_CAMBS_HEADER]
    for objective, milestone, month, officer in SOUTH_CAMBS_MILESTONES:
        rows.append([SOUTH_CAMBS_AIMS, SOUTH_CAMBS_OBJECTIVES, objective, milestone, month, officer])
    return {"Milestones": rows}
