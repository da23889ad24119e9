"""Writes the sample council's returns from the Sevenoaks DC Summary of 2012/13 Service Plans.

Run: python sample_data/make_sample_data.py   (rewrites the five .xlsx files beside it)

Budget and savings figures are transcribed exactly as printed (£000), including the paper's
"-" cells, blanks, TOTAL rows and the Legal & Democratic Services total that spans two
tables. Indicator values are illustrative (the paper prints only counts per band) and the
KPI workbook says so; their bands reproduce the paper's Part 3b counts. The monitoring and
capital figures (05-) are illustrative too, invented for the sample (the paper prints no
monthly monitoring); only their budgets are the paper's, and that workbook says so. Choices
made where the paper names things differently are listed in sample_data/README.md.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

try:
    from sample_data import make_sample_plans
except ModuleNotFoundError:  # run as a script: python sample_data/make_sample_data.py
    import make_sample_plans  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
COUNCIL = "Council: Sevenoaks District Council"
SOURCE = "Source: Summary of 2012/13 Service Plans, Services Select Committee"

EOS = "Environmental & Operational Services"
FHR = "Finance & HR"
HC = "Housing & Communications"
ITFM = "IT & Facilities Management"
LDS = "Legal & Democratic Services"
CD = "Community Development"
DS = "Development Services"

ENV = "Environment Select Committee"
SOC = "Social Affairs Select Committee"
SER = "Services Select Committee"

# Guidance page: Head of Service, Service, committees (with the part reviewed), aliases.
SERVICES = [
    (CD, "Community Planning & Safety", f"{SOC}", ""),
    (CD, "Health & Leisure", f"{SOC}", ""),
    (CD, "Regeneration & Youth (excl. Economic Development)", f"{SOC}", ""),
    (CD, "Economic Development", f"{ENV}", ""),
    (DS, "Development Control", f"{ENV}", ""),
    (DS, "Planning Policy", f"{ENV}", ""),
    (EOS, "Building Control", f"{ENV}", "Building Control Shared Management"),
    (EOS, "Direct Services", f"{ENV} (Street Cleaning); {SOC} (CCTV, Pest Control & WC's); {SER}",
     "Direct Services Shared Service (CCTV)"),
    (EOS, "Environmental Health", f"{ENV}; {SOC}", "Environmental Health Shared Service"),
    (EOS, "Licensing", f"{SER}", "Licensing Shared Service"),
    (EOS, "Parking & Amenity", f"{ENV}", "Parking & Amenity Shared Management"),
    (FHR, "Audit, Risk & Anti Fraud", f"{SER}", "Audit, Risk & Anti Fraud Shared Service"),
    (FHR, "Finance", f"{SER}", ""),
    (FHR, "Housing Benefits", f"{SER}", "Housing Benefits Shared Service"),
    (FHR, "Human Resources", f"{SER}", ""),
    (FHR, "Revenues", f"{SER}", "Revenues & Benefits; Local Tax Shared Service"),
    (HC, "Communications", f"{SER}", ""),
    (HC, "Housing Policy", f"{SER}", ""),
    (HC, "Private Housing", f"{SER}", ""),
    (HC, "Social Housing", f"{SER}", ""),
    (HC, "Private & Social Housing", "", ""),
    (ITFM, "Customer Services", f"{SER}", ""),
    (ITFM, "IT Services", f"{SER}", "IT"),
    (ITFM, "Facilities Management", f"{SER}", "Facilities Management Shared Service"),
    (LDS, "Democratic Services", f"{SER}", ""),
    (LDS, "Elections & Land Charges", f"{ENV} (Land Charges); {SER} (Elections)", ""),
    (LDS, "Legal Services", f"{SER}", ""),
    (LDS, "Policy & Performance", f"{SER}", ""),
    (LDS, "Property Services", f"{SER}", ""),
]
SERVICE_NOTES = {
    "Private & Social Housing": "The paper's budget and savings line for Private Housing and Social Housing together; "
                                "performance is reported for the two services separately.",
}

# Part 2b, as printed (£000): Budget 10/11, Budget 11/12, Budget 12/13.
BUDGET = [
    (EOS, "Building Control", 33, -69, -58),
    (EOS, "Direct Services", "4,311", "3,671", "3,662"),
    (EOS, "Environmental Health", 879, 706, 669),
    (EOS, "Licensing", 2, -11, -25),
    (EOS, "Parking & Amenity", "-1,372", "-1,624", "-1,711"),
    (FHR, "Audit, Risk & Anti Fraud", 152, 161, 139),
    (FHR, "Finance", "3,152", "2,711", "2,834"),
    (FHR, "Housing Benefits", 940, 664, 169),
    (FHR, "Human Resources", 493, 555, 633),
    (FHR, "Revenues", 280, 233, 154),
    (HC, "Communications", 158, 145, 145),
    (HC, "Housing Policy", 42, 39, 30),
    (HC, "Private & Social Housing", 821, 738, 699),
    (ITFM, "Customer Services", 507, 525, 461),
    (ITFM, "IT", "1,204", "1,115", "1,073"),
    (ITFM, "Facilities Management", 545, 516, 515),
    (LDS, "Democratic Services", 129, 89, 116),
    (LDS, "Elections & Land Charges", 136, 91, 77),
    (LDS, "Legal Services", 377, 295, 313),
    (LDS, "Policy & Performance", 25, 0.9, 6),
    (LDS, "Property Services", 686, 607, 466),
]

# Part 2c, as printed (£000): 2008 - 10, 2011/ 12, 2012/ 13, 2013/ 14, 2014/ 15. None is a blank cell.
SAVINGS = [
    (EOS, "Building Control", 67, 64, None, None, None),
    (EOS, "Direct Services", 456, 668, 16, None, 50),
    (EOS, "Environmental Health", 95, 150, None, None, None),
    (EOS, "Licensing", 35, 15, 15, None, None),
    (EOS, "Parking & Amenity", 484, 199, 13, 14, None),
    (None, "TOTAL", "1,137", "1,096", 44, 14, 50),
    (FHR, "Audit, Risk & Anti Fraud", 39, None, None, None, None),
    (FHR, "Finance", 388, 40, 50, None, None),
    (FHR, "Human Resources", 20, 41, None, 20, None),
    (FHR, "Revenues & Benefits", 123, 50, None, 30, None),
    (None, "TOTAL", 570, 131, 50, 50, "-"),
    (HC, "Communications", 29, None, 31, None, None),
    (HC, "Housing Policy", 32, 23, None, None, None),
    (HC, "Private & Social Housing", 170, 91, 38, None, None),
    (None, "TOTAL", 231, 114, 69, "-", "-"),
    (ITFM, "Customer Services", 0, None, 40, None, None),
    (ITFM, "IT", 211, 110, 50, 20, 60),
    (ITFM, "Facilities Management", 36, 70, 30, None, None),
    (None, "TOTAL", 247, 180, 120, 20, 60),
    (LDS, "Democratic Services", None, 37, None, None, None),
    (LDS, "Elections & Land Charges", None, -22, None, None, None),
    (LDS, "Legal Services", 30, 55, None, None, None),
    (None, "TOTAL", 30, 70, "-", "-", "-"),
    (LDS, "Policy & Performance", 58, 70, 15, None, None),
    (LDS, "Property Services", 88, 93, None, 75, None),
    (None, "Legal & Democratic Services Total", 176, 233, 15, 75, "-"),
]

# Part 1, as printed. Building Control, Environmental Health and Parking & Amenity have only a
# committee note in the paper's objectives cell, so no objectives are transcribed for them.
OBJECTIVES = {
    "Direct Services": [
        "Deliver Quality Services and Improve residents, businesses and stakeholder perception of services",
        "Help deliver the Council's ten year budget plan for relevant service areas and contribute to corporate savings",
        "Implement the agreed work streams of the Kent Waste Strategy",
        "Continue shared working in CCTV management and progress any opportunity for control room co-location",
    ],
    "Licensing": [
        "Manage and oversee the Licensing Partnership and contribute to annual efficiency savings",
        "Comply fully with the obligations under the Licensing Act 2003 and Gambling Act 2005",
        "Continue to develop the 'Centre for Excellence' for all Council licensing functions",
    ],
    "Audit, Risk & Anti Fraud": [
        "To give an assurance on the overall governance and internal control processes of the Council",
        "Provide support and guidance on the Council's Risk Management processes and hold and monitor the strategic Risk register and advice on Service Risks",
        "Continue to proactively seek out fraudulent benefit claims and apply relevant sanctions as appropriate.",
    ],
    "Finance": [
        "To produce the Council's year end accounts by 30 June 2012 with a high standard of working papers",
        "Produce a balanced 2013/14 budget in conjunction with all services",
        "To process, pay creditor invoices within payment terms where possible",
    ],
    "Housing Benefits": [
        "Ensure the successful implementation of Council Tax Support scheme",
        "Ensure performance is maintained and targets met",
        "Actively encourage those eligible to claim",
        "Continue to actively seek out fraudulent claims and ensure appropriate sanctions are applied in conjunction with the Fraud Team",
    ],
    "Human Resources": [
        "Effective HR policies and procedures",
        "Have an engaged workforce",
        "Introduce initiatives to reduce sickness absence",
    ],
    "Local Tax Shared Service": [
        "Ensure the successful implementation of the Council Tax support scheme incorporating the technical reforms to Council Tax",
        "Deliver the planned savings from joint working for 2012/13, with particular emphasis on promoting self-service by customers",
        "Ensure the successful implementation of the Business Rate Deferral scheme",
    ],
    "Communications": [
        "Produce an annual Communications Strategy and Action Plan",
        "Manage and maintain the Council website and offer support to the website editors as necessary",
        "Produce and deliver three or four copies of In Shape magazine and other corporate publications including the Council Tax and Business Rates leaflets",
        "Deliver two major campaigns during the year",
    ],
    "Housing Policy": [
        "Enable the development of affordable housing",
        "Develop the District Council's Housing Strategy",
        "Oversee the delivery of Climate Local Kent",
        "Deliver the West Kent Local Investment Plan",
    ],
    "Private Housing": [
        "To deliver a proactive advice, education and enforcement service to maximise the number of private sector homes that conform to the Housing Act 2004 and achieve the Decent Homes Standard",
        "To sustain homes and communities through the provision of energy efficiency advice and grants",
        "Undertake inspections of the Districts mobile homes parks and enforce and update licence conditions",
    ],
    "Social Housing": [
        "Maximise homelessness prevention by providing an enhanced housing options service",
        "Pursue shared working to maximise resources for homelessness and the housing register",
        "To identify new delivery arrangements for the Sevenoaks District Housing Register",
        "To produce a local Tenancy strategy with Housing Policy",
    ],
    "IT": [
        "Review and implement a sustainable IT Asset Maintenance programme",
        "Delivering the IT Strategy",
        "Maintain a fit for purpose technical infrastructure",
        "Ensure the security of the Council's ICT infrastructure",
        "Progress Shared Working",
    ],
    "Facilities Management Shared Service": [
        "Contribute to ensuring that the Argyle Road building is a safe environment for staff and team members to work in.",
        "Continue to identify ways to assist the organisation in achieving its financial savings and targets",
        "Comply with procurement requirements",
        "Print Studio to increase their external revenue through word of mouth but ensure keep within organisational guidelines",
    ],
    "Customer Services": [
        "Seek out improvements in procedures, practices and technology to improve efficiency and extend scope of Contact Centre activity",
        "Improve Council understanding of customer requirements, delivering positive outcomes and service improvements from improved customer insight",
        "Drive customer behaviour to shift customers from expensive to more cost effective channels (e.g. web self service / telephony automation) whilst also providing extended customer choices",
        "Achieve budget savings whilst maintaining achievement of our performance targets",
    ],
    "Democratic Services": [
        "Ensuring that the Council's decision making processes are lawful, effective and robust",
        "Responding to legislative change and seizing opportunities to exploit best practice especially the Localism Act 2011.",
        "Providing an effective committee administration service including the timely production and circulation of agendas, papers and minutes of a high standard",
        "Introduction of a new petitions scheme.",
    ],
    "Elections & Land Charges": [
        "Provide accurate local land charges searches and respond to all local land charges searches within target times",
        "Conduct elections, by elections and referendums",
        "Accurately and promptly process all monthly amendments to the register of electors",
        "Undertake an accurate canvass of the electorate (residential properties)",
    ],
    "Legal Services": [
        "Legal Services to provide prompt and accurate level advice in response to full and proper instructions from client services",
        "Legal Services in conjunction with the Head of Legal and Committee Services to ensure that client services are aware of and respond appropriately to significant new legislation/case law that applies to local authorities",
        "To establish a close, effective working relationship with our client services, focussing on and tailoring to achieving each individual client services' business objectives and corporate performance objectives",
        "Protecting the corporate interest and maintaining high standards of probity and ethical governance",
    ],
    "Policy & Performance": [
        "Contribute to communicating and measuring progress against the Councils objectives following the publication of the Leaders Vision",
        "Positively influence Council strategy and decision making through the provision of high quality advice on Policy matters",
        "Provide high quality, responsive and effective support to Council services and Council projects",
        "Deliver an efficient, effective and timely performance management framework, ensuring that Covalent is used to its fullest potential",
    ],
    "Property Services": [
        "Delivery of the asset management action plan",
        "Delivery of the property review action plan",
        "To ensure that all corporate property complies with relevant legislative and regulatory requirements",
        "To maintain a safe and appropriate working environment in corporate properties",
    ],
}

# Part 3c, as printed (Finance & HR's line repeats Environmental & Operational Services' name in the paper).
RISKS = [
    (EOS, "", "", "There are currently no significant budget risks in Environmental & Operational Services."),
    (FHR, "", "", "There are currently no significant budget risks in Environmental & Operational Services."),
    (HC, "", "Housing - Homeless", "Expenditure on Bed and Breakfast accommodation is at risk of being over budget as the "
     "Council sees an increasing demand for the temporary accommodation due to the recession."),
    (ITFM, "", "", "There are currently no significant budget risks in IT & Customer Services."),
    (LDS, "Elections & Land Charges", "Land Charges", "Income continues to be affected by the depressed state of the housing market."),
    (LDS, "", "", "There are currently no significant budget risks in Policy & Performance or Property Services."),
]

# Illustrative indicators. Columns: code, indicator, service (as the paper's Part 3b names it),
# unit, polarity, tolerance, target, July 2012 actual, August 2012 actual, commentary,
# override, override reason. A float with PCT formats the cell as a percentage (0.94 shows 94%).
PCT = "pct"
KPIS = [
    ("BC01", "Building regulation applications checked within 10 working days", "Building Control", "%", "", "",
     "90%+", (0.91, PCT), (0.94, PCT), "", "", ""),
    ("BC02", "Building control fee income against profiled budget", "Building Control", "%", "", "",
     "100%", "97.8%", "101.5%", "", "", ""),
    ("DS01", "Residual household waste per household", "Direct Services", "kg", "Lower is better", "",
     560, 548, 541, "", "", ""),
    ("DS02", "Missed bin collections per 100,000 collections", "Direct Services", "", "", "",
     "<80", 71, 62, "", "", ""),
    ("DS03", "Streets with unacceptable levels of litter", "Direct Services", "%", "", "",
     "max 6%", "5%", "4%", "", "", ""),
    ("DS04", "CCTV cameras operational", "Direct Services", "%", "", "",
     "98%+", "99.4%", "99.1%", "", "", ""),
    ("DS05", "Household waste recycled and composted", "Direct Services", "%", "", "5%",
     "35%+", "32.9%", "33.6%", "Garden waste tonnages below forecast after the dry summer.", "", ""),
    ("DS06", "Fly-tipping incidents cleared within 2 working days", "Direct Services", "%", "", "",
     "95%", "83%", "81%", "Two crew vacancies since June; agency cover from September.", "", ""),
    ("DS07", "Pest control visits within 5 working days", "Direct Services", "%", "", "",
     "90%", "88.2%", "78.4%*", "*One officer on long-term sick leave in August.", "", ""),
    ("DS08", "Public conveniences meeting the cleaning standard", "Direct Services", "%", "", "",
     "100%", "91%", "88%", "Contractor issued with a default notice.", "", ""),
    ("DS09", "Cost of street cleansing per household", "Direct Services", "£", "", "",
     "<£22", "£24.10", "£25.40", "Fuel and disposal costs above budget.", "", ""),
    ("EH01", "Food premises inspections due that were completed", "Environmental Health", "%", "", "",
     "100%", "100%", "100%", "", "", ""),
    ("EH02", "Noise complaints responded to within 3 working days", "Environmental Health", "%", "", "",
     "95%", "89%", "84%", "Complaints up 30% in the summer months.", "", ""),
    ("LI01", "Licence applications processed within 28 days", "Licensing", "%", "", "",
     "95%+", "96%", "97%", "", "", ""),
    ("LI02", "Licensee satisfaction score (out of 4)", "Licensing", "score", "", "",
     "3.4+", "3.2 (5 returned)", "3.07 (2 returned)", "Only two survey returns in August.", "", ""),
    ("PA01", "Penalty charge notices cancelled on appeal", "Parking & Amenity", "%", "", "",
     "<5%", "3.9%", "3.2%", "", "", ""),
    ("AR01", "Audit plan days delivered", "Audit, Risk & Anti Fraud", "%", "", "",
     "90%", "88.70%", "92.28%", "", "", ""),
    ("FI01", "Creditor invoices paid within 30 days", "Finance", "%", "", "",
     "98%", "89.9%", "86.5%", "Year-end closedown delayed invoice processing; recovery plan in place.", "", ""),
    ("HB01", "Average days to process new benefit claims", "Housing Benefits", "days", "Lower is better", "",
     20, 24.1, 26.5, "Backlog after the system upgrade; reported to Services Select Committee.", "", ""),
    ("HB02", "Average days to process changes of circumstances", "Housing Benefits", "days", "", "",
     "<12", 13.4, 12.9, "Improving as the backlog clears.", "", ""),
    ("HR01", "Working days lost to sickness per FTE (rolling 12 months)", "Human Resources", "days", "Lower is better", "",
     8, 6.5, 6.2, "", "", ""),
    ("HR02", "Staff turnover (rolling 12 months)", "Human Resources", "%", "", "",
     "10%", "9.1%", "TBC", "August figure awaits the payroll run.", "", ""),
    ("LT01", "Council tax collected in year (cumulative)", "Revenues", "%", "", "",
     "98.5%", "98.6%", "98.7%", "", "", ""),
    ("LT02", "Business rates collected in year (cumulative)", "Revenues", "%", "", "",
     "98%", "97.9%", "98.1%", "", "", ""),
    ("CO01", "Residents' view of the Council website", "Communications", "", "", "",
     "Positive feedback", "Not recorded", "Not recorded", "Survey not run this year.", "", ""),
    ("HP01", "Affordable homes delivered (year to date)", "Housing Policy", "homes", "", "",
     "at least 20", 21, 24, "", "", ""),
    ("HP02", "Climate Local Kent commitments signed", "Housing Policy", "", "", "",
     "YES", "No", "No", "Awaiting Cabinet approval in October.", "", ""),
    ("PH01", "Private sector homes made decent", "Private Housing", "homes", "", "",
     15, 14, 17, "", "", ""),
    ("PH02", "Disabled facilities grants completed within 20 weeks", "Private Housing", "%", "", "",
     "80%", (0.66, PCT), (0.62, PCT), "Occupational therapy assessments delayed by Kent County Council.", "", ""),
    ("SH01", "Homelessness cases prevented", "Social Housing", "cases", "", "",
     "30+", 35, 41, "", "", ""),
    ("SH02", "Households in bed and breakfast (average)", "Social Housing", "households", "", "",
     "<12", 11, 9, "", "", ""),
    ("SH03", "Housing register applications processed within 10 days", "Social Housing", "%", "", "",
     "90%", "92%", "93%", "", "", ""),
    ("CS01", "Calls answered within 20 seconds", "Customer Services", "%", "", "",
     "80%", "82%", "84%", "", "", ""),
    ("CS02", "Calls abandoned", "Customer Services", "%", "", "",
     "<8%", "6.3%", "5.1%", "", "", ""),
    ("CS03", "Customer satisfaction with the contact centre", "Customer Services", "%", "", "",
     "90%+", "93%", "95%*", "*Sample of 212 callers.", "", ""),
    ("IT01", "IT helpdesk calls resolved at first contact", "IT", "%", "", "",
     "70%", "71%", "66%", "Two analysts on the Windows 7 roll-out in August.", "", ""),
    ("FM01", "Office space per FTE", "Facilities Management", "sq m", "", "",
     "<12 sq m", "11.5sq m", "11.3sq m", "", "", ""),
    ("DM01", "Committee agendas published five clear working days before the meeting", "Democratic Services", "%", "", "",
     "100%", "100%", "100%", "", "", ""),
    ("DM02", "Draft minutes issued within 10 working days", "Democratic Services", "%", "", "",
     "95%", "94%", "96%", "", "", ""),
    ("DM03", "New petitions scheme in place", "Democratic Services", "", "", "",
     "Yes", "No", "Yes", "", "", ""),
    ("EL01", "Land charges searches returned within 10 working days", "Elections & Land Charges", "%", "", "",
     "85", "86.2", "74.9", "Two searches held for missing information.", "Amber",
     "Not a true Red: August figures lag because two searches were held for missing information; July was on target."),
    ("LS01", "Client satisfaction with legal advice", "Legal Services", "%", "", "",
     "90%+", "95%", "94%", "", "", ""),
    ("LS02", "Standard legal documents completed within 15 working days", "Legal Services", "%", "", "",
     "90%", "90%", "91%", "", "", ""),
    ("LS03", "Planning agreements completed within 8 weeks", "Legal Services", "%", "", "",
     "80%", "83%", "85%", "", "", ""),
    ("PP01", "Covalent performance updates completed by the deadline", "Policy & Performance", "%", "", "",
     "95%", "97%", "100%", "", "", ""),
]
KPI_DIRECTORATE = {service: directorate for directorate, service, *_ in SERVICES}
KPI_DIRECTORATE.update({"IT": ITFM})


# Illustrative in-year monitoring (05-), £000. The paper prints no monthly monitoring: every figure here is
# invented except each line's budget, which is the service's 2012/13 net budget from BUDGET above.
MONITORING_MONTHS = ("Apr 2012", "May 2012", "Jun 2012", "Jul 2012", "Aug 2012")
MONTHS_ELAPSED = dict(zip(MONITORING_MONTHS, range(1, 6), strict=True))
# Service (as BUDGET names it): its forecast variance each month (None: no line that month).
MONITORING_VARIANCES = {
    "Building Control": (0, 0, -2, -2, -3),
    "Direct Services": (10, 25, 40, 60, 85),
    "Environmental Health": (0, -5, -5, -8, -8),
    "Licensing": (0, 0, 0, 0, 0),
    "Parking & Amenity": (-10, -20, -30, -45, -60),
    "Audit, Risk & Anti Fraud": (0, 0, 0, -2, -2),
    "Finance": (0, -5, -5, -10, -10),
    "Housing Benefits": (0, 2, 4, 6, 8),
    "Human Resources": (0, 0, -3, -3, -5),
    "Revenues": (0, 0, 0, 0, 0),
    "Communications": (0, 0, None, 0, -2),
    "Housing Policy": (0, 0, 0, 0, 0),
    "Private & Social Housing": (5, 15, 25, 40, 60),
    "Customer Services": (0, -2, -4, -6, -8),
    "IT": (0, 0, 0, 5, 5),
    "Facilities Management": (0, 0, 0, -3, -3),
    "Democratic Services": (0, 0, 0, 0, 0),
    "Elections & Land Charges": (0, 2, 2, 3, 3),
    "Legal Services": (0, 0, -5, -5, -5),
    "Policy & Performance": (0, 0, 0, 0, 0),
    "Property Services": (0, -2, -2, -5, -8),
}
# Service: {month: (management action, commentary)}, where a line says more than its figures.
_BB = ("Bed and breakfast use above the budgeted average of 6 households (11 in July, 9 in August) and stays are "
       "longer; the forecast assumes August's level to March. The budget risk named in the service plan (Part 3c).")
_BB_ACTION = ("Two council-leased homes converted to temporary accommodation from October; every B&B placement "
              "reviewed weekly; prevention fund targeted at families.")
_FUEL = "Fuel and disposal costs above budget."
_FUEL_ACTION = "Rounds re-routed from October to cut mileage; disposal tonnages under review with Kent County Council."
MONITORING_TEXTS = {
    "Direct Services": {"Apr 2012": (None, _FUEL), "May 2012": (None, _FUEL), "Jun 2012": (_FUEL_ACTION, _FUEL),
                        "Jul 2012": (_FUEL_ACTION, _FUEL + " Diesel up 6p a litre since the budget was set."),
                        "Aug 2012": (_FUEL_ACTION, _FUEL + " Diesel up 6p a litre since the budget was set.")},
    "Parking & Amenity": {month: (None, "Car park income above budget: season tickets and Saturday use up.")
                          for month in MONITORING_MONTHS},
    "Housing Benefits": {month: (None, "Agency staff clearing the new claims backlog after the system upgrade.")
                         for month in MONITORING_MONTHS[1:]},
    "Private & Social Housing": {"Apr 2012": (None, "Bed and breakfast use above the budgeted level."),
                                 "May 2012": (None, "Bed and breakfast use above the budgeted level."),
                                 "Jun 2012": (None, _BB), "Jul 2012": (_BB_ACTION, _BB), "Aug 2012": (_BB_ACTION, _BB)},
    "Elections & Land Charges": {month: (None, "Land charges search income below budget: the housing market is still depressed.")
                                 for month in MONITORING_MONTHS[1:]},
    "IT": {month: (None, "Contractor days on the Windows 7 roll-out above budget.") for month in MONITORING_MONTHS[3:]},
    "Communications": {"Aug 2012": (None, "No return in June (officer on leave).")},
}
MONITORING_DIRECTORATE = {service: directorate for directorate, service, *_ in BUDGET}

# Illustrative capital programme at August 2012 (05-), £000: scheme, directorate, service, total budget, budget this
# year, spend to date, forecast this year, forecast total, slippage, officer RAG, reason.
CAPITAL = [
    ("Sevenoaks Leisure Centre: roof and pool plant", CD, "Health & Leisure", 850, 600, 150, 420, 850, 180, "Amber",
     "Roof works re-tendered; the contractor now starts in January, so £180k slips to 2013/14."),
    ("Refuse and street cleansing vehicle replacement", EOS, "Direct Services", "1,200", 400, 310, 400, "1,200", None, None, None),
    ("Car park resurfacing: Buckhurst 2", EOS, "Parking & Amenity", 250, 250, 40, 280, 280, None, "Red",
     "Drainage defects found under the old surface: £30k more, to be met from the car parks reserve (Cabinet, October)."),
    ("Disabled facilities grants", HC, "Private Housing", 700, 700, 215, 700, 700, None, "Amber",
     "Occupational therapy assessments delayed by Kent County Council; grants approved but not yet paid."),
    ("Affordable housing grants to housing associations", HC, "Housing Policy", 500, 250, 60, 250, 500, None, None, None),
    ("ICT: Windows 7 roll-out and server replacement", ITFM, "IT Services", 320, 320, 190, 300, 300, None, "Green",
     "Licences bought for less than budgeted; £20k saving."),
    ("Argyle Road offices: boiler replacement", ITFM, "Facilities Management", 180, 180, 0, 30, 180, 150, "Amber",
     "Moved to summer 2013 to avoid the heating season; £150k slips to 2013/14."),
]


def _bold_row(sheet, row: int) -> None:  # type: ignore[no-untyped-def]
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _fixed_times(workbook: Workbook) -> Workbook:
    workbook.properties.creator = "Sightline sample data"
    workbook.properties.created = datetime(2012, 9, 1)
    workbook.properties.modified = datetime(2012, 9, 1)
    return workbook


def services_workbook() -> Workbook:
    workbook = _fixed_times(Workbook())
    sheet = workbook.active
    sheet.title = "Services"
    sheet.append([COUNCIL])
    sheet.append([f"Services, Heads of Service and select committees ({SOURCE}, Guidance Page)"])
    sheet.append([])
    sheet.append(["Head of Service", "Service", "Reviewed by", "Also known as", "Notes"])
    _bold_row(sheet, 4)
    for directorate, service, committees, aliases in SERVICES:
        sheet.append([directorate, service, committees or None, aliases or None, SERVICE_NOTES.get(service)])
    objectives = workbook.create_sheet("Objectives")
    objectives.append([COUNCIL])
    objectives.append(["Part 1: Key Service Objectives 2012/13"])
    objectives.append(["Service", "Key service objective"])
    _bold_row(objectives, 3)
    for service, texts in OBJECTIVES.items():
        for text in texts:
            objectives.append([service, text])
    risks = workbook.create_sheet("Risks")
    risks.append([COUNCIL])
    risks.append(["Part 3c: Budget Risks 2012/13"])
    risks.append(["Head of Service", "Service", "Heading", "Budget risk"])
    _bold_row(risks, 3)
    for row in RISKS:
        risks.append([value or None for value in row])
    return workbook


def budget_workbook() -> Workbook:
    workbook = _fixed_times(Workbook())
    sheet = workbook.active
    sheet.title = "Budget"
    sheet.append([COUNCIL])
    sheet.append(["Part 2b: Resources – 2012/13 Budget (£,000)"])
    sheet.append([SOURCE])
    sheet.append(["Head of Service", "Service", "Budget 10/11", "Budget 11/12", "Budget 12/13"])
    _bold_row(sheet, 4)
    for row in BUDGET:
        sheet.append(list(row))
    return workbook


def savings_workbook() -> Workbook:
    workbook = _fixed_times(Workbook())
    sheet = workbook.active
    sheet.title = "Savings"
    sheet.append([COUNCIL])
    sheet.append(["Part 2c: Resources – Savings Plan (£ 000)"])
    sheet.append([SOURCE])
    sheet.append(["Head of Service", "Service", "2008 - 10", "2011/ 12", "2012/ 13", "2013/ 14", "2014/ 15"])
    _bold_row(sheet, 4)
    for row in SAVINGS:
        sheet.append(list(row))
        if row[0] is None:
            _bold_row(sheet, sheet.max_row)
    return workbook


def kpi_workbook() -> Workbook:
    workbook = _fixed_times(Workbook())
    sheet = workbook.active
    sheet.title = "KPIs"
    sheet.append([COUNCIL])
    sheet.append(["Local performance indicators, July and August 2012"])
    sheet.append(["ILLUSTRATIVE VALUES: the paper prints only the number of indicators in each band (Part 3b); "
                  "these indicators and values are made up so that each service's bands reproduce those counts."])
    header = ["Code", "Indicator", "Head of Service", "Service", "Period", "Unit", "Polarity", "Tolerance",
              "Target", "Actual", "Commentary", "Override", "Override reason"]
    sheet.append(header)
    _bold_row(sheet, 4)
    for code, name, service, unit, polarity, tolerance, target, july, august, commentary, override, reason in KPIS:
        for period, actual, note in (("Jul 2012", july, ""), ("Aug 2012", august, commentary)):
            is_august = period == "Aug 2012"
            values = [code, name, KPI_DIRECTORATE[service], service, period, unit or None, polarity or None,
                      tolerance or None, target, None, note or None,
                      (override or None) if is_august else None, (reason or None) if is_august else None]
            sheet.append(values)
            actual_cell = sheet.cell(row=sheet.max_row, column=header.index("Actual") + 1)
            if isinstance(actual, tuple):
                actual_cell.value = actual[0]
                actual_cell.number_format = "0%"
            else:
                actual_cell.value = actual
    about = workbook.create_sheet("About")
    about.append(["About this return"])
    about.append(["The indicator values in this workbook are illustrative, not Sevenoaks District Council's figures."])
    about.append(["The Summary of 2012/13 Service Plans prints only counts of Green, Amber and Red indicators per service "
                  "(Part 3b, at August 2012); the August values here reproduce those counts exactly."])
    return workbook


MONEY_FORMAT = "#,##0;(#,##0)"


def _number(printed: object) -> int:
    """A figure as printed ("3,662", -58) as a number for a cell."""
    return int(str(printed).replace(",", ""))


def _actual_to_date(budget: int, variance: int, month: str) -> int:
    """An even profile of the forecast outturn to the end of the month, to the nearest £000 (halves away from zero)."""
    numerator = (budget + variance) * MONTHS_ELAPSED[month]
    whole, remainder = divmod(abs(numerator) * 2 + 12, 24)
    return whole if numerator >= 0 else -whole


def monitoring_budgets() -> dict[str, int]:
    """The Monitoring sheet's budget per service: the Budget sheet's 2012/13 figure, £000."""
    return {service: _number(budget_12_13) for _directorate, service, _b10, _b11, budget_12_13 in BUDGET}


def monitoring_workbook() -> Workbook:
    workbook = _fixed_times(Workbook())
    sheet = workbook.active
    sheet.title = "Monitoring"
    sheet.append([COUNCIL])
    sheet.append(["Revenue budget monitoring 2012/13: forecast outturn, April to August 2012 (£000)"])
    sheet.append(["ILLUSTRATIVE FIGURES: Sevenoaks' papers print no monthly monitoring; these forecasts, variances and "
                  "actuals are invented for the sample. Each budget is the service's 2012/13 net budget as printed (Part 2b)."])
    header = ["Directorate", "Service", "Period", "Budget", "Actual to date", "Forecast outturn", "Variance",
              "Management action", "Commentary"]
    sheet.append(header)
    _bold_row(sheet, 4)
    budgets = monitoring_budgets()
    for index, month in enumerate(MONITORING_MONTHS):
        for service, variances in MONITORING_VARIANCES.items():
            variance = variances[index]
            if variance is None:
                continue
            budget = budgets[service]
            action, commentary = MONITORING_TEXTS.get(service, {}).get(month, (None, None))
            sheet.append([MONITORING_DIRECTORATE[service], service, month, budget, _actual_to_date(budget, variance, month),
                          budget + variance, variance, action, commentary])
            for column in range(4, 8):
                sheet.cell(row=sheet.max_row, column=column).number_format = MONEY_FORMAT
    capital = workbook.create_sheet("Capital")
    capital.append([COUNCIL])
    capital.append(["Capital programme 2012/13: monitoring at August 2012 (£000)"])
    capital.append(["ILLUSTRATIVE FIGURES: invented for the sample; Sevenoaks' papers print no capital monitoring."])
    capital.append(["Scheme", "Directorate", "Service", "Period", "Total budget", "Budget this year", "Spend to date",
                    "Forecast this year", "Forecast total", "Slippage", "RAG", "Reason"])
    _bold_row(capital, 4)
    for scheme, directorate, service, *figures, rag, reason in CAPITAL:
        capital.append([scheme, directorate, service, "Aug 2012",
                        *(None if figure is None else _number(figure) for figure in figures), rag, reason])
        for column in range(5, 11):
            capital.cell(row=capital.max_row, column=column).number_format = MONEY_FORMAT
    about = workbook.create_sheet("About")
    about.append(["About this return"])
    about.append(["The monitoring and capital figures in this workbook are illustrative, invented for the sample: they are "
                  "not Sevenoaks District Council's figures."])
    about.append(["Sevenoaks' papers print no monthly monitoring. Only the budgets are the paper's: each service's budget on "
                  "the Monitoring sheet is its 2012/13 net budget as printed in the Summary of 2012/13 Service Plans (Part 2b)."])
    about.append(["The story: most services close to budget; overspends growing month on month in Direct Services (fuel and "
                  "disposal) and Housing Benefits (agency staff), and in Private & Social Housing (bed and breakfast), Red from "
                  "July; car park income above budget; Communications sent no line for June."])
    return workbook


def plans_workbook() -> Workbook:
    """The illustrative risk register and the Housing Strategy Action Plan's progress (make_sample_plans.py)."""
    return make_sample_plans.plans_workbook(_fixed_times)


def main() -> None:
    for name, build in (
        ("01-services-and-plans-2012-13.xlsx", services_workbook),
        ("02-budget-2012-13.xlsx", budget_workbook),
        ("03-savings-plan-2012-13.xlsx", savings_workbook),
        ("04-kpis-aug-2012.xlsx", kpi_workbook),
        ("05-monitoring-apr-aug-2012.xlsx", monitoring_workbook),
        ("06-risks-and-actions-aug-2012.xlsx", plans_workbook),
    ):
        build().save(HERE / name)
        print(f"wrote sample_data/{name}")


if __name__ == "__main__":
    main()
